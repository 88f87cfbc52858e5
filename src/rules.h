/* rules.h - the compiled, immutable rule set (internal). */
#ifndef SLANT_RULES_H
#define SLANT_RULES_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "ac.h"
#include "jit.h"
#include "loader.h"
#include "model.h"
#include "prefilter.h"

/* One way of matching: PCRE2 programs whose matches are all candidates.
 * All terms of a matcher share one program (an alternation). */
typedef struct {
    pcre2_code **codes;
    uint32_t *ids; /* per code: its program index in slant_rules.progs */
    size_t ncodes;
} matcher;

/* What the scanner knows of each compiled program: its literals and
 * window (prefilter.h), and where it came from, for `slant rules --cost`. */
typedef struct {
    prefilter_info pf;
    size_t rule;      /* index of the rule that owns it */
    /* the pattern as written, or "terms": borrowed from the rule's source,
     * which lives as long as the rule set (2,700 copies were a megabyte) */
    const char *source;
    /* what was compiled (folded; terms as their alternation): owned,
     * unless folding changed nothing, when it is `source` itself */
    char *regex;
    int guard;        /* an `unless` guard, not a matcher of findings */
    int tracked;      /* its literals are in the automaton (compile.c, build_automaton) */
    int has_reset;    /* holds \K, which moves a match's reported start (scan.c) */
} prog;

typedef struct {
    matcher m;
    int within;
} guard;

typedef struct {
    rule_src src;
    matcher direct;
    matcher *near; /* src.nnear parts */
    guard *guards; /* src.nguards */
} rule;

/* A program literal of a program's second requirement (prefilter.h). */
#define LIT_SECOND 0x80u
/* A program literal of an `unless` guard: looked up only around a
 * candidate (scan.c, guard_exists), never bucketed. */
#define LIT_GUARD 0x40u
/* In ulit_edge only: the entry has a second requirement (lit_pair). */
#define LIT_HAS_SEC 0x20u
#define NO_SEC UINT32_MAX

/* A second requirement as the scanner reads it, in one place: looked up
 * for most literal occurrences, and reading it through its program's
 * prefilter_info missed the cache a third of the time. Its strings are
 * the program literals psec_lit[sec_at .. sec_end). */
typedef struct {
    uint32_t sec_at, sec_end;
    uint32_t min;
    int dir;
    match_bound max;
} pair_geo;

struct slant_rules {
    rule *rules;
    size_t nrules;
    pack_src **packs; /* own the file and pack names the rules point to */
    size_t npacks;
    uint32_t max_captures;
    prog *progs;
    size_t nprogs, progcap;
    /* program literals: each literal of each tracked program, in order */
    uint32_t *lit_prog;   /* -> its program */
    match_bound *lit_pre; /* -> how far before it a match can start */
    uint8_t *lit_edge;    /* -> LIT_NONWORD_* (prefilter.h), LIT_SECOND, LIT_GUARD */
    uint8_t *lit_len;     /* -> its length */
    /* -> its second requirement, 1 + an index into pairs (0: none); for
     * a LIT_SECOND literal, the requirement it is a string of */
    uint32_t *lit_pair;
    size_t nlits;
    pair_geo *pairs; /* every tracked program's second requirements, in program order */
    size_t npairs;
    /* the automaton holds each distinct string of those once: its literal
     * u stands for program literals ulit_entry[ulit_at[u] .. ulit_at[u + 1]),
     * those the scanner buckets before ulit_looked[u], then those it only
     * looks up (LIT_GUARD, LIT_SECOND) */
    ac *automaton;
    uint32_t *ulit_at;
    uint32_t *ulit_looked;
    uint32_t *ulit_second; /* where, after ulit_looked[u], seconds begin: the
                              guards' literals between are in program order */
    uint32_t *ulit_entry;
    /* beside ulit_entry, so that expanding an occurrence reads memory in
     * order instead of jumping to each entry's program: the entry's
     * lit_edge, with LIT_HAS_SEC */
    uint8_t *ulit_edge;
    uint32_t *ulit_prog; /* beside ulit_entry: the entry's lit_prog */
    uint8_t *ulit_len; /* per string: its length */
    size_t nulits;
    /* Second requirements are looked up by string, not bucketed by
     * program: a common string ("the", a quotation mark) is the second of
     * dozens of programs. usec_of[u] numbers the strings that are some
     * second (NO_SEC for the others); pairs[i] is the program literals
     * psec_lit[pairs[i].sec_at .. pairs[i].sec_end), psec_usec giving
     * each one's string by that number. */
    uint32_t *usec_of;
    size_t nusec;
    uint32_t *psec_lit;
    uint32_t *psec_usec;
    pcre2_code *mention; /* "what X calls", "the term": mention, not use */
    model *model; /* the sentence model (model.h), or NULL */
    /* each program's JIT-compiled copy, made once it has run a while;
     * written through a const slant_rules by any scanner (jit.h); the
     * mention program is number nprogs */
    jit_tiers *jit;
};

/* For the house configuration (config.c): names given with where they
 * were written, and a pack built in memory (ownership passes). */
typedef struct {
    const char *file;
    unsigned line, col;
} src_loc;
int compiler_disable_at(slant_compiler *c, const char *name, const src_loc *at);
int compiler_severity_at(slant_compiler *c, const char *name, slant_severity sev,
                         const src_loc *at);
int compiler_weight_at(slant_compiler *c, const char *name, double weight, const src_loc *at);
int compiler_add_pack(slant_compiler *c, pack_src *p);
diag_sink *compiler_sink(slant_compiler *c);
/* Whether slant_compiler_set_model(c, 0) was called: the built-in packs
 * then leave the embedded model unread. */
int compiler_model_off(const slant_compiler *c);

#endif
