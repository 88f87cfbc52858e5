/* selftest.c - `slant test`: every rule's examples, scanned as documents
 * with only that rule active. A match example must yield a finding; a
 * no-match example must not. */
#include "report.h"
#include "text.h"
#include "util.h"

#include <string.h>

/* Shortens an example for a message: first line, at most ~70 bytes. */
static void excerpt(char *out, size_t n, const char *s)
{
    size_t len = strcspn(s, "\n");
    if (len > 70) {
        len = 67;
        while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
            len--;
        snprintf(out, n, "%.*s...", (int)len, s);
    } else {
        snprintf(out, n, "%.*s", (int)len, s);
    }
}

static int run_example(slant_scanner *sc, size_t ri, const lstr *ex, int want,
                       const rule_src *r, slant_diag_fn fn, void *payload, int *failed)
{
    slant_doc *doc = NULL;
    int rc = slant_doc_new(&doc, "example", ex->text, strlen(ex->text), NULL, NULL);
    if (!doc)
        return rc;
    slant_report *rep = NULL;
    rc = scanner_run(&rep, sc, doc, (long)ri);
    if (!rep) {
        slant_doc_free(doc);
        return rc;
    }
    char ex_s[96], msg[512];
    excerpt(ex_s, sizeof ex_s, ex->text);
    *failed = 0;
    if (rc == SLANT_ELIMIT) {
        snprintf(msg, sizeof msg, "rule '%s': matching limit hit on example \"%s\"", r->id, ex_s);
        *failed = 1;
    } else if (want && rep->n == 0) {
        snprintf(msg, sizeof msg, "rule '%s': match example found nothing: \"%s\"", r->id, ex_s);
        *failed = 1;
    } else if (!want && rep->n > 0) {
        const slant_finding *f = &rep->findings[0];
        char hit[96];
        excerpt(hit, sizeof hit, f->text);
        snprintf(msg, sizeof msg,
                 "rule '%s': no-match example matched \"%s\" at column %u (%s voice): \"%s\"",
                 r->id, hit, f->column, slant_voice_name(f->voice), ex_s);
        *failed = 1;
    }
    if (*failed && fn) {
        slant_diag d = {SLANT_LEVEL_ERROR, r->file, ex->line, ex->col, r->id, msg};
        fn(&d, payload);
    }
    slant_report_free(rep);
    slant_doc_free(doc);
    return 0;
}

int slant_rules_test(size_t *failures, size_t *total, const slant_rules *rules,
                     slant_diag_fn fn, void *payload)
{
    size_t nfail = 0, nrun = 0;
    slant_scanner *sc;
    int rc = slant_scanner_new(&sc, rules);
    if (rc != 0)
        return rc;
    for (size_t ri = 0; ri < rules->nrules && rc == 0; ri++) {
        const rule_src *r = &rules->rules[ri].src;
        for (int want = 1; want >= 0 && rc == 0; want--) {
            const lstr *list = want ? r->ex_match : r->ex_nomatch;
            size_t n = want ? r->nex_match : r->nex_nomatch;
            for (size_t i = 0; i < n && rc == 0; i++) {
                int failed = 0;
                rc = run_example(sc, ri, &list[i], want, r, fn, payload, &failed);
                nrun++;
                nfail += (size_t)failed;
            }
        }
    }
    slant_scanner_free(sc);
    if (failures)
        *failures = nfail;
    if (total)
        *total = nrun;
    return rc;
}
