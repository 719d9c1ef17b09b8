#!/usr/bin/python3
"""The bench corpus's portfolio as a takedown portfolio file.

    /usr/bin/python3 bench/td_portfolio.py PORTFOLIO.json OUT.json

gen_corpus.py writes a plain list of rights with their terms and the MSRP
of the right's goods. This turns it into what `takedown portfolio import`
reads (docs/formats.md): one owner; each right a registered trademark
whose first term is its mark and the others its search terms; one
product per model number (the SKU is the model number, so a model-number
term names its product), with the right's MSRP, currency and a margin,
so the price signal compares listing prices with a real MSRP.
"""
import json
import sys

LANG = {"mark": "en", "alias": "en", "name_zh": "zh",
        "pinyin": "zh-Latn-pinyin", "model": "und"}
GOODS = ("Table", "Chair", "Console", "Cabinet", "Bench", "Lamp")


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: td_portfolio.py PORTFOLIO.json OUT.json")
    with open(sys.argv[1], encoding="utf-8") as f:
        src = json.load(f)
    rights, products = [], []
    for n, r in enumerate(src):
        terms = r["terms"]
        mark = terms[0]
        assert mark["kind"] == "mark", r["key"]
        rights.append({
            "key": r["key"], "owner": "bench", "kind": "trademark",
            "mark": mark["text"], "reg_no": "B%07d" % (n + 1),
            "jurisdiction": "CN" if n % 2 else "US", "classes": [20],
            "status": "registered",
            "terms": [{"text": t["text"], "kind": t["kind"],
                       "lang": t.get("lang") or LANG[t["kind"]]}
                      for t in terms[1:]]})
        for k, t in enumerate(x for x in terms if x["kind"] == "model"):
            products.append({
                "sku": t["text"], "owner": "bench",
                "name": "%s %s" % (mark["text"], GOODS[(n + k) % 6]),
                "msrp": r["msrp"], "currency": r["currency"],
                "margin": 0.4, "rights": [r["key"]]})
    out = {"owners": [{"key": "bench", "name": "Bench Holdings Ltd",
                       "country": "US"}],
           "rights": rights, "products": products}
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
