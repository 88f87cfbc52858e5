/* cli_check.c - check and eval: inputs, scanning, output, exit codes. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    const options *o;
    slant_rules *rules;
    slant_scanner *scanner;
    slant_renderer *renderer;
    slant_eval *eval; /* slant eval: reports go here instead of a renderer */
    int max_severity;
    int input_errors;
    size_t scanned, skipped, failed;
} check_state;

static const char *base_name(const char *path)
{
    const char *b = strrchr(path, '/');
    return b ? b + 1 : path;
}

static void check_one(check_state *st, const char *path, int explicit_arg)
{
    cli_input in;
    int rc = cli_read(&in, path);
    if (rc != 0) {
        fprintf(stderr, "%s: error: %s\n", path, in.error);
        if (st->renderer)
            slant_renderer_add_error(st->renderer, path, in.error);
        st->failed++;
        st->input_errors = 1;
        cli_input_free(&in);
        return;
    }
    if (in.binary) {
        fprintf(stderr, "%s: warning: skipped: binary file (it contains NUL bytes)\n", path);
        st->skipped++;
        if (explicit_arg)
            st->input_errors = 1;
        cli_input_free(&in);
        return;
    }
    slant_doc *doc = NULL;
    rc = slant_doc_new(&doc, path, in.data, in.len, print_diag, NULL);
    if (!doc) {
        fprintf(stderr, "%s: error: %s\n", path, slant_strerror(rc));
        if (st->renderer)
            slant_renderer_add_error(st->renderer, path, slant_strerror(rc));
        st->failed++;
        st->input_errors = 1;
        cli_input_free(&in);
        return;
    }
    if (rc == SLANT_EINPUT)
        st->input_errors = 1;
    slant_report *rep = NULL;
    rc = slant_scanner_scan(&rep, st->scanner, doc);
    if (!rep) {
        fprintf(stderr, "%s: error: %s\n", path, slant_strerror(rc));
        st->failed++;
        st->input_errors = 1;
    } else {
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
        st->scanned++;
    }
    slant_report_free(rep);
    slant_doc_free(doc);
    cli_input_free(&in);
}

static void check_walked(const char *path, void *payload)
{
    check_one(payload, path, 0);
}

static void walk_error(const char *path, const char *why, void *payload)
{
    check_state *st = payload;
    fprintf(stderr, "%s: warning: skipped: %s\n", path, why);
    st->skipped++;
}

int cmd_check(options *o)
{
    if (o->nargs == 0)
        die_usage("%s", "check needs files, folders or '-' for standard input");
    check_state st = {.o = o, .max_severity = -1};
    st.rules = load_rules(o, o->rules, o->nrules);
    if (!st.rules)
        return EXIT_ERROR;
    cli_output out;
    if (cli_output_open(&out, o->output) != 0) {
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
    if (slant_scanner_new(&st.scanner, st.rules) != 0 ||
        slant_scanner_set_budget(st.scanner, o->budget) != 0 ||
        slant_renderer_new(&st.renderer, format, out.stream, &ro) != 0) {
        fputs("slant: out of memory\n", stderr);
        cli_output_abort(&out);
        slant_renderer_free(st.renderer);
        slant_scanner_free(st.scanner);
        slant_rules_free(st.rules);
        return EXIT_ERROR;
    }
    for (size_t i = 0; i < o->nargs; i++) {
        const char *a = o->args[i];
        int rc = cli_walk(a, check_walked, walk_error, &st);
        if (rc == CLI_NOT_A_DIR)
            check_one(&st, a, 1);
    }
    int rc = slant_renderer_finish(st.renderer);
    if (rc != 0) {
        fprintf(stderr, "slant: error writing the report: %s\n",
                rc == SLANT_EIO ? strerror(errno) : slant_strerror(rc));
        cli_output_abort(&out);
        st.input_errors = 1;
    } else if (cli_output_commit(&out) != 0) {
        st.input_errors = 1;
    }
    if (st.skipped || st.failed)
        fprintf(stderr, "slant: %zu scanned, %zu skipped, %zu failed\n", st.scanned, st.skipped,
                st.failed);
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
    if (cli_read(&gold, o->gold) != 0) {
        fprintf(stderr, "%s: error: %s\n", o->gold, gold.error);
        slant_rules_free(st.rules);
        return EXIT_ERROR;
    }
    int rc = slant_eval_new(&st.eval, st.rules);
    if (rc == 0)
        rc = slant_eval_load_gold(st.eval, o->gold, gold.data, gold.len, SLANT_GOLD_AUTO,
                                  print_diag, NULL);
    cli_input_free(&gold);
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
    for (size_t i = 0; i < o->ndocs + o->nargs; i++) {
        const char *a = i < o->ndocs ? o->docs[i] : o->args[i - o->ndocs];
        if (cli_walk(a, check_walked, walk_error, &st) == CLI_NOT_A_DIR)
            check_one(&st, a, 1);
    }
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
