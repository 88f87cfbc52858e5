# slant - see README.md. `make demo` and `make test` install what they need.
PREFIX ?= /usr/local
DESTDIR ?=
B ?= build
CC ?= cc
CFLAGS ?= -O2 -g
WARN = -std=c11 -Wall -Wextra -Werror -Wpedantic -Wshadow -Wstrict-prototypes
DEFS = -D_POSIX_C_SOURCE=200809L
# recursive (=) so pkg-config runs after `deps` has installed it
PKG_CFLAGS = $(shell pkg-config --cflags libpcre2-8 yaml-0.1)
PKG_LIBS = $(shell pkg-config --libs libpcre2-8 yaml-0.1) -lm
# libmicrohttpd: the HTTP server of `slant serve`, linked into the CLI only
MHD_CFLAGS = $(shell pkg-config --cflags libmicrohttpd)
MHD_LIBS = $(shell pkg-config --libs libmicrohttpd)
CHECK_CFLAGS = $(shell pkg-config --cflags check)
CHECK_LIBS = $(shell pkg-config --libs check)
ALL_CFLAGS = $(WARN) $(DEFS) -fPIC -pthread $(CFLAGS) $(PKG_CFLAGS) -Isrc
DEBIAN_PACKAGES = gcc make pkg-config libpcre2-dev libyaml-dev check valgrind parallel groff-base \
                  fonts-dejavu-core libmicrohttpd-dev curl wrk
# Test tools looked for as commands, then installed from Debian when
# missing: the HTML report's browser test (chromium) and the SARIF schema
# check (npm, which installs ajv-cli; a nodejs from elsewhere may already
# bring npm, and Debian's npm package would conflict with it).
TEST_COMMANDS = chromium:chromium npm:npm
MAN_PAGES = man/slant.1 man/slant-rules.5

LIB_MODULES = util taxonomy diag yaml_tree loader compile config markup markup_md markup_html \
              text scan suppress baseline score selftest builtin \
              render render_text render_line render_pretty render_json render_sarif render_html \
              render_github render_checkstyle render_tsv json eval prefilter ac summary jsonl_filter jit \
              model
CLI_MODULES = main cli_options cli_rules cli_config cli_check cli_jobs cli_paths cli_profile cli_files cli_input \
              cli_output cli_serve cli_pages
RULE_PACKS = $(sort $(wildcard rules/*.yaml)) $(wildcard rules/*.model)
UNIT_TESTS = $(sort $(wildcard tests/unit/*.c))

LIB_OBJS = $(LIB_MODULES:%=$(B)/obj/%.o) $(B)/obj/builtin_rules.o
CLI_OBJS = $(CLI_MODULES:%=$(B)/obj/%.o)
SOVERSION = 0

.PHONY: all deps demo model test test-run unit golden rules-test engines-test eval-test summary-test \
        header-test install-test asan tsan leakcheck bench sarif-test browser-test man-test \
        fuzz fuzz-build fuzz-replay test-big install uninstall clean serve-test serve-load \
        serve-load-short tools-test
.DELETE_ON_ERROR:

all: $(B)/slant $(B)/libslant.a $(B)/libslant.so

# Installs the Debian packages the build and the tests need, when missing.
deps:
	@if command -v dpkg >/dev/null 2>&1; then \
	  missing=""; \
	  for p in $(DEBIAN_PACKAGES) $(EXTRA_PACKAGES); do \
	    dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	  for c in $(TEST_COMMANDS); do \
	    command -v $${c%%:*} >/dev/null 2>&1 || missing="$$missing $${c#*:}"; done; \
	  if [ -n "$$missing" ]; then \
	    echo "installing Debian packages:$$missing"; \
	    if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	    $$SUDO apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	  fi; \
	fi

$(B)/obj/%.o: src/%.c src/*.h | $(B)/obj
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(B)/obj $(B)/tools:
	mkdir -p $@

$(B)/tools/embed: src/tools/embed.c | $(B)/tools
	$(CC) $(WARN) $(CFLAGS) $< -o $@

# corpus/train_model.py reads the sentences as slant splits and folds them
$(B)/tools/sentences: src/tools/sentences.c $(B)/libslant.a | $(B)/tools
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) $< $(B)/libslant.a $(PKG_LIBS) -o $@

# Retrains rules/sentences.model from the tuning articles (README, "The
# sentence model"); needs scikit-learn, which nothing else does
PYTHON_SKLEARN ?= $(shell [ -x /usr/bin/python3 ] && echo /usr/bin/python3 || echo python3)
model: $(B)/tools/sentences $(B)/slant
	@$(MAKE) --no-print-directory deps EXTRA_PACKAGES="python3-sklearn"
	rm -rf $(B)/neutral && sh corpus/neutral_docs.sh $(B)/neutral
	$(PYTHON_SKLEARN) corpus/train_model.py --negatives $(B)/neutral

$(B)/builtin_rules.c: $(B)/tools/embed $(RULE_PACKS)
	$(B)/tools/embed $@ $(RULE_PACKS)

$(B)/obj/builtin_rules.o: $(B)/builtin_rules.c | $(B)/obj
	$(CC) $(ALL_CFLAGS) -Wno-overlength-strings -c $< -o $@

$(B)/libslant.a: $(LIB_OBJS)
	rm -f $@
	ar rcs $@ $^

$(B)/libslant.so: $(LIB_OBJS)
	$(CC) -shared -Wl,-soname,libslant.so.$(SOVERSION) $(CFLAGS) $(LDFLAGS) $^ $(PKG_LIBS) -o $@

$(B)/obj/cli_serve.o: ALL_CFLAGS += $(MHD_CFLAGS)

$(B)/slant: $(CLI_OBJS) $(B)/libslant.a
	$(CC) $(CFLAGS) $(LDFLAGS) $(CLI_OBJS) $(B)/libslant.a $(PKG_LIBS) $(MHD_LIBS) -pthread -o $@

$(B)/unit: $(UNIT_TESTS) tests/unit/*.h $(B)/libslant.a $(B)/obj/cli_paths.o
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -Itests/unit $(UNIT_TESTS) $(B)/obj/cli_paths.o $(B)/libslant.a \
	  $(CHECK_LIBS) $(PKG_LIBS) -o $@

# ---- the two commands of the README --------------------------------------

demo: deps
	@$(MAKE) --no-print-directory $(B)/slant
	@echo "== slant check corpus/articles (built-in rules)"
	@$(B)/slant check corpus/articles; status=$$?; \
	  echo "== exit status $$status (1: findings at or above the fail level)"; \
	  [ $$status -le 1 ]

test: deps
	@$(MAKE) --no-print-directory test-run
	@$(MAKE) --no-print-directory asan
	@$(MAKE) --no-print-directory tsan
	@$(MAKE) --no-print-directory leakcheck
	@echo "== all tests passed (plain, ASan+UBSan, ThreadSanitizer and valgrind runs)"

# Everything the plain build is tested with; `asan` runs it again.
test-run: unit golden rules-test engines-test eval-test summary-test header-test install-test \
          man-test sarif-test browser-test fuzz-replay serve-test serve-load-short tools-test

unit: $(B)/unit
	@echo "== unit suites ($(B))"
	@cd tests/unit && CK_FORK=yes ../../$(B)/unit

golden: $(B)/slant
	@echo "== golden CLI cases ($(B))"
	@sh tests/golden/run.sh $(CURDIR)/$(B)/slant

$(B)/random_docs: tests/engines/random_docs.c $(B)/libslant.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) $< $(B)/libslant.a $(PKG_LIBS) -o $@

engines-test: $(B)/slant $(B)/random_docs
	@echo "== fast and naive engines give identical findings ($(B))"
	@sh tests/engines/run.sh $(CURDIR)/$(B)/slant $(CURDIR)/$(B)/random_docs

summary-test: $(B)/slant
	@echo "== summaries merge: chunks, reports and GNU parallel equal one run"
	@sh tests/summary/run.sh $(CURDIR)/$(B)/slant

tools-test: $(B)/tools/sentences
	@echo "== build/tools/sentences, which the model's trainer reads ($(B))"
	@sh tests/tools/run.sh $(CURDIR)/$(B)/tools/sentences

eval-test: $(B)/slant
	@echo "== slant eval on the annotated corpus, against the ratchet in corpus/ratchet"
	@sh tests/eval.sh $(CURDIR)/$(B)/slant

rules-test: $(B)/slant
	@echo "== slant test over the shipped packs ($(B))"
	@$(B)/slant test rules

header-test:
	@echo "== slant.h compiles alone"
	@printf '#include "slant.h"\nint main(void) { return slant_category_count() == 21 ? 0 : 1; }\n' \
	  | $(CC) -std=c11 -Wall -Wextra -pedantic -Werror -Isrc -x c -fsyntax-only -

# --format sarif against the SARIF 2.1.0 schema (ajv-cli from npm).
sarif-test: $(B)/slant
	@echo "== SARIF output against the 2.1.0 schema ($(B))"
	@sh tests/sarif/run.sh $(CURDIR)/$(B)/slant

# The HTML report in headless Chromium: highlights, pop-ups, nothing
# injected runs; screenshots in build/browser/.
browser-test: $(B)/slant
	@echo "== HTML report in Chromium ($(B))"
	@sh tests/browser/run.sh $(CURDIR)/$(B)/slant

# slant serve over HTTP: every endpoint, headers, errors, injection,
# malformed requests (tests/serve/run.sh; client.c sends what curl will not).
$(B)/serve-client: tests/serve/client.c | $(B)/obj
	$(CC) $(WARN) $(CFLAGS) $(LDFLAGS) $< -o $@

serve-test: $(B)/slant $(B)/serve-client
	@echo "== slant serve over HTTP ($(B))"
	@sh tests/serve/run.sh $(CURDIR)/$(B)/slant $(CURDIR)/$(B)/serve-client

# The load test: wrk, 64 connections posting a 5 KB article, two runs of
# SERVE_LOAD_SECONDS each (default 20); no errors, memory flat. `make test`
# runs a short one.
SERVE_LOAD_SECONDS ?= 20
SERVE_LOAD_RSS ?= 1
serve-load: deps
	@$(MAKE) --no-print-directory $(B)/slant
	@echo "== slant serve under load ($(SERVE_LOAD_SECONDS) s a run)"
	@SERVE_LOAD_SECONDS=$(SERVE_LOAD_SECONDS) sh tests/serve/load.sh $(CURDIR)/$(B)/slant

serve-load-short: $(B)/slant
	@echo "== slant serve under load (short: 5 s a run; make serve-load for 20 s)"
	@SERVE_LOAD_SECONDS=5 SERVE_LOAD_RSS=$(SERVE_LOAD_RSS) sh tests/serve/load.sh $(CURDIR)/$(B)/slant

# The man pages format without a warning.
man-test:
	@echo "== man pages"
	@for m in $(MAN_PAGES); do \
	  out=$$(LC_ALL=C.UTF-8 MANWIDTH=80 groff -man -Tutf8 -ww -z $$m 2>&1); \
	  if [ -n "$$out" ]; then echo "$$m: $$out"; exit 1; fi; done; \
	  echo "man: $(words $(MAN_PAGES)) passed, 0 failed"

install-test: all
	@echo "== make install and the README's embedding example"
	@sh tests/install/run.sh "$(MAKE)" "$(B)"

# The whole suite again under AddressSanitizer and UndefinedBehaviorSanitizer.
asan:
	@$(MAKE) --no-print-directory B=build/asan \
	  CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  LDFLAGS="-fsanitize=address,undefined" SERVE_LOAD_RSS=0 unit golden rules-test \
	  engines-test fuzz-replay serve-test serve-load-short tools-test

# Threads share the rule set, and its programs are JIT-compiled while they
# scan (src/jit.h): ThreadSanitizer watches the JIT suite and a four-thread
# run over the corpus, whose findings must equal a one-thread run's. (The
# whole unit run is too slow under it: compiling the built-in packs.)
TSAN_FLAGS = CFLAGS="-O1 -g -fsanitize=thread" LDFLAGS="-fsanitize=thread"
tsan: $(B)/slant
	@$(MAKE) --no-print-directory B=build/tsan $(TSAN_FLAGS) build/tsan/slant build/tsan/unit
	@echo "== ThreadSanitizer: the JIT suite, and slant check -j 4 over the corpus"
	@cd tests/unit && CK_FORK=yes CK_RUN_SUITE=jit TSAN_OPTIONS=halt_on_error=1:exitcode=66 \
	  ../../build/tsan/unit
	@$(B)/slant check -j 1 --format jsonl --fail-on never corpus/articles > build/tsan/j1.jsonl
	@TSAN_OPTIONS=halt_on_error=1:exitcode=66 build/tsan/slant check -j 4 --format jsonl \
	  --fail-on never corpus/articles > build/tsan/j4.jsonl
	@cmp build/tsan/j1.jsonl build/tsan/j4.jsonl && echo "tsan: no race reported; -j 4 equals -j 1"

$(B)/scan_only: tests/bench/scan_only.c $(B)/libslant.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) $< $(B)/libslant.a $(PKG_LIBS) -o $@

# Throughput against baselines measured in the same run (see README.md).
bench: deps
	@$(MAKE) --no-print-directory EXTRA_PACKAGES=ripgrep deps $(B)/slant $(B)/scan_only
	@sh tests/bench/run.sh $(CURDIR)/$(B)/slant $(CURDIR)/$(B)/scan_only

# The golden CLI cases again under valgrind (JIT off: valgrind cannot follow
# JIT-generated code and reports false errors inside it).
leakcheck: $(B)/slant
	@echo "== golden CLI cases under valgrind"
	@SLANT_NO_JIT=1 sh tests/golden/run.sh \
	  "valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99 $(CURDIR)/$(B)/slant"

# ---- fuzzing (tests/fuzz/README.md) -------------------------------------
# `make fuzz` builds each target with clang's libFuzzer, ASan and UBSan and
# runs it for FUZZ_SECONDS; new inputs go to build/fuzz/corpus/TARGET and
# crashes to build/fuzz/crashes/TARGET (copy a fixed one into
# tests/fuzz/regressions/TARGET). `make test` replays the seeds and the
# regressions through tests/fuzz/replay.c, without libFuzzer.
FUZZ_TARGETS = rules text scan engines
FUZZ_SECONDS ?= 180
FUZZ_JOBS ?= 1
FUZZ_PACKAGES = clang libclang-rt-dev
FUZZ_CC ?= clang
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_B = build/fuzz

$(B)/fuzz-replay-%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz.h $(B)/libslant.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -Itests/fuzz tests/fuzz/replay.c $< $(B)/libslant.a \
	  $(PKG_LIBS) -o $@

fuzz-replay: $(FUZZ_TARGETS:%=$(B)/fuzz-replay-%)
	@echo "== fuzz targets replay their seeds and saved regressions ($(B))"
	@for t in $(FUZZ_TARGETS); do \
	  sh tests/fuzz/seeds.sh $$t | tr '\n' '\0' | \
	    xargs -0 $(B)/fuzz-replay-$$t tests/fuzz/regressions/$$t || exit 1; \
	done

fuzz-build:
	@$(MAKE) --no-print-directory deps EXTRA_PACKAGES="$(FUZZ_PACKAGES)"
	@$(MAKE) --no-print-directory B=$(FUZZ_B) CC=$(FUZZ_CC) \
	  CFLAGS="-O1 -g $(FUZZ_SAN) -fsanitize=fuzzer-no-link" $(FUZZ_B)/libslant.a
	@for t in $(FUZZ_TARGETS); do \
	  $(FUZZ_CC) $(ALL_CFLAGS) -O1 -g $(FUZZ_SAN) -fsanitize=fuzzer -Itests/fuzz \
	    tests/fuzz/fuzz_$$t.c $(FUZZ_B)/libslant.a $(PKG_LIBS) -o $(FUZZ_B)/fuzz_$$t || exit 1; \
	done

fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_B)/corpus/$$t $(FUZZ_B)/seeds/$$t $(FUZZ_B)/crashes/$$t; \
	  sh tests/fuzz/seeds.sh $$t | while IFS= read -r f; do \
	    cp "$$f" "$(FUZZ_B)/seeds/$$t/$$(echo "$$f" | tr '/ ' '__')"; done; \
	  echo "== fuzz_$$t for $(FUZZ_SECONDS) s"; \
	  $(FUZZ_B)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	    -max_len=16384 $(if $(filter 1,$(FUZZ_JOBS)),,-jobs=$(FUZZ_JOBS) -workers=$(FUZZ_JOBS)) \
	    -print_final_stats=1 \
	    -dict=tests/fuzz/$$t.dict -artifact_prefix=$(FUZZ_B)/crashes/$$t/ \
	    $(FUZZ_B)/corpus/$$t $(FUZZ_B)/seeds/$$t tests/fuzz/regressions/$$t \
	    2>$(FUZZ_B)/fuzz_$$t.log; status=$$?; \
	  grep -E '^(#[0-9]+.*DONE|stat::|==[0-9]+==ERROR|SUMMARY)' $(FUZZ_B)/fuzz_$$t.log; \
	  [ $$status = 0 ] || { echo "fuzz_$$t failed: see $(FUZZ_B)/fuzz_$$t.log"; exit 1; }; \
	done

# slant on a 2 GiB document (written to $$TMPDIR, about two minutes): the
# findings at both ends and bounded peak memory (tests/big/run.sh).
test-big:
	@$(MAKE) --no-print-directory deps EXTRA_PACKAGES=time
	@$(MAKE) --no-print-directory $(B)/slant
	@echo "== a 2 GiB document"
	@sh tests/big/run.sh $(CURDIR)/$(B)/slant

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/pkgconfig \
	  $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/share/slant/rules \
	  $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/man/man5
	install -m 755 $(B)/slant $(DESTDIR)$(PREFIX)/bin/slant
	install -m 644 $(B)/libslant.a $(DESTDIR)$(PREFIX)/lib/libslant.a
	install -m 755 $(B)/libslant.so $(DESTDIR)$(PREFIX)/lib/libslant.so.$(SOVERSION)
	ln -sf libslant.so.$(SOVERSION) $(DESTDIR)$(PREFIX)/lib/libslant.so
	install -m 644 src/slant.h $(DESTDIR)$(PREFIX)/include/slant.h
	install -m 644 $(RULE_PACKS) rules/README.md $(DESTDIR)$(PREFIX)/share/slant/rules/
	install -m 644 man/slant.1 $(DESTDIR)$(PREFIX)/share/man/man1/slant.1
	install -m 644 man/slant-rules.5 $(DESTDIR)$(PREFIX)/share/man/man5/slant-rules.5
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(shell sed -n 's/^#define SLANT_VERSION "\(.*\)"/\1/p' src/slant.h)|' \
	  src/slant.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/slant.pc

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/slant $(DESTDIR)$(PREFIX)/lib/libslant.a \
	  $(DESTDIR)$(PREFIX)/lib/libslant.so $(DESTDIR)$(PREFIX)/lib/libslant.so.$(SOVERSION) \
	  $(DESTDIR)$(PREFIX)/include/slant.h $(DESTDIR)$(PREFIX)/lib/pkgconfig/slant.pc \
	  $(DESTDIR)$(PREFIX)/share/man/man1/slant.1 $(DESTDIR)$(PREFIX)/share/man/man5/slant-rules.5
	rm -rf $(DESTDIR)$(PREFIX)/share/slant

clean:
	rm -rf build
