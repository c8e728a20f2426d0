"""Extra files copied into the site byte for byte: a host's `CNAME`, a
`favicon.ico`, `.well-known/security.txt`, a folder of downloads.

Pelican's way: STATIC_PATHS lists files or folders of content/, and
EXTRA_PATH_METADATA may give one another place in the site with `save_as`
(or `path`, as Pelican's documentation writes it):

    STATIC_PATHS = ["extra/CNAME", "extra/security.txt", "downloads"]
    EXTRA_PATH_METADATA = {"extra/CNAME": {"save_as": "CNAME"},
                           "extra/security.txt": {"save_as": ".well-known/security.txt"}}

They are published as they are, so nothing a browser runs may be among them
(HTML, SVG, scripts: the endings of policy.py, or a file that starts like
markup), nor the site's sources, nor a hidden file other than under
`.well-known/`; and none may take the place of a file the build writes.
Nothing is rewritten on the way but PDFs, which are published cleared of
their /Info and XMP metadata as every PDF of the site is; any other file that
would publish who or where is refused: a picture with camera metadata (EXIF,
XMP, a comment), an office document naming its author, a video with its GPS
position.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from PIL import Image

from plugins.common.errors import DocumentError, SettingsError

from . import documents, policy, sniff

# Endings browsers run as part of the site, and the site's own sources.
ACTIVE = {suffix for suffix, (message, _) in policy.REFUSED.items()
          if message.startswith(("browsers run", "a source file"))}
WELL_KNOWN = ".well-known"


def extra_files(settings: dict, content: Path) -> dict[str, Path]:
    """{path in the site: file in content/} of every extra file, checked;
    SettingsError names each one that may not be published and why."""
    meta = settings.get("EXTRA_PATH_METADATA") or {}
    found, errors = {}, []
    for listed in settings.get("STATIC_PATHS") or ():
        source = (content / listed).resolve()
        if content != source and content not in source.parents:
            errors.append(f"STATIC_PATHS: {listed!r} is outside content/; put the file "
                          "in content/ (content/extra/, say) and list it from there")
            continue
        if not source.exists():
            errors.append(f"STATIC_PATHS: content/{listed} does not exist")
            continue
        files = [source] if source.is_file() else sorted(
            p for p in source.rglob("*") if p.is_file()
            and not policy.hidden(p.relative_to(source).as_posix()))
        for path in files:
            relative = path.relative_to(content).as_posix()
            site_path = _site_path(meta.get(relative), relative, errors)
            refused = site_path and _refusal(path, relative, site_path)
            if refused:
                errors.append(refused)
            elif site_path:
                found[site_path] = path
    unused = sorted(set(meta) - {p.relative_to(content).as_posix() for p in found.values()})
    errors += [f"EXTRA_PATH_METADATA names content/{name}, which is in no folder of "
               "STATIC_PATHS: add it there" for name in unused]
    if errors:
        raise SettingsError("extra files: " + "\n".join(errors))
    return found


def _site_path(meta, relative: str, errors: list) -> str | None:
    """Where a file goes in the site: its `save_as`, else its own path."""
    if meta is None:
        return relative
    unknown = set(meta) - {"save_as", "path"}
    target = meta.get("save_as", meta.get("path"))
    if unknown or not isinstance(target, str) or not target.strip("/"):
        errors.append(f"EXTRA_PATH_METADATA[{relative!r}] = {meta!r}: expected "
                      "{'save_as': 'path in the site'}, such as {'save_as': 'CNAME'}")
        return None
    target = PurePosixPath(target.lstrip("/"))
    if ".." in target.parts:
        errors.append(f"EXTRA_PATH_METADATA[{relative!r}]: {str(target)!r} leaves the site")
        return None
    return target.as_posix()


def _refusal(path: Path, relative: str, site_path: str) -> str | None:
    """Why an extra file may not be published as it is, or None."""
    for shown in {relative, site_path}:
        suffix = PurePosixPath(shown).suffix.lower()
        if suffix in ACTIVE:
            message, hint = policy.REFUSED[suffix]
            return (f"content/{relative} is not published: " + message.format(
                kind=suffix.lstrip(".").upper()) + f"; {hint}, and remove it from "
                "STATIC_PATHS")
        parts = PurePosixPath(shown).parts
        if policy.hidden(shown) and not (parts[0] == WELL_KNOWN
                                         and not policy.hidden("/".join(parts[1:]))):
            return (f"content/{relative} is not published: hidden files (a name "
                    f"starting with `.`) hold settings and secrets; only {WELL_KNOWN}/ "
                    "may be published")
    if sniff.looks_like_markup(sniff.head(path)):
        return (f"content/{relative} starts like a web page (HTML, SVG or XML): a "
                "browser guessing its type would run it as part of this site; remove "
                "it from STATIC_PATHS")
    return _privacy_refusal(path, relative)


def _privacy_refusal(path: Path, relative: str) -> str | None:
    """Why an extra file would publish who made it or where, or None: extra
    files are copied as they are, so the metadata pictures and documents lose
    when an item shows or links them would be published here."""
    shown = f"content/{relative} is not published"
    metadata = _picture_metadata(path) if sniff.picture_format(path) else []
    if metadata:
        return (f"{shown}: the picture carries {', '.join(metadata)} "
                "(the camera, the time and often the place it was taken); show it in "
                "an item, where pictures are published without it, or save it again "
                "without metadata (`exiftool -all= FILE`)")
    try:
        identity = documents.identity_fields(path)
    except DocumentError as damaged:
        return f"{shown}: {damaged}"
    if identity and identity[0] and path.suffix.lower() != ".pdf":
        fields, how = identity
        return (f"{shown}: it holds the name of who made or saved it, in: "
                f"{', '.join(fields)}; clear them ({how}), or link it from an item")
    if path.suffix.lower() in (".mp4", ".m4a") and sniff.has_location(path):
        return (f"{shown}: it holds the GPS position of where it was recorded; "
                "remove it (`ffmpeg -i IN -map_metadata -1 -c copy OUT`)")
    return None


def _picture_metadata(path: Path) -> list[str]:
    """The kinds of metadata a picture file holds: EXIF, XMP, a comment."""
    try:
        with Image.open(path) as image:
            info = image.info
            found = ["EXIF"] if image.getexif() or "exif" in info else []
            found += ["XMP"] if "xmp" in info or "XML:com.adobe.xmp" in info else []
            return found + (["a comment"] if info.get("comment") else [])
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return []


def published_bytes(path: Path) -> bytes:
    """What the site publishes of an extra file: its bytes, a PDF's cleared."""
    if path.suffix.lower() == ".pdf":
        return documents.clean_pdf(path)
    return path.read_bytes()


def taken(files: dict[str, Path], content: Path, collides, reserved) -> list[str]:
    """The extra files that would replace a file of the build (`collides(path)`)
    or land in a `reserved` folder, each named with what to do."""
    return [f"extra files: content/{source.relative_to(content).as_posix()} would "
            f"replace {site_path}, which the build writes itself: give it another "
            "save_as in EXTRA_PATH_METADATA, or remove it from STATIC_PATHS"
            for site_path, source in sorted(files.items())
            if collides(site_path) or site_path.split("/")[0] in reserved]
