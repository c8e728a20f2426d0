"""Open a staff photo safely and encode the sizes and formats readers get.

Every output is decoded and re-encoded by Pillow from pixels alone: upright
(EXIF orientation applied), in sRGB, 8 bits per channel, with no EXIF (and
so no GPS position), XMP, IPTC or comments.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError, features

from plugins.common.errors import PictureError
from plugins.files import sniff   # registers pillow-heif: iPhones' HEIC photos

# MPO: a camera's JPEG with a second picture (3D, depth) after the first.
READABLE = {"JPEG", "MPO", "PNG", "WEBP", "GIF", "AVIF", "HEIF", "TIFF", "BMP"}
_SRGB = ImageCms.createProfile("sRGB")
ORIENTATION = 0x0112     # the EXIF tag
OG_SIZE = (1200, 630)    # the Open Graph card, as social networks show it


@dataclass(frozen=True)
class Options:
    """The picture settings (IMAGE_* in pelicanconf.py), checked once."""

    # measured on 12-megapixel photos (`invoke bench --pictures`): 320 serves a
    # news card at 3x, 720 a phone's column at 2x, 1200 a phone at 3x and a
    # desktop's 40rem column at 2x; 1600 cost more bytes than it showed
    widths: tuple = (320, 720, 1200)
    formats: tuple = ("avif", "webp")      # modern formats, when Pillow writes them
    quality: tuple = (("avif", 55), ("webp", 75), ("jpeg", 80), ("og", 82))
    max_pixels: int = 50_000_000           # larger: refused (a decompression bomb?)
    warn_bytes: int = 8_000_000            # larger originals: a warning

    def q(self, name: str) -> int:
        return dict(self.quality)[name]

    @property
    def writable_formats(self) -> tuple:
        return tuple(f for f in self.formats if features.check(f))


def open_checked(path: Path, options: Options, shown: str,
                 reduced: bool = False, need=None) -> Image.Image:
    """The picture opened and decoded behind the guards every picture passes
    (format, megapixels, decompression bombs, damage), or a PictureError that
    names `shown` and says what to do. `reduced`: a JPEG is decoded at an
    eighth of its size, enough to find damage, eight times as fast.
    `need(width, height)`: from the upright size, the upright size the pixels
    must keep at least; a JPEG is decoded at the smallest scale (1/2, 1/4,
    1/8, in the DCT, before any pixel exists) that keeps it."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(path)
            if image.format == "TIFF" and sniff.DNG_VERSION in image.tag_v2:
                raise PictureError(f"{shown}: a camera raw (DNG) file, whose metadata "
                                   "the build cannot clear; export it as JPEG")
            if image.format not in READABLE:
                raise PictureError(f"{shown}: {image.format} pictures are not supported; "
                                   "export it as JPEG or PNG")
            pixels = image.width * image.height
            if pixels > options.max_pixels:
                raise PictureError(
                    f"{shown}: {image.width}x{image.height} is {pixels / 1e6:.0f} megapixels, "
                    f"over the limit of {options.max_pixels / 1e6:.0f} (IMAGE_MAX_PIXELS); "
                    "scale it down before adding it")
            if reduced and image.format == "JPEG":
                image.draft("RGB", (image.width // 8, image.height // 8))
            elif need and image.format in ("JPEG", "MPO"):
                image.draft(image.mode, _stored(image, need(*_stored(image, image.size))))
            image.load()
            return image
    except PictureError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PictureError(f"{shown}: the picture claims a size Pillow refuses to decode "
                           "(a decompression bomb?); export it again at a normal "
                           "size") from None
    except UnidentifiedImageError:
        raise PictureError(f"{shown}: this is not a picture Pillow can read; export it "
                           "as JPEG or PNG") from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise damaged(shown, exc) from None


def damaged(shown: str, exc: Exception) -> PictureError:
    return PictureError(f"{shown}: the picture is damaged or cut short ({exc}); "
                        "copy it again from the camera or export it again")


def _stored(image: Image.Image, size: tuple) -> tuple:
    """An upright size as the file stores it, or the other way round: EXIF
    orientations 5 to 8 turn the picture a quarter."""
    turned = image.getexif().get(ORIENTATION, 1) in (5, 6, 7, 8)
    return (size[1], size[0]) if turned else tuple(size)


def open_picture(path: Path, options: Options, shown: str,
                 og: bool = False) -> tuple[Image.Image, tuple]:
    """The picture, upright, in sRGB, decoded no larger than its widths (and
    its Open Graph card, `og`) need; and the original's upright size. See
    open_checked's errors."""
    original = []   # open_checked asks need() before it decodes: the full size

    def need(width: int, height: int) -> tuple:
        original.append((width, height))
        largest = plan_widths(width, options)[-1]
        size = (largest, max(1, round(height * largest / width)))
        return (max(size[0], OG_SIZE[0]), max(size[1], OG_SIZE[1])) if og else size
    image = open_checked(path, options, shown, need=need)
    size = original[0] if original else _stored(image, image.size)
    return upright_srgb(image), size


def upright_srgb(image: Image.Image) -> Image.Image:
    """Upright, 8-bit RGB or RGBA (or L / LA), in sRGB."""
    image = ImageOps.exif_transpose(image)
    profile = image.info.get("icc_profile")
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        # 16-bit greyscale: scale to 8 bits (convert() would clip at 255)
        image = image.convert("I").point(lambda v: v / 256).convert("L")
    elif image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    elif image.mode in ("1", "LAB", "HSV", "YCbCr", "F"):
        image = image.convert("RGB")
    if profile:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            out_mode = "RGBA" if "A" in image.mode else "RGB"
            image = ImageCms.profileToProfile(image, source, _SRGB, outputMode=out_mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: the pixels as they are
    if image.mode == "CMYK":
        image = image.convert("RGB")
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    image.info = {}
    return image


def has_alpha(image: Image.Image) -> bool:
    if image.mode not in ("RGBA", "LA"):
        return False
    return image.getchannel("A").getextrema()[0] < 255


def plan_widths(original_width: int, options: Options) -> list[int]:
    """The widths to write: those below the original, and the original's own
    width when it is smaller than the largest."""
    widths = [w for w in options.widths if w < original_width]
    if original_width <= max(options.widths) and original_width not in widths:
        widths.append(original_width)
    return sorted(widths) or [original_width]


def renditions(image: Image.Image, original: tuple, widths: list[int]) -> dict:
    """{width: the picture at that width}, heights from the original's size.
    The widest is resized from the decoded pixels, the others from it, a
    third of the cost of each from the original at the same PSNR against a
    Lanczos reference from full size (`invoke bench --pictures` prints it)."""
    def size(width: int) -> tuple:
        return width, max(1, round(original[1] * width / original[0]))
    widest = size(widths[-1])
    # bicubic: from a JPEG decoded at a DCT scale, the AVIF is 2 to 4% smaller
    # than after Lanczos at the same PSNR (it keeps less of the scale's aliasing)
    top = image if image.size == widest else image.resize(widest, Image.BICUBIC,
                                                           reducing_gap=3.0)
    return {width: top if width == widths[-1] else top.resize(size(width), Image.LANCZOS)
            for width in widths}


def encode(image: Image.Image, fmt: str, options: Options) -> bytes:
    out = io.BytesIO()
    if fmt == "jpeg":
        image.convert("RGB").save(out, "JPEG", quality=options.q("jpeg"), optimize=True,
                                  progressive=True)
    elif fmt == "png":
        image.save(out, "PNG", optimize=True)
    elif fmt == "webp":
        image.save(out, "WEBP", quality=options.q("webp"), method=4)
    elif fmt == "avif":
        image.save(out, "AVIF", quality=options.q("avif"), speed=7)
    else:
        raise ValueError(fmt)
    return out.getvalue()


def open_graph(image: Image.Image, options: Options) -> bytes:
    """1200x630, cropped from the centre, as social networks show it."""
    card = ImageOps.fit(image.convert("RGB"), OG_SIZE, Image.LANCZOS)
    out = io.BytesIO()
    card.save(out, "JPEG", quality=options.q("og"), optimize=True, progressive=True)
    return out.getvalue()
