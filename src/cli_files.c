/* cli_files.c - walking folders and finding rule files for the CLI. */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int has_ext(const char *name, const char *const *exts)
{
    const char *dot = strrchr(name, '.');
    if (!dot)
        return 0;
    for (size_t i = 0; exts[i]; i++)
        if (strcmp(dot + 1, exts[i]) == 0)
            return 1;
    return 0;
}

static const char *const text_exts[] = {"txt", "text", "md", "markdown", "html", "htm", NULL};
static const char *const rule_exts[] = {"yaml", "yml", NULL};

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted names in a folder (hidden ones left out, and counted in
 * *hidden when it is given). */
static char **list_dir(const char *path, size_t *n, size_t *hidden)
{
    DIR *d = opendir(path);
    if (!d)
        return NULL;
    char **names = NULL;
    size_t cap = 0;
    *n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') {
            if (hidden && strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
                (*hidden)++;
            continue;
        }
        if (*n == cap) {
            cap = cap ? cap * 2 : 32;
            char **p = realloc(names, cap * sizeof *p);
            if (!p)
                break;
            names = p;
        }
        if (!(names[*n] = strdup(e->d_name)))
            break;
        (*n)++;
    }
    closedir(d);
    if (!names)
        names = calloc(1, sizeof *names);
    qsort(names, *n, sizeof *names, cmp_str);
    return names;
}

static char *join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = malloc(a + b + 2);
    if (!p)
        return NULL;
    memcpy(p, dir, a);
    size_t k = a;
    if (a && dir[a - 1] != '/')
        p[k++] = '/';
    memcpy(p + k, name, b + 1);
    return p;
}

int cli_text_file(const char *path)
{
    const char *base = strrchr(path, '/');
    return has_ext(base ? base + 1 : path, text_exts);
}

/* `*` and `?` stay within a component, `**` crosses them. */
static int glob_at(const char *p, const char *s)
{
    for (; *p; p++, s++) {
        if (p[0] == '*' && p[1] == '*') {
            p += 2;
            if (*p == '/')
                p++; /* a, two stars, slash, b also matches a/b */
            for (const char *t = s;; t++) {
                if (glob_at(p, t))
                    return 1;
                if (!*t)
                    return 0;
            }
        }
        if (*p == '*') {
            for (const char *t = s;; t++) {
                if (glob_at(p + 1, t))
                    return 1;
                if (!*t || *t == '/')
                    return 0;
            }
        }
        if (!*s)
            return 0;
        if (*p == '?') {
            if (*s == '/')
                return 0;
            continue;
        }
        if (*p == '[') {
            const char *q = p + 1;
            int neg = *q == '!' || *q == '^';
            if (neg)
                q++;
            int in = 0;
            for (const char *first = q; *q && (*q != ']' || q == first); q++) {
                if (q[1] == '-' && q[2] && q[2] != ']') {
                    in |= *s >= q[0] && *s <= q[2];
                    q += 2;
                } else {
                    in |= *s == *q;
                }
            }
            if (!*q) { /* no closing bracket: a literal '[' */
                if (*s != '[')
                    return 0;
                continue;
            }
            if (in == neg || *s == '/')
                return 0;
            p = q;
            continue;
        }
        if (*p != *s)
            return 0;
    }
    return !*s;
}

int cli_glob_match(const char *pattern, const char *path)
{
    while (path[0] == '.' && path[1] == '/')
        path += 2;
    if (pattern[0] == '/')
        return glob_at(pattern + 1, path);
    if (!strchr(pattern, '/')) {
        const char *base = strrchr(path, '/');
        return glob_at(pattern, base ? base + 1 : path);
    }
    return glob_at(pattern, path);
}

/* Folders already walked, so a symbolic link back up the tree (a loop) or
 * to a folder seen elsewhere is not walked again. */
typedef struct {
    cli_walker *w;
    struct {
        dev_t dev;
        ino_t ino;
    } *seen;
    size_t nseen, cap;
} walk_state;

static int seen_before(walk_state *ws, const struct stat *sb)
{
    for (size_t i = 0; i < ws->nseen; i++)
        if (ws->seen[i].dev == sb->st_dev && ws->seen[i].ino == sb->st_ino)
            return 1;
    if (ws->nseen == ws->cap) {
        size_t ncap = ws->cap ? ws->cap * 2 : 16;
        void *p = realloc(ws->seen, ncap * sizeof *ws->seen);
        if (!p)
            return 0; /* without memory to remember, walking on is still correct */
        ws->seen = p;
        ws->cap = ncap;
    }
    ws->seen[ws->nseen].dev = sb->st_dev;
    ws->seen[ws->nseen].ino = sb->st_ino;
    ws->nseen++;
    return 0;
}

static void walk(walk_state *ws, const char *path)
{
    cli_walker *w = ws->w;
    size_t n = 0;
    char **names = list_dir(path, &n, &w->ignored);
    if (!names) {
        w->skip(path, strerror(errno), 1, w->payload);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char *child = join(path, names[i]);
        struct stat sb, lsb;
        if (!child) {
            w->skip(path, "out of memory", 1, w->payload);
        } else if (stat(child, &sb) != 0) {
            if (errno == ELOOP)
                w->skip(child, "symbolic link loop", 0, w->payload);
            else if (errno == ENOENT && lstat(child, &lsb) == 0 && S_ISLNK(lsb.st_mode))
                w->skip(child, "broken symbolic link", 0, w->payload);
            else
                w->skip(child, strerror(errno), 1, w->payload);
        } else if (S_ISDIR(sb.st_mode)) {
            if (w->accept && !w->accept(child, 1, w->payload))
                w->excluded++;
            else if (seen_before(ws, &sb))
                w->skip(child, "symbolic link loop (this folder was walked already)", 0,
                        w->payload);
            else
                walk(ws, child);
        } else if (w->accept ? !w->accept(child, 0, w->payload)
                             : !has_ext(names[i], text_exts)) {
            /* a document the configuration leaves out, or no document at
             * all (.json, .csv, images...) */
            if (w->accept && has_ext(names[i], text_exts))
                w->excluded++;
            else
                w->ignored++;
        } else if (!S_ISREG(sb.st_mode)) {
            char why[64];
            snprintf(why, sizeof why, "not a regular file (%s)", cli_file_kind(sb.st_mode));
            w->skip(child, why, 0, w->payload);
        } else {
            w->file(child, w->payload);
        }
        free(child);
        free(names[i]);
    }
    free(names);
}

int cli_walk(const char *path, cli_walker *w)
{
    struct stat sb;
    if (strcmp(path, "-") == 0 || stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return CLI_NOT_A_DIR;
    walk_state ws = {w, NULL, 0, 0};
    seen_before(&ws, &sb);
    walk(&ws, path);
    free(ws.seen);
    return 0;
}

int cli_rule_files(char ***out, size_t *n, const char *path)
{
    struct stat sb;
    *out = NULL;
    *n = 0;
    if (stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        /* a file, or a path the compiler will report as unreadable */
        *out = malloc(sizeof **out);
        if (!*out || !((*out)[0] = strdup(path)))
            return -1;
        *n = 1;
        return 0;
    }
    size_t k = 0;
    char **names = list_dir(path, &k, NULL);
    if (!names)
        return -1;
    for (size_t i = 0; i < k; i++) {
        char *name = names[i];
        if (has_ext(name, rule_exts)) {
            char *full = join(path, name);
            if (full)
                names[(*n)++] = full; /* *n <= i: reuses a slot already read */
        }
        free(name);
    }
    if (*n == 0) {
        free(names);
        return -2;
    }
    *out = names;
    return 0;
}
