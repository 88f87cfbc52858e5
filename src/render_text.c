/* render_text.c - editor-style lines that Vim, Emacs and VS Code jump to:
 *   path:line:col: severity: message [rule-id] «matched text»
 * then a summary line per document with its score. */
#include "render.h"
#include "util.h"

#include <string.h>

#define MAX_SHOWN_CP 100

const char *render_sev_color(slant_severity s)
{
    return s == SLANT_SEVERITY_ERROR ? "\033[1;31m" : s == SLANT_SEVERITY_WARNING ? "\033[1;33m"
                                                                                : "\033[1;36m";
}

void render_put_where(slant_renderer *r, const char *path, unsigned line, unsigned col,
                      slant_severity sev)
{
    char loc[64];
    snprintf(loc, sizeof loc, ":%u:%u:", line, col);
    render_put(r, "\033[1m", path);
    render_put(r, "\033[1m", loc);
    fputc(' ', r->out);
    render_put(r, render_sev_color(sev), slant_severity_name(sev));
}

void render_put(slant_renderer *r, const char *color, const char *s)
{
    if (r->opt.color && color)
        fprintf(r->out, "%s%s\033[0m", color, s);
    else
        fputs(s, r->out);
}

/* The matched text on one line: white space runs become one space and
 * long spans are cut with an ellipsis. */
void render_excerpt(FILE *f, const char *s)
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

/* A suppression worth a look (unused, misspelt, naming nothing), as an
 * info line at its place. */
static void put_suppression(slant_renderer *r, const slant_doc *doc, const slant_suppression *u)
{
    FILE *f = r->out;
    if (!u->problem)
        return;
    render_put_where(r, doc->name, u->line, u->column, SLANT_SEVERITY_INFO);
    if (strncmp(u->problem, "unknown directive", 17) == 0)
        fprintf(f, ": %s", u->problem);
    else
        fprintf(f, ": %s %s", u->directive, u->problem);
    if (*u->names) {
        fputs(" «", f);
        render_excerpt(f, u->names);
        fputs("»", f);
    }
    fputc('\n', f);
}

static int text_doc(slant_renderer *r, const slant_doc *doc, const slant_report *rep)
{
    FILE *f = r->out;
    /* findings and reported suppressions, merged in document order */
    for (size_t i = 0, k = 0; i < rep->n || k < rep->nsups;) {
        if (k < rep->nsups && (i == rep->n || rep->sups[k].start < rep->findings[i].start)) {
            put_suppression(r, doc, &rep->sups[k++]);
            continue;
        }
        const slant_finding *x = &rep->findings[i++];
        if (x->suppressed)
            continue; /* accepted: counted on the summary line only */
        render_put_where(r, doc->name, x->line, x->column, x->severity);
        fprintf(f, ": %s ", x->message);
        char id[160];
        snprintf(id, sizeof id, "[%s]", x->rule);
        render_put(r, "\033[2m", id);
        fputs(" «", f);
        render_excerpt(f, x->text);
        fputs("»", f);
        if (x->voice == SLANT_VOICE_QUOTE)
            render_put(r, "\033[2m", " (quoted)");
        if (x->mention)
            render_put(r, "\033[2m", " (mention)");
        if (x->noccurrences) {
            fprintf(f, " (%zu times:", x->noccurrences);
            for (size_t o = 0; o < x->noccurrences; o++)
                fprintf(f, "%s %u:%u", o ? "," : "", x->occurrences[o].line,
                        x->occurrences[o].column);
            fputc(')', f);
        }
        fputc('\n', f);
    }
    for (size_t i = 0; i < rep->nincomplete; i++)
        render_text_incomplete(r, doc, rep, i);
    render_text_summary(r, doc, rep);
    return 0;
}

void render_text_incomplete(slant_renderer *r, const slant_doc *doc, const slant_report *rep,
                            size_t i)
{
    FILE *f = r->out;
    render_put(r, "\033[1m", doc->name);
    fputs(": ", f);
    render_put(r, render_sev_color(SLANT_SEVERITY_ERROR), "error");
    if (strcmp(rep->incomplete_why[i], "time budget") == 0)
        fprintf(f, ": the time budget ran out before rule '%s' finished; its findings here "
                   "are incomplete\n", rep->incomplete[i]);
    else
        fprintf(f, ": rule '%s' hit a matching limit; its findings here are incomplete\n",
                rep->incomplete[i]);
}

void render_text_summary(slant_renderer *r, const slant_doc *doc, const slant_report *rep)
{
    FILE *f = r->out;
    size_t sev[3] = {0}, shown = 0, accepted[3] = {0};
    for (size_t i = 0; i < rep->n; i++) {
        const slant_finding *x = &rep->findings[i];
        if (x->suppressed) {
            accepted[x->suppressed]++;
        } else {
            sev[x->severity]++;
            shown++;
        }
    }
    render_put(r, "\033[1m", doc->name);
    if (doc->is_part)
        fprintf(f, " (part %zu, from line %u)", doc->part.index + 1, doc->part.line);
    fputs(": ", f);
    if (shown == 0) {
        fputs("no findings", f);
    } else {
        plural(f, shown, "finding", "findings");
        fputs(" (", f);
        plural(f, sev[SLANT_SEVERITY_ERROR], "error", "errors");
        fputs(", ", f);
        plural(f, sev[SLANT_SEVERITY_WARNING], "warning", "warnings");
        fprintf(f, ", %zu info)", sev[SLANT_SEVERITY_INFO]);
    }
    if (accepted[SLANT_SUPPRESSED_COMMENT])
        fprintf(f, ", %zu suppressed", accepted[SLANT_SUPPRESSED_COMMENT]);
    if (accepted[SLANT_SUPPRESSED_BASELINE])
        fprintf(f, ", %zu in the baseline", accepted[SLANT_SUPPRESSED_BASELINE]);
    fprintf(f, "; index %d/100 (total ", rep->score.index);
    render_number(f, rep->score.total);
    fputs(", ", f);
    render_number(f, rep->score.density);
    fputs(" per 1,000 words; ", f);
    plural(f, doc->nwords, "word", "words");
    fputs(")\n", f);
}

static int text_error(slant_renderer *r, const char *path, const char *message)
{
    (void)r;
    (void)path;
    (void)message; /* already on stderr from the caller; text output stays findings only */
    return 0;
}

int render_text_totals(slant_renderer *r)
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

const render_ops render_text_ops = {text_doc, text_error, render_text_totals, NULL};
