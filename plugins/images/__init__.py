"""images: publish the pictures content refers to, and nothing else.

Phone photos carry the GPS position of the meeting where they were taken:
every picture is re-saved through Pillow, upright (EXIF orientation
applied), with no EXIF, XMP, IPTC or comments; only the colour profile is
kept. Responsive sizes and modern formats are the image pipeline's issue.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

PICTURE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif"}


class PictureError(Exception):
    exitcode = 1


def publish(source: Path, target: Path) -> None:
    """Copy `source` to `target`; pictures lose all metadata on the way."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.suffix.lower() not in PICTURE_SUFFIXES:
        shutil.copyfile(source, target)
        return
    try:
        with Image.open(source) as image:
            fmt = image.format
            if getattr(image, "is_animated", False):
                frames = None  # re-encoding animations is the pipeline's job
            else:
                frames = ImageOps.exif_transpose(image)
            options = {}
            if frames is not None:
                if image.info.get("icc_profile"):
                    options["icc_profile"] = image.info["icc_profile"]
                frames.info = {}  # Pillow would write comments and EXIF back
            if fmt == "JPEG":
                options.update(quality=88, optimize=True, progressive=True)
            if frames is None:
                image.save(target, format=fmt, save_all=True)
            else:
                frames.save(target, format=fmt, **options)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise PictureError(f"{source}: the picture cannot be read ({exc}); "
                           "export it again as JPEG or PNG") from None
