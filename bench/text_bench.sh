#!/bin/sh
# bench-text: one run, one corpus, every contender (mk/text.mk).
#   TEXT_BENCH=... TEXT_DIR=... [TEXT_PY=/usr/bin/python3] sh bench/text_bench.sh
set -eu
: "${TEXT_BENCH:?}" "${TEXT_DIR:?}"
TEXT_PY=${TEXT_PY:-/usr/bin/python3}
P=$TEXT_DIR/portfolio.json
C=$TEXT_DIR/corpus.ndjson
T=$TEXT_DIR/text.txt
# Warm the page cache: every contender reads the same files.
cat "$C" "$T" >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
n=$(wc -l <"$C")
cbytes=$(wc -c <"$C")
tbytes=$(wc -c <"$T")
echo "corpus: $n listings, $cbytes bytes of NDJSON, $tbytes bytes of text;" \
	"$(wc -l <"$TEXT_DIR/terms.txt") terms; $(nproc) cores, one used"
"$TEXT_BENCH" scan "$P" "$C" "$out/hits.ndjson" | tee "$out/r"
"$TEXT_BENCH" stages "$P" "$C" | tee -a "$out/r"
"$TEXT_BENCH" hs "$P" "$T" | tee -a "$out/r"
t0=$(date +%s.%N)
LC_ALL=C.UTF-8 grep -F -i -f "$TEXT_DIR/terms.txt" "$T" >"$out/grep.txt" || true
t1=$(date +%s.%N)
echo "$n $tbytes $t0 $t1 $(wc -l <"$out/grep.txt")" | awk '{ s = $4 - $3;
	printf "RESULT grep %d listings %.3f s %.0f listings/s %.1f MB/s " \
	    "(grep -F -i -f TERMS over the text; %d lines matched)\n",
	    $1, s, $1 / s, $2 / s / 1e6, $5 }' | tee -a "$out/r"
"$TEXT_PY" bench/py_baseline.py "$P" "$C" "$out/py.ndjson" | tee -a "$out/r"
awk '/^RESULT/ { rate[$2] = $7 }
END {
	printf "\nsummary (listings/s, one core):\n"
	printf "  takedown feed+normalise+match to NDJSON  %10.0f  (target >= 250000: %s)\n",
	    rate["scan"], (rate["scan"] >= 250000) ? "met" : "missed"
	printf "  bare Hyperscan, same literal terms       %10.0f  (scan is %.1fx slower; target within 4x: %s)\n",
	    rate["hs"], rate["hs"] / rate["scan"],
	    (rate["hs"] / rate["scan"] <= 4) ? "met" : "missed"
	printf "  grep -F -i -f TERMS                      %10.0f\n", rate["grep"]
	printf "  Python (json, NFKC, pyahocorasick)       %10.0f  (scan is %.1fx faster; target >= 10x: %s)\n",
	    rate["python"], rate["scan"] / rate["python"],
	    (rate["scan"] / rate["python"] >= 10) ? "met" : "missed"
}' "$out/r"
