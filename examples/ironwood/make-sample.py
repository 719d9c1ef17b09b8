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


def wood(draw, box, rng, base):
    x0, y0, x1, y1 = box
    for y in range(y0, y1):
        shade = base + int(12 * ((y * 7 + rng.randint(0, 3)) % 17) / 17)
        draw.line([(x0, y), (x1, y)], fill=(shade + 40, shade + 18, shade))


def product(path, kind, seed, w=1600, h=1200):
    rng = random.Random(seed)
    im = Image.new("RGB", (w, h), (236, 232, 226))
    d = ImageDraw.Draw(im)
    # floor and wall
    d.rectangle([0, int(h * 0.72), w, h], fill=(181, 170, 156))
    for x in range(0, w, 6):
        d.line([(x, int(h * 0.72)), (x + rng.randint(-40, 40), h)],
               fill=(170 + rng.randint(-8, 8),) * 3, width=1)
    if kind == "table":
        wood(d, (220, 420, 1380, 500), rng, 70)
        for x in (280, 1300):
            d.rectangle([x, 500, x + 26, 900], fill=(40, 40, 44))
            for ry in range(520, 880, 40):
                d.ellipse([x + 8, ry, x + 18, ry + 10], fill=(150, 150, 155))
        d.rectangle([306, 640, 1300, 660], fill=(40, 40, 44))
    elif kind == "stool":
        wood(d, (640, 360, 960, 420), rng, 80)
        for x in (660, 920):
            d.polygon([(x, 420), (x + 22, 420), (x + 60 * (1 if x > 800 else -1)
                       + 22, 930), (x + 60 * (1 if x > 800 else -1), 930)],
                      fill=(45, 45, 48))
        d.rectangle([640, 720, 960, 736], fill=(45, 45, 48))
    else:
        wood(d, (300, 380, 1300, 440), rng, 60)
        wood(d, (330, 440, 1270, 700), rng, 50)
        for x in (340, 1240):
            d.rectangle([x, 700, x + 20, 900], fill=(38, 38, 40))
        for x in range(420, 1240, 210):
            d.ellipse([x, 560, x + 14, 574], fill=(160, 150, 120))
    # soft shadow and slight noise, as a real photo has
    im = im.filter(ImageFilter.GaussianBlur(1.2))
    px = im.load()
    for _ in range(w * h // 20):
        x, y = rng.randrange(w), rng.randrange(h)
        r, g, b = px[x, y]
        n = rng.randint(-10, 10)
        px[x, y] = (max(0, min(255, r + n)), max(0, min(255, g + n)),
                    max(0, min(255, b + n)))
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
