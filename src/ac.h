/* ac.h - an Aho-Corasick automaton over lower-case ASCII literals,
 * matched caselessly (internal). Built once per rule set; searching is
 * read-only, so threads share it. */
#ifndef SLANT_AC_H
#define SLANT_AC_H

#include <stddef.h>
#include <stdint.h>

typedef struct ac ac;

/* Builds the automaton for `n` literals (lower-case ASCII, non-empty). */
int ac_build(ac **out, char *const *lits, size_t n);
void ac_free(ac *a);

typedef struct {
    uint32_t lit;   /* index into the literals given to ac_build */
    size_t start;   /* offset of the occurrence in the text */
} ac_hit;

/* Appends every occurrence of every literal in text[0..len) to *hits
 * (growing it), in order of the end of their first eight bytes (so a hit's
 * start is out of order by less than eight). Returns 0 or -1 (memory). */
int ac_search(const ac *a, const char *text, size_t len, ac_hit **hits, size_t *n, size_t *cap);

#endif
