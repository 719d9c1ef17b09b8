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
run -C "$ws" scan "$ex/feed/listings.ndjson" --explain
step "The findings, best first (a copy caught only by its reused photo, and a leak)"
run -C "$ws" findings list
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
printf '\nThe demo workspace is %s; try: %s -C %s case show 1\n' \
	"$ws" "$td" "$ws"
