/* yaml_tree.h - a YAML document as a tree of nodes with locations
 * (internal). Built from libyaml's event stream so that every node keeps
 * its line and column and aliases can be refused outright. */
#ifndef SLANT_YAML_TREE_H
#define SLANT_YAML_TREE_H

#include "diag.h"

typedef enum { YN_SCALAR, YN_SEQ, YN_MAP } ynode_kind;

typedef struct ynode ynode;
struct ynode {
    ynode_kind kind;
    unsigned line, col; /* 1-based */
    char *value;        /* scalars */
    size_t len;
    int plain;          /* a plain (unquoted) scalar: may be a number */
    int simple;         /* plain or single-quoted on one line: columns map 1:1 */
    ynode **items;      /* sequences: items; mappings: key, value, key, ... */
    size_t n;           /* number of entries in items */
};

/* Parses `text` as one YAML document. Errors are diagnosed with `file` and
 * the call returns SLANT_ERULES; *out is NULL then. */
int ytree_load(ynode **out, const char *file, const char *text, size_t len, diag_sink *sink);
void ytree_free(ynode *n);
/* "a string", "a list", "a mapping": for "expected X, found Y" messages. */
const char *ytree_kind_name(const ynode *n);

#endif
