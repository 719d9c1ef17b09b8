#!/bin/sh
# The demo run by `make demo`: a fictional furniture maker's portfolio,
# imported into a fresh workspace, and what needs attention.
#
# The sample data is a snapshot taken on 2026-11-27, so the demo runs "as
# of" that day (TAKEDOWN_TODAY); set DEMO_TODAY=YYYY-MM-DD to move it.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD=$root/$BUILD ;; esac
td=$BUILD/takedown
ws=$BUILD/demo-ws
ex=$root/examples/ironwood
export TAKEDOWN_TODAY=${DEMO_TODAY:-2026-11-27}
# Scans record the time they ran; pin it so the week-2 scan is a week on.
export TAKEDOWN_NOW=${TAKEDOWN_TODAY}T09:00:00Z

step() {
	if [ -t 1 ]; then
		printf '\n\033[1m== %s\033[0m\n' "$*"
	else
		printf '\n== %s\n' "$*"
	fi
}
run() {
	printf '$ takedown %s\n' "$*"
	"$td" "$@"
}

rm -rf "$ws"
step "A fresh workspace (today is $TAKEDOWN_TODAY)"
run init "$ws"
step "Import the Ironwood Atelier portfolio: marks in CN and US, a design patent, products, documents"
run -C "$ws" portfolio import "$ex/portfolio.json"
step "The rights holder"
run -C "$ws" owner show iw
step "Rights and the search terms takedown will look for"
run -C "$ws" right list
step "Products, prices and markets"
run -C "$ws" product list
step "Partners (a photo given only to one of them can trace a leak)"
run -C "$ws" partner list
step "Who may file, and until when"
run -C "$ws" agent list
step "Proof documents"
run -C "$ws" doc list
step "Documents and authorisations expiring within 60 days"
run -C "$ws" doc expiring --within 60d
step "Every stored file checked against its SHA-256"
run -C "$ws" doc verify
step "What needs attention before filing"
run -C "$ws" portfolio check || true
step "Scan a marketplace feed: 12 listings from 9 platforms, English and Chinese"
run -C "$ws" scan "$ex/feed/listings.ndjson" --source marketplace --explain
step "The findings, best first (a copy caught only by its reused photo, and a leak)"
run -C "$ws" findings list
step "Triage: which findings are worth money, grouped by seller network"
run -C "$ws" triage
step "With a budget of 450 USD: the cases that keep the most value"
run -C "$ws" triage --budget 450
step "Seller networks: sellers joined by shared phones, addresses, photos, text"
run -C "$ws" network list
step "Who signs complaints"
run -C "$ws" contact set --owner iw --name "Dana Reyes" --title "Managing Director" \
	--email legal@ironwood.example --phone "+1 520 555 0100" \
	--address "1200 Foundry Lane, Tucson, AZ 85701, USA"
run -C "$ws" contact set --agent exlaw --name "Lin Wei" --title Partner \
	--phone "+1 212 555 0199"
step "A Taobao case (Alibaba IPP) from the two Taobao findings, filed by the agent"
run -C "$ws" case open --platform taobao --right tm-cn --finding 1 --finding 7 \
	--agent exlaw
step "The readiness check: documents, authorisation, verification, batch limit"
run -C "$ws" case check 1
step "A design-patent case shows what blocks filing"
run -C "$ws" case open --platform taobao --right design-cn --finding 1
run -C "$ws" case check 2 || true
step "The complaint package for case 1, in English and Simplified Chinese"
rm -rf "$BUILD/demo-case-1"
run -C "$ws" case package 1 --out "$BUILD/demo-case-1"
printf '$ sed -n 1,25p %s\n' "$BUILD/demo-case-1/complaint.zh.txt"
sed -n 1,25p "$BUILD/demo-case-1/complaint.zh.txt"
step "Filed, then forwarded to the seller"
run -C "$ws" case submit 1
run -C "$ws" case move 1 notice_sent
step "What is due: the seller has 3 working days (China's calendar)"
run -C "$ws" due
step "A week later the seller's window has passed: the next scan of the marketplace"
export TAKEDOWN_TODAY=$(date -u -d "$TAKEDOWN_TODAY + 7 days" +%F)
export TAKEDOWN_NOW=${TAKEDOWN_TODAY}T09:00:00Z
run -C "$ws" scan "$ex/feed/week2.ndjson" --source marketplace
step "The listings are gone: the case is done"
run -C "$ws" case move 1 removed --note "both listings gone in the scan of $TAKEDOWN_TODAY"
step "Whack-a-mole: what is due now names the relistings"
run -C "$ws" due
step "Re-file against the relisting, citing the history"
run -C "$ws" case open --platform taobao --right tm-cn --listing 11 --relist-of 1 \
	--agent exlaw
run -C "$ws" case check 3
rm -rf "$BUILD/demo-case-3"
run -C "$ws" case package 3 --out "$BUILD/demo-case-3"
printf '$ grep -A1 "^1\\." %s\n' "$BUILD/demo-case-3/complaint.en.txt"
grep -A1 "^1\." "$BUILD/demo-case-3/complaint.en.txt"
step "What the filing achieved: success rate and days to removal"
run -C "$ws" report cases
step "Relisting figures"
run -C "$ws" report relist
printf '\nThe demo workspace is %s; try: %s -C %s case show 1\n' \
	"$ws" "$td" "$ws"
