#!/bin/sh
# Stored files are checked on every read: a changed or missing file is
# reported, never used silently.
. ./lib-e2e.sh

setup='
	takedown init ws &&
	takedown -C ws portfolio import "$EXAMPLES/ironwood/portfolio.json" >/dev/null &&
	sha=$(takedown -C ws doc show poa-exlaw --format json |
		sed -n "s/.*\"sha256\": \"\\([0-9a-f]*\\)\".*/\\1/p") &&
	test -n "$sha" &&
	stored=ws/files/$(echo $sha | cut -c1-2)/$sha &&
'

check 'doc verify passes on an intact workspace' "$setup"'
	takedown -C ws doc verify >out &&
	grep_f "11 files checked, 0 changed or missing" out
'

check 'a changed document is caught by doc verify, doc show, doc get and export' "$setup"'
	chmod u+w "$stored" && printf "tampered" >>"$stored" &&
	{ takedown -C ws doc verify >out 2>err; test $? -eq 1; } &&
	grep_f "BAD  document poa-exlaw (poa-exlaw.pdf): stored file" out &&
	grep_f "has changed" out &&
	grep_f "1 changed or missing" out &&
	! takedown -C ws doc show poa-exlaw >/dev/null 2>err &&
	grep_f "document poa-exlaw: stored file" err &&
	! takedown -C ws doc get poa-exlaw -o x.pdf 2>err &&
	! takedown -C ws portfolio export >/dev/null 2>err &&
	grep_f "document poa-exlaw" err &&
	{ takedown -C ws portfolio check >chk; test $? -eq 1; } &&
	grep -q "^error .*poa-exlaw .*has changed" chk
'

check 'a missing document is caught, and adding it again repairs it' "$setup"'
	rm -f "$stored" &&
	! takedown -C ws doc verify poa-exlaw >out &&
	grep_f "is missing" out &&
	takedown -C ws portfolio import "$EXAMPLES/ironwood/portfolio.json" >imp &&
	grep_f "1 new files stored" imp &&
	takedown -C ws doc verify poa-exlaw >out2 && grep_f "1 file checked, 0 changed" out2
'

check 'a changed photo is caught too' "$setup"'
	p=$(for f in ws/files/*/*; do
		cmp -s "$f" "$EXAMPLES/ironwood/img/st-002.jpg" && echo "$f"; done; true) &&
	test -n "$p" && chmod u+w "$p" && printf x >>"$p" &&
	! takedown -C ws doc verify >out &&
	grep_f "BAD  photo st-002.jpg of IA-ST-002" out
'

check 'doc verify of an unknown key is an error' "$setup"'
	! takedown -C ws doc verify nope 2>err && grep_f "no document '"'"'nope'"'"'" err
'

finish
