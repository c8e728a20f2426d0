"""`invoke bench --pictures`: the picture pipeline on generated phone photos.

Makes COUNT 12-megapixel JPEGs (4000x3000, quality 92, with EXIF GPS, the
size phones write), one per news item as its lead picture, then builds the
site cold (no picture cache) and warm (cache kept, fresh output), and
computes the bytes a 390 px wide phone downloads for each item's picture
(the candidate a browser picks from the AVIF srcset for the slot `sizes`
gives, at device pixel ratios 2 and 3) against the original files.
"""

from __future__ import annotations

import random
import re
import shutil
import statistics
import sys
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from .run import BENCH, OURS, ROOT, measure

PHONE_SLOT = 390 - 32     # CSS px: `sizes` gives calc(100vw - 2rem) below 42rem


def make_photo(path: Path, seed: int) -> None:
    """A photo-like picture: soft gradients, shapes, blur and sensor grain."""
    rng = random.Random(seed)
    size = (4000, 3000)
    channels = [Image.linear_gradient("L").rotate(rng.randrange(360)).resize(size)
                for _ in range(3)]
    image = Image.merge("RGB", channels)
    draw = ImageDraw.Draw(image)
    for _ in range(400):     # objects, edges and detail at every scale
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        r = rng.randrange(8, 500)
        colour = tuple(rng.randrange(256) for _ in range(3))
        if rng.random() < 0.5:
            draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
        else:
            draw.line((x, y, x + rng.randrange(-900, 900), y + rng.randrange(-900, 900)),
                      fill=colour, width=rng.randrange(1, 12))
    image = image.filter(ImageFilter.GaussianBlur(1.5))
    grain = Image.effect_noise(size, 30).convert("RGB")
    image = Image.blend(image, grain, 0.08)
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (45.0, 15.0, 30.0), 3: "E", 4: (19.0, 50.0, 10.0)}
    exif[0x0112] = rng.choice([1, 1, 1, 6])
    image.save(path, "JPEG", quality=92, exif=exif.tobytes())


def write_site(content: Path, count: int) -> None:
    (content / "news/2024").mkdir(parents=True)
    for n in range(count):
        make_photo(content / f"news/2024/photo-{n:03d}.jpg", n)
        (content / f"news/2024/item-{n:03d}.bs.md").write_text(
            f"---\ntitle: Vijest {n}\ndate: 2024-01-{n % 28 + 1:02d} 10:{n % 60:02d}\n"
            f"image: photo-{n:03d}.jpg\nimage_alt: Učesnici sastanka {n}\n---\n"
            "Tekst vijesti.\n", encoding="utf-8")


def chosen_bytes(output: Path, page: Path, dpr: int) -> int:
    """What a browser at 390 px and this pixel ratio downloads for the lead
    picture: the smallest AVIF candidate at least as wide as the slot."""
    html = page.read_text(encoding="utf-8")
    srcset = re.search(r'<source type="image/avif" srcset="([^"]+)"', html).group(1)
    candidates = sorted((int(w), url) for url, w in re.findall(r"(\S+) (\d+)w", srcset))
    needed = PHONE_SLOT * dpr
    width, url = next(((w, u) for w, u in candidates if w >= needed), candidates[-1])
    return (output / url.lstrip("/")).stat().st_size


def main(count: int = 200) -> dict:
    base = BENCH / f"pictures-{count}"
    content, output = base / "content", base / "output"
    if not content.exists():
        started = time.perf_counter()
        write_site(content, count)
        print(f"pictures: {count} photos of 4000x3000 written in "
              f"{time.perf_counter() - started:.0f} s")
    body = OURS.format(root=str(ROOT), conf=str(ROOT / "pelicanconf.py"),
                       content=str(content), output=str(output))
    shutil.rmtree(base / ".cache", ignore_errors=True)
    shutil.rmtree(output, ignore_errors=True)
    cold = measure(sys.executable, body)
    shutil.rmtree(output, ignore_errors=True)
    warm = measure(sys.executable, body)
    originals = [p.stat().st_size for p in sorted(content.glob("news/2024/photo-*.jpg"))]
    pages = sorted(output.glob("bs/vijesti/item-*/index.html"))
    served = {dpr: [chosen_bytes(output, page, dpr) for page in pages] for dpr in (2, 3)}
    published = sum(p.stat().st_size for p in output.glob("news/2024/photo-*"))
    print(f"\npictures: {count} photos, originals {sum(originals) / 1e6:.0f} MB "
          f"(median {statistics.median(originals) / 1e6:.2f} MB)")
    print(f"cold build {cold['seconds']:.1f} s (peak {cold['peak_mb']:.0f} MB, "
          f"pictures phase {cold['phases'].get('pictures', 0):.1f} s); warm build "
          f"{warm['seconds']:.1f} s (pictures phase {warm['phases'].get('pictures', 0):.2f} s)")
    print(f"published sizes and formats: {published / 1e6:.0f} MB in all")
    for dpr, sizes in served.items():
        ratio = statistics.median(originals) / statistics.median(sizes)
        print(f"390 px phone at {dpr}x: median {statistics.median(sizes) / 1024:.0f} KB "
              f"per item picture (AVIF) against {statistics.median(originals) / 1024:.0f} KB "
              f"for the original: {ratio:.0f}x fewer bytes")
    return {"cold": cold, "warm": warm, "served": served, "originals": originals}
