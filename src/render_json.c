/* render_json.c - {"slant": VERSION, "documents": [...]}; the schema is in
 * README.md ("JSON output"). One finding per line keeps diffs readable. */
#include "render.h"

static void key(FILE *f, const char *k)
{
    render_json_string(f, k);
    fputs(": ", f);
}

static void begin_doc(slant_renderer *r)
{
    if (r->ndocs + r->nerrors + r->nparts == 0)
        fprintf(r->out, "{\"slant\": \"%s\", \"documents\": [\n", SLANT_VERSION);
    else
        fputs(",\n", r->out);
}

static int json_doc(slant_renderer *r, const slant_doc *doc, const slant_report *rep)
{
    FILE *f = r->out;
    begin_doc(r);
    fputs("  {", f);
    key(f, "path");
    render_json_string(f, doc->name);
    if (doc->is_part)
        fprintf(f, ", \"part\": {\"index\": %zu, \"start\": %zu, \"char_start\": %zu, "
                   "\"line\": %u, \"column\": %u}",
                doc->part.index, doc->part.byte, doc->part.cp, doc->part.line, doc->part.column);
    fprintf(f, ", \"bytes\": %zu, \"words\": %zu, \"sentences\": %zu,\n", doc->len, doc->nwords,
            doc->nsents);
    fputs("   \"score\": {\"total\": ", f);
    render_number(f, rep->score.total);
    fputs(", \"density\": ", f);
    render_number(f, rep->score.density);
    fprintf(f, ", \"index\": %d, \"categories\": {", rep->score.index);
    for (size_t i = 0; i < rep->score.ncategories; i++) {
        const slant_category_score *c = &rep->score.categories[i];
        if (i)
            fputs(", ", f);
        key(f, c->category);
        fprintf(f, "{\"findings\": %zu, \"score\": ", c->findings);
        render_number(f, c->score);
        fputc('}', f);
    }
    fputs("}},\n   \"findings\": [", f);
    for (size_t i = 0; i < rep->n; i++) {
        const slant_finding *x = &rep->findings[i];
        fputs(i ? ",\n    {" : "\n    {", f);
        key(f, "rule");
        render_json_string(f, x->rule);
        fputs(", ", f);
        key(f, "category");
        render_json_string(f, x->category);
        fputs(", ", f);
        key(f, "severity");
        render_json_string(f, slant_severity_name(x->severity));
        fputs(", \"weight\": ", f);
        render_number(f, x->weight);
        fputs(", \"score\": ", f);
        render_number(f, x->score);
        fprintf(f, ", \"start\": %zu, \"end\": %zu, \"char_start\": %zu, \"char_end\": %zu"
                   ", \"line\": %u, \"column\": %u, \"end_line\": %u, \"end_column\": %u, ",
                x->start, x->end, x->char_start, x->char_end, x->line, x->column, x->end_line,
                x->end_column);
        key(f, "text");
        render_json_string(f, x->text);
        fputs(", ", f);
        key(f, "voice");
        render_json_string(f, slant_voice_name(x->voice));
        fprintf(f, ", \"mention\": %s, ", x->mention ? "true" : "false");
        key(f, "message");
        render_json_string(f, x->message);
        fputs(", ", f);
        key(f, "advice");
        render_json_string(f, x->advice);
        if (x->noccurrences) {
            fputs(", \"occurrences\": [", f);
            for (size_t k = 0; k < x->noccurrences; k++) {
                const slant_span *o = &x->occurrences[k];
                fprintf(f, "%s{\"start\": %zu, \"end\": %zu, \"char_start\": %zu, "
                           "\"char_end\": %zu, \"line\": %u, \"column\": %u}",
                        k ? ", " : "", o->start, o->end, o->char_start, o->char_end, o->line,
                        o->column);
            }
            fputc(']', f);
        }
        fputc('}', f);
    }
    fputs(rep->n ? "\n   ],\n" : "],\n", f);
    fputs("   \"incomplete\": [", f);
    for (size_t i = 0; i < rep->nincomplete; i++) {
        if (i)
            fputs(", ", f);
        fputs("{\"rule\": ", f);
        render_json_string(f, rep->incomplete[i]);
        fputs(", \"reason\": ", f);
        render_json_string(f, rep->incomplete_why[i]);
        fputc('}', f);
    }
    fputs("],\n   \"errors\": [", f);
    for (size_t i = 0; i < doc->nerrors; i++) {
        const doc_error *e = &doc->errors[i];
        fprintf(f, "%s{\"line\": %u, \"column\": %u, \"message\": ", i ? ", " : "", e->line,
                e->column);
        render_json_string(f, e->message);
        fputc('}', f);
    }
    fputs("]}", f);
    return 0;
}

static int json_error(slant_renderer *r, const char *path, const char *message)
{
    FILE *f = r->out;
    begin_doc(r);
    fputs("  {", f);
    key(f, "path");
    render_json_string(f, path);
    fputs(", \"findings\": [], \"errors\": [{\"line\": 0, \"column\": 0, \"message\": ", f);
    render_json_string(f, message);
    fputs("}]}", f);
    return 0;
}

static int json_finish(slant_renderer *r)
{
    if (r->ndocs + r->nerrors + r->nparts == 0)
        fprintf(r->out, "{\"slant\": \"%s\", \"documents\": []}\n", SLANT_VERSION);
    else
        fputs("\n]}\n", r->out);
    return 0;
}

const render_ops render_json_ops = {json_doc, json_error, json_finish};
