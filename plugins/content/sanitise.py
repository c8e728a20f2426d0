"""The last word on what a rendered body may hold: an allowlist, applied by
nh3 (the Rust sanitiser ammonia) to every body after Markdown, before it
reaches a page or a feed (DESIGN.md, Safety).

Markdown decides what a body becomes, with attribute lists, reference
definitions, raw HTML and code spans interacting in ways no scan of the
source can foresee; so the rendered HTML is judged, and only what is listed
here is kept. Feed readers apply no CSP: the allowlist is the only guard
there. `removals` says, with the same lists, what the sanitiser takes out,
so that staff are told instead of losing it silently.

The allowlist:
- elements: text structure and inline markup that Markdown writes, and the
  few that staff write by hand (figure, details, abbr, time, ruby...);
  nothing that runs, loads, embeds, styles or submits;
- attributes: id, class, title, lang, dir and translate anywhere; a href and
  hreflang; img src, alt, width and height; list, table and date details;
  `style` only as `text-align`, on table cells, where Markdown puts it;
- URL schemes (href, src): http, https, mailto, tel, and paths of this site;
  a picture (img src) only from this site: the site makes no requests to
  other hosts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

ELEMENTS = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code",
    "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s",
    "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr"})
EVERYWHERE = frozenset({"id", "class", "title", "lang", "dir", "translate"})
ATTRIBUTES = {
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "details": {"open"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "col": {"span"}, "colgroup": {"span"},
    "time": {"datetime"}, "del": {"datetime"}, "ins": {"datetime"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
URL_ATTRIBUTES = frozenset({"href", "src"})
# Removed with everything inside them: their content is code or markup, not text.
REMOVED_WITH_CONTENT = frozenset({
    "script", "style", "template", "iframe", "object", "noscript", "svg", "math",
    "textarea", "select", "noembed", "noframes", "xmp"})

# What Markdown's tables write for an aligned column; nothing else is a style.
_TABLE_ALIGN = re.compile(r"\s*text-align:\s*(?:left|right|center|justify);?\s*", re.I)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_SECTION = re.compile(r"<!\[.*?(?:>|\Z)", re.S)
# Markup that browsers read as a comment: Removal.element -> how it starts
_HIDDEN = {"section": "<![", "pi": "<?"}
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]")


def _elsewhere(url: str) -> bool:
    """An address a browser would load from another host: a scheme, or `//`
    (which browsers also read in `/\\host` and `\\\\host`)."""
    cleaned = _INVISIBLE.sub("", url).replace("\\", "/").lower()
    return cleaned.startswith("//") or bool(_SCHEME.match(cleaned))


def _attribute_filter(element: str, attribute: str, value: str) -> str | None:
    if attribute == "style":
        return value if _TABLE_ALIGN.fullmatch(value) else None
    if element == "img" and attribute == "src" and _elsewhere(value):
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(ELEMENTS), clean_content_tags=set(REMOVED_WITH_CONTENT),
    attributes={"*": set(EVERYWHERE), **{k: set(v) for k, v in ATTRIBUTES.items()}},
    attribute_filter=_attribute_filter, url_schemes=set(URL_SCHEMES), link_rel=None,
    strip_comments=True)


def clean(fragment: str) -> str:
    """The fragment with everything outside the allowlist removed."""
    return _CLEANER.clean(fragment)


@dataclass(frozen=True)
class Removal:
    """One thing the sanitiser takes out; `what` and `fix` are for staff."""

    element: str
    attribute: str = ""
    value: str = ""

    @property
    def token(self) -> str:
        """What the source most likely says where the removed thing is written."""
        if self.element in _HIDDEN:
            return _HIDDEN[self.element]
        if not self.attribute:
            return f"<{self.element}"
        return self.value[:40] if self.value else self.attribute

    @property
    def what(self) -> str:
        """What was removed, in words staff understand."""
        tag, name = self.element, self.attribute
        if tag in _HIDDEN:
            return f"`{_HIDDEN[tag]}...>`, which browsers hide (up to the next `>`)"
        if not name:
            return f"a <{tag}> element"
        if name.startswith("on"):
            return f"an event handler `{name}` on <{tag}>"
        if name == "style":
            return f"a style on <{tag}>"
        scheme = _scheme(self.value)
        if name in URL_ATTRIBUTES and scheme and scheme not in URL_SCHEMES:
            return f"a `{scheme}:` address in <{tag} {name}>"
        if name == "src":
            return f"something loaded from another site in <{tag} {name}>"
        return f"the attribute `{name}` on <{tag}>"

    @property
    def fix(self) -> str:
        """How to write it so nothing is removed."""
        tag, name = self.element, self.attribute
        if tag in _HIDDEN:
            return "remove it; to show a `<` as text, write `&lt;`"
        if not name:
            if tag in REMOVED_WITH_CONTENT or tag in ("link", "meta", "base", "form",
                                                       "input", "button", "embed"):
                return "remove it: pages run no scripts, embeds, forms or styles " \
                       "from content"
            return "remove the tag (its text stays) or write the text in Markdown"
        if name == "src":
            return "put the file in content/ beside the item: the site makes no " \
                   "requests to other hosts"
        if name in URL_ATTRIBUTES:
            return "link to a page, a file or an address starting with https://"
        if name == "style":
            return "remove the style attribute: the site's look comes from its theme"
        return "remove the attribute (written in the text or in a `{...}` after a " \
               "link, picture, heading or paragraph)"


class _Explainer(HTMLParser):
    """Start tags measured against the allowlist, as the sanitiser applies it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[Removal] = []
        self.inside: list[str] = []   # open elements removed with their content

    def handle_starttag(self, tag, attrs):
        if self.inside:
            if tag == self.inside[-1]:
                self.inside.append(tag)
            return
        if tag not in ELEMENTS:
            self.found.append(Removal(tag))
            if tag in REMOVED_WITH_CONTENT:
                self.inside.append(tag)
            return
        allowed = ATTRIBUTES.get(tag, ())
        for name, value in attrs:
            value = value or ""
            if name not in EVERYWHERE and name not in allowed:
                self.found.append(Removal(tag, name, value))
            elif _attribute_filter(tag, name, value) is None or (
                    name in URL_ATTRIBUTES and _blocked_scheme(value)):
                self.found.append(Removal(tag, name, value))

    def handle_pi(self, data):
        if not self.inside:
            self.found.append(Removal("pi"))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if self.inside and self.inside[-1] == tag:
            self.inside.pop()

    def handle_endtag(self, tag):
        if self.inside and self.inside[-1] == tag:
            self.inside.pop()


def _scheme(url: str) -> str | None:
    """The scheme a browser reads in `url` (invisible characters dropped)."""
    found = _SCHEME.match(_INVISIBLE.sub("", url).lower())
    return found.group(1) if found else None


def _blocked_scheme(url: str) -> bool:
    scheme = _scheme(url)
    return scheme is not None and scheme not in URL_SCHEMES


def removals(fragment: str) -> list[Removal]:
    """What `clean` removes from a fragment, in document order."""
    explainer = _Explainer()
    if "<![" in fragment:
        # a bogus comment up to the next `>` in HTML, as the sanitiser's
        # parser reads it (the standard library's asserts on most of them)
        explainer.found += [Removal("section")] * len(_SECTION.findall(fragment))
        fragment = _SECTION.sub("", fragment)
    explainer.feed(fragment)
    explainer.close()
    return explainer.found
