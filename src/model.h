/* model.h - the sentence model (internal): a linear classifier that says,
 * for one sentence and each category, how likely the sentence is to hold
 * that device. See model.c. */
#ifndef SLANT_MODEL_H
#define SLANT_MODEL_H

#include <stddef.h>

typedef struct model model;

/* Reads a model file (`slant-sentence-model 1`, written by
 * corpus/train_model.py). On an error returns SLANT_ERULES and writes
 * "LINE: what" into err. */
int model_parse(model **out, const char *text, size_t len, char *err, size_t errlen);
void model_free(model *m); /* accepts NULL */

/* The categories it scores, as TAXONOMY indexes, in its column order. */
size_t model_categories(const model *m);
int model_category(const model *m, size_t k);
/* A sentence is reported for a category at or above this probability. */
double model_threshold(const model *m);

/* The probability of each category (model_categories of them) for the
 * sentence text[0..len): words are runs of ASCII letters and digits
 * (lower-cased) of two or more, and the features are their 1- to
 * 3-grams, weighted as the model says. */
int model_score(const model *m, const char *text, size_t len, double *probs); /* 0 or SLANT_ENOMEM */

#endif
