/* fuzz_scan.c - the scanner with the built-in rules on arbitrary bytes,
 * read as plain text, Markdown and HTML, then every renderer. Checks that every finding points into the input:
 * offsets in order and in range, its text the bytes at those offsets,
 * lines and columns from 1; and that the JSON output is valid UTF-8 that
 * parses, with one entry per finding; read as plain text, the naive
 * engine (every pattern over the whole text) finds exactly the same. */
#include "fuzz.h"
#include "json.h"
#include "slant.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static slant_rules *rules;
static slant_scanner *scanner, *naive; /* the prefiltered engine, the reference */
static FILE *sink;

static void init(void)
{
    slant_compiler *c;
    if (slant_compiler_new(&c) != 0 || slant_compiler_add_builtin(c) != 0 ||
        slant_compiler_finish(&rules, c) != 0 || slant_scanner_new(&scanner, rules) != 0 ||
        slant_scanner_new(&naive, rules) != 0 ||
        slant_scanner_set_engine(naive, SLANT_ENGINE_NAIVE) != 0) {
        fputs("fuzz_scan: the built-in rules do not compile\n", stderr);
        abort();
    }
    slant_compiler_free(c);
    /* generous for a few kilobytes; a slower input shows up as a timeout */
    slant_scanner_set_budget(scanner, 20);
    slant_scanner_set_budget(naive, 20);
    sink = fopen("/dev/null", "w");
    FUZZ_CHECK(sink != NULL);
}

static void check_finding(const slant_finding *f, const uint8_t *data, size_t size)
{
    FUZZ_CHECK(f->start < f->end && f->end <= size);
    FUZZ_CHECK(f->char_start < f->char_end && f->char_end <= size);
    FUZZ_CHECK(f->line >= 1 && f->column >= 1 && f->end_line >= f->line);
    FUZZ_CHECK(f->end_line > f->line || f->end_column > f->column);
    FUZZ_CHECK(strlen(f->text) <= f->end - f->start);
    FUZZ_CHECK(memcmp(f->text, data + f->start, strlen(f->text)) == 0);
    FUZZ_CHECK(f->rule && f->category && f->message);
    FUZZ_CHECK(f->score >= 0 && f->score <= f->weight);
    for (size_t k = 0; k < f->noccurrences; k++)
        FUZZ_CHECK(f->occurrences[k].start < f->occurrences[k].end &&
                   f->occurrences[k].end <= size);
}

static void check_json(const slant_doc *doc, const slant_report *rep)
{
    char *out = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&out, &len);
    if (!mem)
        return;
    slant_renderer *r;
    if (slant_renderer_new(&r, SLANT_FORMAT_JSON, mem, NULL) == 0) {
        slant_renderer_add(r, doc, rep);
        slant_renderer_finish(r);
        slant_renderer_free(r);
    }
    fclose(mem);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = utf8_decode(&cp, (const unsigned char *)out + i, len - i);
        FUZZ_CHECK(n > 0 && cp != 0);
        i += n;
    }
    json *v = NULL;
    size_t at;
    const char *err;
    FUZZ_CHECK(json_parse(&v, out, len, &at, &err) == 0);
    const json *docs = json_get(v, "documents");
    FUZZ_CHECK(docs && docs->kind == JSON_ARRAY && docs->n == 1);
    const json *findings = json_get(docs->items[0], "findings");
    FUZZ_CHECK(findings && findings->kind == JSON_ARRAY &&
               findings->n == slant_report_count(rep));
    json_free(v);
    free(out);
}

/* The reference engine finds the same, unless a search hit a limit. */
static void check_engines(const slant_doc *doc, const slant_report *rep)
{
    slant_report *ref = NULL;
    slant_scanner_scan(&ref, naive, doc);
    if (ref && !slant_report_incomplete_count(ref) && !slant_report_incomplete_count(rep)) {
        FUZZ_CHECK(slant_report_count(ref) == slant_report_count(rep));
        for (size_t i = 0; i < slant_report_count(rep); i++) {
            const slant_finding *x = slant_report_finding(rep, i), *y = slant_report_finding(ref, i);
            FUZZ_CHECK(strcmp(x->rule, y->rule) == 0 && x->start == y->start && x->end == y->end);
            FUZZ_CHECK(x->voice == y->voice && x->mention == y->mention && x->score == y->score);
        }
    }
    slant_report_free(ref);
}

static void scan_as(const uint8_t *data, size_t size, slant_input_format format)
{
    slant_doc *doc = NULL;
    slant_doc_new_format(&doc, "fuzz.txt", (const char *)data, size, format, NULL, NULL);
    if (!doc)
        return;
    slant_report *rep = NULL;
    int rc = slant_scanner_scan(&rep, scanner, doc);
    if (rep) {
        FUZZ_CHECK(rc == 0 || rc == SLANT_ELIMIT);
        size_t prev = 0;
        for (size_t i = 0; i < slant_report_count(rep); i++) {
            const slant_finding *f = slant_report_finding(rep, i);
            check_finding(f, data, size);
            FUZZ_CHECK(f->start >= prev); /* document order */
            prev = f->start;
        }
        const slant_score *s = slant_report_score(rep);
        FUZZ_CHECK(s->index >= 0 && s->index <= 100 && s->total >= 0);
        for (int fmt = SLANT_FORMAT_TEXT; fmt <= SLANT_FORMAT_PRETTY; fmt++) {
            slant_renderer *r;
            if (slant_renderer_new(&r, (slant_format)fmt, sink, NULL) == 0) {
                slant_renderer_add(r, doc, rep);
                slant_renderer_finish(r);
                slant_renderer_free(r);
            }
        }
        check_json(doc, rep);
        if (format == SLANT_INPUT_TEXT)
            check_engines(doc, rep);
    } else {
        FUZZ_CHECK(rc == SLANT_ENOMEM);
    }
    slant_report_free(rep);
    slant_doc_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!rules)
        init();
    scan_as(data, size, SLANT_INPUT_TEXT);
    scan_as(data, size, SLANT_INPUT_MARKDOWN);
    scan_as(data, size, SLANT_INPUT_HTML);
    return 0;
}
