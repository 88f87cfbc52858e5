/*
 * slant.h - the public interface of libslant, a detector of rhetorical and
 * framing patterns in news text.
 *
 * Three objects, one direction of flow:
 *
 *   rule packs --slant_compiler--> slant_rules (immutable, shareable)
 *   document bytes --slant_doc_new--> slant_doc
 *   slant_rules + slant_doc --slant_scanner--> slant_report (findings, score)
 *   slant_report --slant_renderer--> text | json | jsonl | sarif | html | ...
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
/* Adds the packs built into the library (the shipped rules/ folder),
 * except the opt-in ones ("broad": higher recall, lower precision), which
 * slant_compiler_add_builtin_pack adds by name. */
int slant_compiler_add_builtin(slant_compiler *c);

/* Adds the sentence model (`name` for messages: a file name), replacing
 * any added before; slant_compiler_add_builtin adds the built-in one.
 * Its rules, "<category>.sentence-model", report a whole sentence at
 * info severity where no rule of that category found anything. Errors
 * are diagnosed with the line. */
int slant_compiler_add_model(slant_compiler *c, const char *name, const char *text, size_t len);
/* The same, read from a file (errors diagnosed like slant_compiler_add_file's). */
int slant_compiler_add_model_file(slant_compiler *c, const char *path);
/* 0 leaves the model out (its rules are not made), and
 * slant_compiler_add_builtin called after it does not read the built-in
 * one; 1 puts back the model added, if any. */
int slant_compiler_set_model(slant_compiler *c, int enabled);

/* Disables a rule id or a whole category; SLANT_ENOTFOUND (diagnosed, with
 * a suggestion) at finish when no rule or category has that name. */
int slant_compiler_disable(slant_compiler *c, const char *rule_or_category);
/* Keeps only the rules of the named category; may be called for several.
 * Unknown names are diagnosed at finish. */
int slant_compiler_only_category(slant_compiler *c, const char *category);

/* Adds one of the built-in packs by its name ("sourcing", as in
 * slant_builtin_pack_name); SLANT_ENOTFOUND when there is none. */
int slant_compiler_add_builtin_pack(slant_compiler *c, const char *name);
/* The names of the built-in packs; NULL past the end. */
const char *slant_builtin_pack_name(size_t i);

/* Overrides the severity or the weight of a rule, or of every rule of a
 * category; a rule's own override wins over its category's. A rule whose
 * pack gives no weight takes the default weight of its new severity.
 * Names that match nothing are diagnosed at finish, like disable. */
int slant_compiler_set_severity(slant_compiler *c, const char *rule_or_category,
                                slant_severity sev);
int slant_compiler_set_weight(slant_compiler *c, const char *rule_or_category, double weight);

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
/* How the scanner runs one compiled program of a rule (its terms, one
 * pattern, a near part or a guard): the literals it is prefiltered on and
 * the bound on a match's length in bytes, c[0] + c[1]*S + c[2]*P + c[3]*T
 * + c[4]*L, where for each document S is its longest run of white space,
 * P of characters other than ASCII letters and digits, T of non-white
 * space, and L its longest line. A program with no literals runs over the
 * whole text (`why` says why). */
typedef struct {
    const char *source;  /* the pattern, or "terms" */
    const char *regex;   /* the PCRE2 pattern compiled (terms as one alternation) */
    int guard;           /* an `unless` guard (runs only around findings) */
    /* 0 for a guard whose literals are so common that it is searched
     * around each finding without looking for them first */
    int prefiltered;
    size_t nliterals;
    char *const *literals;
    int bounded;
    unsigned c[5];
    /* how far before a literal's occurrence a match can start, in the
     * same terms; the scanner searches from there */
    int pre_bounded;
    unsigned pre[5];
    /* second requirements: an occurrence of literal l is searched only
     * where its pair (slant_rules_program_pair) is near; literal_pair[l]
     * is 1 + that pair's index, or 0 when the literal has none */
    const unsigned *literal_pair;
    size_t npairs;
    const char *why;
} slant_program_info;

/* A second requirement: one of `strings` starts `min` to max bytes after
 * (dir 1) or before (dir -1) the literal it is paired with; max in the
 * terms of slant_program_info's bound. */
typedef struct {
    size_t nstrings;
    char *const *strings;
    int dir;
    unsigned min;
    unsigned max[5];
} slant_pair_info;

size_t slant_rules_program_count(const slant_rules *rules, size_t index);
int slant_rules_program(slant_program_info *out, const slant_rules *rules, size_t index,
                        size_t i);
/* Pair `pair` (0-based) of program i of rule `index`. */
int slant_rules_program_pair(slant_pair_info *out, const slant_rules *rules, size_t index,
                             size_t i, size_t pair);

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
/* House configuration (.slant.yaml)                                    */

/* A newsroom's settings: packs, disabled rules, severity and weight
 * overrides, house word lists, and settings for front ends (fail level,
 * output and input formats, file globs). The keys are in README.md. */
typedef struct slant_config slant_config;

/* One setting as written. `key` is the top-level key; `name` the rule or
 * category of a severity or weight override, or the category of a word
 * list (else NULL); `value` the value as text (a word list's terms joined
 * by ", "); `path` a pack path made relative to the current directory
 * (packs only, else NULL). `file`, `line` and `column` say where. */
typedef struct {
    const char *key;
    const char *name;
    const char *value;
    const char *path;
    const char *file;
    unsigned line, column;
} slant_setting;

/* Reads a configuration. `file` names it in diagnostics, and relative
 * pack paths start from its folder. Every mistake is diagnosed at its
 * line and column (unknown keys with a suggestion) and the call returns
 * SLANT_EINPUT with *out NULL. A file of comments only sets nothing. */
int slant_config_load(slant_config **out, const char *file, const char *yaml, size_t len,
                      slant_diag_fn fn, void *payload);
void slant_config_free(slant_config *cfg);
const char *slant_config_file(const slant_config *cfg);
/* The settings in file order. */
size_t slant_config_count(const slant_config *cfg);
const slant_setting *slant_config_setting(const slant_config *cfg, size_t i);
/* The first setting of `key`, or NULL. */
const slant_setting *slant_config_get(const slant_config *cfg, const char *key);
/* Gives a compiler what the configuration says about rules: when `packs`
 * is non-zero its packs (all built-in ones when it names none), then the
 * disabled names, the overrides and the word lists (as rules named
 * `<category>.house`), and its `model` (none, or a model file that
 * replaces the built-in one when `packs` is non-zero). Names that match no rule are diagnosed at finish
 * with the configuration's file, line and column. */
int slant_config_apply(const slant_config *cfg, slant_compiler *c, int packs);

/* ------------------------------------------------------------------ */
/* Documents                                                            */

typedef struct slant_doc slant_doc;

/* What a document's bytes are. Markdown and HTML are read for what a
 * reader sees: markup, code, URLs, comments and front matter are skipped,
 * character references decoded, block quotes (and <q>) marked as quoted
 * voice, and block ends (headings, paragraphs, list items, cells, <br>)
 * end sentences. Offsets, lines and columns of findings always point into
 * the bytes given, whatever the format. */
typedef enum {
    SLANT_INPUT_TEXT = 0,
    SLANT_INPUT_MARKDOWN = 1,
    SLANT_INPUT_HTML = 2,
} slant_input_format;

/* Parses "text", "markdown" (or "md") or "html"; SLANT_EINVAL if unknown. */
int slant_input_format_parse(slant_input_format *out, const char *name);
/* "text", "markdown" or "html". */
const char *slant_input_format_name(slant_input_format format);
/* The format of a file: by the extension of `path` (.md .markdown; .html
 * .htm .xhtml; anything else is text) when it has one of those, else by
 * the content (a doctype or HTML tags at the start; Markdown headings,
 * fences or front matter), for standard input. `path` or `bytes` may be
 * NULL. */
slant_input_format slant_input_format_guess(const char *path, const char *bytes, size_t len);

/* Builds the text model of a document: validates UTF-8, folds typography,
 * indexes lines, words and sentences and marks quotations. `name` is used
 * in diagnostics and reports. Invalid UTF-8 is diagnosed at its line and
 * column and the call returns SLANT_EINPUT, but the doc is still created
 * (invalid bytes read as U+FFFD) so the rest can be scanned; check *out.
 * `bytes` is borrowed (see the conventions above). Plain text; lines
 * that are `[slant-disable ...]` directives are not text (see
 * "Suppressions" below). */
int slant_doc_new(slant_doc **out, const char *name, const char *bytes, size_t len,
                  slant_diag_fn fn, void *payload);
/* The offset of the first byte of bytes[0..len) that is not valid UTF-8,
 * by the check slant_doc_new makes (overlong forms, surrogates and values
 * past U+10FFFF are invalid): 0 when every byte is valid, else
 * SLANT_EINPUT with *out at that byte. For front ends that refuse such
 * text rather than read it with U+FFFD. */
int slant_utf8_check(size_t *out, const char *bytes, size_t len);

/* The same for a document in `format`. */
int slant_doc_new_format(slant_doc **out, const char *name, const char *bytes, size_t len,
                         slant_input_format format, slant_diag_fn fn, void *payload);
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

/* Like slant_doc_new_format, for one part of a larger text; `part` NULL
 * is the first part. The bytes are this part's only; a part in Markdown or
 * HTML is read on its own, so a construct cut by the part's end (a fence,
 * a comment, a tag) is closed there. */
int slant_doc_new_part(slant_doc **out, const char *name, const char *bytes, size_t len,
                       slant_input_format format, const slant_part *part, slant_diag_fn fn,
                       void *payload);
/* Where the part after `doc` starts, when its bytes follow doc's. */
void slant_doc_next_part(slant_part *out, const slant_doc *doc);
/* The part a doc is, or NULL for a document made whole by slant_doc_new. */
const slant_part *slant_doc_part(const slant_doc *doc);

const char *slant_doc_name(const slant_doc *doc);
slant_input_format slant_doc_format(const slant_doc *doc);
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
    /* Accepted on purpose: SLANT_SUPPRESSED_COMMENT by a suppression in
     * the document, SLANT_SUPPRESSED_BASELINE by a baseline; 0 otherwise.
     * Suppressed findings stay in the report (an auditor sees what was
     * accepted) but do not count for slant_report_max_severity, and those
     * suppressed by a comment do not count for the score either. */
    int suppressed;
    /* 16 hex digits that identify the finding across edits elsewhere in
     * the document: a hash of the rule, the matched words, a few words
     * around them and which repeat of those it is, never of offsets. */
    const char *fingerprint;
} slant_finding;

enum { SLANT_SUPPRESSED_COMMENT = 1, SLANT_SUPPRESSED_BASELINE = 2 };

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

typedef enum {
    SLANT_ENGINE_FAST = 0,  /* literal prefilter, PCRE2 in windows (default) */
    SLANT_ENGINE_NAIVE = 1, /* every program over the whole text: the reference */
} slant_engine;

/* Chooses the matching engine. Both give byte-identical findings; the
 * naive one exists to prove it. */
int slant_scanner_set_engine(slant_scanner *s, slant_engine engine);

/* Sets the time one document may take (default 60 seconds; 0: no limit).
 * Each PCRE2 call is also bounded by match, depth and heap limits; when
 * time runs out the remaining rules are reported as incomplete. */
int slant_scanner_set_budget(slant_scanner *s, double seconds);

/* Profiling, for rule authors: which programs make a scan slow. When on,
 * the scanner counts for each program (slant_rules_program) the PCRE2
 * calls it made, how many of them found a match, and the time they took,
 * over every document it scans from then on. Off by default: it costs
 * two clock readings a call. Turning it on (again) starts the counts at
 * zero; SLANT_ENOMEM leaves it off. */
int slant_scanner_set_profile(slant_scanner *s, int on);

typedef struct {
    unsigned long long calls;   /* PCRE2 calls */
    unsigned long long matches; /* calls that found a match */
    unsigned long long nanos;   /* time spent in them, in nanoseconds */
} slant_program_stats;

/* The counts of program i of rule `index`, as numbered by
 * slant_rules_program; SLANT_EINVAL for no such program or when
 * profiling is off. */
int slant_scanner_program_stats(slant_program_stats *out, const slant_scanner *s, size_t index,
                                size_t i);

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
/* The highest severity among findings that are not suppressed, counting
 * a suppression with a problem as info; -1 when there is none. */
int slant_report_max_severity(const slant_report *report);

/* Suppressions. A document may accept findings in place:
 *   Markdown, HTML:  <!-- slant-disable [NAME...] -->  ...  <!-- slant-enable [NAME...] -->
 *                    <!-- slant-disable-next-line [NAME...] -->
 *   plain text:      a line [slant-disable ...], [slant-enable ...],
 *                    [slant-disable-next-line ...]
 * NAMEs are rule ids or categories, separated by spaces or commas, up to
 * an optional "-- reason"; none means every rule. A disable runs to the
 * enable that names it (or names nothing) or to the end; next-line covers
 * the line after the directive. Every directive is listed in the report;
 * one that suppressed nothing, closes nothing, names no known rule or
 * category or is misspelt carries a `problem`, so stale ones surface. */
typedef struct {
    const char *directive; /* as written: "slant-disable", ... */
    const char *names;     /* the names, space-separated; "" for every rule */
    size_t start, end;     /* the comment or line, in bytes */
    unsigned line, column;
    size_t suppressed;     /* findings it suppressed */
    const char *problem;   /* NULL, or why it is reported */
} slant_suppression;

size_t slant_report_suppression_count(const slant_report *report);
const slant_suppression *slant_report_suppression(const slant_report *report, size_t i);

/* Marks finding `i` as accepted `how` (SLANT_SUPPRESSED_BASELINE, or
 * SLANT_SUPPRESSED_COMMENT) after the scan; the score is computed again
 * when a comment suppression changes it. */
int slant_report_suppress(slant_report *report, size_t i, int how);

/* ------------------------------------------------------------------ */
/* Baselines: findings accepted as they stand (`slant check --baseline`)  */

/* A set of findings by document path and fingerprint. Fingerprints do
 * not depend on offsets, so an edit elsewhere in a document leaves its
 * entries matched. A baseline is changed by slant_baseline_apply: use
 * one per thread, or apply from one thread. */
typedef struct slant_baseline slant_baseline;

typedef struct {
    const char *path;        /* the document's name when it was recorded */
    const char *rule;
    const char *fingerprint;
    const char *text;        /* the matched text then, for people */
    unsigned line, column;   /* where it was then, for people */
} slant_baseline_entry;

int slant_baseline_new(slant_baseline **out);
void slant_baseline_free(slant_baseline *b);
/* Adds the entries of a baseline file (JSON Lines, as written below);
 * errors are diagnosed at `name`:line:column and return SLANT_EINPUT. */
int slant_baseline_load(slant_baseline *b, const char *name, const char *text, size_t len,
                        slant_diag_fn fn, void *payload);
/* Records the findings of a scanned document, except those suppressed
 * by a comment, under the document's name. */
int slant_baseline_add(slant_baseline *b, const slant_doc *doc, const slant_report *report);
/* Marks as SLANT_SUPPRESSED_BASELINE each finding of `report` that an
 * entry of this document holds (an entry matches one finding at most);
 * *matched (may be NULL) gets how many. */
int slant_baseline_apply(size_t *matched, slant_baseline *b, const slant_doc *doc,
                         slant_report *report);
size_t slant_baseline_count(const slant_baseline *b);
const slant_baseline_entry *slant_baseline_entry_at(const slant_baseline *b, size_t i);

enum {
    SLANT_BASELINE_NOT_CHECKED = 0, /* its document was not applied */
    SLANT_BASELINE_MATCHED = 1,     /* it matched a finding */
    SLANT_BASELINE_GONE = 2,        /* its document was applied; the finding is gone */
};
/* What became of entry `i` (see above); -1 past the end. */
int slant_baseline_entry_state(const slant_baseline *b, size_t i);
/* Writes every entry, one JSON object a line after a header line. */
int slant_baseline_write(const slant_baseline *b, FILE *out);

/* ------------------------------------------------------------------ */
/* JSON Lines filtering (`slant check --stdin-jsonl`)                   */

/* Reads one input line {"text": ..., "id": ..., other fields}, scans the
 * text and writes one result line to `out`: the input's fields but "text",
 * passed through, then the document object of --format jsonl. A bad line
 * still gets a result line, {"id": ..., "error": ...}, and the call returns
 * SLANT_EINPUT; SLANT_ELIMIT when a rule hit a limit. */
int slant_jsonl_process(slant_scanner *s, const char *line, size_t len, FILE *out);

/* A document sent as one JSON object (the `slant serve` API):
 * {"text": "...", "format": "markdown", "name": "..."}, where "format"
 * (text, markdown or html) and "name" are optional and other keys are
 * refused, so a misspelt one is noticed. The strings are the caller's,
 * freed by slant_json_document_clear; `text` may hold NUL bytes (see
 * `len`). */
typedef struct {
    char *text;
    size_t len;
    char *name;   /* NULL when not given */
    char *format; /* NULL when not given */
} slant_json_document;

/* Reads such an object from json[0..len). On a mistake returns
 * SLANT_EINPUT with `*out` empty and a message naming the byte where it
 * is written to err[0..errsize). */
int slant_json_document_parse(slant_json_document *out, const char *json, size_t len, char *err,
                              size_t errsize);
void slant_json_document_clear(slant_json_document *d);

/* ------------------------------------------------------------------ */
/* Corpus summaries (`slant check --summary`, `slant summary`)          */

/* Counts over many documents that merge: partial summaries from many
 * workers, merged in any grouping, equal one run over everything. */
typedef struct slant_summary slant_summary;

int slant_summary_new(slant_summary **out);
void slant_summary_free(slant_summary *s);
/* Adds one scanned document. */
int slant_summary_add(slant_summary *s, const slant_doc *doc, const slant_report *report);
/* Adds one JSON text: a document object (a --format jsonl line), a whole
 * --format json report, or an earlier summary. SLANT_EINPUT with *err set
 * when it is none of these. */
int slant_summary_merge_json(slant_summary *s, const char *json, size_t len, const char **err);
/* Writes the summary as text, or as one JSON line (which merges again). */
int slant_summary_write(const slant_summary *s, FILE *out, int json_format);

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
    /* 95% intervals: a bootstrap over the documents scored (1,000
     * resamples of as many documents, with replacement, and a fixed seed,
     * so a run repeats), how far each figure could move on another sample
     * of documents like these; equal to the figure for one document */
    double precision_lo, precision_hi, recall_lo, recall_hi, f1_lo, f1_hi;
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

/* The details of one document, for rule authors: each missed required
 * gold span and each false positive (JSON Lines gold only). */
typedef struct {
    const char *doc;       /* the gold's name for the document */
    int missed;            /* 1: a gold span nothing found; 0: a false positive */
    const char *category;
    const char *rule;      /* false positives: the rule; NULL for misses */
    unsigned line, column; /* where the span starts */
    const char *text;      /* the span's text */
} slant_eval_detail;

typedef void (*slant_eval_detail_fn)(const slant_eval_detail *d, void *payload);

/* Like slant_eval_add, and calls `fn` for every miss and false positive
 * of the document, in document order. */
int slant_eval_add_detailed(slant_eval *e, const char *doc_name, const slant_doc *doc,
                            const slant_report *report, slant_eval_detail_fn fn, void *payload);
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
    SLANT_FORMAT_TEXT = 0,       /* path:line:col: severity: message [rule] «text», and a
                                    summary line per document */
    SLANT_FORMAT_JSON = 1,       /* {"slant": VERSION, "documents": [...]} */
    SLANT_FORMAT_JSONL = 2,      /* one document object a line, flushed after each */
    SLANT_FORMAT_SARIF = 3,      /* SARIF 2.1.0, one run */
    SLANT_FORMAT_HTML = 4,       /* a self-contained page: the annotated text */
    SLANT_FORMAT_GITHUB = 5,     /* GitHub Actions workflow commands (::warning ...) */
    SLANT_FORMAT_CHECKSTYLE = 6, /* Checkstyle XML */
    SLANT_FORMAT_TSV = 7,        /* PTC labels: doc TAB technique TAB start TAB end */
    SLANT_FORMAT_LINE = 8,       /* path:line:col: severity: message [rule], nothing else */
    SLANT_FORMAT_PRETTY = 9,     /* for a terminal: each finding with its source line
                                    underlined, then the advice */
} slant_format;

/* Parses a format name: "text", "json", "jsonl", "sarif", "html",
 * "github", "checkstyle", "tsv", "line" or "pretty"; SLANT_EINVAL if
 * unknown. */
int slant_format_parse(slant_format *out, const char *name);
/* The name of a format, or NULL for a value that is not one. */
const char *slant_format_name(slant_format format);

typedef struct {
    int color; /* text, line and pretty formats: ANSI colours when non-zero */
} slant_render_options;

/* Writes to `stream`, which stays the caller's. `options` may be NULL.
 * The JSON Lines format flushes the stream after each document; SARIF and
 * HTML keep what they need until slant_renderer_finish writes the file. */
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

/* HTML pieces for pages that show reports (the `html` format is built from
 * them, and a web front end can serve them): the page's start (head with
 * the inline style, opening of the body) and end (the inline script that
 * shows a finding's details on hover or click), and between them the
 * annotated view of one document as a <section> whose element ids start
 * with "d<number>-". Every byte of document text, rule text and name is
 * HTML-escaped. Each returns SLANT_EIO when a write failed. */
int slant_html_write_head(FILE *stream, const char *title);
int slant_html_write_document(FILE *stream, const slant_doc *doc, const slant_report *report,
                              unsigned number);
int slant_html_write_tail(FILE *stream);

/* Like slant_html_write_head, with `css` (the caller's own rules, never
 * text from a document) appended to the page's style sheet; NULL or ""
 * adds nothing and writes what slant_html_write_head writes. */
int slant_html_write_head_css(FILE *stream, const char *title, const char *css);
/* The Content-Security-Policy sources a page of these pieces needs, for a
 * server that sends the policy as a header: "style-src 'sha256-...';
 * script-src 'sha256-...'", the hashes of the style written with the same
 * `css` and of the page's script. *out is the caller's (free()). */
int slant_html_csp(char **out, const char *css);
/* Writes s[0..n) escaped for HTML text and attribute values, as every
 * piece above does: & < > " ' become references, invalid UTF-8 and
 * control characters other than tab and line breaks become U+FFFD. */
int slant_html_escape(FILE *stream, const char *s, size_t n);
/* Writes s as a JSON string literal, as the JSON formats do: quotes,
 * backslashes and control characters escaped, invalid UTF-8 as \ufffd.
 * NULL writes "". */
int slant_json_write_string(FILE *stream, const char *s);

#ifdef __cplusplus
}
#endif
#endif
