/* cli_config.c - finding the house configuration, merging it with the
 * command line (which wins), and `slant config --show`. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CONFIG_NAME ".slant.yaml"
#define MAX_LEVELS 64

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n);
    if (!q) {
        fputs("slant: out of memory\n", stderr);
        exit(EXIT_ERROR);
    }
    return q;
}

/* .slant.yaml here or in the nearest folder above, as a path relative to
 * the current directory ("../../.slant.yaml"); NULL when there is none. */
static char *find_config(void)
{
    char here[PATH_MAX];
    if (!getcwd(here, sizeof here))
        return NULL;
    for (size_t depth = 0; depth <= MAX_LEVELS; depth++) {
        char *path = xrealloc(NULL, 3 * depth + sizeof CONFIG_NAME);
        path[0] = '\0';
        for (size_t i = 0; i < depth; i++)
            strcat(path, "../");
        strcat(path, CONFIG_NAME);
        struct stat sb;
        if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
            return path;
        free(path);
        if (strcmp(here, "/") == 0)
            return NULL; /* the root, and nothing found */
        char *slash = strrchr(here, '/');
        if (!slash)
            return NULL;
        if (slash == here)
            slash[1] = '\0';
        else
            *slash = '\0';
    }
    return NULL;
}

static void push(char ***v, size_t *n, const char *s)
{
    *v = xrealloc(*v, (*n + 1) * sizeof **v);
    (*v)[(*n)++] = (char *)s;
}

/* A configuration is a page of settings; a larger file is a mistake. */
#define CONFIG_MAX_BYTES ((size_t)16 << 20)

int config_load(options *o)
{
    if (o->no_config)
        return 0;
    char *found = o->config_path ? NULL : find_config();
    const char *path = o->config_path ? o->config_path : found;
    if (!path)
        return 0;
    cli_input in;
    if (cli_read(&in, path, CONFIG_MAX_BYTES) != 0) {
        fprintf(stderr, "%s: error: cannot read the configuration: %s\n", path, in.error);
        cli_close(&in);
        free(found);
        return -1;
    }
    int rc = slant_config_load(&o->config, path, in.data, in.data_len, print_diag, NULL);
    cli_close(&in);
    if (rc != 0) {
        if (rc == SLANT_ENOMEM)
            fputs("slant: out of memory\n", stderr);
        fprintf(stderr, "slant: the configuration %s has errors; nothing was checked\n", path);
        free(found);
        return -1;
    }
    /* globs start in the configuration's folder */
    char dir[PATH_MAX];
    const char *slash = strrchr(path, '/');
    if (slash) {
        size_t n = slash == path ? 1 : (size_t)(slash - path);
        char tmp[PATH_MAX];
        snprintf(tmp, sizeof tmp, "%.*s", (int)n, path);
        if (!realpath(tmp, dir))
            snprintf(dir, sizeof dir, "%s", tmp);
    } else if (!getcwd(dir, sizeof dir)) {
        snprintf(dir, sizeof dir, ".");
    }
    o->config_dir = strdup(dir);
    free(found);
    const slant_config *c = o->config;
    const slant_setting *s;
    if (!o->fail_on_set && (s = slant_config_get(c, "fail-on"))) {
        slant_severity sev;
        o->fail_on = slant_severity_parse(&sev, s->value) == 0 ? (int)sev : 3;
    }
    if (!o->format_set && (s = slant_config_get(c, "format")))
        slant_format_parse(&o->format, s->value);
    if (!o->input_format_set && (s = slant_config_get(c, "input-format"))) {
        slant_input_format f;
        o->input_format = slant_input_format_parse(&f, s->value) == 0 ? (int)f : -1;
    }
    for (size_t i = 0; i < slant_config_count(c); i++) {
        s = slant_config_setting(c, i);
        if (strcmp(s->key, "include") == 0)
            push(&o->include, &o->ninclude, s->value);
        else if (strcmp(s->key, "exclude") == 0)
            push(&o->exclude, &o->nexclude, s->value);
    }
    return 0;
}

/* ---- config --show ---------------------------------------------------- */

/* One line of YAML with where its value came from as a comment. */
static void show(const char *line, const char *from)
{
    int n = printf("%s", line);
    printf("%*s# %s\n", n < 36 ? 36 - n : 1, "", from);
}

/* A YAML scalar: plain when that reads back the same, else double-quoted. */
static const char *scalar(const char *v, char *out, size_t n)
{
    int plain = *v && !strchr("-?:,[]{}#&*!|>'\"%@` ", v[0]) && !strstr(v, ": ") &&
                !strstr(v, " #") && v[strlen(v) - 1] != ' ' && v[strlen(v) - 1] != ':';
    if (plain) {
        snprintf(out, n, "%s", v);
        return out;
    }
    size_t k = 0;
    out[k++] = '"';
    for (; *v && k + 3 < n; v++) {
        if (*v == '"' || *v == '\\')
            out[k++] = '\\';
        out[k++] = *v;
    }
    out[k++] = '"';
    out[k] = '\0';
    return out;
}

static const char *where(const slant_setting *s, char *buf, size_t n)
{
    snprintf(buf, n, "%s:%u:%u", s->file, s->line, s->column);
    return buf;
}

/* A scalar: the command line, the configuration or the default. */
static void show_scalar(const options *o, const char *key, int cli_set, const char *cli_value,
                        const char *def)
{
    char line[256], at[512];
    const slant_setting *s = o->config ? slant_config_get(o->config, key) : NULL;
    if (cli_set) {
        snprintf(line, sizeof line, "%s: %s", key, cli_value);
        show(line, "command line");
    } else if (s) {
        snprintf(line, sizeof line, "%s: %s", key, s->value);
        show(line, where(s, at, sizeof at));
    } else {
        snprintf(line, sizeof line, "%s: %s", key, def);
        show(line, "default");
    }
}

/* A list: the configuration's entries, then the command line's. */
static int show_list(const options *o, const char *key, char **cli, size_t ncli)
{
    char line[512], at[512];
    int any = 0;
    for (size_t i = 0; o->config && i < slant_config_count(o->config); i++) {
        const slant_setting *s = slant_config_setting(o->config, i);
        if (strcmp(s->key, key) != 0)
            continue;
        if (!any++)
            printf("%s:\n", key);
        char q[400];
        snprintf(line, sizeof line, "  - %s", scalar(s->value, q, sizeof q));
        show(line, where(s, at, sizeof at));
    }
    for (size_t i = 0; i < ncli; i++) {
        if (!any++)
            printf("%s:\n", key);
        char q[400];
        snprintf(line, sizeof line, "  - %s", scalar(cli[i], q, sizeof q));
        show(line, "command line");
    }
    return any;
}

static void show_map(const options *o, const char *key)
{
    char line[1024], at[512];
    int any = 0;
    for (size_t i = 0; o->config && i < slant_config_count(o->config); i++) {
        const slant_setting *s = slant_config_setting(o->config, i);
        if (strcmp(s->key, key) != 0)
            continue;
        if (!any++)
            printf("%s:\n", key);
        char q[400];
        if (strcmp(key, "words") == 0) /* terms are joined by ", " */
            snprintf(line, sizeof line, "  %s: [%s]", s->name, s->value);
        else
            snprintf(line, sizeof line, "  %s: %s", s->name, scalar(s->value, q, sizeof q));
        show(line, where(s, at, sizeof at));
    }
    if (!any) {
        snprintf(line, sizeof line, "%s: {}", key);
        show(line, "default: none");
    }
}

int cmd_config(options *o)
{
    if (!o->show || o->nargs)
        die_usage("%s", "config takes --show (and --config FILE or --no-config)");
    if (config_load(o) != 0)
        return EXIT_ERROR;
    if (o->config)
        printf("# the configuration in force: %s and the command line\n",
               slant_config_file(o->config));
    else
        printf("# the configuration in force: %s\n",
               o->no_config ? "defaults and the command line (--no-config)"
                            : "no " CONFIG_NAME " found here or above; defaults and the command line");
    /* packs: --rules replaces the configuration's, --add-rules adds */
    if (o->nrules) {
        show_list(o, "packs (--rules)", o->rules, o->nrules);
    } else if (!show_list(o, "packs", NULL, 0)) {
        printf("packs:\n");
        show("  - builtin", "default");
    }
    if (o->nadd)
        show_list(o, "add-packs", o->add_rules, o->nadd);
    if (!show_list(o, "disable", o->disable, o->ndisable))
        show("disable: []", "default: none");
    if (o->ncategories)
        show_list(o, "only-categories", o->categories, o->ncategories);
    show_map(o, "severity");
    show_map(o, "weight");
    static const char *const levels[] = {"info", "warning", "error", "never"};
    show_scalar(o, "fail-on", o->fail_on_set, levels[o->fail_on], "warning");
    show_scalar(o, "format", o->format_set, o->format == SLANT_FORMAT_JSON ? "json" : "text",
                "text");
    show_scalar(o, "input-format", o->input_format_set,
                o->input_format < 0 ? "auto"
                                    : slant_input_format_name((slant_input_format)o->input_format),
                "auto");
    if (!show_list(o, "include", NULL, 0))
        show("include: []", "default: .txt .text .md .markdown .html .htm");
    if (!show_list(o, "exclude", NULL, 0))
        show("exclude: []", "default: none (hidden files and folders are passed over)");
    show_map(o, "words");
    if (o->no_model)
        show("model: none", "command line");
    else if (o->model)
        show_scalar(o, "model", 1, o->model, "builtin");
    else
        show_scalar(o, "model", 0, NULL, "builtin");
    /* the rules themselves must compile with all this */
    slant_rules *rules = load_rules(o, o->rules, o->nrules);
    if (!rules)
        return EXIT_ERROR;
    printf("# %zu rules active\n", slant_rules_count(rules));
    slant_rules_free(rules);
    return EXIT_CLEAN;
}
