/* jit.c - see jit.h */
#include "jit.h"

#include <stdatomic.h>
#include <stdlib.h>

typedef struct {
    _Atomic(pcre2_code *) code; /* the JIT-compiled copy, once made */
    atomic_uint calls;
} tier;

struct jit_tiers {
    tier *t;
    size_t n;
    int enabled;
    atomic_size_t compiled; /* compilations made, to prove each is made once */
};

jit_tiers *jit_tiers_new(size_t n, int enabled)
{
    jit_tiers *j = calloc(1, sizeof *j);
    if (!j)
        return NULL;
    j->t = calloc(n ? n : 1, sizeof *j->t);
    if (!j->t) {
        free(j);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        atomic_init(&j->t[i].code, NULL);
        atomic_init(&j->t[i].calls, 0);
    }
    atomic_init(&j->compiled, 0);
    j->n = n;
    j->enabled = enabled;
    return j;
}

void jit_tiers_free(jit_tiers *j)
{
    if (!j)
        return;
    for (size_t i = 0; i < j->n; i++)
        pcre2_code_free(atomic_load_explicit(&j->t[i].code, memory_order_relaxed));
    free(j->t);
    free(j);
}

const pcre2_code *jit_code(jit_tiers *j, uint32_t id, const pcre2_code *base)
{
    if (!j || !j->enabled || id >= j->n)
        return base;
    tier *t = &j->t[id];
    pcre2_code *c = atomic_load_explicit(&t->code, memory_order_acquire);
    if (c)
        return c;
    /* past the threshold: being compiled by another call, or its JIT
     * failed; a read, not a write, keeps the counter's cache line shared */
    if (atomic_load_explicit(&t->calls, memory_order_relaxed) >= JIT_AFTER)
        return base;
    if (atomic_fetch_add_explicit(&t->calls, 1, memory_order_relaxed) != JIT_AFTER - 1)
        return base;
    c = pcre2_code_copy(base);
    if (!c)
        return base; /* out of memory: the interpreter still works */
    if (pcre2_jit_compile(c, PCRE2_JIT_COMPLETE) != 0) {
        pcre2_code_free(c);
        return base;
    }
    atomic_store_explicit(&t->code, c, memory_order_release);
    atomic_fetch_add_explicit(&j->compiled, 1, memory_order_relaxed);
    return c;
}

size_t jit_compiled(jit_tiers *j)
{
    return j ? atomic_load_explicit(&j->compiled, memory_order_relaxed) : 0;
}
