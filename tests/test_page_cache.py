"""The page cache (plugins/newsroom/phases/p5_pages/cache.py): a build that
takes pages from it writes, byte for byte, what a build without it writes,
after any kind of change; only the pages a text edit shows are rendered."""

from __future__ import annotations

import hashlib
import importlib
import logging
import os
import re
import shutil
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

from plugins.newsroom.localize import Text
from plugins.newsroom.phases.p5_pages.cache import folder_of
from plugins.newsroom.phases.p5_pages.fingerprint import Fingerprints, Unknown
from tests.conftest import build_site, copy_fixture, settings_for
from tests.test_live import differences, edit

PAGES_LOG = "plugins.newsroom.phases.p5_pages"


@pytest.fixture()
def cached(tmp_path, caplog):
    """Content, a build function that returns (taken, rendered), and a
    check that the output equals a build without the cache."""
    content = copy_fixture("basic", tmp_path)
    out = tmp_path / "out"

    def build(**extra) -> tuple[int, int]:
        caplog.clear()
        with caplog.at_level(logging.INFO, logger=PAGES_LOG):
            build_site(content, out, PAGE_CACHE=".cache/pages", **extra)
        line = next(r.getMessage() for r in caplog.records if "page cache" in r.getMessage())
        taken, rendered = map(int, re.findall(r"\d+", line))
        return taken, rendered

    def same_as_uncached(**extra) -> None:
        plain = tmp_path / "plain"
        shutil.rmtree(plain, ignore_errors=True)
        build_site(content, plain, PAGE_CACHE=None, **extra)
        assert differences(out, plain) == []

    taken, rendered = build()
    assert taken == 0 and rendered > 50
    return content, build, same_as_uncached, tmp_path


def test_an_unchanged_site_takes_every_page(cached):
    content, build, same_as_uncached, _ = cached
    taken, rendered = build()
    assert rendered == 0 and taken > 50
    same_as_uncached()


@pytest.mark.slow
def test_a_text_edit_renders_only_the_pages_that_show_it(cached):
    content, build, same_as_uncached, _ = cached
    total = sum(build())
    item = content / "news/2025/round-table.bs.md"
    edit(item, "\n---\n", "\n---\nJedna nova rečenica.\n\n")
    taken, rendered = build()
    assert 0 < rendered < total / 3 and taken + rendered == total
    same_as_uncached()
    # the item's title: its page, the lists that show it, its neighbours'
    text = item.read_text(encoding="utf-8")
    title = re.search(r"^title: (.*)$", text, re.M).group(1)
    edit(item, f"title: {title}", f"title: {title} u Tuzli")
    taken, rendered = build()
    assert 0 < rendered < total / 3
    same_as_uncached()


EDITS = {
    # (file below content/, old, new)
    "a date": ("news/2024/conference.sr-cyrl.md", "date: 2024-02-10", "date: 2024-02-11"),
    "a topic's label": ("topics.yml", "bs: Zaštita djece", "bs: Zaštita djece i mladih"),
    "a project": ("projects/beta.yml", 'start: "2024"', 'start: "2023"'),
    "the contact page's data": ("contact.yml", None, None),
    "a Cyrillic body (derived to Latin)": ("news/2024/conference.sr-cyrl.md",
                                           "присуствовале конференцији",
                                           "присуствовале округлом столу"),
}


@pytest.mark.slow
@pytest.mark.parametrize("what", sorted(EDITS))
def test_each_kind_of_change_gives_the_uncached_pages(cached, what):
    content, build, same_as_uncached, _ = cached
    name, old, new = EDITS[what]
    path = content / name
    if old is None:   # the first quoted value of the file, changed
        old = re.search(r'"[^"\n]+"', path.read_text(encoding="utf-8")).group(0)
        new = old[:-1] + ' 2"'
    edit(path, old, new)
    taken, rendered = build()
    assert rendered > 0
    same_as_uncached()


@pytest.mark.slow
def test_a_new_picture_new_item_and_deleted_item(cached):
    content, build, same_as_uncached, _ = cached
    picture = content / "news/2024/conference-hall.jpg"
    Image.new("RGB", (900, 500), (20, 90, 160)).save(picture, quality=80)
    assert build()[1] > 0
    same_as_uncached()
    added = content / "news/2025/added.bs.md"
    shutil.copy(content / "news/2025/round-table.bs.md", added)
    edit(added, "\n---\n", "\nslug: added-item\n---\n")
    build()
    same_as_uncached()
    added.unlink()
    build()
    same_as_uncached()


@pytest.mark.slow
def test_a_changed_template_or_setting_renders_every_page(cached):
    content, build, same_as_uncached, tmp_path = cached
    overrides = tmp_path / "overrides"
    (overrides / "partials").mkdir(parents=True)
    total = sum(build(THEME_TEMPLATES_OVERRIDES=[str(overrides)]))
    theme = Path(settings_for(content, tmp_path / "out")["THEME"])
    footer = theme / "templates" / "partials" / "site_footer.html"   # the theme's, changed
    (overrides / "partials" / "site_footer.html").write_text(
        footer.read_text(encoding="utf-8") + "<!-- changed -->\n", encoding="utf-8")
    assert build(THEME_TEMPLATES_OVERRIDES=[str(overrides)]) == (0, total)
    same_as_uncached(THEME_TEMPLATES_OVERRIDES=[str(overrides)])
    assert build(NEWS_PER_PAGE=1)[0] == 0
    same_as_uncached(NEWS_PER_PAGE=1)


def test_a_filter_whose_helper_module_changed_renders_its_pages(cached, monkeypatch):
    """A JINJA_FILTERS function's key follows the project's own modules it
    imports, not only the file that defines it."""
    content, build, same_as_uncached, tmp_path = cached
    code = tmp_path / "code"
    code.mkdir()
    (code / "site_filters.py").write_text(
        "import site_wording\n\ndef shout(text):\n    return site_wording.loud(text)\n")
    wording = code / "site_wording.py"
    wording.write_text("def loud(text):\n    return str(text).upper()\n")
    monkeypatch.syspath_prepend(str(code))
    import site_filters
    import site_wording
    overrides = tmp_path / "overrides"
    (overrides / "partials").mkdir(parents=True)
    theme = Path(settings_for(content, tmp_path / "out")["THEME"])
    footer = (theme / "templates/partials/site_footer.html").read_text(encoding="utf-8")
    (overrides / "partials/site_footer.html").write_text(
        footer + "<!-- {{ 'footer' | shout }} -->\n", encoding="utf-8")
    extra = {"THEME_TEMPLATES_OVERRIDES": [str(overrides)],
             "JINJA_FILTERS": {"shout": site_filters.shout}}
    total = sum(build(**extra))
    assert build(**extra) == (total, 0)
    wording.write_text("def loud(text):\n    return str(text).upper() + '!'\n")
    importlib.reload(site_wording)   # as the next build's fresh process reads it
    assert build(**extra) == (0, total)
    same_as_uncached(**extra)
    monkeypatch.delitem(sys.modules, "site_filters")
    monkeypatch.delitem(sys.modules, "site_wording")


def test_ci_restores_only_the_caches(cached):
    """The output folder gone, the cache kept: every page from the cache."""
    content, build, same_as_uncached, tmp_path = cached
    shutil.rmtree(tmp_path / "out")
    taken, rendered = build()
    assert rendered == 0
    same_as_uncached()


def test_a_cached_page_cut_short_is_rendered_again(cached):
    content, build, same_as_uncached, tmp_path = cached
    folder = folder_of(settings_for(content, tmp_path / "out", PAGE_CACHE=".cache/pages"),
                       tmp_path / "out")
    victim = sorted(folder.iterdir())[0]
    data = victim.read_bytes()
    victim.unlink()                      # not through the output's own link
    victim.write_bytes(data[: len(data) // 2])
    taken, rendered = build()
    assert rendered == 1
    same_as_uncached()


def test_a_replacement_a_stopped_build_left_is_removed(cached):
    content, build, _, tmp_path = cached
    folder = folder_of(settings_for(content, tmp_path / "out", PAGE_CACHE=".cache/pages"),
                       tmp_path / "out")
    left, running = folder / f".{'a' * 40}.99999", folder / f".{'b' * 40}.99998"
    for path in (left, running):
        path.write_bytes(b"<!DOCTYPE html>")
    hour_ago = time.time() - 3600
    os.utime(left, (hour_ago, hour_ago))
    build()
    assert not left.exists(), "left by a build that stopped"
    assert running.exists(), "a build running now renames its own"


def test_production_builds_keep_pages_beside_content_and_development_builds_none(tmp_path):
    content = copy_fixture("basic", tmp_path)
    build_site(content, tmp_path / "out")
    assert not (content.parent / ".cache" / "pages").exists()
    production = settings_for(content, tmp_path / "out", production=True)
    assert folder_of(production, tmp_path / "out").parent == content.parent / ".cache" / "pages"


def test_fingerprints_tell_values_apart_and_refuse_the_unknown():
    prints = Fingerprints()
    values = [1, "1", [1], ("1",), {"1": 1}, None, True, 1.0, Text("1"), Text("1", "bs"),
              ["a", "b"], ["ab"], {"a": "b"}, {"ab": ""}]
    digests = [prints.of(value) for value in values]
    assert len(set(digests)) == len(values)
    assert prints.of(["a", {"b": 2}]) == Fingerprints().of(["a", {"b": 2}])
    with pytest.raises(Unknown):
        prints.of({"page": object()})


def test_the_digests_given_to_the_search_index_are_those_of_the_pages(tmp_path):
    """The search index knows a page by the digest the page cache gives it,
    without reading the page: it must be the digest of its bytes, whether
    the page was rendered or taken."""
    content = copy_fixture("basic", tmp_path)
    for _ in range(2):   # rendered, then taken
        result = build_site(content, tmp_path / "out", PAGE_CACHE=".cache/pages")
        digests = result.build.pages.digests
        assert len(digests) > 50
        for relative, digest in digests.items():
            data = (tmp_path / "out" / relative).read_bytes()
            assert hashlib.sha256(data).hexdigest() == digest, relative
