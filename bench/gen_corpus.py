#!/usr/bin/python3
"""Seeded, reproducible corpus for the text benchmark and evaluation.

    /usr/bin/python3 bench/gen_corpus.py [--listings N] [--seed S] OUTDIR

Writes to OUTDIR:
  portfolio.json  a list of rights, each with its key and search terms
                  (text, kind, lang), >= 1,000 terms in all
  corpus.ndjson   N listings (~400 bytes each, English, Simplified and
                  Traditional Chinese): counterfeits using a term under
                  every obfuscation class with cue words and low prices,
                  genuine resellers (near-MSRP, no cues), descriptive uses
                  of ordinary words, near misses, and unrelated goods
  labels.tsv      listing id, right key, obfuscation class, term: which
                  listing uses which right's term, and how it is written
  terms.txt       every term as written, one a line (for grep -F -i)
  text.txt        title and description of each listing, one a line

Traditional Chinese comes from OpenCC's s2t configuration through
libopencc (ctypes), applied once to each vocabulary word.
"""
import argparse
import ctypes
import json
import os
import random
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# ---- Traditional Chinese through libopencc ----------------------------


class OpenCC:
    def __init__(self, config):
        lib = ctypes.CDLL("libopencc.so.1.1")
        lib.opencc_open.restype = ctypes.c_void_p
        lib.opencc_open.argtypes = [ctypes.c_char_p]
        lib.opencc_convert_utf8.restype = ctypes.c_void_p
        lib.opencc_convert_utf8.argtypes = [ctypes.c_void_p, ctypes.c_char_p,
                                            ctypes.c_size_t]
        lib.opencc_convert_utf8_free.argtypes = [ctypes.c_void_p]
        self.lib = lib
        self.cc = lib.opencc_open(config.encode())
        if not self.cc or self.cc == ctypes.c_void_p(-1).value:
            sys.exit("gen_corpus: cannot open OpenCC " + config)

    def __call__(self, s):
        b = s.encode()
        p = self.lib.opencc_convert_utf8(self.cc, b, len(b))
        out = ctypes.string_at(p).decode()
        self.lib.opencc_convert_utf8_free(p)
        return out


# ---- vocabulary ------------------------------------------------------------

EN_GOODS = """table chair desk lamp sofa cabinet shelf bench stool bookcase
wardrobe bed sideboard dresser console mirror rack trolley cart""".split()
EN_MATERIAL = """oak walnut steel iron brass leather teak maple pine ash cherry
marble glass copper bamboo rattan velvet linen concrete""".split()
EN_ADJ = """solid handmade reclaimed modern rustic classic sturdy elegant
compact large small round square long heavy natural black white matte
polished brushed rivet loft farmhouse retro minimalist premium""".split()
EN_FILLER = """great for home office dining room living room bedroom studio
cafe restaurant hotel lobby easy assembly fast delivery free shipping many
sizes available custom colours in stock ships in days carefully packed
with foam corners quality finish hand sanded sealed with natural oil
suitable for daily use stable frame adjustable feet protect your floor
please check the size before you order contact us for bulk orders""".split()
EN_NEAR_MISS = """handle candle stagecoach coaching gusto prado grace
marina solar solo lumen ember copperfield ironing woodwork atelier workshop
studio house design collective craft works smith field stone forge haven
mere vale crest light mark oakley""".split()
UNRELATED_EN = """phone case charger cable earbuds sneakers running shoes
t-shirt hoodie jeans backpack water bottle yoga mat dog leash cat toy
notebook pen pencil sticker keychain umbrella socks scarf gloves watch
strap bracelet necklace ring sunglasses hat cap wallet belt""".split()

ZH_GOODS = "会议桌 餐桌 椅子 书桌 台灯 沙发 柜子 书架 长凳 边几 衣柜 床 茶几 吧台".split()
ZH_MATERIAL = "实木 橡木 胡桃木 钢架 铁艺 黄铜 真皮 柚木 松木 大理石 玻璃 竹制".split()
ZH_ADJ = "复古 工业风 现代 简约 北欧 手工 定制 铆钉 美式 轻奢 经典 大气 高端 结实".split()
ZH_FILLER = """包邮 新款 热卖 家具 客厅 卧室 办公室 尺寸 颜色 可定制 现货 当天发货
质量保证 欢迎咨询 支持批发 安装简单 环保材料 做工精细 厂家直供 品质 好评 如图""".split()
UNRELATED_ZH = """手机壳 充电器 数据线 耳机 运动鞋 跑步鞋 短袖 卫衣 牛仔裤 双肩包 水杯
瑜伽垫 狗绳 猫玩具 笔记本 钢笔 贴纸 钥匙扣 雨伞 袜子 围巾 手套 表带 手链 项链 墨镜""".split()

EN_CUES = ["replica", "AAA quality", "1:1", "mirror quality", "dupe",
           "knockoff", "super fake", "high copy", "inspired by",
           "same as original", "whatsapp", "wechat", "dm me", "wa.me"]
ZH_CUES = ["高仿", "精仿", "复刻", "A货", "超A", "一比一", "1比1", "同款",
           "专柜品质", "原单", "尾单", "微信", "加微", "vx", "私聊", "加我"]
GENUINE_EN = ["authorised dealer", "official warranty", "genuine product",
              "original packaging", "serial number included"]
GENUINE_ZH = ["官方授权", "正品保证", "全国联保", "原厂包装", "官方旗舰店"]

# Characters for Chinese brand names, with their pinyin.
ZH_NAME = {
    "铁": "tie", "木": "mu", "工": "gong", "坊": "fang", "森": "sen",
    "林": "lin", "家": "jia", "居": "ju", "雅": "ya", "致": "zhi",
    "匠": "jiang", "心": "xin", "华": "hua", "丽": "li", "龙": "long",
    "凤": "feng", "东": "dong", "乐": "le", "阳": "yang", "云": "yun",
    "风": "feng", "宝": "bao", "轩": "xuan", "阁": "ge", "庄": "zhuang",
    "园": "yuan", "饰": "shi", "灯": "deng", "钟": "zhong", "锦": "jin",
    "绣": "xiu", "韵": "yun", "丝": "si", "织": "zhi", "陶": "tao",
    "银": "yin", "金": "jin", "橡": "xiang", "枫": "feng", "岚": "lan",
    "墨": "mo", "舍": "she", "苑": "yuan", "艺": "yi", "馆": "guan",
    "鸿": "hong", "盛": "sheng", "诚": "cheng", "颂": "song", "万": "wan",
}

SYL_A = """zor vel kai mar lun ter bel cor dra fen gal har ist jor kel lor
mer nor ovi pel quin ras sol tav ul vor wex xan yor zel bra cal dor
eth fal gor hel kor lys mor nyx orb pyr quo rhu syl tor umb vex wyn
xer yal zan""".split()
SYL_M = "an el or is ur en al ir on ar ev ad ol um".split()
SYL_B = """exa ora ino ando ique ella avo etta ara ion uma esta oro ivo
anta elle ova ura ix ax""".split()
COMP_A = """Iron Oak Ember Copper Slate Birch Cedar Ash Stone Hollow Elm
Amber Flint Moss Raven Willow Alder Thorn Brook Frost Rust Maple Hazel
Juniper Basalt Cobalt Quartz Indigo Saffron Walnut Larch Spruce Hickory
Tamarack Obsidian Pewter""".split()
COMP_B = """wood craft works smith field forge mere vale crest haven hearth
loom""".split()
COMP_C = """Atelier Studio Workshop House Collective Design Works Lab
Company Guild""".split()
WEAK = ["Vintage Industrial", "Modern Loft", "Rustic Home", "Urban Classic",
        "Natural Living", "Simple Life", "Classic Comfort", "Home Style",
        "Fine Furniture", "Solid Wood"]

VOWELS = "aeiou"
VOCAB = set(w.lower() for w in EN_GOODS + EN_MATERIAL + EN_ADJ + EN_FILLER +
            EN_NEAR_MISS + UNRELATED_EN)
CYRILLIC = {"a": "\u0430", "e": "\u0435", "o": "\u043e", "p": "\u0440",
            "c": "\u0441", "y": "\u0443", "x": "\u0445", "i": "\u0456",
            "s": "\u0455", "A": "\u0410", "E": "\u0415", "O": "\u041e",
            "C": "\u0421", "H": "\u041d", "K": "\u041a", "M": "\u041c",
            "T": "\u0422", "X": "\u0425", "B": "\u0412", "P": "\u0420"}
GREEK = {"A": "\u0391", "B": "\u0392", "E": "\u0395", "H": "\u0397",
         "I": "\u0399", "K": "\u039a", "M": "\u039c", "N": "\u039d",
         "O": "\u039f", "P": "\u03a1", "T": "\u03a4", "X": "\u03a7",
         "o": "\u03bf"}
LEET = {"o": "0", "i": "1", "l": "1", "e": "3", "s": "5", "a": "@"}
ZW = ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad"]

# ---- helpers -----------------------------------------------------------------


def load_words():
    words = set()
    with open(os.path.join(ROOT, "data/words/en.tsv"), encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                words.add(line.split("\t", 1)[0])
    return words


def fold(s):
    """The matcher's key, roughly: letters and digits, folded."""
    s = unicodedata.normalize("NFKC", s).lower()
    out = []
    for c in s:
        if c.isalnum():
            out.append({"i": "l", "0": "o", "1": "l", "3": "e",
                        "5": "s"}.get(c, c))
    return "".join(out)


def deletions(s, k):
    out = {s}
    frontier = {s}
    for _ in range(k):
        nxt = set()
        for w in frontier:
            for i in range(len(w)):
                nxt.add(w[:i] + w[i + 1:])
        out |= nxt
        frontier = nxt
    return out


def coined(rng):
    n = rng.randrange(5, 9)
    return "".join(rng.choice("bcdfghjklmnprstvwxz") if i % 2 == 0 else
                   rng.choice("aeiou") for i in range(n))


def fullwidth(s):
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else
                   ("\u3000" if c == " " else c) for c in s)


# ---- the portfolio ------------------------------------------------------------


def budget(w):
    return 2 if len(w) >= 9 else 1 if len(w) >= 5 else 0


def make_portfolio(rng, nrights, dictionary):
    """Rights and terms. The distinctive words of different terms are
    more than their two edit budgets apart, so that a near variant of one
    is never a near variant of another (the labels stay unambiguous)."""
    rights = []
    seen_keys = set()
    near = {}   # (m, budget of the stored word) -> deletion strings

    def words_of(term, kind):
        ws = [fold(w) for w in term.split()]
        return ws if kind == "pinyin" else ws[:1]

    def ok(term, kind="mark"):
        key = fold(term)
        if len(key) < 4 or key in seen_keys:
            return False
        for w in words_of(term, kind):
            kw = budget(w)
            for ko in (0, 1, 2):
                m = kw + ko
                if deletions(w, m) & near.get((m, ko), set()):
                    return False
        return True

    def take(term, kind="mark"):
        seen_keys.add(fold(term))
        for w in words_of(term, kind):
            kw = budget(w)
            for kx in (0, 1, 2):
                near.setdefault((kw + kx, kw), set()).update(
                    deletions(w, kw + kx))

    zh_chars = list(ZH_NAME)
    used_zh = set()
    used_models = set()
    weak = list(WEAK)
    for r in range(nrights):
        key = "R%04d" % (r + 1)
        for tries in range(5000):
            style = rng.random()
            if weak and r % 30 == 29:
                mark = weak.pop()
            elif style < 0.7:
                mark = (rng.choice(SYL_A) + (rng.choice(SYL_M) if
                        rng.random() < 0.6 else "") +
                        rng.choice(SYL_B)).capitalize()
                if rng.random() < 0.3:
                    mark += " " + rng.choice(COMP_C)
            else:
                mark = rng.choice(COMP_A) + rng.choice(COMP_B)
                if rng.random() < 0.5:
                    mark += " " + rng.choice(COMP_C)
            first = mark.lower().split()[0]
            if mark not in WEAK and (first in dictionary or
                                     first in VOCAB):
                continue
            if ok(mark):
                break
        else:
            sys.exit("gen_corpus: cannot find %d distinct marks" % nrights)
        take(mark)
        terms = [{"text": mark, "kind": "mark", "lang": "en"}]
        words = mark.split()
        if len(words) == 2 and mark not in WEAK and rng.random() < 0.5:
            # The first word alone: the same word as the mark's.
            alias = words[0]
            if fold(alias) not in seen_keys:
                seen_keys.add(fold(alias))
                terms.append({"text": alias, "kind": "alias", "lang": "en"})
        for _ in range(1000):
            n = rng.choice((3, 4, 4))
            name = "".join(rng.choice(zh_chars) for _ in range(n))
            if name not in used_zh and not any(
                    name[i:i + 3] in u for u in used_zh for i in range(n - 2)):
                break
        used_zh.add(name)
        terms.append({"text": name, "kind": "name_zh", "lang": "zh"})
        pinyin = "".join(ZH_NAME[c] for c in name[:2]) + " " + \
            "".join(ZH_NAME[c] for c in name[2:])
        if ok(pinyin, "pinyin"):
            take(pinyin, "pinyin")
            terms.append({"text": pinyin, "kind": "pinyin", "lang": "zh"})
        for _ in range(rng.choice((1, 2, 2))):
            while True:
                model = "%s%s-%s%s-%03d" % (
                    rng.choice("ABCDEFGHJKMNPRSTVWXYZ"),
                    rng.choice("ABCDEFGHJKMNPRSTVWXYZ"),
                    rng.choice("ABCDEFGHJKMNPRSTVWXYZ"),
                    rng.choice("ABCDEFGHJKMNPRSTVWXYZ"),
                    rng.randrange(1000))
                if fold(model) not in used_models:
                    break
            used_models.add(fold(model))
            terms.append({"text": model, "kind": "model", "lang": None})
        msrp = rng.choice((450, 890, 1280, 2400, 4500, 8800))
        rights.append({"key": key, "terms": terms, "msrp": msrp,
                       "currency": "USD"})
    return rights


# ---- obfuscation ------------------------------------------------------------

LATIN_CLASSES = ["exact", "case", "fullwidth", "joined", "split_space",
                 "split_punct", "hyphenation", "homoglyph", "leet",
                 "zero_width", "accents", "omission", "insertion",
                 "replacement", "transposition", "repetition", "vowel_swap",
                 "two_edits"]
ZH_CLASSES = ["zh_simplified", "zh_traditional", "zh_spaced"]
OTHER_CLASSES = ["pinyin", "model", "model_spaced", "model_homoglyph"]


def long_word(words, minlen):
    cand = [i for i, w in enumerate(words) if len(w) >= minlen]
    return cand


def edit(rng, w, kind, dictionary):
    """One edit of kind to w (letters only), not giving a plain word."""
    low = w.lower()
    for _ in range(50):
        n = len(w)
        if kind == "omission":
            i = rng.randrange(1, n)
            out = w[:i] + w[i + 1:]
        elif kind == "insertion":
            i = rng.randrange(1, n)
            c = rng.choice("bdfghkmnprtvwxz")
            if c in (w[i - 1].lower(), w[i].lower()):
                continue
            out = w[:i] + c + w[i:]
        elif kind == "repetition":
            i = rng.randrange(1, n)
            out = w[:i] + w[i] + w[i:]
        elif kind == "replacement":
            i = rng.randrange(1, n)
            if w[i].lower() in VOWELS + "il":
                continue
            c = rng.choice("bdfghkmnprtvwxz")
            if c == w[i].lower():
                continue
            out = w[:i] + c + w[i + 1:]
        elif kind == "transposition":
            i = rng.randrange(1, n - 1)
            if w[i].lower() == w[i + 1].lower():
                continue
            out = w[:i] + w[i + 1] + w[i] + w[i + 2:]
        else:  # vowel_swap
            idx = [i for i in range(1, n) if w[i].lower() in "aeou"]
            if not idx:
                return None
            i = rng.choice(idx)
            c = rng.choice([v for v in "aeou" if v != w[i].lower()])
            out = w[:i] + c + w[i + 1:]
        if out.lower() not in dictionary and fold(out) != fold(low):
            return out
    return None


def obfuscate(rng, term, cls, dictionary):
    words = term.split()
    if cls == "exact":
        return term
    if cls == "case":
        return rng.choice((term.upper(), term.lower(), term.swapcase()))
    if cls == "fullwidth":
        return fullwidth(term)
    if cls == "joined":
        return "".join(words) if len(words) > 1 else None
    if cls == "split_space":
        return "  ".join(" ".join(w.upper()) for w in words)
    if cls == "split_punct":
        sep = rng.choice(".*_/·")
        return " ".join(sep.join(w) for w in words)
    if cls == "hyphenation":
        i = long_word(words, 5)
        if not i:
            return None
        j = rng.choice(i)
        w = words[j]
        k = rng.randrange(2, len(w) - 1)
        words[j] = w[:k] + "-" + w[k:]
        return " ".join(words)
    if cls == "homoglyph":
        table = rng.choice((CYRILLIC, GREEK))
        t = term.upper() if table is GREEK else term
        idx = [i for i, c in enumerate(t) if c in table]
        if not idx:
            return None
        for i in rng.sample(idx, min(len(idx), rng.choice((1, 2)))):
            t = t[:i] + table[t[i]] + t[i + 1:]
        return t
    if cls == "leet":
        idx = [i for i, c in enumerate(term) if c.lower() in LEET and
               0 < i < len(term) - 1 and term[i - 1].isalpha() and
               term[i + 1].isalpha()]
        if not idx:
            return None
        t = term
        for i in rng.sample(idx, min(len(idx), rng.choice((1, 2)))):
            t = t[:i] + LEET[t[i].lower()] + t[i + 1:]
        return t
    if cls == "zero_width":
        i = long_word(words, 4)
        if not i:
            return None
        j = rng.choice(i)
        w = words[j]
        k = rng.randrange(1, len(w))
        words[j] = w[:k] + rng.choice(ZW) + w[k:]
        return " ".join(words)
    if cls == "accents":
        acc = {"a": "á", "e": "é", "i": "í", "o": "ö", "u": "ü", "c": "ç",
               "n": "ñ"}
        idx = [i for i, c in enumerate(term) if c in acc]
        if not idx:
            return None
        t = term
        for i in rng.sample(idx, min(len(idx), 2)):
            t = t[:i] + acc[t[i]] + t[i + 1:]
        return t
    if cls == "two_edits":
        i = [j for j, w in enumerate(words) if len(w) >= 9]
        if not i:
            return None
        j = rng.choice(i)
        w = words[j]
        for _ in range(20):
            a = edit(rng, w, rng.choice(("omission", "transposition",
                                         "vowel_swap", "repetition")),
                     dictionary)
            b = a and edit(rng, a, rng.choice(("omission", "repetition",
                                               "vowel_swap")), dictionary)
            if b and fold(b) != fold(w):
                words[j] = b
                return " ".join(words)
        return None
    # one edit in a word of 5+ letters
    i = long_word(words, 5)
    if not i:
        return None
    j = rng.choice(i)
    e = edit(rng, words[j], cls, dictionary)
    if not e:
        return None
    words[j] = e
    return " ".join(words)


# ---- listings -----------------------------------------------------------------


def en_words(rng, n, pool=None):
    out = []
    for _ in range(n):
        r = rng.random()
        if pool is not None and r < 0.5:
            out.append(rng.choice(pool))
        elif r < 0.65:
            out.append(rng.choice(EN_FILLER))
        elif r < 0.8:
            out.append(rng.choice(EN_ADJ))
        elif r < 0.9:
            out.append(rng.choice(EN_MATERIAL))
        else:
            out.append(rng.choice(EN_GOODS))
    return " ".join(out)


def zh_words(rng, n, pool=None):
    out = []
    for _ in range(n):
        r = rng.random()
        if pool is not None and r < 0.5:
            out.append(rng.choice(pool))
        elif r < 0.6:
            out.append(rng.choice(ZH_FILLER))
        elif r < 0.75:
            out.append(rng.choice(ZH_ADJ))
        elif r < 0.9:
            out.append(rng.choice(ZH_MATERIAL))
        else:
            out.append(rng.choice(ZH_GOODS))
    return " ".join(out)


def fit(text, size):
    return text[:size].rsplit(" ", 1)[0] if len(text) > size else text


def seller(rng, zh):
    sid = "s-%d" % rng.randrange(100000)
    if zh:
        name = rng.choice(("东莞", "佛山", "广州", "深圳", "杭州")) + \
            rng.choice(("家具厂", "木业", "家居", "工艺品")) + \
            rng.choice(("直销", "旗舰店", "店", ""))
        phone = "+86 1%02d %04d %04d" % (rng.randrange(30, 90),
                                          rng.randrange(10000),
                                          rng.randrange(10000))
    else:
        name = rng.choice(("Home", "Deco", "Wood", "Loft", "Urban")) + \
            rng.choice(("Store", "Mart", "Outlet", "Supply", "Hub"))
        return {"id": sid, "name": name}
    return {"id": sid, "name": name, "phone": phone}


def build(rng, args, rights, dictionary, t2s):
    terms = [(r["key"], t) for r in rights for t in r["terms"]]
    latin = [(k, t) for k, t in terms if t["kind"] in ("mark", "alias")]
    zh = [(k, t) for k, t in terms if t["kind"] == "name_zh"]
    pin = [(k, t) for k, t in terms if t["kind"] == "pinyin"]
    models = [(k, t) for k, t in terms if t["kind"] == "model"]
    weak_keys = {r["key"] for r in rights if r["terms"][0]["text"] in WEAK}
    msrp = {r["key"]: r["msrp"] for r in rights}
    model_of = {}
    for k, t in models:
        model_of.setdefault(k, t["text"])
    trad = {}

    def T(s):
        if s not in trad:
            trad[s] = t2s(s)
        return trad[s]

    classes = LATIN_CLASSES + ZH_CLASSES + OTHER_CLASSES
    out = open(os.path.join(args.outdir, "corpus.ndjson"), "w",
               encoding="utf-8")
    labels = open(os.path.join(args.outdir, "labels.tsv"), "w",
                  encoding="utf-8")
    text = open(os.path.join(args.outdir, "text.txt"), "w",
                encoding="utf-8")
    labels.write("# listing\tright\tclass\tterm\n")
    platforms = ("taobao", "tmall", "1688", "aliexpress", "alibaba")
    for n in range(args.listings):
        lid = "L%07d" % n
        kind = rng.random()
        label = None
        price_cur = "USD"
        zh_listing = False
        if kind < 0.40:
            # a counterfeit: one term under one obfuscation class
            cls = classes[n % len(classes)]
            for _ in range(30):
                if cls in LATIN_CLASSES:
                    key, t = rng.choice(latin)
                    if key in weak_keys and cls != "exact":
                        continue
                    ob = obfuscate(rng, t["text"], cls, dictionary)
                elif cls in ZH_CLASSES:
                    key, t = rng.choice(zh)
                    ob = t["text"]
                    if cls == "zh_traditional":
                        ob = T(ob)
                    elif cls == "zh_spaced":
                        ob = rng.choice((" ", ".", "-", "·", "  ")).join(ob)
                elif cls == "pinyin":
                    key, t = rng.choice(pin)
                    ob = rng.choice((t["text"], t["text"].replace(" ", ""),
                                     t["text"].upper()))
                else:
                    key, t = rng.choice(models)
                    ob = t["text"]
                    if cls == "model_spaced":
                        ob = ob.replace("-", rng.choice((" ", "", ".")))
                    elif cls == "model_homoglyph":
                        ob = ob.replace("0", "O", 1) if "0" in ob else None
                if ob:
                    break
            else:
                cls = "exact"
                key, t = rng.choice(latin)
                ob = t["text"]
            zh_listing = cls in ZH_CLASSES or (cls in OTHER_CLASSES and
                                               rng.random() < 0.5)
            cues = rng.sample(ZH_CUES if zh_listing else EN_CUES,
                              rng.choice((1, 2, 2, 3)))
            if key in weak_keys:
                # A weak mark needs company: its model number.
                ob = "%s %s" % (ob, model_of[key])
            if zh_listing:
                title = "%s %s %s %s" % (ob, zh_words(rng, 2, ZH_GOODS),
                                         " ".join(cues), zh_words(rng, 1))
                desc = zh_words(rng, 40)
                price = round(msrp[key] * 6.9 * rng.uniform(0.03, 0.2))
                price_cur = "CNY"
            else:
                title = "%s %s %s" % (ob, en_words(rng, 3, EN_GOODS),
                                      " ".join(cues))
                desc = en_words(rng, 40)
                price = round(msrp[key] * rng.uniform(0.03, 0.2), 2)
            if cls == "zh_traditional":
                title = T(title)
                desc = T(desc)
            label = (key, cls, t["text"])
        elif kind < 0.55:
            # a genuine reseller: the mark and a model, no cues
            key, t = rng.choice(latin)
            zh_listing = rng.random() < 0.3
            if zh_listing:
                title = "%s %s %s %s" % (t["text"], model_of[key],
                                         zh_words(rng, 2, ZH_GOODS),
                                         rng.choice(GENUINE_ZH))
                desc = zh_words(rng, 40)
                price = round(msrp[key] * 6.9 * rng.uniform(0.9, 1.05))
                price_cur = "CNY"
            else:
                title = "%s %s %s %s" % (t["text"], model_of[key],
                                         en_words(rng, 3, EN_GOODS),
                                         rng.choice(GENUINE_EN))
                desc = en_words(rng, 40)
                price = round(msrp[key] * rng.uniform(0.9, 1.05), 2)
            label = (key, "genuine", t["text"])
        elif kind < 0.75:
            # descriptive text: weak marks as plain words, near misses
            weak = rng.choice(WEAK).lower()
            title = "%s %s %s" % (rng.choice((weak, weak.title())),
                                  en_words(rng, 3, EN_GOODS),
                                  " ".join(rng.sample(EN_NEAR_MISS, 2)))
            desc = en_words(rng, 35, EN_NEAR_MISS) + " %d %d" % (
                rng.randrange(10000), rng.randrange(100))
            price = round(rng.uniform(20, 900), 2)
        else:
            zh_listing = rng.random() < 0.4
            if zh_listing:
                title = zh_words(rng, 5, UNRELATED_ZH)
                desc = zh_words(rng, 40, UNRELATED_ZH)
                if rng.random() < 0.3:
                    title, desc = T(title), T(desc)
                price = rng.randrange(5, 500)
                price_cur = "CNY"
            else:
                title = en_words(rng, 5, UNRELATED_EN)
                if rng.random() < 0.25:
                    # Someone else's brand: a coined name, not checked
                    # against the portfolio (a chance look-alike counts
                    # against precision, as it would in the field).
                    title = coined(rng).capitalize() + " " + title
                desc = en_words(rng, 40, UNRELATED_EN)
                price = round(rng.uniform(2, 200), 2)
        size = 40 if zh_listing else 120
        desc = fit(desc, size)
        rec = {"platform": rng.choice(platforms), "id": lid,
               "url": "https://item.example.com/%s" % lid,
               "title": title, "description": desc, "price": price,
               "currency": price_cur, "seller": seller(rng, zh_listing),
               "ship_from": "CN", "ships_to": ["US"], "sales":
               rng.randrange(500), "captured_at": "2026-11-20T10:00:00Z"}
        out.write(json.dumps(rec, ensure_ascii=False,
                             separators=(",", ":")) + "\n")
        text.write((title + " " + desc).replace("\n", " ") + "\n")
        if label:
            labels.write("%s\t%s\t%s\t%s\n" % (lid, label[0], label[1],
                                               label[2]))
    out.close()
    labels.close()
    text.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--listings", type=int, default=1000000)
    ap.add_argument("--rights", type=int, default=300)
    ap.add_argument("--seed", type=int, default=20261120)
    ap.add_argument("outdir")
    args = ap.parse_args()
    os.makedirs(args.outdir, exist_ok=True)
    rng = random.Random(args.seed)
    dictionary = load_words()
    rights = make_portfolio(rng, args.rights, dictionary)
    nterms = sum(len(r["terms"]) for r in rights)
    with open(os.path.join(args.outdir, "portfolio.json"), "w",
              encoding="utf-8") as f:
        json.dump(rights, f, ensure_ascii=False, indent=1)
    with open(os.path.join(args.outdir, "terms.txt"), "w",
              encoding="utf-8") as f:
        for r in rights:
            for t in r["terms"]:
                f.write(t["text"] + "\n")
    build(rng, args, rights, dictionary, OpenCC("s2t.json"))
    print("gen_corpus: %d rights, %d terms, %d listings in %s" %
          (len(rights), nterms, args.listings, args.outdir))


if __name__ == "__main__":
    main()
