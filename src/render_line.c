/* render_line.c - one line per finding and nothing else, the form every
 * editor's error parser reads (Vim's errorformat %f:%l:%c:, Emacs'
 * compilation mode, VS Code problem matchers):
 *   path:line:col: severity: message [rule-id]
 * A rule that could not finish is an error line at 1:1 so it is not lost. */
#include "render.h"

#include <string.h>

static void head(slant_renderer *r, const char *path, unsigned line, unsigned col,
                 slant_severity sev)
{
    char loc[64];
    snprintf(loc, sizeof loc, ":%u:%u:", line, col);
    render_put(r, "\033[1m", path);
    render_put(r, "\033[1m", loc);
    fputc(' ', r->out);
    render_put(r, render_sev_color(sev), slant_severity_name(sev));
}

static int line_doc(slant_renderer *r, const slant_doc *doc, const slant_report *rep)
{
    FILE *f = r->out;
    for (size_t i = 0; i < rep->n; i++) {
        const slant_finding *x = &rep->findings[i];
        if (x->suppressed)
            continue; /* accepted: counted on the summary line only */
        head(r, doc->name, x->line, x->column, x->severity);
        fprintf(f, ": %s [%s]\n", x->message, x->rule);
    }
    for (size_t i = 0; i < rep->nincomplete; i++) {
        head(r, doc->name, 1, 1, SLANT_SEVERITY_ERROR);
        if (strcmp(rep->incomplete_why[i], "time budget") == 0)
            fputs(": the time budget ran out before this rule finished; its findings here are "
                  "incomplete", f);
        else
            fputs(": this rule hit a matching limit; its findings here are incomplete", f);
        fprintf(f, " [%s]\n", rep->incomplete[i]);
    }
    return 0;
}

static int line_error(slant_renderer *r, const char *path, const char *message)
{
    (void)r;
    (void)path;
    (void)message; /* the caller has put it on stderr */
    return 0;
}

static int line_finish(slant_renderer *r)
{
    (void)r;
    return 0;
}

const render_ops render_line_ops = {line_doc, line_error, line_finish, NULL};
