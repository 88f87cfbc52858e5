/* test_score.c - the document score (score.c), checked against numbers
 * computed by hand from the formula:
 *   finding s = w * (0.5 when quoted, else 1); rule R = min(sum s, 3 w);
 *   T = sum R; D = 1000 T / max(words, 100); I = round(100 (1 - exp(-D/25))) */
#include "suites.h"

#include <stdlib.h>
#include <string.h>

/* threat.menace: warning, w 2; hedging.perhaps: info, w 1; threat.doom:
 * error, w 4 */
#define SCORE_PACK                                                                          \
    RULE_HEAD_ID("threat.menace", "threat", "warning") "    terms: [menace]\n" RULE_EXAMPLES \
    RULE_MORE("hedging.perhaps", "hedging", "info") "    terms: [perhaps]\n" RULE_EXAMPLES  \
    RULE_MORE("threat.doom", "threat", "error") "    terms: [doom]\n" RULE_EXAMPLES

typedef struct {
    const char *category;
    size_t findings;
    double score;
} cat_want;

typedef struct {
    const char *what;
    const char *text;
    size_t nfindings;
    double total, density;
    int index;
    size_t ncats;
    cat_want cats[3];
} score_case;

static const score_case score_cases[] = {
    /* 1 + 2 = 3; 3 words count as 100; D = 30; 100 (1 - e^-1.2) = 69.88 */
    {"a quoted finding weighs half", "“menace” and menace.", 2, 3, 30, 70, 1,
     {{"threat", 2, 3}}},
    /* 5 * 2 = 10, capped at 3 * 2 = 6; D = 60; 100 (1 - e^-2.4) = 90.93 */
    {"per-rule cap of 3x weight", "menace menace menace menace menace", 5, 6, 60, 91, 1,
     {{"threat", 5, 6}}},
    /* 7 * 1 = 7 (quoted), capped at 6 */
    {"cap applies to quoted findings", "“menace menace menace menace menace menace menace”", 7,
     6, 60, 91, 1, {{"threat", 7, 6}}},
    /* hedging 1 + 1 = 2; threat 2 + 4 = 6; T = 8; D = 80; 100 (1 - e^-3.2) = 95.92 */
    {"categories in taxonomy order, summing to the total", "menace perhaps doom perhaps", 4, 8,
     80, 96, 2, {{"hedging", 2, 2}, {"threat", 2, 6}}},
    /* each rule capped on its own: menace 6 (of 8), doom 12 (of 16), perhaps 1;
     * T = 19; D = 190; 100 (1 - e^-7.6) = 99.95 */
    {"caps per rule, not per category",
     "menace menace menace menace doom doom doom doom perhaps", 9, 19, 190, 100, 2,
     {{"hedging", 1, 1}, {"threat", 8, 18}}},
    {"no findings", "Nothing to see here.", 0, 0, 0, 0, 0, {{NULL, 0, 0}}},
};

START_TEST(score_table)
{
    const score_case *c = &score_cases[_i];
    slant_rules *rules = compile_yaml(SCORE_PACK);
    ck_assert_msg(rules != NULL, "%s", diag_log_dump(&g_diags));
    slant_doc *doc;
    slant_report *rep = scan_text(rules, c->text, &doc, 0);
    ck_assert_msg(slant_report_count(rep) == c->nfindings, "%s: %zu findings", c->what,
                  slant_report_count(rep));
    const slant_score *sc = slant_report_score(rep);
    ck_assert_ptr_nonnull(sc);
    ck_assert_msg(sc->total == c->total, "%s: total %g, want %g", c->what, sc->total, c->total);
    ck_assert_double_eq_tol(sc->density, c->density, 1e-9);
    ck_assert_msg(sc->index == c->index, "%s: index %d, want %d", c->what, sc->index, c->index);
    ck_assert_uint_eq(sc->ncategories, c->ncats);
    double sum = 0;
    for (size_t i = 0; i < c->ncats; i++) {
        ck_assert_str_eq(sc->categories[i].category, c->cats[i].category);
        ck_assert_uint_eq(sc->categories[i].findings, c->cats[i].findings);
        ck_assert_double_eq_tol(sc->categories[i].score, c->cats[i].score, 1e-9);
        sum += sc->categories[i].score;
    }
    ck_assert_double_eq_tol(sum, sc->total, 1e-9);
    slant_report_free(rep);
    slant_doc_free(doc);
    slant_rules_free(rules);
}
END_TEST

START_TEST(finding_scores_before_cap)
{
    slant_rules *rules = compile_yaml(SCORE_PACK);
    ck_assert_ptr_nonnull(rules);
    slant_doc *doc;
    slant_report *rep =
        scan_text(rules, "doom “doom” menace menace menace menace “perhaps”", &doc, 0);
    ck_assert_uint_eq(slant_report_count(rep), 7);
    static const double want[] = {4, 2, 2, 2, 2, 2, 0.5};
    static const slant_voice voice[] = {SLANT_VOICE_AUTHOR, SLANT_VOICE_QUOTE,
                                        SLANT_VOICE_AUTHOR, SLANT_VOICE_AUTHOR,
                                        SLANT_VOICE_AUTHOR, SLANT_VOICE_AUTHOR,
                                        SLANT_VOICE_QUOTE};
    for (size_t i = 0; i < 7; i++) {
        const slant_finding *f = slant_report_finding(rep, i);
        ck_assert_int_eq(f->voice, voice[i]);
        ck_assert_msg(f->score == want[i], "finding %zu (%s): score %g, want %g", i, f->rule,
                      f->score, want[i]);
    }
    /* doom 4 + 2 = 6 (cap 12); menace 8 -> 6; perhaps 0.5: T = 12.5 */
    const slant_score *sc = slant_report_score(rep);
    ck_assert_double_eq_tol(sc->total, 12.5, 1e-9);
    ck_assert_double_eq_tol(sc->density, 125, 1e-9);
    ck_assert_int_eq(sc->index, 99); /* 100 (1 - e^-5) = 99.33 */
    slant_report_free(rep);
    slant_doc_free(doc);
    slant_rules_free(rules);
}
END_TEST

START_TEST(density_uses_word_count)
{
    slant_rules *rules = compile_yaml(SCORE_PACK);
    ck_assert_ptr_nonnull(rules);
    /* 200 words, one menace: D = 1000 * 2 / 200 = 10; 100 (1 - e^-0.4) = 32.97 */
    size_t len = strlen("menace") + 199 * strlen(" word") + 1;
    char *text = malloc(len);
    ck_assert_ptr_nonnull(text);
    strcpy(text, "menace");
    for (int i = 0; i < 199; i++)
        strcat(text, " word");
    slant_doc *doc;
    slant_report *rep = scan_text(rules, text, &doc, 0);
    ck_assert_uint_eq(slant_doc_words(doc), 200);
    const slant_score *sc = slant_report_score(rep);
    ck_assert_double_eq_tol(sc->total, 2, 1e-9);
    ck_assert_double_eq_tol(sc->density, 10, 1e-9);
    ck_assert_int_eq(sc->index, 33);
    slant_report_free(rep);
    slant_doc_free(doc);

    /* 150 words, two doom: T = 8; D = 8000 / 150 = 53.33; 100 (1 - e^-2.1333) = 88.16 */
    strcpy(text, "doom doom");
    for (int i = 0; i < 148; i++)
        strcat(text, " word");
    rep = scan_text(rules, text, &doc, 0);
    ck_assert_uint_eq(slant_doc_words(doc), 150);
    sc = slant_report_score(rep);
    ck_assert_double_eq_tol(sc->total, 8, 1e-9);
    ck_assert_double_eq_tol(sc->density, 8000.0 / 150.0, 1e-9);
    ck_assert_int_eq(sc->index, 88);
    slant_report_free(rep);
    slant_doc_free(doc);
    free(text);
    slant_rules_free(rules);
}
END_TEST

/* The README's reference points: D = 5 gives 18, D = 25 gives 63, D = 75
 * gives 95 (one finding of weight w in a short text has D = 10 w). */
static const struct {
    const char *weight;
    double density;
    int index;
} index_points[] = {
    {"0.5", 5, 18},   /* 100 (1 - e^-0.2) = 18.13 */
    {"2.5", 25, 63},  /* 100 (1 - e^-1)   = 63.21 */
    {"7.5", 75, 95},  /* 100 (1 - e^-3)   = 95.02 */
    {"0.1", 1, 4},    /* 100 (1 - e^-0.04) = 3.92 */
    {"100", 1000, 100},
};

START_TEST(index_reference_points)
{
    char yaml[1024];
    snprintf(yaml, sizeof yaml, "%s    weight: %s\n    terms: [menace]\n%s", RULE_HEAD,
             index_points[_i].weight, RULE_EXAMPLES);
    slant_rules *rules = compile_yaml(yaml);
    ck_assert_msg(rules != NULL, "%s", diag_log_dump(&g_diags));
    slant_doc *doc;
    slant_report *rep = scan_text(rules, "A menace.", &doc, 0);
    ck_assert_uint_eq(slant_report_count(rep), 1);
    const slant_score *sc = slant_report_score(rep);
    ck_assert_double_eq_tol(sc->density, index_points[_i].density, 1e-9);
    ck_assert_int_eq(sc->index, index_points[_i].index);
    slant_report_free(rep);
    slant_doc_free(doc);
    slant_rules_free(rules);
}
END_TEST

#define N(a) ((int)(sizeof(a) / sizeof(a)[0]))

Suite *score_suite(void)
{
    Suite *s = suite_create("score");
    TCase *tc = tcase_create("formula");
    tcase_add_loop_test(tc, score_table, 0, N(score_cases));
    tcase_add_test(tc, finding_scores_before_cap);
    tcase_add_test(tc, density_uses_word_count);
    tcase_add_loop_test(tc, index_reference_points, 0, N(index_points));
    suite_add_tcase(s, tc);
    return s;
}
