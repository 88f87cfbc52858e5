/* loader.h - rule packs from YAML to the rule model (internal). The loader
 * checks the schema (keys, types, values, examples); the compiler checks
 * what needs PCRE2 or the whole rule set (patterns, duplicate ids). */
#ifndef SLANT_LOADER_H
#define SLANT_LOADER_H

#include "diag.h"

/* A string from the rule file with where it stands. */
typedef struct {
    char *text;
    unsigned line, col;
    int simple; /* columns inside the text map 1:1 to the file */
    int quoted; /* the scalar starts with a quote character */
} lstr;

typedef struct {
    lstr *terms;
    size_t nterms;
    lstr *patterns;
    size_t npatterns;
} matcher_src;

/* Scopes for near and unless: a word count > 0, or one of these. */
enum { WITHIN_SENTENCE = 0, WITHIN_MATCH = -1 };

typedef struct {
    matcher_src m;
    int within;
    unsigned line, col;
} guard_src;

enum { VOICE_ANY = 0, VOICE_AUTHOR = 1, VOICE_QUOTE = 2 };

typedef struct {
    char *id, *category, *message, *explain, *advice;
    slant_severity severity;
    double weight;
    int explicit_weight; /* `weight:` was given; else it follows the severity */
    int caseless;
    int voice;
    matcher_src direct;
    matcher_src *near;
    size_t nnear;
    int near_within;
    guard_src *guards;
    size_t nguards;
    /* `document:` rules judge the other rules' findings as a whole */
    int is_document;
    unsigned doc_repeated; /* report a text that recurs this often */
    double doc_density;    /* or findings per 1,000 words at least this */
    lstr *doc_of;          /* rule ids or categories whose findings count */
    size_t ndoc_of;
    lstr *ex_match;
    size_t nex_match;
    lstr *ex_nomatch;
    size_t nex_nomatch;
    const char *file; /* owned by the pack */
    const char *pack; /* owned by the pack */
    unsigned line, col;
    /* a sentence-model rule (compile.c, model_pack): its findings come
     * from column model_col of the rule set's model, not from patterns */
    int is_model;
    int model_col;
} rule_src;

typedef struct {
    char *file;
    char *name;
    char *description;
    rule_src *rules;
    size_t nrules;
    /* `techniques:` pairs, category -> research-corpus technique name */
    char **tech_category;
    char **tech_name;
    size_t ntech;
} pack_src;

/* The largest rule file read: far beyond any hand-written pack. */
#define RULES_MAX_BYTES ((size_t)64 << 20)

/* Loads one pack. On errors (diagnosed through `sink`) returns
 * SLANT_ERULES and *out is NULL. */
int loader_load(pack_src **out, const char *file, const char *text, size_t len, diag_sink *sink);
void pack_src_free(pack_src *p);
void rule_src_clear(rule_src *r);

/* Default weight of a severity. */
double severity_weight(slant_severity sev);

#endif
