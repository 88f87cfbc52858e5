/* main.c - the slant command line. A thin layer over slant.h: the
 * commands live in cli_*.c, and everything else is the library's. */
#include "cli.h"

#include <stdio.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

int main(int argc, char **argv)
{
#ifdef __GLIBC__
    /* A document's buffers (its text, folded copy, maps, occurrences) are
     * large and short-lived. With glibc's default, freeing one mapped
     * buffer raises the threshold under which buffers come from the heap,
     * so later documents' buffers are carved from per-thread heaps and
     * stay resident: peak memory then varied by 6 MB between two runs of
     * 50 MB. A fixed threshold maps every large buffer and gives it back
     * when it is freed. */
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
#endif
    options o = {0};
    parse_options(&o, argc, argv);
    int rc;
    if (!o.command) {
        print_usage(stderr);
        rc = EXIT_ERROR;
    } else if (strcmp(o.command, "check") == 0) {
        rc = cmd_check(&o);
    } else if (strcmp(o.command, "test") == 0) {
        rc = cmd_test(&o);
    } else if (strcmp(o.command, "rules") == 0) {
        rc = cmd_rules(&o);
    } else if (strcmp(o.command, "explain") == 0) {
        rc = cmd_explain(&o);
    } else if (strcmp(o.command, "summary") == 0) {
        rc = cmd_summary(&o);
    } else if (strcmp(o.command, "eval") == 0) {
        rc = cmd_eval(&o);
    } else if (strcmp(o.command, "config") == 0) {
        rc = cmd_config(&o);
    } else if (strcmp(o.command, "serve") == 0) {
        rc = cmd_serve(&o);
    } else if (strcmp(o.command, "help") == 0) {
        print_usage(stdout);
        rc = EXIT_CLEAN;
    } else {
        die_usage("unknown command '%s' (commands: check, test, rules, explain, config, eval, summary, serve)", o.command);
        rc = EXIT_ERROR;
    }
    options_free(&o);
    return rc;
}
