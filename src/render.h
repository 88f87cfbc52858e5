/* render.h - the renderer interface each output format implements
 * (internal). Every format is fed the same report structure; adding a
 * format means a render_<name>.c with its ops and a line in render.c. */
#ifndef SLANT_RENDER_H
#define SLANT_RENDER_H

#include "report.h"
#include "text.h"

typedef struct {
    int (*doc)(slant_renderer *r, const slant_doc *doc, const slant_report *rep);
    int (*error)(slant_renderer *r, const char *path, const char *message);
    int (*finish)(slant_renderer *r);
    void (*free)(slant_renderer *r); /* frees r->state; may be NULL */
} render_ops;

struct slant_renderer {
    const render_ops *ops;
    FILE *out;
    slant_render_options opt;
    size_t ndocs, nerrors;
    size_t nparts; /* parts after the first of documents scanned in parts */
    size_t findings[3]; /* per severity, over all documents */
    int finished;
    void *state; /* the format's own */
};

extern const render_ops render_text_ops;
extern const render_ops render_line_ops;
extern const render_ops render_pretty_ops;
extern const render_ops render_json_ops;
extern const render_ops render_jsonl_ops;
extern const render_ops render_sarif_ops;
extern const render_ops render_html_ops;
extern const render_ops render_github_ops;
extern const render_ops render_checkstyle_ops;
extern const render_ops render_tsv_ops;

/* Writes a number the way every format does: up to 3 decimals, no
 * trailing zeros. */
void render_number(FILE *f, double v);
/* Writes a JSON string literal. */
void render_json_string(FILE *f, const char *s);
/* Writes s[0..n) escaped for HTML and XML text and attribute values:
 * & < > " ' become references; invalid UTF-8, NUL and control characters
 * other than tab and line breaks become U+FFFD (XML 1.0 forbids them);
 * with `attr`, line breaks and tabs become character references too. */
void render_xml(FILE *f, const char *s, size_t n, int attr);
void render_xmls(FILE *f, const char *s, int attr);

/* The rule of finding i (its explain text and pack live there). */
const rule_src *render_rule(const slant_report *rep, size_t i);
/* The first technique label the packs map `category` onto, or NULL. */
const char *render_technique(const slant_rules *rules, const char *category);

/* The text and line formats' pieces, shared with the pretty format: the
 * note for an incomplete rule, the per-document summary line and the
 * totals line after several documents. */
void render_text_incomplete(slant_renderer *r, const slant_doc *doc, const slant_report *rep,
                            size_t i);
void render_text_summary(slant_renderer *r, const slant_doc *doc, const slant_report *rep);
int render_text_totals(slant_renderer *r);
/* The matched text on one line: white space runs become one space,
 * control characters '?', and spans past 100 code points are cut with an
 * ellipsis. */
void render_excerpt(FILE *f, const char *s);
/* ANSI colour of a severity, and a string written in a colour when the
 * options ask for colour. */
const char *render_sev_color(slant_severity s);
void render_put(slant_renderer *r, const char *color, const char *s);
/* "path:line:col: severity" with the editor colours: the start of a
 * finding's line in the text and pretty formats. */
void render_put_where(slant_renderer *r, const char *path, unsigned line, unsigned col,
                      slant_severity sev);

/* A document as a JSON object (README.md, "JSON output"); `oneline` puts
 * it on a single line, as JSON Lines needs. */
void render_json_doc(FILE *f, const slant_doc *doc, const slant_report *rep, int oneline);
void render_json_error(FILE *f, const char *path, const char *message);

#endif
