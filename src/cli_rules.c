/* cli_rules.c - loading rules for every command; test, rules, explain. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void print_diag(const slant_diag *d, void *payload)
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
slant_rules *load_rules(const options *o, char **paths, size_t npaths)
{
    slant_compiler *c;
    if (slant_compiler_new(&c) != 0)
        return NULL;
    slant_compiler_set_diag(c, print_diag, NULL);
    if (o->no_model) /* before the built-in packs, so that they skip the model */
        slant_compiler_set_model(c, 0);
    int bad = 0;
    if (o->config) {
        /* its packs unless --rules names others; its disables, overrides and words */
        int rc = slant_config_apply(o->config, c, npaths == 0);
        if (rc == SLANT_ENOMEM || (rc != 0 && rc != SLANT_ERULES && rc != SLANT_EIO)) {
            fputs("slant: out of memory\n", stderr);
            bad = 1;
        } else if (rc != 0) {
            bad = 1;
        }
    } else if (npaths == 0 && slant_compiler_add_builtin(c) != 0) {
        bad = 1;
    }
    for (size_t i = 0; i < npaths; i++)
        if (add_rule_path(c, paths[i]) != 0)
            bad = 1;
    for (size_t i = 0; i < o->nadd; i++)
        if (add_rule_path(c, o->add_rules[i]) != 0)
            bad = 1;
    /* the command line over the configuration's model */
    if (o->model && slant_compiler_add_model_file(c, o->model) != 0)
        bad = 1;
    if (o->model)
        slant_compiler_set_model(c, 1);
    if (o->no_model)
        slant_compiler_set_model(c, 0);
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

int cmd_test(options *o)
{
    /* the examples of rule files: no house configuration */
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

/* Prints a bound c[0] + c[1]*S + ... in bytes (slant_program_info). */
/* A literal in double quotes, its own quotation marks and backslashes
 * escaped. */
static void print_literal(const char *sep, const char *lit)
{
    fputs(sep, stdout);
    putchar('"');
    for (const char *p = lit; *p; p++) {
        if (*p == '"' || *p == '\\')
            putchar('\\');
        putchar(*p);
    }
    putchar('"');
}

static void print_bound(const unsigned c[5])
{
    static const char *const run[] = {"", "S", "P", "T", "L"};
    printf("%u", c[0]);
    for (int t = 1; t < 5; t++)
        if (c[t])
            printf(" + %u*%s", c[t], run[t]);
    printf(" bytes");
}

/* A program's second requirements, for `rules --cost`: with one for all
 * its literals, "only where one of (...) starts ..."; else the same for
 * each, after the literals it is for (three at most are shown). */
static void print_pairs(const slant_rules *rules, size_t rule, size_t prog,
                        const slant_program_info *pi)
{
    size_t with = 0;
    for (size_t l = 0; l < pi->nliterals; l++)
        with += pi->literal_pair[l] != 0;
    for (size_t j = 0; j < pi->npairs && j < 3; j++) {
        slant_pair_info q;
        if (slant_rules_program_pair(&q, rules, rule, prog, j) != 0)
            return;
        if (pi->npairs == 1 && with == pi->nliterals) {
            printf("; only where");
        } else {
            size_t shown = 0, more = 0;
            for (size_t l = 0; l < pi->nliterals; l++) {
                if (pi->literal_pair[l] != j + 1)
                    continue;
                if (shown < 2)
                    print_literal(shown++ ? ", " : "; for ", pi->literals[l]);
                else
                    more = 1;
            }
            printf("%s only where", more ? ", ..." : "");
        }
        printf(" one of (");
        for (size_t l = 0; l < q.nstrings && l < 3; l++)
            print_literal(l ? ", " : "", q.strings[l]);
        printf("%s) starts %u to ", q.nstrings > 3 ? ", ..." : "", q.min);
        print_bound(q.max);
        printf(" %s it", q.dir > 0 ? "after" : "before");
    }
    if (pi->npairs > 3)
        printf("; and %zu more", pi->npairs - 3);
    if (pi->npairs && with < pi->nliterals)
        printf("; %zu of %zu literals without", pi->nliterals - with, pi->nliterals);
}

int cmd_rules(options *o)
{
    if (config_load(o) != 0)
        return EXIT_ERROR;
    slant_rules *rules = load_rules(o, o->rules, o->nrules);
    if (!rules)
        return EXIT_ERROR;
    size_t n = slant_rules_count(rules), wid = 4, wcat = 8;
    if (o->export_patterns) {
        /* the rules' own matchers (terms, patterns, near parts), not their guards */
        for (size_t i = 0; i < n; i++)
            for (size_t k = 0; k < slant_rules_program_count(rules, i); k++) {
                slant_program_info pi;
                slant_rules_program(&pi, rules, i, k);
                if (!pi.guard && !strchr(pi.regex, '\n'))
                    printf("%s\n", pi.regex);
            }
        slant_rules_free(rules);
        return EXIT_CLEAN;
    }
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
        if (!o->cost)
            continue;
        for (size_t k = 0; k < slant_rules_program_count(rules, i); k++) {
            slant_program_info pi;
            slant_rules_program(&pi, rules, i, k);
            printf("    %s%-8.60s ", pi.guard ? "unless " : "", pi.source);
            if (!pi.nliterals) {
                printf("full pass: %s\n", pi.why ? pi.why : "no literal");
                continue;
            }
            if (!pi.prefiltered) {
                printf("searched around each finding: its literals (\"%s\", ...) are common "
                       "words\n", pi.literals[0]);
                continue;
            }
            printf("%zu literal%s (", pi.nliterals, pi.nliterals == 1 ? "" : "s");
            for (size_t l = 0; l < pi.nliterals && l < 4; l++)
                print_literal(l ? ", " : "", pi.literals[l]);
            printf("%s); ", pi.nliterals > 4 ? ", ..." : "");
            if (pi.pre_bounded) {
                printf("search from ");
                print_bound(pi.pre);
                printf(" before one, match ");
                if (pi.bounded)
                    print_bound(pi.c);
                else
                    printf("unbounded");
                print_pairs(rules, i, k, &pi);
                printf("\n");
            } else {
                printf("unbounded: a full pass when a literal occurs\n");
            }
        }
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

int cmd_explain(options *o)
{
    if (o->nargs != 1)
        die_usage("%s", "explain needs one rule id");
    if (config_load(o) != 0)
        return EXIT_ERROR;
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
        if (!slant_rules_example(rules, (size_t)idx, m, 0))
            continue; /* the sentence model's rules have none */
        printf("\n%s\n", m ? "Flagged, for example" : "Not flagged, for example");
        const char *ex;
        for (size_t i = 0; (ex = slant_rules_example(rules, (size_t)idx, m, i)); i++) {
            printf("  - ");
            print_wrapped(ex, 4, 4, 76);
        }
    }
    if (ri.line)
        printf("\nDefined in %s:%u\n", ri.file, ri.line);
    else
        printf("\nDefined in %s\n", ri.file);
    slant_rules_free(rules);
    return EXIT_CLEAN;
}
