/* diag.c - diagnostics: formatting, printing and "did you mean". */
#include "diag.h"
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *level_name(slant_level l)
{
    return l == SLANT_LEVEL_ERROR ? "error" : l == SLANT_LEVEL_WARNING ? "warning" : "note";
}

void diag_print(FILE *f, const slant_diag *d)
{
    if (d->file && d->line)
        fprintf(f, "%s:%u:%u: ", d->file, d->line, d->column);
    else if (d->file)
        fprintf(f, "%s: ", d->file);
    fprintf(f, "%s: %s\n", level_name(d->level), d->message);
}

void diag_emit(diag_sink *s, slant_level level, const char *file, unsigned line,
               unsigned col, const char *rule, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (level == SLANT_LEVEL_ERROR)
        s->errors++;
    else if (level == SLANT_LEVEL_WARNING)
        s->warnings++;
    slant_diag d = {level, file, line, col, rule, msg};
    /* a hostile or generated file can hold a million mistakes: the first
     * hundred say what is wrong, the rest would only flood the terminal */
    if (level == SLANT_LEVEL_ERROR && s->errors > DIAG_MAX_ERRORS) {
        if (s->errors > DIAG_MAX_ERRORS + 1)
            return;
        snprintf(msg, sizeof msg, "more than %d errors; the rest are not shown",
                 DIAG_MAX_ERRORS);
        d = (slant_diag){SLANT_LEVEL_NOTE, file, 0, 0, NULL, msg};
    }
    if (s->fn)
        s->fn(&d, s->payload);
    else
        diag_print(stderr, &d);
}

const char *diag_suggest(const char *word, const char *const *candidates)
{
    const char *best = NULL;
    size_t len = strlen(word);
    size_t cap = len <= 3 ? 1 : len <= 6 ? 2 : 3;
    size_t bestd = cap + 1;
    for (size_t i = 0; candidates[i]; i++) {
        size_t dist = str_distance(word, candidates[i], cap);
        if (dist < bestd) {
            bestd = dist;
            best = candidates[i];
        }
    }
    return best;
}
