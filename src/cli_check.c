/* cli_check.c - check and eval: inputs, scanning, output, exit codes. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Gold label files are read whole. */
#define GOLD_MAX_BYTES ((size_t)256 << 20)

#define MAX_SKIP_KINDS 16

typedef struct {
    const options *o;
    slant_rules *rules;
    slant_scanner *scanner;
    slant_renderer *renderer;
    slant_eval *eval; /* slant eval: reports go here instead of a renderer */
    int max_severity;
    int input_errors;
    int walked;       /* a folder was named: always end with the counts */
    size_t scanned, skipped, failed;
    cli_walker walker;
    /* why files were skipped, for the closing counts */
    char skip_kind[MAX_SKIP_KINDS][48];
    size_t skip_count[MAX_SKIP_KINDS];
    size_t nkinds;
} check_state;

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

/* Scans one part (or the whole input); 0, or -1 when it could not be. */
static int check_part(check_state *st, const char *path, const char *data, size_t len,
                      slant_part *part)
{
    slant_doc *doc = NULL;
    int rc = part ? slant_doc_new_part(&doc, path, data, len, part, print_diag, NULL)
                  : slant_doc_new(&doc, path, data, len, print_diag, NULL);
    if (!doc) {
        fail(st, path, slant_strerror(rc));
        return -1;
    }
    if (rc == SLANT_EINPUT)
        st->input_errors = 1;
    slant_report *rep = NULL;
    rc = slant_scanner_scan(&rep, st->scanner, doc);
    if (!rep) {
        fail(st, path, slant_strerror(rc));
        slant_doc_free(doc);
        return -1;
    }
    if (rc == SLANT_ELIMIT)
        st->input_errors = 1;
    if (st->renderer)
        slant_renderer_add(st->renderer, doc, rep);
    if (st->eval && slant_eval_add(st->eval, base_name(path), rep) != 0) {
        fputs("slant: out of memory\n", stderr);
        st->input_errors = 1;
    }
    int m = slant_report_max_severity(rep);
    if (m > st->max_severity)
        st->max_severity = m;
    if (part)
        slant_doc_next_part(part, doc);
    slant_report_free(rep);
    slant_doc_free(doc);
    return 0;
}

static void check_one(check_state *st, const char *path, int explicit_arg)
{
    cli_input in;
    if (cli_open(&in, path) != 0) {
        fail(st, path, in.error);
        return;
    }
    const char *data;
    size_t len;
    int rc = cli_next_part(&in, &data, &len);
    if (rc < 0) {
        fail(st, path, in.error);
        cli_close(&in);
        return;
    }
    int skip;
    const char *why = cli_sniff(data, len, &skip);
    if (why && skip) {
        fprintf(stderr, "%s: warning: skipped: %s\n", path, why);
        note_skip(st, why);
        if (explicit_arg)
            st->input_errors = 1; /* a file named on purpose was not checked */
        cli_close(&in);
        return;
    }
    if (why) {
        fail(st, path, why);
        cli_close(&in);
        return;
    }
    slant_part part = {0, 0, 0, 1, 1};
    int ok = 1;
    for (; rc == 1 && ok; rc = cli_next_part(&in, &data, &len))
        ok = check_part(st, path, data, len, in.split ? &part : NULL) == 0;
    if (!ok) {
        /* check_part said why */
    } else if (rc < 0) {
        char msg[160];
        snprintf(msg, sizeof msg, "%s (after %zu bytes; the findings above cover those)",
                 in.error, in.total);
        fail(st, path, msg);
    } else if (cli_changed(&in)) {
        fail(st, path, "the file changed while slant read it; its findings may not match it");
    } else {
        st->scanned++;
    }
    cli_close(&in);
}

static void check_walked(const char *path, void *payload)
{
    check_one(payload, path, 0);
}

static void walk_skip(const char *path, const char *why, int failed, void *payload)
{
    check_state *st = payload;
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
    if (!st->walked && !st->skipped && !st->failed && !st->walker.ignored)
        return;
    fprintf(stderr, "slant: %zu scanned, %zu skipped", st->scanned, st->skipped);
    for (size_t k = 0; k < st->nkinds; k++)
        fprintf(stderr, "%s%s: %zu", k ? "; " : " (", st->skip_kind[k], st->skip_count[k]);
    fprintf(stderr, "%s, %zu failed", st->nkinds ? ")" : "", st->failed);
    if (st->walker.ignored)
        fprintf(stderr, "; %zu other file%s ignored (hidden, or not .txt .text .md .markdown "
                        ".html .htm)", st->walker.ignored, st->walker.ignored == 1 ? "" : "s");
    fputc('\n', stderr);
}

static void check_arg(check_state *st, const char *a)
{
    st->walker.file = check_walked;
    st->walker.skip = walk_skip;
    st->walker.payload = st;
    if (cli_walk(a, &st->walker) == CLI_NOT_A_DIR)
        check_one(st, a, 1);
    else
        st->walked = 1;
}

int cmd_check(options *o)
{
    if (o->nargs == 0)
        die_usage("%s", "check needs files, folders or '-' for standard input");
    check_state st = {.o = o, .max_severity = -1};
    st.rules = load_rules(o, o->rules, o->nrules);
    if (!st.rules)
        return EXIT_ERROR;
    int color = o->color;
    if (color < 0) {
        const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
        color = isatty(STDOUT_FILENO) && !(nc && *nc) && !(term && strcmp(term, "dumb") == 0);
    }
    slant_render_options ro = {.color = color};
    if (slant_scanner_new(&st.scanner, st.rules) != 0 ||
        slant_scanner_set_budget(st.scanner, o->budget) != 0 ||
        slant_renderer_new(&st.renderer, o->format, stdout, &ro) != 0) {
        fputs("slant: out of memory\n", stderr);
        return EXIT_ERROR;
    }
    for (size_t i = 0; i < o->nargs; i++)
        check_arg(&st, o->args[i]);
    int rc = slant_renderer_finish(st.renderer);
    if (rc != 0) {
        fprintf(stderr, "slant: error writing output: %s\n", strerror(errno));
        st.input_errors = 1;
    }
    print_counts(&st);
    slant_renderer_free(st.renderer);
    slant_scanner_free(st.scanner);
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
           "\"correct\": %.3f, \"precision\": %.4f, \"recall\": %.4f, \"f1\": %.4f}",
           r->name, r->gold, r->matched_gold, r->predicted, r->correct, r->precision, r->recall,
           r->f1);
}

int cmd_eval(options *o)
{
    if (!o->gold)
        die_usage("%s", "eval needs --gold FILE");
    if (o->ndocs == 0 && o->nargs == 0)
        die_usage("%s", "eval needs the documents: --docs DIR or document files");
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
    if (rc == 0)
        rc = slant_scanner_new(&st.scanner, st.rules);
    if (rc != 0) {
        if (rc != SLANT_EINPUT)
            fprintf(stderr, "slant: %s\n", slant_strerror(rc));
        slant_eval_free(st.eval);
        slant_scanner_free(st.scanner);
        slant_rules_free(st.rules);
        return EXIT_ERROR;
    }
    for (size_t i = 0; i < o->ndocs + o->nargs; i++)
        check_arg(&st, i < o->ndocs ? o->docs[i] : o->args[i - o->ndocs]);
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
    }
    size_t missing = 0;
    for (size_t i = 0; i < slant_eval_doc_count(st.eval); i++)
        if (!slant_eval_doc_added(st.eval, i)) {
            if (missing++ < 5)
                fprintf(stderr, "slant: note: the gold names '%s', which was not scanned\n",
                        slant_eval_doc_name(st.eval, i));
        }
    if (missing > 5)
        fprintf(stderr, "slant: note: %zu documents named by the gold were not scanned\n",
                missing);
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
    slant_scanner_free(st.scanner);
    slant_rules_free(st.rules);
    return status;
}
