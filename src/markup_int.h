/* markup_int.h - what markup.c, markup_md.c and markup_html.c share
 * (internal to the markup module). */
#ifndef SLANT_MARKUP_INT_H
#define SLANT_MARKUP_INT_H

#include "markup.h"

/* Input bytes s[0..n) and where each came from in the source: pos[i], or
 * base + i when pos is NULL (the source itself). */
typedef struct {
    const char *s;
    const uint32_t *pos;
    size_t base;
    size_t n;
} mk_input;

static inline size_t mk_src(const mk_input *in, size_t i)
{
    return in->pos ? in->pos[i] : in->base + i;
}

/* Appends visible bytes that came from source [at, end). */
void mk_emit(markup *m, const char *s, size_t n, size_t at, size_t end);
/* A block boundary (a blank line) at source offset `at`. */
void mk_break(markup *m, size_t at);
/* Quoted voice begins or ends here; nested quotations count once. */
void mk_quote_open(markup *m);
void mk_quote_close(markup *m);
/* Closes what is still open at the end of the document. */
void mk_finish(markup *m);
/* Records `<!-- s -->` (or a `[s]` line) at source [start, end) when it
 * is a slant- directive. */
void mk_directive(markup *m, const char *s, size_t n, size_t start, size_t end);
/* Emits the character reference at s[0..n) from source offset `at`; its
 * length, or 0 when there is none (the '&' is then literal). */
size_t mk_entity(markup *m, const char *s, size_t n, size_t at);

/* HTML in in->s[from, to): text, tags, comments and references. */
void html_convert(markup *m, const mk_input *in, size_t from, size_t to);
/* The tag, comment or declaration starting at in->s[i] ('<'), up to `to`:
 * applies its effect (a block boundary, a quotation; an element whose
 * content is skipped is consumed whole) and returns the bytes it takes, or
 * 0 when '<' starts no markup there. */
size_t html_markup_at(markup *m, const mk_input *in, size_t i, size_t to);
/* Non-zero when `name` (n bytes, any case) is an HTML block element. */
int html_is_block(const char *name, size_t n);

#endif
