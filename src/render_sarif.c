/* render_sarif.c - SARIF 2.1.0 (the OASIS Static Analysis Results
 * Interchange Format), which GitHub code scanning and SARIF viewers read:
 * one run whose tool.driver.rules describe every active rule (message as
 * the short description, explain as the full one, advice as help, the
 * severity as the default level, the category as a property) and whose
 * results point at regions of the documents. Columns and character offsets
 * are code points: the run says so with columnKind "unicodeCodePoints".
 * Results and notifications are kept in memory until finish, because the
 * rules come first in the file and are only known with the first report. */
#include "render.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    FILE *m;
    char *data;
    size_t len;
    size_t count;
} part;

typedef struct {
    part rules, results, notes;
    const slant_rules *rs; /* the rule set the rules part describes */
    int failed;
} sarif_state;

static const char *level(slant_severity s)
{
    return s == SLANT_SEVERITY_ERROR ? "error" : s == SLANT_SEVERITY_WARNING ? "warning" : "note";
}

static FILE *part_open(sarif_state *st, part *p)
{
    if (!p->m && !st->failed) {
        p->m = open_memstream(&p->data, &p->len);
        if (!p->m)
            st->failed = 1;
    }
    return p->m;
}

static void part_close(part *p)
{
    if (p->m)
        fclose(p->m);
    p->m = NULL;
}

static sarif_state *state(slant_renderer *r)
{
    if (!r->state)
        r->state = calloc(1, sizeof(sarif_state));
    return r->state;
}

/* A path as a URI reference: unreserved characters and '/' stay, every
 * other byte is percent-encoded; an absolute path becomes a file: URI. */
static void put_uri(FILE *f, const char *path)
{
    fputc('"', f);
    if (path[0] == '/')
        fputs("file://", f);
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (isalnum_ascii(*p) || strchr("-._~/", *p))
            fputc(*p, f);
        else
            fprintf(f, "%%%02X", *p);
    }
    fputc('"', f);
}

static void put_location(FILE *f, const char *path)
{
    fputs("{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ", f);
    put_uri(f, path);
    fputc('}', f);
}

/* "threat.conditional-retaliation" -> "ConditionalRetaliation": SARIF's
 * rule name is an identifier a person reads. */
static void put_rule_name(FILE *f, const char *id)
{
    const char *dot = strchr(id, '.');
    const char *p = dot ? dot + 1 : id;
    int up = 1;
    fputc('"', f);
    for (; *p; p++) {
        if (!isalnum_ascii((unsigned char)*p)) {
            up = 1;
            continue;
        }
        fputc(up && *p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p, f);
        up = 0;
    }
    fputc('"', f);
}

static void write_rules(FILE *f, const slant_rules *rs)
{
    for (size_t i = 0; i < rs->nrules; i++) {
        const rule_src *x = &rs->rules[i].src;
        fputs(i ? ",\n        {\"id\": " : "\n        {\"id\": ", f);
        render_json_string(f, x->id);
        fputs(", \"name\": ", f);
        put_rule_name(f, x->id);
        fputs(",\n         \"shortDescription\": {\"text\": ", f);
        render_json_string(f, x->message ? x->message : x->id);
        fputs("},\n         \"fullDescription\": {\"text\": ", f);
        render_json_string(f, x->explain ? x->explain : x->message ? x->message : x->id);
        fputs("},\n         \"help\": {\"text\": ", f);
        render_json_string(f, x->advice ? x->advice : "");
        fprintf(f, "},\n         \"defaultConfiguration\": {\"level\": \"%s\"},\n", level(x->severity));
        fputs("         \"properties\": {\"category\": ", f);
        render_json_string(f, x->category);
        fputs(", \"tags\": [", f);
        render_json_string(f, x->category);
        fputs("], \"weight\": ", f);
        render_number(f, x->weight);
        fputs("}}", f);
    }
}

static void put_region(FILE *f, unsigned line, unsigned col, unsigned eline, unsigned ecol,
                       size_t cstart, size_t cend, const char *snippet)
{
    fprintf(f, ", \"region\": {\"startLine\": %u, \"startColumn\": %u, \"endLine\": %u, "
               "\"endColumn\": %u, \"charOffset\": %zu, \"charLength\": %zu",
            line, col, eline, ecol, cstart, cend - cstart);
    if (snippet) {
        fputs(", \"snippet\": {\"text\": ", f);
        render_json_string(f, snippet);
        fputc('}', f);
    }
    fputc('}', f);
}

static void note(sarif_state *st, const char *path, unsigned line, unsigned col,
                 const char *lvl, const char *message, const char *rule_id)
{
    FILE *f = part_open(st, &st->notes);
    if (!f)
        return;
    fputs(st->notes.count++ ? ",\n          " : "\n          ", f);
    fprintf(f, "{\"level\": \"%s\", \"message\": {\"text\": ", lvl);
    render_json_string(f, message);
    fputs("}, \"locations\": [", f);
    put_location(f, path);
    if (line)
        fprintf(f, ", \"region\": {\"startLine\": %u, \"startColumn\": %u}", line, col ? col : 1);
    fputs("}}]", f);
    if (rule_id) {
        fputs(", \"associatedRule\": {\"id\": ", f);
        render_json_string(f, rule_id);
        fputc('}', f);
    }
    fputc('}', f);
}

static int sarif_doc(slant_renderer *r, const slant_doc *doc, const slant_report *rep)
{
    sarif_state *st = state(r);
    if (!st)
        return SLANT_ENOMEM;
    if (!st->rs) {
        FILE *rf = part_open(st, &st->rules);
        if (rf) {
            st->rs = rep->rules;
            write_rules(rf, rep->rules);
        }
    }
    FILE *f = part_open(st, &st->results);
    if (!f)
        return SLANT_ENOMEM;
    for (size_t i = 0; i < rep->n; i++) {
        const slant_finding *x = &rep->findings[i];
        fputs(st->results.count++ ? ",\n        {\"ruleId\": " : "\n        {\"ruleId\": ", f);
        render_json_string(f, x->rule);
        if (rep->rules == st->rs)
            fprintf(f, ", \"ruleIndex\": %zu", rep->rule_index[i]);
        fprintf(f, ", \"level\": \"%s\",\n         \"message\": {\"text\": ", level(x->severity));
        render_json_string(f, x->message);
        fputs("},\n         \"locations\": [", f);
        put_location(f, doc->name);
        put_region(f, x->line, x->column, x->end_line, x->end_column, x->char_start, x->char_end,
                   x->text);
        fputs("}}]", f);
        if (x->noccurrences) {
            fputs(",\n         \"relatedLocations\": [", f);
            for (size_t k = 0; k < x->noccurrences; k++) {
                const slant_span *o = &x->occurrences[k];
                fprintf(f, "%s{\"id\": %zu, ", k ? ", " : "", k + 1);
                fputs("\"physicalLocation\": {\"artifactLocation\": {\"uri\": ", f);
                put_uri(f, doc->name);
                fprintf(f, "}, \"region\": {\"startLine\": %u, \"startColumn\": %u, "
                           "\"charOffset\": %zu, \"charLength\": %zu}}, "
                           "\"message\": {\"text\": \"occurrence %zu\"}}",
                        o->line, o->column, o->char_start, o->char_end - o->char_start, k + 1);
            }
            fputc(']', f);
        }
        if (x->fingerprint) {
            /* stable across unrelated edits: what code-scanning tools match on */
            fputs(",\n         \"partialFingerprints\": {\"slantFingerprint/v1\": ", f);
            render_json_string(f, x->fingerprint);
            fputc('}', f);
        }
        if (x->suppressed)
            fprintf(f, ",\n         \"suppressions\": [{\"kind\": \"%s\"}]",
                    x->suppressed == SLANT_SUPPRESSED_BASELINE ? "external" : "inSource");
        fputs(",\n         \"properties\": {\"category\": ", f);
        render_json_string(f, x->category);
        fputs(", \"voice\": ", f);
        render_json_string(f, slant_voice_name(x->voice));
        fprintf(f, ", \"mention\": %s, \"score\": ", x->mention ? "true" : "false");
        render_number(f, x->score);
        fputs(", \"advice\": ", f);
        render_json_string(f, x->advice ? x->advice : "");
        fputs("}}", f);
    }
    for (size_t i = 0; i < rep->nincomplete; i++) {
        char msg[200];
        snprintf(msg, sizeof msg, "incomplete scan (%s): the findings of this rule are incomplete",
                 rep->incomplete_why[i]);
        note(st, doc->name, 0, 0, "error", msg, rep->incomplete[i]);
    }
    for (size_t i = 0; i < doc->nerrors; i++)
        note(st, doc->name, doc->errors[i].line, doc->errors[i].column, "error",
             doc->errors[i].message, NULL);
    return st->failed ? SLANT_ENOMEM : 0;
}

static int sarif_error(slant_renderer *r, const char *path, const char *message)
{
    sarif_state *st = state(r);
    if (!st)
        return SLANT_ENOMEM;
    note(st, path, 0, 0, "error", message, NULL);
    return st->failed ? SLANT_ENOMEM : 0;
}

static const char *part_text(part *p)
{
    part_close(p);
    return p->data ? p->data : "";
}

static int sarif_finish(slant_renderer *r)
{
    sarif_state *st = state(r);
    if (!st || st->failed)
        return SLANT_ENOMEM;
    FILE *f = r->out;
    fputs("{\"$schema\": \"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
          "sarif-schema-2.1.0.json\",\n"
          " \"version\": \"2.1.0\",\n"
          " \"runs\": [\n"
          "  {\"tool\": {\"driver\": {\"name\": \"slant\", ",
          f);
    fprintf(f, "\"version\": \"%s\", \"semanticVersion\": \"%s\",\n", SLANT_VERSION,
            SLANT_VERSION);
    const char *rules = part_text(&st->rules);
    fprintf(f, "     \"rules\": [%s%s]}},\n", rules, *rules ? "\n     " : "");
    fputs("   \"columnKind\": \"unicodeCodePoints\",\n", f);
    int ok = r->nerrors == 0 && st->notes.count == 0;
    const char *notes = part_text(&st->notes);
    fprintf(f, "   \"invocations\": [{\"executionSuccessful\": %s", ok ? "true" : "false");
    if (*notes)
        fprintf(f, ",\n        \"toolExecutionNotifications\": [%s]", notes);
    fputs("}],\n", f);
    const char *results = part_text(&st->results);
    fprintf(f, "   \"results\": [%s%s]}\n ]\n}\n", results, *results ? "\n   " : "");
    return 0;
}

static void sarif_free(slant_renderer *r)
{
    sarif_state *st = r->state;
    if (!st)
        return;
    part *parts[] = {&st->rules, &st->results, &st->notes};
    for (size_t i = 0; i < 3; i++) {
        part_close(parts[i]);
        free(parts[i]->data);
    }
    free(st);
    r->state = NULL;
}

const render_ops render_sarif_ops = {sarif_doc, sarif_error, sarif_finish, sarif_free};
