/* scan.c - the scanner: runs the compiled rules over a document's folded
 * text and turns matches into findings.
 *
 * For each rule:
 *  1. Candidates. Every program of the rule's direct matcher (its terms as
 *     one alternation, each pattern alone) is run over the whole folded
 *     text; every match is a candidate span. A `near` rule collects the
 *     matches of each part, sorts them by position and sweeps them once,
 *     remembering the latest match of every part: when all parts have one
 *     and they lie in one sentence (or within N words), the smallest span
 *     holding them is a candidate. The sweep is linear in the matches.
 *  2. Filters. A candidate's voice is the voice at its first character;
 *     the rule's `voice` keeps author, quote or both. Each `unless` guard
 *     runs its programs over its scope (the candidate, its sentence, or N
 *     words either side); a guard match drops the candidate.
 *  3. Merge. Candidates of one rule that overlap become one finding; the
 *     finding is in the author's voice if any part of it was.
 *  4. Findings. Folded offsets go back to original bytes through the
 *     document's map; lines, columns and code-point offsets come from its
 *     line index.
 *
 * Every PCRE2 call runs under match, depth and heap limits on a match
 * context owned by the scanner. A rule that hits a limit stops matching on
 * that document and is listed in the report as incomplete; the scan goes
 * on with the other rules, and the caller learns it through SLANT_ELIMIT.
 */
#include "report.h"
#include "text.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Generous for news text (a normal match costs hundreds of steps) and
 * small enough that a catastrophic pattern gives up in well under a second. */
#define MATCH_LIMIT 10000000u
#define DEPTH_LIMIT 100000u
#define HEAP_LIMIT_KIB 65536u
#define JIT_STACK_MAX (1024u * 1024u)

typedef struct {
    size_t start, end; /* folded offsets */
    int part;          /* near part, or voice once filtered */
    int mention;       /* the words are mentioned, not used */
} cand;

struct slant_scanner {
    const slant_rules *rules;
    pcre2_match_data *md;
    pcre2_match_context *mctx;
    pcre2_jit_stack *jit;
    cand *cands, *events, *hits;
    size_t ncands, ccap, nevents, ecap, hcap;
    double budget;        /* seconds per document; 0: none */
    struct timespec deadline;
    int over_budget;      /* the current document ran out of time */
};

#define DEFAULT_BUDGET_SECONDS 60.0

int slant_scanner_set_budget(slant_scanner *s, double seconds)
{
    if (!s || !(seconds >= 0))
        return SLANT_EINVAL;
    s->budget = seconds;
    return 0;
}

static void start_clock(slant_scanner *s)
{
    s->over_budget = 0;
    if (s->budget <= 0)
        return;
    clock_gettime(CLOCK_MONOTONIC, &s->deadline);
    double whole = (double)(time_t)s->budget;
    s->deadline.tv_sec += (time_t)s->budget;
    s->deadline.tv_nsec += (long)((s->budget - whole) * 1e9);
    if (s->deadline.tv_nsec >= 1000000000L) {
        s->deadline.tv_sec++;
        s->deadline.tv_nsec -= 1000000000L;
    }
}

/* Checked before every PCRE2 call: each call is bounded by the match
 * limit, so the budget is overrun by at most one call. */
static int out_of_time(slant_scanner *s)
{
    if (s->over_budget)
        return 1;
    if (s->budget <= 0)
        return 0;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (now.tv_sec > s->deadline.tv_sec ||
        (now.tv_sec == s->deadline.tv_sec && now.tv_nsec >= s->deadline.tv_nsec))
        s->over_budget = 1;
    return s->over_budget;
}

int slant_scanner_new(slant_scanner **out, const slant_rules *rules)
{
    *out = NULL;
    if (!rules)
        return SLANT_EINVAL;
    slant_scanner *s = calloc(1, sizeof *s);
    if (!s)
        return SLANT_ENOMEM;
    s->rules = rules;
    s->md = pcre2_match_data_create(rules->max_captures + 1, NULL);
    s->mctx = pcre2_match_context_create(NULL);
    s->jit = pcre2_jit_stack_create(32 * 1024, JIT_STACK_MAX, NULL);
    if (!s->md || !s->mctx) {
        slant_scanner_free(s);
        return SLANT_ENOMEM;
    }
    pcre2_set_match_limit(s->mctx, MATCH_LIMIT);
    pcre2_set_depth_limit(s->mctx, DEPTH_LIMIT);
    pcre2_set_heap_limit(s->mctx, HEAP_LIMIT_KIB);
    s->budget = DEFAULT_BUDGET_SECONDS;
    if (s->jit)
        pcre2_jit_stack_assign(s->mctx, NULL, s->jit);
    *out = s;
    return 0;
}

void slant_scanner_free(slant_scanner *s)
{
    if (!s)
        return;
    pcre2_match_data_free(s->md);
    pcre2_match_context_free(s->mctx);
    pcre2_jit_stack_free(s->jit);
    free(s->cands);
    free(s->events);
    free(s->hits);
    free(s);
}

/* Runs one program over norm[from, to) and appends every match to the
 * list. Returns 0, -1 when a limit was hit, or SLANT_ENOMEM. `first` stops
 * after one match (guards only need to know whether there is one). */
static int find_all(slant_scanner *s, const pcre2_code *code, const slant_doc *d, size_t from,
                    size_t to, int part, cand **list, size_t *n, size_t *cap, int first)
{
    size_t off = from;
    while (off < to) {
        if (out_of_time(s))
            return -1;
        int rc = pcre2_match(code, (PCRE2_SPTR)d->norm, to, off, PCRE2_NO_UTF_CHECK, s->md,
                             s->mctx);
        if (rc == PCRE2_ERROR_NOMATCH)
            return 0;
        if (rc < 0)
            return rc == PCRE2_ERROR_NOMEMORY ? SLANT_ENOMEM : -1;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
        size_t st = ov[0], en = ov[1];
        if (en <= st || en <= off) {
            /* an empty match (possible with \K or lookarounds): step one character */
            off += utf8_char_len((const unsigned char *)d->norm + off, d->nlen - off);
            if (en <= st)
                continue;
        }
        if (grow(list, cap, *n + 1, sizeof **list) != 0)
            return SLANT_ENOMEM;
        (*list)[(*n)++] = (cand){st, en, part, 0};
        if (first)
            return 0;
        if (en > off)
            off = en;
    }
    return 0;
}

static int run_matcher(slant_scanner *s, const matcher *m, const slant_doc *d, size_t from,
                       size_t to, int part, cand **list, size_t *n, size_t *cap, int first)
{
    for (size_t i = 0; i < m->ncodes; i++) {
        size_t before = *n;
        int rc = find_all(s, m->codes[i], d, from, to, part, list, n, cap, first);
        if (rc != 0)
            return rc;
        if (first && *n > before)
            return 0;
    }
    return 0;
}

static int cmp_cand(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end > y->end ? -1 : 1;
    return x->part - y->part;
}

/* Candidates from a near rule: one sweep over the parts' sorted matches. */
static int near_candidates(slant_scanner *s, const rule *r, const slant_doc *d)
{
    size_t nparts = r->src.nnear;
    s->nevents = 0;
    for (size_t p = 0; p < nparts; p++) {
        size_t before = s->nevents;
        int rc = run_matcher(s, &r->near[p], d, 0, d->nlen, (int)p, &s->events, &s->nevents,
                             &s->ecap, 0);
        if (rc != 0)
            return rc;
        if (s->nevents == before)
            return 0; /* a part with no match anywhere: nothing to find */
    }
    qsort(s->events, s->nevents, sizeof *s->events, cmp_cand);
    size_t *last = malloc(nparts * sizeof *last);
    if (!last)
        return SLANT_ENOMEM;
    for (size_t p = 0; p < nparts; p++)
        last[p] = SIZE_MAX;
    size_t seen = 0;
    int rc = 0;
    for (size_t i = 0; i < s->nevents && rc == 0; i++) {
        cand e = s->events[i];
        if (last[e.part] == SIZE_MAX)
            seen++;
        last[e.part] = i;
        if (seen < nparts)
            continue;
        size_t lo = SIZE_MAX, hi = 0, first_end = 0;
        for (size_t p = 0; p < nparts; p++) {
            cand c = s->events[last[p]];
            if (c.start < lo) {
                lo = c.start;
                first_end = c.end;
            }
            if (c.end > hi)
                hi = c.end;
        }
        int close;
        if (r->src.near_within == WITHIN_SENTENCE)
            close = doc_sentence_at(d, lo).start == doc_sentence_at(d, e.start).start;
        else
            close = e.start < first_end ||
                    doc_words_before(d, e.start) - doc_words_before(d, first_end) <=
                        (size_t)r->src.near_within;
        if (close) {
            if (grow(&s->cands, &s->ccap, s->ncands + 1, sizeof *s->cands) != 0)
                rc = SLANT_ENOMEM;
            else
                s->cands[s->ncands++] = (cand){lo, hi, 0, 0};
        }
    }
    free(last);
    return rc;
}

/* The folded range a guard looks at around a candidate. */
static span guard_scope(const slant_doc *d, int within, size_t start, size_t end)
{
    if (within == WITHIN_MATCH)
        return (span){start, end};
    if (within == WITHIN_SENTENCE) {
        span a = doc_sentence_at(d, start), b = doc_sentence_at(d, end ? end - 1 : 0);
        return (span){a.start < start ? a.start : start, b.end > end ? b.end : end};
    }
    size_t n = (size_t)within;
    size_t w0 = doc_words_before(d, start); /* words wholly before the candidate */
    size_t lo = start, hi = end;
    if (d->nwords) {
        size_t first = w0 > n ? w0 - n : 0;
        if (first < d->nwords && d->wstart[first] < lo)
            lo = d->wstart[first];
        size_t w1 = doc_words_before(d, end); /* words starting inside or before */
        size_t last = w1 + n;
        hi = last > 0 && last - 1 < d->nwords ? d->wend[last - 1] : d->nlen;
        if (hi < end)
            hi = end;
    }
    return (span){lo, hi};
}

static int guarded(slant_scanner *s, const rule *r, const slant_doc *d, cand c, int *limit)
{
    for (size_t g = 0; g < r->src.nguards; g++) {
        span sc = guard_scope(d, r->guards[g].within, c.start, c.end);
        size_t nhit = 0;
        int rc = run_matcher(s, &r->guards[g].m, d, sc.start, sc.end, 0, &s->hits, &nhit,
                             &s->hcap, 1);
        if (rc == SLANT_ENOMEM)
            return rc;
        if (rc != 0)
            *limit = 1;
        if (nhit)
            return 1;
    }
    return 0;
}

/* Mention, not use: is the candidate introduced by "what X calls", "the
 * term", "known as"... in its own sentence, right before it? */
static int is_mention(slant_scanner *s, const slant_doc *d, size_t start)
{
    span sent = doc_sentence_at(d, start);
    size_t from = start > 120 ? start - 120 : 0;
    if (from < sent.start && sent.start <= start)
        from = sent.start;
    while (from < start && ((unsigned char)d->norm[from] & 0xC0) == 0x80)
        from++;
    if (from >= start)
        return 0;
    int rc = pcre2_match(s->rules->mention, (PCRE2_SPTR)d->norm, start, from, PCRE2_NO_UTF_CHECK,
                         s->md, s->mctx);
    return rc >= 0;
}

static int add_finding(slant_report *rep, buf *texts, const slant_rules *rs, size_t ri,
                       const slant_doc *d, cand c)
{
    const rule_src *r = &rs->rules[ri].src;
    if (grow(&rep->findings, &rep->cap, rep->n + 1, sizeof *rep->findings) != 0)
        return SLANT_ENOMEM;
    if (grow(&rep->rule_index, &rep->ricap, rep->n + 1, sizeof *rep->rule_index) != 0)
        return SLANT_ENOMEM;
    slant_finding *f = &rep->findings[rep->n];
    memset(f, 0, sizeof *f);
    f->rule = r->id;
    f->category = r->category;
    f->severity = r->severity;
    f->weight = r->weight;
    f->voice = c.part ? SLANT_VOICE_QUOTE : SLANT_VOICE_AUTHOR;
    if (c.mention) {
        f->mention = 1;
        f->severity = SLANT_SEVERITY_INFO; /* downgraded: the words are discussed, not used */
    }
    f->message = r->message;
    f->advice = r->advice;
    f->start = doc_orig_start(d, c.start);
    f->end = doc_orig_end(d, c.end);
    unsigned line, col;
    doc_position(d, f->start, &line, &col, &f->char_start);
    f->line = line;
    f->column = col;
    doc_position(d, f->end, &line, &col, &f->char_end);
    f->end_line = line;
    f->end_column = col;
    /* texts are stored by offset and fixed up once the buffer stops moving */
    f->text = (const char *)(uintptr_t)texts->len;
    buf_add(texts, d->orig + f->start, f->end - f->start);
    buf_addc(texts, '\0');
    if (texts->failed)
        return SLANT_ENOMEM;
    /* a part of a larger text: byte offsets count from the whole text's
     * start, as lines, columns and code points already do */
    f->start += d->part.byte;
    f->end += d->part.byte;
    rep->rule_index[rep->n++] = ri;
    return 0;
}

/* Candidates of rule `ri` to findings: filter, merge, record. */
static int rule_findings(slant_scanner *s, slant_report *rep, buf *texts, size_t ri,
                         const slant_doc *d, int *limit)
{
    const rule *r = &s->rules->rules[ri];
    size_t kept = 0;
    for (size_t i = 0; i < s->ncands; i++) {
        cand c = s->cands[i];
        int quoted = doc_quoted(d, c.start, c.end);
        if ((r->src.voice == VOICE_AUTHOR && quoted) || (r->src.voice == VOICE_QUOTE && !quoted))
            continue;
        int g = guarded(s, r, d, c, limit);
        if (g < 0)
            return g;
        if (g)
            continue;
        c.part = quoted;
        c.mention = is_mention(s, d, c.start);
        s->cands[kept++] = c;
    }
    s->ncands = kept;
    if (s->ncands > 1) /* qsort must not get NULL, even for no items */
        qsort(s->cands, s->ncands, sizeof *s->cands, cmp_cand);
    for (size_t i = 0; i < s->ncands;) {
        cand m = s->cands[i++];
        while (i < s->ncands && s->cands[i].start < m.end) {
            if (s->cands[i].end > m.end)
                m.end = s->cands[i].end;
            if (!s->cands[i].part)
                m.part = 0; /* author's voice wins */
            if (!s->cands[i].mention)
                m.mention = 0; /* so does use over mention */
            i++;
        }
        int rc = add_finding(rep, texts, s->rules, ri, d, m);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* ---- document rules --------------------------------------------------- */

static int counted_by(const rule_src *dr, const slant_finding *f)
{
    if (f->noccurrences)
        return 0; /* document findings do not feed each other */
    for (size_t k = 0; k < dr->ndoc_of; k++)
        if (strcmp(dr->doc_of[k].text, f->rule) == 0 || strcmp(dr->doc_of[k].text, f->category) == 0)
            return 1;
    return 0;
}

/* The text a repetition is judged on: folded, ASCII lower case, single spaces. */
static char *repeat_key(const char *text)
{
    char *k = text_fold_string(text);
    if (!k)
        return NULL;
    size_t o = 0;
    int space = 0;
    for (size_t i = 0; k[i]; i++) {
        unsigned char ch = (unsigned char)k[i];
        if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
            space = o > 0;
            continue;
        }
        if (space)
            k[o++] = ' ';
        space = 0;
        k[o++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
    }
    k[o] = '\0';
    return k;
}

/* Adds one document finding for rule `ri` over the span findings listed in
 * `idx` (the first is where it is reported). */
static int add_document_finding(slant_report *rep, buf *texts, const slant_rules *rs, size_t ri,
                                const size_t *idx, size_t n)
{
    const rule_src *r = &rs->rules[ri].src;
    if (grow(&rep->findings, &rep->cap, rep->n + 1, sizeof *rep->findings) != 0 ||
        grow(&rep->rule_index, &rep->ricap, rep->n + 1, sizeof *rep->rule_index) != 0 ||
        grow(&rep->occ, &rep->occap, rep->nocc + n, sizeof *rep->occ) != 0)
        return SLANT_ENOMEM;
    slant_finding *f = &rep->findings[rep->n];
    *f = rep->findings[idx[0]];
    f->rule = r->id;
    f->category = r->category;
    f->severity = r->severity;
    f->weight = r->weight;
    f->message = r->message;
    f->advice = r->advice;
    f->voice = SLANT_VOICE_AUTHOR;
    for (size_t i = 0; i < n; i++)
        if (rep->findings[idx[i]].voice == SLANT_VOICE_AUTHOR)
            break;
        else if (i + 1 == n)
            f->voice = SLANT_VOICE_QUOTE; /* every occurrence was quoted */
    f->occurrences = (const slant_span *)(uintptr_t)rep->nocc; /* fixed up later */
    f->noccurrences = n;
    for (size_t i = 0; i < n; i++) {
        const slant_finding *o = &rep->findings[idx[i]];
        rep->occ[rep->nocc++] = (slant_span){o->start, o->end, o->char_start, o->char_end,
                                             o->line, o->column};
    }
    /* the text offset of the first occurrence is still an offset here */
    (void)texts;
    rep->rule_index[rep->n++] = ri;
    return 0;
}

typedef struct {
    const char *key;
    size_t i;
} keyed;

static int cmp_keyed(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->i > y->i) - (x->i < y->i);
}

static int document_findings(slant_report *rep, buf *texts, const slant_rules *rs,
                             const slant_doc *d, long only)
{
    size_t nspan = rep->n;
    size_t *idx = malloc((nspan ? nspan : 1) * sizeof *idx);
    char **keys = calloc(nspan ? nspan : 1, sizeof *keys);
    keyed *order = malloc((nspan ? nspan : 1) * sizeof *order);
    int rc = idx && keys && order ? 0 : SLANT_ENOMEM;
    for (size_t ri = 0; ri < rs->nrules && rc == 0; ri++) {
        const rule_src *r = &rs->rules[ri].src;
        if (!r->is_document || (only >= 0 && (size_t)only != ri))
            continue;
        if (r->doc_density > 0) {
            size_t n = 0;
            for (size_t i = 0; i < nspan; i++)
                if (counted_by(r, &rep->findings[i]))
                    idx[n++] = i;
            double words = d->nwords < SCORE_MIN_WORDS ? SCORE_MIN_WORDS : (double)d->nwords;
            if (n && 1000.0 * (double)n / words >= r->doc_density)
                rc = add_document_finding(rep, texts, rs, ri, idx, n);
            continue;
        }
        for (size_t i = 0; i < nspan && rc == 0; i++) {
            free(keys[i]);
            keys[i] = NULL;
            if (counted_by(r, &rep->findings[i]) &&
                !(keys[i] = repeat_key(texts->data + (uintptr_t)rep->findings[i].text)))
                rc = SLANT_ENOMEM;
        }
        /* equal texts side by side, each run in finding order: sorting,
         * not comparing every pair, so a text with 10^6 findings costs
         * n log n (a pairwise loop took minutes on a 1 MB document) */
        size_t m = 0;
        for (size_t i = 0; i < nspan && rc == 0; i++)
            if (keys[i])
                order[m++] = (keyed){keys[i], i};
        if (m > 1)
            qsort(order, m, sizeof *order, cmp_keyed);
        for (size_t a = 0, b; a < m && rc == 0; a = b) {
            for (b = a + 1; b < m && strcmp(order[a].key, order[b].key) == 0; b++)
                ;
            for (size_t k = a; k < b; k++)
                idx[k - a] = order[k].i;
            if (b - a >= r->doc_repeated)
                rc = add_document_finding(rep, texts, rs, ri, idx, b - a);
        }
    }
    if (keys)
        for (size_t i = 0; i < nspan; i++)
            free(keys[i]);
    free(keys);
    free(order);
    free(idx);
    return rc;
}

static int cmp_finding(const void *a, const void *b)
{
    const slant_finding *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end < y->end ? -1 : 1;
    return strcmp(x->rule, y->rule);
}

/* Sorts findings into document order, keeping rule_index in step. */
static int sort_findings(slant_report *rep)
{
    if (rep->n < 2)
        return 0;
    typedef struct {
        slant_finding f;
        size_t ri;
    } pair;
    pair *p = malloc(rep->n * sizeof *p);
    if (!p)
        return SLANT_ENOMEM;
    for (size_t i = 0; i < rep->n; i++)
        p[i] = (pair){rep->findings[i], rep->rule_index[i]};
    qsort(p, rep->n, sizeof *p, cmp_finding); /* the finding is the first member */
    for (size_t i = 0; i < rep->n; i++) {
        rep->findings[i] = p[i].f;
        rep->rule_index[i] = p[i].ri;
    }
    free(p);
    return 0;
}

int scanner_run(slant_report **out, slant_scanner *s, const slant_doc *d, long only)
{
    *out = NULL;
    if (!s || !d)
        return SLANT_EINVAL;
    const slant_rules *rs = s->rules;
    slant_report *rep = calloc(1, sizeof *rep);
    if (!rep)
        return SLANT_ENOMEM;
    buf texts = {0};
    int rc = 0;
    start_clock(s);
    /* the examples of a document rule need the findings it counts */
    int only_document = only >= 0 && rs->rules[only].src.is_document;
    for (size_t ri = 0; ri < rs->nrules && rc == 0; ri++) {
        const rule *r = &rs->rules[ri];
        if (r->src.is_document || (only >= 0 && !only_document && (size_t)only != ri))
            continue;
        int limit = 0;
        s->ncands = 0;
        rc = run_matcher(s, &r->direct, d, 0, d->nlen, 0, &s->cands, &s->ncands, &s->ccap, 0);
        if (rc == -1) {
            limit = 1;
            rc = 0;
        }
        if (rc == 0 && r->src.nnear) {
            rc = near_candidates(s, r, d);
            if (rc == -1) {
                limit = 1;
                rc = 0;
            }
        }
        if (rc == 0)
            rc = rule_findings(s, rep, &texts, ri, d, &limit);
        if (rc == 0 && limit) {
            const char **inc = realloc(rep->incomplete, (rep->nincomplete + 1) * sizeof *inc);
            const char **why = inc ? realloc(rep->incomplete_why, (rep->nincomplete + 1) *
                                                                       sizeof *why)
                                   : NULL;
            if (inc)
                rep->incomplete = inc;
            if (why)
                rep->incomplete_why = why;
            if (!inc || !why)
                rc = SLANT_ENOMEM;
            else {
                why[rep->nincomplete] = s->over_budget ? "time budget" : "match limit";
                inc[rep->nincomplete++] = r->src.id;
            }
        }
    }
    if (rc == 0)
        rc = document_findings(rep, &texts, rs, d, only);
    if (rc == 0 && only_document) {
        size_t k = 0; /* keep only the document rule's own findings */
        for (size_t i = 0; i < rep->n; i++)
            if (rep->rule_index[i] == (size_t)only) {
                rep->findings[k] = rep->findings[i];
                rep->rule_index[k++] = rep->rule_index[i];
            }
        rep->n = k;
    }
    if (rc == 0) {
        rep->texts = texts.data;
        texts.data = NULL;
        for (size_t i = 0; i < rep->n; i++) {
            slant_finding *f = &rep->findings[i];
            f->text = rep->texts + (uintptr_t)f->text;
            if (f->noccurrences)
                f->occurrences = rep->occ + (uintptr_t)f->occurrences;
        }
        rc = sort_findings(rep);
    }
    if (rc == 0)
        rc = score_compute(rep, rs, d);
    buf_free(&texts);
    if (rc != 0) {
        slant_report_free(rep);
        return rc;
    }
    *out = rep;
    return rep->nincomplete ? SLANT_ELIMIT : 0;
}

int slant_scanner_scan(slant_report **out, slant_scanner *s, const slant_doc *doc)
{
    return scanner_run(out, s, doc, -1);
}

void slant_report_free(slant_report *rep)
{
    if (!rep)
        return;
    free(rep->findings);
    free(rep->rule_index);
    free(rep->texts);
    free(rep->occ);
    free(rep->categories);
    free(rep->incomplete);
    free(rep->incomplete_why);
    free(rep);
}

size_t slant_report_count(const slant_report *rep) { return rep ? rep->n : 0; }

const slant_finding *slant_report_finding(const slant_report *rep, size_t i)
{
    return rep && i < rep->n ? &rep->findings[i] : NULL;
}

const slant_score *slant_report_score(const slant_report *rep) { return rep ? &rep->score : NULL; }

size_t slant_report_incomplete_count(const slant_report *rep) { return rep ? rep->nincomplete : 0; }

const char *slant_report_incomplete(const slant_report *rep, size_t i)
{
    return rep && i < rep->nincomplete ? rep->incomplete[i] : NULL;
}

const char *slant_report_incomplete_reason(const slant_report *rep, size_t i)
{
    return rep && i < rep->nincomplete ? rep->incomplete_why[i] : NULL;
}

int slant_report_max_severity(const slant_report *rep)
{
    int max = -1;
    for (size_t i = 0; rep && i < rep->n; i++)
        if ((int)rep->findings[i].severity > max)
            max = (int)rep->findings[i].severity;
    return max;
}
