/* test_prefilter.c - prefilter.c: the literals every match of a pattern
 * contains, the bound on a match's length, and how far into a match those
 * literals can start (the window the scanner searches before each one);
 * and ac.c, the automaton that finds their occurrences. */
#include "suites.h"

#include "ac.h"
#include "prefilter.h"

#include <stdlib.h>
#include <string.h>

/* A bound as text: "unbounded", or "c0" then "+kS" (white-space run),
 * "+kP" (non-word run), "+kT" (non-space run), "+kL" (line). */
static const char *bound_str(char *out, size_t len, match_bound b)
{
    if (!b.bounded)
        return strcpy(out, "unbounded");
    static const char run[] = " SPTL";
    size_t k = (size_t)snprintf(out, len, "%u", b.c[0]);
    for (int i = 1; i < BOUND_TERMS && k < len; i++)
        if (b.c[i])
            k += (size_t)snprintf(out + k, len - k, "+%u%c", b.c[i], run[i]);
    return out;
}

/* Strings, sorted and joined with ",". */
static const char *join_sorted(char *out, size_t len, char *const *strs, size_t n)
{
    char **v = malloc((n + 1) * sizeof *v);
    ck_assert_ptr_nonnull(v);
    if (n)
        memcpy(v, strs, n * sizeof *v);
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && strcmp(v[j - 1], v[j]) > 0; j--) {
            char *t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i)
            strncat(out, ",", len - strlen(out) - 1);
        strncat(out, v[i], len - strlen(out) - 1);
    }
    free(v);
    return out;
}

static const char *lits_str(char *out, size_t len, const prefilter_info *pf)
{
    return join_sorted(out, len, pf->lits, pf->nlits);
}

static const struct {
    const char *pattern;
    const char *lits; /* "" for none: a full pass */
    const char *bound, *pre;
} cases[] = {
    {"grave", "grave", "5", "0"},
    /* the rarer literal, after a bounded prefix */
    {"(?:severe|grave)\\s+consequences", "consequences", "18+1S", "6+1S"},
    /* lookarounds consume nothing and give no literal */
    {"(?<!not\\s)\\bgrave\\b(?!\\s+robber)", "grave", "5", "0"},
    /* a literal before an unbounded run wins over one after it */
    {"\\bfoo[^!]*bar", "foo", "unbounded", "0"},
    /* "." stops at a line feed: bounded by the longest line */
    {"\\bfoo.*bar", "foo", "6+1L", "0"},
    {"\\b(?:may|might)\\b[^.!?]*?\\bquestionable", "may,might", "unbounded", "0"},
    /* only a literal after the run: a search from far before it */
    {"a[^!]*\\bquestionable", "questionable", "unbounded", "unbounded"},
    /* branches: the union, and the larger of their distances */
    {"(?:\\s+anonymity|condition)", "anonymity,condition", "9+1S", "0+1S"},
    {"\\w+\\s+(?:sources|insiders)\\s+said", "insiders,sources", "12+2S+1T", "0+1S+1T"},
    /* a required repetition keeps its literal where the first copy has it */
    {"(?:xq\\s+cd){2,3}", "xq", "12+3S", "0"},
    /* "ab" starts a common word ("about"): the later literal is rarer */
    {"(?:ab\\s+cd){2,3}", "cd", "12+3S", "2+1S"},
    /* a common word, not the rarer-looking start of one */
    {"\\bthe\\b", "the", "3", "0"},
    {"\\bmay\\s+be", "may", "5+1S", "0"},
    /* single letters are too common to filter on */
    {"\\b[ab]\\s+x\\b", "", "unbounded", "unbounded"},
    /* syntax the reader does not know: always a safe full pass */
    {"(?x) grave", "", "unbounded", "unbounded"},
    /* a backreference to a closed group: unknown letters, as many as the
     * group's; "X is X" is keyed on "is" */
    {"(grave)\\1", "grave", "10", "0"},
    {"\\b(\\w+)\\s+is\\s+\\1\\b", "is", "2+2S+2T", "0+1S+1T"},
    {"\\b(?<w>[a-z]{3,8})\\s+is\\s+\\1\\b", "is", "66+2S", "32+1S"},
    /* ...but not before the group closes, past \\9, nor after (?| or (?n) */
    {"\\1(grave)", "", "unbounded", "unbounded"},
    {"(grave\\1)", "", "unbounded", "unbounded"},
    {"(a)(b)(c)(d)(e)(f)(g)(h)(i)(grave)\\10", "", "unbounded", "unbounded"},
    {"(?|(grave)|(tomb))\\1", "", "unbounded", "unbounded"},
    {"(?n)(a)(?<w>grave)\\1", "", "unbounded", "unbounded"},
    /* a NUL character is no literal: "ab" is */
    {"\\x00ab", "ab", "6", "4"},
    /* a literal run is one node, but it ends before a quantified
     * character: "grave" is required, "graves" is not */
    {"\\bgraves?\\b", "grave", "6", "0"},
    /* a run longer than a literal may be is cut into pieces */
    {"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxy",
     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "74", "0"},
    /* a range may start with an escaped character: \a-z (BEL to z) holds
     * the line feed, the space and the quotation mark, so a run of it is
     * unbounded, not bounded by the longest run of non-space; \x20-\x7e
     * holds no line feed, so the longest line bounds it */
    {"\"[\\a-z]+\"", "\"", "unbounded", "0"},
    {"\"[\\x20-\\x7e]+\"", "\"", "2+1L", "0"},
    /* \G matches where the search starts, which windows move */
    {"\\Ggrave", "", "unbounded", "unbounded"},
};

START_TEST(prefilter_table)
{
    prefilter_info pf;
    ck_assert_int_eq(prefilter_analyze(&pf, cases[_i].pattern, NULL), 0);
    char lits[512], b[64], p[64];
    lits_str(lits, sizeof lits, &pf);
    bound_str(b, sizeof b, pf.bound);
    bound_str(p, sizeof p, pf.pre);
    ck_assert_msg(strcmp(lits, cases[_i].lits) == 0, "%s: literals \"%s\", want \"%s\"",
                  cases[_i].pattern, lits, cases[_i].lits);
    if (pf.nlits) {
        ck_assert_msg(strcmp(b, cases[_i].bound) == 0, "%s: bound %s, want %s",
                      cases[_i].pattern, b, cases[_i].bound);
        ck_assert_msg(strcmp(p, cases[_i].pre) == 0, "%s: pre %s, want %s",
                      cases[_i].pattern, p, cases[_i].pre);
    } else {
        ck_assert_ptr_nonnull(pf.why);
    }
    prefilter_info_clear(&pf);
}
END_TEST

/* Each literal has its own distance into the match. */
START_TEST(prefilter_distance_per_literal)
{
    prefilter_info pf;
    ck_assert_int_eq(prefilter_analyze(&pf, "(?:\\bmaybe\\b|\\bis\\s+(?:widely\\s+)?believed)\\s+x", NULL), 0);
    ck_assert_uint_eq(pf.nlits, 2);
    char b[64];
    for (size_t i = 0; i < pf.nlits; i++) {
        const char *want = strcmp(pf.lits[i], "maybe") == 0 ? "0" : "8+2S";
        ck_assert_msg(strcmp(bound_str(b, sizeof b, pf.lit_pre[i]), want) == 0, "%s: %s, want %s",
                      pf.lits[i], b, want);
    }
    ck_assert_str_eq(bound_str(b, sizeof b, pf.pre), "8+2S");
    prefilter_info_clear(&pf);
}
END_TEST

/* What an occurrence needs around it: "B" no ASCII word character right
 * before it, "A" none right after; per literal, sorted by literal. */
static const struct {
    const char *pattern, *edges;
} edge_cases[] = {
    {"\\bmay\\b", "may:BA"},
    {"\\brats?\\b", "rat:B"},
    /* a boundary before punctuation asks for a word character: not checked */
    {"\\b\"\\w", "\":-"},
    /* after white space or a comma there is no word character */
    {",\\s+rat", "rat:B"},
    {"and\\s+\"", "\":B"},
    /* unless the white space may be absent, or may be a letter */
    {"\\s*rat", "rat:-"},
    {"(?:\\s|x)rat", "rat:-"},
    /* a character beyond ASCII may match an ASCII letter caselessly */
    {"a[\u017f]rat", "rat:-"},
    {"\u017f\\s*rat", "rat:-"},
    /* each branch keeps its own */
    {"(?:\\bfoo|bar)\\s", "bar:-,foo:B"},
};

START_TEST(prefilter_edges)
{
    prefilter_info pf;
    ck_assert_int_eq(prefilter_analyze(&pf, edge_cases[_i].pattern, NULL), 0);
    char got[256] = "", sorted[256];
    /* each literal in sorted order, with its edges */
    join_sorted(sorted, sizeof sorted, pf.lits, pf.nlits);
    for (char *lit = strtok(sorted, ","); lit; lit = strtok(NULL, ",")) {
        size_t i = 0;
        while (strcmp(pf.lits[i], lit) != 0)
            i++;
        unsigned e = pf.lit_edge[i];
        char one[64];
        snprintf(one, sizeof one, "%s%s:%s%s%s", got[0] ? "," : "", lit,
                 e & LIT_NONWORD_BEFORE ? "B" : "", e & LIT_NONWORD_AFTER ? "A" : "",
                 e ? "" : "-");
        strncat(got, one, sizeof got - strlen(got) - 1);
    }
    ck_assert_msg(strcmp(got, edge_cases[_i].edges) == 0, "%s: %s, want %s",
                  edge_cases[_i].pattern, got, edge_cases[_i].edges);
    prefilter_info_clear(&pf);
}
END_TEST

/* Second requirements: which literals, which way, how near ("" none). */
static const struct {
    const char *pattern, *second;
} second_cases[] = {
    /* a short quotation: its closing mark follows the opening one */
    {"\"[a-z]+\"", "\" after 1..1+1T"},
    {"\\bthe\\s+\"[a-z][\\w-]+(?:\\s[a-z][\\w-]+)?\"", "\" after 1..16+1S+2T"},
    /* a word before the first */
    {"\\bquartz\\s+(?:xylophones?|glockenspiels?)", "quartz before 6..6+1S"},
    /* a common word too: its occurrences are bucketed once for every
     * program, and each mark without one spares a search */
    {"and\\s+\"", "and before 3..3+1S"},
    /* but not a list of the commonest words */
    {"(?:the|to|of|and|a)\\s+\"", ""},
    /* what a lookahead needs, past the match */
    {"\"(?=(?:[\\w-]+\\s){0,2}(?:free|fair))", "fair,free after 1..9+2T"},
    /* per branch: each literal its own, whichever way it looks */
    {"(?:foo\\s+bar|baz\\s+qux)", "baz: qux after 3..3+1S | foo: bar after 3..3+1S"},
    {"(?:xylophones\\s+quartz|zephyr\\s+glockenspiel)",
     "glockenspiel: zephyr before 6..6+1S | xylophones: quartz after 10..10+1S"},
    /* a literal both branches require, with seconds the same way: either */
    {"(?:xylophones\\s+quartz|xylophones\\s+zephyr)", "quartz,zephyr after 10..10+1S"},
    /* a branch with none leaves its literal without */
    {"(?:xylophones\\s+quartz|glockenspiels)", "xylophones: quartz after 10..10+1S"},
    /* a rare first takes a second that is not too common */
    {"\\bgrotesque\\s+\"", "\" after 9..9+1S"},
    /* none: the commonest words; a negative lookahead, an optional part
     * or a lookbehind promises nothing; branches disagree */
    {"\\bgrotesque\\s+(?:the|to|of|and|a)\\b", ""},
    {"\"(?!free)[a-z]+", ""},
    {"\"[a-z]+(?:\"x)?", ""},
    {"(?<=free\\s)\"[a-z]+", ""},
    {"(?:\"[a-z]+\"|and\\s+\")", ""},
};

/* One second requirement: "b,a after 1..3+1S" (its strings sorted). */
static void pair_str(char *out, size_t size, const prefilter_pair *q)
{
    char b[64];
    join_sorted(out, size, q->sec, q->nsec);
    size_t k = strlen(out);
    snprintf(out + k, size - k, " %s %u..%s", q->dir > 0 ? "after" : "before", q->min,
             bound_str(b, sizeof b, q->max));
}

/* The second requirements of an analysis: one shared by every literal as
 * pair_str gives it, else "literal: pair" for each literal that has one,
 * sorted, joined by " | ". */
static void pairs_str(char *out, size_t size, const prefilter_info *pf)
{
    out[0] = '\0';
    size_t with = 0;
    for (size_t i = 0; i < pf->nlits; i++)
        with += pf->lit_pair[i] != 0;
    if (pf->npairs == 1 && with == pf->nlits) {
        pair_str(out, size, &pf->pairs[0]);
        return;
    }
    char *items[64];
    size_t n = 0;
    for (size_t i = 0; i < pf->nlits && n < 64; i++) {
        if (!pf->lit_pair[i])
            continue;
        char p[256];
        pair_str(p, sizeof p, &pf->pairs[pf->lit_pair[i] - 1]);
        size_t len = strlen(pf->lits[i]) + strlen(p) + 3;
        items[n] = malloc(len);
        ck_assert_ptr_nonnull(items[n]);
        snprintf(items[n++], len, "%s: %s", pf->lits[i], p);
    }
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && strcmp(items[j - 1], items[j]) > 0; j--) {
            char *t = items[j];
            items[j] = items[j - 1];
            items[j - 1] = t;
        }
    size_t k = 0;
    for (size_t i = 0; i < n && k < size; i++)
        k += (size_t)snprintf(out + k, size - k, "%s%s", i ? " | " : "", items[i]);
    for (size_t i = 0; i < n; i++)
        free(items[i]);
}

START_TEST(prefilter_second)
{
    prefilter_info pf;
    ck_assert_int_eq(prefilter_analyze(&pf, second_cases[_i].pattern, NULL), 0);
    char got[1024] = "";
    pairs_str(got, sizeof got, &pf);
    ck_assert_msg(strcmp(got, second_cases[_i].second) == 0, "%s: \"%s\", want \"%s\"",
                  second_cases[_i].pattern, got, second_cases[_i].second);
    prefilter_info_clear(&pf);
}
END_TEST

/* Everything an analysis reports, as one string, to compare two runs. */
static void describe(char *out, size_t size, const prefilter_info *pf)
{
    char lits[512], sec[1024], b[64], p[64];
    lits_str(lits, sizeof lits, pf);
    pairs_str(sec, sizeof sec, pf);
    snprintf(out, size, "%s|%s|%s|%s|%s", lits, bound_str(b, sizeof b, pf->bound),
             bound_str(p, sizeof p, pf->pre), sec, pf->why ? pf->why : "");
}

/* Scratch memory shared by a series of analyses (as the compiler does)
 * changes nothing they report, however large the walks before them: a
 * large alternation fills several chunks, which the next walks reuse. */
START_TEST(prefilter_scratch_reused)
{
    static char big[32768];
    size_t k = (size_t)snprintf(big, sizeof big, "(?:");
    for (int i = 0; i < 600 && k + 64 < sizeof big; i++)
        k += (size_t)snprintf(big + k, sizeof big - k, "%sword%dx", i ? "|" : "", i);
    snprintf(big + k, sizeof big - k, ")\\s+(?:alpha|beta|gamma)\\s+\"[a-z]+\"");
    const char *patterns[] = {big, second_cases[0].pattern, big, second_cases[2].pattern,
                              cases[0].pattern, second_cases[4].pattern, big};
    prefilter_scratch *scratch = prefilter_scratch_new();
    ck_assert_ptr_nonnull(scratch);
    for (int round = 0; round < 2; round++)
        for (size_t i = 0; i < sizeof patterns / sizeof patterns[0]; i++) {
            prefilter_info alone, shared;
            ck_assert_int_eq(prefilter_analyze(&alone, patterns[i], NULL), 0);
            ck_assert_int_eq(prefilter_analyze(&shared, patterns[i], scratch), 0);
            char a[2048], b[2048];
            describe(a, sizeof a, &alone);
            describe(b, sizeof b, &shared);
            ck_assert_msg(strcmp(a, b) == 0, "pattern %zu: %s, alone %s", i, b, a);
            prefilter_info_clear(&alone);
            prefilter_info_clear(&shared);
        }
    prefilter_scratch_free(scratch);
    prefilter_scratch_free(NULL);
}
END_TEST

START_TEST(prefilter_runs_measured)
{
    size_t runs[BOUND_TERMS];
    const char *text = "ab  cd,\n\n  efgh --- x";
    prefilter_runs(runs, text, strlen(text));
    ck_assert_uint_eq(runs[RUN_SPACE], 4);   /* "\n\n  " */
    ck_assert_uint_eq(runs[RUN_NONWORD], 5); /* ",\n\n  " */
    ck_assert_uint_eq(runs[RUN_TEXT], 4);    /* "efgh" */
    ck_assert_uint_eq(runs[RUN_LINE], 12);   /* "  efgh --- x" */
    match_bound m = {1, {3, 2, 0, 1, 0}};
    ck_assert_uint_eq(match_bound_eval(m, runs), 3 + 2 * 4 + 4);
    match_bound u = {0, {0}};
    ck_assert_uint_eq(match_bound_eval(u, runs), SIZE_MAX);
}
END_TEST

/* ---- ac.c ------------------------------------------------------------ */

/* Every occurrence of every literal, as "lit@start" sorted by start then
 * literal, from the automaton and from a plain caseless search. */
static void occurrences(char *out, size_t outlen, char *const *lits, size_t n, const char *text,
                        int naive)
{
    ac_hit *hits = NULL;
    size_t nh = 0, cap = 0;
    if (naive) {
        size_t len = strlen(text);
        for (size_t at = 0; at < len; at++)
            for (size_t i = 0; i < n; i++) {
                size_t l = strlen(lits[i]), k = 0;
                while (k < l && at + k < len) {
                    unsigned char c = (unsigned char)text[at + k];
                    if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != (unsigned char)lits[i][k])
                        break;
                    k++;
                }
                if (k == l) {
                    if (nh == cap) { /* doubling: thousands of hits, under ASan too */
                        cap = cap ? 2 * cap : 64;
                        hits = realloc(hits, cap * sizeof *hits);
                        ck_assert_ptr_nonnull(hits);
                    }
                    hits[nh++] = (ac_hit){(uint32_t)i, at};
                }
            }
    } else {
        ac *a;
        ck_assert_int_eq(ac_build(&a, lits, n), 0);
        ck_assert_int_eq(ac_search(a, text, strlen(text), &hits, &nh, &cap), 0);
        ac_free(a);
        /* reported by the end of their first eight bytes */
        for (size_t i = 1; i < nh; i++) {
            size_t pi = strlen(lits[hits[i - 1].lit]), pj = strlen(lits[hits[i].lit]);
            ck_assert_uint_le(hits[i - 1].start + (pi < 8 ? pi : 8),
                              hits[i].start + (pj < 8 ? pj : 8));
        }
    }
    for (size_t i = 1; i < nh; i++)
        for (size_t j = i; j > 0 && (hits[j - 1].start > hits[j].start ||
                                     (hits[j - 1].start == hits[j].start &&
                                      hits[j - 1].lit > hits[j].lit)); j--) {
            ac_hit t = hits[j];
            hits[j] = hits[j - 1];
            hits[j - 1] = t;
        }
    out[0] = '\0';
    for (size_t i = 0, k = 0; i < nh && k < outlen; i++) {
        int w = snprintf(out + k, outlen - k, "%s%s@%zu", i ? " " : "", lits[hits[i].lit],
                         hits[i].start);
        ck_assert_int_ge(w, 0);
        k += (size_t)w;
    }
    free(hits);
}

START_TEST(ac_finds_what_a_plain_search_finds)
{
    /* shared prefixes longer and shorter than the eight bytes the
     * automaton holds, tails cut off by the end of the text, upper case */
    char *lits[] = {"consequences", "consequential", "conseque", "consequence", "quences",
                    "sources", "source", "our", "anonymity", "anonymous", "s"};
    const char *text = "SERIOUS Consequences; consequential sources: our source's "
                       "anonymity, AnonymoUS; consequenc conseque consequen";
    char want[4096], got[4096];
    size_t n = sizeof lits / sizeof lits[0];
    occurrences(want, sizeof want, lits, n, text, 1);
    occurrences(got, sizeof got, lits, n, text, 0);
    ck_assert_str_eq(got, want);
    ck_assert_ptr_nonnull(strstr(got, "consequences@8"));
    ck_assert_ptr_null(strstr(got, "consequence@107")); /* "consequenc" at the end is short */
}
END_TEST

START_TEST(ac_long_random_text)
{
    /* long random texts over a small alphabet: thousands of occurrences,
     * overlapping, of literals shorter and longer than the automaton's
     * eight-byte prefixes, in either case */
    char *lits[] = {"ab", "abc", "cab", "bca", "abcabcab", "abcabcabc", "cabcabcabcab", "b a",
                    "aa", "c"};
    size_t n = sizeof lits / sizeof lits[0];
    size_t outlen = 1u << 21;
    char *want = malloc(outlen), *got = malloc(outlen), *text = malloc(20000);
    ck_assert_ptr_nonnull(want);
    ck_assert_ptr_nonnull(got);
    ck_assert_ptr_nonnull(text);
    unsigned seed = 7;
    for (size_t len = 1000; len < 12000; len += 3331) {
        for (size_t i = 0; i < len; i++) {
            seed = seed * 1103515245u + 12345u;
            text[i] = "abcAB "[(seed >> 16) % 6];
        }
        text[len] = '\0';
        occurrences(want, outlen, lits, n, text, 1);
        occurrences(got, outlen, lits, n, text, 0);
        ck_assert_str_eq(got, want);
        ck_assert_uint_gt(strlen(got), len); /* thousands of occurrences */
    }
    free(want);
    free(got);
    free(text);
}
END_TEST

START_TEST(ac_stops_at_the_length_given)
{
    /* the bytes after `len` are not the text's, even when they would
     * complete a literal */
    char *lits[] = {"consequences", "consequence"};
    const char *text = "dire consequences";
    ac *a;
    ck_assert_int_eq(ac_build(&a, lits, 2), 0);
    ac_hit *hits = NULL;
    size_t n = 0, cap = 0;
    ck_assert_int_eq(ac_search(a, text, strlen(text) - 1, &hits, &n, &cap), 0);
    ck_assert_uint_eq(n, 1);
    ck_assert_uint_eq(hits[0].lit, 1);
    ck_assert_uint_eq(hits[0].start, 5);
    n = 0;
    ck_assert_int_eq(ac_search(a, text, strlen(text), &hits, &n, &cap), 0);
    ck_assert_uint_eq(n, 2);
    free(hits);
    ac_free(a);
}
END_TEST

Suite *prefilter_suite(void)
{
    Suite *s = suite_create("prefilter");
    TCase *tc = tcase_create("analyze");
    tcase_add_loop_test(tc, prefilter_table, 0, (int)(sizeof cases / sizeof cases[0]));
    tcase_add_test(tc, prefilter_distance_per_literal);
    tcase_add_test(tc, prefilter_scratch_reused);
    tcase_add_test(tc, prefilter_runs_measured);
    tcase_add_loop_test(tc, prefilter_edges, 0, (int)(sizeof edge_cases / sizeof edge_cases[0]));
    tcase_add_loop_test(tc, prefilter_second, 0,
                        (int)(sizeof second_cases / sizeof second_cases[0]));
    suite_add_tcase(s, tc);
    tc = tcase_create("ac");
    tcase_add_test(tc, ac_finds_what_a_plain_search_finds);
    tcase_add_test(tc, ac_stops_at_the_length_given);
    tcase_add_test(tc, ac_long_random_text);
    suite_add_tcase(s, tc);
    return s;
}
