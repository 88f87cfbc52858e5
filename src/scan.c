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
 *     finding is in the author's voice if any part of it was. Once every
 *     rule ran, a finding whose words lie within another's of the same
 *     category is dropped (drop_covered says which one stays).
 *  4. Findings. Folded offsets go back to original bytes through the
 *     document's map; lines, columns and code-point offsets come from its
 *     line index. Each gets a fingerprint from its rule, its folded words
 *     and a few words around them (never offsets), for baselines.
 *  5. Suppressions written in the document (suppress.c) mark findings
 *     before document rules count them, and what those add after.
 * The sentence model's rules (model.h) have no programs and come last:
 * their candidates are the sentences whose probability in the rule's
 * column reaches that column's threshold, where no rule of that category
 * found anything; from there they go through steps 2-5 like any other.
 *
 * Prefiltering (the fast engine; --engine naive runs every program over
 * the whole text). One Aho-Corasick pass finds every literal string of
 * every program (prefilter.h) once however many programs share it. Each
 * occurrence is expanded to the program literals it stands for, dropped
 * where the pattern's word edges or second requirement rule a match out,
 * and bucketed by program, with its window: where a match holding it can
 * start. A program then runs only in its windows (find_windowed). Guards
 * are the exception: their literals are half of all occurrences and a
 * guard runs only around a candidate, so their occurrences are never
 * bucketed, and guard_exists reads those in the guard's scope from the
 * document's string occurrences when it is asked. Second requirements'
 * occurrences are bucketed by string, not by program: a common string is
 * the second of dozens of programs. The engine tests, the
 * golden cases and a differential fuzz target hold both engines to
 * byte-identical findings.
 *
 * Every PCRE2 call runs under match, depth and heap limits on a match
 * context owned by the scanner. A rule that hits a limit stops matching on
 * that document and is listed in the report as incomplete; the scan goes
 * on with the other rules, and the caller learns it through SLANT_ELIMIT.
 */
#include "report.h"
#include "text.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Generous for news text (a normal match costs hundreds of steps) and
 * small enough that a catastrophic pattern gives up in well under a second. */
#define MATCH_LIMIT 10000000u
#define DEPTH_LIMIT 100000u
#define HEAP_LIMIT_KIB 65536u
#define JIT_STACK_MAX (1024u * 1024u)

/* Internal: a matching limit or the time budget stopped a search. Positive,
 * so it cannot be mistaken for a SLANT_E* code. */
#define HIT_LIMIT 1

typedef struct {
    size_t start, end; /* folded offsets */
    int part;          /* near part, or voice once filtered */
    int mention;       /* the words are mentioned, not used */
} cand;

/* A literal occurrence and where a match holding it can start at the
 * earliest (its literal's distance before it). */
typedef struct {
    size_t from, at;
} window;

struct slant_scanner {
    const slant_rules *rules;
    pcre2_match_data *md;
    pcre2_match_context *mctx;
    pcre2_jit_stack *jit;
    cand *cands, *events, *hits;
    size_t ncands, ccap, nevents, ecap, hcap;
    slant_engine engine;
    size_t runs[BOUND_TERMS];   /* the document's longest runs (prefilter.h) */
    ac_hit *uhits;              /* occurrences of the automaton's strings */
    size_t nuhits, uhits_cap;
    window *gwin;               /* a guard's windows in its scope */
    size_t gwin_cap;
    ac_hit *achits;             /* the program literals they stand for, but guards' */
    size_t nachits, achits_cap;
    size_t *hit_at, hit_at_cap; /* program p's occurrences: hit_start[hit_at[p]..hit_at[p+1]) */
    size_t *hit_start, hit_start_cap;
    size_t *sec_at, sec_at_cap; /* occurrences of the strings that are seconds (rules.h): */
    size_t *sec_start, sec_start_cap; /* sec_start[sec_at[i]..sec_at[i+1]), sorted */
    size_t *sec_cur, sec_cur_cap; /* per string: where its last look-up ended */
    window *win;                /* program p's windows: win[win_at[p]..win_at[p+1]) */
    size_t win_cap, *win_at, win_at_cap;
    size_t *fill, fill_cap;
    double budget;        /* seconds per document; 0: none */
    struct timespec deadline;
    slant_program_stats *prof; /* per program, when profiling (NULL: off) */
    double *probs;        /* the sentence model's, per sentence and column */
    model_scratch mscratch;
    size_t probs_cap;
    int probs_ready;      /* computed for this document, with found: */
    /* the rules' findings so far, by category and start, each with the
     * furthest end of those up to it (model_candidates) */
    struct found_span {
        int cat;
        size_t start, end, reach;
    } *found;
    size_t nfound, found_cap;
    int over_budget;      /* the current document ran out of time */
    clockid_t clock;      /* the clock the budget is kept by */
};

#define DEFAULT_BUDGET_SECONDS 60.0

/* The budget is checked before every PCRE2 call, over a hundred thousand
 * times a megabyte: the coarse clock is read without the time-stamp
 * counter. Its resolution is a few milliseconds, far finer than a budget
 * of seconds; a budget shorter than COARSE_ABOVE uses the precise clock. */
#ifdef CLOCK_MONOTONIC_COARSE
#define BUDGET_CLOCK CLOCK_MONOTONIC_COARSE
#else
#define BUDGET_CLOCK CLOCK_MONOTONIC
#endif
#define COARSE_ABOVE 0.1 /* seconds */

int slant_scanner_set_engine(slant_scanner *s, slant_engine engine)
{
    if (!s || (engine != SLANT_ENGINE_FAST && engine != SLANT_ENGINE_NAIVE))
        return SLANT_EINVAL;
    s->engine = engine;
    return 0;
}

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
    s->clock = s->budget > COARSE_ABOVE ? BUDGET_CLOCK : CLOCK_MONOTONIC;
    clock_gettime(s->clock, &s->deadline);
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
    clock_gettime(s->clock, &now);
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
    free(s->achits);
    free(s->uhits);
    free(s->gwin);
    free(s->hit_at);
    free(s->hit_start);
    free(s->sec_at);
    free(s->sec_start);
    free(s->sec_cur);
    free(s->probs);
    model_scratch_clear(&s->mscratch);
    free(s->found);
    free(s->win);
    free(s->win_at);
    free(s->fill);
    free(s->prof);
    free(s);
}

/* One PCRE2 call. A program with machine code goes straight to it:
 * pcre2_match's own checks and set-up are for the interpreter. */
static inline int match_at(slant_scanner *s, const pcre2_code *code, uint32_t id,
                           const slant_doc *d, size_t len, size_t start)
{
    const pcre2_code *run = jit_code(s->rules->jit, id, code);
    if (run != code)
        return pcre2_jit_match(run, (PCRE2_SPTR)d->norm, len, start, 0, s->md, s->mctx);
    return pcre2_match(run, (PCRE2_SPTR)d->norm, len, start, PCRE2_NO_UTF_CHECK, s->md, s->mctx);
}

static int run_pcre(slant_scanner *s, const pcre2_code *code, uint32_t id, const slant_doc *d,
                    size_t len, size_t start, size_t limit)
{
    /* PCRE2_NO_UTF_CHECK also promises that the start is not inside a
     * character; a search from there is undefined (it crashed once), so
     * it is an error here, which tests notice */
    if (start < len && ((unsigned char)d->norm[start] & 0xC0) == 0x80)
        return PCRE2_ERROR_BADUTFOFFSET;
    pcre2_set_offset_limit(s->mctx, limit);
    if (!s->prof)
        return match_at(s, code, id, d, len, start);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int rc = match_at(s, code, id, d, len, start);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    slant_program_stats *st = &s->prof[id];
    st->calls++;
    st->matches += rc > 0;
    st->nanos += (unsigned long long)((t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec));
    return rc;
}

int slant_scanner_set_profile(slant_scanner *s, int on)
{
    if (!s)
        return SLANT_EINVAL;
    free(s->prof);
    s->prof = NULL;
    if (!on)
        return 0;
    /* the mention program is number nprogs (rules.h) */
    s->prof = calloc(s->rules->nprogs + 1, sizeof *s->prof);
    return s->prof ? 0 : SLANT_ENOMEM;
}

int slant_scanner_program_stats(slant_program_stats *out, const slant_scanner *s, size_t index,
                                size_t i)
{
    if (!out || !s || !s->prof)
        return SLANT_EINVAL;
    for (size_t k = 0; k < s->rules->nprogs; k++)
        if (s->rules->progs[k].rule == index && i-- == 0) {
            *out = s->prof[k];
            return 0;
        }
    return SLANT_EINVAL;
}

static int push_cand(cand **list, size_t *n, size_t *cap, cand c)
{
    if (grow(list, cap, *n + 1, sizeof **list) != 0)
        return SLANT_ENOMEM;
    (*list)[(*n)++] = c;
    return 0;
}

/* The naive engine: every match of one program lying within norm[from,
 * to), each search starting where the last match ended. Lookarounds see
 * the whole text; a match that runs past `to` does not count, and the
 * search goes on from its next character. */
static int find_naive(slant_scanner *s, const pcre2_code *code, uint32_t id, const slant_doc *d,
                      size_t from, size_t to, int part, cand **list, size_t *n, size_t *cap,
                      int first)
{
    size_t off = from;
    size_t limit = to >= d->nlen ? PCRE2_UNSET : to;
    while (off < to) {
        if (out_of_time(s))
            return HIT_LIMIT;
        int rc = run_pcre(s, code, id, d, d->nlen, off, limit);
        if (rc == PCRE2_ERROR_NOMATCH)
            return 0;
        if (rc < 0)
            return rc == PCRE2_ERROR_NOMEMORY ? SLANT_ENOMEM : HIT_LIMIT;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
        size_t st = ov[0], en = ov[1];
        if (en <= st || en <= off || en > to) {
            /* empty (possible with \K or lookarounds), or past the scope:
             * step one character */
            size_t at = st >= off && st < to ? st : off;
            off = at + utf8_char_len((const unsigned char *)d->norm + at, d->nlen - at);
            continue;
        }
        if (push_cand(list, n, cap, (cand){st, en, part, 0}) != 0)
            return SLANT_ENOMEM;
        if (first)
            return 0;
        off = en;
    }
    return 0;
}

/* The prefiltered engine, over the whole text. Each literal occurrence h
 * of a literal that lies at most P bytes into any match (P is the
 * literal's own; the match may run on unbounded after it) gives a window
 * [h - P, h] where such a match can start. Windows are taken in order of
 * their start, each searched from max(off, h - P) with the match start
 * limited to h (PCRE2's offset limit); a window is searched again after
 * each match it returns for as long as its occurrence lies at or past the
 * match's end. Why this finds exactly what find_naive finds: let n be the
 * naive engine's next match, the leftmost starting at or after `off`, and
 * h its occurrence with window w. w is still to be searched: a window is
 * left only once its occurrence lies before `off` (but h >= n.start >=
 * off) or its search found nothing starting in [its start, h] (but n
 * starts there, after every earlier off). Every window searched before w
 * starts at or before w's start, so at or before n.start: its search,
 * starting at or after off, can only return n (when n.start is within
 * its limit) or nothing (any other match starting that early would come
 * before n). w's own search starts at or before n.start and may start a
 * match at h >= n.start, so it returns n at the latest. A window whose
 * search returned an earlier match must be searched again: its own
 * occurrence may start a later one. Occurrences dropped by
 * prefilter_document (word edges, no second requirement near) are none
 * that a match holds, so n's occurrence and window are still there. */
static int find_windowed(slant_scanner *s, const pcre2_code *code, uint32_t id,
                         const slant_doc *d, int part, cand **list, size_t *n, size_t *cap)
{
    const window *h = s->win + s->win_at[id];
    size_t nh = s->win_at[id + 1] - s->win_at[id];
    size_t off = 0;
    for (size_t i = 0; i < nh; i++) {
        while (h[i].at >= off) {
            if (out_of_time(s))
                return HIT_LIMIT;
            size_t start = h[i].from > off ? h[i].from : off;
            while (start > 0 && ((unsigned char)d->norm[start] & 0xC0) == 0x80)
                start--; /* never start inside a character */
            int rc = run_pcre(s, code, id, d, d->nlen, start, h[i].at);
            if (rc == PCRE2_ERROR_NOMATCH)
                break;
            if (rc < 0)
                return rc == PCRE2_ERROR_NOMEMORY ? SLANT_ENOMEM : HIT_LIMIT;
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
            if (ov[1] <= ov[0] || ov[1] <= off) {
                /* empty as reported (\K at its end): step one character
                 * past its start and go on, as find_naive does */
                size_t at = ov[0] >= off && ov[0] < d->nlen ? ov[0] : off;
                if (at >= d->nlen)
                    break;
                off = at + utf8_char_len((const unsigned char *)d->norm + at, d->nlen - at);
                continue;
            }
            if (push_cand(list, n, cap, (cand){ov[0], ov[1], part, 0}) != 0)
                return SLANT_ENOMEM;
            off = ov[1];
        }
    }
    return 0;
}

static void sort_windows(window *a, size_t n);

/* Can the program literal `lit` occur at `at`, as far as the word edges its
 * pattern puts around it go (prefilter.h)? */
static int edges_hold(const slant_scanner *s, const slant_doc *d, uint32_t lit, size_t at)
{
    const slant_rules *rs = s->rules;
    const unsigned char *t = (const unsigned char *)d->norm;
    unsigned e = rs->lit_edge[lit];
    size_t end = at + rs->lit_len[lit];
    if ((e & LIT_NONWORD_BEFORE) && at > 0 && is_word_ascii(t[at - 1]))
        return 0;
    if ((e & LIT_NONWORD_AFTER) && end < d->nlen && is_word_ascii(t[end]))
        return 0;
    return 1;
}

/* uhits come ordered by their key, the end of a string's first eight bytes
 * (ac.h), which lies 1 to 8 bytes past its start. uhit_index gives the
 * first with a key past `at`: every occurrence starting at or after `at`
 * is there or later, with a few before `at` that callers skip. */
static size_t uhit_key(const slant_scanner *s, size_t i)
{
    const slant_rules *rs = s->rules;
    size_t len = rs->ulit_len[s->uhits[i].lit];
    return s->uhits[i].start + (len < 8 ? len : 8);
}

static size_t uhit_index(const slant_scanner *s, size_t at)
{
    size_t lo = 0, hi = s->nuhits;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (uhit_key(s, mid) <= at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Where a second requirement's literal may start, [*lo, *hi], for a match
 * holding its paired literal at h (far: its max in this document); 0 when
 * nowhere. */
static int second_range(size_t *lo, size_t *hi, const pair_geo *q, size_t h, size_t far)
{
    if (q->dir > 0) {
        *lo = h + q->min;
        *hi = far >= SIZE_MAX - h ? SIZE_MAX : h + far;
        return 1;
    }
    if (h < q->min)
        return 0;
    *hi = h - q->min;
    *lo = h > far ? h - far : 0;
    return 1;
}

/* First index of sorted v[0..n) holding a value >= from. Without a
 * branch on the comparison (a mask, as GCC turned a conditional into a
 * jump): which way a search of occurrence offsets goes is a coin toss,
 * and the mispredicted branch was a third of has_second's time. */
static size_t lower_bound(const size_t *v, size_t n, size_t from)
{
    if (n == 0)
        return 0;
    size_t at = 0;
    while (n > 1) {
        size_t half = n / 2;
        at += half & ((size_t)0 - (size_t)(v[at + half - 1] < from));
        n -= half;
    }
    return at + (v[at] < from);
}

/* The first occurrence of second string u at or after `from`, as an index
 * into sec_start. Occurrences are expanded in text order, so the answer
 * is nearly always at or a few entries past the string's last one: a
 * binary search from scratch over a long document's occurrences of a
 * common string missed the cache at every step (a quarter of the time of
 * a 10 MB document went there, a tenth of a 100 KB one's). A cursor per
 * string walks a few entries; a jump (a guard looks back) falls back to
 * the binary search, so the answer is the same either way. */
static size_t sec_lower(slant_scanner *s, uint32_t u, size_t from)
{
    const size_t *v = s->sec_start;
    size_t a = s->sec_at[u], b = s->sec_at[u + 1], c = s->sec_cur[u];
    if (c > a && v[c - 1] >= from) {
        for (int step = 0; step < 4 && c > a && v[c - 1] >= from; step++)
            c--;
        if (c > a && v[c - 1] >= from)
            c = a + lower_bound(v + a, c - a, from);
    } else {
        for (int step = 0; step < 4 && c < b && v[c] < from; step++)
            c++;
        if (c < b && v[c] < from)
            c += lower_bound(v + c, b - c, from);
    }
    s->sec_cur[u] = c;
    return c;
}

/* Is there an occurrence of second requirement `pair` (1 + its index in
 * rules.h's pairs) where a match holding its literal at h needs one
 * (prefilter.h)? Looked up in the occurrences of each of its strings. */
static int has_second(slant_scanner *s, const slant_doc *d, uint32_t pair, size_t h)
{
    const slant_rules *rs = s->rules;
    const pair_geo *q = &rs->pairs[pair - 1];
    size_t lo, hi;
    if (!second_range(&lo, &hi, q, h, match_bound_eval(q->max, s->runs)))
        return 0;
    for (uint32_t k = q->sec_at; k < q->sec_end; k++) {
        uint32_t u = rs->psec_usec[k];
        size_t end = s->sec_at[u + 1];
        for (size_t i = sec_lower(s, u, lo); i < end && s->sec_start[i] <= hi; i++)
            if (edges_hold(s, d, rs->psec_lit[k], s->sec_start[i]))
                return 1;
    }
    return 0;
}

/* Guards only ask whether a program matches in norm[from, to): find_naive
 * looks at each start with a match in [from, to] in turn and takes the
 * first whose match is not empty and ends by `to`. Which one that is
 * depends on that start alone (the whole text is searched each time, so
 * lookarounds see the same), except with \K, which moves a match's
 * reported start and so where find_naive goes on from; such programs do
 * not come here. A match that qualifies lies in the scope and holds an
 * occurrence h of a literal, so it starts in h's window [h - P, h]: it is
 * enough to look at every start with a match in the windows whose
 * occurrence lies in the scope. A guard's occurrences are not bucketed
 * with the others (half of all occurrences are guards' literals, and a
 * guard runs only around a candidate): they are read here from the
 * document's string occurrences in the scope. Windows sorted by their
 * start let `done` (every start before it looked at, where a window
 * reaches) share the work of overlapping ones. Returns 1 when there is
 * such a match (pushed to the list), 0 when there is none, or an error. */
static int guard_exists(slant_scanner *s, const pcre2_code *code, uint32_t id,
                        const slant_doc *d, size_t from, size_t to, int part, cand **list,
                        size_t *n, size_t *cap)
{
    const slant_rules *rs = s->rules;
    size_t nw = 0;
    for (size_t i = uhit_index(s, from); i < s->nuhits && uhit_key(s, i) < to + 8; i++) {
        const ac_hit *a = &s->uhits[i];
        if (a->start < from || a->start >= to)
            continue;
        /* this guard's literals among the string's: a binary search, as
         * a common string is a literal of hundreds of guards */
        uint32_t k = rs->ulit_looked[a->lit], end = rs->ulit_second[a->lit];
        for (uint32_t left = end - k; left > 0;) { /* branch-free, as lower_bound */
            uint32_t half = left / 2;
            k += (left - half) & ((uint32_t)0 - (uint32_t)(rs->ulit_prog[k + half] < id));
            left = half;
        }
        for (; k < end && rs->ulit_prog[k] == id; k++) {
            uint32_t lit = rs->ulit_entry[k];
            if (!edges_hold(s, d, lit, a->start) ||
                (rs->lit_pair[lit] && !has_second(s, d, rs->lit_pair[lit], a->start)))
                continue;
            size_t P = match_bound_eval(rs->lit_pre[lit], s->runs);
            if (grow(&s->gwin, &s->gwin_cap, nw + 1, sizeof *s->gwin) != 0)
                return SLANT_ENOMEM;
            s->gwin[nw++] = (window){P < a->start ? a->start - P : 0, a->start};
        }
    }
    sort_windows(s->gwin, nw);
    const window *w = s->gwin;
    size_t done = from;
    for (size_t i = 0; i < nw; i++) {
        size_t start = w[i].from > done ? w[i].from : done;
        while (start < w[i].at && ((unsigned char)d->norm[start] & 0xC0) == 0x80)
            start++; /* no match starts inside a character */
        while (start <= w[i].at) {
            if (out_of_time(s))
                return HIT_LIMIT;
            int rc = run_pcre(s, code, id, d, d->nlen, start, w[i].at);
            if (rc == PCRE2_ERROR_NOMATCH)
                break;
            if (rc < 0)
                return rc == PCRE2_ERROR_NOMEMORY ? SLANT_ENOMEM : HIT_LIMIT;
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
            if (ov[1] > ov[0] && ov[1] <= to) {
                if (push_cand(list, n, cap, (cand){ov[0], ov[1], part, 0}) != 0)
                    return SLANT_ENOMEM;
                return 1;
            }
            if (ov[0] >= d->nlen)
                break;
            start = ov[0] + utf8_char_len((const unsigned char *)d->norm + ov[0], d->nlen - ov[0]);
        }
        if (w[i].at + 1 > done)
            done = w[i].at + 1;
    }
    return 0;
}

/* Does sorted v[0..n) hold a value in [from, to)? */
static int any_in(const size_t *v, size_t n, size_t from, size_t to)
{
    size_t lo = lower_bound(v, n, from);
    return lo < n && v[lo] < to;
}

/* Does program `id` have a literal occurrence starting in [from, to)? */
static int has_hit_in(const slant_scanner *s, uint32_t id, size_t from, size_t to)
{
    return any_in(s->hit_start + s->hit_at[id], s->hit_at[id + 1] - s->hit_at[id], from, to);
}

/* Every match of one program in norm[from, to), appended to the list.
 * Returns 0, -1 when a limit was hit, or SLANT_ENOMEM. `first` stops after
 * one match (guards only need to know whether there is one). */
static int find_all(slant_scanner *s, const pcre2_code *code, uint32_t id, const slant_doc *d,
                    size_t from, size_t to, int part, cand **list, size_t *n, size_t *cap,
                    int first)
{
    const prog *p = &s->rules->progs[id];
    if (s->engine == SLANT_ENGINE_NAIVE || !p->tracked)
        return find_naive(s, code, id, d, from, to, part, list, n, cap, first);
    if (p->guard) { /* its occurrences are not bucketed: guard_exists */
        if (!first || p->has_reset || match_bound_eval(p->pf.pre, s->runs) == SIZE_MAX)
            return find_naive(s, code, id, d, from, to, part, list, n, cap, first);
        int rc = guard_exists(s, code, id, d, from, to, part, list, n, cap);
        return rc > 0 ? 0 : rc;
    }
    /* every match contains a literal occurrence lying wholly inside it */
    if (!has_hit_in(s, id, from, to))
        return 0;
    if (from == 0 && to == d->nlen && !first) {
        /* windows only pay while they cover less than the text */
        size_t P = match_bound_eval(p->pf.pre, s->runs);
        size_t hits = s->hit_at[id + 1] - s->hit_at[id];
        if (P != SIZE_MAX && (P == 0 || hits <= d->nlen / P))
            return find_windowed(s, code, id, d, part, list, n, cap);
    }
    return find_naive(s, code, id, d, from, to, part, list, n, cap, first);
}

static int run_matcher(slant_scanner *s, const matcher *m, const slant_doc *d, size_t from,
                       size_t to, int part, cand **list, size_t *n, size_t *cap, int first)
{
    for (size_t i = 0; i < m->ncodes; i++) {
        size_t before = *n;
        int rc = find_all(s, m->codes[i], m->ids[i], d, from, to, part, list, n, cap, first);
        if (rc != 0)
            return rc;
        if (first && *n > before)
            return 0;
    }
    return 0;
}

/* Sorts a bucket of literal starts. Aho-Corasick reports occurrences in
 * order of their ends, so starts are out of order only where literals of
 * different lengths end close together: insertion sort is linear here. */
static void sort_starts(size_t *a, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        size_t v = a[i], j = i;
        while (j > 0 && a[j - 1] > v) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = v;
    }
}

static int cmp_window(const void *a, const void *b)
{
    const window *x = a, *y = b;
    if (x->from != y->from)
        return x->from < y->from ? -1 : 1;
    return (x->at > y->at) - (x->at < y->at);
}

/* Windows by start, then occurrence. They arrive nearly in order (their
 * literals' distances differ by little), so insertion sort, unless a
 * document's long runs make the distances differ by much. */
static void sort_windows(window *a, size_t n)
{
    size_t moves = 0;
    for (size_t i = 1; i < n; i++) {
        window v = a[i];
        size_t j = i;
        while (j > 0 && cmp_window(&a[j - 1], &v) > 0) {
            a[j] = a[j - 1];
            j--;
            moves++;
        }
        a[j] = v;
        if (moves > 16 * n + 1024) {
            sort_items(a, n, sizeof *a, cmp_window);
            return;
        }
    }
}

/* Per document: the longest runs that bound match windows, and every
 * literal occurrence of every program, bucketed by program and sorted,
 * without those no match can hold: inside a word where the pattern has a
 * word edge, or with no occurrence of the program's second requirement
 * where a match would need one (prefilter.h). */
static int prefilter_document(slant_scanner *s, const slant_doc *d)
{
    const slant_rules *rs = s->rules;
    prefilter_runs(s->runs, d->norm, d->nlen);
    if (grow(&s->hit_at, &s->hit_at_cap, rs->nprogs + 1, sizeof *s->hit_at) != 0)
        return SLANT_ENOMEM;
    s->nuhits = 0;
    if (rs->automaton &&
        ac_search(rs->automaton, d->norm, d->nlen, &s->uhits, &s->nuhits, &s->uhits_cap) != 0)
        return SLANT_ENOMEM;
    /* the seconds' occurrences, by string */
    if (grow(&s->sec_at, &s->sec_at_cap, rs->nusec + 1, sizeof *s->sec_at) != 0)
        return SLANT_ENOMEM;
    memset(s->sec_at, 0, (rs->nusec + 1) * sizeof *s->sec_at);
    for (size_t i = 0; i < s->nuhits; i++)
        if (rs->usec_of[s->uhits[i].lit] != NO_SEC)
            s->sec_at[rs->usec_of[s->uhits[i].lit] + 1]++;
    for (size_t u = 0; u < rs->nusec; u++)
        s->sec_at[u + 1] += s->sec_at[u];
    if (grow(&s->sec_start, &s->sec_start_cap, s->sec_at[rs->nusec] + 1,
             sizeof *s->sec_start) != 0 ||
        grow(&s->fill, &s->fill_cap, (rs->nusec > rs->nprogs ? rs->nusec : rs->nprogs) + 1,
             sizeof *s->fill) != 0)
        return SLANT_ENOMEM;
    memcpy(s->fill, s->sec_at, (rs->nusec + 1) * sizeof *s->fill);
    for (size_t i = 0; i < s->nuhits; i++)
        if (rs->usec_of[s->uhits[i].lit] != NO_SEC)
            s->sec_start[s->fill[rs->usec_of[s->uhits[i].lit]]++] = s->uhits[i].start;
    for (size_t u = 0; u < rs->nusec; u++)
        sort_starts(s->sec_start + s->sec_at[u], s->sec_at[u + 1] - s->sec_at[u]);
    if (grow(&s->sec_cur, &s->sec_cur_cap, rs->nusec + 1, sizeof *s->sec_cur) != 0)
        return SLANT_ENOMEM;
    memcpy(s->sec_cur, s->sec_at, (rs->nusec + 1) * sizeof *s->sec_cur);
    /* each string's occurrence stands for the program literals that are
     * that string; drop those whose word boundaries cannot hold there */
    const unsigned char *t = (const unsigned char *)d->norm;
    size_t kept = 0;
    for (size_t i = 0; i < s->nuhits; i++) {
        const ac_hit *a = &s->uhits[i];
        uint32_t from = rs->ulit_at[a->lit], to = rs->ulit_looked[a->lit];
        if (from == to)
            continue;
        if (grow(&s->achits, &s->achits_cap, kept + (to - from), sizeof *s->achits) != 0)
            return SLANT_ENOMEM;
        size_t end = a->start + rs->ulit_len[a->lit];
        unsigned word = (a->start > 0 && is_word_ascii(t[a->start - 1]) ? LIT_NONWORD_BEFORE : 0) |
                        (end < d->nlen && is_word_ascii(t[end]) ? LIT_NONWORD_AFTER : 0);
        for (uint32_t k = from; k < to; k++) {
            unsigned e = rs->ulit_edge[k];
            if (e & word)
                continue;
            uint32_t lit = rs->ulit_entry[k];
            if ((e & LIT_HAS_SEC) && !has_second(s, d, rs->lit_pair[lit], a->start))
                continue;
            s->achits[kept++] = (ac_hit){lit, a->start};
        }
    }
    s->nachits = kept;
    /* the others', by program */
    memset(s->hit_at, 0, (rs->nprogs + 1) * sizeof *s->hit_at);
    for (size_t i = 0; i < s->nachits; i++)
        s->hit_at[rs->lit_prog[s->achits[i].lit] + 1]++;
    for (size_t p = 0; p < rs->nprogs; p++)
        s->hit_at[p + 1] += s->hit_at[p];
    if (grow(&s->hit_start, &s->hit_start_cap, s->nachits + 1, sizeof *s->hit_start) != 0 ||
        grow(&s->win, &s->win_cap, s->nachits + 1, sizeof *s->win) != 0 ||
        grow(&s->win_at, &s->win_at_cap, rs->nprogs + 1, sizeof *s->win_at) != 0)
        return SLANT_ENOMEM;
    memcpy(s->fill, s->hit_at, (rs->nprogs + 1) * sizeof *s->fill);
    for (size_t i = 0; i < s->nachits; i++) {
        const ac_hit *a = &s->achits[i];
        size_t k = s->fill[rs->lit_prog[a->lit]]++;
        size_t P = match_bound_eval(rs->lit_pre[a->lit], s->runs);
        s->hit_start[k] = a->start;
        s->win[k] = (window){P < a->start ? a->start - P : 0, a->start};
    }
    /* sort each bucket (occurrences by start, windows by where they
     * start) and drop repeats (two literals of one program at one place) */
    size_t w = 0, v = 0;
    for (size_t p = 0; p < rs->nprogs; p++) {
        size_t a = s->hit_at[p], b = s->hit_at[p + 1];
        sort_starts(s->hit_start + a, b - a);
        sort_windows(s->win + a, b - a);
        s->hit_at[p] = w;
        s->win_at[p] = v;
        for (size_t i = a; i < b; i++) {
            if (i == a || s->hit_start[i] != s->hit_start[i - 1])
                s->hit_start[w++] = s->hit_start[i];
            if (i == a || s->win[i].from != s->win[i - 1].from || s->win[i].at != s->win[i - 1].at)
                s->win[v++] = s->win[i];
        }
    }
    s->hit_at[rs->nprogs] = w;
    s->win_at[rs->nprogs] = v;
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
    sort_items(s->events, s->nevents, sizeof *s->events, cmp_cand);
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
    const slant_rules *rs = s->rules;
    return run_pcre(s, rs->mention, (uint32_t)rs->nprogs, d, start, from, PCRE2_UNSET) >= 0;
}

/* ---- fingerprints -------------------------------------------------------- */

#define FNV_OFFSET 14695981039346656037ULL
#define FNV_PRIME 1099511628211ULL

/* FNV-1a over s[0..n), folded to ASCII lower case with runs of white
 * space as one space: what the words are, not how they are spaced. */
static uint64_t hash_words(uint64_t h, const char *s, size_t n)
{
    int space = 0, any = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
            space = any;
            continue;
        }
        if (space)
            h = (h ^ ' ') * FNV_PRIME;
        space = 0;
        any = 1;
        if (ch >= 'A' && ch <= 'Z')
            ch = (unsigned char)(ch + 32);
        h = (h ^ ch) * FNV_PRIME;
    }
    return (h ^ 0xFF) * FNV_PRIME; /* a separator no text byte equals */
}

#define CONTEXT_WORDS 3

/* The rule, the matched words and up to three words either side within
 * the sentence: an edit elsewhere leaves it as it is. */
static uint64_t fingerprint_base(const slant_doc *d, const char *id, size_t start, size_t end)
{
    uint64_t h = hash_words(FNV_OFFSET, id, strlen(id));
    h = hash_words(h, d->norm + start, end - start);
    span sent = doc_sentence_at(d, start);
    size_t w = doc_words_before(d, start);
    size_t from = start;
    for (size_t k = 0; k < CONTEXT_WORDS && w > 0 && d->wstart[w - 1] >= sent.start; k++)
        from = d->wstart[--w];
    h = hash_words(h, d->norm + from, start - from);
    size_t to = end, e = doc_words_before(d, end);
    for (size_t k = 0; k < CONTEXT_WORDS && e < d->nwords && d->wend[e] <= sent.end; k++)
        to = d->wend[e++];
    if (to < end)
        to = end;
    return hash_words(h, d->norm + end, to - end);
}

static int add_finding(slant_report *rep, buf *texts, const slant_rules *rs, size_t ri,
                       const slant_doc *d, cand c)
{
    const rule_src *r = &rs->rules[ri].src;
    if (grow(&rep->findings, &rep->cap, rep->n + 1, sizeof *rep->findings) != 0)
        return SLANT_ENOMEM;
    if (grow(&rep->rule_index, &rep->ricap, rep->n + 1, sizeof *rep->rule_index) != 0)
        return SLANT_ENOMEM;
    if (grow(&rep->fphash, &rep->fpcap, rep->n + 1, sizeof *rep->fphash) != 0)
        return SLANT_ENOMEM;
    rep->fphash[rep->n] = fingerprint_base(d, r->id, c.start, c.end);
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

static int cmp_found(const void *a, const void *b)
{
    const struct found_span *x = a, *y = b;
    if (x->cat != y->cat)
        return x->cat < y->cat ? -1 : 1;
    return (x->start > y->start) - (x->start < y->start);
}

/* The rules' findings, once per document, sorted so that whether one of a
 * category overlaps a sentence is a binary search: asked for each likely
 * sentence of each column, a walk over all of them made a 100 MB
 * document seven times as slow. */
static int index_found(slant_scanner *s, const slant_doc *d, const slant_report *rep)
{
    if (grow(&s->found, &s->found_cap, rep->n + 1, sizeof *s->found) != 0)
        return SLANT_ENOMEM;
    s->nfound = 0;
    /* a part's findings count bytes from the whole text's start (see
     * add_finding); the sentences they are compared with, from the part's */
    size_t at = d->part.byte;
    for (size_t i = 0; i < rep->n; i++) {
        const slant_finding *f = &rep->findings[i];
        s->found[s->nfound++] = (struct found_span){slant_category_find(f->category),
                                                    f->start - at, f->end - at, f->end - at};
    }
    sort_items(s->found, s->nfound, sizeof *s->found, cmp_found);
    for (size_t i = 1; i < s->nfound; i++)
        if (s->found[i].cat == s->found[i - 1].cat && s->found[i - 1].reach > s->found[i].reach)
            s->found[i].reach = s->found[i - 1].reach;
    return 0;
}

/* Did a rule find something of category `cat` overlapping the original
 * bytes [start, end)? The last finding of the category starting before
 * `end` carries the furthest end of all those before it. */
static int category_found(const slant_scanner *s, int cat, size_t start, size_t end)
{
    size_t lo = 0, hi = s->nfound;
    while (lo < hi) { /* the first past (cat, end - 1) */
        size_t mid = lo + (hi - lo) / 2;
        const struct found_span *f = &s->found[mid];
        if (f->cat < cat || (f->cat == cat && f->start < end))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 && s->found[lo - 1].cat == cat && s->found[lo - 1].reach > start;
}

/* A sentence-model rule's candidates: the sentences whose probability in
 * its column reaches the column's threshold, where no rule of the same
 * category found anything (the rules come first in the rule set; a
 * finding there already says more than the model can). The model scores
 * every sentence once per document, at the first model rule. */
static int model_candidates(slant_scanner *s, const rule *r, const slant_doc *d,
                            const slant_report *rep)
{
    const model *m = s->rules->model;
    size_t k = model_categories(m);
    if (!m || !k)
        return 0;
    if (!s->probs_ready) {
        if (d->nsents && grow(&s->probs, &s->probs_cap, d->nsents * k, sizeof *s->probs) != 0)
            return SLANT_ENOMEM;
        for (size_t i = 0; i < d->nsents; i++)
            if (model_score(m, &s->mscratch, d->norm + d->sents[i].start,
                            d->sents[i].end - d->sents[i].start, s->probs + i * k) != 0)
                return SLANT_ENOMEM;
        if (index_found(s, d, rep) != 0)
            return SLANT_ENOMEM;
        s->probs_ready = 1;
    }
    size_t col = (size_t)r->src.model_col;
    double thr = model_category_threshold(m, col);
    for (size_t i = 0; i < d->nsents; i++) {
        if (s->probs[i * k + col] < thr)
            continue;
        size_t a = d->sents[i].start, b = d->sents[i].end;
        while (a < b && is_space_ascii((unsigned char)d->norm[a]))
            a++;
        while (b > a && is_space_ascii((unsigned char)d->norm[b - 1]))
            b--;
        if (a == b || category_found(s, model_category(m, col), doc_orig_start(d, a),
                                     doc_orig_end(d, b)))
            continue;
        if (push_cand(&s->cands, &s->ncands, &s->ccap, (cand){a, b, 0, 0}) != 0)
            return SLANT_ENOMEM;
    }
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
    sort_items(s->cands, s->ncands, sizeof *s->cands, cmp_cand);
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

/* ---- one finding for words two rules of a category report ------------- */

/* Two rules of one category often report the same words ("experts say"
 * as a vague expert consensus and as experts-say; "where was the outrage
 * when" by two whataboutism rules): to an editor that is one problem
 * reported twice, and it counted twice in the score and in a document
 * rule's density. Where one finding's span lies within another's of the
 * same category (both in force, neither a document finding), the report
 * keeps one: the more severe, else the wider (it shows the whole device),
 * else the rule listed first. Spans that only overlap are both kept:
 * each has words of its own. Suppressed findings neither hide nor are
 * hidden, so a suppression of one rule lets the other's finding through. */
typedef struct {
    const slant_finding *f;
    size_t ri, i;
} covered_item;

static int cmp_covered(const void *a, const void *b)
{
    const covered_item *x = a, *y = b;
    int c = strcmp(x->f->category, y->f->category);
    if (c)
        return c;
    if (x->f->start != y->f->start)
        return x->f->start < y->f->start ? -1 : 1;
    if (x->f->end != y->f->end)
        return x->f->end > y->f->end ? -1 : 1; /* the wider first */
    return x->ri < y->ri ? -1 : x->ri > y->ri;
}

static int drop_covered(slant_report *rep)
{
    size_t n = rep->n;
    if (n < 2)
        return 0;
    covered_item *v = malloc(n * sizeof *v);
    unsigned char *drop = calloc(n, 1);
    if (!v || !drop) {
        free(v);
        free(drop);
        return SLANT_ENOMEM;
    }
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!rep->findings[i].suppressed && !rep->findings[i].noccurrences)
            v[m++] = (covered_item){&rep->findings[i], rep->rule_index[i], i};
    sort_items(v, m, sizeof *v, cmp_covered);
    /* top: the kept finding of this category reaching furthest; a later
     * one (starting at or after it) ending by its end lies within it */
    const covered_item *top = NULL;
    for (size_t k = 0; k < m; k++) {
        const covered_item *c = &v[k];
        if (top && strcmp(top->f->category, c->f->category) != 0)
            top = NULL;
        if (top && c->f->end <= top->f->end) {
            if (c->f->severity > top->f->severity) {
                drop[top->i] = 1;
                top = c;
            } else {
                drop[c->i] = 1;
            }
            continue;
        }
        top = c;
    }
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (!drop[i]) {
            rep->findings[kept] = rep->findings[i];
            rep->rule_index[kept] = rep->rule_index[i];
            rep->fphash[kept++] = rep->fphash[i];
        }
    rep->n = kept;
    free(v);
    free(drop);
    return 0;
}

/* ---- document rules --------------------------------------------------- */

static int counted_by(const rule_src *dr, const slant_finding *f)
{
    if (f->noccurrences || f->suppressed)
        return 0; /* document findings do not feed each other; accepted ones feed none */
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
        grow(&rep->fphash, &rep->fpcap, rep->n + 1, sizeof *rep->fphash) != 0 ||
        grow(&rep->occ, &rep->occap, rep->nocc + n, sizeof *rep->occ) != 0)
        return SLANT_ENOMEM;
    rep->fphash[rep->n] = hash_words(rep->fphash[idx[0]], r->id, strlen(r->id));
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
        uint64_t fp;
    } pair;
    pair *p = malloc(rep->n * sizeof *p);
    if (!p)
        return SLANT_ENOMEM;
    for (size_t i = 0; i < rep->n; i++)
        p[i] = (pair){rep->findings[i], rep->rule_index[i], rep->fphash[i]};
    sort_items(p, rep->n, sizeof *p, cmp_finding); /* the finding is the first member */
    for (size_t i = 0; i < rep->n; i++) {
        rep->findings[i] = p[i].f;
        rep->rule_index[i] = p[i].ri;
        rep->fphash[i] = p[i].fp;
    }
    free(p);
    return 0;
}

typedef struct {
    uint64_t h;
    size_t i;
} fp_pair;

static int cmp_fp(const void *a, const void *b)
{
    const fp_pair *x = a, *y = b;
    if (x->h != y->h)
        return x->h < y->h ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

/* Each finding's fingerprint: its base and how many findings before it
 * in the document share that base, so repeats stay apart. */
static int finish_fingerprints(slant_report *rep)
{
    rep->fingerprints = malloc(rep->n * 17 + 1);
    fp_pair *p = malloc((rep->n ? rep->n : 1) * sizeof *p);
    if (!rep->fingerprints || !p) {
        free(p);
        return SLANT_ENOMEM;
    }
    for (size_t i = 0; i < rep->n; i++)
        p[i] = (fp_pair){rep->fphash[i], i};
    sort_items(p, rep->n, sizeof *p, cmp_fp);
    uint64_t repeat = 0;
    for (size_t k = 0; k < rep->n; k++) {
        repeat = k > 0 && p[k].h == p[k - 1].h ? repeat + 1 : 0;
        uint64_t h = p[k].h;
        for (int b = 0; b < 8; b++)
            h = (h ^ ((repeat >> (8 * b)) & 0xFF)) * FNV_PRIME;
        char *fp = rep->fingerprints + 17 * p[k].i;
        snprintf(fp, 17, "%016llx", (unsigned long long)h);
        rep->findings[p[k].i].fingerprint = fp;
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
    rep->rules = rs;
    buf texts = {0};
    int rc = 0;
    start_clock(s);
    jit_note_bytes(rs->jit, d->nlen);
    if (s->engine == SLANT_ENGINE_FAST)
        rc = prefilter_document(s, d);
    s->probs_ready = 0;
    /* the examples of a document rule need the findings it counts */
    int only_document = only >= 0 && rs->rules[only].src.is_document;
    /* a rule's own examples (slant test) are about that rule alone */
    int only_single = only >= 0 && !only_document;
    for (size_t ri = 0; ri < rs->nrules && rc == 0; ri++) {
        const rule *r = &rs->rules[ri];
        if (r->src.is_document || (only >= 0 && !only_document && (size_t)only != ri))
            continue;
        int limit = 0;
        s->ncands = 0;
        if (r->src.is_model)
            rc = model_candidates(s, r, d, rep);
        else
            rc = run_matcher(s, &r->direct, d, 0, d->nlen, 0, &s->cands, &s->ncands, &s->ccap, 0);
        if (rc == HIT_LIMIT) {
            limit = 1;
            rc = 0;
        }
        if (rc == 0 && r->src.nnear) {
            rc = near_candidates(s, r, d);
            if (rc == HIT_LIMIT) {
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
    /* suppressions apply before document rules count findings, and again
     * to what those add */
    suppressor *sup = NULL;
    if (rc == 0 && d->ndirs && (rc = suppressor_new(&sup, rs, d)) == 0)
        suppressor_mark(sup, rep, 0);
    if (rc == 0 && !only_single)
        rc = drop_covered(rep);
    size_t nspan = rep->n;
    if (rc == 0)
        rc = document_findings(rep, &texts, rs, d, only);
    if (rc == 0 && sup) {
        suppressor_mark(sup, rep, nspan);
        rc = suppressor_report(sup, rep);
    }
    suppressor_free(sup);
    if (rc == 0 && only_document) {
        size_t k = 0; /* keep only the document rule's own findings */
        for (size_t i = 0; i < rep->n; i++)
            if (rep->rule_index[i] == (size_t)only) {
                rep->findings[k] = rep->findings[i];
                rep->fphash[k] = rep->fphash[i];
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
        rc = finish_fingerprints(rep);
    rep->words = d->nwords;
    if (rc == 0)
        rc = score_compute(rep, rs, d->nwords);
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
    for (size_t i = 0; i < rep->nsups; i++) {
        free((char *)rep->sups[i].directive);
        free((char *)rep->sups[i].names);
        free((char *)rep->sups[i].problem);
    }
    free(rep->sups);
    free(rep->fphash);
    free(rep->fingerprints);
    free(rep);
}

size_t slant_report_suppression_count(const slant_report *rep) { return rep ? rep->nsups : 0; }

const slant_suppression *slant_report_suppression(const slant_report *rep, size_t i)
{
    return rep && i < rep->nsups ? &rep->sups[i] : NULL;
}

int slant_report_suppress(slant_report *rep, size_t i, int how)
{
    if (!rep || i >= rep->n ||
        (how != SLANT_SUPPRESSED_COMMENT && how != SLANT_SUPPRESSED_BASELINE))
        return SLANT_EINVAL;
    slant_finding *f = &rep->findings[i];
    if (f->suppressed)
        return 0;
    f->suppressed = how;
    return how == SLANT_SUPPRESSED_COMMENT ? score_compute(rep, rep->rules, rep->words) : 0;
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
        if (!rep->findings[i].suppressed && (int)rep->findings[i].severity > max)
            max = (int)rep->findings[i].severity;
    for (size_t i = 0; rep && i < rep->nsups; i++)
        if (rep->sups[i].problem && max < (int)SLANT_SEVERITY_INFO)
            max = SLANT_SEVERITY_INFO;
    return max;
}
