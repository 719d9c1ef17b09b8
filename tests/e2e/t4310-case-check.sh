#!/bin/sh
# takedown case check and submit: the readiness check blocks what the
# platform would reject, and draft -> ready only through a passing check.
. ./lib-e2e.sh

ws_with_findings() {
	takedown init ws >/dev/null &&
	takedown -C ws portfolio import "$EXAMPLES/ironwood/portfolio.json" >/dev/null &&
	sqlite3 ws/takedown.db <"$FIXTURES/cases-listings.sql"
}
contacts() {
	takedown -C ws contact set --owner iw --name "Dana Reyes" --title Owner \
		--email legal@ironwood.example --phone "+1 520 555 0100" \
		--address "1200 Foundry Lane, Tucson, AZ 85701, USA" >/dev/null &&
	takedown -C ws contact set --agent exlaw --name "Lin Wei" --title Partner \
		--phone "+1 212 555 0199" >/dev/null
}

check 'the complaint fields a case lacks block it, with the fix' '
	ws_with_findings &&
	takedown -C ws case open --platform taobao --right tm-cn --finding 1 --agent exlaw >/dev/null &&
	! takedown -C ws case check 1 >out &&
	grep_f "case 1 on taobao: 4 blockers, 1 warning" out &&
	grep_f "BLOCKER  complaint_field: the complaint needs owner.address, which is not set" out &&
	grep_f "fix: takedown contact set --owner iw --address TEXT" out &&
	grep_f "fix: takedown contact set --agent exlaw --phone TEXT" out &&
	grep_f "warning  agent_identity:" out &&
	grep_f "case 1 is not ready to file" out &&
	! takedown -C ws case move 1 ready 2>err &&
	grep_f "case 1 is not ready: 4 blockers" err &&
	! takedown -C ws case submit 1 2>err &&
	grep_f "case 1 is not ready" err &&
	grep_f "BLOCKER  complaint_field" err
'

check 'a passing check moves draft to ready, a failing one back' '
	ws_with_findings && contacts &&
	takedown -C ws case open --platform taobao --right tm-cn --finding 1 --agent exlaw >/dev/null &&
	takedown -C ws case check 1 >out &&
	grep_f "case 1 on taobao: 0 blockers, 1 warning" out &&
	grep_f "case 1 moved from draft to ready" out &&
	takedown -C ws case check 1 >out &&
	grep_f "case 1 can be filed (it is ready)" out &&
	takedown -C ws right edit tm-cn --protect-from 2027-01-01 >/dev/null &&
	! takedown -C ws case check 1 >out &&
	grep_f "BLOCKER  right_not_protected: today is outside the protect period of tm-cn (2027-01-01 to 2027-11-13)" out &&
	grep_f "case 1 moved from ready to draft" out &&
	takedown -C ws case show 1 >out &&
	grep_f "ready -> draft" out && grep_f "readiness check found 1 blocker" out
'

check 'every kind of blocker the sample portfolio can show' '
	ws_with_findings && contacts &&
	takedown -C ws case open --platform taobao --right design-cn --listing 1 >/dev/null &&
	! takedown -C ws case check 1 >out &&
	grep_f "not_recorded: design-cn is not known to be recorded on Taobao (IPR record approved on IPP)" out &&
	grep_f "document_missing: no comparison chart for design-cn on file: Taobao requires it" out &&
	grep_f "evidence_other_right: the finding on listing 1 matched tm-cn, not design-cn" out &&
	grep_f "document_expires: the patent evaluation report eval-design-cn expires on 2026-12-31" out &&
	takedown -C ws case open --platform tmall --right design-cn --finding 3 >/dev/null &&
	! takedown -C ws case check 2 >out &&
	grep_f "no_evidence: the finding on listing 3 gives nothing to cite for design-cn" out &&
	takedown -C ws case move 2 withdrawn >/dev/null &&
	takedown -C ws case open --platform taobao --right tm-us --finding 2 >/dev/null &&
	! takedown -C ws case check 3 >out &&
	grep_f "registration_not_accepted: tm-us is registered in US; Taobao takes trademarks registered in CN" out &&
	takedown -C ws case open --platform taobao --right tm-cn-forge --finding 2 >/dev/null &&
	! takedown -C ws case check 4 >out &&
	grep_f "registration_needed: tm-cn-forge is not registered" out &&
	takedown -C ws case open --platform taobao --right tm-cn --listing 8 >/dev/null &&
	! takedown -C ws case check 5 >out &&
	grep_f "no_evidence: listing 8 (https://item.taobao.com/item.htm?id=610003) has no finding" out &&
	! takedown -C ws case check 5 --format csv >out &&
	grep_f "blocker,no_evidence,listing 8," out
'

check 'an agent without authorisation, and an expired one' '
	ws_with_findings && contacts &&
	takedown -C ws agent add nolaw --name "No Authority LLP" >/dev/null &&
	takedown -C ws contact set --agent nolaw --name X --title Y --phone 1 --email x@y.example >/dev/null &&
	takedown -C ws case open --platform taobao --right tm-cn --finding 1 --agent nolaw >/dev/null &&
	! takedown -C ws case check 1 >out &&
	grep_f "authorisation_missing: nolaw files for iw, but no authorisation (power of attorney) of nolaw by iw is on file" out &&
	grep_f "fix: takedown agent authorise nolaw --owner iw --document POA-KEY" out &&
	takedown -C ws case open --platform taobao --right tm-cn --finding 2 --agent exlaw >/dev/null &&
	TAKEDOWN_TODAY=2027-02-01 takedown -C ws case check 2 >out || true &&
	grep_f "authorisation_not_valid: the authorisation of exlaw by iw expired on 2027-01-04" out &&
	grep_f "document_expired: the power of attorney poa-exlaw expired on 2027-01-04" out
'

check 'a stored document file that changed blocks submitting' '
	ws_with_findings && contacts &&
	takedown -C ws case open --platform taobao --right tm-cn --finding 1 >/dev/null &&
	takedown -C ws case check 1 >/dev/null &&
	h=$(sqlite3 ws/takedown.db "SELECT sha256 FROM documents WHERE key = '"'"'cert-tm-cn'"'"'") &&
	f=ws/files/$(echo "$h" | cut -c1-2)/$h && test -f "$f" &&
	chmod u+w "$f" && echo tampered >"$f" &&
	! takedown -C ws case submit 1 2>err &&
	grep_f "file_changed: the stored file of cert-tm-cn (tm-cn-21345678.pdf) cannot be attached" err
'

check 'submit records the filing and starts the platform clock' '
	ws_with_findings && contacts &&
	takedown -C ws case open --platform taobao --right tm-cn --finding 1 --finding 2 >/dev/null &&
	takedown -C ws case submit 1 --note "via the IPP portal" --actor bob >out &&
	grep_f "case 1 is submitted; by 2026-11-30 the platform should have acted" out &&
	takedown -C ws case show 1 >out &&
	grep_f "bob        draft -> ready" out &&
	grep_f "bob        ready -> submitted" out &&
	grep_f "via the IPP portal" out &&
	! takedown -C ws case submit 1 2>err &&
	grep_f "case 1 is submitted: only draft, ready and rejected cases are submitted" err
'

finish
