"""`invoke serve`: rebuild on change, tell open pages to reload, keep the last
good site when a build fails."""

from __future__ import annotations

import http.client
import queue
import threading
import time

import pytest

from plugins.preview import Broadcast, Rebuilder, start_server, watch_and_rebuild
from tests.conftest import ROOT, build_site, copy_fixture, html, settings_for
from tests.waiting import poll, wait_until


def events(port: int, found: queue.Queue, ready: threading.Event):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/__glasnik/events")
    response = connection.getresponse()
    ready.set()
    kind = None
    while True:
        line = response.readline().decode()
        if not line:
            return
        if line.startswith("event: "):
            kind = line[7:].strip()
        elif line.startswith("data: ") and kind:
            found.put((kind, line[6:].strip(), time.perf_counter()))
            kind = None


def event_for(found, lines, name: str, timeout: float = 30):
    """The first event of a build that saw `name` change. A probe build of the
    fixture (a re-saved topics.yml) that lands late on a busy machine is
    passed over: its report names another file."""
    deadline = time.monotonic() + timeout
    while True:
        kind, data, when = found.get(timeout=max(0.1, deadline - time.monotonic()))
        if kind == "failed" and name in data:
            return kind, data, when
        # the report follows the event
        if poll(lambda: any(name in line for line in lines), timeout=2):
            return kind, data, when


def get(port: int, path: str) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    return response.status, response.read().decode()


@pytest.fixture
def preview(tmp_path):
    content = copy_fixture("basic", tmp_path)
    output = tmp_path / "output"

    rebuild = Rebuilder(lambda: settings_for(content, output, LIVE_RELOAD=True))
    assert rebuild() is None
    broadcast, stop = Broadcast(), threading.Event()
    server = start_server(output, broadcast, 0)
    port = server.server_address[1]
    lines = []
    watcher = threading.Thread(target=watch_and_rebuild, args=([content], rebuild, broadcast),
                               kwargs={"stop": stop, "report": lines.append}, daemon=True)
    watcher.start()
    found, ready = queue.Queue(), threading.Event()
    threading.Thread(target=events, args=(port, found, ready), daemon=True).start()
    assert ready.wait(10)
    # The watcher starts in its own thread: re-save a file until a build
    # lands, so the tests' own edits cannot come before it is watching.
    topics = content / "topics.yml"

    def built() -> bool:
        if found.empty():
            topics.write_text(topics.read_text(encoding="utf-8"), encoding="utf-8")
        return not found.empty()
    wait_until(built, what="the watcher to report a build", every=0.5)
    while True:   # until no probe build is reported for 1.5 s
        try:
            found.get(timeout=1.5)
        except queue.Empty:
            break
    lines.clear()
    yield content, port, found, lines
    stop.set()
    server.shutdown()


@pytest.mark.slow
def test_a_saved_edit_reloads_the_page(preview):
    content, port, found, lines = preview
    status, page = get(port, "/bs/vijesti/conference/")
    assert status == 200 and '<script src="/__glasnik/reload.js" defer>' in page
    status, script = get(port, "/__glasnik/reload.js")
    assert status == 200 and "EventSource" in script
    item = content / "news/2024/conference.bs.md"
    saved = time.perf_counter()
    item.write_text(item.read_text(encoding="utf-8").replace("Završna konferencija",
                                                             "Nova konferencija"),
                    encoding="utf-8")
    kind, _, when = event_for(found, lines, "conference.bs.md")
    assert kind == "reload"
    print(f"\nsaved to reload event: {when - saved:.2f} s")   # a figure, not a limit
    status, page = get(port, "/bs/vijesti/conference/")
    assert "Nova konferencija" in page
    # a text edit: rebuilt in place, its lists too
    assert any(line.startswith("rebuilt in place in") for line in lines), lines
    assert "Nova konferencija" in get(port, "/bs/vijesti/")[1]


@pytest.mark.slow
def test_a_failed_build_keeps_the_last_good_site(preview):
    content, port, found, lines = preview
    _, before = get(port, "/bs/vijesti/conference/")
    (content / "news/2024/broken.bs.md").write_text("---\ntitle: X\n---\nNo date.\n",
                                                    encoding="utf-8")
    kind, data, _ = event_for(found, lines, "broken.bs.md")
    assert kind == "failed" and "broken.bs.md" in data and "date" in data
    status, after = get(port, "/bs/vijesti/conference/")
    assert status == 200 and after == before
    assert get(port, "/nowhere/")[0] == 404


@pytest.mark.slow
def test_published_builds_never_name_the_reload_script(tmp_path):
    out = tmp_path / "out"
    build_site(copy_fixture("basic", tmp_path), out)
    assert "__glasnik" not in (out / "bs/index.html").read_text(encoding="utf-8")
    assert html(out / "bs/index.html").select("script[src]") == []


def test_serve_on_a_busy_port_says_so(capsys):
    import socket
    import tasks
    from invoke import Context
    from invoke.exceptions import Exit
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(Exit) as stopped:
            tasks.serve(Context(), port=port)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert f"port {port} is in use" in err and f"--port {port + 1}" in err


@pytest.mark.slow
def test_translations_piped_into_head_ends_quietly(content):
    """A table longer than a pipe holds: `head` closes it early."""
    import subprocess
    import sys
    for n in range(1500):
        (content / f"news/2017/item-{n:04d}.sr-cyrl.md").write_text(
            f"---\ntitle: Вест {n}\ndate: 2017-02-10\n---\nТекст.\n", encoding="utf-8")
    run = subprocess.run(f"{sys.executable} -m invoke translations --content {content} "
                         "| head -n 1", shell=True, cwd=ROOT, capture_output=True,
                         text=True, timeout=300)
    assert run.stdout.startswith("item") and "BrokenPipe" not in run.stderr, run.stderr
    assert "Traceback" not in run.stderr, run.stderr
