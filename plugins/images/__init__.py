"""images: publish the pictures content shows and the files it links to.

Phone photos carry the GPS position of the meeting where they were taken:
nothing is published as staff saved it. A picture an item shows goes
through the pipeline (pipeline.py): upright, sRGB, every metadata block
dropped, in several widths and in AVIF and WebP beside JPEG or PNG, cached
by content hash. A file only linked to (`[full size](photo.jpg)`) that is a
picture by its bytes, whatever its name, is re-saved through Pillow
(`publish` below) with no EXIF, XMP, IPTC or comments, keeping its colour
profile; one browsers do not show (HEIC, TIFF) becomes a JPEG (PNG when
transparent) beside it, and the links to it are made to point there. A PDF
is published without its author and XMP metadata; other files (which
`plugins.files` let through) as they are.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from PIL import ImageOps

from plugins import files

from plugins import settings as checked_settings

from .encode import Options, PictureError, damaged, has_alpha, open_checked, upright_srgb
from .markup import feed_html, nearest, picture_html, rewrite, without_lead
from .pipeline import Picture, cache_folder, process, unreadable

__all__ = ["Options", "feed_html", "nearest", "Picture", "PictureError", "cache_folder", "load_options",
           "picture_html", "process", "publish", "rewrite", "unreadable",
           "without_lead"]

# Picture formats browsers show, as Pillow writes them; others are converted.
SHOWN_AS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "GIF": "GIF", "WEBP": "WEBP",
            "AVIF": "AVIF"}
ANIMATED = {"GIF", "WEBP", "PNG", "AVIF"}
NAMES = {"widths": "IMAGE_WIDTHS", "formats": "IMAGE_FORMATS", "quality": "IMAGE_QUALITY",
         "max_pixels": "IMAGE_MAX_PIXELS", "warn_bytes": "IMAGE_WARN_BYTES"}


def load_options(settings: dict) -> Options:
    """IMAGE_* settings, checked against the schema (plugins/settings);
    SettingsError names the wrong one."""
    found = checked_settings.values(settings, NAMES.values())
    quality = {**dict(Options.quality), **found["IMAGE_QUALITY"]}
    return Options(widths=tuple(sorted(set(found["IMAGE_WIDTHS"]))),
                   formats=tuple(found["IMAGE_FORMATS"]),
                   quality=tuple(sorted(quality.items())),
                   max_pixels=found["IMAGE_MAX_PIXELS"], warn_bytes=found["IMAGE_WARN_BYTES"])


def publish(source: Path, relative: str, options: Options, shown: str, target_of) -> str:
    """Publish the file at `relative` in content/ (`source`) into the site
    path `target_of(site path)` gives; the site path. Pictures lose all
    metadata on the way and pass the guards of shown pictures; PictureError
    names `shown`."""
    if not files.published_as_picture(source):
        target = Path(target_of(relative))
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix.lower() == ".pdf":
            try:
                target.write_bytes(files.clean_pdf(source))
            except files.DocumentError as exc:
                raise PictureError(f"{shown}: {exc}") from None
        else:
            shutil.copyfile(source, target)
        return relative
    with open_checked(source, options, shown) as image:
        fmt = SHOWN_AS.get(image.format) \
            if Path(relative).suffix.lower() in files.PICTURES else None
        try:
            if fmt is None:
                relative, data = _converted(image, relative)
            else:
                data = _resaved(image, fmt)
        except (OSError, ValueError, SyntaxError) as exc:
            raise damaged(shown, exc) from None
    target = Path(target_of(relative))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return relative


def _resaved(image, fmt: str) -> bytes:
    """The picture in its own format, with no metadata but its colour profile."""
    data = io.BytesIO()
    if getattr(image, "is_animated", False) and image.format in ANIMATED:
        # every frame kept; GIF would write its comment back
        image.save(data, format=fmt, save_all=True, exif=b"", xmp=b"", comment=b"")
        return data.getvalue()
    save = {"icc_profile": image.info["icc_profile"]} \
        if image.info.get("icc_profile") else {}
    upright = ImageOps.exif_transpose(image)
    upright.info = {}  # Pillow would write comments and EXIF back
    if fmt == "JPEG":
        save.update(quality=88, optimize=True, progressive=True)
    upright.save(data, format=fmt, **save)
    return data.getvalue()


def _converted(image, relative: str) -> tuple[str, bytes]:
    """A picture browsers do not show (HEIC, TIFF), as the JPEG (or PNG,
    when transparent) published in its place: IMG_1.HEIC -> IMG_1-heic.jpg."""
    pixels, data = upright_srgb(image), io.BytesIO()
    if has_alpha(pixels):
        pixels.save(data, "PNG", optimize=True)
        ending = "png"
    else:
        pixels.convert("RGB").save(data, "JPEG", quality=88, optimize=True,
                                   progressive=True)
        ending = "jpg"
    path = Path(relative)
    name = f"{path.stem}-{path.suffix.lstrip('.').lower() or 'picture'}.{ending}"
    return path.with_name(name).as_posix(), data.getvalue()
