/* json.c - a recursive-descent JSON reader with a depth limit. */
#include "json.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 64

typedef struct {
    const char *s;
    size_t len, pos;
    const char *err;
} reader;

static void skip_ws(reader *r)
{
    while (r->pos < r->len && (r->s[r->pos] == ' ' || r->s[r->pos] == '\t' ||
                               r->s[r->pos] == '\n' || r->s[r->pos] == '\r'))
        r->pos++;
}

static json *make(json_kind k)
{
    json *v = calloc(1, sizeof *v);
    if (v)
        v->kind = k;
    return v;
}

void json_free(json *v)
{
    if (!v)
        return;
    for (size_t i = 0; i < v->n; i++) {
        json_free(v->items[i]);
        if (v->keys)
            free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
    free(v->string);
    free(v);
}

static int hex4(reader *r, uint32_t *out)
{
    if (r->pos + 4 > r->len)
        return -1;
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        char c = r->s[r->pos++];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (uint32_t)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

static char *parse_string(reader *r, size_t *outlen)
{
    buf b = {0};
    r->pos++; /* the opening quote */
    while (r->pos < r->len) {
        unsigned char c = (unsigned char)r->s[r->pos];
        if (c == '"') {
            r->pos++;
            buf_add(&b, "", 0);
            if (b.failed) {
                r->err = "out of memory";
                buf_free(&b);
                return NULL;
            }
            *outlen = b.len;
            return b.data;
        }
        if (c < 0x20) {
            r->err = "control character in string";
            break;
        }
        if (c != '\\') {
            buf_addc(&b, (char)c);
            r->pos++;
            continue;
        }
        if (++r->pos >= r->len)
            break;
        char e = r->s[r->pos++];
        const char *simple = strchr("\"\\/bfnrt", e);
        if (simple && e) {
            static const char map[] = "\"\\/\b\f\n\r\t";
            buf_addc(&b, map[simple - "\"\\/bfnrt"]);
            continue;
        }
        if (e != 'u') {
            r->err = "invalid escape in string";
            break;
        }
        uint32_t cp;
        if (hex4(r, &cp) != 0) {
            r->err = "invalid \\u escape";
            break;
        }
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            uint32_t lo;
            if (r->pos + 2 <= r->len && r->s[r->pos] == '\\' && r->s[r->pos + 1] == 'u') {
                r->pos += 2;
                if (hex4(r, &lo) != 0 || lo < 0xDC00 || lo > 0xDFFF) {
                    r->err = "invalid surrogate pair";
                    break;
                }
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else {
                cp = 0xFFFD;
            }
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            cp = 0xFFFD;
        }
        char enc[4];
        buf_add(&b, enc, utf8_encode(enc, cp));
    }
    if (!r->err)
        r->err = "unterminated string";
    buf_free(&b);
    return NULL;
}

static json *parse_value(reader *r, int depth);

static int append(json *v, json *item, char *key, size_t *cap)
{
    if (grow(&v->items, cap, v->n + 1, sizeof *v->items) != 0)
        return -1;
    if (v->kind == JSON_OBJECT) {
        char **k = realloc(v->keys, *cap * sizeof *k);
        if (!k)
            return -1;
        v->keys = k;
        v->keys[v->n] = key;
    }
    v->items[v->n++] = item;
    return 0;
}

static json *parse_container(reader *r, int depth, int object)
{
    json *v = make(object ? JSON_OBJECT : JSON_ARRAY);
    size_t cap = 0;
    if (!v) {
        r->err = "out of memory";
        return NULL;
    }
    r->pos++;
    skip_ws(r);
    if (r->pos < r->len && r->s[r->pos] == (object ? '}' : ']')) {
        r->pos++;
        return v;
    }
    for (;;) {
        char *key = NULL;
        if (object) {
            skip_ws(r);
            size_t klen;
            if (r->pos >= r->len || r->s[r->pos] != '"') {
                r->err = "expected a string key";
                break;
            }
            if (!(key = parse_string(r, &klen)))
                break;
            skip_ws(r);
            if (r->pos >= r->len || r->s[r->pos] != ':') {
                r->err = "expected ':'";
                free(key);
                break;
            }
            r->pos++;
        }
        json *item = parse_value(r, depth + 1);
        if (!item) {
            free(key);
            break;
        }
        if (append(v, item, key, &cap) != 0) {
            r->err = "out of memory";
            json_free(item);
            free(key);
            break;
        }
        skip_ws(r);
        if (r->pos < r->len && r->s[r->pos] == ',') {
            r->pos++;
            continue;
        }
        if (r->pos < r->len && r->s[r->pos] == (object ? '}' : ']')) {
            r->pos++;
            return v;
        }
        r->err = object ? "expected ',' or '}'" : "expected ',' or ']'";
        break;
    }
    json_free(v);
    return NULL;
}

static json *parse_value(reader *r, int depth)
{
    if (depth > MAX_DEPTH) {
        r->err = "nested too deeply";
        return NULL;
    }
    skip_ws(r);
    if (r->pos >= r->len) {
        r->err = "unexpected end of input";
        return NULL;
    }
    char c = r->s[r->pos];
    if (c == '{' || c == '[')
        return parse_container(r, depth, c == '{');
    if (c == '"') {
        json *v = make(JSON_STRING);
        if (!v || !(v->string = parse_string(r, &v->len))) {
            if (!v)
                r->err = "out of memory";
            json_free(v);
            return NULL;
        }
        return v;
    }
    static const struct {
        const char *word;
        json_kind kind;
        double value;
    } words[] = {{"null", JSON_NULL, 0}, {"true", JSON_BOOL, 1}, {"false", JSON_BOOL, 0}};
    for (size_t i = 0; i < 3; i++) {
        size_t l = strlen(words[i].word);
        if (r->len - r->pos >= l && memcmp(r->s + r->pos, words[i].word, l) == 0) {
            json *v = make(words[i].kind);
            if (!v)
                r->err = "out of memory";
            else
                v->number = words[i].value;
            r->pos += l;
            return v;
        }
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
        size_t start = r->pos;
        if (r->s[r->pos] == '-')
            r->pos++;
        while (r->pos < r->len && strchr("0123456789.eE+-", r->s[r->pos]) && r->s[r->pos])
            r->pos++;
        char tmp[64];
        size_t n = r->pos - start;
        if (n == 0 || n >= sizeof tmp) {
            r->err = "invalid number";
            return NULL;
        }
        memcpy(tmp, r->s + start, n);
        tmp[n] = '\0';
        char *end;
        double d = strtod(tmp, &end);
        if (*end) {
            r->err = "invalid number";
            r->pos = start;
            return NULL;
        }
        json *v = make(JSON_NUMBER);
        if (!v)
            r->err = "out of memory";
        else
            v->number = d;
        return v;
    }
    r->err = "unexpected character";
    return NULL;
}

int json_parse(json **out, const char *text, size_t len, size_t *err_offset, const char **err)
{
    reader r = {text, len, 0, NULL};
    json *v = parse_value(&r, 0);
    if (v) {
        skip_ws(&r);
        if (r.pos < r.len) {
            r.err = "unexpected text after the value";
            json_free(v);
            v = NULL;
        }
    }
    *out = v;
    if (!v) {
        if (err_offset)
            *err_offset = r.pos;
        if (err)
            *err = r.err ? r.err : "invalid JSON";
        return -1;
    }
    return 0;
}

const json *json_get(const json *obj, const char *key)
{
    if (!obj || obj->kind != JSON_OBJECT)
        return NULL;
    for (size_t i = 0; i < obj->n; i++)
        if (strcmp(obj->keys[i], key) == 0)
            return obj->items[i];
    return NULL;
}
