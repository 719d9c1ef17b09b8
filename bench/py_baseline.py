#!/usr/bin/python3
"""The Python baseline for bench-text: the same job done the way a data
analyst would do it, with Debian's python3-ahocorasick.

    /usr/bin/python3 bench/py_baseline.py PORTFOLIO CORPUS OUT

Reads the NDJSON feed, NFKC-normalises and lower-cases title and
description, finds every term and cue word with an Aho-Corasick
automaton, and writes one JSON line per listing with hits. Prints
"RESULT python N listings S s R listings/s M MB/s".
"""
import json
import os
import sys
import time
import unicodedata

import ahocorasick

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    portfolio, corpus, out = sys.argv[1:4]
    auto = ahocorasick.Automaton()
    for right in json.load(open(portfolio, encoding="utf-8")):
        for t in right["terms"]:
            key = unicodedata.normalize("NFKC", t["text"]).lower()
            auto.add_word(key, ("term", t["text"], right["key"], len(key)))
    for lang in ("en", "zh"):
        path = os.path.join(ROOT, "data", "cues", lang + ".tsv")
        for line in open(path, encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            word, weight, category = line.rstrip("\n").split("\t")
            key = unicodedata.normalize("NFKC", word).lower()
            auto.add_word(key, ("cue", word, category, len(key)))
    auto.make_automaton()
    n = 0
    size = os.path.getsize(corpus)
    t0 = time.perf_counter()
    with open(corpus, encoding="utf-8") as f, \
            open(out, "w", encoding="utf-8") as o:
        for line in f:
            rec = json.loads(line)
            n += 1
            text = rec["title"] + "\n" + (rec.get("description") or "")
            text = unicodedata.normalize("NFKC", text).lower()
            hits = []
            for end, (what, word, extra, length) in auto.iter(text):
                hits.append({what: word, "right" if what == "term" else
                             "category": extra, "start": end - length + 1,
                             "end": end + 1})
            if hits:
                o.write(json.dumps({"platform": rec["platform"],
                                    "id": rec["id"], "hits": hits},
                                   ensure_ascii=False) + "\n")
    t1 = time.perf_counter()
    print("RESULT python %d listings %.3f s %.0f listings/s %.1f MB/s "
          "(json, NFKC + lower, pyahocorasick, json out)" %
          (n, t1 - t0, n / (t1 - t0), size / (t1 - t0) / 1e6))


if __name__ == "__main__":
    main()
