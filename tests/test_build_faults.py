"""Faults of the file system while building and publishing: a full disk, a
full picture cache, a read-only output folder or parent. Each ends with one
message naming the folder and what to do, the published folder byte for
byte as it was, and nothing of the failed build left behind. Made for real
(tmpfs, read-only bind mounts) where the machine allows, else simulated at
the write call."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from PIL import Image

import tasks
from plugins.publishing import build as builder
from plugins.newsroom.writer import SafeWriter
from plugins.common import faults
from plugins.publishing import swap
from tests.conftest import copy_fixture, run_task_on, settings_for
from tests.mounts import digest, read_only, remounted_read_only, tmpfs
from tests.waiting import wait_until


def publish(capsys, monkeypatch, content, live, **extra):
    return run_task_on(tasks.publish, capsys, monkeypatch, content, output=str(live), **extra)


def change(content: Path) -> None:
    item = next(content.glob("news/**/*.bs.md"))
    item.write_text(item.read_text(encoding="utf-8") + "\nIzmjena.\n", encoding="utf-8")


def leftovers(live: Path) -> list[str]:
    """What is beside the published folder besides it, its marker and the
    previous build."""
    kept = {live.name, live.name + ".glasnik-build", live.name + ".previous",
            live.name + ".previous.glasnik-build"}
    return sorted(p.name for p in live.parent.iterdir() if p.name not in kept)


@pytest.mark.slow
def test_a_full_disk_while_publishing_publishes_nothing(tmp_path, capsys, monkeypatch):
    """For real: the output on a tmpfs with room for two builds, where a
    build needs more than one while it runs (Pagefind writes files that are
    then removed), so the first publish fits and the second cannot."""
    content = copy_fixture("basic", tmp_path)
    size = faults.size_of(builder.build(settings_for(
        content, tmp_path / "measure", production=True)).output)
    with tmpfs(tmp_path / "disk", size * 2) as disk:
        live = disk / "public"
        code, out = publish(capsys, monkeypatch, content, live)
        assert code == 0, out
        before = digest(live)
        change(content)
        code, out = publish(capsys, monkeypatch, content, live)
        after = digest(live)
        assert code == 3 and "Published" not in out and "Traceback" not in out
        assert f"the disk holding {disk} is full: this needs about" in out
        assert "was free" in out and "`invoke clean`" in out
        assert "Nothing was published" in out
        assert after == before
        assert leftovers(live) == []


@pytest.mark.slow
def test_a_full_disk_simulated_at_the_write_call(tmp_path, capsys, monkeypatch):
    """Simulated: the 20th page written finds the disk full."""
    content = copy_fixture("basic", tmp_path)
    live = tmp_path / "out" / "public"
    assert publish(capsys, monkeypatch, content, live)[0] == 0
    before = digest(live)
    change(content)
    real, count = SafeWriter.write, [0]

    def filling(self, relative, text):
        count[0] += 1
        if count[0] == 20:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC),
                          self.target(relative))
        return real(self, relative, text)

    monkeypatch.setattr(SafeWriter, "write", filling)
    code, out = publish(capsys, monkeypatch, content, live)
    assert code == 3 and f"the disk holding {live.parent} is full" in out
    assert digest(live) == before and leftovers(live) == []


@pytest.mark.slow
def test_a_build_that_leaves_the_disk_nearly_full_is_not_published(tmp_path, capsys,
                                                                   monkeypatch):
    """A program that does not check its writes (Pagefind) may have cut a
    file short when no room was left: the space is checked before the swap."""
    content = copy_fixture("basic", tmp_path)
    live = tmp_path / "out" / "public"
    assert publish(capsys, monkeypatch, content, live)[0] == 0
    before = digest(live)
    change(content)
    real = faults.free_bytes
    monkeypatch.setattr(faults, "free_bytes", lambda path: 4096
                        if ".staging-" in str(path) else real(path))
    code, out = publish(capsys, monkeypatch, content, live)
    assert code == 3 and "is full: this needs about" in out
    assert digest(live) == before and leftovers(live) == []


def noise(path: Path, size=(1600, 1200)) -> None:
    """A photo-like picture that does not compress: its encodings are large."""
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(path, quality=95)


@pytest.mark.slow
def test_a_full_picture_cache_stops_the_build_cleanly(tmp_path, capsys, monkeypatch):
    """For real: IMAGE_CACHE on a 256 kB tmpfs, pictures of 2 MB to encode."""
    content = copy_fixture("basic", tmp_path)
    item = next(content.glob("news/**/*.bs.md"))
    noise(item.parent / "big.jpg")
    noise(item.parent / "big2.jpg")
    item.write_text(item.read_text(encoding="utf-8") + "\n![Sala](big.jpg)\n"
                    "![Sala](big2.jpg)\n", encoding="utf-8")
    preview = tmp_path / "out" / "preview"
    code, out = run_task_on(tasks.build, capsys, monkeypatch, content, production=False,
                    output=str(preview), IMAGE_CACHE=str(tmp_path / "roomy-cache"))
    assert code == 0, out
    before = digest(preview)
    with tmpfs(tmp_path / "cache", 256 * 1024) as cache:
        code, out = run_task_on(tasks.build, capsys, monkeypatch, content, production=False,
                        output=str(preview), IMAGE_CACHE=str(cache),
                        RENDER_CACHE=str(cache / "render.sqlite"))
        after = digest(preview)
        assert code == 3 and "Traceback" not in out
        assert f"the disk holding {cache} is full: this needs about" in out
        assert "`invoke clean` empties the caches" in out
        assert after == before and leftovers(preview) == []
        # never half an entry: every entry folder left is whole
        entries = [p for p in cache.glob("*/*") if p.is_dir()]
        assert all((p / "manifest.json").is_file() for p in entries), entries


@pytest.mark.slow
def test_a_read_only_output_mount_is_named_and_nothing_is_left(tmp_path, capsys,
                                                               monkeypatch):
    """For real: the published folder a read-only bind mount of itself."""
    content = copy_fixture("basic", tmp_path)
    live = tmp_path / "out" / "public"
    assert publish(capsys, monkeypatch, content, live)[0] == 0
    change(content)
    before = digest(live)
    with read_only(live):
        code, out = publish(capsys, monkeypatch, content, live)
        assert code == 3 and "Traceback" not in out
        assert f"{live} cannot be replaced (Device or resource busy): it is a mount " \
               "point, mounted read-only" in out
        assert leftovers(live) == []
        # where the system has no atomic exchange: three renames, undone
        monkeypatch.setattr(swap, "RENAMEAT2", None)
        code, again = publish(capsys, monkeypatch, content, live)
        assert code == 3 and "cannot be replaced" in again
        assert leftovers(live) == []      # no public.staging-<pid>.swap
        after = digest(live)
    assert after == before


@pytest.mark.slow
def test_a_read_only_parent_folder_is_named(tmp_path, capsys, monkeypatch):
    """For real: the file system holding the output remounted read-only."""
    content = copy_fixture("basic", tmp_path)
    with tmpfs(tmp_path / "disk", 20_000_000) as disk:
        live = disk / "public"
        assert publish(capsys, monkeypatch, content, live)[0] == 0
        change(content)
        before = digest(live)
        with remounted_read_only(disk):
            code, out = publish(capsys, monkeypatch, content, live)
            after = digest(live)
        assert code == 3 and "Traceback" not in out
        assert "is on a read-only file system" in out and f"so {disk} must be " \
               "writable" in out
        assert after == before and leftovers(live) == []


@pytest.mark.slow
def test_a_swap_leftover_of_a_dead_build_is_cleared(tmp_path, capsys, monkeypatch):
    content = copy_fixture("basic", tmp_path)
    live = tmp_path / "out" / "public"
    dead = live.parent / "public.staging-999999999.swap"
    dead.mkdir(parents=True)
    (dead / "index.html").write_text("old")
    assert publish(capsys, monkeypatch, content, live)[0] == 0
    wait_until(lambda: not dead.exists(), what=f"{dead.name} to be cleared")
    assert not dead.exists()

