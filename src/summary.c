/* summary.c - corpus-level aggregates that merge.
 *
 * A summary is a set of counts (files, bytes, words, findings per
 * severity, category and rule, documents per index bucket, the sum of
 * indexes) plus the ten documents with the highest index. Every part
 * merges associatively and commutatively - counts add, and the top ten of
 * a union is the top ten of the parts' top tens, ordered by index then
 * path - so partial summaries from many workers, merged in any grouping,
 * give the numbers of one run over everything. Output is ordered (rules by
 * id, categories in TAXONOMY order) so equal summaries print equal bytes.
 */
#include "json.h"
#include "render.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

#define TOP_N 10
#define BUCKETS 11 /* 0-9, 10-19, ..., 90-99, 100 */

typedef struct {
    char *path;
    int index;
    size_t findings;
} top_doc;

typedef struct {
    char *id;
    size_t n;
} rule_count;

struct slant_summary {
    size_t files, bytes, words, findings;
    size_t severity[3];
    size_t *category; /* slant_category_count() entries */
    rule_count *rules;
    size_t nrules, rcap;
    size_t buckets[BUCKETS];
    size_t index_sum;
    size_t with_errors, incomplete;
    /* a large input comes as parts, in order: the document is counted
     * once, with its first part's index, and is counted with errors or
     * incomplete once whichever of its parts had them */
    int part_errors, part_incomplete;
    top_doc top[TOP_N];
    size_t ntop;
};

int slant_summary_new(slant_summary **out)
{
    *out = NULL;
    slant_summary *s = calloc(1, sizeof *s);
    if (!s || !(s->category = calloc(slant_category_count(), sizeof *s->category))) {
        free(s);
        return SLANT_ENOMEM;
    }
    *out = s;
    return 0;
}

void slant_summary_free(slant_summary *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nrules; i++)
        free(s->rules[i].id);
    free(s->rules);
    for (size_t i = 0; i < s->ntop; i++)
        free(s->top[i].path);
    free(s->category);
    free(s);
}

static int count_rule(slant_summary *s, const char *id, size_t n)
{
    /* kept sorted by id: binary search, insert */
    size_t lo = 0, hi = s->nrules;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(s->rules[mid].id, id);
        if (c == 0) {
            s->rules[mid].n += n;
            return 0;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (grow(&s->rules, &s->rcap, s->nrules + 1, sizeof *s->rules) != 0)
        return SLANT_ENOMEM;
    char *copy = str_dup(id);
    if (!copy)
        return SLANT_ENOMEM;
    memmove(s->rules + lo + 1, s->rules + lo, (s->nrules - lo) * sizeof *s->rules);
    s->rules[lo] = (rule_count){copy, n};
    s->nrules++;
    return 0;
}

/* Higher index first, then path, so the order is total. */
static int top_before(int ia, const char *pa, int ib, const char *pb)
{
    return ia != ib ? ia > ib : strcmp(pa, pb) < 0;
}

static int add_top(slant_summary *s, const char *path, int index, size_t findings)
{
    size_t at = s->ntop;
    while (at > 0 && top_before(index, path, s->top[at - 1].index, s->top[at - 1].path))
        at--;
    if (at >= TOP_N)
        return 0;
    char *copy = str_dup(path);
    if (!copy)
        return SLANT_ENOMEM;
    if (s->ntop == TOP_N) {
        free(s->top[TOP_N - 1].path);
        s->ntop--;
    }
    memmove(s->top + at + 1, s->top + at, (s->ntop - at) * sizeof *s->top);
    s->top[at] = (top_doc){copy, index, findings};
    s->ntop++;
    return 0;
}

static void add_index(slant_summary *s, int index)
{
    if (index < 0)
        index = 0;
    if (index > 100)
        index = 100;
    s->buckets[index / 10]++;
    s->index_sum += (size_t)index;
}

static void count_flags(slant_summary *s, int more, int errors, int incomplete)
{
    if (!more)
        s->part_errors = s->part_incomplete = 0;
    s->with_errors += errors && !s->part_errors;
    s->incomplete += incomplete && !s->part_incomplete;
    s->part_errors |= errors;
    s->part_incomplete |= incomplete;
}

int slant_summary_add(slant_summary *s, const slant_doc *doc, const slant_report *rep)
{
    if (!s || !doc || !rep)
        return SLANT_EINVAL;
    const slant_part *part = slant_doc_part(doc);
    int more = part && part->index > 0; /* a later part of a document counted */
    s->files += !more;
    s->bytes += slant_doc_bytes(doc);
    s->words += slant_doc_words(doc);
    count_flags(s, more, doc->nerrors > 0, rep->nincomplete > 0);
    size_t counted = 0;
    for (size_t i = 0; i < rep->n; i++) {
        const slant_finding *f = &rep->findings[i];
        if (f->suppressed)
            continue; /* accepted: not counted, as in the text output */
        counted++;
        s->findings++;
        s->severity[f->severity]++;
        int c = slant_category_find(f->category);
        if (c >= 0)
            s->category[c]++;
        if (count_rule(s, f->rule, 1) != 0)
            return SLANT_ENOMEM;
    }
    if (more)
        return 0;
    add_index(s, rep->score.index);
    return add_top(s, slant_doc_name(doc), rep->score.index, counted);
}

static size_t num(const json *v)
{
    return v && v->kind == JSON_NUMBER && v->number >= 0 ? (size_t)v->number : 0;
}

/* A summary line: add every part. */
static int merge_summary(slant_summary *s, const json *v)
{
    s->files += num(json_get(v, "files"));
    s->bytes += num(json_get(v, "bytes"));
    s->words += num(json_get(v, "words"));
    s->findings += num(json_get(v, "findings"));
    s->index_sum += num(json_get(v, "index_sum"));
    s->with_errors += num(json_get(v, "documents_with_errors"));
    s->incomplete += num(json_get(v, "incomplete_documents"));
    const json *sev = json_get(v, "by_severity");
    for (int k = 0; k < 3; k++)
        s->severity[k] += num(json_get(sev, slant_severity_name((slant_severity)k)));
    const json *cat = json_get(v, "by_category");
    for (size_t k = 0; cat && cat->kind == JSON_OBJECT && k < cat->n; k++) {
        int c = slant_category_find(cat->keys[k]);
        if (c >= 0)
            s->category[c] += num(cat->items[k]);
    }
    const json *rules = json_get(v, "by_rule");
    for (size_t k = 0; rules && rules->kind == JSON_OBJECT && k < rules->n; k++)
        if (count_rule(s, rules->keys[k], num(rules->items[k])) != 0)
            return SLANT_ENOMEM;
    const json *h = json_get(v, "index_histogram");
    for (size_t k = 0; h && h->kind == JSON_ARRAY && k < h->n && k < BUCKETS; k++)
        s->buckets[k] += num(h->items[k]);
    const json *top = json_get(v, "top");
    for (size_t k = 0; top && top->kind == JSON_ARRAY && k < top->n; k++) {
        const json *p = json_get(top->items[k], "path");
        if (p && p->kind == JSON_STRING &&
            add_top(s, p->string, (int)num(json_get(top->items[k], "index")),
                    num(json_get(top->items[k], "findings"))) != 0)
            return SLANT_ENOMEM;
    }
    return 0;
}

/* A document line (--format jsonl, --stdin-jsonl): add it as one file. */
static int merge_document(slant_summary *s, const json *v)
{
    const json *path = json_get(v, "path"), *id = json_get(v, "id");
    const json *findings = json_get(v, "findings"), *score = json_get(v, "score");
    const json *errors = json_get(v, "errors"), *inc = json_get(v, "incomplete");
    if (!findings || findings->kind != JSON_ARRAY)
        return SLANT_EINPUT;
    const json *part = json_get(v, "part");
    int more = part && num(json_get(part, "index")) > 0;
    s->files += !more;
    s->bytes += num(json_get(v, "bytes"));
    s->words += num(json_get(v, "words"));
    count_flags(s, more, errors && errors->kind == JSON_ARRAY && errors->n > 0,
                inc && inc->kind == JSON_ARRAY && inc->n > 0);
    size_t counted = 0;
    for (size_t k = 0; k < findings->n; k++) {
        const json *f = findings->items[k];
        const json *acc = json_get(f, "suppressed");
        if (acc && acc->kind == JSON_BOOL && acc->number != 0)
            continue; /* accepted: counted as in a direct summary */
        counted++;
        s->findings++;
        const json *sev = json_get(f, "severity"), *cat = json_get(f, "category"),
                   *rid = json_get(f, "rule");
        slant_severity sv;
        if (sev && sev->kind == JSON_STRING && slant_severity_parse(&sv, sev->string) == 0)
            s->severity[sv]++;
        int c = cat && cat->kind == JSON_STRING ? slant_category_find(cat->string) : -1;
        if (c >= 0)
            s->category[c]++;
        if (rid && rid->kind == JSON_STRING && count_rule(s, rid->string, 1) != 0)
            return SLANT_ENOMEM;
    }
    if (more)
        return 0;
    int index = (int)num(json_get(score, "index"));
    add_index(s, index);
    const char *name = path && path->kind == JSON_STRING ? path->string
                       : id && id->kind == JSON_STRING ? id->string
                                                       : "-";
    return add_top(s, name, index, counted);
}

int slant_summary_merge_json(slant_summary *s, const char *text, size_t len, const char **err)
{
    json *v;
    size_t off;
    const char *why;
    if (err)
        *err = NULL;
    if (json_parse(&v, text, len, &off, &why) != 0) {
        if (err)
            *err = why;
        return SLANT_EINPUT;
    }
    int rc;
    if (v->kind != JSON_OBJECT)
        rc = SLANT_EINPUT;
    else if (json_get(v, "slant_summary"))
        rc = merge_summary(s, v);
    else if (json_get(v, "documents")) {
        /* a whole --format json report */
        const json *docs = json_get(v, "documents");
        rc = docs->kind == JSON_ARRAY ? 0 : SLANT_EINPUT;
        for (size_t k = 0; rc == 0 && k < docs->n; k++)
            rc = merge_document(s, docs->items[k]);
    } else
        rc = merge_document(s, v);
    if (rc == SLANT_EINPUT && err && !*err)
        *err = "not a slant result line or summary";
    json_free(v);
    return rc;
}

static void text_summary(const slant_summary *s, FILE *f)
{
    fprintf(f, "files     %zu\nbytes     %zu\nwords     %zu\nfindings  %zu (%zu error, %zu "
               "warning, %zu info)\n",
            s->files, s->bytes, s->words, s->findings, s->severity[2], s->severity[1],
            s->severity[0]);
    if (s->with_errors || s->incomplete)
        fprintf(f, "documents with input errors %zu, with incomplete scans %zu\n", s->with_errors,
                s->incomplete);
    fprintf(f, "mean index ");
    render_number(f, s->files ? (double)s->index_sum / (double)s->files : 0);
    fprintf(f, "\n\nindex    documents\n");
    for (int b = 0; b < BUCKETS; b++) {
        if (b < 10)
            fprintf(f, "%3d-%-3d  %zu\n", b * 10, b * 10 + 9, s->buckets[b]);
        else
            fprintf(f, "    100  %zu\n", s->buckets[b]);
    }
    fprintf(f, "\ncategory                findings\n");
    for (size_t c = 0; c < slant_category_count(); c++)
        if (s->category[c])
            fprintf(f, "%-22s  %zu\n", slant_category_id(c), s->category[c]);
    fprintf(f, "\nrule                                      findings\n");
    for (size_t i = 0; i < s->nrules; i++)
        fprintf(f, "%-40s  %zu\n", s->rules[i].id, s->rules[i].n);
    fprintf(f, "\ntop documents by index\n");
    for (size_t i = 0; i < s->ntop; i++)
        fprintf(f, "%3d  %4zu findings  %s\n", s->top[i].index, s->top[i].findings,
                s->top[i].path);
}

static void json_summary(const slant_summary *s, FILE *f)
{
    fprintf(f, "{\"slant_summary\": \"%s\", \"files\": %zu, \"bytes\": %zu, \"words\": %zu, "
               "\"findings\": %zu, \"documents_with_errors\": %zu, \"incomplete_documents\": %zu, "
               "\"index_sum\": %zu, \"mean_index\": ",
            SLANT_VERSION, s->files, s->bytes, s->words, s->findings, s->with_errors,
            s->incomplete, s->index_sum);
    render_number(f, s->files ? (double)s->index_sum / (double)s->files : 0);
    fprintf(f, ", \"by_severity\": {\"info\": %zu, \"warning\": %zu, \"error\": %zu}",
            s->severity[0], s->severity[1], s->severity[2]);
    fputs(", \"by_category\": {", f);
    int first = 1;
    for (size_t c = 0; c < slant_category_count(); c++) {
        if (!s->category[c])
            continue;
        fprintf(f, "%s\"%s\": %zu", first ? "" : ", ", slant_category_id(c), s->category[c]);
        first = 0;
    }
    fputs("}, \"by_rule\": {", f);
    for (size_t i = 0; i < s->nrules; i++) {
        fputs(i ? ", " : "", f);
        render_json_string(f, s->rules[i].id);
        fprintf(f, ": %zu", s->rules[i].n);
    }
    fputs("}, \"index_histogram\": [", f);
    for (int b = 0; b < BUCKETS; b++)
        fprintf(f, "%s%zu", b ? ", " : "", s->buckets[b]);
    fputs("], \"top\": [", f);
    for (size_t i = 0; i < s->ntop; i++) {
        fputs(i ? ", {\"path\": " : "{\"path\": ", f);
        render_json_string(f, s->top[i].path);
        fprintf(f, ", \"index\": %d, \"findings\": %zu}", s->top[i].index, s->top[i].findings);
    }
    fputs("]}\n", f);
}

int slant_summary_write(const slant_summary *s, FILE *out, int json_format)
{
    if (!s || !out)
        return SLANT_EINVAL;
    if (json_format)
        json_summary(s, out);
    else
        text_summary(s, out);
    return ferror(out) ? SLANT_EIO : 0;
}
