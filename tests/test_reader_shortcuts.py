"""The reader's shortcuts find what the plain regular expressions found:
letters counted by their UTF-8 lead bytes (plugins/content/letters.py) and
links and pictures matched from their `[` (reader._MD_REFERENCE), on the
seeds, the fixtures and the benchmark corpus, and on any text."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from hypothesis import example, given, settings as hypothesis_settings, strategies as st

from plugins.content import links, reader, safety
from plugins.content.letters import letter_counts

from benchmarks.corpus import generate

from .conftest import FIXTURES, ROOT
from .test_render_speed import _bodies

pytestmark = pytest.mark.unit

# As check_script counted before: runs of each script's letters
_CYRILLIC, _LATIN = re.compile(r"[\u0400-\u04ff]+"), re.compile(r"[A-Za-z\u00c0-\u024f]+")
# As _body_references matched before: the `!` inside the pattern
_REFERENCE = re.compile(r"(!?)\[([^\]\n]*)\]\([ \t]*<?([^)\s>]+)>?(?:[ \t]+\"[^\"\n]*\")?"
                        r"[ \t]*\)")


def counted(text: str) -> tuple[int, int]:
    return tuple(sum(map(len, script.findall(text))) for script in (_CYRILLIC, _LATIN))


def references(body: str) -> list:
    """_body_references as it was, with the `!` inside the pattern."""
    found = []
    for m in _REFERENCE.finditer(body):
        line = 1 + body.count("\n", 0, m.start())
        target = m.group(3)
        if m.group(1):
            found.append((line, target, None, "picture", bool(m.group(2).strip()) or bool(
                reader._DECORATIVE.match(body, m.end()))))
        elif links.is_local_file(target):
            found.append((line, target, None, "file", True))
        elif links.is_source_link(target):
            found.append((line, target, None, "item", True))
        elif links.is_page_link(target):
            found.append((line, target, None, "page", True))
    return found


def references_now(body: str) -> list:
    """The reader's, without the raw <img> tags (a pattern of their own)."""
    source = SimpleNamespace(body_line=1)
    return [found for found in reader._body_references(source, body)
            if found[3] != "raw-picture"]


def test_real_texts_count_and_link_the_same():
    bodies = [*_bodies(ROOT / "content"), *_bodies(FIXTURES)]
    bodies += [text.body for item in generate(300) for text in item.texts.values()]
    checked = 0
    for body in bodies:
        masked = safety.mask_code(body)
        assert letter_counts(masked) == counted(masked)
        assert references_now(masked) == references(masked)
        checked += 1
    assert checked > 1000


def test_the_edges_of_each_block():
    # the first and last letter of each range, and the characters beside them
    edges = "\u03ff\u0400\u04ff\u0500@AZ[`az{\u00bf\u00c0\u00d7\u00f7\u00ff\u0100" \
            "\u023f\u0240\u024f\u0250\u02af"
    for char in edges:
        assert letter_counts(char) == counted(char), hex(ord(char))
    assert letter_counts(edges) == (2, 12)   # Ѐ ӿ; A Z a z À × ÷ ÿ Ā ȿ ɀ ɏ


TEXT = st.lists(st.sampled_from(
    ["a", "Ž", "ž", "đ", "ђ", "Ђак", "ЉЊЏ", "Tiếng Việt", "ɏ", "ɐ", "Ѐ", "ӿ", "Ԁ", "Ͽ", "×",
     "÷", "ÿ", " ", "\n", "!", "[", "]", "(", ")", "![", "](", "<", ">", "\"", "\t", "x.jpg",
     "a b", " \"t\"", "{.decorative}", "x.pdf", "y.sr-cyrl.md", "z.html", "\\", "`", "😀",
     "\ufffd", "\u00a0"]) | st.text(max_size=4),
    max_size=40).map("".join)


@hypothesis_settings(max_examples=300, deadline=None)
@given(TEXT)
@example("[a](b.jpg) ends in!")   # no `!` before the first `[`
@example("!![a](b) ![](c \"t\") [d](<e>) !\n[f](g)")
def test_any_text_counts_and_links_the_same(text):
    assert letter_counts(text) == counted(text)
    assert references_now(text) == references(text)


def test_pictures_and_links_are_told_apart_as_before():
    body = "Tekst ![Sala](sala.jpg) i [izveštaj](izvestaj.pdf).\n\n![](a.jpg){.decorative}" \
           "\n![](b.jpg) !![x](c.jpg)"
    assert references_now(body) == [
        (1, "sala.jpg", None, "picture", True), (1, "izvestaj.pdf", None, "file", True),
        (3, "a.jpg", None, "picture", True), (4, "b.jpg", None, "picture", False),
        (4, "c.jpg", None, "picture", True)]
