/* test_render.c - text and JSON output (render.c, render_text.c,
 * render_json.c), compared line by line with hand-written expectations. */
#include "suites.h"

#include "render.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define RENDER_PACK                                                                         \
    "pack: r\n"                                                                             \
    "rules:\n"                                                                              \
    "  - id: threat.vague\n"                                                                \
    "    category: threat\n"                                                                \
    "    severity: warning\n"                                                               \
    "    message: Vague threat\n"                                                           \
    "    explain: E.\n"                                                                     \
    "    advice: Be specific.\n"                                                            \
    "    terms: [serious consequences]\n"                                                   \
    "    examples: {match: [x], no-match: [y]}\n"                                           \
    "  - id: hedging.maybe\n"                                                               \
    "    category: hedging\n"                                                               \
    "    severity: info\n"                                                                  \
    "    message: 'Hedge \"maybe\"'\n"                                                      \
    "    explain: E.\n"                                                                     \
    "    advice: Commit.\n"                                                                 \
    "    terms: [maybe]\n"                                                                  \
    "    examples: {match: [x], no-match: [y]}\n"                                           \
    "  - id: threat.doom\n"                                                                 \
    "    category: threat\n"                                                                \
    "    severity: error\n"                                                                 \
    "    message: Doom\n"                                                                   \
    "    explain: E.\n"                                                                     \
    "    advice: Calm down.\n"                                                              \
    "    terms: [doom]\n"                                                                   \
    "    examples: {match: [x], no-match: [y]}\n"

typedef struct {
    slant_rules *rules;
    slant_scanner *scanner;
    slant_doc *docs[4];
    slant_report *reps[4];
    size_t n;
    memout out;
    slant_renderer *r;
} fixture;

static void fx_open(fixture *fx, const char *pack, slant_format format, int color)
{
    memset(fx, 0, sizeof *fx);
    fx->rules = compile_yaml(pack);
    ck_assert_msg(fx->rules != NULL, "%s", diag_log_dump(&g_diags));
    ck_assert_int_eq(slant_scanner_new(&fx->scanner, fx->rules), 0);
    memout_open(&fx->out);
    slant_render_options opt = {color};
    ck_assert_int_eq(slant_renderer_new(&fx->r, format, fx->out.f, &opt), 0);
}

/* Scans and renders one document; `want_doc` is slant_doc_new's code. */
static void fx_add(fixture *fx, const char *name, const char *text, size_t len, int want_doc)
{
    ck_assert_uint_lt(fx->n, 4);
    slant_doc *doc = NULL;
    ck_assert_int_eq(slant_doc_new(&doc, name, text, len, NULL, NULL), want_doc);
    slant_report *rep = NULL;
    int rc = slant_scanner_scan(&rep, fx->scanner, doc);
    ck_assert_msg(rc == 0 || rc == SLANT_ELIMIT, "scan: %d", rc);
    ck_assert_int_eq(slant_renderer_add(fx->r, doc, rep), 0);
    fx->docs[fx->n] = doc;
    fx->reps[fx->n++] = rep;
}

static const char *fx_finish(fixture *fx)
{
    ck_assert_int_eq(slant_renderer_finish(fx->r), 0);
    return memout_close(&fx->out);
}

static void fx_close(fixture *fx)
{
    slant_renderer_free(fx->r);
    memout_free(&fx->out);
    for (size_t i = 0; i < fx->n; i++) {
        slant_report_free(fx->reps[i]);
        slant_doc_free(fx->docs[i]);
    }
    slant_scanner_free(fx->scanner);
    slant_rules_free(fx->rules);
}

#define ADD(fx, name, text) fx_add(fx, name, text, strlen(text), 0)

/* ---- text ------------------------------------------------------------------ */

START_TEST(text_lines)
{
    fixture fx;
    fx_open(&fx, RENDER_PACK, SLANT_FORMAT_TEXT, 0);
    ADD(&fx, "doc.txt", "Zoë said: serious consequences.\nThey said “serious consequences” again.");
    ck_assert_str_eq(fx_finish(&fx),
                     "doc.txt:1:11: warning: Vague threat [threat.vague] «serious consequences»\n"
                     "doc.txt:2:12: warning: Vague threat [threat.vague] «serious consequences» "
                     "(quoted)\n"
                     "doc.txt: 2 findings (0 errors, 2 warnings, 0 info); index 70/100 (total 3, "
                     "30 per 1,000 words; 9 words)\n");
    fx_close(&fx);
}
END_TEST

START_TEST(text_severities_and_summary)
{
    fixture fx;
    fx_open(&fx, RENDER_PACK, SLANT_FORMAT_TEXT, 0);
    ADD(&fx, "b.txt", "Maybe doom.\nMaybe serious\nconsequences.");
    ADD(&fx, "doc.txt", "Zoë said: serious consequences.\nThey said “serious consequences” again.");
    ADD(&fx, "c.txt", "Calm.");
    const char *out = fx_finish(&fx);
    static const char *const want[] = {
        "b.txt:1:1: info: Hedge \"maybe\" [hedging.maybe] «Maybe»",
        "b.txt:1:7: error: Doom [threat.doom] «doom»",
        "b.txt:2:1: info: Hedge \"maybe\" [hedging.maybe] «Maybe»",
        "b.txt:2:7: warning: Vague threat [threat.vague] «serious consequences»",
        "b.txt: 4 findings (1 error, 1 warning, 2 info); index 96/100 (total 8, 80 per 1,000 "
        "words; 5 words)",
        "doc.txt:1:11: warning: Vague threat [threat.vague] «serious consequences»",
        "doc.txt:2:12: warning: Vague threat [threat.vague] «serious consequences» (quoted)",
        "doc.txt: 2 findings (0 errors, 2 warnings, 0 info); index 70/100 (total 3, 30 per "
        "1,000 words; 9 words)",
        "c.txt: no findings; index 0/100 (total 0, 0 per 1,000 words; 1 word)",
        "3 documents checked: 6 findings (1 error, 3 warnings, 2 info)",
    };
    char line[512];
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        ck_assert_ptr_nonnull(nth_line(line, sizeof line, out, i));
        ck_assert_str_eq(line, want[i]);
    }
    ck_assert_ptr_null(nth_line(line, sizeof line, out, sizeof want / sizeof *want));
    ck_assert_int_eq(out[strlen(out) - 1], '\n');
    fx_close(&fx);
}
END_TEST

START_TEST(text_unreadable_documents)
{
    fixture fx;
    fx_open(&fx, RENDER_PACK, SLANT_FORMAT_TEXT, 0);
    ADD(&fx, "one.txt", "Maybe.");
    ck_assert_int_eq(slant_renderer_add_error(fx.r, "gone.txt", "cannot open"), 0);
    ck_assert_str_eq(fx_finish(&fx),
                     "one.txt:1:1: info: Hedge \"maybe\" [hedging.maybe] «Maybe»\n"
                     "one.txt: 1 finding (0 errors, 0 warnings, 1 info); index 33/100 (total 1, "
                     "10 per 1,000 words; 1 word)\n"
                     "1 document checked, 1 could not be read: 1 finding (0 errors, 0 warnings, "
                     "1 info)\n");
    fx_close(&fx);
}
END_TEST

START_TEST(text_excerpts)
{
    fixture fx;
    fx_open(&fx,
            RULE_HEAD "    patterns: ['x{120}', 'A[\\x01-\\x1f]B', 'C\\s+D']\n" RULE_EXAMPLES,
            SLANT_FORMAT_TEXT, 0);
    char text[256];
    memset(text, 'x', 120);
    strcpy(text + 120, " A\x01" "B C\t \n D");
    ADD(&fx, "e.txt", text);
    const char *out = fx_finish(&fx);
    char want[512];
    char line[512];
    strcpy(want, "e.txt:1:1: warning: Test message [threat.t] «");
    memset(want + strlen(want), 'x', 100);
    strcpy(want + strlen("e.txt:1:1: warning: Test message [threat.t] «") + 100, "…»");
    ck_assert_str_eq(nth_line(line, sizeof line, out, 0), want);
    ck_assert_str_eq(nth_line(line, sizeof line, out, 1),
                     "e.txt:1:122: warning: Test message [threat.t] «A?B»");
    ck_assert_str_eq(nth_line(line, sizeof line, out, 2),
                     "e.txt:1:126: warning: Test message [threat.t] «C D»");
    fx_close(&fx);
}
END_TEST

START_TEST(text_incomplete_rule)
{
    fixture fx;
    fx_open(&fx, RULE_HEAD "    patterns: ['(a+)+$']\n" RULE_EXAMPLES, SLANT_FORMAT_TEXT, 0);
    char text[64];
    memset(text, 'a', 40);
    strcpy(text + 40, "!");
    ADD(&fx, "l.txt", text);
    ck_assert_str_eq(fx_finish(&fx),
                     "l.txt: error: rule 'threat.t' hit a matching limit; its findings here are "
                     "incomplete\n"
                     "l.txt: no findings; index 0/100 (total 0, 0 per 1,000 words; 1 word)\n");
    fx_close(&fx);
}
END_TEST

START_TEST(text_color)
{
    fixture fx;
    fx_open(&fx, RENDER_PACK, SLANT_FORMAT_TEXT, 1);
    ADD(&fx, "doc.txt", "Zoë said: serious consequences.\nThey said “serious consequences” again.");
    ADD(&fx, "b.txt", "Maybe doom.");
    const char *out = fx_finish(&fx);
    char line[512];
    ck_assert_str_eq(nth_line(line, sizeof line, out, 0),
                     "\033[1mdoc.txt\033[0m\033[1m:1:11:\033[0m \033[1;33mwarning\033[0m: Vague "
                     "threat \033[2m[threat.vague]\033[0m «serious consequences»");
    ck_assert_str_eq(nth_line(line, sizeof line, out, 1),
                     "\033[1mdoc.txt\033[0m\033[1m:2:12:\033[0m \033[1;33mwarning\033[0m: Vague "
                     "threat \033[2m[threat.vague]\033[0m «serious consequences»\033[2m "
                     "(quoted)\033[0m");
    ck_assert_str_eq(nth_line(line, sizeof line, out, 2),
                     "\033[1mdoc.txt\033[0m: 2 findings (0 errors, 2 warnings, 0 info); index "
                     "70/100 (total 3, 30 per 1,000 words; 9 words)");
    ck_assert_str_eq(nth_line(line, sizeof line, out, 3),
                     "\033[1mb.txt\033[0m\033[1m:1:1:\033[0m \033[1;36minfo\033[0m: Hedge "
                     "\"maybe\" \033[2m[hedging.maybe]\033[0m «Maybe»");
    ck_assert_str_eq(nth_line(line, sizeof line, out, 4),
                     "\033[1mb.txt\033[0m\033[1m:1:7:\033[0m \033[1;31merror\033[0m: Doom "
                     "\033[2m[threat.doom]\033[0m «doom»");
    fx_close(&fx);
}
END_TEST

START_TEST(text_no_color_has_no_escapes)
{
    fixture fx;
    fx_open(&fx, RENDER_PACK, SLANT_FORMAT_TEXT, 0);
    ADD(&fx, "doc.txt", "Zoë said: serious consequences.\nThey said “serious consequences” again.");
    ADD(&fx, "b.txt", "Maybe doom.");
    const char *out = fx_finish(&fx);
    ck_assert_uint_gt(strlen(out), 100);
    ck_assert_ptr_null(strchr(out, '\033'));
    fx_close(&fx);

    /* NULL options: no colour */
    memout m;
    memout_open(&m);
    slant_renderer *r = NULL;
    ck_assert_int_eq(slant_renderer_new(&r, SLANT_FORMAT_TEXT, m.f, NULL), 0);
    slant_doc *doc = make_doc("Maybe.");
    slant_rules *rules = compile_yaml(RENDER_PACK);
    slant_scanner *s = NULL;
    ck_assert_int_eq(slant_scanner_new(&s, rules), 0);
    slant_report *rep = NULL;
    ck_assert_int_eq(slant_scanner_scan(&rep, s, doc), 0);
    ck_assert_int_eq(slant_renderer_add(r, doc, rep), 0);
    ck_assert_int_eq(slant_renderer_finish(r), 0);
    ck_assert_ptr_null(strchr(memout_close(&m), '\033'));
    slant_renderer_free(r);
    memout_free(&m);
    slant_report_free(rep);
    slant_scanner_free(s);
    slant_doc_free(doc);
    slant_rules_free(rules);
}
END_TEST

#define LABEL_PACK                                                                           \
    RULE_HEAD_ID("labeling.regime", "labeling", "warning") "    terms: [regime]\n"           \
        RULE_EXAMPLES RULE_MORE("labeling.repeated", "labeling", "error")                    \
    "    document:\n      repeated: 3\n      of: [labeling.regime]\n" RULE_EXAMPLES
#define LABEL_TEXT "The regime said. The Regime lied. The  REGIME fell."

START_TEST(text_mention_and_occurrences)
{
    fixture fx;
    fx_open(&fx, RENDER_PACK, SLANT_FORMAT_TEXT, 0);
    ADD(&fx, "m.txt", "He used the term serious consequences.");
    /* 2 * 0.25 = 0.5; D = 5; 100 (1 - e^-0.2) = 18.13 */
    ck_assert_str_eq(fx_finish(&fx),
                     "m.txt:1:18: info: Vague threat [threat.vague] «serious consequences» "
                     "(mention)\n"
                     "m.txt: 1 finding (0 errors, 0 warnings, 1 info); index 18/100 (total 0.5, "
                     "5 per 1,000 words; 6 words)\n");
    fx_close(&fx);

    fx_open(&fx, LABEL_PACK, SLANT_FORMAT_TEXT, 0);
    ADD(&fx, "l.txt", LABEL_TEXT);
    /* regime 3 * 2 = 6 (the cap); the document finding 4: T = 10; D = 100;
     * 100 (1 - e^-4) = 98.17 */
    ck_assert_str_eq(fx_finish(&fx),
                     "l.txt:1:5: warning: Test message [labeling.regime] «regime»\n"
                     "l.txt:1:5: error: Test message [labeling.repeated] «regime» (3 times: 1:5, "
                     "1:22, 1:40)\n"
                     "l.txt:1:22: warning: Test message [labeling.regime] «Regime»\n"
                     "l.txt:1:40: warning: Test message [labeling.regime] «REGIME»\n"
                     "l.txt: 4 findings (1 error, 3 warnings, 0 info); index 98/100 (total 10, "
                     "100 per 1,000 words; 9 words)\n");
    fx_close(&fx);
}
END_TEST

START_TEST(text_time_budget)
{
    fixture fx;
    fx_open(&fx, RENDER_PACK, SLANT_FORMAT_TEXT, 0);
    ck_assert_int_eq(slant_scanner_set_budget(fx.scanner, 1e-9), 0);
    ADD(&fx, "t.txt", "Maybe doom and serious consequences.");
    ck_assert_str_eq(fx_finish(&fx),
                     "t.txt: error: the time budget ran out before rule 'threat.vague' finished; "
                     "its findings here are incomplete\n"
                     "t.txt: error: the time budget ran out before rule 'hedging.maybe' finished; "
                     "its findings here are incomplete\n"
                     "t.txt: error: the time budget ran out before rule 'threat.doom' finished; "
                     "its findings here are incomplete\n"
                     "t.txt: no findings; index 0/100 (total 0, 0 per 1,000 words; 5 words)\n");
    fx_close(&fx);
}
END_TEST

/* ---- JSON ------------------------------------------------------------------ */

/* Takes the "fingerprint" members out of JSON output (in place): their
 * values are hashes, pinned down in test_markup.c. Each must be 16 hex
 * digits. */
static const char *strip_fingerprints(const char *out)
{
    static const char key[] = "\"fingerprint\": \"";
    char *s = (char *)out, *p;
    while ((p = strstr(s, key))) {
        char *v = p + sizeof key - 1;
        ck_assert_uint_eq(strspn(v, "0123456789abcdef"), 16);
        ck_assert(strncmp(v + 16, "\", ", 3) == 0);
        memmove(p, v + 19, strlen(v + 19) + 1);
        s = p;
    }
    return out;
}

START_TEST(json_document)
{
    fixture fx;
    fx_open(&fx, RENDER_PACK, SLANT_FORMAT_JSON, 0);
    ADD(&fx, "a.txt", "Serious consequences.");
    ck_assert_int_eq(slant_renderer_add_error(fx.r, "missing.txt", "cannot read: gone"), 0);
    ADD(&fx, "c.txt", "Calm.");
    ck_assert_str_eq(
        strip_fingerprints(fx_finish(&fx)),
        "{\"slant\": \"0.1.0\", \"documents\": [\n"
        "  {\"path\": \"a.txt\", \"bytes\": 21, \"words\": 2, \"sentences\": 1,\n"
        "   \"score\": {\"total\": 2, \"density\": 20, \"index\": 55, \"categories\": "
        "{\"threat\": {\"findings\": 1, \"score\": 2}}},\n"
        "   \"findings\": [\n"
        "    {\"rule\": \"threat.vague\", \"category\": \"threat\", \"severity\": \"warning\", "
        "\"weight\": 2, \"score\": 2, \"start\": 0, \"end\": 20, \"char_start\": 0, "
        "\"char_end\": 20, \"line\": 1, \"column\": 1, \"end_line\": 1, \"end_column\": 21, "
        "\"text\": \"Serious consequences\", \"voice\": \"author\", \"mention\": false, "
        "\"message\": \"Vague "
        "threat\", \"advice\": \"Be specific.\"}\n"
        "   ],\n"
        "   \"incomplete\": [],\n"
        "   \"errors\": []},\n"
        "  {\"path\": \"missing.txt\", \"findings\": [], \"errors\": [{\"line\": 0, \"column\": "
        "0, \"message\": \"cannot read: gone\"}]},\n"
        "  {\"path\": \"c.txt\", \"bytes\": 5, \"words\": 1, \"sentences\": 1,\n"
        "   \"score\": {\"total\": 0, \"density\": 0, \"index\": 0, \"categories\": {}},\n"
        "   \"findings\": [],\n"
        "   \"incomplete\": [],\n"
        "   \"errors\": []}\n"
        "]}\n");
    fx_close(&fx);
}
END_TEST

START_TEST(json_mention_occurrences_incomplete)
{
    fixture fx;
    fx_open(&fx, LABEL_PACK RULE_MORE("threat.t", "threat", "info")
                     "    patterns: ['term \\Kserious', '(a+)+$']\n" RULE_EXAMPLES,
            SLANT_FORMAT_JSON, 0);
    ADD(&fx, "j.txt", LABEL_TEXT " The term serious. aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!");
    const char *out = strip_fingerprints(fx_finish(&fx));
    ck_assert_ptr_nonnull(strstr(
        out, "\"text\": \"regime\", \"voice\": \"author\", \"mention\": false, \"message\": "
             "\"Test message\", \"advice\": \"Test advice.\", \"occurrences\": [{\"start\": 4, "
             "\"end\": 10, \"char_start\": 4, \"char_end\": 10, \"line\": 1, \"column\": 5}, "
             "{\"start\": 21, \"end\": 27, \"char_start\": 21, \"char_end\": 27, \"line\": 1, "
             "\"column\": 22}, {\"start\": 39, \"end\": 45, \"char_start\": 39, \"char_end\": 45, "
             "\"line\": 1, \"column\": 40}]}"));
    ck_assert_ptr_nonnull(strstr(out, "\"text\": \"serious\", \"voice\": \"author\", "
                                      "\"mention\": true, "));
    ck_assert_ptr_nonnull(
        strstr(out, "\"incomplete\": [{\"rule\": \"threat.t\", \"reason\": \"match limit\"}],\n"));
    fx_close(&fx);
}
END_TEST

START_TEST(json_empty)
{
    memout m;
    memout_open(&m);
    slant_renderer *r = NULL;
    ck_assert_int_eq(slant_renderer_new(&r, SLANT_FORMAT_JSON, m.f, NULL), 0);
    ck_assert_int_eq(slant_renderer_finish(r), 0);
    ck_assert_str_eq(memout_close(&m), "{\"slant\": \"0.1.0\", \"documents\": []}\n");
    slant_renderer_free(r);
    memout_free(&m);
}
END_TEST

START_TEST(json_scores_and_quotes)
{
    fixture fx;
    fx_open(&fx, RENDER_PACK, SLANT_FORMAT_JSON, 0);
    ADD(&fx, "q.txt", "Maybe “doom” and doom.");
    const char *out = fx_finish(&fx);
    /* hedging 1; doom 2 (quoted) + 4 = 6; T = 7; D = 70; 100 (1 - e^-2.8) = 93.92 */
    ck_assert_ptr_nonnull(strstr(out, "\"score\": {\"total\": 7, \"density\": 70, \"index\": 94, "
                                      "\"categories\": {\"hedging\": {\"findings\": 1, \"score\": "
                                      "1}, \"threat\": {\"findings\": 2, \"score\": 6}}},\n"));
    ck_assert_ptr_nonnull(strstr(out, "\"weight\": 4, \"score\": 2, \"start\": 9, \"end\": 13, "
                                      "\"char_start\": 7, \"char_end\": 11, \"line\": 1, "
                                      "\"column\": 8, \"end_line\": 1, \"end_column\": 12, "
                                      "\"text\": \"doom\", \"voice\": \"quote\""));
    ck_assert_ptr_nonnull(strstr(out, "\"message\": \"Hedge \\\"maybe\\\"\""));
    fx_close(&fx);
}
END_TEST

START_TEST(json_escapes_document_text)
{
    fixture fx;
    fx_open(&fx,
            RULE_HEAD_ID("threat.esc", "threat", "warning")
            "    patterns: ['A[^ ]B', 'C\\sD']\n" RULE_EXAMPLES,
            SLANT_FORMAT_JSON, 0);
    /* message of RULE_HEAD is plain; the name and the texts need escaping */
    const char text[] = "A\x01" "B A\xFF" "B C\nD A\x7F" "B";
    fx_add(&fx, "we\"ird\\name.txt", text, sizeof text - 1, SLANT_EINPUT);
    const char *out = fx_finish(&fx);
    ck_assert_ptr_nonnull(strstr(out, "\"path\": \"we\\\"ird\\\\name.txt\""));
    ck_assert_ptr_nonnull(strstr(out, "\"text\": \"A\\u0001B\""));
    ck_assert_ptr_nonnull(strstr(out, "\"text\": \"A\\ufffdB\""));
    ck_assert_ptr_nonnull(strstr(out, "\"text\": \"C\\nD\""));
    ck_assert_ptr_nonnull(strstr(out, "\"text\": \"A\\u007fB\""));
    ck_assert_ptr_nonnull(
        strstr(out, "\"errors\": [{\"line\": 1, \"column\": 6, \"message\": \"invalid UTF-8: "
                    "byte 0xFF\"}]}"));
    /* the output is valid UTF-8 without raw control characters */
    const unsigned char *p = (const unsigned char *)out;
    size_t n = strlen(out);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = utf8_decode(&cp, p + i, n - i);
        ck_assert_msg(k > 0, "invalid UTF-8 at %zu", i);
        ck_assert_msg(cp >= 0x20 || cp == '\n', "control character 0x%02X at %zu", cp, i);
        ck_assert_msg(cp != 0x7F, "DEL at %zu", i);
        i += k;
    }
    fx_close(&fx);
}
END_TEST

static const struct {
    const char *in, *out;
} json_strings[] = {
    {"plain", "\"plain\""},
    {"", "\"\""},
    {"q\"uote", "\"q\\\"uote\""},
    {"back\\slash", "\"back\\\\slash\""},
    {"a\nb\rc\td", "\"a\\nb\\rc\\td\""},
    {"\x01\x1f\x7f", "\"\\u0001\\u001f\\u007f\""},
    {"\x08\x0c", "\"\\u0008\\u000c\""},
    {"é€😀", "\"é€😀\""},
    {"bad\xFF", "\"bad\\ufffd\""},
    {"cut \xC3", "\"cut \\ufffd\""},
    {"\xE2\x82", "\"\\ufffd\\ufffd\""},
    {"\xED\xA0\x80", "\"\\ufffd\\ufffd\\ufffd\""},
    {"\xC0\xAF", "\"\\ufffd\\ufffd\""},
    {"</script>", "\"</script>\""},
};

START_TEST(json_string_escapes)
{
    memout m;
    memout_open(&m);
    render_json_string(m.f, json_strings[_i].in);
    ck_assert_str_eq(memout_close(&m), json_strings[_i].out);
    memout_free(&m);
}
END_TEST

static const struct {
    double v;
    const char *out;
} numbers[] = {
    {0, "0"},       {2, "2"},          {2.5, "2.5"},    {1.0 / 3, "0.333"}, {2.0 / 3, "0.667"},
    {0.1, "0.1"},   {1000, "1000"},    {12.3456, "12.346"}, {-1.5, "-1.5"}, {-0.0001, "0"},
    {0.0004, "0"},  {99.9999, "100"},  {1e6, "1000000"},
};

START_TEST(number_format)
{
    memout m;
    memout_open(&m);
    render_number(m.f, numbers[_i].v);
    ck_assert_str_eq(memout_close(&m), numbers[_i].out);
    memout_free(&m);
}
END_TEST

START_TEST(number_not_finite)
{
    memout m;
    memout_open(&m);
    render_number(m.f, NAN);
    fputc(' ', m.f);
    render_number(m.f, INFINITY);
    fputc(' ', m.f);
    render_number(m.f, -INFINITY);
    ck_assert_str_eq(memout_close(&m), "0 0 0");
    memout_free(&m);
}
END_TEST

/* ---- the renderer object ------------------------------------------------------ */

START_TEST(renderer_arguments)
{
    slant_renderer *r = (slant_renderer *)1;
    ck_assert_int_eq(slant_renderer_new(&r, SLANT_FORMAT_TEXT, NULL, NULL), SLANT_EINVAL);
    ck_assert_ptr_null(r);
    memout m;
    memout_open(&m);
    ck_assert_int_eq(slant_renderer_new(&r, (slant_format)99, m.f, NULL), SLANT_EINVAL);
    ck_assert_ptr_null(r);
    ck_assert_int_eq(slant_renderer_new(&r, SLANT_FORMAT_JSON, m.f, NULL), 0);
    slant_doc *doc = make_doc("x");
    ck_assert_int_eq(slant_renderer_add(r, doc, NULL), SLANT_EINVAL);
    ck_assert_int_eq(slant_renderer_add(r, NULL, NULL), SLANT_EINVAL);
    ck_assert_int_eq(slant_renderer_add_error(r, NULL, "m"), SLANT_EINVAL);
    ck_assert_int_eq(slant_renderer_add_error(r, "p", NULL), SLANT_EINVAL);
    ck_assert_int_eq(slant_renderer_finish(r), 0);
    ck_assert_int_eq(slant_renderer_finish(r), SLANT_EINVAL); /* only once */
    ck_assert_int_eq(slant_renderer_add_error(r, "p", "m"), SLANT_EINVAL); /* after finish */
    ck_assert_int_eq(slant_renderer_finish(NULL), SLANT_EINVAL);
    ck_assert_str_eq(memout_close(&m), "{\"slant\": \"0.1.0\", \"documents\": []}\n");
    slant_renderer_free(r);
    slant_renderer_free(NULL);
    slant_doc_free(doc);
    memout_free(&m);
}
END_TEST

START_TEST(renderer_write_error)
{
    FILE *f = fopen("/dev/full", "w");
    if (!f)
        return; /* no /dev/full here: nothing to test */
    slant_renderer *r = NULL;
    ck_assert_int_eq(slant_renderer_new(&r, SLANT_FORMAT_JSON, f, NULL), 0);
    ck_assert_int_eq(slant_renderer_add_error(r, "x.txt", "gone"), 0);
    ck_assert_int_eq(slant_renderer_finish(r), SLANT_EIO);
    slant_renderer_free(r);
    fclose(f);
}
END_TEST

#define N(a) ((int)(sizeof(a) / sizeof(a)[0]))

/* ---- pieces for web front ends ------------------------------------------------ */

START_TEST(html_csp_follows_the_style)
{
    char *plain, *empty, *styled;
    ck_assert_int_eq(slant_html_csp(&plain, NULL), 0);
    ck_assert_int_eq(slant_html_csp(&empty, ""), 0);
    ck_assert_int_eq(slant_html_csp(&styled, "p { color: red }"), 0);
    ck_assert_ptr_nonnull(strstr(plain, "style-src 'sha256-"));
    ck_assert_ptr_nonnull(strstr(plain, "script-src 'sha256-"));
    ck_assert_str_eq(plain, empty); /* "" adds nothing */
    ck_assert_str_ne(plain, styled); /* another style, another hash */
    /* the script is the same whatever the style */
    ck_assert_str_eq(strstr(plain, "script-src"), strstr(styled, "script-src"));
    free(plain);
    free(empty);
    free(styled);
}
END_TEST

START_TEST(html_escape_every_special)
{
    memout m;
    memout_open(&m);
    const char in[] = "<a href='x'>&\"\x01\xFF\tz";
    ck_assert_int_eq(slant_html_escape(m.f, in, sizeof in - 1), 0);
    ck_assert_str_eq(memout_close(&m),
                     "&lt;a href=&#39;x&#39;&gt;&amp;&quot;\xEF\xBF\xBD\xEF\xBF\xBD\tz");
    memout_free(&m);
}
END_TEST

START_TEST(json_string_escaped)
{
    memout m;
    memout_open(&m);
    ck_assert_int_eq(slant_json_write_string(m.f, "a\"b\\c\nd\x01<\xC3\xA9\xFF"), 0);
    ck_assert_int_eq(slant_json_write_string(m.f, NULL), 0);
    ck_assert_str_eq(memout_close(&m), "\"a\\\"b\\\\c\\nd\\u0001<\xC3\xA9\\ufffd\"\"\"");
    memout_free(&m);
}
END_TEST

START_TEST(json_document_fields)
{
    slant_json_document d;
    char err[200] = "";
    const char *ok = "{\"text\": \"a\\u0000b \\ud83d\\ude00\", \"format\": \"markdown\", "
                     "\"name\": \"x.md\"}";
    ck_assert_int_eq(slant_json_document_parse(&d, ok, strlen(ok), err, sizeof err), 0);
    ck_assert_uint_eq(d.len, 8); /* a NUL b space and a 4-byte emoji */
    ck_assert_int_eq(memcmp(d.text, "a\0b \xF0\x9F\x98\x80", 8), 0);
    ck_assert_str_eq(d.format, "markdown");
    ck_assert_str_eq(d.name, "x.md");
    slant_json_document_clear(&d);
    const char *bad[][2] = {
        {"{\"text\": \"hi\", \"colour\": 1}", "unknown key \"colour\""},
        {"{\"format\": \"html\"}", "no \"text\""},
        {"{\"text\": \"x\"", "at byte 13"},
        {"[1]", "JSON object"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err[0] = '\0';
        ck_assert_int_eq(slant_json_document_parse(&d, bad[i][0], strlen(bad[i][0]), err, sizeof err),
                         SLANT_EINPUT);
        ck_assert_ptr_null(d.text);
        ck_assert_msg(strstr(err, bad[i][1]) != NULL, "%s: %s", bad[i][0], err);
    }
}
END_TEST

Suite *render_suite(void)
{
    Suite *s = suite_create("render");
    TCase *tc = tcase_create("web pieces");
    tcase_add_test(tc, html_csp_follows_the_style);
    tcase_add_test(tc, html_escape_every_special);
    tcase_add_test(tc, json_string_escaped);
    tcase_add_test(tc, json_document_fields);
    suite_add_tcase(s, tc);
    tc = tcase_create("text");
    tcase_add_test(tc, text_lines);
    tcase_add_test(tc, text_severities_and_summary);
    tcase_add_test(tc, text_unreadable_documents);
    tcase_add_test(tc, text_excerpts);
    tcase_add_test(tc, text_incomplete_rule);
    tcase_add_test(tc, text_color);
    tcase_add_test(tc, text_no_color_has_no_escapes);
    tcase_add_test(tc, text_mention_and_occurrences);
    tcase_add_test(tc, text_time_budget);
    tcase_set_timeout(tc, 30);
    suite_add_tcase(s, tc);

    tc = tcase_create("json");
    tcase_add_test(tc, json_document);
    tcase_add_test(tc, json_empty);
    tcase_add_test(tc, json_mention_occurrences_incomplete);
    tcase_add_test(tc, json_scores_and_quotes);
    tcase_add_test(tc, json_escapes_document_text);
    tcase_add_loop_test(tc, json_string_escapes, 0, N(json_strings));
    tcase_add_loop_test(tc, number_format, 0, N(numbers));
    tcase_add_test(tc, number_not_finite);
    suite_add_tcase(s, tc);

    tc = tcase_create("renderer");
    tcase_add_test(tc, renderer_arguments);
    tcase_add_test(tc, renderer_write_error);
    suite_add_tcase(s, tc);
    return s;
}
