/* prefilter.h - what a pattern needs in the text before it can match
 * (internal). See prefilter.c for how it is derived and scan.c for how the
 * scanner uses it. */
#ifndef SLANT_PREFILTER_H
#define SLANT_PREFILTER_H

#include <stddef.h>
#include <stdint.h>

/* The longest a match can be, in bytes of folded text, as
 * c[0] + c[1]*R1 + ... where the R are a document's longest runs of bytes
 * of one kind (non-ASCII bytes count in every kind):
 *   RUN_SPACE    ASCII white space
 *   RUN_NONWORD  no ASCII letter, digit or underscore
 *   RUN_TEXT     no ASCII white space
 *   RUN_LINE     no line feed
 * Unbounded when `bounded` is 0. */
enum { RUN_SPACE = 1, RUN_NONWORD = 2, RUN_TEXT = 3, RUN_LINE = 4, BOUND_TERMS = 5 };

typedef struct {
    int bounded;
    uint32_t c[BOUND_TERMS];
} match_bound;

/* Word boundaries a pattern asserts around a literal whose first (last)
 * character is an ASCII word character: an occurrence right after (before)
 * an ASCII letter, digit or underscore cannot be part of a match ("may" in
 * "dismay" for \bmay\b). Non-ASCII neighbours are left to PCRE2, which
 * may count them as word characters or not. */
#define LIT_NONWORD_BEFORE 1u
#define LIT_NONWORD_AFTER 2u

/* A second requirement: one of `sec` starts `min` to `max` bytes after
 * (dir 1) or before (dir -1) the start of the literal it is paired with. */
typedef struct prefilter_pair {
    char **sec;
    size_t nsec;
    uint8_t *sec_edge; /* per string, LIT_NONWORD_* */
    int dir;
    uint32_t min;
    match_bound max;
} prefilter_pair;

typedef struct {
    char **lits;  /* lower-case ASCII literals; every match contains one */
    size_t nlits; /* 0: no usable literal (the pattern needs a full pass) */
    match_bound bound;
    match_bound pre; /* how far before a literal's occurrence a match can start */
    match_bound *lit_pre; /* the same for each literal (pre is the largest) */
    uint8_t *lit_edge; /* per literal, LIT_* below: what an occurrence needs around it */
    /* Second requirements, near the first, per literal: every match
     * holding literal i (or a lookahead of it) also holds a string of
     * pairs[lit_pair[i] - 1] where that pair says (nothing is known when
     * lit_pair[i] is 0). Per literal, because each branch of an
     * alternation has its own neighbours. An occurrence of a literal with
     * no such neighbour cannot be part of a match. */
    unsigned *lit_pair;
    struct prefilter_pair *pairs;
    size_t npairs;
    double cost;     /* how often its literals are expected: per MB, roughly */
    const char *why; /* when nlits is 0: why, for `slant rules --cost` */
} prefilter_info;

/* Memory that a series of analyses reuses: each builds and drops
 * thousands of string sets, and getting fresh memory from the system for
 * every pattern cost more than the walk itself. */
typedef struct prefilter_scratch prefilter_scratch;
prefilter_scratch *prefilter_scratch_new(void); /* NULL when out of memory */
void prefilter_scratch_free(prefilter_scratch *s); /* accepts NULL */

/* Analyses a PCRE2 pattern (folded, compiled with UTF and UCP), with
 * scratch memory or (NULL) its own. Never fails on a pattern it does not
 * understand: it reports no literals and an unbounded match instead,
 * which is always safe. Returns -1 only when out of memory. */
int prefilter_analyze(prefilter_info *out, const char *pattern, prefilter_scratch *scratch);
void prefilter_info_clear(prefilter_info *info);

/* The bound for a document with these runs (runs[0] is unused); SIZE_MAX
 * when unbounded. */
size_t match_bound_eval(match_bound b, const size_t runs[BOUND_TERMS]);

/* A document's runs, measured over its folded text. */
void prefilter_runs(size_t runs[BOUND_TERMS], const char *text, size_t len);

#endif
