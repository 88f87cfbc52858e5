/* fuzz_text.c - the text model on arbitrary bytes: UTF-8 validation,
 * folding with its offset map, lines, words, sentences and quotations,
 * read as plain text, as Markdown and as HTML. Beyond "no crash", it
 * checks the invariants the scanner relies on. */
#include "fuzz.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void no_diag(const slant_diag *d, void *payload)
{
    (void)payload;
    FUZZ_CHECK(d->line >= 1 && d->column >= 1 && d->message);
}

static void check_doc(const slant_doc *d, size_t size)
{
    FUZZ_CHECK(d->len == size);
    FUZZ_CHECK(d->map[d->nlen] == d->len);
    for (size_t i = 0; i < d->nlen; i++) {
        /* markup ends its last block with a break of its own, which
         * stands at the end of the source: white space, never a finding */
        FUZZ_CHECK(d->map[i] < d->len || (d->format != SLANT_INPUT_TEXT && d->map[i] == d->len &&
                                          (d->norm[i] == '\n' || d->norm[i] == ' ')));
        FUZZ_CHECK(i == 0 || d->map[i] >= d->map[i - 1]); /* the map never goes back */
    }
    FUZZ_CHECK(strlen(d->norm) <= d->nlen);
    for (size_t i = 0; i < d->nwords; i++) {
        FUZZ_CHECK(d->wstart[i] < d->wend[i] && d->wend[i] <= d->nlen);
        FUZZ_CHECK(i == 0 || d->wstart[i] >= d->wend[i - 1]);
    }
    for (size_t i = 0; i < d->nsents; i++) {
        FUZZ_CHECK(d->sents[i].start < d->sents[i].end && d->sents[i].end <= d->nlen);
        FUZZ_CHECK(i == 0 || d->sents[i].start >= d->sents[i - 1].end);
    }
    for (size_t i = 0; i < d->nquotes; i++)
        FUZZ_CHECK(d->quotes[i].start < d->quotes[i].end && d->quotes[i].end <= d->nlen);
    unsigned prev_line = d->part.line;
    size_t prev_cp = d->part.cp;
    /* every offset of a small input, a sample of a large one: a position
     * costs up to a checkpoint's worth of decoding */
    size_t step = 1 + d->nlen / 512;
    for (size_t off = 0; off <= d->nlen; off += step) {
        size_t a = doc_orig_start(d, off), b = doc_orig_end(d, off);
        FUZZ_CHECK(a <= d->len && b <= d->len);
        unsigned line, col;
        size_t cp;
        doc_position(d, a, &line, &col, &cp);
        /* a part's positions count from where it stands in the whole */
        FUZZ_CHECK(line >= d->part.line && col >= 1 && line - d->part.line < d->nlines);
        FUZZ_CHECK(line >= prev_line && cp >= prev_cp && cp - d->part.cp <= d->len);
        prev_line = line;
        prev_cp = cp;
        span s = doc_sentence_at(d, off);
        FUZZ_CHECK(s.start <= s.end && s.end <= d->nlen);
        FUZZ_CHECK(doc_words_before(d, off) <= d->nwords);
        (void)doc_quoted(d, off, off + 1 <= d->nlen ? off + 1 : off);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    slant_doc *d = NULL;
    int rc = slant_doc_new(&d, "fuzz.txt", (const char *)data, size, no_diag, NULL);
    if (!d) {
        FUZZ_CHECK(rc == SLANT_ENOMEM);
        return 0;
    }
    FUZZ_CHECK(rc == 0 || rc == SLANT_EINPUT);
    FUZZ_CHECK((rc == SLANT_EINPUT) == (d->nerrors > 0));
    int d_valid = d->nerrors == 0 && !memchr(data, 0, size);
    check_doc(d, size);
    FUZZ_CHECK(slant_doc_bytes(d) == size);
    /* the same bytes as a later part of a larger text: every position is
     * the whole doc's, moved by the part's origin */
    slant_part at = {3, 1000, 900, 50, 7};
    slant_doc *p = NULL;
    slant_doc_new_part(&p, "fuzz.txt", (const char *)data, size, SLANT_INPUT_TEXT, &at, NULL,
                       NULL);
    if (p) {
        FUZZ_CHECK(slant_doc_part(p) && slant_doc_part(p)->index == 3 && !slant_doc_part(d));
        FUZZ_CHECK(p->nlen == d->nlen || (size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0));
        size_t step = 1 + size / 256;
        for (size_t off = 0; off <= size && p->nlen == d->nlen; off += step) {
            unsigned l1, c1, l2, c2;
            size_t cp1, cp2;
            doc_position(d, off, &l1, &c1, &cp1);
            doc_position(p, off, &l2, &c2, &cp2);
            FUZZ_CHECK(l2 == l1 + 49 && cp2 == cp1 + 900);
            FUZZ_CHECK(c2 == (l1 == 1 ? c1 + 6 : c1));
        }
        slant_part next, whole_next;
        slant_doc_next_part(&next, p);
        slant_doc_next_part(&whole_next, d);
        FUZZ_CHECK(next.index == 4 && next.byte == 1000 + size);
        FUZZ_CHECK(next.line == whole_next.line + 49 && next.cp == whole_next.cp + 900);
        slant_doc_free(p);
    }
    slant_doc_free(d);
    /* the same bytes as Markdown and as HTML, whole and as a later part:
     * what markup hides moves no position the reader sees */
    static const slant_input_format formats[] = {SLANT_INPUT_MARKDOWN, SLANT_INPUT_HTML};
    for (size_t k = 0; k < sizeof formats / sizeof *formats; k++) {
        slant_doc *m = NULL, *mp = NULL;
        rc = slant_doc_new_format(&m, "fuzz.md", (const char *)data, size, formats[k], no_diag,
                                  NULL);
        if (!m) {
            FUZZ_CHECK(rc == SLANT_ENOMEM);
            continue;
        }
        FUZZ_CHECK(rc == 0 || rc == SLANT_EINPUT);
        FUZZ_CHECK(slant_doc_format(m) == formats[k]);
        check_doc(m, size);
        slant_doc_new_part(&mp, "fuzz.md", (const char *)data, size, formats[k], &at, NULL, NULL);
        if (mp) {
            FUZZ_CHECK(mp->nlen == m->nlen || (size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0));
            check_doc(mp, size);
        }
        slant_doc_free(mp);
        slant_doc_free(m);
    }
    /* the folding rules writers rely on: folding valid UTF-8 (all rule
     * text is) is idempotent; invalid bytes are kept as they are, so they
     * may join into a character once a character between them folds away */
    char *s = d_valid ? malloc(size + 1) : NULL;
    if (s) {
        memcpy(s, data, size);
        s[size] = '\0';
        char *once = text_fold_string(s);
        char *twice = once ? text_fold_string(once) : NULL;
        FUZZ_CHECK(!once || !twice || strcmp(once, twice) == 0);
        free(twice);
        free(once);
        free(s);
    }
    return 0;
}
