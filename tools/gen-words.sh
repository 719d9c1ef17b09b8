#!/bin/sh
# Regenerates data/words/en.tsv and data/words/zh.tsv from Debian packages:
#   scowl         /usr/share/dict/scowl/{english,american}-words.LEVEL
#   python3-jieba /usr/lib/python3/dist-packages/jieba/dict.txt
# The lists give each term a distinctiveness weight (src/core/match.c) and
# tell the near-variant search which tokens are ordinary words.
#   tools/gen-words.sh [OUTDIR]      (default data/words)
set -eu
out=${1:-data/words}
scowl=/usr/share/dict/scowl
jieba=/usr/lib/python3/dist-packages/jieba/dict.txt
[ -d "$scowl" ] || { echo "install scowl" >&2; exit 1; }
[ -f "$jieba" ] || { echo "install python3-jieba" >&2; exit 1; }
mkdir -p "$out"
# SCOWL size levels: 10 = the most common words ... 60 = uncommon words.
# Keep lower-case ASCII words of 2+ letters, each at its lowest level.
{
	printf '# word\tlevel (SCOWL size: 10 most common .. 60 uncommon)\n'
	for l in 10 20 35 40 50 55 60; do
		for f in "$scowl/english-words.$l" "$scowl/american-words.$l"; do
			[ -f "$f" ] || continue
			LC_ALL=C grep -E '^[a-z][a-z]+$' "$f" | sed "s/\$/	$l/"
		done
	done | LC_ALL=C sort -t '	' -k1,1 -k2,2n -u |
		LC_ALL=C awk -F '\t' '$1 != last { print; last = $1 }'
} >"$out/en.tsv"
# jieba: word, count, part of speech. Keep the 40,000 most frequent
# words of 2+ characters that are all CJK ideographs.
{
	printf '# word\tcount (jieba dict.txt)\n'
	/usr/bin/python3 - "$jieba" <<'PY'
import re, sys
rows = []
for line in open(sys.argv[1], encoding="utf-8"):
    p = line.split()
    if len(p) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]{2,}", p[0]):
        rows.append((int(p[1]), p[0]))
rows.sort(key=lambda r: (-r[0], r[1]))
for n, w in rows[:40000]:
    print(f"{w}\t{n}")
PY
} >"$out/zh.tsv"
wc -l "$out/en.tsv" "$out/zh.tsv" >&2
