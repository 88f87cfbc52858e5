/* fuzz_engines.c - the fast engine against the naive one, on arbitrary
 * patterns and texts. The input's first line is a PCRE2 pattern, an
 * optional second line "unless PATTERN" a guard within the sentence, and
 * the rest the text. Both engines must give the same findings, byte for
 * byte: this is where the prefilter's reading of arbitrary pattern syntax
 * (literals, bounds, word edges, second requirements) meets the ground
 * truth, a PCRE2 search over the whole text. */
#include "fuzz.h"
#include "slant.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PATTERN 400

/* Appends a YAML single-quoted scalar: quotes doubled, nothing else to escape. */
static size_t quoted(char *out, const uint8_t *s, size_t n)
{
    size_t k = 0;
    out[k++] = '\'';
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\'')
            out[k++] = '\'';
        out[k++] = (char)s[i];
    }
    out[k++] = '\'';
    return k;
}

static void quiet(const slant_diag *d, void *payload)
{
    (void)d;
    (void)payload;
}

static slant_report *scan(const slant_rules *rules, const slant_doc *doc, slant_engine engine)
{
    slant_scanner *s;
    FUZZ_CHECK(slant_scanner_new(&s, rules) == 0);
    slant_scanner_set_engine(s, engine);
    slant_scanner_set_budget(s, 10);
    slant_report *rep = NULL;
    int rc = slant_scanner_scan(&rep, s, doc);
    FUZZ_CHECK(rc == 0 || rc == SLANT_ELIMIT || rc == SLANT_ENOMEM);
    slant_scanner_free(s);
    return rep;
}

static void compare(const slant_report *a, const slant_report *b)
{
    /* a search stopped by PCRE2's limits or the budget differs by design */
    if (!a || !b || slant_report_incomplete_count(a) || slant_report_incomplete_count(b))
        return;
    FUZZ_CHECK(slant_report_count(a) == slant_report_count(b));
    for (size_t i = 0; i < slant_report_count(a); i++) {
        const slant_finding *x = slant_report_finding(a, i), *y = slant_report_finding(b, i);
        FUZZ_CHECK(strcmp(x->rule, y->rule) == 0);
        FUZZ_CHECK(x->start == y->start && x->end == y->end);
        FUZZ_CHECK(x->voice == y->voice && x->mention == y->mention);
        FUZZ_CHECK(x->score == y->score && x->noccurrences == y->noccurrences);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nl = memchr(data, '\n', size);
    if (!nl || nl == data || (size_t)(nl - data) > MAX_PATTERN)
        return 0;
    size_t plen = (size_t)(nl - data);
    const uint8_t *text = nl + 1, *guard = NULL;
    size_t glen = 0;
    size_t rest = size - plen - 1;
    if (rest > 7 && memcmp(text, "unless ", 7) == 0) {
        const uint8_t *nl2 = memchr(text, '\n', rest);
        if (!nl2 || (size_t)(nl2 - text) - 7 > MAX_PATTERN)
            return 0;
        guard = text + 7;
        glen = (size_t)(nl2 - guard);
        rest -= (size_t)(nl2 + 1 - text);
        text = nl2 + 1;
    }
    char yaml[4 * MAX_PATTERN + 512];
    size_t k = (size_t)snprintf(yaml, sizeof yaml,
                                "pack: fz\nrules:\n  - id: loaded-language.fz\n"
                                "    category: loaded-language\n    severity: info\n"
                                "    message: m\n    explain: e\n    advice: a\n"
                                "    examples: {match: [x], no-match: [y]}\n    patterns: [");
    k += quoted(yaml + k, data, plen);
    k += (size_t)snprintf(yaml + k, sizeof yaml - k, "]\n");
    if (guard) {
        k += (size_t)snprintf(yaml + k, sizeof yaml - k, "    unless:\n      - pattern: ");
        k += quoted(yaml + k, guard, glen);
        k += (size_t)snprintf(yaml + k, sizeof yaml - k, "\n        within: sentence\n");
    }
    slant_compiler *c;
    if (slant_compiler_new(&c) != 0)
        return 0;
    slant_compiler_set_diag(c, quiet, NULL);
    slant_rules *rules = NULL;
    int ok = slant_compiler_add_string(c, "fz.yaml", yaml, k) == 0 &&
             slant_compiler_finish(&rules, c) == 0;
    slant_compiler_free(c);
    if (!ok)
        return 0; /* not a pattern PCRE2 or the loader accepts */
    slant_doc *doc = NULL;
    /* invalid UTF-8 still gives a doc (read as U+FFFD): scan that too */
    slant_doc_new(&doc, "fz.txt", (const char *)text, rest, quiet, NULL);
    if (doc) {
        slant_report *fast = scan(rules, doc, SLANT_ENGINE_FAST);
        slant_report *naive = scan(rules, doc, SLANT_ENGINE_NAIVE);
        compare(fast, naive);
        if (getenv("FUZZ_ENGINES_VERBOSE"))
            fprintf(stderr, "fuzz_engines: %zu findings, both engines\n",
                    fast ? slant_report_count(fast) : 0);
        slant_report_free(fast);
        slant_report_free(naive);
        slant_doc_free(doc);
    }
    slant_rules_free(rules);
    return 0;
}
