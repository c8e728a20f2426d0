"""Ctrl-C and SIGTERM (a cancelled CI job, `kill PID`) while publishing:
every helper process stops (forked workers, Pagefind), the staging folder
goes, the published folder is byte for byte as it was, one line says so,
and the exit code is 130 or 143. Real signals to a real `publish`, held
at the moment named (a patched step waits there)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from plugins.publishing import build as builder
from plugins.publishing.interrupt import descendants
from tests.conftest import ROOT, copy_fixture, settings_file, settings_for
from tests.mounts import digest
from tests.waiting import wait_until

PUBLISH = """
import sys
sys.path.insert(0, {root!r})
from pathlib import Path
import tasks
from invoke import Context
from invoke.exceptions import Exit
tasks.SETTINGS["production"] = Path({settings!r})
{hold}
try:
    tasks.publish(Context(), output={live!r})
except Exit as exc:
    sys.exit(exc.code)
"""

HOLD = {
    # in each forked worker: encoding a picture takes a minute
    "pictures": """
import time
from plugins.images import pipeline
def slow(*args):
    print("BUSY", flush=True)
    time.sleep(60)
pipeline.encode_one = slow
""",
    # Pagefind is running, busy until it is stopped
    "search index": """
from plugins.search.service import IndexingService
real = IndexingService.launch
async def launch(self):
    service = await real(self)
    print("BUSY", flush=True)
    await service.process.wait()
    return service
IndexingService.launch = launch
""",
    "pages": """
import time
from plugins.newsroom.phases.p5_pages import Pages
def slow(self, view):
    print("BUSY", flush=True)
    time.sleep(60)
Pages.render = slow
""",
}


def running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z"
    except OSError:
        return False


@pytest.fixture
def site(tmp_path):
    if not Path("/proc/self/stat").exists():
        pytest.skip("finding helper processes needs /proc (Linux)")
    content = copy_fixture("basic", tmp_path)
    item = next(content.glob("news/**/*.bs.md"))
    for n in range(3):   # pictures to encode, in forked workers
        Image.new("RGB", (64, 48), (n * 80, 90, 160)).save(item.parent / f"p{n}.jpg")
    item.write_text(item.read_text(encoding="utf-8") + "".join(
        f"\n![Slika {n}](p{n}.jpg)\n" for n in range(3)), encoding="utf-8")
    live = tmp_path / "out" / "public"
    builder.build(settings_for(content, live, production=True,
                               IMAGE_CACHE=str(tmp_path / "cache-first")))
    return content, live


@pytest.mark.slow
@pytest.mark.parametrize("moment, signum, to_group", [
    ("pictures", signal.SIGTERM, False),     # a cancelled CI job
    ("pictures", signal.SIGINT, True),       # Ctrl-C: the terminal signals everyone
    ("search index", signal.SIGINT, False),
    ("search index", signal.SIGTERM, False),
    ("pages", signal.SIGTERM, False),
])
def test_a_signal_stops_publish_cleanly(site, tmp_path, moment, signum, to_group):
    content, live = site
    before = digest(live)
    child = subprocess.Popen(
        [sys.executable, "-c", PUBLISH.format(
            root=str(ROOT), live=str(live), hold=HOLD[moment],
            # no kept search index: Pagefind runs, to be stopped
            settings=str(settings_file(tmp_path, content, production=True, BUILD_WORKERS=3,
                                       SEARCH_CACHE=None,
                                       IMAGE_CACHE=str(tmp_path / f"cache-{moment}-{signum}"))))],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        start_new_session=True)
    try:
        for line in child.stdout:
            if line.strip() == "BUSY":
                break
        else:
            pytest.fail(f"publish ended before {moment}: {child.stderr.read()[-2000:]}")
        # every forked worker (3) or Pagefind is up before the signal
        wanted = {"pictures": 3, "search index": 1, "pages": 0}[moment]

        def started():
            found = descendants(child.pid)
            return found if len(found) >= wanted else None
        helpers = wait_until(started, what=f"{wanted} helper processes while {moment}") \
            if wanted else descendants(child.pid)
        (os.killpg if to_group else os.kill)(child.pid, signum)
        code = child.wait(timeout=15)
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
    wait_until(lambda: not any(running(p) for p in helpers),
               what="the helper processes to stop")
    err = child.stderr.read()
    after = digest(live)
    assert code == 128 + signum
    name = signal.Signals(signum).name
    assert err.strip().splitlines() == [
        f"Stopped by {name}: helper processes stopped; nothing was published: the "
        "unfinished build was removed and the live site is as it was."], err
    assert after == before
    assert sorted(p.name for p in live.parent.iterdir()) == ["public",
                                                             "public.glasnik-build"]
    print(f"\n{name} while {moment}: exit {code}, {err.strip()}\n"
          f"  published folder: {before} before, {after} after")


def test_a_signal_during_the_swap_waits_until_it_is_whole():
    from plugins.publishing import interrupt
    done, before = [], signal.getsignal(signal.SIGTERM)
    with pytest.raises(interrupt.Interrupted) as stopped:
        with interrupt.stopping_cleanly():
            with interrupt.held():
                signal.raise_signal(signal.SIGTERM)   # handled before the next line
                done.append("swapped")
    assert done == ["swapped"]
    assert stopped.value.published and stopped.value.exitcode == 143
    assert signal.getsignal(signal.SIGTERM) == before
