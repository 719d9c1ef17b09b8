# Text matching: evaluation and benchmark (issue 3). See docs/performance.md.
#
#   make eval-text    precision/recall of brand-term detection per class
#   make bench-text   listings/s of feed + normalise + match, against a bare
#                     Hyperscan pass, grep -F -i and a Python baseline
#
# TEXT_LISTINGS sets the corpus size (default 1,000,000); the corpus is
# generated once per size into $(BUILD)/bench-text-N.

TEXT_LISTINGS ?= 1000000
TEXT_DIR       = $(BUILD)/bench-text-$(TEXT_LISTINGS)
TEXT_BENCH     = $(BUILD)/bench/text_bench
TEXT_PY        = /usr/bin/python3

BENCH_TARGETS += bench-text
EVAL_TARGETS  += eval-text
.PHONY: bench-text eval-text text-corpus

$(TEXT_BENCH): bench/text_bench.c $(BUILD)/libtakedown.a
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS_ALL) -o $@ $< $(BUILD)/libtakedown.a \
		$(LDFLAGS_ALL) $(PKG_LIBS)

$(TEXT_DIR)/corpus.ndjson: bench/gen_corpus.py data/words/en.tsv
	@mkdir -p $(TEXT_DIR)
	$(TEXT_PY) bench/gen_corpus.py --listings $(TEXT_LISTINGS) $(TEXT_DIR)

text-corpus: $(TEXT_DIR)/corpus.ndjson

eval-text: $(TEXT_BENCH) $(TEXT_DIR)/corpus.ndjson
	$(TEXT_BENCH) eval $(TEXT_DIR)/portfolio.json \
		$(TEXT_DIR)/corpus.ndjson $(TEXT_DIR)/labels.tsv

bench-text: $(TEXT_BENCH) $(TEXT_DIR)/corpus.ndjson
	@TD_DEPS_EXTRA="python3-ahocorasick" tools/deps.sh ensure
	@TEXT_BENCH=$(TEXT_BENCH) TEXT_DIR=$(TEXT_DIR) TEXT_PY=$(TEXT_PY) \
		sh bench/text_bench.sh
