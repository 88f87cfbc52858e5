/* compile.c - the compiler: collects rule packs, checks what needs the
 * whole rule set (duplicate ids, names given to disable), and compiles
 * terms and patterns into PCRE2 programs with JIT.
 *
 * A term becomes a small regular expression: its spaces match any run of
 * white space (so a phrase broken across lines matches), a hyphen matches
 * a hyphen or white space, a trailing `*` any word ending, and word
 * boundaries are asserted only where the term starts or ends with a word
 * character. All terms of one matcher become one alternation, longest
 * first, so a scan makes one pass per matcher rather than one per term. */
#include "rules.h"
#include "text.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* A rule id or category given to the compiler, what to do with it, and
 * where it was written when it came from a configuration file. */
enum { NAME_DISABLE, NAME_ONLY, NAME_SEVERITY, NAME_WEIGHT };

typedef struct {
    int kind;
    char *name;
    slant_severity sev;
    double weight;
    char *file; /* NULL: the command line or the API */
    unsigned line, col;
} cname;

struct slant_compiler {
    diag_sink sink;
    pack_src **packs;
    size_t npacks, cap;
    cname *names;
    size_t nnames, ncap;
    prefilter_scratch *scratch; /* while slant_compiler_finish runs */
    model *model;     /* slant_compiler_add_model's, until finish moves it */
    char *model_file;
    int model_off;    /* slant_compiler_set_model(c, 0) */
};

int slant_compiler_new(slant_compiler **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? 0 : SLANT_ENOMEM;
}

void slant_compiler_free(slant_compiler *c)
{
    if (!c)
        return;
    model_free(c->model);
    free(c->model_file);
    for (size_t i = 0; i < c->npacks; i++)
        pack_src_free(c->packs[i]);
    free(c->packs);
    for (size_t i = 0; i < c->nnames; i++) {
        free(c->names[i].name);
        free(c->names[i].file);
    }
    free(c->names);
    free(c);
}

void slant_compiler_set_diag(slant_compiler *c, slant_diag_fn fn, void *payload)
{
    c->sink.fn = fn;
    c->sink.payload = payload;
}

int compiler_add_pack(slant_compiler *c, pack_src *p)
{
    if (grow(&c->packs, &c->cap, c->npacks + 1, sizeof *c->packs) != 0) {
        pack_src_free(p);
        return SLANT_ENOMEM;
    }
    c->packs[c->npacks++] = p;
    return 0;
}

int slant_compiler_add_string(slant_compiler *c, const char *name, const char *yaml, size_t len)
{
    pack_src *p;
    int rc = loader_load(&p, name, yaml, len, &c->sink);
    if (rc != 0)
        return rc;
    return compiler_add_pack(c, p);
}

diag_sink *compiler_sink(slant_compiler *c) { return &c->sink; }

/* A rule file or a model file, whole, into b; errors are diagnosed. */
static int read_rule_file(slant_compiler *c, const char *path, buf *b)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        diag_emit(&c->sink, SLANT_LEVEL_ERROR, path, 0, 0, NULL, "cannot open rule file: %s",
                  strerror(errno));
        return SLANT_EIO;
    }
    char chunk[65536];
    size_t n;
    /* stop just past the limit: the loader refuses the file without
     * slant reading gigabytes first */
    while (b->len <= RULES_MAX_BYTES && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_add(b, chunk, n);
    int err = ferror(f);
    fclose(f);
    if (err) {
        diag_emit(&c->sink, SLANT_LEVEL_ERROR, path, 0, 0, NULL, "cannot read rule file");
        buf_free(b);
        return SLANT_EIO;
    }
    if (b->failed) {
        buf_free(b);
        return SLANT_ENOMEM;
    }
    return 0;
}

/* Reads a file and gives its text to `add`, named by its path. */
static int add_read(slant_compiler *c, const char *path,
                    int (*add)(slant_compiler *, const char *, const char *, size_t))
{
    buf b = {0};
    int rc = read_rule_file(c, path, &b);
    if (rc == 0)
        rc = add(c, path, b.data ? b.data : "", b.len);
    buf_free(&b);
    return rc;
}

int slant_compiler_add_file(slant_compiler *c, const char *path)
{
    return add_read(c, path, slant_compiler_add_string);
}

int slant_compiler_add_model_file(slant_compiler *c, const char *path)
{
    return add_read(c, path, slant_compiler_add_model);
}

static int add_name(slant_compiler *c, cname n, const src_loc *at)
{
    if (!c || !n.name)
        return SLANT_EINVAL;
    if (grow(&c->names, &c->ncap, c->nnames + 1, sizeof *c->names) != 0)
        return SLANT_ENOMEM;
    n.name = str_dup(n.name);
    n.file = at && at->file ? str_dup(at->file) : NULL;
    if (!n.name || (at && at->file && !n.file)) {
        free(n.name);
        free(n.file);
        return SLANT_ENOMEM;
    }
    if (at) {
        n.line = at->line;
        n.col = at->col;
    }
    c->names[c->nnames++] = n;
    return 0;
}

int compiler_disable_at(slant_compiler *c, const char *name, const src_loc *at)
{
    return add_name(c, (cname){.kind = NAME_DISABLE, .name = (char *)name}, at);
}

int compiler_severity_at(slant_compiler *c, const char *name, slant_severity sev,
                         const src_loc *at)
{
    if ((unsigned)sev > SLANT_SEVERITY_ERROR)
        return SLANT_EINVAL;
    return add_name(c, (cname){.kind = NAME_SEVERITY, .name = (char *)name, .sev = sev}, at);
}

int compiler_weight_at(slant_compiler *c, const char *name, double weight, const src_loc *at)
{
    if (!(weight > 0 && weight <= 100))
        return SLANT_EINVAL;
    return add_name(c, (cname){.kind = NAME_WEIGHT, .name = (char *)name, .weight = weight}, at);
}

int slant_compiler_disable(slant_compiler *c, const char *name)
{
    return compiler_disable_at(c, name, NULL);
}

int slant_compiler_only_category(slant_compiler *c, const char *category)
{
    return add_name(c, (cname){.kind = NAME_ONLY, .name = (char *)category}, NULL);
}

int slant_compiler_set_severity(slant_compiler *c, const char *name, slant_severity sev)
{
    return compiler_severity_at(c, name, sev, NULL);
}

int slant_compiler_set_weight(slant_compiler *c, const char *name, double weight)
{
    return compiler_weight_at(c, name, weight, NULL);
}

/* ---- terms and patterns to PCRE2 ------------------------------------ */

static int is_word_byte(unsigned char ch) { return ch >= 0x80 || ch == '_' || isalnum_ascii(ch); }

static void term_regex(buf *out, const char *term)
{
    size_t len = strlen(term);
    while (len && (term[len - 1] == ' ' || term[len - 1] == '\t'))
        len--;
    while (len && (*term == ' ' || *term == '\t'))
        term++, len--;
    int wildcard = len > 1 && term[len - 1] == '*';
    if (wildcard)
        len--;
    if (len && is_word_byte((unsigned char)term[0]))
        buf_adds(out, "(?<!\\w)");
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)term[i];
        if (ch == ' ' || ch == '\t' || ch == '\n') {
            while (i + 1 < len && (term[i + 1] == ' ' || term[i + 1] == '\t' || term[i + 1] == '\n'))
                i++;
            buf_adds(out, "\\s+");
        } else if (ch == '-') {
            buf_adds(out, "(?:-\\s*|\\s+)");
        } else if (ch < 0x80 && !isalnum_ascii(ch) && ch != '_' && ch != '\'') {
            buf_addc(out, '\\');
            buf_addc(out, (char)ch);
        } else {
            buf_addc(out, (char)ch);
        }
    }
    if (wildcard)
        buf_adds(out, "\\w*");
    if (wildcard || (len && is_word_byte((unsigned char)term[len - 1])))
        buf_adds(out, "(?!\\w)");
}

static int cmp_len_desc(const void *a, const void *b)
{
    size_t x = strlen(((const lstr *)a)->text), y = strlen(((const lstr *)b)->text);
    return x < y ? 1 : x > y ? -1 : 0;
}

/* Column in the rule file of byte `off` of the folded pattern, when the
 * file shows the scalar on one line (plain or single-quoted): folded
 * characters are walked back to their originals, and a doubled '' of a
 * single-quoted scalar takes two columns. */
static unsigned pattern_col(const lstr *s, size_t off)
{
    if (!s->simple)
        return s->col;
    unsigned col = s->col + (s->quoted ? 1 : 0);
    const unsigned char *p = (const unsigned char *)s->text;
    size_t n = strlen(s->text), folded = 0;
    for (size_t i = 0; i < n && folded < off;) {
        uint32_t cp;
        size_t len = utf8_decode(&cp, p + i, n - i);
        char one[8] = {0};
        if (!len)
            len = 1, cp = p[i];
        memcpy(one, p + i, len);
        char *f = text_fold_string(one);
        folded += f ? strlen(f) : len;
        free(f);
        col += (s->quoted && cp == '\'') ? 2 : 1;
        i += len;
    }
    return col;
}

typedef struct {
    slant_compiler *c;
    const rule_src *r;
    slant_rules *rs;
    size_t rule_index;
    int guard; /* compiling an `unless` guard */
} cctx;

/* Registers a program's prefilter; returns its index or -1. */
static long add_prog(cctx *x, const char *folded, const char *source)
{
    slant_rules *rs = x->rs;
    if (grow(&rs->progs, &rs->progcap, rs->nprogs + 1, sizeof *rs->progs) != 0)
        return -1;
    prog *p = &rs->progs[rs->nprogs];
    memset(p, 0, sizeof *p);
    p->source = source;
    if (prefilter_analyze(&p->pf, folded, x->c->scratch) != 0 ||
        !(p->regex = strcmp(folded, source) == 0 ? (char *)source : str_dup(folded))) {
        prefilter_info_clear(&p->pf);
        return -1;
    }
    p->rule = x->rule_index;
    p->guard = x->guard;
    /* "\\K" too (an escaped backslash before a K): that only costs a guard
     * its windowed search */
    p->has_reset = strstr(folded, "\\K") != NULL;
    return (long)rs->nprogs++;
}

static pcre2_code *compile_one(cctx *x, const char *re, const lstr *where, const char *what,
                               uint32_t *id)
{
    int errcode;
    PCRE2_SIZE erroff;
    uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_MULTILINE | PCRE2_USE_OFFSET_LIMIT |
                    (x->r->caseless ? PCRE2_CASELESS : 0);
    char *folded = text_fold_string(re);
    if (!folded)
        return NULL;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)folded, PCRE2_ZERO_TERMINATED, opts, &errcode,
                                     &erroff, NULL);
    long pid = code ? add_prog(x, folded, where ? where->text : "terms") : 0;
    free(folded);
    if (pid < 0) {
        pcre2_code_free(code);
        return NULL;
    }
    *id = (uint32_t)pid;
    if (!code) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(errcode, msg, sizeof msg);
        if (where)
            diag_emit(&x->c->sink, SLANT_LEVEL_ERROR, x->r->file, where->line,
                      pattern_col(where, erroff), x->r->id,
                      "rule '%s': %s does not compile at offset %zu: %s", x->r->id, what,
                      (size_t)erroff, (char *)msg);
        else
            diag_emit(&x->c->sink, SLANT_LEVEL_ERROR, x->r->file, x->r->line, x->r->col, x->r->id,
                      "rule '%s': terms do not compile: %s", x->r->id, (char *)msg);
        return NULL;
    }
    uint32_t minlen = 1, caps = 0, empty = 0;
    pcre2_pattern_info(code, PCRE2_INFO_MINLENGTH, &minlen);
    pcre2_pattern_info(code, PCRE2_INFO_MATCHEMPTY, &empty);
    pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &caps);
    if (minlen == 0 || empty) {
        const lstr *loc = where;
        diag_emit(&x->c->sink, SLANT_LEVEL_ERROR, x->r->file, loc ? loc->line : x->r->line,
                  loc ? loc->col : x->r->col, x->r->id,
                  "rule '%s': %s can match the empty string, which would flag every position",
                  x->r->id, what);
        pcre2_code_free(code);
        return NULL;
    }
    if (caps + 1 > x->rs->max_captures)
        x->rs->max_captures = caps + 1;
    /* a matcher with no literal to filter on runs over every byte of every
     * document: say so where it is written (guards only run around
     * findings, so they may) */
    const prog *pr = &x->rs->progs[*id];
    if (!x->guard && !pr->pf.nlits) {
        const lstr *loc = where;
        diag_emit(&x->c->sink, SLANT_LEVEL_WARNING, x->r->file, loc ? loc->line : x->r->line,
                  loc ? loc->col : x->r->col, x->r->id,
                  "rule '%s': %s has no literal to prefilter on (%s), so it runs over the "
                  "whole text of every document; `slant rules --cost` lists such rules",
                  x->r->id, what, pr->pf.why ? pr->pf.why : "no literal");
    }
    /* JIT-compiled only once it has run a while (jit.h) */
    return code;
}

static int compile_matcher(cctx *x, matcher *m, const matcher_src *s)
{
    int ok = 1;
    m->codes = calloc(s->npatterns + 1, sizeof *m->codes);
    m->ids = calloc(s->npatterns + 1, sizeof *m->ids);
    if (!m->codes || !m->ids)
        return 0;
    if (s->nterms) {
        lstr *sorted = malloc(s->nterms * sizeof *sorted);
        if (!sorted)
            return 0;
        memcpy(sorted, s->terms, s->nterms * sizeof *sorted);
        sort_items(sorted, s->nterms, sizeof *sorted, cmp_len_desc);
        buf re = {0};
        for (size_t i = 0; i < s->nterms; i++) {
            buf_adds(&re, i ? "|(?:" : "(?:");
            term_regex(&re, sorted[i].text);
            buf_addc(&re, ')');
        }
        free(sorted);
        const char *str = buf_str(&re);
        pcre2_code *code = str ? compile_one(x, str, NULL, "terms", &m->ids[m->ncodes]) : NULL;
        buf_free(&re);
        if (code)
            m->codes[m->ncodes++] = code;
        else
            ok = 0;
    }
    for (size_t i = 0; i < s->npatterns; i++) {
        pcre2_code *code =
            compile_one(x, s->patterns[i].text, &s->patterns[i], "pattern", &m->ids[m->ncodes]);
        if (code)
            m->codes[m->ncodes++] = code;
        else
            ok = 0;
    }
    return ok;
}

static void matcher_free(matcher *m)
{
    for (size_t i = 0; i < m->ncodes; i++)
        pcre2_code_free(m->codes[i]);
    free(m->codes);
    free(m->ids);
}

static void rule_free(rule *r)
{
    matcher_free(&r->direct);
    for (size_t i = 0; r->near && i < r->src.nnear; i++)
        matcher_free(&r->near[i]);
    free(r->near);
    for (size_t i = 0; r->guards && i < r->src.nguards; i++)
        matcher_free(&r->guards[i].m);
    free(r->guards);
    rule_src_clear(&r->src);
}

static int compile_rule(slant_compiler *c, slant_rules *rs, size_t index)
{
    rule *r = &rs->rules[index];
    cctx x = {c, &r->src, rs, index, 0};
    int ok = compile_matcher(&x, &r->direct, &r->src.direct);
    if (r->src.nnear) {
        r->near = calloc(r->src.nnear, sizeof *r->near);
        if (!r->near)
            return 0;
        for (size_t i = 0; i < r->src.nnear; i++)
            if (!compile_matcher(&x, &r->near[i], &r->src.near[i]))
                ok = 0;
    }
    if (r->src.nguards) {
        r->guards = calloc(r->src.nguards, sizeof *r->guards);
        if (!r->guards)
            return 0;
        x.guard = 1;
        for (size_t i = 0; i < r->src.nguards; i++) {
            r->guards[i].within = r->src.guards[i].within;
            if (!compile_matcher(&x, &r->guards[i].m, &r->src.guards[i].m))
                ok = 0;
        }
    }
    return ok;
}

/* ---- finishing ------------------------------------------------------- */

/* Every rule of every pack, sorted by id (then by pack and place), so
 * duplicate ids and names to look up cost n log n: a generated pack with
 * tens of thousands of rules must not take seconds to check. */
typedef struct {
    const rule_src *r;
    size_t order;
} id_at;

static int cmp_id_at(const void *a, const void *b)
{
    const id_at *x = a, *y = b;
    int c = strcmp(x->r->id, y->r->id);
    return c ? c : (x->order > y->order) - (x->order < y->order);
}

static id_at *sorted_ids(slant_compiler *c, size_t *n)
{
    *n = 0;
    for (size_t p = 0; p < c->npacks; p++)
        *n += c->packs[p]->nrules;
    id_at *v = malloc((*n ? *n : 1) * sizeof *v);
    if (!v)
        return NULL;
    size_t k = 0;
    for (size_t p = 0; p < c->npacks; p++)
        for (size_t i = 0; i < c->packs[p]->nrules; i++, k++)
            v[k] = (id_at){&c->packs[p]->rules[i], k};
    if (k > 1)
        qsort(v, k, sizeof *v, cmp_id_at);
    return v;
}

static int names_rule_or_category(const id_at *ids, size_t nids, const char *name,
                                  int categories_only)
{
    if (slant_category_find(name) >= 0)
        return 1;
    if (categories_only)
        return 0;
    size_t lo = 0, hi = nids;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int cmp = strcmp(ids[mid].r->id, name);
        if (cmp == 0)
            return 1;
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

static void unknown_name(slant_compiler *c, const cname *cn, int categories_only)
{
    const char *name = cn->name;
    size_t n = slant_category_count();
    for (size_t p = 0; p < c->npacks; p++)
        n += c->packs[p]->nrules;
    const char **cands = calloc(n + 1, sizeof *cands);
    size_t k = 0;
    for (size_t i = 0; cands && i < slant_category_count(); i++)
        cands[k++] = slant_category_id(i);
    for (size_t p = 0; cands && !categories_only && p < c->npacks; p++)
        for (size_t i = 0; i < c->packs[p]->nrules; i++)
            cands[k++] = c->packs[p]->rules[i].id;
    const char *s = cands ? diag_suggest(name, cands) : NULL;
    const char *what = categories_only ? "no category" : "no rule or category";
    if (s)
        diag_emit(&c->sink, SLANT_LEVEL_ERROR, cn->file, cn->line, cn->col, NULL,
                  "%s is named '%s' (did you mean '%s'?)", what, name, s);
    else
        diag_emit(&c->sink, SLANT_LEVEL_ERROR, cn->file, cn->line, cn->col, NULL,
                  "%s is named '%s'; 'slant rules' lists them", what, name);
    free(cands);
}

static int enabled(slant_compiler *c, const rule_src *r)
{
    int only = 0, listed = 0;
    for (size_t i = 0; i < c->nnames; i++) {
        const cname *n = &c->names[i];
        if (n->kind == NAME_DISABLE &&
            (strcmp(n->name, r->id) == 0 || strcmp(n->name, r->category) == 0))
            return 0;
        if (n->kind == NAME_ONLY) {
            only = 1;
            listed |= strcmp(n->name, r->category) == 0;
        }
    }
    return !only || listed;
}

/* Severity and weight overrides: the category's first, then the rule's
 * own, each in the order given. */
static void override(slant_compiler *c, rule_src *r)
{
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < c->nnames; i++) {
            const cname *n = &c->names[i];
            if (strcmp(n->name, pass ? r->id : r->category) != 0)
                continue;
            if (n->kind == NAME_SEVERITY) {
                r->severity = n->sev;
                if (!r->explicit_weight)
                    r->weight = severity_weight(n->sev);
            } else if (n->kind == NAME_WEIGHT) {
                r->weight = n->weight;
                r->explicit_weight = 1;
            }
        }
}

/* A guard runs only in a few words or a sentence around a candidate, so
 * it is searched there directly when its literals are common words: their
 * occurrences all over every document would cost more than the searches
 * they spare. */
#define GUARD_LITERALS_MAX 20000.0

/* One automaton over every program's literals and second requirements,
 * each distinct string once. A string's program literals are grouped,
 * those the scanner buckets first: the others (guards' literals, second
 * requirements) are half of all and only looked up (rules.h). */
typedef struct {
    char *text;
    uint32_t entry;
    int looked_up;
} lit_ref;

static int cmp_lit_ref(const void *a, const void *b)
{
    const lit_ref *x = a, *y = b;
    int c = strcmp(x->text, y->text);
    if (c)
        return c;
    if (x->looked_up != y->looked_up)
        return x->looked_up - y->looked_up;
    return (x->entry > y->entry) - (x->entry < y->entry);
}

/* Numbers the strings that are second requirements and lists each
 * requirement's (rules.h). The strings of one are consecutive program
 * literals, so their ranges follow lit_pair. */
static int index_seconds(slant_rules *rs)
{
    size_t n = rs->nlits;
    rs->usec_of = malloc((rs->nulits ? rs->nulits : 1) * sizeof *rs->usec_of);
    uint32_t *at = calloc(rs->npairs + 1, sizeof *at);
    rs->psec_lit = malloc((n ? n : 1) * sizeof *rs->psec_lit);
    rs->psec_usec = malloc((n ? n : 1) * sizeof *rs->psec_usec);
    uint32_t *usec_of_lit = malloc((n ? n : 1) * sizeof *usec_of_lit);
    if (!rs->usec_of || !at || !rs->psec_lit || !rs->psec_usec || !usec_of_lit) {
        free(usec_of_lit);
        free(at);
        return -1;
    }
    rs->nusec = 0;
    for (size_t u = 0; u < rs->nulits; u++) {
        rs->usec_of[u] = NO_SEC;
        for (uint32_t k = rs->ulit_at[u]; k < rs->ulit_at[u + 1]; k++)
            if (rs->lit_edge[rs->ulit_entry[k]] & LIT_SECOND) {
                rs->usec_of[u] = (uint32_t)rs->nusec++;
                break;
            }
        for (uint32_t k = rs->ulit_at[u]; k < rs->ulit_at[u + 1]; k++)
            usec_of_lit[rs->ulit_entry[k]] = rs->usec_of[u];
    }
    size_t m = 0;
    for (size_t lit = 0; lit < n; lit++)
        if (rs->lit_edge[lit] & LIT_SECOND) {
            at[rs->lit_pair[lit]]++; /* lit_pair is 1 + the index */
            rs->psec_lit[m] = (uint32_t)lit;
            rs->psec_usec[m++] = usec_of_lit[lit];
        }
    for (size_t p = 0; p < rs->npairs; p++)
        at[p + 1] += at[p];
    for (size_t p = 0; p < rs->npairs; p++) {
        rs->pairs[p].sec_at = at[p];
        rs->pairs[p].sec_end = at[p + 1];
    }
    free(usec_of_lit);
    free(at);
    return 0;
}

static int build_automaton(slant_rules *rs)
{
    size_t n = 0, np = 0;
    for (size_t i = 0; i < rs->nprogs; i++) {
        prog *p = &rs->progs[i];
        p->tracked = p->pf.nlits && (!p->guard || p->pf.cost <= GUARD_LITERALS_MAX);
        if (!p->tracked)
            continue;
        n += p->pf.nlits;
        for (size_t j = 0; j < p->pf.npairs; j++)
            n += p->pf.pairs[j].nsec;
        np += p->pf.npairs;
    }
    char **lits = malloc((n ? n : 1) * sizeof *lits);
    rs->lit_prog = malloc((n ? n : 1) * sizeof *rs->lit_prog);
    rs->lit_pre = malloc((n ? n : 1) * sizeof *rs->lit_pre);
    rs->lit_edge = malloc(n ? n : 1);
    rs->lit_len = malloc(n ? n : 1);
    rs->lit_pair = malloc((n ? n : 1) * sizeof *rs->lit_pair);
    rs->pairs = malloc((np ? np : 1) * sizeof *rs->pairs);
    if (!lits || !rs->lit_prog || !rs->lit_pre || !rs->lit_edge || !rs->lit_len ||
        !rs->lit_pair || !rs->pairs) {
        free(lits);
        return -1;
    }
    rs->npairs = np;
    size_t k = 0, base = 0;
    for (size_t i = 0; i < rs->nprogs; i++) {
        const prefilter_info *pf = &rs->progs[i].pf;
        for (size_t j = 0; rs->progs[i].tracked && j < pf->nlits; j++) {
            rs->lit_pair[k] = pf->lit_pair[j] ? (uint32_t)(base + pf->lit_pair[j]) : 0;
            lits[k] = rs->progs[i].pf.lits[j];
            rs->lit_pre[k] = rs->progs[i].pf.lit_pre[j];
            rs->lit_edge[k] = (uint8_t)(rs->progs[i].pf.lit_edge[j] |
                                        (rs->progs[i].guard ? LIT_GUARD : 0));
            rs->lit_len[k] = (uint8_t)strlen(lits[k]); /* at most 64 */
            rs->lit_prog[k++] = (uint32_t)i;
        }
        if (rs->progs[i].tracked)
            base += pf->npairs;
    }
    base = 0;
    for (size_t i = 0; i < rs->nprogs; i++) {
        if (!rs->progs[i].tracked)
            continue;
        for (size_t j = 0; j < rs->progs[i].pf.npairs; j++, base++) {
            const prefilter_pair *pr = &rs->progs[i].pf.pairs[j];
            rs->pairs[base] = (pair_geo){0, 0, pr->min, pr->dir, pr->max};
            for (size_t l = 0; l < pr->nsec; l++) {
                lits[k] = pr->sec[l];
                rs->lit_pre[k] = pr->max; /* unused for a second */
                rs->lit_edge[k] = (uint8_t)(pr->sec_edge[l] | LIT_SECOND |
                                            (rs->progs[i].guard ? LIT_GUARD : 0));
                rs->lit_len[k] = (uint8_t)strlen(lits[k]);
                rs->lit_pair[k] = (uint32_t)(base + 1);
                rs->lit_prog[k++] = (uint32_t)i;
            }
        }
    }
    rs->nlits = n;
    /* The automaton holds each string once: many programs share a literal
     * (a quotation mark, "said", "called" in the mention guards), and
     * reporting it once per program multiplied the automaton's output by
     * four. Its entries (program literals) are grouped by string. */
    lit_ref *refs = malloc((n ? n : 1) * sizeof *refs);
    rs->ulit_at = malloc((n + 1) * sizeof *rs->ulit_at);
    rs->ulit_looked = malloc((n + 1) * sizeof *rs->ulit_looked);
    rs->ulit_second = malloc((n + 1) * sizeof *rs->ulit_second);
    rs->ulit_entry = malloc((n ? n : 1) * sizeof *rs->ulit_entry);
    rs->ulit_edge = malloc(n ? n : 1);
    rs->ulit_prog = malloc((n ? n : 1) * sizeof *rs->ulit_prog);
    rs->ulit_len = malloc(n ? n : 1);
    char **uniq = malloc((n ? n : 1) * sizeof *uniq);
    if (!refs || !rs->ulit_at || !rs->ulit_looked || !rs->ulit_second || !rs->ulit_entry ||
        !rs->ulit_edge || !rs->ulit_prog || !rs->ulit_len || !uniq) {
        free(refs);
        free(lits);
        free(uniq);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        refs[i] = (lit_ref){lits[i], (uint32_t)i,
                            (rs->lit_edge[i] & (LIT_GUARD | LIT_SECOND)) != 0};
    sort_items(refs, n, sizeof *refs, cmp_lit_ref);
    size_t u = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || strcmp(refs[i].text, refs[i - 1].text) != 0) {
            rs->ulit_at[u] = (uint32_t)i;
            rs->ulit_looked[u] = (uint32_t)i;
            rs->ulit_second[u] = (uint32_t)i;
            rs->ulit_len[u] = rs->lit_len[refs[i].entry];
            uniq[u++] = refs[i].text;
        }
        if (!refs[i].looked_up)
            rs->ulit_looked[u - 1] = (uint32_t)i + 1;
        /* seconds were numbered after every other literal, so they come
         * last, and guards' literals (numbered by program) before them */
        if (!(rs->lit_edge[refs[i].entry] & LIT_SECOND))
            rs->ulit_second[u - 1] = (uint32_t)i + 1;
        rs->ulit_entry[i] = refs[i].entry;
        rs->ulit_prog[i] = rs->lit_prog[refs[i].entry];
        uint8_t e = rs->lit_edge[refs[i].entry];
        rs->ulit_edge[i] = (uint8_t)(e | (rs->lit_pair[refs[i].entry] && !(e & LIT_SECOND)
                                              ? LIT_HAS_SEC : 0));
    }
    rs->ulit_at[u] = (uint32_t)n;
    rs->nulits = u;
    int rc = ac_build(&rs->automaton, uniq, u);
    free(uniq);
    free(refs);
    free(lits);
    return rc != 0 ? rc : index_seconds(rs);
}

void slant_rules_free(slant_rules *rs)
{
    if (!rs)
        return;
    for (size_t i = 0; i < rs->nrules; i++)
        rule_free(&rs->rules[i]);
    free(rs->rules);
    model_free(rs->model);
    for (size_t i = 0; i < rs->npacks; i++)
        pack_src_free(rs->packs[i]);
    free(rs->packs);
    for (size_t i = 0; i < rs->nprogs; i++) {
        prefilter_info_clear(&rs->progs[i].pf);
        if (rs->progs[i].regex != rs->progs[i].source)
            free(rs->progs[i].regex);
    }
    free(rs->progs);
    ac_free(rs->automaton);
    free(rs->lit_prog);
    free(rs->lit_pre);
    free(rs->lit_edge);
    free(rs->lit_len);
    free(rs->ulit_at);
    free(rs->ulit_looked);
    free(rs->ulit_second);
    free(rs->ulit_entry);
    free(rs->ulit_edge);
    free(rs->ulit_prog);
    free(rs->ulit_len);
    free(rs->usec_of);
    free(rs->lit_pair);
    free(rs->pairs);
    free(rs->psec_lit);
    free(rs->psec_usec);
    pcre2_code_free(rs->mention);
    jit_tiers_free(rs->jit);
    free(rs);
}

/* The sentence model's rules: one per column, "<category>.sentence-model",
 * as a pack of their own so that ids, --disable, --category and severity
 * overrides treat them as any other rule. Their findings are info: a
 * statistical judgement of a whole sentence, not a cue an editor can
 * point at. */
static pack_src *model_pack(const slant_compiler *c)
{
    pack_src *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    size_t k = model_categories(c->model);
    p->file = str_dup(c->model_file);
    p->name = str_dup("model");
    p->description = str_dup("The sentence model: a classifier trained on the annotated corpus");
    p->rules = calloc(k ? k : 1, sizeof *p->rules);
    if (!p->file || !p->name || !p->description || !p->rules) {
        pack_src_free(p);
        return NULL;
    }
    for (size_t i = 0; i < k; i++) {
        const char *cat = slant_category_id((size_t)model_category(c->model, i));
        rule_src *r = &p->rules[p->nrules++];
        char id[96], msg[192], explain[1024];
        snprintf(id, sizeof id, "%s.sentence-model", cat);
        snprintf(msg, sizeof msg, "The sentence model reads this sentence as %s", cat);
        snprintf(explain, sizeof explain,
                 "No rule's cue matched here, but a statistical model trained on the "
                 "sentences of slant's annotated corpus judged this sentence likely (at "
                 "least %.0f%%) to hold %s (see TAXONOMY.md). It weighs every word and "
                 "short phrase a little, so it can recognise a device worded in a way no "
                 "rule lists, and it is wrong more often for the same reason: it points "
                 "at the sentence, not at the words, and cannot say why. On articles it "
                 "was not trained on, about seven of its findings in ten were sentences "
                 "annotators had marked (README, \"The sentence model\"); "
                 "`slant eval` measures it on your own annotated articles.",
                 100 * model_category_threshold(c->model, i), cat);
        r->id = str_dup(id);
        r->category = str_dup(cat);
        r->message = str_dup(msg);
        r->explain = str_dup(explain);
        r->advice = str_dup("Read the sentence for the device the category names; if it is "
                            "there, the advice of that category's rules applies (slant explain "
                            "shows them). If it is not, nothing needs to change.");
        r->severity = SLANT_SEVERITY_INFO;
        r->weight = severity_weight(SLANT_SEVERITY_INFO);
        r->caseless = 1;
        r->file = p->file;
        r->pack = p->name;
        r->is_model = 1;
        r->model_col = (int)i;
        if (!r->id || !r->category || !r->message || !r->explain || !r->advice) {
            pack_src_free(p);
            return NULL;
        }
    }
    return p;
}

int slant_compiler_add_model(slant_compiler *c, const char *name, const char *text, size_t len)
{
    if (!c || !name || (!text && len))
        return SLANT_EINVAL;
    char err[256];
    unsigned line;
    model *m;
    int rc = model_parse(&m, &line, text ? text : "", len, err, sizeof err);
    if (rc == SLANT_ERULES) {
        diag_emit(&c->sink, SLANT_LEVEL_ERROR, name, line, line ? 1 : 0, NULL, "%s", err);
        return rc;
    }
    if (rc != 0)
        return rc;
    char *file = str_dup(name);
    if (!file) {
        model_free(m);
        return SLANT_ENOMEM;
    }
    model_free(c->model);
    free(c->model_file);
    c->model = m;
    c->model_file = file;
    return 0;
}

int slant_compiler_set_model(slant_compiler *c, int enabled)
{
    if (!c)
        return SLANT_EINVAL;
    c->model_off = !enabled;
    return 0;
}

int compiler_model_off(const slant_compiler *c) { return c->model_off; }

int slant_compiler_finish(slant_rules **out, slant_compiler *c)
{
    *out = NULL;
    if (c->sink.errors)
        return SLANT_ERULES;
    if (c->model && !c->model_off) {
        pack_src *mp = model_pack(c);
        if (!mp || compiler_add_pack(c, mp) != 0)
            return SLANT_ENOMEM;
    }
    size_t total = 0;
    id_at *ids = sorted_ids(c, &total);
    const rule_src **first = calloc(total ? total : 1, sizeof *first);
    if (!ids || !first) {
        free(ids);
        free(first);
        return SLANT_ENOMEM;
    }
    /* duplicate ids, across packs too: report each later one, in order */
    for (size_t a = 0, b; a < total; a = b)
        for (b = a + 1; b < total && strcmp(ids[a].r->id, ids[b].r->id) == 0; b++)
            first[ids[b].order] = ids[a].r;
    for (size_t p = 0, k = 0; p < c->npacks; p++) {
        for (size_t i = 0; i < c->packs[p]->nrules; i++, k++) {
            const rule_src *r = &c->packs[p]->rules[i], *o = first[k];
            if (o)
                diag_emit(&c->sink, SLANT_LEVEL_ERROR, r->file, r->line, r->col, r->id,
                          "duplicate rule id '%s' (first defined at %s:%u:%u)", r->id, o->file,
                          o->line, o->col);
        }
    }
    free(first);
    /* what document rules count must exist */
    for (size_t p = 0; p < c->npacks; p++) {
        for (size_t i = 0; i < c->packs[p]->nrules; i++) {
            rule_src *r = &c->packs[p]->rules[i];
            for (size_t k = 0; k < r->ndoc_of; k++) {
                if (names_rule_or_category(ids, total, r->doc_of[k].text, 0))
                    continue;
                diag_emit(&c->sink, SLANT_LEVEL_ERROR, r->file, r->doc_of[k].line,
                          r->doc_of[k].col, r->id,
                          "rule '%s': 'of' names '%s', which is no rule id or category", r->id,
                          r->doc_of[k].text);
            }
        }
    }
    for (size_t i = 0; i < c->nnames; i++) {
        int cats = c->names[i].kind == NAME_ONLY;
        if (!names_rule_or_category(ids, total, c->names[i].name, cats))
            unknown_name(c, &c->names[i], cats);
    }
    free(ids);
    if (c->sink.errors)
        return SLANT_ERULES;

    slant_rules *rs = calloc(1, sizeof *rs);
    if (!rs || !(rs->rules = calloc(total ? total : 1, sizeof *rs->rules))) {
        free(rs);
        return SLANT_ENOMEM;
    }
    rs->max_captures = 1;
    int ok = 1;
    {
        /* Ends right before a finding when its words are mentioned, not
         * used: "what Moscow calls its", "the term", "known as", with an
         * optional opening quote. Runs on folded text, caseless. */
        static const char mention_re[] =
            "(?:\\bwhat\\s+(?:[\\w.'-]+\\s+){0,4}?(?:calls?|called|terms?|termed|dubs?|dubbed"
            "|labels?|labell?ed|brands?|branded|describes?\\s+as|refers?\\s+to\\s+as)"
            "|\\b(?:the|a|this|that)\\s+(?:term|word|phrase|label|expression|euphemism|slogan)"
            "|\\b(?:known|referred\\s+to|described|characteri[sz]ed|dubbed|termed|labell?ed|branded"
            "|called|nicknamed)\\s+as|\\b(?:dubbed|termed|nicknamed|titled|entitled|code-?named))"
            "(?:\\s+(?:its|his|her|their|the|a|an|our|this))?\\s*[\"']?\\s*$";
        int err;
        PCRE2_SIZE off;
        rs->mention = pcre2_compile((PCRE2_SPTR)mention_re, PCRE2_ZERO_TERMINATED,
                                    PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &err, &off, NULL);
        if (!rs->mention) {
            slant_rules_free(rs);
            return SLANT_ENOMEM;
        }
    }
    c->scratch = prefilter_scratch_new(); /* NULL: each analysis has its own */
    for (size_t p = 0; p < c->npacks; p++) {
        pack_src *pk = c->packs[p];
        for (size_t i = 0; i < pk->nrules; i++) {
            if (!enabled(c, &pk->rules[i]))
                continue;
            rule *r = &rs->rules[rs->nrules++];
            r->src = pk->rules[i]; /* moved: the pack keeps only names */
            override(c, &r->src);
            memset(&pk->rules[i], 0, sizeof pk->rules[i]);
            if (!compile_rule(c, rs, rs->nrules - 1))
                ok = 0;
        }
    }
    prefilter_scratch_free(c->scratch);
    c->scratch = NULL;
    if (c->model && !c->model_off) {
        rs->model = c->model; /* moved: the model's rules read it */
        c->model = NULL;
    }
    /* the packs move too: rules point at their file and pack names */
    rs->packs = c->packs;
    rs->npacks = c->npacks;
    c->packs = NULL;
    c->npacks = c->cap = 0;
    if (ok && !c->sink.errors && build_automaton(rs) != 0)
        ok = 0;
    /* no JIT on this machine is not an error: the interpreter still works.
     * SLANT_NO_JIT=1 turns JIT off for valgrind, which cannot follow
     * JIT-generated code and reports false errors in it. */
    const char *nojit = getenv("SLANT_NO_JIT");
    int jit = !(nojit && *nojit && strcmp(nojit, "0") != 0);
    if (ok && !c->sink.errors && !(rs->jit = jit_tiers_new(rs->nprogs + 1, jit)))
        ok = 0;
    if (!ok || c->sink.errors) {
        slant_rules_free(rs);
        return c->sink.errors ? SLANT_ERULES : SLANT_ENOMEM;
    }
    *out = rs;
    return 0;
}

/* ---- queries --------------------------------------------------------- */

size_t slant_rules_count(const slant_rules *rs) { return rs ? rs->nrules : 0; }

int slant_rules_info(slant_rule_info *out, const slant_rules *rs, size_t index)
{
    if (!rs || index >= rs->nrules)
        return SLANT_EINVAL;
    const rule_src *r = &rs->rules[index].src;
    out->id = r->id;
    out->category = r->category;
    out->severity = r->severity;
    out->weight = r->weight;
    out->message = r->message;
    out->explain = r->explain;
    out->advice = r->advice;
    out->pack = r->pack;
    out->file = r->file;
    out->line = r->line;
    out->match_examples = r->nex_match;
    out->nomatch_examples = r->nex_nomatch;
    return 0;
}

long slant_rules_find(const slant_rules *rs, const char *id)
{
    for (size_t i = 0; rs && id && i < rs->nrules; i++)
        if (strcmp(rs->rules[i].src.id, id) == 0)
            return (long)i;
    return -1;
}

const char *slant_rules_example(const slant_rules *rs, size_t index, int match, size_t i)
{
    if (!rs || index >= rs->nrules)
        return NULL;
    const rule_src *r = &rs->rules[index].src;
    if (match)
        return i < r->nex_match ? r->ex_match[i].text : NULL;
    return i < r->nex_nomatch ? r->ex_nomatch[i].text : NULL;
}

const char *slant_rules_suggest(const slant_rules *rs, const char *name)
{
    if (!rs || !name)
        return NULL;
    size_t ncat = slant_category_count();
    const char **cands = calloc(rs->nrules + ncat + 1, sizeof *cands);
    if (!cands)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < rs->nrules; i++)
        cands[k++] = rs->rules[i].src.id;
    for (size_t i = 0; i < ncat; i++)
        cands[k++] = slant_category_id(i);
    const char *s = diag_suggest(name, cands);
    free(cands);
    return s;
}

size_t slant_rules_program_count(const slant_rules *rs, size_t index)
{
    size_t n = 0;
    for (size_t i = 0; rs && i < rs->nprogs; i++)
        n += rs->progs[i].rule == index;
    return n;
}

static const prog *program_of(const slant_rules *rs, size_t index, size_t i)
{
    for (size_t k = 0; rs && k < rs->nprogs; k++)
        if (rs->progs[k].rule == index && i-- == 0)
            return &rs->progs[k];
    return NULL;
}

int slant_rules_program(slant_program_info *out, const slant_rules *rs, size_t index, size_t i)
{
    const prog *p = program_of(rs, index, i);
    if (!p)
        return SLANT_EINVAL;
    out->source = p->source;
    out->regex = p->regex;
    out->guard = p->guard;
    out->prefiltered = p->tracked;
    out->nliterals = p->pf.nlits;
    out->literals = p->pf.lits;
    out->literal_pair = p->pf.lit_pair;
    out->npairs = p->pf.npairs;
    out->bounded = p->pf.bound.bounded;
    out->pre_bounded = p->pf.pre.bounded;
    for (int t = 0; t < BOUND_TERMS; t++) {
        out->c[t] = p->pf.bound.c[t];
        out->pre[t] = p->pf.pre.c[t];
    }
    out->why = p->pf.why;
    return 0;
}

int slant_rules_program_pair(slant_pair_info *out, const slant_rules *rs, size_t index, size_t i,
                             size_t pair)
{
    const prog *p = program_of(rs, index, i);
    if (!p || pair >= p->pf.npairs)
        return SLANT_EINVAL;
    const prefilter_pair *q = &p->pf.pairs[pair];
    out->nstrings = q->nsec;
    out->strings = q->sec;
    out->dir = q->dir;
    out->min = q->min;
    for (int t = 0; t < BOUND_TERMS; t++)
        out->max[t] = q->max.c[t];
    return 0;
}
