/* render_json.c - {"slant": VERSION, "documents": [...]}, and JSON Lines:
 * one document object a line. The schema is in README.md ("JSON output").
 * In the JSON format one finding per line keeps diffs readable. */
#include "render.h"

#include <stdio.h>
#include <string.h>

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

void render_json_doc(FILE *f, const slant_doc *doc, const slant_report *rep, int oneline)
{
    /* the pretty layout's line breaks, or spaces for JSON Lines */
    const char *nl = oneline ? " " : "\n   ";
    const char *nl_finding = oneline ? " " : "\n    ";
    fputc('{', f);
    key(f, "path");
    render_json_string(f, doc->name);
    if (doc->is_part)
        fprintf(f, ", \"part\": {\"index\": %zu, \"start\": %zu, \"char_start\": %zu, "
                   "\"line\": %u, \"column\": %u}",
                doc->part.index, doc->part.byte, doc->part.cp, doc->part.line, doc->part.column);
    fprintf(f, ", \"bytes\": %zu, \"words\": %zu, \"sentences\": %zu,%s", doc->len, doc->nwords,
            doc->nsents, nl);
    fputs("\"score\": {\"total\": ", f);
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
    fprintf(f, "}},%s\"findings\": [", nl);
    for (size_t i = 0; i < rep->n; i++) {
        const slant_finding *x = &rep->findings[i];
        fprintf(f, "%s%s{", i ? "," : "", oneline && i == 0 ? "" : nl_finding);
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
        if (x->suppressed)
            fprintf(f, "\"suppressed\": true, \"suppressed_by\": \"%s\", ",
                    x->suppressed == SLANT_SUPPRESSED_BASELINE ? "baseline" : "comment");
        fprintf(f, "\"fingerprint\": \"%s\", ", x->fingerprint ? x->fingerprint : "");
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
    if (rep->n && !oneline)
        fputs("\n   ", f);
    fprintf(f, "],%s\"incomplete\": [", nl);
    for (size_t i = 0; i < rep->nincomplete; i++) {
        if (i)
            fputs(", ", f);
        fputs("{\"rule\": ", f);
        render_json_string(f, rep->incomplete[i]);
        fputs(", \"reason\": ", f);
        render_json_string(f, rep->incomplete_why[i]);
        fputc('}', f);
    }
    fprintf(f, "],%s", nl);
    if (rep->nsups) {
        fputs("\"suppressions\": [", f);
        for (size_t i = 0; i < rep->nsups; i++) {
            const slant_suppression *u = &rep->sups[i];
            fprintf(f, "%s%s{", i ? "," : "", nl_finding);
            key(f, "directive");
            render_json_string(f, u->directive);
            fputs(", \"names\": [", f);
            const char *p = u->names;
            for (int first = 1; *p; first = 0) {
                size_t n = strcspn(p, " ");
                char name[256];
                snprintf(name, sizeof name, "%.*s", (int)(n < 255 ? n : 255), p);
                if (!first)
                    fputs(", ", f);
                render_json_string(f, name);
                p += n;
                p += *p == ' ';
            }
            fprintf(f, "], \"start\": %zu, \"end\": %zu, \"line\": %u, \"column\": %u, "
                       "\"suppressed\": %zu, \"problem\": ",
                    u->start, u->end, u->line, u->column, u->suppressed);
            if (u->problem)
                render_json_string(f, u->problem);
            else
                fputs("null", f);
            fputc('}', f);
        }
        fprintf(f, "%s],%s", oneline ? "" : "\n   ", nl);
    }
    fputs("\"errors\": [", f);
    for (size_t i = 0; i < doc->nerrors; i++) {
        const doc_error *e = &doc->errors[i];
        fprintf(f, "%s{\"line\": %u, \"column\": %u, \"message\": ", i ? ", " : "", e->line,
                e->column);
        render_json_string(f, e->message);
        fputc('}', f);
    }
    fputs("]}", f);
}

static int json_doc(slant_renderer *r, const slant_doc *doc, const slant_report *rep)
{
    begin_doc(r);
    fputs("  ", r->out);
    render_json_doc(r->out, doc, rep, 0);
    return 0;
}

void render_json_error(FILE *f, const char *path, const char *message)
{
    fputc('{', f);
    key(f, "path");
    render_json_string(f, path);
    fputs(", \"findings\": [], \"errors\": [{\"line\": 0, \"column\": 0, \"message\": ", f);
    render_json_string(f, message);
    fputs("}]}", f);
}

static int json_error(slant_renderer *r, const char *path, const char *message)
{
    begin_doc(r);
    fputs("  ", r->out);
    render_json_error(r->out, path, message);
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

const render_ops render_json_ops = {json_doc, json_error, json_finish, NULL};

/* JSON Lines: the same document objects, one a line, flushed as each is
 * done so a consumer downstream (a pipe, a Spark stage) reads the first
 * before the last is scanned. */
static int jsonl_doc(slant_renderer *r, const slant_doc *doc, const slant_report *rep)
{
    render_json_doc(r->out, doc, rep, 1);
    fputc('\n', r->out);
    return fflush(r->out) == 0 ? 0 : SLANT_EIO;
}

static int jsonl_error(slant_renderer *r, const char *path, const char *message)
{
    render_json_error(r->out, path, message);
    fputc('\n', r->out);
    return fflush(r->out) == 0 ? 0 : SLANT_EIO;
}

static int jsonl_finish(slant_renderer *r)
{
    (void)r;
    return 0;
}

const render_ops render_jsonl_ops = {jsonl_doc, jsonl_error, jsonl_finish, NULL};
