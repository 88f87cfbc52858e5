/* render.h - the renderer interface each output format implements
 * (internal). Every format is fed the same report structure. */
#ifndef SLANT_RENDER_H
#define SLANT_RENDER_H

#include "report.h"
#include "text.h"

typedef struct {
    int (*doc)(slant_renderer *r, const slant_doc *doc, const slant_report *rep);
    int (*error)(slant_renderer *r, const char *path, const char *message);
    int (*finish)(slant_renderer *r);
} render_ops;

struct slant_renderer {
    const render_ops *ops;
    FILE *out;
    slant_render_options opt;
    size_t ndocs, nerrors;
    size_t nparts; /* parts after the first of documents scanned in parts */
    size_t findings[3]; /* per severity, over all documents */
    int finished;
};

extern const render_ops render_text_ops;
extern const render_ops render_json_ops;

/* Writes a number the way every format does: up to 3 decimals, no
 * trailing zeros. */
void render_number(FILE *f, double v);
/* Writes a JSON string literal. */
void render_json_string(FILE *f, const char *s);

#endif
