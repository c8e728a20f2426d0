"""The picture cache keeps what builds use: an entry no build has used for
UNUSED_DAYS (a photo replaced or removed, encodings of other settings or an
earlier release) is removed by the next build, and one a build uses is
marked used before it is used, however old, so previews' drafts and a build
running beside another keep theirs. Nothing else in the folder is touched."""

from __future__ import annotations

import os
import time

import pytest
from PIL import Image

from plugins.images.pipeline import UNUSED_DAYS
from tests.conftest import build_site, copy_fixture

pytestmark = pytest.mark.slow

PHOTO = "news/2024/conference-hall.jpg"


def entries(cache) -> set[str]:
    return {f"{key.name}/{entry.name}" for key in cache.iterdir() if key.is_dir()
            for entry in key.iterdir() if entry.is_dir()}


def age(cache, days: float) -> None:
    then = time.time() - days * 24 * 3600
    for key in cache.iterdir():
        for path in [key, *key.iterdir()]:
            os.utime(path, (then, then))


@pytest.fixture()
def site(tmp_path):
    content = copy_fixture("basic", tmp_path)
    cache = tmp_path / "images"

    def build(**extra):
        build_site(content, tmp_path / "out", IMAGE_CACHE=str(cache), **extra)
    build()
    return content, cache, build


def test_a_replaced_photo_loses_its_old_encodings_once_unused_for_long(site):
    content, cache, build = site
    before = entries(cache)
    with Image.open(content / PHOTO) as photo:
        photo.rotate(180).save(content / PHOTO, quality=80)
    build()
    both = entries(cache)
    assert before < both and len(both - before) == 1   # within the days: kept
    age(cache, UNUSED_DAYS + 1)
    build()
    after = entries(cache)
    removed = both - after
    assert len(removed) == 1 and removed <= before   # the replaced photo's old one
    assert after == both - removed                   # the new one and the other photo's


def test_encodings_of_other_settings_go_and_those_in_use_stay_however_old(site):
    content, cache, build = site
    first = entries(cache)
    build(IMAGE_WIDTHS=[320, 640])
    second = entries(cache) - first
    assert second and {e.split("/")[0] for e in second}.isdisjoint(
        {e.split("/")[0] for e in first})
    age(cache, UNUSED_DAYS + 1)
    build(IMAGE_WIDTHS=[320, 640])
    assert entries(cache) == second
    assert len(list(cache.iterdir())) == 1   # the other settings' folder, emptied, went


def test_nothing_but_the_caches_own_entries_is_removed(site):
    content, cache, build = site
    key = next(cache.iterdir())
    (cache / "notes").mkdir()
    (key / "keep-me").mkdir()
    (key / "readme.txt").write_text("mine", encoding="utf-8")
    age(cache, UNUSED_DAYS + 1)
    os.utime(cache / "notes", (0, 0))
    build()
    assert (cache / "notes").is_dir() and (key / "keep-me").is_dir()
    assert (key / "readme.txt").read_text(encoding="utf-8") == "mine"
