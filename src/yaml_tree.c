/* yaml_tree.c - libyaml events to a located tree; see yaml_tree.h. */
#include "yaml_tree.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* Bounds that keep a hostile rule file from exhausting memory or stack.
 * Two million values hold a 10 MB pack of ordinary rules (about 40,000;
 * it loads in about a second and 300 MB); a file of that size made of
 * one-letter values is refused instead of taking gigabytes. */
#define MAX_DEPTH 64
#define MAX_NODES 2000000

const char *ytree_kind_name(const ynode *n)
{
    switch (n->kind) {
    case YN_SCALAR: return "a string";
    case YN_SEQ: return "a list";
    default: return "a mapping";
    }
}

void ytree_free(ynode *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->n; i++)
        ytree_free(n->items[i]);
    free(n->items);
    free(n->value);
    free(n);
}

static ynode *node_new(ynode_kind kind, yaml_mark_t mark)
{
    ynode *n = calloc(1, sizeof *n);
    if (n) {
        n->kind = kind;
        n->line = (unsigned)mark.line + 1;
        n->col = (unsigned)mark.column + 1;
    }
    return n;
}

static int append(ynode *parent, ynode *child, size_t *cap)
{
    if (grow(&parent->items, cap, parent->n + 1, sizeof *parent->items) != 0)
        return -1;
    parent->items[parent->n++] = child;
    return 0;
}

typedef struct {
    ynode *node;
    size_t cap;
} frame;

int ytree_load(ynode **out, const char *file, const char *text, size_t len, diag_sink *sink)
{
    *out = NULL;
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p))
        return SLANT_ENOMEM;
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);

    frame stack[MAX_DEPTH + 1];
    size_t depth = 0, nodes = 0;
    ynode *root = NULL;
    int rc = 0, docs = 0, done = 0;

    while (!done) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            yaml_mark_t m = p.problem_mark;
            if (p.error == YAML_MEMORY_ERROR) {
                rc = SLANT_ENOMEM;
            } else {
                const char *problem = p.problem ? p.problem : "syntax error";
                if (p.context)
                    diag_emit(sink, SLANT_LEVEL_ERROR, file, (unsigned)m.line + 1,
                              (unsigned)m.column + 1, NULL, "YAML syntax: %s (%s at line %u)",
                              problem, p.context, (unsigned)p.context_mark.line + 1);
                else
                    diag_emit(sink, SLANT_LEVEL_ERROR, file, (unsigned)m.line + 1,
                              (unsigned)m.column + 1, NULL, "YAML syntax: %s", problem);
                rc = SLANT_ERULES;
            }
            break;
        }
        yaml_mark_t m = ev.start_mark;
        ynode *n = NULL;
        switch (ev.type) {
        case YAML_STREAM_END_EVENT:
            done = 1;
            break;
        case YAML_DOCUMENT_START_EVENT:
            if (++docs > 1) {
                diag_emit(sink, SLANT_LEVEL_ERROR, file, (unsigned)m.line + 1,
                          (unsigned)m.column + 1, NULL,
                          "a rule file holds one YAML document; found a second");
                rc = SLANT_ERULES;
                done = 1;
            }
            break;
        case YAML_ALIAS_EVENT:
            diag_emit(sink, SLANT_LEVEL_ERROR, file, (unsigned)m.line + 1, (unsigned)m.column + 1,
                      NULL, "YAML aliases (*%s) are not supported in rule files; write the "
                      "value out", ev.data.alias.anchor ? (char *)ev.data.alias.anchor : "");
            rc = SLANT_ERULES;
            done = 1;
            break;
        case YAML_SCALAR_EVENT:
            n = node_new(YN_SCALAR, m);
            if (n) {
                n->value = str_ndup((const char *)ev.data.scalar.value, ev.data.scalar.length);
                n->len = ev.data.scalar.length;
                n->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
                n->simple = (n->plain || ev.data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE) &&
                            ev.start_mark.line == ev.end_mark.line;
                if (!n->value) {
                    free(n);
                    n = NULL;
                }
            }
            break;
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
            n = node_new(ev.type == YAML_SEQUENCE_START_EVENT ? YN_SEQ : YN_MAP, m);
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            if (depth > 0)
                depth--;
            break;
        default:
            break;
        }
        int opens = ev.type == YAML_SEQUENCE_START_EVENT || ev.type == YAML_MAPPING_START_EVENT;
        int makes = opens || ev.type == YAML_SCALAR_EVENT;
        yaml_event_delete(&ev);
        if (!makes)
            continue;
        if (!n) {
            rc = SLANT_ENOMEM;
            break;
        }
        if (++nodes > MAX_NODES || (opens && depth >= MAX_DEPTH)) {
            if (nodes > MAX_NODES)
                diag_emit(sink, SLANT_LEVEL_ERROR, file, n->line, n->col, NULL,
                          "rule file too large: more than %d YAML values; split it into "
                          "several packs", MAX_NODES);
            else
                diag_emit(sink, SLANT_LEVEL_ERROR, file, n->line, n->col, NULL,
                          "rule file nested too deeply: more than %d levels", MAX_DEPTH);
            ytree_free(n);
            rc = SLANT_ERULES;
            break;
        }
        if (depth == 0) {
            if (root) { /* cannot happen within one document */
                ytree_free(n);
                continue;
            }
            root = n;
        } else if (append(stack[depth - 1].node, n, &stack[depth - 1].cap) != 0) {
            ytree_free(n);
            rc = SLANT_ENOMEM;
            break;
        }
        if (opens) {
            stack[depth].node = n;
            stack[depth].cap = 0;
            depth++;
        }
    }
    yaml_parser_delete(&p);
    if (rc == 0 && !root) {
        diag_emit(sink, SLANT_LEVEL_ERROR, file, 1, 1, NULL, "the rule file is empty");
        rc = SLANT_ERULES;
    }
    if (rc != 0) {
        ytree_free(root);
        return rc;
    }
    *out = root;
    return 0;
}
