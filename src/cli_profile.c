/* cli_profile.c - `slant check --profile`: which programs a run spent
 * its PCRE2 time in, for rule authors and for teams that add house rules.
 *
 * Each scanner counts its own calls (slant_scanner_set_profile); the
 * counts of every scanner of the run are added here as it is freed, and
 * the table goes to standard error at the end, the costliest programs
 * first. Calls and matches do not depend on the machine or the thread
 * count; times do. A program's calls per megabyte are what a rule author
 * can change: a pattern keyed on a common word, or with a wide window,
 * runs PCRE2 at every occurrence.
 *
 * --profile-json FILE writes every program that ran, for a CI job that
 * keeps the rule set's cost from one commit to the next. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef PROFILE_ROWS
#define PROFILE_ROWS 30
#endif

typedef struct {
    size_t rule, i;
    slant_program_stats st;
} row;

struct cli_profile {
    const slant_rules *rules;
    row *rows;
    size_t n;
};

cli_profile *cli_profile_new(const slant_rules *rules)
{
    cli_profile *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->rules = rules;
    for (size_t r = 0; r < slant_rules_count(rules); r++)
        p->n += slant_rules_program_count(rules, r);
    p->rows = calloc(p->n ? p->n : 1, sizeof *p->rows);
    if (!p->rows) {
        free(p);
        return NULL;
    }
    size_t k = 0;
    for (size_t r = 0; r < slant_rules_count(rules); r++)
        for (size_t i = 0; i < slant_rules_program_count(rules, r); i++)
            p->rows[k++] = (row){r, i, {0, 0, 0}};
    return p;
}

void cli_profile_free(cli_profile *p)
{
    if (!p)
        return;
    free(p->rows);
    free(p);
}

void cli_profile_add(cli_profile *p, const slant_scanner *s)
{
    if (!p || !s)
        return;
    for (size_t k = 0; k < p->n; k++) {
        slant_program_stats st;
        if (slant_scanner_program_stats(&st, s, p->rows[k].rule, p->rows[k].i) != 0)
            continue;
        p->rows[k].st.calls += st.calls;
        p->rows[k].st.matches += st.matches;
        p->rows[k].st.nanos += st.nanos;
    }
}

static int by_time(const void *a, const void *b)
{
    const row *x = a, *y = b;
    if (x->st.nanos != y->st.nanos)
        return x->st.nanos < y->st.nanos ? 1 : -1;
    if (x->st.calls != y->st.calls)
        return x->st.calls < y->st.calls ? 1 : -1;
    if (x->rule != y->rule)
        return x->rule < y->rule ? -1 : 1;
    return (x->i > y->i) - (x->i < y->i);
}

/* At most `max` bytes of s, cut before a UTF-8 continuation byte, with
 * "..." when cut. */
static void put_cut(FILE *out, const char *s, size_t max)
{
    size_t len = strlen(s);
    if (len <= max) {
        fputs(s, out);
        return;
    }
    size_t cut = max - 3;
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
        cut--;
    fprintf(out, "%.*s...", (int)cut, s);
}

int cli_profiling(const options *o) { return o->profile || o->profile_json; }

/* The run as a whole, for both reports. */
typedef struct {
    size_t docs, bytes;
    double seconds, mb;
    unsigned long long calls, nanos;
} totals;

/* A row's rule id and program; -1 if the rule set does not know them. */
static int describe(const cli_profile *p, const row *r, const char **id, slant_program_info *pi)
{
    slant_rule_info ri;
    if (slant_rules_info(&ri, p->rules, r->rule) != 0 ||
        slant_rules_program(pi, p->rules, r->rule, r->i) != 0)
        return -1;
    *id = ri.id;
    return 0;
}

static void print_table(const cli_profile *p, FILE *out, const totals *t)
{
    fprintf(out,
            "slant: profile: %zu document%s, %.2f MB in %.2f s; %llu PCRE2 calls (%.0f a MB) "
            "took %.2f s\n",
            t->docs, t->docs == 1 ? "" : "s", t->mb, t->seconds, t->calls,
            t->mb > 0 ? (double)t->calls / t->mb : 0.0, (double)t->nanos / 1e9);
    if (!t->calls)
        return;
    fprintf(out, "%9s %6s %10s %9s %8s %8s  %s\n", "ms", "share", "calls", "calls/MB", "matches",
            "us/call", "rule and program");
    for (size_t k = 0; k < p->n && k < PROFILE_ROWS && p->rows[k].st.calls; k++) {
        const row *r = &p->rows[k];
        const char *id;
        slant_program_info pi;
        if (describe(p, r, &id, &pi) != 0)
            continue;
        fprintf(out, "%9.1f %5.1f%% %10llu %9.1f %8llu %8.2f  %s %s", (double)r->st.nanos / 1e6,
                t->nanos ? 100.0 * (double)r->st.nanos / (double)t->nanos : 0.0, r->st.calls,
                t->mb > 0 ? (double)r->st.calls / t->mb : 0.0, r->st.matches,
                (double)r->st.nanos / 1e3 / (double)r->st.calls, id, pi.guard ? "unless " : "");
        put_cut(out, pi.source, 60);
        fputc('\n', out);
    }
}

/* Every program that ran, costliest first, as one JSON object. */
static void write_json(const cli_profile *p, FILE *out, const totals *t)
{
    fprintf(out,
            "{\"documents\": %zu, \"bytes\": %zu, \"seconds\": %.3f, \"pcre2_calls\": %llu, "
            "\"pcre2_seconds\": %.3f,\n \"programs\": [",
            t->docs, t->bytes, t->seconds, t->calls, (double)t->nanos / 1e9);
    int first = 1;
    for (size_t k = 0; k < p->n && p->rows[k].st.calls; k++) {
        const row *r = &p->rows[k];
        const char *id;
        slant_program_info pi;
        if (describe(p, r, &id, &pi) != 0)
            continue;
        fputs(first ? "\n  {\"rule\": " : ",\n  {\"rule\": ", out);
        first = 0;
        slant_json_write_string(out, id);
        fprintf(out, ", \"program\": %zu, \"guard\": %s, \"source\": ", r->i,
                pi.guard ? "true" : "false");
        slant_json_write_string(out, pi.source);
        fprintf(out,
                ", \"calls\": %llu, \"calls_per_mb\": %.1f, \"matches\": %llu, \"ms\": %.3f}",
                r->st.calls, t->mb > 0 ? (double)r->st.calls / t->mb : 0.0, r->st.matches,
                (double)r->st.nanos / 1e6);
    }
    fputs(first ? "]}\n" : "\n ]}\n", out);
}

int cli_profile_report(cli_profile *p, const options *o, size_t docs, size_t bytes,
                       double seconds)
{
    if (!p)
        return 0;
    qsort(p->rows, p->n, sizeof *p->rows, by_time);
    totals t = {docs, bytes, seconds, (double)bytes / 1e6, 0, 0};
    for (size_t k = 0; k < p->n; k++) {
        t.calls += p->rows[k].st.calls;
        t.nanos += p->rows[k].st.nanos;
    }
    if (o->profile)
        print_table(p, stderr, &t);
    if (!o->profile_json)
        return 0;
    /* written beside the file and renamed over it: a dashboard reading it
     * sees the last run's or this one's, never half of one */
    size_t len = strlen(o->profile_json);
    char *tmp = malloc(len + 16);
    if (!tmp) {
        fputs("slant: out of memory\n", stderr);
        return -1;
    }
    snprintf(tmp, len + 16, "%s.tmp%ld", o->profile_json, (long)getpid());
    FILE *f = fopen(tmp, "w");
    int err = 0;
    if (!f)
        err = errno;
    else {
        write_json(p, f, &t);
        if (ferror(f))
            err = EIO;
        if (fclose(f) != 0 && !err)
            err = errno;
        if (!err && rename(tmp, o->profile_json) != 0)
            err = errno;
        if (err)
            remove(tmp);
    }
    if (err)
        fprintf(stderr, "slant: %s: cannot write the profile: %s\n", o->profile_json,
                strerror(err));
    free(tmp);
    return err ? -1 : 0;
}
