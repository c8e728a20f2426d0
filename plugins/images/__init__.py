"""images: publish the pictures content shows and the files it links to.

Phone photos carry the GPS position of the meeting where they were taken:
nothing is published as staff saved it. A picture an item shows goes
through the pipeline (pipeline.py): upright, sRGB, every metadata block
dropped, in several widths and in AVIF and WebP beside JPEG or PNG, cached
by content hash. A picture only linked to (`[full size](photo.jpg)`) is
re-saved through Pillow (`publish` below) with no EXIF, XMP, IPTC or
comments, keeping its colour profile.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from PIL import ImageOps

from plugins.content.locales import SettingsError
from plugins.content.problems import did_you_mean

from .encode import Options, PictureError, damaged, open_checked
from .markup import picture_html, rewrite
from .pipeline import Picture, cache_folder, process, unreadable

__all__ = ["Options", "Picture", "PictureError", "cache_folder", "load_options",
           "picture_html", "process", "publish", "rewrite", "unreadable"]

PICTURE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif"}
KNOWN = {"IMAGE_WIDTHS", "IMAGE_FORMATS", "IMAGE_QUALITY", "IMAGE_MAX_PIXELS",
         "IMAGE_WARN_BYTES", "IMAGE_SIZES", "IMAGE_CACHE"}


def load_options(settings: dict) -> Options:
    """IMAGE_* settings, checked once; SettingsError names the wrong one."""
    errors, values = [], {}
    for name in sorted(n for n in settings if n.startswith("IMAGE_") and n not in KNOWN):
        hint = did_you_mean(name, KNOWN)
        errors.append(f"{name} is not a picture setting (known: {', '.join(sorted(KNOWN))})"
                      + (f"; {hint}" if hint else ""))
    widths = settings.get("IMAGE_WIDTHS", Options.widths)
    if (not isinstance(widths, (list, tuple)) or not widths
            or not all(isinstance(w, int) and 16 <= w <= 8000 for w in widths)):
        errors.append(f"IMAGE_WIDTHS must be a list of widths in pixels such as "
                      f"[480, 800, 1200, 1600], found {widths!r}")
    else:
        values["widths"] = tuple(sorted(set(widths)))
    formats = settings.get("IMAGE_FORMATS", Options.formats)
    if not isinstance(formats, (list, tuple)) or set(formats) - {"avif", "webp"}:
        errors.append(f"IMAGE_FORMATS may list 'avif' and 'webp' (JPEG or PNG is always "
                      f"written), found {formats!r}")
    else:
        values["formats"] = tuple(formats)
    quality = dict(Options.quality)
    given = settings.get("IMAGE_QUALITY", {})
    for name, value in (given.items() if isinstance(given, dict) else []):
        if name not in quality or not isinstance(value, int) or not 1 <= value <= 100:
            errors.append(f"IMAGE_QUALITY[{name!r}] must be 1 to 100 for one of "
                          f"{sorted(quality)}, found {value!r}")
        else:
            quality[name] = value
    values["quality"] = tuple(sorted(quality.items()))
    for key, name in (("max_pixels", "IMAGE_MAX_PIXELS"), ("warn_bytes", "IMAGE_WARN_BYTES")):
        value = settings.get(name, getattr(Options, key))
        if not isinstance(value, int) or value <= 0:
            errors.append(f"{name} must be a positive whole number, found {value!r}")
        else:
            values[key] = value
    if errors:
        raise SettingsError("pelicanconf.py: " + "; ".join(errors))
    return Options(**values)


def publish(source: Path, target: Path, options: Options, shown: str) -> None:
    """Copy `source` to `target`; pictures lose all metadata on the way and
    pass the guards of shown pictures (PictureError names `shown`)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.suffix.lower() not in PICTURE_SUFFIXES:
        shutil.copyfile(source, target)
        return
    with open_checked(source, options, shown) as image:
        fmt = image.format
        animated = getattr(image, "is_animated", False)
        try:
            data = io.BytesIO()
            if animated:   # every frame kept; GIF would write its comment back
                image.save(data, format=fmt, save_all=True, exif=b"", xmp=b"", comment=b"")
            else:
                save = {"icc_profile": image.info["icc_profile"]} \
                    if image.info.get("icc_profile") else {}
                upright = ImageOps.exif_transpose(image)
                upright.info = {}  # Pillow would write comments and EXIF back
                if fmt == "JPEG":
                    save.update(quality=88, optimize=True, progressive=True)
                upright.save(data, format=fmt, **save)
        except (OSError, ValueError, SyntaxError) as exc:
            raise damaged(shown, exc) from None
    target.write_bytes(data.getvalue())
