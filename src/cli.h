/* cli.h - files and folders for the command line (not part of libslant). */
#ifndef SLANT_CLI_H
#define SLANT_CLI_H

#include "slant.h"

#include <stddef.h>
#include <stdio.h>

#include <sys/stat.h>

/* An input read in parts of bounded size (cli_input.c explains why). */
typedef struct {
    int fd;
    int stream;          /* standard input, a FIFO or a character device */
    struct stat st;      /* at open (regular files) */
    size_t limit;        /* regular files: the size at open; no more is read */
    size_t total;        /* bytes read so far */
    char *buf;
    size_t len, cap, cut, carry;
    size_t part_bytes;   /* the most one part holds */
    size_t parts;        /* parts handed out */
    int eof, shrank;
    int split;           /* the input was cut into parts */
    const char *error;   /* why opening or reading failed */
    char why[96];
    const char *data;    /* cli_read: the whole input */
    size_t data_len;
} cli_input;

/* Opens a file, FIFO or character device, or standard input for "-".
 * 0, or -1 with in->error set. */
int cli_open(cli_input *in, const char *path);
/* The next part: 1 with *data and *len, 0 after the last,
 * -1 on a read error (in->error). The first part of an empty input is
 * empty. *data lives until the next call. */
int cli_next_part(cli_input *in, const char **data, size_t *len);
/* After the last part: non-zero when a regular file changed (size or
 * modification time) while it was read. */
int cli_changed(cli_input *in);
void cli_close(cli_input *in);
/* Reads a whole input of at most `max` bytes into in->data, NUL-terminated
 * (gold files);
 * 0 or -1 (in->error). Close it with cli_close. */
int cli_read(cli_input *in, const char *path, size_t max);
/* Looks at the start of an input: NULL for text, else why it cannot be
 * checked; *skip is set when that is a skip (binary) rather than an error
 * (text in an encoding slant does not read). */
const char *cli_sniff(const char *data, size_t len, int *skip);
/* "a FIFO", "a socket", ...: what a non-regular file is. */
const char *cli_file_kind(mode_t mode);

#define CLI_NOT_A_DIR 1

typedef struct {
    /* which entries to take: a file (is_dir 0) or a folder to enter;
     * NULL takes text files (.txt .text .md .markdown .html .htm) and
     * every folder */
    int (*accept)(const char *path, int is_dir, void *payload);
    void (*file)(const char *path, void *payload);
    /* a file or folder not checked and why; `failed` when it is an error
     * (an unreadable folder) rather than a skip (a FIFO, a link loop) */
    void (*skip)(const char *path, const char *why, int failed, void *payload);
    void *payload;
    size_t ignored;  /* hidden entries and, without `accept`, files without a text extension */
    size_t excluded; /* files and folders `accept` left out */
} cli_walker;

/* Walks a folder in sorted order and calls w->file for every regular file
 * w->accept takes. Hidden entries and files with other extensions are
 * counted in w->ignored, what `accept` leaves out in w->excluded;
 * anything else that is not checked (a FIFO or device with a text
 * extension, a symbolic-link loop, a folder that cannot be read) goes to
 * w->skip with a reason. Returns CLI_NOT_A_DIR when `path` is not a
 * folder (the caller treats it as a file), else 0. */
int cli_walk(const char *path, cli_walker *w);
/* Does `path` have one of the text extensions walking takes by default? */
int cli_text_file(const char *path);
/* Glob matching for include and exclude: `*` and `?` within a path
 * component, `**` across components, `[...]` classes. A pattern without
 * '/' matches the last component; one with '/' the whole relative path. */
int cli_glob_match(const char *pattern, const char *path);

/* The rule files a --rules PATH names: the file itself, or the .yaml and
 * .yml files of a folder, sorted. 0, -1 (errno) or -2 (folder without
 * rule files). */
int cli_rule_files(char ***out, size_t *n, const char *path);

/* ---- options (cli_options.c) ---- */

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_ERROR = 2 };

typedef struct {
    const char *command;
    char **rules;
    size_t nrules;
    char **add_rules;
    size_t nadd;
    char **disable;
    size_t ndisable;
    char **categories;
    size_t ncategories;
    slant_format format;
    const char *output; /* -o FILE; NULL or "-" for standard output */
    int fail_on; /* a severity, or 3 for never */
    int color;   /* -1 auto */
    const char *gold;
    char **docs;
    size_t ndocs;
    slant_eval_by by;
    double budget;        /* seconds per document, --time-budget */
    slant_engine engine;  /* --engine fast|naive */
    int cost;             /* rules --cost */
    int export_patterns;  /* rules --export-patterns */
    int details;          /* eval --details */
    long jobs;            /* -j N: threads; 0: one per core */
    int summary;          /* check --summary */
    int stdin_jsonl;      /* check --stdin-jsonl */
    int profile;          /* check --profile: the table on standard error */
    const char *profile_json; /* check --profile-json FILE: every program, as JSON */
    int input_format;     /* --input-format: a slant_input_format, or -1 for auto */
    /* what the command line set, so the configuration fills in the rest */
    int format_set, fail_on_set, input_format_set;
    const char *config_path; /* --config FILE */
    int no_config;           /* --no-config */
    int no_model;            /* --no-model: leave the sentence model out */
    const char *model;       /* --model FILE: this sentence model, not the built-in one */
    int show;                /* config --show */
    slant_config *config;    /* the configuration in force, or NULL */
    char **include, **exclude; /* globs for walked files, from the configuration */
    size_t ninclude, nexclude;
    char *config_dir;        /* the configuration's folder, absolute; globs start there */
    const char *baseline;        /* --baseline FILE */
    const char *write_baseline;  /* --write-baseline FILE */
    double fail_under[3]; /* precision, recall, F1; negative when unset */
    /* serve */
    const char *bind;     /* --bind ADDRESS (default 127.0.0.1) */
    long port;            /* --port N (default 8080; 0: any free port) */
    size_t max_body;      /* --max-body BYTES (default 2 MiB) */
    long timeout;         /* --timeout SECONDS an idle connection is kept */
    long connections;     /* --connections N open at once */
    char **args;
    size_t nargs;
} options;

/* Parses the command line into `o`; prints help or version and exits,
 * or exits 2 on a usage error. */
int parse_options(options *o, int argc, char **argv);
void options_free(options *o);
/* Prints "slant: MESSAGE" and the --help hint, then exits 2. */
void die_usage(const char *fmt, const char *arg);
/* The help: commands and options. */
void print_usage(FILE *f);

/* ---- rules (cli_rules.c) ---- */

/* Prints a diagnostic as file:line:col: level: message on stderr. */
void print_diag(const slant_diag *d, void *payload);
/* The rule set the options ask for (built-in packs unless `paths`); NULL
 * after printing the errors. */
slant_rules *load_rules(const options *o, char **paths, size_t npaths);
int cmd_test(options *o);
int cmd_rules(options *o);
int cmd_explain(options *o);

/* ---- check --profile: PCRE2 time per program (cli_profile.c) ---- */

typedef struct cli_profile cli_profile;
cli_profile *cli_profile_new(const slant_rules *rules); /* NULL: out of memory */
void cli_profile_free(cli_profile *p);
/* Adds the counts of a scanner that was profiling. */
void cli_profile_add(cli_profile *p, const slant_scanner *s);
/* Is this run profiling (--profile or --profile-json)? */
int cli_profiling(const options *o);
/* The run's report: the table on standard error (--profile), costliest
 * programs first, and every program that ran to --profile-json's file.
 * Returns 0, or -1 when that file could not be written (said on stderr). */
int cli_profile_report(cli_profile *p, const options *o, size_t docs, size_t bytes,
                       double seconds);

/* ---- the paths of a run, in order, packed (cli_paths.c) ---- */

typedef struct cli_paths cli_paths;
cli_paths *cli_paths_new(void); /* NULL when out of memory; free with cli_paths_free */
void cli_paths_free(cli_paths *l); /* accepts NULL */
/* Appends a copy of path. 0, or -1 when out of memory or reading has begun. */
int cli_paths_add(cli_paths *l, const char *path, int explicit_arg);
size_t cli_paths_count(const cli_paths *l);
size_t cli_paths_bytes(const cli_paths *l); /* the packed entries' size */
/* The next path, front to back, or NULL after the last. The string is the
 * list's and is overwritten by the next call. */
const char *cli_paths_next(cli_paths *l, int *explicit_arg);

/* ---- many files on several threads, in order (cli_jobs.c) ---- */

typedef struct cli_job cli_job;
/* Called on the main thread for each file, in input order. */
typedef void (*cli_emit_fn)(void *payload, cli_job *job);
/* Reads, models and scans `paths` (read through once) on o->jobs threads. 0, -1 when it
 * could not run (out of memory), or -2 when the run was done but
 * --profile-json's file could not be written (already said). */
int cli_run_jobs(cli_paths *paths, const slant_rules *rules, const options *o, cli_emit_fn emit,
                 void *payload);
const char *cli_job_path(const cli_job *j);
int cli_job_explicit(const cli_job *j);     /* named on the command line */
/* Why it could not be opened or read, or NULL. */
const char *cli_job_read_error(const cli_job *j);
/* Why its start shows it cannot be checked (cli_sniff), or NULL. */
const char *cli_job_sniffed(const cli_job *j, int *skip);
/* A file that fitted in one part: non-zero when it changed while read. */
int cli_job_changed(const cli_job *j);
size_t cli_job_bytes_read(const cli_job *j);
/* Non-zero for an input larger than a part: it has no doc or report of
 * its own; the emit function reads, models and scans its parts in order
 * with cli_job_next_part, which returns 1 with the next part's doc and
 * report (owned by the job, freed by the next call; *doc NULL when it
 * could not be modelled, *rep NULL when it could not be scanned: stop
 * there), 0 after the last part (then cli_job_changed), or -1 on a read
 * error (cli_job_read_error). Diagnostics are printed at once. */
int cli_job_in_parts(const cli_job *j);
int cli_job_next_part(cli_job *j, slant_doc **doc, int *doc_rc, slant_report **rep,
                      int *scan_rc);
const char *cli_job_diags(const cli_job *j); /* diagnostics to print, or NULL */
slant_doc *cli_job_doc(const cli_job *j, int *rc);
slant_report *cli_job_report(const cli_job *j, int *rc);
/* ---- the report file (cli_output.c) ---- */

/* Where a report goes: standard output, or FILE written atomically (a
 * temporary file in the same folder, renamed over FILE when complete; on
 * failure or an interrupting signal the temporary file is removed). */
typedef struct {
    FILE *stream;
    const char *path; /* the target, or NULL for standard output */
    char *tmp;        /* the temporary file while writing */
} cli_output;

/* Opens the output; -1 after printing why. */
int cli_output_open(cli_output *out, const char *path);
/* Completes it: flushes, syncs and renames into place; -1 after printing
 * why (the temporary file is then removed). */
int cli_output_commit(cli_output *out);
/* Gives up: removes the temporary file. */
void cli_output_abort(cli_output *out);

/* ---- the house configuration (cli_config.c) ---- */

/* Finds and reads the configuration the options name (--config, or
 * .slant.yaml found upwards from the current directory, unless
 * --no-config) into o->config and fills in what the command line left
 * unset. 0, or -1 after printing the errors. */
int config_load(options *o);
int cmd_config(options *o);

/* ---- check and eval (cli_check.c) ---- */

int cmd_check(options *o);
int cmd_summary(options *o);
int cmd_eval(options *o);

/* ---- the classroom page and JSON API (cli_serve.c) ---- */

int cmd_serve(options *o);

/* ---- what serve answers with (cli_pages.c) ---- */

/* The pages' own style rules, added to the report's (and hashed into the
 * Content-Security-Policy with it). */
extern const char serve_css[];
/* The page's head, title and navigation. */
void serve_page_top(FILE *f, const char *title);
/* The form, with the text sent last time (NULL: none), the input format
 * chosen and a problem to show above it (NULL: none). */
void serve_page_form(FILE *f, const char *text, size_t len, const char *format,
                     const char *problem);
/* A paragraph about what slant marks, under the empty form. */
void serve_page_intro(FILE *f);
/* The whole rules page: every active rule by category, with its
 * explanation, advice and examples. */
void serve_page_rules(FILE *f, const slant_rules *rules);
/* The active rules as one JSON object (GET /api/rules). */
void serve_rules_json(FILE *f, const slant_rules *rules);
/* A JSON string literal of valid UTF-8, with '<' escaped. */

#endif
