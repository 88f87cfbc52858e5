/* render.c - the renderer object: picks a format's operations and keeps
 * what every format needs (the stream, the counts). */
#include "render.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int slant_renderer_new(slant_renderer **out, slant_format format, FILE *stream,
                       const slant_render_options *options)
{
    *out = NULL;
    if (!stream)
        return SLANT_EINVAL;
    const render_ops *ops;
    switch (format) {
    case SLANT_FORMAT_TEXT: ops = &render_text_ops; break;
    case SLANT_FORMAT_JSON: ops = &render_json_ops; break;
    default: return SLANT_EINVAL;
    }
    slant_renderer *r = calloc(1, sizeof *r);
    if (!r)
        return SLANT_ENOMEM;
    r->ops = ops;
    r->out = stream;
    if (options)
        r->opt = *options;
    *out = r;
    return 0;
}

int slant_renderer_add(slant_renderer *r, const slant_doc *doc, const slant_report *rep)
{
    if (!r || !doc || !rep || r->finished)
        return SLANT_EINVAL;
    for (size_t i = 0; i < rep->n; i++)
        r->findings[rep->findings[i].severity]++;
    int rc = r->ops->doc(r, doc, rep);
    const slant_part *part = slant_doc_part(doc);
    if (part && part->index > 0)
        r->nparts++; /* a document counts once, however many parts it took */
    else
        r->ndocs++;
    return rc;
}

int slant_renderer_add_error(slant_renderer *r, const char *path, const char *message)
{
    if (!r || !path || !message || r->finished)
        return SLANT_EINVAL;
    r->nerrors++;
    return r->ops->error(r, path, message);
}

int slant_renderer_finish(slant_renderer *r)
{
    if (!r || r->finished)
        return SLANT_EINVAL;
    r->finished = 1;
    int rc = r->ops->finish(r);
    if (fflush(r->out) != 0 || ferror(r->out))
        return SLANT_EIO;
    return rc;
}

void slant_renderer_free(slant_renderer *r) { free(r); }

void render_number(FILE *f, double v)
{
    char s[64];
    if (!isfinite(v))
        v = 0;
    snprintf(s, sizeof s, "%.3f", v);
    char *dot = strchr(s, '.');
    if (dot) {
        char *e = s + strlen(s) - 1;
        while (e > dot && *e == '0')
            *e-- = '\0';
        if (e == dot)
            *e = '\0';
    }
    if (strcmp(s, "-0") == 0)
        strcpy(s, "0");
    fputs(s, f);
}

void render_json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        default:
            if (*p < 0x20 || *p == 0x7F) {
                fprintf(f, "\\u%04x", *p);
            } else if (*p >= 0x80) {
                uint32_t cp;
                size_t n = utf8_decode(&cp, p, strnlen((const char *)p, 4));
                if (n == 0) {
                    fputs("\\ufffd", f); /* JSON must be valid UTF-8 */
                } else {
                    fwrite(p, 1, n, f);
                    p += n - 1;
                }
            } else {
                fputc(*p, f);
            }
        }
    }
    fputc('"', f);
}
