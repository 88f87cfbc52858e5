/* cli_jobs.c - scanning many files on several threads, in order.
 *
 * Worker threads take the next file, read it, build its text model and
 * scan it with their own scanner (the rule set is shared: it is
 * immutable). The main thread hands the results to the caller strictly in
 * input order, so output never depends on the thread count. At most
 * `window` files are in flight, counting the one the main thread waits
 * for, and their jobs live in a ring of that many slots, so memory stays
 * bounded however large the corpus: a finished file's text, model and
 * findings are freed as soon as they are written, and its slot is reused.
 * Diagnostics raised while a file is read or modelled are kept with the
 * job and printed when it is emitted, in order too.
 *
 * A worker reads only a file's first part (cli_input.c). A file that fits
 * in one part is modelled and scanned there. A larger one is left to the
 * main thread when it is emitted: its parts are read, scanned and handed
 * over one at a time (cli_job_next_part), so however large a file is,
 * only one part of it is in memory, and only one such file at a time. */
#include "cli.h"
#include "util.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct cli_job {
    char *path; /* a copy: the path list keeps only the one it read last */
    int explicit_arg;
    int format; /* a slant_input_format, or -1: by the file */
    int done;
    cli_input in;
    int read_rc;
    int opened; /* in is open: close it when the job is freed */
    const char *data; /* the first part (borrowed by doc) */
    size_t len;
    const char *sniffed; /* why the input cannot be checked, or NULL */
    int skip;            /* ...and that is a skip, not a failure */
    int changed;         /* a whole file changed while it was read */
    slant_part part;     /* where the next part starts */
    slant_scanner *main_scanner; /* the main thread's, for parts */
    int started;                 /* cli_job_next_part was called */
    slant_doc *doc;
    int doc_rc;
    slant_report *report;
    int scan_rc;
    char *diags; /* formatted diagnostics, printed at emit time */
    size_t ndiags, diags_cap;
};

typedef struct {
    cli_job *ring; /* window slots: job i is in ring[i % window] */
    cli_paths *paths; /* read front to back as jobs are taken */
    size_t njobs;
    size_t next;    /* the next job a worker takes */
    size_t emitted; /* jobs handed to the caller so far */
    size_t window;
    const slant_rules *rules;
    const options *o;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    int failed; /* a worker could not start a scanner */
    cli_profile *profile; /* --profile: every scanner's counts, added as it is freed */
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
    j->read_rc = cli_open(&j->in, j->path);
    j->opened = j->read_rc == 0;
    if (j->read_rc == 0 && cli_next_part(&j->in, &j->data, &j->len) < 0)
        j->read_rc = -1;
    if (j->read_rc != 0)
        return;
    if ((j->sniffed = cli_sniff(j->data, j->len, &j->skip)))
        return;
    slant_input_format f = j->format >= 0 ? (slant_input_format)j->format
                           : slant_input_format_guess(strcmp(j->path, "-") == 0 ? NULL : j->path,
                                                      j->data, j->len);
    j->format = (int)f;
    j->part = (slant_part){0, 0, 0, 1, 1};
    if (j->in.split)
        return; /* the main thread reads it in parts */
    j->doc_rc = slant_doc_new_format(&j->doc, j->path, j->data, j->len, f, job_diag, j);
    if (!j->doc)
        return;
    j->scan_rc = slant_scanner_scan(&j->report, scanner, j->doc);
    j->changed = cli_changed(&j->in);
}

static slant_scanner *new_scanner(const pool *p)
{
    slant_scanner *s = NULL;
    if (slant_scanner_new(&s, p->rules) != 0 ||
        slant_scanner_set_budget(s, p->o->budget) != 0 ||
        slant_scanner_set_engine(s, p->o->engine) != 0 ||
        (p->profile && slant_scanner_set_profile(s, 1) != 0)) {
        slant_scanner_free(s);
        return NULL;
    }
    return s;
}

/* Frees a scanner, first adding its counts to the profile (with the pool
 * locked when workers run: `locked`). */
static void end_scanner(pool *p, slant_scanner *s, int locked)
{
    if (s && p->profile) {
        if (locked)
            pthread_mutex_lock(&p->lock);
        cli_profile_add(p->profile, s);
        if (locked)
            pthread_mutex_unlock(&p->lock);
    }
    slant_scanner_free(s);
}

/* Job i's slot, made ready for it, or NULL when out of memory. Its
 * previous job (i - window) has been emitted and cleared: a worker takes
 * job i only once emitted > i - window. Jobs are taken in order (under
 * the lock), so the path list is read in order. */
static cli_job *job_slot(pool *p, size_t i)
{
    cli_job *j = &p->ring[i % p->window];
    const char *path = cli_paths_next(p->paths, &j->explicit_arg);
    if (!path || !(j->path = str_dup(path)))
        return NULL;
    j->format = p->o->input_format;
    return j;
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
        cli_job *j = job_slot(p, p->next++);
        if (!j) {
            p->failed = 1;
            break;
        }
        pthread_mutex_unlock(&p->lock);
        job_run(j, scanner);
        pthread_mutex_lock(&p->lock);
        j->done = 1;
        pthread_cond_broadcast(&p->changed);
    }
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
    end_scanner(p, scanner, 1);
    return NULL;
}

/* Frees what a job holds and clears its slot for the next. */
static void job_free(cli_job *j)
{
    slant_report_free(j->report);
    slant_doc_free(j->doc);
    if (j->opened)
        cli_close(&j->in);
    free(j->diags);
    free(j->path);
    memset(j, 0, sizeof *j);
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

int cli_run_jobs(cli_paths *paths, const slant_rules *rules, const options *o, cli_emit_fn emit,
                 void *payload)
{
    pool p = {0};
    size_t n = cli_paths_count(paths);
    p.paths = paths;
    p.njobs = n;
    p.rules = rules;
    p.o = o;
    long threads = o->jobs > 0 ? o->jobs : sysconf(_SC_NPROCESSORS_ONLN);
    if (threads < 1)
        threads = 1;
    if ((size_t)threads > n)
        threads = n ? (long)n : 1;
    p.window = (size_t)threads * 4;
    p.ring = calloc(p.window, sizeof *p.ring);
    if (cli_profiling(o))
        p.profile = cli_profile_new(rules);
    if (!p.ring || (cli_profiling(o) && !p.profile)) {
        free(p.ring);
        cli_profile_free(p.profile);
        return -1;
    }
    progress pr = {.on = isatty(STDERR_FILENO) && n > 1};
    clock_gettime(CLOCK_MONOTONIC, &pr.start);
    pr.last = pr.start;
    int rc = 0;

    if (threads == 1) {
        /* no threads: the main thread does the work itself */
        slant_scanner *scanner = new_scanner(&p);
        if (!scanner) {
            free(p.ring);
            cli_profile_free(p.profile);
            return -1;
        }
        for (size_t i = 0; i < n && rc == 0; i++) {
            cli_job *j = job_slot(&p, i);
            if (!j) {
                rc = -1;
                break;
            }
            job_run(j, scanner);
            j->main_scanner = scanner;
            emit(payload, j);
            progress_tick(&pr, i + 1, n, j->in.total);
            job_free(j);
        }
        end_scanner(&p, scanner, 0);
    } else {
        pthread_t *tids = calloc((size_t)threads, sizeof *tids);
        pthread_mutex_init(&p.lock, NULL);
        pthread_cond_init(&p.changed, NULL);
        long started = 0;
        slant_scanner *main_scanner = NULL; /* made for the first file read in parts */
        for (long t = 0; tids && t < threads; t++)
            if (pthread_create(&tids[t], NULL, worker, &p) == 0)
                started++;
        if (!started)
            rc = -1;
        for (size_t i = 0; i < n && rc == 0; i++) {
            cli_job *j = &p.ring[i % p.window];
            pthread_mutex_lock(&p.lock);
            while (!j->done && !p.failed)
                pthread_cond_wait(&p.changed, &p.lock);
            int failed = p.failed && !j->done;
            pthread_mutex_unlock(&p.lock);
            if (failed) {
                rc = -1;
                break;
            }
            if (j->in.split && !main_scanner && !(main_scanner = new_scanner(&p))) {
                rc = -1;
                break;
            }
            j->main_scanner = main_scanner;
            emit(payload, j);
            progress_tick(&pr, i + 1, n, j->in.total);
            job_free(j); /* no worker takes the slot before emitted passes i */
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
        for (size_t i = 0; i < p.window; i++)
            job_free(&p.ring[i]);
        free(tids);
        end_scanner(&p, main_scanner, 0);
        pthread_mutex_destroy(&p.lock);
        pthread_cond_destroy(&p.changed);
    }
    if (pr.on && seconds_since(&pr.start) >= 1.0)
        fputs("\r\033[K", stderr);
    if (p.profile && rc == 0 &&
        cli_profile_report(p.profile, o, n, pr.bytes, seconds_since(&pr.start)) != 0)
        rc = -2;
    cli_profile_free(p.profile);
    free(p.ring);
    return rc;
}

const char *cli_job_path(const cli_job *j) { return j->path; }
int cli_job_explicit(const cli_job *j) { return j->explicit_arg; }
const char *cli_job_read_error(const cli_job *j) { return j->in.error; }
const char *cli_job_sniffed(const cli_job *j, int *skip)
{
    *skip = j->skip;
    return j->read_rc == 0 ? j->sniffed : NULL;
}
int cli_job_in_parts(const cli_job *j) { return j->read_rc == 0 && j->in.split; }
int cli_job_changed(const cli_job *j) { return j->changed; }
size_t cli_job_bytes_read(const cli_job *j) { return j->in.total; }
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

int cli_job_next_part(cli_job *j, slant_doc **doc, int *doc_rc, slant_report **rep, int *scan_rc)
{
    *doc = NULL;
    *rep = NULL;
    *doc_rc = *scan_rc = 0;
    if (j->started) { /* the part before: where this one starts, then free it */
        if (!j->doc)
            return 0; /* it could not be modelled: the caller has stopped */
        slant_doc_next_part(&j->part, j->doc);
        slant_report_free(j->report);
        slant_doc_free(j->doc);
        j->report = NULL;
        j->doc = NULL;
        /* the first part's bytes were read by the worker; later ones here */
        int rc = cli_next_part(&j->in, &j->data, &j->len);
        if (rc <= 0) {
            if (rc == 0)
                j->changed = cli_changed(&j->in);
            return rc;
        }
    }
    j->started = 1;
    j->doc_rc = slant_doc_new_part(&j->doc, j->path, j->data, j->len,
                                   (slant_input_format)j->format, &j->part, print_diag, NULL);
    *doc_rc = j->doc_rc;
    if (!j->doc)
        return 1;
    j->scan_rc = slant_scanner_scan(&j->report, j->main_scanner, j->doc);
    *doc = j->doc;
    *rep = j->report;
    *scan_rc = j->scan_rc;
    return 1;
}
