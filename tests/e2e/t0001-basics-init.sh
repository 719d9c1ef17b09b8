#!/bin/sh
# takedown init, finding the workspace, help and usage errors.
. ./lib-e2e.sh

check 'init makes a workspace with its database and files folder' '
	takedown init ws >out &&
	grep_f "Initialised takedown workspace in ws" out &&
	test -f ws/takedown.db && test -d ws/files
'

check 'init on a workspace keeps its contents' '
	takedown init ws &&
	takedown -C ws owner add iw --name "Ironwood Atelier LLC" --country US &&
	takedown init ws >out &&
	grep_f "Reinitialised existing" out &&
	takedown -C ws owner list >list &&
	grep_f "Ironwood Atelier LLC" list
'

check 'the workspace comes from -C, then TAKEDOWN_DIR, then the current directory' '
	takedown init a && takedown init b &&
	takedown -C a owner add x --name "In A" --country US &&
	TAKEDOWN_DIR=b takedown owner add y --name "In B" --country US &&
	(cd a && takedown owner list) >cwd &&
	grep_f "In A" cwd &&
	TAKEDOWN_DIR=b takedown -C a owner list >both &&
	grep_f "In A" both && ! grep -q "In B" both &&
	TAKEDOWN_DIR=b takedown owner list >env && grep_f "In B" env
'

check 'a directory that is not a workspace is a clear error' '
	mkdir empty &&
	! takedown -C empty owner list 2>err &&
	grep_f "empty is not a takedown workspace" err &&
	grep_f "takedown init" err &&
	! takedown -C nowhere owner list 2>err2 &&
	grep_f "no such workspace directory" err2
'

check 'exit codes: 0 success, 1 failure, 2 usage' '
	takedown init ws &&
	takedown --version >v && grep -q "^takedown " v &&
	{ takedown -C ws owner show nobody 2>e; test $? -eq 1; } &&
	{ takedown frobnicate 2>e; test $? -eq 2; } &&
	{ takedown -C ws owner add 2>e; test $? -eq 2; } &&
	{ takedown -C ws owner list --bogus 2>e; test $? -eq 2; } &&
	grep_f "unknown option" e &&
	{ takedown 2>e; test $? -eq 2; }
'

check 'every command and verb has --help' '
	takedown --help >h && grep_f "portfolio" h &&
	for c in init owner right product partner agent doc portfolio; do
		takedown $c --help >o || exit 1
		grep -q usage o || exit 1
	done &&
	for v in "owner add" "owner list" "owner show" "right add" "right edit" \
		"right list" "right show" "right verify" "product add" "product edit" \
		"product list" "product show" "product image" "partner add" \
		"partner list" "agent add" "agent list" "agent authorise" \
		"doc add" "doc list" "doc show" "doc verify" "doc expiring" \
		"doc get" "portfolio import" "portfolio export" \
		"portfolio check"; do
		takedown $v --help >o || { echo "no help: $v"; exit 1; }
		grep -q "^usage: takedown $v" o || { echo "bad help: $v"; cat o; exit 1; }
	done
'

check 'verbs may be shortened to a unique prefix' '
	takedown init ws &&
	takedown -C ws owner a iw --name "Ironwood" --country US &&
	takedown -C ws own li >o && grep_f Ironwood o &&
	{ takedown -C ws p 2>err; test $? -eq 2; } &&
	grep_f "'"'"'p'"'"' is ambiguous" err && grep_f portfolio err
'

check 'a bad TAKEDOWN_TODAY is refused' '
	! TAKEDOWN_TODAY=2026-02-30 takedown --version 2>err &&
	grep_f "TAKEDOWN_TODAY" err
'

finish
