#!/bin/sh
# takedown calendar: working days in the cn and us calendars, no workspace.
. ./lib-e2e.sh

check 'add counts across Spring Festival and its make-up Saturday' '
	takedown calendar add cn 2026-02-13 1 >out &&
	grep_f 2026-02-14 out &&
	takedown calendar add cn 2026-02-13 2 >out &&
	grep_f 2026-02-24 out &&
	takedown calendar add cn 2026-02-24 -1 >out &&
	grep_f 2026-02-14 out &&
	takedown calendar add cn 2025-01-24 3 >out 2>err &&
	grep_f 2025-02-05 out &&
	test ! -s err
'

check 'add counts across National Day' '
	takedown calendar add cn 2026-09-30 3 >out &&
	grep_f 2026-10-10 out &&
	takedown calendar add cn 2025-09-30 1 >out &&
	grep_f 2025-10-09 out
'

check 'add in the us calendar skips Thanksgiving and observed days' '
	takedown calendar add us 2026-11-18 10 >out &&
	grep_f 2026-12-03 out &&
	takedown calendar add us 2021-12-30 1 >out &&
	grep_f 2022-01-03 out
'

check 'is-working answers yes or no and says why' '
	takedown calendar is-working cn 2026-02-14 >out &&
	test "$(cat out)" = yes &&
	takedown calendar is-working cn 2026-02-16 >out &&
	test "$(cat out)" = no &&
	takedown calendar is-working --why cn 2025-09-28 >out &&
	grep_f "yes	workday: National Day and Mid-Autumn Festival" out &&
	takedown calendar is-working --why us 2021-06-18 >out &&
	grep_f "no	holiday: Juneteenth National Independence Day (observed)" out &&
	takedown calendar is-working -w cn 2026-11-28 >out &&
	grep_f "no	weekend" out
'

check 'a year without data falls back to weekends with a warning' '
	takedown calendar add cn 2026-12-31 2 >out 2>err &&
	grep_f 2027-01-04 out &&
	grep_f "calendar cn has no holiday data for 2027" err &&
	takedown calendar is-working cn 2027-02-08 >out 2>err &&
	test "$(cat out)" = yes &&
	grep_f "no holiday data for 2027" err
'

check 'between counts working days, to included' '
	takedown calendar between cn 2026-02-13 2026-02-24 >out &&
	test "$(cat out)" = 2 &&
	takedown calendar between cn 2026-02-24 2026-02-13 >out &&
	test "$(cat out)" = -2
'

check 'list shows holidays and make-up days of one year' '
	takedown calendar list cn 2026 >out &&
	grep_f "2026-02-14  Sat  workday  Spring Festival" out &&
	grep_f "2026-10-07  Wed  holiday  National Day" out &&
	! grep -q 2025- out &&
	takedown calendar list --format csv us 2027 >out &&
	grep_f "2027-12-31,Fri,holiday,New Year'"'"'s Day (observed)" out &&
	takedown calendar list --format json cn 2020 >out &&
	grep_f "\"date\": \"2020-02-01\"" out &&
	takedown calendar years cn >out &&
	grep_f "国办发明电〔2024〕12号" out
'

check 'a calendar file by path, with errors naming line and field' '
	printf "calendar\tshop\tShop\nweekend\tsun\nyear\t2026\tmemo\n2026-12-27\tworkday\tStock\n" >shop.tsv &&
	takedown calendar add ./shop.tsv 2026-12-25 2 >out &&
	grep_f 2026-12-27 out &&
	printf "calendar\tshop\tShop\nweekend\tsun\nyear\t2026\tmemo\n2026-12-23\tworkday\tStock\n" >bad.tsv &&
	! takedown calendar add bad.tsv 2026-12-25 1 2>err &&
	grep_f "bad.tsv:4: kind: 2026-12-23 is a wed" err
'

check 'usage errors exit 2, failures exit 1' '
	set +e
	takedown calendar add cn 2026-02-30 1 2>err; test $? -eq 2 || exit 1
	grep_f "DATE: '"'"'2026-02-30'"'"' is not a date" err || exit 1
	takedown calendar add cn 2026-02-13 x 2>err; test $? -eq 2 || exit 1
	takedown calendar add cn 2026-02-13 2>err; test $? -eq 2 || exit 1
	takedown calendar is-working cn 2>err; test $? -eq 2 || exit 1
	takedown calendar add mars 2026-02-13 1 2>err; test $? -eq 1 || exit 1
	grep_f "no calendar '"'"'mars'"'"' (built in: cn, us" err || exit 1
	takedown calendar add nope.tsv 2026-02-13 1 2>err; test $? -eq 1 || exit 1
	takedown calendar frobnicate 2>err; test $? -eq 2 || exit 1
'

check 'no workspace is needed or created' '
	takedown -C nowhere calendar add cn today 1 >out &&
	grep_f 2026-11-30 out &&
	test ! -e nowhere
'

finish
