/* cli.h - files and folders for the command line (not part of libslant). */
#ifndef SLANT_CLI_H
#define SLANT_CLI_H

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

/* Walks a folder in sorted order and calls `fn` for every text file
 * (.txt .text .md .markdown .html .htm); hidden entries are passed over
 * and symbolic-link loops are skipped with a reason. Returns CLI_NOT_A_DIR
 * when `path` is not a folder (the caller treats it as a file), else 0. */
int cli_walk(const char *path, cli_file_fn fn, cli_skip_fn skip, void *payload);

/* The rule files a --rules PATH names: the file itself, or the .yaml and
 * .yml files of a folder, sorted. 0, -1 (errno) or -2 (folder without
 * rule files). */
int cli_rule_files(char ***out, size_t *n, const char *path);

#endif
