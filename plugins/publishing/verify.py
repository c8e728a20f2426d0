"""Checks a finished build must pass before it replaces the published site.

Fast enough for 15,000 pages (regular expressions, not an HTML parser):
every page declares its language and title, every root-relative link,
picture, stylesheet and srcset candidate points at a file of the build, and
no hidden file (`.env`, `.git/`, a build marker) is among the site's files.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

_URL_ATTR = re.compile(r"""\s(?:href|src)\s*=\s*["']([^"']+)["']""")
_SRCSET = re.compile(r"""\ssrcset\s*=\s*["']([^"']+)["']""")
_LANG = re.compile(r"<html[^>]*\slang=\"[A-Za-z-]+\"")
_TITLE = re.compile(r"<title>[^<]+</title>")


def targets(html: str) -> set[str]:
    """Every address an HTML page points at (href, src, srcset...)."""
    found = set(_URL_ATTR.findall(html))
    for srcset in _SRCSET.findall(html):
        found.update(part.strip().split(" ")[0] for part in srcset.split(","))
    return found


def problems(folder: Path, sitepath: str = "") -> list[str]:
    """What is wrong with a built site; empty when it may be published."""
    found = []
    exists = {}

    def resolves(url: str) -> bool:
        path = unquote(urlsplit(url).path)
        if sitepath:
            if not path.startswith(sitepath + "/"):
                return False
            path = path[len(sitepath):]
        relative = path.lstrip("/")
        if relative not in exists:
            target = folder / relative
            exists[relative] = (target / "index.html").is_file() if path.endswith("/") \
                else target.is_file()
        return exists[relative]

    for root, _, files in os.walk(folder):
        for name in files:
            shown = (Path(root) / name).relative_to(folder).as_posix()
            if any(part.startswith(".") for part in shown.split("/")):
                # settings, keys, version control: never the site's own files
                found.append(f"{shown}: a hidden file, which is not part of the site")
            if not name.endswith(".html"):
                continue
            page = Path(root) / name
            shown = page.relative_to(folder).as_posix()
            html = page.read_text(encoding="utf-8")
            if not _LANG.search(html):
                found.append(f"{shown}: no lang on <html>")
            if not _TITLE.search(html):
                found.append(f"{shown}: no <title>")
            for url in targets(html):
                if url.startswith("/") and not url.startswith("//") and not resolves(url):
                    found.append(f"{shown}: links to {url}, which the build does not have")
    if not (folder / "index.html").is_file():
        found.append("index.html: missing")
    return sorted(found)
