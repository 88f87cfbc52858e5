/* main.c - the slant command line. A thin layer over slant.h: argument
 * parsing, files and directories, exit codes. Everything else is the
 * library's. */
#include "cli.h"
#include "slant.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_ERROR = 2 };

static const char usage[] =
    "usage: slant <command> [options] [arguments]\n"
    "\n"
    "commands:\n"
    "  check [FILE|DIR|-]...   find rhetorical and framing patterns (directories are walked)\n"
    "  test [RULES]...         run every rule's examples (built-in rules by default)\n"
    "  rules                   list the active rules\n"
    "  explain RULE-ID         teach one rule: what it is, advice, examples\n"
    "  eval --gold FILE [--docs DIR] [DOC]...  precision, recall and F1 against gold spans\n"
    "\n"
    "options:\n"
    "  --rules PATH            use the rule pack PATH (a file, or a folder of .yaml files)\n"
    "                          instead of the built-in packs; repeatable\n"
    "  --add-rules PATH        use PATH in addition to the built-in packs; repeatable\n"
    "  --format text|json      output format (default text)\n"
    "  --fail-on LEVEL         info|warning|error|never: exit 1 when a finding is at or\n"
    "                          above LEVEL (default warning)\n"
    "  --category LIST         only these categories (comma-separated)\n"
    "  --disable LIST          disable rule ids or categories (comma-separated); repeatable\n"
    "  --color auto|always|never  colour the text output (auto honours NO_COLOR)\n"
    "\n"
    "eval options:\n"
    "  --gold FILE             gold spans: slant JSON Lines or PTC/SemEval labels\n"
    "  --docs DIR              the documents the gold names (or give them as arguments)\n"
    "  --by category|rule      rows per category (default) or per rule\n"
    "  --fail-under-precision X, --fail-under-recall X, --fail-under-f1 X\n"
    "                          exit 1 when the overall strict figure is below X\n"
    "  -h, --help              this help\n"
    "  --version               print the version\n"
    "\n"
    "exit status: 0 nothing at or above the fail level, 1 findings at or above it,\n"
    "2 usage, rule or input error\n";

typedef struct {
    const char *command;
    char **rules;
    size_t nrules;
    char **add_rules;
    size_t nadd;
    char **disable;
    size_t ndisable;
    char **categories;
    size_t ncategories;
    slant_format format;
    int fail_on; /* a severity, or 3 for never */
    int color;   /* -1 auto */
    const char *gold;
    char **docs;
    size_t ndocs;
    slant_eval_by by;
    double fail_under[3]; /* precision, recall, F1; negative when unset */
    char **args;
    size_t nargs;
} options;

static void die_usage(const char *fmt, const char *arg)
{
    fputs("slant: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'slant --help'.\n", stderr);
    exit(EXIT_ERROR);
}

static void push(char ***v, size_t *n, const char *s)
{
    char **p = realloc(*v, (*n + 1) * sizeof *p);
    if (!p) {
        fputs("slant: out of memory\n", stderr);
        exit(EXIT_ERROR);
    }
    *v = p;
    p[(*n)++] = (char *)s;
}

/* Splits a comma-separated list in place into v. */
static void push_list(char ***v, size_t *n, char *list, const char *opt)
{
    for (char *tok = strtok(list, ","); tok; tok = strtok(NULL, ","))
        if (*tok)
            push(v, n, tok);
    if (*n == 0)
        die_usage("%s needs a non-empty list", opt);
}

static int parse_options(options *o, int argc, char **argv)
{
    o->format = SLANT_FORMAT_TEXT;
    o->fail_on = SLANT_SEVERITY_WARNING;
    o->color = -1;
    o->fail_under[0] = o->fail_under[1] = o->fail_under[2] = -1;
    int only_args = 0;
    for (int i = 1; i < argc; i++) {
        char *a = argv[i];
        if (only_args || a[0] != '-' || strcmp(a, "-") == 0) {
            if (!o->command)
                o->command = a;
            else
                push(&o->args, &o->nargs, a);
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_args = 1;
            continue;
        }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage, stdout);
            exit(EXIT_CLEAN);
        }
        if (strcmp(a, "--version") == 0) {
            printf("slant %s\n", SLANT_VERSION);
            exit(EXIT_CLEAN);
        }
        /* options that take a value: --opt VALUE or --opt=VALUE */
        static const char *const valued[] = {"--rules", "--add-rules", "--format", "--fail-on",
                                             "--category", "--disable", "--color", "--gold", "--docs",
                                             "--by", "--fail-under-precision",
                                             "--fail-under-recall", "--fail-under-f1", NULL};
        const char *name = NULL;
        char *value = NULL;
        for (int k = 0; valued[k]; k++) {
            size_t l = strlen(valued[k]);
            if (strncmp(a, valued[k], l) == 0 && (a[l] == '\0' || a[l] == '=')) {
                name = valued[k];
                if (a[l] == '=')
                    value = a + l + 1;
                else if (i + 1 < argc)
                    value = argv[++i];
                else
                    die_usage("option '%s' needs a value", name);
                break;
            }
        }
        if (!name)
            die_usage("unknown option '%s'", a);
        if (strcmp(name, "--rules") == 0)
            push(&o->rules, &o->nrules, value);
        else if (strcmp(name, "--add-rules") == 0)
            push(&o->add_rules, &o->nadd, value);
        else if (strcmp(name, "--disable") == 0)
            push_list(&o->disable, &o->ndisable, value, name);
        else if (strcmp(name, "--category") == 0)
            push_list(&o->categories, &o->ncategories, value, name);
        else if (strcmp(name, "--format") == 0) {
            if (slant_format_parse(&o->format, value) != 0)
                die_usage("unknown format '%s' (use text or json)", value);
        } else if (strcmp(name, "--fail-on") == 0) {
            slant_severity sev;
            if (strcmp(value, "never") == 0)
                o->fail_on = 3;
            else if (slant_severity_parse(&sev, value) == 0)
                o->fail_on = (int)sev;
            else
                die_usage("unknown --fail-on level '%s' (use info, warning, error or never)",
                          value);
        } else if (strcmp(name, "--gold") == 0) {
            o->gold = value;
        } else if (strcmp(name, "--docs") == 0) {
            push(&o->docs, &o->ndocs, value);
        } else if (strcmp(name, "--by") == 0) {
            if (strcmp(value, "category") == 0)
                o->by = SLANT_EVAL_BY_CATEGORY;
            else if (strcmp(value, "rule") == 0)
                o->by = SLANT_EVAL_BY_RULE;
            else
                die_usage("unknown --by '%s' (use category or rule)", value);
        } else if (strncmp(name, "--fail-under-", 13) == 0) {
            char *end;
            double v = strtod(value, &end);
            if (*end || end == value || v < 0 || v > 1)
                die_usage("%s needs a number from 0 to 1", name);
            o->fail_under[name[13] == 'p' ? 0 : name[13] == 'r' ? 1 : 2] = v;
        } else if (strcmp(name, "--color") == 0) {
            if (strcmp(value, "auto") == 0)
                o->color = -1;
            else if (strcmp(value, "always") == 0)
                o->color = 1;
            else if (strcmp(value, "never") == 0)
                o->color = 0;
            else
                die_usage("unknown --color mode '%s' (use auto, always or never)", value);
        }
    }
    return 0;
}

static void print_diag(const slant_diag *d, void *payload)
{
    (void)payload;
    if (d->file && d->line)
        fprintf(stderr, "%s:%u:%u: ", d->file, d->line, d->column);
    else if (d->file)
        fprintf(stderr, "%s: ", d->file);
    else
        fputs("slant: ", stderr);
    const char *lv = d->level == SLANT_LEVEL_ERROR ? "error" : d->level == SLANT_LEVEL_WARNING
                                                                  ? "warning"
                                                                  : "note";
    fprintf(stderr, "%s: %s\n", lv, d->message);
}

/* Adds a rule path: a file, or every .yaml/.yml file in a folder. */
static int add_rule_path(slant_compiler *c, const char *path)
{
    char **files = NULL;
    size_t n = 0;
    int rc = cli_rule_files(&files, &n, path);
    if (rc != 0) {
        fprintf(stderr, "%s: error: %s\n", path, rc == -2 ? "no .yaml rule files in this folder"
                                                          : strerror(errno));
        return -1;
    }
    int result = 0;
    for (size_t i = 0; i < n; i++) {
        if (slant_compiler_add_file(c, files[i]) != 0)
            result = -1;
        free(files[i]);
    }
    free(files);
    return result;
}

/* Builds the rule set the options ask for; NULL after printing errors. */
static slant_rules *load_rules(const options *o, char **paths, size_t npaths)
{
    slant_compiler *c;
    if (slant_compiler_new(&c) != 0)
        return NULL;
    slant_compiler_set_diag(c, print_diag, NULL);
    int bad = 0;
    if (npaths == 0 && slant_compiler_add_builtin(c) != 0)
        bad = 1;
    for (size_t i = 0; i < npaths; i++)
        if (add_rule_path(c, paths[i]) != 0)
            bad = 1;
    for (size_t i = 0; i < o->nadd; i++)
        if (add_rule_path(c, o->add_rules[i]) != 0)
            bad = 1;
    for (size_t i = 0; i < o->ndisable; i++)
        slant_compiler_disable(c, o->disable[i]);
    for (size_t i = 0; i < o->ncategories; i++)
        slant_compiler_only_category(c, o->categories[i]);
    slant_rules *rules = NULL;
    if (slant_compiler_finish(&rules, c) != 0)
        bad = 1;
    slant_compiler_free(c);
    if (bad) {
        slant_rules_free(rules);
        fputs("slant: the rules have errors; nothing was checked\n", stderr);
        return NULL;
    }
    return rules;
}

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

static int cmd_check(options *o)
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
        slant_renderer_new(&st.renderer, o->format, stdout, &ro) != 0) {
        fputs("slant: out of memory\n", stderr);
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
        fprintf(stderr, "slant: error writing output: %s\n", strerror(errno));
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

static int cmd_eval(options *o)
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

static int cmd_test(options *o)
{
    slant_rules *rules = load_rules(o, o->nargs ? o->args : o->rules,
                                    o->nargs ? o->nargs : o->nrules);
    if (!rules)
        return EXIT_ERROR;
    size_t failures = 0, total = 0;
    int rc = slant_rules_test(&failures, &total, rules, print_diag, NULL);
    slant_rules_free(rules);
    if (rc != 0) {
        fprintf(stderr, "slant: %s\n", slant_strerror(rc));
        return EXIT_ERROR;
    }
    printf("examples: %zu passed, %zu failed\n", total - failures, failures);
    return failures ? EXIT_FINDINGS : EXIT_CLEAN;
}

static int cmd_rules(options *o)
{
    slant_rules *rules = load_rules(o, o->rules, o->nrules);
    if (!rules)
        return EXIT_ERROR;
    size_t n = slant_rules_count(rules), wid = 4, wcat = 8;
    for (size_t i = 0; i < n; i++) {
        slant_rule_info ri;
        slant_rules_info(&ri, rules, i);
        if (strlen(ri.id) > wid)
            wid = strlen(ri.id);
        if (strlen(ri.category) > wcat)
            wcat = strlen(ri.category);
    }
    for (size_t i = 0; i < n; i++) {
        slant_rule_info ri;
        slant_rules_info(&ri, rules, i);
        printf("%-*s  %-*s  %-7s  %s\n", (int)wid, ri.id, (int)wcat, ri.category,
               slant_severity_name(ri.severity), ri.message);
    }
    slant_rules_free(rules);
    return EXIT_CLEAN;
}

/* Prints text folded to `width` columns: the first line after `first`
 * columns already used, the next ones indented by `indent`. */
static void print_wrapped(const char *text, int first, int indent, int width)
{
    int col = 0;
    const char *p = text;
    while (*p) {
        while (*p == ' ' || *p == '\n')
            p++;
        if (!*p)
            break;
        size_t len = strcspn(p, " \n");
        if (col > 0 && col + 1 + (int)len > width) {
            putchar('\n');
            col = 0;
        }
        if (col == 0 && first > 0) {
            col = first;
            first = 0;
        } else if (col == 0)
            col = printf("%*s", indent, "");
        else
            col += printf(" ");
        col += printf("%.*s", (int)len, p);
        p += len;
    }
    if (col)
        putchar('\n');
}

static int cmd_explain(options *o)
{
    if (o->nargs != 1)
        die_usage("%s", "explain needs one rule id");
    slant_rules *rules = load_rules(o, o->rules, o->nrules);
    if (!rules)
        return EXIT_ERROR;
    long idx = slant_rules_find(rules, o->args[0]);
    if (idx < 0) {
        const char *s = slant_rules_suggest(rules, o->args[0]);
        if (s)
            fprintf(stderr, "slant: no rule is named '%s' (did you mean '%s'?)\n", o->args[0], s);
        else
            fprintf(stderr, "slant: no rule is named '%s'; 'slant rules' lists them\n",
                    o->args[0]);
        slant_rules_free(rules);
        return EXIT_ERROR;
    }
    slant_rule_info ri;
    slant_rules_info(&ri, rules, (size_t)idx);
    printf("%s  (%s, %s, weight %g)\n", ri.id, ri.category, slant_severity_name(ri.severity),
           ri.weight);
    print_wrapped(ri.message, 0, 2, 76);
    printf("\nWhat it is\n");
    print_wrapped(ri.explain, 0, 2, 76);
    printf("\nAdvice\n");
    print_wrapped(ri.advice, 0, 2, 76);
    for (int m = 1; m >= 0; m--) {
        printf("\n%s\n", m ? "Flagged, for example" : "Not flagged, for example");
        const char *ex;
        for (size_t i = 0; (ex = slant_rules_example(rules, (size_t)idx, m, i)); i++) {
            printf("  - ");
            print_wrapped(ex, 4, 4, 76);
        }
    }
    printf("\nDefined in %s:%u\n", ri.file, ri.line);
    slant_rules_free(rules);
    return EXIT_CLEAN;
}

int main(int argc, char **argv)
{
    options o = {0};
    parse_options(&o, argc, argv);
    int rc;
    if (!o.command) {
        fputs(usage, stderr);
        rc = EXIT_ERROR;
    } else if (strcmp(o.command, "check") == 0) {
        rc = cmd_check(&o);
    } else if (strcmp(o.command, "test") == 0) {
        rc = cmd_test(&o);
    } else if (strcmp(o.command, "rules") == 0) {
        rc = cmd_rules(&o);
    } else if (strcmp(o.command, "explain") == 0) {
        rc = cmd_explain(&o);
    } else if (strcmp(o.command, "eval") == 0) {
        rc = cmd_eval(&o);
    } else if (strcmp(o.command, "help") == 0) {
        fputs(usage, stdout);
        rc = EXIT_CLEAN;
    } else {
        die_usage("unknown command '%s' (commands: check, test, rules, explain, eval)", o.command);
        rc = EXIT_ERROR;
    }
    free(o.rules);
    free(o.add_rules);
    free(o.disable);
    free(o.categories);
    free(o.args);
    free(o.docs);
    return rc;
}
