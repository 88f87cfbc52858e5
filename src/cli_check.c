/* cli_check.c - check and eval: inputs, scanning, output, exit codes. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Files read whole (gold labels, baselines, reports to summarize). */
#define GOLD_MAX_BYTES ((size_t)256 << 20)
#define SUMMARY_MAX_BYTES ((size_t)1 << 30)

#define MAX_SKIP_KINDS 16

typedef struct {
    const options *o;
    slant_rules *rules;
    slant_renderer *renderer;
    slant_eval *eval; /* slant eval: reports go here instead of a renderer */
    slant_summary *summary; /* check --summary */
    slant_baseline *base;   /* --baseline: findings already accepted */
    slant_baseline *record; /* --write-baseline: the findings of this run */
    size_t new_findings;    /* with --baseline: findings not in it */
    int max_severity;
    int input_errors;
    int walked;       /* a folder was named: always end with the counts */
    int noted_details; /* eval --details said it skips parts */
    size_t scanned, skipped, failed;
    size_t with_errors; /* scanned, but with input errors or incomplete rules */
    int doc_errors;     /* the current file had one */
    cli_walker walker;
    /* why files were skipped, for the closing counts */
    char skip_kind[MAX_SKIP_KINDS][48];
    size_t skip_count[MAX_SKIP_KINDS];
    size_t nkinds;
} check_state;

/* slant eval --details: misses and false positives, editor style */
static void print_detail(const slant_eval_detail *d, void *payload)
{
    (void)payload;
    printf("%s:%u:%u: %s %s", d->doc, d->line, d->column,
           d->missed ? "missed" : "false positive", d->category);
    if (d->rule)
        printf(" [%s]", d->rule);
    fputs(" «", stdout);
    for (const char *p = d->text; *p; p++)
        putchar(*p == '\n' || *p == '\r' ? ' ' : *p);
    fputs("»\n", stdout);
}

static const char *base_name(const char *path)
{
    const char *b = strrchr(path, '/');
    return b ? b + 1 : path;
}

/* Counts a skip under its reason's first words ("binary file", "not a
 * regular file", "symbolic link loop"). */
static void note_skip(check_state *st, const char *why)
{
    size_t n = strcspn(why, "(");
    while (n > 0 && why[n - 1] == ' ')
        n--;
    if (n >= sizeof st->skip_kind[0])
        n = sizeof st->skip_kind[0] - 1;
    st->skipped++;
    size_t k = 0;
    while (k < st->nkinds && !(strncmp(st->skip_kind[k], why, n) == 0 && !st->skip_kind[k][n]))
        k++;
    if (k == st->nkinds) {
        if (k == MAX_SKIP_KINDS)
            k--; /* "other" reasons share the last slot */
        else
            st->nkinds++;
        memcpy(st->skip_kind[k], why, n);
        st->skip_kind[k][n] = '\0';
    }
    st->skip_count[k]++;
}

static void fail(check_state *st, const char *path, const char *message)
{
    fprintf(stderr, "%s: error: %s\n", path, message);
    if (st->renderer)
        slant_renderer_add_error(st->renderer, path, message);
    st->failed++;
    st->input_errors = 1;
}

/* One document, or one part of a larger one: into the baseline, the
 * report, the summary or the evaluation. 0, or -1 after saying why not. */
static int take_doc(check_state *st, const char *path, slant_doc *doc, int doc_rc,
                    slant_report *rep, int scan_rc)
{
    if (!doc) {
        fail(st, path, slant_strerror(doc_rc));
        return -1;
    }
    if (doc_rc == SLANT_EINPUT)
        st->input_errors = st->doc_errors = 1;
    if (!rep) {
        fail(st, path, slant_strerror(scan_rc));
        return -1;
    }
    if (scan_rc == SLANT_ELIMIT)
        st->input_errors = st->doc_errors = 1;
    if ((st->record && slant_baseline_add(st->record, doc, rep) != 0) ||
        (st->base && slant_baseline_apply(NULL, st->base, doc, rep) != 0)) {
        fputs("slant: out of memory\n", stderr);
        st->input_errors = 1;
    }
    for (size_t i = 0; st->base && i < slant_report_count(rep); i++)
        st->new_findings += !slant_report_finding(rep, i)->suppressed;
    if (st->renderer)
        slant_renderer_add(st->renderer, doc, rep);
    if (st->summary && slant_summary_add(st->summary, doc, rep) != 0) {
        fputs("slant: out of memory\n", stderr);
        st->input_errors = 1;
    }
    /* misses and false positives are listed for whole documents: gold
     * spans count from a document's start, a part sees only its own */
    int details = st->o->details && !slant_doc_part(doc);
    if (st->o->details && !details && !st->noted_details) {
        fprintf(stderr, "%s: note: --details lists nothing for a document read in parts\n",
                path);
        st->noted_details = 1;
    }
    if (st->eval && slant_eval_add_detailed(st->eval, base_name(path), doc, rep,
                                            details ? print_detail : NULL, NULL) != 0) {
        fputs("slant: out of memory\n", stderr);
        st->input_errors = 1;
    }
    int m = slant_report_max_severity(rep);
    if (m > st->max_severity)
        st->max_severity = m;
    return 0;
}

/* One file's results, on the main thread, in input order. */
static void emit_job(void *payload, cli_job *job)
{
    check_state *st = payload;
    const char *path = cli_job_path(job);
    const char *diags = cli_job_diags(job);
    if (diags)
        fputs(diags, stderr);
    const char *why = cli_job_read_error(job);
    if (why) {
        fail(st, path, why);
        return;
    }
    int skip;
    if ((why = cli_job_sniffed(job, &skip))) {
        if (!skip) {
            fail(st, path, why);
            return;
        }
        fprintf(stderr, "%s: warning: skipped: %s\n", path, why);
        note_skip(st, why);
        if (cli_job_explicit(job))
            st->input_errors = 1; /* a file named on purpose was not checked */
        return;
    }
    slant_doc *doc;
    slant_report *rep;
    int doc_rc, scan_rc, rc = 0;
    st->doc_errors = 0;
    if (!cli_job_in_parts(job)) {
        doc = cli_job_doc(job, &doc_rc);
        rep = cli_job_report(job, &scan_rc);
        if (take_doc(st, path, doc, doc_rc, rep, scan_rc) != 0)
            return;
    } else {
        while ((rc = cli_job_next_part(job, &doc, &doc_rc, &rep, &scan_rc)) == 1)
            if (take_doc(st, path, doc, doc_rc, rep, scan_rc) != 0)
                return;
    }
    if (rc < 0) {
        char msg[160];
        snprintf(msg, sizeof msg, "%s (after %zu bytes; the findings above cover those)",
                 cli_job_read_error(job), cli_job_bytes_read(job));
        fail(st, path, msg);
    } else if (cli_job_changed(job)) {
        fail(st, path, "the file changed while slant read it; its findings may not match it");
    } else {
        st->scanned++;
        st->with_errors += st->doc_errors != 0;
    }
}

/* The paths of a run, in order (cli_paths.c packs them). */
typedef struct {
    cli_paths *paths;
    check_state *st;
} path_list;

static void out_of_memory(void)
{
    fputs("slant: out of memory\n", stderr);
    exit(EXIT_ERROR);
}

static void add_path(path_list *l, const char *path, int explicit_arg)
{
    if (cli_paths_add(l->paths, path, explicit_arg) != 0)
        out_of_memory();
}

static void walked(const char *path, void *payload) { add_path(payload, path, 0); }

/* The configuration's include and exclude globs, against the path from
 * the configuration's folder (or as walked, outside it). */
static int accept_walked(const char *path, int is_dir, void *payload)
{
    const options *o = ((path_list *)payload)->st->o;
    char abs[PATH_MAX];
    const char *rel = path;
    if (o->config_dir && realpath(path, abs)) {
        size_t n = strlen(o->config_dir);
        if (strncmp(abs, o->config_dir, n) == 0 && abs[n] == '/')
            rel = abs + n + 1;
        else if (strcmp(o->config_dir, "/") == 0)
            rel = abs + 1;
    }
    char dir[PATH_MAX];
    if (is_dir) { /* a glob ending in a slash and two stars excludes the folder too */
        snprintf(dir, sizeof dir, "%s/", rel);
        rel = dir;
    }
    for (size_t i = 0; i < o->nexclude; i++)
        if (cli_glob_match(o->exclude[i], rel))
            return 0;
    if (is_dir)
        return 1;
    if (!o->ninclude)
        return cli_text_file(path);
    for (size_t i = 0; i < o->ninclude; i++)
        if (cli_glob_match(o->include[i], rel))
            return 1;
    return 0;
}

/* Walking reports problems as it meets them, before any file is scanned. */
static void walk_skip(const char *path, const char *why, int failed, void *payload)
{
    check_state *st = ((path_list *)payload)->st;
    if (failed) {
        fail(st, path, why);
        return;
    }
    fprintf(stderr, "%s: warning: skipped: %s\n", path, why);
    note_skip(st, why);
}

/* The closing counts on stderr: after any folder walk, and whenever
 * something was skipped or failed, so nothing goes unmentioned. */
static void print_counts(const check_state *st)
{
    const cli_walker *w = &st->walker;
    if (!st->walked && !st->skipped && !st->failed && !w->ignored && !w->excluded &&
        !st->with_errors)
        return;
    fprintf(stderr, "slant: %zu scanned", st->scanned);
    if (st->with_errors)
        fprintf(stderr, " (%zu with errors, reported above)", st->with_errors);
    fprintf(stderr, ", %zu skipped", st->skipped);
    for (size_t k = 0; k < st->nkinds; k++)
        fprintf(stderr, "%s%s: %zu", k ? "; " : " (", st->skip_kind[k], st->skip_count[k]);
    fprintf(stderr, "%s, %zu failed", st->nkinds ? ")" : "", st->failed);
    if (w->excluded)
        fprintf(stderr, "; %zu left out by the configuration's include and exclude",
                w->excluded);
    if (w->ignored)
        fprintf(stderr, "; %zu other file%s ignored (hidden, or not .txt .text .md .markdown "
                        ".html .htm)", w->ignored, w->ignored == 1 ? "" : "s");
    fputc('\n', stderr);
}

/* Lists the files the arguments name (folders walked, in sorted order),
 * then scans them all, emitting in that order. */
static int scan_all(check_state *st, char **args, size_t nargs)
{
    path_list l = {.paths = cli_paths_new(), .st = st};
    if (!l.paths)
        out_of_memory();
    st->walker.accept = st->o->ninclude || st->o->nexclude ? accept_walked : NULL;
    st->walker.file = walked;
    st->walker.skip = walk_skip;
    st->walker.payload = &l;
    for (size_t i = 0; i < nargs; i++) {
        if (cli_walk(args[i], &st->walker) == CLI_NOT_A_DIR)
            add_path(&l, args[i], 1);
        else
            st->walked = 1;
    }
    int rc = cli_run_jobs(l.paths, st->rules, st->o, emit_job, st);
    if (rc != 0) {
        if (rc == -1)
            fputs("slant: out of memory\n", stderr);
        st->input_errors = 1;
    }
    cli_paths_free(l.paths);
    return rc;
}

/* check --stdin-jsonl: a stateless filter, one result line per input line */
static int check_stdin_jsonl(options *o)
{
    slant_rules *rules = load_rules(o, o->rules, o->nrules);
    if (!rules)
        return EXIT_ERROR;
    slant_scanner *s = NULL;
    cli_profile *prof = NULL;
    if (slant_scanner_new(&s, rules) != 0 || slant_scanner_set_budget(s, o->budget) != 0 ||
        slant_scanner_set_engine(s, o->engine) != 0 ||
        (cli_profiling(o) &&
         (!(prof = cli_profile_new(rules)) || slant_scanner_set_profile(s, 1) != 0))) {
        fputs("slant: out of memory\n", stderr);
        cli_profile_free(prof);
        slant_scanner_free(s);
        slant_rules_free(rules);
        return EXIT_ERROR;
    }
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    char *line = NULL;
    size_t cap = 0, lineno = 0, bad = 0, docs = 0, bytes = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, stdin)) >= 0) {
        lineno++;
        size_t len = (size_t)n;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        if (strspn(line, " \t") == len)
            continue; /* blank lines carry no document */
        docs++;
        bytes += len;
        int rc = slant_jsonl_process(s, line, len, stdout);
        if (rc != 0) {
            bad++;
            fprintf(stderr, "-:%zu: error: %s\n", lineno,
                    rc == SLANT_ELIMIT ? "a rule hit a matching limit" : "see the result line");
        }
        fflush(stdout); /* streaming: each result as soon as it exists */
    }
    free(line);
    int profile_failed = 0;
    if (prof) { /* bytes: of the input lines, JSON and all */
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        cli_profile_add(prof, s);
        profile_failed = cli_profile_report(prof, o, docs, bytes,
                                            (double)(now.tv_sec - start.tv_sec) +
                                                (double)(now.tv_nsec - start.tv_nsec) / 1e9) != 0;
        cli_profile_free(prof);
    }
    slant_scanner_free(s);
    slant_rules_free(rules);
    if (ferror(stdout))
        return EXIT_ERROR;
    return bad || profile_failed ? EXIT_ERROR : EXIT_CLEAN;
}

/* --baseline FILE: read it; NULL after printing why not. */
static slant_baseline *read_baseline(const char *path)
{
    cli_input in;
    if (cli_read(&in, path, GOLD_MAX_BYTES) != 0) {
        fprintf(stderr, "%s: error: cannot read the baseline: %s\n", path, in.error);
        cli_close(&in);
        return NULL;
    }
    slant_baseline *b = NULL;
    int rc = slant_baseline_new(&b);
    if (rc == 0)
        rc = slant_baseline_load(b, path, in.data, in.data_len, print_diag, NULL);
    cli_close(&in);
    if (rc != 0) {
        fprintf(stderr, "slant: %s\n", rc == SLANT_EINPUT ? "the baseline has errors; nothing "
                                                           "was checked"
                                                         : slant_strerror(rc));
        slant_baseline_free(b);
        return NULL;
    }
    return b;
}

/* Baseline entries whose finding is gone: from a document checked now,
 * or from a file that no longer exists. */
static void report_gone(const check_state *st)
{
    size_t gone = 0, matched = 0, n = slant_baseline_count(st->base);
    for (size_t i = 0; i < n; i++) {
        const slant_baseline_entry *e = slant_baseline_entry_at(st->base, i);
        int state = slant_baseline_entry_state(st->base, i);
        matched += state == SLANT_BASELINE_MATCHED;
        if (state == SLANT_BASELINE_NOT_CHECKED && access(e->path, F_OK) == 0)
            continue;
        if (state == SLANT_BASELINE_MATCHED)
            continue;
        gone++;
        fprintf(stderr, "%s:%u:%u: note: in the baseline, no longer found [%s] «", e->path,
                e->line, e->column, e->rule);
        for (const char *p = e->text; *p && p - e->text < 100; p++)
            fputc(*p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p, stderr);
        fputs("»\n", stderr);
    }
    fprintf(stderr, "slant: baseline %s: %zu new finding%s, %zu in the baseline, %zu gone\n",
            st->o->baseline, st->new_findings, st->new_findings == 1 ? "" : "s", matched, gone);
}

/* --write-baseline FILE, replaced whole or not at all. */
static int write_baseline(const check_state *st)
{
    const char *path = st->o->write_baseline;
    size_t n = strlen(path);
    char *tmp = malloc(n + 16);
    if (!tmp)
        return -1;
    snprintf(tmp, n + 16, "%s.tmp%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "w");
    int ok = f && slant_baseline_write(st->record, f) == 0;
    if (f && fclose(f) != 0)
        ok = 0;
    if (ok && rename(tmp, path) != 0)
        ok = 0;
    if (!ok) {
        fprintf(stderr, "%s: error: cannot write the baseline: %s\n", path, strerror(errno));
        remove(tmp);
    } else {
        fprintf(stderr, "slant: wrote %zu finding%s to the baseline %s\n",
                slant_baseline_count(st->record),
                slant_baseline_count(st->record) == 1 ? "" : "s", path);
    }
    free(tmp);
    return ok ? 0 : -1;
}

int cmd_check(options *o)
{
    if (config_load(o) != 0)
        return EXIT_ERROR;
    if (o->stdin_jsonl)
        return check_stdin_jsonl(o);
    if (o->nargs == 0)
        die_usage("%s", "check needs files, folders or '-' for standard input");
    check_state st = {.o = o, .max_severity = -1};
    if (o->baseline && !(st.base = read_baseline(o->baseline)))
        return EXIT_ERROR;
    if (o->write_baseline && slant_baseline_new(&st.record) != 0) {
        fputs("slant: out of memory\n", stderr);
        return EXIT_ERROR;
    }
    st.rules = load_rules(o, o->rules, o->nrules);
    if (!st.rules) {
        slant_baseline_free(st.base);
        slant_baseline_free(st.record);
        return EXIT_ERROR;
    }
    cli_output out;
    if (cli_output_open(&out, o->output) != 0) {
        slant_baseline_free(st.base);
        slant_baseline_free(st.record);
        slant_rules_free(st.rules);
        return EXIT_ERROR;
    }
    /* text is for whoever reads it: a person at a terminal gets each
     * finding under its source line, a pipe or a file the plain lines */
    int tty = out.stream == stdout && isatty(STDOUT_FILENO);
    slant_format format = o->format;
    if (format == SLANT_FORMAT_TEXT && tty)
        format = SLANT_FORMAT_PRETTY;
    int color = o->color;
    if (color < 0) {
        const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
        color = tty && !(nc && *nc) && !(term && strcmp(term, "dumb") == 0);
    }
    slant_render_options ro = {.color = color};
    if (o->summary ? slant_summary_new(&st.summary) != 0
                   : slant_renderer_new(&st.renderer, format, out.stream, &ro) != 0) {
        fputs("slant: out of memory\n", stderr);
        cli_output_abort(&out);
        slant_renderer_free(st.renderer);
        slant_rules_free(st.rules);
        return EXIT_ERROR;
    }
    scan_all(&st, o->args, o->nargs);
    int rc = st.renderer ? slant_renderer_finish(st.renderer)
                         : slant_summary_write(st.summary, out.stream,
                                               o->format != SLANT_FORMAT_TEXT);
    slant_summary_free(st.summary);
    if (rc != 0) {
        fprintf(stderr, "slant: error writing the report: %s\n",
                rc == SLANT_EIO ? strerror(errno) : slant_strerror(rc));
        cli_output_abort(&out);
        st.input_errors = 1;
    } else if (cli_output_commit(&out) != 0) {
        st.input_errors = 1;
    }
    print_counts(&st);
    if (st.base)
        report_gone(&st);
    if (st.record && write_baseline(&st) != 0)
        st.input_errors = 1;
    slant_baseline_free(st.base);
    slant_baseline_free(st.record);
    slant_renderer_free(st.renderer);
    slant_rules_free(st.rules);
    if (st.input_errors)
        return EXIT_ERROR;
    return st.max_severity >= o->fail_on ? EXIT_FINDINGS : EXIT_CLEAN;
}

static void print_row_text(const slant_eval_row *r, int width)
{
    printf("%-*s %6zu %8.2f %6zu %8.2f %9.3f %7.3f %7.3f\n", width, r->name, r->gold,
           r->matched_gold, r->predicted, r->correct, r->precision, r->recall, r->f1);
}

static void print_row_json(const slant_eval_row *r)
{
    printf("{\"name\": \"%s\", \"gold\": %zu, \"found\": %.3f, \"predicted\": %zu, "
           "\"correct\": %.3f, \"precision\": %.4f, \"recall\": %.4f, \"f1\": %.4f, "
           "\"precision_ci\": [%.4f, %.4f], \"recall_ci\": [%.4f, %.4f], "
           "\"f1_ci\": [%.4f, %.4f]}",
           r->name, r->gold, r->matched_gold, r->predicted, r->correct, r->precision, r->recall,
           r->f1, r->precision_lo, r->precision_hi, r->recall_lo, r->recall_hi, r->f1_lo,
           r->f1_hi);
}

int cmd_eval(options *o)
{
    if (!o->gold)
        die_usage("%s", "eval needs --gold FILE");
    if (o->ndocs == 0 && o->nargs == 0)
        die_usage("%s", "eval needs the documents: --docs DIR or document files");
    if (config_load(o) != 0)
        return EXIT_ERROR;
    check_state st = {.o = o, .max_severity = -1};
    st.rules = load_rules(o, o->rules, o->nrules);
    if (!st.rules)
        return EXIT_ERROR;
    cli_input gold;
    if (cli_read(&gold, o->gold, GOLD_MAX_BYTES) != 0) {
        fprintf(stderr, "%s: error: %s\n", o->gold, gold.error);
        cli_close(&gold);
        slant_rules_free(st.rules);
        return EXIT_ERROR;
    }
    int rc = slant_eval_new(&st.eval, st.rules);
    if (rc == 0)
        rc = slant_eval_load_gold(st.eval, o->gold, gold.data, gold.data_len, SLANT_GOLD_AUTO,
                                  print_diag, NULL);
    cli_close(&gold);
    if (rc != 0) {
        if (rc != SLANT_EINPUT)
            fprintf(stderr, "slant: %s\n", slant_strerror(rc));
        slant_eval_free(st.eval);
        slant_rules_free(st.rules);
        return EXIT_ERROR;
    }
    char **all = calloc(o->ndocs + o->nargs + 1, sizeof *all);
    if (!all) {
        fputs("slant: out of memory\n", stderr);
        return EXIT_ERROR;
    }
    for (size_t i = 0; i < o->ndocs + o->nargs; i++)
        all[i] = i < o->ndocs ? o->docs[i] : o->args[i - o->ndocs];
    scan_all(&st, all, o->ndocs + o->nargs);
    free(all);
    st.walked = 0; /* eval prints its counts only when something went wrong */
    print_counts(&st);
    rc = slant_eval_compute(st.eval, o->by);
    const slant_eval_row *strict = slant_eval_overall(st.eval, 0);
    const slant_eval_row *any = slant_eval_overall(st.eval, 1);
    int ptc = slant_eval_is_ptc(st.eval);
    size_t n = slant_eval_row_count(st.eval);
    if (rc == 0 && o->format == SLANT_FORMAT_JSON) {
        printf("{\"gold\": ");
        fputc('"', stdout);
        for (const char *p = o->gold; *p; p++)
            printf(*p == '"' || *p == '\\' ? "\\%c" : "%c", *p);
        printf("\", \"metric\": \"%s\", \"documents\": %zu, \"by\": \"%s\",\n \"rows\": [",
               ptc ? "semeval-span" : "strict-overlap", st.scanned,
               ptc ? "technique" : o->by == SLANT_EVAL_BY_RULE ? "rule" : "category");
        for (size_t i = 0; i < n; i++) {
            printf(i ? ",\n  " : "\n  ");
            print_row_json(slant_eval_row_at(st.eval, i));
        }
        printf("],\n \"overall\": ");
        print_row_json(strict);
        printf(",\n \"overall_any_category\": ");
        print_row_json(any);
        printf("}\n");
    } else if (rc == 0) {
        int width = 24;
        for (size_t i = 0; i < n; i++)
            if ((int)strlen(slant_eval_row_at(st.eval, i)->name) > width)
                width = (int)strlen(slant_eval_row_at(st.eval, i)->name);
        printf("%zu document%s; gold %s (%s)\n", st.scanned, st.scanned == 1 ? "" : "s", o->gold,
               ptc ? "PTC labels, SemEval span metric" : "slant JSON Lines, strict overlap");
        printf("%-*s %6s %8s %6s %8s %9s %7s %7s\n", width,
               ptc ? "technique" : o->by == SLANT_EVAL_BY_RULE ? "rule" : "category", "gold",
               "found", "pred", "correct", "precision", "recall", "F1");
        for (size_t i = 0; i < n; i++)
            print_row_text(slant_eval_row_at(st.eval, i), width);
        print_row_text(strict, width);
        if (!ptc)
            print_row_text(any, width);
        if (st.scanned > 1)
            printf("95%% intervals, resampling the %zu documents: precision %.3f-%.3f, "
                   "recall %.3f-%.3f, F1 %.3f-%.3f\n",
                   st.scanned, strict->precision_lo, strict->precision_hi, strict->recall_lo,
                   strict->recall_hi, strict->f1_lo, strict->f1_hi);
    }
    size_t missing = 0;
    for (size_t i = 0; i < slant_eval_doc_count(st.eval); i++)
        missing += !slant_eval_doc_added(st.eval, i);
    if (missing)
        fprintf(stderr, "slant: note: %zu document%s named by the gold %s not scanned (scored: "
                        "the documents given)\n", missing, missing == 1 ? "" : "s",
                missing == 1 ? "was" : "were");
    int status = st.input_errors || rc != 0 ? EXIT_ERROR : EXIT_CLEAN;
    const char *what[3] = {"precision", "recall", "F1"};
    double got[3] = {strict->precision, strict->recall, strict->f1};
    for (int k = 0; k < 3 && status == EXIT_CLEAN; k++) {
        if (o->fail_under[k] >= 0 && got[k] + 1e-9 < o->fail_under[k]) {
            fprintf(stderr, "slant: overall %s %.3f is below %.3f\n", what[k], got[k],
                    o->fail_under[k]);
            status = EXIT_FINDINGS;
        }
    }
    slant_eval_free(st.eval);
    slant_rules_free(st.rules);
    return status;
}

/* slant summary: merge result lines and summaries from files or stdin. */
int cmd_summary(options *o)
{
    slant_summary *sum;
    if (slant_summary_new(&sum) != 0) {
        fputs("slant: out of memory\n", stderr);
        return EXIT_ERROR;
    }
    char *dash[] = {"-"};
    char **files = o->nargs ? o->args : dash;
    size_t nfiles = o->nargs ? o->nargs : 1;
    int status = EXIT_CLEAN;
    for (size_t i = 0; i < nfiles; i++) {
        cli_input in;
        if (cli_read(&in, files[i], SUMMARY_MAX_BYTES) != 0) {
            fprintf(stderr, "%s: error: %s\n", files[i], in.error);
            cli_close(&in);
            status = EXIT_ERROR;
            continue;
        }
        size_t in_len = in.data_len;
        /* a whole JSON report (one object over many lines) or JSON Lines */
        size_t k = 0;
        while (k < in_len && (in.data[k] == ' ' || in.data[k] == '\n'))
            k++;
        int whole = in_len - k > 12 && strncmp(in.data + k, "{\"slant\":", 9) == 0;
        unsigned line = 0;
        for (size_t pos = 0; pos < in_len;) {
            const char *nl = memchr(in.data + pos, '\n', in_len - pos);
            size_t end = whole ? in_len : nl ? (size_t)(nl - in.data) : in_len;
            line++;
            size_t len = end - pos;
            const char *err;
            size_t blank = strspn(in.data + pos, " \t\r");
            if (blank < len && slant_summary_merge_json(sum, in.data + pos, len, &err) != 0) {
                fprintf(stderr, "%s:%u: error: %s\n", files[i], line, err ? err : "out of memory");
                status = EXIT_ERROR;
            }
            pos = end + 1;
        }
        cli_close(&in);
    }
    if (slant_summary_write(sum, stdout, o->format != SLANT_FORMAT_TEXT) != 0)
        status = EXIT_ERROR;
    slant_summary_free(sum);
    return status;
}
