/* test_markup.c - Markdown and HTML to visible text (markup*.c): what is
 * read, what is skipped, the source map of every visible byte, quoted
 * voice, directives, character references, format guessing; and through
 * the text model, findings whose offsets point into the source. */
#include "suites.h"

#include "markup.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

/* The visible text with block boundaries shown as '|' ("\n\n" reads
 * as one boundary), leaving out those at the ends, which read as
 * nothing. */
static char *visible(const markup *m)
{
    char *out = malloc(m->len + 1);
    ck_assert_ptr_nonnull(out);
    size_t k = 0;
    for (size_t i = 0; i < m->len; i++) {
        if (m->text[i] == '\n' && i + 1 < m->len && m->text[i + 1] == '\n') {
            out[k++] = '|';
            i++;
        } else {
            out[k++] = m->text[i];
        }
    }
    while (k > 0 && out[k - 1] == '|')
        k--;
    out[k] = '\0';
    return out;
}

static void check_map_monotonic(const markup *m, size_t len)
{
    for (size_t i = 0; i < m->len; i++) {
        ck_assert_uint_le(m->at[i], m->end[i]);
        ck_assert_uint_le(m->end[i], len);
        if (i)
            ck_assert_uint_le(m->at[i - 1], m->at[i]);
    }
}

static const struct {
    const char *in, *out;
} md_cases[] = {
    {"# Title\n\nText here.", "Title|Text here."},
    {"Title\n=====\nText", "Title|Text"},
    {"Sub\n---\nText", "Sub|Text"},
    {"para one\nline two\n\npara two", "para one\nline two|para two"},
    {"*em* and **strong** and _u_ and snake_case_name", "em and strong and u and snake_case_name"},
    {"5 * 3 and ~~gone~~ and ~5 km", "5 * 3 and gone and ~5 km"},
    {"see [the report](http://x.org/a \"title\") now", "see the report now"},
    {"see [the report][ref] and [plain brackets]", "see the report and [plain brackets]"},
    {"[ref]: http://example.com/bloodbath\nText", "Text"},
    {"an ![image alt](i.png) here", "an  here"},
    {"code `bloodbath` span", "code  span"},
    {"unclosed `tick stays", "unclosed `tick stays"},
    {"```\nbloodbath\n```\nafter", "after"},
    {"~~~ md\nbloodbath\n~~~\nafter", "after"},
    {"intro\n\n    indented code\n\nafter", "intro|after"},
    {"---\ntitle: bloodbath\n---\nBody", "Body"},
    {"+++\ntitle = 'x'\n+++\nBody", "Body"},
    {"Body\n---\nmore", "Body|more"},
    {"- one\n- two\n  continued\n1. three", "one|two\ncontinued|three"},
    {"- [ ] task\n- [x] done", "task|done"},
    {"> quoted\n> still\n\nnot", "quoted\nstill|not"},
    {"a <em>b</em> c<br>d", "a b c|d"},
    {"a <!-- comment --> b", "a  b"},
    {"<div>\nblock <b>html</b>\n</div>\n\nafter", "block html|after"},
    {"<!--\nmulti\nline\n-->\nafter", "after"},
    {"<script>\nx = 1\n</script>\nafter", "after"},
    {"a &amp; b &rsquo; &#8220;c&#x201D; &bogus; &amp", "a & b \xE2\x80\x99 \xE2\x80\x9C" "c\xE2\x80\x9D &bogus; &amp"},
    {"escaped \\*not em\\* and \\# and \\q", "escaped *not em* and # and \\q"},
    {"auto <https://x.org/bloodbath> and <a@b.org> end", "auto  and  end"},
    {"bare https://x.org/bloodbath. Next www.x.org/y", "bare . Next "},
    {"note[^1] here\n\n[^1]: The footnote text.", "note here|The footnote text."},
    {"| Head | Two |\n|---|:---:|\n| cell one | `code` |", "Head|Two|cell one"},
    {"\xEF\xBB\xBFText", "Text"},
    {"line\r\nnext\r\n\r\npara", "line\nnext|para"},
    {"[unclosed bracket and text", "[unclosed bracket and text"},
};

START_TEST(markdown_visible_text)
{
    const char *in = md_cases[_i].in;
    markup m;
    ck_assert_int_eq(markup_markdown(&m, in, strlen(in)), 0);
    char *v = visible(&m);
    ck_assert_msg(strcmp(v, md_cases[_i].out) == 0, "markdown %s\n got [%s]\nwant [%s]", in, v,
                  md_cases[_i].out);
    check_map_monotonic(&m, strlen(in));
    free(v);
    markup_free(&m);
}
END_TEST

static const struct {
    const char *in, *out;
} html_cases[] = {
    {"<p>one</p><p>two</p>", "one|two"},
    {"<h1>Head</h1>text<br/>more", "Head|text|more"},
    {"<ul><li>a<li>b</ul>", "a|b"},
    {"re<em>tal</em>iation", "retaliation"},
    {"a\n\n\n   b", "a\nb"},
    {"a  \t b", "a b"},
    {"<script>var x = '<p>';</script>after", "after"},
    {"<style>p{}</style>after", "after"},
    {"x<code>bloodbath</code>y", "x|y"},
    {"<pre>a<pre>b</pre>c</pre>d", "d"},
    {"<a href=\"x>y\" title='bloodbath'>link</a>", "link"},
    {"1 < 2 and 3 > 2", "1 < 2 and 3 > 2"},
    {"<3 and a<b", "<3 and a<b"},
    {"<!DOCTYPE html><?xml x?><![CDATA[bloodbath]]>text", "text"},
    {"&ldquo;q&rdquo; &#146;s &#0; &#xD800; &#x110000;", "\xE2\x80\x9Cq\xE2\x80\x9D \xE2\x80\x99s \xEF\xBF\xBD \xEF\xBF\xBD \xEF\xBF\xBD"},
    {"<td>a</td><td>b</td>", "a|b"},
    {"<head><title>T</title><meta x></head><body>B</body>", "B"},
    {"<p>unclosed <b>bold", "unclosed bold"},
    {"<!-- never closed", ""},
};

START_TEST(html_visible_text)
{
    const char *in = html_cases[_i].in;
    markup m;
    ck_assert_int_eq(markup_html(&m, in, strlen(in)), 0);
    char *v = visible(&m);
    ck_assert_msg(strcmp(v, html_cases[_i].out) == 0, "html %s\n got [%s]\nwant [%s]", in, v,
                  html_cases[_i].out);
    check_map_monotonic(&m, strlen(in));
    free(v);
    markup_free(&m);
}
END_TEST

START_TEST(map_of_entities_escapes_and_tags)
{
    /* "a &amp; \*b\* <em>c</em>": visible "a & *b* c" */
    const char *in = "a &amp; \\*b\\* <em>c</em>";
    markup m;
    ck_assert_int_eq(markup_markdown(&m, in, strlen(in)), 0);
    ck_assert_uint_ge(m.len, 9); /* and the paragraph's end */
    ck_assert_int_eq(memcmp(m.text, "a & *b* c", 9), 0);
    /* the '&' comes from the whole entity [2, 7) */
    ck_assert_uint_eq(m.at[2], 2);
    ck_assert_uint_eq(m.end[2], 7);
    /* the escaped '*' from the backslash and the star [8, 10) */
    ck_assert_uint_eq(m.at[4], 8);
    ck_assert_uint_eq(m.end[4], 10);
    /* 'c' is itself, inside <em> */
    ck_assert_uint_eq(m.at[8], 18);
    ck_assert_uint_eq(m.end[8], 19);
    markup_free(&m);

    /* a multi-byte entity: every byte of ’ maps to &rsquo; */
    in = "it&rsquo;s";
    ck_assert_int_eq(markup_html(&m, in, strlen(in)), 0);
    ck_assert_uint_eq(m.len, 6);
    for (size_t i = 2; i < 5; i++) {
        ck_assert_uint_eq(m.at[i], 2);
        ck_assert_uint_eq(m.end[i], 9);
    }
    ck_assert_uint_eq(m.at[5], 9); /* 's' */
    markup_free(&m);
}
END_TEST

START_TEST(quoted_blocks)
{
    const char *in = "Before.\n\n> A quoted\n> paragraph.\n\nAfter.";
    markup m;
    ck_assert_int_eq(markup_markdown(&m, in, strlen(in)), 0);
    ck_assert_uint_eq(m.nquotes, 1);
    char q[64];
    size_t n = m.quotes[0].end - m.quotes[0].start;
    ck_assert_uint_lt(n, sizeof q);
    memcpy(q, m.text + m.quotes[0].start, n);
    q[n] = '\0';
    ck_assert_str_eq(q, "A quoted\nparagraph.");
    markup_free(&m);

    in = "<p>He said <q>no <q>never</q> again</q>.</p><blockquote>Block</blockquote>";
    ck_assert_int_eq(markup_html(&m, in, strlen(in)), 0);
    ck_assert_uint_eq(m.nquotes, 2); /* nested quotations count once */
    n = m.quotes[0].end - m.quotes[0].start;
    memcpy(q, m.text + m.quotes[0].start, n);
    q[n] = '\0';
    ck_assert_str_eq(q, "no never again");
    markup_free(&m);
}
END_TEST

START_TEST(directives)
{
    const char *in = "<!-- slant-disable threat, loaded-language -- the quote is the news -->\n"
                     "<!-- an ordinary comment -->\n"
                     "<!--slant-enable-->\n"
                     "<!-- slant-disable-next-line -->\n"
                     "<!-- slant-disabel x -->\n";
    markup m;
    ck_assert_int_eq(markup_html(&m, in, strlen(in)), 0);
    ck_assert_uint_eq(m.ndirs, 4);
    ck_assert_int_eq(m.dirs[0].kind, DIR_DISABLE);
    ck_assert_uint_eq(m.dirs[0].nnames, 2);
    ck_assert_str_eq(m.dirs[0].names[0], "threat");
    ck_assert_str_eq(m.dirs[0].names[1], "loaded-language");
    ck_assert_uint_eq(m.dirs[0].start, 0);
    ck_assert_uint_eq(m.dirs[0].end, strchr(in, '\n') - in);
    ck_assert_int_eq(m.dirs[1].kind, DIR_ENABLE);
    ck_assert_uint_eq(m.dirs[1].nnames, 0);
    ck_assert_int_eq(m.dirs[2].kind, DIR_NEXT_LINE);
    ck_assert_int_eq(m.dirs[3].kind, DIR_UNKNOWN);
    ck_assert_str_eq(m.dirs[3].word, "slant-disabel");
    markup_free(&m);

    /* plain text: directive lines leave the text, nothing else does */
    in = "One.\n  [slant-disable threat]  \nTwo [slant-disable x] stays.\n";
    ck_assert_int_eq(markup_text(&m, in, strlen(in)), 0);
    ck_assert_uint_eq(m.ndirs, 1);
    ck_assert_uint_eq(m.len, strlen("One.\nTwo [slant-disable x] stays.\n"));
    ck_assert_int_eq(memcmp(m.text, "One.\nTwo [slant-disable x] stays.\n", m.len), 0);
    ck_assert_uint_eq(m.at[5], strlen("One.\n  [slant-disable threat]  \n"));
    markup_free(&m);
    in = "No directives [here].";
    ck_assert_int_eq(markup_text(&m, in, strlen(in)), 1);
    markup_free(&m);
}
END_TEST

START_TEST(entities)
{
    uint32_t cp;
    ck_assert_uint_eq(markup_entity(&cp, "&amp;x", 6), 5);
    ck_assert_uint_eq(cp, '&');
    ck_assert_uint_eq(markup_entity(&cp, "&nbsp;", 6), 6);
    ck_assert_uint_eq(cp, 0xA0);
    ck_assert_uint_eq(markup_entity(&cp, "&#8220;", 7), 7);
    ck_assert_uint_eq(cp, 0x201C);
    ck_assert_uint_eq(markup_entity(&cp, "&#x201d;", 8), 8);
    ck_assert_uint_eq(cp, 0x201D);
    ck_assert_uint_eq(markup_entity(&cp, "&#150;", 6), 6);
    ck_assert_uint_eq(cp, 0x2013); /* Windows-1252 en dash */
    ck_assert_uint_eq(markup_entity(&cp, "&#xDFFF;", 8), 8);
    ck_assert_uint_eq(cp, 0xFFFD);
    ck_assert_uint_eq(markup_entity(&cp, "&amp", 4), 0);
    ck_assert_uint_eq(markup_entity(&cp, "&nosuch;", 8), 0);
    ck_assert_uint_eq(markup_entity(&cp, "&#;", 3), 0);
    ck_assert_uint_eq(markup_entity(&cp, "& b", 3), 0);
}
END_TEST

START_TEST(format_guess)
{
    ck_assert_int_eq(slant_input_format_guess("a/b.md", NULL, 0), SLANT_INPUT_MARKDOWN);
    ck_assert_int_eq(slant_input_format_guess("B.MARKDOWN", NULL, 0), SLANT_INPUT_MARKDOWN);
    ck_assert_int_eq(slant_input_format_guess("x.htm", "# no", 4), SLANT_INPUT_HTML);
    ck_assert_int_eq(slant_input_format_guess("x.txt", "<html>", 6), SLANT_INPUT_TEXT);
    ck_assert_int_eq(slant_input_format_guess(".hidden", "plain", 5), SLANT_INPUT_TEXT);
    const char *h = "\n  <!DOCTYPE html><p>x</p>";
    ck_assert_int_eq(slant_input_format_guess(NULL, h, strlen(h)), SLANT_INPUT_HTML);
    h = "<div class=x>text</div>";
    ck_assert_int_eq(slant_input_format_guess(NULL, h, strlen(h)), SLANT_INPUT_HTML);
    h = "Intro\n\n## Heading\ntext";
    ck_assert_int_eq(slant_input_format_guess("-", h, strlen(h)), SLANT_INPUT_MARKDOWN);
    h = "---\ntitle: x\n---\nBody";
    ck_assert_int_eq(slant_input_format_guess(NULL, h, strlen(h)), SLANT_INPUT_MARKDOWN);
    h = "A plain #hashtag article with 3 < 4.";
    ck_assert_int_eq(slant_input_format_guess(NULL, h, strlen(h)), SLANT_INPUT_TEXT);
    slant_input_format f;
    ck_assert_int_eq(slant_input_format_parse(&f, "md"), 0);
    ck_assert_int_eq(f, SLANT_INPUT_MARKDOWN);
    ck_assert_int_eq(slant_input_format_parse(&f, "rtf"), SLANT_EINVAL);
    ck_assert_str_eq(slant_input_format_name(SLANT_INPUT_HTML), "html");
}
END_TEST

/* ---- through the text model and the scanner ------------------------------ */

#define THREAT_PACK                                                                         \
    RULE_HEAD                                                                              \
    "    patterns: ['\\bsevere\\s+retaliatory\\s+action\\s+will\\s+follow\\b']\n"           \
    RULE_EXAMPLES                                                                          \
    RULE_MORE("loaded-language.x", "loaded-language", "info")                              \
    "    terms: [\"they'll pay\", bloodbath]\n"                                            \
    RULE_EXAMPLES

static slant_report *scan_format(const slant_rules *rules, const char *src,
                                 slant_input_format fmt, slant_doc **doc)
{
    ck_assert_int_eq(slant_doc_new_format(doc, "d", src, strlen(src), fmt, NULL, NULL), 0);
    slant_scanner *s = NULL;
    ck_assert_int_eq(slant_scanner_new(&s, rules), 0);
    slant_report *rep = NULL;
    ck_assert_int_eq(slant_scanner_scan(&rep, s, *doc), 0);
    slant_scanner_free(s);
    return rep;
}

START_TEST(findings_point_into_the_source)
{
    slant_rules *rules = compile_yaml(THREAT_PACK);
    ck_assert_msg(rules != NULL, "%s", diag_log_dump(&g_diags));
    const char *src = "<h1>Zoë</h1>\n<p>Then severe <em>retaliatory</em> action will follow; "
                      "they&rsquo;ll pay.</p>";
    slant_doc *doc;
    slant_report *rep = scan_format(rules, src, SLANT_INPUT_HTML, &doc);
    ck_assert_uint_eq(slant_report_count(rep), 2);
    const slant_finding *f = slant_report_finding(rep, 0);
    ck_assert_str_eq(f->rule, "threat.t");
    ck_assert_uint_eq(f->start, offset_of(src, "severe"));
    ck_assert_uint_eq(f->end, offset_of(src, "; they"));
    ck_assert_str_eq(f->text, "severe <em>retaliatory</em> action will follow");
    ck_assert_uint_eq(f->line, 2);
    ck_assert_uint_eq(f->column, 9);
    f = slant_report_finding(rep, 1);
    ck_assert_str_eq(f->text, "they&rsquo;ll pay"); /* the entity inside, whole */
    ck_assert_uint_eq(f->end, offset_of(src, ".</p>"));
    /* the heading is its own sentence */
    ck_assert_uint_eq(slant_doc_sentences(doc), 2);
    slant_report_free(rep);
    slant_doc_free(doc);
    slant_rules_free(rules);
}
END_TEST

START_TEST(block_quote_is_quoted_voice)
{
    slant_rules *rules = compile_yaml(THREAT_PACK);
    ck_assert_ptr_nonnull(rules);
    const char *src = "Intro.\n\n> Severe retaliatory action will follow, he said.\n\n"
                      "Severe retaliatory action will follow.";
    slant_doc *doc;
    slant_report *rep = scan_format(rules, src, SLANT_INPUT_MARKDOWN, &doc);
    ck_assert_uint_eq(slant_report_count(rep), 2);
    ck_assert_int_eq(slant_report_finding(rep, 0)->voice, SLANT_VOICE_QUOTE);
    ck_assert_int_eq(slant_report_finding(rep, 1)->voice, SLANT_VOICE_AUTHOR);
    slant_report_free(rep);
    slant_doc_free(doc);
    slant_rules_free(rules);
}
END_TEST

START_TEST(suppressions_mark_and_report)
{
    slant_rules *rules = compile_yaml(THREAT_PACK);
    ck_assert_ptr_nonnull(rules);
    const char *src = "<!-- slant-disable-next-line threat -->\n"
                      "Severe retaliatory action will follow.\n"
                      "A bloodbath.\n"
                      "<!-- slant-disable loaded-language -->\n";
    slant_doc *doc;
    slant_report *rep = scan_format(rules, src, SLANT_INPUT_MARKDOWN, &doc);
    ck_assert_uint_eq(slant_report_count(rep), 2);
    ck_assert_int_eq(slant_report_finding(rep, 0)->suppressed, SLANT_SUPPRESSED_COMMENT);
    ck_assert_int_eq(slant_report_finding(rep, 1)->suppressed, 0);
    ck_assert_uint_eq(slant_report_suppression_count(rep), 2);
    const slant_suppression *u = slant_report_suppression(rep, 0);
    ck_assert_uint_eq(u->suppressed, 1);
    ck_assert_ptr_null(u->problem);
    u = slant_report_suppression(rep, 1);
    ck_assert_uint_eq(u->line, 4);
    ck_assert_str_eq(u->names, "loaded-language");
    ck_assert_str_eq(u->problem, "suppresses nothing");
    /* the suppressed error does not count: an info finding and an unused
     * suppression are left */
    ck_assert_int_eq(slant_report_max_severity(rep), SLANT_SEVERITY_INFO);
    ck_assert(slant_report_score(rep)->total > 0.9 && slant_report_score(rep)->total < 1.1);
    /* a baseline suppression keeps the score, not the severity */
    ck_assert_int_eq(slant_report_suppress(rep, 1, SLANT_SUPPRESSED_BASELINE), 0);
    ck_assert(slant_report_score(rep)->total > 0.9);
    ck_assert_int_eq(slant_report_suppress(rep, 9, SLANT_SUPPRESSED_BASELINE), SLANT_EINVAL);
    slant_report_free(rep);
    slant_doc_free(doc);
    slant_rules_free(rules);
}
END_TEST

START_TEST(fingerprints_survive_edits_elsewhere)
{
    slant_rules *rules = compile_yaml(THREAT_PACK);
    ck_assert_ptr_nonnull(rules);
    const char *a = "A bloodbath, they said.\n\nIt was a bloodbath.";
    const char *b = "# New heading\n\nAdded text above.\n\nA *bloodbath*,   they said.\n\n"
                    "It was a bloodbath. It was a bloodbath.";
    slant_doc *da, *db;
    slant_report *ra = scan_format(rules, a, SLANT_INPUT_MARKDOWN, &da);
    slant_report *rb = scan_format(rules, b, SLANT_INPUT_MARKDOWN, &db);
    ck_assert_uint_eq(slant_report_count(ra), 2);
    ck_assert_uint_eq(slant_report_count(rb), 3);
    ck_assert_str_eq(slant_report_finding(ra, 0)->fingerprint,
                     slant_report_finding(rb, 0)->fingerprint);
    ck_assert_str_eq(slant_report_finding(ra, 1)->fingerprint,
                     slant_report_finding(rb, 1)->fingerprint);
    /* a repeat in the same words gets a fingerprint of its own */
    ck_assert_str_ne(slant_report_finding(rb, 1)->fingerprint,
                     slant_report_finding(rb, 2)->fingerprint);
    /* the baseline of a holds two of b's three */
    slant_baseline *base;
    ck_assert_int_eq(slant_baseline_new(&base), 0);
    ck_assert_int_eq(slant_baseline_add(base, da, ra), 0);
    /* b under a's name */
    slant_doc *db2;
    ck_assert_int_eq(slant_doc_new_format(&db2, "d", b, strlen(b), SLANT_INPUT_MARKDOWN, NULL,
                                          NULL), 0);
    size_t matched = 0;
    ck_assert_int_eq(slant_baseline_apply(&matched, base, db2, rb), 0);
    ck_assert_uint_eq(matched, 2);
    ck_assert_int_eq(slant_report_finding(rb, 2)->suppressed, 0);
    ck_assert_int_eq(slant_report_max_severity(rb), SLANT_SEVERITY_INFO);
    /* written and read back, the same entries */
    memout m;
    memout_open(&m);
    ck_assert_int_eq(slant_baseline_write(base, m.f), 0);
    const char *text = memout_close(&m);
    slant_baseline *back;
    ck_assert_int_eq(slant_baseline_new(&back), 0);
    ck_assert_int_eq(slant_baseline_load(back, "b.jsonl", text, strlen(text), NULL, NULL), 0);
    ck_assert_uint_eq(slant_baseline_count(back), 2);
    ck_assert_str_eq(slant_baseline_entry_at(back, 1)->fingerprint,
                     slant_report_finding(ra, 1)->fingerprint);
    diag_log log;
    diag_log_reset(&log);
    const char *bad = "{\"slant_baseline\": 1}\n{\"path\": \"d\", \"rule\": \"x\"}\n";
    ck_assert_int_eq(slant_baseline_load(back, "b.jsonl", bad, strlen(bad), diag_collect, &log),
                     SLANT_EINPUT);
    ck_assert_uint_eq(log.n, 1);
    ck_assert_uint_eq(log.line[0], 2);
    memout_free(&m);
    slant_baseline_free(base);
    slant_baseline_free(back);
    slant_report_free(ra);
    slant_report_free(rb);
    slant_doc_free(da);
    slant_doc_free(db);
    slant_doc_free(db2);
    slant_rules_free(rules);
}
END_TEST

START_TEST(config_located_errors_and_overrides)
{
    diag_log log;
    diag_log_reset(&log);
    slant_config *cfg = NULL;
    const char *bad = "packs: [builtin]\nfail-on: loud\nwords:\n  threat: [ ]\n";
    ck_assert_int_eq(slant_config_load(&cfg, "dir/.slant.yaml", bad, strlen(bad), diag_collect,
                                       &log), SLANT_EINPUT);
    ck_assert_ptr_null(cfg);
    ck_assert_uint_eq(log.n, 2);
    ck_assert_str_eq(log.text[0], "dir/.slant.yaml:2:10: 'fail-on' must be info, warning, error "
                                  "or never");
    ck_assert_uint_eq(log.line[1], 4);

    const char *ok = "# house\npacks: [house/rules.yaml]\nseverity: {threat: info}\n"
                     "weight: {threat.t: 7}\nwords: {euphemism: [neutralised]}\n";
    ck_assert_int_eq(slant_config_load(&cfg, "dir/.slant.yaml", ok, strlen(ok), NULL, NULL), 0);
    const slant_setting *s = slant_config_get(cfg, "packs");
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(s->path, "dir/house/rules.yaml");
    ck_assert_uint_eq(s->line, 2);
    slant_compiler *c;
    ck_assert_int_eq(slant_compiler_new(&c), 0);
    ck_assert_int_eq(slant_compiler_add_string(c, "t.yaml", THREAT_PACK, strlen(THREAT_PACK)), 0);
    ck_assert_int_eq(slant_config_apply(cfg, c, 0), 0);
    slant_rules *rules = NULL;
    ck_assert_int_eq(slant_compiler_finish(&rules, c), 0);
    slant_compiler_free(c);
    slant_rule_info ri;
    ck_assert_int_eq(slant_rules_info(&ri, rules, (size_t)slant_rules_find(rules, "threat.t")), 0);
    ck_assert_int_eq(ri.severity, SLANT_SEVERITY_INFO);
    ck_assert(ri.weight == 7);
    long h = slant_rules_find(rules, "euphemism.house");
    ck_assert_int_ge(h, 0);
    ck_assert_int_eq(slant_rules_info(&ri, rules, (size_t)h), 0);
    ck_assert_str_eq(ri.file, "dir/.slant.yaml");
    ck_assert_uint_eq(ri.line, 5);
    slant_rules_free(rules);
    slant_config_free(cfg);

    /* a comment-only file sets nothing */
    ck_assert_int_eq(slant_config_load(&cfg, "c.yaml", "# nothing\n\n", 11, NULL, NULL), 0);
    ck_assert_uint_eq(slant_config_count(cfg), 0);
    slant_config_free(cfg);
}
END_TEST

START_TEST(hostile_markup_is_linear)
{
    /* unmatched brackets and backticks, unclosed tags: each must not make
     * a pass quadratic (the scan finishes well inside the test timeout) */
    size_t n = 400000;
    char *s = malloc(n + 1);
    ck_assert_ptr_nonnull(s);
    const char *unit[] = {"[", "`", "<a ", "&", "*_", "[x](", "> ", "<!--"};
    for (size_t u = 0; u < sizeof unit / sizeof *unit; u++) {
        size_t k = strlen(unit[u]);
        for (size_t i = 0; i < n; i++)
            s[i] = unit[u][i % k];
        s[n] = '\0';
        markup m;
        ck_assert_int_eq(markup_markdown(&m, s, n), 0);
        check_map_monotonic(&m, n);
        markup_free(&m);
        ck_assert_int_eq(markup_html(&m, s, n), 0);
        markup_free(&m);
    }
    free(s);
}
END_TEST

/* Random documents glued from the constructs the converters read, in
 * all three formats: no crash (the ASan run of the suite checks memory),
 * maps that never go backwards or past the source, findings inside it. */
START_TEST(random_markup)
{
    static const char *const toks[] = {
        "[", "]", "(", ")", "`", "```", "<", "</", ">", "<!--", "-->", "&amp;", "&#", "&",
        "*", "_", "~~", "\\", "\n", "\n\n", "> ", "- ", "1. ", "#", "|", "---", "<p>", "<q>",
        "</q>", "<blockquote>", "<script>", "</script>", "<pre>", "\"", "'", " ", "a",
        "bloodbath", "\xC3\xA9", "\xE2\x80\x9C", "\xFF", "<!-- slant-disable -->",
        "<!-- slant-enable x -->", "[slant-disable-next-line]", "\r\n", "    ", "http://x",
        "![a](b)", "[a]: b", "[^1]", "&rsquo;", "severe retaliatory action will follow",
    };
    slant_rules *rules = compile_yaml(THREAT_PACK);
    ck_assert_ptr_nonnull(rules);
    slant_scanner *sc = NULL;
    ck_assert_int_eq(slant_scanner_new(&sc, rules), 0);
    unsigned long st = 12345;
    char buf[2048];
    for (int it = 0; it < 600; it++) {
        size_t n = 0;
        st = st * 6364136223846793005ULL + 1442695040888963407ULL;
        int k = (int)((st >> 33) % 120);
        for (int j = 0; j < k; j++) {
            st = st * 6364136223846793005ULL + 1442695040888963407ULL;
            const char *t = toks[(st >> 33) % (sizeof toks / sizeof *toks)];
            size_t l = strlen(t);
            if (n + l >= sizeof buf)
                break;
            memcpy(buf + n, t, l);
            n += l;
        }
        for (int f = 0; f <= SLANT_INPUT_HTML; f++) {
            char *copy = malloc(n ? n : 1); /* exactly n bytes: reads past show under ASan */
            ck_assert_ptr_nonnull(copy);
            memcpy(copy, buf, n);
            slant_doc *d = NULL;
            slant_doc_new_format(&d, "r", copy, n, (slant_input_format)f, NULL, NULL);
            ck_assert_ptr_nonnull(d);
            for (size_t i = 0; i < d->nlen; i++)
                ck_assert(d->map[i] <= n && (i == 0 || d->map[i] >= d->map[i - 1]));
            slant_report *rep = NULL;
            slant_scanner_scan(&rep, sc, d);
            ck_assert_ptr_nonnull(rep);
            for (size_t i = 0; i < slant_report_count(rep); i++) {
                const slant_finding *x = slant_report_finding(rep, i);
                ck_assert(x->start <= x->end && x->end <= n);
            }
            slant_report_free(rep);
            slant_doc_free(d);
            free(copy);
        }
    }
    slant_scanner_free(sc);
    slant_rules_free(rules);
}
END_TEST

Suite *markup_suite(void)
{
    Suite *s = suite_create("markup");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 30);
    tcase_add_loop_test(tc, markdown_visible_text, 0, sizeof md_cases / sizeof *md_cases);
    tcase_add_loop_test(tc, html_visible_text, 0, sizeof html_cases / sizeof *html_cases);
    tcase_add_test(tc, map_of_entities_escapes_and_tags);
    tcase_add_test(tc, quoted_blocks);
    tcase_add_test(tc, directives);
    tcase_add_test(tc, entities);
    tcase_add_test(tc, format_guess);
    tcase_add_test(tc, findings_point_into_the_source);
    tcase_add_test(tc, block_quote_is_quoted_voice);
    tcase_add_test(tc, suppressions_mark_and_report);
    tcase_add_test(tc, fingerprints_survive_edits_elsewhere);
    tcase_add_test(tc, config_located_errors_and_overrides);
    tcase_add_test(tc, hostile_markup_is_linear);
    tcase_add_test(tc, random_markup);
    suite_add_tcase(s, tc);
    return s;
}
