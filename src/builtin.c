/* builtin.c - the rule packs compiled into the library. The pack texts
 * come from the .yaml files in rules/ through the generated builtin_rules.c. */
#define _DEFAULT_SOURCE /* madvise */
#include "rules.h"
#include "slant.h"

#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

typedef struct {
    const char *name; /* rules/sourcing.yaml */
    const char *pack; /* sourcing */
    const char *text;
    size_t len;
} builtin_pack;

extern const builtin_pack slant_builtin_packs[];
extern const size_t slant_builtin_npacks;

const char *slant_builtin_pack_name(size_t i)
{
    return i < slant_builtin_npacks ? slant_builtin_packs[i].pack : NULL;
}

/* The embedded texts (some 4.7 MB) are read once, to compile, and kept
 * nowhere: what the compiler keeps it copies. Their pages are part of
 * the binary, so the system may drop them and read them again from it if
 * they are ever touched; left resident, they were a tenth of slant's
 * memory over a corpus. Whole pages inside the text only. */
static void release(const char *text, size_t len)
{
#ifdef MADV_DONTNEED
    long page = sysconf(_SC_PAGESIZE);
    if (page <= 0)
        return;
    uintptr_t mask = (uintptr_t)page - 1;
    uintptr_t a = ((uintptr_t)text + mask) & ~mask, b = ((uintptr_t)text + len) & ~mask;
    if (b > a)
        madvise((void *)a, b - a, MADV_DONTNEED);
#else
    (void)text;
    (void)len;
#endif
}

/* A pack, or the sentence model (rules/sentences.model). */
static int add_embedded(slant_compiler *c, const builtin_pack *p)
{
    size_t n = strlen(p->name);
    int is_model = n > 6 && strcmp(p->name + n - 6, ".model") == 0;
    if (is_model && compiler_model_off(c))
        return 0; /* left out already: reading it cost 2-3 MB and 0.1 s for nothing */
    int rc = is_model ? slant_compiler_add_model(c, p->name, p->text, p->len)
                      : slant_compiler_add_string(c, p->name, p->text, p->len);
    release(p->text, p->len);
    return rc;
}

int slant_compiler_add_builtin_pack(slant_compiler *c, const char *name)
{
    for (size_t i = 0; name && i < slant_builtin_npacks; i++)
        if (strcmp(slant_builtin_packs[i].pack, name) == 0)
            return add_embedded(c, &slant_builtin_packs[i]);
    return SLANT_ENOTFOUND;
}

/* Built in, but loaded only when named: broader cues that find more on
 * unseen text at some cost in precision (rules/broad.yaml says how much). */
static int opt_in(const char *pack) { return strcmp(pack, "broad") == 0; }

int slant_compiler_add_builtin(slant_compiler *c)
{
    int result = 0;
    for (size_t i = 0; i < slant_builtin_npacks; i++) {
        const builtin_pack *p = &slant_builtin_packs[i];
        if (opt_in(p->pack))
            continue;
        int rc = add_embedded(c, p);
        if (rc != 0 && result == 0)
            result = rc;
    }
    return result;
}
