/* sentences.c - build tool for corpus/train_model.py: prints each
 * document's sentences as slant splits them, one JSON object a line,
 * {"doc": NAME, "start": CP, "end": CP, "text": FOLDED}, with code-point
 * offsets into the file (gold.jsonl's) and the folded text the sentence
 * model reads (model.h). The trainer learns from exactly what slant
 * will score. A file that is not valid UTF-8 is read as slant check reads
 * it, each invalid byte a U+FFFD, not refused. Usage: sentences FILE... */
#include "render.h"
#include "slant.h"
#include "text.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *p = NULL;
    size_t cap = 0, n = 0, got;
    do {
        if (grow(&p, &cap, n + 65536, 1) != 0) {
            free(p);
            fclose(f);
            return NULL;
        }
        got = fread(p + n, 1, 65536, f);
        n += got;
    } while (got > 0);
    fclose(f);
    *len = n;
    return p;
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        size_t len;
        char *text = slurp(argv[i], &len);
        slant_doc *d = NULL;
        int rc = text ? slant_doc_new(&d, argv[i], text, len, NULL, NULL) : SLANT_EIO;
        if (rc != 0 && !(rc == SLANT_EINPUT && d)) {
            fprintf(stderr, "sentences: %s: cannot read it\n", argv[i]);
            return 1;
        }
        const char *base = strrchr(argv[i], '/');
        base = base ? base + 1 : argv[i];
        for (size_t k = 0; k < d->nsents; k++) {
            size_t a, b;
            doc_position(d, doc_orig_start(d, d->sents[k].start), NULL, NULL, &a);
            doc_position(d, doc_orig_end(d, d->sents[k].end), NULL, NULL, &b);
            char *t = str_ndup(d->norm + d->sents[k].start, d->sents[k].end - d->sents[k].start);
            if (!t)
                return 1;
            printf("{\"doc\": ");
            render_json_string(stdout, base);
            printf(", \"start\": %zu, \"end\": %zu, \"text\": ", a, b);
            render_json_string(stdout, t);
            printf("}\n");
            free(t);
        }
        slant_doc_free(d);
        free(text);
    }
    return 0;
}
