/* Times the library alone: text model and scan of files already in memory
 * (no reading, no output), with the built-in rules or the packs given.
 * Usage: scan_only [--engine naive] [--rules PACK]... FILE...  -> prints MB/s */
#include <slant.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *p = malloc((size_t)n + 1);
    if (p && fread(p, 1, (size_t)n, f) != (size_t)n) {
        free(p);
        p = NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return p;
}

int main(int argc, char **argv)
{
    slant_compiler *c;
    slant_compiler_new(&c);
    int engine = SLANT_ENGINE_FAST, packs = 0, first = 1;
    for (; first < argc && argv[first][0] == '-'; first++) {
        if (strcmp(argv[first], "--engine") == 0 && first + 1 < argc)
            engine = strcmp(argv[++first], "naive") == 0 ? SLANT_ENGINE_NAIVE : SLANT_ENGINE_FAST;
        else if (strcmp(argv[first], "--rules") == 0 && first + 1 < argc) {
            if (slant_compiler_add_file(c, argv[++first]) != 0)
                return 2;
            packs++;
        }
    }
    if (!packs && slant_compiler_add_builtin(c) != 0)
        return 2;
    slant_rules *rules;
    if (slant_compiler_finish(&rules, c) != 0)
        return 2;
    slant_compiler_free(c);
    slant_scanner *s;
    slant_scanner_new(&s, rules);
    slant_scanner_set_engine(s, (slant_engine)engine);
    slant_scanner_set_budget(s, 0);
    size_t total = 0, findings = 0;
    double seconds = 0;
    for (int i = first; i < argc; i++) {
        size_t len;
        char *text = slurp(argv[i], &len);
        if (!text)
            return 2;
        struct timespec a, b;
        clock_gettime(CLOCK_MONOTONIC, &a);
        slant_doc *doc;
        slant_report *rep = NULL;
        slant_doc_new(&doc, argv[i], text, len, NULL, NULL);
        slant_scanner_scan(&rep, s, doc);
        clock_gettime(CLOCK_MONOTONIC, &b);
        seconds += (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
        findings += slant_report_count(rep);
        total += len;
        slant_report_free(rep);
        slant_doc_free(doc);
        free(text);
    }
    printf("%.2f MB/s (%zu bytes, %zu findings, %.3f s)\n", (double)total / 1e6 / seconds, total,
           findings, seconds);
    slant_scanner_free(s);
    slant_rules_free(rules);
    return 0;
}
