/* render_text.c - editor-style lines that Vim, Emacs and VS Code jump to:
 *   path:line:col: severity: message [rule-id] «matched text»
 * then a summary line per document with its score. */
#include "render.h"
#include "util.h"

#include <string.h>

#define MAX_SHOWN_CP 100

static const char *sev_color(slant_severity s)
{
    return s == SLANT_SEVERITY_ERROR ? "\033[1;31m" : s == SLANT_SEVERITY_WARNING ? "\033[1;33m"
                                                                                : "\033[1;36m";
}

static void put(slant_renderer *r, const char *color, const char *s)
{
    if (r->opt.color && color)
        fprintf(r->out, "%s%s\033[0m", color, s);
    else
        fputs(s, r->out);
}

/* The matched text on one line: white space runs become one space and
 * long spans are cut with an ellipsis. */
static void put_excerpt(FILE *f, const char *s)
{
    size_t cps = 0;
    int space = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        if (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t') {
            space = 1;
            p++;
            continue;
        }
        if (space)
            fputc(' ', f), cps++;
        space = 0;
        if (cps >= MAX_SHOWN_CP) {
            fputs("…", f);
            return;
        }
        size_t n = utf8_char_len(p, strnlen((const char *)p, 4));
        if (*p < 0x20 || *p == 0x7F)
            fputc('?', f); /* no control characters on a terminal */
        else
            fwrite(p, 1, n, f);
        p += n;
        cps++;
    }
}

static void plural(FILE *f, size_t n, const char *one, const char *many)
{
    fprintf(f, "%zu %s", n, n == 1 ? one : many);
}

static int text_doc(slant_renderer *r, const slant_doc *doc, const slant_report *rep)
{
    FILE *f = r->out;
    size_t sev[3] = {0};
    for (size_t i = 0; i < rep->n; i++) {
        const slant_finding *x = &rep->findings[i];
        sev[x->severity]++;
        char loc[64];
        snprintf(loc, sizeof loc, ":%u:%u:", x->line, x->column);
        put(r, "\033[1m", doc->name);
        put(r, "\033[1m", loc);
        fputc(' ', f);
        put(r, sev_color(x->severity), slant_severity_name(x->severity));
        fprintf(f, ": %s ", x->message);
        char id[160];
        snprintf(id, sizeof id, "[%s]", x->rule);
        put(r, "\033[2m", id);
        fputs(" «", f);
        put_excerpt(f, x->text);
        fputs("»", f);
        if (x->voice == SLANT_VOICE_QUOTE)
            put(r, "\033[2m", " (quoted)");
        if (x->mention)
            put(r, "\033[2m", " (mention)");
        if (x->noccurrences) {
            fprintf(f, " (%zu times:", x->noccurrences);
            for (size_t k = 0; k < x->noccurrences; k++)
                fprintf(f, "%s %u:%u", k ? "," : "", x->occurrences[k].line,
                        x->occurrences[k].column);
            fputc(')', f);
        }
        fputc('\n', f);
    }
    for (size_t i = 0; i < rep->nincomplete; i++) {
        put(r, "\033[1m", doc->name);
        fputs(": ", f);
        put(r, sev_color(SLANT_SEVERITY_ERROR), "error");
        if (strcmp(rep->incomplete_why[i], "time budget") == 0)
            fprintf(f, ": the time budget ran out before rule '%s' finished; its findings here "
                       "are incomplete\n", rep->incomplete[i]);
        else
            fprintf(f, ": rule '%s' hit a matching limit; its findings here are incomplete\n",
                    rep->incomplete[i]);
    }
    put(r, "\033[1m", doc->name);
    if (doc->is_part)
        fprintf(f, " (part %zu, from line %u)", doc->part.index + 1, doc->part.line);
    fputs(": ", f);
    if (rep->n == 0) {
        fputs("no findings", f);
    } else {
        plural(f, rep->n, "finding", "findings");
        fputs(" (", f);
        plural(f, sev[SLANT_SEVERITY_ERROR], "error", "errors");
        fputs(", ", f);
        plural(f, sev[SLANT_SEVERITY_WARNING], "warning", "warnings");
        fprintf(f, ", %zu info)", sev[SLANT_SEVERITY_INFO]);
    }
    fprintf(f, "; index %d/100 (total ", rep->score.index);
    render_number(f, rep->score.total);
    fputs(", ", f);
    render_number(f, rep->score.density);
    fputs(" per 1,000 words; ", f);
    plural(f, doc->nwords, "word", "words");
    fputs(")\n", f);
    return 0;
}

static int text_error(slant_renderer *r, const char *path, const char *message)
{
    (void)r;
    (void)path;
    (void)message; /* already on stderr from the caller; text output stays findings only */
    return 0;
}

static int text_finish(slant_renderer *r)
{
    if (r->ndocs + r->nerrors < 2 && r->nparts == 0)
        return 0;
    FILE *f = r->out;
    size_t total = r->findings[0] + r->findings[1] + r->findings[2];
    plural(f, r->ndocs, "document", "documents");
    fputs(" checked", f);
    if (r->nerrors) {
        fputs(", ", f);
        plural(f, r->nerrors, "could not be read", "could not be read");
    }
    fputs(": ", f);
    plural(f, total, "finding", "findings");
    fputs(" (", f);
    plural(f, r->findings[SLANT_SEVERITY_ERROR], "error", "errors");
    fputs(", ", f);
    plural(f, r->findings[SLANT_SEVERITY_WARNING], "warning", "warnings");
    fprintf(f, ", %zu info)\n", r->findings[SLANT_SEVERITY_INFO]);
    return 0;
}

const render_ops render_text_ops = {text_doc, text_error, text_finish};
