/* render_github.c - GitHub Actions workflow commands: each finding becomes
 * an annotation on the file and line in a pull request's diff.
 *   ::warning file=a.txt,line=3,col=26,endLine=4,endColumn=9,title=slant unnamed-source.x::Message «text»%0AAdvice
 * GitHub reads % CR LF escaped as %25 %0D %0A in the message, and also
 * : and , (%3A %2C) in the properties, where they would end a value.
 * Severities: error, warning, and info as a notice. The end column is the
 * last character's (inclusive), as GitHub's annotations count it. */
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put_escaped(FILE *f, const char *s, int property)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '%')
            fputs("%25", f);
        else if (*p == '\r')
            fputs("%0D", f);
        else if (*p == '\n')
            fputs("%0A", f);
        else if (property && *p == ':')
            fputs("%3A", f);
        else if (property && *p == ',')
            fputs("%2C", f);
        else if (*p < 0x20 || *p == 0x7F)
            fputc(' ', f); /* no control characters in a log line */
        else
            fputc(*p, f);
    }
}

static const char *command(slant_severity s)
{
    return s == SLANT_SEVERITY_ERROR ? "error" : s == SLANT_SEVERITY_WARNING ? "warning" : "notice";
}

static int github_doc(slant_renderer *r, const slant_doc *doc, const slant_report *rep)
{
    FILE *f = r->out;
    for (size_t i = 0; i < rep->n; i++) {
        const slant_finding *x = &rep->findings[i];
        fprintf(f, "::%s file=", command(x->severity));
        put_escaped(f, doc->name, 1);
        fprintf(f, ",line=%u,col=%u", x->line, x->column);
        if (x->end_column > 1)
            fprintf(f, ",endLine=%u,endColumn=%u", x->end_line, x->end_column - 1);
        else if (x->end_line > x->line)
            fprintf(f, ",endLine=%u", x->end_line - 1);
        fputs(",title=slant ", f);
        put_escaped(f, x->rule, 1);
        fputs("::", f);
        put_escaped(f, x->message, 0);
        /* the excerpt is already on one line, without control characters */
        fputs(" «", f);
        char *ex = NULL;
        size_t exlen = 0;
        FILE *m = open_memstream(&ex, &exlen);
        if (m) {
            render_excerpt(m, x->text);
            fclose(m);
            put_escaped(f, ex ? ex : "", 0);
        }
        free(ex);
        fputs("»", f);
        if (x->voice == SLANT_VOICE_QUOTE)
            fputs(" (quoted)", f);
        if (x->mention)
            fputs(" (mention)", f);
        if (x->advice && *x->advice) {
            fputs("%0AAdvice: ", f);
            put_escaped(f, x->advice, 0);
        }
        fputc('\n', f);
    }
    for (size_t i = 0; i < rep->nincomplete; i++) {
        fputs("::error file=", f);
        put_escaped(f, doc->name, 1);
        fputs(",line=1,title=slant incomplete scan::", f);
        if (strcmp(rep->incomplete_why[i], "time budget") == 0)
            fputs("The time budget ran out before rule ", f);
        else
            fputs("A matching limit stopped rule ", f);
        put_escaped(f, rep->incomplete[i], 0);
        fputs(": its findings here are incomplete\n", f);
    }
    return 0;
}

static int github_error(slant_renderer *r, const char *path, const char *message)
{
    fputs("::error file=", r->out);
    put_escaped(r->out, path, 1);
    fputs(",title=slant could not read the file::", r->out);
    put_escaped(r->out, message, 0);
    fputc('\n', r->out);
    return 0;
}

static int github_finish(slant_renderer *r)
{
    (void)r;
    return 0;
}

const render_ops render_github_ops = {github_doc, github_error, github_finish, NULL};
