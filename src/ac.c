/* ac.c - Aho-Corasick as a dense automaton over byte classes.
 *
 * Bytes that occur in no literal share class 0, so the transition table
 * is states x classes (a few dozen classes for English literals), and a
 * scan costs one table lookup per byte. Upper-case ASCII maps to the
 * class of its lower case: the automaton is caseless, as the prefilter
 * must be (a superset of what any pattern matches). Each state keeps the
 * literals that end there, its own and those of its suffix states, as a
 * run in one array, so reporting needs no walk up the failure links.
 *
 * Only the first PREFIX bytes of a literal are in the automaton; the rest
 * is compared where the prefix ends. Long literals (whole terms such as
 * "serious consequences") then share states, so the table stays small
 * enough for the cache however many rules there are, and the comparison
 * runs only where a prefix occurs. */
#include "ac.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

#define PREFIX 8
/* In a transition: the state it leads to ends a literal. One load per byte
 * then tells both where to go and whether to report. */
#define HAS_OUT 0x80000000u

struct ac {
    uint8_t cls[256];
    uint32_t nclasses;
    uint32_t nstates;
    uint32_t nlits;
    uint32_t *next;     /* nstates * nclasses: the next state's row (state * nclasses),
                         * with HAS_OUT set when literals end there */
    struct {
        uint32_t at, n; /* first index into outs, how many */
    } *out;             /* per state: the literals that end there */
    struct {
        uint32_t lit, len;
    } *outs;            /* the literals, with their lengths beside them: a
                         * report then reads one place, not two */
    uint32_t *lit_len;
    char **tail;        /* per literal: what follows its prefix ("" when none) */
};

void ac_free(ac *a)
{
    if (!a)
        return;
    free(a->next);
    free(a->out);
    free(a->outs);
    free(a->lit_len);
    if (a->tail)
        for (uint32_t i = 0; i < a->nlits; i++)
            free(a->tail[i]);
    free(a->tail);
    free(a);
}

int ac_build(ac **out, char *const *lits, size_t n)
{
    *out = NULL;
    ac *a = calloc(1, sizeof *a);
    if (!a)
        return -1;
    /* byte classes */
    a->nclasses = 1;
    for (size_t i = 0; i < n; i++)
        for (const unsigned char *p = (const unsigned char *)lits[i]; *p; p++)
            if (!a->cls[*p])
                a->cls[*p] = (uint8_t)a->nclasses++;
    for (int c = 'A'; c <= 'Z'; c++)
        a->cls[c] = a->cls[c + 32];
    if (a->nclasses > 255) {
        ac_free(a);
        return -1;
    }
    size_t maxstates = 1;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(lits[i]);
        maxstates += len < PREFIX ? len : PREFIX;
    }
    if (maxstates > (HAS_OUT - 1) / 256) {
        ac_free(a);
        return -1;
    }
    uint32_t K = a->nclasses;
    /* The trie's goto function is built in the table itself (0 = none, as
     * no edge leads back to the root), then completed in place: a state's
     * row is only rewritten when the breadth-first walk reaches it, after
     * its failure state's, which is shallower. A second table as large as
     * the first was a sixth of slant's peak memory at start-up. Rows past
     * the states made are never touched, so calloc's fresh pages for them
     * cost nothing before the table is cut to size. */
    uint32_t *goto_ = calloc(maxstates * K, sizeof *goto_);
    uint32_t *fail = calloc(maxstates, sizeof *fail);
    uint32_t *own_first = malloc(maxstates * sizeof *own_first);
    uint32_t *queue = malloc(maxstates * sizeof *queue);
    uint32_t *lit_state = malloc((n ? n : 1) * sizeof *lit_state);
    a->lit_len = malloc((n ? n : 1) * sizeof *a->lit_len);
    a->tail = calloc(n ? n : 1, sizeof *a->tail);
    if (!goto_ || !fail || !own_first || !queue || !lit_state || !a->lit_len || !a->tail)
        goto oom;
    a->nlits = (uint32_t)n;
    a->nstates = 1;
    /* the trie */
    for (size_t i = 0; i < n; i++) {
        uint32_t s = 0;
        const unsigned char *p = (const unsigned char *)lits[i];
        for (size_t k = 0; *p && k < PREFIX; p++, k++) {
            uint32_t c = a->cls[*p];
            if (!goto_[s * K + c])
                goto_[s * K + c] = a->nstates++;
            s = goto_[s * K + c];
        }
        lit_state[i] = s;
        a->lit_len[i] = (uint32_t)strlen(lits[i]);
        if (!(a->tail[i] = str_dup((const char *)p)))
            goto oom;
    }
    /* BFS: failure links and the full transition function */
    a->next = realloc(goto_, (size_t)a->nstates * K * sizeof *a->next);
    if (!a->next)
        goto oom;
    goto_ = NULL;
    size_t head = 0, tail = 0;
    for (uint32_t c = 0; c < K; c++) {
        uint32_t t = a->next[c];
        if (t) {
            fail[t] = 0;
            queue[tail++] = t;
        }
    }
    uint32_t *order = queue; /* BFS order, reused below */
    while (head < tail) {
        uint32_t s = queue[head++];
        for (uint32_t c = 0; c < K; c++) {
            uint32_t t = a->next[s * K + c];
            if (t) {
                fail[t] = a->next[fail[s] * K + c];
                queue[tail++] = t;
            } else {
                a->next[s * K + c] = a->next[fail[s] * K + c];
            }
        }
    }
    /* outputs: each state's own literals, then its failure state's */
    a->out = calloc(a->nstates, sizeof *a->out);
    uint32_t *own_n = calloc(a->nstates, sizeof *own_n);
    if (!a->out || !own_n) {
        free(own_n);
        goto oom;
    }
    for (size_t i = 0; i < n; i++)
        own_n[lit_state[i]]++;
    /* total = sum over states of (own + out of fail), computed in BFS order */
    size_t total = 0;
    a->out[0].n = own_n[0];
    total += a->out[0].n;
    for (size_t k = 0; k < tail; k++) {
        uint32_t s = order[k];
        a->out[s].n = own_n[s] + a->out[fail[s]].n;
        total += a->out[s].n;
    }
    a->outs = malloc((total ? total : 1) * sizeof *a->outs);
    if (!a->outs) {
        free(own_n);
        goto oom;
    }
    /* place own literals first */
    size_t at = 0;
    a->out[0].at = 0;
    at += a->out[0].n;
    for (size_t k = 0; k < tail; k++) {
        uint32_t s = order[k];
        a->out[s].at = (uint32_t)at;
        at += a->out[s].n;
    }
    memset(own_first, 0, maxstates * sizeof *own_first);
    for (size_t i = 0; i < n; i++) {
        uint32_t s = lit_state[i];
        uint32_t k = a->out[s].at + own_first[s]++;
        a->outs[k].lit = (uint32_t)i;
        a->outs[k].len = a->lit_len[i];
    }
    for (size_t k = 0; k < tail; k++) {
        uint32_t s = order[k], f = fail[s];
        memcpy(a->outs + a->out[s].at + own_n[s], a->outs + a->out[f].at,
               a->out[f].n * sizeof *a->outs);
    }
    free(own_n);
    /* rows instead of state numbers, and the output flag */
    for (size_t k = 0; k < (size_t)a->nstates * K; k++) {
        uint32_t t = a->next[k];
        a->next[k] = t * K | (a->out[t].n ? HAS_OUT : 0);
    }
    free(goto_);
    free(fail);
    free(own_first);
    free(queue);
    free(lit_state);
    *out = a;
    return 0;
oom:
    free(goto_);
    free(fail);
    free(own_first);
    free(queue);
    free(lit_state);
    ac_free(a);
    return -1;
}

/* Does `tail` (lower-case ASCII, `n` bytes) follow at t, caselessly,
 * within the `room` bytes left in the text? */
static int tail_at(const char *tail, const unsigned char *t, size_t n, size_t room)
{
    if (n > room)
        return 0;
    for (size_t k = 0; k < n; k++) {
        unsigned char c = t[k];
        if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != (unsigned char)tail[k])
            return 0;
    }
    return 1;
}

/* Reports the literals ending at text byte i, where the automaton entered
 * the state whose row is `row`. */
static int report(const ac *a, const unsigned char *t, size_t len, size_t i, uint32_t row,
                  ac_hit **hits, size_t *n, size_t *cap)
{
    uint32_t s = row / a->nclasses;
    uint32_t m = a->out[s].n;
    if (grow(hits, cap, *n + m, sizeof **hits) != 0)
        return -1;
    for (uint32_t k = a->out[s].at, end = k + m; k < end; k++) {
        uint32_t lit = a->outs[k].lit, ll = a->outs[k].len;
        if (ll > PREFIX && !tail_at(a->tail[lit], t + i + 1, ll - PREFIX, len - i - 1))
            continue;
        (*hits)[(*n)++] = (ac_hit){lit, i + 1 - (ll < PREFIX ? ll : PREFIX)};
    }
    return 0;
}

int ac_search(const ac *a, const char *text, size_t len, ac_hit **hits, size_t *n, size_t *cap)
{
    const uint8_t *cls = a->cls;
    const uint32_t *next = a->next;
    const unsigned char *t = (const unsigned char *)text;
    uint32_t row = 0;
    for (size_t i = 0; i < len; i++) {
        uint32_t e = next[row + cls[t[i]]];
        row = e & ~HAS_OUT;
        if (__builtin_expect(e & HAS_OUT, 0) && report(a, t, len, i, row, hits, n, cap) != 0)
            return -1;
    }
    return 0;
}
