"""Phase 4: the files pages point at, published before the pages.

The theme's static files under hashed names, every picture content shows in
its sizes and formats (cached), and the other files content links to, with
their metadata stripped (Pelican's static copy of content/ is off). Pages
need what this phase made: hashed names, renditions, renamed files.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from plugins import images
from plugins.common.errors import ContentErrors
from plugins.common.problems import Problems
from plugins.common.parallel import workers

from .. import theme_assets
from ..writer import SafeWriter
from .p1_read import Checked
from .p3_views import Views


@dataclass
class Assets:
    """What was published, for the pages to point at."""

    theme_files: dict   # logical name under theme/static -> published path (and "logo")
    pictures: dict      # site path of a picture -> images.Picture (its renditions)
    renamed: dict       # site path of a linked file -> the one published (HEIC as JPEG)


def publish(checked: Checked, views: Views, theme: Path, out: SafeWriter,
            timings: dict) -> Assets:
    """Write the theme's files, the pictures and the linked files."""
    theme_files = theme_assets.publish(theme / "static", checked.content, checked.brand,
                                       out.write)
    clock = time.perf_counter()
    pictures = publish_pictures(checked, views, out)
    timings["pictures"] = time.perf_counter() - clock
    return Assets(theme_files, pictures, publish_linked_files(checked, out))


def publish_pictures(checked: Checked, views: Views, out: SafeWriter) -> dict:
    """Every picture content shows, in its sizes and formats (cached); an
    item's main picture also as its Open Graph card."""
    site, content = checked.site, checked.content
    leads = {views.builder.image_url(item) for item in site.news if item.image}
    try:
        return images.process(
            {path: path in leads for path in site.pictures}, content,
            images.cache_folder(checked.settings, content), checked.image_options,
            out.copy, workers(checked.settings))
    except images.PictureError as exc:
        # one line per picture: "content/news/2017/a.jpg: what is wrong"
        problems = Problems()
        for line in str(exc).splitlines():
            path, _, message = line.partition(": ")
            problems.error(path, message)
        raise ContentErrors(problems) from None


def publish_linked_files(checked: Checked, out: SafeWriter) -> dict:
    """Only files content points at are published, pictures stripped of
    their metadata; {site path: published site path} of those published
    under another name, for the links to them."""
    renamed = {}
    for relative in sorted(checked.site.assets):
        shown = f"content/{relative}"
        try:
            published = images.publish(checked.content / relative, relative,
                                       checked.image_options, shown, out.target)
        except images.PictureError as exc:
            raise ContentErrors.single(shown, str(exc).removeprefix(f"{shown}: ")) from None
        out.claim([published])
        if published != relative:
            renamed[f"/{relative}"] = f"/{published}"
    return renamed
