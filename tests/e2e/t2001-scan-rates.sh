#!/bin/sh
# Exchange rates: shipped defaults, workspace imports, conversion.
. ./lib-e2e.sh

check 'rates convert works outside a workspace with the shipped rates' '
	takedown rates convert 708 CNY USD >out &&
	grep_f "708.00 CNY = 100.00 USD" out
'

check 'an imported rate overrides an older shipped one' '
	takedown init ws &&
	printf "# mine\nCNY\t7.20\t2026-11-20\tECB reference rate\n" >r.tsv &&
	takedown -C ws rates import r.tsv >out && grep_f "imported 1 rate" out &&
	takedown -C ws rates convert 720 CNY USD >c &&
	grep_f "720.00 CNY = 100.00 USD (rates of 2026-11-20)" c &&
	takedown -C ws rates list --format csv >l &&
	grep_f "CNY,7.2,2026-11-20,ECB reference rate" l &&
	printf "CNY\t9.99\t2020-01-01\told\n" >old.tsv &&
	takedown -C ws rates import old.tsv &&
	takedown -C ws rates convert 720 CNY USD >c2 &&
	grep_f "100.00 USD" c2
'

check 'a bad rates file names the line and field, and nothing is imported' '
	takedown init ws &&
	printf "CNY\t7.20\t2026-11-20\nEUR\tabc\t2026-11-20\n" >r.tsv &&
	! takedown -C ws rates import r.tsv 2>err &&
	grep_f "r.tsv:2: per_usd: '"'"'abc'"'"' is not a positive rate" err &&
	printf "RMB\t7\t2026-11-20\n" >r2.tsv &&
	! takedown -C ws rates import r2.tsv 2>err2 &&
	grep_f "r2.tsv:1: currency: '"'"'RMB'"'"' is not an ISO 4217 code" err2 &&
	takedown -C ws rates convert 708 CNY USD >c && grep_f "100.00 USD" c
'

check 'an unknown currency is a clear error' '
	! takedown rates convert 5 XAU USD 2>err &&
	grep_f "no exchange rate for XAU" err
'

finish
