/* test_util.c - util.c (UTF-8, distances, buffers), diag.c and taxonomy.c. */
#include "suites.h"

#include "diag.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* ---- utf8_decode ------------------------------------------------------ */

typedef struct {
    const char *bytes;
    size_t len;
    uint32_t cp;
} utf8_case;

static const utf8_case valid_utf8[] = {
    {"A", 1, 0x41},
    {"\x7F", 1, 0x7F},
    {"\xC2\x80", 2, 0x80},
    {"\xC3\xA9", 2, 0xE9},
    {"\xDF\xBF", 2, 0x7FF},
    {"\xE0\xA0\x80", 3, 0x800},
    {"\xE2\x80\x99", 3, 0x2019},
    {"\xED\x9F\xBF", 3, 0xD7FF},  /* just below the surrogates */
    {"\xEE\x80\x80", 3, 0xE000},  /* just above them */
    {"\xEF\xBF\xBD", 3, 0xFFFD},
    {"\xEF\xBF\xBF", 3, 0xFFFF},
    {"\xF0\x90\x80\x80", 4, 0x10000},
    {"\xF0\x9F\x98\x80", 4, 0x1F600},
    {"\xF4\x8F\xBF\xBF", 4, 0x10FFFF},
};

START_TEST(utf8_decode_valid)
{
    const utf8_case *c = &valid_utf8[_i];
    uint32_t cp = 0xDEADBEEF;
    /* followed by more text: only the first sequence is read */
    char text[16];
    memcpy(text, c->bytes, c->len);
    memcpy(text + c->len, "zz", 3);
    ck_assert_uint_eq(utf8_decode(&cp, (const unsigned char *)text, c->len + 2), c->len);
    ck_assert_uint_eq(cp, c->cp);
    /* exactly the sequence */
    cp = 0;
    ck_assert_uint_eq(utf8_decode(&cp, (const unsigned char *)c->bytes, c->len), c->len);
    ck_assert_uint_eq(cp, c->cp);
    /* and its encoding round-trips */
    char enc[4];
    ck_assert_uint_eq(utf8_encode(enc, c->cp), c->len);
    ck_assert_mem_eq(enc, c->bytes, c->len);
    ck_assert_uint_eq(utf8_char_len((const unsigned char *)c->bytes, c->len), c->len);
}
END_TEST

static const struct {
    const char *what;
    const char *bytes;
    size_t len;
} invalid_utf8[] = {
    {"overlong NUL C0 80", "\xC0\x80", 2},
    {"overlong C1 BF", "\xC1\xBF", 2},
    {"overlong E0 80 80", "\xE0\x80\x80", 3},
    {"overlong E0 9F BF", "\xE0\x9F\xBF", 3},
    {"overlong F0 80 80 80", "\xF0\x80\x80\x80", 4},
    {"overlong F0 8F BF BF", "\xF0\x8F\xBF\xBF", 4},
    {"surrogate ED A0 80", "\xED\xA0\x80", 3},
    {"surrogate ED BF BF", "\xED\xBF\xBF", 3},
    {"past U+10FFFF F4 90 80 80", "\xF4\x90\x80\x80", 4},
    {"F5 lead byte", "\xF5\x80\x80\x80", 4},
    {"FF", "\xFF", 1},
    {"FE", "\xFE", 1},
    {"lone continuation 80", "\x80", 1},
    {"lone continuation BF", "\xBF", 1},
    {"truncated 2-byte", "\xC3", 1},
    {"truncated 3-byte", "\xE2\x80", 2},
    {"truncated 4-byte", "\xF0\x9F\x98", 3},
    {"bad continuation C3 28", "\xC3\x28", 2},
    {"bad continuation E2 28 A1", "\xE2\x28\xA1", 3},
    {"bad continuation F0 9F 28 80", "\xF0\x9F\x28\x80", 4},
};

START_TEST(utf8_decode_invalid)
{
    uint32_t cp = 0;
    const unsigned char *s = (const unsigned char *)invalid_utf8[_i].bytes;
    ck_assert_msg(utf8_decode(&cp, s, invalid_utf8[_i].len) == 0, "%s accepted",
                  invalid_utf8[_i].what);
    ck_assert_uint_eq(utf8_char_len(s, invalid_utf8[_i].len), 1);
}
END_TEST

START_TEST(utf8_decode_respects_length)
{
    uint32_t cp = 0;
    const unsigned char *e = (const unsigned char *)"\xC3\xA9";
    ck_assert_uint_eq(utf8_decode(&cp, e, 0), 0);
    ck_assert_uint_eq(utf8_decode(&cp, e, 1), 0); /* the sequence is cut by n */
    ck_assert_uint_eq(utf8_decode(&cp, e, 2), 2);
    ck_assert_uint_eq(cp, 0xE9);
    const unsigned char *euro = (const unsigned char *)"\xE2\x82\xAC";
    ck_assert_uint_eq(utf8_decode(&cp, euro, 2), 0);
    ck_assert_uint_eq(utf8_char_len(euro, 2), 1);
    ck_assert_uint_eq(utf8_char_len(euro, 3), 3);
}
END_TEST

START_TEST(utf8_encode_lengths)
{
    char out[4];
    ck_assert_uint_eq(utf8_encode(out, 0x24), 1);
    ck_assert_int_eq(out[0], '$');
    ck_assert_uint_eq(utf8_encode(out, 0xA2), 2);
    ck_assert_mem_eq(out, "\xC2\xA2", 2);
    ck_assert_uint_eq(utf8_encode(out, 0x20AC), 3);
    ck_assert_mem_eq(out, "\xE2\x82\xAC", 3);
    ck_assert_uint_eq(utf8_encode(out, 0x10348), 4);
    ck_assert_mem_eq(out, "\xF0\x90\x8D\x88", 4);
}
END_TEST

START_TEST(word_code_points)
{
    const uint32_t word[] = {'a', 'Z', '0', '9', '_', 0xAA, 0xB5, 0xE9, 0xEB, 0x141, 0x3B1,
                             0x416, 0x5D0, 0x4E2D, 0x0301};
    const uint32_t nonword[] = {' ', '-', '\'', '"', '.', 0xA0, 0xAB, 0xD7, 0xF7, 0x2019,
                                0x201C, 0x2014, 0x2026, 0x20AC, 0x3001, 0xFEFF, 0xFFFD,
                                0x1F600};
    for (size_t i = 0; i < sizeof word / sizeof *word; i++)
        ck_assert_msg(is_word_cp(word[i]), "U+%04X should be a word character", word[i]);
    for (size_t i = 0; i < sizeof nonword / sizeof *nonword; i++)
        ck_assert_msg(!is_word_cp(nonword[i]), "U+%04X should not be a word character",
                      nonword[i]);
}
END_TEST

/* ---- strings ------------------------------------------------------------ */

START_TEST(distance_values)
{
    ck_assert_uint_eq(str_distance("", "", 3), 0);
    ck_assert_uint_eq(str_distance("abc", "abc", 0), 0);
    ck_assert_uint_eq(str_distance("kitten", "sitting", 5), 3);
    ck_assert_uint_eq(str_distance("sitting", "kitten", 5), 3);
    ck_assert_uint_eq(str_distance("paterns", "patterns", 3), 1); /* insertion */
    ck_assert_uint_eq(str_distance("threats", "threat", 3), 1);   /* deletion */
    ck_assert_uint_eq(str_distance("sentense", "sentence", 3), 1); /* substitution */
    ck_assert_uint_eq(str_distance("flaw", "lawn", 5), 2);
    ck_assert_uint_eq(str_distance("", "abc", 5), 3);
    ck_assert_uint_eq(str_distance("abc", "", 5), 3);
}
END_TEST

START_TEST(distance_is_capped)
{
    /* beyond the cap the answer is cap + 1, whatever the real distance */
    ck_assert_uint_eq(str_distance("abcdef", "uvwxyz", 2), 3);
    ck_assert_uint_eq(str_distance("a", "abcdef", 2), 3); /* length difference alone */
    ck_assert_uint_eq(str_distance("kitten", "sitting", 3), 3);
    ck_assert_uint_eq(str_distance("kitten", "sitting", 2), 3);
    ck_assert_uint_eq(str_distance("kitten", "sitting", 1), 2);
}
END_TEST

START_TEST(suggest_closest)
{
    const char *const keys[] = {"id", "category", "severity", "terms", "patterns", "near",
                                "unless", "examples", NULL};
    ck_assert_str_eq(diag_suggest("paterns", keys), "patterns");
    ck_assert_str_eq(diag_suggest("term", keys), "terms");
    ck_assert_str_eq(diag_suggest("catgory", keys), "category");
    ck_assert_str_eq(diag_suggest("exampels", keys), "examples");
    ck_assert_ptr_null(diag_suggest("zzzzzzzz", keys));
    /* short words get a cap of 1 */
    const char *const shorts[] = {"foo", "bar", NULL};
    ck_assert_str_eq(diag_suggest("fo", shorts), "foo");
    ck_assert_ptr_null(diag_suggest("xy", shorts));
    const char *const none[] = {NULL};
    ck_assert_ptr_null(diag_suggest("anything", none));
}
END_TEST

START_TEST(dup_strings)
{
    char *a = str_dup("hello");
    ck_assert_str_eq(a, "hello");
    char *b = str_ndup("hello world", 5);
    ck_assert_str_eq(b, "hello");
    char *c = str_ndup("ab\0cd", 4);
    ck_assert_mem_eq(c, "ab\0cd", 4);
    ck_assert_int_eq(c[4], '\0');
    ck_assert_ptr_null(str_dup(NULL));
    free(a);
    free(b);
    free(c);
}
END_TEST

/* ---- buf and grow ------------------------------------------------------- */

START_TEST(buf_appends)
{
    buf b = {0};
    ck_assert_str_eq(buf_str(&b), "");
    buf_adds(&b, "abc");
    buf_addc(&b, '-');
    buf_add(&b, "xyz123", 3);
    buf_printf(&b, "[%d:%s]", 42, "ok");
    buf_add(&b, NULL, 0);
    ck_assert_uint_eq(b.len, 14);
    ck_assert_str_eq(buf_str(&b), "abc-xyz[42:ok]");
    ck_assert_int_eq(b.failed, 0);
    ck_assert_uint_ge(b.cap, b.len + 1);
    buf_free(&b);
    ck_assert_ptr_null(b.data);
    ck_assert_uint_eq(b.len, 0);
    ck_assert_uint_eq(b.cap, 0);
    ck_assert_str_eq(buf_str(&b), "");
    buf_free(NULL);
}
END_TEST

START_TEST(buf_grows_large)
{
    buf b = {0};
    for (int i = 0; i < 5000; i++)
        buf_printf(&b, "%04d,", i % 10000);
    ck_assert_uint_eq(b.len, 25000);
    ck_assert_uint_eq(strlen(buf_str(&b)), 25000);
    ck_assert_mem_eq(b.data, "0000,0001,", 10);
    ck_assert_str_eq(b.data + 24995, "4999,");
    /* one formatted string longer than the current capacity */
    buf c = {0};
    char big[3000];
    memset(big, 'q', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    buf_printf(&c, "<%s>", big);
    ck_assert_uint_eq(c.len, 3001);
    ck_assert_int_eq(c.data[0], '<');
    ck_assert_int_eq(c.data[3000], '>');
    ck_assert_int_eq(c.data[3001], '\0');
    buf_free(&b);
    buf_free(&c);
}
END_TEST

START_TEST(buf_failed_latches)
{
    buf b = {0};
    buf_adds(&b, "abc");
    b.failed = 1;
    buf_adds(&b, "def");
    ck_assert_uint_eq(b.len, 3);
    ck_assert_ptr_null(buf_str(&b));
    ck_assert_int_eq(buf_reserve(&b, 1), -1);
    buf_free(&b);
}
END_TEST

START_TEST(grow_doubles)
{
    int *v = NULL;
    size_t cap = 0;
    ck_assert_int_eq(grow(&v, &cap, 1, sizeof *v), 0);
    ck_assert_uint_eq(cap, 8);
    v[7] = 7;
    ck_assert_int_eq(grow(&v, &cap, 8, sizeof *v), 0);
    ck_assert_uint_eq(cap, 8);
    ck_assert_int_eq(grow(&v, &cap, 9, sizeof *v), 0);
    ck_assert_uint_eq(cap, 16);
    ck_assert_int_eq(v[7], 7);
    ck_assert_int_eq(grow(&v, &cap, 100, sizeof *v), 0);
    ck_assert_uint_eq(cap, 128);
    ck_assert_int_eq(grow(&v, &cap, SIZE_MAX / 2 + 2, sizeof *v), -1); /* overflow */
    ck_assert_uint_eq(cap, 128);
    free(v);
}
END_TEST

/* ---- diag_print and diag_emit -------------------------------------------- */

START_TEST(diag_print_formats)
{
    memout m;
    memout_open(&m);
    slant_diag a = {SLANT_LEVEL_ERROR, "r.yaml", 3, 14, "threat.x", "bad thing"};
    slant_diag b = {SLANT_LEVEL_WARNING, "r.yaml", 0, 0, NULL, "no line"};
    slant_diag c = {SLANT_LEVEL_NOTE, NULL, 0, 0, NULL, "just a note"};
    diag_print(m.f, &a);
    diag_print(m.f, &b);
    diag_print(m.f, &c);
    ck_assert_str_eq(memout_close(&m), "r.yaml:3:14: error: bad thing\n"
                                       "r.yaml: warning: no line\n"
                                       "note: just a note\n");
    memout_free(&m);
}
END_TEST

START_TEST(diag_emit_counts)
{
    diag_log log;
    diag_log_reset(&log);
    diag_sink sink = {diag_collect, &log, 0, 0};
    diag_emit(&sink, SLANT_LEVEL_ERROR, "f.yaml", 2, 5, "threat.x", "bad %s %d", "value", 7);
    diag_emit(&sink, SLANT_LEVEL_WARNING, "f.yaml", 1, 1, NULL, "careful");
    diag_emit(&sink, SLANT_LEVEL_NOTE, NULL, 0, 0, NULL, "fyi");
    ck_assert_uint_eq(sink.errors, 1);
    ck_assert_uint_eq(sink.warnings, 1);
    ck_assert_uint_eq(log.n, 3);
    ck_assert_str_eq(log.text[0], "f.yaml:2:5: bad value 7");
    ck_assert_str_eq(log.rule[0], "threat.x");
    ck_assert_int_eq(log.level[0], SLANT_LEVEL_ERROR);
    ck_assert_str_eq(log.text[1], "f.yaml:1:1: careful");
    ck_assert_int_eq(log.level[1], SLANT_LEVEL_WARNING);
    ck_assert_str_eq(log.text[2], "-:0:0: fyi");
    ck_assert_int_eq(log.level[2], SLANT_LEVEL_NOTE);
}
END_TEST

/* ---- taxonomy.c ----------------------------------------------------------- */

START_TEST(categories_table)
{
    ck_assert_uint_eq(slant_category_count(), 21);
    ck_assert_str_eq(slant_category_id(0), "unnamed-source");
    ck_assert_str_eq(slant_category_id(2), "hedging");
    ck_assert_str_eq(slant_category_id(11), "threat");
    ck_assert_str_eq(slant_category_id(20), "whataboutism");
    ck_assert_ptr_null(slant_category_id(21));
    ck_assert_int_eq(slant_category_find("threat"), 11);
    ck_assert_int_eq(slant_category_find("unnamed-source"), 0);
    ck_assert_int_eq(slant_category_find("whataboutism"), 20);
    ck_assert_int_eq(slant_category_find("threats"), -1);
    ck_assert_int_eq(slant_category_find("Threat"), -1);
    ck_assert_int_eq(slant_category_find(""), -1);
    ck_assert_int_eq(slant_category_find(NULL), -1);
    for (size_t i = 0; i < slant_category_count(); i++)
        ck_assert_int_eq(slant_category_find(slant_category_id(i)), (int)i);
}
END_TEST

START_TEST(names_and_parsers)
{
    ck_assert_str_eq(slant_severity_name(SLANT_SEVERITY_INFO), "info");
    ck_assert_str_eq(slant_severity_name(SLANT_SEVERITY_WARNING), "warning");
    ck_assert_str_eq(slant_severity_name(SLANT_SEVERITY_ERROR), "error");
    slant_severity sev = SLANT_SEVERITY_INFO;
    ck_assert_int_eq(slant_severity_parse(&sev, "error"), 0);
    ck_assert_int_eq(sev, SLANT_SEVERITY_ERROR);
    ck_assert_int_eq(slant_severity_parse(&sev, "warning"), 0);
    ck_assert_int_eq(sev, SLANT_SEVERITY_WARNING);
    ck_assert_int_eq(slant_severity_parse(&sev, "fatal"), SLANT_EINVAL);
    ck_assert_int_eq(slant_severity_parse(&sev, NULL), SLANT_EINVAL);
    ck_assert_int_eq(sev, SLANT_SEVERITY_WARNING);
    ck_assert_str_eq(slant_voice_name(SLANT_VOICE_AUTHOR), "author");
    ck_assert_str_eq(slant_voice_name(SLANT_VOICE_QUOTE), "quote");
    slant_format fmt = SLANT_FORMAT_TEXT;
    ck_assert_int_eq(slant_format_parse(&fmt, "json"), 0);
    ck_assert_int_eq(fmt, SLANT_FORMAT_JSON);
    ck_assert_int_eq(slant_format_parse(&fmt, "text"), 0);
    ck_assert_int_eq(fmt, SLANT_FORMAT_TEXT);
    ck_assert_int_eq(slant_format_parse(&fmt, "xml"), SLANT_EINVAL);
    ck_assert_int_eq(slant_format_parse(&fmt, NULL), SLANT_EINVAL);
}
END_TEST

START_TEST(error_strings)
{
    ck_assert_str_eq(slant_strerror(SLANT_OK), "success");
    ck_assert_str_eq(slant_strerror(SLANT_ENOMEM), "out of memory");
    ck_assert_str_eq(slant_strerror(SLANT_EIO), "input/output error");
    ck_assert_str_eq(slant_strerror(SLANT_ERULES), "the rules have errors");
    ck_assert_str_eq(slant_strerror(SLANT_EINPUT), "the document has errors");
    ck_assert_str_eq(slant_strerror(SLANT_EINVAL), "invalid argument");
    ck_assert_str_eq(slant_strerror(SLANT_ENOTFOUND), "not found");
    ck_assert_str_eq(slant_strerror(SLANT_ELIMIT),
                     "a matching limit was hit; results are incomplete");
    ck_assert_str_eq(slant_strerror(SLANT_ESTATE), "object not in a state for this call");
    ck_assert_str_eq(slant_strerror(-99), "unknown error");
    ck_assert_str_eq(slant_strerror(1), "unknown error");
}
END_TEST

Suite *util_suite(void)
{
    Suite *s = suite_create("util");
    TCase *tc = tcase_create("utf8");
    tcase_add_loop_test(tc, utf8_decode_valid, 0, (int)(sizeof valid_utf8 / sizeof *valid_utf8));
    tcase_add_loop_test(tc, utf8_decode_invalid, 0,
                        (int)(sizeof invalid_utf8 / sizeof *invalid_utf8));
    tcase_add_test(tc, utf8_decode_respects_length);
    tcase_add_test(tc, utf8_encode_lengths);
    tcase_add_test(tc, word_code_points);
    suite_add_tcase(s, tc);

    tc = tcase_create("strings");
    tcase_add_test(tc, distance_values);
    tcase_add_test(tc, distance_is_capped);
    tcase_add_test(tc, suggest_closest);
    tcase_add_test(tc, dup_strings);
    suite_add_tcase(s, tc);

    tc = tcase_create("buf");
    tcase_add_test(tc, buf_appends);
    tcase_add_test(tc, buf_grows_large);
    tcase_add_test(tc, buf_failed_latches);
    tcase_add_test(tc, grow_doubles);
    suite_add_tcase(s, tc);

    tc = tcase_create("diag");
    tcase_add_test(tc, diag_print_formats);
    tcase_add_test(tc, diag_emit_counts);
    suite_add_tcase(s, tc);

    tc = tcase_create("taxonomy");
    tcase_add_test(tc, categories_table);
    tcase_add_test(tc, names_and_parsers);
    tcase_add_test(tc, error_strings);
    suite_add_tcase(s, tc);
    return s;
}
