"""What raw HTML and links in a Markdown body may do: nothing active, nothing
loaded from other hosts (DESIGN.md, Safety).

Scans the source, not the rendered page, so every finding has its line: raw
HTML through the standard library's HTML tokenizer (which decodes character
references, so `jav&#x61;script:` is seen as what the browser sees), Markdown
link and image destinations with a pattern. Code spans and blocks are masked
first: showing `<script>` as code is fine; so are HTML comments, which staff
use for notes (and `invoke translate` for the original text) and which are
never published.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

FORBIDDEN_ELEMENTS = {
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "style",
    "link", "meta", "base", "form", "input", "button", "textarea", "select",
    "svg", "math", "template", "portal", "noscript"}
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "data",
                  "cite", "background", "ping", "xlink:href"}
LOADED_ATTRIBUTES = {"src", "srcset", "poster", "data", "background"}
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}

_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})[^\n]*\n.*?^\1\2[ \t]*$", re.M | re.S)
_INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_MD_LINK = re.compile(r"(!?)\[[^\]\n]*\]\([ \t]*<?([^)\s>]+)")
_MD_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
COMMENT = re.compile(r"<!--.*?(?:--!?>)", re.S)


def _blank(match: re.Match) -> str:
    """Same length and line breaks, no content: line numbers stay right."""
    return re.sub(r"[^\n]", " ", match.group(0))


def mask_code(body: str) -> str:
    """The body with code and HTML comments blanked out: code is shown as
    text, and comments never reach the page (render.py drops them)."""
    if "`" in body or "~~~" in body:
        body = _INLINE_CODE.sub(_blank, _FENCE.sub(_blank, body))
    return without_comments(body)


def without_comments(body: str) -> str:
    """HTML comments blanked out, line breaks kept."""
    return COMMENT.sub(_blank, body) if "<!--" in body else body


def url_problem(value: str, loaded: bool) -> tuple[str, str] | None:
    """(what, fix) when a URL may not be used; None when it may."""
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(value)).lower()
    scheme = _SCHEME.match(cleaned)
    if scheme and scheme.group(1) not in SAFE_SCHEMES:
        return (f"a `{scheme.group(1)}:` address", "link to a page or a file instead")
    if loaded and (cleaned.startswith("//") or (scheme and scheme.group(1) in
                                                 ("http", "https"))):
        return ("something loaded from another site",
                "put the file in content/ beside the item: the site makes no "
                "requests to other hosts")
    return None


class _Scanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, str]] = []

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        if tag in FORBIDDEN_ELEMENTS:
            self.found.append((line, f"a <{tag}> element", "remove it: pages run no "
                               "scripts, embeds, forms or styles from content"))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((line, f"an event handler `{name}` on <{tag}>",
                                   "remove the attribute"))
            elif name in URL_ATTRIBUTES and value:
                for part in (value.split(",") if name == "srcset" else [value]):
                    problem = url_problem(part.strip(), name in LOADED_ATTRIBUTES)
                    if problem:
                        self.found.append((line, f"{problem[0]} in <{tag} {name}>",
                                           problem[1]))
            elif name == "style" and value and re.search(r"url\s*\(|expression|@import",
                                                         value, re.I):
                self.found.append((line, f"a style on <{tag}> that loads or runs "
                                   "something", "remove the style attribute"))

    handle_startendtag = handle_starttag


def scan(body: str) -> list[tuple[int, str, str]]:
    """(line in the body, what, fix) for everything a body may not contain."""
    masked = mask_code(body)
    found = []
    if "<!--" in masked:
        found.append((masked.count("\n", 0, masked.index("<!--")) + 1,
                      "an HTML comment that is never closed (`<!--` without `-->`)",
                      "close it with `-->` or delete it: browsers would hide "
                      "everything after it"))
    if "<" in masked:  # most bodies hold no raw HTML: skip the slow tokenizer
        scanner = _Scanner()
        scanner.feed(masked)
        scanner.close()
        found.extend(scanner.found)
    if "](" in masked:
        for m in _MD_LINK.finditer(masked):
            problem = url_problem(m.group(2), loaded=bool(m.group(1)))
            if problem:
                found.append((masked.count("\n", 0, m.start()) + 1, *problem))
    for m in _MD_DEFINITION.finditer(masked):
        problem = url_problem(m.group(1), loaded=False)
        if problem:
            found.append((masked[:m.start()].count("\n") + 1, problem[0], problem[1]))
    return sorted(found)
