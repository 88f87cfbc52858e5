/* test_text.c - the text model (text.c): folding and its offset map, lines
 * and columns, invalid UTF-8, sentences, words and quotations. */
#include "suites.h"

#include "text.h"

#include <stdlib.h>
#include <string.h>

/* Is the character at norm offset `off` inside a quotation? */
static int quoted_at(const slant_doc *d, size_t off) { return doc_quoted(d, off, off + 1); }

static slant_doc *doc_of(const char *text)
{
    slant_doc *d = NULL;
    ck_assert_int_eq(slant_doc_new(&d, "t.txt", text, strlen(text), NULL, NULL), 0);
    ck_assert_ptr_nonnull(d);
    return d;
}

/* ---- folding and the offset map ------------------------------------------- */

START_TEST(fold_typography_and_map)
{
    /* it’s “big” – no—yes<NBSP>ok…  (bytes: ’ 2-4, “ 7-9, ” 13-15, – 17-19,
     * — 23-25, NBSP 29-30, … 33-35) */
    const char *text = "it’s “big” – no—yes\u00A0ok…";
    ck_assert_uint_eq(strlen(text), 36);
    slant_doc *d = doc_of(text);
    ck_assert_str_eq(d->norm, "it's \"big\" - no-yes ok...");
    ck_assert_uint_eq(d->nlen, 25);
    static const uint32_t want[26] = {0,  1,  2,  5,  6,  7,  10, 11, 12, 13, 16, 17, 20,
                                      21, 22, 23, 26, 27, 28, 29, 31, 32, 33, 33, 33, 36};
    for (size_t i = 0; i <= d->nlen; i++)
        ck_assert_msg(d->map[i] == want[i], "map[%zu] = %u, want %u", i, d->map[i], want[i]);
    /* the apostrophe: norm [2,3) is original [2,5) */
    ck_assert_uint_eq(doc_orig_start(d, 2), 2);
    ck_assert_uint_eq(doc_orig_end(d, 3), 5);
    ck_assert_uint_eq(doc_orig_start(d, 3), 5);
    /* "big" with its quotes: norm [5,10) is original [7,16) */
    ck_assert_uint_eq(doc_orig_start(d, 5), 7);
    ck_assert_uint_eq(doc_orig_end(d, 10), 16);
    /* a span ending inside the folded ellipsis takes the whole … */
    ck_assert_uint_eq(doc_orig_start(d, 22), 33);
    ck_assert_uint_eq(doc_orig_end(d, 23), 36);
    ck_assert_uint_eq(doc_orig_end(d, 24), 36);
    ck_assert_uint_eq(doc_orig_end(d, 25), 36);
    /* the ends of the text */
    ck_assert_uint_eq(doc_orig_end(d, 0), 0);
    ck_assert_uint_eq(doc_orig_start(d, 25), 36);
    ck_assert_uint_eq(doc_orig_start(d, 999), 36);
    slant_doc_free(d);
}
END_TEST

static const struct {
    const char *in, *norm;
} folds[] = {
    {"‘x’", "'x'"},
    {"‚x‛", "'x'"},
    {"5′ 6″", "5' 6\""},
    {"it\u02BCs", "it's"},
    {"«x»", "\"x\""},
    {"„x“", "\"x\""},
    {"a\u2010b\u2011c\u2012d\u2015e", "a-b-c-d-e"},
    {"3\u22122", "3-2"},
    {"a\u2002b\u2009c\u200Ad\u202Fe\u205Ff\u3000g", "a b c d e f g"},
    {"a\u2028b", "a b"},
    {"co\u00ADop", "coop"},             /* soft hyphen: invisible */
    {"x\u200By\u200Dz\u2060w", "xyzw"}, /* zero-width characters */
    {"a\uFEFFb", "ab"},                 /* a BOM inside the text */
    {"Zoë naïve café", "Zoë naïve café"}, /* letters stay as they are */
    {"“”…", "\"\"..."},
    {"a\r\nb", "a\nb"},
    {"a\rb", "a\nb"},
    {"a\r\n\r\nb\rc", "a\n\nb\nc"},
};

START_TEST(fold_table)
{
    slant_doc *d = doc_of(folds[_i].in);
    ck_assert_str_eq(d->norm, folds[_i].norm);
    ck_assert_uint_eq(d->nlen, strlen(folds[_i].norm));
    ck_assert_uint_eq(d->map[d->nlen], strlen(folds[_i].in));
    /* the map never goes backwards */
    for (size_t i = 1; i <= d->nlen; i++)
        ck_assert_uint_le(d->map[i - 1], d->map[i]);
    slant_doc_free(d);
}
END_TEST

START_TEST(bom_skipped)
{
    slant_doc *d = doc_of("\xEF\xBB\xBFHello world.");
    ck_assert_str_eq(d->norm, "Hello world.");
    ck_assert_uint_eq(d->nlen, 12);
    ck_assert_uint_eq(d->map[0], 3);
    ck_assert_uint_eq(doc_orig_start(d, 0), 3);
    ck_assert_uint_eq(d->map[12], 15);
    ck_assert_uint_eq(slant_doc_words(d), 2);
    ck_assert_uint_eq(slant_doc_sentences(d), 1);
    ck_assert_uint_eq(slant_doc_bytes(d), 15);
    slant_doc_free(d);

    d = doc_of("\xEF\xBB\xBF");
    ck_assert_uint_eq(d->nlen, 0);
    ck_assert_str_eq(d->norm, "");
    ck_assert_uint_eq(slant_doc_words(d), 0);
    ck_assert_uint_eq(slant_doc_sentences(d), 0);
    slant_doc_free(d);
}
END_TEST

/* ---- lines, columns, code points -------------------------------------------- */

START_TEST(position_multibyte)
{
    /* Z o ë(2 bytes) space s a i d : space serious ... */
    const char *text = "Zoë said: serious consequences.";
    slant_doc *d = doc_of(text);
    unsigned line = 0, col = 0;
    size_t cp = 0;
    doc_position(d, 0, &line, &col, &cp);
    ck_assert_uint_eq(line, 1);
    ck_assert_uint_eq(col, 1);
    ck_assert_uint_eq(cp, 0);
    doc_position(d, 2, &line, &col, &cp); /* ë */
    ck_assert_uint_eq(col, 3);
    ck_assert_uint_eq(cp, 2);
    doc_position(d, 4, &line, &col, &cp); /* the space after ë: 1 per character */
    ck_assert_uint_eq(col, 4);
    ck_assert_uint_eq(cp, 3);
    doc_position(d, 5, &line, &col, &cp); /* s of said */
    ck_assert_uint_eq(col, 5);
    ck_assert_uint_eq(cp, 4);
    doc_position(d, 11, &line, &col, &cp); /* s of serious */
    ck_assert_uint_eq(line, 1);
    ck_assert_uint_eq(col, 11);
    ck_assert_uint_eq(cp, 10);
    doc_position(d, 32, &line, &col, &cp); /* the end */
    ck_assert_uint_eq(col, 32);
    ck_assert_uint_eq(cp, 31);
    doc_position(d, 500, &line, &col, &cp); /* past the end: clamped */
    ck_assert_uint_eq(col, 32);
    ck_assert_uint_eq(cp, 31);
    doc_position(d, 11, NULL, NULL, NULL); /* every output is optional */
    doc_position(d, 11, NULL, &col, NULL);
    ck_assert_uint_eq(col, 11);
    slant_doc_free(d);
}
END_TEST

START_TEST(position_line_breaks)
{
    /* a b CR LF c d CR(lone) e f LF LF g h */
    const char *text = "ab\r\ncd\ref\n\ngh";
    slant_doc *d = doc_of(text);
    ck_assert_uint_eq(d->nlines, 5);
    ck_assert_str_eq(d->norm, "ab\ncd\nef\n\ngh");
    static const struct {
        size_t off;
        unsigned line, col;
        size_t cp;
    } want[] = {
        {0, 1, 1, 0},  {1, 1, 2, 1},  {4, 2, 1, 4},   {5, 2, 2, 5},  {7, 3, 1, 7},
        {8, 3, 2, 8},  {10, 4, 1, 10}, {11, 5, 1, 11}, {12, 5, 2, 12}, {13, 5, 3, 13},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        unsigned line = 0, col = 0;
        size_t cp = 0;
        doc_position(d, want[i].off, &line, &col, &cp);
        ck_assert_msg(line == want[i].line && col == want[i].col && cp == want[i].cp,
                      "offset %zu: %u:%u cp %zu, want %u:%u cp %zu", want[i].off, line, col, cp,
                      want[i].line, want[i].col, want[i].cp);
    }
    slant_doc_free(d);
}
END_TEST

START_TEST(position_long_lines)
{
    /* past the 4 KiB checkpoints: 3000 é, LF, 3000 é, x */
    size_t n = 3000;
    char *text = malloc(4 * n + 8);
    ck_assert_ptr_nonnull(text);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        text[k++] = '\xC3', text[k++] = '\xA9';
    text[k++] = '\n';
    for (size_t i = 0; i < n; i++)
        text[k++] = '\xC3', text[k++] = '\xA9';
    text[k++] = 'x';
    text[k] = '\0';
    slant_doc *d = doc_of(text);
    ck_assert_uint_ge(d->nckpt, 3);
    unsigned line = 0, col = 0;
    size_t cp = 0;
    doc_position(d, 12001, &line, &col, &cp); /* the x */
    ck_assert_uint_eq(line, 2);
    ck_assert_uint_eq(col, 3001);
    ck_assert_uint_eq(cp, 6001);
    doc_position(d, 5000, &line, &col, &cp); /* é number 2500 of line 1 */
    ck_assert_uint_eq(line, 1);
    ck_assert_uint_eq(col, 2501);
    ck_assert_uint_eq(cp, 2500);
    doc_position(d, 8193, &line, &col, &cp); /* line 2, (8193 - 6001) / 2 = 1096 é before */
    ck_assert_uint_eq(line, 2);
    ck_assert_uint_eq(col, 1097);
    ck_assert_uint_eq(cp, 3001 + 1096);
    slant_doc_free(d);
    free(text);
}
END_TEST

/* ---- invalid UTF-8 ------------------------------------------------------------ */

static const struct {
    const char *text;
    size_t len;
    const char *diag; /* the first diagnostic */
} bad_utf8[] = {
    {"ok\n  x\xFFy", 8, "bad.txt:2:4: invalid UTF-8: byte 0xFF"},
    {"é\xFF", 3, "bad.txt:1:2: invalid UTF-8: byte 0xFF"},
    {"a\xC3(b", 4, "bad.txt:1:2: invalid UTF-8: byte 0xC3"},
    {"end \xE2\x80", 6, "bad.txt:1:5: invalid UTF-8: bytes 0xE2 0x80"},
    {"\xC0\x80", 2, "bad.txt:1:1: invalid UTF-8: bytes 0xC0 0x80"},
    {"\xE0\x80\x80", 3, "bad.txt:1:1: invalid UTF-8: bytes 0xE0 0x80 0x80"},
    {"\xED\xA0\x80 surrogate", 13, "bad.txt:1:1: invalid UTF-8: bytes 0xED 0xA0 0x80"},
    {"\xF4\x90\x80\x80!", 5, "bad.txt:1:1: invalid UTF-8: bytes 0xF4 0x90 0x80 0x80"},
    {"x\xFF\xFF\xFF\xFF\xFFy", 7, "bad.txt:1:2: invalid UTF-8: bytes 0xFF 0xFF 0xFF 0xFF ..."},
    {"a\rbc\xFF", 5, "bad.txt:2:3: invalid UTF-8: byte 0xFF"},
    {"a\r\nbc\xFF", 6, "bad.txt:2:3: invalid UTF-8: byte 0xFF"},
    {"“q” \xFE", 9, "bad.txt:1:5: invalid UTF-8: byte 0xFE"},
};

START_TEST(invalid_utf8_diagnosed)
{
    diag_log log;
    diag_log_reset(&log);
    slant_doc *d = NULL;
    int rc = slant_doc_new(&d, "bad.txt", bad_utf8[_i].text, bad_utf8[_i].len, diag_collect,
                           &log);
    ck_assert_int_eq(rc, SLANT_EINPUT);
    ck_assert_ptr_nonnull(d); /* a doc anyway */
    ck_assert_uint_eq(log.n, 1);
    ck_assert_str_eq(log.text[0], bad_utf8[_i].diag);
    ck_assert_int_eq(log.level[0], SLANT_LEVEL_ERROR);
    ck_assert_str_eq(log.rule[0], "");
    ck_assert_uint_eq(d->nerrors, 1);
    ck_assert_uint_eq(d->errors[0].line, log.line[0]);
    ck_assert_uint_eq(d->errors[0].column, log.column[0]);
    ck_assert_str_eq(d->errors[0].message, strstr(bad_utf8[_i].diag, "invalid"));
    ck_assert_uint_eq(d->map[d->nlen], bad_utf8[_i].len);
    slant_doc_free(d);
}
END_TEST

START_TEST(invalid_utf8_reads_as_replacement)
{
    slant_doc *d = NULL;
    const char text[] = "a\xFF\xFE" "bad\xC3word";
    int rc = slant_doc_new(&d, NULL, text, sizeof text - 1, NULL, NULL);
    ck_assert_int_eq(rc, SLANT_EINPUT);
    ck_assert_ptr_nonnull(d);
    ck_assert_str_eq(slant_doc_name(d), "-");
    ck_assert_str_eq(d->norm, "a\uFFFD\uFFFDbad\uFFFDword");
    ck_assert_uint_eq(d->nlen, 17);
    /* every replacement maps back to its own byte */
    ck_assert_uint_eq(d->map[1], 1);
    ck_assert_uint_eq(d->map[3], 1);
    ck_assert_uint_eq(d->map[4], 2);
    ck_assert_uint_eq(d->map[6], 2);
    ck_assert_uint_eq(d->map[7], 3);
    ck_assert_uint_eq(doc_orig_end(d, 7), 3);
    ck_assert_uint_eq(d->map[10], 6);
    ck_assert_uint_eq(d->map[13], 7);
    /* errors without a callback are still recorded: two runs */
    ck_assert_uint_eq(d->nerrors, 2);
    ck_assert_str_eq(d->errors[0].message, "invalid UTF-8: bytes 0xFF 0xFE");
    ck_assert_str_eq(d->errors[1].message, "invalid UTF-8: byte 0xC3");
    ck_assert_uint_eq(d->errors[1].column, 7);
    /* U+FFFD is not a word character: a / bad / word */
    ck_assert_uint_eq(slant_doc_words(d), 3);
    slant_doc_free(d);
}
END_TEST

START_TEST(invalid_utf8_error_cap)
{
    /* 25 separate invalid bytes: 20 reported, then one note that more follow */
    char text[64];
    size_t k = 0;
    for (int i = 0; i < 25; i++)
        text[k++] = '\xFF', text[k++] = ' ';
    diag_log log;
    diag_log_reset(&log);
    slant_doc *d = NULL;
    ck_assert_int_eq(slant_doc_new(&d, "x", text, k, diag_collect, &log), SLANT_EINPUT);
    ck_assert_uint_eq(log.n, 21);
    ck_assert_uint_eq(d->nerrors, 21);
    ck_assert_str_eq(log.text[0], "x:1:1: invalid UTF-8: byte 0xFF");
    ck_assert_str_eq(log.text[19], "x:1:39: invalid UTF-8: byte 0xFF");
    ck_assert_str_eq(log.text[20],
                     "x:1:41: invalid UTF-8: more invalid bytes follow; not all are reported");
    slant_doc_free(d);
}
END_TEST

START_TEST(doc_arguments)
{
    slant_doc *d = (slant_doc *)1;
    ck_assert_int_eq(slant_doc_new(&d, "x", NULL, 5, NULL, NULL), SLANT_EINVAL);
    ck_assert_ptr_null(d);
    ck_assert_int_eq(slant_doc_new(&d, "empty", NULL, 0, NULL, NULL), 0);
    ck_assert_ptr_nonnull(d);
    ck_assert_str_eq(slant_doc_name(d), "empty");
    ck_assert_uint_eq(slant_doc_bytes(d), 0);
    ck_assert_uint_eq(slant_doc_words(d), 0);
    ck_assert_uint_eq(slant_doc_sentences(d), 0);
    ck_assert_uint_eq(d->nlen, 0);
    ck_assert_uint_eq(d->nlines, 1);
    span s = doc_sentence_at(d, 0);
    ck_assert_uint_eq(s.start, 0);
    ck_assert_uint_eq(s.end, 0);
    ck_assert_int_eq(quoted_at(d, 0), 0);
    ck_assert_uint_eq(doc_words_before(d, 10), 0);
    slant_doc_free(d);
    slant_doc_free(NULL);
    ck_assert_ptr_null(slant_doc_name(NULL));
    ck_assert_uint_eq(slant_doc_bytes(NULL), 0);
    ck_assert_uint_eq(slant_doc_words(NULL), 0);
    ck_assert_uint_eq(slant_doc_sentences(NULL), 0);
    /* the name is copied, the bytes are borrowed */
    char name[] = "copied.txt";
    const char *text = "One two.";
    ck_assert_int_eq(slant_doc_new(&d, name, text, strlen(text), NULL, NULL), 0);
    name[0] = 'X';
    ck_assert_str_eq(slant_doc_name(d), "copied.txt");
    ck_assert_ptr_eq(d->orig, (const unsigned char *)text);
    ck_assert_uint_eq(slant_doc_bytes(d), 8);
    slant_doc_free(d);
}
END_TEST

/* ---- sentences ----------------------------------------------------------------- */

static const struct {
    const char *text;
    size_t n;
    const char *sent[4]; /* each sentence as it stands in the folded text */
} sentence_cases[] = {
    {"The U.S. economy grew. Mr. Smith and Dr. Jones met on Jan. 5. J. Smith left.",
     3,
     {"The U.S. economy grew.", "Mr. Smith and Dr. Jones met on Jan. 5.", "J. Smith left."}},
    {"Is it true? Yes! It is.", 3, {"Is it true?", "Yes!", "It is."}},
    {"Big headline without period\n\nThe story starts here. It goes on.",
     3,
     {"Big headline without period", "The story starts here.", "It goes on."}},
    {"\"He left.\" Then she spoke.", 2, {"\"He left.\"", "Then she spoke."}},
    {"“He left.” Then she spoke.", 2, {"\"He left.\"", "Then she spoke."}},
    {"\"Why?\" he asked. She left.", 2, {"\"Why?\" he asked.", "She left."}},
    {"Wait... What happened?", 2, {"Wait...", "What happened?"}},
    {"Wait… What happened?", 2, {"Wait...", "What happened?"}},
    {"He arrived at 3 p.m. on Monday.", 1, {"He arrived at 3 p.m. on Monday."}},
    {"Prices rose 2.5 percent. Analysts agreed.", 2,
     {"Prices rose 2.5 percent.", "Analysts agreed."}},
    {"(See below.) Next one.", 2, {"(See below.)", "Next one."}},
    {"line one\nline two. Next.", 2, {"line one\nline two.", "Next."}},
    {"Gen. Smith spoke.\r\n\r\nNew para.", 2, {"Gen. Smith spoke.", "New para."}},
    {"Dr.\u00A0Ruth spoke.", 1, {"Dr. Ruth spoke."}},
    {"It works. 2024 was good.", 2, {"It works.", "2024 was good."}},
    {"It was fine. the end.", 1, {"It was fine. the end."}},
    {"Trailing no period", 1, {"Trailing no period"}},
    {"  Leading space.  ", 1, {"Leading space."}},
    {"", 0, {NULL}},
    {"  \n\n  \n", 0, {NULL}},
    {"Title\n\n\n\nBody.", 2, {"Title", "Body."}},
};

START_TEST(sentence_table)
{
    slant_doc *d = doc_of(sentence_cases[_i].text);
    ck_assert_uint_eq(slant_doc_sentences(d), sentence_cases[_i].n);
    for (size_t k = 0; k < d->nsents && k < 4; k++) {
        span s = d->sents[k];
        ck_assert_uint_le(s.start, s.end);
        ck_assert_uint_le(s.end, d->nlen);
        char got[256];
        snprintf(got, sizeof got, "%.*s", (int)(s.end - s.start), d->norm + s.start);
        ck_assert_str_eq(got, sentence_cases[_i].sent[k]);
    }
    slant_doc_free(d);
}
END_TEST

START_TEST(sentence_at_offsets)
{
    /* "Big headline without period" [0,27), "The story starts here." [29,51),
     * "It goes on." [52,63) */
    slant_doc *d = doc_of("Big headline without period\n\nThe story starts here. It goes on.");
    ck_assert_uint_eq(d->nsents, 3);
    span s = doc_sentence_at(d, 0);
    ck_assert_uint_eq(s.start, 0);
    ck_assert_uint_eq(s.end, 27);
    s = doc_sentence_at(d, 35);
    ck_assert_uint_eq(s.start, 29);
    ck_assert_uint_eq(s.end, 51);
    s = doc_sentence_at(d, 28); /* the blank line: the sentence before */
    ck_assert_uint_eq(s.start, 0);
    s = doc_sentence_at(d, 51); /* the space between: the sentence before */
    ck_assert_uint_eq(s.start, 29);
    s = doc_sentence_at(d, 52);
    ck_assert_uint_eq(s.start, 52);
    ck_assert_uint_eq(s.end, 63);
    s = doc_sentence_at(d, 62);
    ck_assert_uint_eq(s.start, 52);
    slant_doc_free(d);
}
END_TEST

/* ---- words ------------------------------------------------------------------------- */

static const struct {
    const char *text;
    size_t words;
} word_cases[] = {
    {"so-called experts don't agree", 4},
    {"Russia’s army won’t stop", 4},
    {"Zoë said: «non»", 3},
    {"one, two; three...", 3},
    {"well-known, self-styled", 2},
    {"e-mail's", 1},
    {"end- start", 2},
    {"a — b", 2},
    {"naïve café", 2},
    {"x\u200By", 1},
    {"under_score", 1},
    {"", 0},
    {" - -- ' \" ", 0},
    {"'quoted' words", 2},
};

START_TEST(word_table)
{
    slant_doc *d = doc_of(word_cases[_i].text);
    ck_assert_uint_eq(slant_doc_words(d), word_cases[_i].words);
    for (size_t k = 0; k < d->nwords; k++)
        ck_assert_uint_lt(d->wstart[k], d->wend[k]);
    slant_doc_free(d);
}
END_TEST

START_TEST(word_bounds)
{
    slant_doc *d = doc_of("so-called experts don't");
    ck_assert_uint_eq(d->nwords, 3);
    ck_assert_uint_eq(d->wstart[0], 0);
    ck_assert_uint_eq(d->wend[0], 9);
    ck_assert_uint_eq(d->wstart[1], 10);
    ck_assert_uint_eq(d->wend[1], 17);
    ck_assert_uint_eq(d->wstart[2], 18);
    ck_assert_uint_eq(d->wend[2], 23);
    ck_assert_uint_eq(doc_words_before(d, 0), 0);
    ck_assert_uint_eq(doc_words_before(d, 1), 1);
    ck_assert_uint_eq(doc_words_before(d, 10), 1);
    ck_assert_uint_eq(doc_words_before(d, 11), 2);
    ck_assert_uint_eq(doc_words_before(d, 100), 3);
    slant_doc_free(d);
}
END_TEST

/* ---- quotations ------------------------------------------------------------------------ */

static const struct {
    const char *text;
    const char *marker; /* a unique piece of the folded text */
    int quoted;
} quote_cases[] = {
    {"He said “we will win” today.", "we", 1},
    {"He said “we will win” today.", "today", 0},
    {"He said “we will win” today.", "He", 0},
    {"He said \"we will win\" today.", "will", 1},
    {"He said \"we will win\" today.", "today", 0},
    {"He said ‘we will win’ today.", "will", 1},
    {"He said ‘we will win’ today.", "today", 0},
    {"He said 'we will win' today.", "will", 1},
    {"He said 'we will win' today.", "today", 0},
    {"Il a dit «nous gagnerons» hier.", "nous", 1},
    {"Il a dit «nous gagnerons» hier.", "hier", 0},
    {"Er sagte „wir siegen“ heute.", "siegen", 1},
    {"Er sagte „wir siegen“ heute.", "heute", 0},
    {"Russia’s army said it won’t stop.", "army", 0},
    {"Russia’s army said it won’t stop.", "stop", 0},
    {"Russia's army said it won't stop.", "army", 0},
    {"Russia's army said it won't stop.", "stop", 0},
    {"The dogs’ bowls were full.", "bowls", 0},
    {"“Unclosed quote runs on\n\nNext paragraph here.", "runs", 1},
    {"“Unclosed quote runs on\n\nNext paragraph here.", "Next", 0},
    {"\"Open quote\n\nAfter the break", "Open", 1},
    {"\"Open quote\n\nAfter the break", "After", 0},
    {"“Open quote\r\n\r\nAfter the break", "After", 0},
    {"He said “this never ends", "ends", 1},
    {"“Alpha ‘beta’ gamma” delta", "Alpha", 1},
    {"“Alpha ‘beta’ gamma” delta", "beta", 1},
    {"“Alpha ‘beta’ gamma” delta", "gamma", 1},
    {"“Alpha ‘beta’ gamma” delta", "delta", 0},
    {"The '90s were fine\n\nNext part.", "were", 0},
    {"The '90s were fine\n\nNext part.", "Next", 0},
    {"A ”stray closing mark then text", "text", 0},
};

START_TEST(quote_table)
{
    slant_doc *d = doc_of(quote_cases[_i].text);
    size_t off = offset_of(d->norm, quote_cases[_i].marker);
    ck_assert_msg(!!quoted_at(d, off) == quote_cases[_i].quoted,
                  "\"%s\" in \"%s\": quoted %d, want %d", quote_cases[_i].marker,
                  quote_cases[_i].text, quoted_at(d, off), quote_cases[_i].quoted);
    slant_doc_free(d);
}
END_TEST

START_TEST(quote_spans)
{
    /* norm: A "quoted" word  -> the quotation is [2,10) including its marks */
    slant_doc *d = doc_of("A “quoted” word");
    ck_assert_str_eq(d->norm, "A \"quoted\" word");
    ck_assert_uint_eq(d->nquotes, 1);
    ck_assert_uint_eq(d->quotes[0].start, 2);
    ck_assert_uint_eq(d->quotes[0].end, 10);
    ck_assert_int_eq(quoted_at(d, 1), 0);
    ck_assert_int_eq(quoted_at(d, 2), 1);
    ck_assert_int_eq(quoted_at(d, 9), 1);
    ck_assert_int_eq(quoted_at(d, 10), 0);
    slant_doc_free(d);

    /* nested: two quotations, one voiced span */
    d = doc_of("“Alpha ‘beta’ gamma” delta");
    ck_assert_uint_eq(d->nquotes, 2);
    ck_assert_uint_eq(d->nvoiced, 1);
    ck_assert_uint_eq(d->voiced[0].start, 0);
    ck_assert_uint_eq(d->voiced[0].end, 20);
    slant_doc_free(d);

    /* an unclosed quotation ends at the last text before the paragraph break */
    d = doc_of("“Open quote  \n\nAfter");
    ck_assert_uint_eq(d->nquotes, 1);
    ck_assert_uint_eq(d->quotes[0].start, 0);
    ck_assert_uint_eq(d->quotes[0].end, 11);
    slant_doc_free(d);

    /* two quotations in one sentence */
    d = doc_of("\"One\" and \"two\" here");
    ck_assert_uint_eq(d->nquotes, 2);
    ck_assert_uint_eq(d->nvoiced, 2);
    ck_assert_int_eq(quoted_at(d, offset_of(d->norm, "and")), 0);
    ck_assert_int_eq(quoted_at(d, offset_of(d->norm, "two")), 1);
    ck_assert_int_eq(quoted_at(d, offset_of(d->norm, "here")), 0);
    slant_doc_free(d);
}
END_TEST

START_TEST(quoted_span_rules)
{
    /* norm: He praised the "peace plan" and "we will win" today.
     * A span that is a whole quotation with its marks is the author's act
     * (scare quotes); a span starting inside one is quoted speech. */
    slant_doc *d = doc_of("He praised the “peace plan” and “we will win” today.");
    size_t q1 = offset_of(d->norm, "\"peace"), q1end = offset_of(d->norm, " and");
    ck_assert_int_eq(doc_quoted(d, q1, q1end), 0);          /* the whole quotation */
    ck_assert_int_eq(doc_quoted(d, q1, q1end + 4), 0);      /* and more after it */
    ck_assert_int_eq(doc_quoted(d, q1, q1end - 1), 1);      /* without its closing mark */
    ck_assert_int_eq(doc_quoted(d, q1 + 1, q1end - 1), 1);  /* the words inside */
    ck_assert_int_eq(doc_quoted(d, q1 + 1, q1end), 1);
    ck_assert_int_eq(doc_quoted(d, q1end, q1end + 4), 0);   /* after it */
    ck_assert_int_eq(doc_quoted(d, 0, q1 + 3), 0);          /* starts before it */
    size_t we = offset_of(d->norm, "we will");
    ck_assert_int_eq(doc_quoted(d, we, we + 7), 1);
    ck_assert_int_eq(doc_quoted(d, we - 1, we + 12), 0); /* "we will win" with its marks */
    slant_doc_free(d);
}
END_TEST

static const struct {
    const char *in, *out;
} fold_strings[] = {
    {"won’t", "won't"},
    {"“so–called”", "\"so-called\""},
    {"a\u00A0b…", "a b..."},
    {"co\u00ADop", "coop"},
    {"plain ASCII (a+b)", "plain ASCII (a+b)"},
    {"bad \xFF byte", "bad \xFF byte"}, /* invalid bytes are kept as they are */
    {"", ""},
};

START_TEST(fold_string_table)
{
    char *s = text_fold_string(fold_strings[_i].in);
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(s, fold_strings[_i].out);
    free(s);
}
END_TEST

/* ---- regressions: bugs these tests found, kept fixed  */

/* A paragraph break written with lone CRs (old Mac line ends) must end an
 * open quotation just as LF and CR LF paragraph breaks do (the quote_table
 * cases above pass for LF and CR LF). */
START_TEST(regress_lone_cr_paragraph_ends_quote)
{
    slant_doc *d = doc_of("“Open quote\r\rAfter the break");
    int norm_ok = strcmp(d->norm, "\"Open quote\n\nAfter the break") == 0;
    int open_q = quoted_at(d, offset_of(d->norm, "Open"));
    int after_q = quoted_at(d, offset_of(d->norm, "After"));
    slant_doc_free(d);
    ck_assert(norm_ok);
    ck_assert_int_eq(open_q, 1);
    ck_assert_msg(!after_q, "text after a CR CR paragraph break is still inside the quotation");
}
END_TEST

/* A quotation opening at the start of a line after a lone CR: the mark
 * follows a line break, so it opens a single quotation as after LF. */
START_TEST(regress_lone_cr_line_start_quote)
{
    slant_doc *lf = doc_of("He said\n'we will win' today.");
    int lf_q = quoted_at(lf, offset_of(lf->norm, "will"));
    slant_doc_free(lf);
    slant_doc *cr = doc_of("He said\r'we will win' today.");
    int cr_q = quoted_at(cr, offset_of(cr->norm, "will"));
    slant_doc_free(cr);
    ck_assert_int_eq(lf_q, 1);
    ck_assert_msg(cr_q, "a single quotation after a lone CR is not recognised");
}
END_TEST

/* The byte-order mark is skipped ("not text"), so the first character after
 * it is at column 1, as editors show it. */
START_TEST(regress_bom_counts_as_column)
{
    slant_doc *d = doc_of("\xEF\xBB\xBFHello");
    unsigned line = 0, col = 0;
    doc_position(d, 3, &line, &col, NULL);
    slant_doc_free(d);
    diag_log log;
    diag_log_reset(&log);
    int rc = slant_doc_new(&d, "bom.txt", "\xEF\xBB\xBF\xFF", 4, diag_collect, &log);
    slant_doc_free(d);
    ck_assert_uint_eq(line, 1);
    ck_assert_msg(col == 1, "first character after the BOM is at column %u", col);
    ck_assert_int_eq(rc, SLANT_EINPUT);
    ck_assert_uint_eq(log.n, 1);
    ck_assert_str_eq(log.text[0], "bom.txt:1:1: invalid UTF-8: byte 0xFF");
}
END_TEST

/* Seen only under -fsanitize=undefined (the `make asan` build): a document
 * without quotation marks calls qsort(NULL, 0, ...) in build_norm
 * (text.c), which is undefined behaviour ("null pointer passed as argument
 * 1, which is declared to never be null") and aborts the sanitizer build
 * for every such document. */
START_TEST(regress_ubsan_qsort_null_without_quotations)
{
    slant_doc *d = doc_of("No quotation marks here.");
    size_t nq = d->nquotes;
    slant_doc_free(d);
    ck_assert_uint_eq(nq, 0);
}
END_TEST

#define N(a) ((int)(sizeof(a) / sizeof(a)[0]))

/* slant_utf8_check: where text stops being UTF-8, by the rules the text
 * model uses (the serve front end refuses such text with that offset). */
static const struct {
    const char *bytes;
    size_t len;
    int rc;
    size_t at;
} utf8_checks[] = {
    {"Zo\xC3\xAB said", 8, 0, 0},
    {"", 0, 0, 0},
    {"ab\xE2\x80", 4, SLANT_EINPUT, 2},          /* cut short at the end */
    {"\xC0\xAF", 2, SLANT_EINPUT, 0},            /* overlong */
    {"abc\xF4\x90\x80\x80", 7, SLANT_EINPUT, 3}, /* past U+10FFFF */
    {"x\xED\xA0\x80", 4, SLANT_EINPUT, 1},        /* a surrogate */
    {"ok\x80", 3, SLANT_EINPUT, 2},               /* a lone continuation byte */
};

START_TEST(utf8_check_offsets)
{
    size_t at = 12345;
    int rc = slant_utf8_check(&at, utf8_checks[_i].bytes, utf8_checks[_i].len);
    ck_assert_int_eq(rc, utf8_checks[_i].rc);
    if (rc != 0)
        ck_assert_uint_eq(at, utf8_checks[_i].at);
}
END_TEST

/* The text model reads eight bytes at a time where nothing can happen:
 * every byte that matters (a line break, a sentence stop, a quotation
 * mark, an apostrophe, a non-ASCII character) must count wherever it falls
 * in such a block. The same text behind 0 to 17 spaces gives the same
 * lines, words, sentences and quotations, shifted. */
START_TEST(model_independent_of_alignment)
{
    static const char body[] =
        "He said \"no\". Mr. Smith left!\r\nNext line?  Yes... it's 'fine'.\n\n"
        "A new para: don't, so-called caf\xC3\xA9 \xE2\x80\x9Cquote\xE2\x80\x9D ok.\rEnd "
        "U.S. rates rose 2.5 per cent?! \"Yes,\" she said.\tTabs\x0B and\x7F odd bytes.";
    slant_doc *d0 = NULL;
    for (size_t pad = 0; pad < 18; pad++) {
        char text[512];
        memset(text, ' ', pad);
        memcpy(text + pad, body, sizeof body);
        slant_doc *d;
        ck_assert_int_eq(slant_doc_new(&d, "t", text, strlen(text), NULL, NULL), 0);
        if (pad == 0) {
            d0 = d;
            ck_assert_uint_eq(d0->nlines, 5);
            ck_assert_uint_eq(d0->nsents, 8);
            ck_assert_uint_gt(d0->nquotes, 3);
            continue;
        }
        ck_assert_str_eq(d->norm + pad, d0->norm);
        for (size_t i = 0; i <= d0->nlen; i++)
            ck_assert_uint_eq(d->map[i + pad], d0->map[i] + pad);
        ck_assert_uint_eq(d->nlines, d0->nlines);
        for (size_t i = 1; i < d0->nlines; i++) {
            ck_assert_uint_eq(d->lines[i].byte, d0->lines[i].byte + pad);
            ck_assert_uint_eq(d->lines[i].cp, d0->lines[i].cp + pad);
        }
        ck_assert_uint_eq(d->nwords, d0->nwords);
        for (size_t i = 0; i < d0->nwords; i++) {
            ck_assert_uint_eq(d->wstart[i], d0->wstart[i] + pad);
            ck_assert_uint_eq(d->wend[i], d0->wend[i] + pad);
        }
        ck_assert_uint_eq(d->nsents, d0->nsents);
        for (size_t i = 0; i < d0->nsents; i++) {
            ck_assert_uint_eq(d->sents[i].start, d0->sents[i].start + pad);
            ck_assert_uint_eq(d->sents[i].end, d0->sents[i].end + pad);
        }
        ck_assert_uint_eq(d->nquotes, d0->nquotes);
        for (size_t i = 0; i < d0->nquotes; i++)
            ck_assert_uint_eq(d->quotes[i].start, d0->quotes[i].start + pad);
        slant_doc_free(d);
    }
    slant_doc_free(d0);
}
END_TEST

/* The same documents read eight bytes at a time and one at a time give
 * the same model: random texts over the bytes that matter. */
static void same_model(const slant_doc *a, const slant_doc *b, const char *text)
{
    ck_assert_msg(a->nlen == b->nlen && memcmp(a->norm, b->norm, a->nlen) == 0, "norm: %s", text);
    ck_assert_msg(memcmp(a->map, b->map, (a->nlen + 1) * sizeof *a->map) == 0, "map: %s", text);
    ck_assert_msg(a->nlines == b->nlines && a->nckpt == b->nckpt, "lines: %s", text);
    for (size_t i = 0; i < a->nlines; i++)
        ck_assert_msg(a->lines[i].byte == b->lines[i].byte && a->lines[i].cp == b->lines[i].cp,
                      "line %zu: %s", i, text);
    for (size_t i = 0; i < a->nckpt; i++)
        ck_assert_msg(a->ckpt[i].byte == b->ckpt[i].byte && a->ckpt[i].cp == b->ckpt[i].cp,
                      "checkpoint %zu: %s", i, text);
    ck_assert_msg(a->nwords == b->nwords, "words: %s", text);
    for (size_t i = 0; i < a->nwords; i++)
        ck_assert_msg(a->wstart[i] == b->wstart[i] && a->wend[i] == b->wend[i], "word %zu: %s",
                      i, text);
    ck_assert_msg(a->nsents == b->nsents, "sentences: %s", text);
    for (size_t i = 0; i < a->nsents; i++)
        ck_assert_msg(a->sents[i].start == b->sents[i].start && a->sents[i].end == b->sents[i].end,
                      "sentence %zu: %s", i, text);
    ck_assert_msg(a->nquotes == b->nquotes, "quotes: %s", text);
    for (size_t i = 0; i < a->nquotes; i++)
        ck_assert_msg(a->quotes[i].start == b->quotes[i].start &&
                          a->quotes[i].end == b->quotes[i].end,
                      "quote %zu: %s", i, text);
}

START_TEST(wide_steps_change_nothing)
{
    static const char *const pieces[] = {
        "a", "b", "Word", " ", "  ", ".", "!", "?", "\n", "\r", "\r\n", "\t", "\"", "'",
        "-", "Mr", "U.S", "2.5", "\xC3\xA9", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x99",
        "\x7F", "\x01", "longerword", "plain text run ",
    };
    unsigned seed = 12345;
    char text[4200];
    for (int iter = 0; iter < 3000; iter++) {
        size_t len = 0, want = iter < 2900 ? (size_t)(iter % 160) : 4000; /* some past a checkpoint */
        while (len < want) {
            seed = seed * 1103515245u + 12345u;
            const char *p = pieces[(seed >> 16) % (sizeof pieces / sizeof *pieces)];
            size_t n = strlen(p);
            if (len + n >= sizeof text)
                break;
            memcpy(text + len, p, n);
            len += n;
        }
        text[len] = '\0';
        slant_doc *wide, *narrow;
        text_wide_steps = 1;
        ck_assert_int_eq(slant_doc_new(&wide, "t", text, len, NULL, NULL), 0);
        text_wide_steps = 0;
        ck_assert_int_eq(slant_doc_new(&narrow, "t", text, len, NULL, NULL), 0);
        text_wide_steps = 1;
        same_model(wide, narrow, text);
        slant_doc_free(wide);
        slant_doc_free(narrow);
    }
}
END_TEST

Suite *text_suite(void)
{
    Suite *s = suite_create("text");
    TCase *tc = tcase_create("fold");
    tcase_add_test(tc, fold_typography_and_map);
    tcase_add_loop_test(tc, fold_table, 0, N(folds));
    tcase_add_test(tc, bom_skipped);
    tcase_add_loop_test(tc, fold_string_table, 0, N(fold_strings));
    suite_add_tcase(s, tc);

    tc = tcase_create("positions");
    tcase_add_test(tc, position_multibyte);
    tcase_add_test(tc, position_line_breaks);
    tcase_add_test(tc, position_long_lines);
    suite_add_tcase(s, tc);

    tc = tcase_create("invalid-utf8");
    tcase_add_loop_test(tc, utf8_check_offsets, 0,
                        (int)(sizeof utf8_checks / sizeof utf8_checks[0]));
    tcase_add_loop_test(tc, invalid_utf8_diagnosed, 0, N(bad_utf8));
    tcase_add_test(tc, invalid_utf8_reads_as_replacement);
    tcase_add_test(tc, invalid_utf8_error_cap);
    tcase_add_test(tc, doc_arguments);
    suite_add_tcase(s, tc);

    tc = tcase_create("sentences-words");
    tcase_add_loop_test(tc, sentence_table, 0, N(sentence_cases));
    tcase_add_test(tc, sentence_at_offsets);
    tcase_add_test(tc, model_independent_of_alignment);
    tcase_add_test(tc, wide_steps_change_nothing);
    tcase_add_loop_test(tc, word_table, 0, N(word_cases));
    tcase_add_test(tc, word_bounds);
    suite_add_tcase(s, tc);

    tc = tcase_create("quotes");
    tcase_add_loop_test(tc, quote_table, 0, N(quote_cases));
    tcase_add_test(tc, quote_spans);
    tcase_add_test(tc, quoted_span_rules);
    suite_add_tcase(s, tc);

    tc = tcase_create("regressions-text");
    tcase_add_test(tc, regress_lone_cr_paragraph_ends_quote);
    tcase_add_test(tc, regress_lone_cr_line_start_quote);
    tcase_add_test(tc, regress_bom_counts_as_column);
    tcase_add_test(tc, regress_ubsan_qsort_null_without_quotations);
    suite_add_tcase(s, tc);
    return s;
}
