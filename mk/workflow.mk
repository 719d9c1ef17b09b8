# Workflow: platform protocols, calendars and templates.
#
#   make fuzz-workflow   build the libFuzzer harnesses in tests/fuzz/ with
#                        clang (address and undefined-behaviour sanitizers)
#                        and run each for FUZZ_SECONDS (default 30), seeded
#                        with the data files they parse.

FUZZ_SECONDS ?= 30
FUZZ_DIR = build-fuzz
FUZZ_LIB = src/core/proto.c src/core/proto_set.c src/core/proto_walk.c \
           src/core/proto_rules.c src/core/cal.c \
           src/core/tmpl.c src/core/readfile.c src/core/builtin.c \
           src/core/buf.c src/core/err.c src/core/util.c src/core/date.c \
           src/core/codes.c
FUZZ_FLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 -Isrc \
             -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all

.PHONY: fuzz-workflow
fuzz-workflow: $(BUILD)/gen/builtin_data.c
	@mkdir -p $(FUZZ_DIR)/corpus-proto $(FUZZ_DIR)/corpus-cal \
		$(FUZZ_DIR)/corpus-tmpl
	cp data/platforms/*.json $(FUZZ_DIR)/corpus-proto/
	cp data/calendars/*.tsv $(FUZZ_DIR)/corpus-cal/
	cp data/templates/*.txt $(FUZZ_DIR)/corpus-tmpl/
	for h in proto cal tmpl; do \
		clang $(FUZZ_FLAGS) $$(pkg-config --cflags jansson) \
			-o $(FUZZ_DIR)/fuzz_$$h tests/fuzz/fuzz_$$h.c \
			$(FUZZ_LIB) $(BUILD)/gen/builtin_data.c \
			$$(pkg-config --libs jansson) || exit 1; \
		$(FUZZ_DIR)/fuzz_$$h -max_total_time=$(FUZZ_SECONDS) \
			-max_len=65536 $(FUZZ_DIR)/corpus-$$h || exit 1; \
	done
