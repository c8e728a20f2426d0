"""Full-page PNGs of every page kind in every locale at 390 and 1280 px,
plus one contact sheet per width to look at them together
(`invoke screenshots`)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from tests.quality.conftest import CHROMIUM, CHROMIUM_FLAGS, ServedSite, page_kinds, serve

WIDTHS = (390, 1280)


def take(site_root: Path, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright
    site: ServedSite = serve("site", site_root)
    out.mkdir(parents=True, exist_ok=True)
    sheets = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 800},
                                          device_scale_factor=1, is_mobile=width < 600)
            page = context.new_page()
            shots = []
            for path in page_kinds(site):
                page.goto(site.url(path), wait_until="load")
                name = path.strip("/").replace("/", "_") or "chooser"
                shot = out / f"{width}-{name}.png"
                page.screenshot(path=str(shot), full_page=True)
                shots.append(shot)
            context.close()
            sheets.append(contact_sheet(shots, out / f"sheet-{width}.png"))
        browser.close()
    return sheets


def contact_sheet(shots: list[Path], target: Path, columns: int = 8,
                  cell_height: int = 1400) -> Path:
    """The tops of many screenshots side by side, scaled to one height."""
    images = [Image.open(p) for p in shots]
    width = max(i.width for i in images)
    rows = -(-len(images) // columns)
    sheet = Image.new("RGB", (columns * width, rows * cell_height), "white")
    for n, image in enumerate(images):
        crop = image.crop((0, 0, image.width, min(image.height, cell_height)))
        sheet.paste(crop, ((n % columns) * width, (n // columns) * cell_height))
    sheet.thumbnail((4000, 4000))
    sheet.save(target)
    return target
