#!/bin/sh
# Schema versions: an older workspace is upgraded, a newer one refused.
. ./lib-e2e.sh

check 'a workspace written at schema version 1 is upgraded, data intact' '
	mkdir ws ws/files &&
	sqlite3 ws/takedown.db <"$FIXTURES/ws-v1.sql" &&
	takedown -C ws right list >out 2>err &&
	grep_f "upgraded the workspace from schema version 1" err &&
	grep_f "tm-old-cn" out &&
	test -f ws/takedown.db.bak-v1 &&
	takedown -C ws product show OO-DT-1 >p && grep_f "Refectory Dining Table" p &&
	takedown -C ws right show tm-old-cn >r && grep_f "老橡木" r &&
	sqlite3 ws/takedown.db "SELECT max(version) FROM schema_migrations" >v &&
	test "$(cat v)" -ge 2 &&
	takedown -C ws agent add exlaw --name "Example IP Law LLP" &&
	takedown -C ws agent authorise exlaw --owner old 2>err2 &&
	! grep -q upgraded err2
'

check 'a workspace from a newer takedown is refused and left alone' '
	takedown init ws &&
	takedown -C ws owner add iw --name Ironwood --country US &&
	sqlite3 ws/takedown.db "INSERT INTO schema_migrations VALUES (999, '"'"'future'"'"', '"'"'2030-01-01T00:00:00Z'"'"')" &&
	cp ws/takedown.db before.db &&
	! takedown -C ws owner list 2>err &&
	grep_f "written by a newer takedown (schema version 999" err &&
	grep_f "upgrade takedown" err &&
	! takedown -C ws owner add x --name X --country US 2>/dev/null &&
	sqlite3 ws/takedown.db "SELECT count(*) FROM owners" >n && test "$(cat n)" = 1
'

check 'the database is in WAL mode with foreign keys enforced' '
	takedown init ws &&
	sqlite3 ws/takedown.db "PRAGMA journal_mode" >m && test "$(cat m)" = wal &&
	! sqlite3 ws/takedown.db "PRAGMA foreign_keys=ON; INSERT INTO rights (key, owner_id, kind, title, jurisdiction, status) VALUES ('"'"'r'"'"', 7, '"'"'trademark'"'"', '"'"'t'"'"', '"'"'CN'"'"', '"'"'pending'"'"')" 2>/dev/null
'

check 'a random file is not taken for a workspace database' '
	mkdir ws && echo "hello" >ws/takedown.db &&
	! takedown -C ws owner list 2>err && grep_f "takedown.db" err
'

finish
