#!/bin/sh
# takedown due: what needs action, oldest first.
. ./lib-e2e.sh

setup() {
	takedown init ws >/dev/null &&
	takedown -C ws portfolio import "$EXAMPLES/ironwood/portfolio.json" >/dev/null &&
	sqlite3 ws/takedown.db <"$FIXTURES/cases-listings.sql" &&
	takedown -C ws contact set --owner iw --name "Dana Reyes" --title Owner \
		--email legal@ironwood.example --phone "+1 520 555 0100" \
		--address "1200 Foundry Lane, Tucson, AZ 85701, USA" >/dev/null &&
	takedown -C ws contact set --agent exlaw --name "Lin Wei" --title Partner \
		--phone "+1 212 555 0199" >/dev/null
}

check 'nothing to do in an empty workspace' '
	setup &&
	takedown -C ws due >out &&
	grep_f "nothing needs action as of 2026-11-27" out
'

check 'the seller window, a cross-complaint and a ready case, oldest first' '
	setup &&
	takedown -C ws case open --platform taobao --right tm-cn --finding 1 >/dev/null &&
	takedown -C ws case submit 1 >/dev/null &&
	takedown -C ws case move 1 notice_sent >/dev/null &&
	takedown -C ws case open --platform ebay --right tm-us --finding 6 >/dev/null &&
	takedown -C ws case submit 2 >/dev/null &&
	takedown -C ws case move 2 removed >/dev/null &&
	takedown -C ws case move 2 cross_complaint >/dev/null &&
	takedown -C ws case open --platform amazon --right tm-us --finding 4 >/dev/null &&
	takedown -C ws case check 3 >/dev/null &&
	takedown -C ws due >out &&
	grep -Eq "^2026-11-27 +today +3 +amazon_us +ready +file " out &&
	grep -Eq "^2026-12-02 +in 5 days +1 +taobao +notice_sent +seller_window +case 1 +the seller.s window ends 2026-12-02: check the listings are gone" out &&
	grep -Eq "^2026-12-04 +in 7 days +2 +ebay_us +cross_complaint +reply " out &&
	test "$(sed -n 2p out | cut -c1-10)" = 2026-11-27 &&
	test "$(sed -n 4p out | cut -c1-10)" = 2026-12-04 &&
	TAKEDOWN_TODAY=2026-12-03 takedown -C ws due --within 0d >out &&
	grep_f "1 day ago" out && ! grep -q "ebay_us" out &&
	takedown -C ws due --on 2026-12-10 --format csv >out &&
	grep_f "2026-12-02,8 days ago,1,taobao,notice_sent,seller_window,case 1," out &&
	takedown -C ws due --format json >out &&
	grep_f "\"kind\": \"reply\"" out
'

check 'documents expiring before a case is likely to end' '
	setup &&
	takedown -C ws case open --platform taobao --right tm-cn --finding 1 --agent exlaw >/dev/null &&
	takedown -C ws case submit 1 >/dev/null &&
	TAKEDOWN_TODAY=2026-12-20 takedown -C ws due >out &&
	grep -Eq "^2027-01-04 +in 15 days +1 +taobao +submitted +expiry +exlaw " out &&
	grep_f "the authorisation of exlaw by iw ends on 2027-01-04, before the case is likely to end" out &&
	grep -Eq " expiry +poa-exlaw +the power of attorney poa-exlaw expires on 2027-01-04" out &&
	takedown -C ws due --within 7d >out &&
	! grep -q expiry out
'

check 'bad options' '
	setup &&
	! takedown -C ws due --on 2026-13-01 2>err && grep_f "not a date" err &&
	! takedown -C ws due --within soon 2>err && grep_f "not a span" err
'

finish
