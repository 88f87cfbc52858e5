/* score.c - the document score.
 *
 * The formula (README.md, "Score", says the same for users):
 *
 *   finding score  s = w * v * m  w: the rule's weight; v: 1 in the
 *                                 author's voice, 0.5 inside a quotation;
 *                                 m: 0.25 when the words are mentioned,
 *                                 not used ("what X calls ..."), else 1
 *   rule total     R = min(sum of s over the rule's findings, 3 * w)
 *   total          T = sum of R over rules
 *   density        D = 1000 * T / max(words, 100)
 *   index          I = round(100 * (1 - exp(-D / 25)))
 *
 * Why this shape. Quoted speech is reported (the quote is often the news)
 * but weighs half: the outlet did not say it. The cap per rule keeps one
 * phrase repeated ten times from outweighing ten different techniques.
 * Density, not the total, drives the index so a long article is not
 * judged worse for being long; counting at least 100 words keeps a
 * headline-sized text from saturating on one hit. The exponential maps
 * density onto 0-100 without a hard ceiling: D = 25 (one warning-weight
 * finding every 80 words) gives 63, D = 5 gives 18, D = 75 gives 95.
 * Category subscores are the sums of their rules' totals, so they add up
 * to T. Findings suppressed by a comment in the document are left out: an
 * editor accepted them (a quote that is the news); findings suppressed by
 * a baseline still count, as the text still says them.
 */
#include "report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int score_compute(slant_report *rep, const slant_rules *rs, size_t nwords)
{
    free(rep->categories); /* when scoring again */
    rep->categories = NULL;
    size_t ncat = slant_category_count();
    double *rule_sum = calloc(rs->nrules ? rs->nrules : 1, sizeof *rule_sum);
    double *cat_score = calloc(ncat, sizeof *cat_score);
    size_t *cat_count = calloc(ncat, sizeof *cat_count);
    if (!rule_sum || !cat_score || !cat_count) {
        free(rule_sum);
        free(cat_score);
        free(cat_count);
        return SLANT_ENOMEM;
    }
    for (size_t i = 0; i < rep->n; i++) {
        slant_finding *f = &rep->findings[i];
        f->score = f->weight * (f->voice == SLANT_VOICE_QUOTE ? SCORE_QUOTE_FACTOR : 1.0) *
                   (f->mention ? SCORE_MENTION_FACTOR : 1.0);
        if (f->suppressed == SLANT_SUPPRESSED_COMMENT)
            continue; /* accepted in the document: shown, not scored */
        rule_sum[rep->rule_index[i]] += f->score;
        int c = slant_category_find(f->category);
        if (c >= 0)
            cat_count[c]++;
    }
    double total = 0;
    for (size_t r = 0; r < rs->nrules; r++) {
        if (rule_sum[r] <= 0)
            continue;
        double cap = SCORE_RULE_CAP * rs->rules[r].src.weight;
        double t = rule_sum[r] < cap ? rule_sum[r] : cap;
        total += t;
        int c = slant_category_find(rs->rules[r].src.category);
        if (c >= 0)
            cat_score[c] += t;
    }
    size_t used = 0;
    for (size_t c = 0; c < ncat; c++)
        used += cat_count[c] > 0;
    rep->categories = calloc(used ? used : 1, sizeof *rep->categories);
    if (!rep->categories) {
        free(rule_sum);
        free(cat_score);
        free(cat_count);
        return SLANT_ENOMEM;
    }
    size_t k = 0;
    for (size_t c = 0; c < ncat; c++)
        if (cat_count[c])
            rep->categories[k++] =
                (slant_category_score){slant_category_id(c), cat_count[c], cat_score[c]};
    double words = (double)nwords;
    if (words < SCORE_MIN_WORDS)
        words = SCORE_MIN_WORDS;
    rep->score.total = total;
    rep->score.density = 1000.0 * total / words;
    rep->score.index = (int)lround(100.0 * (1.0 - exp(-rep->score.density / SCORE_SCALE)));
    rep->score.ncategories = used;
    rep->score.categories = rep->categories;
    free(rule_sum);
    free(cat_score);
    free(cat_count);
    return 0;
}
