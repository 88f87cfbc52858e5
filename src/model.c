/* model.c - the sentence model: logistic regression over the word 1- to
 * 3-grams of a sentence.
 *
 * Surface rules match the wordings they were written from; on text in
 * other genres they found about half of what annotators marked, however
 * many rounds widened them. A linear model trained on the annotated
 * sentences of the corpus generalises differently: it weighs every word
 * and short phrase a little, so a sentence it has never seen, worded its
 * own way, can still add up. It is trained outside slant
 * (corpus/train_model.py, with scikit-learn) on the tuning articles, with
 * neutral sentences from outside the corpus as examples of nothing, and
 * slant reads the weights from a text file:
 *
 *   slant-sentence-model 1
 *   threshold 0.8
 *   category unnamed-source -3.1416 0.6   (one per column: id, intercept,
 *   ...                                    and perhaps its own threshold)
 *   NGRAM<TAB>IDF<TAB>K:W K:W ...         (one per feature)
 *
 * A sentence is reported for a column when its probability reaches the
 * column's threshold, or the file's `threshold` where the category line
 * gives none (the file needs it only then). The trainer gives each
 * category the lowest threshold at which cross-validation found the model
 * precise enough in that category, so a category it reads well speaks at
 * 0.5 and one it reads badly only at 0.95.
 *
 * A sentence's words are runs of ASCII letters and digits, lower-cased,
 * two or more long (anything else separates them, so typographic and
 * folded punctuation give the same words); its features are the 1-, 2-
 * and 3-grams of its words joined by one space. Each feature's value is
 * (1 + ln count) * idf, the vector is scaled to unit length over the
 * features the model knows, and column k's probability is the logistic
 * of its intercept plus the weighted sum. This is scikit-learn's
 * TfidfVectorizer (sublinear_tf, l2) and LogisticRegression, so the
 * trainer's probabilities and slant's agree (tests/unit/test_model.c
 * holds them to it). Weights below the trainer's cut are not written:
 * the file is the model, and the evaluation scores the file. */
#include "model.h"
#include "slant.h"
#include "util.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MODEL_MAX_NGRAM 200 /* longer features are rejected, longer n-grams never looked up */
#define MODEL_MAX_COLUMNS 64

typedef struct {
    float idf;
    uint32_t w_at, w_n; /* into wcol / wval */
    uint32_t low;       /* its hash's low half (the slot holds the high) */
} feature;

/* A feature's text, kept only while the model is read: scoring knows
 * features by their hashes alone, so build_index is the last to read it. */
typedef struct {
    uint32_t text, len; /* into strings */
} feature_text;

struct model {
    double threshold; /* the file's, or -1 */
    size_t ncols;
    int cat[MODEL_MAX_COLUMNS];
    double bias[MODEL_MAX_COLUMNS];
    double thr[MODEL_MAX_COLUMNS]; /* each column's: its own, else the file's */
    feature *f;
    size_t nf, fcap;
    feature_text *ft; /* freed with strings once the index is built */
    size_t ftcap;
    char *strings;
    size_t slen, scap;
    uint8_t *wcol;
    float *wval;
    size_t nw, wcap, vcap;
    struct {
        uint32_t tag, idx; /* the hash's high half; feature index + 1, 0 empty */
    } *slot;
    size_t nslots;
    /* every 2-gram's first word and every 3-gram's first 2-gram is a
     * feature too (true of any vocabulary cut by document frequency):
     * an unknown n-gram then ends the longer ones that start with it */
    int closed;
};

/* An n-gram's hash is made from its words' hashes, so that a sentence
 * hashes each word once and its 2- and 3-grams from those. */
static uint64_t hash_word(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        h = (h ^ (c >= 'A' && c <= 'Z' ? c + 32u : c)) * 1099511628211ull;
    }
    return h;
}

static uint64_t hash_next(uint64_t h, uint64_t word)
{
    /* the rotation orders the words: without it "and 11" and "11 and"
     * hashed alike */
    h = ((h << 23 | h >> 41) ^ word) * 0x9e3779b97f4a7c15ull;
    return h ^ (h >> 31);
}

/* The hash of a feature's text, "w1 w2 w3", as model_score makes it. */
static uint64_t hash_text(const char *s, size_t n)
{
    uint64_t h = 0;
    int first = 1;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && s[j] != ' ')
            j++;
        uint64_t w = hash_word(s + i, j - i);
        h = first ? w : hash_next(h, w);
        first = 0;
        i = j + 1;
    }
    return h;
}

/* The feature whose 64-bit hash is h, or -1. A sentence's n-grams are
 * known by their hashes alone: comparing the text too cost a third cache
 * miss for every feature found (a quarter of the model's time). Two
 * features with one hash are refused when the model is read (build_index),
 * so a wrong answer needs an n-gram the model does not have to share all
 * 64 bits with one of its few tens of thousands of features: about one
 * lookup in 10^14, and then one sentence's score is off by one feature. */
static long find(const model *m, uint64_t h)
{
    size_t mask = m->nslots - 1;
    uint32_t tag = (uint32_t)(h >> 32);
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        if (!m->slot[i].idx)
            return -1;
        if (m->slot[i].tag == tag && m->f[m->slot[i].idx - 1].low == (uint32_t)h)
            return (long)(m->slot[i].idx - 1);
    }
}

void model_free(model *m)
{
    if (!m)
        return;
    free(m->f);
    free(m->ft);
    free(m->strings);
    free(m->wcol);
    free(m->wval);
    free(m->slot);
    free(m);
}

size_t model_categories(const model *m) { return m ? m->ncols : 0; }
int model_category(const model *m, size_t k) { return m && k < m->ncols ? m->cat[k] : -1; }
double model_threshold(const model *m) { return m ? m->threshold : 1.0; }
double model_category_threshold(const model *m, size_t k)
{
    return m && k < m->ncols ? m->thr[k] : 1.0;
}

/* A decimal number at p, as strtod reads it, *q set past it. The file has
 * a million short decimals ("-0.0912", "9.0322", "1.5e-05"), and strtod's
 * general path was a tenth of start-up. A number of at most 15 significant
 * digits and a power of ten up to 22 is one IEEE division or
 * multiplication of two exact doubles, so it rounds as strtod does
 * (Clinger's fast path); anything else, or anything followed by a character
 * that could continue a number, goes to strtod itself. */
static double decimal(const char *p, const char *end, char **q)
{
    static const double p10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                 1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    const char *r = p;
    int neg = 0, digits = 0, sig = 0;
    long e10 = 0;
    uint64_t m = 0;
    if (r < end && (*r == '-' || *r == '+'))
        neg = *r++ == '-';
    for (; r < end && *r >= '0' && *r <= '9'; r++, digits++)
        if (m || *r != '0')
            m = m * 10 + (uint64_t)(*r - '0'), sig++;
    if (r < end && *r == '.')
        for (r++; r < end && *r >= '0' && *r <= '9'; r++, digits++, e10--)
            if (m || *r != '0')
                m = m * 10 + (uint64_t)(*r - '0'), sig++;
    if (r < end && (*r == 'e' || *r == 'E')) {
        const char *x = r + 1;
        int eneg = 0;
        long ev = 0;
        if (x < end && (*x == '-' || *x == '+'))
            eneg = *x++ == '-';
        if (x == end || *x < '0' || *x > '9')
            goto slow;
        for (; x < end && *x >= '0' && *x <= '9' && ev < 1000; x++)
            ev = ev * 10 + (*x - '0');
        e10 += eneg ? -ev : ev;
        r = x;
    }
    if (!digits || sig > 15 || e10 < -22 || e10 > 22 ||
        (r < end && (isalnum_ascii((unsigned char)*r) || *r == '.' || *r == '_')))
        goto slow;
    double v = e10 < 0 ? (double)m / p10[-e10] : (double)m * p10[e10];
    *q = (char *)r;
    return neg ? -v : v;
slow:
    return strtod(p, q);
}

/* The number that is the whole of [p, e), else NAN: copied out, so that
 * strtod stops at the field's end and not at the buffer's. */
static double field_number(const char *p, const char *e)
{
    char num[64], *q;
    size_t n = (size_t)(e - p);
    if (n == 0 || n >= sizeof num || !(isalnum_ascii((unsigned char)*p) || *p == '-' ||
                                       *p == '+' || *p == '.'))
        return NAN;
    memcpy(num, p, n);
    num[n] = '\0';
    double v = strtod(num, &q);
    return q == num + n ? v : NAN;
}

static int fail(char *err, size_t errlen, unsigned *at, size_t line, const char *what)
{
    *at = (unsigned)line;
    snprintf(err, errlen, "%s", what);
    return SLANT_ERULES;
}

/* A feature's n-gram: words of [a-z0-9]{2,} joined by single spaces,
 * at most three. */
static int good_ngram(const char *s, size_t n)
{
    size_t words = 0, run = 0;
    if (n == 0 || n > MODEL_MAX_NGRAM)
        return 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || s[i] == ' ') {
            if (run < 2)
                return 0;
            words++;
            run = 0;
        } else if ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9')) {
            run++;
        } else {
            return 0;
        }
    }
    return words <= 3;
}

static int parse_feature(model *m, const char *p, const char *end, char *err, size_t errlen,
                         unsigned *at, size_t line)
{
    const char *tab = memchr(p, '\t', (size_t)(end - p));
    if (!tab || !good_ngram(p, (size_t)(tab - p)))
        return fail(err, errlen, at, line, "expected an n-gram of one to three words, a tab, its idf");
    char *q;
    double idf = decimal(tab + 1, end, &q);
    if (q == tab + 1 || q > end || !(idf > 0) || !isfinite(idf))
        return fail(err, errlen, at, line, "expected a positive idf after the n-gram");
    if (grow(&m->f, &m->fcap, m->nf + 1, sizeof *m->f) != 0 ||
        grow(&m->ft, &m->ftcap, m->nf + 1, sizeof *m->ft) != 0 ||
        grow(&m->strings, &m->scap, m->slen + (size_t)(tab - p), 1) != 0)
        return SLANT_ENOMEM;
    feature *f = &m->f[m->nf];
    m->ft[m->nf].text = (uint32_t)m->slen;
    m->ft[m->nf].len = (uint32_t)(tab - p);
    f->idf = (float)idf;
    f->w_at = (uint32_t)m->nw;
    f->w_n = 0;
    memcpy(m->strings + m->slen, p, (size_t)(tab - p));
    m->slen += (size_t)(tab - p);
    const char *r = q;
    if (r < end && *r == '\t')
        r++;
    while (r < end) {
        while (r < end && *r == ' ')
            r++;
        if (r >= end)
            break;
        unsigned long k = 0; /* a column: a few digits, strtoul's general path not needed */
        for (q = (char *)r; q < end && *q >= '0' && *q <= '9' && k <= MODEL_MAX_COLUMNS; q++)
            k = k * 10 + (unsigned long)(*q - '0');
        if (q == r || q >= end || *q != ':' || k >= m->ncols)
            return fail(err, errlen, at, line, "expected COLUMN:WEIGHT with a column the model has");
        r = q + 1;
        double w = decimal(r, end, &q);
        if (q == r || q > end || !isfinite(w))
            return fail(err, errlen, at, line, "expected a weight after the column");
        if (grow(&m->wcol, &m->wcap, m->nw + 1, 1) != 0 ||
            grow(&m->wval, &m->vcap, m->nw + 1, sizeof *m->wval) != 0)
            return SLANT_ENOMEM;
        m->wcol[m->nw] = (uint8_t)k;
        m->wval[m->nw++] = (float)w;
        f->w_n++;
        r = q;
    }
    m->nf++;
    return 0;
}

static int build_index(model *m, char *err, size_t errlen)
{
    /* at most two slots in three taken: a lookup that misses (most of a
     * sentence's n-grams) still ends within a cache line or two */
    size_t n = 16;
    while (n < m->nf + m->nf / 2)
        n *= 2;
    m->slot = calloc(n, sizeof *m->slot);
    if (!m->slot)
        return SLANT_ENOMEM;
    m->nslots = n;
    for (size_t i = 0; i < m->nf; i++) {
        feature *f = &m->f[i];
        const feature_text *t = &m->ft[i];
        const char *s = m->strings + t->text;
        uint64_t h = hash_text(s, t->len);
        long dup = find(m, h);
        if (dup >= 0) {
            const feature_text *g = &m->ft[dup];
            if (g->len == t->len && memcmp(m->strings + g->text, s, t->len) == 0)
                snprintf(err, errlen, "feature \"%.*s\" is listed twice", (int)t->len, s);
            else /* never seen; the scorer could not tell them apart */
                snprintf(err, errlen, "features \"%.*s\" and \"%.*s\" have the same hash",
                         (int)g->len, m->strings + g->text, (int)t->len, s);
            return SLANT_ERULES;
        }
        f->low = (uint32_t)h;
        size_t j = h & (n - 1);
        while (m->slot[j].idx)
            j = (j + 1) & (n - 1);
        m->slot[j].tag = (uint32_t)(h >> 32);
        m->slot[j].idx = (uint32_t)(i + 1);
    }
    /* closed: each n-gram's first n-1 words are a feature */
    m->closed = 1;
    for (size_t i = 0; i < m->nf && m->closed; i++) {
        const char *s = m->strings + m->ft[i].text;
        size_t k = m->ft[i].len;
        while (k > 0 && s[k - 1] != ' ')
            k--;
        if (k > 0 && find(m, hash_text(s, k - 1)) < 0)
            m->closed = 0;
    }
    return 0;
}

int model_parse(model **out, unsigned *at, const char *text, size_t len, char *err,
                size_t errlen)
{
    *out = NULL;
    *at = 0;
    model *m = calloc(1, sizeof *m);
    if (!m)
        return SLANT_ENOMEM;
    m->threshold = -1;
    int rc = 0, header = 0;
    size_t line = 0;
    const char *p = text, *end = text + len;
    while (p < end && rc == 0) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        line++;
        if (e > p && e[-1] == '\r')
            e--;
        size_t n = (size_t)(e - p);
        /* a feature line has a tab, a directive none: "category storm" and
         * "threshold for" are features too */
        int tabbed = memchr(p, '\t', n) != NULL;
        if (!header) {
            if (n != 22 || memcmp(p, "slant-sentence-model 1", 22) != 0)
                rc = fail(err, errlen, at, line, "not a slant sentence model (expected "
                                             "\"slant-sentence-model 1\")");
            header = 1;
        } else if (n == 0 || *p == '#') {
            /* blank or comment */
        } else if (!tabbed && n > 10 && memcmp(p, "threshold ", 10) == 0) {
            char *q;
            m->threshold = strtod(p + 10, &q);
            if (q != e || !(m->threshold > 0 && m->threshold < 1))
                rc = fail(err, errlen, at, line, "the threshold is a probability between 0 and 1");
        } else if (!tabbed && n > 9 && memcmp(p, "category ", 9) == 0) {
            const char *id = p + 9, *sp = memchr(id, ' ', (size_t)(e - id));
            char name[64];
            if (!sp || (size_t)(sp - id) >= sizeof name || m->nf) {
                rc = fail(err, errlen, at, line,
                          "expected \"category ID INTERCEPT [THRESHOLD]\" before the features");
                break;
            }
            memcpy(name, id, (size_t)(sp - id));
            name[sp - id] = '\0';
            int cat = slant_category_find(name);
            /* the intercept, then perhaps the column's own threshold */
            const char *f = sp + 1, *g = memchr(f, ' ', (size_t)(e - f));
            if (!g)
                g = e;
            double b = field_number(f, g), t = -1;
            if (g < e)
                t = field_number(g + 1, e);
            if (cat < 0)
                rc = fail(err, errlen, at, line, "unknown category (see TAXONOMY.md)");
            else if (!isfinite(b))
                rc = fail(err, errlen, at, line, "expected the intercept after the category");
            else if (g < e && !(t > 0 && t < 1))
                rc = fail(err, errlen, at, line,
                          "the category's threshold is a probability between 0 and 1");
            else if (m->ncols == MODEL_MAX_COLUMNS)
                rc = fail(err, errlen, at, line, "too many categories");
            else {
                for (size_t k = 0; k < m->ncols; k++)
                    if (m->cat[k] == cat)
                        rc = fail(err, errlen, at, line, "category listed twice");
                m->cat[m->ncols] = cat;
                m->thr[m->ncols] = t;
                m->bias[m->ncols++] = b;
            }
        } else if (!m->ncols) {
            rc = fail(err, errlen, at, line, "features come after the category lines");
        } else {
            rc = parse_feature(m, p, e, err, errlen, at, line);
        }
        p = nl ? nl + 1 : end;
    }
    if (rc == 0 && !header)
        rc = fail(err, errlen, at, 1, "empty model");
    if (rc == 0 && !m->ncols)
        rc = fail(err, errlen, at, line, "a model needs a threshold and at least one category");
    for (size_t k = 0; rc == 0 && k < m->ncols; k++) {
        if (m->thr[k] < 0 && m->threshold < 0)
            rc = fail(err, errlen, at, line, "a model needs a threshold (a category without its own "
                                             "takes the file's)");
        else if (m->thr[k] < 0)
            m->thr[k] = m->threshold;
    }
    if (rc == 0)
        rc = build_index(m, err, errlen);
    if (rc != 0) {
        model_free(m);
        return rc;
    }
    free(m->ft); /* a megabyte or two that scoring never reads */
    free(m->strings);
    m->ft = NULL;
    m->strings = NULL;
    *out = m;
    return 0;
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

/* A sentence finds a few dozen features: insertion sort, which needs no
 * memory (qsort's merge sort asked for some on every sentence). */
static void sort_hits(long *v, size_t n)
{
    if (n > 64) {
        qsort(v, n, sizeof *v, cmp_long);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        long x = v[i];
        size_t j = i;
        while (j > 0 && v[j - 1] > x) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = x;
    }
}

void model_scratch_clear(model_scratch *x)
{
    if (!x)
        return;
    free(x->wh);
    free(x->hit);
    memset(x, 0, sizeof *x);
}

int model_score(const model *m, model_scratch *sx, const char *text, size_t len, double *probs)
{
    double z[MODEL_MAX_COLUMNS] = {0};
    /* the words' hashes, in sx->wh */
    size_t nw = 0;
    for (size_t i = 0; i < len;) {
        if (!isalnum_ascii((unsigned char)text[i])) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < len && isalnum_ascii((unsigned char)text[j]))
            j++;
        if (j - i >= 2) {
            if (grow(&sx->wh, &sx->hcap, nw + 1, sizeof *sx->wh) != 0)
                return SLANT_ENOMEM;
            sx->wh[nw++] = hash_word(text + i, j - i);
        }
        i = j;
    }
    /* the known features among their 1- to 3-grams, counted */
    if (nw && grow(&sx->hit, &sx->hitcap, 3 * nw, sizeof *sx->hit) != 0)
        return SLANT_ENOMEM;
    long *hit = sx->hit;
    size_t nhit = 0;
    for (size_t a = 0; a < nw; a++) {
        uint64_t h = 0;
        for (size_t n = 1; n <= 3 && a + n <= nw; n++) {
            h = n == 1 ? sx->wh[a] : hash_next(h, sx->wh[a + n - 1]);
            long f = find(m, h);
            if (f >= 0)
                hit[nhit++] = f;
            else if (m->closed)
                break; /* no longer n-gram from here is a feature */
        }
    }
    if (nhit) {
        sort_hits(hit, nhit);
        /* (1 + ln count) * idf per distinct feature, then unit length */
        double norm = 0;
        for (size_t i = 0; i < nhit;) {
            size_t j = i;
            while (j < nhit && hit[j] == hit[i])
                j++;
            double x = (1.0 + log((double)(j - i))) * m->f[hit[i]].idf;
            norm += x * x;
            i = j;
        }
        norm = sqrt(norm);
        for (size_t i = 0; i < nhit;) {
            size_t j = i;
            while (j < nhit && hit[j] == hit[i])
                j++;
            const feature *f = &m->f[hit[i]];
            double x = (1.0 + log((double)(j - i))) * f->idf / norm;
            for (uint32_t q = f->w_at; q < f->w_at + f->w_n; q++)
                z[m->wcol[q]] += m->wval[q] * x;
            i = j;
        }
    }
    for (size_t k = 0; k < m->ncols; k++)
        probs[k] = 1.0 / (1.0 + exp(-(z[k] + m->bias[k])));
    return 0;
}
