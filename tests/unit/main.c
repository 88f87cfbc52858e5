/* main.c - runs every unit suite; exits non-zero when a test failed. */
#include "suites.h"

#include <stdlib.h>

int main(void)
{
    SRunner *sr = srunner_create(util_suite());
    srunner_add_suite(sr, text_suite());
    srunner_add_suite(sr, loader_suite());
    srunner_add_suite(sr, compile_suite());
    srunner_add_suite(sr, scan_suite());
    srunner_add_suite(sr, score_suite());
    srunner_add_suite(sr, render_suite());
    srunner_add_suite(sr, selftest_suite());
    srunner_add_suite(sr, markup_suite());
    srunner_add_suite(sr, prefilter_suite());
    srunner_add_suite(sr, jit_suite());
    srunner_add_suite(sr, eval_suite());
    srunner_add_suite(sr, model_suite());
    srunner_add_suite(sr, cli_paths_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
