/* model.h - the sentence model (internal): a linear classifier that says,
 * for one sentence and each category, how likely the sentence is to hold
 * that device. See model.c. */
#ifndef SLANT_MODEL_H
#define SLANT_MODEL_H

#include <stddef.h>
#include <stdint.h>

typedef struct model model;

/* Reads a model file (`slant-sentence-model 1`, written by
 * corpus/train_model.py). On an error returns SLANT_ERULES, with the
 * line (0: the file as a whole) in *line and what is wrong in err. */
int model_parse(model **out, unsigned *line, const char *text, size_t len, char *err,
                size_t errlen);
void model_free(model *m); /* accepts NULL */

/* The categories it scores, as TAXONOMY indexes, in its column order. */
size_t model_categories(const model *m);
int model_category(const model *m, size_t k);
/* The file's threshold (-1 when it gives none: every column has its own). */
double model_threshold(const model *m);
/* A sentence is reported for column k at or above this probability: the
 * column's own threshold, else the file's. */
double model_category_threshold(const model *m, size_t k);

/* The probability of each category (model_categories of them) for the
 * sentence text[0..len): words are runs of ASCII letters and digits
 * (lower-cased) of two or more, and the features are their 1- to
 * 3-grams, weighted as the model says. */
/* Memory model_score reuses from one sentence to the next (zeroed to
 * start; model_scratch_clear frees it). */
typedef struct {
    uint64_t *wh;
    size_t hcap;
    long *hit;
    size_t hitcap;
} model_scratch;
void model_scratch_clear(model_scratch *x);

int model_score(const model *m, model_scratch *sx, const char *text, size_t len,
                double *probs); /* 0 or SLANT_ENOMEM */

#endif
