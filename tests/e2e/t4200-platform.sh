#!/bin/sh
# takedown platform: the protocol data, as a user sees and checks it.
. ./lib-e2e.sh
P=$ROOT/data/platforms

check 'list shows every site with its batch limit and seller window' '
	takedown platform list >out &&
	grep_f "taobao         alibaba_ipp    Taobao                  300    3 working days (cn)" out &&
	grep_f "made_in_china  made_in_china  Made-in-China.com       800" out &&
	grep_f "walmart_us     walmart        Walmart.com             10" out &&
	grep_f "small_site" out &&
	test "$(grep -c . out)" -eq 27 &&
	takedown platform list --format csv >out &&
	grep_f "amazon_us,amazon,Amazon.com (US),50,not stated" out
'

check 'show finds a site by key, URL or single-site platform' '
	takedown platform show taobao >out &&
	grep_f "seller window:  3 working days (cn)" out &&
	grep_f "patent_evaluation_report (required; registered in CN; applied from 2010-01-01)" out &&
	grep_f "good faith:     Good-faith Takedown Mechanism: success >= 90%, successful counter-notices <= 5%, over 3 months" out &&
	grep_f "   5. Infringing links (one per line, up to 300) [listings]" out &&
	takedown platform show "https://www.aliexpress.com/item/1.html" >out &&
	grep_f "aliexpress: AliExpress" out &&
	grep_f "success prior: home 0.90, foreign 0.60, unregistered 0.00" out &&
	takedown platform show ebay_vero >out &&
	grep_f "court_order (required)" out &&
	grep_f "restored after 10-14 working days (us)" out &&
	takedown platform show --format json walmart_us >out &&
	grep_f "\"batch_limit\": 10" out
'

check 'show refuses unknown and ambiguous names' '
	! takedown platform show alibaba_ipp 2>err &&
	grep_f "alibaba_ipp has several sites; name one: taobao tmall 1688 alibaba_com aliexpress" err &&
	! takedown platform show nowhere 2>err &&
	grep_f "no platform or site '"'"'nowhere'"'"'" err
'

check 'check accepts a new protocol and names the bad field of another' '
	sed -e "s/\"key\": \"etsy\"/\"key\": \"etsy_eu\"/" \
	    -e "s/\"domains\": \\[/\"domains\": [\"etsy.example\"/" \
	    -e "s/\"etsy.com\"//" \
	    "$P/etsy.json" >mine.json &&
	takedown platform check mine.json >out &&
	grep_f "mine.json: ok: etsy_eu (1 sites)" out &&
	sed "s/\"limit\": 50,/\"limit\": 0,/" "$P/amazon.json" >bad.json &&
	! takedown platform check bad.json 2>err &&
	grep_f "takedown: bad.json: batch.limit: must be a positive integer" err &&
	takedown platform check "$P/amazon.json" >out &&
	grep_f "ok: amazon (1 sites, replaces the built-in protocol)" out
'

check 'check refuses a site that clashes with a built-in one' '
	sed "s/\"key\": \"walmart\"/\"key\": \"walmart2\"/" "$P/walmart.json" >w.json &&
	! takedown platform check w.json 2>err &&
	grep_f "w.json: sites[0]: '"'"'walmart_us'"'"' is already used by site walmart_us" err
'

check 'usage errors exit 2' '
	set +e
	takedown platform check 2>err; test $? -eq 2 || exit 1
	takedown platform show 2>err; test $? -eq 2 || exit 1
	takedown platform list extra 2>err; test $? -eq 2 || exit 1
	takedown platform show --format csv taobao 2>err; test $? -eq 2 || exit 1
'

finish
