/* report.h - what a scan produces (internal): findings, score, limits. */
#ifndef SLANT_REPORT_H
#define SLANT_REPORT_H

#include "rules.h"

struct slant_report {
    const slant_rules *rules; /* the set it was scanned with (for renderers:
                                 explain text, technique maps) */
    slant_finding *findings;
    size_t *rule_index; /* per finding: its rule in the rule set */
    size_t n, cap, ricap;
    char *texts; /* matched texts, NUL-separated; findings point into it */
    slant_span *occ; /* occurrences of document-level findings */
    size_t nocc, occap;
    slant_score score;
    slant_category_score *categories;
    const char **incomplete; /* rule ids, borrowed from the rule set */
    const char **incomplete_why; /* "match limit" or "time budget" */
    size_t nincomplete;
};

/* Fills report->score from the findings (score.c). */
int score_compute(slant_report *rep, const slant_rules *rules, const slant_doc *doc);

/* The voice factor and per-rule cap of the score formula. */
#define SCORE_QUOTE_FACTOR 0.5
#define SCORE_MENTION_FACTOR 0.25
#define SCORE_RULE_CAP 3.0
#define SCORE_MIN_WORDS 100.0
#define SCORE_SCALE 25.0

/* Scans with every rule, or only with rule `only` when it is >= 0. */
int scanner_run(slant_report **out, slant_scanner *s, const slant_doc *doc, long only);

#endif
