/* test_compile.c - the compiler (compile.c): patterns to PCRE2 with exact
 * error locations, empty-match patterns, disabling rules and categories,
 * the rule-set queries and the built-in packs. */
#include "suites.h"

#include "model.h"
#include "rules.h"

#include <stdlib.h>
#include <string.h>

/* RULE_HEAD (suites.h) puts rule threat.t on line 3; line 9 is the first
 * line a case adds. In "    patterns: ['...']" the quote is at column 16. */
typedef struct {
    const char *what;
    const char *matchers;
    const char *diag;
} pattern_case;

static const pattern_case bad_patterns[] = {
    {"missing parenthesis, quoted", "    patterns: ['(abc']\n",
     "t.yaml:9:21: rule 'threat.t': pattern does not compile at offset 4: missing closing "
     "parenthesis"},
    {"unmatched parenthesis, plain block item", "    patterns:\n      - a)b\n",
     "t.yaml:10:10: rule 'threat.t': pattern does not compile at offset 1: unmatched closing "
     "parenthesis"},
    {"column counts code points", "    patterns: ['é(x']\n",
     "t.yaml:9:20: rule 'threat.t': pattern does not compile at offset 4: missing closing "
     "parenthesis"},
    {"second pattern of a list", "    patterns: [ok, 'a[b']\n",
     "t.yaml:9:24: rule 'threat.t': pattern does not compile at offset 3: missing terminating "
     "] for character class"},
    {"double-quoted: the scalar's column", "    patterns: [\"(abc\"]\n",
     "t.yaml:9:16: rule 'threat.t': pattern does not compile at offset 4: missing closing "
     "parenthesis"},
    {"quantifier out of order", "    patterns: ['x{2,1}']\n",
     "t.yaml:9:22: rule 'threat.t': pattern does not compile at offset 5: numbers out of order "
     "in {} quantifier"},
    {"in an unless guard", "    terms: [xylophone]\n    unless:\n      - pattern: '(('\n",
     "t.yaml:11:21: rule 'threat.t': pattern does not compile at offset 2: missing closing "
     "parenthesis"},
    {"in a near part", "    near:\n      all:\n        - terms: [if]\n        - patterns: ['a)']\n",
     "t.yaml:12:24: rule 'threat.t': pattern does not compile at offset 1: unmatched closing "
     "parenthesis"},
    {"empty match: star", "    patterns: ['a*']\n",
     "t.yaml:9:16: rule 'threat.t': pattern can match the empty string, which would flag every "
     "position"},
    {"empty match: word boundary", "    patterns: ['\\b']\n",
     "t.yaml:9:16: rule 'threat.t': pattern can match the empty string, which would flag every "
     "position"},
    {"empty match: optional word, plain", "    patterns:\n      - (?:threat)?\n",
     "t.yaml:10:9: rule 'threat.t': pattern can match the empty string, which would flag every "
     "position"},
    {"empty match in a guard", "    terms: [xylophone]\n    unless:\n      - pattern: 'y?'\n",
     "t.yaml:11:18: rule 'threat.t': pattern can match the empty string, which would flag every "
     "position"},
};

/* A matcher with nothing to prefilter on compiles, with a warning where it
 * is written; a guard without one does not warn (it runs only around
 * findings). */
START_TEST(full_pass_warning)
{
    char yaml[2048];
    snprintf(yaml, sizeof yaml, "%s%s%s", RULE_HEAD,
             "    patterns: ['\\b[a-z]{30,}\\b']\n    unless:\n      - pattern: '\\d'\n",
             RULE_EXAMPLES);
    slant_rules *rules = compile_yaml(yaml);
    ck_assert_ptr_nonnull(rules);
    ck_assert_msg(g_diags.n == 1, "%s", diag_log_dump(&g_diags));
    ck_assert_int_eq(g_diags.level[0], SLANT_LEVEL_WARNING);
    ck_assert_str_eq(g_diags.rule[0], "threat.t");
    ck_assert_msg(strncmp(g_diags.text[0],
                          "t.yaml:9:16: rule 'threat.t': pattern has no literal to prefilter on",
                          68) == 0,
                  "%s", g_diags.text[0]);
    slant_rules_free(rules);
    /* a literal: no warning */
    snprintf(yaml, sizeof yaml, "%s%s%s", RULE_HEAD, "    patterns: ['\\bxylophones?\\b']\n",
             RULE_EXAMPLES);
    rules = compile_yaml(yaml);
    ck_assert_ptr_nonnull(rules);
    ck_assert_msg(g_diags.n == 0, "%s", diag_log_dump(&g_diags));
    slant_rules_free(rules);
}
END_TEST

START_TEST(pattern_errors)
{
    const pattern_case *c = &bad_patterns[_i];
    char yaml[2048];
    snprintf(yaml, sizeof yaml, "%s%s%s", RULE_HEAD, c->matchers, RULE_EXAMPLES);
    ck_assert_ptr_null(compile_yaml(yaml));
    ck_assert_msg(g_diags.n == 1, "%s: %s", c->what, diag_log_dump(&g_diags));
    ck_assert_msg(strcmp(g_diags.text[0], c->diag) == 0, "%s:\n got  %s\n want %s", c->what,
                  g_diags.text[0], c->diag);
    ck_assert_str_eq(g_diags.rule[0], "threat.t");
    ck_assert_int_eq(g_diags.level[0], SLANT_LEVEL_ERROR);
}
END_TEST

START_TEST(every_bad_pattern_reported)
{
    ck_assert_ptr_null(compile_yaml(RULE_HEAD "    patterns: ['(a', 'b)', ok]\n" RULE_EXAMPLES
                                    RULE_MORE("threat.u", "threat", "info")
                                    "    patterns: ['c*']\n" RULE_EXAMPLES));
    ck_assert_msg(g_diags.n == 3, "%s", diag_log_dump(&g_diags));
    ck_assert_str_eq(g_diags.text[0], "t.yaml:9:19: rule 'threat.t': pattern does not compile "
                                      "at offset 2: missing closing parenthesis");
    ck_assert_str_eq(g_diags.text[1], "t.yaml:9:24: rule 'threat.t': pattern does not compile "
                                      "at offset 1: unmatched closing parenthesis");
    ck_assert_str_eq(g_diags.text[2], "t.yaml:19:16: rule 'threat.u': pattern can match the "
                                      "empty string, which would flag every position");
}
END_TEST

START_TEST(good_patterns_compile)
{
    slant_rules *rules = compile_yaml(RULE_HEAD
                                      "    terms: [serious consequences, 'so-called', 'retaliat*', "
                                      "'U.S.', 'won''t', '(quoted)', 'a+b', '[x]']\n"
                                      "    patterns: ['(a)(b)(c)', '(?-i)Capital', 'x\\Ky']\n"
                                      RULE_EXAMPLES);
    ck_assert_msg(rules != NULL, "%s", diag_log_dump(&g_diags));
    ck_assert_uint_eq(slant_rules_count(rules), 1);
    /* all terms are one program; each pattern is its own */
    ck_assert_uint_eq(rules->rules[0].direct.ncodes, 4);
    ck_assert_uint_eq(rules->max_captures, 4); /* (a)(b)(c) plus the whole match */
    slant_rules_free(rules);
}
END_TEST

/* ---- disable and only -------------------------------------------------------- */

#define THREE_RULES                                                                         \
    RULE_HEAD_ID("threat.a", "threat", "warning") "    terms: [alpha]\n" RULE_EXAMPLES      \
    RULE_MORE("threat.b", "threat", "error") "    terms: [beta]\n" RULE_EXAMPLES            \
    RULE_MORE("hedging.c", "hedging", "info") "    terms: [gamma]\n" RULE_EXAMPLES

static const struct {
    const char *what;
    const char *disable[3];
    const char *only[3];
    size_t count;
    const char *ids[3];
} selections[] = {
    {"everything", {NULL}, {NULL}, 3, {"threat.a", "threat.b", "hedging.c"}},
    {"disable a category", {"threat", NULL}, {NULL}, 1, {"hedging.c"}},
    {"disable a rule", {"threat.a", NULL}, {NULL}, 2, {"threat.b", "hedging.c"}},
    {"disable two", {"threat.b", "hedging", NULL}, {NULL}, 1, {"threat.a"}},
    {"disable a category without rules", {"urgency", NULL}, {NULL}, 3,
     {"threat.a", "threat.b", "hedging.c"}},
    {"only one category", {NULL}, {"hedging", NULL}, 1, {"hedging.c"}},
    {"only two categories", {NULL}, {"threat", "hedging", NULL}, 3,
     {"threat.a", "threat.b", "hedging.c"}},
    {"only and disable", {"threat.b", NULL}, {"threat", NULL}, 1, {"threat.a"}},
    {"only a category without rules", {NULL}, {"urgency", NULL}, 0, {NULL}},
};

START_TEST(select_rules)
{
    const char *names[] = {"t.yaml"};
    const char *yamls[] = {THREE_RULES};
    slant_rules *rules = compile_packs(1, names, yamls, selections[_i].disable,
                                       selections[_i].only);
    ck_assert_msg(rules != NULL, "%s: %s", selections[_i].what, diag_log_dump(&g_diags));
    ck_assert_uint_eq(slant_rules_count(rules), selections[_i].count);
    for (size_t i = 0; i < selections[_i].count; i++) {
        slant_rule_info info;
        ck_assert_int_eq(slant_rules_info(&info, rules, i), 0);
        ck_assert_str_eq(info.id, selections[_i].ids[i]);
        ck_assert_int_eq(slant_rules_find(rules, selections[_i].ids[i]), (long)i);
    }
    slant_rules_free(rules);
}
END_TEST

static const struct {
    const char *disable, *only;
    const char *diag;
} unknown_names[] = {
    {"threat.aa", NULL, "-:0:0: no rule or category is named 'threat.aa' (did you mean 'threat.a'?)"},
    {"hedgin", NULL, "-:0:0: no rule or category is named 'hedgin' (did you mean 'hedging'?)"},
    {"zzzzzzzzzz", NULL, "-:0:0: no rule or category is named 'zzzzzzzzzz'; 'slant rules' lists them"},
    {NULL, "threats", "-:0:0: no category is named 'threats' (did you mean 'threat'?)"},
    {NULL, "threat.a", "-:0:0: no category is named 'threat.a' (did you mean 'threat'?)"},
    {NULL, "qqqqqqqqqq", "-:0:0: no category is named 'qqqqqqqqqq'; 'slant rules' lists them"},
};

START_TEST(unknown_selection_names)
{
    const char *names[] = {"t.yaml"};
    const char *yamls[] = {THREE_RULES};
    const char *disable[] = {unknown_names[_i].disable, NULL};
    const char *only[] = {unknown_names[_i].only, NULL};
    ck_assert_ptr_null(compile_packs(1, names, yamls, disable, only));
    ck_assert_msg(g_diags.n == 1, "%s", diag_log_dump(&g_diags));
    ck_assert_str_eq(g_diags.text[0], unknown_names[_i].diag);
    ck_assert_int_eq(g_diags.level[0], SLANT_LEVEL_ERROR);
}
END_TEST

START_TEST(unknown_disable_fails_at_finish)
{
    diag_log log;
    diag_log_reset(&log);
    slant_compiler *c = NULL;
    ck_assert_int_eq(slant_compiler_new(&c), 0);
    slant_compiler_set_diag(c, diag_collect, &log);
    const char *yaml = THREE_RULES;
    ck_assert_int_eq(slant_compiler_add_string(c, "t.yaml", yaml, strlen(yaml)), 0);
    ck_assert_int_eq(slant_compiler_disable(c, "threat.zz"), 0); /* accepted now... */
    ck_assert_uint_eq(log.n, 0);
    ck_assert_int_eq(slant_compiler_disable(c, NULL), SLANT_EINVAL);
    ck_assert_int_eq(slant_compiler_only_category(c, NULL), SLANT_EINVAL);
    slant_rules *rules = NULL;
    ck_assert_int_eq(slant_compiler_finish(&rules, c), SLANT_ERULES); /* ...diagnosed here */
    ck_assert_ptr_null(rules);
    ck_assert_uint_eq(log.n, 1);
    slant_compiler_free(c);
}
END_TEST

/* ---- queries --------------------------------------------------------------------- */

static const char query_pack[] = "pack: q\n"
                                 "rules:\n"
                                 "  - id: threat.alpha\n"
                                 "    category: threat\n"
                                 "    severity: error\n"
                                 "    weight: 3.5\n"
                                 "    message: Alpha message\n"
                                 "    explain: Alpha explain.\n"
                                 "    advice: Alpha advice.\n"
                                 "    terms: [alpha]\n"
                                 "    examples:\n"
                                 "      match: [m1, m2]\n"
                                 "      no-match: [n1]\n"
                                 "  - id: hedging.beta\n"
                                 "    category: hedging\n"
                                 "    severity: info\n"
                                 "    message: Beta message\n"
                                 "    explain: Beta explain.\n"
                                 "    advice: Beta advice.\n"
                                 "    patterns: [beta]\n"
                                 "    examples: {match: [b1], no-match: [c1, c2, c3]}\n";

static slant_rules *query_rules(void)
{
    const char *names[] = {"q.yaml"};
    const char *yamls[] = {query_pack};
    slant_rules *rules = compile_packs(1, names, yamls, NULL, NULL);
    ck_assert_msg(rules != NULL, "%s", diag_log_dump(&g_diags));
    return rules;
}

START_TEST(rules_info)
{
    slant_rules *rules = query_rules();
    ck_assert_uint_eq(slant_rules_count(rules), 2);
    slant_rule_info info;
    ck_assert_int_eq(slant_rules_info(&info, rules, 0), 0);
    ck_assert_str_eq(info.id, "threat.alpha");
    ck_assert_str_eq(info.category, "threat");
    ck_assert_int_eq(info.severity, SLANT_SEVERITY_ERROR);
    ck_assert_double_eq(info.weight, 3.5);
    ck_assert_str_eq(info.message, "Alpha message");
    ck_assert_str_eq(info.explain, "Alpha explain.");
    ck_assert_str_eq(info.advice, "Alpha advice.");
    ck_assert_str_eq(info.pack, "q");
    ck_assert_str_eq(info.file, "q.yaml");
    ck_assert_uint_eq(info.line, 3);
    ck_assert_uint_eq(info.match_examples, 2);
    ck_assert_uint_eq(info.nomatch_examples, 1);
    ck_assert_int_eq(slant_rules_info(&info, rules, 1), 0);
    ck_assert_str_eq(info.id, "hedging.beta");
    ck_assert_int_eq(info.severity, SLANT_SEVERITY_INFO);
    ck_assert_double_eq(info.weight, 1); /* the info default */
    ck_assert_uint_eq(info.line, 14);
    ck_assert_uint_eq(info.match_examples, 1);
    ck_assert_uint_eq(info.nomatch_examples, 3);
    ck_assert_int_eq(slant_rules_info(&info, rules, 2), SLANT_EINVAL);
    ck_assert_int_eq(slant_rules_info(&info, NULL, 0), SLANT_EINVAL);
    ck_assert_uint_eq(slant_rules_count(NULL), 0);
    slant_rules_free(rules);
}
END_TEST

START_TEST(rules_find_and_examples)
{
    slant_rules *rules = query_rules();
    ck_assert_int_eq(slant_rules_find(rules, "threat.alpha"), 0);
    ck_assert_int_eq(slant_rules_find(rules, "hedging.beta"), 1);
    ck_assert_int_eq(slant_rules_find(rules, "hedging"), -1);
    ck_assert_int_eq(slant_rules_find(rules, "threat.alph"), -1);
    ck_assert_int_eq(slant_rules_find(rules, NULL), -1);
    ck_assert_int_eq(slant_rules_find(NULL, "threat.alpha"), -1);
    ck_assert_str_eq(slant_rules_example(rules, 0, 1, 0), "m1");
    ck_assert_str_eq(slant_rules_example(rules, 0, 1, 1), "m2");
    ck_assert_ptr_null(slant_rules_example(rules, 0, 1, 2));
    ck_assert_str_eq(slant_rules_example(rules, 0, 0, 0), "n1");
    ck_assert_ptr_null(slant_rules_example(rules, 0, 0, 1));
    ck_assert_str_eq(slant_rules_example(rules, 1, 1, 0), "b1");
    ck_assert_str_eq(slant_rules_example(rules, 1, 0, 2), "c3");
    ck_assert_ptr_null(slant_rules_example(rules, 2, 1, 0));
    ck_assert_ptr_null(slant_rules_example(NULL, 0, 1, 0));
    slant_rules_free(rules);
}
END_TEST

START_TEST(rules_suggest)
{
    slant_rules *rules = query_rules();
    ck_assert_str_eq(slant_rules_suggest(rules, "threat.alpah"), "threat.alpha");
    ck_assert_str_eq(slant_rules_suggest(rules, "hedging.bta"), "hedging.beta");
    ck_assert_str_eq(slant_rules_suggest(rules, "hedgin"), "hedging");
    ck_assert_str_eq(slant_rules_suggest(rules, "thret"), "threat");
    ck_assert_str_eq(slant_rules_suggest(rules, "urgncy"), "urgency"); /* any category */
    ck_assert_ptr_null(slant_rules_suggest(rules, "zzzzzzzzzzzz"));
    ck_assert_ptr_null(slant_rules_suggest(rules, NULL));
    ck_assert_ptr_null(slant_rules_suggest(NULL, "threat"));
    slant_rules_free(rules);
}
END_TEST

START_TEST(finish_empty_and_free_null)
{
    slant_compiler *c = NULL;
    ck_assert_int_eq(slant_compiler_new(&c), 0);
    slant_rules *rules = NULL;
    ck_assert_int_eq(slant_compiler_finish(&rules, c), 0);
    ck_assert_ptr_nonnull(rules);
    ck_assert_uint_eq(slant_rules_count(rules), 0);
    slant_rules_free(rules);
    slant_compiler_free(c);
    slant_compiler_free(NULL);
    slant_rules_free(NULL);
}
END_TEST

START_TEST(builtin_packs)
{
    diag_log log;
    diag_log_reset(&log);
    slant_compiler *c = NULL;
    ck_assert_int_eq(slant_compiler_new(&c), 0);
    slant_compiler_set_diag(c, diag_collect, &log);
    int rc = slant_compiler_add_builtin(c);
    slant_rules *rules = NULL;
    int frc = slant_compiler_finish(&rules, c);
    slant_compiler_free(c);
    ck_assert_msg(rc == 0 && frc == 0, "builtin packs: rc %d, finish %d\n%s", rc, frc,
                  diag_log_dump(&log));
    ck_assert_uint_eq(log.n, 0);
    /* one rule for each column of the shipped model, in its order (the
     * trainer leaves out a category it is not right often enough in) */
    size_t mlen, models = 0;
    char *mtext = source_file("rules/sentences.model", &mlen);
    model *m = NULL;
    char err[256];
    unsigned line = 0;
    ck_assert_msg(model_parse(&m, &line, mtext, mlen, err, sizeof err) == 0,
                  "rules/sentences.model:%u: %s", line, err);
    ck_assert_uint_ge(model_categories(m), 1);
    for (size_t i = 0; i < slant_rules_count(rules); i++) {
        slant_rule_info info;
        ck_assert_int_eq(slant_rules_info(&info, rules, i), 0);
        ck_assert_int_ge(slant_category_find(info.category), 0);
        size_t n = strlen(info.category);
        ck_assert_msg(strncmp(info.id, info.category, n) == 0 && info.id[n] == '.', "%s",
                      info.id);
        ck_assert_msg(strncmp(info.file, "rules/", 6) == 0, "%s", info.file);
        /* the sentence model's rules have no examples: test_model.c and
         * the corpus evaluation hold the model to account */
        const char *dot = strchr(info.id, '.');
        if (strcmp(dot, ".sentence-model") == 0) {
            ck_assert_uint_lt(models, model_categories(m));
            ck_assert_str_eq(info.category,
                             slant_category_id((size_t)model_category(m, models)));
            models++;
            ck_assert_str_eq(info.file, "rules/sentences.model");
            continue;
        }
        ck_assert_uint_ge(info.match_examples, 1);
        ck_assert_uint_ge(info.nomatch_examples, 1);
        ck_assert_int_eq(slant_rules_find(rules, info.id), (long)i);
    }
    ck_assert_uint_eq(models, model_categories(m));
    model_free(m);
    free(mtext);
    slant_rules_free(rules);
}
END_TEST

/* ---- regressions: bugs these tests found, kept fixed  */

/* In a single-quoted scalar '' stands for one quote, so the text of the
 * pattern is one character shorter than the file for each '' before the
 * error; the column must still point at the character PCRE2 complains
 * about. Here the ')' of 'it''s a)b' is at column 24 of the line. */
START_TEST(regress_pattern_column_after_doubled_quote)
{
    ck_assert_ptr_null(compile_yaml(RULE_HEAD "    patterns: ['it''s a)b']\n" RULE_EXAMPLES));
    ck_assert_uint_eq(g_diags.n, 1);
    ck_assert_str_eq(g_diags.text[0], "t.yaml:9:24: rule 'threat.t': pattern does not compile "
                                      "at offset 6: unmatched closing parenthesis");
}
END_TEST

/* A pattern that can only match the empty string must be rejected like
 * 'a*' and '\b' are (rules/README.md: "A pattern that can match the empty
 * string is rejected"). '(?=war)' is accepted because the check reads
 * PCRE2_INFO_MINLENGTH (2 here: the lookahead counts) rather than
 * PCRE2_INFO_MATCHEMPTY, and the rule then silently never reports: the
 * scanner skips empty matches. */
START_TEST(regress_lookahead_only_pattern_accepted)
{
    slant_rules *rules = compile_yaml(RULE_HEAD "    patterns: ['(?=war)']\n" RULE_EXAMPLES);
    if (rules) {
        slant_doc *doc;
        slant_report *rep = scan_text(rules, "war and war", &doc, 0);
        size_t n = slant_report_count(rep);
        slant_report_free(rep);
        slant_doc_free(doc);
        slant_rules_free(rules);
        ck_abort_msg("'(?=war)' was accepted; scanning \"war and war\" gives %zu findings", n);
    }
    ck_assert_uint_eq(g_diags.n, 1);
    ck_assert_str_eq(g_diags.text[0], "t.yaml:9:16: rule 'threat.t': pattern can match the empty "
                                      "string, which would flag every position");
}
END_TEST

/* Patterns are folded before PCRE2 sees them (“ becomes "), so the error
 * offset is into the folded text; the column must still point at the ')'
 * of '“a)b', which is at column 19 of the line (quote 16, “ 17, a 18). */
START_TEST(regress_pattern_column_after_typographic_char)
{
    ck_assert_ptr_null(compile_yaml(RULE_HEAD "    patterns: ['“a)b']\n" RULE_EXAMPLES));
    ck_assert_uint_eq(g_diags.n, 1);
    ck_assert_msg(strstr(g_diags.text[0], "unmatched closing parenthesis") != NULL, "%s",
                  g_diags.text[0]);
    ck_assert_msg(g_diags.line[0] == 9 && g_diags.column[0] == 19, "%s", g_diags.text[0]);
}
END_TEST

START_TEST(typographic_terms_and_patterns_fold)
{
    /* rules written with typographic marks still match: they are folded too */
    slant_rules *rules = compile_yaml(RULE_HEAD "    terms: ['won’t back down']\n"
                                                "    patterns: ['“peace\\s+plan”']\n" RULE_EXAMPLES);
    ck_assert_msg(rules != NULL, "%s", diag_log_dump(&g_diags));
    slant_doc *doc;
    slant_report *rep = scan_text(rules, "We won't back down on the \"peace plan\".", &doc, 0);
    ck_assert_uint_eq(slant_report_count(rep), 2);
    ck_assert_str_eq(slant_report_finding(rep, 0)->text, "won't back down");
    ck_assert_str_eq(slant_report_finding(rep, 1)->text, "\"peace plan\"");
    slant_report_free(rep);
    slant_doc_free(doc);
    slant_rules_free(rules);
}
END_TEST

#define N(a) ((int)(sizeof(a) / sizeof(a)[0]))

Suite *compile_suite(void)
{
    Suite *s = suite_create("compile");
    TCase *tc = tcase_create("patterns");
    tcase_add_loop_test(tc, pattern_errors, 0, N(bad_patterns));
    tcase_add_test(tc, full_pass_warning);
    tcase_add_test(tc, every_bad_pattern_reported);
    tcase_add_test(tc, good_patterns_compile);
    tcase_add_test(tc, typographic_terms_and_patterns_fold);
    suite_add_tcase(s, tc);

    tc = tcase_create("select");
    tcase_add_loop_test(tc, select_rules, 0, N(selections));
    tcase_add_loop_test(tc, unknown_selection_names, 0, N(unknown_names));
    tcase_add_test(tc, unknown_disable_fails_at_finish);
    suite_add_tcase(s, tc);

    tc = tcase_create("queries");
    tcase_add_test(tc, rules_info);
    tcase_add_test(tc, rules_find_and_examples);
    tcase_add_test(tc, rules_suggest);
    tcase_add_test(tc, finish_empty_and_free_null);
    tcase_add_test(tc, builtin_packs);
    suite_add_tcase(s, tc);

    tc = tcase_create("regressions-compile");
    tcase_add_test(tc, regress_pattern_column_after_doubled_quote);
    tcase_add_test(tc, regress_lookahead_only_pattern_accepted);
    tcase_add_test(tc, regress_pattern_column_after_typographic_char);
    suite_add_tcase(s, tc);
    return s;
}
