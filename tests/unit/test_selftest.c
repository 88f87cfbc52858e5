/* test_selftest.c - slant_rules_test (selftest.c): every rule's examples
 * are scanned with only that rule active; failures are counted and
 * reported with the rule, the example and where it stands. */
#include "suites.h"

#include <string.h>

typedef struct {
    size_t failures, total;
    diag_log log;
    int rc;
} test_run;

static void run_tests(test_run *t, const char *yaml)
{
    slant_rules *rules = compile_yaml(yaml);
    ck_assert_msg(rules != NULL, "%s", diag_log_dump(&g_diags));
    diag_log_reset(&t->log);
    t->failures = t->total = 999;
    t->rc = slant_rules_test(&t->failures, &t->total, rules, diag_collect, &t->log);
    slant_rules_free(rules);
}

/* Line 9 of RULE_HEAD is the first line a test adds; examples follow. */
START_TEST(wrong_examples_fail)
{
    test_run t;
    run_tests(&t, RULE_HEAD "    terms: [serious consequences]\n"            /* 9 */
                            "    examples:\n"                                 /* 10 */
                            "      match: [\"Nothing here.\", \"Serious consequences.\"]\n"
                            "      no-match: [\"There will be serious consequences.\", Fine.]\n");
    ck_assert_int_eq(t.rc, 0);
    ck_assert_uint_eq(t.failures, 2);
    ck_assert_uint_eq(t.total, 4);
    ck_assert_msg(t.log.n == 2, "%s", diag_log_dump(&t.log));
    ck_assert_str_eq(t.log.text[0],
                     "t.yaml:11:15: rule 'threat.t': match example found nothing: \"Nothing here.\"");
    ck_assert_str_eq(t.log.text[1],
                     "t.yaml:12:18: rule 'threat.t': no-match example matched \"serious "
                     "consequences\" at column 15 (author voice): \"There will be serious "
                     "consequences.\"");
    ck_assert_str_eq(t.log.rule[0], "threat.t");
    ck_assert_str_eq(t.log.rule[1], "threat.t");
    ck_assert_int_eq(t.log.level[0], SLANT_LEVEL_ERROR);
}
END_TEST

START_TEST(good_examples_pass)
{
    test_run t;
    run_tests(&t, RULE_HEAD "    terms: [serious consequences]\n"
                            "    unless:\n      - terms: [prices]\n"
                            "    examples:\n"
                            "      match: [\"Serious consequences.\", \"A serious\\nconsequences!\"]\n"
                            "      no-match: [\"Prices have serious consequences.\", \"Seriously.\", "
                            "\"consequences\"]\n");
    ck_assert_int_eq(t.rc, 0);
    ck_assert_uint_eq(t.failures, 0);
    ck_assert_uint_eq(t.total, 5);
    ck_assert_uint_eq(t.log.n, 0);
}
END_TEST

START_TEST(quoted_match_names_voice)
{
    test_run t;
    run_tests(&t, RULE_HEAD "    terms: [serious consequences]\n"
                            "    examples:\n"
                            "      match: [\"serious consequences\"]\n"
                            "      no-match: [\"He said “serious consequences”.\"]\n");
    ck_assert_uint_eq(t.failures, 1);
    ck_assert_uint_eq(t.total, 2);
    ck_assert_uint_eq(t.log.n, 1);
    ck_assert_str_eq(t.log.text[0],
                     "t.yaml:12:18: rule 'threat.t': no-match example matched \"serious "
                     "consequences\" at column 10 (quote voice): \"He said “serious "
                     "consequences”.\"");
}
END_TEST

START_TEST(author_voice_examples)
{
    /* examples are scanned like documents: quotations count */
    test_run t;
    run_tests(&t, RULE_HEAD "    terms: [serious consequences]\n"
                            "    voice: author\n"
                            "    examples:\n"
                            "      match: [\"There will be serious consequences.\"]\n"
                            "      no-match: [\"He said “serious consequences”.\"]\n");
    ck_assert_uint_eq(t.failures, 0);
    ck_assert_uint_eq(t.total, 2);
}
END_TEST

START_TEST(only_the_rule_itself_runs)
{
    /* threat.t's no-match example is a match of threat.u, and the reverse */
    test_run t;
    run_tests(&t, RULE_HEAD "    terms: [alpha]\n"
                            "    examples: {match: [alpha], no-match: [beta]}\n"
                            RULE_MORE("threat.u", "threat", "info")
                            "    terms: [beta]\n"
                            "    examples: {match: [beta], no-match: [alpha, gamma]}\n");
    ck_assert_uint_eq(t.failures, 0);
    ck_assert_uint_eq(t.total, 5);
    ck_assert_uint_eq(t.log.n, 0);
}
END_TEST

START_TEST(failures_across_rules)
{
    test_run t;
    run_tests(&t, RULE_HEAD "    terms: [alpha]\n"
                            "    examples: {match: [beta], no-match: [gamma]}\n"
                            RULE_MORE("threat.u", "threat", "info")
                            "    terms: [beta]\n"
                            "    examples: {match: [beta], no-match: [beta two, alpha]}\n");
    ck_assert_uint_eq(t.failures, 2);
    ck_assert_uint_eq(t.total, 5);
    ck_assert_uint_eq(t.log.n, 2);
    ck_assert_str_eq(t.log.text[0],
                     "t.yaml:10:24: rule 'threat.t': match example found nothing: \"beta\"");
    ck_assert_str_eq(t.log.text[1],
                     "t.yaml:18:42: rule 'threat.u': no-match example matched \"beta\" at column "
                     "1 (author voice): \"beta two\"");
    ck_assert_str_eq(t.log.rule[1], "threat.u");
}
END_TEST

START_TEST(long_and_multiline_examples_shortened)
{
    test_run t;
    run_tests(&t, RULE_HEAD "    terms: [serious consequences]\n"
                            "    examples:\n"
                            "      match:\n"
                            "        - Nothing here at all, and this example keeps going on and on "
                            "for quite a long while.\n"
                            "        - \"First line\\nsecond line\"\n"
                            "      no-match: [fine]\n");
    ck_assert_uint_eq(t.failures, 2);
    ck_assert_uint_eq(t.log.n, 2);
    ck_assert_str_eq(t.log.text[0],
                     "t.yaml:12:11: rule 'threat.t': match example found nothing: \"Nothing here "
                     "at all, and this example keeps going on and on for qui...\"");
    ck_assert_str_eq(t.log.text[1],
                     "t.yaml:13:11: rule 'threat.t': match example found nothing: \"First line\"");
}
END_TEST

START_TEST(limit_on_example)
{
    test_run t;
    run_tests(&t, RULE_HEAD "    patterns: ['(a+)+$']\n"
                            "    examples:\n"
                            "      match: [aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!]\n"
                            "      no-match: [b]\n");
    ck_assert_uint_eq(t.failures, 1);
    ck_assert_uint_eq(t.total, 2);
    ck_assert_uint_eq(t.log.n, 1);
    ck_assert_str_eq(t.log.text[0], "t.yaml:11:15: rule 'threat.t': matching limit hit on "
                                    "example \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\"");
}
END_TEST

START_TEST(document_rule_examples)
{
    /* a document rule's examples need the findings of the rules it counts */
    test_run t;
    run_tests(&t, RULE_HEAD_ID("labeling.regime", "labeling", "warning")
              "    terms: [regime]\n"
              "    examples: {match: [The regime.], no-match: [A government.]}\n"
              RULE_MORE("labeling.repeated", "labeling", "warning")
              "    document: {repeated: 3, of: [labeling.regime]}\n"
              "    examples:\n"
              "      match: [\"The regime. The regime! The Regime?\"]\n"
              "      no-match: [\"The regime. The regime.\"]\n");
    ck_assert_msg(t.failures == 0, "%s", diag_log_dump(&t.log));
    ck_assert_uint_eq(t.total, 4);

    run_tests(&t, RULE_HEAD_ID("labeling.regime", "labeling", "warning")
              "    terms: [regime]\n"
              "    examples: {match: [The regime.], no-match: [A government.]}\n"
              RULE_MORE("labeling.repeated", "labeling", "warning")
              "    document: {repeated: 3, of: [labeling.regime]}\n"
              "    examples:\n"
              "      match: [\"The regime. The regime.\"]\n"
              "      no-match: [\"The regime. The regime! The Regime?\"]\n");
    ck_assert_uint_eq(t.failures, 2);
    ck_assert_uint_eq(t.log.n, 2);
    ck_assert_str_eq(t.log.text[0], "t.yaml:19:15: rule 'labeling.repeated': match example found "
                                    "nothing: \"The regime. The regime.\"");
    ck_assert_str_eq(t.log.text[1], "t.yaml:20:18: rule 'labeling.repeated': no-match example "
                                    "matched \"regime\" at column 5 (author voice): \"The regime. "
                                    "The regime! The Regime?\"");
}
END_TEST

START_TEST(optional_outputs)
{
    slant_rules *rules = compile_yaml(RULE_HEAD "    terms: [alpha]\n"
                                      "    examples: {match: [beta], no-match: [gamma]}\n");
    ck_assert_ptr_nonnull(rules);
    ck_assert_int_eq(slant_rules_test(NULL, NULL, rules, NULL, NULL), 0);
    size_t failures = 0;
    ck_assert_int_eq(slant_rules_test(&failures, NULL, rules, NULL, NULL), 0);
    ck_assert_uint_eq(failures, 1);
    size_t total = 0;
    ck_assert_int_eq(slant_rules_test(NULL, &total, rules, NULL, NULL), 0);
    ck_assert_uint_eq(total, 2);
    slant_rules_free(rules);
}
END_TEST

Suite *selftest_suite(void)
{
    Suite *s = suite_create("selftest");
    TCase *tc = tcase_create("examples");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, wrong_examples_fail);
    tcase_add_test(tc, good_examples_pass);
    tcase_add_test(tc, quoted_match_names_voice);
    tcase_add_test(tc, author_voice_examples);
    tcase_add_test(tc, only_the_rule_itself_runs);
    tcase_add_test(tc, failures_across_rules);
    tcase_add_test(tc, long_and_multiline_examples_shortened);
    tcase_add_test(tc, limit_on_example);
    tcase_add_test(tc, document_rule_examples);
    tcase_add_test(tc, optional_outputs);
    suite_add_tcase(s, tc);
    return s;
}
