#!/usr/bin/python3
"""Builds the photo corpus for `make eval-image` and `make bench-image`.

    /usr/bin/python3 bench/image_corpus.py OUTDIR

Real photographs shipped in Debian packages (python3-skimage,
python-matplotlib-data, mate-backgrounds, plasma-workspace-wallpapers,
opencv-doc; licences in docs/images.md) are split into two sets:

  OUTDIR/official/NAME.png      the owner's photos (indexed with variants)
  OUTDIR/unrelated/NAME.jpg     other photos, never indexed
  OUTDIR/listing/NAME@T.jpg     each photo (both sets) after transform T
  OUTDIR/bench1600/NAME.jpg     1600-pixel JPEGs (q90) for the benchmark
  OUTDIR/bench1600p/NAME.jpg    the same pictures as progressive JPEGs

Transforms (what sellers do to a reused photo): crop10 (centre crop
keeping 90% of each side), crop10tl (10% cut off the left and top only),
border15 (a white frame of 15% of each side), jpeg20 (re-encoded at
quality 20), half (resized to 50%), third (resized to 33%), mirror,
banner (a dark text banner over the bottom 15%), combo (border15 +
mirror + half + quality 40), square (the middle square), rot5 (rotated 5 degrees anticlockwise,
the corners filled white), and three edits that fall between the
crops and cuts of the variant set: crop7tl (7% cut off the left and
top), crop15r (15% cut off the right) and bannertop (a banner over the
top 10%); and three held out from the 2% corner grid of the variant
set, chosen after it: crop3s (5%, 9% and 3% cut off the left, top and
right), crop4s (3%, 5%, 7% and 2% off all four sides) and crop25br (25%
off the right and the bottom, past the grid's 20%).

Deterministic: the same packages give the same files. Uses Debian's PIL.
"""
import glob
import os
import sys

from PIL import Image, ImageDraw, ImageFont, ImageOps

SK = "/usr/lib/python3/dist-packages/skimage/data/"
CV = "/usr/share/doc/opencv-doc/examples/data/"
MATE = "/usr/share/backgrounds/mate/nature/"
WALL = "/usr/share/wallpapers/"
MPL = "/usr/share/matplotlib/mpl-data/sample_data/"

# One of each near-duplicate pair only (aloeL/R, leuvenA/B, basketball1/2,
# rubberwhale1/2, motorcycle left/right, ela original/modified).
OFFICIAL = [
    SK + "astronaut.png", SK + "coffee.png", SK + "chelsea.png",
    SK + "rocket.jpg", SK + "camera.png", SK + "coins.png",
    SK + "hubble_deep_field.jpg", SK + "motorcycle_left.png",
    MPL + "grace_hopper.jpg",
    MATE + "Aqua.jpg", MATE + "Dune.jpg", MATE + "FreshFlower.jpg",
    MATE + "Garden.jpg", MATE + "GreenMeadow.jpg", MATE + "LadyBird.jpg",
    CV + "box.png", CV + "fruits.jpg", CV + "apple.jpg", CV + "orange.jpg",
    CV + "butterfly.jpg", CV + "building.jpg", CV + "home.jpg",
    CV + "squirrel_cls.jpg", CV + "stuff.jpg", CV + "smarties.png",
    "wall:BytheWater", "wall:ColorfulCups", "wall:EveningGlow",
    "wall:FallenLeaf", "wall:Path",
]
UNRELATED = [
    SK + "retina.jpg", SK + "ihc.png", SK + "moon.png", SK + "brick.png",
    SK + "grass.png", SK + "gravel.png", SK + "clock_motion.png",
    MATE + "Blinds.jpg", MATE + "RainDrops.jpg", MATE + "Storm.jpg",
    MATE + "TwoWings.jpg", MATE + "Wood.jpg", MATE + "YellowFlower.jpg",
    CV + "baboon.jpg", CV + "board.jpg", CV + "aloeL.jpg",
    CV + "leuvenA.jpg", CV + "graf1.png", CV + "basketball1.png",
    CV + "rubberwhale1.png", CV + "aero1.jpg", CV + "ela_original.jpg",
    CV + "HappyFish.jpg", CV + "box_in_scene.png", CV + "left01.jpg",
    CV + "starry_night.jpg",
    "wall:ColdRipple", "wall:DarkestHour", "wall:Grey",
    "wall:OneStandsOut", "wall:summer_1am",
]
# Second members of the pairs: hard negatives against their partners.
HARD = [CV + "aloeR.jpg", CV + "leuvenB.jpg", CV + "basketball2.png",
        CV + "rubberwhale2.png", SK + "motorcycle_right.png",
        CV + "ela_modified.jpg"]

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
MAX_SIDE = 1600


def resolve(src):
    if not src.startswith("wall:"):
        return src
    d = WALL + src[5:] + "/contents/images/"
    best = None
    for f in glob.glob(d + "*.jpg") + glob.glob(d + "*.png"):
        w, h = os.path.basename(f).split(".")[0].split("x")
        if best is None or int(w) * int(h) > best[0]:
            best = (int(w) * int(h), f)
    if best is None:
        raise SystemExit("missing wallpaper " + src)
    return best[1]


def load(src):
    im = Image.open(resolve(src))
    im = ImageOps.exif_transpose(im)
    im = im.convert("RGB")
    if max(im.size) > MAX_SIDE:
        im.thumbnail((MAX_SIDE, MAX_SIDE), Image.LANCZOS)
    return im


def name_of(src):
    if src.startswith("wall:"):
        return src[5:]
    return os.path.splitext(os.path.basename(src))[0]


def crop_frac(im, left, top, right, bottom):
    w, h = im.size
    return im.crop((int(w * left), int(h * top), w - int(w * right),
                    h - int(h * bottom)))


def border(im, frac, colour=(255, 255, 255)):
    w, h = im.size
    bw, bh = int(w * frac), int(h * frac)
    out = Image.new("RGB", (w + 2 * bw, h + 2 * bh), colour)
    out.paste(im, (bw, bh))
    return out


def resize(im, f):
    w, h = im.size
    return im.resize((max(1, int(w * f)), max(1, int(h * f))),
                     Image.LANCZOS)


def banner(im, frac=0.15, top=False):
    im = im.copy()
    w, h = im.size
    bh = max(12, int(h * frac))
    y0 = 0 if top else h - bh
    d = ImageDraw.Draw(im)
    d.rectangle((0, y0, w, y0 + bh), fill=(20, 20, 20))
    font = ImageFont.truetype(FONT, max(8, int(bh * 0.6)))
    d.text((int(w * 0.04), y0 + int(bh * 0.15)),
           "FACTORY PRICE -70% FREE SHIPPING", fill=(255, 230, 0),
           font=font)
    return im


def square(im):
    w, h = im.size
    s = min(w, h)
    return im.crop(((w - s) // 2, (h - s) // 2, (w - s) // 2 + s,
                    (h - s) // 2 + s))


def reencode(im, q):
    import io
    b = io.BytesIO()
    im.save(b, "JPEG", quality=q)
    b.seek(0)
    return Image.open(b).convert("RGB")


TRANSFORMS = {
    "crop10": lambda im: crop_frac(im, .05, .05, .05, .05),
    "crop10tl": lambda im: crop_frac(im, .10, .10, 0, 0),
    "border15": lambda im: border(im, .15),
    "jpeg20": lambda im: im,  # saved at quality 20 below
    "half": lambda im: resize(im, .5),
    "third": lambda im: resize(im, 1 / 3),
    "mirror": lambda im: ImageOps.mirror(im),
    "banner": banner,
    "rot5": lambda im: im.rotate(5, resample=Image.BICUBIC, expand=True,
                                 fillcolor=(255, 255, 255)),
    "square": lambda im: square(im),
    # Edits between the grid points of the variant set.
    "crop7tl": lambda im: crop_frac(im, .07, .07, 0, 0),
    "crop15r": lambda im: crop_frac(im, 0, 0, .15, 0),
    # Held out from the 2% corner grid (chosen after it): cuts on three
    # and four sides at once, and a corner cut beyond its 20%.
    "crop3s": lambda im: crop_frac(im, .05, .09, .03, 0),
    "crop4s": lambda im: crop_frac(im, .03, .05, .07, .02),
    "crop25br": lambda im: crop_frac(im, 0, 0, .25, .25),
    "bannertop": lambda im: banner(im, 0.10, top=True),
    "combo": lambda im: reencode(resize(ImageOps.mirror(border(im, .15)),
                                        .5), 40),
}


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: image_corpus.py OUTDIR")
    out = sys.argv[1]
    for d in ("official", "unrelated", "listing", "bench1600",
              "bench1600p"):
        os.makedirs(os.path.join(out, d), exist_ok=True)
    for src in OFFICIAL + UNRELATED + HARD:
        name = name_of(src)
        im = load(src)
        if src in OFFICIAL:
            im.save(os.path.join(out, "official", name + ".png"))
        else:
            im.save(os.path.join(out, "unrelated", name + ".jpg"),
                    quality=90)
        if src not in HARD:
            for t, fn in TRANSFORMS.items():
                q = 20 if t == "jpeg20" else 90
                fn(im).save(os.path.join(out, "listing",
                                         name + "@" + t + ".jpg"),
                            quality=q)
        # Real photos of at least 1280 pixels, scaled to 1600 wide.
        full = Image.open(resolve(src))
        if max(full.size) >= 1280:
            full = ImageOps.exif_transpose(full).convert("RGB")
            w, h = full.size
            f = 1600 / max(w, h)
            full = full.resize((round(w * f), round(h * f)), Image.LANCZOS)
            full.save(os.path.join(out, "bench1600", name + ".jpg"),
                      quality=90)
            full.save(os.path.join(out, "bench1600p", name + ".jpg"),
                      quality=90, progressive=True)
    print("corpus: %d official, %d unrelated, %d hard negatives in %s" %
          (len(OFFICIAL), len(UNRELATED), len(HARD), out))


if __name__ == "__main__":
    main()
