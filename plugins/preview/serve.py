"""`invoke serve` put together: the first build, the server, and a rebuild
on every change, in place where it can be; a change of plugin code restarts
the whole process, since a module already imported would not reload."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Callable

from . import Broadcast, Rebuilder, start_server, watch_and_rebuild


class RestartingRebuilder(Rebuilder):
    """A Rebuilder that starts the process again (`restart`: its argv) when
    a file under `code` changed."""

    def __init__(self, settings: Callable[[], dict], code: Path, restart: list[str]):
        super().__init__(settings)
        self.code, self.restart = code, restart

    def __call__(self, changed=frozenset()):
        if any(self.code in path.parents for path in changed):
            print("plugin code changed: restarting", flush=True)
            os.execv(sys.executable, [sys.executable, *self.restart])
        return super().__call__(changed)


def local_editor(settings: dict):
    """The working copy the web editor saves into when EDITOR is local, else
    None; SettingsError for an EDITOR setting that is wrong."""
    from plugins.editor import load_editor
    from plugins.editor.local import LocalRepository
    editor = load_editor(settings)
    if editor is None or editor["backend"] != "local":
        return None
    return LocalRepository(Path(settings["PATH"]))


def serve_and_watch(settings: Callable[[], dict], port: int, watched: list[Path],
                    code: Path, restart: list[str], repository=None) -> None:
    """Build once, serve the output on 127.0.0.1:`port`, then rebuild on
    every change of `watched` until Ctrl+C."""
    rebuild = RestartingRebuilder(settings, code, restart)
    broadcast = Broadcast()
    started = time.perf_counter()
    problems = rebuild()
    print(problems or f"built in {time.perf_counter() - started:.2f} s")
    output = Path(settings()["OUTPUT_PATH"]).resolve()
    output.mkdir(exist_ok=True)
    start_server(output, broadcast, port, repository=repository)
    print(f"Serving on http://127.0.0.1:{port}/ (Ctrl+C stops); watching content/, "
          "theme/, plugins/ and the settings", flush=True)
    if repository is not None and (output / "admin" / "index.html").is_file():
        print(f"Write in the browser: http://127.0.0.1:{port}/admin/ (saves into "
              f"{repository.content.name}/)", flush=True)
    try:
        watch_and_rebuild(watched, rebuild, broadcast,
                          report=lambda line: print(line, flush=True))
    except KeyboardInterrupt:
        pass
