/* json.h - a small JSON reader (internal): gold labels, JSON Lines input
 * and summaries. Values form a tree owned by the root. */
#ifndef SLANT_JSON_H
#define SLANT_JSON_H

#include <stddef.h>

typedef enum { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT } json_kind;

typedef struct json json;
struct json {
    json_kind kind;
    double number;    /* numbers; booleans as 0 or 1 */
    char *string;     /* strings (NUL-terminated; may hold NULs, see len) */
    size_t len;
    char **keys;      /* objects: keys[i] names items[i] */
    json **items;     /* arrays and objects */
    size_t n;
};

/* Parses one JSON value filling text[0..len) (white space around it is
 * allowed). Returns 0, or -1 with *err_offset at the problem and *err a
 * static message. */
int json_parse(json **out, const char *text, size_t len, size_t *err_offset, const char **err);
void json_free(json *v);
/* The member `key` of an object, or NULL. */
const json *json_get(const json *obj, const char *key);

#endif
