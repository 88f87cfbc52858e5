/* cli_jobs.c - scanning many files on several threads, in order.
 *
 * Worker threads take the next file, read it, build its text model and
 * scan it with their own scanner (the rule set is shared: it is
 * immutable). The main thread hands the results to the caller strictly in
 * input order, so output never depends on the thread count. At most
 * `window` files are in flight beyond the one the main thread waits for,
 * so memory stays bounded however large the corpus: a finished file's
 * text, model and findings are freed as soon as they are written.
 * Diagnostics raised while a file is read or modelled are kept with the
 * job and printed when it is emitted, in order too. */
#include "cli.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct cli_job {
    const char *path;
    int explicit_arg;
    int format; /* a slant_input_format, or -1: by the file */
    int done;
    cli_input in;
    int read_rc;
    slant_doc *doc;
    int doc_rc;
    slant_report *report;
    int scan_rc;
    char *diags; /* formatted diagnostics, printed at emit time */
    size_t ndiags, diags_cap;
};

typedef struct {
    cli_job *jobs;
    size_t njobs;
    size_t next;    /* the next job a worker takes */
    size_t emitted; /* jobs handed to the caller so far */
    size_t window;
    const slant_rules *rules;
    const options *o;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    int failed; /* a worker could not start a scanner */
} pool;

static void job_diag(const slant_diag *d, void *payload)
{
    cli_job *j = payload;
    char line[1200];
    int n;
    if (d->file && d->line)
        n = snprintf(line, sizeof line, "%s:%u:%u: %s: %s\n", d->file, d->line, d->column,
                     d->level == SLANT_LEVEL_ERROR ? "error" : "warning", d->message);
    else
        n = snprintf(line, sizeof line, "%s: %s: %s\n", d->file ? d->file : "slant",
                     d->level == SLANT_LEVEL_ERROR ? "error" : "warning", d->message);
    if (n <= 0)
        return;
    size_t len = (size_t)n < sizeof line ? (size_t)n : sizeof line - 1;
    if (j->ndiags + len + 1 > j->diags_cap) {
        size_t cap = (j->diags_cap + len + 1) * 2;
        char *p = realloc(j->diags, cap);
        if (!p)
            return;
        j->diags = p;
        j->diags_cap = cap;
    }
    memcpy(j->diags + j->ndiags, line, len);
    j->ndiags += len;
    j->diags[j->ndiags] = '\0';
}

static void job_run(cli_job *j, slant_scanner *scanner)
{
    j->read_rc = cli_read(&j->in, j->path);
    if (j->read_rc != 0 || j->in.binary)
        return;
    slant_input_format f = j->format >= 0 ? (slant_input_format)j->format
                           : slant_input_format_guess(strcmp(j->path, "-") == 0 ? NULL : j->path,
                                                      j->in.data, j->in.len);
    j->doc_rc = slant_doc_new_format(&j->doc, j->path, j->in.data, j->in.len, f, job_diag, j);
    if (!j->doc)
        return;
    j->scan_rc = slant_scanner_scan(&j->report, scanner, j->doc);
}

static slant_scanner *new_scanner(const pool *p)
{
    slant_scanner *s = NULL;
    if (slant_scanner_new(&s, p->rules) != 0 ||
        slant_scanner_set_budget(s, p->o->budget) != 0 ||
        slant_scanner_set_engine(s, p->o->engine) != 0) {
        slant_scanner_free(s);
        return NULL;
    }
    return s;
}

static void *worker(void *arg)
{
    pool *p = arg;
    slant_scanner *scanner = new_scanner(p);
    pthread_mutex_lock(&p->lock);
    if (!scanner)
        p->failed = 1;
    for (;;) {
        while (scanner && p->next < p->njobs && p->next >= p->emitted + p->window)
            pthread_cond_wait(&p->changed, &p->lock);
        if (!scanner || p->next >= p->njobs)
            break;
        cli_job *j = &p->jobs[p->next++];
        pthread_mutex_unlock(&p->lock);
        job_run(j, scanner);
        pthread_mutex_lock(&p->lock);
        j->done = 1;
        pthread_cond_broadcast(&p->changed);
    }
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
    slant_scanner_free(scanner);
    return NULL;
}

static void job_free(cli_job *j)
{
    slant_report_free(j->report);
    slant_doc_free(j->doc);
    cli_input_free(&j->in);
    free(j->diags);
    j->report = NULL;
    j->doc = NULL;
    j->diags = NULL;
}

/* A progress line on stderr for long runs on a terminal. */
typedef struct {
    int on;
    struct timespec start, last;
    size_t bytes;
} progress;

static double seconds_since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static void progress_tick(progress *pr, size_t done, size_t total, size_t bytes)
{
    pr->bytes += bytes;
    if (!pr->on || seconds_since(&pr->start) < 1.0 || seconds_since(&pr->last) < 0.1)
        return;
    clock_gettime(CLOCK_MONOTONIC, &pr->last);
    double t = seconds_since(&pr->start), mbs = (double)pr->bytes / 1e6 / t;
    double eta = done ? t * (double)(total - done) / (double)done : 0;
    fprintf(stderr, "\r%zu/%zu files, %.1f MB/s, %.0f s left   ", done, total, mbs, eta);
}

int cli_run_jobs(char **paths, const int *explicit_args, size_t n, const slant_rules *rules,
                 const options *o, cli_emit_fn emit, void *payload)
{
    pool p = {0};
    p.jobs = calloc(n ? n : 1, sizeof *p.jobs);
    if (!p.jobs)
        return -1;
    for (size_t i = 0; i < n; i++) {
        p.jobs[i].path = paths[i];
        p.jobs[i].explicit_arg = explicit_args[i];
        p.jobs[i].format = o->input_format;
    }
    p.njobs = n;
    p.rules = rules;
    p.o = o;
    long threads = o->jobs > 0 ? o->jobs : sysconf(_SC_NPROCESSORS_ONLN);
    if (threads < 1)
        threads = 1;
    if ((size_t)threads > n)
        threads = n ? (long)n : 1;
    p.window = (size_t)threads * 4;
    progress pr = {.on = isatty(STDERR_FILENO) && n > 1};
    clock_gettime(CLOCK_MONOTONIC, &pr.start);
    pr.last = pr.start;
    int rc = 0;

    if (threads == 1) {
        /* no threads: the main thread does the work itself */
        slant_scanner *scanner = new_scanner(&p);
        if (!scanner) {
            free(p.jobs);
            return -1;
        }
        for (size_t i = 0; i < n; i++) {
            job_run(&p.jobs[i], scanner);
            progress_tick(&pr, i + 1, n, p.jobs[i].in.len);
            emit(payload, &p.jobs[i]);
            job_free(&p.jobs[i]);
        }
        slant_scanner_free(scanner);
    } else {
        pthread_t *tids = calloc((size_t)threads, sizeof *tids);
        pthread_mutex_init(&p.lock, NULL);
        pthread_cond_init(&p.changed, NULL);
        long started = 0;
        for (long t = 0; tids && t < threads; t++)
            if (pthread_create(&tids[t], NULL, worker, &p) == 0)
                started++;
        if (!started)
            rc = -1;
        for (size_t i = 0; i < n && rc == 0; i++) {
            pthread_mutex_lock(&p.lock);
            while (!p.jobs[i].done && !p.failed)
                pthread_cond_wait(&p.changed, &p.lock);
            int failed = p.failed && !p.jobs[i].done;
            pthread_mutex_unlock(&p.lock);
            if (failed) {
                rc = -1;
                break;
            }
            progress_tick(&pr, i + 1, n, p.jobs[i].in.len);
            emit(payload, &p.jobs[i]);
            job_free(&p.jobs[i]);
            pthread_mutex_lock(&p.lock);
            p.emitted = i + 1;
            pthread_cond_broadcast(&p.changed);
            pthread_mutex_unlock(&p.lock);
        }
        pthread_mutex_lock(&p.lock);
        p.emitted = n; /* release waiting workers */
        p.next = p.next < n && rc != 0 ? n : p.next;
        pthread_cond_broadcast(&p.changed);
        pthread_mutex_unlock(&p.lock);
        for (long t = 0; t < started; t++)
            pthread_join(tids[t], NULL);
        for (size_t i = 0; i < n; i++)
            job_free(&p.jobs[i]);
        free(tids);
        pthread_mutex_destroy(&p.lock);
        pthread_cond_destroy(&p.changed);
    }
    if (pr.on && seconds_since(&pr.start) >= 1.0)
        fputs("\r\033[K", stderr);
    free(p.jobs);
    return rc;
}

const char *cli_job_path(const cli_job *j) { return j->path; }
int cli_job_explicit(const cli_job *j) { return j->explicit_arg; }
const cli_input *cli_job_input(const cli_job *j) { return j->read_rc == 0 ? &j->in : NULL; }
const char *cli_job_read_error(const cli_job *j) { return j->read_rc ? j->in.error : NULL; }
const char *cli_job_diags(const cli_job *j) { return j->diags; }
slant_doc *cli_job_doc(const cli_job *j, int *rc)
{
    *rc = j->doc_rc;
    return j->doc;
}
slant_report *cli_job_report(const cli_job *j, int *rc)
{
    *rc = j->scan_rc;
    return j->report;
}
