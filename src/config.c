/* config.c - the house configuration, .slant.yaml (see slant.h,
 * "House configuration", and README.md for the keys).
 *
 * Read with the same located YAML tree as rule packs, so every mistake
 * is diagnosed at its file:line:col with a suggestion, and every value
 * keeps where it was written: `slant config --show` prints it, and names
 * that match no rule are reported there when the rules are compiled.
 * Word lists become ordinary rules (one per category) in a pack built in
 * memory; their terms keep their locations too. */
#include "rules.h"
#include "util.h"
#include "yaml_tree.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *category;
    char *id, *message, *advice;
    slant_severity severity;
    double weight; /* 0: by severity */
    lstr *terms;
    size_t nterms;
    unsigned line, col;
} word_list;

struct slant_config {
    char *file;
    char *dir; /* where relative pack paths start */
    slant_setting *set;
    size_t n, cap;
    word_list *words;
    size_t nwords;
};

static const char *const config_keys[] = {"packs", "disable", "severity", "weight", "fail-on",
                                          "format", "input-format", "include", "exclude",
                                          "words", "model", NULL};
static const char *const word_keys[] = {"terms", "severity", "weight", "message", "advice",
                                        "id", NULL};

typedef struct {
    slant_config *cfg;
    diag_sink *sink;
    int ok;
} cctx;

#define ERR(x, node, ...)                                                                  \
    (diag_emit((x)->sink, SLANT_LEVEL_ERROR, (x)->cfg->file, (node)->line, (node)->col,     \
               NULL, __VA_ARGS__),                                                         \
     (x)->ok = 0)

static int add_setting(cctx *x, const char *key, const char *name, const char *value,
                       const char *path, const ynode *at)
{
    slant_config *c = x->cfg;
    if (grow(&c->set, &c->cap, c->n + 1, sizeof *c->set) != 0)
        return SLANT_ENOMEM;
    slant_setting *s = &c->set[c->n];
    memset(s, 0, sizeof *s);
    s->key = key; /* static strings */
    s->name = name ? str_dup(name) : NULL;
    s->value = str_dup(value);
    s->path = path ? str_dup(path) : NULL;
    s->file = c->file;
    s->line = at->line;
    s->column = at->col;
    if ((name && !s->name) || !s->value || (path && !s->path)) {
        free((char *)s->name);
        free((char *)s->value);
        free((char *)s->path);
        return SLANT_ENOMEM;
    }
    c->n++;
    return 0;
}

static const ynode *get(const ynode *map, const char *key)
{
    for (size_t i = 0; i + 1 < map->n; i += 2)
        if (map->items[i]->kind == YN_SCALAR && strcmp(map->items[i]->value, key) == 0)
            return map->items[i + 1];
    return NULL;
}

static int check_keys(cctx *x, const ynode *map, const char *const *known, const char *where)
{
    int ok = 1;
    for (size_t i = 0; i + 1 < map->n; i += 2) {
        const ynode *k = map->items[i];
        if (k->kind != YN_SCALAR) {
            ERR(x, k, "a key must be a plain word, found %s", ytree_kind_name(k));
            ok = 0;
            continue;
        }
        int found = 0;
        for (size_t j = 0; known[j]; j++)
            found |= strcmp(known[j], k->value) == 0;
        if (!found) {
            const char *s = diag_suggest(k->value, known);
            if (s)
                ERR(x, k, "unknown key '%s' in %s (did you mean '%s'?)", k->value, where, s);
            else
                ERR(x, k, "unknown key '%s' in %s", k->value, where);
            ok = 0;
        }
        for (size_t j = 0; j < i; j += 2)
            if (map->items[j]->kind == YN_SCALAR && strcmp(map->items[j]->value, k->value) == 0) {
                ERR(x, k, "duplicate key '%s' (first at line %u)", k->value,
                    map->items[j]->line);
                ok = 0;
            }
    }
    return ok;
}

/* A scalar, or a list of them (a single value may stand for a list of one). */
static int each_string(cctx *x, const ynode *n, const char *key, int (*fn)(cctx *, const ynode *))
{
    if (n->kind == YN_SCALAR)
        return fn(x, n);
    if (n->kind != YN_SEQ) {
        ERR(x, n, "'%s' must be a list of strings, found %s", key, ytree_kind_name(n));
        return 0;
    }
    for (size_t i = 0; i < n->n; i++) {
        const ynode *it = n->items[i];
        if (it->kind != YN_SCALAR || !it->len) {
            ERR(x, it, "each entry of '%s' must be a non-empty string", key);
            continue;
        }
        if (fn(x, it) == SLANT_ENOMEM)
            return SLANT_ENOMEM;
    }
    return 0;
}

static int is_path(const char *s)
{
    size_t n = strlen(s);
    return strchr(s, '/') || (n > 5 && strcmp(s + n - 5, ".yaml") == 0) ||
           (n > 4 && strcmp(s + n - 4, ".yml") == 0);
}

/* key: the path n names, from the configuration's folder. */
static int add_path_setting(cctx *x, const char *key, const ynode *n)
{
    const char *v = n->value;
    buf p = {0};
    if (v[0] != '/' && x->cfg->dir[0]) {
        buf_adds(&p, x->cfg->dir);
        buf_addc(&p, '/');
    }
    buf_adds(&p, v);
    const char *path = buf_str(&p);
    int rc = path ? add_setting(x, key, NULL, v, path, n) : SLANT_ENOMEM;
    buf_free(&p);
    return rc;
}

static int one_pack(cctx *x, const ynode *n)
{
    const char *v = n->value;
    if (strcmp(v, "builtin") == 0)
        return add_setting(x, "packs", NULL, v, NULL, n);
    if (!is_path(v)) {
        const char *names[64];
        size_t k = 0;
        int found = 0;
        for (const char *b; k < 63 && (b = slant_builtin_pack_name(k)); k++) {
            names[k] = b;
            found |= strcmp(b, v) == 0;
        }
        names[k++] = "builtin";
        names[k] = NULL;
        if (!found) {
            const char *s = diag_suggest(v, names);
            if (s)
                ERR(x, n, "no built-in pack is named '%s' (did you mean '%s'?); a path to a "
                          "pack contains '/' or ends in .yaml", v, s);
            else
                ERR(x, n, "no built-in pack is named '%s'; a path to a pack contains '/' or "
                          "ends in .yaml", v);
            return 0;
        }
        return add_setting(x, "packs", NULL, v, NULL, n);
    }
    return add_path_setting(x, "packs", n);
}

/* model: builtin, none, or a model file (relative to the configuration's
 * folder), as --model FILE; a bare word that is neither is a mistake, not
 * a file in the current folder. */
static int model_setting(cctx *x, const ynode *n)
{
    const char *v = n->kind == YN_SCALAR ? n->value : NULL;
    size_t len = v ? strlen(v) : 0;
    if (v && (strcmp(v, "builtin") == 0 || strcmp(v, "none") == 0))
        return add_setting(x, "model", NULL, v, NULL, n);
    if (!v || !(strchr(v, '/') || (len > 6 && strcmp(v + len - 6, ".model") == 0))) {
        ERR(x, n, "'model' must be builtin, none, or a model file (a path containing '/' or "
                  "ending in .model)");
        return 0;
    }
    return add_path_setting(x, "model", n);
}

static int one_name(cctx *x, const ynode *n, const char *key)
{
    const char *v = n->value;
    if (strchr(v, ' ') || strchr(v, ',')) {
        ERR(x, n, "'%s' takes one rule id or category per entry, found '%s'", key, v);
        return 0;
    }
    return add_setting(x, key, NULL, v, NULL, n);
}

static int one_disable(cctx *x, const ynode *n) { return one_name(x, n, "disable"); }

static int one_glob(cctx *x, const ynode *n, const char *key)
{
    return add_setting(x, key, NULL, n->value, NULL, n);
}

static int one_include(cctx *x, const ynode *n) { return one_glob(x, n, "include"); }
static int one_exclude(cctx *x, const ynode *n) { return one_glob(x, n, "exclude"); }

static int parse_weight(const ynode *v, double *out)
{
    char *end = NULL;
    if (v->kind != YN_SCALAR || !v->plain)
        return 0;
    errno = 0;
    double w = strtod(v->value, &end);
    if (end == v->value || *end || errno || !isfinite(w) || w <= 0 || w > 100)
        return 0;
    *out = w;
    return 1;
}

/* severity: {NAME: LEVEL}, weight: {NAME: NUMBER} */
static int overrides(cctx *x, const ynode *n, const char *key)
{
    if (n->kind != YN_MAP) {
        ERR(x, n, "'%s' maps rule ids or categories to %s, found %s", key,
            strcmp(key, "severity") == 0 ? "info, warning or error" : "a weight",
            ytree_kind_name(n));
        return 0;
    }
    for (size_t i = 0; i + 1 < n->n; i += 2) {
        const ynode *k = n->items[i], *v = n->items[i + 1];
        if (k->kind != YN_SCALAR) {
            ERR(x, k, "a key of '%s' must be a rule id or category", key);
            continue;
        }
        slant_severity sev;
        double w;
        if (strcmp(key, "severity") == 0) {
            if (v->kind != YN_SCALAR || slant_severity_parse(&sev, v->value) != 0) {
                ERR(x, v, "severity of '%s' must be info, warning or error", k->value);
                continue;
            }
            if (add_setting(x, key, k->value, v->value, NULL, k) != 0)
                return SLANT_ENOMEM;
        } else {
            if (!parse_weight(v, &w)) {
                ERR(x, v, "weight of '%s' must be a number greater than 0 and at most 100",
                    k->value);
                continue;
            }
            if (add_setting(x, key, k->value, v->value, NULL, k) != 0)
                return SLANT_ENOMEM;
        }
    }
    return 0;
}

/* One scalar out of a fixed set of values. */
static int choice(cctx *x, const ynode *n, const char *key, int (*valid)(const char *),
                  const char *what)
{
    if (n->kind != YN_SCALAR || !valid(n->value)) {
        ERR(x, n, "'%s' must be %s", key, what);
        return 0;
    }
    return add_setting(x, key, NULL, n->value, NULL, n);
}

static int valid_fail_on(const char *v)
{
    slant_severity s;
    return strcmp(v, "never") == 0 || slant_severity_parse(&s, v) == 0;
}

static int valid_format(const char *v)
{
    slant_format f;
    return slant_format_parse(&f, v) == 0;
}

static int valid_input(const char *v)
{
    slant_input_format f;
    return strcmp(v, "auto") == 0 || slant_input_format_parse(&f, v) == 0;
}

static int string_field(cctx *x, const ynode *map, const char *key, char **out)
{
    const ynode *v = get(map, key);
    if (!v)
        return 0;
    if (v->kind != YN_SCALAR || !v->len || strchr(v->value, '\n')) {
        ERR(x, v, "'%s' must be one line of text", key);
        return 0;
    }
    return (*out = str_dup(v->value)) ? 0 : SLANT_ENOMEM;
}

/* words: {CATEGORY: [TERM...]} or {CATEGORY: {terms: [...], severity: ..., ...}} */
static int words(cctx *x, const ynode *n)
{
    slant_config *c = x->cfg;
    if (n->kind != YN_MAP) {
        ERR(x, n, "'words' maps categories to lists of terms, found %s", ytree_kind_name(n));
        return 0;
    }
    c->words = calloc(n->n / 2 + 1, sizeof *c->words);
    if (!c->words)
        return SLANT_ENOMEM;
    for (size_t i = 0; i + 1 < n->n; i += 2) {
        const ynode *k = n->items[i], *v = n->items[i + 1];
        if (k->kind != YN_SCALAR || slant_category_find(k->value) < 0) {
            const char *all[32];
            size_t m = 0;
            for (; m < slant_category_count() && m < 31; m++)
                all[m] = slant_category_id(m);
            all[m] = NULL;
            const char *s = k->kind == YN_SCALAR ? diag_suggest(k->value, all) : NULL;
            if (s)
                ERR(x, k, "'words' keys are categories; '%s' is none (did you mean '%s'?)",
                    k->value, s);
            else
                ERR(x, k, "'words' keys are categories; '%s' is none",
                    k->kind == YN_SCALAR ? k->value : "?");
            continue;
        }
        word_list *w = &c->words[c->nwords++];
        w->line = k->line;
        w->col = k->col;
        w->severity = SLANT_SEVERITY_WARNING;
        if (!(w->category = str_dup(k->value)))
            return SLANT_ENOMEM;
        const ynode *terms = v;
        if (v->kind == YN_MAP) {
            if (!check_keys(x, v, word_keys, "a word list"))
                continue;
            terms = get(v, "terms");
            const ynode *sv = get(v, "severity"), *wv = get(v, "weight");
            if (sv && (sv->kind != YN_SCALAR || slant_severity_parse(&w->severity, sv->value)))
                ERR(x, sv, "'severity' must be info, warning or error");
            if (wv && !parse_weight(wv, &w->weight))
                ERR(x, wv, "'weight' must be a number greater than 0 and at most 100");
            if (string_field(x, v, "message", &w->message) != 0 ||
                string_field(x, v, "advice", &w->advice) != 0 ||
                string_field(x, v, "id", &w->id) != 0)
                return SLANT_ENOMEM;
            if (w->id) {
                size_t cl = strlen(w->category);
                const char *rest = w->id + cl + 1;
                int valid = strncmp(w->id, w->category, cl) == 0 && w->id[cl] == '.' && *rest &&
                            strspn(rest, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen(rest);
                if (!valid)
                    ERR(x, get(v, "id"), "the id of a '%s' word list must be '%s.<name>' in "
                                         "lower case, digits and hyphens", w->category,
                        w->category);
            }
            if (!terms) {
                ERR(x, v, "a word list needs 'terms'");
                continue;
            }
        }
        if (terms->kind != YN_SEQ || terms->n == 0) {
            ERR(x, terms, "the words of '%s' must be a non-empty list of terms", w->category);
            continue;
        }
        w->terms = calloc(terms->n, sizeof *w->terms);
        if (!w->terms)
            return SLANT_ENOMEM;
        buf all = {0};
        for (size_t t = 0; t < terms->n; t++) {
            const ynode *it = terms->items[t];
            if (it->kind != YN_SCALAR || strspn(it->value, " \t\r\n") == it->len) {
                ERR(x, it, "each word of '%s' must be a non-empty string", w->category);
                continue;
            }
            lstr *l = &w->terms[w->nterms++];
            l->text = str_dup(it->value);
            l->line = it->line;
            l->col = it->col;
            l->simple = it->simple;
            l->quoted = !it->plain;
            if (!l->text) {
                buf_free(&all);
                return SLANT_ENOMEM;
            }
            buf_adds(&all, all.len ? ", " : "");
            buf_adds(&all, it->value);
        }
        const char *joined = buf_str(&all);
        int rc = joined ? add_setting(x, "words", w->category, joined, NULL, k) : SLANT_ENOMEM;
        buf_free(&all);
        if (rc)
            return rc;
    }
    return 0;
}

void slant_config_free(slant_config *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++) {
        free((char *)c->set[i].name);
        free((char *)c->set[i].value);
        free((char *)c->set[i].path);
    }
    free(c->set);
    for (size_t i = 0; i < c->nwords; i++) {
        word_list *w = &c->words[i];
        free(w->category);
        free(w->id);
        free(w->message);
        free(w->advice);
        for (size_t t = 0; t < w->nterms; t++)
            free(w->terms[t].text);
        free(w->terms);
    }
    free(c->words);
    free(c->file);
    free(c->dir);
    free(c);
}

/* Comments and blank lines only: a configuration that sets nothing. */
static int empty_yaml(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t e = i;
        while (e < len && s[e] != '\n')
            e++;
        size_t a = i;
        while (a < e && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r'))
            a++;
        if (a < e && s[a] != '#' && !(e - a >= 3 && strncmp(s + a, "---", 3) == 0))
            return 0;
        i = e + 1;
    }
    return 1;
}

int slant_config_load(slant_config **out, const char *file, const char *yaml, size_t len,
                      slant_diag_fn fn, void *payload)
{
    *out = NULL;
    if (!file || (!yaml && len))
        return SLANT_EINVAL;
    slant_config *c = calloc(1, sizeof *c);
    if (!c)
        return SLANT_ENOMEM;
    const char *slash = strrchr(file, '/');
    c->file = str_dup(file);
    c->dir = slash ? str_ndup(file, slash == file ? 1 : (size_t)(slash - file)) : str_dup("");
    if (!c->file || !c->dir) {
        slant_config_free(c);
        return SLANT_ENOMEM;
    }
    diag_sink sink = {fn, payload, 0, 0};
    cctx x = {c, &sink, 1};
    if (empty_yaml(yaml ? yaml : "", len)) {
        *out = c;
        return 0;
    }
    ynode *root;
    int rc = ytree_load(&root, file, yaml, len, &sink);
    if (rc != 0) {
        slant_config_free(c);
        return rc == SLANT_ENOMEM ? rc : SLANT_EINPUT;
    }
    if (root->kind != YN_MAP) {
        ERR(&x, root, "a configuration is a mapping of settings (packs, disable, severity, "
                      "...), found %s", ytree_kind_name(root));
    } else {
        check_keys(&x, root, config_keys, "the configuration");
        for (size_t i = 0; i + 1 < root->n && rc == 0; i += 2) {
            const ynode *k = root->items[i], *v = root->items[i + 1];
            if (k->kind != YN_SCALAR)
                continue;
            const char *key = k->value;
            if (strcmp(key, "packs") == 0)
                rc = each_string(&x, v, key, one_pack);
            else if (strcmp(key, "disable") == 0)
                rc = each_string(&x, v, key, one_disable);
            else if (strcmp(key, "include") == 0)
                rc = each_string(&x, v, key, one_include);
            else if (strcmp(key, "exclude") == 0)
                rc = each_string(&x, v, key, one_exclude);
            else if (strcmp(key, "severity") == 0)
                rc = overrides(&x, v, "severity");
            else if (strcmp(key, "weight") == 0)
                rc = overrides(&x, v, "weight");
            else if (strcmp(key, "fail-on") == 0)
                rc = choice(&x, v, "fail-on", valid_fail_on, "info, warning, error or never");
            else if (strcmp(key, "format") == 0)
                rc = choice(&x, v, "format", valid_format, "an output format (text or json)");
            else if (strcmp(key, "input-format") == 0)
                rc = choice(&x, v, "input-format", valid_input,
                            "auto, text, markdown or html");
            else if (strcmp(key, "words") == 0)
                rc = words(&x, v);
            else if (strcmp(key, "model") == 0)
                rc = model_setting(&x, v);
        }
    }
    ytree_free(root);
    if (rc == SLANT_ENOMEM || !x.ok) {
        slant_config_free(c);
        return rc == SLANT_ENOMEM ? rc : SLANT_EINPUT;
    }
    *out = c;
    return 0;
}

size_t slant_config_count(const slant_config *c) { return c ? c->n : 0; }

const slant_setting *slant_config_setting(const slant_config *c, size_t i)
{
    return c && i < c->n ? &c->set[i] : NULL;
}

const slant_setting *slant_config_get(const slant_config *c, const char *key)
{
    for (size_t i = 0; c && key && i < c->n; i++)
        if (strcmp(c->set[i].key, key) == 0)
            return &c->set[i];
    return NULL;
}

const char *slant_config_file(const slant_config *c) { return c ? c->file : NULL; }

/* The word lists as one pack of rules, `<category>.house` each. */
static int words_pack(const slant_config *c, slant_compiler *comp)
{
    if (!c->nwords)
        return 0;
    pack_src *p = calloc(1, sizeof *p);
    if (!p)
        return SLANT_ENOMEM;
    p->file = str_dup(c->file);
    p->name = str_dup("house");
    p->rules = calloc(c->nwords, sizeof *p->rules);
    if (!p->file || !p->name || !p->rules) {
        pack_src_free(p);
        return SLANT_ENOMEM;
    }
    for (size_t i = 0; i < c->nwords; i++) {
        const word_list *w = &c->words[i];
        rule_src *r = &p->rules[p->nrules++];
        buf id = {0}, msg = {0}, ex = {0};
        if (w->id)
            buf_adds(&id, w->id);
        else
            buf_printf(&id, "%s.house", w->category);
        buf_printf(&msg, "On the house list of %s terms", w->category);
        buf_printf(&ex, "Listed under 'words: %s' in %s, the newsroom's own configuration: "
                        "terms the house style guide asks reporters not to use in their own "
                        "voice.", w->category, c->file);
        r->id = buf_str(&id) ? str_dup(id.data) : NULL;
        r->message = w->message ? str_dup(w->message) : buf_str(&msg) ? str_dup(msg.data) : NULL;
        r->explain = buf_str(&ex) ? str_dup(ex.data) : NULL;
        r->advice = str_dup(w->advice ? w->advice
                                      : "Follow the house style guide: describe what happened "
                                        "in plain words, or attribute the term to who used it.");
        buf_free(&id);
        buf_free(&msg);
        buf_free(&ex);
        r->category = str_dup(w->category);
        r->severity = w->severity;
        r->weight = w->weight > 0 ? w->weight : severity_weight(w->severity);
        r->explicit_weight = w->weight > 0;
        r->caseless = 1;
        r->voice = VOICE_ANY;
        r->file = p->file;
        r->pack = p->name;
        r->line = w->line;
        r->col = w->col;
        r->direct.terms = calloc(w->nterms ? w->nterms : 1, sizeof *r->direct.terms);
        if (!r->id || !r->message || !r->explain || !r->advice || !r->category ||
            !r->direct.terms) {
            pack_src_free(p);
            return SLANT_ENOMEM;
        }
        for (size_t t = 0; t < w->nterms; t++) {
            r->direct.terms[t] = w->terms[t];
            if (!(r->direct.terms[t].text = str_dup(w->terms[t].text))) {
                pack_src_free(p);
                return SLANT_ENOMEM;
            }
            r->direct.nterms++;
        }
    }
    return compiler_add_pack(comp, p);
}

int slant_config_apply(const slant_config *c, slant_compiler *comp, int packs)
{
    if (!c || !comp)
        return SLANT_EINVAL;
    int rc = 0, any_pack = 0;
    for (size_t i = 0; i < c->n && rc != SLANT_ENOMEM; i++) {
        const slant_setting *s = &c->set[i];
        src_loc at = {c->file, s->line, s->column};
        int r = 0;
        if (strcmp(s->key, "packs") == 0 && packs) {
            any_pack = 1;
            if (s->path)
                r = slant_compiler_add_file(comp, s->path);
            else if (strcmp(s->value, "builtin") == 0)
                r = slant_compiler_add_builtin(comp);
            else
                r = slant_compiler_add_builtin_pack(comp, s->value);
        } else if (strcmp(s->key, "disable") == 0) {
            r = compiler_disable_at(comp, s->value, &at);
        } else if (strcmp(s->key, "severity") == 0) {
            slant_severity sev = SLANT_SEVERITY_WARNING;
            slant_severity_parse(&sev, s->value);
            r = compiler_severity_at(comp, s->name, sev, &at);
        } else if (strcmp(s->key, "weight") == 0) {
            r = compiler_weight_at(comp, s->name, strtod(s->value, NULL), &at);
        }
        if (r != 0 && rc == 0)
            rc = r;
    }
    if (packs && !any_pack) {
        int r = slant_compiler_add_builtin(comp);
        if (r != 0 && rc == 0)
            rc = r;
    }
    /* after the packs, which bring the built-in model: a model file
     * replaces it, and comes with the configuration's packs only (--rules
     * brings no model) */
    const slant_setting *m = slant_config_get(c, "model");
    if (m) {
        if (m->path && packs) {
            int r = slant_compiler_add_model_file(comp, m->path);
            if (r != 0 && rc == 0)
                rc = r;
        }
        slant_compiler_set_model(comp, strcmp(m->value, "none") != 0);
    }
    int r = words_pack(c, comp);
    return r != 0 ? r : rc;
}
