/* cli_paths.c - the paths of a run, in order, packed.
 *
 * A folder walk lists every file before the first is scanned (the output
 * is in sorted path order, and the progress line needs the total), so a
 * corpus of a million files keeps a million paths. Walked paths come in
 * sorted order and share most of their text with the one before
 * ("corpus/2024/03/article-0142.txt", "...-0143.txt"), so each is kept as
 * the length it shares with the previous path and the bytes that differ:
 * about ten bytes a path instead of the whole path, which would have been
 * most of the memory slant uses beyond its rules on a large corpus. The
 * list is read back once, front to back, as jobs are handed out.
 *
 * An entry: a flags byte (1: named on the command line), the shared
 * length and the new bytes' length as LEB128 numbers, then the new bytes. */
#include "cli.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

struct cli_paths {
    unsigned char *data;
    size_t len, cap;
    size_t n;
    char *last; /* the previous path added, then the path read */
    size_t last_len, last_cap;
    size_t at, nread; /* reading: where the next entry starts, entries read */
};

cli_paths *cli_paths_new(void) { return calloc(1, sizeof(cli_paths)); }

void cli_paths_free(cli_paths *l)
{
    if (!l)
        return;
    free(l->data);
    free(l->last);
    free(l);
}

size_t cli_paths_count(const cli_paths *l) { return l ? l->n : 0; }
size_t cli_paths_bytes(const cli_paths *l) { return l ? l->len : 0; }

static void put_number(unsigned char *p, size_t *at, size_t v)
{
    do {
        unsigned char b = (unsigned char)(v & 0x7f);
        v >>= 7;
        p[(*at)++] = (unsigned char)(b | (v ? 0x80 : 0));
    } while (v);
}

static size_t get_number(const unsigned char *p, size_t *at)
{
    size_t v = 0;
    for (unsigned shift = 0;; shift += 7) {
        unsigned char b = p[(*at)++];
        v |= (size_t)(b & 0x7f) << shift;
        if (!(b & 0x80))
            return v;
    }
}

/* Makes `last` hold len bytes and a NUL. */
static int fit_last(cli_paths *l, size_t len)
{
    return grow(&l->last, &l->last_cap, len + 1, 1);
}

int cli_paths_add(cli_paths *l, const char *path, int explicit_arg)
{
    if (l->nread)
        return -1; /* reading has begun */
    size_t len = strlen(path), shared = 0;
    while (shared < len && shared < l->last_len && path[shared] == l->last[shared])
        shared++;
    size_t fresh = len - shared;
    /* a flags byte, two numbers of at most ten bytes each, the bytes */
    if (grow(&l->data, &l->cap, l->len + 21 + fresh, 1) != 0 || fit_last(l, len) != 0)
        return -1;
    l->data[l->len++] = (unsigned char)(explicit_arg != 0);
    put_number(l->data, &l->len, shared);
    put_number(l->data, &l->len, fresh);
    memcpy(l->data + l->len, path + shared, fresh);
    l->len += fresh;
    memcpy(l->last + shared, path + shared, fresh + 1);
    l->last_len = len;
    l->n++;
    return 0;
}

const char *cli_paths_next(cli_paths *l, int *explicit_arg)
{
    if (!l || l->nread >= l->n)
        return NULL;
    if (l->nread == 0)
        l->last_len = 0; /* decoding starts afresh from the first entry */
    const unsigned char *p = l->data;
    size_t at = l->at;
    int flags = p[at++];
    size_t shared = get_number(p, &at), fresh = get_number(p, &at);
    /* `last` already holds the longest path added (fit_last), and a path
     * read back is never longer than one added */
    memcpy(l->last + shared, p + at, fresh);
    l->last[shared + fresh] = '\0';
    l->last_len = shared + fresh;
    l->at = at + fresh;
    l->nread++;
    if (explicit_arg)
        *explicit_arg = flags & 1;
    return l->last;
}
