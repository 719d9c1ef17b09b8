#!/bin/sh
# takedown case package and contact: complaint packages for IPP, Amazon
# and eBay, with no gaps.
. ./lib-e2e.sh

setup() {
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

check 'contacts are set field by field and listed' '
	setup &&
	takedown -C ws contact set --owner iw --name "Dana Reyes" >out &&
	grep_f "added contact of owner iw" out &&
	takedown -C ws contact set --owner iw --phone "+1 520 555 0100" >out &&
	grep_f "updated contact of owner iw" out &&
	takedown -C ws contact list --format csv >out &&
	grep_f "owner,iw,Dana Reyes,,,+1 520 555 0100," out &&
	! takedown -C ws contact set --agent nobody --name X 2>err &&
	grep_f "no agent '"'"'nobody'"'"'" err &&
	! takedown -C ws contact set --name X 2>err &&
	grep_f "needs --owner KEY or --agent KEY" err
'

check 'no package with a gap: the missing fields are named with their fix' '
	setup &&
	takedown -C ws case open --platform taobao --right tm-cn --finding 1 --agent exlaw >/dev/null &&
	! takedown -C ws case package 1 --out pkg 2>err &&
	grep_f "the complaint (template ipp) cannot be written: 4 fields are not set, and a notice must have no gaps:" err &&
	grep_f "  owner.address: takedown contact set --owner iw --address TEXT" err &&
	grep_f "  filer.title: takedown contact set --agent exlaw --title TEXT" err &&
	grep_f "no package was written" err &&
	test ! -e pkg
'

check 'IPP: complaint in English and Chinese, batch file, documents, checklist' '
	setup && contacts &&
	takedown -C ws case open --platform taobao --right tm-cn --finding 1 --finding 2 --agent exlaw >/dev/null &&
	takedown -C ws case package 1 --out pkg >out &&
	grep_f "wrote pkg (template ipp):" out &&
	grep_f "next: file it as pkg/checklist.txt says, then takedown case submit 1" out &&
	grep_f "registration number
21345678, registered in China (CN), in force from
2017-11-14 until 2027-11-13." pkg/complaint.en.txt &&
	grep_f "Rights holder: Ironwood Atelier LLC, 1200 Foundry Lane, Tucson, AZ 85701, USA, the United States (US)" pkg/complaint.en.txt &&
	grep_f "power of attorney dated 2026-01-05 and valid until 2027-01-04." pkg/complaint.en.txt &&
	grep_f "2. https://item.taobao.com/item.htm?id=610002" pkg/complaint.en.txt &&
	grep_f "Grounds: The title uses \"Ir0nwood Atelier\", a copy of the owner'"'"'s mark \"IRONWOOD ATELIER\"; the listing calls the goods \"高仿\"." pkg/complaint.en.txt &&
	grep_f "the price, 599.00 CNY, is 2% of the genuine product'"'"'s price (4500.00 USD); it shows the owner'"'"'s official product photo (rt-001.jpg)." pkg/complaint.en.txt &&
	grep_f "权利人：铁木工坊有限公司" pkg/complaint.zh.txt &&
	grep_f "权利人主张保护的期间为2026-01-01至2027-11-13。" pkg/complaint.zh.txt &&
	grep_f "侵权理由：标题使用“Ir0nwood Atelier”，与权利人的标识“IRONWOOD ATELIER”相同或近似；商品自称“高仿”。" pkg/complaint.zh.txt &&
	test "$(cat pkg/batch-01.txt)" = "https://item.taobao.com/item.htm?id=610001
https://item.taobao.com/item.htm?id=610002" &&
	grep_f "1,1,taobao,610001,https://item.taobao.com/item.htm?id=610001," pkg/listings.csv &&
	for k in poa-exlaw bl-iw cert-tm-cn; do
		line=$(grep "^$k	" pkg/documents.tsv) &&
		f=$(echo "$line" | cut -f3) && h=$(echo "$line" | cut -f4) &&
		test "$(sha256sum "pkg/$f" | cut -c1-64)" = "$h" &&
		test "$(sqlite3 ws/takedown.db "SELECT sha256 FROM documents WHERE key = '"'"'$k'"'"'")" = "$h" || exit 1
	done &&
	grep_f "  2. Intellectual property right (an approved IPR record) (required)
     -> 21345678" pkg/checklist.txt &&
	grep_f "  5. Infringing links (one per line, up to 300) (required)
     -> 2 links: paste batch-01.txt" pkg/checklist.txt &&
	grep_f "The seller then has 3 working days (cn) once the notice is forwarded" pkg/checklist.txt &&
	takedown -C ws case show 1 >show &&
	grep_f "package written to pkg (template ipp, 9 files; complaint.en.txt sha256 $(sha256sum pkg/complaint.en.txt | cut -c1-64))" show
'

check 'a translation still missing is listed in the package' '
	setup && contacts &&
	sqlite3 ws/takedown.db "UPDATE documents SET lang = '"'"'de'"'"' WHERE key = '"'"'cert-tm-cn'"'"'" &&
	takedown -C ws case open --platform taobao --right tm-cn --finding 1 >/dev/null &&
	takedown -C ws case package 1 --out pkg >out &&
	grep_f "case 1 is not ready to file: 1 blocker" out &&
	grep_f "Translations still missing:
  cert-tm-cn (de): needs a translation into zh" pkg/checklist.txt &&
	grep_f "NOT READY: 1 blocker" pkg/checklist.txt &&
	grep_f "-	translation	MISSING		zh		translation of cert-tm-cn: still missing" pkg/documents.tsv
'

check 'Amazon: the form fields and the complaint for its box' '
	setup && contacts &&
	takedown -C ws case open --platform amazon_us --right tm-us --finding 4 --finding 5 >/dev/null &&
	takedown -C ws case package 1 --out amz >out &&
	grep_f "wrote amz (template amazon):" out &&
	! ls amz | grep -q batch &&
	grep_f "Marketplace: Amazon.com (US)" amz/complaint.en.txt &&
	grep_f "Right: trademark \"IRONWOOD ATELIER\", registration number 5123456" amz/complaint.en.txt &&
	grep_f "The title uses \"Ironwood Atelier\", a copy of the owner'"'"'s mark \"IRONWOOD ATELIER\"; the listing calls the goods \"Replica\"; the price, 289.00 USD, is 6% of the genuine product'"'"'s price (4500.00 USD)." amz/complaint.en.txt &&
	grep_f "Your name (required)
     -> Dana Reyes" amz/checklist.txt &&
	grep_f "ASINs or listing URLs (up to 50) (required)
     -> 2 links: the url column of listings.csv" amz/checklist.txt &&
	grep_f "File it through: webform https://www.amazon.com/report/infringement" amz/checklist.txt &&
	grep_f "cert-tm-us	registration_certificate	documents/cert-tm-us--tm-us-5123456.pdf" amz/documents.tsv
'

check 'eBay VeRO: a reason per listing' '
	setup && contacts &&
	takedown -C ws case open --platform ebay_us --right tm-us --finding 6 --finding 7 --agent exlaw >/dev/null &&
	takedown -C ws case package 1 --out ebay >out &&
	grep_f "wrote ebay (template ebay_vero):" out &&
	grep_f "1. https://www.ebay.com/itm/394411220001
   Reason: counterfeit goods (trademark infringement)
   The title uses \"IRONWOOD ATELIER\", the owner'"'"'s mark; the listing calls the goods \"1:1\"; the seller has 2 other listings found infringing." ebay/complaint.en.txt &&
	grep_f "2. https://www.ebay.com/itm/394411220002
   Reason: trademark infringement" ebay/complaint.en.txt &&
	grep_f "Reported by Example IP Law LLP, authorised representative" ebay/complaint.en.txt &&
	grep_f "理由：假冒商品（商标侵权）" ebay/complaint.zh.txt &&
	grep_f "File it through: email vero@ebay.com" ebay/checklist.txt
'

check 'a package never overwrites, and a changed stored file is caught' '
	setup && contacts &&
	takedown -C ws case open --platform taobao --right tm-cn --finding 1 >/dev/null &&
	mkdir busy && touch busy/x &&
	! takedown -C ws case package 1 --out busy 2>err &&
	grep_f "busy is not empty: give a new directory (--out DIR)" err &&
	takedown -C ws case package 1 >out &&
	grep_f "wrote case-1 (template ipp)" out && test -f case-1/checklist.txt
'

finish
