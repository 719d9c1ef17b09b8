#!/bin/sh
# The networks' refresh after a scan: incremental against a full
# recomputation of every stored seller, in the same run.
#
#   bench_monitor.sh TAKEDOWN N SELLERS FRACTION
set -eu
td=$1 n=$2 sellers=$3 frac=$4
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d "${TMPDIR:-/tmp}/td-bench-monitor.XXXXXX")
trap 'rm -rf "$dir"' EXIT
export TAKEDOWN_TODAY=2026-11-27

secs() {
	s=$(date +%s.%N)
	"$@" >"$dir/out"
	e=$(date +%s.%N)
	echo "$e - $s" | bc
}

# The refresh's own time, from the scan's summary.
refresh() {
	sed -n "s/.* relinked, in \([0-9.]*\) s/\1/p" "$dir/out"
}

/usr/bin/python3 "$root/bench/monitor_market.py" "$n" "$sellers" \
	"$dir/market.ndjson" "$dir/changed.ndjson" "$frac"
: >"$dir/empty.ndjson"
"$td" init "$dir/ws" >/dev/null
"$td" -C "$dir/ws" portfolio import "$root/examples/ironwood/portfolio.json" >/dev/null
t1=$(secs "$td" -C "$dir/ws" scan -q --no-store "$dir/market.ndjson")
t2=$(secs "$td" -C "$dir/ws" scan -q "$dir/market.ndjson")
r2=$(refresh)
nets=$(sqlite3 "$dir/ws/takedown.db" "SELECT count(*) FROM networks")
t3=$(secs "$td" -C "$dir/ws" scan -q --partial "$dir/empty.ndjson")
ch=$(wc -l <"$dir/changed.ndjson")
t4=$(secs "$td" -C "$dir/ws" scan -q --partial "$dir/changed.ndjson")
r4=$(refresh)
relinked=$(sed -n "s/.* \([0-9]*\) relinked.*/\1/p" "$dir/out")
t5=$(secs "$td" -C "$dir/ws" scan -q --no-store "$dir/changed.ndjson")
sqlite3 "$dir/ws/takedown.db" "UPDATE listings SET net_hash = NULL"
t6=$(secs "$td" -C "$dir/ws" scan -q --partial "$dir/empty.ndjson")
r6=$(refresh)
echo "market: $n listings, $sellers sellers, $nets networks"
echo "first scan without the store:            $t1 s"
echo "first scan, stored, networks built:      $t2 s (networks $r2 s)"
echo "a scan with nothing changed:             $t3 s"
echo "rescan of $ch changed listings:"
echo "  detection alone (--no-store):          $t5 s"
echo "  stored, networks refreshed:            $t4 s (networks $r4 s, $relinked sellers relinked)"
echo "full recomputation of every seller:      $t6 s (networks $r6 s)"
