#!/bin/sh
# takedown case open|list|show: cases from findings and listings.
. ./lib-e2e.sh

# The sample portfolio with the listings and findings of
# tests/fixtures/cases-listings.sql.
ws_with_findings() {
	takedown init ws >/dev/null &&
	takedown -C ws portfolio import "$EXAMPLES/ironwood/portfolio.json" >/dev/null &&
	sqlite3 ws/takedown.db <"$FIXTURES/cases-listings.sql"
}

check 'open a draft from findings, list and show it' '
	ws_with_findings &&
	takedown -C ws case open --platform taobao --right tm-cn --finding 1 --finding 2 --agent exlaw --actor alice >out &&
	grep_f "opened case 1 (draft): takedown case check 1" out &&
	takedown -C ws case list >out &&
	grep_f "1     draft  2026-11-27  taobao  tm-cn  exlaw  2" out &&
	takedown -C ws case show 1 >out &&
	grep_f "case 1: tm-cn on taobao (alibaba_ipp)" out &&
	grep_f "state:    draft since 2026-11-27" out &&
	grep_f "next:     ready or withdrawn" out &&
	grep_f "https://item.taobao.com/item.htm?id=610002" out &&
	grep_f "alice      -> draft" out &&
	grep_f "opened on taobao with 2 listings" out &&
	takedown -C ws case show 1 --format json >out &&
	grep_f "\"state\": \"draft\"" out &&
	grep_f "\"actor\": \"alice\"" out
'

check 'a listing opens with its finding; the platform name may be an alias' '
	ws_with_findings &&
	takedown -C ws case open --platform ebay --right tm-us --listing 6 --listing 7 &&
	takedown -C ws case show 1 --format json >out &&
	grep_f "\"site\": \"ebay_us\"" out &&
	grep_f "\"finding\": 6" out &&
	takedown -C ws case open --platform amazon --right tm-us --finding 4 --finding 4 &&
	takedown -C ws case list --platform amazon_us --format csv >out &&
	grep_f "2,draft" out && grep_f ",amazon_us,tm-us,,1," out
'

check 'open refuses what cannot be one complaint' '
	ws_with_findings &&
	! takedown -C ws case open --platform alibaba_ipp --right tm-cn --finding 1 2>err &&
	grep_f "alibaba_ipp has several sites; name one: taobao tmall 1688 alibaba_com aliexpress" err &&
	! takedown -C ws case open --platform taobao --right tm-cn --finding 1 --finding 3 2>err &&
	grep_f "listing 3 is on tmall, not taobao: open one case per site" err &&
	! takedown -C ws case open --platform taobao --right tm-xx --finding 1 2>err &&
	grep_f "no right '"'"'tm-xx'"'"'" err &&
	! takedown -C ws case open --platform taobao --right tm-cn --finding 99 2>err &&
	grep_f "no finding 99" err &&
	! takedown -C ws case open --platform taobao --right tm-cn 2>err &&
	grep_f "needs --platform, --right and at least one --finding or --listing" err &&
	! takedown -C ws case open --platform taobao --right tm-cn --finding x1 2>err &&
	grep_f "'"'"'x1'"'"' is not a finding number" err &&
	takedown -C ws case list >out && test "$(grep -c . out)" -eq 1
'

check 'a listing is in one live case per right' '
	ws_with_findings &&
	takedown -C ws case open --platform taobao --right tm-cn --finding 1 &&
	! takedown -C ws case open --platform taobao --right tm-cn --listing 1 2>err &&
	grep_f "listing 1 is already in case 1 for tm-cn" err &&
	takedown -C ws case move 1 withdrawn --note "wrong seller" &&
	takedown -C ws case open --platform taobao --right tm-cn --listing 1 >out &&
	grep_f "opened case 2" out &&
	takedown -C ws case list --state withdrawn >out &&
	grep_f "1     withdrawn" out &&
	takedown -C ws case list --open >out &&
	! grep -q withdrawn out
'

check 'a case from a real scan of the sample feed' '
	takedown init ws >/dev/null &&
	takedown -C ws portfolio import "$EXAMPLES/ironwood/portfolio.json" >/dev/null &&
	takedown -C ws scan "$EXAMPLES/ironwood/feed/listings.ndjson" >/dev/null 2>&1 &&
	takedown -C ws findings list --format csv >f &&
	id=$(grep ",taobao,652331," f | cut -d, -f1) && test -n "$id" &&
	takedown -C ws case open --platform taobao --right tm-cn --finding "$id" &&
	takedown -C ws case show 1 >out &&
	grep_f "item.taobao.com/item.htm?id=652331" out
'

finish
