/* render_pretty.c - findings for a person at a terminal, shaped like a
 * compiler diagnostic: the location and message, the source line with the
 * span underlined, then the advice:
 *
 *   article.txt:3:26: warning: Source granted anonymity [unnamed-source.anonymity]
 *       3 | Two officials, who spoke on condition of
 *         |                          ^~~~~~~~~~~~~~~~ continues on line 4
 *         = advice: Name the source or say why it cannot be named.
 *
 * News paragraphs are often one long line, so a window of the line around
 * the span is shown. Columns are code points, as everywhere in slant. */
#include "render.h"
#include "util.h"

#include <string.h>

#define WINDOW_CP 100  /* code points of a source line shown at most */
#define CONTEXT_CP 24  /* shown before the span when the line is cut */
#define GUTTER "\033[1;34m"

/* One code point of the source line as it is shown: tabs become a space,
 * control characters '?', invalid bytes U+FFFD, so the underline below
 * stays aligned one column per code point. */
static void put_cp(FILE *f, const unsigned char *p, size_t k, int valid)
{
    if (!valid)
        fputs("\xEF\xBF\xBD", f);
    else if (*p == '\t')
        fputc(' ', f);
    else if (*p < 0x20 || *p == 0x7F)
        fputc('?', f);
    else
        fwrite(p, 1, k, f);
}

static void snippet(slant_renderer *r, const slant_doc *d, const slant_finding *x)
{
    FILE *f = r->out;
    /* lines and columns count from the whole text; a part's first line
     * is its line part.line, which may start at a later column */
    if (x->line < d->part.line || x->line - d->part.line >= d->nlines)
        return;
    size_t li = x->line - d->part.line;
    unsigned first_col = li == 0 ? d->part.column : 1;
    size_t from = d->lines[li].byte;
    size_t to = li + 1 < d->nlines ? d->lines[li + 1].byte : d->len;
    while (to > from && (d->orig[to - 1] == '\n' || d->orig[to - 1] == '\r'))
        to--;
    size_t n = 0; /* code points on the line */
    for (size_t i = from; i < to; n++)
        i += utf8_char_len(d->orig + i, to - i);
    size_t c0 = x->column >= first_col ? x->column - first_col : 0;
    size_t c1 = x->end_line == x->line && x->end_column > x->column ? x->end_column - first_col : n;
    if (c0 > n)
        c0 = n;
    if (c1 > n)
        c1 = n;
    size_t ws = 0, we = n;
    if (n > WINDOW_CP) {
        ws = c0 > CONTEXT_CP ? c0 - CONTEXT_CP : 0;
        we = ws + WINDOW_CP < n ? ws + WINDOW_CP : n;
    }
    char gutter[32];
    snprintf(gutter, sizeof gutter, "%6u | ", x->line);
    render_put(r, GUTTER, gutter);
    if (ws > 0)
        fputs("…", f);
    size_t c = 0;
    for (size_t i = from; i < to && c < we; c++) {
        uint32_t cp;
        size_t k = utf8_decode(&cp, d->orig + i, to - i);
        if (c >= ws)
            put_cp(f, d->orig + i, k ? k : 1, k != 0);
        i += k ? k : 1;
    }
    if (we < n)
        fputs("…", f);
    fputc('\n', f);
    render_put(r, GUTTER, "       | ");
    size_t indent = ws > 0 ? c0 - ws + 1 : c0; /* the "…" takes a column */
    fprintf(f, "%*s", (int)indent, "");
    buf b = {0};
    buf_addc(&b, '^');
    for (size_t k = c0 + 1; k < c1 && k < we; k++)
        buf_addc(&b, '~');
    const char *s = buf_str(&b);
    render_put(r, render_sev_color(x->severity), s ? s : "^");
    buf_free(&b);
    if (x->end_line > x->line && !(x->end_line == x->line + 1 && x->end_column == 1))
        fprintf(f, " continues to line %u", x->end_line);
    fputc('\n', f);
}

static int pretty_doc(slant_renderer *r, const slant_doc *doc, const slant_report *rep)
{
    FILE *f = r->out;
    for (size_t i = 0; i < rep->n; i++) {
        const slant_finding *x = &rep->findings[i];
        if (x->suppressed)
            continue; /* accepted: counted on the summary line only */
        render_put_where(r, doc->name, x->line, x->column, x->severity);
        fputs(": ", f);
        render_put(r, "\033[1m", x->message);
        fputc(' ', f);
        fputc('[', f);
        render_put(r, "\033[2m", x->rule);
        fputc(']', f);
        if (x->voice == SLANT_VOICE_QUOTE)
            fputs(" (quoted)", f);
        if (x->mention)
            fputs(" (mention)", f);
        if (x->noccurrences) {
            fprintf(f, " (%zu times:", x->noccurrences);
            for (size_t k = 0; k < x->noccurrences; k++)
                fprintf(f, "%s %u:%u", k ? "," : "", x->occurrences[k].line,
                        x->occurrences[k].column);
            fputc(')', f);
        }
        fputc('\n', f);
        snippet(r, doc, x);
        if (x->advice && *x->advice) {
            render_put(r, GUTTER, "       = ");
            render_put(r, "\033[1m", "advice:");
            fprintf(f, " %s\n", x->advice);
        }
        fputc('\n', f);
    }
    for (size_t i = 0; i < rep->nincomplete; i++)
        render_text_incomplete(r, doc, rep, i);
    render_text_summary(r, doc, rep);
    return 0;
}

static int pretty_error(slant_renderer *r, const char *path, const char *message)
{
    (void)r;
    (void)path;
    (void)message; /* the caller has put it on stderr */
    return 0;
}

const render_ops render_pretty_ops = {pretty_doc, pretty_error, render_text_totals, NULL};
