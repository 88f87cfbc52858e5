/* cli_output.c - the report file. `-o FILE` writes to a temporary file in
 * FILE's folder and renames it over FILE only once the report is complete
 * and on disk, so a reader (a CI step, a browser, a teacher's USB stick)
 * sees the old report or the new one, never half of one. A failed write
 * or an interrupting signal removes the temporary file. */
#include "cli.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The temporary file for the signal handler to remove: a fixed buffer,
 * because the handler may only call async-signal-safe functions. */
static char pending[4096];
static volatile sig_atomic_t have_pending;

static void on_signal(int sig)
{
    if (have_pending)
        unlink(pending);
    signal(sig, SIG_DFL);
    raise(sig);
}

static const int caught[] = {SIGINT, SIGTERM, SIGHUP};

static void watch(int on)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on ? on_signal : SIG_DFL;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof caught / sizeof caught[0]; i++)
        sigaction(caught[i], &sa, NULL);
}

int cli_output_open(cli_output *out, const char *path)
{
    memset(out, 0, sizeof *out);
    if (!path || strcmp(path, "-") == 0) {
        out->stream = stdout;
        return 0;
    }
    out->path = path;
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    const char *base = slash ? slash + 1 : path;
    size_t need = dirlen + strlen(base) + 16;
    if (need > sizeof pending || !(out->tmp = malloc(need))) {
        fprintf(stderr, "slant: cannot write '%s': the name is too long\n", path);
        return -1;
    }
    /* hidden, next to the target: same file system, so rename is atomic */
    snprintf(out->tmp, need, "%.*s.%s.XXXXXX", (int)dirlen, path, base);
    int fd = mkstemp(out->tmp);
    if (fd < 0) {
        fprintf(stderr, "slant: cannot write '%s': %s\n", path, strerror(errno));
        free(out->tmp);
        out->tmp = NULL;
        return -1;
    }
    memcpy(pending, out->tmp, strlen(out->tmp) + 1);
    have_pending = 1;
    watch(1);
    /* mkstemp makes the file private; a report gets the usual mode */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    if (!(out->stream = fdopen(fd, "w"))) {
        fprintf(stderr, "slant: cannot write '%s': %s\n", path, strerror(errno));
        close(fd);
        cli_output_abort(out);
        return -1;
    }
    return 0;
}

void cli_output_abort(cli_output *out)
{
    if (out->stream && out->stream != stdout)
        fclose(out->stream);
    out->stream = NULL;
    if (out->tmp) {
        unlink(out->tmp);
        have_pending = 0;
        watch(0);
        free(out->tmp);
        out->tmp = NULL;
    }
}

int cli_output_commit(cli_output *out)
{
    if (!out->tmp) {
        if (fflush(stdout) != 0 || ferror(stdout)) {
            fprintf(stderr, "slant: error writing the report: %s\n", strerror(errno));
            return -1;
        }
        return 0;
    }
    FILE *f = out->stream;
    out->stream = NULL;
    int failed = fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0;
    int err = errno;
    if (fclose(f) != 0 && !failed)
        failed = 1, err = errno;
    if (!failed && rename(out->tmp, out->path) != 0)
        failed = 1, err = errno;
    if (failed) {
        fprintf(stderr, "slant: cannot write '%s': %s\n", out->path, strerror(err));
        cli_output_abort(out);
        return -1;
    }
    have_pending = 0;
    watch(0);
    free(out->tmp);
    out->tmp = NULL;
    return 0;
}
