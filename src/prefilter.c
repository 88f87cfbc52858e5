/* prefilter.c - required literals and match-length bounds of a pattern.
 *
 * The scanner must give exactly the findings a full PCRE2 pass over the
 * text would give, but it cannot afford a full pass per pattern. So at
 * compile time every pattern is walked once (this file) to find:
 *
 *  - a set of literals such that every match contains at least one of
 *    them (lower-case ASCII; the prefilter matches caselessly, which is a
 *    superset of what any pattern matches), and
 *  - an upper bound on the length of a match.
 *
 * At scan time one Aho-Corasick pass finds every occurrence of every
 * literal; a pattern is then run only from (occurrence - bound) with the
 * match start limited to the occurrence (PCRE2's offset limit). A match
 * that contains the occurrence starts in that window, so nothing is lost;
 * scan.c proves the order of matches is the naive one too.
 *
 * The walk is a small recursive-descent reader of PCRE2 syntax that
 * summarises each node by:
 *   exact  the finite set of strings it can match, when small and known
 *          ("grave" -> {grave}; (?:severe|grave) -> {severe, grave});
 *   req    a set of strings one of which every match contains (the
 *          best of its parts': first a usable set whose strings lie a
 *          bounded distance into the match, then the rarest by lit_cost),
 *          each string with its own distance into the match;
 *   req_pre  how far after the node's start a literal of req can start
 *          (0 for a literal the node starts with), so the scanner can
 *          start a search that close before an occurrence;
 *   max    the longest match as c0 + cs*S + cn*N (see prefilter.h): a
 *          run like \s+ is bounded by the document's longest white-space
 *          run, \w+ or [^\s"]+ by its longest run without white space, so
 *          the usual patterns get finite windows on every real document;
 *          .* or [^"]* have no such bound.
 *   edges  per string, the word boundaries around it: \b before "may"
 *          in \bmay, or white space before "rats" in \s+rats. The
 *          scanner drops an occurrence right after (or before) an ASCII
 *          letter or digit where the pattern says there is none.
 *   pair   per string of req, a second requirement, with where it lies
 *          relative to that string: the closing mark of "[a-z]+" follows
 *          the opening one within a word; "said" precedes the mark of
 *          said\s+". A positive lookahead's literals count here (they
 *          are in the text, though perhaps past the match). Per string,
 *          because each branch of an alternation has its own neighbours.
 *          The scanner keeps only occurrences that have such a neighbour,
 *          so a frequent literal like a quotation mark costs a search
 *          only where the rest of the pattern can be too. It is taken
 *          unless it is much more frequent than req (SECOND_COMMON).
 * Lookarounds and anchors match nothing (their content is outside the
 * match, so it gives no literal, except as a second). A backreference \1
 * to a group already closed matches text of unknown letters but of no
 * more characters than the group can match, from the same character
 * groups (caselessly too: a case variant is one character for one), so
 * it is read as such a class: it gives no literal, and the rest of the
 * pattern keeps its own ("X is X" is keyed on "is"); not where (?| or
 * (?n) number the groups otherwise. Anything the reader does not know -
 * extended mode, recursion, conditionals, other backreferences, \X,
 * verbs - makes the whole pattern "no literal, unbounded": a full pass,
 * which is the naive engine's own path and therefore always exact.
 */
#include "prefilter.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

#define MAX_SET 256
#define MAX_LIT 64
#define MAX_CAPS 9 /* \1 to \9: the backreferences the walk reads */
/* What characters a node can consume, as a mask of these groups. A run of
 * a repeated node is bounded by the document's longest run of bytes whose
 * groups fit the mask (prefilter.h). Non-ASCII bytes belong to every run
 * measure, so they need no bit of their own. */
#define C_BLANK 1u  /* space, tab, CR, FF, VT */
#define C_NL 2u     /* line feed */
#define C_ALNUM 4u  /* ASCII letters, digits, underscore */
#define C_PUNCT 8u  /* other ASCII */
#define C_ALL 15u
/* A string's edges: the pattern asserts a word boundary (\b) right before
 * its first character, or right after its last. For the empty string the
 * two are one position and always set together. */
#define E_BEFORE 1u
#define E_AFTER 2u
/* The character before the string is no ASCII word character: what came
 * before it in the pattern consumes none (after \s+, a quotation mark). */
#define E_NONWORD_BEFORE 4u

/* A set of strings. The arrays are allocated, so summaries stay small
 * when they are passed and returned by value. */
typedef struct {
    char **s;
    uint8_t *len;   /* strlen of each, kept to spare the walks */
    uint64_t *hash; /* to find duplicates quickly */
    match_bound *pre; /* of a req set: how far into a match each string can start */
    uint8_t *edge;    /* E_BEFORE | E_AFTER: word boundaries the pattern asserts */
    uint32_t *pair;   /* of a req set: each string's second requirement (walker.pairs), 0: none */
    size_t n, cap;
    size_t shortest;
    double cost; /* the sum of lit_cost over the strings */
    int valid;   /* 0: unknown (any string) */
} strset;

static double lit_cost(const char *lit, size_t len);

typedef struct {
    match_bound max;
    strset exact;
    strset req;
    match_bound req_pre; /* how far into a match a req literal may start */
    /* what a positive lookahead needs, from the node's start (look_pre as
     * req_pre). It may lie past the match's end, so it is never req. */
    strset look;
    match_bound look_pre;
    strset sfx; /* the strings every match ends with (its trailing literal run) */
    int sfx_after_req; /* sfx's strings start after req's literal ends */
    unsigned tail; /* what a match's last character can be (C_* mask) */
    int min1;      /* a match is at least one character long */
    unsigned mask;
} summary;

/* The strings of a walk's sets live in chunks freed together when the walk
 * ends: sets are copied, multiplied and dropped by the thousand while a
 * large alternation is read, and a malloc and free for each string was
 * most of the time slant took to start. The sets' arrays live there too. */
typedef struct chunk {
    struct chunk *next;
    size_t used, size;
    char data[];
} chunk;

#define CHUNK_BYTES 65536

/* A second requirement, placed relative to the occurrence of the req
 * string it belongs to: a string of `set` starts `min` to `max` bytes
 * after it (dir 1) or before it (dir -1). The scanner drops occurrences
 * without one (prefilter.h). */
typedef struct {
    strset set;
    int dir;
    uint32_t min;
    match_bound max;
} pair_req;

/* Chunks kept between walks, at most SPARE_MAX of them. */
#define SPARE_MAX 64
struct prefilter_scratch {
    chunk *spare;
    size_t nspare;
    /* lit_cost of each one-byte string, once known (0: not yet): a walk
     * makes one for every literal character of a pattern */
    double cost1[256];
};

typedef struct {
    const char *p;
    size_t pos, len;
    int bail;
    int oom;
    int dotall; /* (?s) somewhere: . may match a line feed */
    const char *why;
    chunk *strings;
    prefilter_scratch *scratch;
    /* second requirements, numbered from 1, which req strings point to */
    pair_req *pairs;
    uint32_t npairs, pairs_cap;
    /* capturing groups in the order they open, for backreferences: each
     * one's longest match and characters once it has closed */
    unsigned ncaps;
    int renumbered; /* (?| or (?n) number groups otherwise: backreferences are not read */
    struct {
        int closed;
        match_bound max;
        unsigned mask;
    } caps[MAX_CAPS + 1];
} walker;

prefilter_scratch *prefilter_scratch_new(void)
{
    return calloc(1, sizeof(prefilter_scratch));
}

void prefilter_scratch_free(prefilter_scratch *s)
{
    if (!s)
        return;
    while (s->spare) {
        chunk *next = s->spare->next;
        free(s->spare);
        s->spare = next;
    }
    free(s);
}

/* size bytes from the walk's chunks, aligned for any of the sets' arrays */
static void *walk_alloc(walker *w, size_t size)
{
    chunk *c = w->strings;
    size_t at = c ? (c->used + 7) & ~(size_t)7 : 0;
    if (!c || at > c->size || c->size - at < size) {
        size_t want = size > CHUNK_BYTES ? size : CHUNK_BYTES;
        prefilter_scratch *sc = w->scratch;
        if (want == CHUNK_BYTES && sc && sc->spare) {
            c = sc->spare;
            sc->spare = c->next;
            sc->nspare--;
        } else if (!(c = malloc(sizeof *c + want))) {
            return NULL;
        }
        c->next = w->strings;
        c->used = 0;
        c->size = want;
        w->strings = c;
        at = 0;
    }
    c->used = at + size;
    return c->data + at;
}

static char *walk_strdup(walker *w, const char *str, size_t len)
{
    char *out = walk_alloc(w, len + 1);
    if (!out)
        return NULL;
    memcpy(out, str, len);
    out[len] = '\0';
    return out;
}

static void walk_free(walker *w)
{
    prefilter_scratch *sc = w->scratch;
    while (w->strings) {
        chunk *next = w->strings->next;
        if (sc && w->strings->size == CHUNK_BYTES && sc->nspare < SPARE_MAX) {
            w->strings->next = sc->spare;
            sc->spare = w->strings;
            sc->nspare++;
        } else {
            free(w->strings);
        }
        w->strings = next;
    }
    free(w->pairs);
    w->pairs = NULL;
}

static void set_clear(strset *s)
{
    /* its arrays and strings belong to the walk */
    s->s = NULL;
    s->edge = NULL;
    s->len = NULL;
    s->hash = NULL;
    s->pre = NULL;
    s->pair = NULL;
    s->cap = 0;
    s->n = 0;
    s->valid = 0;
    s->cost = 0;
    s->shortest = 0;
}

static void sum_clear(summary *x)
{
    set_clear(&x->exact);
    set_clear(&x->req);
    set_clear(&x->look);
    set_clear(&x->sfx);
}

static match_bound bound_max(match_bound a, match_bound b);
static match_bound constant(uint32_t c0);

/* Gives s room for cap strings, keeping the first from->n of from's
 * (from may be s). The arrays come from the walk's chunks, in one piece:
 * sets are built and dropped by the thousand while a large alternation
 * is read, and malloc, realloc and free were a third of the time slant
 * took to start. */
static int set_arrays(walker *w, strset *s, size_t cap, const strset *from)
{
    size_t n = from->n;
    char *p = walk_alloc(w, cap * (sizeof(char *) + sizeof(uint64_t) + sizeof(match_bound) +
                                   sizeof(uint32_t) + 2));
    if (!p) {
        w->oom = 1;
        return -1;
    }
    char **a = (char **)(void *)p;
    uint64_t *c = (uint64_t *)(void *)(p + cap * sizeof(char *));
    match_bound *d = (match_bound *)(void *)(p + cap * (sizeof(char *) + sizeof(uint64_t)));
    uint32_t *f = (uint32_t *)(void *)(d + cap);
    uint8_t *b = (uint8_t *)(f + cap);
    uint8_t *e = b + cap;
    if (n) {
        memcpy(a, from->s, n * sizeof *a);
        memcpy(c, from->hash, n * sizeof *c);
        memcpy(d, from->pre, n * sizeof *d);
        memcpy(f, from->pair, n * sizeof *f);
        memcpy(b, from->len, n);
        memcpy(e, from->edge, n);
    }
    s->pair = f;
    s->s = a;
    s->hash = c;
    s->pre = d;
    s->len = b;
    s->edge = e;
    s->cap = cap;
    return 0;
}

static uint32_t pair_merge(walker *w, uint32_t p, uint32_t q);
static void set_union(walker *w, strset *dst, const strset *src);

/* Adds a string (once; a repeat keeps the larger distance, only the
 * edges both assert, and a second requirement that holds for both). */
static int set_add_pre(walker *w, strset *s, const char *str, size_t len, match_bound pre,
                       unsigned edge, uint32_t pair)
{
    if (len > MAX_LIT || s->n >= MAX_SET) {
        set_clear(s);
        return -1;
    }
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)str[i]) * 1099511628211ull;
    for (size_t i = 0; i < s->n; i++)
        if (s->hash[i] == h && s->len[i] == len && memcmp(s->s[i], str, len) == 0) {
            s->pre[i] = bound_max(s->pre[i], pre);
            s->edge[i] &= (uint8_t)edge;
            s->pair[i] = pair_merge(w, s->pair[i], pair);
            return 0;
        }
    if (s->n == s->cap && set_arrays(w, s, s->cap ? s->cap * 2 : 8, s) != 0) {
        set_clear(s);
        return -1;
    }
    char *c = walk_strdup(w, str, len);
    if (!c) {
        w->oom = 1;
        set_clear(s);
        return -1;
    }
    s->hash[s->n] = h;
    s->pre[s->n] = pre;
    s->edge[s->n] = (uint8_t)edge;
    s->pair[s->n] = pair;
    if (!s->n || len < s->shortest)
        s->shortest = len;
    s->len[s->n] = (uint8_t)len;
    s->s[s->n++] = c;
    if (len == 1 && w->scratch) {
        double *memo = &w->scratch->cost1[(unsigned char)c[0]];
        if (*memo == 0)
            *memo = lit_cost(c, 1);
        s->cost += *memo;
    } else {
        s->cost += lit_cost(c, len);
    }
    return 0;
}

static int set_add(walker *w, strset *s, const char *str, size_t len)
{
    return set_add_pre(w, s, str, len, constant(0), 0, 0);
}

static void set_copy(walker *w, strset *dst, const strset *src)
{
    set_clear(dst);
    if (!src->valid)
        return;
    dst->valid = 1;
    if (!src->n)
        return;
    /* src has no duplicates and its strings are never written, so the
     * copy shares them: re-adding each one was a sixth of start-up */
    size_t n = src->n;
    if (set_arrays(w, dst, n, src) != 0) {
        set_clear(dst);
        return;
    }
    dst->n = n;
    dst->shortest = src->shortest;
    dst->cost = src->cost;
}

static size_t shortest(const strset *s) { return s->n ? s->shortest : 0; }

/* How often a literal is expected in English news text, per megabyte. A
 * rough model is enough: it only ranks the candidate sets of one
 * pattern. The commonest words and the punctuation are counted (as
 * substrings, after slant's folding, in the 3.2 MB of corpus/articles);
 * any string is rarer the longer it is, and one that starts one of those
 * words is that much more frequent than another of its length, more so
 * the shorter it is. Until the counts, every punctuation mark was rated
 * rarer than "can" or "will": a comma (8,200 a megabyte) against "can"
 * (600), so patterns that had both were run at every comma. */
static double lit_cost(const char *lit, size_t len)
{
    /* the commonest words of news text, by first letter, with their
     * lengths and counts per megabyte: this runs for every string a walk
     * makes, a few million times as slant starts */
    typedef struct {
        const char *s;
        size_t len;
        double per_mb;
    } word;
#define W(x, n) {x, sizeof x - 1, n}
    static const word common[26][15] = {
        ['a' - 'a'] = {W("a", 63112), W("an", 11029), W("at", 8825), W("as", 5100),
                       W("are", 1768), W("and", 5069), W("all", 1454), W("any", 706),
                       W("about", 553), W("after", 285), W("also", 149)},
        ['b' - 'a'] = {W("by", 1171), W("be", 4057), W("been", 727), W("but", 324),
                       W("before", 296)},
        ['c' - 'a'] = {W("can", 581), W("could", 156)},
        ['d' - 'a'] = {W("do", 1390), W("does", 124), W("did", 183)},
        ['f' - 'a'] = {W("for", 2858), W("from", 850)},
        ['g' - 'a'] = {W("government", 143)},
        ['h' - 'a'] = {W("has", 1037), W("have", 1216), W("had", 517), W("he", 17669),
                       W("his", 1551), W("her", 1943), W("how", 288), W("here", 839)},
        ['i' - 'a'] = {W("in", 13694), W("is", 6748), W("it", 6781), W("its", 608), W("if", 808),
                       W("i", 53254), W("into", 174)},
        ['j' - 'a'] = {W("just", 96)},
        ['m' - 'a'] = {W("may", 212), W("might", 22), W("must", 74), W("my", 247), W("me", 5247),
                       W("more", 340), W("most", 190)},
        ['n' - 'a'] = {W("not", 1689), W("no", 3612), W("new", 332)},
        ['o' - 'a'] = {W("of", 4602), W("on", 10554), W("or", 8289), W("our", 2187),
                       W("out", 1425), W("over", 623), W("one", 1437), W("only", 167)},
        ['p' - 'a'] = {W("people", 541)},
        ['s' - 'a'] = {W("should", 195), W("she", 583), W("some", 393), W("so", 1795),
                       W("said", 631), W("says", 151), W("say", 452)},
        ['t' - 'a'] = {W("the", 14285), W("to", 6468), W("this", 1210), W("that", 2321),
                       W("these", 174), W("those", 219), W("they", 759), W("their", 565),
                       W("them", 419), W("than", 397), W("then", 128), W("there", 374),
                       W("two", 382), W("time", 299)},
        ['u' - 'a'] = {W("us", 2386), W("up", 982)},
        ['v' - 'a'] = {W("very", 803)},
        ['w' - 'a'] = {W("with", 1257), W("was", 1009), W("were", 645), W("will", 1290),
                       W("would", 378), W("we", 3465), W("who", 1209), W("what", 636),
                       W("which", 288), W("when", 285), W("where", 315)},
        ['y' - 'a'] = {W("you", 1443), W("your", 374), W("year", 725), W("years", 348)},
    };
#undef W
    /* any string of this length: 100,000 a megabyte for one byte, an
     * eighth of that for each byte more */
    double c = 100000.0;
    for (size_t i = 1; i < len && i < 40; i++)
        c /= 8;
    if (len == 1) {
        switch (lit[0]) {
        case '\n': return 11300.0;
        case '.': return 10500.0;
        case ',': return 8200.0;
        case '\'': return 2600.0;
        case '"': return 2400.0;
        case '-': return 1500.0;
        case ':': return 1200.0;
        case '?': return 350.0;
        case '(': case ')': return 210.0;
        case ';': return 150.0;
        case '!': return 40.0;
        default: c = isalnum_ascii((unsigned char)lit[0]) ? 60000.0 : 500.0;
        }
    }
    double worst = 0;
    unsigned char c0 = (unsigned char)lit[0];
    if (len <= 10 && c0 >= 'a' && c0 <= 'z')
        for (const word *wd = common[c0 - 'a']; wd->s; wd++)
            if (wd->len >= len && (len == 1 || wd->s[1] == lit[1]) &&
                (len <= 2 || memcmp(wd->s + 2, lit + 2, len - 2) == 0)) {
                double f = wd->per_mb * (double)(1 + wd->len - len);
                if (f > worst)
                    worst = f;
            }
    return c + worst;
}

static double set_cost(const strset *a) { return a->cost; }

/* Do two sets hold the same strings (in the same order)? */
static int same_strings(const strset *a, const strset *b)
{
    if (a->n != b->n)
        return 0;
    for (size_t i = 0; i < a->n; i++)
        if (a->hash[i] != b->hash[i] || a->len[i] != b->len[i] ||
            memcmp(a->s[i], b->s[i], a->len[i]) != 0)
            return 0;
    return 1;
}

/* How many word edges a set's strings assert. */
static int edges(const strset *a)
{
    int n = 0;
    for (size_t i = 0; i < a->n; i++)
        n += !!(a->edge[i] & (E_BEFORE | E_NONWORD_BEFORE)) + !!(a->edge[i] & E_AFTER);
    return n;
}

/* Is a a better filter than b: fewer expected occurrences? */
static int better(const strset *a, const strset *b)
{
    if (!a->valid || !a->n || shortest(a) == 0)
        return 0;
    if (!b->valid || !b->n || shortest(b) == 0)
        return 1;
    double ca = set_cost(a), cb = set_cost(b);
    if (ca != cb)
        return ca < cb;
    if (shortest(a) != shortest(b))
        return shortest(a) > shortest(b);
    return same_strings(a, b) && edges(a) > edges(b); /* \bmay\b over \bmay */
}

/* A set worth prefiltering on: its literals are not so common that
 * checking every occurrence costs more than one pass over the text. A
 * single character qualifies only when it is punctuation (a quotation
 * mark), never a letter. */
static int usable(const strset *a)
{
    if (!a->valid || !a->n)
        return 0;
    for (size_t i = 0; i < a->n; i++) {
        size_t len = a->len[i];
        if (len == 0 || (len == 1 && (isalnum_ascii((unsigned char)a->s[i][0]) ||
                                      a->s[i][0] == ' ' || a->s[i][0] == '\n')))
            return 0;
    }
    return set_cost(a) < 200000.0;
}

static const match_bound UNBOUNDED = {0, {0}};

static match_bound bound_add(match_bound a, match_bound b)
{
    if (!a.bounded || !b.bounded)
        return UNBOUNDED;
    match_bound r = {1, {0}};
    for (int i = 0; i < BOUND_TERMS; i++) {
        r.c[i] = a.c[i] + b.c[i];
        if (r.c[i] > (1u << 24))
            return UNBOUNDED;
    }
    return r;
}

static match_bound bound_max(match_bound a, match_bound b)
{
    if (!a.bounded || !b.bounded)
        return UNBOUNDED;
    match_bound r = {1, {0}};
    for (int i = 0; i < BOUND_TERMS; i++)
        r.c[i] = a.c[i] > b.c[i] ? a.c[i] : b.c[i];
    return r;
}

static match_bound bound_times(match_bound a, uint32_t k)
{
    if (!a.bounded)
        return UNBOUNDED;
    match_bound r = {1, {0}};
    for (int i = 0; i < BOUND_TERMS; i++) {
        if (k && a.c[i] > (1u << 24) / k)
            return UNBOUNDED;
        r.c[i] = a.c[i] * k;
    }
    return r;
}

static match_bound constant(uint32_t c0)
{
    match_bound r = {1, {0}};
    r.c[0] = c0;
    return r;
}

/* The bound of a run of a node that consumes only characters in `mask`:
 * the tightest run measure that holds every such character. */
static match_bound run_bound(unsigned mask)
{
    match_bound r = {1, {0}};
    if (!(mask & (C_ALNUM | C_PUNCT)))
        r.c[RUN_SPACE] = 1;
    else if (!(mask & C_ALNUM))
        r.c[RUN_NONWORD] = 1;
    else if (!(mask & (C_BLANK | C_NL)))
        r.c[RUN_TEXT] = 1;
    else if (!(mask & C_NL))
        r.c[RUN_LINE] = 1;
    else
        return UNBOUNDED;
    return r;
}

size_t match_bound_eval(match_bound b, const size_t runs[BOUND_TERMS])
{
    if (!b.bounded)
        return SIZE_MAX;
    size_t total = b.c[0];
    for (int i = 1; i < BOUND_TERMS; i++)
        total += (size_t)b.c[i] * runs[i];
    return total;
}

static void bail(walker *w, const char *why)
{
    if (!w->bail)
        w->why = why;
    w->bail = 1;
}

static int peek(walker *w) { return w->pos < w->len ? (unsigned char)w->p[w->pos] : -1; }

static unsigned ascii_mask(uint32_t c)
{
    if (c == '\n')
        return C_NL;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
        return C_BLANK;
    if (c < 0x80 && (isalnum_ascii((unsigned char)c) || c == '_'))
        return C_ALNUM;
    return c < 0x80 ? C_PUNCT : 0;
}

/* Literals are lower-case ASCII (the prefilter matches caselessly). */
static char lower_ascii(uint32_t c) { return (char)(c >= 'A' && c <= 'Z' ? c + 32 : c); }

/* A single character: its summary. */
static summary class_item(unsigned mask);

static summary one_char(walker *w, uint32_t cp)
{
    summary x = {0};
    if (cp == 0)
        return class_item(C_PUNCT); /* \x00: no literal (literals are C strings) */
    if (cp < 0x80) {
        char c = lower_ascii(cp);
        x.max = constant(1);
        x.exact.valid = 1;
        set_add(w, &x.exact, &c, 1);
        /* no sfx: concat reads b's only when b's exact set is unknown */
        x.mask = ascii_mask(cp);
        x.tail = x.mask;
        x.min1 = 1;
    } else {
        /* other case forms may differ in length: at most 4 bytes */
        x.max = constant(4);
        x.mask = 0;
        x.tail = C_ALL; /* caselessly, U+212A matches k */
        x.min1 = 1;
    }
    return x;
}

static summary class_item(unsigned mask)
{
    summary x = {0};
    x.max = constant(4);
    x.mask = mask;
    x.tail = mask;
    x.min1 = 1;
    return x;
}

static summary zero_width_edge(walker *w, unsigned edge)
{
    summary x = {0};
    x.max = constant(0);
    x.exact.valid = 1;
    set_add_pre(w, &x.exact, "", 0, constant(0), edge, 0);
    set_copy(w, &x.sfx, &x.exact);
    return x;
}

static summary zero_width(walker *w) { return zero_width_edge(w, 0); }

/* Reads the code point of an escape that stands for one literal
 * character, or returns 0 (and bails) for forms it does not read. */
static int escape_char(walker *w, int e, uint32_t *cp)
{
    switch (e) {
    case 'n': *cp = '\n'; return 1;
    case 't': *cp = '\t'; return 1;
    case 'r': *cp = '\r'; return 1;
    case 'f': *cp = '\f'; return 1;
    case 'e': *cp = 27; return 1;
    case 'a': *cp = 7; return 1;
    case 'x': {
        uint32_t v = 0;
        int digits = 0;
        if (peek(w) == '{') {
            w->pos++;
            while (peek(w) != '}' && peek(w) != -1 && digits < 8) {
                int c = peek(w);
                v = v * 16 + (uint32_t)(c <= '9' ? c - '0' : (c | 32) - 'a' + 10);
                w->pos++, digits++;
            }
            if (peek(w) != '}')
                return 0;
            w->pos++;
        } else {
            while (digits < 2 && peek(w) != -1 && strchr("0123456789abcdefABCDEF", peek(w))) {
                int c = peek(w);
                v = v * 16 + (uint32_t)(c <= '9' ? c - '0' : (c | 32) - 'a' + 10);
                w->pos++, digits++;
            }
        }
        *cp = v;
        return 1;
    }
    default:
        if (e >= 0 && e < 0x80 && !isalnum_ascii((unsigned char)e)) {
            *cp = (uint32_t)e; /* escaped punctuation */
            return 1;
        }
        return 0;
    }
}

/* What a class item lo-hi (one character when lo == hi) can match, into
 * the masks parse_class keeps. */
static void range_masks(uint32_t lo, uint32_t hi, unsigned *listed, unsigned *whole)
{
    if (hi < lo || hi - lo > 0x80)
        *listed |= C_ALL;
    else
        for (uint32_t ch = lo; ch <= hi && ch < 0x80; ch++)
            *listed |= ascii_mask(ch);
    if (hi >= 0x80)
        *listed |= C_ALNUM; /* caselessly, U+212A matches k */
    if (lo <= '\n' && hi >= '\n')
        *whole |= C_NL; /* the line feed is its group entire */
    if (hi >= 'A' && lo <= 'z')
        *listed |= C_ALNUM; /* caseless: other-case letters too */
}

/* The end of a range in a class, after its '-': a character or an
 * escaped one. 0 when it is something else (\d, a class). */
static int range_end(walker *w, uint32_t *hi)
{
    if (peek(w) == '\\') {
        w->pos++;
        int e = peek(w);
        w->pos++;
        return escape_char(w, e, hi);
    }
    size_t n = utf8_decode(hi, (const unsigned char *)w->p + w->pos, w->len - w->pos);
    if (!n)
        *hi = (unsigned char)w->p[w->pos];
    w->pos += n ? n : 1;
    return 1;
}

/* A class item that began with character lo, which may be the start of
 * a range (lo-hi), into parse_class's masks; 0 when the walk bails. */
static int class_range(walker *w, uint32_t lo, unsigned *listed, unsigned *whole)
{
    uint32_t hi = lo;
    if (peek(w) == '-' && w->pos + 1 < w->len && w->p[w->pos + 1] != ']') {
        w->pos++;
        if (!range_end(w, &hi)) {
            bail(w, "unread range end");
            return 0;
        }
    }
    range_masks(lo, hi, listed, whole);
    return 1;
}

/* [...]: a character class; what it can consume, as a mask. */
static summary parse_class(walker *w)
{
    w->pos++; /* [ */
    int negated = 0;
    unsigned listed = 0; /* groups the listed items can match */
    unsigned whole = 0;  /* groups the listed items cover entirely */
    if (peek(w) == '^') {
        negated = 1;
        w->pos++;
    }
    int first = 1;
    while (w->pos < w->len) {
        int c = peek(w);
        if (c == ']' && !first) {
            w->pos++;
            break;
        }
        first = 0;
        if (c == '[' && w->pos + 1 < w->len && w->p[w->pos + 1] == ':') {
            const char *end = strstr(w->p + w->pos, ":]");
            if (!end) {
                bail(w, "unreadable class");
                return class_item(C_ALL);
            }
            const char *name = w->p + w->pos + 2;
            if (strncmp(name, "space:", 6) == 0)
                listed |= C_BLANK | C_NL, whole |= C_BLANK | C_NL;
            else if (strncmp(name, "blank:", 6) == 0)
                listed |= C_BLANK;
            else if (strncmp(name, "alnum:", 6) == 0 || strncmp(name, "word:", 5) == 0)
                listed |= C_ALNUM, whole |= C_ALNUM;
            else if (strncmp(name, "alpha:", 6) == 0 || strncmp(name, "digit:", 6) == 0 ||
                     strncmp(name, "upper:", 6) == 0 || strncmp(name, "lower:", 6) == 0 ||
                     strncmp(name, "xdigit:", 7) == 0)
                listed |= C_ALNUM;
            else if (strncmp(name, "punct:", 6) == 0)
                listed |= C_PUNCT;
            else
                listed |= C_ALL;
            w->pos = (size_t)(end - w->p) + 2;
            continue;
        }
        if (c == '\\') {
            w->pos++;
            int e = peek(w);
            w->pos++;
            switch (e) {
            case 's': listed |= C_BLANK | C_NL; whole |= C_BLANK | C_NL; break;
            case 'n': listed |= C_NL; whole |= C_NL; break;
            case 'h': listed |= C_BLANK; break;
            case 'v': listed |= C_NL | C_BLANK; whole |= C_NL; break;
            case 'w': listed |= C_ALNUM; whole |= C_ALNUM; break;
            case 'd': listed |= C_ALNUM; break;
            case 'S': listed |= C_ALNUM | C_PUNCT; whole |= C_ALNUM | C_PUNCT; break;
            case 'W': listed |= C_BLANK | C_NL | C_PUNCT; whole |= C_BLANK | C_NL | C_PUNCT; break;
            case 'D': case 'H': case 'V': case 'N': case 'R':
                listed |= C_ALL;
                break;
            case 'p': case 'P':
                if (peek(w) == '{') {
                    while (peek(w) != '}' && peek(w) != -1)
                        w->pos++;
                }
                w->pos++;
                listed |= C_ALL;
                break;
            default: {
                uint32_t cp;
                if (!escape_char(w, e, &cp)) {
                    bail(w, "unread escape in class");
                    return class_item(C_ALL);
                }
                /* an escaped character can start a range: [\a-z] holds the space */
                if (!class_range(w, cp, &listed, &whole))
                    return class_item(C_ALL);
            }
            }
            continue;
        }
        /* a literal character, maybe the start of a range */
        uint32_t lo;
        size_t n = utf8_decode(&lo, (const unsigned char *)w->p + w->pos, w->len - w->pos);
        if (!n)
            n = 1, lo = (unsigned char)c;
        w->pos += n;
        if (!class_range(w, lo, &listed, &whole))
            return class_item(C_ALL);
    }
    /* a negated class consumes every group it does not cover entirely */
    return class_item(negated ? (C_ALL & ~whole) : listed);
}

static summary parse_alt(walker *w, int depth);

/* (...) groups. */
static summary parse_group(walker *w, int depth)
{
    w->pos++; /* ( */
    int look = 0;
    unsigned cap = 0; /* this group's number if it captures */
    if (peek(w) != '?' && peek(w) != '*')
        cap = ++w->ncaps;
    if (peek(w) == '*') {
        bail(w, "backtracking verb");
        return class_item(C_ALL);
    }
    if (peek(w) == '?') {
        w->pos++;
        int c = peek(w);
        if (c == ':' || c == '>' || c == '|') {
            if (c == '|')
                w->renumbered = 1;
            w->pos++;
        } else if (c == '=' || c == '!') {
            w->pos++;
            look = c == '=' ? 2 : 1;
        } else if (c == '<' && w->pos + 1 < w->len && (w->p[w->pos + 1] == '=' ||
                                                         w->p[w->pos + 1] == '!')) {
            w->pos += 2;
            look = 1;
        } else if (c == '<' || c == '\'' || (c == 'P' && w->pos + 1 < w->len &&
                                              w->p[w->pos + 1] == '<')) {
            int close = c == '\'' ? '\'' : '>';
            while (peek(w) != close && peek(w) != -1)
                w->pos++;
            w->pos++;
            cap = ++w->ncaps; /* a named group is numbered too */
        } else if (c == '#') {
            while (peek(w) != ')' && peek(w) != -1)
                w->pos++;
            w->pos++;
            return zero_width(w);
        } else {
            /* inline options: (?i) (?-i) (?i:...) */
            size_t start = w->pos;
            while (peek(w) != -1 && strchr("imnsxJU-^", peek(w)) && peek(w))
                w->pos++;
            if (w->pos == start || (peek(w) != ')' && peek(w) != ':')) {
                bail(w, "recursion, condition or unknown group");
                return class_item(C_ALL);
            }
            const char *dash = memchr(w->p + start, '-', w->pos - start);
            const char *sflag = memchr(w->p + start, 's', w->pos - start);
            if (memchr(w->p + start, 'n', w->pos - start))
                w->renumbered = 1; /* plain groups stop capturing, or start again */
            if (sflag && (!dash || sflag < dash))
                w->dotall = 1; /* from here on . may match a line feed */
            if (memchr(w->p + start, 'x', w->pos - start)) {
                bail(w, "extended mode");
                return class_item(C_ALL);
            }
            if (peek(w) == ')') {
                w->pos++;
                return zero_width(w);
            }
            w->pos++; /* : */
        }
    }
    summary inner = parse_alt(w, depth + 1);
    if (peek(w) != ')') {
        bail(w, "unbalanced group");
        return inner;
    }
    w->pos++;
    if (cap && cap <= MAX_CAPS) {
        w->caps[cap].closed = 1;
        w->caps[cap].max = inner.max;
        w->caps[cap].mask = inner.mask;
    }
    if (look) {
        summary z = zero_width(w);
        /* what a positive lookahead needs is there in the text, from where
         * the lookahead stands: a second requirement */
        if (look == 2 && inner.req.valid && inner.req.n && inner.req_pre.bounded) {
            z.look = inner.req;
            z.look_pre = inner.req_pre;
            memset(&inner.req, 0, sizeof inner.req);
        }
        sum_clear(&inner);
        return z;
    }
    return inner;
}

static summary parse_atom(walker *w, int depth)
{
    int c = peek(w);
    if (c == '(')
        return parse_group(w, depth);
    if (c == '[')
        return parse_class(w);
    if (c == '.') {
        w->pos++;
        return class_item(w->dotall ? C_ALL : C_ALL & ~C_NL);
    }
    if (c == '^' || c == '$') {
        w->pos++;
        return zero_width(w);
    }
    if (c == '\\') {
        w->pos++;
        int e = peek(w);
        w->pos++;
        switch (e) {
        case 'b':
            return zero_width_edge(w, E_BEFORE | E_AFTER);
        case 'G':
            /* it matches where a search starts: a window's search would
             * start elsewhere than a full pass's */
            bail(w, "\\G anchors at where a search starts");
            return class_item(C_ALL);
        case 'B': case 'A': case 'z': case 'Z':
        case 'K': /* the reported start moves, the consumed text does not */
            return zero_width(w);
        case 's': case 'v':
            return class_item(C_BLANK | C_NL);
        case 'h':
            return class_item(C_BLANK);
        case 'w': case 'd':
            return class_item(C_ALNUM);
        case 'S':
            return class_item(C_ALNUM | C_PUNCT);
        case 'W':
            return class_item(C_BLANK | C_NL | C_PUNCT);
        case 'N': case 'H':
            return class_item(C_ALL & ~C_NL);
        case 'D': case 'V':
            return class_item(C_ALL);
        case 'R': {
            summary x = class_item(C_BLANK | C_NL);
            x.max = constant(4); /* \r\n, or one vertical space */
            return x;
        }
        case 'p': case 'P':
            if (peek(w) == '{') {
                while (peek(w) != '}' && peek(w) != -1)
                    w->pos++;
            }
            w->pos++;
            return class_item(C_ALL);
        case 'Q': {
            /* \Q...\E: a literal run */
            summary x = zero_width(w);
            while (w->pos < w->len && !(w->p[w->pos] == '\\' && w->pos + 1 < w->len &&
                                         w->p[w->pos + 1] == 'E')) {
                uint32_t cp;
                size_t n = utf8_decode(&cp, (const unsigned char *)w->p + w->pos, w->len - w->pos);
                if (!n)
                    n = 1, cp = (unsigned char)w->p[w->pos];
                w->pos += n;
                summary ch = one_char(w, cp);
                /* append ch to x */
                strset e2 = {0};
                if (x.exact.valid && ch.exact.valid && x.exact.n == 1) {
                    char tmp[MAX_LIT + 2];
                    size_t l = strlen(x.exact.s[0]);
                    if (l < MAX_LIT) {
                        memcpy(tmp, x.exact.s[0], l);
                        tmp[l] = ch.exact.s[0][0];
                        e2.valid = 1;
                        set_add(w, &e2, tmp, l + 1);
                    }
                }
                set_clear(&x.exact);
                x.exact = e2;
                x.max = bound_add(x.max, ch.max);
                sum_clear(&ch);
            }
            if (w->pos < w->len)
                w->pos += 2;
            set_copy(w, &x.req, &x.exact);
            x.req_pre = constant(0);
            return x;
        }
        case 'E':
            return zero_width(w);
        default: {
            uint32_t cp;
            if (e >= '1' && e <= '9') {
                unsigned n = (unsigned)(e - '0');
                int digit = peek(w) >= '0' && peek(w) <= '9';
                if (digit || w->renumbered || !w->caps[n].closed) {
                    bail(w, "backreference");
                    return class_item(C_ALL);
                }
                summary x = class_item(w->caps[n].mask);
                x.max = w->caps[n].max;
                x.tail = C_ALL;
                x.min1 = 0; /* the group may have matched nothing */
                return x;
            }
            if (!escape_char(w, e, &cp)) {
                bail(w, "an escape the prefilter does not read (\\X, \\g, \\k...)");
                return class_item(C_ALL);
            }
            return one_char(w, cp);
        }
        }
    }
    uint32_t cp;
    size_t n = utf8_decode(&cp, (const unsigned char *)w->p + w->pos, w->len - w->pos);
    if (!n)
        n = 1, cp = (unsigned char)c;
    w->pos += n;
    return one_char(w, cp);
}

/* Reads a quantifier after an atom; returns 0 when there is none. */
static int parse_quant(walker *w, uint32_t *lo, uint32_t *hi)
{
    int c = peek(w);
    if (c == '*' || c == '+' || c == '?') {
        w->pos++;
        *lo = c == '+' ? 1 : 0;
        *hi = c == '?' ? 1 : UINT32_MAX;
    } else if (c == '{') {
        size_t save = w->pos;
        w->pos++;
        uint32_t a = 0, b;
        int digits = 0;
        while (peek(w) >= '0' && peek(w) <= '9' && a < 100000)
            a = a * 10 + (uint32_t)(peek(w) - '0'), w->pos++, digits++;
        b = a;
        if (peek(w) == ',') {
            w->pos++;
            if (peek(w) == '}') {
                b = UINT32_MAX;
            } else {
                b = 0;
                while (peek(w) >= '0' && peek(w) <= '9' && b < 100000)
                    b = b * 10 + (uint32_t)(peek(w) - '0'), w->pos++;
            }
        }
        if (!digits || peek(w) != '}') {
            w->pos = save; /* a literal { in PCRE2 */
            return 0;
        }
        w->pos++;
        *lo = a;
        *hi = b;
    } else {
        return 0;
    }
    if (peek(w) == '?' || peek(w) == '+')
        w->pos++; /* lazy or possessive: same bounds */
    return 1;
}

static summary parse_item(walker *w, int depth)
{
    summary x = parse_atom(w, depth);
    uint32_t lo, hi;
    while (!w->bail && parse_quant(w, &lo, &hi)) {
        summary y = {0};
        if (hi == UINT32_MAX)
            y.max = run_bound(x.mask); /* a run of the characters x consumes */
        else
            y.max = bound_times(x.max, hi);
        /* moved from x, which is spent */
        if (lo >= 1) {
            /* the first repetition holds one, where x holds it */
            y.req = x.req;
            y.req_pre = x.req_pre;
            y.look = x.look;
            y.look_pre = x.look_pre;
            memset(&x.req, 0, sizeof x.req);
            memset(&x.look, 0, sizeof x.look);
        }
        if (lo == 1 && hi == 1) {
            y.exact = x.exact;
            y.sfx = x.sfx;
            y.sfx_after_req = x.sfx_after_req;
            memset(&x.exact, 0, sizeof x.exact);
            memset(&x.sfx, 0, sizeof x.sfx);
        }
        y.mask = x.mask;
        y.tail = x.tail;
        y.min1 = lo >= 1 && x.min1;
        sum_clear(&x);
        x = y;
    }
    return x;
}

/* dst = every string of p followed by every string of q, when small */
static void product(walker *w, strset *dst, const strset *p, const strset *q)
{
    set_clear(dst);
    if (!p->valid || !q->valid || p->n * q->n > MAX_SET)
        return;
    dst->valid = 1;
    /* room for them all at once: sets start small and double */
    if (p->n * q->n > 8 && set_arrays(w, dst, p->n * q->n, dst) != 0) {
        set_clear(dst);
        return;
    }
    for (size_t i = 0; i < p->n && dst->valid; i++)
        for (size_t j = 0; j < q->n && dst->valid; j++) {
            char tmp[2 * MAX_LIT + 1];
            size_t la = p->len[i], lb = q->len[j];
            memcpy(tmp, p->s[i], la);
            memcpy(tmp + la, q->s[j], lb);
            /* an empty side's boundary lies at the other side's edge */
            unsigned before = p->edge[i] & (E_BEFORE | E_NONWORD_BEFORE);
            unsigned after = q->edge[j] & E_AFTER;
            if (!la)
                before |= q->edge[j] & (E_BEFORE | E_NONWORD_BEFORE);
            if (!lb)
                after |= p->edge[i] & E_AFTER;
            /* it starts where p's string does: p's second still holds */
            if (set_add_pre(w, dst, tmp, la + lb, constant(0), before | after,
                            p->pair ? p->pair[i] : 0) != 0)
                dst->valid = 0;
        }
}

/* Which candidates come first: a usable set whose literals lie a bounded
 * distance into the match (a search can start just before an occurrence),
 * then a usable set with no such bound, then the rest; within a tier the
 * rarer set. */
static int tier(const strset *s, match_bound pre)
{
    return usable(s) ? (pre.bounded ? 0 : 1) : 2;
}

static void consider(const strset **best, match_bound *best_pre, const strset *cand,
                     match_bound pre)
{
    if (!cand->valid || !cand->n || shortest(cand) == 0)
        return;
    if (*best) {
        int tc = tier(cand, pre), tb = tier(*best, *best_pre);
        if (tc > tb || (tc == tb && !better(cand, *best)))
            return;
    }
    *best = cand;
    *best_pre = pre;
}

/* A second requirement costs a little at every document (its strings in
 * the automaton, one bucket per string however many programs share it)
 * and a few binary searches at each first occurrence, while each first
 * occurrence without one spares a PCRE2 search, which costs far more. So a
 * second is taken unless it is both more frequent (by lit_cost) than the
 * first and more frequent than this: "to" (19,000) or "the" and "said"
 * together (16,700) pass, and so do four of the commonest words (the, to,
 * of, and: 58,500), but not with "a" (123,000 on its own). Measured on the
 * bench corpus (instructions in the scan, callgrind): 8% fewer than with
 * seconds taken only when rarer than the first or rare; that was with
 * lit_cost's older hand scale, on which such a list of four was over it. */
#define SECOND_COMMON 70000.0

/* A new second requirement (a copy of set), numbered; 0 when out of
 * memory, which then loses only a filter. */
static uint32_t pair_new(walker *w, const strset *set, int dir, uint32_t min, match_bound max)
{
    if (w->npairs + 1 >= w->pairs_cap) {
        uint32_t cap = w->pairs_cap ? w->pairs_cap * 2 : 16;
        pair_req *p = realloc(w->pairs, cap * sizeof *p);
        if (!p) {
            w->oom = 1;
            return 0;
        }
        w->pairs = p;
        w->pairs_cap = cap;
    }
    pair_req *r = &w->pairs[++w->npairs];
    memset(r, 0, sizeof *r);
    set_copy(w, &r->set, set);
    if (!r->set.valid) {
        w->npairs--;
        return 0;
    }
    /* the set's own strings' seconds (it may be a part's req) mean nothing here */
    if (r->set.n)
        memset(r->set.pair, 0, r->set.n * sizeof *r->set.pair);
    r->dir = dir;
    r->min = min;
    r->max = max;
    return w->npairs;
}

/* One string that two branches (or one string twice) require, each with
 * its own second: a second that holds wherever either one does, when they
 * look the same way, else none. */
static uint32_t pair_merge(walker *w, uint32_t p, uint32_t q)
{
    if (p == q || !p || !q)
        return p == q ? p : 0;
    pair_req a = w->pairs[p], b = w->pairs[q]; /* copies: pair_new may move them */
    if (a.dir != b.dir)
        return 0;
    uint32_t r = pair_new(w, &a.set, a.dir, a.min < b.min ? a.min : b.min,
                          bound_max(a.max, b.max));
    if (r) {
        set_union(w, &w->pairs[r].set, &b.set);
        if (!usable(&w->pairs[r].set))
            return 0;
    }
    return r;
}

/* The second requirement this concatenation gives the strings of `best`
 * (a's req, b's req, or x's trailing run when it is b's exact strings),
 * relative to their occurrence; 0 for none. If req stays a's, b's req or
 * lookahead follows it: a string of b starts after a's literal ends (at
 * least its length on) and at most a.max + b's distance in. If it is b's,
 * a's req precedes it the same way. A literal run across both gets none
 * here (it keeps what its first part had: product). */
static uint32_t pair_up(walker *w, summary *x, summary *a, summary *b, const strset *best,
                        int sfx_of_b)
{
    const strset *cand = NULL;
    match_bound max = UNBOUNDED, m;
    int dir = 0;
    uint32_t min = 0;
    if (best == &a->req) {
        if (b->req.valid && b->req.n) {
            m = bound_add(a->max, b->req_pre);
            consider(&cand, &max, &b->req, m);
        }
        if (b->exact.valid && b->exact.n) /* b is one of these strings */
            consider(&cand, &max, &b->exact, a->max);
        if (b->look.valid && b->look.n) {
            m = bound_add(a->max, b->look_pre);
            consider(&cand, &max, &b->look, m);
        }
        /* the trailing literal run, when it began after a's literal */
        if (x->sfx_after_req && x->sfx.valid && x->sfx.n && x->max.bounded) {
            m = x->max;
            m.c[0] -= (uint32_t)(shortest(&x->sfx) < m.c[0] ? shortest(&x->sfx) : m.c[0]);
            consider(&cand, &max, &x->sfx, m);
        }
        if (cand)
            dir = 1, min = (uint32_t)shortest(&a->req);
    } else if (best == &b->req || (best == &x->sfx && sfx_of_b)) {
        /* x's literal lies in b, b_pre at most into it */
        match_bound b_pre = best == &b->req ? b->req_pre : constant(0);
        if (a->req.valid && a->req.n) {
            m = bound_add(a->max, b_pre);
            consider(&cand, &max, &a->req, m);
        }
        if (a->exact.valid && a->exact.n)
            consider(&cand, &max, &a->exact, bound_add(a->max, b_pre));
        if (cand)
            dir = -1, min = (uint32_t)shortest(cand);
    }
    if (!cand || !usable(cand) || !max.bounded || !min ||
        set_cost(cand) > (set_cost(best) > SECOND_COMMON ? set_cost(best) : SECOND_COMMON))
        return 0;
    return pair_new(w, cand, dir, min, max);
}

/* Gives each string of req second requirement p, unless it has a better
 * one (rarer strings) already. */
static void pair_give(walker *w, strset *req, uint32_t p)
{
    if (!p)
        return;
    for (size_t i = 0; i < req->n; i++)
        if (!req->pair[i] || better(&w->pairs[p].set, &w->pairs[req->pair[i]].set))
            req->pair[i] = p;
}

/* A distance that is 0 in every document. */
static int at_start(match_bound b)
{
    if (!b.bounded)
        return 0;
    for (int i = 0; i < BOUND_TERMS; i++)
        if (b.c[i])
            return 0;
    return 1;
}

/* x = a followed by b; a and b are spent (their sets may move to x).
 * By pointer: a summary is some 600 bytes, and this runs once for every
 * character of every pattern. */
static void concat(walker *w, summary *x, summary *a, summary *b)
{
    memset(x, 0, sizeof *x);
    int sfx_of_b = 0; /* x->sfx is b's literal run alone */
    x->max = bound_add(a->max, b->max);
    x->mask = a->mask | b->mask;
    x->tail = b->min1 ? b->tail : a->tail | b->tail;
    x->min1 = a->min1 || b->min1;
    if (a->min1 && !(a->tail & C_ALNUM)) {
        /* b's strings that start where b does follow no word character */
        for (size_t i = 0; i < b->exact.n; i++)
            b->exact.edge[i] |= E_NONWORD_BEFORE;
        for (size_t i = 0; i < b->req.n; i++)
            if (at_start(b->req.pre[i]))
                b->req.edge[i] |= E_NONWORD_BEFORE;
    }
    product(w, &x->exact, &a->exact, &b->exact);
    /* the trailing literal run grows while b is literal, else it is b's */
    if (b->exact.valid && a->sfx.valid)
        product(w, &x->sfx, &a->sfx, &b->exact);
    else if (b->exact.valid) {
        set_copy(w, &x->sfx, &b->exact); /* a run starts after a non-literal */
        sfx_of_b = 1;
    }
    else {
        x->sfx = b->sfx; /* moved: b is spent */
        memset(&b->sfx, 0, sizeof b->sfx);
    }
    /* every match contains a string of each of these: keep the rarest,
     * moved rather than copied when it is a part's (a and b are spent) */
    const strset *best = NULL;
    match_bound pre = UNBOUNDED;
    consider(&best, &pre, &a->req, a->req_pre);
    consider(&best, &pre, &b->req, bound_add(a->max, b->req_pre));
    consider(&best, &pre, &x->exact, constant(0));
    /* a trailing literal starts at least its length before the end */
    match_bound sfx_pre = x->max;
    if (sfx_pre.bounded && x->sfx.valid && x->sfx.n)
        sfx_pre.c[0] -= (uint32_t)(shortest(&x->sfx) < sfx_pre.c[0] ? shortest(&x->sfx)
                                                                      : sfx_pre.c[0]);
    consider(&best, &pre, &x->sfx, sfx_pre);
    x->req_pre = pre;
    /* does x's literal run begin after the literal of req (when req stays
     * a's)? It does when it continues a run that did, or starts in b */
    if (best == &a->req)
        x->sfx_after_req = (b->exact.valid && a->sfx.valid) ? a->sfx_after_req : 1;
    uint32_t pair = pair_up(w, x, a, b, best, sfx_of_b);
    /* b's strings begin a trailing run: they have a's literals before
     * them, whichever set x keeps, and a later run that extends them
     * keeps that (product) */
    if (sfx_of_b && x->sfx.n)
        pair_give(w, &x->sfx, best == &x->sfx ? pair : pair_up(w, x, a, b, &x->sfx, 1));
    /* a lookahead's strings, from x's start */
    const strset *lk = NULL;
    match_bound lk_pre = UNBOUNDED;
    if (a->look.valid && a->look.n)
        consider(&lk, &lk_pre, &a->look, a->look_pre);
    if (b->look.valid && b->look.n && a->max.bounded)
        consider(&lk, &lk_pre, &b->look, bound_add(a->max, b->look_pre));
    if (lk && lk_pre.bounded) {
        x->look = *lk; /* moved: a and b are spent */
        memset((strset *)lk, 0, sizeof *lk);
        x->look_pre = lk_pre;
    }
    if (best == &a->req || best == &b->req) {
        x->req = *best;
        memset((strset *)best, 0, sizeof *best);
        if (best == &b->req) /* b's strings start after all of a */
            for (size_t i = 0; i < x->req.n; i++)
                x->req.pre[i] = bound_add(a->max, x->req.pre[i]);
    } else if (best) {
        set_copy(w, &x->req, best);
        if (best == &x->sfx) /* each ends where the match does */
            for (size_t i = 0; i < x->req.n; i++) {
                x->req.pre[i] = x->max;
                if (x->max.bounded)
                    x->req.pre[i].c[0] -= x->req.len[i] < x->max.c[0] ? x->req.len[i] : x->max.c[0];
            }
    }
    pair_give(w, &x->req, pair);
    sum_clear(a);
    sum_clear(b);
}

/* A character that stands for itself wherever it is in a pattern outside
 * a class (extended mode, where space and # are not, makes the walk bail). */
static int plain_char(unsigned char c)
{
    return c >= 0x20 && c < 0x7f && !strchr("\\^$.|?*+()[]{}", c);
}

/* The literal run at the walker, as one node: "grave" is summarised as
 * (?:grave) would be, every match holding the whole run, instead of
 * letter by letter (which built each of "g", "gr", "gra"... in three sets
 * and was most of the time slant took to start). The run ends before a
 * character that a quantifier follows, which is an item of its own; it
 * returns 0 (consuming nothing) when fewer than two characters qualify. */
static int literal_run(walker *w, summary *out)
{
    size_t end = w->pos;
    while (end < w->len && end - w->pos < MAX_LIT && plain_char((unsigned char)w->p[end]))
        end++;
    if (end < w->len && strchr("?*+{", w->p[end]) && end > w->pos)
        end--;
    size_t n = end - w->pos;
    if (n < 2)
        return 0;
    char lit[MAX_LIT];
    unsigned mask = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w->p[w->pos + i];
        lit[i] = lower_ascii(c);
        mask |= ascii_mask(c);
    }
    summary x = {0};
    x.max = constant((uint32_t)n);
    x.mask = mask;
    x.tail = ascii_mask((unsigned char)w->p[end - 1]);
    x.min1 = 1;
    x.exact.valid = 1;
    set_add(w, &x.exact, lit, n);
    set_copy(w, &x.sfx, &x.exact);
    set_copy(w, &x.req, &x.exact);
    x.req_pre = constant(0);
    w->pos = end;
    *out = x;
    return 1;
}

static summary parse_seq(walker *w, int depth)
{
    summary x[2];
    int cur = 0;
    x[0] = zero_width(w);
    while (!w->bail && w->pos < w->len && peek(w) != '|' && peek(w) != ')') {
        summary y;
        if (!literal_run(w, &y))
            y = parse_item(w, depth);
        concat(w, &x[!cur], &x[cur], &y);
        cur = !cur;
    }
    return x[cur];
}

/* dst grows by every string of src, in place; it stays invalid when
 * either is (a union is known only when both sides are) */
static void set_union(walker *w, strset *dst, const strset *src)
{
    if (!dst->valid || !src->valid) {
        set_clear(dst);
        return;
    }
    for (size_t i = 0; i < src->n && dst->valid; i++)
        if (set_add_pre(w, dst, src->s[i], src->len[i], src->pre[i], src->edge[i],
                        src->pair[i]) != 0)
            dst->valid = 0;
}

static summary parse_alt(walker *w, int depth)
{
    if (depth > 50) {
        bail(w, "nested too deeply");
        return class_item(C_ALL);
    }
    /* x accumulates the branches in place: a list of a hundred terms
     * costs a hundred additions, not a hundred copies of the list */
    summary x = parse_seq(w, depth);
    while (!w->bail && peek(w) == '|') {
        w->pos++;
        summary y = parse_seq(w, depth);
        x.max = bound_max(x.max, y.max);
        x.mask |= y.mask;
        x.tail |= y.tail;
        x.min1 = x.min1 && y.min1;
        set_union(w, &x.exact, &y.exact);
        /* every match of x|y contains a literal of req(x) or of req(y) */
        if (!(y.req.valid && y.req.n))
            set_clear(&x.req);
        else {
            set_union(w, &x.req, &y.req);
            x.req_pre = bound_max(x.req_pre, y.req_pre);
        }
        if (!(y.look.valid && y.look.n))
            set_clear(&x.look);
        else {
            set_union(w, &x.look, &y.look);
            x.look_pre = bound_max(x.look_pre, y.look_pre);
        }
        set_union(w, &x.sfx, &y.sfx);
        x.sfx_after_req = x.sfx_after_req && y.sfx_after_req;
        sum_clear(&y);
    }
    return x;
}

void prefilter_runs(size_t runs[BOUND_TERMS], const char *text, size_t len)
{
    /* which runs each byte value continues, as bits 1 << kind (the groups
     * of ascii_mask; bytes of other characters continue every run) */
#define IS_NL(c) ((c) == '\n')
#define IS_BLANK(c) ((c) == ' ' || (c) == '\t' || (c) == '\r' || (c) == '\f' || (c) == '\v')
#define IS_ALNUM(c) (((c) >= '0' && (c) <= '9') || ((c) >= 'A' && (c) <= 'Z') || \
                     ((c) >= 'a' && (c) <= 'z') || (c) == '_')
#define IS_PUNCT(c) ((c) < 0x80 && !IS_NL(c) && !IS_BLANK(c) && !IS_ALNUM(c))
#define IN_RUN(c) ((!(IS_ALNUM(c) || IS_PUNCT(c)) << RUN_SPACE) | (!IS_ALNUM(c) << RUN_NONWORD) | \
                   (!(IS_BLANK(c) || IS_NL(c)) << RUN_TEXT) | (!IS_NL(c) << RUN_LINE))
#define R4(c) IN_RUN(c), IN_RUN(c + 1), IN_RUN(c + 2), IN_RUN(c + 3)
#define R16(c) R4(c), R4(c + 4), R4(c + 8), R4(c + 12)
#define R64(c) R16(c), R16(c + 16), R16(c + 32), R16(c + 48)
    static const unsigned char in_run[256] = {R64(0), R64(64), R64(128), R64(192)};
    size_t c1 = 0, c2 = 0, c3 = 0, c4 = 0, m1 = 0, m2 = 0, m3 = 0, m4 = 0;
    const unsigned char *t = (const unsigned char *)text;
    for (size_t i = 0; i < len; i++) {
        unsigned r = in_run[t[i]];
        c1 = r >> RUN_SPACE & 1 ? c1 + 1 : 0;
        c2 = r >> RUN_NONWORD & 1 ? c2 + 1 : 0;
        c3 = r >> RUN_TEXT & 1 ? c3 + 1 : 0;
        c4 = r >> RUN_LINE & 1 ? c4 + 1 : 0;
        m1 = c1 > m1 ? c1 : m1;
        m2 = c2 > m2 ? c2 : m2;
        m3 = c3 > m3 ? c3 : m3;
        m4 = c4 > m4 ? c4 : m4;
    }
    runs[0] = 0;
    runs[RUN_SPACE] = m1;
    runs[RUN_NONWORD] = m2;
    runs[RUN_TEXT] = m3;
    runs[RUN_LINE] = m4;
}

void prefilter_info_clear(prefilter_info *info)
{
    for (size_t i = 0; i < info->nlits; i++)
        free(info->lits[i]);
    free(info->lits);
    free(info->lit_pre);
    free(info->lit_edge);
    free(info->lit_pair);
    for (size_t j = 0; j < info->npairs; j++) {
        for (size_t i = 0; i < info->pairs[j].nsec; i++)
            free(info->pairs[j].sec[i]);
        free(info->pairs[j].sec);
        free(info->pairs[j].sec_edge);
    }
    free(info->pairs);
    memset(info, 0, sizeof *info);
}

/* What a literal's edges ask of its neighbours in the text. */
static uint8_t edge_needs(const strset *r, size_t i)
{
    unsigned char first = (unsigned char)r->s[i][0];
    unsigned char last = (unsigned char)r->s[i][r->len[i] - 1];
    return (uint8_t)((((r->edge[i] & E_BEFORE) && is_word_ascii(first)) ||
                              (r->edge[i] & E_NONWORD_BEFORE)
                          ? LIT_NONWORD_BEFORE
                          : 0) |
                     ((r->edge[i] & E_AFTER) && is_word_ascii(last) ? LIT_NONWORD_AFTER : 0));
}

/* Moves a requirement's strings out with what each needs of its
 * neighbours, and its distances when `pre` is given; nothing unless the
 * set is usable. */
static int take_set(char ***lits, uint8_t **edges, match_bound **pre, strset *r)
{
    *lits = NULL;
    *edges = NULL;
    if (pre)
        *pre = NULL;
    if (!usable(r)) {
        set_clear(r);
        return 0;
    }
    *lits = calloc(r->n, sizeof **lits);
    *edges = malloc(r->n);
    if (pre)
        *pre = malloc(r->n * sizeof **pre);
    if (!*lits || !*edges || (pre && !*pre)) {
        free(*lits);
        free(*edges);
        *lits = NULL;
        *edges = NULL;
        if (pre) {
            free(*pre);
            *pre = NULL;
        }
        return -1;
    }
    for (size_t i = 0; i < r->n; i++) {
        (*edges)[i] = edge_needs(r, i);
        if (pre)
            (*pre)[i] = r->pre[i];
        if (!((*lits)[i] = str_ndup(r->s[i], r->len[i]))) {
            for (size_t j = 0; j < i; j++)
                free((*lits)[j]);
            free(*lits);
            free(*edges);
            *lits = NULL;
            *edges = NULL;
            if (pre) {
                free(*pre);
                *pre = NULL;
            }
            return -1;
        }
    }
    return 0;
}

/* The second requirements of r's strings, numbered in the order the
 * strings first use them. */
static int take_pairs(prefilter_info *out, walker *w, strset *r)
{
    uint32_t *num = calloc(w->npairs + 1, sizeof *num);
    out->lit_pair = calloc(r->n, sizeof *out->lit_pair);
    out->pairs = calloc(r->n, sizeof *out->pairs); /* at most one each */
    if (!num || !out->lit_pair || !out->pairs) {
        free(num);
        return -1;
    }
    for (size_t i = 0; i < r->n; i++) {
        uint32_t p = r->pair[i];
        if (!p)
            continue;
        if (!num[p]) {
            pair_req *q = &w->pairs[p];
            prefilter_pair *o = &out->pairs[out->npairs];
            if (take_set(&o->sec, &o->sec_edge, NULL, &q->set) != 0) {
                free(num);
                return -1;
            }
            if (!o->sec) /* not usable: no filter */
                continue;
            o->nsec = q->set.n;
            o->dir = q->dir;
            o->min = q->min;
            o->max = q->max;
            num[p] = (uint32_t)++out->npairs;
        }
        out->lit_pair[i] = num[p];
    }
    free(num);
    return 0;
}

static int analyze(prefilter_info *out, walker *w);

int prefilter_analyze(prefilter_info *out, const char *pattern, prefilter_scratch *scratch)
{
    memset(out, 0, sizeof *out);
    walker w = {.p = pattern, .len = strlen(pattern), .scratch = scratch};
    int rc = analyze(out, &w);
    walk_free(&w);
    return rc;
}

static int analyze(prefilter_info *out, walker *w)
{
    summary x = parse_alt(w, 0);
    if (!w->bail && w->pos < w->len)
        bail(w, "unbalanced parenthesis");
    if (w->oom) {
        sum_clear(&x);
        return -1;
    }
    if (w->bail) {
        out->why = w->why;
        sum_clear(&x);
        return 0;
    }
    out->bound = x.max;
    out->cost = x.req.valid ? set_cost(&x.req) : 0;
    out->pre = x.req_pre;
    strset *r = &x.req;
    if (usable(r)) {
        if (take_set(&out->lits, &out->lit_edge, &out->lit_pre, r) != 0) {
            sum_clear(&x);
            return -1;
        }
        out->nlits = r->n;
        if (take_pairs(out, w, r) != 0) {
            sum_clear(&x);
            return -1;
        }
    } else {
        out->why = r->valid && r->n ? "its literals are too common to filter on"
                                    : "no literal every match must contain";
    }
    sum_clear(&x);
    return 0;
}
