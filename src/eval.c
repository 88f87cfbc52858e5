/* eval.c - span-level evaluation of findings against gold labels.
 *
 * Two metrics, one per gold format.
 *
 * slant's JSON Lines gold (strict): a finding is correct when it overlaps
 * a required gold span of its own category in the same document; a
 * finding that overlaps only optional spans of its category is neither
 * right nor wrong and is not counted; any other finding is a false
 * positive. A required gold span is found when some finding of its
 * category overlaps it. P = correct / counted findings, R = found / required
 * gold spans, F1 their harmonic mean. "Lenient" is the same with the
 * category ignored. Overall rows sum the counts over categories (micro).
 *
 * PTC / SemEval-2020 Task 11 gold: per article, overlapping gold spans are
 * merged, and so are the predicted spans (so no character earns credit
 * twice). Each predicted span s earns |s∩t|/|s| towards precision and
 * |s∩t|/|t| towards recall from every gold span t it overlaps;
 * P = precision credit / number of predicted spans, R = recall credit /
 * number of gold spans. Per technique, the predicted spans are the
 * findings whose category maps to that technique in the packs'
 * `techniques:` metadata.
 *
 * Offsets are code points, start inclusive, end exclusive. Only the
 * documents added with slant_eval_add are scored, so a subset (a held-out
 * split) is scored by adding just its documents.
 */
#include "json.h"
#include "report.h"
#include "text.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    size_t doc;        /* index into docs */
    int category;      /* -1 for PTC gold */
    size_t technique;  /* index into techs, PTC only */
    size_t start, end;
    int optional;
} gold_span;

typedef struct {
    size_t doc;
    int category;
    size_t rule;
    size_t start, end;
} pred;

struct slant_eval {
    const slant_rules *rules;
    int ptc;
    gold_span *gold;
    size_t ngold, gcap;
    pred *preds;
    size_t npred, pcap;
    char **docs; /* every document name seen, gold or added */
    size_t ndocs, dcap;
    size_t ngold_docs; /* the first ngold_docs of docs are named by the gold */
    unsigned char *added; /* per doc */
    size_t acap;
    char **techs;
    size_t ntechs, tcap;
    slant_eval_row *rows;
    size_t nrows;
    slant_eval_row overall[2];
};

int slant_eval_new(slant_eval **out, const slant_rules *rules)
{
    *out = NULL;
    if (!rules)
        return SLANT_EINVAL;
    slant_eval *e = calloc(1, sizeof *e);
    if (!e)
        return SLANT_ENOMEM;
    e->rules = rules;
    *out = e;
    return 0;
}

void slant_eval_free(slant_eval *e)
{
    if (!e)
        return;
    for (size_t i = 0; i < e->ndocs; i++)
        free(e->docs[i]);
    for (size_t i = 0; i < e->ntechs; i++)
        free(e->techs[i]);
    free(e->docs);
    free(e->techs);
    free(e->added);
    free(e->gold);
    free(e->preds);
    free(e->rows);
    free(e);
}

static long find_name(char **names, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0)
            return (long)i;
    return -1;
}

static long intern(char ***names, size_t *n, size_t *cap, const char *name)
{
    long i = find_name(*names, *n, name);
    if (i >= 0)
        return i;
    if (grow(names, cap, *n + 1, sizeof **names) != 0)
        return -1;
    if (!((*names)[*n] = str_dup(name)))
        return -1;
    return (long)(*n)++;
}

static long intern_doc(slant_eval *e, const char *name)
{
    long i = intern(&e->docs, &e->ndocs, &e->dcap, name);
    if (i >= 0 && grow(&e->added, &e->acap, e->ndocs, 1) != 0)
        return -1;
    if (i >= 0 && (size_t)i == e->ndocs - 1)
        e->added[i] = 0;
    return i;
}

static int add_gold(slant_eval *e, gold_span g)
{
    if (grow(&e->gold, &e->gcap, e->ngold + 1, sizeof *e->gold) != 0)
        return SLANT_ENOMEM;
    e->gold[e->ngold++] = g;
    return 0;
}

#define GOLD_ERR(...)                                                                        \
    do {                                                                                     \
        char msg_[512];                                                                      \
        snprintf(msg_, sizeof msg_, __VA_ARGS__);                                            \
        slant_diag d_ = {SLANT_LEVEL_ERROR, name, lineno, col, NULL, msg_};                  \
        if (fn)                                                                              \
            fn(&d_, payload);                                                                \
        errors++;                                                                            \
    } while (0)

static int offset_field(const json *v, size_t *out)
{
    if (!v || v->kind != JSON_NUMBER || v->number < 0 || v->number > 1e15 ||
        v->number != (double)(size_t)v->number)
        return -1;
    *out = (size_t)v->number;
    return 0;
}

static int load_jsonl(slant_eval *e, const char *name, const char *text, size_t len,
                      slant_diag_fn fn, void *payload)
{
    size_t errors = 0;
    unsigned lineno = 0;
    for (size_t pos = 0; pos < len;) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        const char *line = text + pos;
        size_t llen = end - pos;
        pos = end + 1;
        lineno++;
        unsigned col = 1;
        size_t k = 0;
        while (k < llen && isspace((unsigned char)line[k]))
            k++;
        if (k == llen)
            continue;
        json *v;
        size_t erroff;
        const char *err;
        if (json_parse(&v, line, llen, &erroff, &err) != 0) {
            col = (unsigned)erroff + 1;
            GOLD_ERR("invalid JSON: %s", err);
            continue;
        }
        const json *doc = json_get(v, "doc"), *cat = json_get(v, "category"),
                   *need = json_get(v, "need");
        gold_span g = {0};
        if (v->kind != JSON_OBJECT)
            GOLD_ERR("a gold line is an object: {\"doc\", \"category\", \"start\", \"end\"}");
        else if (!doc || doc->kind != JSON_STRING || !*doc->string)
            GOLD_ERR("missing \"doc\" (the document's file name)");
        else if (!cat || cat->kind != JSON_STRING || slant_category_find(cat->string) < 0)
            GOLD_ERR("missing or unknown \"category\"%s%s%s", cat && cat->kind == JSON_STRING ? " '" : "",
                     cat && cat->kind == JSON_STRING ? cat->string : "",
                     cat && cat->kind == JSON_STRING ? "'" : "");
        else if (offset_field(json_get(v, "start"), &g.start) != 0 ||
                 offset_field(json_get(v, "end"), &g.end) != 0 || g.end <= g.start)
            GOLD_ERR("\"start\" and \"end\" must be code-point offsets with start < end");
        else if (need && !(need->kind == JSON_STRING && (strcmp(need->string, "optional") == 0 ||
                                                         strcmp(need->string, "required") == 0)))
            GOLD_ERR("\"need\" must be \"required\" or \"optional\"");
        else {
            long d = intern_doc(e, doc->string);
            g.category = slant_category_find(cat->string);
            g.optional = need && strcmp(need->string, "optional") == 0;
            if (d < 0 || add_gold(e, (gold_span){(size_t)d, g.category, 0, g.start, g.end,
                                                  g.optional}) != 0) {
                json_free(v);
                return SLANT_ENOMEM;
            }
        }
        json_free(v);
    }
    return errors ? SLANT_EINPUT : 0;
}

static int parse_size(const char *s, size_t *out)
{
    if (!*s)
        return -1;
    size_t v = 0;
    for (; *s; s++) {
        if (!isdigit((unsigned char)*s) || v > SIZE_MAX / 10 - 10)
            return -1;
        v = v * 10 + (size_t)(*s - '0');
    }
    *out = v;
    return 0;
}

static int load_ptc(slant_eval *e, const char *name, const char *text, size_t len,
                    slant_diag_fn fn, void *payload)
{
    size_t errors = 0;
    unsigned lineno = 0, col = 1;
    for (size_t pos = 0; pos < len;) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        char line[1024];
        size_t llen = end - pos;
        lineno++;
        if (llen >= sizeof line) {
            GOLD_ERR("line too long for a PTC label");
            pos = end + 1;
            continue;
        }
        memcpy(line, text + pos, llen);
        line[llen] = '\0';
        pos = end + 1;
        char *f[5];
        int nf = 0;
        for (char *tok = strtok(line, "\t \r"); tok && nf < 5; tok = strtok(NULL, "\t \r"))
            f[nf++] = tok;
        if (nf == 0)
            continue;
        gold_span g = {0};
        g.category = -1;
        const char *tech = nf == 4 ? f[1] : "";
        if ((nf != 3 && nf != 4) || parse_size(f[nf - 2], &g.start) != 0 ||
            parse_size(f[nf - 1], &g.end) != 0 || g.end <= g.start) {
            GOLD_ERR("expected 'article_id technique start end' or 'article_id start end' with "
                     "start < end");
            continue;
        }
        char doc[300];
        snprintf(doc, sizeof doc, "article%s.txt", f[0]);
        long d = intern_doc(e, doc);
        long t = *tech ? intern(&e->techs, &e->ntechs, &e->tcap, tech) : -1;
        if (d < 0 || (*tech && t < 0))
            return SLANT_ENOMEM;
        g.doc = (size_t)d;
        g.technique = t < 0 ? SIZE_MAX : (size_t)t;
        if (add_gold(e, g) != 0)
            return SLANT_ENOMEM;
    }
    return errors ? SLANT_EINPUT : 0;
}

int slant_eval_load_gold(slant_eval *e, const char *name, const char *text, size_t len,
                         slant_gold_format format, slant_diag_fn fn, void *payload)
{
    if (!e || (!text && len))
        return SLANT_EINVAL;
    if (format == SLANT_GOLD_AUTO) {
        size_t k = 0;
        while (k < len && isspace((unsigned char)text[k]))
            k++;
        format = k < len && text[k] == '{' ? SLANT_GOLD_JSONL : SLANT_GOLD_PTC;
    }
    int ptc = format == SLANT_GOLD_PTC;
    if (e->ngold && ptc != e->ptc)
        return SLANT_EINVAL; /* one metric per evaluation */
    e->ptc = ptc;
    int rc = ptc ? load_ptc(e, name, text, len, fn, payload)
                 : load_jsonl(e, name, text, len, fn, payload);
    e->ngold_docs = e->ndocs;
    return rc;
}

size_t slant_eval_doc_count(const slant_eval *e) { return e ? e->ngold_docs : 0; }

const char *slant_eval_doc_name(const slant_eval *e, size_t i)
{
    return e && i < e->ngold_docs ? e->docs[i] : NULL;
}

int slant_eval_doc_added(const slant_eval *e, size_t i)
{
    return e && i < e->ngold_docs ? e->added[i] : 0;
}

int slant_eval_is_ptc(const slant_eval *e) { return e ? e->ptc : 0; }

int slant_eval_add(slant_eval *e, const char *doc, const slant_report *rep)
{
    if (!e || !doc || !rep)
        return SLANT_EINVAL;
    long d = intern_doc(e, doc);
    if (d < 0)
        return SLANT_ENOMEM;
    e->added[d] = 1;
    for (size_t i = 0; i < rep->n; i++) {
        const slant_finding *f = &rep->findings[i];
        if (f->noccurrences)
            continue; /* about the document as a whole */
        if (grow(&e->preds, &e->pcap, e->npred + 1, sizeof *e->preds) != 0)
            return SLANT_ENOMEM;
        e->preds[e->npred++] = (pred){(size_t)d, slant_category_find(f->category),
                                      rep->rule_index[i], f->char_start, f->char_end};
    }
    return 0;
}

/* Byte offset of code point `cp` of the original document. */
static size_t byte_of_cp(const slant_doc *d, size_t cp)
{
    size_t b = 0, k = 0;
    while (b < d->len && k < cp) {
        b += utf8_char_len(d->orig + b, d->len - b);
        k++;
    }
    return b;
}

typedef struct {
    size_t start;
    slant_eval_detail det;
    char *text;
} detail_row;

static int cmp_detail(const void *a, const void *b)
{
    const detail_row *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

int slant_eval_add_detailed(slant_eval *e, const char *name, const slant_doc *doc,
                            const slant_report *rep, slant_eval_detail_fn fn, void *payload)
{
    size_t first = e ? e->npred : 0;
    int rc = slant_eval_add(e, name, rep);
    if (rc != 0 || !fn || !doc || e->ptc)
        return rc;
    long d = find_name(e->docs, e->ndocs, name);
    detail_row *rows = NULL;
    size_t n = 0, cap = 0;
    /* misses: required gold spans of this document no finding of their category overlaps */
    for (size_t i = 0; i < e->ngold; i++) {
        const gold_span *g = &e->gold[i];
        if ((long)g->doc != d || g->optional)
            continue;
        int found = 0;
        for (size_t j = first; j < e->npred && !found; j++)
            found = e->preds[j].category == g->category &&
                    e->preds[j].start < g->end && g->start < e->preds[j].end;
        if (found)
            continue;
        if (grow(&rows, &cap, n + 1, sizeof *rows) != 0)
            break;
        size_t b0 = byte_of_cp(doc, g->start), b1 = byte_of_cp(doc, g->end);
        detail_row *r = &rows[n++];
        r->start = b0;
        r->text = str_ndup((const char *)doc->orig + b0, b1 - b0);
        r->det = (slant_eval_detail){name, 1, slant_category_id((size_t)g->category), NULL, 0, 0,
                                     NULL};
    }
    /* false positives: findings that overlap no gold span of their category */
    for (size_t j = first, fi = 0; j < e->npred; j++, fi++) {
        const pred *p = &e->preds[j];
        int hit = 0;
        for (size_t i = 0; i < e->ngold && !hit; i++) {
            const gold_span *g = &e->gold[i];
            hit = (long)g->doc == d && g->category == p->category && p->start < g->end &&
                  g->start < p->end;
        }
        if (hit)
            continue;
        if (grow(&rows, &cap, n + 1, sizeof *rows) != 0)
            break;
        size_t b0 = byte_of_cp(doc, p->start), b1 = byte_of_cp(doc, p->end);
        detail_row *r = &rows[n++];
        r->start = b0;
        r->text = str_ndup((const char *)doc->orig + b0, b1 - b0);
        r->det = (slant_eval_detail){name, 0, slant_category_id((size_t)p->category),
                                     e->rules->rules[p->rule].src.id, 0, 0, NULL};
    }
    sort_items(rows, n, sizeof *rows, cmp_detail);
    for (size_t i = 0; i < n; i++) {
        doc_position(doc, rows[i].start, &rows[i].det.line, &rows[i].det.column, NULL);
        rows[i].det.text = rows[i].text ? rows[i].text : "";
        fn(&rows[i].det, payload);
        free(rows[i].text);
    }
    free(rows);
    return 0;
}

/* ---- strict / lenient overlap (JSON Lines gold) ----------------------- */

static int overlaps(size_t a0, size_t a1, size_t b0, size_t b1) { return a0 < b1 && b0 < a1; }

/* Scores the findings selected by (category, rule) against the gold of
 * `category`; category -1 with lenient matches any category. */
static slant_eval_row score_overlap(const slant_eval *e, int category, long only_rule, int lenient,
                                    slant_eval_row *per_doc)
{
    slant_eval_row r = {0};
    if (per_doc)
        memset(per_doc, 0, e->ndocs * sizeof *per_doc);
    for (size_t i = 0; i < e->ngold; i++) {
        const gold_span *g = &e->gold[i];
        if (g->optional || !e->added[g->doc] || (category >= 0 && g->category != category))
            continue;
        r.gold++;
        if (per_doc)
            per_doc[g->doc].gold++;
        for (size_t j = 0; j < e->npred; j++) {
            const pred *p = &e->preds[j];
            if (p->doc == g->doc && (only_rule < 0 || p->rule == (size_t)only_rule) &&
                (lenient || p->category == g->category) &&
                overlaps(p->start, p->end, g->start, g->end)) {
                r.matched_gold++;
                if (per_doc)
                    per_doc[g->doc].matched_gold++;
                break;
            }
        }
    }
    for (size_t j = 0; j < e->npred; j++) {
        const pred *p = &e->preds[j];
        if ((only_rule >= 0 && p->rule != (size_t)only_rule) || (category >= 0 && p->category != category))
            continue;
        int hit = 0, soft = 0;
        for (size_t i = 0; i < e->ngold && !hit; i++) {
            const gold_span *g = &e->gold[i];
            if (g->doc != p->doc || (!lenient && g->category != p->category) ||
                !overlaps(p->start, p->end, g->start, g->end))
                continue;
            if (g->optional)
                soft = 1;
            else
                hit = 1;
        }
        if (!hit && soft)
            continue;
        r.predicted++;
        r.correct += hit;
        if (per_doc) {
            per_doc[p->doc].predicted++;
            per_doc[p->doc].correct += hit;
        }
    }
    return r;
}

/* ---- the SemEval span metric (PTC gold) -------------------------------- */

static int cmp_span(const void *a, const void *b)
{
    const size_t *x = a, *y = b; /* doc, start, end */
    for (int i = 0; i < 3; i++)
        if (x[i] != y[i])
            return x[i] < y[i] ? -1 : 1;
    return 0;
}

/* Sorts spans (triples doc, start, end) and merges overlapping ones of a
 * document; returns the new count. */
static size_t merge_spans(size_t *s, size_t n)
{
    sort_items(s, n, 3 * sizeof *s, cmp_span);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        size_t *cur = s + 3 * i;
        if (k && s[3 * (k - 1)] == cur[0] && cur[1] < s[3 * (k - 1) + 2]) {
            if (cur[2] > s[3 * (k - 1) + 2])
                s[3 * (k - 1) + 2] = cur[2];
        } else {
            memmove(s + 3 * k, cur, 3 * sizeof *s);
            k++;
        }
    }
    return k;
}

static int tech_of_category(const slant_eval *e, int category, const char *tech)
{
    const slant_rules *rs = e->rules;
    const char *cat = slant_category_id((size_t)category);
    for (size_t p = 0; cat && p < rs->npacks; p++)
        for (size_t i = 0; i < rs->packs[p]->ntech; i++)
            if (strcmp(rs->packs[p]->tech_category[i], cat) == 0 &&
                strcmp(rs->packs[p]->tech_name[i], tech) == 0)
                return 1;
    return 0;
}

/* tech: NULL for span identification over everything. */
static int score_ptc(const slant_eval *e, const char *tech, size_t tech_index,
                     slant_eval_row *r, slant_eval_row *per_doc)
{
    size_t *g = malloc((e->ngold + 1) * 3 * sizeof *g);
    size_t *p = malloc((e->npred + 1) * 3 * sizeof *p);
    if (!g || !p) {
        free(g);
        free(p);
        return SLANT_ENOMEM;
    }
    size_t ng = 0, np = 0;
    for (size_t i = 0; i < e->ngold; i++) {
        const gold_span *x = &e->gold[i];
        if (!e->added[x->doc] || (tech && x->technique != tech_index))
            continue;
        g[3 * ng] = x->doc, g[3 * ng + 1] = x->start, g[3 * ng + 2] = x->end, ng++;
    }
    for (size_t i = 0; i < e->npred; i++) {
        const pred *x = &e->preds[i];
        if (tech && (x->category < 0 || !tech_of_category(e, x->category, tech)))
            continue;
        p[3 * np] = x->doc, p[3 * np + 1] = x->start, p[3 * np + 2] = x->end, np++;
    }
    ng = merge_spans(g, ng);
    np = merge_spans(p, np);
    memset(r, 0, sizeof *r);
    r->gold = ng;
    r->predicted = np;
    if (per_doc) {
        memset(per_doc, 0, e->ndocs * sizeof *per_doc);
        for (size_t i = 0; i < ng; i++)
            per_doc[g[3 * i]].gold++;
        for (size_t i = 0; i < np; i++)
            per_doc[p[3 * i]].predicted++;
    }
    /* both lists are sorted by document and start: a sliding scan */
    size_t first = 0;
    for (size_t i = 0; i < np; i++) {
        size_t *s = p + 3 * i;
        while (first < ng && (g[3 * first] < s[0] ||
                              (g[3 * first] == s[0] && g[3 * first + 2] <= s[1])))
            first++;
        for (size_t j = first; j < ng && g[3 * j] == s[0] && g[3 * j + 1] < s[2]; j++) {
            size_t *t = g + 3 * j;
            size_t lo = s[1] > t[1] ? s[1] : t[1], hi = s[2] < t[2] ? s[2] : t[2];
            if (hi <= lo)
                continue;
            double c = (double)(hi - lo) / (double)(s[2] - s[1]);
            double m = (double)(hi - lo) / (double)(t[2] - t[1]);
            r->correct += c;
            r->matched_gold += m;
            if (per_doc) {
                per_doc[s[0]].correct += c;
                per_doc[s[0]].matched_gold += m;
            }
        }
    }
    free(g);
    free(p);
    return 0;
}

static void finish_row(slant_eval_row *r, const char *name)
{
    r->name = name;
    r->precision = r->predicted ? r->correct / (double)r->predicted : 0;
    r->recall = r->gold ? r->matched_gold / (double)r->gold : 0;
    r->f1 = r->precision + r->recall > 0
                ? 2 * r->precision * r->recall / (r->precision + r->recall)
                : 0;
    r->precision_lo = r->precision_hi = r->precision;
    r->recall_lo = r->recall_hi = r->recall;
    r->f1_lo = r->f1_hi = r->f1;
}

/* ---- intervals ---------------------------------------------------------
 *
 * A corpus is a sample of documents, and findings and gold spans cluster
 * by document (one op-ed holds a dozen spans of one device), so the
 * spread of a figure comes from resampling documents, not spans: each of
 * BOOT_REPS resamples draws as many documents as were scored, with
 * replacement, adds their counts up and computes the figures the same
 * way; the interval runs from the 2.5th to the 97.5th percentile. The
 * seed is fixed, so the same input gives the same interval. */

#define BOOT_REPS 1000

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* splitmix64: small, good enough for resampling, and the same everywhere */
static uint64_t next_random(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static int bootstrap(const slant_eval *e, const slant_eval_row *per_doc, slant_eval_row *r)
{
    size_t n = 0;
    for (size_t i = 0; i < e->ndocs; i++)
        n += e->added[i] != 0;
    if (n < 2)
        return 0; /* one document: nothing to resample */
    size_t *docs = malloc(n * sizeof *docs);
    double *v = malloc(3 * BOOT_REPS * sizeof *v);
    if (!docs || !v) {
        free(docs);
        free(v);
        return SLANT_ENOMEM;
    }
    n = 0;
    for (size_t i = 0; i < e->ndocs; i++)
        if (e->added[i])
            docs[n++] = i;
    /* a resample without findings has no precision, one without gold
     * spans no recall (and neither has an F1): such draws are left out of
     * that figure's interval rather than counted as zero */
    uint64_t seed = 20201;
    size_t got[3] = {0, 0, 0};
    for (size_t b = 0; b < BOOT_REPS; b++) {
        slant_eval_row x = {0};
        for (size_t k = 0; k < n; k++) {
            const slant_eval_row *d = &per_doc[docs[next_random(&seed) % n]];
            x.gold += d->gold;
            x.matched_gold += d->matched_gold;
            x.predicted += d->predicted;
            x.correct += d->correct;
        }
        finish_row(&x, NULL);
        if (x.predicted)
            v[got[0]++] = x.precision;
        if (x.gold)
            v[BOOT_REPS + got[1]++] = x.recall;
        if (x.predicted && x.gold)
            v[2 * BOOT_REPS + got[2]++] = x.f1;
    }
    double *lo[3] = {&r->precision_lo, &r->recall_lo, &r->f1_lo};
    double *hi[3] = {&r->precision_hi, &r->recall_hi, &r->f1_hi};
    for (int k = 0; k < 3; k++) {
        size_t m = got[k];
        if (m == 0)
            continue; /* the figure is 0 by convention; keep it as the interval */
        double *w = v + k * BOOT_REPS;
        qsort(w, m, sizeof *w, cmp_double);
        *lo[k] = w[m * 25 / 1000];
        *hi[k] = w[(m * 975 + 999) / 1000 - 1];
    }
    free(docs);
    free(v);
    return 0;
}

int slant_eval_compute(slant_eval *e, slant_eval_by by)
{
    if (!e)
        return SLANT_EINVAL;
    free(e->rows);
    e->rows = NULL;
    e->nrows = 0;
    size_t cap = e->ptc ? e->ntechs : by == SLANT_EVAL_BY_RULE ? e->rules->nrules
                                                                : slant_category_count();
    e->rows = calloc(cap ? cap : 1, sizeof *e->rows);
    /* per document: of the row being scored, and summed for overall */
    slant_eval_row *doc = calloc(e->ndocs ? 2 * e->ndocs : 1, sizeof *doc);
    slant_eval_row *sum = doc + e->ndocs;
    int rc = 0;
    if (!e->rows || !doc) {
        free(doc);
        return SLANT_ENOMEM;
    }
    if (e->ptc) {
        for (size_t t = 0; t < e->ntechs && rc == 0; t++) {
            slant_eval_row r;
            if ((rc = score_ptc(e, e->techs[t], t, &r, doc)) != 0)
                break;
            finish_row(&r, e->techs[t]);
            if ((r.gold || r.predicted) && (rc = bootstrap(e, doc, &r)) == 0)
                e->rows[e->nrows++] = r;
        }
        if (rc == 0 && (rc = score_ptc(e, NULL, 0, &e->overall[0], doc)) == 0) {
            finish_row(&e->overall[0], "overall");
            rc = bootstrap(e, doc, &e->overall[0]);
            e->overall[1] = e->overall[0];
        }
        free(doc);
        return rc;
    }
    if (by == SLANT_EVAL_BY_RULE) {
        for (size_t i = 0; i < e->rules->nrules && rc == 0; i++) {
            const rule_src *rs = &e->rules->rules[i].src;
            slant_eval_row r = score_overlap(e, slant_category_find(rs->category), (long)i, 0, doc);
            finish_row(&r, rs->id);
            if (r.predicted && (rc = bootstrap(e, doc, &r)) == 0)
                e->rows[e->nrows++] = r;
        }
    }
    /* per category; strict overall is their counts summed */
    slant_eval_row all = {0};
    for (size_t c = 0; c < slant_category_count() && rc == 0; c++) {
        slant_eval_row r = score_overlap(e, (int)c, -1, 0, doc);
        all.gold += r.gold;
        all.predicted += r.predicted;
        all.correct += r.correct;
        all.matched_gold += r.matched_gold;
        for (size_t d = 0; d < e->ndocs; d++) {
            sum[d].gold += doc[d].gold;
            sum[d].predicted += doc[d].predicted;
            sum[d].correct += doc[d].correct;
            sum[d].matched_gold += doc[d].matched_gold;
        }
        finish_row(&r, slant_category_id(c));
        if (by != SLANT_EVAL_BY_RULE && (r.gold || r.predicted) &&
            (rc = bootstrap(e, doc, &r)) == 0)
            e->rows[e->nrows++] = r;
    }
    if (rc == 0) {
        finish_row(&all, "overall");
        rc = bootstrap(e, sum, &all);
        e->overall[0] = all;
    }
    if (rc == 0) {
        e->overall[1] = score_overlap(e, -1, -1, 1, doc);
        finish_row(&e->overall[1], "overall (any category)");
        rc = bootstrap(e, doc, &e->overall[1]);
    }
    free(doc);
    return rc;
}

size_t slant_eval_row_count(const slant_eval *e) { return e ? e->nrows : 0; }

const slant_eval_row *slant_eval_row_at(const slant_eval *e, size_t i)
{
    return e && i < e->nrows ? &e->rows[i] : NULL;
}

const slant_eval_row *slant_eval_overall(const slant_eval *e, int lenient)
{
    return e ? &e->overall[lenient ? 1 : 0] : NULL;
}
