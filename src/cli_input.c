/* cli_input.c - reading documents for the CLI: files, FIFOs and standard
 * input, in parts of bounded size.
 *
 * Memory. A document's text model costs several times its size (a folded
 * copy, a 4-byte offset map per byte, word and sentence tables), so a
 * 2 GB file cannot be one document. Every input is read with read(2) into
 * one buffer of at most part_bytes (16 MiB unless SLANT_PART_BYTES says
 * otherwise); when an input is larger, the buffer is cut after its last
 * paragraph break (a blank line), else its last line break, else its last
 * space, else at a character boundary, always in the buffer's second
 * half; the cut-off tail moves to the front and the next part is read
 * after it. Each byte is read once and memory stays bounded by the part
 * size, whatever the input's size.
 *
 * Regular files are read up to the size they had when opened: a file that
 * grows as fast as it is read (a log being written) cannot keep slant
 * reading forever. When the size or modification time differs at the end,
 * or the file ended early, the file changed while it was read and the
 * caller says so. Reading with read(2) rather than mapping the file also
 * means a file truncated by another program cannot kill slant with
 * SIGBUS.
 *
 * FIFOs, character devices and standard input are streams: read to their
 * end, in parts. Opening a FIFO waits for a writer, as cat(1) does; that
 * is why a folder walk never opens one (it skips everything that is not a
 * regular file) and only a FIFO named on the command line is read. */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_PART_BYTES ((size_t)16 << 20)
#define MIN_PART_BYTES ((size_t)4096)
#define SNIFF_BYTES 8192
#define STREAM_START_BYTES ((size_t)64 << 10)

static size_t part_limit(void)
{
    const char *env = getenv("SLANT_PART_BYTES");
    if (env && *env) {
        char *end;
        unsigned long long v = strtoull(env, &end, 10);
        if (!*end && v >= MIN_PART_BYTES && v <= DEFAULT_PART_BYTES * 16)
            return (size_t)v;
    }
    return DEFAULT_PART_BYTES;
}

static const char *kind_name(mode_t m)
{
    if (S_ISDIR(m))
        return "a folder";
    if (S_ISFIFO(m))
        return "a FIFO";
    if (S_ISCHR(m))
        return "a character device";
    if (S_ISBLK(m))
        return "a block device";
    if (S_ISSOCK(m))
        return "a socket";
    return "not a regular file";
}

const char *cli_file_kind(mode_t mode)
{
    return kind_name(mode);
}

int cli_open(cli_input *in, const char *path)
{
    memset(in, 0, sizeof *in);
    in->fd = -1;
    in->part_bytes = part_limit();
    if (strcmp(path, "-") == 0) {
        in->fd = STDIN_FILENO;
        in->stream = 1;
        return 0;
    }
    /* a socket cannot be opened at all; say what it is rather than
     * "No such device or address" */
    struct stat pre;
    if (stat(path, &pre) == 0 && (S_ISSOCK(pre.st_mode) || S_ISBLK(pre.st_mode))) {
        snprintf(in->why, sizeof in->why, "is %s, not a text file", kind_name(pre.st_mode));
        in->error = in->why;
        return -1;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        in->error = strerror(errno);
        return -1;
    }
    if (fstat(fd, &in->st) != 0) {
        in->error = strerror(errno);
        close(fd);
        return -1;
    }
    in->fd = fd;
    if (S_ISREG(in->st.st_mode) && in->st.st_size > 0) {
        in->limit = (size_t)in->st.st_size;
    } else if (S_ISREG(in->st.st_mode) || S_ISFIFO(in->st.st_mode) ||
               S_ISCHR(in->st.st_mode)) {
        /* an empty regular file reads as an empty stream; files of /proc
         * and /sys say they are empty and are not */
        in->stream = 1;
    } else {
        snprintf(in->why, sizeof in->why, "is %s, not a text file", kind_name(in->st.st_mode));
        in->error = in->why;
        close(fd);
        in->fd = -1;
        return -1;
    }
    return 0;
}

void cli_close(cli_input *in)
{
    if (in->fd > STDIN_FILENO)
        close(in->fd);
    in->fd = -1;
    free(in->buf);
    in->buf = NULL;
}

/* Where to end a full buffer: just after a paragraph break, else a line
 * break, else a space, else at a character boundary; never in the first
 * half, so a part is at least half the limit. A CR at the very end may be
 * half of a CR LF and is never a cut. */
static size_t cut_point(const char *b, size_t len)
{
    size_t lo = len / 2;
#define BREAK_ENDS_AT(i) (b[i] == '\n' || (b[i] == '\r' && (i) + 1 < len && b[(i) + 1] != '\n'))
    for (size_t i = len - 1; i > lo; i--) {
        if (!BREAK_ENDS_AT(i))
            continue;
        size_t s = b[i] == '\n' && b[i - 1] == '\r' ? i - 1 : i; /* where this break starts */
        if (s > 0 && (b[s - 1] == '\n' || (b[s - 1] == '\r' && b[s] != '\n')))
            return i + 1;
    }
    for (size_t i = len - 1; i > lo; i--)
        if (BREAK_ENDS_AT(i))
            return i + 1;
#undef BREAK_ENDS_AT
    for (size_t i = len - 1; i > lo; i--)
        if (b[i] == ' ' || b[i] == '\t')
            return i + 1;
    size_t p = len - 1;
    while (p > len - 4 && ((unsigned char)b[p] & 0xC0) == 0x80)
        p--;
    return p;
}

int cli_next_part(cli_input *in, const char **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    /* the tail cut off the last part comes first */
    if (in->carry) {
        memmove(in->buf, in->buf + in->cut, in->carry);
        in->len = in->carry;
        in->carry = 0;
    } else {
        in->len = 0;
    }
    if (in->len == 0 && in->eof)
        return 0;
    if (!in->buf) {
        /* small files get a small buffer; a stream's grows as it comes */
        size_t want = in->part_bytes;
        if (!in->stream && in->limit < want)
            want = in->limit ? in->limit : 1;
        if (in->stream && want > STREAM_START_BYTES)
            want = STREAM_START_BYTES;
        if (!(in->buf = malloc(want + 1))) {
            in->error = "out of memory";
            return -1;
        }
        in->cap = want;
    }
    while (!in->eof) {
        if (!in->stream && in->total >= in->limit) {
            in->eof = 1; /* what was there when the file was opened is read */
            break;
        }
        if (in->len == in->cap) {
            if (in->cap >= in->part_bytes)
                break;
            size_t ncap = in->cap * 2 < in->part_bytes ? in->cap * 2 : in->part_bytes;
            char *p = realloc(in->buf, ncap + 1);
            if (!p) {
                in->error = "out of memory";
                return -1;
            }
            in->buf = p;
            in->cap = ncap;
        }
        size_t room = in->cap - in->len;
        if (!in->stream) {
            size_t left = in->limit - in->total;
            if (left == 0) {
                in->eof = 1;
                break;
            }
            if (room > left)
                room = left;
        }
        ssize_t got = read(in->fd, in->buf + in->len, room);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            in->error = strerror(errno);
            return -1;
        }
        if (got == 0) {
            if (!in->stream && in->total < in->limit)
                in->shrank = 1;
            in->eof = 1;
            break;
        }
        in->len += (size_t)got;
        in->total += (size_t)got;
    }
    if (!in->stream && in->total == in->limit)
        in->eof = 1; /* what was there when the file was opened is read */
    if (in->len == 0 && in->parts > 0)
        return 0; /* the input ended right at the last cut */
    size_t n = in->len;
    if (!in->eof && n == in->cap) {
        n = cut_point(in->buf, in->len);
        in->cut = n;
        in->carry = in->len - n;
        in->split = 1;
    }
    if (!in->carry)
        in->buf[n] = '\0'; /* never over the first byte of the next part */
    in->parts++; /* an empty input is one empty part */
    *data = in->buf;
    *len = n;
    return 1;
}

int cli_changed(cli_input *in)
{
    if (in->stream)
        return 0;
    if (in->shrank)
        return 1;
    struct stat now;
    if (fstat(in->fd, &now) != 0)
        return 1;
    return now.st_size != in->st.st_size || now.st_mtim.tv_sec != in->st.st_mtim.tv_sec ||
           now.st_mtim.tv_nsec != in->st.st_mtim.tv_nsec;
}

/* Mostly NUL bytes at even or at odd offsets: ASCII written as UTF-16. */
static int looks_utf16(const unsigned char *p, size_t n)
{
    size_t even = 0, odd = 0;
    for (size_t i = 0; i < n; i++)
        if (p[i] == 0)
            *(i % 2 ? &odd : &even) += 1;
    size_t half = n / 2;
    return n >= 8 && (even * 10 >= half * 9 || odd * 10 >= half * 9) && !(even && odd);
}

const char *cli_sniff(const char *data, size_t len, int *skip)
{
    const unsigned char *p = (const unsigned char *)data;
    *skip = 0;
    if (len >= 4 && ((p[0] == 0xFF && p[1] == 0xFE && p[2] == 0 && p[3] == 0) ||
                     (p[0] == 0 && p[1] == 0 && p[2] == 0xFE && p[3] == 0xFF)))
        return "UTF-32 text is not supported; convert it to UTF-8 "
               "(iconv -f UTF-32 -t UTF-8)";
    if (len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)))
        return "UTF-16 text is not supported; convert it to UTF-8 "
               "(iconv -f UTF-16 -t UTF-8)";
    size_t probe = len < SNIFF_BYTES ? len : SNIFF_BYTES;
    if (memchr(data, '\0', probe)) {
        *skip = 1;
        if (looks_utf16(p, probe))
            return "binary file (it contains NUL bytes; UTF-16 without a byte-order mark? "
                   "convert it to UTF-8)";
        return "binary file (it contains NUL bytes)";
    }
    return NULL;
}

int cli_read(cli_input *in, const char *path, size_t max)
{
    if (cli_open(in, path) != 0)
        return -1;
    in->part_bytes = max;
    const char *data;
    size_t len;
    int rc = cli_next_part(in, &data, &len);
    if (rc < 0)
        return -1;
    if (in->split) {
        in->error = "file too large";
        return -1;
    }
    in->data = data;
    in->data_len = len;
    return 0;
}
