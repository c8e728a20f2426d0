"""What a link or picture path in content points at: one answer for the
reader's checks and the renderer's rewriting."""

from __future__ import annotations

import re

# `/\host` and `\\host` are `//host` to a browser
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:|^[/\\]{2}", re.I)


def is_elsewhere(target: str) -> bool:
    """An address on another site or a non-file scheme (mailto:, tel:...)."""
    return bool(_SCHEME.match(target))


def is_local_file(target: str) -> bool:
    """A link to a file of this site, relative or from content/ (`/...`): not
    another site, an anchor, a page or a Markdown source."""
    if is_elsewhere(target) or target.startswith("#"):
        return False
    path = target.split("#")[0].split("?")[0]
    name = path.rsplit("/", 1)[-1]
    return bool(path) and "." in name and not path.endswith((".md", ".html"))


def is_source_link(target: str) -> bool:
    """A link to another item or page by its Markdown file: `x.bs.md`."""
    if is_elsewhere(target) or target.startswith("#"):
        return False
    return target.split("#")[0].split("?")[0].endswith(".md")


def is_page_link(target: str) -> bool:
    """A link to a page of the site by its file name (`/404.html`,
    `index.html`): published by the build, not copied from content/."""
    if is_elsewhere(target) or target.startswith("#"):
        return False
    return target.split("#")[0].split("?")[0].endswith(".html")
