/* markup.h - Markdown and HTML to visible text with a source map
 * (internal).
 *
 * A converter reads the source bytes of a document and writes what a
 * reader sees: the visible text, and for every visible byte the source
 * bytes [at, end) it came from. A literal byte comes from itself; every
 * byte of a decoded entity (&rsquo; to ’) comes from the whole entity; a
 * backslash escape comes from the backslash and the character. Skipped
 * content (tags, comments, code, URLs, front matter) produces nothing, so
 * a match that spans `<em>` in the source is contiguous in the visible
 * text, and mapped back it covers the tag.
 *
 * Block boundaries (headings, paragraphs, list items, table cells, <p>,
 * <li>, <br>...) are written as a blank line ("\n\n", taking no source
 * bytes), which the text model already reads as a paragraph break: it ends
 * sentences and open quotations there. Quoted voice from markup (Markdown
 * block quotes, <blockquote>, <q>) is returned as spans of visible text.
 *
 * Suppression directives (`<!-- slant-disable ... -->`, or a
 * `[slant-disable ...]` line in plain text) are collected with their
 * source location; they are never visible text. */
#ifndef SLANT_MARKUP_H
#define SLANT_MARKUP_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
    DIR_DISABLE = 0,   /* slant-disable [NAME...]: from here to slant-enable or the end */
    DIR_ENABLE = 1,    /* slant-enable [NAME...]: ends disables (all, or those names) */
    DIR_NEXT_LINE = 2, /* slant-disable-next-line [NAME...]: the line after this one */
    DIR_UNKNOWN = 3,   /* slant-<something else>: reported, has no effect */
} directive_kind;

typedef struct {
    directive_kind kind;
    size_t start, end; /* the comment or line in the source */
    char **names;      /* rule ids or categories; none: every rule */
    size_t nnames;
    char *word;        /* the directive as written ("slant-disable") */
} directive;

typedef struct {
    size_t start, end;
} vspan;

typedef struct {
    char *text; /* visible text (not NUL-terminated) */
    size_t len, cap;
    uint32_t *at, *end; /* per visible byte: its source bytes [at, end) */
    size_t mapcap, endcap;
    vspan *quotes; /* quoted voice, visible offsets, in order */
    size_t nquotes, qcap;
    unsigned qdepth; /* open quotations while converting */
    directive *dirs;
    size_t ndirs, dcap;
    int failed; /* an allocation failed */
} markup;

/* Each converter fills a zeroed `m` from src[0..len); 0 or -1 when out of
 * memory (free `m` either way). */
int markup_markdown(markup *m, const char *src, size_t len);
int markup_html(markup *m, const char *src, size_t len);
/* Plain text with its `[slant-...]` directive lines taken out; returns 1
 * without filling `m` when the text has none (it is then its own visible
 * text, byte for byte). */
int markup_text(markup *m, const char *src, size_t len);
void markup_free(markup *m);
void markup_directives_free(directive *dirs, size_t n);

/* Decodes the character reference at s[0..n) (which starts with '&'):
 * its length in s, with the code point in *cp, or 0 when it is none.
 * Numeric references to 0, surrogates or past U+10FFFF give U+FFFD, and
 * 128-159 the Windows-1252 characters browsers show for them. */
size_t markup_entity(uint32_t *cp, const char *s, size_t n);

#endif
