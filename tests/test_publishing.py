"""`invoke publish`: checked, atomic, with a rollback; a failed or killed
build leaves the published folder byte for byte as it was."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from plugins.common.errors import ContentErrors
from plugins.publishing import build as builder
from plugins.publishing import verify
from plugins.publishing.swap import exchange
from tests.conftest import ROOT, copy_fixture, settings_for
from tests.waiting import wait_until


def snapshot(folder: Path) -> dict:
    """Every file's path and content hash (and every folder)."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            if p.is_file() else "folder" for p in sorted(folder.rglob("*"))}


def publish(content: Path, live: Path, **extra):
    settings = settings_for(content, live, production=True, **extra)
    return builder.build(settings, keep_previous=True,
                         verify=lambda folder: verify.problems(folder))


@pytest.fixture
def published(tmp_path):
    content = copy_fixture("basic", tmp_path)
    live = tmp_path / "public"
    publish(content, live)
    return content, live


@pytest.mark.slow
def test_publish_keeps_the_previous_build_and_rolls_back(published):
    content, live = published
    first = snapshot(live)
    item = next(content.glob("news/**/*.bs.md"))
    item.write_text(item.read_text(encoding="utf-8") + "\nNova rečenica.\n", encoding="utf-8")
    publish(content, live)
    second = snapshot(live)
    assert second != first
    assert snapshot(builder.previous_of(live)) == first
    settings = settings_for(content, live, production=True)
    builder.rollback(settings)
    assert snapshot(live) == first
    builder.rollback(settings)      # and back again
    assert snapshot(live) == second


@pytest.mark.slow
def test_a_failed_build_leaves_the_live_site_untouched(published):
    content, live = published
    before = snapshot(live)
    (content / "news/2024/broken.bs.md").write_text("---\ntitle: X\n---\nNo date.\n",
                                                    encoding="utf-8")
    with pytest.raises(ContentErrors):
        publish(content, live)
    assert snapshot(live) == before


@pytest.mark.slow
def test_a_build_that_fails_its_checks_is_not_published(published):
    content, live = published
    before = snapshot(live)
    item = next(content.glob("news/**/*.bs.md"))
    item.write_text(item.read_text(encoding="utf-8") + "\n[stara stranica](/nema/)\n",
                    encoding="utf-8")
    with pytest.raises(builder.BuildRefused) as refused:
        publish(content, live)
    assert "links to /nema/, which the build does not have" in str(refused.value)
    assert snapshot(live) == before
    assert (live.parent / "public.rejected").is_dir()


KILLED_BUILD = """
import sys, time
sys.path.insert(0, {root!r})
from plugins.newsroom.phases import p4_assets
from plugins.publishing import build
from tests.conftest import settings_for
from pathlib import Path
real = p4_assets.publish
def slow(*args):
    found = real(*args)
    print("WRITING", flush=True)
    time.sleep(60)          # killed here, half-way through writing the new build
    return found
p4_assets.publish = slow
build.build(settings_for(Path({content!r}), Path({live!r}), production=True),
            keep_previous=True)
"""


@pytest.mark.slow
def test_a_build_killed_half_way_leaves_the_live_site_untouched(published):
    content, live = published
    before = snapshot(live)
    item = next(content.glob("news/**/*.bs.md"))
    item.write_text(item.read_text(encoding="utf-8") + "\nIzmjena.\n", encoding="utf-8")
    child = subprocess.Popen([sys.executable, "-c", KILLED_BUILD.format(
        root=str(ROOT), content=str(content), live=str(live))], stdout=subprocess.PIPE,
        text=True, cwd=ROOT)
    assert child.stdout.readline().strip() == "WRITING"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert snapshot(live) == before
    abandoned = list(live.parent.glob("public.staging-*"))
    assert abandoned                           # the dead build's half-written folder
    publish(content, live)                     # the next build clears it away
    wait_until(lambda: not any(p.exists() for p in abandoned),
               what="the dead build's half-written folder to be cleared")


def test_exchange_swaps_two_folders(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a/x").write_text("a")
    (tmp_path / "b/x").write_text("b")
    atomic = exchange(tmp_path / "a", tmp_path / "b")
    assert (tmp_path / "a/x").read_text() == "b" and (tmp_path / "b/x").read_text() == "a"
    if sys.platform.startswith("linux"):
        assert atomic


def test_rollback_without_a_previous_build_says_so(tmp_path):
    from plugins.common.errors import GlasnikError
    content = copy_fixture("basic", tmp_path)
    with pytest.raises(GlasnikError, match="no previous build"):
        builder.rollback(settings_for(content, tmp_path / "public", production=True))


def test_previews_never_replace_the_published_folder():
    # `invoke build` / `serve` (drafts, local addresses) and `invoke publish`
    # must not share a folder: deploy sends whatever the published one holds
    dev = builder.settings_from(ROOT / "pelicanconf.py")
    production = builder.settings_from(ROOT / "publishconf.py")
    assert Path(dev["OUTPUT_PATH"]) == ROOT / "preview"
    assert Path(production["OUTPUT_PATH"]) == ROOT / "output"
    ignored = (ROOT / ".gitignore").read_text().split()
    assert {"/preview/", "/output/"} <= set(ignored)


@pytest.mark.slow
def test_a_preview_build_is_marked_as_one(tmp_path):
    from plugins.publishing.marker import made_for, publishable
    content = copy_fixture("basic", tmp_path)
    builder.build(settings_for(content, tmp_path / "preview"))
    assert made_for(tmp_path / "preview")["drafts"] is True
    assert "development build" in publishable(tmp_path / "preview", "https://example.org")
    live = tmp_path / "public"
    settings = settings_for(content, live, production=True)
    builder.build(settings)
    assert publishable(live, settings["SITEURL"]) is None


@pytest.mark.slow
def test_publish_promises_a_rollback_only_when_there_is_one(tmp_path, capsys):
    import tasks
    from invoke import Context
    public = tmp_path / "public"
    tasks.publish(Context(), output=str(public))
    first = capsys.readouterr().out
    assert "no earlier one to roll back to" in first and "--rollback" not in first
    tasks.publish(Context(), output=str(public))
    assert "the previous build is kept for `invoke publish --rollback`" in \
        capsys.readouterr().out
    tasks.publish(Context(), rollback=True, output=str(public))
    assert "until this is sent: `invoke deploy`" in capsys.readouterr().out
