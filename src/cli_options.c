/* cli_options.c - the command line's options and help. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char cli_usage[] =
    "usage: slant <command> [options] [arguments]\n"
    "\n"
    "commands:\n"
    "  check [FILE|DIR|-]...   find rhetorical and framing patterns (directories are walked)\n"
    "  test [RULES]...         run every rule's examples (built-in rules by default)\n"
    "  rules [--cost]          list the active rules (--cost: how each is prefiltered)\n"
    "  rules --export-patterns every terms and patterns program, one PCRE2 pattern a line\n"
    "                          (for benchmarks against other tools: rg -P -i -f FILE)\n"
    "  explain RULE-ID         teach one rule: what it is, advice, examples\n"
    "  config --show           the configuration in force and where each value comes from\n"
    "  summary [FILE|-]...     merge result lines (--format jsonl) or summaries into one\n"
    "  eval --gold FILE [--docs DIR] [DOC]...  precision, recall and F1 against gold spans\n"
    "  serve                   a web page for a class: paste or upload an article and see\n"
    "                          it explained; and a JSON API (nothing is stored)\n"
    "\n"
    "options:\n"
    "  --rules PATH            use the rule pack PATH (a file, or a folder of .yaml files)\n"
    "                          instead of the built-in packs; repeatable\n"
    "  --add-rules PATH        use PATH in addition to the built-in packs; repeatable\n"
    "  --no-model              leave out the sentence model (rules *.sentence-model)\n"
    "  --model FILE            use the sentence model in FILE (corpus/train_model.py)\n"
    "  --format FORMAT         text (default: on a terminal each finding with its line\n"
    "                          underlined, else one line each and a summary), line, json,\n"
    "                          jsonl, sarif, html, github, checkstyle, tsv, pretty\n"
    "  -o, --output FILE       write the report to FILE (replaced whole, never half-written)\n"
    "  --input-format auto|text|markdown|html\n"
    "                          how to read documents (default auto: by extension, .md\n"
    "                          .markdown .html .htm; standard input by its content)\n"
    "  --fail-on LEVEL         info|warning|error|never: exit 1 when a finding is at or\n"
    "                          above LEVEL (default warning)\n"
    "  --category LIST         only these categories (comma-separated)\n"
    "  --disable LIST          disable rule ids or categories (comma-separated); repeatable\n"
    "  --color auto|always|never  colour the text output (auto honours NO_COLOR)\n"
    "  --summary               print totals for all documents instead of each one: files,\n"
    "                          words, findings per category and rule, index distribution\n"
    "  --stdin-jsonl           read one document a line, {\"id\": ..., \"text\": ...}, from\n"
    "                          standard input; write one result line each (for Hadoop\n"
    "                          Streaming, Spark's RDD.pipe, GNU parallel --pipe)\n"
    "  --profile               after the run, print on standard error the programs that\n"
    "                          took the most PCRE2 time: calls, calls per MB, matches\n"
    "  --profile-json FILE     every program that ran, as JSON, in FILE (for CI dashboards)\n"
    "  -j N, --jobs N          scan N files at a time (default: one per core); the output\n"
    "                          order is the input order whatever N is\n"
    "  --engine fast|naive     the literal-prefilter matcher (default) or every pattern\n"
    "                          over the whole text; both give identical findings\n"
    "  --config FILE           read the house configuration FILE (default: .slant.yaml in\n"
    "                          this folder or the nearest one above); --no-config: none\n"
    "  --baseline FILE         report only findings not in FILE, and those of FILE gone\n"
    "  --write-baseline FILE   record the findings in FILE (they are then reported as usual)\n"
    "  --time-budget SECONDS   time one document may take (default 60; 0: no limit); rules\n"
    "                          left unfinished are reported and the exit status is 2\n"
    "\n";

/* In three strings: C11 compilers need only take 4,095 characters in one. */
static const char usage_eval[] =
    "eval options:\n"
    "  --gold FILE             gold spans: slant JSON Lines or PTC/SemEval labels\n"
    "  --docs DIR              the documents the gold names (or give them as arguments)\n"
    "  --by category|rule      rows per category (default) or per rule\n"
    "  --details               list each missed gold span and each false positive\n"
    "  --fail-under-precision X, --fail-under-recall X, --fail-under-f1 X\n"
    "                          exit 1 when the overall strict figure is below X\n"
    "\n";

static const char usage_serve[] =
    "serve options (--rules, --add-rules, --config, --disable, --category, --jobs and\n"
    "--time-budget apply too):\n"
    "  --bind ADDRESS          the address to listen on (default 127.0.0.1, this machine\n"
    "                          only; 0.0.0.0 lets other machines in, with a warning)\n"
    "  --port N                the port (default 8080; 0: any free port, printed)\n"
    "  --max-body BYTES        the largest request body (default 2M; K and M suffixes)\n"
    "  --timeout SECONDS       how long an idle or stalled connection is kept (default 30)\n"
    "  --connections N         connections open at once (default 128)\n"
    "\n"
    "  -h, --help              this help\n"
    "  --version               print the version\n"
    "\n"
    "exit status: 0 nothing at or above the fail level, 1 findings at or above it,\n"
    "2 usage, rule or input error\n";

void print_usage(FILE *f)
{
    fputs(cli_usage, f);
    fputs(usage_eval, f);
    fputs(usage_serve, f);
}

void die_usage(const char *fmt, const char *arg)
{
    fputs("slant: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'slant --help'.\n", stderr);
    exit(EXIT_ERROR);
}

static void push(char ***v, size_t *n, const char *s)
{
    char **p = realloc(*v, (*n + 1) * sizeof *p);
    if (!p) {
        fputs("slant: out of memory\n", stderr);
        exit(EXIT_ERROR);
    }
    *v = p;
    p[(*n)++] = (char *)s;
}

/* Splits a comma-separated list in place into v. */
static void push_list(char ***v, size_t *n, char *list, const char *opt)
{
    for (char *tok = strtok(list, ","); tok; tok = strtok(NULL, ","))
        if (*tok)
            push(v, n, tok);
    if (*n == 0)
        die_usage("%s needs a non-empty list", opt);
}

int parse_options(options *o, int argc, char **argv)
{
    o->format = SLANT_FORMAT_TEXT;
    o->fail_on = SLANT_SEVERITY_WARNING;
    o->color = -1;
    o->fail_under[0] = o->fail_under[1] = o->fail_under[2] = -1;
    o->budget = 60;
    o->input_format = -1;
    o->bind = "127.0.0.1";
    o->port = 8080;
    o->max_body = (size_t)2 << 20;
    o->timeout = 30;
    o->connections = 128;
    int only_args = 0;
    for (int i = 1; i < argc; i++) {
        char *a = argv[i];
        if (only_args || a[0] != '-' || strcmp(a, "-") == 0) {
            if (!o->command)
                o->command = a;
            else
                push(&o->args, &o->nargs, a);
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_args = 1;
            continue;
        }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            print_usage(stdout);
            exit(EXIT_CLEAN);
        }
        if (strcmp(a, "--cost") == 0) {
            o->cost = 1;
            continue;
        }
        if (strcmp(a, "--export-patterns") == 0) {
            o->export_patterns = 1;
            continue;
        }
        if (strcmp(a, "--stdin-jsonl") == 0) {
            o->stdin_jsonl = 1;
            continue;
        }
        if (strcmp(a, "--summary") == 0) {
            o->summary = 1;
            continue;
        }
        if (strcmp(a, "--profile") == 0) {
            o->profile = 1;
            continue;
        }
        if (strcmp(a, "--no-config") == 0) {
            o->no_config = 1;
            continue;
        }
        if (strcmp(a, "--no-model") == 0) {
            o->no_model = 1;
            continue;
        }
        if (strcmp(a, "--show") == 0) {
            o->show = 1;
            continue;
        }
        if (strcmp(a, "--details") == 0) {
            o->details = 1;
            continue;
        }
        if (strcmp(a, "--version") == 0) {
            printf("slant %s\n", SLANT_VERSION);
            exit(EXIT_CLEAN);
        }
        if (strncmp(a, "-j", 2) == 0 && a[1] == 'j' && a[2] != '-') {
            const char *v = a[2] ? a + 2 : (i + 1 < argc ? argv[++i] : NULL);
            char *end;
            if (!v)
                die_usage("option '%s' needs a value", "-j");
            o->jobs = strtol(v, &end, 10);
            if (*end || end == v || o->jobs < 0 || o->jobs > 1024)
                die_usage("-j needs a number of threads from 0 (one per core) to 1024%s", "");
            continue;
        }
        /* options that take a value: --opt VALUE or --opt=VALUE */
        static const char *const valued[] = {"--rules", "--add-rules", "--format", "--fail-on",
                                             "--category", "--disable", "--color", "--gold", "--docs",
                                             "--by", "--fail-under-precision",
                                             "--fail-under-recall", "--fail-under-f1",
                                             "--time-budget", "--engine", "--jobs", "--output", "-o",
                                             "--profile-json",
                                             "--input-format", "--config", "--baseline",
                                             "--write-baseline", "--bind", "--port",
                                             "--max-body", "--timeout", "--connections", "--model",
                                             NULL};
        const char *name = NULL;
        char *value = NULL;
        for (int k = 0; valued[k]; k++) {
            size_t l = strlen(valued[k]);
            int shortopt = valued[k][1] != '-';
            if (strncmp(a, valued[k], l) == 0 && (a[l] == '\0' || a[l] == '=' || shortopt)) {
                name = valued[k];
                if (shortopt && a[l] != '\0')
                    value = a + l; /* -oFILE */
                else if (a[l] == '=')
                    value = a + l + 1;
                else if (i + 1 < argc)
                    value = argv[++i];
                else
                    die_usage("option '%s' needs a value", name);
                break;
            }
        }
        if (!name)
            die_usage("unknown option '%s'", a);
        if (strcmp(name, "--rules") == 0)
            push(&o->rules, &o->nrules, value);
        else if (strcmp(name, "--model") == 0)
            o->model = value;
        else if (strcmp(name, "--add-rules") == 0)
            push(&o->add_rules, &o->nadd, value);
        else if (strcmp(name, "--disable") == 0)
            push_list(&o->disable, &o->ndisable, value, name);
        else if (strcmp(name, "--category") == 0)
            push_list(&o->categories, &o->ncategories, value, name);
        else if (strcmp(name, "--format") == 0) {
            if (slant_format_parse(&o->format, value) != 0)
                die_usage("unknown format '%s' (use text, line, json, jsonl, sarif, html, github, "
                          "checkstyle, tsv or pretty)", value);
            o->format_set = 1;
        } else if (strcmp(name, "--profile-json") == 0) {
            if (!*value)
                die_usage("%s needs a file name", name);
            o->profile_json = value;
        } else if (strcmp(name, "--output") == 0 || strcmp(name, "-o") == 0) {
            if (!*value)
                die_usage("%s needs a file name", name);
            o->output = value;
        } else if (strcmp(name, "--bind") == 0) {
            if (!*value)
                die_usage("%s needs an address, such as 127.0.0.1 or 0.0.0.0", name);
            o->bind = value;
        } else if (strcmp(name, "--port") == 0) {
            char *end;
            o->port = strtol(value, &end, 10);
            if (*end || end == value || o->port < 0 || o->port > 65535)
                die_usage("--port needs a port number from 0 (any free port) to 65535%s", "");
        } else if (strcmp(name, "--timeout") == 0) {
            char *end;
            o->timeout = strtol(value, &end, 10);
            if (*end || end == value || o->timeout < 1 || o->timeout > 3600)
                die_usage("--timeout needs a number of seconds from 1 to 3600%s", "");
        } else if (strcmp(name, "--connections") == 0) {
            char *end;
            o->connections = strtol(value, &end, 10);
            if (*end || end == value || o->connections < 1 || o->connections > 10000)
                die_usage("--connections needs a number from 1 to 10000%s", "");
        } else if (strcmp(name, "--max-body") == 0) {
            char *end;
            unsigned long long v = strtoull(value, &end, 10);
            unsigned long long unit = 1;
            if (end != value && (*end == 'K' || *end == 'k'))
                unit = 1024, end++;
            else if (end != value && (*end == 'M' || *end == 'm'))
                unit = 1024 * 1024, end++;
            if (*end || end == value || value[0] == '-' || v < 1 || v > (1ULL << 30) / unit)
                die_usage("--max-body needs a size in bytes from 1 to 1G, such as 2M or "
                          "500K%s", "");
            o->max_body = (size_t)(v * unit);
        } else if (strcmp(name, "--config") == 0) {
            o->config_path = value;
        } else if (strcmp(name, "--baseline") == 0) {
            o->baseline = value;
        } else if (strcmp(name, "--write-baseline") == 0) {
            o->write_baseline = value;
        } else if (strcmp(name, "--fail-on") == 0) {
            o->fail_on_set = 1;
            slant_severity sev;
            if (strcmp(value, "never") == 0)
                o->fail_on = 3;
            else if (slant_severity_parse(&sev, value) == 0)
                o->fail_on = (int)sev;
            else
                die_usage("unknown --fail-on level '%s' (use info, warning, error or never)",
                          value);
        } else if (strcmp(name, "--input-format") == 0) {
            slant_input_format f;
            o->input_format_set = 1;
            if (strcmp(value, "auto") == 0)
                o->input_format = -1;
            else if (slant_input_format_parse(&f, value) == 0)
                o->input_format = (int)f;
            else
                die_usage("unknown --input-format '%s' (use auto, text, markdown or html)", value);
        } else if (strcmp(name, "--jobs") == 0) {
            char *end;
            o->jobs = strtol(value, &end, 10);
            if (*end || end == value || o->jobs < 0 || o->jobs > 1024)
                die_usage("--jobs needs a number of threads from 0 (one per core) to 1024%s", "");
        } else if (strcmp(name, "--engine") == 0) {
            if (strcmp(value, "fast") == 0)
                o->engine = SLANT_ENGINE_FAST;
            else if (strcmp(value, "naive") == 0)
                o->engine = SLANT_ENGINE_NAIVE;
            else
                die_usage("unknown --engine '%s' (use fast or naive)", value);
        } else if (strcmp(name, "--time-budget") == 0) {
            char *end;
            o->budget = strtod(value, &end);
            if (*end || end == value || !(o->budget >= 0) || o->budget > 1e6)
                die_usage("--time-budget needs a number of seconds (0: no limit)%s", "");
        } else if (strcmp(name, "--gold") == 0) {
            o->gold = value;
        } else if (strcmp(name, "--docs") == 0) {
            push(&o->docs, &o->ndocs, value);
        } else if (strcmp(name, "--by") == 0) {
            if (strcmp(value, "category") == 0)
                o->by = SLANT_EVAL_BY_CATEGORY;
            else if (strcmp(value, "rule") == 0)
                o->by = SLANT_EVAL_BY_RULE;
            else
                die_usage("unknown --by '%s' (use category or rule)", value);
        } else if (strncmp(name, "--fail-under-", 13) == 0) {
            char *end;
            double v = strtod(value, &end);
            if (*end || end == value || v < 0 || v > 1)
                die_usage("%s needs a number from 0 to 1", name);
            o->fail_under[name[13] == 'p' ? 0 : name[13] == 'r' ? 1 : 2] = v;
        } else if (strcmp(name, "--color") == 0) {
            if (strcmp(value, "auto") == 0)
                o->color = -1;
            else if (strcmp(value, "always") == 0)
                o->color = 1;
            else if (strcmp(value, "never") == 0)
                o->color = 0;
            else
                die_usage("unknown --color mode '%s' (use auto, always or never)", value);
        }
    }
    return 0;
}

void options_free(options *o)
{
    free(o->rules);
    free(o->add_rules);
    free(o->disable);
    free(o->categories);
    free(o->args);
    free(o->docs);
    free(o->include);
    free(o->exclude);
    free(o->config_dir);
    slant_config_free(o->config);
}
