/* Differential test of the two engines on random documents built from
 * every rule's own examples (the texts most likely to hit every branch of
 * every pattern), glued with varied white space, quotes and punctuation.
 * Both engines must give byte-identical findings; the first difference is
 * printed with the document. Usage: random_docs [DOCS [SEED]] */
#include <slant.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long state = 12345;

static unsigned long next_rand(void)
{
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
}

static const char *const glue[] = {
    " ", "  ", "\n", "\n\n", "\r\n", " \xE2\x80\x9C", "\xE2\x80\x9D ", ". ", ", ", "; ",
    " \xE2\x80\x94 ", "\t", "\xC2\xA0", " '", "' ", "? ", "!\n", " (", ") ", "\n   \n",
};

static int same(const slant_report *a, const slant_report *b)
{
    if (slant_report_count(a) != slant_report_count(b))
        return 0;
    for (size_t i = 0; i < slant_report_count(a); i++) {
        const slant_finding *x = slant_report_finding(a, i), *y = slant_report_finding(b, i);
        if (strcmp(x->rule, y->rule) || x->start != y->start || x->end != y->end ||
            x->voice != y->voice || x->mention != y->mention || x->severity != y->severity)
            return 0;
    }
    return 1;
}

int main(int argc, char **argv)
{
    long docs = argc > 1 ? atol(argv[1]) : 300;
    if (argc > 2)
        state = strtoul(argv[2], NULL, 10);
    slant_compiler *c;
    slant_rules *rules;
    if (slant_compiler_new(&c) || slant_compiler_add_builtin(c) || slant_compiler_finish(&rules, c))
        return 2;
    slant_compiler_free(c);
    const char **ex = NULL;
    size_t nex = 0;
    for (size_t r = 0; r < slant_rules_count(rules); r++)
        for (int m = 0; m < 2; m++)
            for (size_t i = 0; slant_rules_example(rules, r, m, i); i++) {
                ex = realloc(ex, (nex + 1) * sizeof *ex);
                ex[nex++] = slant_rules_example(rules, r, m, i);
            }
    slant_scanner *fast, *naive;
    slant_scanner_new(&fast, rules);
    slant_scanner_new(&naive, rules);
    slant_scanner_set_engine(naive, SLANT_ENGINE_NAIVE);
    long failures = 0, findings = 0;
    for (long d = 0; d < docs && failures == 0; d++) {
        size_t cap = 1 << 16, len = 0;
        char *text = malloc(cap);
        long parts = 1 + (long)(next_rand() % 40);
        for (long p = 0; p < parts; p++) {
            const char *e = ex[next_rand() % nex];
            const char *g = glue[next_rand() % (sizeof glue / sizeof *glue)];
            size_t le = strlen(e), lg = strlen(g);
            if (len + le + lg + 1 > cap)
                break;
            memcpy(text + len, e, le);
            len += le;
            memcpy(text + len, g, lg);
            len += lg;
        }
        slant_doc *doc;
        slant_report *a = NULL, *b = NULL;
        slant_doc_new(&doc, "random", text, len, NULL, NULL);
        slant_scanner_scan(&a, fast, doc);
        slant_scanner_scan(&b, naive, doc);
        if (!a || !b || !same(a, b)) {
            failures++;
            fprintf(stderr, "engines: document %ld differs (fast %zu, naive %zu findings)\n", d,
                    slant_report_count(a), slant_report_count(b));
            for (int k = 0; k < 2; k++) {
                const slant_report *r = k ? b : a;
                for (size_t i = 0; r && i < slant_report_count(r); i++) {
                    const slant_finding *f = slant_report_finding(r, i);
                    fprintf(stderr, "  %s %s [%zu,%zu) v%d m%d s%d %s\n", k ? "naive" : "fast ", f->rule,
                            f->start, f->end, (int)f->voice, f->mention, (int)f->severity, f->text);
                }
            }
            fprintf(stderr, "  the document:\n%.*s\n", (int)len, text);
        }
        findings += (long)slant_report_count(b);
        slant_report_free(a);
        slant_report_free(b);
        slant_doc_free(doc);
        free(text);
    }
    printf("engines: %ld random documents, %ld findings, %ld passed, %ld failed\n", docs, findings,
           docs - failures, failures);
    free(ex);
    slant_scanner_free(fast);
    slant_scanner_free(naive);
    slant_rules_free(rules);
    return failures ? 1 : 0;
}
