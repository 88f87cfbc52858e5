/* util.h - small helpers shared by the library modules (internal). */
#ifndef SLANT_UTIL_H
#define SLANT_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* A growable byte buffer; always NUL-terminated when len > 0 or after
 * buf_str(). `failed` latches the first allocation failure so callers can
 * append freely and check once. */
typedef struct {
    char *data;
    size_t len, cap;
    int failed;
} buf;

void buf_free(buf *b);
int buf_reserve(buf *b, size_t extra);
void buf_add(buf *b, const void *p, size_t n);
void buf_adds(buf *b, const char *s);
void buf_addc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* The contents as a string ("" when empty); NULL if an allocation failed. */
const char *buf_str(buf *b);

/* Grows *items (of `size` bytes each) so that it holds at least `need`;
 * returns 0 or -1 on overflow or allocation failure. */
int grow(void *items, size_t *cap, size_t need, size_t size);

/* qsort that accepts an empty (or NULL) array, which qsort itself does not. */
void sort_items(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

char *str_dup(const char *s);
char *str_ndup(const char *s, size_t n);
/* Levenshtein distance, capped at `cap` + 1 for speed. */
size_t str_distance(const char *a, const char *b, size_t cap);

/* Decodes one UTF-8 code point at s[0..n). Returns its length in bytes and
 * stores the code point in *cp, or returns 0 for an invalid sequence
 * (overlong forms, surrogates and values past U+10FFFF are invalid). */
size_t utf8_decode(uint32_t *cp, const unsigned char *s, size_t n);
/* Encodes cp into out (at least 4 bytes); returns the length. */
size_t utf8_encode(char *out, uint32_t cp);
/* Length of the character at s[0..n): the sequence length when valid,
 * else 1 (an invalid byte counts as one character). */
size_t utf8_char_len(const unsigned char *s, size_t n);

/* Word characters for word boundaries and word counts: letters, digits and
 * marks. ASCII exactly; beyond ASCII, everything that is not a space,
 * punctuation or symbol from the ranges news text uses. */
int is_word_cp(uint32_t cp);

static inline int isalnum_ascii(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A byte PCRE2's \w always matches, whatever the mode: an ASCII letter,
 * digit or underscore. */
static inline int is_word_ascii(unsigned char c) { return isalnum_ascii(c) || c == '_'; }

static inline int is_space_ascii(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

#endif
