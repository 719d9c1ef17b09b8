# Images: the PDQ robustness evaluation and the hashing/index benchmarks.
#
#   make eval-image    match rate per transformation, false-match rate
#   make bench-phash   photos/s of takedown's hashing vs the reference path
#                      (1600-pixel JPEGs, sequential and progressive) and
#                      where the time goes
#   make bench-image   bench-phash, then index queries/s at d = 31 for 1M
#                      and 10M hashes vs brute force and FAISS
#                      (IndexBinaryMultiHash)
#
# Photos come from Debian packages (bench/image_corpus.py lists them),
# installed here with tools/deps.sh; the corpus is built once under
# $(BUILD)/image-corpus. HIDX_SIZES trims the index runs (10M needs about
# 3 GiB and a few minutes).

IMAGE_DEPS = python3-pil python3-skimage python3-numpy python3-faiss \
             python-matplotlib-data mate-backgrounds opencv-doc \
             plasma-workspace-wallpapers fonts-dejavu-core
IMAGE_CORPUS = $(BUILD)/image-corpus
PDQ_VECTORS ?= tests/fixtures/pdq-vectors
HIDX_SIZES ?= 1000000 10000000
HIDX_QUERIES ?= 1000

BENCH_TARGETS += bench-image
EVAL_TARGETS  += eval-image

.PHONY: bench-image bench-phash eval-image image-deps

image-deps:
	@TD_DEPS_EXTRA="$(IMAGE_DEPS)" tools/deps.sh ensure

$(IMAGE_CORPUS)/.done: bench/image_corpus.py
	@mkdir -p $(IMAGE_CORPUS)
	/usr/bin/python3 bench/image_corpus.py $(IMAGE_CORPUS)
	@touch $@

$(BUILD)/bench/%: bench/%.c $(BUILD)/libtakedown.a
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS_ALL) -o $@ $< $(BUILD)/libtakedown.a \
		$(LDFLAGS_ALL) $(PKG_LIBS)

eval-image: image-deps
	@$(MAKE) --no-print-directory $(BUILD)/bench/eval_image \
		$(IMAGE_CORPUS)/.done
	$(BUILD)/bench/eval_image $(IMAGE_CORPUS) \
		$(PDQ_VECTORS)/hashes/haystack.txt

bench-phash: image-deps
	@$(MAKE) --no-print-directory $(BUILD)/bench/bench_phash \
		$(IMAGE_CORPUS)/.done
	$(BUILD)/bench/bench_phash $(IMAGE_CORPUS)/bench1600/*.jpg
	$(BUILD)/bench/bench_phash $(IMAGE_CORPUS)/bench1600p/*.jpg

bench-image: image-deps
	@$(MAKE) --no-print-directory $(BUILD)/bench/bench_phash \
		$(BUILD)/bench/bench_hidx $(IMAGE_CORPUS)/.done
	$(BUILD)/bench/bench_phash $(IMAGE_CORPUS)/bench1600/*.jpg
	$(BUILD)/bench/bench_phash $(IMAGE_CORPUS)/bench1600p/*.jpg
	@set -e; for n in $(HIDX_SIZES); do \
		$(BUILD)/bench/bench_hidx $$n $(HIDX_QUERIES) \
			$(BUILD)/bench/hidx-$$n; \
		/usr/bin/python3 bench/bench_hidx_faiss.py \
			$(BUILD)/bench/hidx-$$n; \
		rm -f $(BUILD)/bench/hidx-$$n.db $(BUILD)/bench/hidx-$$n.q; \
	done
