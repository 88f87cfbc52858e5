/* client.c - a raw HTTP client for the malformed-request tests of
 * `slant serve` (tests/serve/run.sh), for what curl will not send:
 *
 *   client PORT send [HALFCLOSE]
 *       sends standard input as it is (a request with a body shorter than
 *       its Content-Length, a huge header, a garbage request line); with
 *       HALFCLOSE 1 then shuts its sending side. Prints the status line of
 *       the answer, or "closed" when the server closed without one, or
 *       "no answer" after 10 seconds.
 *   client PORT slow GAP_MS COUNT
 *       sends standard input (a request's head), then COUNT body bytes,
 *       one every GAP_MS milliseconds, until the server closes the
 *       connection. Prints "closed after S s, N bytes sent" or
 *       "not closed after N bytes".
 *
 * Exit status 0 whenever the exchange ran, 2 on a usage or connect error. */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int connect_to(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_port = htons((unsigned short)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        perror("client: connect");
        exit(2);
    }
    return fd;
}

static char *read_stdin(size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    ssize_t k;
    while (buf && (k = read(0, buf + n, cap - n)) > 0) {
        n += (size_t)k;
        if (n == cap) {
            char *p = realloc(buf, cap *= 2);
            if (!p)
                free(buf);
            buf = p;
        }
    }
    if (!buf) {
        fputs("client: out of memory\n", stderr);
        exit(2);
    }
    *len = n;
    return buf;
}

/* Sends what it can; 0 when all went, -1 when the peer is gone. */
static int send_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        p += k, n -= (size_t)k;
    }
    return 0;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Prints the answer's status line, or why there is none. */
static void print_answer(int fd)
{
    char line[256];
    size_t n = 0;
    struct pollfd p = {fd, POLLIN, 0};
    while (n < sizeof line - 1) {
        if (poll(&p, 1, 10000) <= 0) {
            puts(n ? "partial answer" : "no answer");
            return;
        }
        ssize_t k = recv(fd, line + n, 1, 0);
        if (k <= 0)
            break;
        if (line[n] == '\r' || line[n] == '\n')
            break;
        n++;
    }
    line[n] = '\0';
    puts(n ? line : "closed");
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fputs("usage: client PORT send [HALFCLOSE] | client PORT slow GAP_MS COUNT\n", stderr);
        return 2;
    }
    int port = atoi(argv[1]);
    size_t len;
    char *req = read_stdin(&len);
    int fd = connect_to(port);
    if (strcmp(argv[2], "send") == 0) {
        if (send_all(fd, req, len) == 0 && argc > 3 && atoi(argv[3]))
            shutdown(fd, SHUT_WR);
        print_answer(fd);
    } else if (strcmp(argv[2], "slow") == 0 && argc == 5) {
        long gap = atol(argv[3]), count = atol(argv[4]);
        double t0 = now();
        long sent = 0;
        int closed = send_all(fd, req, len) != 0;
        while (!closed && sent < count) {
            struct pollfd p = {fd, POLLIN, 0};
            if (poll(&p, 1, (int)gap) > 0) {
                closed = 1; /* an answer or the end: either way it stopped waiting */
                break;
            }
            if (send_all(fd, "x", 1) != 0)
                closed = 1;
            else
                sent++;
        }
        if (closed)
            printf("closed after %.1f s, %ld bytes sent\n", now() - t0, sent);
        else
            printf("not closed after %ld bytes\n", sent);
    } else {
        fputs("client: unknown mode\n", stderr);
        return 2;
    }
    close(fd);
    free(req);
    return 0;
}
