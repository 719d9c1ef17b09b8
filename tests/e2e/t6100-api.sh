#!/bin/sh
# The library from a program of its own: examples/api/scan_feed.c (the
# example of docs/api.md) scans the sample feed into a workspace and
# prints the triage verdicts; what it stored is what takedown reads.
. ./lib-e2e.sh

check 'the example program scans a feed into a workspace and triages it' '
	takedown init ws >/dev/null &&
	takedown -C ws portfolio import "$EXAMPLES/ironwood/portfolio.json" >/dev/null &&
	"$BUILD/examples/scan_feed" ws "$EXAMPLES/ironwood/feed/listings.ndjson" >out 2>err &&
	grep_f "12 listings, 10 findings, 0 bad lines" out &&
	grep -E "^finding 9  0\.[0-9]+  dhgate:889120 design-cn,tm-cn,tm-us$" out &&
	grep_f "verdict dhgate:889120 file, expected " out &&
	grep_f "verdict 1688:552018 investigate_source" out &&
	test "$(grep -c "^verdict " out)" = 10 &&
	takedown -C ws findings list --format csv >f &&
	test "$(wc -l <f)" = 11 &&
	takedown -C ws findings show 10 >s && grep_f "LEAK" s
'

check 'its errors come back from the library as messages, never printed by it' '
	{ "$BUILD/examples/scan_feed" nows feed.ndjson >out 2>err; test $? = 1; } &&
	grep_f "scan_feed: nows: no such workspace directory" err &&
	test ! -s out &&
	takedown init ws >/dev/null &&
	takedown -C ws portfolio import "$EXAMPLES/ironwood/portfolio.json" >/dev/null &&
	printf "{\"platform\": \"taobao\", \"id\": 1}\n" >bad.ndjson &&
	"$BUILD/examples/scan_feed" ws bad.ndjson >out 2>err &&
	grep_f "warning: " err && grep_f "bad.ndjson:1:" err &&
	grep_f "0 listings, 0 findings, 1 bad lines" out || { cat out err; false; }
'

finish
