/* rules.h - the compiled, immutable rule set (internal). */
#ifndef SLANT_RULES_H
#define SLANT_RULES_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "loader.h"

/* One way of matching: PCRE2 programs whose matches are all candidates.
 * All terms of a matcher share one program (an alternation). */
typedef struct {
    pcre2_code **codes;
    size_t ncodes;
} matcher;

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

struct slant_rules {
    rule *rules;
    size_t nrules;
    pack_src **packs; /* own the file and pack names the rules point to */
    size_t npacks;
    uint32_t max_captures;
    pcre2_code *mention; /* "what X calls", "the term": mention, not use */
};

#endif
