/* test_jit.c - programs are JIT-compiled after JIT_AFTER calls and at
 * JIT_RATE calls a megabyte, once, from any thread, and match as before. */
#include "suites.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "jit.h"
#include "rules.h"

static int have_jit(void)
{
    uint32_t jit = 0;
    pcre2_config(PCRE2_CONFIG_JIT, &jit);
    const char *off = getenv("SLANT_NO_JIT");
    return jit && !(off && *off && strcmp(off, "0") != 0);
}

static pcre2_code *compile_re(const char *re)
{
    int err;
    PCRE2_SIZE off;
    pcre2_code *c = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_CASELESS,
                                  &err, &off, NULL);
    ck_assert_ptr_nonnull(c);
    return c;
}

/* the end offset of the first match of code in text, or -1 */
static long match_end(const pcre2_code *code, const char *text)
{
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(code, NULL);
    int rc = pcre2_match(code, (PCRE2_SPTR)text, strlen(text), 0, 0, md, NULL);
    long end = rc >= 0 ? (long)pcre2_get_ovector_pointer(md)[1] : -1;
    pcre2_match_data_free(md);
    return end;
}

static size_t jit_size(const pcre2_code *code)
{
    size_t n = 0;
    pcre2_pattern_info(code, PCRE2_INFO_JITSIZE, &n);
    return n;
}

START_TEST(jit_after_threshold)
{
    if (!have_jit())
        return; /* checked by jit_disabled_stays_interpreted */
    pcre2_code *base = compile_re("\\bdire\\s+consequences?\\b");
    jit_tiers *t = jit_tiers_new(3, 1);
    ck_assert_ptr_nonnull(t);
    for (int i = 0; i < JIT_AFTER - 1; i++)
        ck_assert_ptr_eq(jit_code(t, 1, base), base);
    ck_assert_uint_eq(jit_compiled(t), 0);
    const pcre2_code *c = jit_code(t, 1, base);
    ck_assert_ptr_ne(c, base);
    ck_assert_uint_gt(jit_size(c), 0);
    ck_assert_uint_eq(jit_size(base), 0); /* the original is never written */
    ck_assert_uint_eq(jit_compiled(t), 1);
    for (int i = 0; i < 3 * JIT_AFTER; i++)
        ck_assert_ptr_eq(jit_code(t, 1, base), c);
    /* the other programs count their own calls */
    ck_assert_ptr_eq(jit_code(t, 0, base), base);
    ck_assert_ptr_eq(jit_code(t, 2, base), base);
    /* the copy matches what the original matches */
    const char *text = "There will be DIRE\n consequences, they said.";
    ck_assert_int_eq(match_end(c, text), match_end(base, text));
    ck_assert_int_eq(match_end(c, text), (long)strlen("There will be DIRE\n consequences"));
    ck_assert_int_eq(match_end(c, "dire consequent"), -1);
    /* out of range: the original, no crash */
    ck_assert_ptr_eq(jit_code(t, 3, base), base);
    jit_tiers_free(t);
    pcre2_code_free(base);
}
END_TEST

START_TEST(jit_waits_for_rate)
{
    if (!have_jit())
        return;
    /* after 10 MB, a program needs JIT_RATE * 10 calls; the rate is
     * tested at JIT_AFTER and each power of two after it, so with 100
     * needed the 128th call compiles */
    pcre2_code *base = compile_re("\\bcatastrophe\\b");
    jit_tiers *t = jit_tiers_new(2, 1);
    jit_note_bytes(t, 4000000);
    jit_note_bytes(t, 6000000);
    jit_note_bytes(NULL, 1); /* no rule set's tiers: nothing to count */
    uint64_t need = (uint64_t)JIT_RATE * 10, at = JIT_AFTER;
    while (at < need)
        at *= 2;
    for (uint64_t i = 1; i < at; i++)
        ck_assert_ptr_eq(jit_code(t, 0, base), base);
    ck_assert_uint_eq(jit_compiled(t), 0);
    const pcre2_code *c = jit_code(t, 0, base);
    ck_assert_ptr_ne(c, base);
    ck_assert_uint_eq(jit_compiled(t), 1);
    ck_assert_ptr_eq(jit_code(t, 0, base), c);
    /* a program called less than the rate stays interpreted however long
     * it runs, until it turns hot: after 100 MB it needs 100 * JIT_RATE */
    jit_note_bytes(t, 90000000);
    need = (uint64_t)JIT_RATE * 100;
    at = JIT_AFTER;
    while (at < need)
        at *= 2;
    for (uint64_t i = 1; i < at; i++)
        ck_assert_ptr_eq(jit_code(t, 1, base), base);
    ck_assert_uint_eq(jit_compiled(t), 1);
    ck_assert_ptr_ne(jit_code(t, 1, base), base);
    ck_assert_uint_eq(jit_compiled(t), 2);
    jit_tiers_free(t);
    pcre2_code_free(base);
}
END_TEST

START_TEST(jit_disabled_stays_interpreted)
{
    pcre2_code *base = compile_re("threat");
    jit_tiers *t = jit_tiers_new(1, 0);
    for (int i = 0; i < 4 * JIT_AFTER; i++)
        ck_assert_ptr_eq(jit_code(t, 0, base), base);
    ck_assert_uint_eq(jit_compiled(t), 0);
    jit_tiers_free(t);
    ck_assert_ptr_eq(jit_code(NULL, 0, base), base);
    ck_assert_uint_eq(jit_compiled(NULL), 0);
    jit_tiers_free(NULL);
    pcre2_code_free(base);
}
END_TEST

#define NPROGS 32

static pthread_barrier_t g_start;

typedef struct {
    jit_tiers *t;
    const pcre2_code *base;
    const pcre2_code *seen; /* the last code returned that was not base */
    int wrong;              /* matches that differ from the original's */
} worker;

static void *hammer(void *arg)
{
    worker *w = arg;
    const char *text = "or else there will be dire consequences";
    long want = match_end(w->base, text);
    pthread_barrier_wait(&g_start);
    for (int i = 0; i < 4 * JIT_AFTER; i++) {
        for (uint32_t id = 0; id < NPROGS; id++) {
            const pcre2_code *c = jit_code(w->t, id, w->base);
            if (match_end(c, text) != want)
                w->wrong++;
            if (id == 5 && c != w->base)
                w->seen = c;
        }
    }
    return NULL;
}

START_TEST(jit_shared_by_threads)
{
    /* four threads reach the threshold of the same programs together:
     * each program is compiled once, every thread ends up on that copy,
     * and every call matches (ASan and valgrind runs see the memory) */
    /* a long alternation compiles slowly, which widens the window in
     * which a wrong count would let two threads compile */
    char re[8192] = "\\b(?:consequences";
    for (int i = 0; i < 400; i++) {
        size_t len = strlen(re);
        snprintf(re + len, sizeof re - len, "|w%dx%d", i, i * 7);
    }
    strcat(re, ")\\b");
    pcre2_code *base = compile_re(re);
    jit_tiers *t = jit_tiers_new(NPROGS, have_jit());
    worker w[4];
    pthread_t th[4];
    ck_assert_int_eq(pthread_barrier_init(&g_start, NULL, 4), 0);
    for (int i = 0; i < 4; i++) {
        w[i] = (worker){t, base, NULL, 0};
        ck_assert_int_eq(pthread_create(&th[i], NULL, hammer, &w[i]), 0);
    }
    for (int i = 0; i < 4; i++)
        pthread_join(th[i], NULL);
    pthread_barrier_destroy(&g_start);
    /* a thread may finish before the copy is published (the compile is
     * slow under sanitizers); every thread that saw a copy saw the one
     * that stays, and the compiling thread always sees it */
    const pcre2_code *final = jit_code(t, 5, base);
    int saw = 0;
    for (int i = 0; i < 4; i++) {
        ck_assert_int_eq(w[i].wrong, 0);
        if (w[i].seen) {
            ck_assert_ptr_eq(w[i].seen, final);
            saw++;
        }
    }
    ck_assert_uint_eq(jit_compiled(t), have_jit() ? NPROGS : 0);
    if (have_jit()) {
        ck_assert_ptr_ne(final, base);
        ck_assert_int_gt(saw, 0);
    } else {
        ck_assert_ptr_eq(final, base);
    }
    jit_tiers_free(t);
    pcre2_code_free(base);
}
END_TEST

START_TEST(jit_scans_agree_across_threshold)
{
    /* the same document scanned past the threshold gives the same
     * findings from the interpreter and from the machine code */
    slant_rules *rs = compile_yaml(RULE_HEAD "    patterns:\n"
                                             "      - '\\bdire\\s+consequences\\b'\n"
                                             "    unless:\n"
                                             "      - pattern: '\\bno\\s+dire\\b'\n"
                                             "        within: sentence\n" RULE_EXAMPLES);
    ck_assert_msg(rs != NULL, "%s", diag_log_dump(&g_diags));
    const char *text = "Dire consequences follow. There are no dire consequences.\n"
                       "Dire\nconsequences, again.";
    char first[256] = "";
    for (int i = 0; i < 2 * JIT_AFTER; i++) {
        slant_doc *doc;
        slant_report *rep = scan_text(rs, text, &doc, 0);
        char got[256] = "";
        for (size_t k = 0; k < slant_report_count(rep); k++) {
            const slant_finding *f = slant_report_finding(rep, k);
            size_t len = strlen(got);
            snprintf(got + len, sizeof got - len, "%zu-%zu;", f->start, f->end);
        }
        if (i == 0)
            memcpy(first, got, sizeof got);
        ck_assert_str_eq(got, first);
        slant_report_free(rep);
        slant_doc_free(doc);
    }
    ck_assert_str_eq(first, "0-17;58-75;");
    ck_assert_uint_eq(jit_compiled(rs->jit), have_jit() ? 2 : 0);
    slant_rules_free(rs);
}
END_TEST

Suite *jit_suite(void)
{
    Suite *s = suite_create("jit");
    TCase *tc = tcase_create("tiers");
    tcase_add_test(tc, jit_after_threshold);
    tcase_add_test(tc, jit_waits_for_rate);
    tcase_add_test(tc, jit_disabled_stays_interpreted);
    tcase_add_test(tc, jit_shared_by_threads);
    tcase_add_test(tc, jit_scans_agree_across_threshold);
    suite_add_tcase(s, tc);
    return s;
}
