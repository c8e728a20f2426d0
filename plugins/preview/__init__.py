"""preview: `invoke serve`, the site on http://127.0.0.1:8000 rebuilt on
every change and reloaded in the open browser tab.

A full build replaces preview/ in one step (plugins.publishing.build), so the
server always serves a whole site, old or new; an edit of items' text is
rebuilt in place, page by page, each page replaced whole
(plugins.preview.live). Open pages listen on an event stream
(/__glasnik/events) and reload when a build lands; a build that fails shows
its problems over the page and keeps the last good site. The reload script
is served from memory and named only in preview builds (LIVE_RELOAD), so it
never reaches a published site.
"""

from __future__ import annotations

import http.server
import json
import socket
import threading
import time
from pathlib import Path

EVENTS = "/__glasnik/events"
SCRIPT = "/__glasnik/reload.js"

RELOAD_JS = """// Preview only: reload when a new build lands, show a failed one's problems.
(function () {
  var events = new EventSource("%s");
  events.addEventListener("reload", function () { location.reload(); });
  events.addEventListener("failed", function (event) {
    var box = document.getElementById("glasnik-build-failed") || document.createElement("pre");
    box.id = "glasnik-build-failed";
    box.textContent = JSON.parse(event.data);
    box.setAttribute("role", "alert");
    box.className = "build-failed";
    document.body.prepend(box);
  });
})();
""" % EVENTS


class Rebuilder:
    """What the preview runs on each change: `rebuild(changed paths)` returns
    None when the site is rebuilt, else the problems to show. An edit of
    items' text is rebuilt in place; anything else, and the first call, is
    a full build of `settings()`."""

    def __init__(self, settings):
        self.settings = settings
        self.live = None          # the last full build's LiveSite
        self.how = ""             # "in place" or "in full", for the report

    def __call__(self, changed=frozenset()) -> str | None:
        from plugins.common.errors import ContentErrors, GlasnikError
        from plugins.publishing.build import build
        from plugins.preview.live import FULL, LiveSite
        if self.live is not None and changed:
            try:
                outcome = self.live.edit(changed)
            except GlasnikError as exc:
                return str(exc)
            if outcome != FULL:
                self.how = "in place"
                return outcome
        self.how = "in full"
        # until a full build lands, the output is the last good one, not
        # what the content says: no edit in place on top of it
        self.live = None
        try:
            result = build(self.settings())
        except ContentErrors as exc:
            return exc.problems.report()
        except GlasnikError as exc:   # a setting, a picture, the disk, the search index
            return f"{type(exc).__name__}: {exc}"
        self.live = LiveSite(result.build, result.output)
        return None


class Broadcast:
    """The latest build event, for every open page to wait on."""

    def __init__(self):
        self.condition = threading.Condition()
        self.number = 0
        self.event = ("reload", "")

    def send(self, kind: str, data: str = "") -> None:
        """Tell every open page: `reload`, or `failed` with the problems."""
        with self.condition:
            self.number += 1
            self.event = (kind, data)
            self.condition.notify_all()

    def wait(self, seen: int, timeout: float):
        """(number, event) of the next event after `seen`, or the same after
        `timeout` seconds."""
        with self.condition:
            self.condition.wait_for(lambda: self.number != seen, timeout=timeout)
            return self.number, self.event


class StaticSiteHandler(http.server.SimpleHTTPRequestHandler):
    """Files as a static host serves them: never cached by the browser, and
    the site's 404.html for anything missing. Subclasses set the folder."""

    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_body(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_error(self, code, message=None, explain=None):
        missing = Path(self.directory) / "404.html"
        if code != 404 or not missing.is_file():
            return super().send_error(code, message, explain)
        self.send_body(404, "text/html; charset=utf-8", missing.read_bytes())


def make_handler(folder: Path, broadcast: Broadcast, repository=None):
    """`repository`: a plugins.editor.local.LocalRepository to answer the
    web editor's saves (its proxy protocol), or None."""
    from plugins.editor import LOCAL_API

    class Handler(StaticSiteHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(folder), **kwargs)

        def do_GET(self):
            if self.path == SCRIPT:
                return self.send_body(200, "text/javascript; charset=utf-8",
                                      RELOAD_JS.encode())
            if self.path == EVENTS:
                return self.stream()
            return super().do_GET()

        def do_POST(self):
            if repository is None or self.path != LOCAL_API:
                return self.send_error(404)
            from plugins.editor.local import Refused
            try:
                request = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
                answer = repository.answer(request.get("action"), request.get("params") or {})
            except (Refused, ValueError, TypeError, KeyError, OSError) as exc:
                body = json.dumps({"error": f"{type(exc).__name__}: {exc}"}).encode()
                return self.send_body(422, "application/json", body)
            self.send_body(200, "application/json", json.dumps(answer).encode())

        def stream(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            seen = broadcast.number
            try:
                self.wfile.write(b": connected\n\n")
                self.wfile.flush()
                while True:
                    number, (kind, data) = broadcast.wait(seen, timeout=15)
                    if number == seen:
                        self.wfile.write(b": still here\n\n")   # keeps proxies awake
                    else:
                        seen = number
                        self.wfile.write(f"event: {kind}\ndata: {json.dumps(data)}\n\n"
                                         .encode())
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                return
    return Handler


def port_in_use(port: int, host: str = "127.0.0.1") -> str | None:
    """Why the preview cannot listen on `port`, or None when it can."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            return exc.strerror or str(exc)
    return None


def start_server(folder: Path, broadcast: Broadcast, port: int,
                 host: str = "127.0.0.1", repository=None) -> http.server.ThreadingHTTPServer:
    """The preview's web server on `host`:`port` (0: any free port), serving
    `folder`, the reload events and, with a repository, the editor's saves."""
    server = http.server.ThreadingHTTPServer((host, port),
                                             make_handler(folder, broadcast, repository))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def watch_and_rebuild(paths: list, rebuild, broadcast: Broadcast, stop=None,
                      report=print) -> None:
    """Rebuild after each batch of changes under `paths`; tell open pages.

    `rebuild(changed paths)` returns None on success or the problems to show."""
    from watchfiles import watch
    for changes in watch(*paths, debounce=50, step=20, stop_event=stop,
                         watch_filter=_interesting):
        started = time.perf_counter()
        names = sorted({Path(p).name for _, p in changes})
        problems = rebuild({Path(p) for _, p in changes})
        seconds = time.perf_counter() - started
        if problems is None:
            broadcast.send("reload")
            how = getattr(rebuild, "how", "")
            report(f"rebuilt{' ' + how if how else ''} in {seconds:.2f} s after a change "
                   f"to {', '.join(names[:3])}")
        else:
            broadcast.send("failed", problems)
            report(f"{problems}\nthe build stopped; the preview shows the last good site")


def _interesting(change, path: str) -> bool:
    name = Path(path).name
    return not (name.startswith(".") or name.endswith(("~", ".swp", ".tmp", ".pyc"))
                or "__pycache__" in path)
