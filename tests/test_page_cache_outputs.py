"""The page cache keeps each output folder's pages as hard links of that
folder's files: once the output folder is gone (a temporary one, a folder
moved elsewhere), they hold the only links, a full site's worth of room. A
build removes the pages kept for an output folder that is gone and was
last built over a day ago, and nothing else."""

from __future__ import annotations

import os
import shutil
import time

import pytest

from plugins.newsroom.phases.p5_pages.cache import MARK, folder_of
from tests.conftest import build_site, copy_fixture, settings_for

pytestmark = pytest.mark.slow

DAYS = 24 * 3600


@pytest.fixture()
def two_outputs(tmp_path):
    """Content built into two output folders; (build, folder of each)."""
    content = copy_fixture("basic", tmp_path)

    def build(name: str) -> None:
        build_site(content, tmp_path / name, PAGE_CACHE=".cache/pages")

    def folder(name: str):
        return folder_of(settings_for(content, tmp_path / name, PAGE_CACHE=".cache/pages"),
                         tmp_path / name)
    build("one")
    build("two")
    return tmp_path, build, folder


def age(path, days: float) -> None:
    then = time.time() - days * DAYS
    os.utime(path, (then, then))


def test_each_folder_is_marked_with_its_output(two_outputs):
    tmp_path, build, folder = two_outputs
    for name in ("one", "two"):
        mark = folder(name).with_name(folder(name).name + MARK)
        assert mark.read_text(encoding="utf-8") == str((tmp_path / name).resolve())
        assert len(list(folder(name).iterdir())) > 50


def test_the_pages_of_a_gone_output_are_removed_with_what_is_beside_them(two_outputs):
    tmp_path, build, folder = two_outputs
    gone = folder("one")
    facts = gone.with_name(gone.name + ".checked.json")
    facts.write_text("{}", encoding="utf-8")
    shutil.rmtree(tmp_path / "one")
    age(gone.with_name(gone.name + MARK), 2)
    build("two")
    assert not gone.exists() and not facts.exists()
    assert not gone.with_name(gone.name + MARK).exists()
    assert len(list(folder("two").iterdir())) > 50


def test_an_output_built_within_the_day_or_still_there_keeps_its_pages(two_outputs):
    tmp_path, build, folder = two_outputs
    shutil.rmtree(tmp_path / "one")          # gone, but built an hour ago
    age(folder("one").with_name(folder("one").name + MARK), 1 / 24)
    build("two")
    assert folder("one").is_dir()
    build("one")                             # there again, last built long ago
    age(folder("one").with_name(folder("one").name + MARK), 30)
    build("two")
    assert len(list(folder("one").iterdir())) > 50


def test_an_unmarked_folder_goes_after_a_week_if_it_holds_only_kept_pages(two_outputs):
    tmp_path, build, folder = two_outputs
    base = folder("two").parent
    former = base / "0123456789abcdef"          # a former release's, unmarked
    shutil.copytree(folder("one"), former)
    other = base / "fedcba9876543210"           # a folder PAGE_CACHE's user keeps
    other.mkdir()
    (other / "notes.txt").write_text("mine", encoding="utf-8")
    named = base / "images"
    named.mkdir()
    for path in (former, other, named):
        age(path, 8)
    build("two")
    assert not former.exists()
    assert (other / "notes.txt").exists() and named.is_dir()
