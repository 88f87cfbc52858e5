/* test_loader.c - rule packs from YAML (loader.c, yaml_tree.c): the rule
 * model it builds, and every schema error with its exact message and
 * file:line:col, through slant_compiler_add_string. */
#include "suites.h"

#include "loader.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A valid pack, one rule. Line numbers:
 *  1 pack: test
 *  2 rules:
 *  3   - id: threat.x            (rule node at 3:5, id value at 3:9)
 *  4     category: threat        (value at 4:15)
 *  5     severity: warning       (value at 5:15)
 *  6     message: Vague threat   (value at 6:14)
 *  7     explain: Explains.
 *  8     advice: Be specific.
 *  9     terms: [serious consequences]   (value at 9:12)
 * 10     examples:               (value at 11:7)
 * 11       match: [...]
 * 12       no-match: [...]                                              */
#define TOP "pack: test\nrules:\n"
#define ID(x) "  - id: " x "\n"
#define CAT(x) "    category: " x "\n"
#define SEV(x) "    severity: " x "\n"
#define TEXTS "    message: Vague threat\n    explain: Explains.\n    advice: Be specific.\n"
#define TERMS "    terms: [serious consequences]\n"
#define EXAMPLES                                                                             \
    "    examples:\n"                                                                        \
    "      match: [\"There will be serious consequences.\"]\n"                               \
    "      no-match: [\"The consequences were serious.\"]\n"
#define HEAD ID("threat.x") CAT("threat") SEV("warning") TEXTS
#define GOOD TOP HEAD TERMS EXAMPLES

typedef struct {
    const char *what;
    const char *yaml;
    const char *diags[4];
} error_case;

static const error_case error_cases[] = {
    {"YAML syntax error", "pack: [a, b\nrules: x\n",
     {"t.yaml:2:6: YAML syntax: did not find expected ',' or ']' (while parsing a flow "
      "sequence at line 1)"}},
    {"unknown top-level key with suggestion", GOOD "descripton: Threats\n",
     {"t.yaml:13:1: unknown key 'descripton' in the pack (did you mean 'description'?)"}},
    {"unknown top-level key without suggestion", GOOD "zzzzzz: 1\n",
     {"t.yaml:13:1: unknown key 'zzzzzz' in the pack"}},
    {"unknown key in near", TOP HEAD
     "    near:\n      withn: 5\n      all:\n        - terms: [if]\n        - terms: [then]\n"
     EXAMPLES,
     {"t.yaml:10:7: unknown key 'withn' in near in rule 'threat.x' (did you mean 'within'?)"}},
    {"unknown key in examples", TOP HEAD TERMS
     "    examples:\n      match: [a]\n      nomatch: [b]\n",
     {"t.yaml:12:7: unknown key 'nomatch' in examples in rule 'threat.x' (did you mean "
      "'no-match'?)",
      "t.yaml:11:7: 'examples' needs a 'no-match' list in rule 'threat.x'"}},
    {"terms given a string", TOP HEAD "    terms: serious consequences\n" EXAMPLES,
     {"t.yaml:9:12: 'terms' must be a list, found a string"}},
    {"patterns given a mapping", TOP HEAD "    patterns: {a: b}\n" EXAMPLES,
     {"t.yaml:9:15: 'patterns' must be a list, found a mapping"}},
    {"terms entry a list", TOP HEAD "    terms: [[a]]\n" EXAMPLES,
     {"t.yaml:9:13: each entry of 'terms' must be a string, found a list"}},
    {"terms empty list", TOP HEAD "    terms: []\n" EXAMPLES,
     {"t.yaml:9:12: 'terms' is an empty list"}},
    {"terms empty entry", TOP HEAD "    terms: [serious consequences, '']\n" EXAMPLES,
     {"t.yaml:9:35: empty entry in 'terms'"}},
    {"terms blank entry", TOP HEAD "    terms: ['  ']\n" EXAMPLES,
     {"t.yaml:9:13: empty entry in 'terms'"}},
    {"unknown category with suggestion", TOP ID("threat.x") CAT("threats") SEV("warning")
     TEXTS TERMS EXAMPLES,
     {"t.yaml:4:15: unknown category 'threats' (did you mean 'threat'?)"}},
    {"unknown category without suggestion", TOP ID("threat.x") CAT("politics") SEV("warning")
     TEXTS TERMS EXAMPLES,
     {"t.yaml:4:15: unknown category 'politics' (the categories are: unnamed-source, "
      "vague-attribution, hedging, bandwagon, doubt, scare-quotes, exaggeration, "
      "loaded-language, labeling, euphemism, agentless, threat, fear-appeal, dehumanizing, "
      "flag-waving, guilt-by-association, false-dilemma, oversimplification, "
      "thought-terminating, urgency, whataboutism)"}},
    {"id not starting with its category", TOP ID("hedging.x") CAT("threat") SEV("warning")
     TEXTS TERMS EXAMPLES,
     {"t.yaml:3:9: rule id 'hedging.x' must start with its category 'threat.'"}},
    {"id prefix of the category only", TOP ID("threa.x") CAT("threat") SEV("warning")
     TEXTS TERMS EXAMPLES,
     {"t.yaml:3:9: rule id 'threa.x' must start with its category 'threat.'"}},
    {"id in upper case", TOP ID("Threat.X") CAT("threat") SEV("warning") TEXTS TERMS EXAMPLES,
     {"t.yaml:3:9: rule id 'Threat.X' must be <category>.<name> in lower case, digits and "
      "hyphens (like 'threat.vague-menace')"}},
    {"id without a name", TOP ID("threat") CAT("threat") SEV("warning") TEXTS TERMS EXAMPLES,
     {"t.yaml:3:9: rule id 'threat' must be <category>.<name> in lower case, digits and "
      "hyphens (like 'threat.vague-menace')"}},
    {"id with two dots", TOP ID("threat.a.b") CAT("threat") SEV("warning") TEXTS TERMS
     EXAMPLES,
     {"t.yaml:3:9: rule id 'threat.a.b' must be <category>.<name> in lower case, digits and "
      "hyphens (like 'threat.vague-menace')"}},
    {"missing id", TOP "  - category: threat\n" SEV("warning") TEXTS TERMS EXAMPLES,
     {"t.yaml:3:5: missing 'id'"}},
    {"rule with nothing to match", TOP HEAD EXAMPLES,
     {"t.yaml:3:5: rule 'threat.x' has nothing to match: give it 'terms', 'patterns', 'near' "
      "or 'document'"}},
    {"misspelt matcher key", TOP HEAD "    paterns: ['x']\n" EXAMPLES,
     {"t.yaml:9:5: unknown key 'paterns' in rule 'threat.x' (did you mean 'patterns'?)"}},
    {"missing examples", TOP HEAD TERMS,
     {"t.yaml:3:5: missing 'examples' in rule 'threat.x': give 'match' and 'no-match' "
      "sentences so 'slant test' can check the rule"}},
    {"missing no-match", TOP HEAD TERMS "    examples:\n      match: [\"x\"]\n",
     {"t.yaml:11:7: 'examples' needs a 'no-match' list in rule 'threat.x'"}},
    {"missing match", TOP HEAD TERMS "    examples:\n      no-match: [\"x\"]\n",
     {"t.yaml:11:7: 'examples' needs a 'match' list in rule 'threat.x'"}},
    {"empty no-match", TOP HEAD TERMS "    examples:\n      match: [\"x\"]\n      no-match: []\n",
     {"t.yaml:12:17: 'no-match' is an empty list"}},
    {"examples a list", TOP HEAD TERMS "    examples: [a]\n",
     {"t.yaml:10:15: 'examples' must be a mapping, found a list"}},
    {"near with one part", TOP HEAD "    near:\n      all:\n        - terms: [if]\n" EXAMPLES,
     {"t.yaml:11:9: 'near' needs at least two parts in 'all' (found 1); a single part belongs "
      "in 'terms' or 'patterns'"}},
    {"near without all", TOP HEAD "    near:\n      within: 5\n" EXAMPLES,
     {"t.yaml:10:7: 'near' needs 'all': a list of two or more parts"}},
    {"near part without matchers", TOP HEAD
     "    near:\n      all:\n        - terms: [if]\n        - {}\n" EXAMPLES,
     {"t.yaml:12:11: a 'near' part needs 'terms' or 'patterns'"}},
    {"near within a word", TOP HEAD
     "    near:\n      within: soon\n      all:\n        - terms: [if]\n        - terms: "
     "[then]\n" EXAMPLES,
     {"t.yaml:10:15: 'within' must be 'sentence' or a whole number of words from 1 to 1000"}},
    {"near within 0", TOP HEAD
     "    near:\n      within: 0\n      all:\n        - terms: [if]\n        - terms: [then]\n"
     EXAMPLES,
     {"t.yaml:10:15: 'within' must be 'sentence' or a whole number of words from 1 to 1000"}},
    {"near within 1001", TOP HEAD
     "    near:\n      within: 1001\n      all:\n        - terms: [if]\n        - terms: "
     "[then]\n" EXAMPLES,
     {"t.yaml:10:15: 'within' must be 'sentence' or a whole number of words from 1 to 1000"}},
    {"near within a fraction", TOP HEAD
     "    near:\n      within: 2.5\n      all:\n        - terms: [if]\n        - terms: "
     "[then]\n" EXAMPLES,
     {"t.yaml:10:15: 'within' must be 'sentence' or a whole number of words from 1 to 1000"}},
    {"near within quoted number", TOP HEAD
     "    near:\n      within: '5'\n      all:\n        - terms: [if]\n        - terms: "
     "[then]\n" EXAMPLES,
     {"t.yaml:10:15: 'within' must be 'sentence' or a whole number of words from 1 to 1000"}},
    {"near within match", TOP HEAD
     "    near:\n      within: match\n      all:\n        - terms: [if]\n        - terms: "
     "[then]\n" EXAMPLES,
     {"t.yaml:10:15: 'within' must be 'sentence' or a whole number of words from 1 to 1000"}},
    {"unless within a word", TOP HEAD TERMS
     "    unless:\n      - terms: [y]\n        within: paragraph\n" EXAMPLES,
     {"t.yaml:12:17: 'within' must be 'match', 'sentence' or a whole number of words from 1 "
      "to 1000"}},
    {"unless without matchers", TOP HEAD TERMS "    unless:\n      - within: match\n" EXAMPLES,
     {"t.yaml:11:9: an 'unless' entry needs 'pattern', 'patterns' or 'terms'"}},
    {"unless with pattern and patterns", TOP HEAD TERMS
     "    unless:\n      - pattern: a\n        patterns: [b]\n" EXAMPLES,
     {"t.yaml:11:18: give either 'pattern' or 'patterns', not both"}},
    {"unless empty", TOP HEAD TERMS "    unless: []\n" EXAMPLES,
     {"t.yaml:10:13: 'unless' is an empty list"}},
    {"unless a mapping", TOP HEAD TERMS "    unless: {terms: [x]}\n" EXAMPLES,
     {"t.yaml:10:13: 'unless' must be a list, found a mapping"}},
    {"unknown severity", TOP ID("threat.x") CAT("threat") SEV("high") TEXTS TERMS EXAMPLES,
     {"t.yaml:5:15: unknown severity 'high' (use info, warning or error)"}},
    {"severity a list", TOP ID("threat.x") CAT("threat") SEV("[warning]") TEXTS TERMS EXAMPLES,
     {"t.yaml:5:15: 'severity' must be a string, found a list"}},
    {"missing severity", TOP ID("threat.x") CAT("threat") TEXTS TERMS EXAMPLES,
     {"t.yaml:3:5: missing 'severity' in rule 'threat.x' (info, warning or error)"}},
    {"weight a word", TOP HEAD TERMS "    weight: heavy\n" EXAMPLES,
     {"t.yaml:10:13: 'weight' must be a number greater than 0 and at most 100"}},
    {"weight 0", TOP HEAD TERMS "    weight: 0\n" EXAMPLES,
     {"t.yaml:10:13: 'weight' must be a number greater than 0 and at most 100"}},
    {"weight negative", TOP HEAD TERMS "    weight: -1\n" EXAMPLES,
     {"t.yaml:10:13: 'weight' must be a number greater than 0 and at most 100"}},
    {"weight 101", TOP HEAD TERMS "    weight: 101\n" EXAMPLES,
     {"t.yaml:10:13: 'weight' must be a number greater than 0 and at most 100"}},
    {"weight quoted", TOP HEAD TERMS "    weight: '3'\n" EXAMPLES,
     {"t.yaml:10:13: 'weight' must be a number greater than 0 and at most 100"}},
    {"weight infinite", TOP HEAD TERMS "    weight: inf\n" EXAMPLES,
     {"t.yaml:10:13: 'weight' must be a number greater than 0 and at most 100"}},
    {"weight nan", TOP HEAD TERMS "    weight: nan\n" EXAMPLES,
     {"t.yaml:10:13: 'weight' must be a number greater than 0 and at most 100"}},
    {"weight trailing text", TOP HEAD TERMS "    weight: 3kg\n" EXAMPLES,
     {"t.yaml:10:13: 'weight' must be a number greater than 0 and at most 100"}},
    {"bad case", TOP HEAD TERMS "    case: upper\n" EXAMPLES,
     {"t.yaml:10:11: 'case' must be 'sensitive' or 'insensitive'"}},
    {"bad voice", TOP HEAD TERMS "    voice: narrator\n" EXAMPLES,
     {"t.yaml:10:12: 'voice' must be 'any', 'author' or 'quote'"}},
    {"message on two lines", TOP ID("threat.x") CAT("threat") SEV("warning")
     "    message: \"two\\nlines\"\n    explain: Explains.\n    advice: Be specific.\n" TERMS
     EXAMPLES,
     {"t.yaml:6:14: 'message' must be one line"}},
    {"message empty", TOP ID("threat.x") CAT("threat") SEV("warning")
     "    message: ''\n    explain: Explains.\n    advice: Be specific.\n" TERMS EXAMPLES,
     {"t.yaml:6:14: 'message' is empty"}},
    {"missing advice", TOP ID("threat.x") CAT("threat") SEV("warning")
     "    message: Vague threat\n    explain: Explains.\n" TERMS EXAMPLES,
     {"t.yaml:3:5: missing 'advice' in rule 'threat.x'"}},
    {"duplicate key", TOP HEAD TERMS "    terms: [other]\n" EXAMPLES,
     {"t.yaml:10:5: duplicate key 'terms' (first at line 9)"}},
    {"document with repeated and density", TOP HEAD
     "    document:\n      repeated: 3\n      density: 5\n      of: [threat]\n" EXAMPLES,
     {"t.yaml:10:7: 'document' needs exactly one of 'repeated' (a count) or 'density' (findings "
      "per 1,000 words)"}},
    {"document with neither", TOP HEAD "    document:\n      of: [threat]\n" EXAMPLES,
     {"t.yaml:10:7: 'document' needs exactly one of 'repeated' (a count) or 'density' (findings "
      "per 1,000 words)"}},
    {"document repeated 1", TOP HEAD "    document:\n      repeated: 1\n      of: [threat]\n"
     EXAMPLES,
     {"t.yaml:10:17: 'repeated' must be a whole number from 2 to 1000"}},
    {"document repeated a word", TOP HEAD
     "    document:\n      repeated: thrice\n      of: [threat]\n" EXAMPLES,
     {"t.yaml:10:17: 'repeated' must be a whole number from 2 to 1000"}},
    {"document density 0", TOP HEAD "    document:\n      density: 0\n      of: [threat]\n"
     EXAMPLES,
     {"t.yaml:10:16: 'density' must be a number of findings per 1,000 words, above 0"}},
    {"document without of", TOP HEAD "    document:\n      repeated: 3\n" EXAMPLES,
     {"t.yaml:10:7: 'document' needs 'of': the rule ids or categories whose findings it "
      "counts"}},
    {"document with terms", TOP HEAD TERMS "    document:\n      repeated: 3\n      of: [threat]\n"
     EXAMPLES,
     {"t.yaml:11:7: a 'document' rule judges other rules' findings; it takes no 'terms', "
      "'patterns', 'near', 'unless' or 'voice'"}},
    {"document with a misspelt key", TOP HEAD
     "    document:\n      repeat: 3\n      of: [threat]\n" EXAMPLES,
     {"t.yaml:10:7: unknown key 'repeat' in document in rule 'threat.x' (did you mean "
      "'repeated'?)",
      "t.yaml:10:7: 'document' needs exactly one of 'repeated' (a count) or 'density' (findings "
      "per 1,000 words)"}},
    {"techniques with a non-category", GOOD "techniques:\n  threats: [Appeal_to_fear-prejudice]\n",
     {"t.yaml:14:3: 'techniques' maps category ids to technique names; 'threats' is not a "
      "category"}},
    {"techniques a list", GOOD "techniques: [a]\n",
     {"t.yaml:13:13: 'techniques' must be a mapping, found a list"}},
    {"YAML alias", TOP HEAD "    terms: &t [serious consequences]\n" EXAMPLES
     ID("threat.y") CAT("threat") SEV("warning") TEXTS "    terms: *t\n" EXAMPLES,
     {"t.yaml:19:12: YAML aliases (*t) are not supported in rule files; write the value out"}},
    {"empty file", "", {"t.yaml:1:1: the rule file is empty"}},
    {"comments only", "# nothing here\n\n", {"t.yaml:1:1: the rule file is empty"}},
    {"two documents", "pack: a\n---\npack: b\n",
     {"t.yaml:2:1: a rule file holds one YAML document; found a second"}},
    {"root is a list", "- a\n- b\n",
     {"t.yaml:1:1: a rule file must be a mapping with 'pack' and 'rules', found a list"}},
    {"root is a string", "just text\n",
     {"t.yaml:1:1: a rule file must be a mapping with 'pack' and 'rules', found a string"}},
    {"missing rules", "pack: test\n", {"t.yaml:1:1: missing 'rules': a list of rules"}},
    {"missing pack", "rules:\n" HEAD TERMS EXAMPLES, {"t.yaml:1:1: missing 'pack'"}},
    {"empty rules", "pack: test\nrules: []\n",
     {"t.yaml:2:8: 'rules' is empty: a pack needs at least one rule"}},
    {"rules a string", "pack: test\nrules: none\n",
     {"t.yaml:2:8: 'rules' must be a list, found a string"}},
    {"bad pack name", "pack: Test Pack\nrules:\n" HEAD TERMS EXAMPLES,
     {"t.yaml:1:7: pack name 'Test Pack' must be lower case, digits and hyphens"}},
    {"rule is a string", "pack: test\nrules:\n  - just a string\n",
     {"t.yaml:3:5: 'rule' must be a mapping, found a string"}},
    {"several mistakes in one rule", TOP ID("threat.x") CAT("threat") SEV("high") TEXTS TERMS
     "    weight: heavy\n" EXAMPLES,
     {"t.yaml:5:15: unknown severity 'high' (use info, warning or error)",
      "t.yaml:10:13: 'weight' must be a number greater than 0 and at most 100"}},
    {"mistakes in two rules", TOP HEAD TERMS "    case: upper\n" EXAMPLES ID("threat.y")
     CAT("threat") SEV("warning") TEXTS TERMS "    voice: all\n" EXAMPLES,
     {"t.yaml:10:11: 'case' must be 'sensitive' or 'insensitive'",
      "t.yaml:21:12: 'voice' must be 'any', 'author' or 'quote'"}},
};

START_TEST(loader_errors)
{
    const error_case *c = &error_cases[_i];
    diag_log log;
    int frc = 0;
    int rc = load_yaml(&log, c->yaml, &frc);
    ck_assert_msg(rc == SLANT_ERULES, "%s: add_string returned %d", c->what, rc);
    ck_assert_int_eq(frc, SLANT_ERULES); /* finish fails too */
    size_t want = 0;
    while (want < 4 && c->diags[want])
        want++;
    ck_assert_msg(log.n == want, "%s: %zu diagnostics, want %zu:\n%s", c->what, log.n, want,
                  diag_log_dump(&log));
    for (size_t i = 0; i < want; i++) {
        ck_assert_msg(strcmp(log.text[i], c->diags[i]) == 0, "%s:\n got  %s\n want %s", c->what,
                      log.text[i], c->diags[i]);
        ck_assert_int_eq(log.level[i], SLANT_LEVEL_ERROR);
    }
}
END_TEST

static const struct {
    const char *what;
    const char *yaml;
} valid_cases[] = {
    {"the base pack", GOOD},
    {"description", "pack: test-2\ndescription: Threats.\nrules:\n" HEAD TERMS EXAMPLES},
    {"weight 100", TOP HEAD TERMS "    weight: 100\n" EXAMPLES},
    {"weight 0.5", TOP HEAD TERMS "    weight: 0.5\n" EXAMPLES},
    {"case sensitive", TOP HEAD TERMS "    case: sensitive\n" EXAMPLES},
    {"case insensitive", TOP HEAD TERMS "    case: insensitive\n" EXAMPLES},
    {"voice any", TOP HEAD TERMS "    voice: any\n" EXAMPLES},
    {"voice author", TOP HEAD TERMS "    voice: author\n" EXAMPLES},
    {"voice quote", TOP HEAD TERMS "    voice: quote\n" EXAMPLES},
    {"patterns only", TOP HEAD "    patterns: ['\\bserious\\s+consequences\\b']\n" EXAMPLES},
    {"near within 1", TOP HEAD
     "    near:\n      within: 1\n      all:\n        - terms: [if]\n        - patterns: "
     "['then']\n" EXAMPLES},
    {"near within 1000", TOP HEAD
     "    near:\n      within: 1000\n      all:\n        - terms: [if]\n        - terms: "
     "[then]\n" EXAMPLES},
    {"near within sentence", TOP HEAD
     "    near:\n      within: sentence\n      all:\n        - terms: [if]\n        - terms: "
     "[then]\n" EXAMPLES},
    {"unless variants", TOP HEAD TERMS
     "    unless:\n      - pattern: 'a+b'\n        within: match\n      - patterns: [c, d]\n"
     "      - terms: [e]\n        within: 12\n" EXAMPLES},
    {"info and error severities", TOP ID("threat.x") CAT("threat") SEV("info") TEXTS TERMS
     EXAMPLES ID("threat.y") CAT("threat") SEV("error") TEXTS TERMS EXAMPLES},
    {"document rule, repeated", TOP HEAD
     "    document:\n      repeated: 3\n      of: [threat, threat.x]\n" EXAMPLES},
    {"document rule, density", TOP HEAD
     "    document:\n      density: 2.5\n      of: [threat]\n" EXAMPLES},
    {"techniques", GOOD "techniques:\n  threat: [Appeal_to_fear-prejudice, Threat]\n"},
    {"folded explain", TOP ID("threat.x") CAT("threat") SEV("warning")
     "    message: Vague threat\n    explain: >-\n      Two\n      lines.\n    advice: A.\n"
     TERMS EXAMPLES},
};

START_TEST(loader_accepts)
{
    diag_log log;
    int frc = -100;
    int rc = load_yaml(&log, valid_cases[_i].yaml, &frc);
    ck_assert_msg(rc == 0 && frc == 0 && log.n == 0, "%s: rc %d finish %d:\n%s",
                  valid_cases[_i].what, rc, frc, diag_log_dump(&log));
}
END_TEST

/* The rule model, read straight from loader_load. */
START_TEST(loader_model)
{
    const char *yaml = "pack: threats-1\n"                                   /* 1 */
                       "description: Threats.\n"                             /* 2 */
                       "rules:\n"                                            /* 3 */
                       "  - id: threat.vague\n"                              /* 4 */
                       "    category: threat\n"                              /* 5 */
                       "    severity: error\n"                               /* 6 */
                       "    weight: 3.5\n"                                   /* 7 */
                       "    message: Vague threat\n"                         /* 8 */
                       "    explain: Explains.\n"                            /* 9 */
                       "    advice: Be specific.\n"                          /* 10 */
                       "    case: sensitive\n"                               /* 11 */
                       "    voice: author\n"                                 /* 12 */
                       "    terms: [serious consequences, 'pay a price']\n"  /* 13 */
                       "    patterns:\n"                                     /* 14 */
                       "      - \\bdire\\b\n"                                /* 15 */
                       "      - \"grave\"\n"                                 /* 16 */
                       "    near:\n"                                         /* 17 */
                       "      within: 7\n"                                   /* 18 */
                       "      all:\n"                                        /* 19 */
                       "        - terms: [if]\n"                             /* 20 */
                       "        - patterns: [retaliat]\n"                    /* 21 */
                       "        - terms: [a, b]\n"                           /* 22 */
                       "    unless:\n"                                       /* 23 */
                       "      - pattern: prices\n"                           /* 24 */
                       "        within: match\n"                             /* 25 */
                       "      - terms: [rates]\n"                            /* 26 */
                       "    examples:\n"                                     /* 27 */
                       "      match: [one, two]\n"                           /* 28 */
                       "      no-match: [three]\n"                           /* 29 */
                       "  - id: threat.other\n"                              /* 30 */
                       "    category: threat\n"
                       "    severity: info\n"
                       "    message: M\n"
                       "    explain: E\n"
                       "    advice: A\n"
                       "    patterns: [x]\n"
                       "    examples: {match: [x], no-match: [y]}\n";
    diag_log log;
    diag_log_reset(&log);
    diag_sink sink = {diag_collect, &log, 0, 0};
    pack_src *p = NULL;
    int rc = loader_load(&p, "m.yaml", yaml, strlen(yaml), &sink);
    ck_assert_msg(rc == 0, "rc %d:\n%s", rc, diag_log_dump(&log));
    ck_assert_ptr_nonnull(p);
    ck_assert_str_eq(p->file, "m.yaml");
    ck_assert_str_eq(p->name, "threats-1");
    ck_assert_str_eq(p->description, "Threats.");
    ck_assert_uint_eq(p->nrules, 2);
    const rule_src *r = &p->rules[0];
    ck_assert_str_eq(r->id, "threat.vague");
    ck_assert_str_eq(r->category, "threat");
    ck_assert_int_eq(r->severity, SLANT_SEVERITY_ERROR);
    ck_assert_double_eq(r->weight, 3.5);
    ck_assert_str_eq(r->message, "Vague threat");
    ck_assert_str_eq(r->explain, "Explains.");
    ck_assert_str_eq(r->advice, "Be specific.");
    ck_assert_int_eq(r->caseless, 0);
    ck_assert_int_eq(r->voice, VOICE_AUTHOR);
    ck_assert_str_eq(r->file, "m.yaml");
    ck_assert_str_eq(r->pack, "threats-1");
    ck_assert_uint_eq(r->line, 4);
    ck_assert_uint_eq(r->col, 5);
    ck_assert_uint_eq(r->direct.nterms, 2);
    ck_assert_str_eq(r->direct.terms[0].text, "serious consequences");
    ck_assert_uint_eq(r->direct.terms[0].line, 13);
    ck_assert_uint_eq(r->direct.terms[0].col, 13);
    ck_assert_int_eq(r->direct.terms[0].simple, 1);
    ck_assert_int_eq(r->direct.terms[0].quoted, 0);
    ck_assert_str_eq(r->direct.terms[1].text, "pay a price");
    ck_assert_uint_eq(r->direct.terms[1].col, 35);
    ck_assert_int_eq(r->direct.terms[1].quoted, 1);
    ck_assert_int_eq(r->direct.terms[1].simple, 1);
    ck_assert_uint_eq(r->direct.npatterns, 2);
    ck_assert_str_eq(r->direct.patterns[0].text, "\\bdire\\b");
    ck_assert_uint_eq(r->direct.patterns[0].line, 15);
    ck_assert_uint_eq(r->direct.patterns[0].col, 9);
    ck_assert_str_eq(r->direct.patterns[1].text, "grave");
    ck_assert_int_eq(r->direct.patterns[1].quoted, 1);
    ck_assert_int_eq(r->direct.patterns[1].simple, 0); /* double quotes: escapes */
    ck_assert_uint_eq(r->nnear, 3);
    ck_assert_int_eq(r->near_within, 7);
    ck_assert_uint_eq(r->near[0].nterms, 1);
    ck_assert_str_eq(r->near[0].terms[0].text, "if");
    ck_assert_uint_eq(r->near[1].npatterns, 1);
    ck_assert_uint_eq(r->near[1].nterms, 0);
    ck_assert_uint_eq(r->near[2].nterms, 2);
    ck_assert_uint_eq(r->nguards, 2);
    ck_assert_int_eq(r->guards[0].within, WITHIN_MATCH);
    ck_assert_uint_eq(r->guards[0].m.npatterns, 1);
    ck_assert_str_eq(r->guards[0].m.patterns[0].text, "prices");
    ck_assert_uint_eq(r->guards[0].line, 24);
    ck_assert_uint_eq(r->guards[0].col, 9);
    ck_assert_int_eq(r->guards[1].within, WITHIN_SENTENCE);
    ck_assert_uint_eq(r->guards[1].m.nterms, 1);
    ck_assert_uint_eq(r->nex_match, 2);
    ck_assert_str_eq(r->ex_match[1].text, "two");
    ck_assert_uint_eq(r->ex_match[1].line, 28);
    ck_assert_uint_eq(r->ex_match[1].col, 20);
    ck_assert_uint_eq(r->nex_nomatch, 1);
    ck_assert_str_eq(r->ex_nomatch[0].text, "three");
    /* defaults */
    const rule_src *o = &p->rules[1];
    ck_assert_str_eq(o->id, "threat.other");
    ck_assert_uint_eq(o->line, 30);
    ck_assert_int_eq(o->severity, SLANT_SEVERITY_INFO);
    ck_assert_double_eq(o->weight, 1);
    ck_assert_int_eq(o->caseless, 1);
    ck_assert_int_eq(o->voice, VOICE_ANY);
    ck_assert_uint_eq(o->nnear, 0);
    ck_assert_uint_eq(o->nguards, 0);
    ck_assert_uint_eq(log.n, 0);
    ck_assert_uint_eq(sink.errors, 0);
    pack_src_free(p);
    pack_src_free(NULL);
}
END_TEST

START_TEST(severity_weights)
{
    ck_assert_double_eq(severity_weight(SLANT_SEVERITY_INFO), 1);
    ck_assert_double_eq(severity_weight(SLANT_SEVERITY_WARNING), 2);
    ck_assert_double_eq(severity_weight(SLANT_SEVERITY_ERROR), 4);
}
END_TEST

/* The unknown-key message names the key, where it is and a suggestion. */
START_TEST(unknown_rule_key)
{
    diag_log log;
    int rc = load_yaml(&log, TOP HEAD TERMS "    paterns: ['x']\n" EXAMPLES, NULL);
    ck_assert_int_eq(rc, SLANT_ERULES);
    ck_assert_uint_eq(log.n, 1);
    ck_assert_uint_eq(log.line[0], 10);
    ck_assert_uint_eq(log.column[0], 5);
    ck_assert_str_eq(log.rule[0], "threat.x");
    ck_assert_str_eq(log.text[0],
                     "t.yaml:10:5: unknown key 'paterns' in rule 'threat.x' (did you mean "
                     "'patterns'?)");
}
END_TEST

/* Diagnostics inside a rule name it in the `rule` field. */
START_TEST(diag_names_rule)
{
    diag_log log;
    load_yaml(&log, TOP ID("threat.x") CAT("threat") SEV("high") TEXTS TERMS EXAMPLES, NULL);
    ck_assert_uint_eq(log.n, 1);
    ck_assert_str_eq(log.rule[0], "threat.x");
    load_yaml(&log, "pack: test\nrules: []\n", NULL);
    ck_assert_uint_eq(log.n, 1);
    ck_assert_str_eq(log.rule[0], "");
}
END_TEST

START_TEST(duplicate_ids_across_packs)
{
    const char *names[] = {"a.yaml", "b.yaml"};
    const char *yamls[] = {GOOD, "pack: other\nrules:\n" HEAD TERMS EXAMPLES};
    ck_assert_ptr_null(compile_packs(2, names, yamls, NULL, NULL));
    ck_assert_msg(g_diags.n == 1, "%s", diag_log_dump(&g_diags));
    ck_assert_str_eq(g_diags.text[0],
                     "b.yaml:3:5: duplicate rule id 'threat.x' (first defined at a.yaml:3:5)");
    ck_assert_str_eq(g_diags.rule[0], "threat.x");
}
END_TEST

START_TEST(duplicate_ids_in_one_pack)
{
    ck_assert_ptr_null(compile_yaml(GOOD HEAD TERMS EXAMPLES));
    ck_assert_msg(g_diags.n == 1, "%s", diag_log_dump(&g_diags));
    ck_assert_str_eq(g_diags.text[0],
                     "t.yaml:13:5: duplicate rule id 'threat.x' (first defined at t.yaml:3:5)");
}
END_TEST

START_TEST(document_of_unknown_name)
{
    /* checked at finish, when every pack is known */
    diag_log log;
    int frc = 0;
    int rc = load_yaml(&log, TOP HEAD "    document:\n      repeated: 3\n      of: [threat, threats]\n"
                             EXAMPLES, &frc);
    ck_assert_int_eq(rc, 0);
    ck_assert_int_eq(frc, SLANT_ERULES);
    ck_assert_msg(log.n == 1, "%s", diag_log_dump(&log));
    ck_assert_str_eq(log.text[0], "t.yaml:11:20: rule 'threat.x': 'of' names 'threats', which is "
                                  "no rule id or category");
    ck_assert_str_eq(log.rule[0], "threat.x");
}
END_TEST

START_TEST(document_and_techniques_model)
{
    const char *yaml = GOOD "  - id: threat.again\n"
                            "    category: threat\n"
                            "    severity: info\n"
                            "    message: M\n"
                            "    explain: E\n"
                            "    advice: A\n"
                            "    document: {repeated: 4, of: [threat.x, threat]}\n"
                            "    examples: {match: [x], no-match: [y]}\n"
                            "techniques:\n"
                            "  threat: [Appeal_to_fear-prejudice, Threat]\n"
                            "  hedging: [Doubt]\n";
    diag_log log;
    diag_log_reset(&log);
    diag_sink sink = {diag_collect, &log, 0, 0};
    pack_src *p = NULL;
    ck_assert_msg(loader_load(&p, "m.yaml", yaml, strlen(yaml), &sink) == 0, "%s",
                  diag_log_dump(&log));
    ck_assert_uint_eq(p->nrules, 2);
    ck_assert_int_eq(p->rules[0].is_document, 0);
    const rule_src *r = &p->rules[1];
    ck_assert_int_eq(r->is_document, 1);
    ck_assert_uint_eq(r->doc_repeated, 4);
    ck_assert_double_eq(r->doc_density, 0);
    ck_assert_uint_eq(r->ndoc_of, 2);
    ck_assert_str_eq(r->doc_of[0].text, "threat.x");
    ck_assert_str_eq(r->doc_of[1].text, "threat");
    ck_assert_uint_eq(p->ntech, 3);
    ck_assert_str_eq(p->tech_category[0], "threat");
    ck_assert_str_eq(p->tech_name[0], "Appeal_to_fear-prejudice");
    ck_assert_str_eq(p->tech_category[1], "threat");
    ck_assert_str_eq(p->tech_name[1], "Threat");
    ck_assert_str_eq(p->tech_category[2], "hedging");
    ck_assert_str_eq(p->tech_name[2], "Doubt");
    pack_src_free(p);
}
END_TEST

START_TEST(errors_keep_compiler_usable)
{
    /* a broken pack: add_string fails, later packs still load, finish fails */
    diag_log log;
    diag_log_reset(&log);
    slant_compiler *c = NULL;
    ck_assert_int_eq(slant_compiler_new(&c), 0);
    slant_compiler_set_diag(c, diag_collect, &log);
    ck_assert_int_eq(slant_compiler_add_string(c, "bad.yaml", "pack: [", 7), SLANT_ERULES);
    ck_assert_int_eq(slant_compiler_add_string(c, "good.yaml", GOOD, strlen(GOOD)), 0);
    slant_rules *rules = (slant_rules *)1;
    ck_assert_int_eq(slant_compiler_finish(&rules, c), SLANT_ERULES);
    ck_assert_ptr_null(rules);
    ck_assert_uint_eq(log.n, 1);
    ck_assert_msg(strncmp(log.text[0], "bad.yaml:", 9) == 0 &&
                      strstr(log.text[0], ": YAML syntax: ") != NULL,
                  "%s", log.text[0]);
    slant_compiler_free(c);
}
END_TEST

START_TEST(add_file_missing)
{
    diag_log log;
    diag_log_reset(&log);
    slant_compiler *c = NULL;
    ck_assert_int_eq(slant_compiler_new(&c), 0);
    slant_compiler_set_diag(c, diag_collect, &log);
    ck_assert_int_eq(slant_compiler_add_file(c, "no/such/dir/rules.yaml"), SLANT_EIO);
    ck_assert_uint_eq(log.n, 1);
    ck_assert_str_eq(log.text[0],
                     "no/such/dir/rules.yaml:0:0: cannot open rule file: No such file or directory");
    slant_compiler_free(c);
}
END_TEST

START_TEST(add_file_reads)
{
    char path[] = "/tmp/slant-unit-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "w");
    ck_assert_ptr_nonnull(f);
    fputs(GOOD, f);
    ck_assert_int_eq(fclose(f), 0);
    diag_log log;
    diag_log_reset(&log);
    slant_compiler *c = NULL;
    ck_assert_int_eq(slant_compiler_new(&c), 0);
    slant_compiler_set_diag(c, diag_collect, &log);
    int rc = slant_compiler_add_file(c, path);
    slant_rules *rules = NULL;
    int frc = slant_compiler_finish(&rules, c);
    slant_compiler_free(c);
    unlink(path);
    ck_assert_msg(rc == 0 && frc == 0, "%s", diag_log_dump(&log));
    ck_assert_uint_eq(slant_rules_count(rules), 1);
    slant_rule_info info;
    ck_assert_int_eq(slant_rules_info(&info, rules, 0), 0);
    ck_assert_str_eq(info.file, path);
    ck_assert_str_eq(info.pack, "test");
    slant_rules_free(rules);
}
END_TEST


#define N(a) ((int)(sizeof(a) / sizeof(a)[0]))

Suite *loader_suite(void)
{
    Suite *s = suite_create("loader");
    TCase *tc = tcase_create("errors");
    tcase_add_loop_test(tc, loader_errors, 0, N(error_cases));
    tcase_add_test(tc, unknown_rule_key);
    tcase_add_test(tc, diag_names_rule);
    tcase_add_test(tc, duplicate_ids_across_packs);
    tcase_add_test(tc, duplicate_ids_in_one_pack);
    tcase_add_test(tc, errors_keep_compiler_usable);
    tcase_add_test(tc, document_of_unknown_name);
    tcase_add_test(tc, add_file_missing);
    suite_add_tcase(s, tc);

    tc = tcase_create("valid");
    tcase_add_loop_test(tc, loader_accepts, 0, N(valid_cases));
    tcase_add_test(tc, loader_model);
    tcase_add_test(tc, document_and_techniques_model);
    tcase_add_test(tc, severity_weights);
    tcase_add_test(tc, add_file_reads);
    suite_add_tcase(s, tc);
    return s;
}
