#!/usr/bin/env python3
"""Turn the human-readable gold annotations into offset-based gold spans.

Reads corpus/annotations.tsv and the articles in corpus/articles/, and
writes corpus/gold.jsonl: one span a line,

    {"doc": "02-state-media.txt", "category": "threat", "start": 812, "end": 833}

with code-point offsets into the article read as UTF-8 with newline=''
(so a CRLF line break counts as two code points), start inclusive, end
exclusive, plus "need": "optional" for optional spans. Lines are sorted by
doc, then start (then end and category, so the output is deterministic).

annotations.tsv columns (tab-separated, a header line first; blank lines
and lines starting with '#' are comments):

    doc  category  need  nth  text

doc is an article's file name, category a TAXONOMY.md id, need `required`
or `optional`, nth the 1-based occurrence of text in the document
(occurrences are counted at every start position, so they may overlap),
and text the exact span.  In text, \\n stands for a line feed, \\r for a
carriage return, \\t for a tab and \\\\ for a backslash; every other
character (typographic quotes, non-breaking spaces) is literal.

Any problem (unknown doc or category, text not found, nth out of range,
a span with outer whitespace, a duplicate) is reported with its TSV line
number, and the script exits with status 1 without writing anything.

Usage:
    python3 corpus/annotate.py            # write corpus/gold.jsonl
    python3 corpus/annotate.py --check    # exit 1 if gold.jsonl is stale
    python3 corpus/annotate.py --counts   # also print span counts (Markdown)

Standard library only.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TSV = os.path.join(HERE, "annotations.tsv")
ARTICLES = os.path.join(HERE, "articles")
GOLD = os.path.join(HERE, "gold.jsonl")

# The 21 category ids of TAXONOMY.md, in its order.
CATEGORIES = [
    "unnamed-source", "vague-attribution", "hedging", "bandwagon", "doubt",
    "scare-quotes", "exaggeration", "loaded-language", "labeling", "euphemism",
    "agentless", "threat", "fear-appeal", "dehumanizing", "flag-waving",
    "guilt-by-association", "false-dilemma", "oversimplification",
    "thought-terminating", "urgency", "whataboutism",
]
NEEDS = ("required", "optional")
HEADER = ["doc", "category", "need", "nth", "text"]

# Splits: no rule is tuned or selected on the held-out articles: held-out
# (file numbers 17-24), held-out-2 (41-48), held-out-3 (65-72), held-out-4
# (81-88), held-out-5 to held-out-9 (169-208) and held-out-10 to
# held-out-16 (361-416), held-out-17 to held-out-24 (481-544).
HELD_OUT = (set(range(17, 25)) | set(range(41, 49)) | set(range(65, 73))
            | set(range(81, 89)) | set(range(169, 209)) | set(range(361, 417))
            | set(range(481, 545)))


def is_held_out(doc):
    head = doc.split("-", 1)[0]
    return head.isdigit() and int(head) in HELD_OUT


def unescape(field):
    out, i = [], 0
    while i < len(field):
        c = field[i]
        if c == "\\" and i + 1 < len(field):
            nxt = field[i + 1]
            repl = {"n": "\n", "r": "\r", "t": "\t", "\\": "\\"}.get(nxt)
            if repl is None:
                raise ValueError("unknown escape \\%s" % nxt)
            out.append(repl)
            i += 2
        elif c == "\\":
            raise ValueError("a lone backslash ends the text")
        else:
            out.append(c)
            i += 1
    return "".join(out)


def occurrences(text, needle):
    """Start offsets of every occurrence of needle, overlapping ones included."""
    found, i = [], text.find(needle)
    while i >= 0:
        found.append(i)
        i = text.find(needle, i + 1)
    return found


def read_article(doc, cache):
    if doc not in cache:
        path = os.path.join(ARTICLES, doc)
        with open(path, encoding="utf-8", newline="") as f:
            cache[doc] = f.read()
    return cache[doc]


def build():
    """Return (spans, errors); each span is a dict ready for JSON."""
    errors, spans, cache, seen = [], [], {}, {}
    with open(TSV, encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    header_seen = False
    for lineno, raw in enumerate(lines, 1):
        line = raw[:-1] if raw.endswith("\r") else raw
        where = "annotations.tsv:%d" % lineno
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if not header_seen:
            if fields != HEADER:
                errors.append("%s: expected the header line %r" % (where, "\t".join(HEADER)))
            header_seen = True
            continue
        if len(fields) != 5:
            errors.append("%s: expected 5 tab-separated fields, found %d" % (where, len(fields)))
            continue
        doc, category, need, nth_s, text_s = fields
        if os.path.basename(doc) != doc or not os.path.isfile(os.path.join(ARTICLES, doc)):
            errors.append("%s: no article named %r in %s" % (where, doc, ARTICLES))
            continue
        if category not in CATEGORIES:
            errors.append("%s: unknown category %r (see TAXONOMY.md)" % (where, category))
            continue
        if need not in NEEDS:
            errors.append("%s: need must be 'required' or 'optional', found %r" % (where, need))
            continue
        if not nth_s.isdigit() or int(nth_s) < 1:
            errors.append("%s: nth must be a positive integer, found %r" % (where, nth_s))
            continue
        nth = int(nth_s)
        try:
            text = unescape(text_s)
        except ValueError as e:
            errors.append("%s: %s" % (where, e))
            continue
        if not text:
            errors.append("%s: empty text" % where)
            continue
        if text != text.strip():
            errors.append("%s: text %r starts or ends with whitespace; spans are minimal" % (where, text))
            continue
        try:
            article = read_article(doc, cache)
        except (OSError, UnicodeDecodeError) as e:
            errors.append("%s: cannot read %s: %s" % (where, doc, e))
            continue
        found = occurrences(article, text)
        if not found:
            errors.append("%s: text %r not found in %s" % (where, text, doc))
            continue
        if nth > len(found):
            errors.append("%s: nth %d out of range: %r occurs %d time(s) in %s"
                          % (where, nth, text, len(found), doc))
            continue
        start = found[nth - 1]
        end = start + len(text)
        if article[start:end] != text:  # cannot happen; guards the arithmetic
            errors.append("%s: internal error: offsets do not round-trip" % where)
            continue
        key = (doc, category, start, end)
        if key in seen:
            errors.append("%s: duplicate of annotations.tsv:%d" % (where, seen[key]))
            continue
        seen[key] = lineno
        span = {"doc": doc, "category": category, "start": start, "end": end}
        if need == "optional":
            span["need"] = "optional"
        spans.append(span)
    if not header_seen:
        errors.append("annotations.tsv: no header line")
    spans.sort(key=lambda s: (s["doc"], s["start"], s["end"], s["category"]))
    return spans, errors


def render(spans):
    return "".join(json.dumps(s, ensure_ascii=False) + "\n" for s in spans)


def counts_table(spans):
    rows = ["| category | required (all) | optional (all) | required (held-out, all twenty-four splits) | optional (held-out, all twenty-four splits) |",
            "|---|---:|---:|---:|---:|"]
    tot = [0] * 4
    for c in CATEGORIES:
        mine = [s for s in spans if s["category"] == c]
        r = sum(1 for s in mine if "need" not in s)
        o = sum(1 for s in mine if "need" in s)
        hr = sum(1 for s in mine if "need" not in s and is_held_out(s["doc"]))
        ho = sum(1 for s in mine if "need" in s and is_held_out(s["doc"]))
        vals = (r, o, hr, ho)
        for i, v in enumerate(vals):
            tot[i] += v
        rows.append("| `%s` | %d | %d | %d | %d |" % ((c,) + vals))
    rows.append("| **total** | **%d** | **%d** | **%d** | **%d** |" % tuple(tot))
    return "\n".join(rows) + "\n"


def main(argv):
    args = set(argv[1:])
    unknown = args - {"--check", "--counts"}
    if unknown:
        sys.stderr.write("usage: python3 corpus/annotate.py [--check] [--counts]\n")
        return 2
    spans, errors = build()
    if errors:
        for e in errors:
            sys.stderr.write("error: %s\n" % e)
        sys.stderr.write("%d error(s); %s not written\n" % (len(errors), os.path.basename(GOLD)))
        return 1
    out = render(spans)
    if "--check" in args:
        try:
            with open(GOLD, encoding="utf-8", newline="") as f:
                current = f.read()
        except OSError:
            current = None
        if current != out:
            sys.stderr.write("gold.jsonl is stale: run python3 corpus/annotate.py\n")
            return 1
    else:
        with open(GOLD, "w", encoding="utf-8", newline="\n") as f:
            f.write(out)
    docs = {s["doc"] for s in spans}
    req = sum(1 for s in spans if "need" not in s)
    sys.stderr.write("%s: %d spans (%d required, %d optional) in %d documents\n"
                     % (os.path.basename(GOLD), len(spans), req, len(spans) - req, len(docs)))
    if "--counts" in args:
        sys.stdout.write(counts_table(spans))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
