"""The Markdown cache keeps what the current texts need and no more: each
build removes the renderings and derived bodies no source of it has (an
edited text's old version, rows of an earlier release of the code), so the
file CI restores before each deploy does not grow with every edit."""

from __future__ import annotations

import sqlite3

import pytest

from plugins.content import render_pass
from plugins.content.cache import DERIVED, RENDERINGS
from tests.conftest import build_site, copy_fixture
from tests.test_live import edit

pytestmark = pytest.mark.slow

LATIN = "news/2024/latin-only.sr-latn.md"    # its sr-Cyrl page is derived
STALE = "0" * 64   # a row no text of the site has


def rows(cache, table: str) -> set[str]:
    db = sqlite3.connect(cache)
    try:
        return {key for (key,) in db.execute(f"SELECT key FROM {table}")}
    finally:
        db.close()


def add_stale_rows(cache) -> None:
    db = sqlite3.connect(cache)
    with db:
        db.execute(f"INSERT INTO {RENDERINGS} VALUES (?, '<p>old</p>', 'old')", (STALE,))
        db.execute(f"INSERT INTO {DERIVED} VALUES (?, '<p>old</p>')", (STALE,))
    db.close()


@pytest.fixture()
def site(tmp_path):
    content = copy_fixture("basic", tmp_path)
    cache = tmp_path / "render.sqlite"

    def build(**extra):
        return build_site(content, tmp_path / "out", RENDER_CACHE=str(cache), **extra)
    return content, cache, build


def test_an_edit_replaces_its_rows_instead_of_adding_to_them(site):
    content, cache, build = site
    build()
    renderings, derived = rows(cache, RENDERINGS), rows(cache, DERIVED)
    assert len(renderings) > 10 and derived

    edit(content / LATIN, "sastale u Bijeljini", "sastale u Tuzli")
    build()
    after, derived_after = rows(cache, RENDERINGS), rows(cache, DERIVED)
    assert len(after) == len(renderings) and len(after - renderings) == 1
    assert len(derived_after) == len(derived) and len(derived_after - derived) == 1


def test_rows_no_text_has_are_removed_and_the_others_kept(site):
    content, cache, build = site
    build(BUILD_WORKERS=2)
    kept = rows(cache, RENDERINGS), rows(cache, DERIVED)
    add_stale_rows(cache)
    build(BUILD_WORKERS=2)
    assert (rows(cache, RENDERINGS), rows(cache, DERIVED)) == kept


def test_a_worker_without_the_cache_removes_nothing(site, monkeypatch):
    # its sources' renderings would look unused
    content, cache, build = site
    build()
    add_stale_rows(cache)
    monkeypatch.setattr(render_pass.RenderAsRead, "_open", lambda self: None)
    build()
    assert STALE in rows(cache, RENDERINGS)


def test_without_the_cache_no_file_is_made(tmp_path):
    content = copy_fixture("basic", tmp_path)
    build_site(content, tmp_path / "out", RENDER_CACHE=None)
    assert not list(tmp_path.rglob("*.sqlite"))
