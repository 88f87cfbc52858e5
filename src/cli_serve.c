/* cli_serve.c - `slant serve`: a page for a media-literacy class and a
 * small JSON API, over libmicrohttpd (README.md, "slant serve").
 *
 *   GET  /            the form: a text area, a file picker, the input format
 *   POST /check       the form's answer: the form again, then the report of
 *                     slant_html_write_document (the renderer of --format html)
 *   GET  /rules       every active rule: explanation, advice, examples
 *   POST /api/check   the text (raw, or {"text": ..., "format": ..., "name":
 *                     ...}) -> the document object of --format jsonl
 *   GET  /api/rules   the active rules as JSON
 *   GET  /healthz     "ok"
 *
 * The rules are compiled once and shared read-only by libmicrohttpd's
 * thread pool; a scanner belongs to one request at a time, taken from a
 * pool that grows to the number of threads. HTTP parsing, header and
 * connection limits, timeouts and form decoding are libmicrohttpd's;
 * what is ours is bounded too: a request body is kept in memory only up
 * to --max-body (413 beyond it) and freed with its connection. Nothing
 * is written to disk and nothing about a request is logged. What the
 * pages say is in cli_pages.c; this file is the HTTP side. */
#define _XOPEN_SOURCE 700 /* sigwait, getaddrinfo */
#include "cli.h"

#include <microhttpd.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ------------------------------------------------------------------ */
/* The server's shared state                                            */

typedef struct {
    const options *o;
    slant_rules *rules;
    char *csp;        /* the whole Content-Security-Policy header */
    pthread_mutex_t lock;
    slant_scanner **idle; /* scanners no request holds */
    size_t nidle, cap;
} server;

/* A scanner for one request: an idle one, or a new one. NULL when out of
 * memory. */
static slant_scanner *scanner_take(server *sv)
{
    slant_scanner *s = NULL;
    pthread_mutex_lock(&sv->lock);
    if (sv->nidle)
        s = sv->idle[--sv->nidle];
    pthread_mutex_unlock(&sv->lock);
    if (s)
        return s;
    if (slant_scanner_new(&s, sv->rules) != 0)
        return NULL;
    if (slant_scanner_set_budget(s, sv->o->budget) != 0 ||
        slant_scanner_set_engine(s, sv->o->engine) != 0) {
        slant_scanner_free(s);
        return NULL;
    }
    return s;
}

static void scanner_give(server *sv, slant_scanner *s)
{
    if (!s)
        return;
    pthread_mutex_lock(&sv->lock);
    if (sv->nidle == sv->cap) {
        size_t cap = sv->cap ? 2 * sv->cap : 8;
        slant_scanner **p = realloc(sv->idle, cap * sizeof *p);
        if (!p) {
            pthread_mutex_unlock(&sv->lock);
            slant_scanner_free(s);
            return;
        }
        sv->idle = p, sv->cap = cap;
    }
    sv->idle[sv->nidle++] = s;
    pthread_mutex_unlock(&sv->lock);
}

/* ------------------------------------------------------------------ */
/* Bytes and text                                                       */

typedef struct {
    char *data;
    size_t len, cap;
} bytes;

static int bytes_add(bytes *b, const char *p, size_t n)
{
    if (n > b->cap - b->len) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap - b->len < n)
            cap *= 2;
        char *d = realloc(b->data, cap + 1);
        if (!d)
            return -1;
        b->data = d, b->cap = cap;
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

/* ------------------------------------------------------------------ */
/* Answers                                                              */

/* Queues `data` (malloc'd, handed over) with the headers every answer
 * carries. */
static enum MHD_Result answer(struct MHD_Connection *c, const server *sv, unsigned status,
                              const char *type, char *data, size_t len, const char *allow)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(data);
        return MHD_NO;
    }
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    MHD_add_response_header(r, "Content-Security-Policy", sv->csp);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
    MHD_add_response_header(r, "Cross-Origin-Resource-Policy", "same-origin");
    if (allow)
        MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, allow);
    enum MHD_Result rc = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return rc;
}

/* A memory stream for an answer; its buffer goes to answer(). */
typedef struct {
    FILE *f;
    char *data;
    size_t len;
} page;

static int page_open(page *p)
{
    p->data = NULL, p->len = 0;
    p->f = open_memstream(&p->data, &p->len);
    return p->f ? 0 : -1;
}

static enum MHD_Result page_send(struct MHD_Connection *c, const server *sv, page *p,
                                 unsigned status, const char *type)
{
    int bad = ferror(p->f);
    if (fclose(p->f) != 0 || bad) {
        free(p->data);
        return MHD_NO; /* out of memory: close the connection */
    }
    return answer(c, sv, status, type, p->data, p->len, NULL);
}

static enum MHD_Result text_error(struct MHD_Connection *c, const server *sv, unsigned status,
                                  int json, const char *allow, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    page p;
    if (page_open(&p) != 0)
        return MHD_NO;
    if (json) {
        fputs("{\"error\": ", p.f);
        slant_json_write_string(p.f, msg);
        fprintf(p.f, ", \"status\": %u}\n", status);
    } else {
        fprintf(p.f, "%s\n", msg);
    }
    int bad = ferror(p.f);
    if (fclose(p.f) != 0 || bad) {
        free(p.data);
        return MHD_NO;
    }
    return answer(c, sv, status,
                  json ? "application/json; charset=utf-8" : "text/plain; charset=utf-8", p.data,
                  p.len, allow);
}

/* ------------------------------------------------------------------ */
/* Pages                                                                */

static enum MHD_Result form_page(struct MHD_Connection *c, const server *sv, unsigned status,
                                 const char *text, size_t len, const char *format,
                                 const char *problem)
{
    page p;
    if (page_open(&p) != 0)
        return MHD_NO;
    serve_page_top(p.f, "slant: check an article");
    serve_page_form(p.f, text, len, format ? format : "auto", problem);
    if (!problem && !text)
        serve_page_intro(p.f);
    slant_html_write_tail(p.f);
    return page_send(c, sv, &p, status, "text/html; charset=utf-8");
}

/* ------------------------------------------------------------------ */
/* Checking a text                                                      */

/* The first diagnostic slant_doc_new gives, for the answer. */
typedef struct {
    unsigned line, column;
    char message[160];
    int seen;
} first_diag;

static void keep_first(const slant_diag *d, void *payload)
{
    first_diag *fd = payload;
    if (fd->seen++)
        return;
    fd->line = d->line, fd->column = d->column;
    snprintf(fd->message, sizeof fd->message, "%s", d->message);
}

typedef struct {
    slant_doc *doc;
    slant_report *rep;
    slant_scanner *s;
    char problem[320];
} checked;

static void checked_free(server *sv, checked *k)
{
    slant_report_free(k->rep);
    slant_doc_free(k->doc);
    scanner_give(sv, k->s);
    k->rep = NULL, k->doc = NULL, k->s = NULL;
}

/* Models and scans text[0..len): 0, or the HTTP status to answer with
 * k->problem (400: the text cannot be checked; 500: out of memory). */
static unsigned check_text(server *sv, checked *k, const char *name, const char *text,
                           size_t len, const char *format)
{
    memset(k, 0, sizeof *k);
    int skip;
    const char *why = cli_sniff(text, len, &skip);
    if (why) {
        snprintf(k->problem, sizeof k->problem, "%s cannot be checked: %s", name, why);
        return MHD_HTTP_BAD_REQUEST;
    }
    slant_input_format fmt;
    if (!format || !*format || strcmp(format, "auto") == 0)
        fmt = slant_input_format_guess(name, text, len);
    else if (slant_input_format_parse(&fmt, format) != 0) {
        snprintf(k->problem, sizeof k->problem,
                 "unknown input format '%.40s' (use auto, text, markdown or html)", format);
        return MHD_HTTP_BAD_REQUEST;
    }
    size_t bad;
    int invalid = slant_utf8_check(&bad, text, len) != 0;
    first_diag fd = {0};
    int rc = slant_doc_new_format(&k->doc, name, text, len, fmt, keep_first, &fd);
    if (invalid) {
        /* the library's own check says where; its diagnostic says what */
        snprintf(k->problem, sizeof k->problem,
                 "%s is not valid UTF-8 at byte %zu (line %u, column %u): %s; save it as "
                 "UTF-8 and try again",
                 name, bad, fd.line, fd.column, fd.seen ? fd.message : "invalid UTF-8");
        checked_free(sv, k);
        return MHD_HTTP_BAD_REQUEST;
    }
    if (!k->doc) {
        snprintf(k->problem, sizeof k->problem, "%s", slant_strerror(rc));
        return rc == SLANT_ENOMEM ? MHD_HTTP_INTERNAL_SERVER_ERROR : MHD_HTTP_BAD_REQUEST;
    }
    if (!(k->s = scanner_take(sv))) {
        snprintf(k->problem, sizeof k->problem, "out of memory");
        checked_free(sv, k);
        return MHD_HTTP_INTERNAL_SERVER_ERROR;
    }
    rc = slant_scanner_scan(&k->rep, k->s, k->doc);
    if (!k->rep) {
        snprintf(k->problem, sizeof k->problem, "the text could not be scanned: %s",
                 slant_strerror(rc));
        checked_free(sv, k);
        return MHD_HTTP_INTERNAL_SERVER_ERROR;
    }
    return 0; /* SLANT_ELIMIT: the report lists the rules left incomplete */
}

/* ------------------------------------------------------------------ */
/* Requests                                                             */

enum { R_FORM, R_CHECK, R_RULES, R_API_CHECK, R_API_RULES, R_HEALTH };

static const struct {
    const char *path;
    int post; /* the method: POST, else GET (and HEAD) */
} routes[] = {
    [R_FORM] = {"/", 0},          [R_CHECK] = {"/check", 1},         [R_RULES] = {"/rules", 0},
    [R_API_CHECK] = {"/api/check", 1}, [R_API_RULES] = {"/api/rules", 0}, [R_HEALTH] = {"/healthz", 0},
};

#define NROUTES (sizeof routes / sizeof routes[0])

/* One request with a body, from its first call to its completion. */
typedef struct {
    int route;
    size_t received;
    int too_big, bad_form;
    struct timespec start;
    bytes body; /* /api/check */
    struct MHD_PostProcessor *pp; /* /check */
    bytes text, file;
    char *filename;
    char format[16];
} request;

static void request_free(request *rq)
{
    if (!rq)
        return;
    if (rq->pp)
        MHD_destroy_post_processor(rq->pp);
    free(rq->body.data);
    free(rq->text.data);
    free(rq->file.data);
    free(rq->filename);
    free(rq);
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
                      enum MHD_RequestTerminationCode why)
{
    (void)cls, (void)c, (void)why;
    request_free(*con_cls);
    *con_cls = NULL;
}

/* The form's fields, as libmicrohttpd decodes them. */
static enum MHD_Result form_field(void *cls, enum MHD_ValueKind kind, const char *key,
                                  const char *filename, const char *type, const char *encoding,
                                  const char *data, uint64_t off, size_t size)
{
    request *rq = cls;
    (void)kind, (void)type, (void)encoding, (void)off;
    if (strcmp(key, "text") == 0) {
        if (size && bytes_add(&rq->text, data, size) != 0)
            return MHD_NO;
    } else if (strcmp(key, "file") == 0) {
        if (filename && *filename && !rq->filename && !(rq->filename = strdup(filename)))
            return MHD_NO;
        if (size && bytes_add(&rq->file, data, size) != 0)
            return MHD_NO;
    } else if (strcmp(key, "format") == 0) {
        size_t have = strlen(rq->format);
        if (have + size >= sizeof rq->format)
            return MHD_NO;
        memcpy(rq->format + have, data, size);
        rq->format[have + size] = '\0';
    }
    return MHD_YES; /* other fields are ignored */
}

/* The last component of an uploaded file's name, for the report. */
static const char *base_name(const char *path)
{
    const char *b = path;
    for (const char *p = path; *p; p++)
        if (*p == '/' || *p == '\\')
            b = p + 1;
    return *b ? b : "upload";
}

/* POST /check: the form again, then the report. */
static enum MHD_Result form_check(struct MHD_Connection *c, server *sv, request *rq)
{
    /* the processor hands over a urlencoded form's last value only when
     * it is destroyed, as nothing else says where that value ends */
    if (rq->pp && MHD_destroy_post_processor(rq->pp) != MHD_YES)
        rq->bad_form = 1;
    rq->pp = NULL;
    if (rq->bad_form)
        return form_page(c, sv, MHD_HTTP_BAD_REQUEST, NULL, 0, rq->format,
                         "The form could not be read; send it again from this page.");
    int upload = rq->file.len > 0 || (rq->filename && !rq->text.len);
    const bytes *b = upload ? &rq->file : &rq->text;
    const char *name = upload ? base_name(rq->filename ? rq->filename : "") : "pasted text";
    const char *text = b->data ? b->data : "";
    if (b->len == 0)
        return form_page(c, sv, MHD_HTTP_BAD_REQUEST, NULL, 0, rq->format,
                         upload ? "The file is empty." : "Paste a text or choose a file first.");
    checked k;
    unsigned status = check_text(sv, &k, name, text, b->len, rq->format);
    if (status)
        return form_page(c, sv, status, upload ? NULL : text, upload ? 0 : b->len, rq->format,
                         k.problem);
    page p;
    if (page_open(&p) != 0) {
        checked_free(sv, &k);
        return MHD_NO;
    }
    char title[200];
    snprintf(title, sizeof title, "slant: %s", name);
    serve_page_top(p.f, title);
    /* the text goes back into the form, so a class can edit and check again */
    serve_page_form(p.f, text, b->len, rq->format[0] ? rq->format : "auto", NULL);
    int rc = slant_html_write_document(p.f, k.doc, k.rep, 1);
    slant_html_write_tail(p.f);
    checked_free(sv, &k);
    if (rc == SLANT_ENOMEM) {
        fclose(p.f);
        free(p.data);
        return MHD_NO;
    }
    return page_send(c, sv, &p, MHD_HTTP_OK, "text/html; charset=utf-8");
}

/* The media type of a header value, lower-cased, without parameters. */
static void media_type(char *out, size_t n, const char *value)
{
    size_t i = 0;
    for (; value && value[i] && value[i] != ';' && value[i] != ' ' && i + 1 < n; i++)
        out[i] = (char)(value[i] >= 'A' && value[i] <= 'Z' ? value[i] + 32 : value[i]);
    out[i] = '\0';
}

/* POST /api/check: the document object of --format jsonl. */
static enum MHD_Result api_check(struct MHD_Connection *c, server *sv, request *rq)
{
    char type[64];
    media_type(type, sizeof type,
               MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE));
    const char *qformat = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "format");
    const char *qname = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "name");
    const char *text = rq->body.data ? rq->body.data : "";
    size_t len = rq->body.len;
    const char *format = qformat;
    const char *name = qname && *qname ? qname : "text";
    slant_json_document jd = {0};
    if (strcmp(type, "application/json") == 0) {
        size_t bad;
        if (slant_utf8_check(&bad, text, len) != 0)
            return text_error(c, sv, MHD_HTTP_BAD_REQUEST, 1, NULL,
                              "the body is not valid UTF-8 at byte %zu", bad);
        char err[200];
        int rc = slant_json_document_parse(&jd, text, len, err, sizeof err);
        if (rc == SLANT_ENOMEM)
            return MHD_NO;
        if (rc != 0)
            return text_error(c, sv, MHD_HTTP_BAD_REQUEST, 1, NULL, "%s", err);
        text = jd.text, len = jd.len;
        if (jd.format)
            format = jd.format;
        if (jd.name && *jd.name)
            name = jd.name;
    } else if (!format) {
        /* a raw body: its media type says how to read it */
        if (strcmp(type, "text/markdown") == 0)
            format = "markdown";
        else if (strcmp(type, "text/html") == 0)
            format = "html";
        else if (strcmp(type, "text/plain") == 0)
            format = "text";
    }
    checked k;
    unsigned status = check_text(sv, &k, name, text, len, format);
    if (status) {
        slant_json_document_clear(&jd);
        return text_error(c, sv, status, 1, NULL, "%s", k.problem);
    }
    page p;
    slant_renderer *r = NULL;
    int rc = page_open(&p) != 0 ? SLANT_ENOMEM : slant_renderer_new(&r, SLANT_FORMAT_JSONL, p.f, NULL);
    if (rc == 0)
        rc = slant_renderer_add(r, k.doc, k.rep);
    if (rc == 0)
        rc = slant_renderer_finish(r);
    slant_renderer_free(r);
    checked_free(sv, &k);
    slant_json_document_clear(&jd);
    if (rc != 0) {
        if (p.f)
            fclose(p.f);
        free(p.data);
        return MHD_NO;
    }
    return page_send(c, sv, &p, MHD_HTTP_OK, "application/json; charset=utf-8");
}

static double seconds_since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **con_cls)
{
    server *sv = cls;
    request *rq = *con_cls;
    (void)version;
    if (!rq) {
        int route = -1;
        for (size_t i = 0; i < NROUTES; i++)
            if (strcmp(url, routes[i].path) == 0)
                route = (int)i;
        int api = strncmp(url, "/api/", 5) == 0;
        if (route < 0)
            return text_error(c, sv, MHD_HTTP_NOT_FOUND, api, NULL,
                              "no such page; the pages are / and /rules, the API /api/check, "
                              "/api/rules and /healthz");
        int get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
        int post = strcmp(method, "POST") == 0;
        if (routes[route].post ? !post : !get)
            return text_error(c, sv, MHD_HTTP_METHOD_NOT_ALLOWED, api,
                              routes[route].post ? "POST" : "GET, HEAD", "%s takes %s, not %.20s",
                              routes[route].path, routes[route].post ? "POST" : "GET", method);
        /* a body that says it is too large is refused before it is read */
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                     MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl && strtoull(cl, NULL, 10) > sv->o->max_body)
            return route == R_CHECK
                       ? form_page(c, sv, MHD_HTTP_CONTENT_TOO_LARGE, NULL, 0, "auto",
                                   "The text is too large for this server.")
                       : text_error(c, sv, MHD_HTTP_CONTENT_TOO_LARGE, 1, NULL,
                                    "the body is larger than %zu bytes (slant serve --max-body)",
                                    sv->o->max_body);
        if (!(rq = calloc(1, sizeof *rq)))
            return MHD_NO;
        rq->route = route;
        clock_gettime(CLOCK_MONOTONIC, &rq->start);
        if (route == R_CHECK) {
            rq->pp = MHD_create_post_processor(c, 16 * 1024, form_field, rq);
            if (!rq->pp)
                rq->bad_form = 1; /* not a form: answered when the body is in */
        }
        *con_cls = rq;
        return MHD_YES;
    }
    if (*upload_size) {
        /* a body that trickles in cannot hold a thread for ever */
        if (seconds_since(&rq->start) > 4.0 * (double)sv->o->timeout)
            return MHD_NO;
        size_t n = *upload_size;
        *upload_size = 0;
        rq->received += n;
        if (rq->too_big || rq->received > sv->o->max_body) {
            rq->too_big = 1; /* read and dropped, then answered with 413 */
            return MHD_YES;
        }
        if (!routes[rq->route].post) {
            /* a GET with a body: dropped */
        } else if (rq->pp && !rq->bad_form) {
            if (MHD_post_process(rq->pp, upload, n) != MHD_YES)
                rq->bad_form = 1;
        } else if (rq->route == R_API_CHECK && bytes_add(&rq->body, upload, n) != 0) {
            return MHD_NO;
        }
        return MHD_YES;
    }
    if (rq->too_big)
        return rq->route == R_CHECK
                   ? form_page(c, sv, MHD_HTTP_CONTENT_TOO_LARGE, NULL, 0, "auto",
                               "The text is too large for this server.")
                   : text_error(c, sv, MHD_HTTP_CONTENT_TOO_LARGE, 1, NULL,
                                "the body is larger than %zu bytes (slant serve --max-body)",
                                sv->o->max_body);
    /* answered once the request is in: an answer queued earlier makes
     * libmicrohttpd close the connection rather than keep it alive */
    switch (rq->route) {
    case R_FORM: return form_page(c, sv, MHD_HTTP_OK, NULL, 0, "auto", NULL);
    case R_RULES:
    case R_API_RULES: {
        page p;
        if (page_open(&p) != 0)
            return MHD_NO;
        if (rq->route == R_RULES)
            serve_page_rules(p.f, sv->rules);
        else
            serve_rules_json(p.f, sv->rules);
        return page_send(c, sv, &p, MHD_HTTP_OK,
                         rq->route == R_RULES ? "text/html; charset=utf-8"
                                              : "application/json; charset=utf-8");
    }
    case R_CHECK: return form_check(c, sv, rq);
    case R_API_CHECK: return api_check(c, sv, rq);
    default: {
        char *ok = strdup("ok\n");
        return ok ? answer(c, sv, MHD_HTTP_OK, "text/plain; charset=utf-8", ok, 3, NULL)
                  : MHD_NO;
    }
    }
}

/* libmicrohttpd's own messages (a failed bind, a bad request line). */
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        msg[--n] = '\0';
    fprintf(stderr, "slant: serve: %s\n", msg);
}

/* ------------------------------------------------------------------ */
/* Starting and stopping                                                */

static int is_loopback(const struct sockaddr *sa)
{
    if (sa->sa_family == AF_INET)
        return (ntohl(((const struct sockaddr_in *)(const void *)sa)->sin_addr.s_addr) >> 24) ==
               127;
    if (sa->sa_family == AF_INET6) {
        const struct in6_addr *a = &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr;
        return IN6_IS_ADDR_LOOPBACK(a) ||
               (IN6_IS_ADDR_V4MAPPED(a) && a->s6_addr[12] == 127);
    }
    return 0;
}

static int is_any(const struct sockaddr *sa)
{
    if (sa->sa_family == AF_INET)
        return ((const struct sockaddr_in *)(const void *)sa)->sin_addr.s_addr == INADDR_ANY;
    if (sa->sa_family == AF_INET6)
        return IN6_IS_ADDR_UNSPECIFIED(
            &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr);
    return 0;
}

int cmd_serve(options *o)
{
    if (o->nargs)
        die_usage("serve takes no arguments ('%s')", o->args[0]);
    if (config_load(o) != 0)
        return EXIT_ERROR;
    struct addrinfo hints = {0}, *ai = NULL;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    char port[16];
    snprintf(port, sizeof port, "%ld", o->port);
    int gai = getaddrinfo(o->bind, port, &hints, &ai);
    if (gai != 0) {
        fprintf(stderr, "slant: serve: cannot listen on '%s': %s\n", o->bind, gai_strerror(gai));
        return EXIT_ERROR;
    }
    server sv = {.o = o};
    sv.rules = load_rules(o, o->rules, o->nrules);
    if (!sv.rules) {
        freeaddrinfo(ai);
        return EXIT_ERROR;
    }
    char *hashes = NULL;
    if (slant_html_csp(&hashes, serve_css) != 0) {
        fputs("slant: out of memory\n", stderr);
        slant_rules_free(sv.rules);
        freeaddrinfo(ai);
        return EXIT_ERROR;
    }
    /* what the page holds is allowed by hash; everything else is refused */
    size_t cn = strlen(hashes) + 200;
    sv.csp = malloc(cn);
    if (sv.csp)
        snprintf(sv.csp, cn,
                 "default-src 'none'; %s; form-action 'self'; base-uri 'none'; "
                 "frame-ancestors 'none'",
                 hashes);
    free(hashes);
    pthread_mutex_init(&sv.lock, NULL);

    /* SIGINT and SIGTERM are taken by sigwait below, so every thread
     * libmicrohttpd starts inherits them blocked */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    long threads = o->jobs ? o->jobs : sysconf(_SC_NPROCESSORS_ONLN);
    if (threads < 1)
        threads = 1;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG;
    if (ai->ai_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    struct MHD_Daemon *d =
        !sv.csp ? NULL
                : MHD_start_daemon(
                      flags, 0, NULL, NULL, handle, &sv, MHD_OPTION_EXTERNAL_LOGGER, mhd_log,
                      (void *)NULL, MHD_OPTION_SOCK_ADDR, ai->ai_addr,
                      MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
                      MHD_OPTION_CONNECTION_LIMIT, (unsigned)o->connections,
                      MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)o->timeout,
                      MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024,
                      MHD_OPTION_NOTIFY_COMPLETED, completed, (void *)NULL, MHD_OPTION_END);
    int rc = EXIT_CLEAN;
    if (!d) {
        fprintf(stderr, "slant: serve: cannot listen on %s port %ld%s\n", o->bind, o->port,
                sv.csp ? " (is the port in use, or below 1024 without root?)" : ": out of memory");
        rc = EXIT_ERROR;
    } else {
        const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
        unsigned bound = info ? info->port : (unsigned)o->port;
        int v6 = ai->ai_family == AF_INET6;
        char url[128];
        snprintf(url, sizeof url, "http://%s%s%s:%u/", v6 ? "[" : "", o->bind, v6 ? "]" : "",
                 bound);
        if (is_loopback(ai->ai_addr)) {
            fprintf(stderr, "slant: serving %s (%zu rules; this machine only; Ctrl-C stops)\n",
                    url, slant_rules_count(sv.rules));
        } else {
            fprintf(stderr, "slant: serving %s (%zu rules; Ctrl-C stops)\n", url,
                    slant_rules_count(sv.rules));
            if (is_any(ai->ai_addr))
                fprintf(stderr, "slant: warning: listening on every network address: other "
                                "machines can open this page; share http://%sTHIS-MACHINE%s:%u/ "
                                "with this machine's address on the network\n",
                        v6 ? "[" : "", v6 ? "]" : "", bound);
            else
                fprintf(stderr, "slant: warning: listening on %s: other machines can open this "
                                "page; share %s\n",
                        o->bind, url);
        }
        int sig = 0;
        while (sigwait(&stop, &sig) != 0)
            ;
        fprintf(stderr, "slant: %s: stopping\n", sig == SIGINT ? "interrupted" : "terminated");
        MHD_stop_daemon(d);
    }
    for (size_t i = 0; i < sv.nidle; i++)
        slant_scanner_free(sv.idle[i]);
    free(sv.idle);
    pthread_mutex_destroy(&sv.lock);
    free(sv.csp);
    slant_rules_free(sv.rules);
    freeaddrinfo(ai);
    return rc;
}
