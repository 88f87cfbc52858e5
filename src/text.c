/* text.c - builds the text model of a document: UTF-8 validation, folding
 * with an offset map, line index, words, sentences and quotations.
 *
 * One pass over the original decodes code points, writes the folded copy
 * and its map, and tracks quotation marks while their direction is still
 * known (after folding, “ and ” are both "). Words and sentences are then
 * found on the folded copy, where only ASCII punctuation is left to read.
 *
 * Quotations. Double quotes (“…”, "…", «…», „…“) open and close in pairs.
 * A paragraph break (a blank line) ends any open quotation there: news
 * style leaves a quote that runs on into the next paragraph unclosed and
 * reopens it, so the quote is still marked. Single quotes (‘…’, '…') are
 * told apart from apostrophes by their neighbours: an opening mark follows
 * a non-word character and precedes a word character, a closing one
 * follows a non-space and precedes a non-word character. An unclosed
 * single quote at a paragraph break is dropped rather than kept, because
 * a stray apostrophe ('90s) would otherwise mark a whole paragraph quoted.
 *
 * Sentences end at . ! ? (plus closing quotes or brackets) followed by
 * white space and a capital, digit or opening mark, unless the word before
 * a lone period is an abbreviation (Mr., Jan., U.S., an initial); and at
 * paragraph breaks, so a headline without a full stop is its own sentence.
 */
#include "text.h"
#include "util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CKPT_BYTES 4096
#define MAX_UTF8_ERRORS 20

/* What a code point folds to; NULL when it stays as it is. */
static const char *fold(uint32_t cp)
{
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x02BC:
        return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x00AB:
    case 0x00BB:
        return "\"";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
        return "-";
    case 0x00A0: case 0x1680: case 0x202F: case 0x205F: case 0x3000:
    case 0x2028: case 0x2029:
        return " ";
    case 0x2026:
        return "...";
    /* the two characters PCRE2 matches caselessly with ASCII letters: folded
     * so that the caseless ASCII prefilter sees what PCRE2 would match */
    case 0x017F: /* long s */
        return "s";
    case 0x212A: /* Kelvin sign */
        return "K";
    case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
        return ""; /* invisible: soft hyphen, zero-width characters */
    default:
        if (cp >= 0x2000 && cp <= 0x200A)
            return " ";
        return NULL;
    }
}

char *text_fold_string(const char *s)
{
    buf b = {0};
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = utf8_decode(&cp, p + i, n - i);
        const char *f = len ? fold(cp) : NULL;
        if (!len)
            len = 1;
        if (f)
            buf_adds(&b, f);
        else
            buf_add(&b, p + i, len);
        i += len;
    }
    buf_add(&b, "", 0);
    if (b.failed) {
        buf_free(&b);
        return NULL;
    }
    return b.data;
}

typedef struct {
    slant_doc *d;
    buf norm;
    uint32_t *map, *mapend;
    size_t mapcap, endcap;
    span *quotes;
    size_t qcap;
    int failed;
    /* what is folded: the original, or the visible text of markup */
    const unsigned char *in;
    size_t inlen;
    const markup *mk; /* NULL: `in` is the original, each byte its own source */
} builder;

/* The source offset of input byte i, and the end of the source of the
 * character at input [i, i + n). */
static size_t src_at(const builder *b, size_t i)
{
    return b->mk ? (i < b->inlen ? b->mk->at[i] : b->d->len) : i;
}

static size_t src_end(const builder *b, size_t i, size_t n)
{
    return b->mk ? b->mk->end[i + n - 1] : i + n;
}

static void emit(builder *b, const char *s, size_t n, size_t orig, size_t orig_end)
{
    if (grow(&b->map, &b->mapcap, b->norm.len + n + 1, sizeof *b->map) != 0 ||
        (b->mk && grow(&b->mapend, &b->endcap, b->norm.len + n + 1, sizeof *b->mapend) != 0)) {
        b->failed = 1;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        b->map[b->norm.len + i] = (uint32_t)orig;
        if (b->mk)
            b->mapend[b->norm.len + i] = (uint32_t)orig_end;
    }
    buf_add(&b->norm, s, n);
    if (b->norm.failed)
        b->failed = 1;
}

/* A run of input bytes that are their own source and fold to themselves. */
static void emit_plain(builder *b, const unsigned char *s, size_t n, size_t orig)
{
    if (grow(&b->map, &b->mapcap, b->norm.len + n + 1, sizeof *b->map) != 0) {
        b->failed = 1;
        return;
    }
    uint32_t *m = b->map + b->norm.len;
    for (size_t i = 0; i < n; i++)
        m[i] = (uint32_t)(orig + i);
    buf_add(&b->norm, s, n);
    if (b->norm.failed)
        b->failed = 1;
}

/* Printable ASCII other than the quotation marks: copied as it is, with
 * nothing for the quotation tracking to do. */
#define PLAIN(c) ((c) >= 0x20 && (c) < 0x7F && (c) != '"' && (c) != '\'')
#define P4(c) PLAIN(c), PLAIN(c + 1), PLAIN(c + 2), PLAIN(c + 3)
#define P16(c) P4(c), P4(c + 4), P4(c + 8), P4(c + 12)
#define P64(c) P16(c), P16(c + 16), P16(c + 32), P16(c + 48)
static const unsigned char plain_table[256] = {P64(0), P64(64), P64(128), P64(192)};
static int plain_byte(unsigned char c) { return plain_table[c]; }

static void add_quote(builder *b, size_t start, size_t end)
{
    slant_doc *d = b->d;
    if (end <= start)
        return;
    if (grow(&b->quotes, &b->qcap, d->nquotes + 1, sizeof *b->quotes) != 0) {
        b->failed = 1;
        return;
    }
    b->quotes[d->nquotes++] = (span){start, end};
}

static int cmp_span(const void *a, const void *b)
{
    const span *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end < y->end ? -1 : x->end > y->end;
}

/* Decodes the code point at input byte i, or U+FFFD for an invalid byte. */
static uint32_t peek(const builder *b, size_t i)
{
    uint32_t cp;
    if (i >= b->inlen)
        return '\n';
    return utf8_decode(&cp, b->in + i, b->inlen - i) ? cp : 0xFFFD;
}

static int is_space_cp(uint32_t cp)
{
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v')
        return 1;
    const char *f = fold(cp);
    return f && f[0] == ' ';
}

int text_wide_steps = 1;

#define HIGH_BITS 0x8080808080808080ull
/* Does the word hold byte c? (The classic test for a zero byte, on w ^ c.) */
static int has_byte(uint64_t w, unsigned char c)
{
    uint64_t x = w ^ (0x0101010101010101ull * c);
    return ((x - 0x0101010101010101ull) & ~x & HIGH_BITS) != 0;
}

/* Does the word hold a byte below n (n <= 128)? */
static int has_less(uint64_t w, unsigned char n)
{
    return ((w - 0x0101010101010101ull * n) & ~w & HIGH_BITS) != 0;
}

static int build_lines(slant_doc *d)
{
    size_t cap = 0, ccap = 0, cp = 0;
    if (grow(&d->lines, &cap, 1, sizeof *d->lines) != 0)
        return -1;
    /* a byte-order mark is a code point (offsets count it) but no column */
    int bom = d->len >= 3 && memcmp(d->orig, "\xEF\xBB\xBF", 3) == 0;
    d->lines[d->nlines++] = bom ? (line_start){3, 1} : (line_start){0, 0};
    size_t next_ckpt = 0;
    for (size_t i = 0; i < d->len;) {
        if (i >= next_ckpt) {
            if (grow(&d->ckpt, &ccap, d->nckpt + 1, sizeof *d->ckpt) != 0)
                return -1;
            d->ckpt[d->nckpt++] = (line_start){i, cp};
            next_ckpt = (i / CKPT_BYTES + 1) * CKPT_BYTES;
        }
        /* eight ASCII bytes without a line break in one step */
        while (text_wide_steps && i + 8 <= next_ckpt && i + 8 <= d->len) {
            uint64_t w;
            memcpy(&w, d->orig + i, 8);
            if ((w & HIGH_BITS) || has_byte(w, '\n') || has_byte(w, '\r'))
                break;
            i += 8;
            cp += 8;
        }
        if (i >= d->len)
            break;
        if (i >= next_ckpt)
            continue;
        unsigned char c = d->orig[i];
        size_t n = c < 0x80 ? 1 : utf8_char_len(d->orig + i, d->len - i);
        i += n;
        cp++;
        int brk = c == '\n' || (c == '\r' && (i >= d->len || d->orig[i] != '\n'));
        if (brk) {
            if (grow(&d->lines, &cap, d->nlines + 1, sizeof *d->lines) != 0)
                return -1;
            d->lines[d->nlines++] = (line_start){i, cp};
        }
    }
    return 0;
}

void doc_position(const slant_doc *d, size_t orig, unsigned *line, unsigned *col, size_t *cpout)
{
    if (orig > d->len)
        orig = d->len;
    /* the last line starting at or before `orig` */
    size_t lo = 0, hi = d->nlines;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->lines[mid].byte <= orig)
            lo = mid;
        else
            hi = mid;
    }
    const line_start *ln = &d->lines[lo];
    /* count code points from the nearest known point at or before `orig` */
    size_t from = ln->byte, cp = ln->cp;
    if (d->nckpt) {
        size_t a = 0, b = d->nckpt;
        while (b - a > 1) {
            size_t mid = a + (b - a) / 2;
            if (d->ckpt[mid].byte <= orig)
                a = mid;
            else
                b = mid;
        }
        if (d->ckpt[a].byte > from && d->ckpt[a].byte <= orig) {
            from = d->ckpt[a].byte;
            cp = d->ckpt[a].cp;
        }
    }
    while (from < orig) {
        from += utf8_char_len(d->orig + from, d->len - from);
        cp++;
    }
    /* a part's first line may continue a line of the part before */
    if (line)
        *line = (unsigned)(lo + d->part.line);
    if (col)
        *col = (unsigned)(cp - ln->cp + (lo == 0 ? d->part.column : 1));
    if (cpout)
        *cpout = cp + d->part.cp;
}

static void add_error(slant_doc *d, size_t at, const char *msg, slant_diag_fn fn, void *payload)
{
    doc_error *e = realloc(d->errors, (d->nerrors + 1) * sizeof *e);
    if (!e)
        return;
    d->errors = e;
    e = &d->errors[d->nerrors];
    doc_position(d, at, &e->line, &e->column, NULL);
    e->message = str_dup(msg);
    if (!e->message)
        return;
    d->nerrors++;
    if (fn) {
        slant_diag diag = {SLANT_LEVEL_ERROR, d->name, e->line, e->column, NULL, e->message};
        fn(&diag, payload);
    }
}

/* Folds the original into norm and finds quotations. */
static int build_norm(builder *b, slant_diag_fn fn, void *payload)
{
    slant_doc *d = b->d;
    const unsigned char *in = b->in;
    size_t inlen = b->inlen;
    /* quoted voice from markup: visible spans, sorted and disjoint */
    const vspan *mq = b->mk ? b->mk->quotes : NULL;
    size_t nmq = b->mk ? b->mk->nquotes : 0, qi = 0, qstart = SIZE_MAX;
    size_t dq = SIZE_MAX, sq = SIZE_MAX; /* norm offset of an open quote */
    uint32_t dq_kind = 0;
    uint32_t prev = '\n';
    size_t text_end = 0; /* norm offset after the last non-space */
    int line_blank = 1;
    size_t nbad = 0;

    /* folding rarely changes the length: room for it all at once spares
     * the copies of growing by doubling */
    if (buf_reserve(&b->norm, inlen + 1) != 0 ||
        grow(&b->map, &b->mapcap, inlen + 1, sizeof *b->map) != 0 ||
        (b->mk && grow(&b->mapend, &b->endcap, inlen + 1, sizeof *b->mapend) != 0))
        return -1;
    b->norm.data[b->norm.len] = '\0'; /* the text may fold to nothing */
    size_t i = 0;
    if (!b->mk && d->part.byte == 0 && inlen >= 3 && memcmp(in, "\xEF\xBB\xBF", 3) == 0)
        i = 3; /* a byte-order mark is not text */
    while (i < inlen && !b->failed) {
        while (qi < nmq && qstart == SIZE_MAX && mq[qi].start <= i)
            qstart = b->norm.len;
        if (qstart != SIZE_MAX && mq[qi].end <= i) {
            add_quote(b, qstart, b->norm.len);
            qstart = SIZE_MAX;
            qi++;
            continue;
        }
        if (!b->mk && plain_byte(in[i]) && i + 1 < inlen && plain_byte(in[i + 1])) {
            /* the common case, a run of plain ASCII, in one step */
            size_t j = i + 2;
            while (text_wide_steps && j + 8 <= inlen) { /* eight plain bytes at a time */
                uint64_t w;
                memcpy(&w, in + j, 8);
                if ((w & HIGH_BITS) || has_less(w, 0x20) || has_byte(w, 0x7F) ||
                    has_byte(w, '"') || has_byte(w, '\''))
                    break;
                j += 8;
            }
            while (j < inlen && plain_byte(in[j]))
                j++;
            size_t last = j; /* the run's last non-space */
            while (last > i && in[last - 1] == ' ')
                last--;
            size_t at = b->norm.len;
            emit_plain(b, in + i, j - i, i);
            if (last > i) {
                line_blank = 0;
                text_end = at + (last - i);
            }
            prev = in[j - 1];
            i = j;
            continue;
        }
        uint32_t cp;
        size_t n = utf8_decode(&cp, in + i, inlen - i);
        if (n == 0) {
            size_t run = 1;
            while (i + run < inlen && !utf8_decode(&cp, in + i + run, inlen - i - run))
                run++;
            nbad++;
            if (nbad <= MAX_UTF8_ERRORS) {
                char msg[160];
                int k = snprintf(msg, sizeof msg, "invalid UTF-8: byte%s", run > 1 ? "s" : "");
                for (size_t j = 0; j < run && j < 4 && k > 0 && (size_t)k < sizeof msg - 8; j++)
                    k += snprintf(msg + k, sizeof msg - (size_t)k, " 0x%02X", in[i + j]);
                if (run > 4 && k > 0 && (size_t)k < sizeof msg - 8)
                    snprintf(msg + k, sizeof msg - (size_t)k, " ...");
                add_error(d, src_at(b, i), msg, fn, payload);
            } else if (nbad == MAX_UTF8_ERRORS + 1) {
                add_error(d, src_at(b, i),
                          "invalid UTF-8: more invalid bytes follow; not all are reported", fn,
                          payload);
            }
            for (size_t j = 0; j < run; j++)
                emit(b, "\xEF\xBF\xBD", 3, src_at(b, i + j), src_end(b, i + j, 1));
            i += run;
            prev = 0xFFFD;
            line_blank = 0;
            text_end = b->norm.len;
            continue;
        }
        uint32_t next = peek(b, i + n);
        size_t at = b->norm.len;

        if (cp == '\r' && next == '\n') {
            i += n;
            continue; /* CR LF: the LF is emitted next */
        }
        if (cp == '\n' || cp == '\r') { /* a lone CR is a line break too */
            if (line_blank && text_end > 0) {
                /* paragraph break: quotations end with the paragraph */
                if (dq != SIZE_MAX)
                    add_quote(b, dq, text_end);
                dq = sq = SIZE_MAX;
            }
            line_blank = 1;
            emit(b, "\n", 1, src_at(b, i), src_end(b, i, n));
            prev = cp;
            i += n;
            continue;
        }
        int space = is_space_cp(cp);
        if (!space)
            line_blank = 0;

        /* quotation marks, by the original character */
        switch (cp) {
        case 0x201C: /* “ */
            if (dq != SIZE_MAX && dq_kind == 0x201E)
                add_quote(b, dq, at + 1), dq = SIZE_MAX;
            else if (dq == SIZE_MAX)
                dq = at, dq_kind = cp;
            break;
        case 0x201E: /* „ */
        case 0x00AB: /* « */
            if (dq == SIZE_MAX)
                dq = at, dq_kind = cp;
            break;
        case 0x201D: /* ” */
        case 0x00BB: /* » */
            if (dq != SIZE_MAX)
                add_quote(b, dq, at + 1), dq = SIZE_MAX;
            break;
        case '"':
            if (dq != SIZE_MAX)
                add_quote(b, dq, at + 1), dq = SIZE_MAX;
            else
                dq = at, dq_kind = cp;
            break;
        case 0x2018: /* ‘ */
        case 0x2019: /* ’ */
        case '\'': {
            int after_word = is_word_cp(prev);
            int before_word = is_word_cp(next);
            if (sq != SIZE_MAX && !is_space_cp(prev) && !before_word)
                add_quote(b, sq, at + 1), sq = SIZE_MAX;
            else if (sq == SIZE_MAX && cp != 0x2019 && !after_word && before_word)
                sq = at;
            break;
        }
        default:
            break;
        }

        const char *f = fold(cp);
        if (f)
            emit(b, f, strlen(f), src_at(b, i), src_end(b, i, n));
        else
            emit(b, (const char *)in + i, n, src_at(b, i), src_end(b, i, n));
        if (!space && !(f && !*f))
            text_end = b->norm.len;
        prev = cp;
        i += n;
    }
    if (dq != SIZE_MAX)
        add_quote(b, dq, text_end > dq ? text_end : b->norm.len);
    if (qstart != SIZE_MAX)
        add_quote(b, qstart, b->norm.len);
    if (b->failed || grow(&b->map, &b->mapcap, b->norm.len + 1, sizeof *b->map) != 0 ||
        (b->mk && grow(&b->mapend, &b->endcap, b->norm.len + 1, sizeof *b->mapend) != 0))
        return -1;
    b->map[b->norm.len] = (uint32_t)d->len;
    if (b->mk)
        b->mapend[b->norm.len] = (uint32_t)d->len;
    if (!b->norm.data) {
        buf_add(&b->norm, "", 0);
        if (b->norm.failed)
            return -1;
    }
    d->norm = b->norm.data;
    d->nlen = b->norm.len;
    d->map = b->map;
    d->mapend = b->mapend;
    sort_items(b->quotes, d->nquotes, sizeof *b->quotes, cmp_span);
    d->quotes = b->quotes;
    /* the union of quotations: single quotes sit inside double ones */
    if (d->nquotes) {
        d->voiced = malloc(d->nquotes * sizeof *d->voiced);
        if (!d->voiced)
            return -1;
        for (size_t k = 0; k < d->nquotes; k++) {
            span q = d->quotes[k];
            if (d->nvoiced && q.start < d->voiced[d->nvoiced - 1].end) {
                if (q.end > d->voiced[d->nvoiced - 1].end)
                    d->voiced[d->nvoiced - 1].end = q.end;
            } else {
                d->voiced[d->nvoiced++] = q;
            }
        }
    }
    return 0;
}

/* Decodes the folded text (always valid UTF-8) at offset i. */
static size_t norm_cp(const slant_doc *d, size_t i, uint32_t *cp)
{
    size_t n = utf8_decode(cp, (const unsigned char *)d->norm + i, d->nlen - i);
    if (!n) {
        *cp = (unsigned char)d->norm[i];
        n = 1;
    }
    return n;
}

/* ASCII bytes by what they do to words: 1 a word byte, 2 a byte that ends
 * or is outside every word (not an apostrophe or hyphen, which may join
 * two words), 0 anything else */
#define WCLS(c) (((c) >= '0' && (c) <= '9') || ((c) >= 'a' && (c) <= 'z') ||                   \
                         ((c) >= 'A' && (c) <= 'Z') || (c) == '_'                                \
                     ? 1                                                                        \
                 : (c) < 0x80 && (c) != '\'' && (c) != '-' ? 2                                  \
                                                           : 0)
#define W4(c) WCLS(c), WCLS(c + 1), WCLS(c + 2), WCLS(c + 3)
#define W16(c) W4(c), W4(c + 4), W4(c + 8), W4(c + 12)
#define W64(c) W16(c), W16(c + 16), W16(c + 32), W16(c + 48)
static const unsigned char word_class[256] = {W64(0), W64(64), W64(128), W64(192)};

static int ascii_word(unsigned char c) { return word_class[c] == 1; }

static int build_words(slant_doc *d)
{
    /* about a word in six bytes of news text: one or two doublings at most */
    size_t cap = 0, ecap = 0, guess = d->nlen / 6 + 16;
    if (grow(&d->wstart, &cap, guess, sizeof *d->wstart) != 0 ||
        grow(&d->wend, &ecap, guess, sizeof *d->wend) != 0)
        return -1;
    int in = 0;
    const unsigned char *t = (const unsigned char *)d->norm;
    for (size_t i = 0; i < d->nlen;) {
        uint32_t cp;
        size_t n;
        int w;
        if (t[i] < 0x80) {
            /* the common case without decoding; a run of word bytes at once */
            cp = t[i];
            n = 1;
            w = ascii_word(t[i]);
            if (w && in) {
                while (i + n < d->nlen && word_class[t[i + n]] == 1)
                    n++;
                i += n;
                continue;
            }
            if (!in && word_class[t[i]] == 2) { /* between words */
                while (i + n < d->nlen && word_class[t[i + n]] == 2)
                    n++;
                i += n;
                continue;
            }
        } else {
            n = norm_cp(d, i, &cp);
            w = is_word_cp(cp);
        }
        if (!w && in && (cp == '\'' || cp == '-') && i + 1 < d->nlen) {
            uint32_t nx;
            norm_cp(d, i + 1, &nx);
            w = is_word_cp(nx); /* don't, so-called: one word */
        }
        if (w && !in) {
            if (d->nwords + 1 > cap &&
                (grow(&d->wstart, &cap, d->nwords + 1, sizeof *d->wstart) != 0 ||
                 grow(&d->wend, &ecap, d->nwords + 1, sizeof *d->wend) != 0))
                return -1;
            d->wstart[d->nwords] = i;
            in = 1;
        } else if (!w && in) {
            d->wend[d->nwords++] = i;
            in = 0;
        }
        i += n;
    }
    if (in)
        d->wend[d->nwords++] = d->nlen;
    return 0;
}

static const char *const abbreviations[] = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "col", "lt", "sgt",
    "capt", "cmdr", "adm", "gov", "sen", "rep", "rev", "hon", "pres", "supt", "insp",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "vs", "inc", "ltd", "corp", "co", "no", "nos", "fig", "approx", "dept", "est", "mt",
    "ft", "vol", "pp", "cf", "al",
};

/* Is the word ending just before norm offset `dot` an abbreviation? */
static int abbreviation_before(const slant_doc *d, size_t dot)
{
    size_t s = dot;
    while (s > 0 && (isalpha((unsigned char)d->norm[s - 1]) || d->norm[s - 1] == '.'))
        s--;
    size_t n = dot - s;
    if (n == 0)
        return 0;
    const char *w = d->norm + s;
    if (memchr(w, '.', n))
        return 1; /* U.S., a.m. */
    if (n == 1 && isupper((unsigned char)w[0]))
        return 1; /* an initial: J. Smith */
    if (n > 6)
        return 0; /* longer than any below */
    for (size_t i = 0; i < sizeof abbreviations / sizeof *abbreviations; i++)
        if ((abbreviations[i][0] | 32) == (w[0] | 32) && strlen(abbreviations[i]) == n &&
            strncasecmp(abbreviations[i], w, n) == 0)
            return 1;
    return 0;
}

static int sentence_opener(const slant_doc *d, size_t i)
{
    unsigned char c = (unsigned char)d->norm[i];
    if (isupper(c) || isdigit(c) || c == '"' || c == '\'' || c == '(' || c == '[')
        return 1;
    if (c >= 0x80) {
        uint32_t cp;
        norm_cp(d, i, &cp);
        return is_word_cp(cp); /* no case table beyond ASCII: accept letters */
    }
    return 0;
}

static int add_sentence(slant_doc *d, size_t *cap, size_t start, size_t end)
{
    while (end > start && isspace((unsigned char)d->norm[end - 1]))
        end--;
    if (end <= start)
        return 0;
    if (grow(&d->sents, cap, d->nsents + 1, sizeof *d->sents) != 0)
        return -1;
    d->sents[d->nsents++] = (span){start, end};
    return 0;
}

/* the bytes that may end a sentence or a paragraph */
static const unsigned char sentence_stop[256] = {['\n'] = 1, ['.'] = 1, ['!'] = 1, ['?'] = 1};

static int build_sentences(slant_doc *d)
{
    size_t cap = 0, start = SIZE_MAX;
    const char *t = d->norm;
    size_t n = d->nlen;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)t[i];
        if (start == SIZE_MAX && !isspace(c))
            start = i;
        if (start != SIZE_MAX && !sentence_stop[c]) { /* inside a sentence */
            i++;
            while (text_wide_steps && i + 8 <= n) { /* eight bytes while none can stop */
                uint64_t w;
                memcpy(&w, t + i, 8);
                if (has_byte(w, '\n') || has_byte(w, '.') || has_byte(w, '!') || has_byte(w, '?'))
                    break;
                i += 8;
            }
            while (i < n && !sentence_stop[(unsigned char)t[i]])
                i++;
            continue;
        }
        if (c == '\n' && start != SIZE_MAX) {
            size_t j = i + 1;
            while (j < n && (t[j] == ' ' || t[j] == '\t' || t[j] == '\r'))
                j++;
            if (j >= n || t[j] == '\n') { /* blank line: paragraph break */
                if (add_sentence(d, &cap, start, i) != 0)
                    return -1;
                start = SIZE_MAX;
                i = j;
                continue;
            }
        }
        if ((c == '.' || c == '!' || c == '?') && start != SIZE_MAX) {
            size_t j = i;
            while (j + 1 < n && (t[j + 1] == '.' || t[j + 1] == '!' || t[j + 1] == '?'))
                j++;
            size_t k = j + 1;
            while (k < n && (t[k] == '"' || t[k] == '\'' || t[k] == ')' || t[k] == ']'))
                k++;
            size_t m = k;
            while (m < n && isspace((unsigned char)t[m]))
                m++;
            int boundary = m == n || (m > k && sentence_opener(d, m));
            if (boundary && c == '.' && j == i && abbreviation_before(d, i))
                boundary = 0;
            if (boundary) {
                if (add_sentence(d, &cap, start, k) != 0)
                    return -1;
                start = SIZE_MAX;
                i = m;
                continue;
            }
            i = j + 1;
            continue;
        }
        i++;
    }
    if (start != SIZE_MAX && add_sentence(d, &cap, start, n) != 0)
        return -1;
    return 0;
}

int slant_utf8_check(size_t *out, const char *bytes, size_t len)
{
    if (!out || (!bytes && len))
        return SLANT_EINVAL;
    const unsigned char *p = (const unsigned char *)bytes;
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = utf8_decode(&cp, p + i, len - i);
        if (n == 0) {
            *out = i;
            return SLANT_EINPUT;
        }
        i += n;
    }
    *out = 0;
    return 0;
}

int slant_doc_new(slant_doc **out, const char *name, const char *bytes, size_t len,
                  slant_diag_fn fn, void *payload)
{
    return slant_doc_new_part(out, name, bytes, len, SLANT_INPUT_TEXT, NULL, fn, payload);
}

int slant_doc_new_format(slant_doc **out, const char *name, const char *bytes, size_t len,
                         slant_input_format format, slant_diag_fn fn, void *payload)
{
    return slant_doc_new_part(out, name, bytes, len, format, NULL, fn, payload);
}

int slant_doc_new_part(slant_doc **out, const char *name, const char *bytes, size_t len,
                       slant_input_format format, const slant_part *part, slant_diag_fn fn,
                       void *payload)
{
    *out = NULL;
    if (part && (part->line < 1 || part->column < 1))
        return SLANT_EINVAL;
    if (!bytes && len)
        return SLANT_EINVAL;
    if (len > DOC_MAX_BYTES)
        return SLANT_EINVAL;
    if (!bytes)
        bytes = "";
    markup mk;
    int rc;
    switch (format) {
    case SLANT_INPUT_TEXT: rc = markup_text(&mk, bytes, len); break;
    case SLANT_INPUT_MARKDOWN: rc = markup_markdown(&mk, bytes, len); break;
    case SLANT_INPUT_HTML: rc = markup_html(&mk, bytes, len); break;
    default: return SLANT_EINVAL;
    }
    if (rc < 0) {
        markup_free(&mk);
        return SLANT_ENOMEM;
    }
    slant_doc *d = calloc(1, sizeof *d);
    if (!d) {
        markup_free(&mk);
        return SLANT_ENOMEM;
    }
    d->name = str_dup(name ? name : "-");
    d->orig = (const unsigned char *)bytes;
    d->len = len;
    d->format = format;
    d->part = part ? *part : (slant_part){0, 0, 0, 1, 1};
    d->is_part = part != NULL;
    builder b = {.d = d, .in = d->orig, .inlen = len};
    if (rc == 0) { /* fold the visible text, mapped through to the source */
        b.in = (const unsigned char *)mk.text;
        b.inlen = mk.len;
        b.mk = &mk;
        d->dirs = mk.dirs;
        d->ndirs = mk.ndirs;
        mk.dirs = NULL;
        mk.ndirs = 0;
    }
    int ok = d->name && build_lines(d) == 0 && build_norm(&b, fn, payload) == 0 &&
             build_words(d) == 0 && build_sentences(d) == 0;
    if (rc == 0)
        markup_free(&mk);
    if (!ok) {
        if (!d->norm) {
            buf_free(&b.norm);
            free(b.map);
            free(b.mapend);
            free(b.quotes);
        }
        slant_doc_free(d);
        return SLANT_ENOMEM;
    }
    *out = d;
    return d->nerrors ? SLANT_EINPUT : 0;
}

void slant_doc_free(slant_doc *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->nerrors; i++)
        free(d->errors[i].message);
    free(d->errors);
    free(d->name);
    free(d->norm);
    free(d->map);
    free(d->mapend);
    free(d->lines);
    free(d->ckpt);
    free(d->wstart);
    free(d->wend);
    free(d->sents);
    free(d->quotes);
    free(d->voiced);
    markup_directives_free(d->dirs, d->ndirs);
    free(d);
}

const char *slant_doc_name(const slant_doc *d) { return d ? d->name : NULL; }
slant_input_format slant_doc_format(const slant_doc *d) { return d ? d->format : SLANT_INPUT_TEXT; }

const slant_part *slant_doc_part(const slant_doc *d) { return d && d->is_part ? &d->part : NULL; }

void slant_doc_next_part(slant_part *out, const slant_doc *d)
{
    unsigned line, col;
    size_t cp;
    doc_position(d, d->len, &line, &col, &cp);
    *out = (slant_part){d->part.index + 1, d->part.byte + d->len, cp, line, col};
}
size_t slant_doc_bytes(const slant_doc *d) { return d ? d->len : 0; }
size_t slant_doc_words(const slant_doc *d) { return d ? d->nwords : 0; }
size_t slant_doc_sentences(const slant_doc *d) { return d ? d->nsents : 0; }

size_t doc_orig_start(const slant_doc *d, size_t off)
{
    return off >= d->nlen ? d->len : d->map[off];
}

size_t doc_orig_end(const slant_doc *d, size_t end)
{
    if (end == 0)
        return d->map[0];
    if (end > d->nlen)
        end = d->nlen;
    /* just past the character behind the last byte: characters folded
     * away after it (the CR of CR LF, a zero-width space) stay outside, and
     * a character folded into several bytes (… to ...) is taken whole */
    if (d->mapend)
        return d->mapend[end - 1];
    size_t last = d->map[end - 1];
    return last + utf8_char_len(d->orig + last, d->len - last);
}

span doc_sentence_at(const slant_doc *d, size_t off)
{
    size_t lo = 0, hi = d->nsents;
    if (!hi)
        return (span){0, d->nlen};
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->sents[mid].start <= off)
            lo = mid;
        else
            hi = mid;
    }
    return d->sents[lo];
}

int doc_quoted(const slant_doc *d, size_t start, size_t end)
{
    size_t lo = 0, hi = d->nvoiced;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->voiced[mid].start <= start)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0 || start >= d->voiced[lo - 1].end)
        return 0;
    span q = d->voiced[lo - 1];
    /* a span that is exactly a whole quotation, marks included (a scare
     * quote such as "peace plan"), is the author's choice of quoting */
    return !(q.start == start && q.end <= end);
}

size_t doc_words_before(const slant_doc *d, size_t off)
{
    size_t lo = 0, hi = d->nwords;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->wstart[mid] < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}
