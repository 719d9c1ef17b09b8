#!/bin/sh
# takedown triage: the verdicts of the cost-benefit model on listings
# written for each case, with the reasons users read.
. ./lib-e2e.sh

setup='
	takedown init ws >/dev/null &&
	takedown -C ws portfolio import "$EXAMPLES/ironwood/portfolio.json" >/dev/null &&
	sed "s|@IMG@|$EXAMPLES/ironwood/img|g" "$FIXTURES/triage/verdicts.ndjson.in" >f.ndjson &&
	takedown -C ws scan -q f.ndjson >/dev/null &&
	takedown -C ws triage --no-hold --format ndjson >t.ndjson &&
'

check 'a $50 copy of a $4,500 table sold only where the owner does not sell is not worth filing' "$setup"'
	grep "\"id\":\"t-cheap\"" t.ndjson >l &&
	{ grep -q "\"verdict\":\"ignore\"" l || grep -q "\"verdict\":\"monitor\"" l; } &&
	grep_f "to buyers in China, where you do not sell" l &&
	grep_f "\"diverted_value\":0" l
'

check 'a near-MSRP copy with the owner'"'"'s photos, shipped where the owner sells, is filed' "$setup"'
	grep "\"id\":\"a-genuine\"" t.ndjson >l &&
	grep_f "\"verdict\":\"file\"" l &&
	grep_f "with your own photos to buyers in the United States, where you sell" l &&
	grep_f ". File.\"" l
'

check 'priced like the original with no sign of copying: a test purchase first, not a complaint' '
	takedown init ws >/dev/null &&
	takedown -C ws portfolio import "$EXAMPLES/ironwood/portfolio.json" >/dev/null &&
	takedown -C ws scan -q "$EXAMPLES/ironwood/feed/listings.ndjson" >/dev/null &&
	takedown -C ws triage --no-hold --format ndjson >t.ndjson &&
	grep "\"id\":\"B0IRONW01\"" t.ndjson >l &&
	grep_f "\"verdict\":\"monitor\"" l &&
	grep_f "may be genuine goods from a reseller or a grey import. Make a test purchase before filing" l &&
	grep "\"id\":\"10077\"" t.ndjson >j &&
	grep_f "\"verdict\":\"file\"" j &&
	takedown -C ws triage --budget 100000 >plan && ! grep -q "amazon/" plan
'

check 'an unregistered mark with a lot at stake: register first' "$setup"'
	grep "\"id\":\"t-forge\"" t.ndjson >l &&
	grep_f "\"verdict\":\"register_first\"" l &&
	grep_f "\"right\":\"tm-cn-forge\"" l &&
	grep_f "your trademark is not registered" l &&
	grep_f "Registering costs \$1,500 and takes 12 months" l
'

check 'a photo given only to the factory in a listing: investigate the source, naming it' "$setup"'
	grep "\"id\":\"b-proto\"" t.ndjson >l &&
	grep_f "\"verdict\":\"investigate_source\"" l &&
	grep_f "\"partner\":\"dg-works\"" l &&
	grep_f "leak from Dongguan Metal Works: photo rt-001-proto.jpg of IA-RT-001, given only to Dongguan Metal Works" l
'

check 'a listing captured before the launch: investigate the partner who had it' "$setup"'
	grep "\"id\":\"e-early\"" t.ndjson >l &&
	grep_f "\"verdict\":\"investigate_source\"" l &&
	grep_f "captured on 2026-11-22, before IA-LC-003 launches on 2027-03-01" l &&
	grep_f "\"partner\":\"westline\"" l
'

check 'every NDJSON line carries the fields scripts rely on' "$setup"'
	test "$(wc -l <t.ndjson)" -eq 5 &&
	for k in platform id seller network verdict expected_value diverted_value p_success cost currency reason; do
		test "$(grep -c "\"$k\":" t.ndjson)" -eq 5 || { echo "missing $k"; exit 1; }
	done &&
	grep_f "\"currency\":\"USD\"" t.ndjson
'

check 'the table groups by seller, best expected value first; --explain shows the terms' "$setup"'
	takedown -C ws triage --no-hold >tab &&
	grep_f "5 findings in 5 sellers and networks" tab &&
	head -3 tab | grep -q "seller aliexpress:ae-1: file" &&
	takedown -C ws triage --no-hold --explain >ex &&
	grep_f "substitution" ex && grep_f "the protocol'"'"'s prior" ex &&
	grep_f "case_cost" ex
'

check 'platform facts come from the protocols: a workspace triage.json sets only economics' "$setup"'
	echo "{\"platforms\": {\"taobao\": {\"batch_limit\": 5}}}" >ws/triage.json &&
	! takedown -C ws triage 2>err &&
	grep_f "triage.json: \$.platforms.taobao.batch_limit: a platform fact: it comes from the platform'"'"'s protocol" err &&
	echo "{\"platforms\": {\"aliexpress\": {\"units_per_month\": 1}}}" >ws/triage.json &&
	takedown -C ws triage --no-hold --format ndjson >t2 &&
	a=$(grep "a-genuine" t.ndjson | sed "s/.*\"diverted_value\":\([0-9.]*\).*/\1/") &&
	b=$(grep "a-genuine" t2 | sed "s/.*\"diverted_value\":\([0-9.]*\).*/\1/") &&
	awk -v a="$a" -v b="$b" "BEGIN { exit !(b > 0 && b < a / 4) }"
'

check 'filters and bad options' "$setup"'
	takedown -C ws triage --platform taobao --format ndjson >p &&
	test "$(wc -l <p)" -eq 2 &&
	takedown -C ws triage --right tm-cn-forge --format ndjson >r &&
	test "$(wc -l <r)" -eq 1 &&
	! takedown -C ws triage --budget lots 2>e &&
	grep_f "is not an amount" e &&
	! takedown -C ws triage extra 2>e2 && grep_f "takes no operands" e2
'

finish
