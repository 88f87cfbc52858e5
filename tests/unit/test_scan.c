/* test_scan.c - the scanner (scan.c): terms, offsets and positions,
 * merging, near, unless, voice, ordering and matching limits. */
#include "suites.h"

#include "report.h"
#include "text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* One rule threat.t (warning) with the given matchers (4-space indented). */
static slant_rules *rule_with(const char *matchers)
{
    char yaml[4096];
    snprintf(yaml, sizeof yaml, "%s%s%s", RULE_HEAD, matchers, RULE_EXAMPLES);
    slant_rules *rules = compile_yaml(yaml);
    ck_assert_msg(rules != NULL, "%s\n%s", yaml, diag_log_dump(&g_diags));
    return rules;
}

/* Scans `text` with one rule and checks the findings' [start, end) bytes:
 * `spans` holds 2 * n offsets. */
static void expect_spans(const char *matchers, const char *text, size_t n, const size_t *spans)
{
    slant_rules *rules = rule_with(matchers);
    slant_doc *doc;
    slant_report *rep = scan_text(rules, text, &doc, 0);
    ck_assert_msg(slant_report_count(rep) == n, "%s on \"%s\": %zu findings, want %zu", matchers,
                  text, slant_report_count(rep), n);
    for (size_t i = 0; i < n; i++) {
        const slant_finding *f = slant_report_finding(rep, i);
        ck_assert_msg(f->start == spans[2 * i] && f->end == spans[2 * i + 1],
                      "%s on \"%s\": finding %zu is [%zu,%zu) \"%s\", want [%zu,%zu)", matchers,
                      text, i, f->start, f->end, f->text, spans[2 * i], spans[2 * i + 1]);
        ck_assert_uint_eq(strlen(f->text), f->end - f->start);
        ck_assert_mem_eq(f->text, text + f->start, f->end - f->start);
    }
    slant_report_free(rep);
    slant_doc_free(doc);
    slant_rules_free(rules);
}

typedef struct {
    const char *what;
    const char *matchers;
    const char *text;
    size_t n;
    size_t spans[8];
} span_case;

static const span_case span_cases[] = {
    /* terms */
    {"whole words only", "    terms: [sources]\n",
     "Resources matter. Sources said so. The sources.", 2, {18, 25, 39, 46}},
    {"not inside a word", "    terms: [sources]\n", "outsources sourcesX _sources sources_", 0,
     {0}},
    {"caseless by default", "    terms: [sources]\n", "SOURCES and SoUrCeS", 2, {0, 7, 12, 19}},
    {"case sensitive", "    terms: [Sources]\n    case: sensitive\n",
     "Resources matter. Sources said so. The sources.", 1, {18, 25}},
    {"phrase over a line break", "    terms: [serious consequences]\n",
     "We face serious\nconsequences now.", 1, {8, 28}},
    {"phrase over CR LF", "    terms: [serious consequences]\n",
     "We face serious\r\nconsequences now.", 1, {8, 29}},
    {"phrase over spaces and a tab", "    terms: [serious consequences]\n",
     "serious \t  consequences", 1, {0, 23}},
    {"phrase over NBSP", "    terms: [serious consequences]\n", "serious\u00A0consequences", 1,
     {0, 21}},
    {"phrase needs every word", "    terms: [serious consequences]\n",
     "serious matters, consequences", 0, {0}},
    {"typographic apostrophe in text", "    terms: [\"won't back down\"]\n",
     "We won’t back down.", 1, {3, 20}},
    {"straight apostrophe in text", "    terms: [\"won't back down\"]\n",
     "We won't back down.", 1, {3, 18}},
    {"trailing wildcard", "    terms: ['retaliat*']\n",
     "They retaliate, retaliation and retaliatory. Unretaliated retaliat.", 4,
     {5, 14, 16, 27, 32, 43, 58, 66}},
    {"hyphen matches space and hyphen", "    terms: [so-called]\n",
     "so-called, so called, so-  called, socalled", 3, {0, 9, 11, 20, 22, 33}},
    {"hyphen matches a folded dash", "    terms: [so-called]\n", "the so–called experts", 1,
     {4, 15}},
    {"punctuation in terms is literal", "    terms: ['U.S.', '(quoted)', 'a+b']\n",
     "The U.S. and USxS, (quoted) and a+b, aab.", 3, {4, 8, 19, 27, 32, 35}},
    {"longest alternative first", "    terms: [serious, serious consequences]\n",
     "serious consequences", 1, {0, 20}},
    /* patterns */
    {"pattern with \\K keeps context out", "    patterns: ['threat of \\K\\w+']\n",
     "a threat of war", 1, {12, 15}},
    {"pattern caseless by default", "    patterns: ['\\bdire\\b']\n", "DIRE and Dire", 2,
     {0, 4, 9, 13}},
    {"pattern ^ matches at every line start", "    patterns: ['^breaking\\b']\n",
     "Breaking news\nbreaking again. Not breaking.", 2, {0, 8, 14, 22}},
    {"pattern $ matches at every line end", "    patterns: ['\\w+$']\n", "one two\nthree four",
     2, {4, 7, 14, 18}},
    {"pattern (?-i) part", "    patterns: ['(?-i)Capital']\n", "capital Capital", 1, {8, 15}},
    {"ellipsis: a span ending inside … takes it whole", "    patterns: ['consequences\\.']\n",
     "Zoë’s “warning”: serious consequences…", 1, {32, 47}},
    /* merging */
    {"overlapping matches of one rule merge",
     "    patterns: ['serious consequences', 'consequences will follow']\n",
     "There will be serious consequences will follow.", 1, {14, 46}},
    {"touching matches stay apart", "    patterns: ['serious', ' consequences']\n",
     "serious consequences", 2, {0, 7, 7, 20}},
    /* near, within a sentence */
    {"near: both parts in one sentence",
     "    near:\n      all:\n        - terms: [if, should]\n        - terms: ['retaliat*']\n",
     "If they cross the line, we will retaliate. They may retaliate later.", 1, {0, 41}},
    {"near: parts in two sentences",
     "    near:\n      all:\n        - terms: [if, should]\n        - terms: ['retaliat*']\n",
     "If they cross the line. We will retaliate.", 0, {0}},
    {"near: any order",
     "    near:\n      all:\n        - terms: [if, should]\n        - terms: ['retaliat*']\n",
     "We will retaliate if they cross.", 1, {8, 20}},
    {"near: a part missing",
     "    near:\n      all:\n        - terms: [if]\n        - terms: ['retaliat*']\n",
     "Should they cross, we retaliate.", 0, {0}},
    {"near: three parts",
     "    near:\n      all:\n        - terms: [if]\n        - terms: [cross]\n"
     "        - terms: [retaliate]\n",
     "We retaliate if they cross. If they cross.", 1, {3, 26}},
    /* near, within N words */
    {"near within 3: two words apart",
     "    near:\n      within: 3\n      all:\n        - terms: [threat]\n        - terms: "
     "[sanctions]\n",
     "A threat of new sanctions.", 1, {2, 25}},
    {"near within 3: three words apart",
     "    near:\n      within: 3\n      all:\n        - terms: [threat]\n        - terms: "
     "[sanctions]\n",
     "A threat of many new sanctions.", 1, {2, 30}},
    {"near within 3: four words apart",
     "    near:\n      within: 3\n      all:\n        - terms: [threat]\n        - terms: "
     "[sanctions]\n",
     "A threat of very many new sanctions.", 0, {0}},
    {"near within 3: across a sentence end",
     "    near:\n      within: 3\n      all:\n        - terms: [threat]\n        - terms: "
     "[sanctions]\n",
     "It is a threat. New sanctions follow.", 1, {8, 29}},
    /* unless */
    {"unless within match drops the finding",
     "    patterns: ['\\w+ sources']\n    unless:\n      - pattern: energy\n        within: "
     "match\n",
     "Energy sources matter. Unnamed sources said.", 1, {23, 38}},
    {"unless within match looks only inside the span",
     "    terms: [sources]\n    unless:\n      - pattern: energy\n        within: match\n",
     "Energy sources matter.", 1, {7, 14}},
    {"unless within sentence (the default)",
     "    terms: [consequences]\n    unless:\n      - terms: [prices]\n",
     "Higher prices have consequences. There will be consequences.", 1, {47, 59}},
    {"unless within 2 words: guard 3 words after",
     "    terms: [consequences]\n    unless:\n      - terms: [flooding]\n        within: 2\n",
     "The consequences of the flooding were bad.", 1, {4, 16}},
    {"unless within 3 words: guard 3 words after",
     "    terms: [consequences]\n    unless:\n      - terms: [flooding]\n        within: 3\n",
     "The consequences of the flooding were bad.", 0, {0}},
    {"unless within 1 word: guard 2 words before",
     "    terms: [consequences]\n    unless:\n      - terms: [flooding]\n        within: 1\n",
     "Flooding has consequences.", 1, {13, 25}},
    {"unless within 2 words: guard 2 words before",
     "    terms: [consequences]\n    unless:\n      - terms: [flooding]\n        within: 2\n",
     "Flooding has consequences.", 0, {0}},
    {"unless: any guard drops",
     "    terms: [consequences]\n    unless:\n      - terms: [prices]\n      - terms: [rates]\n",
     "Rates have consequences. So do prices, with consequences. Consequences!", 1, {58, 70}},
    /* voice */
    {"voice any reports both", "    terms: [serious consequences]\n",
     "He warned of “serious consequences” and serious consequences.", 2, {16, 36, 44, 64}},
    {"voice author skips quotations", "    terms: [serious consequences]\n    voice: author\n",
     "He warned of “serious consequences” and serious consequences.", 1, {44, 64}},
    {"voice author: a whole quotation with its marks is the author's",
     "    patterns: ['\"[^\"]+\"']\n    voice: author\n",
     "He praised the “peace plan” today.", 1, {15, 31}},
    {"voice quote keeps only quotations", "    terms: [serious consequences]\n    voice: quote\n",
     "He warned of “serious consequences” and serious consequences.", 1, {16, 36}},
};

START_TEST(span_table)
{
    const span_case *c = &span_cases[_i];
    expect_spans(c->matchers, c->text, c->n, c->spans);
}
END_TEST

/* ---- the two engines ----------------------------------------------------------- */

/* Scans with one engine; the doc is returned through *doc_out. */
static slant_report *scan_engine(const slant_rules *rules, const char *text, slant_engine engine,
                                 slant_doc **doc_out)
{
    slant_doc *doc = make_doc(text);
    slant_scanner *s = NULL;
    ck_assert_int_eq(slant_scanner_new(&s, rules), 0);
    ck_assert_int_eq(slant_scanner_set_engine(s, engine), 0);
    slant_report *rep = NULL;
    int rc = slant_scanner_scan(&rep, s, doc);
    slant_scanner_free(s);
    ck_assert_msg(rc == 0 || rc == SLANT_ELIMIT, "scan: %d", rc);
    *doc_out = doc;
    return rep;
}

/* Describes the first difference between two reports, or returns NULL. */
static const char *report_diff(const slant_report *a, const slant_report *b)
{
    static char why[512];
    if (slant_report_count(a) != slant_report_count(b)) {
        snprintf(why, sizeof why, "%zu findings against %zu", slant_report_count(a),
                 slant_report_count(b));
        return why;
    }
    for (size_t i = 0; i < slant_report_count(a); i++) {
        const slant_finding *x = slant_report_finding(a, i), *y = slant_report_finding(b, i);
        if (strcmp(x->rule, y->rule) || x->start != y->start || x->end != y->end ||
            x->char_start != y->char_start || x->char_end != y->char_end ||
            x->line != y->line || x->column != y->column || x->end_line != y->end_line ||
            x->end_column != y->end_column || x->voice != y->voice ||
            x->mention != y->mention || x->severity != y->severity || x->score != y->score ||
            strcmp(x->text, y->text) || x->noccurrences != y->noccurrences) {
            snprintf(why, sizeof why,
                     "finding %zu: %s [%zu,%zu) \"%s\" voice %d mention %d against %s [%zu,%zu) "
                     "\"%s\" voice %d mention %d",
                     i, x->rule, x->start, x->end, x->text, x->voice, x->mention, y->rule,
                     y->start, y->end, y->text, y->voice, y->mention);
            return why;
        }
    }
    if (slant_report_score(a)->total != slant_report_score(b)->total)
        return "different totals";
    if (slant_report_incomplete_count(a) != slant_report_incomplete_count(b))
        return "different incomplete rules";
    return NULL;
}

static void expect_engines_agree(const char *matchers, const char *text)
{
    slant_rules *rules = rule_with(matchers);
    slant_doc *d1, *d2;
    slant_report *fast = scan_engine(rules, text, SLANT_ENGINE_FAST, &d1);
    slant_report *naive = scan_engine(rules, text, SLANT_ENGINE_NAIVE, &d2);
    const char *why = report_diff(fast, naive);
    char msg[1024];
    if (why)
        snprintf(msg, sizeof msg, "%s", why);
    slant_report_free(fast);
    slant_report_free(naive);
    slant_doc_free(d1);
    slant_doc_free(d2);
    slant_rules_free(rules);
    ck_assert_msg(why == NULL, "fast against naive engine, %s on \"%s\": %s", matchers, text,
                  msg);
}

START_TEST(engines_agree_on_span_table)
{
    expect_engines_agree(span_cases[_i].matchers, span_cases[_i].text);
}
END_TEST

static const struct {
    const char *matchers, *text;
} engine_cases[] = {
    {"    terms: [zoë]\n", "ZOË and Zoë and zoë and ZOE"},
    {"    patterns: [kelvin, sources]\n", "the \u212Aelvin scale; ſources said; KELVIN SOURCES"},
    {"    terms: [serious consequences]\n", "ſeriouſ conſequenceſ and SERIOUS\u00A0CONSEQUENCES"},
    {"    patterns: ['\\bthreat\\w*\\s+of\\s+\\w+']\n",
     "a threat of war, threats  of\n\nsanctions, threatening of-course"},
    {"    patterns: ['[^\\s\"]+ said']\n", "“Nobody” said, he said, x said said"},
    {"    patterns: ['(?:grave|dire)\\s+(?:retaliatory\\s+)?action']\n",
     "grave action, dire retaliatory\n action, DIRE    ACTION"},
    {"    terms: [a b c]\n", "a b c a  b\tc abc a b cd"},
    {"    patterns: ['\\d+ (?:people|soldiers)']\n", "12 people and 300 soldiers, 7people"},
    {"    terms: [sources]\n    unless:\n      - terms: [energy]\n        within: 3\n",
     "Energy sources say. Sources say energy. Our sources say a lot about nothing at all, energy."},
    /* unbounded after the literal, bounded before it: searches start just
     * before each occurrence and run on as far as the match goes */
    {"    patterns: ['\\b(?:may|might)\\b[^.!?]*?\\bperhaps\\b']\n",
     "It may, after a long and winding clause with many words, perhaps rain. It might not. "
     "May perhaps. Mayor perhaps. may may may perhaps perhaps."},
    {"    patterns: ['(?<!not\\s)\\bsaid\\b(?:\\w++|[^\\w.])*?\\bexperts']\n",
     "He said that, as ever, experts agree. Not said experts. not said: experts. said. experts"},
    /* literals at different distances into a match: the window of "zz"
     * starts before the "xq" inside the same match, and must be taken
     * first, or the search from "xq" would return a later match */
    {"    patterns: ['(?:\\bxq\\b|\\bis\\s+\\w+\\s+\\w+\\s+zz)[^.]*?\\bend']\n",
     "is a xq zz b end. " "lorem ipsum dolor sit amet, consectetur adipiscing elit sed do eiusmod tempor. "
     "lorem ipsum dolor sit amet, consectetur adipiscing elit sed do eiusmod tempor. "
     "lorem ipsum dolor sit amet, consectetur adipiscing elit sed do eiusmod tempor. "
     "lorem ipsum dolor sit amet, consectetur adipiscing elit sed do eiusmod tempor. "
     "xq zz end. " "lorem ipsum dolor sit amet, consectetur adipiscing elit sed do eiusmod tempor. "
     "lorem ipsum dolor sit amet, consectetur adipiscing elit sed do eiusmod tempor. "
     "lorem ipsum dolor sit amet, consectetur adipiscing elit sed do eiusmod tempor. "
     "lorem ipsum dolor sit amet, consectetur adipiscing elit sed do eiusmod tempor. "
     "is q r zz end. "
     "lorem ipsum dolor sit amet, consectetur adipiscing elit sed do eiusmod tempor. "
     "lorem ipsum dolor sit amet, consectetur adipiscing elit sed do eiusmod tempor. "
     "lorem ipsum dolor sit amet, consectetur adipiscing elit sed do eiusmod tempor. "
     "lorem ipsum dolor sit amet, consectetur adipiscing elit sed do eiusmod tempor. "
     "is  a   xq    zz end"},
    /* the window of "perhaps" starts before the comma (a run of letters
     * beyond ASCII makes the document's longest non-word run long): its
     * search returns the comma, and it must be searched again */
    {"    patterns: [',|]*?\\bperhaps\\b']\n",
     "\u00e9\u00e9\u00e9t, perhaps."},
    /* word edges: an occurrence inside a word cannot start a match;
     * beyond ASCII the neighbour is PCRE2's to judge */
    {"    patterns: ['\\brats?\\b']\n",
     "rats, rather, separate rats; pirats rat_ rat9 rat\u00e9s \u00e9-rat \u00e6rat RAT"},
    {"    patterns: ['like\\s+(?:vermin|rats)']\n",
     "like rats, likerats, like\n\nvermin, like  xrats, alike rats"},
    /* second requirements after, before, in a lookahead, per branch */
    {"    patterns: ['\"[a-z]+\"']\n",
     "\"a\" \"bb\" \" lone \" \"long quoted words here\" \"x\"y\" \"\"abc\"\" \""},
    {"    patterns: ['said\\s+\"']\n",
     "he said \"x\", she said\n\n\"y\", said\"z\", unsaid \" \"said \" said"},
    {"    patterns: ['\"(?=(?:[\\w-]+\\s){0,2}(?:free|fair))']\n",
     "\"free vote\", \"a fair one\", \"a b c free\", \"freedom\", \"x y fair"},
    {"    patterns: ['(?:foo\\s+bar|baz\\s+qux)']\n",
     "foo bar, baz qux, foo qux, baz bar, foo\n  bar, foobar bazqux"},
    {"    patterns: ['\\bvery\\s+(?:big|large)\\b']\n",
     "very big, very  large, verybig, big very, not very\n\nbig, every big, very bigger"},
    /* a guard whose program has a second requirement: it is looked up
     * around a finding near the start after the scan's own look-ups have
     * taken that string to the end of the text, so it must go back */
    {"    patterns: ['\\bzork\\b', 'blip\\s+\"']\n"
     "    unless:\n      - pattern: 'glim\\s+\"'\n",
     "glim \"x\" zork. blip \"a\" blip \"b\" blip \"c\" blip \"d\" blip \"e\" blip \"f\" zork."},
};

START_TEST(engines_agree_on_unicode_and_windows)
{
    expect_engines_agree(engine_cases[_i].matchers, engine_cases[_i].text);
}
END_TEST

START_TEST(engines_agree_on_long_text)
{
    /* many hits, long runs of spaces and words: windows must not lose any */
    size_t cap = 64 * 1024;
    char *text = malloc(cap);
    ck_assert_ptr_nonnull(text);
    size_t k = 0;
    for (int i = 0; k + 200 < cap; i++) {
        k += (size_t)snprintf(text + k, cap - k, "%s%d serious   consequences%s ",
                              i % 7 ? "word " : "“", i, i % 5 ? "." : "”\n\n");
        if (i % 11 == 0)
            k += (size_t)snprintf(text + k, cap - k, "threat of  new sanctions here. ");
    }
    text[k] = '\0';
    expect_engines_agree("    terms: [serious consequences, sanctions]\n"
                         "    patterns: ['threat\\s+of\\s+\\w+', '\\d+ serious']\n",
                         text);
    free(text);
}
END_TEST

/* ---- positions of a finding ---------------------------------------------------- */

START_TEST(finding_positions_multibyte)
{
    slant_rules *rules = rule_with("    terms: [serious consequences]\n");
    slant_doc *doc;
    const char *text = "Zoë said: serious consequences.";
    slant_report *rep = scan_text(rules, text, &doc, 0);
    ck_assert_uint_eq(slant_report_count(rep), 1);
    const slant_finding *f = slant_report_finding(rep, 0);
    ck_assert_uint_eq(f->start, 11);
    ck_assert_uint_eq(f->end, 31);
    ck_assert_uint_eq(f->char_start, 10);
    ck_assert_uint_eq(f->char_end, 30);
    ck_assert_uint_eq(f->line, 1);
    ck_assert_uint_eq(f->column, 11);
    ck_assert_uint_eq(f->end_line, 1);
    ck_assert_uint_eq(f->end_column, 31);
    ck_assert_str_eq(f->text, "serious consequences");
    /* the rule's fields */
    ck_assert_str_eq(f->rule, "threat.t");
    ck_assert_str_eq(f->category, "threat");
    ck_assert_int_eq(f->severity, SLANT_SEVERITY_WARNING);
    ck_assert_double_eq(f->weight, 2);
    ck_assert_double_eq(f->score, 2);
    ck_assert_int_eq(f->voice, SLANT_VOICE_AUTHOR);
    ck_assert_str_eq(f->message, "Test message");
    ck_assert_str_eq(f->advice, "Test advice.");
    ck_assert_ptr_null(slant_report_finding(rep, 1));
    slant_report_free(rep);
    slant_doc_free(doc);
    slant_rules_free(rules);
}
END_TEST

START_TEST(finding_positions_typographic)
{
    /* Z o ë ’ s _ “ warning ” : _ serious _ consequences …
     * bytes: ’ 4-6, “ 9-11, warning 12-18, ” 19-21, serious 24-30,
     * consequences 32-43, … 44-46; code points: warning 7-13, serious 17,
     * consequences 25-36, … 37 */
    const char *text = "Zoë’s “warning”: serious consequences…";
    slant_rules *rules = rule_with("    terms: [warning]\n    patterns: ['consequences\\.']\n");
    slant_doc *doc;
    slant_report *rep = scan_text(rules, text, &doc, 0);
    ck_assert_uint_eq(slant_report_count(rep), 2);
    const slant_finding *f = slant_report_finding(rep, 0);
    ck_assert_str_eq(f->text, "warning");
    ck_assert_uint_eq(f->start, 12);
    ck_assert_uint_eq(f->end, 19);
    ck_assert_uint_eq(f->char_start, 7);
    ck_assert_uint_eq(f->char_end, 14);
    ck_assert_uint_eq(f->column, 8);
    ck_assert_uint_eq(f->end_column, 15);
    ck_assert_int_eq(f->voice, SLANT_VOICE_QUOTE);
    ck_assert_double_eq(f->score, 1);
    f = slant_report_finding(rep, 1);
    ck_assert_str_eq(f->text, "consequences…");
    ck_assert_uint_eq(f->start, 32);
    ck_assert_uint_eq(f->end, 47);
    ck_assert_uint_eq(f->char_start, 25);
    ck_assert_uint_eq(f->char_end, 38);
    ck_assert_uint_eq(f->column, 26);
    ck_assert_uint_eq(f->end_column, 39);
    ck_assert_int_eq(f->voice, SLANT_VOICE_AUTHOR);
    slant_report_free(rep);
    slant_doc_free(doc);
    slant_rules_free(rules);
}
END_TEST

START_TEST(finding_positions_multiline)
{
    slant_rules *rules = rule_with("    terms: [serious consequences]\n");
    slant_doc *doc;
    slant_report *rep = scan_text(rules, "Title\n\nWe face serious\nconsequences now.", &doc, 0);
    ck_assert_uint_eq(slant_report_count(rep), 1);
    const slant_finding *f = slant_report_finding(rep, 0);
    ck_assert_str_eq(f->text, "serious\nconsequences");
    ck_assert_uint_eq(f->start, 15);
    ck_assert_uint_eq(f->end, 35);
    ck_assert_uint_eq(f->char_start, 15);
    ck_assert_uint_eq(f->char_end, 35);
    ck_assert_uint_eq(f->line, 3);
    ck_assert_uint_eq(f->column, 9);
    ck_assert_uint_eq(f->end_line, 4);
    ck_assert_uint_eq(f->end_column, 13);
    slant_report_free(rep);
    slant_doc_free(doc);
    slant_rules_free(rules);
}
END_TEST

START_TEST(finding_in_invalid_utf8_doc)
{
    slant_rules *rules = rule_with("    terms: [serious consequences]\n");
    const char *text = "bad \xFF then serious consequences";
    slant_doc *doc = NULL;
    ck_assert_int_eq(slant_doc_new(&doc, "bad.txt", text, strlen(text), NULL, NULL),
                     SLANT_EINPUT);
    slant_scanner *s = NULL;
    ck_assert_int_eq(slant_scanner_new(&s, rules), 0);
    slant_report *rep = NULL;
    ck_assert_int_eq(slant_scanner_scan(&rep, s, doc), 0);
    ck_assert_uint_eq(slant_report_count(rep), 1);
    const slant_finding *f = slant_report_finding(rep, 0);
    ck_assert_uint_eq(f->start, 11);
    ck_assert_uint_eq(f->end, 31);
    ck_assert_uint_eq(f->char_start, 11); /* the invalid byte is one character */
    ck_assert_uint_eq(f->column, 12);
    slant_report_free(rep);
    slant_scanner_free(s);
    slant_doc_free(doc);
    slant_rules_free(rules);
}
END_TEST

/* ---- several rules ------------------------------------------------------------ */

START_TEST(findings_sorted_by_start)
{
    slant_rules *rules = compile_yaml(RULE_HEAD "    terms: [zebra]\n" RULE_EXAMPLES
                                      RULE_MORE("threat.u", "threat", "error")
                                      "    terms: [apple]\n" RULE_EXAMPLES);
    ck_assert_ptr_nonnull(rules);
    slant_doc *doc;
    slant_report *rep = scan_text(rules, "apple zebra apple", &doc, 0);
    ck_assert_uint_eq(slant_report_count(rep), 3);
    static const char *const ids[] = {"threat.u", "threat.t", "threat.u"};
    static const size_t starts[] = {0, 6, 12};
    for (size_t i = 0; i < 3; i++) {
        const slant_finding *f = slant_report_finding(rep, i);
        ck_assert_str_eq(f->rule, ids[i]);
        ck_assert_uint_eq(f->start, starts[i]);
    }
    ck_assert_int_eq(slant_report_max_severity(rep), SLANT_SEVERITY_ERROR);
    slant_report_free(rep);
    slant_doc_free(doc);
    slant_rules_free(rules);
}
END_TEST

START_TEST(rules_overlap_not_merged)
{
    slant_rules *rules = compile_yaml(RULE_HEAD "    terms: [consequences will follow]\n"
                                      RULE_EXAMPLES RULE_MORE("threat.u", "threat", "info")
                                      "    terms: [serious consequences]\n" RULE_EXAMPLES);
    ck_assert_ptr_nonnull(rules);
    slant_doc *doc;
    slant_report *rep =
        scan_text(rules, "There will be serious consequences will follow.", &doc, 0);
    ck_assert_uint_eq(slant_report_count(rep), 2);
    ck_assert_str_eq(slant_report_finding(rep, 0)->rule, "threat.u");
    ck_assert_uint_eq(slant_report_finding(rep, 0)->start, 14);
    ck_assert_uint_eq(slant_report_finding(rep, 0)->end, 34);
    ck_assert_str_eq(slant_report_finding(rep, 1)->rule, "threat.t");
    ck_assert_uint_eq(slant_report_finding(rep, 1)->start, 22);
    ck_assert_uint_eq(slant_report_finding(rep, 1)->end, 46);
    ck_assert_int_eq(slant_report_max_severity(rep), SLANT_SEVERITY_WARNING);
    slant_report_free(rep);
    slant_doc_free(doc);
    slant_rules_free(rules);
}
END_TEST

/* Two rules of one category reporting the same words: one finding, the
 * more severe, else the wider, else the rule listed first; a span that
 * only overlaps, another category, or a suppressed finding keeps both. */
static const struct {
    const char *u_cat, *u_sev, *u_term, *text;
    size_t n;
    const char *rules[2]; /* the findings' rules, in document order */
    int suppressed[2];
} covered_cases[] = {
    /* u's words lie within t's: t is wider */
    {"threat", "warning", "consequences", "There will be serious consequences.", 1,
     {"threat.t", NULL}, {0, 0}},
    /* ...unless u is more severe */
    {"threat", "error", "consequences", "There will be serious consequences.", 1,
     {"threat.u", NULL}, {0, 0}},
    /* ...and a less severe wider one still loses nothing to it */
    {"threat", "info", "consequences", "There will be serious consequences.", 1,
     {"threat.t", NULL}, {0, 0}},
    /* the same words: the rule listed first */
    {"threat", "warning", "serious consequences", "There will be serious consequences.", 1,
     {"threat.t", NULL}, {0, 0}},
    /* overlapping, each with words of its own */
    {"threat", "warning", "consequences follow", "Serious consequences follow.", 2,
     {"threat.t", "threat.u"}, {0, 0}},
    /* another category */
    {"urgency", "warning", "consequences", "There will be serious consequences.", 2,
     {"threat.t", "urgency.u"}, {0, 0}},
    /* t suppressed: u's finding is reported, t's stays as accepted */
    {"threat", "warning", "consequences",
     "[slant-disable threat.t]\nThere will be serious consequences.", 2,
     {"threat.t", "threat.u"}, {SLANT_SUPPRESSED_COMMENT, 0}},
};

START_TEST(same_category_within_reported_once)
{
    char yaml[2048];
    const char *id = strcmp(covered_cases[_i].u_cat, "threat") == 0 ? "threat.u" : "urgency.u";
    snprintf(yaml, sizeof yaml,
             "%s    terms: [serious consequences]\n%s"
             "  - id: %s\n    category: %s\n    severity: %s\n    message: Test message\n"
             "    explain: Test explanation.\n    advice: Test advice.\n"
             "    terms: [%s]\n%s",
             RULE_HEAD, RULE_EXAMPLES, id, covered_cases[_i].u_cat, covered_cases[_i].u_sev,
             covered_cases[_i].u_term, RULE_EXAMPLES);
    slant_rules *rules = compile_yaml(yaml);
    ck_assert_msg(rules != NULL, "%s\n%s", yaml, diag_log_dump(&g_diags));
    slant_doc *doc;
    slant_report *rep = scan_text(rules, covered_cases[_i].text, &doc, 0);
    ck_assert_uint_eq(slant_report_count(rep), covered_cases[_i].n);
    for (size_t k = 0; k < covered_cases[_i].n; k++) {
        ck_assert_str_eq(slant_report_finding(rep, k)->rule, covered_cases[_i].rules[k]);
        ck_assert_int_eq(slant_report_finding(rep, k)->suppressed, covered_cases[_i].suppressed[k]);
    }
    slant_report_free(rep);
    slant_doc_free(doc);
    slant_rules_free(rules);
}
END_TEST

START_TEST(merged_voice_author_wins)
{
    /* one candidate inside the quotation, an overlapping one outside it */
    slant_rules *rules = rule_with("    patterns: ['win\\W+today', 'today']\n");
    slant_doc *doc;
    slant_report *rep = scan_text(rules, "He said “we win” today.", &doc, 0);
    ck_assert_uint_eq(slant_report_count(rep), 1);
    const slant_finding *f = slant_report_finding(rep, 0);
    ck_assert_str_eq(f->text, "win” today");
    ck_assert_int_eq(f->voice, SLANT_VOICE_AUTHOR);
    slant_report_free(rep);
    slant_doc_free(doc);
    slant_rules_free(rules);
}
END_TEST

START_TEST(scanner_reuse_and_empty)
{
    slant_rules *rules = rule_with("    terms: [sources]\n");
    slant_scanner *s = NULL;
    ck_assert_int_eq(slant_scanner_new(&s, rules), 0);
    const char *texts[] = {"sources sources", "", "none here", "Sources."};
    const size_t counts[] = {2, 0, 0, 1};
    for (size_t i = 0; i < 4; i++) {
        slant_doc *doc = make_doc(texts[i]);
        slant_report *rep = NULL;
        ck_assert_int_eq(slant_scanner_scan(&rep, s, doc), 0);
        ck_assert_uint_eq(slant_report_count(rep), counts[i]);
        ck_assert_uint_eq(slant_report_incomplete_count(rep), 0);
        ck_assert_int_eq(slant_report_max_severity(rep), counts[i] ? 1 : -1);
        slant_report_free(rep);
        slant_doc_free(doc);
    }
    slant_scanner_free(s);
    slant_rules_free(rules);
}
END_TEST

START_TEST(scanner_arguments)
{
    slant_scanner *s = (slant_scanner *)1;
    ck_assert_int_eq(slant_scanner_new(&s, NULL), SLANT_EINVAL);
    ck_assert_ptr_null(s);
    slant_rules *rules = rule_with("    terms: [sources]\n");
    ck_assert_int_eq(slant_scanner_new(&s, rules), 0);
    slant_report *rep = (slant_report *)1;
    ck_assert_int_eq(slant_scanner_scan(&rep, s, NULL), SLANT_EINVAL);
    ck_assert_ptr_null(rep);
    slant_scanner_free(s);
    slant_scanner_free(NULL);
    slant_report_free(NULL);
    ck_assert_uint_eq(slant_report_count(NULL), 0);
    ck_assert_ptr_null(slant_report_finding(NULL, 0));
    ck_assert_ptr_null(slant_report_score(NULL));
    ck_assert_uint_eq(slant_report_incomplete_count(NULL), 0);
    ck_assert_ptr_null(slant_report_incomplete(NULL, 0));
    ck_assert_int_eq(slant_report_max_severity(NULL), -1);
    slant_rules_free(rules);
}
END_TEST

START_TEST(voice_of_whole_quotation)
{
    /* "peace plan" inside the marks is quoted; the whole quotation with its
     * marks is the author's act of quoting (scare quotes) */
    slant_rules *rules = rule_with("    terms: [peace plan]\n    patterns: ['\"[^\"]+\"']\n");
    slant_doc *doc;
    slant_report *rep = scan_text(rules, "He praised the “peace plan” today.", &doc, 0);
    /* one span: [15,31) from the pattern and [18,28) from the term overlap */
    ck_assert_uint_eq(slant_report_count(rep), 1);
    const slant_finding *f = slant_report_finding(rep, 0);
    ck_assert_uint_eq(f->start, 15);
    ck_assert_uint_eq(f->end, 31);
    ck_assert_int_eq(f->voice, SLANT_VOICE_AUTHOR); /* the author's voice wins the merge */
    slant_report_free(rep);
    slant_doc_free(doc);
    slant_rules_free(rules);

    rules = rule_with("    terms: [peace plan]\n");
    rep = scan_text(rules, "He praised the “peace plan” today.", &doc, 0);
    ck_assert_uint_eq(slant_report_count(rep), 1);
    f = slant_report_finding(rep, 0);
    ck_assert_uint_eq(f->start, 18);
    ck_assert_uint_eq(f->end, 28);
    ck_assert_int_eq(f->voice, SLANT_VOICE_QUOTE);
    slant_report_free(rep);
    slant_doc_free(doc);
    slant_rules_free(rules);
}
END_TEST

/* ---- mention, not use ---------------------------------------------------------- */

static const struct {
    const char *text;
    int mention;
    slant_voice voice;
    double score; /* weight 2 (warning) */
} mention_cases[] = {
    {"There will be serious consequences.", 0, SLANT_VOICE_AUTHOR, 2},
    {"He used the term serious consequences.", 1, SLANT_VOICE_AUTHOR, 0.5},
    {"This is what the minister calls serious consequences.", 1, SLANT_VOICE_AUTHOR, 0.5},
    {"It is known as “serious consequences” in Brussels.", 1, SLANT_VOICE_QUOTE, 0.25},
    {"This was dubbed 'serious consequences'.", 1, SLANT_VOICE_QUOTE, 0.25},
    {"Use the term. Serious consequences follow.", 0, SLANT_VOICE_AUTHOR, 2},
    {"The term was clear: serious consequences.", 0, SLANT_VOICE_AUTHOR, 2},
};

START_TEST(mention_table)
{
    /* on the reference engine; engines_agree_on_mentions compares the fast one */
    slant_rules *rules = rule_with("    terms: [serious consequences]\n");
    slant_doc *doc;
    slant_report *rep = scan_engine(rules, mention_cases[_i].text, SLANT_ENGINE_NAIVE, &doc);
    ck_assert_uint_eq(slant_report_count(rep), 1);
    const slant_finding *f = slant_report_finding(rep, 0);
    ck_assert_msg(f->mention == mention_cases[_i].mention, "\"%s\": mention %d",
                  mention_cases[_i].text, f->mention);
    ck_assert_int_eq(f->voice, mention_cases[_i].voice);
    ck_assert_int_eq(f->severity, mention_cases[_i].mention ? SLANT_SEVERITY_INFO
                                                            : SLANT_SEVERITY_WARNING);
    ck_assert_double_eq(f->score, mention_cases[_i].score);
    ck_assert_double_eq(f->weight, 2);
    slant_report_free(rep);
    slant_doc_free(doc);
    slant_rules_free(rules);
}
END_TEST

/* The fast engine (the default) finds mentions as the naive one does.
 * (A regression test: is_mention() once ran in the match context with the
 * offset limit of the last windowed search still set, got
 * PCRE2_ERROR_BADOFFSETLIMIT and took every mention for a use.) */
START_TEST(engines_agree_on_mentions)
{
    expect_engines_agree("    terms: [serious consequences]\n", mention_cases[_i].text);
}
END_TEST

/* ---- document rules ---------------------------------------------------------------- */

#define LABEL_RULE                                                                           \
    RULE_HEAD_ID("labeling.regime", "labeling", "warning") "    terms: [regime, puppet]\n"   \
        RULE_EXAMPLES

/* T0 regime 4-9 | Regime 21-26 | REGIME 39-44 | puppet 54-59 */
static const char label_text[] = "The regime said. The Regime lied. The  REGIME fell. A puppet.";

START_TEST(document_repeated)
{
    slant_rules *rules = compile_yaml(LABEL_RULE RULE_MORE("labeling.repeated", "labeling",
                                                           "error")
                                      "    document:\n      repeated: 3\n      of: "
                                      "[labeling.regime]\n" RULE_EXAMPLES);
    ck_assert_msg(rules != NULL, "%s", diag_log_dump(&g_diags));
    slant_doc *doc;
    slant_report *rep = scan_text(rules, label_text, &doc, 0);
    ck_assert_uint_eq(slant_report_count(rep), 5);
    static const char *const ids[] = {"labeling.regime", "labeling.repeated", "labeling.regime",
                                      "labeling.regime", "labeling.regime"};
    static const size_t starts[] = {4, 4, 21, 39, 54};
    for (size_t i = 0; i < 5; i++) {
        ck_assert_str_eq(slant_report_finding(rep, i)->rule, ids[i]);
        ck_assert_uint_eq(slant_report_finding(rep, i)->start, starts[i]);
    }
    const slant_finding *f = slant_report_finding(rep, 1);
    ck_assert_int_eq(f->severity, SLANT_SEVERITY_ERROR);
    ck_assert_str_eq(f->text, "regime");
    ck_assert_uint_eq(f->end, 10);
    ck_assert_uint_eq(f->noccurrences, 3);
    ck_assert_ptr_nonnull(f->occurrences);
    static const size_t occ_start[] = {4, 21, 39}, occ_col[] = {5, 22, 40};
    for (size_t i = 0; i < 3; i++) {
        ck_assert_uint_eq(f->occurrences[i].start, occ_start[i]);
        ck_assert_uint_eq(f->occurrences[i].end, occ_start[i] + 6);
        ck_assert_uint_eq(f->occurrences[i].line, 1);
        ck_assert_uint_eq(f->occurrences[i].column, occ_col[i]);
    }
    ck_assert_uint_eq(slant_report_finding(rep, 0)->noccurrences, 0);
    ck_assert_ptr_null(slant_report_finding(rep, 0)->occurrences);
    /* regime 4 * 2 = 8, capped at 6; the document finding 4: T = 10 */
    const slant_score *sc = slant_report_score(rep);
    ck_assert_double_eq_tol(sc->total, 10, 1e-9);
    ck_assert_uint_eq(sc->ncategories, 1);
    ck_assert_uint_eq(sc->categories[0].findings, 5);
    slant_report_free(rep);
    slant_doc_free(doc);
    slant_rules_free(rules);

    /* four times needed: nothing */
    rules = compile_yaml(LABEL_RULE RULE_MORE("labeling.repeated", "labeling", "error")
                         "    document:\n      repeated: 4\n      of: [labeling]\n" RULE_EXAMPLES);
    ck_assert_ptr_nonnull(rules);
    rep = scan_text(rules, label_text, &doc, 0);
    ck_assert_uint_eq(slant_report_count(rep), 4);
    slant_report_free(rep);
    slant_doc_free(doc);
    slant_rules_free(rules);
}
END_TEST

START_TEST(document_density)
{
    /* 4 labeling findings in 11 words (counted as 100): 40 per 1,000 words */
    static const struct {
        const char *density;
        size_t count;
    } cases[] = {{"40", 5}, {"41", 4}};
    for (size_t k = 0; k < 2; k++) {
        char yaml[4096];
        snprintf(yaml, sizeof yaml,
                 "%s" RULE_MORE("labeling.dense", "labeling", "info")
                 "    document:\n      density: %s\n      of: [labeling]\n" RULE_EXAMPLES,
                 LABEL_RULE, cases[k].density);
        slant_rules *rules = compile_yaml(yaml);
        ck_assert_msg(rules != NULL, "%s", diag_log_dump(&g_diags));
        slant_doc *doc;
        slant_report *rep = scan_text(rules, label_text, &doc, 0);
        ck_assert_uint_eq(slant_report_count(rep), cases[k].count);
        if (cases[k].count == 5) {
            /* at the first occurrence, before labeling.regime's finding there */
            const slant_finding *f = slant_report_finding(rep, 0);
            ck_assert_str_eq(f->rule, "labeling.dense");
            ck_assert_int_eq(f->severity, SLANT_SEVERITY_INFO);
            ck_assert_uint_eq(f->start, 4);
            ck_assert_uint_eq(f->noccurrences, 4);
            ck_assert_uint_eq(f->occurrences[3].start, 54);
            ck_assert_str_eq(slant_report_finding(rep, 1)->rule, "labeling.regime");
        }
        slant_report_free(rep);
        slant_doc_free(doc);
        slant_rules_free(rules);
    }
}
END_TEST

/* ---- limits ------------------------------------------------------------------------ */

START_TEST(catastrophic_pattern_hits_limit)
{
    slant_rules *rules = compile_yaml(RULE_HEAD "    patterns: ['(a+)+$']\n" RULE_EXAMPLES
                                      RULE_MORE("threat.u", "threat", "info")
                                      "    terms: [serious]\n" RULE_EXAMPLES);
    ck_assert_msg(rules != NULL, "%s", diag_log_dump(&g_diags));
    char text[128];
    memset(text, 'a', 40);
    strcpy(text + 40, "! serious");
    slant_doc *doc;
    time_t t0 = time(NULL);
    slant_report *rep = scan_text(rules, text, &doc, SLANT_ELIMIT);
    ck_assert_int_le(time(NULL) - t0, 5);
    ck_assert_uint_eq(slant_report_incomplete_count(rep), 1);
    ck_assert_str_eq(slant_report_incomplete(rep, 0), "threat.t");
    ck_assert_str_eq(slant_report_incomplete_reason(rep, 0), "match limit");
    ck_assert_ptr_null(slant_report_incomplete(rep, 1));
    ck_assert_ptr_null(slant_report_incomplete_reason(rep, 1));
    /* the other rule is complete */
    ck_assert_uint_eq(slant_report_count(rep), 1);
    ck_assert_str_eq(slant_report_finding(rep, 0)->rule, "threat.u");
    ck_assert_str_eq(slant_report_finding(rep, 0)->text, "serious");
    slant_report_free(rep);
    slant_doc_free(doc);
    slant_rules_free(rules);
}
END_TEST


/* Two rules, threat.t on "serious" and threat.u on "grave", and a
 * scanner for them. */
static slant_rules *serious_and_grave(slant_scanner **s)
{
    slant_rules *rules = compile_yaml(RULE_HEAD "    terms: [serious]\n" RULE_EXAMPLES
                                      RULE_MORE("threat.u", "threat", "info")
                                      "    terms: [grave]\n" RULE_EXAMPLES);
    ck_assert_ptr_nonnull(rules);
    *s = NULL;
    ck_assert_int_eq(slant_scanner_new(s, rules), 0);
    return rules;
}

START_TEST(time_budget)
{
    slant_scanner *s;
    slant_rules *rules = serious_and_grave(&s);
    ck_assert_int_eq(slant_scanner_set_budget(NULL, 1), SLANT_EINVAL);
    ck_assert_int_eq(slant_scanner_set_budget(s, -1), SLANT_EINVAL);
    ck_assert_int_eq(slant_scanner_set_budget(s, NAN), SLANT_EINVAL);
    slant_doc *doc = make_doc("serious and grave");
    slant_report *rep = NULL;
    /* no limit */
    ck_assert_int_eq(slant_scanner_set_budget(s, 0), 0);
    ck_assert_int_eq(slant_scanner_scan(&rep, s, doc), 0);
    ck_assert_uint_eq(slant_report_count(rep), 2);
    slant_report_free(rep);
    /* a budget that is over before the first match: every rule incomplete */
    ck_assert_int_eq(slant_scanner_set_budget(s, 1e-9), 0);
    ck_assert_int_eq(slant_scanner_scan(&rep, s, doc), SLANT_ELIMIT);
    ck_assert_ptr_nonnull(rep);
    ck_assert_uint_eq(slant_report_count(rep), 0);
    ck_assert_uint_eq(slant_report_incomplete_count(rep), 2);
    ck_assert_str_eq(slant_report_incomplete(rep, 0), "threat.t");
    ck_assert_str_eq(slant_report_incomplete_reason(rep, 0), "time budget");
    ck_assert_str_eq(slant_report_incomplete(rep, 1), "threat.u");
    ck_assert_str_eq(slant_report_incomplete_reason(rep, 1), "time budget");
    slant_report_free(rep);
    /* a generous budget again: the scanner recovers */
    ck_assert_int_eq(slant_scanner_set_budget(s, 30), 0);
    ck_assert_int_eq(slant_scanner_scan(&rep, s, doc), 0);
    ck_assert_uint_eq(slant_report_count(rep), 2);
    slant_report_free(rep);
    slant_doc_free(doc);
    slant_scanner_free(s);
    slant_rules_free(rules);
}
END_TEST

/* Scans doc with the engine and returns the counts of rule 0's program. */
static slant_program_stats scan_profiled(slant_scanner *s, const slant_doc *doc, slant_engine e)
{
    slant_report *rep = NULL;
    slant_program_stats st;
    ck_assert_int_eq(slant_scanner_set_engine(s, e), 0);
    ck_assert_int_eq(slant_scanner_scan(&rep, s, doc), 0);
    slant_report_free(rep);
    ck_assert_int_eq(slant_scanner_program_stats(&st, s, 0, 0), 0);
    return st;
}

START_TEST(profile_counts)
{
    slant_scanner *s;
    slant_rules *rules = serious_and_grave(&s);
    slant_doc *doc = make_doc("serious and grave, and serious again");
    slant_program_stats st;
    /* off: no counts to give */
    ck_assert_int_eq(slant_scanner_program_stats(&st, s, 0, 0), SLANT_EINVAL);
    ck_assert_int_eq(slant_scanner_set_profile(NULL, 1), SLANT_EINVAL);
    ck_assert_int_eq(slant_scanner_set_profile(s, 1), 0);
    ck_assert_int_eq(slant_scanner_program_stats(&st, s, 0, 0), 0);
    ck_assert(st.calls == 0 && st.matches == 0 && st.nanos == 0);
    /* the naive engine: every match, then one call that finds nothing */
    st = scan_profiled(s, doc, SLANT_ENGINE_NAIVE);
    ck_assert_uint_eq(st.calls, 3);
    ck_assert_uint_eq(st.matches, 2);
    ck_assert(st.nanos > 0);
    ck_assert_int_eq(slant_scanner_program_stats(&st, s, 1, 0), 0);
    ck_assert_uint_eq(st.calls, 2);
    ck_assert_uint_eq(st.matches, 1);
    /* counts add up over documents, whatever the engine */
    st = scan_profiled(s, doc, SLANT_ENGINE_FAST);
    ck_assert_uint_eq(st.matches, 4);
    ck_assert_uint_ge(st.calls, 5);
    /* no such program */
    ck_assert_int_eq(slant_scanner_program_stats(&st, s, 0, 1), SLANT_EINVAL);
    ck_assert_int_eq(slant_scanner_program_stats(&st, s, 2, 0), SLANT_EINVAL);
    /* on again: from zero; off: nothing */
    ck_assert_int_eq(slant_scanner_set_profile(s, 1), 0);
    ck_assert_int_eq(slant_scanner_program_stats(&st, s, 0, 0), 0);
    ck_assert_uint_eq(st.calls, 0);
    ck_assert_int_eq(slant_scanner_set_profile(s, 0), 0);
    ck_assert_int_eq(slant_scanner_program_stats(&st, s, 0, 0), SLANT_EINVAL);
    slant_doc_free(doc);
    slant_scanner_free(s);
    slant_rules_free(rules);
}
END_TEST

/* ---- regressions: bugs these tests found, kept fixed  */

/* An `unless` guard whose pattern hits the PCRE2 match limit must make the
 * rule incomplete (SLANT_ELIMIT, rule listed), as a direct pattern does.
 * find_all() returns -1 for a limit, which equals SLANT_ENOMEM, and
 * guarded() returns it as out-of-memory: the scan fails with
 * SLANT_ENOMEM (-1) and no report. The same happens when the time budget
 * runs out inside a guard. */
START_TEST(regress_guard_limit_reported_as_enomem)
{
    slant_rules *rules = rule_with("    terms: [serious]\n    unless:\n      - pattern: '(a+)+$'\n");
    char text[128];
    strcpy(text, "serious ");
    memset(text + 8, 'a', 40);
    strcpy(text + 48, "!");
    slant_doc *doc = make_doc(text);
    slant_scanner *s = NULL;
    ck_assert_int_eq(slant_scanner_new(&s, rules), 0);
    slant_report *rep = NULL;
    int rc = slant_scanner_scan(&rep, s, doc);
    size_t ninc = slant_report_incomplete_count(rep);
    char id[64] = "";
    if (ninc)
        snprintf(id, sizeof id, "%s", slant_report_incomplete(rep, 0));
    slant_report_free(rep);
    slant_scanner_free(s);
    slant_doc_free(doc);
    slant_rules_free(rules);
    ck_assert_msg(rc == SLANT_ELIMIT, "scan returned %d (%s), want SLANT_ELIMIT", rc,
                  slant_strerror(rc));
    ck_assert_uint_eq(ninc, 1);
    ck_assert_str_eq(id, "threat.t");
}
END_TEST

/* Seen only under -fsanitize=undefined: a rule with no candidates on a
 * fresh scanner calls qsort(NULL, 0, ...) in rule_findings (scan.c). The
 * document has a quotation so that text.c's own qsort(NULL, 0) is not hit
 * first. */
START_TEST(regress_ubsan_qsort_null_without_candidates)
{
    slant_rules *rules = rule_with("    terms: [serious consequences]\n");
    slant_doc *doc;
    slant_report *rep = scan_text(rules, "He said \"no\" today.", &doc, 0);
    size_t n = slant_report_count(rep);
    slant_report_free(rep);
    slant_doc_free(doc);
    slant_rules_free(rules);
    ck_assert_uint_eq(n, 0);
}
END_TEST

/* A match that ends right before a CR LF line break must not take the CR:
 * [start, end) is the matched text. */
START_TEST(regress_match_before_crlf_takes_cr)
{
    slant_rules *rules = rule_with("    terms: [serious consequences]\n");
    slant_doc *doc;
    slant_report *rep = scan_text(rules, "serious consequences\r\nNext line.", &doc, 0);
    size_t n = slant_report_count(rep);
    slant_finding f = {0};
    char text[64] = "";
    if (n)
        f = *slant_report_finding(rep, 0), snprintf(text, sizeof text, "%s", f.text);
    slant_report_free(rep);
    slant_doc_free(doc);
    slant_rules_free(rules);
    ck_assert_uint_eq(n, 1);
    ck_assert_msg(f.end == 20, "end %zu, text \"%s\"", f.end, text);
    ck_assert_str_eq(text, "serious consequences");
    ck_assert_uint_eq(f.char_end, 20);
    ck_assert_uint_eq(f.end_line, 1);
    ck_assert_uint_eq(f.end_column, 21);
}
END_TEST

/* The same with an invisible character (zero-width space) after the match. */
START_TEST(regress_match_takes_following_invisible_char)
{
    slant_rules *rules = rule_with("    terms: [serious consequences]\n");
    slant_doc *doc;
    slant_report *rep = scan_text(rules, "serious consequences\u200B.", &doc, 0);
    size_t n = slant_report_count(rep), end = 0;
    char text[64] = "";
    if (n) {
        end = slant_report_finding(rep, 0)->end;
        snprintf(text, sizeof text, "%s", slant_report_finding(rep, 0)->text);
    }
    slant_report_free(rep);
    slant_doc_free(doc);
    slant_rules_free(rules);
    ck_assert_uint_eq(n, 1);
    ck_assert_msg(end == 20, "end %zu, text \"%s\"", end, text);
    ck_assert_str_eq(text, "serious consequences");
}
END_TEST

#define N(a) ((int)(sizeof(a) / sizeof(a)[0]))

Suite *scan_suite(void)
{
    Suite *s = suite_create("scan");
    TCase *tc = tcase_create("spans");
    tcase_add_loop_test(tc, span_table, 0, N(span_cases));
    suite_add_tcase(s, tc);

    tc = tcase_create("findings");
    tcase_add_test(tc, finding_positions_multibyte);
    tcase_add_test(tc, finding_positions_typographic);
    tcase_add_test(tc, finding_positions_multiline);
    tcase_add_test(tc, finding_in_invalid_utf8_doc);
    tcase_add_test(tc, findings_sorted_by_start);
    tcase_add_test(tc, rules_overlap_not_merged);
    tcase_add_loop_test(tc, same_category_within_reported_once, 0,
                        sizeof covered_cases / sizeof *covered_cases);
    tcase_add_test(tc, merged_voice_author_wins);
    tcase_add_test(tc, scanner_reuse_and_empty);
    tcase_add_test(tc, scanner_arguments);
    tcase_add_test(tc, voice_of_whole_quotation);
    tcase_add_loop_test(tc, mention_table, 0, N(mention_cases));
    tcase_add_loop_test(tc, engines_agree_on_span_table, 0, N(span_cases));
    tcase_add_loop_test(tc, engines_agree_on_unicode_and_windows, 0, N(engine_cases));
    tcase_add_test(tc, engines_agree_on_long_text);
    tcase_add_loop_test(tc, engines_agree_on_mentions, 0, N(mention_cases));
    tcase_add_test(tc, document_repeated);
    tcase_add_test(tc, document_density);
    suite_add_tcase(s, tc);

    tc = tcase_create("limits");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, catastrophic_pattern_hits_limit);
    tcase_add_test(tc, time_budget);
    tcase_add_test(tc, profile_counts);
    suite_add_tcase(s, tc);

    tc = tcase_create("regressions-scan");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, regress_match_before_crlf_takes_cr);
    tcase_add_test(tc, regress_guard_limit_reported_as_enomem);
    tcase_add_test(tc, regress_match_takes_following_invisible_char);
    tcase_add_test(tc, regress_ubsan_qsort_null_without_candidates);
    suite_add_tcase(s, tc);
    return s;
}
