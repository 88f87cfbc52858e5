/* helpers.c - shared helpers of the unit suites (see suites.h). */
#include "suites.h"

#include <stdlib.h>
#include <string.h>

diag_log g_diags;

void diag_log_reset(diag_log *log) { memset(log, 0, sizeof *log); }

void diag_collect(const slant_diag *d, void *payload)
{
    diag_log *log = payload;
    if (log->n < DIAG_MAX) {
        snprintf(log->text[log->n], DIAG_LEN, "%s:%u:%u: %s", d->file ? d->file : "-", d->line,
                 d->column, d->message ? d->message : "(null)");
        snprintf(log->rule[log->n], sizeof log->rule[log->n], "%s", d->rule ? d->rule : "");
        log->level[log->n] = d->level;
        log->line[log->n] = d->line;
        log->column[log->n] = d->column;
    }
    log->n++;
}

const char *diag_log_dump(const diag_log *log)
{
    static char out[DIAG_MAX * (DIAG_LEN + 1) + 1];
    size_t k = 0;
    out[0] = '\0';
    for (size_t i = 0; i < log->n && i < DIAG_MAX; i++) {
        int w = snprintf(out + k, sizeof out - k, "%s\n", log->text[i]);
        if (w < 0 || (size_t)w >= sizeof out - k)
            break;
        k += (size_t)w;
    }
    return log->n ? out : "(no diagnostics)";
}

slant_rules *compile_packs(size_t n, const char *const *names, const char *const *yamls,
                           const char *const *disable, const char *const *only)
{
    diag_log_reset(&g_diags);
    slant_compiler *c = NULL;
    ck_assert_int_eq(slant_compiler_new(&c), 0);
    slant_compiler_set_diag(c, diag_collect, &g_diags);
    int failed = 0;
    for (size_t i = 0; i < n; i++)
        if (slant_compiler_add_string(c, names[i], yamls[i], strlen(yamls[i])) != 0)
            failed = 1;
    for (size_t i = 0; disable && disable[i]; i++)
        ck_assert_int_eq(slant_compiler_disable(c, disable[i]), 0);
    for (size_t i = 0; only && only[i]; i++)
        ck_assert_int_eq(slant_compiler_only_category(c, only[i]), 0);
    slant_rules *rules = NULL;
    int rc = slant_compiler_finish(&rules, c);
    slant_compiler_free(c);
    if (rc != 0 || failed) {
        ck_assert_ptr_null(rules);
        return NULL;
    }
    ck_assert_ptr_nonnull(rules);
    return rules;
}

slant_rules *compile_yaml(const char *yaml)
{
    const char *names[] = {"t.yaml"};
    return compile_packs(1, names, &yaml, NULL, NULL);
}

int load_yaml(diag_log *log, const char *yaml, int *finish_rc)
{
    diag_log_reset(log);
    slant_compiler *c = NULL;
    ck_assert_int_eq(slant_compiler_new(&c), 0);
    slant_compiler_set_diag(c, diag_collect, log);
    int rc = slant_compiler_add_string(c, "t.yaml", yaml, strlen(yaml));
    slant_rules *rules = NULL;
    int frc = slant_compiler_finish(&rules, c);
    if (finish_rc)
        *finish_rc = frc;
    slant_rules_free(rules);
    slant_compiler_free(c);
    return rc;
}

slant_doc *make_doc(const char *text)
{
    slant_doc *doc = NULL;
    int rc = slant_doc_new(&doc, "doc.txt", text, strlen(text), NULL, NULL);
    ck_assert_int_eq(rc, 0);
    ck_assert_ptr_nonnull(doc);
    return doc;
}

slant_report *scan_text(const slant_rules *rules, const char *text, slant_doc **doc_out,
                        int want_rc)
{
    ck_assert_ptr_nonnull(rules);
    slant_doc *doc = make_doc(text);
    slant_scanner *s = NULL;
    ck_assert_int_eq(slant_scanner_new(&s, rules), 0);
    slant_report *rep = NULL;
    int rc = slant_scanner_scan(&rep, s, doc);
    slant_scanner_free(s);
    ck_assert_int_eq(rc, want_rc);
    ck_assert_ptr_nonnull(rep);
    *doc_out = doc;
    return rep;
}

size_t offset_of(const char *hay, const char *needle)
{
    const char *p = strstr(hay, needle);
    ck_assert_msg(p != NULL, "'%s' not found in '%s'", needle, hay);
    return (size_t)(p - hay);
}

void memout_open(memout *m)
{
    memset(m, 0, sizeof *m);
    m->f = open_memstream(&m->data, &m->len);
    ck_assert_ptr_nonnull(m->f);
}

const char *memout_close(memout *m)
{
    if (m->f) {
        ck_assert_int_eq(fclose(m->f), 0);
        m->f = NULL;
    }
    return m->data ? m->data : "";
}

void memout_free(memout *m)
{
    if (m->f)
        fclose(m->f);
    free(m->data);
    memset(m, 0, sizeof *m);
}

const char *nth_line(char *out, size_t outlen, const char *text, size_t i)
{
    const char *p = text;
    for (size_t k = 0; k < i; k++) {
        p = strchr(p, '\n');
        if (!p)
            return NULL;
        p++;
    }
    if (!*p)
        return NULL;
    size_t n = strcspn(p, "\n");
    if (n >= outlen)
        n = outlen - 1;
    memcpy(out, p, n);
    out[n] = '\0';
    return out;
}

/* Reads a whole file of the source tree: `make unit` runs the tests in
 * tests/unit, a developer perhaps at the top. */
char *source_file(const char *path, size_t *len)
{
    char up[512];
    snprintf(up, sizeof up, "../../%s", path);
    FILE *f = fopen(up, "rb");
    if (!f)
        f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s from tests/unit or the top of the source tree",
                  path);
    size_t cap = 1 << 16, n = 0, got;
    char *p = malloc(cap + 1);
    ck_assert_ptr_nonnull(p);
    while ((got = fread(p + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            p = realloc(p, (cap *= 2) + 1);
            ck_assert_ptr_nonnull(p);
        }
    }
    fclose(f);
    p[n] = '\0';
    *len = n;
    return p;
}
