/* render_html.c - one self-contained HTML page for a class or an editor:
 * the text of each document with every finding highlighted in its
 * category's colour, details on hover or click, a summary panel (the index
 * and what it means, a bar chart per category, counts per severity) and,
 * for several documents, a sortable index of them. Inline CSS and a
 * little inline JavaScript; nothing is fetched, so the file works offline
 * and from a USB stick, and a Content-Security-Policy allows only the
 * page's own script (by its SHA-256), so markup that slipped through
 * could still not run.
 *
 * Safety: every byte that comes from a document, a rule or a file name
 * goes through render_xml, which escapes & < > " ' and replaces invalid
 * UTF-8 and control characters; nothing from a document is ever written
 * raw, into a <script> or into an attribute unescaped.
 *
 * Overlapping findings: every finding (every occurrence, for findings
 * about the whole document) is an interval of the text. Intervals are
 * opened longest first, so most overlaps nest; when an interval ends while
 * others opened after it are still open, those are closed and reopened
 * around it (the usual way to draw crossing ranges as nested elements). A
 * finding may so be drawn as several <mark> pieces, each naming it in
 * data-ref; nested marks draw their underlines one below the other, and
 * the pop-up lists every finding under the pointer.
 *
 * Colours: Paul Tol's "light" scheme, designed for text on coloured
 * backgrounds and distinguishable with the common colour-vision
 * deficiencies; 21 categories share its 9 colours, so each category also
 * has its own underline style (solid, dashed, dotted). On paper the
 * colour is gone, so each colour family prints with its own underline
 * style instead (threats solid, sourcing dotted, charged words double),
 * and the numbers lead to the printed list of findings. */
#include "render.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *name;  /* for people */
    const char *what;  /* one line, from TAXONOMY.md */
    const char *bg;    /* highlight */
    const char *ink;   /* underline and chart outline: a darker shade */
    const char *style; /* underline style */
    const char *print; /* underline style on paper: one per colour family,
                          as colour is gone there */
} category_look;

/* In TAXONOMY.md's order (slant_category_id); related categories share a
 * colour family: sourcing blues, intimidation oranges, wording pinks. */
static const category_look looks[] = {
    {"Unnamed source", "A claim rests on a source the reader cannot identify.", "#77AADD",
     "#1F5F99", "solid", "dotted"},
    {"Vague attribution", "A view presented as expert or majority opinion without saying whose.",
     "#99DDFF", "#1A7396", "solid", "dotted"},
    {"Hedging", "Speculation dressed as news; stacked or unsupported hedges.", "#DDDDDD",
     "#555555", "solid", "solid"},
    {"Bandwagon", "True because many believe it.", "#BBCC33", "#5F6B10", "solid", "dashed"},
    {"Doubt", "Wording that undermines credibility without evidence.", "#EEDD88", "#7A6A14",
     "solid", "dotted"},
    {"Scare quotes", "Quotation marks around a word or two to signal irony or doubt.", "#EEDD88",
     "#7A6A14", "dashed", "dotted"},
    {"Exaggeration", "Scale inflated or shrunk; certainty asserted.", "#AAAA00", "#5C5C00",
     "solid", "dashed"},
    {"Loaded language", "Emotionally charged words in place of description.", "#FFAABB",
     "#A8334F", "solid", "double"},
    {"Labeling", "A pejorative label pinned on an actor.", "#FFAABB", "#A8334F", "dashed", "double"},
    {"Euphemism", "A mild term hiding violence or responsibility.", "#44BB99", "#1C6E57",
     "solid", "dashed"},
    {"Agentless passive", "A passive that removes the doer of a harmful act.", "#99DDFF",
     "#1A7396", "dashed", "dotted"},
    {"Threat", "Threats and intimidation, often conditional, with a vague consequence.",
     "#EE8866", "#9A3D1C", "solid", "solid"},
    {"Fear appeal", "Anxiety instead of evidence.", "#EE8866", "#9A3D1C", "dashed", "solid"},
    {"Dehumanizing", "People described as animals, vermin, disease or floods.", "#FFAABB",
     "#A8334F", "dotted", "double"},
    {"Flag-waving", "National or group pride instead of reasons.", "#BBCC33", "#5F6B10",
     "dashed", "dashed"},
    {"Guilt by association", "Tainting by a link to a reviled figure.", "#AAAA00", "#5C5C00",
     "dashed", "dashed"},
    {"False dilemma", "Only two options, or only one.", "#77AADD", "#1F5F99", "dashed", "dotted"},
    {"Oversimplification", "A single cause or an inevitable chain.", "#44BB99", "#1C6E57",
     "dashed", "dashed"},
    {"Thought-terminating cliché", "Formulas and slogans that end discussion.", "#DDDDDD",
     "#555555", "dashed", "solid"},
    {"Urgency", "Manufactured time pressure.", "#EE8866", "#9A3D1C", "dotted", "solid"},
    {"Whataboutism", "Deflecting criticism onto the critic.", "#77AADD", "#1F5F99", "dotted", "dotted"},
};

#define NLOOKS (sizeof looks / sizeof looks[0])

static const category_look unknown_look = {"Other", "", "#DDDDDD", "#555555", "double", "solid"};

static const category_look *look(const char *category)
{
    int i = slant_category_find(category);
    return i >= 0 && (size_t)i < NLOOKS ? &looks[i] : &unknown_look;
}

static void esc(FILE *f, const char *s) { render_xmls(f, s ? s : "", 0); }

/* ------------------------------------------------------------------ */
/* The page's style and script                                          */

static const char *const css[] = {
    ":root{--ink:#1b1b1f;--muted:#55575f;--paper:#fff;--panel:#f5f5f2;--line:#d9d9d4;"
    "--accent:#1F5F99;--error:#A50026;--warning:#8A5A00;--info:#1F5F99}\n"
    "*{box-sizing:border-box}\n"
    "html{-webkit-text-size-adjust:100%}\n"
    "body{margin:0;background:var(--paper);color:var(--ink);"
    "font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif}\n"
    ".page{max-width:60rem;margin:0 auto;padding:1.5rem 1.25rem 4rem}\n"
    "header.top{border-bottom:3px solid var(--ink);margin-bottom:1.5rem;padding-bottom:.5rem}\n"
    "header.top h1{font-size:1.6rem;margin:0;letter-spacing:-.01em}\n"
    "header.top p{margin:.25rem 0 0;color:var(--muted)}\n"
    "h2{font-size:1.35rem;margin:2.5rem 0 .75rem;overflow-wrap:anywhere}\n"
    "h3{font-size:1.05rem;margin:1.75rem 0 .5rem;text-transform:uppercase;letter-spacing:.06em;"
    "color:var(--muted)}\n"
    "section.doc{border-top:1px solid var(--line)}\n"
    "section.doc:first-of-type{border-top:0}\n"
    ".summary{display:grid;grid-template-columns:minmax(14rem,1fr) minmax(16rem,1.4fr);gap:1rem;"
    "background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:1rem 1.25rem}\n"
    "@media (max-width:44rem){.summary{grid-template-columns:1fr}}\n"
    ".score .num{font-size:2.6rem;font-weight:700;line-height:1}\n"
    ".score .of{color:var(--muted);font-size:1.1rem}\n"
    ".score .band{display:inline-block;margin-left:.5rem;padding:.1rem .55rem;border-radius:99px;"
    "background:var(--ink);color:#fff;font-size:.8rem;font-weight:600;vertical-align:.6rem}\n"
    ".meter{margin:.5rem 0 .25rem;display:block;width:200px;height:12px}\n"
    ".score p{margin:.5rem 0 0}\n"
    ".small{font-size:.85rem;color:var(--muted)}\n"
    ".sevs{list-style:none;margin:.75rem 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.4rem}\n"
    ".sevs li{border:1.5px solid currentColor;border-radius:6px;padding:.05rem .5rem;"
    "font-weight:600;font-size:.9rem}\n"
    ".sev-error{color:var(--error)}.sev-warning{color:var(--warning)}.sev-info{color:var(--info)}\n"
    "figure.chart{margin:0}\n"
    "figure.chart figcaption{font-weight:600;margin-bottom:.35rem}\n"
    "figure.chart svg{width:100%;height:auto;max-width:34rem;font:13px system-ui,'DejaVu Sans',"
    "sans-serif}\n"
    "svg .label{fill:var(--ink)}svg .count{fill:var(--ink);font-weight:700}\n"
    ".legend{margin:1rem 0 0;padding:0;list-style:none;display:grid;"
    "grid-template-columns:repeat(auto-fill,minmax(17rem,1fr));gap:.35rem 1rem;font-size:.92rem}\n"
    ".legend li{display:flex;gap:.5rem;align-items:baseline}\n"
    ".legend .what{color:var(--muted)}\n"
    ".sw{display:inline-block;flex:none;width:1.6em;height:1em;border-radius:3px;"
    "background:var(--bg);border-bottom:3px var(--st) var(--ul);vertical-align:-.1em}\n",

    ".article{font:1.14rem/2.15 Charter,'Bitstream Charter','Iowan Old Style',Georgia,"
    "'DejaVu Serif',serif;white-space:pre-wrap;overflow-wrap:break-word;max-width:44rem;"
    "margin:1.25rem 0;padding:0}\n"
    "mark.m{color:inherit;background:var(--bg);border-bottom:3px var(--st) var(--ul);"
    "padding:.12em 0 .08em;border-radius:2px;cursor:pointer;"
    "-webkit-box-decoration-break:clone;box-decoration-break:clone}\n"
    "mark.m.k1{padding-bottom:calc(.08em + 5px)}\n"
    "mark.m.k2{padding-bottom:calc(.08em + 10px)}\n"
    "mark.m.k3{padding-bottom:calc(.08em + 15px)}\n"
    "mark.m:focus{outline:3px solid var(--ink);outline-offset:1px}\n"
    "mark.m.on{outline:2px solid var(--ink);outline-offset:1px}\n"
    "sup.fn{font:600 .62rem/1 system-ui,'DejaVu Sans',sans-serif;margin:0 .1em 0 .05em}\n"
    "sup.fn a{color:var(--muted);text-decoration:none}\n"
    "sup.fn a:hover{text-decoration:underline}\n"
    "ol.findings{padding:0;margin:0;list-style:none;counter-reset:none}\n"
    "li.finding{border:1px solid var(--line);border-left:6px solid var(--bg);border-radius:8px;"
    "padding:.6rem .9rem;margin:.6rem 0;background:#fff}\n"
    "li.finding:target{box-shadow:0 0 0 3px var(--ul)}\n"
    ".fhead{display:flex;flex-wrap:wrap;gap:.4rem;align-items:baseline}\n"
    ".fno{font-weight:700;color:var(--muted);min-width:1.6em}\n"
    ".msg{font-weight:700}\n"
    ".tag{font-size:.78rem;font-weight:700;text-transform:uppercase;letter-spacing:.04em;"
    "border:1.5px solid currentColor;border-radius:4px;padding:0 .3rem}\n"
    "blockquote.span{margin:.45rem 0;padding:.1rem .6rem;border-left:3px var(--st) var(--ul);"
    "font-family:Charter,Georgia,'DejaVu Serif',serif;white-space:pre-wrap;"
    "overflow-wrap:anywhere}\n"
    "dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem;margin:.4rem 0;"
    "font-size:.9rem}\n"
    "dl.facts dt{color:var(--muted)}dl.facts dd{margin:0;overflow-wrap:anywhere}\n"
    ".explain,.advice{margin:.4rem 0 0}\n"
    ".advice{padding:.35rem .6rem;background:var(--panel);border-radius:6px}\n"
    "code{font:.88em ui-monospace,'DejaVu Sans Mono',monospace}\n"
    ".notes{color:var(--error);font-weight:600}\n"
    "table.docs{border-collapse:collapse;width:100%;margin:1rem 0;font-size:.95rem}\n"
    "table.docs th,table.docs td{padding:.4rem .6rem;border-bottom:1px solid var(--line);"
    "text-align:right}\n"
    "table.docs th:first-child,table.docs td:first-child{text-align:left;"
    "overflow-wrap:anywhere}\n"
    "table.docs caption{text-align:left}\n"
    "table.docs th button{font:inherit;font-weight:700;background:none;border:0;padding:0;"
    "cursor:pointer;color:var(--ink)}\n"
    "table.docs th button::after{content:' \\2195';color:var(--muted);font-weight:400}\n"
    "table.docs th[aria-sort=ascending] button::after{content:' \\25B2'}\n"
    "table.docs th[aria-sort=descending] button::after{content:' \\25BC'}\n"
    "table.docs a{color:var(--accent)}\n",

    "#slant-pop{position:absolute;z-index:10;max-width:min(30rem,calc(100vw - 1rem));"
    "background:#fff;border:1px solid var(--ink);border-radius:10px;padding:.2rem .9rem .7rem;"
    "box-shadow:0 8px 28px rgba(0,0,0,.22);font-size:.95rem}\n"
    "#slant-pop .fbody+.fbody{border-top:1px solid var(--line);margin-top:.5rem}\n"
    "#slant-pop .close{float:right;margin:.4rem -.4rem 0 .5rem;background:none;border:0;"
    "font-size:1.3rem;line-height:1;cursor:pointer;color:var(--muted)}\n"
    ".fbody h4{margin:.55rem 0 0;font-size:1rem}\n"
    "footer.bottom{margin-top:3rem;font-size:.85rem;color:var(--muted);"
    "border-top:1px solid var(--line);padding-top:.75rem}\n"
    "@media print{\n"
    "body{font-size:10.5pt}\n"
    ".page{max-width:none;padding:0}\n"
    "#slant-pop,.noprint,table.docs th button::after{display:none!important}\n"
    "section.doc+section.doc{break-before:page}\n"
    ".summary{break-inside:avoid;background:none}\n"
    "mark.m{background:none!important;border-bottom:3px var(--pst) #000!important}\n"
    ".sw{background:none;border:1px solid #000;border-bottom:3px var(--pst) #000}\n"
    "sup.fn a{color:#000}\n"
    "li.finding{break-inside:avoid;border-left:4px var(--pst) #000}\n"
    "blockquote.span{border-left-style:var(--pst);border-left-color:#000}\n"
    "a{color:#000}\n"
    "}\n",
    NULL,
};

/* The page's script: the pop-up and the sortable index. It reads only the
 * DOM the page already holds (the finding's own list entry is cloned into
 * the pop-up), never text from strings, so nothing in a document can
 * become code. */
static const char js[] =
    "(function(){'use strict';\n"
    "var pop=document.getElementById('slant-pop'),pinned=null;\n"
    "function marksAt(m){var out=[];for(var e=m;e&&e.matches;e=e.parentElement)"
    "if(e.matches('mark.m'))out.push(e);return out;}\n"
    "function light(ref,on){document.querySelectorAll('mark.m').forEach(function(x){"
    "if(x.getAttribute('data-ref')===ref)x.classList.toggle('on',on);});}\n"
    "function hide(){if(pop.hidden)return;pop.hidden=true;"
    "document.querySelectorAll('mark.m.on').forEach(function(x){x.classList.remove('on');});}\n"
    "function show(m){var seen={},list=[];marksAt(m).forEach(function(e){"
    "var r=e.getAttribute('data-ref');if(!seen[r]){seen[r]=1;list.push(r);}});\n"
    "var kids=[];var b=document.createElement('button');b.className='close';b.type='button';"
    "b.setAttribute('aria-label','Close');b.textContent='\\u00d7';"
    "b.addEventListener('click',function(){pinned=null;hide();});kids.push(b);\n"
    "list.forEach(function(r){var li=document.getElementById(r);"
    "var body=li&&li.querySelector('.fbody');if(body){var c=body.cloneNode(true);"
    "c.className='fbody '+li.className.replace('finding','');c.removeAttribute('id');"
    "kids.push(c);}});\n"
    "if(kids.length<2)return;hide();pop.replaceChildren.apply(pop,kids);pop.hidden=false;"
    "list.forEach(function(r){light(r,true);});\n"
    "var rc=m.getBoundingClientRect(),w=pop.offsetWidth,vw=document.documentElement.clientWidth;"
    "var left=Math.max(8,Math.min(rc.left,vw-w-8));"
    "var ph=pop.offsetHeight,top=rc.bottom+8;"
    "if(top+ph>window.innerHeight&&rc.top-ph-8>0)top=rc.top-ph-8;"
    "pop.style.left=(left+window.scrollX)+'px';pop.style.top=(top+window.scrollY)+'px';}\n"
    "document.addEventListener('mouseover',function(e){var m=e.target.closest&&"
    "e.target.closest('mark.m');if(m&&!pinned)show(m);});\n"
    "document.addEventListener('mouseout',function(e){var m=e.target.closest&&"
    "e.target.closest('mark.m');if(m&&!pinned&&!(e.relatedTarget&&e.relatedTarget.closest&&"
    "e.relatedTarget.closest('mark.m')))hide();});\n"
    "document.addEventListener('click',function(e){var m=e.target.closest&&"
    "e.target.closest('mark.m');if(m){pinned=m;show(m);e.preventDefault();}"
    "else if(!pop.contains(e.target)){pinned=null;hide();}});\n"
    "document.addEventListener('focusin',function(e){var m=e.target.closest&&"
    "e.target.closest('mark.m');if(m){pinned=m;show(m);}});\n"
    "document.addEventListener('keydown',function(e){if(e.key==='Escape'){pinned=null;hide();}"
    "else if((e.key==='Enter'||e.key===' ')&&e.target.matches&&e.target.matches('mark.m'))"
    "{e.preventDefault();pinned=e.target;show(e.target);}});\n"
    "document.querySelectorAll('table.docs').forEach(function(t){"
    "t.querySelectorAll('thead th').forEach(function(th,col){var b=th.querySelector('button');"
    "if(!b)return;b.addEventListener('click',function(){"
    "var asc=th.getAttribute('aria-sort')!=='ascending';"
    "t.querySelectorAll('thead th').forEach(function(h){h.removeAttribute('aria-sort');});"
    "th.setAttribute('aria-sort',asc?'ascending':'descending');"
    "var rows=Array.prototype.slice.call(t.tBodies[0].rows);"
    "rows.sort(function(x,y){var a=x.cells[col].getAttribute('data-v'),"
    "c=y.cells[col].getAttribute('data-v'),na=parseFloat(a),nc=parseFloat(c);"
    "var r=(!isNaN(na)&&!isNaN(nc))?na-nc:a.localeCompare(c);return asc?r:-r;});"
    "rows.forEach(function(r){t.tBodies[0].appendChild(r);});});});});\n"
    "document.querySelectorAll('mark.m[title]').forEach(function(m){"
    "m.removeAttribute('title');});\n"
    "var h=location.hash.slice(1);if(/^d[0-9]+-f[0-9]+$/.test(h)){"
    "var t=document.querySelector('mark.m[data-ref=\"'+h+'\"]');"
    "if(t){t.scrollIntoView({block:'center'});pinned=t;show(t);}}\n"
    "document.documentElement.setAttribute('data-slant-ready','1');\n"
    "})();\n";

/* ------------------------------------------------------------------ */
/* SHA-256 (FIPS 180-4), for the script's hash in the page's
 * Content-Security-Policy. */

typedef struct {
    uint32_t h[8];
    unsigned char block[64];
    size_t nblock;
    uint64_t bits;
} sha256;

static const uint32_t sha_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
    0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
    0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
    0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
    0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
    0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2};

static uint32_t ror(uint32_t x, unsigned n) { return (x >> n) | (x << (32 - n)); }

static void sha_block(sha256 *s)
{
    uint32_t w[64];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)s->block[4 * i] << 24 | (uint32_t)s->block[4 * i + 1] << 16 |
               (uint32_t)s->block[4 * i + 2] << 8 | s->block[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = s->h[0], b = s->h[1], c = s->h[2], d = s->h[3], e = s->h[4], f = s->h[5],
             g = s->h[6], h = s->h[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = h + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) +
                      sha_k[i] + w[i];
        uint32_t t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        h = g, g = f, f = e, e = d + t1, d = c, c = b, b = a, a = t1 + t2;
    }
    s->h[0] += a, s->h[1] += b, s->h[2] += c, s->h[3] += d;
    s->h[4] += e, s->h[5] += f, s->h[6] += g, s->h[7] += h;
}

/* The base64 of the SHA-256 of s, as CSP's 'sha256-...' wants it. */
static void sha256_base64(char out[45], const char *text, size_t n)
{
    sha256 s = {{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c,
                 0x1f83d9ab, 0x5be0cd19},
                {0},
                0,
                0};
    const unsigned char *p = (const unsigned char *)text;
    for (size_t i = 0; i < n; i++) {
        s.block[s.nblock++] = p[i];
        if (s.nblock == 64)
            sha_block(&s), s.nblock = 0;
    }
    s.bits = (uint64_t)n * 8;
    s.block[s.nblock++] = 0x80;
    if (s.nblock > 56) {
        while (s.nblock < 64)
            s.block[s.nblock++] = 0;
        sha_block(&s), s.nblock = 0;
    }
    while (s.nblock < 56)
        s.block[s.nblock++] = 0;
    for (int i = 7; i >= 0; i--)
        s.block[s.nblock++] = (unsigned char)(s.bits >> (8 * i));
    sha_block(&s);
    unsigned char digest[33];
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 4; j++)
            digest[4 * i + j] = (unsigned char)(s.h[i] >> (24 - 8 * j));
    digest[32] = 0;
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t o = 0;
    for (int i = 0; i < 33; i += 3) {
        uint32_t v = (uint32_t)digest[i] << 16 | (uint32_t)digest[i + 1] << 8 |
                     (i + 2 < 33 ? digest[i + 2] : 0);
        out[o++] = b64[v >> 18 & 63];
        out[o++] = b64[v >> 12 & 63];
        out[o++] = i + 1 < 32 ? b64[v >> 6 & 63] : '=';
        out[o++] = i + 2 < 32 ? b64[v & 63] : '=';
    }
    out[44] = '\0';
}

/* ------------------------------------------------------------------ */
/* Pieces of a report                                                   */

static const char *band(int index)
{
    return index < 20 ? "low" : index < 50 ? "moderate" : index < 80 ? "high" : "very high";
}

static const char *meaning(int index)
{
    if (index < 20)
        return "Few framing cues for a text of this length.";
    if (index < 50)
        return "Some framing cues: read the marked passages closely.";
    if (index < 80)
        return "Many framing cues for a text of this length.";
    return "Framing cues are dense: most paragraphs carry one.";
}

static void plural(FILE *f, size_t n, const char *one, const char *many)
{
    fprintf(f, "%zu %s", n, n == 1 ? one : many);
}

static void put_sevs(FILE *f, const size_t sev[3])
{
    fputs("<ul class=\"sevs\" aria-label=\"Findings by severity\">", f);
    fputs("<li class=\"sev-error\">&#9632; ", f);
    plural(f, sev[SLANT_SEVERITY_ERROR], "error", "errors");
    fputs("</li><li class=\"sev-warning\">&#9650; ", f);
    plural(f, sev[SLANT_SEVERITY_WARNING], "warning", "warnings");
    fprintf(f, "</li><li class=\"sev-info\">&#9679; %zu info</li></ul>\n",
            sev[SLANT_SEVERITY_INFO]);
}

static void put_index(FILE *f, int index, const char *what)
{
    fprintf(f, "<div class=\"score\"><div><span class=\"num\">%d</span><span class=\"of\">/100"
               "</span><span class=\"band\">%s</span></div>\n",
            index, band(index));
    fprintf(f, "<svg class=\"meter\" viewBox=\"0 0 200 12\" role=\"img\" aria-label=\"index %d "
               "of 100\"><rect width=\"200\" height=\"12\" rx=\"6\" fill=\"#e4e4df\"/>"
               "<rect width=\"%d\" height=\"12\" rx=\"6\" fill=\"#1b1b1f\"/></svg>\n",
            index, index * 2);
    fprintf(f, "<p><b>%s</b> %s</p>\n", what, meaning(index));
    fputs("<p class=\"small\">The index runs from 0 to 100 and grows with the density of "
          "findings per 1,000 words, each weighted by its severity (quoted speech counts half), "
          "so long and short texts compare fairly. It counts surface cues only: a finding is a "
          "place to look, not a verdict, and a low index does not mean a text is fair.</p></div>\n",
          f);
}

/* A horizontal bar chart of findings per category, most first. */
static void put_chart(FILE *f, const size_t counts[NLOOKS])
{
    size_t order[NLOOKS], n = 0, max = 0;
    for (size_t i = 0; i < NLOOKS; i++)
        if (counts[i]) {
            size_t k = n++;
            while (k > 0 && counts[order[k - 1]] < counts[i]) {
                order[k] = order[k - 1];
                k--;
            }
            order[k] = i;
            if (counts[i] > max)
                max = counts[i];
        }
    fputs("<figure class=\"chart\"><figcaption>Findings per category</figcaption>\n", f);
    if (n == 0) {
        fputs("<p class=\"small\">No findings.</p></figure>\n", f);
        return;
    }
    const int row = 26, label = 190, width = 250;
    fprintf(f, "<svg viewBox=\"0 0 %d %zu\" role=\"img\" aria-label=\"Findings per category\">\n",
            label + width + 40, (size_t)row * n + 4);
    for (size_t k = 0; k < n; k++) {
        const category_look *c = &looks[order[k]];
        size_t y = (size_t)row * k + 2;
        int w = (int)((double)width * (double)counts[order[k]] / (double)max + 0.5);
        if (w < 3)
            w = 3;
        fprintf(f, "<g><title>%s: %zu</title>", c->name, counts[order[k]]);
        fprintf(f, "<text class=\"label\" x=\"%d\" y=\"%zu\" text-anchor=\"end\">%s</text>",
                label - 8, y + 17, c->name);
        fprintf(f, "<rect x=\"%d\" y=\"%zu\" width=\"%d\" height=\"20\" rx=\"3\" fill=\"%s\" "
                   "stroke=\"%s\" stroke-width=\"1.5\"/>",
                label, y + 2, w, c->bg, c->ink);
        fprintf(f, "<text class=\"count\" x=\"%d\" y=\"%zu\">%zu</text></g>\n", label + w + 6,
                y + 17, counts[order[k]]);
    }
    fputs("</svg></figure>\n", f);
}

static void put_legend(FILE *f, const size_t counts[NLOOKS])
{
    fputs("<ul class=\"legend\" aria-label=\"Colour key\">\n", f);
    for (size_t i = 0; i < NLOOKS; i++)
        if (counts[i])
            fprintf(f, "<li class=\"cat-%s\"><span class=\"sw\"></span><span><b>%s</b> "
                       "<span class=\"what\">%s</span></span></li>\n",
                    slant_category_id(i), looks[i].name, looks[i].what);
    fputs("</ul>\n", f);
}

static void category_counts(size_t counts[NLOOKS], const slant_report *rep)
{
    for (size_t i = 0; i < rep->n; i++) {
        int c = slant_category_find(rep->findings[i].category);
        if (c >= 0 && (size_t)c < NLOOKS)
            counts[c]++;
    }
}

/* ---- the annotated text ---- */

typedef struct {
    size_t start, end; /* bytes of the original */
    size_t f;          /* the finding */
    unsigned over;     /* the most marks ever nested inside it */
} ival;

static int ival_cmp(const void *a, const void *b)
{
    const ival *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end > y->end ? -1 : 1; /* longer first: it is the outer one */
    return x->f < y->f ? -1 : x->f > y->f;
}

static int size_cmp(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

static void open_mark(FILE *f, const slant_report *rep, const ival *v, unsigned number,
                      int first)
{
    const slant_finding *x = &rep->findings[v->f];
    fputs("<mark class=\"m cat-", f);
    esc(f, x->category);
    if (v->over)
        fprintf(f, " k%u", v->over < 3 ? v->over : 3);
    fprintf(f, "\" data-ref=\"d%u-f%zu\"", number, v->f + 1);
    if (first) {
        /* one tab stop per finding; the full entry describes it */
        fprintf(f, " tabindex=\"0\" aria-describedby=\"d%u-f%zu\"", number, v->f + 1);
    }
    fputs(" title=\"", f);
    esc(f, x->message);
    fputs(" (", f);
    esc(f, look(x->category)->name);
    fputs(")\">", f);
}

typedef struct {
    ival *iv;
    size_t n;
    size_t *cuts, ncuts;
    size_t *stack, *keep;
} layout;

/* Walks the cut points, opening and closing marks. Without `f` it only
 * measures how many marks ever lie above each interval (iv[].over), so
 * that the real pass can drop an outer mark's underline below the inner
 * ones: the inner mark's background would hide it otherwise. */
static void walk_marks(FILE *f, layout *L, const slant_doc *doc, const slant_report *rep,
                       unsigned number)
{
    ival *iv = L->iv;
    const char *text = (const char *)doc->orig;
    size_t pos = 0, next = 0, depth = 0;
    for (size_t c = 0; c < L->ncuts; c++) {
        size_t b = L->cuts[c];
        if (b < pos)
            continue;
        if (f)
            render_xml(f, text + pos, b - pos, 0);
        pos = b;
        /* close what ends here, reopening what opened inside it */
        size_t low = depth;
        for (size_t s = 0; s < depth; s++)
            if (iv[L->stack[s]].end == b) {
                low = s;
                break;
            }
        size_t nkeep = 0;
        for (size_t s = depth; s-- > low;) {
            const ival *v = &iv[L->stack[s]];
            if (f)
                fputs("</mark>", f);
            if (v->end != b)
                L->keep[nkeep++] = L->stack[s];
            else if (f)
                fprintf(f, "<sup class=\"fn\"><a href=\"#d%u-f%zu\">%zu</a></sup>", number,
                        v->f + 1, v->f + 1);
        }
        depth = low;
        while (nkeep) {
            size_t id = L->keep[--nkeep];
            if (f)
                open_mark(f, rep, &iv[id], number, 0);
            L->stack[depth++] = id;
        }
        while (next < L->n && iv[next].start == b) {
            if (f)
                open_mark(f, rep, &iv[next], number, 1);
            L->stack[depth++] = next++;
        }
        for (size_t s = 0; !f && s < depth; s++)
            if (iv[L->stack[s]].over < depth - 1 - s)
                iv[L->stack[s]].over = (unsigned)(depth - 1 - s);
    }
}

static int put_text(FILE *f, const slant_doc *doc, const slant_report *rep, unsigned number)
{
    size_t n = 0;
    for (size_t i = 0; i < rep->n; i++)
        n += rep->findings[i].noccurrences ? rep->findings[i].noccurrences : 1;
    layout L = {0};
    L.iv = calloc(n ? n : 1, sizeof *L.iv);
    L.cuts = calloc(2 * n + 2, sizeof *L.cuts);
    L.stack = calloc(n ? n : 1, sizeof *L.stack);
    L.keep = calloc(n ? n : 1, sizeof *L.keep);
    if (!L.iv || !L.cuts || !L.stack || !L.keep) {
        free(L.iv), free(L.cuts), free(L.stack), free(L.keep);
        return SLANT_ENOMEM;
    }
    size_t k = 0;
    /* offsets count from the whole text; a part's bytes start at part.byte */
    size_t base = doc->part.byte;
    for (size_t i = 0; i < rep->n; i++) {
        const slant_finding *x = &rep->findings[i];
        if (x->noccurrences) {
            for (size_t o = 0; o < x->noccurrences; o++)
                if (x->occurrences[o].start >= base)
                    L.iv[k++] = (ival){x->occurrences[o].start - base,
                                       x->occurrences[o].end - base, i, 0};
        } else if (x->start >= base) {
            L.iv[k++] = (ival){x->start - base, x->end - base, i, 0};
        }
    }
    size_t m = 0;
    for (size_t i = 0; i < k; i++) /* drop what could not be drawn */
        if (L.iv[i].start < L.iv[i].end && L.iv[i].end <= doc->len)
            L.iv[m++] = L.iv[i];
    L.n = m;
    qsort(L.iv, L.n, sizeof *L.iv, ival_cmp);
    for (size_t i = 0; i < L.n; i++)
        L.cuts[L.ncuts++] = L.iv[i].start, L.cuts[L.ncuts++] = L.iv[i].end;
    L.cuts[L.ncuts++] = doc->len;
    qsort(L.cuts, L.ncuts, sizeof *L.cuts, size_cmp);
    walk_marks(NULL, &L, doc, rep, number);
    fputs("<div class=\"article\">", f);
    walk_marks(f, &L, doc, rep, number);
    fputs("</div>\n", f);
    free(L.iv), free(L.cuts), free(L.stack), free(L.keep);
    return 0;
}

static void put_finding(FILE *f, const slant_doc *doc, const slant_report *rep, size_t i,
                        unsigned number)
{
    const slant_finding *x = &rep->findings[i];
    const rule_src *rs = render_rule(rep, i);
    const char *sev = slant_severity_name(x->severity);
    fputs("<li class=\"finding cat-", f);
    esc(f, x->category);
    fprintf(f, "\" id=\"d%u-f%zu\"><div class=\"fbody\">\n", number, i + 1);
    fprintf(f, "<div class=\"fhead\"><span class=\"fno\">%zu</span><span class=\"sw\"></span>"
               "<span class=\"tag sev-%s\">%s</span> <span class=\"msg\">",
            i + 1, sev, sev);
    esc(f, x->message);
    fputs("</span></div>\n<blockquote class=\"span\">", f);
    esc(f, x->text);
    fputs("</blockquote>\n<dl class=\"facts\"><dt>Category</dt><dd>", f);
    esc(f, look(x->category)->name);
    fputs(" <code>", f);
    esc(f, x->category);
    fputs("</code></dd><dt>Voice</dt><dd>", f);
    fputs(x->voice == SLANT_VOICE_QUOTE
              ? "quoted speech: someone the text quotes said it, not the author"
              : "the author's own words",
          f);
    if (x->mention)
        fputs("; mentioned, not used (the text introduces the words as words)", f);
    fprintf(f, "</dd><dt>Where</dt><dd>line %u, column %u", x->line, x->column);
    if (x->noccurrences) {
        fprintf(f, "; %zu times:", x->noccurrences);
        for (size_t k = 0; k < x->noccurrences; k++)
            fprintf(f, "%s line %u, column %u", k ? ";" : "", x->occurrences[k].line,
                    x->occurrences[k].column);
    }
    fputs("</dd><dt>Rule</dt><dd><code>", f);
    esc(f, x->rule);
    fputs("</code></dd></dl>\n", f);
    if (rs->explain && *rs->explain) {
        fputs("<h4>What it is</h4><p class=\"explain\">", f);
        esc(f, rs->explain);
        fputs("</p>\n", f);
    }
    if (x->advice && *x->advice) {
        fputs("<p class=\"advice\"><b>Advice for editors:</b> ", f);
        esc(f, x->advice);
        fputs("</p>\n", f);
    }
    (void)doc;
    fputs("</div></li>\n", f);
}

int slant_html_write_document(FILE *f, const slant_doc *doc, const slant_report *rep,
                              unsigned number)
{
    if (!f || !doc || !rep)
        return SLANT_EINVAL;
    size_t sev[3] = {0}, counts[NLOOKS] = {0};
    for (size_t i = 0; i < rep->n; i++)
        sev[rep->findings[i].severity]++;
    category_counts(counts, rep);
    fprintf(f, "<section class=\"doc\" id=\"d%u\" aria-labelledby=\"d%u-h\">\n<h2 id=\"d%u-h\">",
            number, number, number);
    esc(f, doc->name);
    fputs("</h2>\n<div class=\"summary\">\n<div>\n", f);
    put_index(f, rep->score.index, "This text:");
    put_sevs(f, sev);
    fputs("</div>\n<div>\n", f);
    put_chart(f, counts);
    fprintf(f, "<p class=\"small\">%zu words, %zu sentences; score ", doc->nwords, doc->nsents);
    render_number(f, rep->score.total);
    fputs(" (", f);
    render_number(f, rep->score.density);
    fputs(" per 1,000 words).</p>\n</div>\n</div>\n", f);
    if (rep->n)
        put_legend(f, counts);
    if (rep->nincomplete || doc->nerrors) {
        fputs("<ul class=\"notes\">\n", f);
        for (size_t i = 0; i < rep->nincomplete; i++) {
            fputs("<li>Rule <code>", f);
            esc(f, rep->incomplete[i]);
            fputs("</code> did not finish (", f);
            esc(f, rep->incomplete_why[i]);
            fputs("): its findings here are incomplete.</li>\n", f);
        }
        for (size_t i = 0; i < doc->nerrors; i++) {
            fprintf(f, "<li>Line %u, column %u: ", doc->errors[i].line, doc->errors[i].column);
            esc(f, doc->errors[i].message);
            fputs("</li>\n", f);
        }
        fputs("</ul>\n", f);
    }
    fputs("<h3>The text</h3>\n", f);
    if (rep->n)
        fputs("<p class=\"small noprint\">Point at or click a highlight (or tab to it) to see "
              "what was found and why; the numbers lead to the list below.</p>\n",
              f);
    int rc = put_text(f, doc, rep, number);
    if (rep->n) {
        fputs("<h3>Findings</h3>\n<ol class=\"findings\">\n", f);
        for (size_t i = 0; i < rep->n; i++)
            put_finding(f, doc, rep, i, number);
        fputs("</ol>\n", f);
    }
    fputs("</section>\n", f);
    if (rc == 0 && ferror(f))
        rc = SLANT_EIO;
    return rc;
}

/* The text of the page's <style> element, with the caller's `extra`
 * rules: one builder for the page and for the hash of its policy. */
static void style_text(buf *b, const char *extra)
{
    buf_addc(b, '\n');
    for (size_t i = 0; css[i]; i++)
        buf_adds(b, css[i]);
    for (size_t i = 0; i < NLOOKS; i++)
        buf_printf(b, ".cat-%s{--bg:%s;--ul:%s;--st:%s;--pst:%s}\n", slant_category_id(i),
                   looks[i].bg, looks[i].ink, looks[i].style, looks[i].print);
    buf_printf(b, ".m:not([class*=cat-]){--bg:%s;--ul:%s;--st:%s;--pst:%s}\n", unknown_look.bg,
               unknown_look.ink, unknown_look.style, unknown_look.print);
    if (extra)
        buf_adds(b, extra);
}

int slant_html_write_head_css(FILE *f, const char *title, const char *extra)
{
    if (!f)
        return SLANT_EINVAL;
    buf style = {0};
    style_text(&style, extra);
    if (!buf_str(&style)) {
        buf_free(&style);
        return SLANT_ENOMEM;
    }
    char hash[45];
    sha256_base64(hash, js, strlen(js));
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n", f);
    fprintf(f, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
               "style-src 'unsafe-inline'; img-src data:; script-src 'sha256-%s'\">\n",
            hash);
    fputs("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n", f);
    fprintf(f, "<meta name=\"generator\" content=\"slant %s\">\n<title>", SLANT_VERSION);
    esc(f, title ? title : "slant report");
    fputs("</title>\n<style>", f);
    fwrite(style.data, 1, style.len, f);
    fputs("</style>\n</head>\n<body>\n<div class=\"page\">\n", f);
    buf_free(&style);
    return ferror(f) ? SLANT_EIO : 0;
}

int slant_html_write_head(FILE *f, const char *title)
{
    return slant_html_write_head_css(f, title, NULL);
}

int slant_html_csp(char **out, const char *extra)
{
    if (!out)
        return SLANT_EINVAL;
    *out = NULL;
    buf style = {0};
    style_text(&style, extra);
    if (!buf_str(&style)) {
        buf_free(&style);
        return SLANT_ENOMEM;
    }
    char shash[45], jhash[45];
    sha256_base64(shash, style.data, style.len);
    sha256_base64(jhash, js, strlen(js));
    buf_free(&style);
    buf policy = {0};
    buf_printf(&policy, "style-src 'sha256-%s'; script-src 'sha256-%s'", shash, jhash);
    if (!buf_str(&policy)) {
        buf_free(&policy);
        return SLANT_ENOMEM;
    }
    *out = policy.data; /* the buffer is the string: handed over */
    return 0;
}

int slant_html_escape(FILE *f, const char *s, size_t n)
{
    if (!f || (!s && n))
        return SLANT_EINVAL;
    if (n)
        render_xml(f, s, n, 0);
    return ferror(f) ? SLANT_EIO : 0;
}

int slant_json_write_string(FILE *f, const char *s)
{
    if (!f)
        return SLANT_EINVAL;
    render_json_string(f, s ? s : "");
    return ferror(f) ? SLANT_EIO : 0;
}

int slant_html_write_tail(FILE *f)
{
    if (!f)
        return SLANT_EINVAL;
    fprintf(f, "<footer class=\"bottom\">Made by slant %s. slant finds surface cues of framing "
               "and propaganda techniques; it does not detect straw men, irony, insinuation or "
               "bias by omission, and every finding is a place to look, not a verdict."
               "</footer>\n</div>\n",
            SLANT_VERSION);
    fputs("<div id=\"slant-pop\" role=\"dialog\" aria-label=\"Finding details\" hidden></div>\n"
          "<script>",
          f);
    fputs(js, f);
    fputs("</script>\n</body>\n</html>\n", f);
    return ferror(f) ? SLANT_EIO : 0;
}

/* ------------------------------------------------------------------ */
/* The html format: documents are written to memory, so the page can open
 * with the index of all of them. */

typedef struct {
    char *name;
    char *error; /* could not be read: why */
    unsigned number;
    int index;
    size_t findings, sev[3], words;
} doc_row;

typedef struct {
    FILE *m;
    char *data;
    size_t len;
    doc_row *rows;
    size_t nrows, cap;
    size_t counts[NLOOKS];
    int failed;
} html_state;

static html_state *hstate(slant_renderer *r)
{
    if (!r->state) {
        html_state *st = calloc(1, sizeof *st);
        if (!st)
            return NULL;
        st->m = open_memstream(&st->data, &st->len);
        if (!st->m) {
            free(st);
            return NULL;
        }
        r->state = st;
    }
    return r->state;
}

static doc_row *add_row(html_state *st, const char *name)
{
    if (grow(&st->rows, &st->cap, st->nrows + 1, sizeof *st->rows) != 0) {
        st->failed = 1;
        return NULL;
    }
    doc_row *row = &st->rows[st->nrows];
    memset(row, 0, sizeof *row);
    if (!(row->name = str_dup(name))) {
        st->failed = 1;
        return NULL;
    }
    row->number = (unsigned)++st->nrows;
    return row;
}

static int html_doc(slant_renderer *r, const slant_doc *doc, const slant_report *rep)
{
    html_state *st = hstate(r);
    if (!st)
        return SLANT_ENOMEM;
    doc_row *row = add_row(st, doc->name);
    if (!row)
        return SLANT_ENOMEM;
    row->index = rep->score.index;
    row->findings = rep->n;
    row->words = doc->nwords;
    for (size_t i = 0; i < rep->n; i++)
        row->sev[rep->findings[i].severity]++;
    category_counts(st->counts, rep);
    int rc = slant_html_write_document(st->m, doc, rep, row->number);
    if (rc == SLANT_ENOMEM)
        st->failed = 1;
    return rc;
}

static int html_error(slant_renderer *r, const char *path, const char *message)
{
    html_state *st = hstate(r);
    if (!st)
        return SLANT_ENOMEM;
    doc_row *row = add_row(st, path);
    if (!row || !(row->error = str_dup(message))) {
        st->failed = 1;
        return SLANT_ENOMEM;
    }
    return 0;
}

static void put_overview(FILE *f, const html_state *st, const slant_renderer *r)
{
    fputs("<section class=\"overview\" aria-labelledby=\"overview-h\">\n"
          "<h2 id=\"overview-h\">All documents</h2>\n<div class=\"summary\">\n<div>\n",
          f);
    /* the index of the whole set: the mean of the documents' indexes */
    double sum = 0;
    size_t scanned = 0;
    for (size_t i = 0; i < st->nrows; i++)
        if (!st->rows[i].error)
            sum += st->rows[i].index, scanned++;
    int mean = scanned ? (int)(sum / (double)scanned + 0.5) : 0;
    put_index(f, mean, "Mean index:");
    put_sevs(f, r->findings);
    fputs("</div>\n<div>\n", f);
    put_chart(f, st->counts);
    fprintf(f, "<p class=\"small\">%zu documents checked", scanned);
    if (r->nerrors)
        fprintf(f, ", %zu could not be read", r->nerrors);
    fputs(".</p>\n</div>\n</div>\n", f);
    put_legend(f, st->counts);
    fputs("<table class=\"docs\">\n<caption class=\"small\">Click a column to sort.</caption>\n"
          "<thead><tr><th scope=\"col\"><button type=\"button\">Document</button></th>"
          "<th scope=\"col\"><button type=\"button\">Index</button></th>"
          "<th scope=\"col\"><button type=\"button\">Findings</button></th>"
          "<th scope=\"col\"><button type=\"button\">Errors</button></th>"
          "<th scope=\"col\"><button type=\"button\">Warnings</button></th>"
          "<th scope=\"col\"><button type=\"button\">Info</button></th>"
          "<th scope=\"col\"><button type=\"button\">Words</button></th></tr></thead>\n<tbody>\n",
          f);
    for (size_t i = 0; i < st->nrows; i++) {
        const doc_row *row = &st->rows[i];
        fputs("<tr><td data-v=\"", f);
        esc(f, row->name);
        fputs("\">", f);
        if (row->error) {
            esc(f, row->name);
            fputs(" <span class=\"notes\">could not be read: ", f);
            esc(f, row->error);
            fputs("</span></td><td data-v=\"-1\">–</td><td data-v=\"-1\">–</td>"
                  "<td data-v=\"-1\">–</td><td data-v=\"-1\">–</td><td data-v=\"-1\">–</td>"
                  "<td data-v=\"-1\">–</td></tr>\n",
                  f);
            continue;
        }
        fprintf(f, "<a href=\"#d%u\">", row->number);
        esc(f, row->name);
        fprintf(f, "</a></td><td data-v=\"%d\">%d</td><td data-v=\"%zu\">%zu</td>"
                   "<td data-v=\"%zu\">%zu</td><td data-v=\"%zu\">%zu</td>"
                   "<td data-v=\"%zu\">%zu</td><td data-v=\"%zu\">%zu</td></tr>\n",
                row->index, row->index, row->findings, row->findings, row->sev[2], row->sev[2],
                row->sev[1], row->sev[1], row->sev[0], row->sev[0], row->words, row->words);
    }
    fputs("</tbody>\n</table>\n</section>\n", f);
}

static int html_finish(slant_renderer *r)
{
    html_state *st = hstate(r);
    if (!st)
        return SLANT_ENOMEM;
    if (fflush(st->m) != 0)
        st->failed = 1;
    if (st->failed)
        return SLANT_ENOMEM;
    FILE *f = r->out;
    buf title = {0};
    if (st->nrows == 1)
        buf_printf(&title, "slant report: %s", st->rows[0].name);
    else
        buf_printf(&title, "slant report: %zu documents", st->nrows);
    int rc = slant_html_write_head(f, buf_str(&title) ? buf_str(&title) : "slant report");
    buf_free(&title);
    fputs("<header class=\"top\"><h1>slant report</h1>\n<p>Rhetorical and framing patterns, "
          "highlighted in the text with an explanation of each.</p></header>\n",
          f);
    if (st->nrows != 1)
        put_overview(f, st, r);
    else if (st->rows[0].error) {
        fputs("<p class=\"notes\">", f);
        esc(f, st->rows[0].name);
        fputs(" could not be read: ", f);
        esc(f, st->rows[0].error);
        fputs("</p>\n", f);
    }
    fwrite(st->data, 1, st->len, f);
    if (rc == 0)
        rc = slant_html_write_tail(f);
    return rc;
}

static void html_free(slant_renderer *r)
{
    html_state *st = r->state;
    if (!st)
        return;
    if (st->m)
        fclose(st->m);
    free(st->data);
    for (size_t i = 0; i < st->nrows; i++) {
        free(st->rows[i].name);
        free(st->rows[i].error);
    }
    free(st->rows);
    free(st);
    r->state = NULL;
}

const render_ops render_html_ops = {html_doc, html_error, html_finish, html_free};
