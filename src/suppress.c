/* suppress.c - suppressions written in the document (see slant.h,
 * "Suppressions"): directives to ranges of source bytes, findings in those
 * ranges marked, and every directive reported with what it did.
 *
 * A disable opens one range per name (or one for every rule) at the end of
 * its comment; an enable closes the open ranges of the names it gives, or
 * all of them; what is still open at the end runs to the end of the
 * document. A next-line directive covers the source line after the one
 * its comment ends on. A finding is suppressed when it starts inside a
 * range whose name is its rule id or its category. */
#include "report.h"
#include "text.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    size_t from, to;  /* source bytes */
    const char *name; /* NULL: every rule */
    size_t dir;       /* the directive that made it */
} range;

struct suppressor {
    const slant_doc *d;
    range *r;
    size_t n, cap;
    size_t *used;     /* per directive */
    char **problem;   /* per directive, or NULL */
};

static int known_name(const slant_rules *rs, const char *name)
{
    return slant_category_find(name) >= 0 || slant_rules_find(rs, name) >= 0;
}

static int add_range(suppressor *s, size_t from, size_t to, const char *name, size_t dir)
{
    if (grow(&s->r, &s->cap, s->n + 1, sizeof *s->r) != 0)
        return -1;
    s->r[s->n++] = (range){from, to, name, dir};
    return 0;
}

static char *printf_dup(const char *fmt, const char *a, const char *b)
{
    buf t = {0};
    buf_printf(&t, fmt, a, b ? b : "");
    const char *str = buf_str(&t);
    char *out = str ? str_dup(str) : NULL;
    buf_free(&t);
    return out;
}

void suppressor_free(suppressor *s)
{
    if (!s)
        return;
    if (s->problem)
        for (size_t i = 0; i < s->d->ndirs; i++)
            free(s->problem[i]);
    free(s->problem);
    free(s->used);
    free(s->r);
    free(s);
}

int suppressor_new(suppressor **out, const slant_rules *rs, const slant_doc *d)
{
    *out = NULL;
    suppressor *s = calloc(1, sizeof *s);
    if (!s)
        return SLANT_ENOMEM;
    s->d = d;
    size_t nd = d->ndirs ? d->ndirs : 1;
    s->used = calloc(nd, sizeof *s->used);
    s->problem = calloc(nd, sizeof *s->problem);
    if (!s->used || !s->problem) {
        suppressor_free(s);
        return SLANT_ENOMEM;
    }
    /* open disables: indexes into s->r whose `to` is still SIZE_MAX */
    int rc = 0;
    for (size_t k = 0; k < d->ndirs && rc == 0; k++) {
        const directive *dv = &d->dirs[k];
        for (size_t j = 0; j < dv->nnames && !s->problem[k]; j++) {
            if (known_name(rs, dv->names[j]))
                continue;
            const char *hint = slant_rules_suggest(rs, dv->names[j]);
            s->problem[k] = hint ? printf_dup("names '%s', which is no rule or category here "
                                              "(did you mean '%s'?)", dv->names[j], hint)
                                 : printf_dup("names '%s', which is no rule or category here%s",
                                              dv->names[j], NULL);
            if (!s->problem[k])
                rc = SLANT_ENOMEM;
        }
        if (dv->kind == DIR_UNKNOWN) {
            static const char *const words[] = {"slant-disable", "slant-enable",
                                                "slant-disable-next-line", NULL};
            const char *hint = diag_suggest(dv->word, words);
            s->problem[k] = hint ? printf_dup("unknown directive '%s' (did you mean '%s'?)",
                                              dv->word, hint)
                                 : printf_dup("unknown directive '%s' (use slant-disable, "
                                              "slant-enable or slant-disable-next-line)%s",
                                              dv->word, NULL);
            if (!s->problem[k])
                rc = SLANT_ENOMEM;
        } else if (dv->kind == DIR_DISABLE || dv->kind == DIR_NEXT_LINE) {
            size_t from = dv->end, to = SIZE_MAX;
            if (dv->kind == DIR_NEXT_LINE) {
                unsigned line;
                doc_position(d, dv->end ? dv->end - 1 : 0, &line, NULL, NULL);
                /* d->lines[next] starts the next line (lines are 1-based and,
                 * in a part of a larger text, count from the whole text) */
                size_t next = line - d->part.line + 1;
                from = next < d->nlines ? d->lines[next].byte : d->len;
                to = next + 1 < d->nlines ? d->lines[next + 1].byte : d->len;
            }
            if (dv->nnames == 0)
                rc = add_range(s, from, to, NULL, k);
            for (size_t j = 0; j < dv->nnames && rc == 0; j++)
                rc = add_range(s, from, to, dv->names[j], k);
        } else if (dv->kind == DIR_ENABLE) {
            int closed = 0;
            for (size_t i = 0; i < s->n; i++) {
                range *r = &s->r[i];
                if (r->to != SIZE_MAX || d->dirs[r->dir].kind != DIR_DISABLE)
                    continue;
                int match = dv->nnames == 0;
                for (size_t j = 0; j < dv->nnames && !match; j++)
                    match = r->name && strcmp(r->name, dv->names[j]) == 0;
                if (match) {
                    r->to = dv->start;
                    closed = 1;
                }
            }
            if (!closed && !s->problem[k] &&
                !(s->problem[k] = str_dup(dv->nnames ? "closes no slant-disable of these names"
                                                     : "closes no slant-disable")))
                rc = SLANT_ENOMEM;
        }
    }
    if (rc != 0 || (rc = grow(&s->r, &s->cap, s->n + 1, sizeof *s->r)) != 0) {
        suppressor_free(s);
        return SLANT_ENOMEM;
    }
    *out = s;
    return 0;
}

void suppressor_mark(suppressor *s, slant_report *rep, size_t from)
{
    for (size_t i = from; s && i < rep->n; i++) {
        slant_finding *f = &rep->findings[i];
        if (f->suppressed)
            continue;
        for (size_t k = 0; k < s->n; k++) {
            const range *r = &s->r[k];
            /* findings of a part count from the whole text's start */
            size_t at = f->start - s->d->part.byte;
            if (at < r->from || at >= r->to || s->problem[r->dir])
                continue;
            if (r->name && strcmp(r->name, f->rule) != 0 && strcmp(r->name, f->category) != 0)
                continue;
            if (!f->suppressed)
                f->suppressed = SLANT_SUPPRESSED_COMMENT;
            s->used[r->dir]++;
            break; /* one directive takes the credit */
        }
    }
}

int suppressor_report(suppressor *s, slant_report *rep)
{
    const slant_doc *d = s->d;
    if (!d->ndirs)
        return 0;
    rep->sups = calloc(d->ndirs, sizeof *rep->sups);
    if (!rep->sups)
        return SLANT_ENOMEM;
    for (size_t k = 0; k < d->ndirs; k++) {
        const directive *dv = &d->dirs[k];
        slant_suppression *o = &rep->sups[rep->nsups++];
        buf names = {0};
        for (size_t j = 0; j < dv->nnames; j++) {
            if (j)
                buf_addc(&names, ' ');
            buf_adds(&names, dv->names[j]);
        }
        const char *ns = buf_str(&names);
        o->names = ns ? str_dup(ns) : NULL;
        buf_free(&names);
        o->directive = str_dup(dv->word);
        o->start = dv->start + d->part.byte;
        o->end = dv->end + d->part.byte;
        doc_position(d, dv->start, &o->line, &o->column, NULL);
        o->suppressed = s->used[k];
        if (!s->problem[k] && dv->kind != DIR_ENABLE && !s->used[k])
            s->problem[k] = str_dup("suppresses nothing");
        o->problem = s->problem[k];
        s->problem[k] = NULL; /* the report owns it now */
        if (!o->names || !o->directive || (!o->problem && dv->kind != DIR_ENABLE && !s->used[k]))
            return SLANT_ENOMEM;
    }
    return 0;
}
