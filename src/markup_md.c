/* markup_md.c - Markdown to visible text (see markup.h).
 *
 * Two passes, as CommonMark is specified: blocks by lines, then inlines
 * within each block. The block pass strips what only structures the text
 * (block-quote markers, list markers, heading marks, table pipes, fences)
 * and gathers a paragraph's lines into one buffer that remembers each
 * byte's source offset, so the inline pass composes its own offsets with
 * them. The inline pass keeps link text and drops link destinations,
 * images, code spans, autolinks and bare URLs, emphasis markers, inline
 * HTML (whose tags still end sentences or open quotations) and decodes
 * backslash escapes and character references.
 *
 * What is skipped whole: front matter (--- or +++ at the very start),
 * fenced and indented code, HTML comments, link reference definitions.
 * Block quotes are quoted voice. This is not a full CommonMark parser:
 * emphasis markers are dropped where they flank a word rather than paired,
 * and lazy continuation and list nesting are read approximately, which is
 * all the text model needs; the tests in tests/unit/test_markup.c pin
 * down what is read how. Searches for closing brackets and backticks are
 * bounded, so no input makes a pass quadratic. */
#include "markup_int.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define LINK_TEXT_MAX 512   /* bytes a link text may span */
#define LINK_DEST_MAX 2048  /* bytes a link destination and title may span */
#define FENCE_RUNS 32      /* backtick run lengths whose failures are remembered */

static int is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
static int is_alnum(char c) { return isalnum_ascii((unsigned char)c) || (unsigned char)c >= 0x80; }
static int is_punct(char c)
{
    return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
           (c >= '{' && c <= '~');
}

/* ---- inlines ------------------------------------------------------------ */

typedef struct {
    markup *m;
    const mk_input *in;
    size_t no_close_bracket; /* no ']' at or after this offset */
    size_t next_close, next_from; /* the first ']' at or after next_from */
    size_t next_paren, paren_from; /* the first ')' at or after paren_from */
    size_t no_ticks[FENCE_RUNS + 1]; /* no backtick run of that length at or after */
} inl;

static size_t run_of(const char *s, size_t i, size_t to, char c)
{
    size_t j = i;
    while (j < to && s[j] == c)
        j++;
    return j - i;
}

/* The closing backtick run of length k after `from`, or `to`. */
static size_t code_close(inl *x, size_t from, size_t to, size_t k)
{
    const char *s = x->in->s;
    size_t slot = k < FENCE_RUNS ? k : FENCE_RUNS;
    if (from >= x->no_ticks[slot])
        return to;
    for (size_t j = from; j < to;) {
        if (s[j] != '`') {
            j++;
            continue;
        }
        size_t r = run_of(s, j, to, '`');
        if (r == k)
            return j;
        j += r;
    }
    if (from < x->no_ticks[slot])
        x->no_ticks[slot] = from;
    return to;
}

/* The ']' matching the '[' at `open`, or 0. */
static size_t bracket_close(inl *x, size_t open, size_t to)
{
    const char *s = x->in->s;
    if (open >= x->no_close_bracket)
        return 0;
    /* the next ']' at all, found once for a run of opens before it */
    if (!(x->next_from <= open && open <= x->next_close)) {
        size_t j = open;
        while (j < to && s[j] != ']')
            j++;
        x->next_from = open;
        x->next_close = j;
    }
    if (x->next_close >= to) {
        x->no_close_bracket = open;
        return 0;
    }
    if (x->next_close - open > LINK_TEXT_MAX)
        return 0;
    size_t depth = 0, lim = open + LINK_TEXT_MAX < to ? open + LINK_TEXT_MAX : to;
    int any = 0;
    for (size_t j = open; j < lim; j++) {
        char c = s[j];
        if (c == '\\') {
            j++;
        } else if (c == '[') {
            depth++;
        } else if (c == ']') {
            any = 1;
            if (--depth == 0)
                return j;
        } else if (c == '`') {
            size_t r = run_of(s, j, to, '`');
            size_t e = code_close(x, j + r, to, r);
            j = (e < to ? e + r : j + r) - 1;
        }
    }
    if (!any && lim == to)
        x->no_close_bracket = open;
    return 0;
}

/* After "](": the end of an inline link's destination and title, just
 * past ')', or 0 when it is not one. */
static size_t link_destination(const char *s, size_t j, size_t to)
{
    if (to - j > LINK_DEST_MAX)
        to = j + LINK_DEST_MAX;
    while (j < to && is_ws(s[j]))
        j++;
    if (j < to && s[j] == '<') {
        while (j < to && s[j] != '>' && s[j] != '\n')
            j++;
        if (j >= to || s[j] != '>')
            return 0;
        j++;
    } else {
        int depth = 0;
        while (j < to && !is_ws(s[j])) {
            if (s[j] == '\\' && j + 1 < to)
                j++;
            else if (s[j] == '(')
                depth++;
            else if (s[j] == ')' && depth-- == 0)
                break;
            j++;
        }
    }
    while (j < to && is_ws(s[j]))
        j++;
    if (j < to && (s[j] == '"' || s[j] == '\'' || s[j] == '(')) {
        char close = s[j] == '(' ? ')' : s[j];
        for (j++; j < to && s[j] != close; j++)
            if (s[j] == '\\')
                j++;
        if (j >= to)
            return 0;
        j++;
        while (j < to && is_ws(s[j]))
            j++;
    }
    return j < to && s[j] == ')' ? j + 1 : 0;
}

/* A link or image at `open` ('['): its end, with the text in [*tf, *tt);
 * 0 when it is not one (brackets alone stay text). */
static size_t link_at(inl *x, size_t open, size_t to, size_t *tf, size_t *tt)
{
    const char *s = x->in->s;
    size_t close = bracket_close(x, open, to);
    if (!close || close + 1 >= to)
        return 0;
    *tf = open + 1;
    *tt = close;
    if (s[close + 1] == '(') {
        size_t j = close + 2;
        if (!(x->paren_from <= j && j <= x->next_paren)) {
            size_t k = j;
            while (k < to && s[k] != ')')
                k++;
            x->paren_from = j;
            x->next_paren = k;
        }
        if (x->next_paren >= to || x->next_paren - j > LINK_DEST_MAX)
            return 0; /* no ')' near enough: not a link */
        return link_destination(s, j, to);
    }
    if (s[close + 1] == '[') { /* [text][ref] or [text][] */
        for (size_t j = close + 2; j < to && j < close + 2 + LINK_TEXT_MAX; j++)
            if (s[j] == ']')
                return j + 1;
            else if (s[j] == '[')
                return 0;
    }
    return 0;
}

/* <scheme:...> or <user@host>: its length, or 0. */
static size_t autolink_at(const char *s, size_t i, size_t to)
{
    size_t j = i + 1, k = j;
    while (k < to && (is_alnum(s[k]) || s[k] == '+' || s[k] == '.' || s[k] == '-'))
        k++;
    int scheme = k > j + 1 && k < to && s[k] == ':';
    int mail = 0;
    for (k = j; k < to && s[k] != '>'; k++) {
        if (is_ws(s[k]) || s[k] == '<')
            return 0;
        if (s[k] == '@')
            mail = 1;
    }
    return k < to && (scheme || mail) ? k + 1 - i : 0;
}

/* A bare URL at i (http://, https://, www.): its length, without the
 * punctuation that ends the sentence around it; 0 when there is none. */
static size_t bare_url_at(const char *s, size_t i, size_t to)
{
    if (i > 0 && (is_alnum(s[i - 1]) || s[i - 1] == '/' || s[i - 1] == '.'))
        return 0;
    size_t k = 0;
    if (to - i > 8 && strncasecmp(s + i, "https://", 8) == 0)
        k = 8;
    else if (to - i > 7 && strncasecmp(s + i, "http://", 7) == 0)
        k = 7;
    else if (to - i > 4 && strncasecmp(s + i, "www.", 4) == 0)
        k = 4;
    if (!k || is_ws(s[i + k]))
        return 0;
    size_t j = i + k;
    while (j < to && !is_ws(s[j]) && s[j] != '<')
        j++;
    while (j > i + k && strchr(".,:;!?'\")]*_", s[j - 1]))
        j--;
    return j - i;
}

static void emit_byte(inl *x, size_t i)
{
    size_t at = mk_src(x->in, i);
    mk_emit(x->m, x->in->s + i, 1, at, at + 1);
}

static void inlines(inl *x, size_t from, size_t to, int depth)
{
    const char *s = x->in->s;
    markup *m = x->m;
    size_t i = from;
    while (i < to && !m->failed) {
        char c = s[i];
        size_t k = 0, tf, tt;
        switch (c) {
        case '\\':
            if (i + 1 < to && is_punct(s[i + 1])) {
                mk_emit(m, s + i + 1, 1, mk_src(x->in, i), mk_src(x->in, i + 1) + 1);
                i += 2;
                continue;
            }
            if (i + 1 < to && s[i + 1] == '\n') { /* a hard line break */
                emit_byte(x, i + 1);
                i += 2;
                continue;
            }
            break;
        case '`': {
            size_t r = run_of(s, i, to, '`');
            size_t e = code_close(x, i + r, to, r);
            if (e < to) { /* a code span: not prose */
                i = e + r;
                continue;
            }
            for (size_t j = 0; j < r; j++)
                emit_byte(x, i + j);
            i += r;
            continue;
        }
        case '!':
            if (i + 1 < to && s[i + 1] == '[' && (k = link_at(x, i + 1, to, &tf, &tt))) {
                i = k; /* an image: its alt text is not prose */
                continue;
            }
            break;
        case '[':
            if (i + 1 < to && s[i + 1] == '^') { /* a footnote reference */
                size_t e = i + 2;
                while (e < to && e < i + 64 && s[e] != ']' && !is_ws(s[e]))
                    e++;
                if (e < to && s[e] == ']') {
                    i = e + 1;
                    continue;
                }
            }
            if (depth < 8 && (k = link_at(x, i, to, &tf, &tt))) {
                inlines(x, tf, tt, depth + 1); /* the link text is read; the URL is not */
                i = k;
                continue;
            }
            break;
        case '<':
            if ((k = autolink_at(s, i, to)) || (k = html_markup_at(m, x->in, i, to))) {
                i += k;
                continue;
            }
            break;
        case '&':
            if ((k = mk_entity(m, s + i, to - i, mk_src(x->in, i)))) {
                i += k;
                continue;
            }
            break;
        case '*':
        case '_':
        case '~': {
            size_t r = run_of(s, i, to, c);
            char prev = i > from ? s[i - 1] : ' ', next = i + r < to ? s[i + r] : ' ';
            int left = !is_ws(next), right = !is_ws(prev);
            int drop = c == '*' ? left || right
                       : c == '_' ? (left && !is_alnum(prev)) || (right && !is_alnum(next))
                                  : r >= 2 && (left || right);
            if (!drop)
                for (size_t j = 0; j < r; j++)
                    emit_byte(x, i + j);
            i += r;
            continue;
        }
        case 'h':
        case 'H':
        case 'w':
        case 'W':
            if ((k = bare_url_at(s, i, to))) {
                i += k;
                continue;
            }
            break;
        default:
            break;
        }
        emit_byte(x, i);
        i++;
    }
}

static void inline_run(markup *m, const mk_input *in, size_t from, size_t to)
{
    inl x = {.m = m, .in = in, .no_close_bracket = SIZE_MAX, .next_from = SIZE_MAX,
           .paren_from = SIZE_MAX};
    for (size_t k = 0; k <= FENCE_RUNS; k++)
        x.no_ticks[k] = SIZE_MAX;
    inlines(&x, from, to, 0);
}

/* ---- blocks ------------------------------------------------------------- */

typedef struct {
    markup *m;
    const char *src;
    size_t len;
    /* the open paragraph: its bytes and their source offsets */
    char *p;
    uint32_t *pos;
    size_t pn, pcap, poscap;
    int quoted;     /* it is inside a block quote */
    size_t last_eol; /* where its last line ended */
    int in_list, in_table;
    char fence;     /* the open fence's character, or 0 */
    size_t fence_len;
} md;

static void para_add(md *d, const char *s, size_t n, size_t at)
{
    if (grow(&d->p, &d->pcap, d->pn + n, 1) != 0 ||
        grow(&d->pos, &d->poscap, d->pn + n, sizeof *d->pos) != 0 || at + n > UINT32_MAX) {
        d->m->failed = 1;
        return;
    }
    memcpy(d->p + d->pn, s, n);
    for (size_t i = 0; i < n; i++)
        d->pos[d->pn + i] = (uint32_t)(at + i);
    d->pn += n;
}

/* One block of inline content, between block boundaries. */
static void block(md *d, const mk_input *in, size_t from, size_t to, int quoted, size_t at,
                  size_t end)
{
    mk_break(d->m, at);
    if (quoted)
        mk_quote_open(d->m);
    inline_run(d->m, in, from, to);
    if (quoted)
        mk_quote_close(d->m);
    mk_break(d->m, end);
}

static void flush(md *d)
{
    if (!d->pn)
        return;
    mk_input in = {d->p, d->pos, 0, d->pn};
    block(d, &in, 0, d->pn, d->quoted, d->pos[0], d->last_eol);
    d->pn = 0;
}

/* The source text [a, b) as one block. */
static void source_block(md *d, size_t a, size_t b, int quoted)
{
    while (b > a && (d->src[b - 1] == ' ' || d->src[b - 1] == '\t'))
        b--;
    mk_input in = {d->src + a, NULL, a, b - a};
    block(d, &in, 0, b - a, quoted, a, b);
}

static size_t after_line(const char *s, size_t len, size_t i)
{
    while (i < len && s[i] != '\n')
        i++;
    return i < len ? i + 1 : len;
}

static size_t find_ci(const char *s, size_t from, size_t len, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = from; i + k <= len; i++)
        if (strncasecmp(s + i, needle, k) == 0)
            return i;
    return len;
}

/* When the line at t starts an HTML block (CommonMark kinds 1 to 6): the
 * offset where the block ends (the start of the line after it), else 0. */
static size_t html_block_end(const md *d, size_t t, size_t le)
{
    const char *s = d->src;
    size_t len = d->len;
    if (t >= le || s[t] != '<')
        return 0;
    static const char *const raw[] = {"script", "pre", "style", "textarea", NULL};
    for (int k = 0; raw[k]; k++) {
        size_t n = strlen(raw[k]);
        if (t + 1 + n <= le && strncasecmp(s + t + 1, raw[k], n) == 0 &&
            (t + 1 + n == le || s[t + 1 + n] == '>' || is_ws(s[t + 1 + n]))) {
            char close[16];
            snprintf(close, sizeof close, "</%s>", raw[k]);
            return after_line(s, len, find_ci(s, t, len, close));
        }
    }
    static const struct {
        const char *open, *close;
    } kinds[] = {{"<!--", "-->"}, {"<?", "?>"}, {"<![CDATA[", "]]>"}};
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
        if (le - t >= strlen(kinds[k].open) &&
            strncmp(s + t, kinds[k].open, strlen(kinds[k].open)) == 0)
            return after_line(s, len, find_ci(s, t + strlen(kinds[k].open), len, kinds[k].close));
    if (t + 2 < le && s[t + 1] == '!' && s[t + 2] >= 'A' && s[t + 2] <= 'Z')
        return after_line(s, len, find_ci(s, t, len, ">"));
    size_t n0 = t + 1 + (t + 1 < le && s[t + 1] == '/');
    size_t n1 = n0;
    while (n1 < le && isalnum_ascii((unsigned char)s[n1]))
        n1++;
    if (n1 == n0 || !html_is_block(s + n0, n1 - n0) ||
        !(n1 == le || is_ws(s[n1]) || s[n1] == '>' || (s[n1] == '/' && n1 + 1 < le && s[n1 + 1] == '>')))
        return 0;
    /* kind 6 runs to a blank line */
    for (size_t i = after_line(s, len, t); i < len; i = after_line(s, len, i)) {
        size_t j = i;
        while (j < len && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r'))
            j++;
        if (j >= len || s[j] == '\n')
            return i;
    }
    return len;
}

/* A closing or opening fence at t: the run's length, or 0. */
static size_t fence_at(const char *s, size_t t, size_t le, char want)
{
    if (t >= le)
        return 0;
    char c = s[t];
    if ((c != '`' && c != '~') || (want && c != want))
        return 0;
    size_t r = run_of(s, t, le, c);
    if (r < 3)
        return 0;
    if (c == '`' && memchr(s + t + r, '`', le - t - r))
        return 0; /* an info string with a backtick: inline code, not a fence */
    return r;
}

/* A line of only `c` (and spaces), at least `min` of them. */
static int rule_line(const char *s, size_t t, size_t le, char c, size_t min)
{
    size_t n = 0;
    for (size_t i = t; i < le; i++) {
        if (s[i] == c)
            n++;
        else if (s[i] != ' ' && s[i] != '\t')
            return 0;
    }
    return n >= min;
}

/* A list marker at t: the offset where the item's text starts, or 0. */
static size_t list_item(const char *s, size_t t, size_t le)
{
    size_t j = t;
    if (s[j] == '-' || s[j] == '*' || s[j] == '+') {
        j++;
    } else {
        while (j < le && j < t + 9 && s[j] >= '0' && s[j] <= '9')
            j++;
        if (j == t || j >= le || (s[j] != '.' && s[j] != ')'))
            return 0;
        j++;
    }
    if (j < le && s[j] != ' ' && s[j] != '\t')
        return 0;
    while (j < le && (s[j] == ' ' || s[j] == '\t'))
        j++;
    /* a task list box: [ ] or [x] */
    if (j + 3 <= le && s[j] == '[' && s[j + 2] == ']' && strchr(" xX", s[j + 1]) &&
        (j + 3 == le || s[j + 3] == ' '))
        j += 3;
    while (j < le && (s[j] == ' ' || s[j] == '\t'))
        j++;
    return j;
}

/* A table's delimiter row: | --- | :---: | */
static int delimiter_row(const char *s, size_t t, size_t le)
{
    int dash = 0, pipe = 0;
    for (size_t i = t; i < le; i++) {
        char c = s[i];
        if (c == '-')
            dash = 1;
        else if (c == '|')
            pipe = 1;
        else if (c != ':' && c != ' ' && c != '\t' && c != '\r')
            return 0;
    }
    return dash && pipe;
}

/* A table row: each cell its own block. */
static void table_row(md *d, size_t t, size_t le, int quoted)
{
    const char *s = d->src;
    size_t a = t;
    if (a < le && s[a] == '|')
        a++;
    for (size_t i = a; i <= le; i++) {
        if (i < le && s[i] == '\\') {
            i++;
            continue;
        }
        if (i < le && s[i] == '`') {
            size_t r = run_of(s, i, le, '`');
            size_t e = i + r;
            while (e < le && !(s[e] == '`' && run_of(s, e, le, '`') == r))
                e++;
            i = e < le ? e + r - 1 : i + r - 1;
            continue;
        }
        if (i == le || s[i] == '|') {
            size_t ca = a, cb = i;
            while (ca < cb && (s[ca] == ' ' || s[ca] == '\t'))
                ca++;
            if (cb > ca)
                source_block(d, ca, cb, quoted);
            a = i + 1;
        }
    }
}

static int has_pipe(const char *s, size_t t, size_t le)
{
    return memchr(s + t, '|', le - t) != NULL;
}

/* Where the line starting at i ends (its line break, or len). */
static size_t line_end(const char *s, size_t len, size_t i)
{
    while (i < len && s[i] != '\n' && s[i] != '\r')
        i++;
    return i;
}

/* Skips front matter (--- ... --- or ..., or +++ ... +++) at `i`. */
static size_t front_matter(const char *s, size_t len, size_t i)
{
    size_t e = line_end(s, len, i);
    if (e - i < 3 || (s[i] != '-' && s[i] != '+') || !rule_line(s, i, e, s[i], 3) ||
        memchr(s + i, ' ', e - i))
        return i;
    char open = s[i];
    for (size_t l = after_line(s, len, i); l < len; l = after_line(s, len, l)) {
        size_t b = line_end(s, len, l);
        while (b > l && (s[b - 1] == ' ' || s[b - 1] == '\t'))
            b--;
        if (b - l == 3 && (rule_line(s, l, b, open, 3) ||
                           (open == '-' && strncmp(s + l, "...", 3) == 0)))
            return after_line(s, len, l);
    }
    return i; /* never closed: not front matter */
}

/* "[label]:" at t, a link reference definition (not a footnote): the
 * offset of its ']', else 0. */
static size_t definition_at(const char *s, size_t t, size_t le)
{
    if (s[t] != '[' || t + 1 >= le || s[t + 1] == ']')
        return 0;
    const char *close = memchr(s + t, ']', le - t);
    if (!close || close + 1 >= s + le || close[1] != ':')
        return 0;
    return (size_t)(close - s);
}

int markup_markdown(markup *m, const char *src, size_t len)
{
    memset(m, 0, sizeof *m);
    md d = {.m = m, .src = src, .len = len};
    size_t ls = len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    ls = front_matter(src, len, ls);
    int prev_blank = 1;
    while (ls < len && !m->failed) {
        size_t le = ls;
        while (le < len && src[le] != '\n' && src[le] != '\r')
            le++;
        size_t next = le < len && src[le] == '\r' ? le + 1 : le;
        if (next < len && src[next] == '\n')
            next++;
        else if (next == le && le < len)
            next++;
        /* block-quote markers */
        size_t p = ls;
        int quoted = 0;
        for (;;) {
            size_t q = p;
            while (q < le && q < p + 3 && src[q] == ' ')
                q++;
            if (q >= le || src[q] != '>')
                break;
            quoted = 1;
            p = q + 1;
            if (p < le && (src[p] == ' ' || src[p] == '\t'))
                p++;
        }
        if (d.fence) { /* inside fenced code until its closing fence */
            size_t t = p;
            while (t < le && t < p + 3 && src[t] == ' ')
                t++;
            size_t r = fence_at(src, t, le, d.fence);
            if (r >= d.fence_len && rule_line(src, t, le, d.fence, r))
                d.fence = 0;
            ls = next;
            continue;
        }
        size_t t = p, indent = 0;
        while (t < le && (src[t] == ' ' || src[t] == '\t')) {
            indent += src[t] == '\t' ? 4 - indent % 4 : 1;
            t++;
        }
        if (t == le) { /* blank line: the end of a paragraph */
            flush(&d);
            d.in_table = 0;
            prev_blank = 1;
            ls = next;
            continue;
        }
        if (indent >= 4 && !d.pn && !d.in_list) { /* indented code */
            ls = next;
            prev_blank = 0;
            continue;
        }
        if (prev_blank && indent == 0 && !quoted)
            d.in_list = 0; /* the list ended, unless this line is an item */
        size_t k;
        char c = src[t];
        if ((k = fence_at(src, t, le, 0))) {
            flush(&d);
            d.fence = c;
            d.fence_len = k;
        } else if (c == '#' && (k = run_of(src, t, le, '#')) <= 6 &&
                   (t + k == le || src[t + k] == ' ' || src[t + k] == '\t')) {
            flush(&d);
            size_t a = t + k, b = le;
            while (b > a && (src[b - 1] == ' ' || src[b - 1] == '\t'))
                b--;
            size_t h = b;
            while (h > a && src[h - 1] == '#')
                h--;
            if (h == a || src[h - 1] == ' ' || src[h - 1] == '\t')
                b = h; /* closing hashes */
            while (a < b && (src[a] == ' ' || src[a] == '\t'))
                a++;
            source_block(&d, a, b, quoted);
        } else if ((d.pn && (c == '=' || c == '-') && rule_line(src, t, le, c, 1)) ||
                   ((c == '-' || c == '*' || c == '_') && rule_line(src, t, le, c, 3))) {
            flush(&d); /* a setext heading's underline, or a thematic break */
        } else if (!quoted && (k = html_block_end(&d, t, le))) {
            flush(&d);
            mk_input in = {src, NULL, 0, len};
            mk_break(m, t);
            html_convert(m, &in, t, k);
            mk_break(m, k);
            ls = k;
            prev_blank = 0;
            continue;
        } else if ((k = definition_at(src, t, le)) && src[t + 1] != '^') {
            if (d.pn) /* cannot interrupt a paragraph: it is text */
                goto paragraph;
            /* a link reference definition: a URL, not prose */
        } else if (k) {
            flush(&d); /* a footnote: its text is prose */
            size_t a = k + 2;
            while (a < le && (src[a] == ' ' || src[a] == '\t'))
                a++;
            d.quoted = quoted;
            if (a < le)
                para_add(&d, src + a, le - a, a);
            d.last_eol = le;
        } else if ((k = list_item(src, t, le)) && (k > t + 1 || k == le)) {
            flush(&d);
            d.in_list = 1;
            if (k < le) {
                d.quoted = quoted;
                para_add(&d, src + k, le - k, k);
                d.last_eol = le;
            }
        } else if (has_pipe(src, t, le) &&
                   (d.in_table ||
                    (next < len && delimiter_row(src, next, line_end(src, len, next))))) {
            flush(&d);
            if (!delimiter_row(src, t, le))
                table_row(&d, t, le, quoted);
            d.in_table = 1;
        } else {
        paragraph:
            if (d.pn && quoted && !d.quoted)
                flush(&d); /* a block quote starts below a paragraph */
            if (!d.pn)
                d.quoted = quoted;
            else
                para_add(&d, "\n", 1, d.last_eol);
            para_add(&d, src + t, le - t, t);
            d.last_eol = le;
        }
        prev_blank = 0;
        ls = next;
    }
    flush(&d);
    mk_finish(m);
    free(d.p);
    free(d.pos);
    return m->failed ? -1 : 0;
}
