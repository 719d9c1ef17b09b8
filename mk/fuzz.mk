# Fuzzing: every tests/fuzz/fuzz_<parser>.c harness, built with clang's
# libFuzzer against the whole library under address and undefined-
# behaviour sanitizers, and run for FUZZ_SECONDS each, seeded from
# tests/fuzz/seeds/<parser>/ and the data files it parses.
#
#   make fuzz                 every harness, FUZZ_SECONDS (default 30) each
#   make fuzz FUZZ=feed       one harness
#
# Not part of `make check` (it takes minutes); run it before releases and
# after changing a parser.

FUZZ_SECONDS ?= 30
FUZZ_BUILD    = build-libfuzzer
FUZZ_CC       = clang
FUZZ_CFLAGS   = -std=c11 -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 \
                -g -O1 -Isrc -I$(BUILD)/gen -fno-omit-frame-pointer \
                -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_HARNESS  = $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_NAMES    = $(FUZZ_HARNESS:tests/fuzz/fuzz_%.c=%)
FUZZ         ?= $(FUZZ_NAMES)
FUZZ_LIBOBJ   = $(LIB_SRC:%.c=$(FUZZ_BUILD)/%.o) \
                $(FUZZ_BUILD)/gen/builtin_data.o $(FUZZ_BUILD)/gen/builtin_sql.o

$(FUZZ_BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  FUZZCC  $<"
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link \
		$(PKG_CFLAGS) -MMD -MP -c -o $@ $<

$(FUZZ_BUILD)/gen/%.o: $(BUILD)/gen/%.c
	@mkdir -p $(dir $@)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_LIBOBJ)
	@echo "  FUZZLD  $@"
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(PKG_CFLAGS) \
		-o $@ $< $(FUZZ_LIBOBJ) $(PKG_LIBS) -lstdc++

# Header changes rebuild what includes them (a stale object that still
# sees an old struct layout is a false "overflow" under the sanitizer).
-include $(wildcard $(FUZZ_BUILD)/src/*/*.d)

.SECONDARY: $(FUZZ_LIBOBJ)
.PHONY: fuzz fuzz-build
fuzz-build: $(FUZZ:%=$(FUZZ_BUILD)/fuzz_%)

fuzz: fuzz-build
	@for h in $(FUZZ); do \
		c=$(FUZZ_BUILD)/corpus-$$h; mkdir -p $$c; \
		if [ -d tests/fuzz/seeds/$$h ]; then cp -r tests/fuzz/seeds/$$h/. $$c/; fi; \
		case $$h in \
		proto) cp data/platforms/*.json $$c/ ;; \
		cal) cp data/calendars/*.tsv $$c/ ;; \
		tmpl) cp data/templates/*.txt $$c/ ;; \
		rates) cp data/rates.tsv $$c/ ;; \
		scoring) cp data/scoring.json $$c/ ;; \
		cues) cp data/cues/*.tsv $$c/ ;; \
		portfolio) cp examples/ironwood/portfolio.json $$c/ ;; \
		feed) cp examples/ironwood/feed/listings.ndjson $$c/ ;; \
		image) cp tests/fixtures/images/* $$c/ 2>/dev/null; \
			cp examples/ironwood/feed/*.jpg $$c/ ;; \
		esac; \
		echo "fuzz_$$h: $(FUZZ_SECONDS) s"; \
		if $(FUZZ_BUILD)/fuzz_$$h -max_total_time=$(FUZZ_SECONDS) \
			-max_len=65536 -print_final_stats=1 \
			-artifact_prefix=$(FUZZ_BUILD)/ $$c \
			>$(FUZZ_BUILD)/fuzz_$$h.log 2>&1; then \
			grep -E "^(Done|stat::peak_rss_mb)" $(FUZZ_BUILD)/fuzz_$$h.log; \
		else \
			tail -n 60 $(FUZZ_BUILD)/fuzz_$$h.log; \
			echo "fuzz_$$h FAILED: the input is in $(FUZZ_BUILD)/crash-*"; \
			exit 1; \
		fi; \
	done
