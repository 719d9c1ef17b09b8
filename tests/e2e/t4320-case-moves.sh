#!/bin/sh
# takedown case move|note|close|split|set: the state machine, listing
# outcomes, working-day deadlines and the append-only log.
. ./lib-e2e.sh

ready_case() {
	takedown init ws >/dev/null &&
	takedown -C ws portfolio import "$EXAMPLES/ironwood/portfolio.json" >/dev/null &&
	sqlite3 ws/takedown.db <"$FIXTURES/cases-listings.sql" &&
	takedown -C ws contact set --owner iw --name "Dana Reyes" --title Owner \
		--email legal@ironwood.example --phone "+1 520 555 0100" \
		--address "1200 Foundry Lane, Tucson, AZ 85701, USA" >/dev/null &&
	takedown -C ws case open --platform taobao --right tm-cn --finding 1 --finding 2 >/dev/null &&
	takedown -C ws case check 1 >/dev/null
}

check 'IPP: submitted, notice_sent with 3 working days, then removed' '
	ready_case &&
	takedown -C ws case submit 1 >/dev/null &&
	takedown -C ws case move 1 notice_sent >out &&
	grep_f "case 1 is notice_sent; due 2026-12-02: the seller'"'"'s window ends" out &&
	TAKEDOWN_TODAY=2026-12-03 takedown -C ws case move 1 removed --listing 2 --outcome kept --reason "seller showed an invoice" >out &&
	grep_f "case 1 is removed" out &&
	takedown -C ws case show 1 >out &&
	grep_f "1  1        1        removed" out &&
	grep_f "2  2        2        kept" out &&
	grep_f "listing 2: kept (seller showed an invoice)" out &&
	grep_f "1 listing still open now removed" out &&
	TAKEDOWN_TODAY=2026-12-03 takedown -C ws case close 1 --note done >out &&
	grep_f "case 1 is closed" out
'

check 'the seller window crosses National Day and its make-up Saturday' '
	TAKEDOWN_TODAY=2026-09-30 ready_case &&
	TAKEDOWN_TODAY=2026-09-30 takedown -C ws case submit 1 >/dev/null &&
	TAKEDOWN_TODAY=2026-09-30 takedown -C ws case move 1 notice_sent >out &&
	grep_f "due 2026-10-10" out
'

check 'the seller window crosses Spring Festival' '
	TAKEDOWN_TODAY=2026-02-12 ready_case &&
	TAKEDOWN_TODAY=2026-02-12 takedown -C ws case submit 1 >/dev/null &&
	TAKEDOWN_TODAY=2026-02-12 takedown -C ws case move 1 notice_sent >out &&
	grep_f "due 2026-02-24" out
'

check 'cross-complaint, our reply, the dispute and the E-Commerce Law 15 days' '
	ready_case &&
	takedown -C ws case submit 1 >/dev/null &&
	takedown -C ws case move 1 notice_sent >/dev/null &&
	TAKEDOWN_TODAY=2026-12-01 takedown -C ws case move 1 cross_complaint --note "seller claims own design" >out &&
	grep_f "due 2026-12-04: the answer to the cross-complaint is due" out &&
	TAKEDOWN_TODAY=2026-12-02 takedown -C ws case move 1 denied >out &&
	grep_f "due 2026-12-16: the listing is restored unless the owner acts" out &&
	TAKEDOWN_TODAY=2026-12-03 takedown -C ws case move 1 dispute >out &&
	grep_f "due 2026-12-08: the platform should have decided the dispute" out &&
	TAKEDOWN_TODAY=2026-12-09 takedown -C ws case move 1 reinstated >out &&
	takedown -C ws case show 1 --format json >j &&
	grep_f "\"outcome\": \"reinstated\"" j
'

check 'illegal moves are refused, naming the allowed ones' '
	ready_case &&
	! takedown -C ws case move 1 removed 2>err &&
	grep_f "case 1: a ready case can move to draft, submitted or withdrawn, not to removed" err &&
	takedown -C ws case submit 1 >/dev/null &&
	! takedown -C ws case move 1 denied 2>err &&
	grep_f "a submitted case can move to notice_sent, removed, rejected, escalated or withdrawn, not to denied" err &&
	! takedown -C ws case move 1 fixed 2>err &&
	grep_f "'"'"'fixed'"'"' is not a state; states are draft, ready, submitted" err &&
	! takedown -C ws case close 1 2>err &&
	grep_f "not to closed" err &&
	! takedown -C ws case move 1 submitted 2>err &&
	grep_f "case 1 is already submitted" err
'

check 'a small site has no counter-notices, so no cross_complaint' '
	takedown init ws >/dev/null &&
	takedown -C ws portfolio import "$EXAMPLES/ironwood/portfolio.json" >/dev/null &&
	sqlite3 ws/takedown.db <"$FIXTURES/cases-listings.sql" &&
	sqlite3 ws/takedown.db "INSERT INTO listings (id, platform, ext_id, url, title, content_hash, first_seen, last_seen) VALUES (50, '"'"'loftdeals.example'"'"', '"'"'77'"'"', '"'"'https://loftdeals.example/p/77'"'"', '"'"'IRONWOOD ATELIER table'"'"', '"'"'h'"'"', '"'"'2026-11-20'"'"', '"'"'2026-11-20'"'"')" &&
	sqlite3 ws/takedown.db "INSERT INTO findings (id, listing_id, score, signals, created_at, updated_at) VALUES (50, 50, 0.8, '"'"'[{\"kind\":\"term\",\"rights\":[\"tm-us\"],\"term\":\"IRONWOOD ATELIER\",\"term_kind\":\"mark\",\"field\":\"title\",\"quote\":\"IRONWOOD ATELIER\"}]'"'"', '"'"'2026-11-20'"'"', '"'"'2026-11-20'"'"')" &&
	takedown -C ws contact set --owner iw --name "Dana Reyes" --title Owner \
		--email legal@ironwood.example --phone "+1 520 555 0100" \
		--address "1200 Foundry Lane, Tucson, AZ 85701, USA" >/dev/null &&
	takedown -C ws case open --platform small_site --right tm-us --listing 50 >/dev/null &&
	takedown -C ws case submit 1 >/dev/null &&
	takedown -C ws case move 1 notice_sent >out &&
	grep_f "due 2026-12-04: the seller'"'"'s window ends" out &&
	! takedown -C ws case move 1 cross_complaint 2>err &&
	grep_f "sellers cannot counter-notify on this platform, so there is no cross_complaint; a notice_sent case can move to removed, escalated or withdrawn" err
'

check 'rejected, fixed and resubmitted after a passing check' '
	ready_case &&
	takedown -C ws case submit 1 >/dev/null &&
	takedown -C ws case move 1 rejected --note "IPR record not matched" >/dev/null &&
	takedown -C ws right edit tm-cn --protect-to 2026-11-01 >/dev/null &&
	! takedown -C ws case move 1 resubmitted 2>err &&
	grep_f "case 1 is not ready: 1 blocker" err &&
	takedown -C ws right edit tm-cn --protect-to 2027-11-13 >/dev/null &&
	takedown -C ws case submit 1 --note "with the record number" >out &&
	grep_f "case 1 is resubmitted" out
'

check 'dates: not in the future, not before the state began' '
	ready_case &&
	takedown -C ws case submit 1 --date 2026-11-27 >/dev/null &&
	! takedown -C ws case move 1 notice_sent --date 2026-11-28 2>err &&
	grep_f "2026-11-28 is in the future" err &&
	! takedown -C ws case move 1 notice_sent --date 2026-11-20 2>err &&
	grep_f "2026-11-20 is before the case became submitted (2026-11-27)" err
'

check 'notes and fields go in the log; the log cannot be changed' '
	ready_case &&
	takedown -C ws case note 1 "called the seller" --actor carol >out &&
	grep_f "noted on case 1" out &&
	takedown -C ws case set 1 complaint.reason "counterfeit" >/dev/null &&
	takedown -C ws case show 1 >out &&
	grep_f "carol      (ready)" out && grep_f "called the seller" out &&
	grep_f "set complaint.reason: counterfeit" out &&
	grep_f "complaint.reason = counterfeit" out &&
	n=$(sqlite3 ws/takedown.db "SELECT count(*) FROM case_events") &&
	! sqlite3 ws/takedown.db "UPDATE case_events SET note = '"'"'x'"'"' WHERE id = 1" 2>err &&
	grep_f "case_events is append-only: history cannot be changed" err &&
	! sqlite3 ws/takedown.db "DELETE FROM case_events" 2>err &&
	grep_f "case_events is append-only: history cannot be deleted" err &&
	test "$(sqlite3 ws/takedown.db "SELECT count(*) FROM case_events")" = "$n" &&
	test "$(sqlite3 ws/takedown.db "SELECT note FROM case_events WHERE id = 1")" = "opened on taobao with 2 listings"
'

check 'a batch over the limit is split' '
	takedown init ws >/dev/null &&
	takedown -C ws portfolio import "$EXAMPLES/ironwood/portfolio.json" >/dev/null &&
	for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
		echo "INSERT INTO listings (id, platform, ext_id, url, title, content_hash, first_seen, last_seen) VALUES ($((100 + i)), '"'"'walmart_us'"'"', '"'"'W$i'"'"', '"'"'https://www.walmart.com/ip/$i'"'"', '"'"'t'"'"', '"'"'h'"'"', '"'"'2026-11-20'"'"', '"'"'2026-11-20'"'"');"
	done | sqlite3 ws/takedown.db &&
	args="" && for i in 1 2 3 4 5 6 7 8 9 10 11 12; do args="$args --listing $((100 + i))"; done &&
	takedown -C ws case open --platform walmart_us --right tm-us $args >/dev/null &&
	! takedown -C ws case check 1 >out &&
	grep_f "batch_over_limit: 12 listings, but Walmart.com takes at most 10 item URLs per claim: split the case into 2 cases of at most 10" out &&
	grep_f "fix: takedown case split 1" out &&
	takedown -C ws case split 1 >out &&
	grep_f "split case 1: new case 2" out &&
	takedown -C ws case list >out &&
	grep_f "1     draft  2026-11-27  walmart_us  tm-us         10" out &&
	grep_f "2     draft  2026-11-27  walmart_us  tm-us         2" out &&
	! takedown -C ws case split 1 2>err &&
	grep_f "case 1 has 10 listings, within Walmart.com'"'"'s limit: nothing to split" err
'

finish
