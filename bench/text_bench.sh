#!/bin/sh
# bench-text: one run, one corpus, every contender (mk/text.mk).
#
#   TAKEDOWN=build/takedown TEXT_BENCH=... TEXT_DIR=... [TEXT_PY=...] \
#   [TEXT_RUNS=3] sh bench/text_bench.sh
#
# Each contender runs TEXT_RUNS times, one after the other in the same
# run, and its median is reported:
#   takedown-ndjson  takedown scan CORPUS --no-store --format ndjson
#                    (findings to a file), a workspace holding the
#                    corpus portfolio (portfolio-td.json)
#   takedown-store   takedown scan CORPUS into a fresh workspace each run
#   hs               bare Hyperscan over the text, in memory
#   grep             grep -F -i -f TERMS over the text
#   python           bench/py_baseline.py over the corpus
# takedown is timed as a whole command (wall clock, start-up included);
# its start-up alone (the same command on an empty feed) is measured too,
# so that the scan rate without it can be read off.
set -eu
: "${TAKEDOWN:?}" "${TEXT_BENCH:?}" "${TEXT_DIR:?}"
TEXT_PY=${TEXT_PY:-/usr/bin/python3}
RUNS=${TEXT_RUNS:-3}
P=$TEXT_DIR/portfolio.json
TP=$TEXT_DIR/portfolio-td.json
C=$TEXT_DIR/corpus.ndjson
T=$TEXT_DIR/text.txt
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
n=$(wc -l <"$C")
cbytes=$(wc -c <"$C")
tbytes=$(wc -c <"$T")

now() { date +%s.%N; }

# record NAME T0 T1 BYTES NOTE: one RESULT line like text_bench's.
record() {
	echo "$n $2 $3 $4" | awk -v name="$1" -v note="$5" '{ s = $3 - $2;
	    printf "RESULT %s %d listings %.3f s %.0f listings/s %.1f MB/s (%s)\n",
	    name, $1, s, $1 / s, $4 / s / 1e6, note }' | tee -a "$out/r"
}

ws() {
	rm -rf "$1"
	"$TAKEDOWN" init "$1" >/dev/null
	"$TAKEDOWN" -C "$1" portfolio import "$TP" >/dev/null
}

echo "corpus: $n listings, $cbytes bytes of NDJSON, $tbytes bytes of text;" \
	"$(wc -l <"$TEXT_DIR/terms.txt") terms; $(nproc) cores, one used;" \
	"median of $RUNS runs"
ws "$out/ws"
: >"$out/empty.ndjson"
# Warm the page cache: every contender reads the same files.
cat "$C" "$T" >/dev/null
i=0
while [ $i -lt "$RUNS" ]; do
	i=$((i + 1))
	echo "run $i of $RUNS"
	t0=$(now)
	"$TAKEDOWN" -C "$out/ws" scan "$out/empty.ndjson" --no-store \
		--format ndjson -q >/dev/null 2>&1
	t1=$(now)
	echo "$t0 $t1" | awk '{ printf "RESULT startup %.3f s\n", $2 - $1 }' |
		tee -a "$out/r"

	t0=$(now)
	"$TAKEDOWN" -C "$out/ws" scan "$C" --no-store --format ndjson -q \
		>"$out/f.ndjson" 2>"$out/sum"
	t1=$(now)
	record takedown-ndjson "$t0" "$t1" "$cbytes" \
		"$(wc -l <"$out/f.ndjson") findings as NDJSON"
	rm -f "$out/f.ndjson"

	ws "$out/ws-store"
	t0=$(now)
	"$TAKEDOWN" -C "$out/ws-store" scan "$C" -q >"$out/sum"
	t1=$(now)
	record takedown-store "$t0" "$t1" "$cbytes" \
		"$(sed -n 's/.* \([0-9]*\) findings.*/\1/p' "$out/sum" |
			head -1) findings stored, fresh workspace"

	"$TEXT_BENCH" hs "$P" "$T" | tee -a "$out/r"

	t0=$(now)
	LC_ALL=C.UTF-8 grep -F -i -f "$TEXT_DIR/terms.txt" "$T" \
		>"$out/grep.txt" || true
	t1=$(now)
	record grep "$t0" "$t1" "$tbytes" \
		"grep -F -i -f TERMS over the text; $(wc -l <"$out/grep.txt") lines matched"

	"$TEXT_PY" bench/py_baseline.py "$P" "$C" "$out/py.ndjson" |
		tee -a "$out/r"
done
if [ "${TEXT_STAGES:-1}" = 1 ]; then
	echo "library stages (text_bench, once):"
	"$TEXT_BENCH" scan "$P" "$C" | tee -a "$out/stages"
	"$TEXT_BENCH" stages "$P" "$C" | tee -a "$out/stages"
fi
awk -v cb="$cbytes" -v tb="$tbytes" '
function median(name,   k, j, t, c) {
	c = cnt[name]
	for (k = 1; k <= c; k++)
		for (j = k + 1; j <= c; j++)
			if (v[name, j] < v[name, k]) {
				t = v[name, k]; v[name, k] = v[name, j]; v[name, j] = t
			}
	return c % 2 ? v[name, (c + 1) / 2] : (v[name, c / 2] + v[name, c / 2 + 1]) / 2
}
/^RESULT startup/ { cnt["startup"]++; v["startup", cnt["startup"]] = $3; next }
/^RESULT/ { cnt[$2]++; v[$2, cnt[$2]] = $5; n = $3 }
function row(label, name, bytes, note,   s) {
	s = median(name)
	printf "  %-40s %10.0f %8.1f  %s\n", label, n / s, bytes / s / 1e6, note
	return n / s
}
END {
	st = median("startup")
	printf "\nsummary: median of %d runs, %d listings, one core\n", cnt["hs"], n
	printf "  %-40s %10s %8s\n", "", "listings/s", "MB/s"
	nd = row("takedown scan --no-store --format ndjson", "takedown-ndjson", cb, "NDJSON in")
	s = median("takedown-ndjson")
	printf "  %-40s %10.0f %8.1f  start-up (%.2f s) left out\n", "  the same, scan only", n / (s - st), cb / (s - st) / 1e6, st
	row("takedown scan, to the store", "takedown-store", cb, "fresh workspace")
	hs = row("bare Hyperscan, same literal terms", "hs", tb, "text in memory")
	row("grep -F -i -f TERMS", "grep", tb, "text")
	py = row("Python (json, NFKC, pyahocorasick)", "python", cb, "NDJSON in")
	printf "targets:\n"
	printf "  >= 250,000 listings/s to NDJSON: %s (%.0f)\n", (nd >= 250000) ? "met" : "missed", nd
	printf "  >= 10x the Python baseline: %s (%.1fx)\n", (nd / py >= 10) ? "met" : "missed", nd / py
	printf "  within 4x of the bare Hyperscan pass: %s (%.1fx slower)\n", (hs / nd <= 4) ? "met" : "missed", hs / nd
}' "$out/r"
