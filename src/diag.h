/* diag.h - collecting diagnostics with locations (internal). */
#ifndef SLANT_DIAG_H
#define SLANT_DIAG_H

#include "slant.h"

/* Errors past this many are counted but not reported. */
#define DIAG_MAX_ERRORS 100

typedef struct {
    slant_diag_fn fn;
    void *payload;
    size_t errors;
    size_t warnings;
} diag_sink;

/* Formats a message and hands it to the sink's callback, or prints
 * `file:line:col: level: message` to stderr when there is none. */
void diag_emit(diag_sink *s, slant_level level, const char *file, unsigned line,
               unsigned col, const char *rule, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;

/* Prints a diagnostic the standard way: file:line:col: level: message. */
void diag_print(FILE *f, const slant_diag *d);

/* The closest of `candidates` (NULL-terminated) to `word`, or NULL when
 * none is close enough to suggest. */
const char *diag_suggest(const char *word, const char *const *candidates);

#endif
