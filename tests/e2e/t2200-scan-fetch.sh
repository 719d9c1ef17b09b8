#!/bin/sh
# Listing photos given as URLs: fetched with --fetch from a real HTTP
# server on 127.0.0.1 (tests/helpers/td_httpd.c) into the workspace's
# cache, hashed and matched like files; each failure is a warning for
# that photo, and the listing is still scanned.
. ./lib-e2e.sh

# The server is on 127.0.0.1: no proxy a CI machine may set must get it.
unset http_proxy HTTP_PROXY https_proxy HTTPS_PROXY all_proxy ALL_PROXY
export no_proxy=127.0.0.1,localhost NO_PROXY=127.0.0.1,localhost

# Start the server on DIR; $PORT is its port, and it stops with the check.
start_httpd() {
	"$BUILD/tests/td_httpd" "$1" log >port &
	httpd_pid=$!
	# (|| true: under set -e a failing trap would fail the check)
	trap 'kill $httpd_pid 2>/dev/null || true' EXIT
	i=0
	while [ ! -s port ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	PORT=$(cat port)
	test -n "$PORT"
}

# The DHgate listing of the sample feed, found only by its reused photo,
# with its photo given as the URLs in $@ (relative to the server).
feed_with() {
	urls=""
	for u in "$@"; do
		urls="$urls${urls:+, }\"http://127.0.0.1:$PORT/$u\""
	done
	sed -n 4p "$EXAMPLES/ironwood/feed/listings.ndjson" |
		sed "s|\"l-889120-1.jpg\"|$urls|" >f.ndjson
}

setup='
	takedown init ws >/dev/null &&
	takedown -C ws portfolio import "$EXAMPLES/ironwood/portfolio.json" >/dev/null &&
	start_httpd "$EXAMPLES/ironwood/feed" &&
'

check 'photo URLs are skipped without --fetch, fetched and matched with it, then read from the cache' "$setup"'
	feed_with l-889120-1.jpg &&
	takedown -C ws scan f.ndjson >s1 2>e1 &&
	grep_f "0 findings" s1 &&
	grep_f "1 photo URLs not fetched: scan --fetch fetches them" s1 &&
	! grep -q GET log &&
	takedown -C ws scan f.ndjson --fetch >s2 2>e2 &&
	grep_f "1 findings (1 new), 1 photos hashed (0 failed), 1 fetched" s2 &&
	takedown -C ws findings show 1 >f && grep_f "reuses rt-001.jpg" f &&
	test "$(grep -c "GET /l-889120-1.jpg" log)" = 1 &&
	ls ws/cache/images | grep -q "^[0-9a-f]\{64\}$" &&
	touch -d "2 hours ago" ws/cache/images/.fetch-old &&
	touch ws/cache/images/.fetch-new &&
	takedown -C ws scan f.ndjson --fetch >s3 &&
	grep_f "1 photos hashed (0 failed)" s3 && ! grep -q fetched s3 &&
	test "$(grep -c "GET /l-889120-1.jpg" log)" = 1 &&
	test ! -e ws/cache/images/.fetch-old && test -e ws/cache/images/.fetch-new
'

check 'a missing, redirected, oversized, slow or non-photo URL: a warning each, the listing still scanned' "$setup"'
	feed_with nope.jpg html slow/l-700001-1.jpg redirect/l-889120-1.jpg error &&
	takedown -C ws scan f.ndjson --fetch --fetch-timeout 1 >s 2>e &&
	grep_f "f.ndjson:1: images[0]: http://127.0.0.1:$PORT/nope.jpg: HTTP 404 (gone)" e &&
	grep_f "f.ndjson:1: images[1]: http://127.0.0.1:$PORT/html: not an image (not JPEG, PNG or WebP)" e &&
	grep "f.ndjson:1: images\[2\]: http://127.0.0.1:$PORT/slow/l-700001-1.jpg: .*[Tt]imeout\|timed out" e &&
	grep_f "f.ndjson:1: images[4]: http://127.0.0.1:$PORT/error: HTTP 500" e &&
	! grep -q "images\[3\]" e &&
	grep_f "1 findings (1 new), 5 photos hashed (4 failed)" s &&
	takedown -C ws scan f.ndjson --fetch --fetch-max 1K >s2 2>e2 &&
	grep_f "images[2]: http://127.0.0.1:$PORT/slow/l-700001-1.jpg: larger than 1024 bytes" e2 &&
	! grep -q "images\[3\]" e2 &&
	rm -rf ws/cache &&
	takedown -C ws scan f.ndjson --fetch --fetch-max 1K --fetch-timeout 1 >s3 2>e3 &&
	grep_f "images[3]: http://127.0.0.1:$PORT/redirect/l-889120-1.jpg: larger than 1024 bytes" e3 &&
	test "$(ls -A ws/cache/images | wc -l)" = 1 &&
	! ls -A ws/cache/images | grep -q "^\.fetch-"
'

check 'with --no-store the photos go to a temporary folder, removed after the scan' "$setup"'
	feed_with l-889120-1.jpg &&
	mkdir tmp &&
	TMPDIR=$(pwd)/tmp takedown -C ws scan f.ndjson --no-store --fetch --format ndjson >out 2>e &&
	grep_f "\"id\":\"889120\"" out && grep_f "\"kind\":\"image_reuse\"" out &&
	test ! -e ws/cache && test -z "$(ls -A tmp)" &&
	test "$(grep -c "GET /l-889120-1.jpg" log)" = 1
'

check 'a server that is not there: a warning naming the URL' "$setup"'
	feed_with l-889120-1.jpg &&
	{ kill $httpd_pid; wait $httpd_pid 2>/dev/null || true; } &&
	takedown -C ws scan f.ndjson --fetch >s 2>e &&
	grep_f "f.ndjson:1: images[0]: http://127.0.0.1:$PORT/l-889120-1.jpg: " e &&
	grep_f "0 findings" s
'

check 'fetch options need --fetch and sensible values' '
	takedown init ws >/dev/null &&
	takedown -C ws portfolio import "$EXAMPLES/ironwood/portfolio.json" >/dev/null &&
	echo "{\"platform\": \"x\", \"id\": \"1\", \"title\": \"t\"}" >f.ndjson &&
	{ takedown -C ws scan f.ndjson --fetch-max 1M 2>e; test $? = 2; } &&
	grep_f "--fetch-max and --fetch-timeout go with --fetch" e &&
	{ takedown -C ws scan f.ndjson --fetch --fetch-max lots 2>e; test $? = 2; } &&
	grep_f "--fetch-max: '"'"'lots'"'"' is not a size" e &&
	{ takedown -C ws scan f.ndjson --fetch --fetch-timeout 0 2>e; test $? = 2; } &&
	takedown -C ws scan f.ndjson --fetch >s && grep_f "1 listings read" s
'

finish
