/* test_eval.c - the strict metric and its intervals, computed by hand. */
#include "suites.h"

#include <string.h>

/* One rule, `threat.t`, finding the word "threat". */
static slant_rules *threat_rules(void)
{
    slant_rules *rs = compile_yaml(RULE_HEAD "    patterns: ['\\bthreat\\b']\n" RULE_EXAMPLES);
    ck_assert_msg(rs != NULL, "%s", diag_log_dump(&g_diags));
    return rs;
}

static void add_doc(slant_eval *e, const slant_rules *rs, const char *name, const char *text)
{
    slant_doc *doc;
    slant_report *rep = scan_text(rs, text, &doc, 0);
    ck_assert_int_eq(slant_eval_add(e, name, rep), 0);
    slant_report_free(rep);
    slant_doc_free(doc);
}

static slant_eval *eval_with(const slant_rules *rs, const char *gold)
{
    slant_eval *e;
    ck_assert_int_eq(slant_eval_new(&e, rs), 0);
    ck_assert_int_eq(slant_eval_load_gold(e, "gold.jsonl", gold, strlen(gold), SLANT_GOLD_JSONL,
                                          NULL, NULL),
                     0);
    return e;
}

START_TEST(eval_strict_and_interval)
{
    /* a: its one gold span found. b: its gold span ("danger") missed, and
     * "threat" found where no gold lies. P = 1/2, R = 1/2. Resampling two
     * documents: aa (P = R = 1) a quarter of the time, bb (0) a quarter,
     * ab or ba (1/2) half: the 95% interval is 0 to 1. */
    slant_rules *rs = threat_rules();
    slant_eval *e = eval_with(rs, "{\"doc\": \"a\", \"category\": \"threat\", \"start\": 2, \"end\": 8}\n"
                                  "{\"doc\": \"b\", \"category\": \"threat\", \"start\": 3, \"end\": 9}\n");
    add_doc(e, rs, "a", "A threat here.");
    add_doc(e, rs, "b", "No danger. A threat.");
    ck_assert_int_eq(slant_eval_compute(e, SLANT_EVAL_BY_CATEGORY), 0);
    const slant_eval_row *r = slant_eval_overall(e, 0);
    ck_assert_uint_eq(r->gold, 2);
    ck_assert_uint_eq(r->predicted, 2);
    ck_assert_double_eq_tol(r->precision, 0.5, 1e-9);
    ck_assert_double_eq_tol(r->recall, 0.5, 1e-9);
    ck_assert_double_eq_tol(r->precision_lo, 0.0, 1e-9);
    ck_assert_double_eq_tol(r->precision_hi, 1.0, 1e-9);
    ck_assert_double_eq_tol(r->recall_lo, 0.0, 1e-9);
    ck_assert_double_eq_tol(r->recall_hi, 1.0, 1e-9);
    /* the category row carries the same */
    ck_assert_uint_eq(slant_eval_row_count(e), 1);
    const slant_eval_row *c = slant_eval_row_at(e, 0);
    ck_assert_str_eq(c->name, "threat");
    ck_assert_double_eq_tol(c->recall_hi, 1.0, 1e-9);
    /* the same input, the same interval (the seed is fixed) */
    slant_eval_row first = *r;
    ck_assert_int_eq(slant_eval_compute(e, SLANT_EVAL_BY_CATEGORY), 0);
    r = slant_eval_overall(e, 0);
    ck_assert(memcmp(&first.precision_lo, &r->precision_lo, 6 * sizeof(double)) == 0);
    slant_eval_free(e);
    slant_rules_free(rs);
}
END_TEST

START_TEST(eval_interval_collapses_when_documents_agree)
{
    /* ten documents with the same counts (one gold span found, one false
     * positive): every resample gives P = R = 1/2 exactly */
    slant_rules *rs = threat_rules();
    char gold[2048] = "";
    for (int i = 0; i < 10; i++) {
        size_t len = strlen(gold);
        snprintf(gold + len, sizeof gold - len,
                 "{\"doc\": \"d%d\", \"category\": \"threat\", \"start\": 2, \"end\": 8}\n", i);
    }
    slant_eval *e = eval_with(rs, gold);
    for (int i = 0; i < 10; i++) {
        char name[16];
        snprintf(name, sizeof name, "d%d", i);
        add_doc(e, rs, name, "A threat here. Then another threat.");
    }
    ck_assert_int_eq(slant_eval_compute(e, SLANT_EVAL_BY_CATEGORY), 0);
    const slant_eval_row *r = slant_eval_overall(e, 0);
    ck_assert_double_eq_tol(r->precision, 0.5, 1e-9);
    ck_assert_double_eq_tol(r->recall, 1.0, 1e-9);
    ck_assert_double_eq_tol(r->precision_lo, 0.5, 1e-9);
    ck_assert_double_eq_tol(r->precision_hi, 0.5, 1e-9);
    ck_assert_double_eq_tol(r->f1_lo, r->f1, 1e-9);
    ck_assert_double_eq_tol(r->f1_hi, r->f1, 1e-9);
    slant_eval_free(e);
    slant_rules_free(rs);
}
END_TEST

START_TEST(eval_interval_leaves_out_undefined_draws)
{
    /* a: its gold span found; b: nothing to find and nothing found. A
     * quarter of the draws are bb, which have neither precision nor
     * recall: they are left out, not counted as 0, so both intervals are
     * 1 to 1 (counted as 0, they would reach down to 0) */
    slant_rules *rs = threat_rules();
    slant_eval *e = eval_with(rs, "{\"doc\": \"a\", \"category\": \"threat\", \"start\": 2, \"end\": 8}\n"
                                  "{\"doc\": \"b\", \"category\": \"threat\", \"start\": 0, \"end\": 2, "
                                  "\"need\": \"optional\"}\n");
    add_doc(e, rs, "a", "A threat here.");
    add_doc(e, rs, "b", "Nothing here.");
    ck_assert_int_eq(slant_eval_compute(e, SLANT_EVAL_BY_CATEGORY), 0);
    const slant_eval_row *r = slant_eval_overall(e, 0);
    ck_assert_uint_eq(r->gold, 1);
    ck_assert_uint_eq(r->predicted, 1);
    ck_assert_double_eq_tol(r->recall_lo, 1.0, 1e-9);
    ck_assert_double_eq_tol(r->precision_lo, 1.0, 1e-9);
    ck_assert_double_eq_tol(r->f1_lo, 1.0, 1e-9);
    /* one document alone: the interval is the figure */
    slant_eval_free(e);
    e = eval_with(rs, "{\"doc\": \"a\", \"category\": \"threat\", \"start\": 2, \"end\": 8}\n");
    add_doc(e, rs, "a", "A threat here. Then another threat.");
    ck_assert_int_eq(slant_eval_compute(e, SLANT_EVAL_BY_CATEGORY), 0);
    r = slant_eval_overall(e, 0);
    ck_assert_double_eq_tol(r->precision_lo, 0.5, 1e-9);
    ck_assert_double_eq_tol(r->precision_hi, 0.5, 1e-9);
    slant_eval_free(e);
    slant_rules_free(rs);
}
END_TEST

Suite *eval_suite(void)
{
    Suite *s = suite_create("eval");
    TCase *tc = tcase_create("strict");
    tcase_add_test(tc, eval_strict_and_interval);
    tcase_add_test(tc, eval_interval_collapses_when_documents_agree);
    tcase_add_test(tc, eval_interval_leaves_out_undefined_draws);
    suite_add_tcase(s, tc);
    return s;
}
