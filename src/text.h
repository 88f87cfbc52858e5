/* text.h - the text model of a document (internal).
 *
 * Matching runs on `norm`, a folded copy of the original bytes: typographic
 * quotes, apostrophes, dashes and spaces become ASCII, CR LF becomes LF and
 * invalid bytes become U+FFFD. `map` takes every byte of `norm` back to the
 * original byte it came from, so findings always point into the source.
 *
 * Markdown and HTML first go through a markup converter (markup.h) that
 * gives the visible text with its own map into the source; folding reads
 * the visible text and composes the two maps, so `map` still leads from
 * `norm` straight to the source file, and `orig` is the source. */
#ifndef SLANT_TEXT_H
#define SLANT_TEXT_H

#include "markup.h"
#include "slant.h"

#include <stdint.h>

typedef struct {
    size_t start, end; /* [start, end) */
} span;

typedef struct {
    size_t byte; /* where the line starts in the original */
    size_t cp;   /* code points before it */
} line_start;

typedef struct {
    unsigned line, column;
    char *message;
} doc_error;

struct slant_doc {
    char *name;
    const unsigned char *orig;
    size_t len;
    char *norm;
    size_t nlen;
    uint32_t *map; /* nlen + 1 entries; map[nlen] == len */
    uint32_t *mapend; /* markup only: the source end of each norm byte's
                         character (an entity ends past its ';'); NULL
                         when characters are their own source */
    slant_input_format format;
    line_start *lines;
    size_t nlines;
    line_start *ckpt; /* every CKPT_BYTES of the original: cp count */
    size_t nckpt;
    size_t *wstart, *wend; /* words, norm offsets */
    size_t nwords;
    span *sents; /* sentences, norm offsets */
    size_t nsents;
    span *quotes; /* quotations incl. their marks, norm offsets, sorted */
    size_t nquotes;
    span *voiced; /* their union: what is not the author's voice */
    size_t nvoiced;
    doc_error *errors;
    size_t nerrors;
    directive *dirs; /* suppression directives, in source order */
    size_t ndirs;
    slant_part part; /* where it stands in a larger text; {0, 0, 0, 1, 1} when whole */
    int is_part;
};

/* Where nothing can happen, the text model reads eight bytes at a time;
 * 0 makes it read every byte alone, so that tests can compare the two. */
extern int text_wide_steps;

/* The largest document the text model takes (offsets are 32-bit). */
#define DOC_MAX_BYTES ((size_t)UINT32_MAX - 16)

/* A copy of `s` folded the way documents are (typographic quotes,
 * dashes and spaces to ASCII), so rules written with them still match;
 * NULL when out of memory. Invalid bytes are kept as they are, so folding
 * is idempotent only on valid UTF-8: an invalid byte, a folded-away
 * zero-width character and two stray continuation bytes can join into a
 * new character (rule text is always valid; YAML requires it). */
char *text_fold_string(const char *s);
/* Original offset where the character behind norm byte `off` starts. */
size_t doc_orig_start(const slant_doc *d, size_t off);
/* Original offset just past the character behind norm byte `end - 1`. */
size_t doc_orig_end(const slant_doc *d, size_t end);
/* 1-based line and column (code points) and the code-point offset of an
 * original byte offset, counted from the start of the whole text when the
 * doc is a part of one. Any pointer may be NULL. */
void doc_position(const slant_doc *d, size_t orig, unsigned *line, unsigned *col, size_t *cp);
/* The sentence holding norm offset `off` (or the nearest one before it). */
span doc_sentence_at(const slant_doc *d, size_t off);
/* Non-zero when the span [start, end) is quoted speech: it starts inside a
 * quotation and is not that whole quotation, marks included (quoting a
 * word or two is the author's act, as scare quotes are). */
int doc_quoted(const slant_doc *d, size_t start, size_t end);
/* Number of words that start before norm offset `off`. */
size_t doc_words_before(const slant_doc *d, size_t off);

#endif
