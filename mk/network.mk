# Seller networks: near-identical listing texts (MinHash + LSH against
# all-pairs Jaccard) and linking at scale.
#   make bench-net                     1,000,000 sellers, 5,000 for the baseline
#   make bench-net BENCH_NET_ARGS="200000 3000"
BENCH_TARGETS += bench-net
BENCH_NET_ARGS ?= 1000000 5000

$(BUILD)/bench/bench_net: bench/bench_net.c $(BUILD)/libtakedown.a
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS_ALL) -o $@ $< $(BUILD)/libtakedown.a $(LDFLAGS_ALL) \
		$(PKG_LIBS)

bench-net: $(BUILD)/bench/bench_net
	$(BUILD)/bench/bench_net $(BENCH_NET_ARGS)

# The stored networks' refresh after a scan, incremental against a full
# recomputation (bench/bench_monitor.sh).
#   make bench-monitor BENCH_MONITOR_ARGS="50000 10000 0.01"
BENCH_TARGETS += bench-monitor
BENCH_MONITOR_ARGS ?= 50000 10000 0.01

bench-monitor: $(BUILD)/takedown
	sh bench/bench_monitor.sh $(BUILD)/takedown $(BENCH_MONITOR_ARGS)
