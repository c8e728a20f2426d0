"""The files content may link to for readers, in one list, and why any
other file stays in content/.

A link publishes the file it names on the site's own address. What is not
in READER_FILES is refused with an error that names it, never dropped in
silence: the site's sources and settings (`.md`, `.yml`, `.py`), hidden files
(`.env`, anything in a folder whose name starts with `.`), files that browsers
run as part of the site (HTML, SVG: they would escape the site's
Content-Security-Policy), and files that carry what the build cannot check
or clear (zip archives, camera raw files, old binary Office files).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from . import sniff

# Documents: readers open them; the build checks each starts as its format
# must, reports an author's name in them and clears it from PDFs.
DOCUMENTS = {".pdf": "PDF", ".docx": "Word", ".xlsx": "Excel", ".pptx": "PowerPoint",
             ".odt": "OpenDocument text", ".ods": "OpenDocument spreadsheet",
             ".odp": "OpenDocument presentation", ".txt": "plain text", ".csv": "CSV"}
# Pictures browsers show: re-encoded from their pixels, under the same name.
PICTURES = {".jpg", ".jpeg", ".jfif", ".jpe", ".png", ".webp", ".gif", ".avif"}
# Pictures browsers do not show (iPhones' HEIC, scanners' TIFF): re-encoded
# as a JPEG (PNG when transparent) copy, which the link is made to point at.
CONVERTED = {".heic", ".heif", ".hif", ".tif", ".tiff"}
# Sound and video: published as they are, unless a video holds its GPS position.
MEDIA = {".mp3", ".m4a", ".ogg", ".opus", ".mp4", ".webm"}
READER_FILES = set(DOCUMENTS) | PICTURES | CONVERTED | MEDIA
RAW = (".dng", ".cr2", ".cr3", ".nef", ".arw", ".raf", ".orf", ".rw2", ".pef", ".srw")

_EXPORT_PDF = "save or export it as PDF and link the PDF"
# Endings refused with a reason of their own (the rest: "not a reader's file").
REFUSED = {
    **dict.fromkeys((".html", ".htm", ".xhtml", ".xht", ".shtml", ".mht", ".mhtml", ".xml",
                     ".xsl", ".js", ".mjs"), (
        "browsers run {kind} files as part of this site, outside its safety rules",
        "put its text into the Markdown of an item or page and link to that, or "
        + _EXPORT_PDF)),
    **dict.fromkeys((".svg", ".svgz"), (
        "browsers run the scripts an SVG file may hold as part of this site",
        "export it as PNG (Inkscape: File > Export; Illustrator: File > Export > "
        "Export As > PNG) and use the PNG")),
    **dict.fromkeys((".md", ".markdown", ".yml", ".yaml", ".py", ".toml", ".cfg", ".ini",
                     ".json", ".po", ".j2"), (
        "a source file of the site, which is never published",
        "to show an item, link its Markdown file ([the news](x.bs.md)); to offer "
        "a document, " + _EXPORT_PDF)),
    **dict.fromkeys((".zip", ".7z", ".rar", ".tar", ".gz", ".tgz"), (
        "an archive may hold photos with their GPS position or documents with "
        "their author's name, which the build cannot check",
        "link each file on its own instead")),
    **dict.fromkeys(RAW, (
        "a camera raw file, which browsers cannot show and whose metadata the "
        "build cannot clear", "export it as JPEG and link the JPEG")),
    **dict.fromkeys((".doc", ".xls", ".ppt", ".rtf"), (
        "an old Word/Excel/PowerPoint file keeps its author, edit history and "
        "sometimes deleted text, which the build cannot check",
        "save it as PDF (or as .docx, .xlsx, .pptx) and link that")),
}


@dataclass(frozen=True)
class Refusal:
    """Why a linked file is not published, and what to do instead."""

    message: str
    hint: str


def published_as_picture(path: Path) -> bool:
    """Whether a linked file goes through the picture guards and is
    re-encoded: a picture by its bytes, or by its name (and then refused
    when Pillow cannot read it)."""
    return (sniff.picture_format(path) is not None
            or path.suffix.lower() in PICTURES | CONVERTED)


def hidden(path: str) -> bool:
    """A path with a part starting with `.` (`.env`, `a/.git/x`), `..` aside."""
    return any(part.startswith(".") and part not in (".", "..")
               for part in PurePosixPath(path).parts)


def refusal(ref: str, path: Path, relative: str, kind: str = "file") -> Refusal | None:
    """Why the file `ref` (at `path`, `relative` to content/) may not be
    published, or None. `kind` is "file" for a link, else a shown picture
    (whose bytes the picture pipeline checks)."""
    if hidden(ref.split("#")[0].split("?")[0]) or hidden(relative):
        return Refusal(f"`{ref}` is a hidden file (a name starting with `.`), which is "
                       "never published", "hidden files hold settings and secrets: move "
                       "the file readers should get out of the hidden folder, or rename it")
    suffix = PurePosixPath(relative).suffix.lower()
    if kind != "file":
        return _shown_picture(ref, suffix)
    if suffix in REFUSED:
        message, hint = REFUSED[suffix]
        return Refusal(f"`{ref}` is not published: " + message.format(
            kind=suffix.lstrip(".").upper()), hint)
    if suffix not in READER_FILES:
        return Refusal(f"`{ref}` is not published: files ending in `{suffix}` are not "
                       "among the files for readers", "readers may get documents ("
                       + ", ".join(sorted(DOCUMENTS)) + "), pictures, sound and video "
                       "(" + ", ".join(sorted(MEDIA)) + "); " + _EXPORT_PDF)
    return _by_bytes(ref, suffix, path)


def _shown_picture(ref: str, suffix: str) -> Refusal | None:
    if suffix in (".svg", ".svgz"):
        return Refusal(f"the picture `{ref}` is an SVG file, which is not published: "
                       "browsers run the scripts it may hold", REFUSED[".svg"][1])
    # by its ending only: its bytes are the picture pipeline's to judge (a
    # DNG named .tif, say, is refused when it is opened)
    if suffix in RAW:
        return Refusal(f"the picture `{ref}` is a camera raw file ({suffix}), "
                       "which is not published", REFUSED[".dng"][1])
    return None


def _by_bytes(ref: str, suffix: str, path: Path) -> Refusal | None:
    """A file whose bytes are not what its ending says."""
    start = sniff.head(path)
    found = sniff.picture_format(path)
    pictures = PICTURES | CONVERTED
    if found and found.startswith(sniff.RAW_FORMATS):
        return Refusal(f"`{ref}` is a camera raw file ({found}), which is not published",
                       REFUSED[".dng"][1])
    if found == "JPEG XL":
        return Refusal(f"`{ref}` is a JPEG XL picture, which the build cannot read",
                       "export it as JPEG")
    if found and suffix not in pictures:
        return Refusal(f"`{ref}` is a {found} picture named `{suffix}`",
                       f"rename it to end in `.{_picture_suffix(found)}`: pictures are "
                       "published without the GPS position and other metadata they carry")
    if suffix in pictures:
        return None   # the picture's own guards (damage, size) come when it is encoded
    if sniff.looks_like_markup(start):
        return Refusal(f"`{ref}` starts like a web page (HTML, SVG or XML): a browser "
                       "guessing its type would run it as part of this site",
                       REFUSED[".html"][1])
    if not sniff.matches(suffix, start):
        return Refusal(f"`{ref}` is not a {DOCUMENTS.get(suffix, suffix.lstrip('.'))} "
                       f"file: its first bytes are not those of a `{suffix}`",
                       "open it in the program that made it and save or export it again "
                       f"as {suffix}, or rename it to the ending of what it is")
    if suffix in (".mp4", ".m4a") and sniff.has_location(path):
        return Refusal(f"`{ref}` holds the GPS position of where it was recorded",
                       "export it again without location (on a phone: turn off "
                       "location for the camera, or share it \"without location\"), "
                       "for example with `ffmpeg -i in.mp4 -map_metadata -1 -c copy "
                       "out.mp4`")
    return None


def _picture_suffix(found: str) -> str:
    return {"JPEG": "jpg", "MPO": "jpg", "HEIF": "heic", "TIFF": "tif",
            "JPEG2000": "jp2"}.get(found, found.lower())
