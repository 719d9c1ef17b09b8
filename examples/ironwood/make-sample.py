#!/usr/bin/python3
"""Regenerate the sample files of the Ironwood Atelier example.

The documents are small one-page PDFs standing in for scans; the product
photos are rendered with Pillow (Debian's python3-pil) from a fixed seed,
so the files are the same on every run. Run it from this directory; the
outputs are committed, so nobody needs to run it to use the example.
"""
import random
import zlib

from PIL import Image, ImageDraw, ImageFilter


def pdf(path, lines):
    """A minimal valid PDF 1.4 page with Helvetica text."""
    body = ["BT /F1 12 Tf 60 780 Td 16 TL"]
    for line in lines:
        esc = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        body.append("(%s) Tj T*" % esc)
    body.append("ET")
    stream = zlib.compress("\n".join(body).encode("latin-1"))
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
        + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objs) + 1, xref)
    with open(path, "wb") as f:
        f.write(out)


def smooth_noise(w, h, rng, octaves=5, base=4):
    """Multi-octave value noise in 0..1 (a list of rows): gives the
    backdrop the low-frequency light and texture a real photo has."""
    acc = None
    amp, total = 1.0, 0.0
    for o in range(octaves):
        n = base * (2 ** o)
        small = Image.new("L", (n + 1, n + 1))
        small.putdata([rng.randrange(256) for _ in range((n + 1) * (n + 1))])
        layer = small.resize((w, h), Image.BICUBIC)
        if acc is None:
            acc = layer
        else:
            acc = Image.blend(acc, layer, amp / (total + amp))
        total += amp
        amp *= 0.55
    # stretch to the full range
    lo, hi = acc.getextrema()
    return acc.point(lambda v: int(255 * (v - lo) / max(1, hi - lo)))


def shade(noise, lo, hi, tint):
    """Map a noise image to an RGB image between two brightnesses."""
    g = noise.point(lambda v: int(lo + (hi - lo) * v / 255))
    return Image.merge("RGB", [g.point(lambda v, t=t: min(255, int(v * t)))
                               for t in tint])


def product(path, kind, seed, w=1600, h=1200):
    rng = random.Random(seed)
    wall = shade(smooth_noise(w, h, rng), 150, 245, (1.0, 0.97, 0.92))
    floor = shade(smooth_noise(w, h, rng, base=8), 90, 190, (1.0, 0.9, 0.78))
    im = wall.copy()
    horizon = int(h * (0.66 + 0.08 * rng.random()))
    im.paste(floor.crop((0, horizon, w, h)), (0, horizon))
    d = ImageDraw.Draw(im)
    for x in range(0, w, 90 + rng.randint(0, 40)):
        d.line([(x, horizon), (x + (x - w // 2) // 3, h)], fill=(70, 55, 40),
               width=2)
    top = shade(smooth_noise(w, 200, rng, base=16), 60, 150, (1.0, 0.78, 0.55))
    sx = rng.randint(-60, 60)
    if kind == "table":
        d.ellipse([200 + sx, 850, 1400 + sx, 960], fill=(60, 50, 40))
        im.paste(top.crop((0, 0, 1160, 80)), (220 + sx, 420))
        for x in (280 + sx, 1300 + sx):
            d.rectangle([x, 500, x + 26, 900], fill=(40, 40, 44))
            for ry in range(520, 880, 40):
                d.ellipse([x + 8, ry, x + 18, ry + 10], fill=(170, 170, 175))
        d.rectangle([306 + sx, 640, 1300 + sx, 660], fill=(40, 40, 44))
    elif kind == "stool":
        d.ellipse([560 + sx, 890, 1040 + sx, 960], fill=(60, 50, 40))
        im.paste(top.crop((0, 0, 320, 60)), (640 + sx, 360))
        for x, dx in ((660 + sx, -60), (920 + sx, 60)):
            d.polygon([(x, 420), (x + 22, 420), (x + dx + 22, 930),
                       (x + dx, 930)], fill=(45, 45, 48))
        d.rectangle([640 + sx, 720, 960 + sx, 736], fill=(45, 45, 48))
    else:
        d.ellipse([260 + sx, 860, 1340 + sx, 930], fill=(60, 50, 40))
        im.paste(top.crop((0, 0, 1000, 60)), (300 + sx, 380))
        im.paste(top.crop((0, 60, 940, 200)).resize((940, 260)), (330 + sx, 440))
        for x in (340 + sx, 1240 + sx):
            d.rectangle([x, 700, x + 20, 900], fill=(38, 38, 40))
        for x in range(420 + sx, 1240 + sx, 210):
            d.ellipse([x, 560, x + 14, 574], fill=(200, 180, 120))
    im = im.filter(ImageFilter.GaussianBlur(1.0))
    im.save(path, quality=88)


pdf("docs/business-licence.pdf", [
    "STATE OF ARIZONA - CERTIFICATE OF GOOD STANDING",
    "Ironwood Atelier LLC   Entity number AZ-L7654321",
    "Formed 2014-03-02. Status: Active.",
    "(sample document for the takedown demo; fictional company)"])
pdf("docs/business-licence-zh.pdf", [
    "Translation into Simplified Chinese of the certificate of good standing",
    "Tiemu Gongfang Youxian Gongsi (Ironwood Atelier LLC)",
    "Certified translation, translator no. T-2231",
    "(sample document for the takedown demo; fictional company)"])
pdf("docs/tm-cn-21345678.pdf", [
    "CHINA NATIONAL INTELLECTUAL PROPERTY ADMINISTRATION",
    "Trademark registration certificate No. 21345678",
    "Mark: IRONWOOD ATELIER / Tiemu Gongfang   Class 20",
    "Valid 2017-11-14 to 2027-11-13",
    "(sample document for the takedown demo)"])
pdf("docs/tm-us-5123456.pdf", [
    "UNITED STATES PATENT AND TRADEMARK OFFICE",
    "Reg. No. 5,123,456   IRONWOOD ATELIER   Int. Cl.: 20",
    "Registered 2018-05-01",
    "(sample document for the takedown demo)"])
pdf("docs/design-cn.pdf", [
    "CNIPA design patent certificate ZL201930123456.7",
    "Title: Conference table (rivet)   Locarno 06-03",
    "Filed 2019-03-12, granted 2019-09-20",
    "(sample document for the takedown demo)"])
pdf("docs/design-cn-evaluation.pdf", [
    "CNIPA patent evaluation report for ZL201930123456.7",
    "Conclusion: all claims meet the conditions for grant.",
    "(sample document for the takedown demo)"])
pdf("docs/poa-exlaw.pdf", [
    "POWER OF ATTORNEY",
    "Ironwood Atelier LLC appoints Example IP Law LLP to file",
    "intellectual property complaints on online marketplaces.",
    "Valid 2026-01-05 to 2027-01-04",
    "(sample document for the takedown demo)"])
product("img/rt-001.jpg", "table", 1)
product("img/rt-001-proto.jpg", "table", 2, 1400, 1050)
product("img/st-002.jpg", "stool", 3)
product("img/lc-003.jpg", "console", 4)


# Listing photos for the sample feed: copies of the owner's photos as
# sellers post them, and one unrelated photo.
def listing_photos():
    src = Image.open("img/rt-001.jpg")
    w, h = src.size
    # cropped by 10%, mirrored, re-encoded small and at low quality
    im = src.crop((w // 20, h // 20, w - w // 20, h - h // 20))
    im = im.transpose(Image.FLIP_LEFT_RIGHT).resize((800, 600))
    im.save("feed/l-889120-1.jpg", quality=45)
    # the factory prototype photo, framed with a white border
    proto = Image.open("img/rt-001-proto.jpg")
    pw, ph = proto.size
    framed = Image.new("RGB", (int(pw * 1.3), int(ph * 1.3)), (255, 255, 255))
    framed.paste(proto, (int(pw * 0.15), int(ph * 0.15)))
    framed.resize((900, 675)).save("feed/l-552018-1.jpg", quality=70)
    # an unrelated product
    product("feed/l-700001-1.jpg", "stool", 99, 800, 600)


listing_photos()
