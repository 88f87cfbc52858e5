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
    case SLANT_FORMAT_JSONL: ops = &render_jsonl_ops; break;
    case SLANT_FORMAT_SARIF: ops = &render_sarif_ops; break;
    case SLANT_FORMAT_HTML: ops = &render_html_ops; break;
    case SLANT_FORMAT_GITHUB: ops = &render_github_ops; break;
    case SLANT_FORMAT_CHECKSTYLE: ops = &render_checkstyle_ops; break;
    case SLANT_FORMAT_TSV: ops = &render_tsv_ops; break;
    case SLANT_FORMAT_LINE: ops = &render_line_ops; break;
    case SLANT_FORMAT_PRETTY: ops = &render_pretty_ops; break;
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
    size_t shown = 0;
    for (size_t i = 0; i < rep->n; i++)
        if (!rep->findings[i].suppressed) {
            r->findings[rep->findings[i].severity]++;
            shown++;
        }
    /* JSON and SARIF list accepted findings, marked, and the editor
     * formats count them on their summary line; the other formats show
     * what is still to be dealt with: they get a view without them */
    int lists_accepted = r->ops == &render_json_ops || r->ops == &render_jsonl_ops ||
                         r->ops == &render_sarif_ops || r->ops == &render_text_ops ||
                         r->ops == &render_line_ops || r->ops == &render_pretty_ops;
    int rc;
    if (lists_accepted || shown == rep->n) {
        rc = r->ops->doc(r, doc, rep);
    } else {
        slant_report view = *rep;
        view.findings = malloc((shown ? shown : 1) * sizeof *view.findings);
        view.rule_index = malloc((shown ? shown : 1) * sizeof *view.rule_index);
        if (!view.findings || !view.rule_index) {
            free(view.findings);
            free(view.rule_index);
            return SLANT_ENOMEM;
        }
        view.n = 0;
        for (size_t i = 0; i < rep->n; i++)
            if (!rep->findings[i].suppressed) {
                view.findings[view.n] = rep->findings[i];
                view.rule_index[view.n++] = rep->rule_index[i];
            }
        rc = r->ops->doc(r, doc, &view);
        free(view.findings);
        free(view.rule_index);
    }
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
    int rc = r->ops->error(r, path, message);
    r->nerrors++; /* after: formats tell their first entry by the counts */
    return rc;
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

void slant_renderer_free(slant_renderer *r)
{
    if (!r)
        return;
    if (r->ops->free)
        r->ops->free(r);
    free(r);
}

const rule_src *render_rule(const slant_report *rep, size_t i)
{
    return &rep->rules->rules[rep->rule_index[i]].src;
}

const char *render_technique(const slant_rules *rules, const char *category)
{
    for (size_t p = 0; rules && p < rules->npacks; p++)
        for (size_t i = 0; i < rules->packs[p]->ntech; i++)
            if (strcmp(rules->packs[p]->tech_category[i], category) == 0)
                return rules->packs[p]->tech_name[i];
    return NULL;
}

void render_xml(FILE *f, const char *s, size_t n, int attr)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        unsigned char c = *p;
        switch (c) {
        case '&': fputs("&amp;", f); p++; continue;
        case '<': fputs("&lt;", f); p++; continue;
        case '>': fputs("&gt;", f); p++; continue;
        case '"': fputs("&quot;", f); p++; continue;
        case '\'': fputs("&#39;", f); p++; continue;
        case '\n': fputs(attr ? "&#10;" : "\n", f); p++; continue;
        case '\r': fputs(attr ? "&#13;" : "\r", f); p++; continue;
        case '\t': fputs(attr ? "&#9;" : "\t", f); p++; continue;
        default: break;
        }
        if (c < 0x20 || c == 0x7F) {
            fputs("\xEF\xBF\xBD", f);
            p++;
            continue;
        }
        if (c < 0x80) {
            fputc(c, f);
            p++;
            continue;
        }
        uint32_t cp;
        size_t k = utf8_decode(&cp, p, (size_t)(end - p));
        /* U+FFFE and U+FFFF are not XML characters either */
        if (k == 0 || cp == 0xFFFE || cp == 0xFFFF || (cp >= 0x80 && cp <= 0x9F)) {
            fputs("\xEF\xBF\xBD", f);
            p += k ? k : 1;
            continue;
        }
        fwrite(p, 1, k, f);
        p += k;
    }
}

void render_xmls(FILE *f, const char *s, int attr) { render_xml(f, s, strlen(s), attr); }

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
