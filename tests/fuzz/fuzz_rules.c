/* fuzz_rules.c - the rule loader and compiler on arbitrary YAML. Every
 * input must either compile or be refused with at least one error
 * diagnostic; a rule set that compiles also runs its own examples, which
 * puts arbitrary patterns, terms, guards and `near` parts through the
 * scanner. */
#include "fuzz.h"
#include "slant.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    size_t errors;
} diag_count;

static void count_diag(const slant_diag *d, void *payload)
{
    diag_count *c = payload;
    FUZZ_CHECK(d->message && d->message[0]);
    if (d->level == SLANT_LEVEL_ERROR)
        c->errors++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    slant_compiler *c;
    if (slant_compiler_new(&c) != 0)
        return 0;
    diag_count dc = {0};
    slant_compiler_set_diag(c, count_diag, &dc);
    int added = slant_compiler_add_string(c, "fuzz.yaml", (const char *)data, size);
    slant_rules *rules = NULL;
    int rc = slant_compiler_finish(&rules, c);
    slant_compiler_free(c);
    if (rc != 0) {
        /* a refusal always says why (out of memory aside) */
        FUZZ_CHECK(rules == NULL);
        FUZZ_CHECK(dc.errors > 0 || rc == SLANT_ENOMEM || added == SLANT_ENOMEM);
        return 0;
    }
    FUZZ_CHECK(added == 0 && dc.errors == 0);
    size_t n = slant_rules_count(rules);
    FUZZ_CHECK(n > 0);
    for (size_t i = 0; i < n; i++) {
        slant_rule_info ri;
        FUZZ_CHECK(slant_rules_info(&ri, rules, i) == 0);
        FUZZ_CHECK(ri.id && ri.category && ri.message && slant_category_find(ri.category) >= 0);
        FUZZ_CHECK(slant_rules_find(rules, ri.id) == (long)i);
    }
    size_t failures = 0, total = 0;
    slant_rules_test(&failures, &total, rules, NULL, NULL);
    FUZZ_CHECK(failures <= total);
    slant_rules_free(rules);
    return 0;
}
