/* render_checkstyle.c - Checkstyle XML, which Jenkins (Warnings NG) and
 * many CI dashboards read: a <file> per document, an <error> per finding.
 * Severities are Checkstyle's own: error, warning, info. The rule id goes
 * in `source`, prefixed "slant." as Checkstyle sources are dotted names. */
#include "render.h"

static void header(slant_renderer *r)
{
    if (r->ndocs + r->nerrors == 0)
        fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n", r->out);
}

static void open_file(FILE *f, const char *path)
{
    fputs("  <file name=\"", f);
    render_xmls(f, path, 1);
    fputs("\">\n", f);
}

static int checkstyle_doc(slant_renderer *r, const slant_doc *doc, const slant_report *rep)
{
    FILE *f = r->out;
    header(r);
    open_file(f, doc->name);
    for (size_t i = 0; i < rep->n; i++) {
        const slant_finding *x = &rep->findings[i];
        fprintf(f, "    <error line=\"%u\" column=\"%u\" severity=\"%s\" message=\"", x->line,
                x->column, slant_severity_name(x->severity));
        render_xmls(f, x->message, 1);
        fputs(": «", f);
        render_xmls(f, x->text, 1);
        fputs(x->voice == SLANT_VOICE_QUOTE ? "» (quoted)\" source=\"slant." : "»\" source=\"slant.",
              f);
        render_xmls(f, x->rule, 1);
        fputs("\"/>\n", f);
    }
    for (size_t i = 0; i < rep->nincomplete; i++) {
        fputs("    <error line=\"1\" severity=\"error\" message=\"incomplete scan (", f);
        render_xmls(f, rep->incomplete_why[i], 1);
        fputs("): the findings of this rule are incomplete\" source=\"slant.", f);
        render_xmls(f, rep->incomplete[i], 1);
        fputs("\"/>\n", f);
    }
    for (size_t i = 0; i < doc->nerrors; i++) {
        fprintf(f, "    <error line=\"%u\" column=\"%u\" severity=\"error\" message=\"",
                doc->errors[i].line, doc->errors[i].column);
        render_xmls(f, doc->errors[i].message, 1);
        fputs("\" source=\"slant.input\"/>\n", f);
    }
    fputs("  </file>\n", f);
    return 0;
}

static int checkstyle_error(slant_renderer *r, const char *path, const char *message)
{
    FILE *f = r->out;
    header(r);
    open_file(f, path);
    fputs("    <error severity=\"error\" message=\"", f);
    render_xmls(f, message, 1);
    fputs("\" source=\"slant.input\"/>\n  </file>\n", f);
    return 0;
}

static int checkstyle_finish(slant_renderer *r)
{
    header(r);
    fputs("</checkstyle>\n", r->out);
    return 0;
}

const render_ops render_checkstyle_ops = {checkstyle_doc, checkstyle_error, checkstyle_finish,
                                          NULL};
