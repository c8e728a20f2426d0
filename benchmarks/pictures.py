"""`invoke bench --pictures N`: the picture pipeline on generated phone photos.

Makes N 12-megapixel JPEGs (4000x3000, quality 92, with EXIF GPS, the size
phones write), one per news item as its lead picture, then builds the site
cold (no picture cache) and warm (cache kept, fresh output), and prints per
photo: the processor seconds a cold build spends on it (the cold build's
CPU less the warm one's, workers included: steadier than wall time on a
shared machine), the wall seconds of the pictures phase, the files written,
the bytes a 390 px phone and a 1280 px desktop download (the AVIF candidate
a browser picks for the slot `sizes` gives), and the PSNR of what is
published against a high-quality reference (the original, upright, resized
in one Lanczos step from full resolution). `--against REV` builds the same
photos with the code of a git revision too, for a side-by-side table.
"""

from __future__ import annotations

import math
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps, ImageStat

from .run import BENCH, OURS, ROOT, measure

# CSS px wide slots, as the theme's `sizes` gives them
LEAD_PHONE = 390 - 32      # calc(100vw - 2rem) below 42rem
LEAD_DESKTOP = 640         # 40rem at 1280 px
CARD_PHONE = 104           # a news card's picture: 6.5rem
SCREENS = [("phone 390 lead", LEAD_PHONE, 3), ("phone 390 lead", LEAD_PHONE, 2),
           ("phone 390 card", CARD_PHONE, 3), ("desktop 1280 lead", LEAD_DESKTOP, 2),
           ("desktop 1280 lead", LEAD_DESKTOP, 1)]
PSNR_SAMPLE = 4            # photos whose renditions are compared with the reference


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


def candidates(page: Path) -> list[tuple[int, str]]:
    """(width, url) of the lead picture's AVIF srcset, narrowest first."""
    html = page.read_text(encoding="utf-8")
    srcset = re.search(r'<source type="image/avif" srcset="([^"]+)"', html).group(1)
    return sorted((int(w), url) for url, w in re.findall(r"(\S+) (\d+)w", srcset))


def chosen(page: Path, slot: int, dpr: int) -> tuple[int, str]:
    """The candidate a browser downloads for a slot `slot` CSS px wide at this
    pixel ratio: the narrowest at least as wide as the slot's device pixels."""
    found = candidates(page)
    return next(((w, u) for w, u in found if w >= slot * dpr), found[-1])


def psnr(image: Image.Image, reference: Image.Image) -> float:
    difference = ImageStat.Stat(ImageChops.difference(image.convert("RGB"), reference))
    mse = sum(difference.sum2) / (3 * reference.width * reference.height)
    return 10 * math.log10(255 ** 2 / mse) if mse else 99.0


def upright(content: Path, n: int) -> Image.Image:
    with Image.open(content / f"news/2024/photo-{n:03d}.jpg") as original:
        return ImageOps.exif_transpose(original).convert("RGB")


def as_shown(content: Path, output: Path, pages: list[Path], slot: int, dpr: int) -> float:
    """Mean PSNR of what the screen shows (the candidate it picks, scaled to
    the slot's device pixels) against the reference at that size."""
    values = []
    for n, page in enumerate(pages[:PSNR_SAMPLE]):
        with Image.open(output / chosen(page, slot, dpr)[1].lstrip("/")) as published:
            width = slot * dpr
            size = (width, round(published.height * width / published.width))
            shown = published.convert("RGB").resize(size, Image.LANCZOS)
        values.append(psnr(shown, upright(content, n).resize(size, Image.LANCZOS)))
    return statistics.mean(values)


def quality(content: Path, output: Path, count: int) -> dict:
    """{(format, width): mean PSNR in dB} of the first photos' published
    renditions against the reference of the same size."""
    found: dict[tuple, list] = {}
    for n in range(min(count, PSNR_SAMPLE)):
        reference = upright(content, n)
        for path in sorted(output.glob(f"news/2024/photo-{n:03d}-*")):
            if path.stem.endswith("-og"):
                continue
            with Image.open(path) as published:
                published.load()
                key = (path.suffix.lstrip("."), int(path.stem.rpartition("-")[2]))
                found.setdefault(key, []).append(
                    psnr(published, reference.resize(published.size, Image.LANCZOS)))
    return {key: statistics.mean(values) for key, values in sorted(found.items())}


def run(root: Path, content: Path, base: Path, count: int) -> dict:
    """Cold and warm builds of the photos with the code at `root`: figures."""
    output = base / "output"
    body = OURS.format(root=str(root), conf=str(root / "pelicanconf.py"),
                       content=str(content), output=str(output), search=False)
    shutil.rmtree(content.parent / ".cache", ignore_errors=True)
    shutil.rmtree(output, ignore_errors=True)
    results = []
    for _ in ("cold", "warm"):
        shutil.rmtree(output, ignore_errors=True)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        result = measure(sys.executable, body)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        result["cpu"] = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        results.append(result)
    cold, warm = results
    pages = sorted(output.glob("bs/vijesti/item-*/index.html"))
    downloads = {}
    for label, slot, dpr in SCREENS:
        picked = [chosen(page, slot, dpr) for page in pages]
        sizes = [(output / url.lstrip("/")).stat().st_size for _, url in picked]
        downloads[f"{label} {dpr}x"] = (statistics.median(sizes),
                                        statistics.mode(w for w, _ in picked),
                                        as_shown(content, output, pages, slot, dpr))
    files = len(list(output.glob("news/2024/photo-000-*")))
    return {"cpu": (cold["cpu"] - warm["cpu"]) / count,
            "wall": cold["phases"].get("pictures", 0) / count,
            "cold": cold["seconds"], "warm": warm["seconds"],
            "files": files, "widths": [w for w, _ in candidates(pages[0])],
            "published": sum(p.stat().st_size for p in output.glob("news/2024/photo-*")),
            "downloads": downloads, "psnr": quality(content, output, count)}


def checkout(rev: str, folder: Path) -> Path:
    """The files of git revision `rev`, exported into `folder` (git archive:
    no worktree is registered in the repository)."""
    archive = subprocess.run(["git", "archive", "--format=tar", rev], cwd=ROOT,
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def table(columns: dict) -> None:
    names = list(columns)
    rows = [("CPU-s per photo (cold)", lambda r: f"{r['cpu']:.2f}"),
            ("wall s per photo (pictures phase)", lambda r: f"{r['wall']:.2f}"),
            ("cold / warm build s", lambda r: f"{r['cold']:.1f} / {r['warm']:.1f}"),
            ("files per photo", lambda r: str(r["files"])),
            ("widths", lambda r: ",".join(map(str, r["widths"]))),
            ("published MB (all photos)", lambda r: f"{r['published'] / 1e6:.1f}")]
    for key in next(iter(columns.values()))["downloads"]:
        rows.append((f"{key} KB (AVIF width)", lambda r, k=key: "{:.1f} ({})".format(
            r["downloads"][k][0] / 1024, r["downloads"][k][1])))
        rows.append((f"{key} PSNR as shown dB",
                     lambda r, k=key: f"{r['downloads'][k][2]:.2f}"))
    for fmt, width in sorted({key for r in columns.values() for key in r["psnr"]}):
        rows.append((f"PSNR {fmt} {width} dB", lambda r, k=(fmt, width):
                     f"{r['psnr'][k]:.2f}" if k in r["psnr"] else "-"))
    width = max(len(label) for label, _ in rows)
    print(f"\n{'':{width}}  " + "  ".join(f"{n:>16}" for n in names))
    for label, cell in rows:
        print(f"{label:{width}}  " + "  ".join(f"{cell(columns[n]):>16}" for n in names))


def main(count: int = 200, against: str = "") -> dict:
    base = BENCH / f"pictures-{count}"
    content = base / "content"
    if not content.exists():
        started = time.perf_counter()
        write_site(content, count)
        print(f"pictures: {count} photos of 4000x3000 written in "
              f"{time.perf_counter() - started:.0f} s")
    originals = [p.stat().st_size for p in content.glob("news/2024/photo-*.jpg")]
    print(f"pictures: {count} photos, originals {sum(originals) / 1e6:.0f} MB "
          f"(median {statistics.median(originals) / 1e6:.2f} MB)")
    columns = {}
    if against:
        with tempfile.TemporaryDirectory(prefix="bench-pictures-") as folder:
            columns[against] = run(checkout(against, Path(folder)), content,
                                   base / "against", count)
    columns["this tree"] = run(ROOT, content, base, count)
    table(columns)
    return columns
