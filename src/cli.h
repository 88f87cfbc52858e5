/* cli.h - files and folders for the command line (not part of libslant). */
#ifndef SLANT_CLI_H
#define SLANT_CLI_H

#include "slant.h"

#include <stddef.h>

typedef struct {
    char *data;
    size_t len;
    int binary;        /* NUL bytes in the first block: not text */
    const char *error; /* why reading failed */
} cli_input;

/* Reads a whole file, or standard input for "-". 0 or -1 (see in->error). */
int cli_read(cli_input *in, const char *path);
void cli_input_free(cli_input *in);

#define CLI_NOT_A_DIR 1
typedef void (*cli_file_fn)(const char *path, void *payload);
typedef void (*cli_skip_fn)(const char *path, const char *why, void *payload);

/* Which walked entries to take: a file (is_dir 0) or a folder to enter. */
typedef int (*cli_accept_fn)(const char *path, int is_dir, void *payload);

/* Walks a folder in sorted order and calls `fn` for every file `accept`
 * takes (NULL: text files, .txt .text .md .markdown .html .htm); hidden
 * entries are passed over and symbolic-link loops are skipped with a
 * reason. Returns CLI_NOT_A_DIR when `path` is not a folder (the caller
 * treats it as a file), else 0. */
int cli_walk(const char *path, cli_accept_fn accept, cli_file_fn fn, cli_skip_fn skip,
             void *payload);
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
    int input_format;     /* --input-format: a slant_input_format, or -1 for auto */
    /* what the command line set, so the configuration fills in the rest */
    int format_set, fail_on_set, input_format_set;
    const char *config_path; /* --config FILE */
    int no_config;           /* --no-config */
    int show;                /* config --show */
    slant_config *config;    /* the configuration in force, or NULL */
    char **include, **exclude; /* globs for walked files, from the configuration */
    size_t ninclude, nexclude;
    char *config_dir;        /* the configuration's folder, absolute; globs start there */
    const char *baseline;        /* --baseline FILE */
    const char *write_baseline;  /* --write-baseline FILE */
    double fail_under[3]; /* precision, recall, F1; negative when unset */
    char **args;
    size_t nargs;
} options;

/* Parses the command line into `o`; prints help or version and exits,
 * or exits 2 on a usage error. */
int parse_options(options *o, int argc, char **argv);
void options_free(options *o);
/* Prints "slant: MESSAGE" and the --help hint, then exits 2. */
void die_usage(const char *fmt, const char *arg);
extern const char cli_usage[];

/* ---- rules (cli_rules.c) ---- */

/* Prints a diagnostic as file:line:col: level: message on stderr. */
void print_diag(const slant_diag *d, void *payload);
/* The rule set the options ask for (built-in packs unless `paths`); NULL
 * after printing the errors. */
slant_rules *load_rules(const options *o, char **paths, size_t npaths);
int cmd_test(options *o);
int cmd_rules(options *o);
int cmd_explain(options *o);

/* ---- many files on several threads, in order (cli_jobs.c) ---- */

typedef struct cli_job cli_job;
/* Called on the main thread for each file, in input order. */
typedef void (*cli_emit_fn)(void *payload, const cli_job *job);
/* Reads, models and scans `paths` on o->jobs threads. 0, or -1 when it
 * could not run (out of memory). */
int cli_run_jobs(char **paths, const int *explicit_args, size_t n, const slant_rules *rules,
                 const options *o, cli_emit_fn emit, void *payload);
const char *cli_job_path(const cli_job *j);
int cli_job_explicit(const cli_job *j);     /* named on the command line */
const cli_input *cli_job_input(const cli_job *j); /* NULL when it could not be read */
const char *cli_job_read_error(const cli_job *j);
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

#endif
