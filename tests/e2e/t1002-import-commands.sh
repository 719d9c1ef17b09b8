#!/bin/sh
# Building a portfolio one command at a time.
. ./lib-e2e.sh

setup='
	takedown init ws &&
	takedown -C ws owner add iw --name "Ironwood Atelier LLC" \
		--name-zh "铁木工坊有限公司" --country US --licence AZ-L7654321 >/dev/null &&
'

check 'owner add, list and show' "$setup"'
	takedown -C ws owner list >o && grep_f "铁木工坊有限公司" o &&
	takedown -C ws owner show iw >s && grep_f "business_licence: AZ-L7654321" s &&
	takedown -C ws owner list --format csv >c &&
	head -1 c | grep -q "^key,name,name_zh,country" &&
	takedown -C ws owner list --format json >j && grep_f "\"key\": \"iw\"" j
'

check 'adding an existing key is refused' "$setup"'
	! takedown -C ws owner add iw --name "Other" --country US 2>err &&
	grep_f "owner '"'"'iw'"'"' already exists" err &&
	takedown -C ws owner show iw >s && grep_f "Ironwood Atelier LLC" s
'

check 'bad option values name the field' "$setup"'
	{ takedown -C ws owner add x --name X --country ZZ 2>err; test $? -eq 2; } &&
	grep_f "country: '"'"'ZZ'"'"' is not an ISO 3166 country code" err &&
	! takedown -C ws right add r --owner nobody --kind trademark \
		--jurisdiction CN --status pending 2>err &&
	grep_f "owner: no owner '"'"'nobody'"'"'" err &&
	{ takedown -C ws product add P --owner iw --name T --msrp abc \
		--currency USD --margin 0.4 2>err; test $? -eq 2; } &&
	grep_f "--msrp: '"'"'abc'"'"' is not a number" err
'

check 'right add with terms, list, show and edit' "$setup"'
	takedown -C ws right add tm-cn --owner iw --kind trademark \
		--mark "IRONWOOD ATELIER" --reg-no 21345678 --jurisdiction CN \
		--class 20 --valid-from 2017-11-14 --valid-to 2027-11-13 \
		--name-zh 铁木工坊 --pinyin "tiemu gongfang" --model IA-RT >out &&
	grep_f "added right tm-cn" out &&
	takedown -C ws right list >l && grep_f "IRONWOOD ATELIER|铁木工坊|tiemu gongfang|IA-RT" l &&
	takedown -C ws right show tm-cn --format json >j &&
	grep_f "\"kind\": \"pinyin\"" j &&
	takedown -C ws right edit tm-cn --remove-term IA-RT --alias Ironwood \
		--protect-from 2026-01-01 >e && grep_f "updated right tm-cn" e &&
	takedown -C ws right show tm-cn >s &&
	grep -q "^protect_from: *2026-01-01" s && ! grep -q "IA-RT" s &&
	! takedown -C ws right edit tm-cn --protect-to 2030-01-01 2>err &&
	grep_f "protect_to: 2030-01-01 is outside the validity" err &&
	! takedown -C ws right edit nope --title x 2>err && grep_f "no right" err
'

check 'a registration number cannot be used twice in one jurisdiction' "$setup"'
	takedown -C ws right add a --owner iw --kind trademark --reg-no 1 \
		--jurisdiction CN --mark A &&
	takedown -C ws right add b --owner iw --kind trademark --reg-no 1 \
		--jurisdiction US --mark B &&
	! takedown -C ws right add c --owner iw --kind trademark --reg-no 1 \
		--jurisdiction CN --mark C 2>err &&
	grep_f "registration number 1 in CN is already used by right '"'"'a'"'"'" err
'

check 'right verify records a platform verification' "$setup"'
	takedown -C ws right add tm --owner iw --kind trademark --reg-no 9 \
		--jurisdiction CN --mark X &&
	takedown -C ws right verify tm --platform alibaba --status verified &&
	takedown -C ws right show tm --format json >j &&
	grep_f "\"platform\": \"alibaba\"" j && grep_f "\"date\": \"2026-11-27\"" j &&
	! takedown -C ws right verify tm --platform alibaba --status maybe 2>err &&
	grep_f "status: '"'"'maybe'"'"' is not one of" err
'

check 'product, partner and official photos' "$setup"'
	takedown -C ws partner add dg --owner iw --kind factory \
		--name "Dongguan Metal Works" --location "Dongguan, CN" &&
	takedown -C ws right add tm --owner iw --kind trademark --reg-no 9 \
		--jurisdiction CN --mark X &&
	takedown -C ws product add IA-RT-001 --owner iw --name "Rivet Table" \
		--msrp 4500 --currency USD --margin 0.45 --market US \
		--market CA --planned GB --right tm --name-zh "铆钉会议桌" \
		--image "$EXAMPLES/ironwood/img/rt-001.jpg" >out &&
	grep_f "added product IA-RT-001" out &&
	takedown -C ws product image add IA-RT-001 \
		"$EXAMPLES/ironwood/img/rt-001-proto.jpg" --partner dg &&
	takedown -C ws product show IA-RT-001 --format json >j &&
	grep_f "\"partner\": \"dg\"" j && grep_f "rt-001-proto.jpg" j &&
	grep_f "\"name_zh\": \"铆钉会议桌\"" j &&
	takedown -C ws partner list >p && grep -q "dg .*factory.* 1$" p &&
	! takedown -C ws product image add IA-RT-001 nope.jpg 2>err &&
	grep_f "nope.jpg: no such file" err &&
	! takedown -C ws product add X --owner iw --name T --msrp -1 \
		--currency USD --margin 0.4 2>err &&
	grep_f "msrp: must be a price of 0 or more" err
'

check 'product edit changes only what it is given, and refuses bad values whole' "$setup"'
	takedown -C ws right add tm --owner iw --kind trademark --reg-no 9 \
		--jurisdiction CN --mark X &&
	takedown -C ws product add P1 --owner iw --name "Bar Stool" --msrp 680 \
		--currency USD --margin 0.5 --market US --right tm \
		--name-zh "铁艺吧台凳" --image "$EXAMPLES/ironwood/img/st-002.jpg" &&
	takedown -C ws product edit P1 --msrp 720 --market US --market CN >out &&
	grep_f "updated product P1" out &&
	takedown -C ws product show P1 --format json >j &&
	grep_f "\"msrp\": 720" j && grep_f "\"CN\"" j &&
	grep_f "\"margin\": 0.5" j && grep_f "铁艺吧台凳" j &&
	grep_f "st-002.jpg" j &&
	takedown -C ws product edit P1 --name-zh "" &&
	takedown -C ws product show P1 --format json >j2 && ! grep -q name_zh j2 &&
	takedown -C ws portfolio export >before.json &&
	! takedown -C ws product edit P1 --margin 2 --msrp 1 2>err &&
	grep_f "margin: must be a fraction from 0 to 1" err &&
	! takedown -C ws product edit P1 --right nope 2>err &&
	grep_f "no right '"'"'nope'"'"'" err &&
	! takedown -C ws product edit NOPE --msrp 1 2>err &&
	grep_f "no product '"'"'NOPE'"'"'" err &&
	takedown -C ws portfolio export >after.json && cmp before.json after.json &&
	takedown -C ws doc verify >v && grep_f "0 changed or missing" v
'

check 'agent add and authorise with a power of attorney' "$setup"'
	takedown -C ws agent add exlaw --name "Example IP Law LLP" &&
	printf "%%PDF-1.4 poa\n" >poa.pdf &&
	takedown -C ws doc add poa.pdf --kind power_of_attorney --owner iw \
		--expires 2027-01-04 >d && grep_f "added document poa" d &&
	takedown -C ws agent authorise exlaw --owner iw --document poa \
		--valid-to 2027-01-04 &&
	takedown -C ws agent list >l && grep_f "iw (2027-01-04)" l &&
	printf "licence\n" >bl.txt &&
	takedown -C ws doc add bl.txt --kind business_licence --owner iw &&
	! takedown -C ws agent authorise exlaw --owner iw --document bl 2>err &&
	grep_f "not a power_of_attorney" err
'

check 'doc add, list, show, get and expiring' "$setup"'
	printf "certificate bytes\n" >cert.pdf &&
	takedown -C ws right add tm --owner iw --kind trademark --reg-no 9 \
		--jurisdiction CN --mark X &&
	takedown -C ws doc add cert.pdf --kind registration_certificate \
		--owner iw --right tm --lang zh --key cert &&
	printf "licence\n" >"Business Licence 2026.pdf" &&
	takedown -C ws doc add "Business Licence 2026.pdf" --kind business_licence \
		--owner iw --expires 2026-12-20 >o &&
	grep_f "added document Business-Licence-2026" o &&
	takedown -C ws doc list >l && grep_f "expires in 23 days" l &&
	takedown -C ws doc list --right tm --format csv >c &&
	test "$(wc -l <c)" -eq 2 &&
	takedown -C ws doc show cert >s && grep -q "^file_check: *ok" s &&
	takedown -C ws doc get cert -o copy.pdf && cmp cert.pdf copy.pdf &&
	takedown -C ws doc expiring --within 30d >e &&
	grep_f "Business-Licence-2026" e && ! grep -q "cert " e &&
	takedown -C ws doc expiring --within 10d >e2 &&
	grep_f "nothing expires within 10 days" e2 &&
	{ takedown -C ws doc expiring --within soon 2>err; test $? -eq 2; } &&
	! takedown -C ws doc add missing.pdf --kind other 2>err &&
	grep_f "missing.pdf: no such file" err &&
	{ takedown -C ws doc add cert.pdf --kind diploma 2>err; test $? -eq 2; } &&
	grep_f "kind: '"'"'diploma'"'"' is not one of" err
'

check 'a translation names the document it translates' "$setup"'
	printf "en\n" >bl.pdf && printf "zh\n" >bl-zh.pdf &&
	takedown -C ws doc add bl.pdf --kind business_licence --owner iw --lang en &&
	takedown -C ws doc add bl-zh.pdf --kind translation --owner iw \
		--lang zh --translates bl &&
	takedown -C ws doc show bl >s && grep -q "^translations: *bl-zh" s &&
	! takedown -C ws doc add bl.pdf --key x --kind translation --translates nope 2>err &&
	grep_f "translates: no document '"'"'nope'"'"'" err
'

finish
