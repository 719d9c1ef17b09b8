#!/bin/sh
# takedown scan: findings with evidence as written, bad input, formats.
. ./lib-e2e.sh

FEED=$EXAMPLES/ironwood/feed/listings.ndjson
setup='
	takedown init ws >/dev/null &&
	takedown -C ws portfolio import "$EXAMPLES/ironwood/portfolio.json" >/dev/null &&
'

check 'the sample feed gives its findings, quoting the listing as written' "$setup"'
	takedown -C ws scan "$FEED" --format ndjson >f.ndjson 2>sum &&
	grep_f "12 listings read, 0 bad lines, 10 findings (10 new)" sum &&
	test "$(wc -l <f.ndjson)" -eq 10 &&
	grep_f "\"quote\":\"鐵木工坊\",\"normalised\":\"铁木工坊\"" f.ndjson &&
	grep_f "\"variant\":\"split\"" f.ndjson &&
	grep_f "\"quote\":\"I R O N W O O D  A T E L I E R\"" f.ndjson &&
	grep_f "\"variant\":\"homoglyph\"" f.ndjson &&
	grep_f "\"quote\":\"IRONW00D\"" f.ndjson &&
	grep_f "\"term_kind\":\"pinyin\"" f.ndjson &&
	grep_f "\"term_kind\":\"model\"" f.ndjson &&
	grep_f "\"word\":\"高仿\"" f.ndjson &&
	grep_f "\"kind\":\"price\"" f.ndjson
'

check 'a photo-only copy and a leaked factory photo are found' "$setup"'
	takedown -C ws scan "$FEED" --format ndjson >f.ndjson 2>/dev/null &&
	grep "\"id\":\"889120\"" f.ndjson >dh &&
	grep_f "\"kind\":\"image_reuse\"" dh && ! grep -q "\"kind\":\"term\"" dh &&
	grep "\"id\":\"552018\"" f.ndjson >leak &&
	grep_f "\"kind\":\"leak\",\"partner\":\"dg-works\"" leak &&
	! grep -q "\"id\":\"700001\"" f.ndjson
'

check 'a weak (descriptive) term needs support: alone it is no finding' "$setup"'
	takedown -C ws scan "$FEED" --format ndjson >f.ndjson 2>/dev/null &&
	! grep -q "\"id\":\"2223334\"" f.ndjson &&
	grep "\"id\":\"2223335\"" f.ndjson >vi && grep_f "tm-us-vi" vi
'

check 'a second scan of the same feed adds nothing new' "$setup"'
	takedown -C ws scan "$FEED" >one &&
	takedown -C ws scan "$FEED" >two &&
	grep_f "10 findings (0 new)" two &&
	sqlite3 ws/takedown.db "SELECT count(*) FROM listings" >n &&
	test "$(cat n)" -eq 10 &&
	sqlite3 ws/takedown.db "SELECT count(*) FROM findings" >m &&
	test "$(cat m)" -eq 10
'

check 'a listing found before is kept up to date when it is no finding now' "$setup"'
	takedown -C ws scan "$FEED" >one &&
	head -1 "$FEED" | sed "s/鐵木工坊 铆钉会议桌 同款 高仿/plain oak table/" >two.ndjson &&
	echo "{\"platform\": \"taobao\", \"id\": \"n-1\", \"title\": \"plain oak table\"}" >>two.ndjson &&
	takedown -C ws scan two.ndjson >two &&
	grep_f "2 listings read, 0 bad lines, 0 findings" two &&
	sqlite3 ws/takedown.db "SELECT title, last_scan_id FROM listings WHERE ext_id = '"'"'652331'"'"'" >row &&
	grep_f "plain oak table|2" row &&
	sqlite3 ws/takedown.db "SELECT count(*) FROM findings f JOIN listings l ON l.id = f.listing_id WHERE l.ext_id = '"'"'652331'"'"'" >kept &&
	test "$(cat kept)" -eq 1 &&
	sqlite3 ws/takedown.db "SELECT count(*) FROM listings WHERE ext_id = '"'"'n-1'"'"'" >new &&
	test "$(cat new)" -eq 0
'

check 'bad lines are named FILE:LINE: field: reason, counted and skipped' "$setup"'
	head -3 "$FEED" >bad.ndjson &&
	echo "{\"platform\": \"taobao\", \"id\": \"1\"" >>bad.ndjson &&
	echo "{\"platform\": \"taobao\", \"title\": \"铁木工坊\"}" >>bad.ndjson &&
	echo "{\"platform\": \"taobao\", \"id\": \"2\", \"title\": \"铁木工坊\", \"price\": \"cheap\"}" >>bad.ndjson &&
	echo "{\"platform\": \"taobao\", \"id\": \"3\", \"title\": \"铁木工坊\", \"price\": 5, \"currency\": \"RMB\"}" >>bad.ndjson &&
	echo "{\"platform\": \"taobao\", \"id\": \"4\", \"title\": 42}" >>bad.ndjson &&
	tail -1 "$FEED" >>bad.ndjson &&
	takedown -C ws scan bad.ndjson >out 2>err &&
	grep_f "bad.ndjson:4:" err && grep_f "bad.ndjson:5: id:" err &&
	grep_f "bad.ndjson:6: price:" err && grep_f "bad.ndjson:7: currency:" err &&
	grep_f "bad.ndjson:8: title:" err &&
	grep_f "4 listings read, 5 bad lines" out
'

check '--strict fails on the first bad line and writes nothing' "$setup"'
	head -3 "$FEED" >bad.ndjson && echo "not json" >>bad.ndjson &&
	tail -2 "$FEED" >>bad.ndjson &&
	! takedown -C ws scan --strict bad.ndjson >out 2>err &&
	grep_f "bad.ndjson:4:" err && grep_f "nothing was written" err &&
	sqlite3 ws/takedown.db "SELECT count(*) FROM findings" >n &&
	test "$(cat n)" -eq 0
'

check 'empty input, invalid UTF-8, binary garbage and a huge line do not crash' "$setup"'
	: >empty.ndjson &&
	takedown -C ws scan empty.ndjson >out && grep_f "0 listings read, 0 bad lines" out &&
	printf "{\"platform\":\"taobao\",\"id\":\"u1\",\"title\":\"\\377\\376 鐵木工坊 \\300\\200\"}\n" >utf.ndjson &&
	takedown -C ws scan utf.ndjson >out2 2>err2 &&
	grep_f "utf.ndjson:1: title: not valid UTF-8" err2 &&
	grep_f "0 listings read, 1 bad lines" out2 &&
	head -c 20000 /dev/urandom >garbage.ndjson && echo >>garbage.ndjson &&
	cat "$FEED" >>garbage.ndjson &&
	takedown -C ws scan garbage.ndjson >out3 2>err3 &&
	grep -q "12 listings read" out3 &&
	awk "BEGIN { printf \"{\\\"platform\\\":\\\"x\\\",\\\"id\\\":\\\"h\\\",\\\"title\\\":\\\"\"; for (i = 0; i < 300000; i++) printf \"aaaaaaa \"; print \"\\\"}\" }" >huge.ndjson &&
	tail -1 "$FEED" >>huge.ndjson &&
	takedown -C ws scan huge.ndjson >out4 2>err4 &&
	grep_f "huge.ndjson:1:" err4 && grep_f "1 listings read, 1 bad lines" out4
'

check 'CSV feeds and standard input' "$setup"'
	printf "platform,id,title,price,currency,seller_id,ships_to\n" >f.csv &&
	printf "taobao,c1,\"鐵木工坊 铆钉会议桌, 高仿\",1280,CNY,s-1,CN|US\n" >>f.csv &&
	printf "taobao,c2,plain chair,50,CNY,s-2,CN\n" >>f.csv &&
	takedown -C ws scan f.csv --format ndjson >o 2>s &&
	grep_f "2 listings read, 0 bad lines, 1 findings" s &&
	grep_f "\"id\":\"c1\"" o &&
	head -2 "$FEED" | takedown -C ws scan - --no-store >o2 &&
	grep_f "2 listings read" o2
'

check 'a CSV header or JSON key holding NUL bytes is read safely' "$setup"'
	printf "price\000\000\000,platform,id,title\n1,taobao,a,x\n" >nul.csv &&
	takedown -C ws scan nul.csv >o1 && grep_f "1 listings read, 0 bad lines" o1 &&
	printf "{\"platform\":\"taobao\",\"id\":\"n1\",\"title\":\"t\",\"price\\u0000\\u0000\":1}\n" >nul.ndjson &&
	takedown -C ws scan nul.ndjson >o 2>e && grep_f "1 bad lines" o
'

check '--no-store writes nothing to the workspace' "$setup"'
	takedown -C ws scan "$FEED" --no-store --format ndjson >o 2>/dev/null &&
	test "$(wc -l <o)" -eq 10 &&
	sqlite3 ws/takedown.db "SELECT count(*) FROM findings" >n && test "$(cat n)" -eq 0
'

check 'findings list and show read them back with filters' "$setup"'
	takedown -C ws scan "$FEED" >/dev/null &&
	takedown -C ws findings list >l && test "$(wc -l <l)" -eq 11 &&
	takedown -C ws findings list --platform taobao --format csv >t &&
	test "$(wc -l <t)" -eq 3 &&
	takedown -C ws findings list --right design-cn --format json >d &&
	grep -c "\"finding\":" d >c || true &&
	takedown -C ws findings list --min-score 0.9 --format ndjson >h &&
	! grep -q "\"score\": 0.7" h &&
	takedown -C ws findings list --seller s-991 --format ndjson >s &&
	test "$(wc -l <s)" -eq 2 &&
	id=$(sed -n "s/.*\"finding\": *\\([0-9]*\\).*/\\1/p" s | head -1) &&
	takedown -C ws findings show "$id" >show &&
	grep_f "signals (score" show && grep_f "cue words" show &&
	! takedown -C ws findings show 999 2>err && grep_f "no finding 999" err &&
	{ takedown -C ws findings list --min-score 2 2>e; test $? -eq 2; }
'

check 'scan --explain shows each signal'"'"'s contribution' "$setup"'
	takedown -C ws scan "$FEED" --explain >o &&
	grep -q "+0.[0-9]*  term \"铁木工坊\" (name_zh, exact" o &&
	grep -q "+0.[0-9]*  photo l-889120-1.jpg reuses rt-001.jpg of IA-RT-001" o &&
	grep_f "LEAK: rt-001-proto.jpg was given only to partner dg-works" o
'

check 'a broken feed photo is a warning for that photo; the listing is scanned' "$setup"'
	mkdir f && cp "$EXAMPLES/ironwood/feed/"*.jpg f/ &&
	printf "not a jpeg" >f/broken.jpg &&
	printf "{\"platform\":\"dhgate\",\"id\":\"b1\",\"title\":\"铁木工坊 table\",\"images\":[\"broken.jpg\",\"missing.jpg\"]}\n" >f/feed.ndjson &&
	takedown -C ws scan f/feed.ndjson >out 2>err &&
	grep_f "images[0]" err && grep_f "images[1]" err &&
	grep_f "1 listings read, 0 bad lines, 1 findings" out &&
	grep_f "2 photos hashed (2 failed)" out
'

finish
