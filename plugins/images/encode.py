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


@dataclass(frozen=True)
class Options:
    """The picture settings (IMAGE_* in pelicanconf.py), checked once."""

    widths: tuple = (480, 800, 1200, 1600)
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
                 reduced: bool = False) -> Image.Image:
    """The picture opened and decoded behind the guards every picture passes
    (format, megapixels, decompression bombs, damage), or a PictureError that
    names `shown` and says what to do. `reduced`: a JPEG is decoded at an
    eighth of its size, enough to find damage, eight times as fast."""
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


def open_picture(path: Path, options: Options, shown: str) -> Image.Image:
    """The decoded picture, upright, in sRGB (see open_checked's errors)."""
    return upright_srgb(open_checked(path, options, shown))


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


def resized(image: Image.Image, width: int) -> Image.Image:
    if width >= image.width:
        return image
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.LANCZOS, reducing_gap=3.0)


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
    card = ImageOps.fit(image.convert("RGB"), (1200, 630), Image.LANCZOS)
    out = io.BytesIO()
    card.save(out, "JPEG", quality=options.q("og"), optimize=True, progressive=True)
    return out.getvalue()
