#!/bin/sh
# takedown network: sellers joined by what they share, kept in the store
# and brought up to date after each scan.
. ./lib-e2e.sh

F=$FIXTURES/triage
setup='
	takedown init ws >/dev/null &&
	takedown -C ws portfolio import "$EXAMPLES/ironwood/portfolio.json" >/dev/null &&
'

check 'twelve sellers with one phone number written twelve ways form one network' "$setup"'
	takedown -C ws scan -q "$F/phone-a.ndjson" >s1 &&
	takedown -C ws scan -q "$F/phone-b.ndjson" >s2 &&
	grep_f "seller networks new or changed: 1688:shop-03" s2 &&
	takedown -C ws network list --format json >n.json &&
	test "$(grep -c "\"network\":" n.json)" -eq 1 &&
	sed -n "/\"members\"/,/]/p" n.json >members &&
	test "$(grep -c "shop-" members)" -eq 12 &&
	grep_f "\"size\": 12" n.json &&
	! grep -q "shop-13" n.json &&
	for s in taobao:shop-01 taobao:shop-02 1688:shop-03 jd:shop-04 pinduoduo:shop-05 aliexpress:shop-06 dhgate:shop-07 tmall:shop-08 taobao:shop-09 aliexpress:shop-10 taobao:shop-11 dhgate:shop-12; do
		grep -q "\"$s\"" n.json || { echo "no $s"; exit 1; }
	done
'

check 'network show gives members, listings, platforms, links with their evidence and diverted value' "$setup"'
	takedown -C ws scan -q "$F/phone-a.ndjson" >/dev/null &&
	takedown -C ws scan -q "$F/phone-b.ndjson" >/dev/null &&
	takedown -C ws network show 1688:shop-03 >show &&
	grep_f "network 1688:shop-03: 12 sellers on 7 platforms" show &&
	grep_f "listings: 12 stored, 12 still up; 12 findings" show &&
	grep_f "diverted value: \$" show &&
	grep_f "tel:+8613812345678" show &&
	grep_f "| 0086-138-1234-5678]" show &&
	grep_f "微信: 13812345678]" show &&
	grep_f "whatsapp +86 138 1234 5678" show &&
	takedown -C ws network show 1688:shop-03 --format json >s.json &&
	grep_f "\"kind\": \"phone\"" s.json &&
	test "$(grep -c "\"a\":" s.json)" -ge 11 &&
	takedown -C ws network show taobao:shop-09 >by-member &&
	grep_f "network 1688:shop-03" by-member &&
	! takedown -C ws network show taobao:shop-13 2>err && grep_f "no network taobao:shop-13" err
'

check 'a network next to a partner is flagged' "$setup"'
	takedown -C ws scan -q "$F/phone-a.ndjson" >/dev/null &&
	takedown -C ws network list >l &&
	grep_f "dg-works (city: Houjie)" l &&
	takedown -C ws network show 1688:shop-03 >show &&
	grep_f "NEAR PARTNER dg-works (Dongguan Metal Works): taobao:shop-01, same city: Houjie" show &&
	takedown -C ws network show 1688:shop-03 --format json >j &&
	grep_f "\"match\": \"city\"" j
'

check 'a seller that drops the shared number leaves at the next scan; the rest stay together' "$setup"'
	takedown -C ws scan -q "$F/phone-a.ndjson" >/dev/null &&
	takedown -C ws scan -q "$F/phone-b.ndjson" >/dev/null &&
	sed "s|Order on https://wa.me/8613812345678 for discounts|Discounts for orders of two|" "$F/phone-b.ndjson" >b2.ndjson &&
	takedown -C ws scan -q --partial b2.ndjson >s3 &&
	grep_f "seller networks new or changed: 1688:shop-03" s3 &&
	takedown -C ws network list --format json >n.json &&
	grep_f "\"size\": 11" n.json && ! grep -q "shop-12" n.json &&
	sqlite3 ws/takedown.db "SELECT count(*) FROM seller_links WHERE a = (SELECT id FROM sellers WHERE seller_key = '"'"'shop-12'"'"') OR b = (SELECT id FROM sellers WHERE seller_key = '"'"'shop-12'"'"')" >c &&
	test "$(cat c)" -eq 0
'

check 'the network joins triage: its findings are grouped under it' "$setup"'
	takedown -C ws scan -q "$F/phone-a.ndjson" >/dev/null &&
	takedown -C ws triage --format ndjson >t &&
	test "$(grep -c "\"network\":\"1688:shop-03\"" t)" -eq 6 &&
	takedown -C ws triage >tab &&
	grep_f "network 1688:shop-03:" tab &&
	takedown -C ws triage --network 1688:shop-03 --format ndjson >only &&
	test "$(wc -l <only)" -eq 6
'

check 'no networks yet, and unknown verbs' "$setup"'
	takedown -C ws network list >l && grep_f "no seller networks yet" l &&
	! takedown -C ws network frobnicate 2>e
'

finish
