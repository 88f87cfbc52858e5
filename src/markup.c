/* markup.c - what the Markdown and HTML converters share: the visible-text
 * builder, character references, suppression directives, and plain text
 * with directive lines. See markup.h. */
#include "markup_int.h"
#include "slant.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

void markup_directives_free(directive *dirs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < dirs[i].nnames; k++)
            free(dirs[i].names[k]);
        free(dirs[i].names);
        free(dirs[i].word);
    }
    free(dirs);
}

void markup_free(markup *m)
{
    if (!m)
        return;
    free(m->text);
    free(m->at);
    free(m->end);
    free(m->quotes);
    markup_directives_free(m->dirs, m->ndirs);
    memset(m, 0, sizeof *m);
}

void mk_emit(markup *m, const char *s, size_t n, size_t at, size_t end)
{
    if (m->failed || !n)
        return;
    if (at > UINT32_MAX || end > UINT32_MAX ||
        grow(&m->text, &m->cap, m->len + n, 1) != 0 ||
        grow(&m->at, &m->mapcap, m->len + n + 1, sizeof *m->at) != 0 ||
        grow(&m->end, &m->endcap, m->len + n + 1, sizeof *m->end) != 0) {
        m->failed = 1;
        return;
    }
    memcpy(m->text + m->len, s, n);
    for (size_t i = 0; i < n; i++) {
        m->at[m->len + i] = (uint32_t)at;
        m->end[m->len + i] = (uint32_t)end;
    }
    m->len += n;
}

void mk_break(markup *m, size_t at)
{
    /* a blank line, taking no source bytes; never two in a row */
    if (m->len == 0)
        return;
    size_t nl = 0;
    while (nl < m->len && nl < 2 && m->text[m->len - 1 - nl] == '\n')
        nl++;
    if (nl < 2)
        mk_emit(m, "\n\n", 2 - nl, at, at);
}

void mk_quote_open(markup *m)
{
    if (m->qdepth++ > 0)
        return;
    if (grow(&m->quotes, &m->qcap, m->nquotes + 1, sizeof *m->quotes) != 0) {
        m->failed = 1;
        return;
    }
    m->quotes[m->nquotes++] = (vspan){m->len, SIZE_MAX};
}

void mk_quote_close(markup *m)
{
    if (m->qdepth == 0 || --m->qdepth > 0 || m->failed)
        return;
    vspan *q = &m->quotes[m->nquotes - 1];
    q->end = m->len;
    if (q->end <= q->start)
        m->nquotes--; /* an empty quotation marks nothing */
}

void mk_finish(markup *m)
{
    while (m->qdepth > 0)
        mk_quote_close(m);
}

/* ---- suppression directives ------------------------------------------- */

static const char *const directive_words[] = {"slant-disable", "slant-enable",
                                              "slant-disable-next-line", NULL};

static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

void mk_directive(markup *m, const char *s, size_t n, size_t start, size_t end)
{
    size_t i = 0;
    while (i < n && is_blank(s[i]))
        i++;
    if (n - i < 6 || strncasecmp(s + i, "slant-", 6) != 0)
        return; /* an ordinary comment */
    size_t w = i;
    while (i < n && !is_blank(s[i]))
        i++;
    if (grow(&m->dirs, &m->dcap, m->ndirs + 1, sizeof *m->dirs) != 0) {
        m->failed = 1;
        return;
    }
    directive *d = &m->dirs[m->ndirs];
    memset(d, 0, sizeof *d);
    d->start = start;
    d->end = end;
    d->word = str_ndup(s + w, i - w);
    if (!d->word) {
        m->failed = 1;
        return;
    }
    m->ndirs++;
    d->kind = DIR_UNKNOWN;
    for (int k = 0; directive_words[k]; k++)
        if (strcmp(d->word, directive_words[k]) == 0)
            d->kind = (directive_kind)k;
    if (d->kind == DIR_UNKNOWN)
        return;
    /* names, separated by spaces or commas, up to an optional "-- reason" */
    while (i < n) {
        while (i < n && (is_blank(s[i]) || s[i] == ','))
            i++;
        if (i >= n || (i + 1 < n && s[i] == '-' && s[i + 1] == '-'))
            break;
        size_t a = i;
        while (i < n && !is_blank(s[i]) && s[i] != ',')
            i++;
        char **names = realloc(d->names, (d->nnames + 1) * sizeof *names);
        if (!names) {
            m->failed = 1;
            return;
        }
        d->names = names;
        if (!(names[d->nnames] = str_ndup(s + a, i - a))) {
            m->failed = 1;
            return;
        }
        d->nnames++;
    }
}

/* ---- plain text ---------------------------------------------------------- */

int markup_text(markup *m, const char *src, size_t len)
{
    memset(m, 0, sizeof *m);
    /* the common case pays one search and no copy */
    int any = 0;
    for (size_t i = 0; i + 7 <= len && !any; i++) {
        const char *p = memchr(src + i, '[', len - i);
        if (!p)
            break;
        i = (size_t)(p - src);
        any = i + 7 <= len && strncasecmp(p + 1, "slant-", 6) == 0;
    }
    if (!any)
        return 1;
    for (size_t ls = 0; ls < len && !m->failed;) {
        size_t le = ls;
        while (le < len && src[le] != '\n' && src[le] != '\r')
            le++;
        size_t next = le;
        if (next < len && src[next] == '\r')
            next++;
        if (next < len && src[next] == '\n' && (next == le || src[le] == '\r'))
            next++;
        size_t a = ls, b = le;
        while (a < b && (src[a] == ' ' || src[a] == '\t'))
            a++;
        while (b > a && (src[b - 1] == ' ' || src[b - 1] == '\t'))
            b--;
        if (b - a > 8 && src[a] == '[' && src[b - 1] == ']' &&
            strncasecmp(src + a + 1, "slant-", 6) == 0) {
            /* the directive line goes, its line break with it */
            mk_directive(m, src + a + 1, b - a - 2, a, b);
        } else {
            for (size_t i = ls; i < next; i++)
                mk_emit(m, src + i, 1, i, i + 1);
        }
        ls = next;
    }
    return m->failed ? -1 : 0;
}

/* ---- character references ------------------------------------------------ */

typedef struct {
    const char *name;
    uint32_t cp;
} entity;

/* The references news pages and CMS exports use; an unknown name stays
 * as it is written, as browsers leave it. Sorted for bsearch. */
static const entity entities[] = {
    {"AElig", 0xC6},   {"Aacute", 0xC1},  {"Acirc", 0xC2},   {"Agrave", 0xC0},
    {"Aring", 0xC5},   {"Atilde", 0xC3},  {"Auml", 0xC4},    {"Ccedil", 0xC7},
    {"Dagger", 0x2021}, {"ETH", 0xD0},    {"Eacute", 0xC9},  {"Ecirc", 0xCA},
    {"Egrave", 0xC8},  {"Euml", 0xCB},    {"Iacute", 0xCD},  {"Icirc", 0xCE},
    {"Igrave", 0xCC},  {"Iuml", 0xCF},    {"Ntilde", 0xD1},  {"OElig", 0x152},
    {"Oacute", 0xD3},  {"Ocirc", 0xD4},   {"Ograve", 0xD2},  {"Oslash", 0xD8},
    {"Otilde", 0xD5},  {"Ouml", 0xD6},    {"Prime", 0x2033}, {"Scaron", 0x160},
    {"THORN", 0xDE},   {"Uacute", 0xDA},  {"Ucirc", 0xDB},   {"Ugrave", 0xD9},
    {"Uuml", 0xDC},    {"Yacute", 0xDD},  {"Yuml", 0x178},   {"aacute", 0xE1},
    {"acirc", 0xE2},   {"acute", 0xB4},   {"aelig", 0xE6},   {"agrave", 0xE0},
    {"amp", '&'},      {"apos", '\''},    {"aring", 0xE5},   {"atilde", 0xE3},
    {"auml", 0xE4},    {"bdquo", 0x201E}, {"brvbar", 0xA6},  {"bull", 0x2022},
    {"ccedil", 0xE7},  {"cedil", 0xB8},   {"cent", 0xA2},    {"copy", 0xA9},
    {"curren", 0xA4},  {"dagger", 0x2020}, {"dash", 0x2010}, {"deg", 0xB0},
    {"divide", 0xF7},  {"eacute", 0xE9},  {"ecirc", 0xEA},   {"egrave", 0xE8},
    {"emsp", 0x2003},  {"ensp", 0x2002},  {"eth", 0xF0},     {"euml", 0xEB},
    {"euro", 0x20AC},  {"frac12", 0xBD},  {"frac14", 0xBC},  {"frac34", 0xBE},
    {"gt", '>'},       {"hellip", 0x2026}, {"hyphen", 0x2010}, {"iacute", 0xED},
    {"icirc", 0xEE},   {"iexcl", 0xA1},   {"igrave", 0xEC},  {"iquest", 0xBF},
    {"iuml", 0xEF},    {"laquo", 0xAB},   {"ldquo", 0x201C}, {"lrm", 0x200E},
    {"lsaquo", 0x2039}, {"lsquo", 0x2018}, {"lt", '<'},      {"macr", 0xAF},
    {"mdash", 0x2014}, {"micro", 0xB5},   {"middot", 0xB7},  {"minus", 0x2212},
    {"nbsp", 0xA0},    {"ndash", 0x2013}, {"not", 0xAC},     {"ntilde", 0xF1},
    {"oacute", 0xF3},  {"ocirc", 0xF4},   {"oelig", 0x153},  {"ograve", 0xF2},
    {"ordf", 0xAA},    {"ordm", 0xBA},    {"oslash", 0xF8},  {"otilde", 0xF5},
    {"ouml", 0xF6},    {"para", 0xB6},    {"permil", 0x2030}, {"plusmn", 0xB1},
    {"pound", 0xA3},   {"prime", 0x2032}, {"quot", '"'},     {"raquo", 0xBB},
    {"rdquo", 0x201D}, {"reg", 0xAE},     {"rlm", 0x200F},   {"rsaquo", 0x203A},
    {"rsquo", 0x2019}, {"sbquo", 0x201A}, {"scaron", 0x161}, {"sect", 0xA7},
    {"shy", 0xAD},     {"sup1", 0xB9},    {"sup2", 0xB2},    {"sup3", 0xB3},
    {"szlig", 0xDF},   {"thinsp", 0x2009}, {"thorn", 0xFE},  {"times", 0xD7},
    {"trade", 0x2122}, {"uacute", 0xFA},  {"ucirc", 0xFB},   {"ugrave", 0xF9},
    {"uml", 0xA8},     {"uuml", 0xFC},    {"yacute", 0xFD},  {"yen", 0xA5},
    {"yuml", 0xFF},    {"zwj", 0x200D},   {"zwnj", 0x200C},
};

static int cmp_entity(const void *key, const void *e)
{
    return strcmp((const char *)key, ((const entity *)e)->name);
}

/* What browsers show for the C1 code points 128-159 (Windows-1252). */
static const uint16_t cp1252[32] = {
    0x20AC, 0x81,   0x201A, 0x192,  0x201E, 0x2026, 0x2020, 0x2021, 0x2C6,  0x2030, 0x160,
    0x2039, 0x152,  0x8D,   0x17D,  0x8F,   0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x2DC,  0x2122, 0x161,  0x203A, 0x153,  0x9D,   0x17E,  0x178,
};

size_t markup_entity(uint32_t *cp, const char *s, size_t n)
{
    if (n < 3 || s[0] != '&')
        return 0;
    size_t i = 1;
    if (s[1] == '#') {
        int hex = n > 2 && (s[2] == 'x' || s[2] == 'X');
        i = hex ? 3 : 2;
        uint32_t v = 0;
        size_t digits = 0;
        for (; i < n && digits < 8; i++, digits++) {
            char c = s[i];
            int d = c >= '0' && c <= '9' ? c - '0'
                    : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                    : -1;
            if (d < 0)
                break;
            v = v * (hex ? 16 : 10) + (uint32_t)d;
        }
        if (!digits || i >= n || s[i] != ';')
            return 0;
        if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
            v = 0xFFFD;
        else if (v >= 0x80 && v <= 0x9F)
            v = cp1252[v - 0x80];
        *cp = v;
        return i + 1;
    }
    char name[12];
    size_t k = 0;
    while (i < n && k < sizeof name - 1 &&
           ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
            (s[i] >= '0' && s[i] <= '9')))
        name[k++] = s[i++];
    name[k] = '\0';
    if (!k || i >= n || s[i] != ';')
        return 0;
    const entity *e = bsearch(name, entities, sizeof entities / sizeof *entities,
                              sizeof *entities, cmp_entity);
    if (!e)
        return 0;
    *cp = e->cp;
    return i + 1;
}

size_t mk_entity(markup *m, const char *s, size_t n, size_t at)
{
    uint32_t cp;
    size_t k = markup_entity(&cp, s, n);
    if (!k)
        return 0;
    char u[4];
    mk_emit(m, u, utf8_encode(u, cp), at, at + k); /* a reference never spans lines */
    return k;
}

/* ---- formats --------------------------------------------------------------- */

int slant_input_format_parse(slant_input_format *out, const char *name)
{
    if (!name)
        return SLANT_EINVAL;
    if (strcmp(name, "text") == 0)
        *out = SLANT_INPUT_TEXT;
    else if (strcmp(name, "markdown") == 0 || strcmp(name, "md") == 0)
        *out = SLANT_INPUT_MARKDOWN;
    else if (strcmp(name, "html") == 0)
        *out = SLANT_INPUT_HTML;
    else
        return SLANT_EINVAL;
    return 0;
}

const char *slant_input_format_name(slant_input_format format)
{
    return format == SLANT_INPUT_MARKDOWN ? "markdown" : format == SLANT_INPUT_HTML ? "html"
                                                                                    : "text";
}

/* Does a line of s[0..n) start with `prefix`? */
static int line_starts(const char *s, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    for (size_t i = 0; i + k <= n; i++) {
        if ((i == 0 || s[i - 1] == '\n') && strncmp(s + i, prefix, k) == 0)
            return 1;
        const char *nl = memchr(s + i, '\n', n - i);
        if (!nl)
            break;
        i = (size_t)(nl - s);
    }
    return 0;
}

static int contains_ci(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (strncasecmp(s + i, needle, k) == 0)
            return 1;
    return 0;
}

slant_input_format slant_input_format_guess(const char *path, const char *bytes, size_t len)
{
    const char *base = path ? strrchr(path, '/') : NULL;
    base = base ? base + 1 : path;
    const char *dot = base ? strrchr(base, '.') : NULL;
    if (dot && dot != base) {
        static const char *const md[] = {"md", "markdown", "mdown", "mkd", NULL};
        static const char *const html[] = {"html", "htm", "xhtml", NULL};
        for (int i = 0; md[i]; i++)
            if (strcasecmp(dot + 1, md[i]) == 0)
                return SLANT_INPUT_MARKDOWN;
        for (int i = 0; html[i]; i++)
            if (strcasecmp(dot + 1, html[i]) == 0)
                return SLANT_INPUT_HTML;
        return SLANT_INPUT_TEXT;
    }
    if (!bytes)
        return SLANT_INPUT_TEXT;
    /* no telling extension (standard input): the first 4 KB decide */
    size_t n = len < 4096 ? len : 4096, i = 0;
    if (n >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\n' || bytes[i] == '\r'))
        i++;
    const char *s = bytes + i;
    n -= i;
    if (n >= 9 && (strncasecmp(s, "<!doctype", 9) == 0 || strncasecmp(s, "<html", 5) == 0))
        return SLANT_INPUT_HTML;
    static const char *const tags[] = {"<p>", "<p ", "<div", "<body", "<article", "<h1", "<h2",
                                       "<br>", "<br/>", "<li>", "<blockquote", NULL};
    if (n && s[0] == '<')
        for (int k = 0; tags[k]; k++)
            if (contains_ci(s, n, tags[k]))
                return SLANT_INPUT_HTML;
    if ((n >= 4 && strncmp(s, "---", 3) == 0 && (s[3] == '\n' || s[3] == '\r')) ||
        line_starts(s, n, "# ") || line_starts(s, n, "## ") || line_starts(s, n, "### ") ||
        line_starts(s, n, "```") || line_starts(s, n, "~~~") || line_starts(s, n, "> ") ||
        contains_ci(s, n, "](http"))
        return SLANT_INPUT_MARKDOWN;
    return SLANT_INPUT_TEXT;
}
