/* test_cli_paths.c - the CLI's packed path list (src/cli_paths.c), linked
 * into the unit binary on its own: it is not part of libslant. */
#include "suites.h"

#include "cli.h"

#include <stdlib.h>
#include <string.h>

/* Reads the list back and compares it with want[0..n) and their flags. */
static void expect_paths(cli_paths *l, const char *const *want, const int *flags, size_t n)
{
    ck_assert_uint_eq(cli_paths_count(l), n);
    for (size_t i = 0; i < n; i++) {
        int e = -1;
        const char *got = cli_paths_next(l, &e);
        ck_assert_msg(got != NULL, "path %zu missing", i);
        ck_assert_str_eq(got, want[i]);
        ck_assert_int_eq(e, flags[i]);
    }
    ck_assert_ptr_null(cli_paths_next(l, NULL));
    ck_assert_ptr_null(cli_paths_next(l, NULL));
}

START_TEST(paths_round_trip)
{
    /* sorted and unsorted neighbours, a path that is a prefix of the one
     * before and the reverse, an empty one, repeats, and one long enough
     * that its lengths take two bytes each */
    static char long_path[400];
    memset(long_path, 'x', sizeof long_path - 1);
    memcpy(long_path, "corpus/", 7);
    const char *want[] = {"corpus/a/one.txt", "corpus/a/one.txt.md", "corpus/a/one.txt",
                          "corpus/b.txt", "", "z", "corpus/a/two.txt", "corpus/a/two.txt",
                          long_path, "corpus/a/three.txt", "-"};
    const int flags[] = {0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 1};
    size_t n = sizeof want / sizeof *want;
    cli_paths *l = cli_paths_new();
    ck_assert_ptr_nonnull(l);
    for (size_t i = 0; i < n; i++)
        ck_assert_int_eq(cli_paths_add(l, want[i], flags[i]), 0);
    expect_paths(l, want, flags, n);
    /* once read, the list takes no more */
    ck_assert_int_eq(cli_paths_add(l, "late.txt", 0), -1);
    ck_assert_uint_eq(cli_paths_count(l), n);
    cli_paths_free(l);
}
END_TEST

START_TEST(paths_empty_list)
{
    cli_paths *l = cli_paths_new();
    ck_assert_ptr_nonnull(l);
    ck_assert_uint_eq(cli_paths_count(l), 0);
    ck_assert_ptr_null(cli_paths_next(l, NULL));
    cli_paths_free(l);
    cli_paths_free(NULL);
    ck_assert_uint_eq(cli_paths_count(NULL), 0);
    ck_assert_ptr_null(cli_paths_next(NULL, NULL));
}
END_TEST

/* A walk of a large corpus: 100,000 sorted paths of 40-odd bytes in a
 * few folders take a few bytes each, not their length, and read back
 * exactly. */
START_TEST(paths_walk_is_packed)
{
    enum { N = 100000 };
    cli_paths *l = cli_paths_new();
    ck_assert_ptr_nonnull(l);
    char path[64];
    size_t whole = 0;
    for (int i = 0; i < N; i++) {
        snprintf(path, sizeof path, "archive/2026/folder-%02d/article-%06d.txt", i / 5000, i);
        whole += strlen(path) + 1;
        ck_assert_int_eq(cli_paths_add(l, path, 0), 0);
    }
    ck_assert_uint_lt(cli_paths_bytes(l), (size_t)N * 10);
    ck_assert_uint_lt(cli_paths_bytes(l) * 4, whole);
    for (int i = 0; i < N; i++) {
        snprintf(path, sizeof path, "archive/2026/folder-%02d/article-%06d.txt", i / 5000, i);
        int e = -1;
        const char *got = cli_paths_next(l, &e);
        ck_assert_ptr_nonnull(got);
        ck_assert_str_eq(got, path);
        ck_assert_int_eq(e, 0);
    }
    ck_assert_ptr_null(cli_paths_next(l, NULL));
    cli_paths_free(l);
}
END_TEST

Suite *cli_paths_suite(void)
{
    Suite *s = suite_create("cli_paths");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, paths_round_trip);
    tcase_add_test(tc, paths_empty_list);
    tcase_add_test(tc, paths_walk_is_packed);
    suite_add_tcase(s, tc);
    return s;
}
