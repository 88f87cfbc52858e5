/* suites.h - the unit suites of libslant and the helpers they share.
 *
 * Every C file in tests/unit is compiled into one binary (build/unit) that is
 * linked with build/libslant.a and the CLI's path list (cli_paths.o), so the
 * suites may use the internal headers (text.h, loader.h, rules.h, report.h,
 * util.h, diag.h, render.h, prefilter.h, jit.h) as well as the public
 * slant.h. */
#ifndef SLANT_UNIT_SUITES_H
#define SLANT_UNIT_SUITES_H

#include <check.h>
#include <stddef.h>
#include <stdio.h>

#include "slant.h"

Suite *util_suite(void);
Suite *text_suite(void);
Suite *loader_suite(void);
Suite *compile_suite(void);
Suite *scan_suite(void);
Suite *score_suite(void);
Suite *render_suite(void);
Suite *selftest_suite(void);
Suite *markup_suite(void);
Suite *prefilter_suite(void);
Suite *jit_suite(void);
Suite *eval_suite(void);
Suite *model_suite(void);
Suite *cli_paths_suite(void); /* the CLI's cli_paths.o, linked in on its own */

/* ---- diagnostics ----------------------------------------------------- */

#define DIAG_MAX 48
#define DIAG_LEN 640

/* Every diagnostic a callback received, formatted as
 * "file:line:col: message" (file "-" when NULL), with its level and rule. */
typedef struct {
    size_t n;           /* number received (may exceed DIAG_MAX) */
    char text[DIAG_MAX][DIAG_LEN];
    char rule[DIAG_MAX][128]; /* "" when the diagnostic names no rule */
    slant_level level[DIAG_MAX];
    unsigned line[DIAG_MAX], column[DIAG_MAX];
} diag_log;

/* A slant_diag_fn; the payload is a diag_log. */
void diag_collect(const slant_diag *d, void *payload);
void diag_log_reset(diag_log *log);
/* All the collected diagnostics, one a line, for failure messages. */
const char *diag_log_dump(const diag_log *log);

/* The diagnostics of the last compile_yaml / compile_packs call. */
extern diag_log g_diags;

/* ---- rules ----------------------------------------------------------- */

/* Compiles one inline pack named "t.yaml"; NULL on any error (the
 * diagnostics are in g_diags). */
slant_rules *compile_yaml(const char *yaml);
/* The same for several packs named names[i]; `disable` and `only` are
 * NULL-terminated lists or NULL. */
slant_rules *compile_packs(size_t n, const char *const *names, const char *const *yamls,
                           const char *const *disable, const char *const *only);

/* Loads a pack with slant_compiler_add_string (name "t.yaml") and then
 * finishes the compiler; returns the add_string code and stores the finish
 * code in *finish_rc (when not NULL). Diagnostics go to `log`. */
int load_yaml(diag_log *log, const char *yaml, int *finish_rc);

/* The fields every test rule needs; a test adds its matchers (indented by
 * four spaces) between RULE_HEAD and RULE_EXAMPLES. RULE_HEAD puts the rule
 * on line 3 (id at column 5); its fields end on line 8, so the first line a
 * test adds is line 9. */
#define RULE_HEAD_ID(id, cat, sev)                                                          \
    "pack: test\n"                                                                          \
    "rules:\n"                                                                              \
    "  - id: " id "\n"                                                                      \
    "    category: " cat "\n"                                                               \
    "    severity: " sev "\n"                                                               \
    "    message: Test message\n"                                                           \
    "    explain: Test explanation.\n"                                                      \
    "    advice: Test advice.\n"
#define RULE_HEAD RULE_HEAD_ID("threat.t", "threat", "warning")
#define RULE_EXAMPLES                                                                       \
    "    examples:\n"                                                                       \
    "      match: [\"x\"]\n"                                                                \
    "      no-match: [\"y\"]\n"
/* A second rule, to append after a first one in the same pack. */
#define RULE_MORE(id, cat, sev)                                                             \
    "  - id: " id "\n"                                                                      \
    "    category: " cat "\n"                                                               \
    "    severity: " sev "\n"                                                               \
    "    message: Test message\n"                                                           \
    "    explain: Test explanation.\n"                                                      \
    "    advice: Test advice.\n"

/* ---- documents and scans --------------------------------------------- */

/* A doc over a NUL-terminated text that must be valid (asserts rc == 0). */
slant_doc *make_doc(const char *text);
/* Scans `text` (valid UTF-8) with `rules`; asserts the scan returns
 * `want_rc`. The doc is returned through *doc_out (free it after the
 * report). */
slant_report *scan_text(const slant_rules *rules, const char *text, slant_doc **doc_out,
                        int want_rc);

/* The byte offset of the first occurrence of `needle` in `hay`; fails the
 * test when there is none. */
size_t offset_of(const char *hay, const char *needle);

/* ---- files ----------------------------------------------------------- */

/* A whole file of the source tree, NUL-terminated (the caller frees it);
 * `make unit` runs the tests in tests/unit, a developer perhaps at the
 * top. Fails the test when it cannot be read. */
char *source_file(const char *path, size_t *len);

/* ---- output ---------------------------------------------------------- */

/* A memory stream (open_memstream) and its buffer. */
typedef struct {
    FILE *f;
    char *data;
    size_t len;
} memout;

void memout_open(memout *m);
/* Closes the stream; m->data holds everything written (free with
 * memout_free). */
const char *memout_close(memout *m);
void memout_free(memout *m);

/* Line `i` (0-based) of `text` copied into `out` without its newline;
 * returns out, or NULL when the text has fewer lines. */
const char *nth_line(char *out, size_t outlen, const char *text, size_t i);

#endif
