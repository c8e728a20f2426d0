"""Nothing active reaches readers, whatever Markdown makes of a body: every
rendered body passes the allowlist sanitiser (plugins/content/sanitise.py),
and `invoke check` names, at its line, what it would remove.

Each case is one way a source scan was fooled (issue 17): the check must
report it at the right line, and a build that publishes the file anyway
(ALLOW_RAW_HTML_IN turns the error into a warning) must hold nothing active
in the item page or in any Atom feed."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from plugins.content import sanitise
from tests.conftest import build_site, html, run_check, write

# (body snippet written from line 7 of the file, line reported, words)
BYPASSES = [
    (r"\`<img src=/x.png alt=a onerror=alert(1)>\`", 7, "`onerror`"),
    ("`a\n\n<img src=/x.png alt=a onerror=alert(1)>\n\nb`", 9, "`onerror`"),
    (" ```\n<script>alert(1)</script>\n ```", 8, "<script>"),
    ("[a [b] c](javascript:alert(1))", 7, "`javascript:`"),
    ("[a\nb](javascript:alert(1))", 8, "`javascript:`"),
    ("> [x]: javascript:alert(1)\n\n[y][x]", 7, "`javascript:`"),
    ("- [x]: javascript:alert(1)\n\n[y][x]", 7, "`javascript:`"),
    ("[![a](/x.png)](javascript:alert(1))", 7, "`javascript:`"),
    ("<!-- a <!-- b --> <img src=/x.png alt=a onerror=alert(1)> -->", 7, "`onerror`"),
    ('``` { .python onclick="alert(1)" }\ncode\n```', 7, "`onclick`"),
    ('Para\n{: onclick="alert(1)" }', 8, "`onclick`"),
    ('## Naslov {: onmouseover="alert(1)" }', 7, "`onmouseover`"),
    ('![a](/x.png){: onerror="alert(1)" }', 7, "`onerror`"),
    ('[x](/a){onclick="alert(1)"}', 7, "`onclick`"),
    ('[x](/a){href="javascript:alert(1)"}', 7, "`javascript:`"),
    ('[x](/a){: href="jav&#x61;script:alert(1)" }', 7, "`javascript:`"),
    ('![a](/x.png){: src="https://evil.example/x.png" }', 7, "another site"),
    ('![a](/x.png){: src="//evil.example/x.png" }', 7, "another site"),
    ('Para\n{: style="background:url(//evil.example/x)" }', 8, "a style"),
    ('Para\n{: style="background:\\75 rl(//evil.example/x)" }', 8, "a style"),
    ("Para\n{: style=\"background-image:image-set('//evil.example/x.png' 1x)\" }", 8,
     "a style"),
    ('<p data-x="1" formaction="https://evil.example">Tekst</p>', 7, "`data-x`"),
    ("<details open ontoggle=alert(1)><summary>s</summary>x</details>", 7, "`ontoggle`"),
    ("<math><mtext><img src=/x.png alt=a onerror=alert(1)></mtext></math>", 7, "<math>"),
]

HEAD = "---\ntitle: Naslov\ndate: 2017-02-10\n---\nUvod.\n\n"


def _item(content, snippet: str) -> str:
    from PIL import Image
    Image.new("RGB", (8, 8), "white").save(content / "x.png")
    return write(content, "news/2017/x.bs.md", f"{HEAD}{snippet}\n\nKraj.\n")


def _active(fragment: str, elements: bool = True) -> list[str]:
    """Every handler, script, style, foreign load or non-web address left
    (with elements=False: in attributes only)."""
    soup = BeautifulSoup(fragment, "lxml")
    found = [f"<{t.name}>" for t in soup.find_all(["script", "style", "iframe", "math",
                                                   "svg", "object", "embed", "form"])
             if elements]
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            if name.startswith("on") or name in ("style", "formaction", "srcdoc"):
                found.append(f"{tag.name} {name}")
            elif name in ("href", "src") and re.match(r"\s*(javascript|data|vbscript):",
                                                      value, re.I):
                found.append(f"{tag.name} {name}={value}")
            elif name == "src" and "evil.example" in value:
                found.append(f"{tag.name} src={value}")
    return found


@pytest.mark.slow
@pytest.mark.parametrize("snippet,line,words", BYPASSES)
def test_check_names_what_would_be_removed_at_its_line(content, capsys, snippet, line,
                                                       words):
    rel = _item(content, snippet)
    code, out = run_check(content, capsys)
    assert code == 1, out
    assert f"content/{rel}:{line}: error: the text contains" in out, out
    assert words in out and "which the site does not publish" in out, out
    assert "Traceback" not in out


@pytest.mark.slow
@pytest.mark.parametrize("snippet,line,words", BYPASSES)
def test_pages_and_feeds_hold_nothing_active(content, tmp_path, snippet, line, words):
    _item(content, snippet)
    out = tmp_path / "out"
    result = build_site(content, out, production=True,
                        ALLOW_RAW_HTML_IN=["content/news/2017/x.bs.md"])
    assert any("which the site does not publish" in str(w) for w in result.warnings)
    article = html(out / "bs/vijesti/x/index.html").find("article")
    assert "Kraj." in article.get_text()           # the rest of the text stays
    assert _active(str(article)) == []
    feeds = [f for f in out.rglob("*.xml") if f.name != "sitemap.xml"]
    assert feeds
    atom = "{http://www.w3.org/2005/Atom}"
    for feed in feeds:
        for entry in etree.parse(str(feed)).getroot().iter(f"{atom}entry"):
            for content_element in entry.iter(f"{atom}content"):
                assert _active(content_element.text or "") == [], feed


def test_an_unused_reference_definition_publishes_nothing(content, capsys):
    _item(content, "[x]: javascript:alert(1)")
    code, out = run_check(content, capsys)
    assert code == 0, out


@pytest.mark.parametrize("picture", ["https://tracker.example/p.gif", "/\\evil.example/p.gif"])
def test_one_mistake_is_reported_once(content, capsys, picture):
    rel = _item(content, f'<img src="{picture}" alt="x">')
    code, out = run_check(content, capsys)
    assert code == 1 and out.count(f"content/{rel}:7:") == 1, out
    assert "is on another site" in out


def test_many_removals_are_summarised_after_twenty(content, capsys):
    rel = _item(content, "\n\n".join(f'[l{n}](/a){{onclick="x({n})"}}' for n in range(25)))
    code, out = run_check(content, capsys)
    assert out.count("event handler `onclick`") == 20, out
    assert f"content/{rel}:45: error: the text contains 5 more things like these" in out


def test_the_build_stops_and_names_the_line(content, tmp_path):
    from plugins.common.errors import ContentErrors
    rel = _item(content, '[x](/a){onclick="alert(1)"}')
    with pytest.raises(ContentErrors, match=rf"content/{rel}:7: error: .*`onclick`"):
        build_site(content, tmp_path / "out")
    assert not (tmp_path / "out").exists()


RICH = """Tekst s [vezom](https://example.org/a?b=1&c=2 "naslov"), [poštom](mailto:a@b.ba),
[telefonom](tel:+38733123456) i [stranicom](/kontakt/), *kurziv*, **masno**, `kod`.

## Naslov {#poseban .klasa lang=en}

| lijevo | sredina | desno |
|:-------|:-------:|------:|
| a      | b       | c     |

Term
:   Definicija.

Fusnota[^1] i HTML <abbr title="Ujedinjene nacije">UN</abbr>.

*[UNICEF]: Fond Ujedinjenih nacija za djecu

<details><summary>Više</summary><p>Skriveno <mark>označeno</mark>, H<sub>2</sub>O,
x<sup>2</sup>, <time datetime="2017-02-10">10. februar</time>.</p></details>

<figure><img src="/x.png" alt="Slika" width="8" height="8"><figcaption>Opis</figcaption></figure>

1. jedan
2. dva

```python
print("<script>")
```

[^1]: Napomena.
"""


def test_rich_markdown_passes_the_allowlist_untouched(content, capsys):
    """No false alarms: everything Markdown writes for staff, and the HTML
    staff write by hand, is kept."""
    from PIL import Image
    Image.new("RGB", (8, 8), "white").save(content / "x.png")
    write(content, "news/2017/x.bs.md", HEAD + RICH)
    code, out = run_check(content, capsys)
    assert code == 0, out
    from plugins.content.render import Renderer
    from tests.conftest import settings_for
    from plugins.content import load_site
    site, _ = load_site(settings_for(content, content.parent / "o"))
    source = next(s for s in site.sources if s.shown.endswith("x.bs.md"))
    rendered = Renderer()._convert(source.body)
    assert sanitise.removals(rendered) == []
    same = [str(BeautifulSoup(f, "html.parser")) for f in (rendered, sanitise.clean(rendered))]
    assert same[0] == same[1]    # at most written differently (`&quot;` as `"`)
    assert 'style="text-align: center;"' in rendered


@pytest.mark.parametrize("fragment", [
    '<a href="javascript:x()">x</a>', '<img src="https://t.example/p.gif" alt="">',
    '<p onclick="x()">p</p>', "<script>x()</script>", '<p style="color:red">p</p>',
    '<a href="vbscript:x">x</a>', '<img src="data:image/png;base64,AAAA" alt="">',
    '<iframe src="/x"></iframe>', '<td style="text-align: left; background: red">x</td>',
    '<a href="/x" target="_blank" rel="opener">x</a>',
    '<img src="/\\evil.example/x.png" alt="">', '<img src=" //evil.example/x.png" alt="">'])
def test_what_the_check_reports_is_what_the_sanitiser_removes(fragment):
    """The explanation and the sanitiser read the same allowlist: whenever
    one removes something, the other names it."""
    assert sanitise.clean(fragment) != fragment
    assert sanitise.removals(fragment)


@pytest.mark.parametrize("snippet", ["<div>a <![< b</div>", "<div><![CDATA[ x ]]></div>",
                                     "<div>a <?php echo 1 ?> b</div>"])
def test_markup_browsers_hide_is_named_not_a_traceback(content, capsys, snippet):
    rel = _item(content, snippet)
    code, out = run_check(content, capsys)
    assert code == 1 and "Traceback" not in out, out
    assert f"content/{rel}:7: error:" in out and "which browsers hide" in out, out


def test_many_removals_in_a_long_text_are_located_quickly(content, capsys):
    """Each removal's line costs renderings of the file: a long file with
    many is still reported at the lines that say them, not given up on."""
    paragraphs = [f"Odlomak {n} s dovoljno teksta da bude dug. " * 20 for n in range(400)]
    for n in range(0, 400, 40):
        paragraphs[n] += f' [veza {n}](/a){{onclick="alert({n})"}}'
    rel = _item(content, "\n\n".join(paragraphs))
    code, out = run_check(content, capsys)
    lines = [int(l.split(":")[1]) for l in out.splitlines()
             if l.startswith(f"content/{rel}:") and "`onclick`" in l]
    assert lines == [7 + 2 * n for n in range(0, 400, 40)], out


@pytest.mark.slow
@pytest.mark.parametrize("site", ["seed_site", "basic_site"])
def test_no_built_page_or_feed_holds_anything_active(site, request):
    """Over every page and feed of the test sites: no handler, no style, no
    foreign or script address, no script but the theme's own (JSON data and
    the search page's script from the site itself)."""
    out = request.getfixturevalue(site)
    for path in out.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for script in soup.find_all("script"):
            data = script.get("type") in ("application/ld+json", "application/json")
            assert data or (script.get("src", "").startswith("/theme/")
                            and not script.string), path
            script.decompose()
        assert _active(str(soup), elements=False) == [], path   # the theme's search form
        for article in soup.find_all("article"):
            assert _active(str(article)) == [], path
    atom = "{http://www.w3.org/2005/Atom}"
    for feed in out.rglob("atom.xml"):
        for content_element in etree.parse(str(feed)).getroot().iter(f"{atom}content"):
            assert _active(content_element.text or "") == [], feed
