/* jit.h - JIT-compile a program only once it has earned it (internal).
 *
 * JIT machine code is most of slant's memory and start-up: with the
 * default rules, compiling every program up front took about 32 MB and
 * 0.4 s, while on news text a third of the programs never run (guards of
 * rare cues, cues of other genres) and half run fewer than a hundred
 * times in 10 MB. So a program starts in PCRE2's interpreter, and the
 * scan that makes its JIT_AFTER-th call JIT-compiles a copy of it and
 * publishes the copy; every call after that, from any thread, runs the
 * machine code. Both give the same matches (PCRE2 guarantees it, and
 * tests/engines compares whole scans).
 *
 * A count alone is not enough over a long run: by 50 MB nearly every
 * program has made 32 calls, and all of them are compiled (24 MB of
 * machine code), though two thirds of those called are called fewer
 * than 20 times a megabyte and make 7% of the calls together (10 times:
 * half of them, 10 MB of code, 3.5% of the calls). So a program must also be
 * called at least JIT_RATE times per megabyte scanned so far, counting
 * every document scanned with the rule set, in any thread. The test is
 * made when the count reaches JIT_AFTER and each power of two after it:
 * a program that turns hot late is compiled before its count doubles
 * again, and the test costs nothing between. On a short run (one
 * article) the rate is always met, and the count decides as before.
 * The rate was 10 until the ninth round of rules took a run of 1 GB on
 * two threads past 64 MB; at 20 it took 5.8 MB less over 50 MB, in the
 * same time.
 *
 * Thread safety: the rule set is shared by scanners in many threads. The
 * copy is published with a release store and read with an acquire load,
 * so a thread that sees it sees it whole; only the call that takes the
 * program's flag from 0 to 1 compiles, so no program is compiled twice;
 * calls made meanwhile run the interpreter on the original, which no one
 * writes to. */
#ifndef SLANT_JIT_H
#define SLANT_JIT_H

#include <stddef.h>
#include <stdint.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

/* calls a program runs interpreted before it is JIT-compiled */
#ifndef JIT_AFTER
#define JIT_AFTER 32
#endif
/* calls per megabyte scanned a program needs to be JIT-compiled */
#ifndef JIT_RATE
#define JIT_RATE 20
#endif

typedef struct jit_tiers jit_tiers;

/* Tiers for programs 0 .. n-1. With enabled 0 (no JIT on this machine,
 * or SLANT_NO_JIT for valgrind) every program stays interpreted. NULL
 * when out of memory. */
jit_tiers *jit_tiers_new(size_t n, int enabled);
void jit_tiers_free(jit_tiers *t);

/* The code to run for program id, whose original is base: counts the
 * call, JIT-compiles at the threshold. Never NULL. */
const pcre2_code *jit_code(jit_tiers *t, uint32_t id, const pcre2_code *base);

/* Count n bytes of text scanned with the rule set (one document). */
void jit_note_bytes(jit_tiers *t, size_t n);

/* How many JIT compilations were made: once per program at most. */
size_t jit_compiled(jit_tiers *t);

#endif
