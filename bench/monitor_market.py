#!/usr/bin/python3
"""A synthetic counterfeit market for bench/bench_monitor.sh.

monitor_market.py N SELLERS OUT.ndjson [CHANGED.ndjson FRACTION]

N listings of SELLERS sellers on Chinese platforms, every title carrying
the sample portfolio's mark (so each is a finding); one seller in five
shares a phone number with about four others, one title in five is a
near copy of an earlier one. With CHANGED, also writes FRACTION of the
listings again with a new description of random words and a WeChat id
(a second scan's changes).
"""
import json
import random
import sys

WORDS = ("实木 会议桌 铆钉 钢腿 橡木 定制 包邮 现货 工厂 直销 复古 工业风 餐桌 "
         "书桌 茶几 吧台 长桌 办公 家用 北欧 简约 大板 胡桃木 黑胡桃 铁艺 美式 "
         "加厚 桌面 圆角 环保 免漆 樱桃木 白橡 岩板 折叠 伸缩 升降 电脑桌 会客 "
         "老板桌 培训桌 洽谈桌 长条桌 原木 榆木 松木 水曲柳 柚木").split()
PLATFORMS = ("taobao", "1688", "jd", "pinduoduo", "tmall")


def main():
    n, sellers, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rnd = random.Random(7)
    phone = {}
    for s in range(sellers):
        if rnd.random() < 0.2:
            phone[s] = "+86 138 %04d %04d" % (s // 5 % 10000, 1234)
    titles = []
    rows = []
    for i in range(n):
        s = rnd.randrange(sellers)
        if titles and rnd.random() < 0.2:
            t = rnd.choice(titles).split(" ")
            t[rnd.randrange(len(t))] = rnd.choice(WORDS)
            title = " ".join(t)
        else:
            title = "铁木工坊 " + " ".join(rnd.choice(WORDS)
                                        for _ in range(rnd.randint(5, 9)))
        titles.append(title)
        seller = {"id": "s%d" % s, "name": "店铺%d" % s}
        if s in phone:
            seller["phone"] = phone[s]
        rows.append({"platform": PLATFORMS[s % len(PLATFORMS)],
                     "id": "m%d" % i, "title": title, "price": 500 + i % 900,
                     "currency": "CNY", "seller": seller, "ship_from": "CN",
                     "ships_to": ["CN"]})
    with open(out, "w") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    if len(sys.argv) > 5:
        frac = float(sys.argv[5])
        with open(sys.argv[4], "w") as f:
            for r in rnd.sample(rows, int(n * frac)):
                r["description"] = " ".join(
                    rnd.choice(WORDS) for _ in range(8)) + \
                    " 微信: shop%d" % rnd.randrange(sellers)
                f.write(json.dumps(r, ensure_ascii=False) + "\n")


main()
