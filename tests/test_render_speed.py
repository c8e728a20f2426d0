"""The renderer's shortcuts change nothing: preprocessors, inline patterns,
block processors and attribute lists tried only on text holding their marks
(plugins/content/preprocessors.py, inline.py, blocks.py, trees.py), the extensions few bodies
use left out of bodies without their syntax, and heading ids without toc's
table of contents (headings.py), give the HTML that stock Markdown with
every extension gives, byte for byte."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import example, given, settings as hypothesis_settings, strategies as st

from benchmarks.corpus import generate
from plugins.content.rare import has_rare_syntax
from plugins.content.render import Renderer

from .conftest import FIXTURES, ROOT

FAST, STOCK = Renderer(), Renderer(shortcuts=False)


def same(body: str) -> None:
    assert FAST._convert(body) == STOCK._convert(body)


def _bodies(folder: Path):
    for path in sorted(folder.rglob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        yield text.partition("\n---\n")[2] or text


def test_the_seeds_fixtures_and_benchmark_corpus_render_the_same():
    bodies = [*_bodies(ROOT / "content"), *_bodies(FIXTURES)]
    bodies += [text.body for item in generate(40) for text in item.texts.values()]
    assert len(bodies) > 100
    for body in bodies:
        same(body)


RICH = """Tekst s [vezom](https://example.org/a?b=1&c=2 "naslov"), [poštom](mailto:a@b.ba),
<https://example.org>, <a@b.ba>, &amp; &#263;, *kurziv*, **masno**, _x_, __y__, `kod`,
\\*ne\\*, ![slika](x.png){.decorative}, [ref][1], [1], ![ref][1], kraj reda  
novi red.

## Naslov {#poseban .klasa lang=en}

| lijevo | sredina |
|:-------|:-------:|
| *a*    | [b](/b) |

Term
:   Definicija *s* [vezom](/v).

Fusnota[^1] i <abbr title="Ujedinjene nacije">UN</abbr> i UNICEF.

*[UNICEF]: Fond Ujedinjenih nacija za djecu

<div markdown="1">*unutra*</div>

```python
print("<b>*x*</b>")
```

[1]: https://example.org/ref "Naslov"
[^1]: Napomena *s* naglaskom.
"""


@example(RICH)
@example("a\n \nb")   # what each preprocessor's step is there for:
@example("a\n\tb\n\n\tc")
@example("a\r\nb\rc\x02d\x03")
@example("a &amp b &#263 c")
@example("a * b _ c ** d __ e")
@example("[a]: /x\n\n[a] and [b] ![a]")
@hypothesis_settings(max_examples=int(os.environ.get("GLASNIK_FUZZ_EXAMPLES", 150)),
                     deadline=None)
@given(st.lists(st.sampled_from(
    ["a", "b c", " ", "  \n", "\n", "\n\n", "*", "**", "_", "`", "\\", "[", "]", "(",
     ")", "![", "[^1]", "<", ">", "&", ";", "#", ":", "|", "-", "1.", "http://x.y",
     "a@b.c", "<b>", "</b>", "{.c}", "&amp;", "*[x]: y", "[^1]: n", "    ", "> ",
     "## ", "# ", "===", "{#a}", "{#a_1}", "{data-toc-label='x'}", "[TOC]", "Ђак",
     "Tiếng Việt", "---", "***", "_ _ _", "\n=", "\n-", "[a]: /x", "]:", "> > ",
     "|", "| a |", "{: .x}", "\n{#y}", "}", "\t", "\r\n", "\r", " \n", "\x02", "\x03",
     "&amp", "&#263", "a\n    \n"]),
    max_size=40).map("".join))
def test_any_text_renders_the_same(body):
    same(body)


HEADINGS = """# Uvod

## Uvod

## Uvod {#uvod_1}

### Uvod_1

## Vijesti {#vijesti .klasa}

## Vijesti

## `kod` i *naglasak*

## A &amp; B &lt;c&gt; &#263; &copy;

## Поглавље о Ђурђевдану

## Tiếng Việt có dấu

## Oznaka {data-toc-label="Druga"}

## \\*Zvjezdice\\*

## [Veza](/v) i ![slika](x.png)

##

## ...

Naslov podvučen
---------------
"""


def test_heading_ids_are_those_toc_gives():
    for lang in (None, "sr-Cyrl", "sr-Latn", "vi"):
        FAST._lang = STOCK._lang = lang
        same(HEADINGS)
        same("Prije\n\n[TOC]\n\n" + HEADINGS)   # the marker: toc's table of contents
    FAST._lang = STOCK._lang = None
    assert not has_rare_syntax(HEADINGS)   # the way without toc
    html = FAST._convert(HEADINGS)
    assert '<h2 id="uvod_2">Uvod</h2>\n<h2 id="uvod_1">' in html
    assert 'class="klasa" id="vijesti">' in html and '<h2 id="vijesti_1">' in html
    assert "data-toc-label" not in html
    assert '<div class="toc">' in FAST._convert("[TOC]\n\n## Jedan")


def test_a_tree_too_deep_fails_as_with_toc():
    """toc walked the tree by recursion: emphasis nested past the stack's
    depth could not be rendered (and is reported so); still not."""
    deep = "*" * 20_000 + "a" + "*" * 20_000 + "\n"
    for shortcuts in (True, False):   # own renderers: the error leaves one midway
        with pytest.raises(RecursionError):
            Renderer(shortcuts=shortcuts)._convert(deep)
