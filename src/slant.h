/*
 * slant.h - the public interface of libslant, a detector of rhetorical and
 * framing patterns in news text.
 *
 * Three objects, one direction of flow:
 *
 *   rule packs --slant_compiler--> slant_rules (immutable, shareable)
 *   document bytes --slant_doc_new--> slant_doc
 *   slant_rules + slant_doc --slant_scanner--> slant_report (findings, score)
 *   slant_report --slant_renderer--> text | json
 *
 * Conventions (written down once, here):
 * - Functions return 0 on success or a negative SLANT_E* code;
 *   slant_strerror() turns a code into a message.
 * - Out-parameters come first; a single one is called `out`.
 * - An object handed out through `**out` belongs to the caller, who frees it
 *   with the matching *_free function. Every *_free accepts NULL.
 * - Pointers returned as values (strings, findings, rule info) are borrowed
 *   from the object they came from and live as long as it does.
 * - A slant_rules object is immutable after slant_compiler_finish and may be
 *   shared by any number of threads. A slant_scanner belongs to one thread
 *   at a time; make one per thread.
 * - A slant_doc borrows the document bytes: they must outlive the doc and
 *   every report made from it.
 * - User mistakes (a bad rule file, invalid UTF-8) are reported through a
 *   diagnostic callback with a file, line and column, never by aborting.
 */
#ifndef SLANT_H
#define SLANT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SLANT_VERSION "0.1.0"

/* Error codes. 0 is success; every error is negative. */
enum {
    SLANT_OK = 0,
    SLANT_ENOMEM = -1,    /* out of memory */
    SLANT_EIO = -2,       /* a file could not be read or written */
    SLANT_ERULES = -3,    /* a rule pack has errors (see diagnostics) */
    SLANT_EINPUT = -4,    /* a document has errors (see diagnostics) */
    SLANT_EINVAL = -5,    /* an argument is invalid */
    SLANT_ENOTFOUND = -6, /* no such rule, category or pack */
    SLANT_ELIMIT = -7,    /* a matching limit was hit; results incomplete */
    SLANT_ESTATE = -8,    /* the object is not in a state for this call */
};

/* A message for an error code; never NULL. */
const char *slant_strerror(int code);

/* ------------------------------------------------------------------ */
/* Diagnostics                                                          */

typedef enum {
    SLANT_LEVEL_NOTE = 0,
    SLANT_LEVEL_WARNING = 1,
    SLANT_LEVEL_ERROR = 2,
} slant_level;

/* A diagnostic about a rule file or a document. `file` is the name the
 * source was given; `line` and `column` are 1-based (column counted in
 * code points), 0 when unknown. `rule` is the rule id involved, or NULL. */
typedef struct {
    slant_level level;
    const char *file;
    unsigned line;
    unsigned column;
    const char *rule;
    const char *message;
} slant_diag;

/* Called once per diagnostic; the struct and its strings are valid only
 * during the call. */
typedef void (*slant_diag_fn)(const slant_diag *diag, void *payload);

/* ------------------------------------------------------------------ */
/* Severities and categories                                            */

typedef enum {
    SLANT_SEVERITY_INFO = 0,
    SLANT_SEVERITY_WARNING = 1,
    SLANT_SEVERITY_ERROR = 2,
} slant_severity;

/* "info", "warning" or "error". */
const char *slant_severity_name(slant_severity sev);
/* Parses a severity name; SLANT_EINVAL if unknown. */
int slant_severity_parse(slant_severity *out, const char *name);

/* The category ids of TAXONOMY.md, in table order. */
size_t slant_category_count(void);
/* The id of category `index`, or NULL past the end. */
const char *slant_category_id(size_t index);
/* The index of a category id, or -1 when it is not one. */
int slant_category_find(const char *id);

/* ------------------------------------------------------------------ */
/* Compiling rules                                                      */

typedef struct slant_compiler slant_compiler;
typedef struct slant_rules slant_rules;

int slant_compiler_new(slant_compiler **out);
void slant_compiler_free(slant_compiler *c);

/* Where diagnostics go; without a callback they are printed to stderr. */
void slant_compiler_set_diag(slant_compiler *c, slant_diag_fn fn, void *payload);

/* Adds a pack from a file, or from memory under the name `name` (used in
 * diagnostics). Errors in the pack are diagnosed and make the call return
 * SLANT_ERULES; the compiler stays usable, but finish will fail. */
int slant_compiler_add_file(slant_compiler *c, const char *path);
int slant_compiler_add_string(slant_compiler *c, const char *name, const char *yaml, size_t len);
/* Adds the packs built into the library (the shipped rules/ folder). */
int slant_compiler_add_builtin(slant_compiler *c);

/* Disables a rule id or a whole category; SLANT_ENOTFOUND (diagnosed, with
 * a suggestion) at finish when no rule or category has that name. */
int slant_compiler_disable(slant_compiler *c, const char *rule_or_category);
/* Keeps only the rules of the named category; may be called for several.
 * Unknown names are diagnosed at finish. */
int slant_compiler_only_category(slant_compiler *c, const char *category);

/* Compiles everything added so far into an immutable rule set. Fails with
 * SLANT_ERULES if any pack had errors. The compiler can be freed after. */
int slant_compiler_finish(slant_rules **out, slant_compiler *c);

void slant_rules_free(slant_rules *rules);

/* Read-only description of one rule, borrowed from the rule set. */
typedef struct {
    const char *id;
    const char *category;
    slant_severity severity;
    double weight;
    const char *message;
    const char *explain;
    const char *advice;
    const char *pack;      /* the pack's name */
    const char *file;      /* the file (or builtin name) it came from */
    unsigned line;         /* where the rule starts in that file */
    size_t match_examples;
    size_t nomatch_examples;
} slant_rule_info;

size_t slant_rules_count(const slant_rules *rules);
/* Fills `out` for the rule at `index`; SLANT_EINVAL past the end. */
int slant_rules_info(slant_rule_info *out, const slant_rules *rules, size_t index);
/* The index of a rule id, or -1. */
long slant_rules_find(const slant_rules *rules, const char *id);
/* The rule id or category id closest to `name` (a likely typo), or NULL
 * when nothing is close. */
const char *slant_rules_suggest(const slant_rules *rules, const char *name);
/* Example `i` of a rule: `match` selects the match list (1) or the
 * no-match list (0). NULL past the end. */
const char *slant_rules_example(const slant_rules *rules, size_t index, int match, size_t i);

/* Runs every rule's examples (the `slant test` command). For each example
 * that fails, `fn` is called with a diagnostic naming the rule, the example
 * and what matched; and with a warning for each `unless` guard that matches
 * in none of its rule's examples (untested: it may never match at all). `*failures` gets the number of failing examples and
 * `*total` the number run (either may be NULL). */
int slant_rules_test(size_t *failures, size_t *total, const slant_rules *rules,
                     slant_diag_fn fn, void *payload);

/* ------------------------------------------------------------------ */
/* Documents                                                            */

typedef struct slant_doc slant_doc;

/* Builds the text model of a document: validates UTF-8, folds typography,
 * indexes lines, words and sentences and marks quotations. `name` is used
 * in diagnostics and reports. Invalid UTF-8 is diagnosed at its line and
 * column and the call returns SLANT_EINPUT, but the doc is still created
 * (invalid bytes read as U+FFFD) so the rest can be scanned; check *out.
 * `bytes` is borrowed (see the conventions above). */
int slant_doc_new(slant_doc **out, const char *name, const char *bytes, size_t len,
                  slant_diag_fn fn, void *payload);
void slant_doc_free(slant_doc *doc);

/* Large inputs are scanned in parts (the CLI cuts a file over 16 MiB at
 * paragraph or line breaks), so memory stays bounded whatever the input's
 * size. A part knows where it stands in the whole text, and its findings,
 * diagnostics, lines and columns count from the start of the whole text.
 * Each part is scanned and scored as a document of its own: a finding that
 * would straddle a cut is missed, and document rules see one part. */
typedef struct {
    size_t index;    /* 0 for the first part */
    size_t byte;     /* offset of the part's first byte in the whole text */
    size_t cp;       /* code points before it */
    unsigned line;   /* its line, 1-based */
    unsigned column; /* its column on that line, 1-based, in code points */
} slant_part;

/* Like slant_doc_new, for one part of a larger text; `part` NULL is the
 * first part. The bytes are this part's only. */
int slant_doc_new_part(slant_doc **out, const char *name, const char *bytes, size_t len,
                       const slant_part *part, slant_diag_fn fn, void *payload);
/* Where the part after `doc` starts, when its bytes follow doc's. */
void slant_doc_next_part(slant_part *out, const slant_doc *doc);
/* The part a doc is, or NULL for a document made whole by slant_doc_new. */
const slant_part *slant_doc_part(const slant_doc *doc);

const char *slant_doc_name(const slant_doc *doc);
size_t slant_doc_bytes(const slant_doc *doc);
size_t slant_doc_words(const slant_doc *doc);
size_t slant_doc_sentences(const slant_doc *doc);

/* ------------------------------------------------------------------ */
/* Scanning                                                             */

typedef struct slant_scanner slant_scanner;
typedef struct slant_report slant_report;

typedef enum {
    SLANT_VOICE_AUTHOR = 0,
    SLANT_VOICE_QUOTE = 1,
} slant_voice;

/* "author" or "quote". */
const char *slant_voice_name(slant_voice voice);

/* Where one occurrence of a document-level finding stands. */
typedef struct {
    size_t start, end;
    size_t char_start, char_end;
    unsigned line, column;
} slant_span;

/* One finding. Offsets are into the original document bytes: [start, end)
 * in bytes and [char_start, char_end) in code points; lines and columns
 * are 1-based, columns in code points; end_line and end_column give the
 * position just past the span (exclusive, as SARIF regions do). Strings are borrowed from the rule set (rule
 * fields) or the report (`text`). */
typedef struct {
    const char *rule;
    const char *category;
    slant_severity severity;
    double weight;      /* the rule's weight */
    double score;       /* what this finding adds before the per-rule cap */
    slant_voice voice;
    int mention;        /* mentioned, not used ("what X calls ..."):
                           downgraded to info, scores a quarter */
    size_t start, end;
    size_t char_start, char_end;
    unsigned line, column;
    unsigned end_line, end_column;
    const char *text;   /* the matched original text, NUL-terminated */
    const char *message;
    const char *advice;
    /* Document-level findings (a rule with `document:`, such as a label
     * repeated three times) are reported once; the span above is the
     * first occurrence and these list them all. 0 and NULL otherwise. */
    size_t noccurrences;
    const slant_span *occurrences;
} slant_finding;

/* A category's share of a document's score. */
typedef struct {
    const char *category;
    size_t findings;
    double score;
} slant_category_score;

/* The document score; see README.md ("Score") for the formula. */
typedef struct {
    double total;     /* sum over rules of capped finding scores */
    double density;   /* total per 1,000 words (at least 100 words counted) */
    int index;        /* 0-100, bounded transform of density */
    size_t ncategories;
    const slant_category_score *categories; /* only categories with findings, TAXONOMY order */
} slant_score;

int slant_scanner_new(slant_scanner **out, const slant_rules *rules);
void slant_scanner_free(slant_scanner *s);

/* Sets the time one document may take (default 60 seconds; 0: no limit).
 * Each PCRE2 call is also bounded by match, depth and heap limits; when
 * time runs out the remaining rules are reported as incomplete. */
int slant_scanner_set_budget(slant_scanner *s, double seconds);

/* Scans a document. Returns 0, or SLANT_ELIMIT when some rule hit a PCRE2
 * matching limit or the time budget (the report is complete for every other rule and lists
 * the incomplete ones), or another negative code with *out NULL. */
int slant_scanner_scan(slant_report **out, slant_scanner *s, const slant_doc *doc);

void slant_report_free(slant_report *report);

size_t slant_report_count(const slant_report *report);
const slant_finding *slant_report_finding(const slant_report *report, size_t i);
const slant_score *slant_report_score(const slant_report *report);
/* Rules that hit a matching limit on this document: their ids. */
size_t slant_report_incomplete_count(const slant_report *report);
const char *slant_report_incomplete(const slant_report *report, size_t i);
/* Why: "match limit" (a PCRE2 limit) or "time budget". */
const char *slant_report_incomplete_reason(const slant_report *report, size_t i);
/* The highest severity among findings, or -1 when there are none. */
int slant_report_max_severity(const slant_report *report);

/* ------------------------------------------------------------------ */
/* Evaluation against gold spans (`slant eval`)                         */

typedef struct slant_eval slant_eval;

typedef enum {
    SLANT_GOLD_AUTO = 0,  /* JSON Lines when the first line starts with '{', else PTC */
    SLANT_GOLD_JSONL = 1, /* {"doc": NAME, "category": ID, "start": N, "end": N[, "need": "optional"]} */
    SLANT_GOLD_PTC = 2,   /* article_id TAB technique TAB start TAB end (or without technique) */
} slant_gold_format;

typedef enum {
    SLANT_EVAL_BY_CATEGORY = 0, /* rows per category (per technique for PTC gold) */
    SLANT_EVAL_BY_RULE = 1,     /* rows per rule: its findings against its category's gold */
} slant_eval_by;

/* One row of results. Offsets are code points. For JSON Lines gold a
 * finding is correct when it overlaps a required gold span of its
 * category; for PTC gold the SemEval-2020 span metric gives partial
 * credit (see README.md, "Evaluation"). */
typedef struct {
    const char *name;    /* category, rule, technique, or "overall" */
    size_t gold;         /* required gold spans */
    size_t predicted;    /* findings counted (those on optional spans are not) */
    double matched_gold; /* credit towards recall */
    double correct;      /* credit towards precision */
    double precision, recall, f1;
} slant_eval_row;

/* `rules` supplies the category-to-technique map of the packs. */
int slant_eval_new(slant_eval **out, const slant_rules *rules);
void slant_eval_free(slant_eval *e);
/* Loads gold labels; errors are diagnosed with `name`:line:column. */
int slant_eval_load_gold(slant_eval *e, const char *name, const char *text, size_t len,
                         slant_gold_format format, slant_diag_fn fn, void *payload);
/* The documents the gold labels name ("article123.txt" for PTC). */
size_t slant_eval_doc_count(const slant_eval *e);
const char *slant_eval_doc_name(const slant_eval *e, size_t i);
/* Non-zero when document `i` of the gold was added (scanned). */
int slant_eval_doc_added(const slant_eval *e, size_t i);
/* Adds the findings of one scanned document, under the gold's name for it
 * (a document without gold spans is a document where nothing should be
 * found). Findings about the document as a whole are not counted. */
int slant_eval_add(slant_eval *e, const char *doc, const slant_report *report);
/* Computes the rows; valid until the next call or until `e` is freed. */
int slant_eval_compute(slant_eval *e, slant_eval_by by);
size_t slant_eval_row_count(const slant_eval *e);
const slant_eval_row *slant_eval_row_at(const slant_eval *e, size_t i);
/* Overall rows: strict (category must match) and lenient (any category);
 * for PTC gold both are the span-identification score. */
const slant_eval_row *slant_eval_overall(const slant_eval *e, int lenient);
/* Non-zero when the gold was PTC format. */
int slant_eval_is_ptc(const slant_eval *e);

/* ------------------------------------------------------------------ */
/* Rendering                                                            */

typedef struct slant_renderer slant_renderer;

typedef enum {
    SLANT_FORMAT_TEXT = 0, /* path:line:col: severity: message [rule] «text» */
    SLANT_FORMAT_JSON = 1, /* {"slant": VERSION, "documents": [...]} */
} slant_format;

/* Parses "text" or "json"; SLANT_EINVAL if unknown. */
int slant_format_parse(slant_format *out, const char *name);

typedef struct {
    int color; /* text format: ANSI colours when non-zero */
} slant_render_options;

/* Writes to `stream`, which stays the caller's. `options` may be NULL. */
int slant_renderer_new(slant_renderer **out, slant_format format, FILE *stream,
                       const slant_render_options *options);
/* Renders one scanned document. Documents appear in call order. */
int slant_renderer_add(slant_renderer *r, const slant_doc *doc, const slant_report *report);
/* Renders a document that could not be scanned, with its error message
 * (for JSON output, so every input appears in the output). */
int slant_renderer_add_error(slant_renderer *r, const char *path, const char *message);
/* Closes the output (the JSON array, for example). Returns SLANT_EIO if
 * any write failed. */
int slant_renderer_finish(slant_renderer *r);
void slant_renderer_free(slant_renderer *r);

#ifdef __cplusplus
}
#endif
#endif
