"""What the publication's check found in pages it read before, by the
SHA-256 of their bytes: kept between publications, so that a page the
build took unchanged from its page cache is not read and searched again.

A page's facts are what verify.py looks for in its bytes: a lang on
<html>, a <title>, and the root-relative addresses it points at. Whether
those addresses are files is asked of each build again. Facts are a
function of the bytes alone, so a file spoiled or written by another
version only costs a page read again: a digest whose facts are missing or
malformed is not known. Kept as JSON (a cache restored in CI is read, not
run), with each address written once.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from pathlib import Path

from plugins.newsroom.phases.p5_pages.cache import folder_of

logger = logging.getLogger(__name__)

Facts = tuple   # (lang on <html>: bool, a <title>: bool, addresses: tuple[str, ...])
VERSION = 1


def facts_file(settings: dict) -> Path | None:
    """Where publications into OUTPUT_PATH keep the facts: beside that
    folder's page cache (None when PAGE_CACHE is off: no page is taken
    unchanged, so none is known)."""
    folder = folder_of(settings, Path(settings["OUTPUT_PATH"]))
    return folder.with_name(folder.name + ".checked.json") if folder else None


def load(path: Path | None) -> dict[str, Facts]:
    """{digest: facts} kept at `path`; empty when there is none or it
    cannot be read as written."""
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != VERSION:
            return {}
        addresses = data["addresses"]
        return {digest: (lang, title, tuple(addresses[n] for n in numbers))
                for digest, (lang, title, numbers) in data["pages"].items()
                if type(lang) is bool and type(title) is bool}
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return {}


def save(path: Path | None, facts: dict[str, Facts]) -> None:
    """Keep `facts` at `path` in place of what was there (whole or not at
    all); a folder that cannot be written costs the next check its time."""
    if path is None:
        return
    numbers: dict[str, int] = {}
    pages = {digest: [lang, title, [numbers.setdefault(a, len(numbers)) for a in found]]
             for digest, (lang, title, found) in facts.items()}
    text = json.dumps({"version": VERSION, "addresses": list(numbers), "pages": pages},
                      ensure_ascii=False, separators=(",", ":"))
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        logger.warning("the checked pages cannot be kept in %s (%s): the next "
                       "publication reads every page again", path, exc.strerror or exc)
