"""What a file is by its bytes, whatever its name says.

Pictures are told by Pillow (with pillow-heif for iPhone HEIC/HEIF), which
reads only a file's header to name its format. Other files are told by the
first bytes their formats must start with, and by what a browser sniffing
a file would take for a web page.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pillow_heif
from PIL import Image, UnidentifiedImageError

pillow_heif.register_heif_opener()   # HEIC/HEIF: iPhones' photos

# Formats Pillow tells by a signature of their own, not by a guess from a
# loose header (as for TGA, which a text file could pass); JPEG covers MPO.
PICTURE_FORMATS = ["JPEG", "PNG", "GIF", "WEBP", "AVIF", "HEIF", "TIFF", "BMP",
                   "JPEG2000", "PSD", "ICO"]
DNG_VERSION = 50706   # the TIFF tag that makes a TIFF a camera raw (DNG) file
# Pictures Pillow cannot read, by their first bytes: still pictures.
UNREADABLE = {b"\xff\x0a": "JPEG XL", b"\x00\x00\x00\x0cJXL ": "JPEG XL",
              b"FUJIFILMCCD-RAW": "RAF (camera raw)"}

RAW_FORMATS = ("DNG", "CR3", "RAF")   # camera raw: refused, "export it as JPEG"
HEAD = 1024


def head(path: Path, size: int = HEAD) -> bytes:
    """The first `size` bytes of the file."""
    with open(path, "rb") as file:
        return file.read(size)


def picture_format(path: Path) -> str | None:
    """The picture format of the file's bytes ("JPEG", "HEIF", "DNG"...), or
    None when it is not a picture."""
    try:
        with Image.open(path, formats=PICTURE_FORMATS) as image:
            if image.format == "TIFF" and DNG_VERSION in getattr(image, "tag_v2", {}):
                return "DNG"
            return image.format
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError,
            SyntaxError, EOFError):
        pass
    start = head(path, 16)
    if start[4:12] == b"ftypcrx ":
        return "CR3 (camera raw)"
    return next((name for magic, name in UNREADABLE.items() if start.startswith(magic)),
                None)


# What browsers take for a web page when they sniff a file (the WHATWG MIME
# Sniffing standard's HTML patterns), and the starts of SVG and XML.
_MARKUP = (b"<!doctype html", b"<html", b"<head", b"<script", b"<iframe", b"<h1", b"<div",
           b"<font", b"<table", b"<a", b"<style", b"<title", b"<b", b"<body", b"<br",
           b"<p", b"<!--", b"<?xml", b"<svg", b"<!doctype svg", b"<object", b"<embed")


def looks_like_markup(start: bytes) -> bool:
    """Whether a file starts like HTML, SVG or XML (a browser that sniffs
    it would run it as a page)."""
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if start.startswith(bom):
            start = start[2:].decode(codec, "ignore").encode("ascii", "ignore")
    start = start.removeprefix(codecs.BOM_UTF8).lstrip(b" \t\n\r\f").lower()
    return any(start.startswith(tag) and start[len(tag):len(tag) + 1] in
               (b" ", b">", b"\t", b"\n", b"\r", b"/", b"") if tag[-1:].isalnum()
               else start.startswith(tag) for tag in _MARKUP)


def _ftyp(start: bytes) -> bool:
    return start[4:8] == b"ftyp"


_ZIP = (b"PK\x03\x04",)
# The first bytes each published ending must start with (None: any text).
SIGNATURES = {
    ".pdf": lambda s: b"%PDF-" in s,
    **dict.fromkeys((".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp"),
                    lambda s: s.startswith(_ZIP)),
    ".mp3": lambda s: s.startswith(b"ID3") or (len(s) > 1 and s[0] == 0xFF
                                               and s[1] & 0xE0 == 0xE0),
    ".m4a": _ftyp, ".mp4": _ftyp,
    ".ogg": lambda s: s.startswith(b"OggS"), ".opus": lambda s: s.startswith(b"OggS"),
    ".webm": lambda s: s.startswith(b"\x1a\x45\xdf\xa3"),
}


def matches(suffix: str, start: bytes) -> bool:
    """Whether a file's first bytes are those its ending promises."""
    check = SIGNATURES.get(suffix)
    return check is None or check(start)


# Where phones write the place a video was taken (QuickTime/MP4 atoms).
_LOCATION = (b"\xa9xyz", b"com.apple.quicktime.location.ISO6709")


def has_location(path: Path, chunk: int = 1 << 20) -> bool:
    """Whether an MP4/M4A file carries a GPS position (phones' videos do)."""
    tail = b""
    with open(path, "rb") as file:
        while block := file.read(chunk):
            window = tail + block
            if any(marker in window for marker in _LOCATION):
                return True
            tail = block[-64:]
    return False
