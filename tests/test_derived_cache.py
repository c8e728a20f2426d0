"""Bodies derived in the other Serbian script are kept in the Markdown cache
(plugins/newsroom/localize.py, derive_bodies): a build after an edit
derives only the bodies that changed, and what it publishes is, byte for
byte, what a build without the cache publishes, whatever changed."""

from __future__ import annotations

import shutil

import pytest

from plugins.translit import derive
from tests.conftest import build_site, copy_fixture
from tests.test_live import differences, edit

pytestmark = pytest.mark.slow

LATIN = "news/2024/latin-only.sr-latn.md"    # its sr-Cyrl page is derived
CYRILLIC = "news/2024/conference.sr-cyrl.md"  # its sr-Latn page is derived


@pytest.fixture()
def derived(tmp_path, monkeypatch):
    """Content, a build with the cache that returns the bodies it derived,
    and a check that its output equals a build without the cache."""
    content = copy_fixture("basic", tmp_path)
    converted = []
    real = derive.Converter.html
    monkeypatch.setattr(derive.Converter, "html",
                        lambda self, html: converted.append(html) or real(self, html))

    def build(**extra) -> list[str]:
        converted.clear()
        build_site(content, tmp_path / "out", BUILD_WORKERS=1, **extra)
        # the texts' bodies (a project's description is derived where shown)
        return [html for html in converted if "<p>" in html and "Пројекат" not in html]

    def same_as_uncached(**extra) -> None:
        shutil.rmtree(tmp_path / "plain", ignore_errors=True)
        build_site(content, tmp_path / "plain", RENDER_CACHE=None, **extra)
        assert differences(tmp_path / "out", tmp_path / "plain") == []

    return content, build, same_as_uncached


def test_an_unchanged_body_is_derived_once(derived):
    content, build, same_as_uncached = derived
    first = build()
    assert any("GIZ" in html for html in first)
    assert any("конференцији ЉУБАВ" in html for html in first)
    assert any("Пишите нам" in html for html in first)   # the contact page's
    assert build() == []
    same_as_uncached()


def test_an_edited_body_alone_is_derived_again(derived):
    content, build, same_as_uncached = derived
    build()
    edit(content / LATIN, "sastale u Bijeljini", "sastale u Tuzli")
    again = build()
    assert len(again) == 1 and "Tuzli" in again[0]
    assert "Тузли" in (content.parent.parent / "out/sr-cyrl/vesti/latin-only/index.html"
                       ).read_text(encoding="utf-8")
    same_as_uncached()


def test_new_rules_derive_every_body_again(derived):
    """The keep list and the digraph exceptions are part of what a derived
    body is kept under: a body derived with others is not taken."""
    content, build, same_as_uncached = derived
    build()
    keep = ["GmbH", "EU", "UNICEF"]   # GIZ is written in Cyrillic now
    again = build(SERBIAN_KEEP_LATIN=keep)
    assert any("GIZ" in html for html in again)
    assert "ГИЗ" in (content.parent.parent / "out/sr-cyrl/vesti/latin-only/index.html"
                     ).read_text(encoding="utf-8")
    same_as_uncached(SERBIAN_KEEP_LATIN=keep)
