/* fuzz.h - what every fuzz target provides: libFuzzer's entry point. The
 * same targets link against libFuzzer (`make fuzz`) or against replay.c, a
 * plain main() that feeds files (`make test` replays every seed and every
 * saved regression input). */
#ifndef SLANT_FUZZ_H
#define SLANT_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stops the run with a message when an invariant does not hold: the
 * sanitizers and libFuzzer both report an abort with the input. */
#define FUZZ_CHECK(cond)                                                                  \
    do {                                                                                  \
        if (!(cond)) {                                                                    \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond);   \
            abort();                                                                      \
        }                                                                                 \
    } while (0)

#endif
