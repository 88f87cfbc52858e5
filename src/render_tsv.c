/* render_tsv.c - spans in the label layout of the propaganda-techniques
 * corpus (PTC, SemEval-2020 Task 11), so researchers can score slant with
 * the corpus' own tools:
 *   doc TAB technique TAB start TAB end
 * Offsets are code points, [start, end). `doc` is the article id when the
 * file is named article<ID>.txt, as in the corpus, else the file's base
 * name. The technique is the first label the packs' `techniques:` map
 * gives the finding's category; a category with none (unnamed-source has
 * no PTC technique) is written as slant's category id, so no finding is
 * dropped unseen: `--disable CATEGORY` leaves such findings out. Findings
 * about the whole document are left out, as `slant eval` leaves them out:
 * they repeat spans other findings mark. */
#include "render.h"

#include <string.h>

static void put_doc_id(FILE *f, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    if (n > 11 && strncmp(base, "article", 7) == 0 && strcmp(base + n - 4, ".txt") == 0 &&
        strspn(base + 7, "0123456789") == n - 11) {
        fwrite(base + 7, 1, n - 11, f);
        return;
    }
    for (const char *p = base; *p; p++) /* a tab or line break would break the row */
        fputc((unsigned char)*p < 0x20 ? ' ' : *p, f);
}

static int tsv_doc(slant_renderer *r, const slant_doc *doc, const slant_report *rep)
{
    FILE *f = r->out;
    for (size_t i = 0; i < rep->n; i++) {
        const slant_finding *x = &rep->findings[i];
        if (x->noccurrences)
            continue;
        const char *tech = render_technique(rep->rules, x->category);
        put_doc_id(f, doc->name);
        fprintf(f, "\t%s\t%zu\t%zu\n", tech ? tech : x->category, x->char_start, x->char_end);
    }
    return 0;
}

static int tsv_error(slant_renderer *r, const char *path, const char *message)
{
    (void)r;
    (void)path;
    (void)message; /* the caller has put it on stderr; the layout has no place for it */
    return 0;
}

static int tsv_finish(slant_renderer *r)
{
    (void)r;
    return 0;
}

const render_ops render_tsv_ops = {tsv_doc, tsv_error, tsv_finish, NULL};
