/* cli.h - files and folders for the command line (not part of libslant). */
#ifndef SLANT_CLI_H
#define SLANT_CLI_H

#include "slant.h"

#include <stddef.h>

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
    void (*file)(const char *path, void *payload);
    /* a file or folder not checked and why; `failed` when it is an error
     * (an unreadable folder) rather than a skip (a FIFO, a link loop) */
    void (*skip)(const char *path, const char *why, int failed, void *payload);
    void *payload;
    size_t ignored; /* hidden entries and files without a text extension */
} cli_walker;

/* Walks a folder in sorted order and calls w->file for every regular text
 * file (.txt .text .md .markdown .html .htm). Hidden entries and files
 * with other extensions are counted in w->ignored; anything else that is
 * not checked (a FIFO or device with a text extension, a symbolic-link
 * loop, a folder that cannot be read) goes to w->skip with a reason.
 * Returns CLI_NOT_A_DIR when `path` is not a folder (the caller treats it
 * as a file), else 0. */
int cli_walk(const char *path, cli_walker *w);

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
    int fail_on; /* a severity, or 3 for never */
    int color;   /* -1 auto */
    const char *gold;
    char **docs;
    size_t ndocs;
    slant_eval_by by;
    double budget;        /* seconds per document, --time-budget */
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

/* ---- check and eval (cli_check.c) ---- */

int cmd_check(options *o);
int cmd_eval(options *o);

#endif
