#!/bin/sh
# portfolio import, export and check with the bundled example.
. ./lib-e2e.sh

check 'the example imports whole, then again with no change' '
	takedown init ws &&
	takedown -C ws portfolio import "$EXAMPLES/ironwood/portfolio.json" >one &&
	grep_f "22 added, 0 updated, 0 unchanged, 11 new files stored" one &&
	takedown -C ws portfolio import "$EXAMPLES/ironwood/portfolio.json" >two &&
	grep_f "0 added, 0 updated, 22 unchanged, 0 new files stored" two
'

check 'a bad field names the file and JSON path, and nothing is imported' '
	takedown init ws &&
	cp -r "$EXAMPLES/ironwood" ex &&
	sed "s/\"valid_to\": \"2028-05-01\"/\"valid_to\": \"2028-13-01\"/" \
		ex/portfolio.json >ex/bad.json &&
	! takedown -C ws portfolio import ex/bad.json 2>err &&
	grep_f "ex/bad.json: rights[1].valid_to: '"'"'2028-13-01'"'"' is not a date (YYYY-MM-DD)" err &&
	grep_f "nothing was imported" err &&
	takedown -C ws owner list --format json >owners &&
	test "$(cat owners)" = "[]" &&
	! ls ws/files/?? 2>/dev/null
'

check 'a bad field in a later import leaves the earlier portfolio as it was' '
	takedown init ws &&
	cp -r "$EXAMPLES/ironwood" ex &&
	takedown -C ws portfolio import ex/portfolio.json &&
	takedown -C ws portfolio export >before.json &&
	sed -e "s/\"msrp\": 680/\"msrp\": 700/" -e "s/\"margin\": 0.42/\"margin\": 4.2/" \
		ex/portfolio.json >ex/bad.json &&
	! takedown -C ws portfolio import ex/bad.json 2>err &&
	grep_f "products[2].margin: must be a fraction from 0 to 1" err &&
	takedown -C ws portfolio export >after.json &&
	cmp before.json after.json
'

check 'a missing document file is named with its field' '
	takedown init ws &&
	cp -r "$EXAMPLES/ironwood" ex && rm ex/docs/poa-exlaw.pdf &&
	! takedown -C ws portfolio import ex/portfolio.json 2>err &&
	grep_f "documents[6].path: " err && grep_f "poa-exlaw.pdf: no such file" err &&
	takedown -C ws doc list --format json >docs && test "$(cat docs)" = "[]"
'

check 'broken JSON names the line' '
	takedown init ws &&
	printf "{\n  \"owners\": [\n    {\"key\": \"a\",,}\n  ]\n}\n" >p.json &&
	! takedown -C ws portfolio import p.json 2>err &&
	grep_f "p.json:3:" err
'

check '--dry-run checks everything and writes nothing' '
	takedown init ws &&
	takedown -C ws portfolio import --dry-run "$EXAMPLES/ironwood/portfolio.json" >out &&
	grep_f "dry run, nothing written" out &&
	takedown -C ws right list --format json >r && test "$(cat r)" = "[]"
'

check 'export --out writes a folder that imports back to the same portfolio' '
	takedown init ws &&
	takedown -C ws portfolio import "$EXAMPLES/ironwood/portfolio.json" &&
	takedown -C ws portfolio export --out exp >msg &&
	test -f exp/portfolio.json && ls exp/files | grep -q poa-exlaw.pdf &&
	grep_f "\"name_zh\": \"铆钉会议桌\"" exp/portfolio.json &&
	takedown init ws2 &&
	takedown -C ws2 portfolio import exp/portfolio.json &&
	takedown -C ws portfolio export >a.json &&
	takedown -C ws2 portfolio export >b.json &&
	sed "s,$(pwd)/ws2/,WS/,g" b.json >b2.json &&
	sed "s,$(pwd)/ws/,WS/,g" a.json >a2.json &&
	cmp a2.json b2.json
'

check 'export to standard output names stored files, and imports back' '
	takedown init ws &&
	takedown -C ws portfolio import "$EXAMPLES/ironwood/portfolio.json" &&
	takedown -C ws portfolio export >p.json &&
	takedown init ws2 &&
	takedown -C ws2 portfolio import p.json >out &&
	grep_f "22 added" out
'

check 'portfolio check lists what needs attention' '
	takedown init ws &&
	takedown -C ws portfolio import "$EXAMPLES/ironwood/portfolio.json" &&
	takedown -C ws portfolio check >out &&
	grep_f "poa-exlaw" out && grep_f "expires in 38 days (2027-01-04)" out &&
	grep_f "unregistered in CN" out &&
	grep_f "no registration certificate on file" out &&
	TAKEDOWN_TODAY=2027-02-01 takedown -C ws portfolio check >late; test $? -eq 1 &&
	grep -q "^error .*poa-exlaw .*expired on 2027-01-04" late
'

finish
