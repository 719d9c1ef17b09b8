#!/bin/sh
# kill -9 during a long scan loses no committed batch; --resume finishes
# it with the same result as a scan that was never interrupted.
. ./lib-e2e.sh

setup='
	takedown init ws >/dev/null &&
	takedown -C ws portfolio import "$EXAMPLES/ironwood/portfolio.json" >/dev/null &&
	grep -v "\"images\": \[\"l-" "$EXAMPLES/ironwood/feed/listings.ndjson" >base.ndjson &&
	awk "{ l[n++] = \$0 } END { for (i = 0; i < 40000; i++) { s = l[i % n]; sub(/\"id\": \"[^\"]*\"/, \"\\\"id\\\": \\\"k\" i \"\\\"\", s); print s } }" base.ndjson >big.ndjson &&
'

check 'kill -9 mid-scan, then --resume, gives the uninterrupted result' "$setup"'
	cp -r ws clean &&
	takedown -C clean scan -q big.ndjson >clean.out &&
	{ takedown -C ws scan -q --batch 500 big.ndjson >/dev/null 2>&1 & pid=$!; } &&
	n=0 &&
	while :; do
		done_=$(sqlite3 ws/takedown.db "SELECT coalesce(max(lines_done), 0) FROM scans" 2>/dev/null || echo 0)
		[ "${done_:-0}" -ge 2000 ] && break
		n=$((n + 1)); [ $n -lt 600 ] || { echo "scan made no progress"; exit 1; }
		sleep 0.05
	done &&
	kill -9 $pid && wait $pid 2>/dev/null; true &&
	state=$(sqlite3 ws/takedown.db "SELECT state FROM scans") &&
	test "$state" = running &&
	committed=$(sqlite3 ws/takedown.db "SELECT lines_done FROM scans") &&
	kept=$(sqlite3 ws/takedown.db "SELECT count(*) FROM findings") &&
	test "$kept" -gt 0 &&
	sqlite3 ws/takedown.db "PRAGMA integrity_check" >ic && test "$(cat ic)" = ok &&
	takedown -C ws scan --resume -q big.ndjson >resumed.out &&
	grep_f "resumed scan 1 after $committed records" resumed.out &&
	sqlite3 ws/takedown.db "SELECT state FROM scans" >st && test "$(cat st)" = done &&
	a=$(sqlite3 clean/takedown.db "SELECT count(*) FROM findings") &&
	b=$(sqlite3 ws/takedown.db "SELECT count(*) FROM findings") &&
	test "$a" = "$b" &&
	sqlite3 clean/takedown.db "SELECT l.platform, l.ext_id, f.score FROM findings f JOIN listings l ON l.id = f.listing_id ORDER BY 1, 2" >a.txt &&
	sqlite3 ws/takedown.db "SELECT l.platform, l.ext_id, f.score FROM findings f JOIN listings l ON l.id = f.listing_id ORDER BY 1, 2" >b.txt &&
	cmp a.txt b.txt
'

check 'resume refuses a feed that changed, and a feed with nothing to resume' "$setup"'
	! takedown -C ws scan --resume big.ndjson 2>err &&
	grep_f "no interrupted scan" err &&
	sqlite3 ws/takedown.db "INSERT INTO scans (source, source_id, started_at, state, lines_done) VALUES ('"'"'$(pwd)/big.ndjson'"'"', '"'"'0:0:0'"'"', '"'"'2026-11-27T00:00:00Z'"'"', '"'"'running'"'"', 10)" &&
	! takedown -C ws scan --resume big.ndjson 2>err2 &&
	grep_f "changed since the interrupted scan began" err2
'

finish
