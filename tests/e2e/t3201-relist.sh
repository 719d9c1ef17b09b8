#!/bin/sh
# Removal confirmed by a later scan, and relistings caught and linked to
# the removed listing (and its case).
. ./lib-e2e.sh

setup='
	takedown init ws >/dev/null &&
	takedown -C ws portfolio import "$EXAMPLES/ironwood/portfolio.json" >/dev/null &&
	P=$EXAMPLES/ironwood/feed/l-700001-1.jpg &&
	sed "s|@IMG@|$P|" "$FIXTURES/triage/relist-day1.ndjson.in" >day1.ndjson &&
	sed "s|@IMG@|$P|" "$FIXTURES/triage/relist-day2.ndjson.in" >day2.ndjson &&
	cp day1.ndjson feed.ndjson &&
	TAKEDOWN_NOW=2026-11-20T10:00:00Z takedown -C ws scan -q feed.ndjson >s1 &&
'
day2='
	cp day2.ndjson feed.ndjson &&
	TAKEDOWN_NOW=2026-11-25T10:00:00Z takedown -C ws scan -q feed.ndjson >s2
'

check 'a later scan without a listing confirms its removal, with the date' "$setup$day2"'
	grep_f "removal confirmed for 2 listings no longer in the feed" s2 &&
	sqlite3 ws/takedown.db "SELECT platform || '"'"':'"'"' || ext_id || '"'"' '"'"' || gone_at FROM listings WHERE gone_at IS NOT NULL ORDER BY 1" >gone &&
	grep_f "taobao:r1 2026-11-25T10:00:00Z" gone && grep_f "jd:r3 2026-11-25T10:00:00Z" gone &&
	test "$(wc -l <gone)" -eq 2
'

check 'a partial feed, another source, or standard input confirm nothing' "$setup"'
	head -1 day2.ndjson >feed.ndjson &&
	takedown -C ws scan -q --partial feed.ndjson >s2 &&
	! grep -q "removal confirmed" s2 &&
	head -1 day2.ndjson >other.ndjson &&
	takedown -C ws scan -q other.ndjson >s3 &&
	! grep -q "removal confirmed" s3 &&
	head -1 day2.ndjson | takedown -C ws scan -q - >s4 &&
	head -1 day2.ndjson | takedown -C ws scan -q - >s5 &&
	! grep -q "removal confirmed" s5 &&
	sqlite3 ws/takedown.db "SELECT count(*) FROM listings WHERE gone_at IS NOT NULL" >n &&
	test "$(cat n)" -eq 0
'

check 'relistings by the same seller, the same network, and by copied photo and text are caught and linked' "$setup$day2"'
	grep_f "3 relistings of removed listings" s2 &&
	takedown -C ws report relist >r &&
	grep_f "taobao:r1b relists taobao:r1 (seller, 5.0 days after removal)" r &&
	grep_f "pinduoduo:r9 relists taobao:r1 (network, 5.0 days after removal)" r &&
	grep_f "dhgate:r3b relists jd:r3 (photo_text, 5.0 days after removal)" r &&
	grep_f "a photo 0 bits from one of jd:r3, which was removed, and a title with Jaccard 1.00" r &&
	id=$(sqlite3 ws/takedown.db "SELECT f.id FROM findings f JOIN listings l ON l.id = f.listing_id WHERE l.ext_id = '"'"'r1b'"'"'") &&
	takedown -C ws findings show "$id" >f &&
	grep_f "RELIST of taobao:r1 (removal confirmed 2026-11-25; the same seller as taobao:r1" f &&
	takedown -C ws findings show "$id" --format json >fj &&
	grep_f "\"kind\": \"relist\"" fj && grep_f "\"earlier_finding\": 1" fj &&
	takedown -C ws triage >t &&
	grep_f "(2 findings left out: the listing is gone, its removal confirmed)" t &&
	! grep -q "taobao:r1 " t && ! grep -q "jd:r3 " t
'

check 'relist rate and time to relist per platform and per network' "$setup$day2"'
	takedown -C ws report relist >r &&
	sed -n "/^by platform/,/^by seller/p" r >pl &&
	grep "  taobao " pl | grep -q " 1 *1 *100% *5.0 *5.0" &&
	grep "  jd " pl | grep -q " 1 *1 *100% *5.0 *5.0" &&
	sed -n "/^by seller network/,/^relistings/p" r >nw &&
	grep "1688:s-b" nw | grep -q " 1 *1 *100%" &&
	takedown -C ws report relist --format json >j &&
	grep_f "\"relist_rate\": 1.0" j && grep_f "\"median_days\": 5.0" j
'

check 'the relisting links the removed listing'"'"'s case, for re-filing' "$setup"'
	sqlite3 ws/takedown.db "INSERT INTO cases (platform, site, right_id, owner_id, state, state_date, opened_at, updated_at) SELECT '"'"'alibaba_ipp'"'"', '"'"'taobao'"'"', id, owner_id, '"'"'removed'"'"', '"'"'2026-11-22'"'"', '"'"'2026-11-21'"'"', '"'"'2026-11-22'"'"' FROM rights WHERE key = '"'"'tm-cn'"'"'; INSERT INTO case_listings (case_id, listing_id, finding_id, pos, outcome, outcome_date) SELECT last_insert_rowid(), l.id, f.id, 0, '"'"'removed'"'"', '"'"'2026-11-22'"'"' FROM listings l JOIN findings f ON f.listing_id = l.id WHERE l.ext_id = '"'"'r1'"'"'" &&
	cp day2.ndjson feed.ndjson &&
	TAKEDOWN_NOW=2026-11-25T10:00:00Z takedown -C ws scan -q feed.ndjson >/dev/null &&
	takedown -C ws report relist >r &&
	grep "taobao:r1b relists" r | grep -q "re-file case 1" &&
	takedown -C ws report relist --format json >j &&
	grep_f "\"earlier_case\": 1" j
'

check 'a relisting keeps its signal when scanned again; a removed listing back under its id is no longer gone' "$setup$day2"'
	TAKEDOWN_NOW=2026-11-26T10:00:00Z takedown -C ws scan -q feed.ndjson >/dev/null &&
	id=$(sqlite3 ws/takedown.db "SELECT f.id FROM findings f JOIN listings l ON l.id = f.listing_id WHERE l.ext_id = '"'"'r3b'"'"'") &&
	takedown -C ws findings show "$id" >f && grep_f "RELIST of jd:r3" f &&
	cat day2.ndjson day1.ndjson >feed.ndjson &&
	TAKEDOWN_NOW=2026-11-27T10:00:00Z takedown -C ws scan -q feed.ndjson >s4 &&
	grep_f "2 listings back after removal" s4 &&
	sqlite3 ws/takedown.db "SELECT count(*) FROM listings WHERE gone_at IS NOT NULL" >n &&
	test "$(cat n)" -eq 0
'

finish
