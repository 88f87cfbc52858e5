/* test_model.c - the sentence model: its arithmetic by hand, agreement with
 * the trainer's probabilities, file errors, and its rules in a scan. */
#include "suites.h"

#include "model.h"
#include "report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* One column (threat, intercept 0.5); "burn" idf 2 weight 2, "burn it"
 * idf 3 weight -1, "down" idf 1 and no weight. */
static const char hand[] = "slant-sentence-model 1\n"
                           "# a comment\n"
                           "threshold 0.65\n"
                           "category threat 0.5\n"
                           "burn\t2\t0:2\n"
                           "burn it\t3\t0:-1\n"
                           "down\t1\t\n";

static model *parse_ok(const char *text)
{
    model *m = NULL;
    char err[256] = "";
    unsigned line;
    ck_assert_msg(model_parse(&m, &line, text, strlen(text), err, sizeof err) == 0, "%u: %s",
                  line, err);
    ck_assert_ptr_nonnull(m);
    return m;
}

START_TEST(model_by_hand)
{
    model *m = parse_ok(hand);
    model_scratch sx = {0};
    ck_assert_uint_eq(model_categories(m), 1);
    ck_assert_int_eq(model_category(m, 0), slant_category_find("threat"));
    ck_assert(fabs(model_threshold(m) - 0.65) < 1e-12);
    ck_assert(fabs(model_category_threshold(m, 0) - 0.65) < 1e-12); /* the file's */
    ck_assert(model_category_threshold(m, 1) == 1.0);                 /* no such column */
    double p;
    /* burn x2, burn it x2, down x1: (1 + ln 2) * idf each, unit length;
     * one-letter words ("a") are no words; case does not matter */
    const char *s = "They will BURN it down, a burn it!";
    ck_assert_int_eq(model_score(m, &sx, s, strlen(s), &p), 0);
    ck_assert_msg(fabs(p - 0.684321) < 1e-6, "got %.6f", p);
    /* nothing it knows: the intercept alone */
    ck_assert_int_eq(model_score(m, &sx, "Nothing here.", 13, &p), 0);
    ck_assert_msg(fabs(p - 0.622459) < 1e-6, "got %.6f", p);
    ck_assert_int_eq(model_score(m, &sx, "", 0, &p), 0);
    ck_assert_msg(fabs(p - 0.622459) < 1e-6, "got %.6f", p);
    /* a character beyond ASCII separates words, as punctuation does */
    const char *u = "burn\xc3\xa9it";
    double q;
    const char *v = "burn, it";
    ck_assert_int_eq(model_score(m, &sx, u, strlen(u), &p), 0);
    ck_assert_int_eq(model_score(m, &sx, v, strlen(v), &q), 0);
    ck_assert(fabs(p - q) < 1e-12);
    /* the scratch grows for a long sentence and still scores a short one */
    char *longer = malloc(40001);
    ck_assert_ptr_nonnull(longer);
    for (int i = 0; i < 10000; i++)
        memcpy(longer + 4 * i, "ab ", 4);
    longer[40000] = '\0';
    ck_assert_int_eq(model_score(m, &sx, longer, strlen(longer), &p), 0);
    ck_assert_msg(fabs(p - 0.622459) < 1e-6, "got %.6f", p);
    ck_assert_int_eq(model_score(m, &sx, s, strlen(s), &p), 0);
    ck_assert_msg(fabs(p - 0.684321) < 1e-6, "got %.6f", p);
    free(longer);
    model_scratch_clear(&sx);
    model_scratch_clear(NULL);
    model_free(m);
    model_free(NULL);
}
END_TEST

/* A 2-gram is its words in order: "and 11" and "11 and" are two features
 * (the n-gram hash once made them one, and the index refused the model). */
static const char ordered[] = "slant-sentence-model 1\n"
                              "threshold 0.5\n"
                              "category threat 0.5\n"
                              "11\t1\t\n"
                              "and\t1\t\n"
                              "and 11\t1\t0:2\n"
                              "11 and\t1\t0:-2\n";

/* Scores `text` and checks its probability is the logistic of z. */
static void expect_logit(const model *m, model_scratch *sx, const char *text, double z)
{
    double p;
    ck_assert_int_eq(model_score(m, sx, text, strlen(text), &p), 0);
    ck_assert_msg(fabs(p - 1.0 / (1.0 + exp(-z))) < 1e-6, "%s: got %.6f", text, p);
}

START_TEST(model_word_order)
{
    model *m = parse_ok(ordered);
    model_scratch sx = {0};
    /* three features of idf 1 and count 1: each is 1/sqrt(3) */
    expect_logit(m, &sx, "And 11.", 0.5 + 2.0 / sqrt(3.0));
    expect_logit(m, &sx, "11 and", 0.5 - 2.0 / sqrt(3.0));
    model_scratch_clear(&sx);
    model_free(m);
}
END_TEST

/* A feature may begin like a directive: a line with a tab is a feature,
 * so "category storm" and "threshold for" are n-grams (a model with them
 * was once refused as a misplaced category line). */
static const char directive_words[] = "slant-sentence-model 1\n"
                                      "threshold 0.5\n"
                                      "category threat 0\n"
                                      "category\t1\t\n"
                                      "category storm\t1\t0:1\n"
                                      "storm\t1\t\n"
                                      "threshold\t1\t\n"
                                      "threshold for\t1\t0:-1\n"
                                      "for\t1\t\n";

START_TEST(model_directive_words)
{
    model *m = parse_ok(directive_words);
    model_scratch sx = {0};
    ck_assert_uint_eq(model_categories(m), 1);
    ck_assert(fabs(model_threshold(m) - 0.5) < 1e-12);
    /* three features of idf 1: category, storm, category storm */
    expect_logit(m, &sx, "Category storm", 1.0 / sqrt(3.0));
    expect_logit(m, &sx, "threshold for", -1.0 / sqrt(3.0));
    model_scratch_clear(&sx);
    model_free(m);
}
END_TEST

/* Weights and idfs in every notation the file may use read as strtod reads
 * them: the parser's fast path (at most 15 digits, a power of ten up to 22)
 * and its fallback to strtod (more digits, larger exponents) agree. One
 * feature, count 1, unit length: the logit is intercept + weight. */
START_TEST(model_number_notations)
{
    static const char *const w[] = {
        "0.1",  "+0.1",   "1e-1",  "1E-1",    ".1",   "100e-3", "-0.0912", "1.5e-05", "3.",
        "-0",   "0.0000", "1e+0",  "12.5e1",  "7e22", "7e23",   "1e-30",   "2.5E-22",
        "0.100000000000000005551115123125783", "123456789012345678e-18",
    };
    static const char *const idf[] = {"2", "9.0322", "1e1", "0.5", "1234567890123456789e-18"};
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++) {
        for (size_t j = 0; j < sizeof idf / sizeof idf[0]; j++) {
            char text[256];
            snprintf(text, sizeof text,
                     "slant-sentence-model 1\nthreshold 0.5\ncategory threat -0.25\n"
                     "burn\t%s\t0:%s\n", idf[j], w[i]);
            model *m = parse_ok(text);
            model_scratch sx = {0};
            double p, z = -0.25 + (double)(float)strtod(w[i], NULL);
            ck_assert_int_eq(model_score(m, &sx, "burn", 4, &p), 0);
            ck_assert_msg(fabs(p - 1.0 / (1.0 + exp(-z))) < 1e-12, "weight %s idf %s: got %.12f",
                          w[i], idf[j], p);
            model_scratch_clear(&sx);
            model_free(m);
        }
    }
}
END_TEST

/* The shipped model gives each test sentence the probabilities the trainer
 * computed from the same file (corpus/train_model.py writes both): the
 * words, the n-grams, the weighting and the logistic agree. */
START_TEST(model_agrees_with_trainer)
{
    size_t mlen, clen;
    char *mtext = source_file("rules/sentences.model", &mlen);
    char *cases = source_file("tests/unit/model_cases.tsv", &clen);
    model *m = parse_ok(mtext);
    model_scratch sx = {0};
    size_t k = model_categories(m), checked = 0, over = 0;
    ck_assert_uint_ge(k, 1);
    double *p = malloc(k * sizeof *p);
    ck_assert_ptr_nonnull(p);
    for (char *line = strtok(cases, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == '#')
            continue;
        char *tab = strchr(line, '\t');
        ck_assert_ptr_nonnull(tab);
        *tab = '\0';
        const char *sentence = tab + 1;
        ck_assert_int_eq(model_score(m, &sx, sentence, strlen(sentence), p), 0);
        char *q = line;
        for (size_t c = 0; c < k; c++) {
            char *end;
            double want = strtod(q, &end);
            ck_assert_msg(end != q, "a probability for each column: %s", sentence);
            ck_assert_msg(fabs(p[c] - want) < 1e-4, "column %zu of \"%s\": %.6f, want %.6f",
                          c, sentence, p[c], want);
            over += p[c] >= model_category_threshold(m, c);
            q = *end == ',' ? end + 1 : end;
        }
        checked++;
    }
    ck_assert_uint_ge(checked, 20);
    ck_assert_uint_ge(over, 1); /* some sentence is over the threshold */
    model_scratch_clear(&sx);
    free(p);
    model_free(m);
    free(mtext);
    free(cases);
}
END_TEST

static const struct {
    const char *text;
    unsigned line; /* 0: the file as a whole */
    const char *err;
} bad[] = {
    {"", 1, "empty model"},
    {"slant-model 2\n", 1, "not a slant sentence model"},
    {"slant-sentence-model 1\nthreshold 1.5\n", 2, "the threshold is a probability"},
    {"slant-sentence-model 1\nthreshold 0.5\ncategory propaganda 0\n", 3, "unknown category"},
    {"slant-sentence-model 1\nthreshold 0.5\ncategory threat x\n", 3, "expected the intercept"},
    {"slant-sentence-model 1\nthreshold 0.5\ncategory threat x 0.5\n", 3, "expected the intercept"},
    {"slant-sentence-model 1\nthreshold 0.5\ncategory threat\n", 3, "expected \"category ID"},
    /* a category's own threshold, diagnosed at its line */
    {"slant-sentence-model 1\nthreshold 0.5\ncategory threat 0 0.7\ncategory doubt 0 1.5\n", 4,
     "the category's threshold is a probability"},
    {"slant-sentence-model 1\nthreshold 0.5\ncategory threat 0 0\n", 3,
     "the category's threshold is a probability"},
    {"slant-sentence-model 1\nthreshold 0.5\ncategory threat 0 x\n", 3,
     "the category's threshold is a probability"},
    {"slant-sentence-model 1\nthreshold 0.5\ncategory threat 0 0.7 0.8\n", 3,
     "the category's threshold is a probability"},
    {"slant-sentence-model 1\nthreshold 0.5\ncategory threat 0 \n", 3,
     "the category's threshold is a probability"},
    {"slant-sentence-model 1\nthreshold 0.5\ncategory threat 0 nan\n", 3,
     "the category's threshold is a probability"},
    {"slant-sentence-model 1\nthreshold 0.5\ncategory threat 0\ncategory threat 1\n", 4,
     "category listed twice"},
    {"slant-sentence-model 1\nthreshold 0.5\nburn\t1\t0:1\n", 3, "features come after"},
    {"slant-sentence-model 1\nthreshold 0.5\ncategory threat 0\nBurn\t1\t0:1\n", 4,
     "expected an n-gram"},
    {"slant-sentence-model 1\nthreshold 0.5\ncategory threat 0\nburn\t0\t0:1\n", 4,
     "expected a positive idf"},
    {"slant-sentence-model 1\nthreshold 0.5\ncategory threat 0\nburn\t1\t1:1\n", 4,
     "expected COLUMN:WEIGHT"},
    {"slant-sentence-model 1\nthreshold 0.5\ncategory threat 0\nburn\t1\t0:x\n", 4,
     "expected a weight"},
    {"slant-sentence-model 1\nthreshold 0.5\ncategory threat 0\nburn\t1\t18446744073709551616:1\n",
     4, "expected COLUMN:WEIGHT"},
    {"slant-sentence-model 1\nthreshold 0.5\ncategory threat 0\nburn\t1\t-0:1\n", 4,
     "expected COLUMN:WEIGHT"},
    {"slant-sentence-model 1\nthreshold 0.5\ncategory threat 0\nburn\t1\t0:1e\n", 4,
     "expected COLUMN:WEIGHT"},
    {"slant-sentence-model 1\ncategory threat 0\n", 2, "a model needs a threshold"},
    /* the file's threshold is needed by a category without its own */
    {"slant-sentence-model 1\ncategory threat 0 0.7\ncategory doubt 0\nburn\t1\t\n", 4,
     "a model needs a threshold"},
    {"slant-sentence-model 1\nthreshold 0.5\ncategory threat 0\nburn\t1\t\nburn\t2\t\n", 0,
     "feature \"burn\" is listed twice"},
};

START_TEST(model_file_errors)
{
    model *m = (model *)1;
    char err[256] = "";
    unsigned line = 99;
    ck_assert_int_eq(model_parse(&m, &line, bad[_i].text, strlen(bad[_i].text), err, sizeof err),
                     SLANT_ERULES);
    ck_assert_ptr_null(m);
    ck_assert_uint_eq(line, bad[_i].line);
    ck_assert_msg(strncmp(err, bad[_i].err, strlen(bad[_i].err)) == 0, "\"%s\", want \"%s\"",
                  err, bad[_i].err);
}
END_TEST

static const char pack[] = "pack: t\n"
                           "rules:\n"
                           "  - id: threat.pay\n"
                           "    category: threat\n"
                           "    severity: warning\n"
                           "    message: m\n"
                           "    explain: e\n"
                           "    advice: a\n"
                           "    terms: [pay a price]\n"
                           "    examples:\n"
                           "      match: [They will pay a price., You will pay a price.]\n"
                           "      no-match: [They paid., A price list.]\n";

/* The rules of `yaml` and the model `text`, its rules left out unless
 * `enabled`. */
static slant_rules *rules_with(const char *yaml, const char *text, int enabled)
{
    slant_compiler *c = NULL;
    ck_assert_int_eq(slant_compiler_new(&c), 0);
    ck_assert_int_eq(slant_compiler_add_string(c, "t.yaml", yaml, strlen(yaml)), 0);
    ck_assert_int_eq(slant_compiler_add_model(c, "hand.model", text, strlen(text)), 0);
    ck_assert_int_eq(slant_compiler_set_model(c, enabled), 0);
    slant_rules *rs = NULL;
    ck_assert_int_eq(slant_compiler_finish(&rs, c), 0);
    slant_compiler_free(c);
    return rs;
}

/* Scans `text`: how many findings the model rule `id` makes, each at info
 * and (when `want` is given) of the sentence `want`; *others counts the
 * other rules' findings. */
static size_t model_findings(const slant_rules *rs, const char *text, const char *id,
                             const char *want, size_t *others)
{
    slant_doc *doc = NULL;
    slant_report *rep = scan_text(rs, text, &doc, 0);
    size_t n = 0;
    *others = 0;
    for (size_t i = 0; i < slant_report_count(rep); i++) {
        const slant_finding *f = slant_report_finding(rep, i);
        if (strcmp(f->rule, id) != 0) {
            ++*others;
            continue;
        }
        n++;
        ck_assert_int_eq(f->severity, SLANT_SEVERITY_INFO);
        if (want)
            ck_assert_str_eq(f->text, want);
    }
    slant_report_free(rep);
    slant_doc_free(doc);
    return n;
}

/* The model left out before the built-in packs are added: they do not
 * read the embedded one, and the rules are the built-in rules without
 * the model's, as when it is left out after. */
START_TEST(model_off_skips_the_builtin)
{
    size_t count[2];
    for (int before = 0; before < 2; before++) {
        slant_compiler *c = NULL;
        ck_assert_int_eq(slant_compiler_new(&c), 0);
        if (before)
            ck_assert_int_eq(slant_compiler_set_model(c, 0), 0);
        ck_assert_int_eq(slant_compiler_add_builtin(c), 0);
        if (!before)
            ck_assert_int_eq(slant_compiler_set_model(c, 0), 0);
        slant_rules *rs = NULL;
        ck_assert_int_eq(slant_compiler_finish(&rs, c), 0);
        ck_assert_int_lt(slant_rules_find(rs, "threat.sentence-model"), 0);
        count[before] = slant_rules_count(rs);
        slant_rules_free(rs);
        slant_compiler_free(c);
    }
    ck_assert_uint_eq(count[0], count[1]);
    ck_assert_uint_gt(count[0], 100);
    /* put back after the packs: there is none to put back if they skipped
     * it; never left out, the built-in model's rules are there */
    for (int off = 0; off < 2; off++) {
        slant_compiler *c = NULL;
        ck_assert_int_eq(slant_compiler_new(&c), 0);
        if (off)
            ck_assert_int_eq(slant_compiler_set_model(c, 0), 0);
        ck_assert_int_eq(slant_compiler_add_builtin(c), 0);
        ck_assert_int_eq(slant_compiler_set_model(c, 1), 0);
        slant_rules *rs = NULL;
        ck_assert_int_eq(slant_compiler_finish(&rs, c), 0);
        if (off)
            ck_assert_int_lt(slant_rules_find(rs, "threat.sentence-model"), 0);
        else
            ck_assert_int_ge(slant_rules_find(rs, "threat.sentence-model"), 0);
        slant_rules_free(rs);
        slant_compiler_free(c);
    }
}
END_TEST

/* The model's rule reports a whole sentence over the threshold, at info,
 * unless a rule of its category found something in that sentence. */
START_TEST(model_rules_in_a_scan)
{
    slant_rules *rs = rules_with(pack, hand, 1);
    ck_assert_int_ge(slant_rules_find(rs, "threat.sentence-model"), 0);
    const char *text = "Calm words. We will burn it down, burn it! "
                       "They will pay a price and burn the rest.";
    size_t by_rule;
    /* the third sentence has the rule's finding */
    ck_assert_uint_eq(model_findings(rs, text, "threat.sentence-model",
                                     "We will burn it down, burn it!", &by_rule), 1);
    ck_assert_uint_eq(by_rule, 1);
    slant_rules_free(rs);
    /* left out: no model rules at all */
    rs = rules_with(pack, hand, 0);
    ck_assert_int_lt(slant_rules_find(rs, "threat.sentence-model"), 0);
    slant_rules_free(rs);
}
END_TEST

/* A part of a larger text (its findings count bytes from the whole
 * text's start): the rule's finding still keeps the model quiet in its
 * sentence. Compared with part offsets, it once lay past every sentence. */
START_TEST(model_quiet_in_a_later_part)
{
    slant_rules *rs = rules_with(pack, hand, 1);
    const char *text = "They will pay a price and burn the rest.";
    slant_part part = {1, 100000, 99000, 2000, 1};
    slant_doc *doc = NULL;
    ck_assert_int_eq(slant_doc_new_part(&doc, "big.txt", text, strlen(text), SLANT_INPUT_TEXT,
                                        &part, NULL, NULL),
                     0);
    slant_scanner *sc = NULL;
    ck_assert_int_eq(slant_scanner_new(&sc, rs), 0);
    slant_report *rep = NULL;
    ck_assert_int_eq(slant_scanner_scan(&rep, sc, doc), 0);
    ck_assert_uint_eq(slant_report_count(rep), 1);
    const slant_finding *f = slant_report_finding(rep, 0);
    ck_assert_str_eq(f->rule, "threat.pay");
    ck_assert_uint_eq(f->start, 100000 + offset_of(text, "pay a price"));
    slant_report_free(rep);
    slant_scanner_free(sc);
    slant_doc_free(doc);
    slant_rules_free(rs);
}
END_TEST

/* Two columns with the weights of `hand`: threat with a threshold of its
 * own, 0.7, doubt with the file's, 0.65. "We will burn it down, burn it!"
 * is 0.684 in both, "Burn, burn." 0.924. */
static const char hand2[] = "slant-sentence-model 1\n"
                            "threshold 0.65\n"
                            "category threat 0.5 0.7\n"
                            "category doubt 0.5\n"
                            "burn\t2\t0:2 1:2\n"
                            "burn it\t3\t0:-1 1:-1\n"
                            "down\t1\t\n";

/* Each column's sentences are those at or over its own threshold. */
START_TEST(model_category_thresholds)
{
    model *m = parse_ok(hand2);
    ck_assert_uint_eq(model_categories(m), 2);
    ck_assert(fabs(model_category_threshold(m, 0) - 0.7) < 1e-12);
    ck_assert(fabs(model_category_threshold(m, 1) - 0.65) < 1e-12);
    ck_assert(fabs(model_threshold(m) - 0.65) < 1e-12);
    model_free(m);
    /* every column its own: the file needs no threshold line */
    m = parse_ok("slant-sentence-model 1\ncategory threat 0.5 0.9\ncategory doubt -1 0.55\n"
                 "burn\t2\t0:2\n");
    ck_assert(model_threshold(m) < 0);
    ck_assert(fabs(model_category_threshold(m, 0) - 0.9) < 1e-12);
    ck_assert(fabs(model_category_threshold(m, 1) - 0.55) < 1e-12);
    model_free(m);

    slant_rules *rs = rules_with(pack, hand2, 1);
    const char *text = "Calm words. We will burn it down, burn it! Burn, burn.";
    size_t others;
    /* threat: 0.924 only, 0.684 is under its 0.7; doubt: both, over the
     * file's 0.65, and nothing else */
    ck_assert_uint_eq(model_findings(rs, text, "threat.sentence-model", "Burn, burn.", &others),
                      1);
    ck_assert_uint_eq(others, 2);
    ck_assert_uint_eq(model_findings(rs, text, "doubt.sentence-model", NULL, &others), 2);
    ck_assert_uint_eq(others, 1);
    /* each rule's explanation gives its column's threshold */
    slant_rule_info ri;
    ck_assert_int_eq(slant_rules_info(&ri, rs, (size_t)slant_rules_find(rs, "threat.sentence-model")), 0);
    ck_assert_ptr_nonnull(strstr(ri.explain, "(at least 70%)"));
    ck_assert_int_eq(slant_rules_info(&ri, rs, (size_t)slant_rules_find(rs, "doubt.sentence-model")), 0);
    ck_assert_ptr_nonnull(strstr(ri.explain, "(at least 65%)"));
    slant_rules_free(rs);
}
END_TEST

/* A rule's finding that reaches into a sentence from before it keeps the
 * model quiet there, even when a later finding of the category (starting
 * after it, ending before the sentence) lies between them in order. */
START_TEST(model_quiet_under_a_long_finding)
{
    static const char two[] = "pack: t\n"
                              "rules:\n"
                              "  - id: threat.long\n"
                              "    category: threat\n"
                              "    severity: warning\n"
                              "    message: m\n"
                              "    explain: e\n"
                              "    advice: a\n"
                              "    patterns: ['pay a price\\. We will burn']\n"
                              "    examples:\n"
                              "      match: [You pay a price. We will burn., x pay a price. We will burn]\n"
                              "      no-match: [They paid., A price list.]\n"
                              "  - id: threat.price\n"
                              "    category: threat\n"
                              "    severity: warning\n"
                              "    message: m\n"
                              "    explain: e\n"
                              "    advice: a\n"
                              "    terms: [price]\n"
                              "    examples:\n"
                              "      match: [A price., The price.]\n"
                              "      no-match: [They paid., A cost.]\n";
    slant_rules *rs = rules_with(two, hand, 1);
    /* without the long finding the second sentence is the model's */
    const char *text = "They will pay a price. We will burn it down, burn it!";
    size_t rules;
    ck_assert_uint_eq(model_findings(rs, text, "threat.sentence-model", NULL, &rules), 0);
    /* the model looked while both were found; the report then keeps the
     * long one alone, as "price" lies within it */
    ck_assert_uint_eq(rules, 1);
    slant_rules_free(rs);
}
END_TEST

/* A model file's error is diagnosed at its line, and the rules fail. */
START_TEST(model_error_diagnosed)
{
    diag_log log;
    diag_log_reset(&log);
    slant_compiler *c = NULL;
    ck_assert_int_eq(slant_compiler_new(&c), 0);
    slant_compiler_set_diag(c, diag_collect, &log);
    const char *text = "slant-sentence-model 1\nthreshold 0.5\ncategory nonsense 0\n";
    ck_assert_int_eq(slant_compiler_add_model(c, "m.model", text, strlen(text)), SLANT_ERULES);
    slant_rules *rs = NULL;
    ck_assert_int_eq(slant_compiler_finish(&rs, c), SLANT_ERULES);
    ck_assert_ptr_null(rs);
    slant_compiler_free(c);
    ck_assert_uint_eq(log.n, 1);
    ck_assert_msg(strstr(log.text[0], "m.model:3:1: unknown category") != NULL, "%s",
                  log.text[0]);
}
END_TEST

Suite *model_suite(void)
{
    Suite *s = suite_create("model");
    TCase *tc = tcase_create("model");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, model_by_hand);
    tcase_add_test(tc, model_agrees_with_trainer);
    tcase_add_test(tc, model_word_order);
    tcase_add_loop_test(tc, model_file_errors, 0, (int)(sizeof bad / sizeof bad[0]));
    tcase_add_test(tc, model_rules_in_a_scan);
    tcase_add_test(tc, model_category_thresholds);
    tcase_add_test(tc, model_quiet_under_a_long_finding);
    tcase_add_test(tc, model_quiet_in_a_later_part);
    tcase_add_test(tc, model_error_diagnosed);
    tcase_add_test(tc, model_off_skips_the_builtin);
    tcase_add_test(tc, model_directive_words);
    tcase_add_test(tc, model_number_notations);
    suite_add_tcase(s, tc);
    return s;
}
