/* selftest.c - `slant test`: every rule's examples, scanned as documents
 * with only that rule active. A match example must yield a finding; a
 * no-match example must not.
 *
 * Guards that can never be seen to match. Whether a pattern can match
 * any text at all is undecidable in general for PCRE2 (lookarounds,
 * backreferences), so slant does not pretend to know; what it can check
 * soundly is the examples. A guard's scope is always a part of the
 * example it runs on, so a guard whose programs match nowhere in any of
 * its rule's examples has dropped no finding in any of them: it is dead
 * weight or a typo (a misspelt word, a case that cannot occur), and no
 * example shows what it is for. `slant test` warns at the guard's line and
 * asks for the no-match example it exists for; a warning, not a failure,
 * because a guard can be right and merely untested. */
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

/* Non-zero when guard `g` of rule `ri` matches somewhere in one of the
 * rule's examples, folded as documents are. */
static int guard_seen(const slant_rules *rs, size_t ri, size_t g, pcre2_match_data *md,
                      pcre2_match_context *mctx, int *rc)
{
    const rule *r = &rs->rules[ri];
    const matcher *m = &r->guards[g].m;
    for (int want = 1; want >= 0; want--) {
        const lstr *list = want ? r->src.ex_match : r->src.ex_nomatch;
        size_t n = want ? r->src.nex_match : r->src.nex_nomatch;
        for (size_t i = 0; i < n; i++) {
            slant_doc *doc = NULL;
            slant_doc_new(&doc, "example", list[i].text, strlen(list[i].text), NULL, NULL);
            if (!doc) {
                *rc = SLANT_ENOMEM;
                return 1;
            }
            int hit = 0;
            for (size_t k = 0; k < m->ncodes && !hit; k++)
                hit = pcre2_match(m->codes[k], (PCRE2_SPTR)doc->norm, doc->nlen, 0,
                                  PCRE2_NO_UTF_CHECK, md, mctx) >= 0;
            slant_doc_free(doc);
            if (hit)
                return 1;
        }
    }
    return 0;
}

static int check_guards(const slant_rules *rs, size_t ri, slant_diag_fn fn, void *payload)
{
    const rule_src *r = &rs->rules[ri].src;
    if (!r->nguards)
        return 0;
    pcre2_match_data *md = pcre2_match_data_create(rs->max_captures + 1, NULL);
    pcre2_match_context *mctx = pcre2_match_context_create(NULL);
    int rc = md && mctx ? 0 : SLANT_ENOMEM;
    if (mctx) {
        pcre2_set_match_limit(mctx, 10000000u);
        pcre2_set_depth_limit(mctx, 100000u);
    }
    for (size_t g = 0; g < r->nguards && rc == 0; g++) {
        if (guard_seen(rs, ri, g, md, mctx, &rc) || rc != 0)
            continue;
        if (fn) {
            char msg[512];
            snprintf(msg, sizeof msg,
                     "rule '%s': this 'unless' entry matches none of the rule's examples, so "
                     "no example shows it dropping a finding; add the no-match example it "
                     "exists for (or remove it)", r->id);
            slant_diag d = {SLANT_LEVEL_WARNING, r->file, r->guards[g].line, r->guards[g].col,
                            r->id, msg};
            fn(&d, payload);
        }
    }
    pcre2_match_data_free(md);
    pcre2_match_context_free(mctx);
    return rc;
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
        if (rc == 0)
            rc = check_guards(rules, ri, fn, payload);
    }
    slant_scanner_free(sc);
    if (failures)
        *failures = nfail;
    if (total)
        *total = nrun;
    return rc;
}
