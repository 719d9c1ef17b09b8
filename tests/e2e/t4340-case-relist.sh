#!/bin/sh
# Whack-a-mole end to end: a case removes two listings, the next scan
# confirms it and finds the seller relisting, `due` says so with the
# command that re-files, and the new complaint cites the history.
. ./lib-e2e.sh

check 'a relisting after removal is due, re-filed with --relist-of, and its complaint cites the earlier case' '
	export TAKEDOWN_NOW=2026-11-27T09:00:00Z &&
	takedown init ws >/dev/null &&
	takedown -C ws portfolio import "$EXAMPLES/ironwood/portfolio.json" >/dev/null &&
	takedown -C ws scan -q "$EXAMPLES/ironwood/feed/listings.ndjson" --source m >/dev/null &&
	takedown -C ws contact set --owner iw --name "Dana Reyes" --title Director \
		--email legal@ironwood.example --phone "+1 520 555 0100" \
		--address "1200 Foundry Lane, Tucson, AZ 85701, USA" >/dev/null &&
	takedown -C ws contact set --agent exlaw --name "Lin Wei" --title Partner \
		--phone "+1 212 555 0199" >/dev/null &&
	takedown -C ws case open --platform taobao --right tm-cn --finding 1 \
		--finding 7 --agent exlaw >/dev/null &&
	takedown -C ws case check 1 >/dev/null &&
	takedown -C ws case submit 1 >/dev/null &&
	takedown -C ws case move 1 notice_sent >/dev/null &&
	takedown -C ws due >d0 && ! grep -q relisting d0 &&
	export TAKEDOWN_TODAY=2026-12-04 TAKEDOWN_NOW=2026-12-04T09:00:00Z &&
	takedown -C ws scan -q "$EXAMPLES/ironwood/feed/week2.ndjson" --source m >s2 &&
	grep_f "removal confirmed for 3 listings" s2 &&
	takedown -C ws case move 1 removed >/dev/null &&
	takedown -C ws due >d1 &&
	grep "relisting  taobao:652777" d1 >r &&
	grep_f "relists taobao:652331" r && grep_f "matched by seller" r &&
	grep_f "--relist-of 1" r &&
	grep "relisting  dhgate:889555" d1 | grep -q "matched by network" &&
	lid=$(sed -n "s/.*--listing \([0-9]*\) --relist-of.*/\1/p" r) &&
	takedown -C ws case open --platform taobao --right tm-cn --listing "$lid" \
		--relist-of 1 --agent exlaw >/dev/null &&
	takedown -C ws case show 2 >show && grep -q "re-files: *case 1" show &&
	takedown -C ws due >d2 && ! grep -q "relisting  taobao:652777" d2 &&
	takedown -C ws case check 2 >/dev/null &&
	takedown -C ws case package 2 --out pkg >/dev/null &&
	grep_f "it puts back up taobao:652331, which was removed (confirmed 2026-12-04) after our earlier complaint (case 1)" pkg/complaint.en.txt &&
	grep_f "此前已就其投诉（案件1）" pkg/complaint.zh.txt
'

finish
