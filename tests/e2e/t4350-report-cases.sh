#!/bin/sh
# What filing achieved: report cases counts cases and listings, the
# success rate, and the days from filing to removal (calendar and the
# site's working days), per site, right and agent.
. ./lib-e2e.sh

setup='
	export TAKEDOWN_NOW=2026-11-27T09:00:00Z TAKEDOWN_TODAY=2026-11-27 &&
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
	takedown -C ws case open --platform aliexpress --right tm-cn --finding 2 >/dev/null &&
	takedown -C ws case check 2 >/dev/null &&
	takedown -C ws case submit 2 >/dev/null &&
	takedown -C ws case open --platform pinduoduo --right tm-cn --finding 6 >/dev/null &&
	export TAKEDOWN_NOW=2026-12-02T09:00:00Z TAKEDOWN_TODAY=2026-12-02 &&
	takedown -C ws case move 1 removed >/dev/null &&
	takedown -C ws case move 2 rejected --note "IPR record not matched" >/dev/null &&
'

check 'per site: cases, filed, removed and failed listings, success, days and working days' "$setup"'
	takedown -C ws report cases >r &&
	grep_f "cases by site:" r &&
	grep -E "^  taobao +1 +1 +0 +2 +2 +0 +0 +100% +5\.0 +3\.0 +1\.0$" r &&
	grep -E "^  aliexpress +1 +1 +0 +1 +0 +1 +0 +0% +- +- +1\.0$" r &&
	grep -E "^  pinduoduo +1 +0 +0 +0 +0 +0 +0 +- +- +- " r &&
	grep -E "^  all +3 +2 +0 +3 +2 +1 +0 +67% +5\.0 +3\.0 +-$" r &&
	grep_f "cost and value (triage'"'"'s estimates, USD over 12 months):" r &&
	grep -E "^  taobao +cost \\\$150 for 1 filed case; removing 2 listings keeps \\\$[0-9,]+$" r &&
	grep -E "^  all +cost \\\$300 for 2 filed cases; removing 2 listings keeps " r
'

check 'JSON has every count; by agent the owner files for itself' "$setup"'
	takedown -C ws report cases --format ndjson >j &&
	grep_f "\"group\":\"taobao\",\"cases\":1,\"filed\":1,\"open\":0,\"listings\":2,\"removed\":2," j &&
	grep_f "\"success_rate\":1.0,\"removals_timed\":2,\"mean_days\":5.0,\"median_days\":5.0,\"median_working_days\":3.0," j &&
	grep_f "\"group\":\"aliexpress\",\"cases\":1,\"filed\":1,\"open\":0,\"listings\":1,\"removed\":0,\"kept\":0,\"reinstated\":0,\"rejected\":1," j &&
	grep_f "\"cost\":150.0,\"cases_costed\":1,\"value_kept\":506.82,\"removals_valued\":2}" j &&
	grep_f "\"currency\":\"USD\",\"all\":{" j &&
	grep_f "\"success_rate\":0.6667," j &&
	grep_f "\"cost\":300.0,\"cases_costed\":2," j &&
	takedown -C ws report cases --by agent >a &&
	grep -E "^  exlaw +1 +1 " a && grep -E "^  owner +2 +1 " a &&
	takedown -C ws report cases --by right >b && grep -E "^  tm-cn +3 +2 " b &&
	echo "{\"horizon_months\": \"x\"}" >ws/triage.json &&
	takedown -C ws report cases >c &&
	grep_f "(no cost or value: triage: ws/triage.json: \$.horizon_months: must be a number)" c &&
	grep -E "^  taobao +1 +1 +0 +2 +2 " c
'

check 'a period: the cases first filed in it' "$setup"'
	takedown -C ws report cases --since 2026-11-27 --until 2026-11-30 >r &&
	grep_f "cases by site, first filed from 2026-11-27 until 2026-11-30:" r &&
	grep -E "^  all +2 +2 " r && ! grep -q pinduoduo r &&
	takedown -C ws report cases --since 2026-11-28 >r2 &&
	grep_f "no case first filed then" r2 &&
	takedown -C ws report cases --until 2026-11-27 --format ndjson >j &&
	grep_f "\"since\":null,\"until\":\"2026-11-27\"" j &&
	{ takedown -C ws report cases --since 2026-12-01 --until 2026-11-01 2>err; test $? = 2; } &&
	grep_f "--until 2026-11-01 is before --since 2026-12-01" err &&
	{ takedown -C ws report cases --since yesterday 2>err; test $? = 2; }
'

check 'an open case, no cases at all, and bad options' '
	takedown init ws >/dev/null &&
	takedown -C ws report cases >r && grep_f "no cases yet" r &&
	{ takedown -C ws report cases --by seller 2>err; test $? = 2; } &&
	grep_f "--by: '"'"'seller'"'"' is not site, right or agent" err &&
	{ takedown -C ws report cases --format csv 2>err; test $? = 2; } &&
	{ takedown -C ws report cases extra 2>err; test $? = 2; }
'

check 'a case still waiting on the seller is open, its listings pending' "$setup"'
	takedown -C ws case open --platform 1688 --right tm-cn --finding 10 >/dev/null &&
	takedown -C ws case check 4 >/dev/null &&
	takedown -C ws case submit 4 >/dev/null &&
	takedown -C ws report cases >r &&
	grep -E "^  1688 +1 +1 +1 +1 +0 +0 +1 +- +- +- +1\.0$" r &&
	grep -E "^  all +4 +3 +1 +4 +2 +1 +1 +67% " r
'

finish
