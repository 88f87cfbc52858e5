/* jit.c - see jit.h */
#include "jit.h"

#include <stdatomic.h>
#include <stdlib.h>

typedef struct {
    _Atomic(pcre2_code *) code; /* the JIT-compiled copy, once made */
    atomic_uint_fast64_t calls;
    atomic_int taken; /* 1 once a call has set out to compile it */
} tier;

struct jit_tiers {
    tier *t;
    size_t n;
    int enabled;
    atomic_size_t compiled; /* compilations made, to prove each is made once */
    atomic_uint_fast64_t bytes; /* scanned with the rule set, for JIT_RATE */
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
        atomic_init(&j->t[i].taken, 0);
    }
    atomic_init(&j->compiled, 0);
    atomic_init(&j->bytes, 0);
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
    /* being compiled by another call, or its JIT failed */
    if (atomic_load_explicit(&t->taken, memory_order_relaxed))
        return base;
    uint_fast64_t n = atomic_fetch_add_explicit(&t->calls, 1, memory_order_relaxed) + 1;
    if (n < JIT_AFTER || (n & (n - 1)) != 0)
        return base;
    /* n calls in bytes / 1e6 megabytes: below JIT_RATE a megabyte */
    if (n * 1000000u < (uint_fast64_t)JIT_RATE * atomic_load_explicit(&j->bytes, memory_order_relaxed))
        return base;
    if (atomic_exchange_explicit(&t->taken, 1, memory_order_relaxed))
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

void jit_note_bytes(jit_tiers *j, size_t n)
{
    if (j)
        atomic_fetch_add_explicit(&j->bytes, n, memory_order_relaxed);
}

size_t jit_compiled(jit_tiers *j)
{
    return j ? atomic_load_explicit(&j->compiled, memory_order_relaxed) : 0;
}
