# Text matching: evaluation and benchmark (issue 3). See docs/performance.md.
#
#   make eval-text    precision/recall of brand-term detection per
#                     obfuscation class, from `takedown scan` findings
#   make bench-text   listings/s and MB/s of `takedown scan` to NDJSON and
#                     to the store, against a bare Hyperscan pass,
#                     grep -F -i and a Python baseline, in one run
#
# TEXT_LISTINGS sets the corpus size (default 1,000,000); the corpus is
# generated once per size into $(BUILD)/bench-text-N. TEXT_RUNS sets the
# runs per contender (median; default 3); TEXT_STAGES=0 leaves out the
# library stages breakdown.

TEXT_LISTINGS ?= 1000000
TEXT_RUNS     ?= 3
TEXT_STAGES   ?= 1
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

# The corpus portfolio as a takedown portfolio file.
$(TEXT_DIR)/portfolio-td.json: bench/td_portfolio.py $(TEXT_DIR)/corpus.ndjson
	$(TEXT_PY) bench/td_portfolio.py $(TEXT_DIR)/portfolio.json $@

text-corpus: $(TEXT_DIR)/corpus.ndjson $(TEXT_DIR)/portfolio-td.json

eval-text: $(BUILD)/takedown text-corpus
	@rm -rf $(TEXT_DIR)/eval-ws
	$(BUILD)/takedown init $(TEXT_DIR)/eval-ws >/dev/null
	$(BUILD)/takedown -C $(TEXT_DIR)/eval-ws portfolio import \
		$(TEXT_DIR)/portfolio-td.json >/dev/null
	$(BUILD)/takedown -C $(TEXT_DIR)/eval-ws scan $(TEXT_DIR)/corpus.ndjson \
		--no-store --format ndjson -q 2>/dev/null | \
		$(TEXT_PY) bench/text_eval.py $(TEXT_DIR)/labels.tsv \
		$(TEXT_LISTINGS)

bench-text: $(BUILD)/takedown $(TEXT_BENCH) text-corpus
	@TD_DEPS_EXTRA="python3-ahocorasick" tools/deps.sh ensure
	@TAKEDOWN=$(BUILD)/takedown TEXT_BENCH=$(TEXT_BENCH) \
		TEXT_DIR=$(TEXT_DIR) TEXT_PY=$(TEXT_PY) TEXT_RUNS=$(TEXT_RUNS) \
		TEXT_STAGES=$(TEXT_STAGES) sh bench/text_bench.sh
