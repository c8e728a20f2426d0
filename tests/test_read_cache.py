"""The read cache (plugins/content/read_cache.py, READ_CACHE): a file whose
bytes and all else reading depends on are unchanged is not read again, and
the build is the same, its warnings included."""

from __future__ import annotations

import sqlite3

import pytest

from plugins.content import reader
from tests.conftest import copy_fixture, settings_for
from tests.test_live import differences

# written in Latin letters in a file named for Cyrillic: a warning when read
MISSPELT = """---
title: Njegoš u Bijeljini
date: 2024-03-02 09:30
project: beta
---
Radne grupe su se sastale u Bijeljini.
"""


@pytest.fixture()
def site(tmp_path, monkeypatch):
    """Content with a file that warns; build(**settings) -> (the files read
    from disk, the warnings said)."""
    content = copy_fixture("basic", tmp_path)
    (content / "news/2024/misspelt.sr-cyrl.md").write_text(MISSPELT, encoding="utf-8")
    read = []
    real = reader.read_source
    monkeypatch.setattr(reader, "read_source", lambda path, *args: read.append(path.name)
                        or real(path, *args))

    def build(out="out", **extra) -> tuple[list, list]:
        from plugins.publishing.build import build as run
        read.clear()
        settings = settings_for(content, tmp_path / out, **{"READ_CACHE": True,
                                                            "BUILD_WORKERS": 1, **extra})
        result = run(settings)
        return sorted(read), [w for w in result.warnings if "misspelt" in w]
    return content, build, tmp_path


def rows(content) -> int:
    db = sqlite3.connect(content.parent / ".cache" / "render.sqlite")
    try:
        return db.execute("SELECT COUNT(*) FROM read1").fetchone()[0]
    finally:
        db.close()


def test_unchanged_files_are_taken_with_their_warnings(site):
    content, build, tmp_path = site
    read, warned = build()
    files = len(list(content.rglob("*.md")))
    assert len(read) == files and rows(content) == files
    assert len(warned) == 1 and "Latin letters" in warned[0]
    read, again = build()
    assert read == [], "every file came from the cache"
    assert again == warned, "the warning reading found is said again"
    plain = build("plain", READ_CACHE=False)[1]
    assert plain == warned
    assert differences(tmp_path / "out", tmp_path / "plain") == []


def test_an_edited_file_alone_is_read_again(site):
    content, build, tmp_path = site
    files = len(build()[0])
    item = content / "news/2024/conference.bs.md"
    item.write_text(item.read_text(encoding="utf-8").replace(
        "\n---\n", "\nsummary: Sažetak.\n---\n", 1), encoding="utf-8")
    read, _ = build()
    assert read == ["conference.bs.md"]
    assert rows(content) == files, "the file's old row went"
    build("plain", READ_CACHE=False)
    assert differences(tmp_path / "out", tmp_path / "plain") == []


def test_a_setting_reading_depends_on_reads_every_file_again(site):
    content, build, _ = site
    files = len(build()[0])
    assert len(build(TIMEZONE="Asia/Ho_Chi_Minh")[0]) == files
    assert len(build(CONTENT_MAX_NESTING=3)[0]) == files
    assert build(CONTENT_MAX_NESTING=3)[0] == []


def test_a_file_with_an_error_is_said_again_and_not_built(site):
    content, build, _ = site
    build()
    broken = content / "news/2024/conference.vi.md"
    broken.write_text(broken.read_text(encoding="utf-8").replace(
        "title:", "title: [an unclosed list\nold_title:", 1), encoding="utf-8")
    from plugins.common.errors import ContentErrors
    for _ in range(2):
        with pytest.raises(ContentErrors) as raised:
            build()
        assert "conference.vi.md" in raised.value.problems.report()
