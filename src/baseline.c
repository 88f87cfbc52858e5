/* baseline.c - findings accepted as they stand, so a CI job on a corpus
 * that already has findings fails only on new ones (see slant.h,
 * "Baselines").
 *
 * An entry is a document path and a finding's fingerprint (scan.c: the
 * rule, the matched words, three words either side within the sentence,
 * and which repeat of those it is; never offsets), so lines added above a
 * finding, or an edit in another paragraph, leave it matched. The file is
 * JSON Lines: a header line, then one entry a line with the line, column
 * and text for people to read; only path and fingerprint are compared. */
#include "render.h"
#include "json.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    slant_baseline_entry e;
    int matched;
    int checked; /* its document was checked in this run */
} entry;

struct slant_baseline {
    entry *v;
    size_t n, cap;
    entry **order; /* entries sorted by path, fingerprint; rebuilt when stale */
    size_t norder;
};

int slant_baseline_new(slant_baseline **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? 0 : SLANT_ENOMEM;
}

void slant_baseline_free(slant_baseline *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->n; i++) {
        free((char *)b->v[i].e.path);
        free((char *)b->v[i].e.rule);
        free((char *)b->v[i].e.fingerprint);
        free((char *)b->v[i].e.text);
    }
    free(b->v);
    free(b->order);
    free(b);
}

static int add_entry(slant_baseline *b, const char *path, const char *rule_id, const char *fp,
                     const char *text, unsigned line, unsigned col)
{
    if (grow(&b->v, &b->cap, b->n + 1, sizeof *b->v) != 0)
        return SLANT_ENOMEM;
    entry *x = &b->v[b->n];
    memset(x, 0, sizeof *x);
    x->e.path = str_dup(path);
    x->e.rule = str_dup(rule_id);
    x->e.fingerprint = str_dup(fp);
    x->e.text = str_dup(text ? text : "");
    x->e.line = line;
    x->e.column = col;
    if (!x->e.path || !x->e.rule || !x->e.fingerprint || !x->e.text) {
        free((char *)x->e.path);
        free((char *)x->e.rule);
        free((char *)x->e.fingerprint);
        free((char *)x->e.text);
        return SLANT_ENOMEM;
    }
    b->n++;
    return 0;
}

int slant_baseline_add(slant_baseline *b, const slant_doc *doc, const slant_report *rep)
{
    if (!b || !doc || !rep)
        return SLANT_EINVAL;
    for (size_t i = 0; i < rep->n; i++) {
        const slant_finding *f = &rep->findings[i];
        if (f->suppressed == SLANT_SUPPRESSED_COMMENT)
            continue; /* accepted in the document already */
        int rc = add_entry(b, doc->name, f->rule, f->fingerprint, f->text, f->line, f->column);
        if (rc != 0)
            return rc;
    }
    return 0;
}

static void diag(slant_diag_fn fn, void *payload, const char *name, unsigned line, unsigned col,
                 const char *msg)
{
    slant_diag d = {SLANT_LEVEL_ERROR, name, line, col, NULL, msg};
    if (fn)
        fn(&d, payload);
    else
        diag_print(stderr, &d);
}

static const char *string_member(const json *o, const char *key)
{
    const json *v = json_get(o, key);
    return v && v->kind == JSON_STRING && v->len ? v->string : NULL;
}

int slant_baseline_load(slant_baseline *b, const char *name, const char *text, size_t len,
                        slant_diag_fn fn, void *payload)
{
    if (!b || (!text && len))
        return SLANT_EINVAL;
    int bad = 0, header = 0;
    unsigned line = 0;
    for (size_t pos = 0; pos < len;) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        line++;
        size_t n = end - pos;
        const char *s = text + pos;
        pos = end + 1;
        if (strspn(s, " \t\r") >= n)
            continue;
        json *v = NULL;
        size_t off = 0;
        const char *err = NULL;
        if (json_parse(&v, s, n, &off, &err) != 0) {
            char msg[200];
            snprintf(msg, sizeof msg, "not a baseline line: %s", err ? err : "out of memory");
            diag(fn, payload, name, line, (unsigned)off + 1, msg);
            bad = 1;
            continue;
        }
        if (v->kind == JSON_OBJECT && json_get(v, "slant_baseline")) {
            header = 1;
            json_free(v);
            continue;
        }
        const char *path = v->kind == JSON_OBJECT ? string_member(v, "path") : NULL;
        const char *rid = path ? string_member(v, "rule") : NULL;
        const char *fp = rid ? string_member(v, "fingerprint") : NULL;
        if (!header) {
            diag(fn, payload, name, line, 1,
                 "not a slant baseline: the first line is not {\"slant_baseline\": 1}");
            json_free(v);
            return SLANT_EINPUT;
        }
        if (!fp || strlen(fp) != 16 || strspn(fp, "0123456789abcdef") != 16) {
            diag(fn, payload, name, line, 1,
                 "a baseline entry needs \"path\", \"rule\" and a 16-hex-digit \"fingerprint\"");
            bad = 1;
            json_free(v);
            continue;
        }
        const json *ln = json_get(v, "line"), *col = json_get(v, "column");
        int rc = add_entry(b, path, rid, fp, string_member(v, "text"),
                           ln && ln->kind == JSON_NUMBER ? (unsigned)ln->number : 0,
                           col && col->kind == JSON_NUMBER ? (unsigned)col->number : 0);
        json_free(v);
        if (rc != 0)
            return rc;
    }
    if (!header && !bad && len) {
        diag(fn, payload, name, 1, 1, "not a slant baseline: no {\"slant_baseline\": 1} line");
        return SLANT_EINPUT;
    }
    return bad ? SLANT_EINPUT : 0;
}

static int cmp_entry(const void *a, const void *b)
{
    const entry *x = *(entry *const *)a, *y = *(entry *const *)b;
    int c = strcmp(x->e.path, y->e.path);
    if (!c)
        c = strcmp(x->e.fingerprint, y->e.fingerprint);
    if (!c) /* one array: the earlier entry first */
        c = x < y ? -1 : x > y;
    return c;
}

/* The first sorted position at or after (path, fp). */
static size_t lower_bound(const slant_baseline *b, const char *path, const char *fp)
{
    size_t lo = 0, hi = b->norder;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const entry *x = b->order[mid];
        int c = strcmp(x->e.path, path);
        if (!c && fp)
            c = strcmp(x->e.fingerprint, fp);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int slant_baseline_apply(size_t *matched, slant_baseline *b, const slant_doc *doc,
                         slant_report *rep)
{
    if (matched)
        *matched = 0;
    if (!b || !doc || !rep)
        return SLANT_EINVAL;
    if (b->norder != b->n) {
        entry **o = realloc(b->order, (b->n ? b->n : 1) * sizeof *o);
        if (!o)
            return SLANT_ENOMEM;
        b->order = o;
        for (size_t i = 0; i < b->n; i++)
            o[i] = &b->v[i];
        sort_items(o, b->n, sizeof *o, cmp_entry);
        b->norder = b->n;
    }
    for (size_t k = lower_bound(b, doc->name, NULL);
         k < b->norder && strcmp(b->order[k]->e.path, doc->name) == 0; k++)
        b->order[k]->checked = 1;
    for (size_t i = 0; i < rep->n; i++) {
        slant_finding *f = &rep->findings[i];
        if (f->suppressed)
            continue;
        for (size_t k = lower_bound(b, doc->name, f->fingerprint); k < b->norder; k++) {
            entry *x = b->order[k];
            if (strcmp(x->e.path, doc->name) != 0 || strcmp(x->e.fingerprint, f->fingerprint) != 0)
                break;
            if (x->matched)
                continue;
            x->matched = 1;
            f->suppressed = SLANT_SUPPRESSED_BASELINE;
            if (matched)
                (*matched)++;
            break;
        }
    }
    return 0;
}

size_t slant_baseline_count(const slant_baseline *b) { return b ? b->n : 0; }

const slant_baseline_entry *slant_baseline_entry_at(const slant_baseline *b, size_t i)
{
    return b && i < b->n ? &b->v[i].e : NULL;
}

int slant_baseline_entry_state(const slant_baseline *b, size_t i)
{
    if (!b || i >= b->n)
        return -1;
    const entry *x = &b->v[i];
    return x->matched ? SLANT_BASELINE_MATCHED
                      : x->checked ? SLANT_BASELINE_GONE : SLANT_BASELINE_NOT_CHECKED;
}

int slant_baseline_write(const slant_baseline *b, FILE *out)
{
    if (!b || !out)
        return SLANT_EINVAL;
    fprintf(out, "{\"slant_baseline\": 1, \"slant\": \"%s\"}\n", SLANT_VERSION);
    for (size_t i = 0; i < b->n; i++) {
        const slant_baseline_entry *e = &b->v[i].e;
        fputs("{\"path\": ", out);
        render_json_string(out, e->path);
        fputs(", \"rule\": ", out);
        render_json_string(out, e->rule);
        fprintf(out, ", \"fingerprint\": \"%s\", \"line\": %u, \"column\": %u, \"text\": ",
                e->fingerprint, e->line, e->column);
        render_json_string(out, e->text);
        fputs("}\n", out);
    }
    return fflush(out) != 0 || ferror(out) ? SLANT_EIO : 0;
}
