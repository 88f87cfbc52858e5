/* markup_html.c - HTML to visible text (see markup.h).
 *
 * A tokenizer, not a tree builder: what the text model needs is the text
 * a reader sees, where blocks begin and end, and which parts are quoted,
 * each with exact source offsets. Tags are read with their attributes (a
 * '>' inside a quoted value does not end a tag); the content of script,
 * style, template, pre, code and a few others is skipped with the element;
 * block elements and <br> end sentences; <blockquote> and <q> are quoted
 * voice; character references are decoded. Runs of white space read as one
 * character, as a browser shows them, so a blank line in the source does
 * not split a paragraph. Malformed markup never fails: a '<' that starts
 * no tag is text, and an element left open runs to the end. */
#include "markup_int.h"
#include "util.h"

#include <string.h>
#include <strings.h>

static int name_is(const char *name, size_t n, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == n && strncasecmp(name, list[i], n) == 0)
            return 1;
    return 0;
}

static const char *const block_elements[] = {
    "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd",
    "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
    "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup",
    "hr", "html", "iframe", "legend", "li", "link", "main", "menu", "meta", "nav", "ol",
    "optgroup", "option", "p", "section", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "title", "tr", "ul", "video", "audio", "canvas", "select", NULL,
};

/* Elements whose content is not prose: scripts, styles, code, embedded
 * documents. Their whole content is skipped. */
static const char *const skipped_elements[] = {
    "script", "style", "template", "pre", "code", "kbd", "samp", "svg", "math", "textarea",
    "noscript", "object", "head", NULL,
};

/* Of those, the ones whose content is raw text: no tags inside count. */
static const char *const raw_elements[] = {"script", "style", "textarea", NULL};

int html_is_block(const char *name, size_t n) { return name_is(name, n, block_elements); }

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

static int is_name_char(char c)
{
    return is_alpha(c) || (c >= '0' && c <= '9') || c == '-' || c == ':' || c == '_';
}

/* Finds `needle` (ASCII, any case) in s[from, to); its offset or `to`. */
static size_t find_ci(const char *s, size_t from, size_t to, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = from; i + k <= to; i++)
        if (strncasecmp(s + i, needle, k) == 0)
            return i;
    return to;
}

/* A tag at s[i] ('<'): its length (through '>'), name and whether it
 * closes; 0 when there is no well-formed tag. */
static size_t read_tag(const char *s, size_t i, size_t to, size_t *name, size_t *nlen,
                       int *closing)
{
    size_t j = i + 1;
    *closing = j < to && s[j] == '/';
    if (*closing)
        j++;
    if (j >= to || !is_alpha(s[j]))
        return 0;
    *name = j;
    while (j < to && is_name_char(s[j]))
        j++;
    *nlen = j - *name;
    if (j < to && !is_space(s[j]) && s[j] != '>' && s[j] != '/')
        return 0; /* "<3" or "<a=b": not a tag */
    char quote = 0;
    for (; j < to; j++) {
        char c = s[j];
        if (quote) {
            if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            return j + 1 - i;
        } else if (c == '<') {
            return 0; /* a new tag before this one closed: this was text */
        }
    }
    return 0;
}

/* The end of element `name` opened before `from`: the offset just past
 * its end tag (nested elements of the same name counted unless the
 * content is raw text), or `to` when it is never closed. */
static size_t element_end(const char *s, size_t from, size_t to, const char *name, size_t nlen,
                          int raw)
{
    size_t depth = 1;
    for (size_t j = from; j < to; j++) {
        if (s[j] != '<')
            continue;
        size_t nm, nl;
        int closing;
        size_t k = read_tag(s, j, to, &nm, &nl, &closing);
        if (!k || nl != nlen || strncasecmp(s + nm, name, nlen) != 0) {
            if (!raw && j + 4 <= to && strncmp(s + j, "<!--", 4) == 0) {
                size_t e = find_ci(s, j + 4, to, "-->");
                j = e < to ? e + 2 : to;
            }
            continue;
        }
        if (!closing && !raw && s[j + k - 2] != '/')
            depth++;
        else if (closing && --depth == 0)
            return j + k;
        j += k - 1;
    }
    return to;
}

size_t html_markup_at(markup *m, const mk_input *in, size_t i, size_t to)
{
    const char *s = in->s;
    if (i + 1 >= to || s[i] != '<')
        return 0;
    if (i + 4 <= to && strncmp(s + i, "<!--", 4) == 0) {
        size_t e = find_ci(s, i + 4, to, "-->");
        size_t stop = e < to ? e + 3 : to;
        mk_directive(m, s + i + 4, e - (i + 4), mk_src(in, i), mk_src(in, stop - 1) + 1);
        return stop - i;
    }
    if (i + 9 <= to && strncmp(s + i, "<![CDATA[", 9) == 0) {
        size_t e = find_ci(s, i + 9, to, "]]>");
        return (e < to ? e + 3 : to) - i;
    }
    if (s[i + 1] == '!' || s[i + 1] == '?') { /* <!DOCTYPE ...>, <?xml ...?> */
        size_t e = i + 2;
        while (e < to && s[e] != '>')
            e++;
        return (e < to ? e + 1 : to) - i;
    }
    size_t name, nlen;
    int closing;
    size_t k = read_tag(s, i, to, &name, &nlen, &closing);
    if (!k)
        return 0;
    size_t at = mk_src(in, i);
    const char *nm = s + name;
    if (!closing && name_is(nm, nlen, skipped_elements) && s[i + k - 2] != '/') {
        size_t e = element_end(s, i + k, to, nm, nlen, name_is(nm, nlen, raw_elements));
        mk_break(m, at);
        return e - i;
    }
    int quote_block = nlen == 10 && strncasecmp(nm, "blockquote", 10) == 0;
    int quote_inline = nlen == 1 && (nm[0] == 'q' || nm[0] == 'Q');
    if (html_is_block(nm, nlen))
        mk_break(m, at);
    if (quote_block || quote_inline) {
        if (closing)
            mk_quote_close(m);
        else
            mk_quote_open(m);
    }
    return k;
}

void html_convert(markup *m, const mk_input *in, size_t from, size_t to)
{
    const char *s = in->s;
    size_t i = from;
    while (i < to && !m->failed) {
        char c = s[i];
        if (c == '<') {
            size_t k = html_markup_at(m, in, i, to);
            if (k) {
                i += k;
                continue;
            }
        } else if (c == '&') {
            size_t k = mk_entity(m, s + i, to - i, mk_src(in, i));
            if (k) {
                i += k;
                continue;
            }
        } else if (is_space(c)) {
            /* one character for the run: a line break if it holds one;
             * none at the start or after a block boundary */
            size_t j = i, nl = to;
            while (j < to && is_space(s[j])) {
                if (s[j] == '\n' && nl == to)
                    nl = j;
                j++;
            }
            size_t at = mk_src(in, nl < to ? nl : i);
            if (m->len && !(m->len >= 2 && m->text[m->len - 1] == '\n' &&
                            m->text[m->len - 2] == '\n'))
                mk_emit(m, nl < to ? "\n" : s + i, 1, at, at + 1);
            i = j;
            continue;
        }
        size_t at = mk_src(in, i);
        mk_emit(m, s + i, 1, at, at + 1);
        i++;
    }
}

int markup_html(markup *m, const char *src, size_t len)
{
    memset(m, 0, sizeof *m);
    mk_input in = {src, NULL, 0, len};
    size_t from = len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    html_convert(m, &in, from, len);
    mk_finish(m);
    return m->failed ? -1 : 0;
}
