/* jsonl_filter.c - slant as a stateless JSON Lines filter, for engines
 * that distribute work line by line (Hadoop Streaming, Spark's RDD.pipe,
 * GNU parallel --pipe). One input object a line, {"text": ..., "id": ...,
 * anything else}; one result line out: every input field but "text",
 * passed through in its order, then the document object of --format
 * jsonl. A line that is not such an object gets a result line with its
 * "id" (when one could be read) and an "error", so lines stay one to one. */
#include "json.h"
#include "render.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static void write_value(FILE *f, const json *v)
{
    switch (v->kind) {
    case JSON_NULL: fputs("null", f); break;
    case JSON_BOOL: fputs(v->number ? "true" : "false", f); break;
    case JSON_NUMBER: {
        char tmp[64];
        snprintf(tmp, sizeof tmp, "%.17g", v->number);
        fputs(tmp, f);
        break;
    }
    case JSON_STRING: {
        /* strings may hold NUL: write them by length */
        fputc('"', f);
        for (size_t i = 0; i < v->len; i++) {
            unsigned char c = (unsigned char)v->string[i];
            if (c == '"' || c == '\\')
                fprintf(f, "\\%c", c);
            else if (c < 0x20 || c == 0x7F)
                fprintf(f, "\\u%04x", c);
            else
                fputc(c, f);
        }
        fputc('"', f);
        break;
    }
    case JSON_ARRAY:
    case JSON_OBJECT:
        fputc(v->kind == JSON_ARRAY ? '[' : '{', f);
        for (size_t i = 0; i < v->n; i++) {
            if (i)
                fputs(", ", f);
            if (v->kind == JSON_OBJECT) {
                render_json_string(f, v->keys[i]);
                fputs(": ", f);
            }
            write_value(f, v->items[i]);
        }
        fputc(v->kind == JSON_ARRAY ? ']' : '}', f);
        break;
    }
}

static int error_line(FILE *out, const json *v, const char *message)
{
    fputc('{', out);
    const json *id = json_get(v, "id");
    if (id) {
        fputs("\"id\": ", out);
        write_value(out, id);
        fputs(", ", out);
    }
    fputs("\"error\": ", out);
    render_json_string(out, message);
    fputs("}\n", out);
    return SLANT_EINPUT;
}

int slant_jsonl_process(slant_scanner *s, const char *line, size_t len, FILE *out)
{
    if (!s || !line || !out)
        return SLANT_EINVAL;
    json *v;
    size_t off;
    const char *why;
    if (json_parse(&v, line, len, &off, &why) != 0) {
        char msg[160];
        snprintf(msg, sizeof msg, "invalid JSON at byte %zu: %s", off + 1, why);
        return error_line(out, NULL, msg);
    }
    const json *text = json_get(v, "text");
    if (v->kind != JSON_OBJECT || !text || text->kind != JSON_STRING) {
        int rc = error_line(out, v, "an input line is an object with a \"text\" string");
        json_free(v);
        return rc;
    }
    /* the document's name: its id when it has one */
    const json *id = json_get(v, "id");
    char name[256] = "-";
    if (id && id->kind == JSON_STRING)
        snprintf(name, sizeof name, "%s", id->string);
    else if (id && id->kind == JSON_NUMBER)
        snprintf(name, sizeof name, "%.17g", id->number);
    slant_doc *doc = NULL;
    int rc = slant_doc_new(&doc, name, text->string, text->len, NULL, NULL);
    slant_report *rep = NULL;
    if (doc)
        rc = slant_scanner_scan(&rep, s, doc) == SLANT_ELIMIT ? SLANT_ELIMIT : rc;
    if (!rep) {
        error_line(out, v, slant_strerror(rc));
        slant_doc_free(doc);
        json_free(v);
        return rc ? rc : SLANT_ENOMEM;
    }
    /* the passed-through fields, then the document object's own */
    char *body = NULL;
    size_t blen = 0;
    FILE *mem = open_memstream(&body, &blen);
    if (!mem) {
        slant_report_free(rep);
        slant_doc_free(doc);
        json_free(v);
        return SLANT_ENOMEM;
    }
    render_json_doc(mem, doc, rep, 1);
    fclose(mem);
    fputc('{', out);
    for (size_t i = 0; i < v->n; i++) {
        if (strcmp(v->keys[i], "text") == 0)
            continue;
        render_json_string(out, v->keys[i]);
        fputs(": ", out);
        write_value(out, v->items[i]);
        fputs(", ", out);
    }
    fwrite(body + 1, 1, blen > 0 ? blen - 1 : 0, out); /* past the opening brace */
    fputc('\n', out);
    free(body);
    slant_report_free(rep);
    slant_doc_free(doc);
    json_free(v);
    return rc == SLANT_ELIMIT || rc == SLANT_EINPUT ? rc : 0;
}

void slant_json_document_clear(slant_json_document *d)
{
    if (!d)
        return;
    free(d->text);
    free(d->name);
    free(d->format);
    memset(d, 0, sizeof *d);
}

int slant_json_document_parse(slant_json_document *out, const char *text, size_t len, char *err,
                              size_t errsize)
{
    if (!out || (!text && len) || (!err && errsize))
        return SLANT_EINVAL;
    memset(out, 0, sizeof *out);
    json *v;
    size_t off;
    const char *why;
    if (json_parse(&v, text ? text : "", len, &off, &why) != 0) {
        snprintf(err, errsize, "invalid JSON at byte %zu: %s", off + 1, why);
        return SLANT_EINPUT;
    }
    const char *bad = NULL;
    if (v->kind != JSON_OBJECT)
        bad = "the body is a JSON object, {\"text\": ...}";
    for (size_t i = 0; !bad && i < v->n; i++) {
        const char *k = v->keys[i];
        const json *x = v->items[i];
        char **slot = strcmp(k, "name") == 0 ? &out->name
                      : strcmp(k, "format") == 0 ? &out->format
                      : strcmp(k, "text") == 0 ? &out->text
                                               : NULL;
        if (!slot) {
            snprintf(err, errsize, "unknown key \"%.64s\" (the keys are text, format and name)",
                     k);
            bad = err;
        } else if (x->kind != JSON_STRING) {
            snprintf(err, errsize, "\"%s\" must be a string", k);
            bad = err;
        } else if (*slot) {
            snprintf(err, errsize, "\"%s\" is given twice", k);
            bad = err;
        } else if (!(*slot = malloc(x->len + 1))) {
            json_free(v);
            slant_json_document_clear(out);
            return SLANT_ENOMEM;
        } else {
            memcpy(*slot, x->string, x->len + 1);
            if (slot == &out->text)
                out->len = x->len;
        }
    }
    if (!bad && !out->text)
        bad = "the object has no \"text\" string";
    json_free(v);
    if (bad) {
        if (bad != err)
            snprintf(err, errsize, "%s", bad);
        slant_json_document_clear(out);
        return SLANT_EINPUT;
    }
    return 0;
}
