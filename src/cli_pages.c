/* cli_pages.c - what `slant serve` answers with, written to a stream: the
 * head and form of its pages, the rules page, the rules as JSON. The
 * report itself is the html format's (slant_html_write_document); every
 * byte of text from a request or a rule goes through slant_html_escape. */
#include "cli.h"

#include <string.h>

/* The page's own rules, added to the report's style sheet (and hashed
 * into the Content-Security-Policy with it). */
const char serve_css[] =
    "nav.site{margin:.4rem 0 0;font-weight:600}\n"
    "nav.site a{color:var(--accent);margin-right:1rem}\n"
    "form.check{background:var(--panel);border:1px solid var(--line);border-radius:10px;"
    "padding:1rem 1.25rem;margin:0 0 1.5rem}\n"
    "form.check label.big{display:block;font-weight:700;margin-bottom:.35rem}\n"
    "form.check textarea{width:100%;min-height:14rem;resize:vertical;padding:.6rem;"
    "font:1rem/1.5 Charter,Georgia,'DejaVu Serif',serif;border:1px solid var(--line);"
    "border-radius:6px;background:#fff;color:var(--ink)}\n"
    "form.check .row{display:flex;flex-wrap:wrap;gap:.75rem 1.5rem;align-items:center;"
    "margin-top:.75rem}\n"
    "form.check button{font:inherit;font-weight:700;padding:.45rem 1.6rem;border-radius:6px;"
    "border:0;background:var(--ink);color:#fff;cursor:pointer}\n"
    "form.check button:focus{outline:3px solid var(--accent);outline-offset:2px}\n"
    ".problem{border:2px solid var(--error);border-radius:8px;padding:.5rem .9rem;"
    "color:var(--error);font-weight:600}\n"
    "ol.rules{list-style:none;padding:0;margin:0}\n"
    "li.rule{border:1px solid var(--line);border-left:6px solid var(--bg);border-radius:8px;"
    "padding:.6rem .9rem;margin:.6rem 0}\n"
    "ul.ex{margin:.2rem 0 0;padding-left:1.25rem;font-family:Charter,Georgia,"
    "'DejaVu Serif',serif}\n"
    "ul.toc{columns:16rem;padding-left:1.25rem}\n";

static void put_html(FILE *f, const char *s) { slant_html_escape(f, s, s ? strlen(s) : 0); }

/* ------------------------------------------------------------------ */
/* Pages                                                                */

void serve_page_top(FILE *f, const char *title)
{
    slant_html_write_head_css(f, title, serve_css);
    fputs("<header class=\"top\"><h1>slant</h1>\n<p>Paste or upload a news article to see "
          "its rhetorical and framing patterns highlighted and explained. Nothing you send is "
          "stored: the text lives in this server's memory only while its page is made.</p>\n"
          "<nav class=\"site\"><a href=\"/\">Check a text</a><a href=\"/rules\">The rules</a>"
          "</nav></header>\n",
          f);
}

static const struct {
    const char *value, *label;
} formats[] = {{"auto", "guess"}, {"text", "plain text"}, {"markdown", "Markdown"},
               {"html", "HTML"}};

void serve_page_form(FILE *f, const char *text, size_t len, const char *format,
                     const char *problem)
{
    if (problem) {
        fputs("<p class=\"problem\" role=\"alert\">", f);
        put_html(f, problem);
        fputs("</p>\n", f);
    }
    fputs("<form class=\"check\" method=\"post\" action=\"/check\" "
          "enctype=\"multipart/form-data\">\n"
          "<label class=\"big\" for=\"text\">The article</label>\n"
          /* the newline after the tag: a parser drops the first one, so a
           * text that starts with a line break keeps it */
          "<textarea id=\"text\" name=\"text\" rows=\"14\" spellcheck=\"false\" "
          "placeholder=\"Paste the text of an article here.\">\n",
          f);
    slant_html_escape(f, text ? text : "", text ? len : 0);
    fputs("</textarea>\n<div class=\"row\">\n<label>or a file (.txt, .md, .html): "
          "<input type=\"file\" id=\"file\" name=\"file\" "
          "accept=\".txt,.text,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html\">"
          "</label>\n<label>read as <select id=\"format\" name=\"format\">",
          f);
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        fprintf(f, "<option value=\"%s\"%s>%s</option>", formats[i].value,
                format && strcmp(format, formats[i].value) == 0 ? " selected" : "",
                formats[i].label);
    fputs("</select></label>\n<button type=\"submit\" id=\"check\">Check</button>\n</div>\n"
          "</form>\n",
          f);
}

void serve_page_intro(FILE *f)
{
    fputs("<p class=\"small\">slant marks surface cues of framing and propaganda "
          "techniques: unnamed sources, threats, loaded words and more. Click a highlight "
          "to see what it is, why it matters and how an editor would write it instead. "
          "<a href=\"/rules\">The rules</a> list every pattern with examples.</p>\n",
          f);
}

void serve_page_rules(FILE *f, const slant_rules *rules)
{
    serve_page_top(f, "slant: the rules");
    size_t n = slant_rules_count(rules);
    fprintf(f, "<h2>The rules</h2>\n<p>%zu rules are active. Each one looks for a pattern in "
               "the wording; the examples show what it matches and what it leaves alone.</p>\n"
               "<ul class=\"toc\">\n",
            n);
    for (size_t k = 0; k < slant_category_count(); k++) {
        const char *cat = slant_category_id(k);
        size_t m = 0;
        slant_rule_info ri;
        for (size_t i = 0; i < n; i++)
            if (slant_rules_info(&ri, rules, i) == 0 && strcmp(ri.category, cat) == 0)
                m++;
        if (m)
            fprintf(f, "<li><a href=\"#cat-%s\">%s</a> (%zu)</li>\n", cat, cat, m);
    }
    fputs("</ul>\n", f);
    for (size_t k = 0; k < slant_category_count(); k++) {
        const char *cat = slant_category_id(k);
        int opened = 0;
        for (size_t i = 0; i < n; i++) {
            slant_rule_info ri;
            if (slant_rules_info(&ri, rules, i) != 0 || strcmp(ri.category, cat) != 0)
                continue;
            if (!opened) {
                fprintf(f, "<h3 id=\"cat-%s\">%s</h3>\n<ol class=\"rules\">\n", cat, cat);
                opened = 1;
            }
            const char *sev = slant_severity_name(ri.severity);
            fprintf(f, "<li class=\"rule cat-%s\" id=\"rule-", cat);
            put_html(f, ri.id);
            fprintf(f, "\"><div class=\"fhead\"><span class=\"sw\"></span><span class=\"tag "
                       "sev-%s\">%s</span> <span class=\"msg\">",
                    sev, sev);
            put_html(f, ri.message);
            fputs("</span></div>\n<dl class=\"facts\"><dt>Rule</dt><dd><code>", f);
            put_html(f, ri.id);
            fputs("</code></dd><dt>Pack</dt><dd>", f);
            put_html(f, ri.pack);
            fputs("</dd></dl>\n<h4>What it is</h4><p class=\"explain\">", f);
            put_html(f, ri.explain);
            fputs("</p>\n<p class=\"advice\"><b>Advice for editors:</b> ", f);
            put_html(f, ri.advice);
            fputs("</p>\n", f);
            for (int match = 1; match >= 0; match--) {
                const char *ex = slant_rules_example(rules, i, match, 0);
                if (!ex)
                    continue;
                fputs(match ? "<h4>It matches</h4><ul class=\"ex\">"
                            : "<h4>It leaves alone</h4><ul class=\"ex\">",
                      f);
                for (size_t e = 0; (ex = slant_rules_example(rules, i, match, e)); e++) {
                    fputs("<li>", f);
                    put_html(f, ex);
                    fputs("</li>", f);
                }
                fputs("</ul>\n", f);
            }
            fputs("</li>\n", f);
        }
        if (opened)
            fputs("</ol>\n", f);
    }
    slant_html_write_tail(f);
}

void serve_rules_json(FILE *f, const slant_rules *rules)
{
    fprintf(f, "{\"slant\": \"%s\", \"rules\": [", SLANT_VERSION);
    size_t n = slant_rules_count(rules);
    for (size_t i = 0; i < n; i++) {
        slant_rule_info ri;
        if (slant_rules_info(&ri, rules, i) != 0)
            continue;
        fputs(i ? ",\n" : "\n", f);
        fputs("{\"id\": ", f);
        slant_json_write_string(f, ri.id);
        fputs(", \"category\": ", f);
        slant_json_write_string(f, ri.category);
        fprintf(f, ", \"severity\": \"%s\", \"weight\": %g, \"message\": ",
                slant_severity_name(ri.severity), ri.weight);
        slant_json_write_string(f, ri.message);
        fputs(", \"explain\": ", f);
        slant_json_write_string(f, ri.explain);
        fputs(", \"advice\": ", f);
        slant_json_write_string(f, ri.advice);
        fputs(", \"pack\": ", f);
        slant_json_write_string(f, ri.pack);
        fputs(", \"examples\": {", f);
        for (int match = 1; match >= 0; match--) {
            fputs(match ? "\"match\": [" : "], \"no-match\": [", f);
            const char *ex;
            for (size_t e = 0; (ex = slant_rules_example(rules, i, match, e)); e++) {
                if (e)
                    fputs(", ", f);
                slant_json_write_string(f, ex);
            }
        }
        fputs("]}}", f);
    }
    fputs("\n]}\n", f);
}
