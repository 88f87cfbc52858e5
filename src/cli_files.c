/* cli_files.c - reading inputs and walking folders for the CLI. */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int cli_read(cli_input *in, const char *path)
{
    memset(in, 0, sizeof *in);
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        in->error = strerror(errno);
        return -1;
    }
    if (!is_stdin) {
        struct stat sb;
        if (fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
            fclose(f);
            in->error = "is a directory";
            return -1;
        }
    }
    size_t cap = 0;
    for (;;) {
        if (in->len + 65536 + 1 > cap) {
            size_t ncap = cap ? cap * 2 : 65536 * 2;
            char *p = realloc(in->data, ncap);
            if (!p) {
                in->error = "out of memory";
                goto fail;
            }
            in->data = p;
            cap = ncap;
        }
        size_t got = fread(in->data + in->len, 1, cap - in->len - 1, f);
        in->len += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        in->error = strerror(errno ? errno : EIO);
        goto fail;
    }
    if (!is_stdin)
        fclose(f);
    in->data[in->len] = '\0';
    size_t probe = in->len < 8192 ? in->len : 8192;
    in->binary = memchr(in->data, '\0', probe) != NULL;
    return 0;
fail:
    if (!is_stdin)
        fclose(f);
    free(in->data);
    in->data = NULL;
    return -1;
}

void cli_input_free(cli_input *in)
{
    free(in->data);
    in->data = NULL;
}

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

/* The sorted names in a folder (hidden ones left out). */
static char **list_dir(const char *path, size_t *n)
{
    DIR *d = opendir(path);
    if (!d)
        return NULL;
    char **names = NULL;
    size_t cap = 0;
    *n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
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

typedef struct ancestor {
    dev_t dev;
    ino_t ino;
    const struct ancestor *up;
} ancestor;

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

static void walk(const char *path, const ancestor *up, cli_accept_fn accept, cli_file_fn fn,
                 cli_skip_fn skip, void *payload)
{
    size_t n = 0;
    char **names = list_dir(path, &n);
    if (!names) {
        skip(path, strerror(errno), payload);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char *child = join(path, names[i]);
        struct stat sb;
        if (!child) {
            skip(path, "out of memory", payload);
        } else if (stat(child, &sb) != 0) {
            skip(child, strerror(errno), payload);
        } else if (S_ISDIR(sb.st_mode)) {
            int loop = 0;
            for (const ancestor *a = up; a; a = a->up)
                if (a->dev == sb.st_dev && a->ino == sb.st_ino)
                    loop = 1;
            if (loop)
                skip(child, "symbolic link loop", payload);
            else if (!accept || accept(child, 1, payload)) {
                ancestor me = {sb.st_dev, sb.st_ino, up};
                walk(child, &me, accept, fn, skip, payload);
            }
        } else if (S_ISREG(sb.st_mode) &&
                   (accept ? accept(child, 0, payload) : has_ext(names[i], text_exts))) {
            fn(child, payload);
        }
        free(child);
        free(names[i]);
    }
    free(names);
}

int cli_walk(const char *path, cli_accept_fn accept, cli_file_fn fn, cli_skip_fn skip,
             void *payload)
{
    struct stat sb;
    if (strcmp(path, "-") == 0 || stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return CLI_NOT_A_DIR;
    ancestor me = {sb.st_dev, sb.st_ino, NULL};
    walk(path, &me, accept, fn, skip, payload);
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
    char **names = list_dir(path, &k);
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
