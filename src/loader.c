/* loader.c - reads a rule pack and checks it against the schema in
 * rules/README.md. Every problem is diagnosed at the node where it stands
 * and loading goes on, so one run reports all the mistakes in a file. */
#include "loader.h"
#include "util.h"
#include "yaml_tree.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *file;
    diag_sink *sink;
    const char *rule; /* id of the rule being read, for messages */
} ctx;

#define ERR(c, node, ...) \
    diag_emit((c)->sink, SLANT_LEVEL_ERROR, (c)->file, (node)->line, (node)->col, (c)->rule, __VA_ARGS__)

static const char *const top_keys[] = {"pack", "description", "techniques", "rules", NULL};
static const char *const rule_keys[] = {"id", "category", "severity", "weight", "message",
                                        "explain", "advice", "case", "voice", "terms",
                                        "patterns", "near", "unless", "document", "examples", NULL};
static const char *const near_keys[] = {"within", "all", NULL};
static const char *const part_keys[] = {"terms", "patterns", NULL};
static const char *const guard_keys[] = {"pattern", "patterns", "terms", "within", NULL};
static const char *const example_keys[] = {"match", "no-match", NULL};
static const char *const document_keys[] = {"repeated", "density", "of", NULL};

double severity_weight(slant_severity sev)
{
    return sev == SLANT_SEVERITY_ERROR ? 4 : sev == SLANT_SEVERITY_WARNING ? 2 : 1;
}

/* " in rule 'x'" or "" */
static const char *in_rule(const ctx *c, char *out, size_t n)
{
    if (c->rule)
        snprintf(out, n, " in rule '%s'", c->rule);
    else
        out[0] = '\0';
    return out;
}

/* Looks up `key` in a mapping. Unknown keys are diagnosed (with a
 * suggestion) once, when `known` is given. */
static ynode *get(ynode *map, const char *key)
{
    for (size_t i = 0; i + 1 < map->n; i += 2)
        if (map->items[i]->kind == YN_SCALAR && strcmp(map->items[i]->value, key) == 0)
            return map->items[i + 1];
    return NULL;
}

typedef struct {
    const char *key;
    size_t i;
} key_at;

static int cmp_key_at(const void *a, const void *b)
{
    const key_at *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* For each key of a mapping, the item index of an earlier equal key, or
 * SIZE_MAX. Sorting, not comparing every pair: a generated mapping with
 * half a million keys must not take minutes. NULL when out of memory. */
static size_t *duplicate_keys(ynode *map)
{
    size_t nk = map->n / 2;
    size_t *first = malloc((nk ? nk : 1) * sizeof *first);
    key_at *v = malloc((nk ? nk : 1) * sizeof *v);
    if (!first || !v) {
        free(first);
        free(v);
        return NULL;
    }
    size_t m = 0;
    for (size_t k = 0; k < nk; k++) {
        first[k] = SIZE_MAX;
        if (map->items[2 * k]->kind == YN_SCALAR)
            v[m++] = (key_at){map->items[2 * k]->value, k};
    }
    if (m > 1)
        qsort(v, m, sizeof *v, cmp_key_at);
    for (size_t a = 0, b; a < m; a = b)
        for (b = a + 1; b < m && strcmp(v[a].key, v[b].key) == 0; b++)
            first[v[b].i] = 2 * v[a].i;
    free(v);
    return first;
}

static int check_keys(ctx *c, ynode *map, const char *const *known, const char *where)
{
    int ok = 1;
    char ir[160];
    size_t *dup = duplicate_keys(map);
    if (!dup)
        return 0;
    for (size_t i = 0; i + 1 < map->n; i += 2) {
        ynode *k = map->items[i];
        if (k->kind != YN_SCALAR) {
            ERR(c, k, "a key must be a plain word, found %s", ytree_kind_name(k));
            ok = 0;
            continue;
        }
        int found = 0;
        for (size_t j = 0; known[j]; j++)
            if (strcmp(known[j], k->value) == 0)
                found = 1;
        if (!found) {
            const char *s = diag_suggest(k->value, known);
            /* "in rule 'x'" for a rule's own keys, "in near in rule 'x'" below it */
            char place[256];
            if (where)
                snprintf(place, sizeof place, " in %s%s", where, in_rule(c, ir, sizeof ir));
            else
                snprintf(place, sizeof place, "%s", in_rule(c, ir, sizeof ir));
            if (s)
                ERR(c, k, "unknown key '%s'%s (did you mean '%s'?)", k->value, place, s);
            else
                ERR(c, k, "unknown key '%s'%s", k->value, place);
            ok = 0;
        }
        if (dup[i / 2] != SIZE_MAX) {
            ERR(c, k, "duplicate key '%s' (first at line %u)", k->value,
                map->items[dup[i / 2]]->line);
            ok = 0;
        }
    }
    free(dup);
    return ok;
}

static int expect(ctx *c, ynode *n, ynode_kind kind, const char *key)
{
    if (n->kind == kind)
        return 1;
    const char *want = kind == YN_SCALAR ? "a string" : kind == YN_SEQ ? "a list" : "a mapping";
    ERR(c, n, "'%s' must be %s, found %s", key, want, ytree_kind_name(n));
    return 0;
}

/* A required or optional non-empty string field; returns a copy or NULL. */
static char *string_field(ctx *c, ynode *map, ynode *where, const char *key, int required, int *ok)
{
    ynode *n = get(map, key);
    if (!n) {
        if (required) {
            char ir[160];
            ERR(c, where, "missing '%s'%s", key, in_rule(c, ir, sizeof ir));
            *ok = 0;
        }
        return NULL;
    }
    if (!expect(c, n, YN_SCALAR, key)) {
        *ok = 0;
        return NULL;
    }
    const char *s = n->value;
    while (isspace((unsigned char)*s))
        s++;
    if (!*s) {
        ERR(c, n, "'%s' is empty", key);
        *ok = 0;
        return NULL;
    }
    char *v = str_dup(n->value);
    if (!v)
        *ok = 0;
    return v;
}

static int lstr_set(lstr *out, ynode *n)
{
    out->text = str_dup(n->value);
    out->line = n->line;
    out->col = n->col;
    out->simple = n->simple;
    out->quoted = !n->plain;
    return out->text ? 0 : -1;
}

/* A list of non-empty strings (a single string is accepted for `pattern`). */
static int string_list(ctx *c, ynode *n, const char *key, lstr **out, size_t *count)
{
    if (n->kind == YN_SCALAR && strcmp(key, "pattern") == 0) {
        *out = calloc(1, sizeof **out);
        if (!*out || lstr_set(*out, n) != 0)
            return 0;
        *count = 1;
        return 1;
    }
    if (!expect(c, n, YN_SEQ, key))
        return 0;
    if (n->n == 0) {
        ERR(c, n, "'%s' is an empty list", key);
        return 0;
    }
    *out = calloc(n->n, sizeof **out);
    if (!*out)
        return 0;
    int ok = 1;
    for (size_t i = 0; i < n->n; i++) {
        ynode *it = n->items[i];
        if (it->kind != YN_SCALAR) {
            ERR(c, it, "each entry of '%s' must be a string, found %s", key, ytree_kind_name(it));
            ok = 0;
            continue;
        }
        if (it->len == 0 || strspn(it->value, " \t\r\n") == it->len) {
            ERR(c, it, "empty entry in '%s'", key);
            ok = 0;
            continue;
        }
        if (lstr_set(&(*out)[(*count)++], it) != 0)
            return 0;
    }
    return ok;
}

/* terms and/or patterns from a mapping into a matcher */
static int matcher_fields(ctx *c, ynode *map, matcher_src *m, int allow_single)
{
    int ok = 1;
    ynode *n;
    if ((n = get(map, "terms")) && !string_list(c, n, "terms", &m->terms, &m->nterms))
        ok = 0;
    if ((n = get(map, "patterns")) && !string_list(c, n, "patterns", &m->patterns, &m->npatterns))
        ok = 0;
    if (allow_single && (n = get(map, "pattern"))) {
        if (m->npatterns) {
            ERR(c, n, "give either 'pattern' or 'patterns', not both");
            ok = 0;
        } else if (!string_list(c, n, "pattern", &m->patterns, &m->npatterns)) {
            ok = 0;
        }
    }
    return ok;
}

/* `within`: sentence, match (when allowed) or a whole number of words */
static int within_field(ctx *c, ynode *map, int allow_match, int *out)
{
    ynode *n = get(map, "within");
    *out = WITHIN_SENTENCE;
    if (!n)
        return 1;
    if (n->kind == YN_SCALAR) {
        if (strcmp(n->value, "sentence") == 0)
            return 1;
        if (allow_match && strcmp(n->value, "match") == 0) {
            *out = WITHIN_MATCH;
            return 1;
        }
        char *end;
        errno = 0;
        long v = strtol(n->value, &end, 10);
        if (n->plain && end != n->value && !*end && errno == 0 && v >= 1 && v <= 1000) {
            *out = (int)v;
            return 1;
        }
    }
    ERR(c, n, "'within' must be %sa whole number of words from 1 to 1000",
        allow_match ? "'match', 'sentence' or " : "'sentence' or ");
    return 0;
}

static void matcher_clear(matcher_src *m)
{
    for (size_t i = 0; i < m->nterms; i++)
        free(m->terms[i].text);
    for (size_t i = 0; i < m->npatterns; i++)
        free(m->patterns[i].text);
    free(m->terms);
    free(m->patterns);
    memset(m, 0, sizeof *m);
}

void rule_src_clear(rule_src *r)
{
    free(r->id);
    free(r->category);
    free(r->message);
    free(r->explain);
    free(r->advice);
    matcher_clear(&r->direct);
    for (size_t i = 0; i < r->nnear; i++)
        matcher_clear(&r->near[i]);
    free(r->near);
    for (size_t i = 0; i < r->nguards; i++)
        matcher_clear(&r->guards[i].m);
    free(r->guards);
    for (size_t i = 0; i < r->ndoc_of; i++)
        free(r->doc_of[i].text);
    free(r->doc_of);
    for (size_t i = 0; i < r->nex_match; i++)
        free(r->ex_match[i].text);
    free(r->ex_match);
    for (size_t i = 0; i < r->nex_nomatch; i++)
        free(r->ex_nomatch[i].text);
    free(r->ex_nomatch);
    memset(r, 0, sizeof *r);
}

static int load_near(ctx *c, ynode *n, rule_src *r)
{
    if (!expect(c, n, YN_MAP, "near"))
        return 0;
    int ok = check_keys(c, n, near_keys, "near");
    if (!within_field(c, n, 0, &r->near_within))
        ok = 0;
    ynode *all = get(n, "all");
    if (!all) {
        ERR(c, n, "'near' needs 'all': a list of two or more parts");
        return 0;
    }
    if (!expect(c, all, YN_SEQ, "all"))
        return 0;
    if (all->n < 2) {
        ERR(c, all, "'near' needs at least two parts in 'all' (found %zu); a single part "
                    "belongs in 'terms' or 'patterns'", all->n);
        return 0;
    }
    r->near = calloc(all->n, sizeof *r->near);
    if (!r->near)
        return 0;
    r->nnear = all->n;
    for (size_t i = 0; i < all->n; i++) {
        ynode *p = all->items[i];
        if (!expect(c, p, YN_MAP, "near part")) {
            ok = 0;
            continue;
        }
        if (!check_keys(c, p, part_keys, "near part") || !matcher_fields(c, p, &r->near[i], 0))
            ok = 0;
        else if (!r->near[i].nterms && !r->near[i].npatterns) {
            ERR(c, p, "a 'near' part needs 'terms' or 'patterns'");
            ok = 0;
        }
    }
    return ok;
}

static int load_unless(ctx *c, ynode *n, rule_src *r)
{
    if (!expect(c, n, YN_SEQ, "unless"))
        return 0;
    if (n->n == 0) {
        ERR(c, n, "'unless' is an empty list");
        return 0;
    }
    r->guards = calloc(n->n, sizeof *r->guards);
    if (!r->guards)
        return 0;
    r->nguards = n->n;
    int ok = 1;
    for (size_t i = 0; i < n->n; i++) {
        ynode *g = n->items[i];
        guard_src *gs = &r->guards[i];
        gs->line = g->line;
        gs->col = g->col;
        if (!expect(c, g, YN_MAP, "unless entry")) {
            ok = 0;
            continue;
        }
        if (!check_keys(c, g, guard_keys, "unless entry") || !matcher_fields(c, g, &gs->m, 1) ||
            !within_field(c, g, 1, &gs->within))
            ok = 0;
        else if (!gs->m.nterms && !gs->m.npatterns) {
            ERR(c, g, "an 'unless' entry needs 'pattern', 'patterns' or 'terms'");
            ok = 0;
        }
    }
    return ok;
}

/* document: {repeated: N | density: D, of: [rule ids or categories]} */
static int load_document(ctx *c, ynode *n, rule_src *r)
{
    if (!expect(c, n, YN_MAP, "document"))
        return 0;
    int ok = check_keys(c, n, document_keys, "document");
    r->is_document = 1;
    ynode *rep = get(n, "repeated"), *den = get(n, "density"), *of = get(n, "of");
    if (!!rep == !!den) {
        ERR(c, n, "'document' needs exactly one of 'repeated' (a count) or 'density' (findings "
                  "per 1,000 words)");
        ok = 0;
    }
    if (rep) {
        char *end = NULL;
        long v = rep->kind == YN_SCALAR ? strtol(rep->value, &end, 10) : 0;
        if (rep->kind != YN_SCALAR || !rep->plain || *end || v < 2 || v > 1000) {
            ERR(c, rep, "'repeated' must be a whole number from 2 to 1000");
            ok = 0;
        } else {
            r->doc_repeated = (unsigned)v;
        }
    }
    if (den) {
        char *end = NULL;
        double v = den->kind == YN_SCALAR ? strtod(den->value, &end) : 0;
        if (den->kind != YN_SCALAR || !den->plain || *end || !(v > 0) || v > 1000) {
            ERR(c, den, "'density' must be a number of findings per 1,000 words, above 0");
            ok = 0;
        } else {
            r->doc_density = v;
        }
    }
    if (!of) {
        ERR(c, n, "'document' needs 'of': the rule ids or categories whose findings it counts");
        ok = 0;
    } else if (!string_list(c, of, "of", &r->doc_of, &r->ndoc_of)) {
        ok = 0;
    }
    return ok;
}

static int load_examples(ctx *c, ynode *rule, rule_src *r)
{
    ynode *n = get(rule, "examples");
    char ir[160];
    if (!n) {
        ERR(c, rule, "missing 'examples'%s: give 'match' and 'no-match' sentences so "
                     "'slant test' can check the rule", in_rule(c, ir, sizeof ir));
        return 0;
    }
    if (!expect(c, n, YN_MAP, "examples"))
        return 0;
    int ok = check_keys(c, n, example_keys, "examples");
    ynode *m = get(n, "match"), *nm = get(n, "no-match");
    if (!m) {
        ERR(c, n, "'examples' needs a 'match' list%s", in_rule(c, ir, sizeof ir));
        ok = 0;
    } else if (!string_list(c, m, "match", &r->ex_match, &r->nex_match)) {
        ok = 0;
    }
    if (!nm) {
        ERR(c, n, "'examples' needs a 'no-match' list%s", in_rule(c, ir, sizeof ir));
        ok = 0;
    } else if (!string_list(c, nm, "no-match", &r->ex_nomatch, &r->nex_nomatch)) {
        ok = 0;
    }
    return ok;
}

static int valid_id(const char *id)
{
    const char *dot = strchr(id, '.');
    if (!dot || dot == id || !dot[1] || strchr(dot + 1, '.'))
        return 0;
    for (const char *p = id; *p; p++)
        if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '-' || *p == '.'))
            return 0;
    return 1;
}

static int load_rule(ctx *c, ynode *n, rule_src *r)
{
    int ok = 1;
    r->line = n->line;
    r->col = n->col;
    if (!expect(c, n, YN_MAP, "rule"))
        return 0;
    r->id = string_field(c, n, n, "id", 1, &ok);
    c->rule = r->id;
    int keys_ok = check_keys(c, n, rule_keys, NULL);
    if (!keys_ok)
        ok = 0;
    if (r->id && !valid_id(r->id)) {
        ERR(c, get(n, "id"), "rule id '%s' must be <category>.<name> in lower case, digits and "
                             "hyphens (like 'threat.vague-menace')", r->id);
        ok = 0;
    }
    r->category = string_field(c, n, n, "category", 1, &ok);
    if (r->category) {
        ynode *cn = get(n, "category");
        if (slant_category_find(r->category) < 0) {
            const char *all[32];
            size_t k = 0;
            for (; k < slant_category_count() && k < 31; k++)
                all[k] = slant_category_id(k);
            all[k] = NULL;
            const char *s = diag_suggest(r->category, all);
            if (s)
                ERR(c, cn, "unknown category '%s' (did you mean '%s'?)", r->category, s);
            else {
                char list[700] = "";
                for (size_t j = 0; j < k; j++) {
                    strncat(list, j ? ", " : "", sizeof list - strlen(list) - 1);
                    strncat(list, all[j], sizeof list - strlen(list) - 1);
                }
                ERR(c, cn, "unknown category '%s' (the categories are: %s)", r->category, list);
            }
            ok = 0;
        } else if (r->id && valid_id(r->id) &&
                   (strncmp(r->id, r->category, strlen(r->category)) != 0 ||
                    r->id[strlen(r->category)] != '.')) {
            ERR(c, get(n, "id"), "rule id '%s' must start with its category '%s.'", r->id,
                r->category);
            ok = 0;
        }
    }
    ynode *sv = get(n, "severity");
    char ir[160];
    if (!sv) {
        ERR(c, n, "missing 'severity'%s (info, warning or error)", in_rule(c, ir, sizeof ir));
        ok = 0;
    } else if (!expect(c, sv, YN_SCALAR, "severity") ||
               slant_severity_parse(&r->severity, sv->value) != 0) {
        if (sv->kind == YN_SCALAR)
            ERR(c, sv, "unknown severity '%s' (use info, warning or error)", sv->value);
        ok = 0;
    }
    r->weight = severity_weight(r->severity);
    ynode *w = get(n, "weight");
    if (w) {
        char *end = NULL;
        double v = w->kind == YN_SCALAR ? strtod(w->value, &end) : 0;
        if (w->kind != YN_SCALAR || !w->plain || end == w->value || *end || !isfinite(v) ||
            v <= 0 || v > 100) {
            ERR(c, w, "'weight' must be a number greater than 0 and at most 100");
            ok = 0;
        } else {
            r->weight = v;
            r->explicit_weight = 1;
        }
    }
    r->message = string_field(c, n, n, "message", 1, &ok);
    r->explain = string_field(c, n, n, "explain", 1, &ok);
    r->advice = string_field(c, n, n, "advice", 1, &ok);
    if (r->message && strchr(r->message, '\n')) {
        ERR(c, get(n, "message"), "'message' must be one line");
        ok = 0;
    }
    r->caseless = 1;
    ynode *cs = get(n, "case");
    if (cs) {
        if (cs->kind == YN_SCALAR && strcmp(cs->value, "sensitive") == 0)
            r->caseless = 0;
        else if (!(cs->kind == YN_SCALAR && strcmp(cs->value, "insensitive") == 0)) {
            ERR(c, cs, "'case' must be 'sensitive' or 'insensitive'");
            ok = 0;
        }
    }
    ynode *vc = get(n, "voice");
    if (vc) {
        const char *v = vc->kind == YN_SCALAR ? vc->value : "";
        if (strcmp(v, "any") == 0)
            r->voice = VOICE_ANY;
        else if (strcmp(v, "author") == 0)
            r->voice = VOICE_AUTHOR;
        else if (strcmp(v, "quote") == 0)
            r->voice = VOICE_QUOTE;
        else {
            ERR(c, vc, "'voice' must be 'any', 'author' or 'quote'");
            ok = 0;
        }
    }
    if (!matcher_fields(c, n, &r->direct, 0))
        ok = 0;
    ynode *x;
    if ((x = get(n, "near")) && !load_near(c, x, r))
        ok = 0;
    if ((x = get(n, "unless")) && !load_unless(c, x, r))
        ok = 0;
    if ((x = get(n, "document"))) {
        if (!load_document(c, x, r))
            ok = 0;
        if (get(n, "terms") || get(n, "patterns") || get(n, "near") || get(n, "unless") ||
            get(n, "voice")) {
            ERR(c, x, "a 'document' rule judges other rules' findings; it takes no 'terms', "
                      "'patterns', 'near', 'unless' or 'voice'");
            ok = 0;
        }
    } else if (keys_ok && !get(n, "terms") && !get(n, "patterns") && !get(n, "near")) {
        ERR(c, n, "rule '%s' has nothing to match: give it 'terms', 'patterns', 'near' or "
                  "'document'",
            r->id ? r->id : "?");
        ok = 0;
    }
    if (!load_examples(c, n, r))
        ok = 0;
    c->rule = NULL;
    return ok;
}

/* techniques: {category: [Technique_Name, ...]}: how categories map onto
 * the technique labels of the PTC / SemEval corpora, for `slant eval`. */
static int load_techniques(ctx *c, ynode *n, pack_src *p)
{
    if (!expect(c, n, YN_MAP, "techniques"))
        return 0;
    int ok = 1;
    for (size_t i = 0; i + 1 < n->n; i += 2) {
        ynode *k = n->items[i], *v = n->items[i + 1];
        if (k->kind != YN_SCALAR || slant_category_find(k->value) < 0) {
            ERR(c, k, "'techniques' maps category ids to technique names; '%s' is not a category",
                k->kind == YN_SCALAR ? k->value : "?");
            ok = 0;
            continue;
        }
        lstr *names = NULL;
        size_t nn = 0;
        if (!string_list(c, v, "techniques", &names, &nn)) {
            ok = 0;
        } else {
            char **a = realloc(p->tech_category, (p->ntech + nn) * sizeof *a);
            if (a)
                p->tech_category = a;
            char **b = realloc(p->tech_name, (p->ntech + nn) * sizeof *b);
            if (b)
                p->tech_name = b;
            for (size_t j = 0; a && b && j < nn; j++) {
                p->tech_category[p->ntech] = str_dup(k->value);
                p->tech_name[p->ntech] = names[j].text;
                names[j].text = NULL;
                p->ntech++;
            }
            if (!a || !b)
                ok = 0;
        }
        for (size_t j = 0; j < nn; j++)
            free(names[j].text);
        free(names);
    }
    return ok;
}

void pack_src_free(pack_src *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->nrules; i++)
        rule_src_clear(&p->rules[i]);
    free(p->rules);
    for (size_t i = 0; i < p->ntech; i++) {
        free(p->tech_category[i]);
        free(p->tech_name[i]);
    }
    free(p->tech_category);
    free(p->tech_name);
    free(p->file);
    free(p->name);
    free(p->description);
    free(p);
}

int loader_load(pack_src **out, const char *file, const char *text, size_t len, diag_sink *sink)
{
    *out = NULL;
    if (len > RULES_MAX_BYTES) {
        diag_emit(sink, SLANT_LEVEL_ERROR, file, 0, 0, NULL,
                  "rule file too large: more than %zu MiB", RULES_MAX_BYTES >> 20);
        return SLANT_ERULES;
    }
    ynode *root;
    int rc = ytree_load(&root, file, text, len, sink);
    if (rc != 0)
        return rc;
    ctx c = {file, sink, NULL};
    pack_src *p = calloc(1, sizeof *p);
    int ok = 1;
    if (!p || !(p->file = str_dup(file))) {
        free(p);
        ytree_free(root);
        return SLANT_ENOMEM;
    }
    if (root->kind != YN_MAP) {
        ERR(&c, root, "a rule file must be a mapping with 'pack' and 'rules', found %s",
            ytree_kind_name(root));
        ok = 0;
        goto out;
    }
    if (!check_keys(&c, root, top_keys, "the pack"))
        ok = 0;
    p->name = string_field(&c, root, root, "pack", 1, &ok);
    if (p->name) {
        for (const char *s = p->name; *s; s++)
            if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '-')) {
                ERR(&c, get(root, "pack"), "pack name '%s' must be lower case, digits and "
                                           "hyphens", p->name);
                ok = 0;
                break;
            }
    }
    p->description = string_field(&c, root, root, "description", 0, &ok);
    ynode *tech = get(root, "techniques");
    if (tech && !load_techniques(&c, tech, p))
        ok = 0;
    ynode *rules = get(root, "rules");
    if (!rules) {
        ERR(&c, root, "missing 'rules': a list of rules");
        ok = 0;
        goto out;
    }
    if (!expect(&c, rules, YN_SEQ, "rules")) {
        ok = 0;
        goto out;
    }
    if (rules->n == 0) {
        ERR(&c, rules, "'rules' is empty: a pack needs at least one rule");
        ok = 0;
        goto out;
    }
    p->rules = calloc(rules->n, sizeof *p->rules);
    if (!p->rules) {
        ok = 0;
        goto out;
    }
    p->nrules = rules->n;
    for (size_t i = 0; i < rules->n; i++) {
        rule_src *r = &p->rules[i];
        if (!load_rule(&c, rules->items[i], r))
            ok = 0;
        r->file = p->file;
        r->pack = p->name;
    }
out:
    ytree_free(root);
    if (!ok) {
        pack_src_free(p);
        return sink->errors ? SLANT_ERULES : SLANT_ENOMEM;
    }
    *out = p;
    return 0;
}
