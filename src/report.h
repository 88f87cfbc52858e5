/* report.h - what a scan produces (internal): findings, score, limits. */
#ifndef SLANT_REPORT_H
#define SLANT_REPORT_H

#include "rules.h"

struct slant_report {
    const slant_rules *rules; /* the set it was scanned with (for renderers:
                                 explain text, technique maps; for scoring
                                 again after slant_report_suppress) */
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
    slant_suppression *sups; /* one per directive of the document; strings owned */
    size_t nsups;
    uint64_t *fphash; /* per finding while scanning: its fingerprint before the repeat count */
    size_t fpcap;
    char *fingerprints; /* 17 bytes per finding */
    size_t words; /* the document's, for scoring again after slant_report_suppress */
};

/* Fills report->score from the findings that are not suppressed by a
 * comment (score.c), for a document of `words` words. */
int score_compute(slant_report *rep, const slant_rules *rules, size_t words);

/* The voice factor and per-rule cap of the score formula. */
#define SCORE_QUOTE_FACTOR 0.5
#define SCORE_MENTION_FACTOR 0.25
#define SCORE_RULE_CAP 3.0
#define SCORE_MIN_WORDS 100.0
#define SCORE_SCALE 25.0

/* Suppressions written in a document (suppress.c): made from its
 * directives, marking findings from index `from` on, and listed in the
 * report at the end. */
typedef struct suppressor suppressor;
int suppressor_new(suppressor **out, const slant_rules *rules, const slant_doc *doc);
void suppressor_mark(suppressor *s, slant_report *rep, size_t from);
int suppressor_report(suppressor *s, slant_report *rep);
void suppressor_free(suppressor *s);

/* Scans with every rule, or only with rule `only` when it is >= 0. */
int scanner_run(slant_report **out, slant_scanner *s, const slant_doc *doc, long only);

#endif
