/* The embedding example from README.md: scan a string with the built-in
 * rules and print each finding. Built against an installed libslant. */
#include <slant.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
    const char *text = "Officials, speaking on condition of anonymity, said talks had failed.";
    slant_compiler *c;
    slant_rules *rules;
    slant_scanner *s;
    slant_doc *doc;
    slant_report *rep;

    if (slant_compiler_new(&c) != 0 || slant_compiler_add_builtin(c) != 0 ||
        slant_compiler_finish(&rules, c) != 0)
        return 2;
    slant_compiler_free(c);
    if (slant_scanner_new(&s, rules) != 0 ||
        slant_doc_new(&doc, "example", text, strlen(text), NULL, NULL) != 0 ||
        slant_scanner_scan(&rep, s, doc) != 0)
        return 2;
    for (size_t i = 0; i < slant_report_count(rep); i++) {
        const slant_finding *f = slant_report_finding(rep, i);
        printf("%u:%u %s %s \"%s\"\n", f->line, f->column, f->category, f->rule, f->text);
    }
    printf("index %d\n", slant_report_score(rep)->index);
    slant_report_free(rep);
    slant_doc_free(doc);
    slant_scanner_free(s);
    slant_rules_free(rules);
    return 0;
}
