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
    a file under `code` changed, or when a change of the settings moved
    what is to be watched (`watching`: watched_folders, or while the
    settings cannot be read, the code and the settings files)."""

    def __init__(self, settings: Callable[[], dict], code: Path, restart: list[str],
                 settings_files: list[Path] = ()):
        super().__init__(settings)
        self.code, self.restart, self.settings_files = code, restart, list(settings_files)
        self.watching = self._watched() or sorted({code, *self.settings_files})

    def __call__(self, changed=frozenset()):
        if any(self.code in path.parents for path in changed):
            self._restart("plugin code changed")
        if set(changed) & set(self.settings_files) and \
                self._watched() not in (None, self.watching):
            self._restart("the folders to watch changed")
        return super().__call__(changed)

    def _watched(self) -> list[Path] | None:
        try:
            settings = self.settings()
        except Exception:   # a settings file mid-edit: the build says what is wrong
            return None
        return watched_folders(settings, self.code, self.settings_files)

    def _restart(self, why: str):
        print(f"{why}: restarting", flush=True)
        os.execv(sys.executable, [sys.executable, *self.restart])


def watched_folders(settings: dict, code: Path, settings_files: list[Path]) -> list[Path]:
    """What the preview watches: the content folder, the theme, the folders
    whose templates replace the theme's, the plugins and the settings
    files, as the settings name them (each once: not one inside another; a
    folder that is missing is not, and its build says so)."""
    from plugins.newsroom.phases.p5_pages.templates import override_folders
    found = {Path(path).resolve() for path in [settings["PATH"], settings["THEME"],
                                               *override_folders(settings), code,
                                               *settings_files]}
    return sorted(path for path in found if path.exists()
                  and not any(parent in found for parent in path.parents))


def local_editor(settings: dict):
    """The working copy the web editor saves into when EDITOR is local, else
    None; SettingsError for an EDITOR setting that is wrong."""
    from plugins.editor import load_editor
    from plugins.editor.local import LocalRepository
    editor = load_editor(settings)
    if editor is None or editor["backend"] != "local":
        return None
    return LocalRepository(Path(settings["PATH"]))


def serve_and_watch(settings: Callable[[], dict], port: int, settings_files: list[Path],
                    code: Path, restart: list[str], repository=None) -> None:
    """Build once, serve the output on 127.0.0.1:`port`, then rebuild on
    every change of the watched folders (watched_folders) until Ctrl+C."""
    rebuild = RestartingRebuilder(settings, code, restart, settings_files)
    broadcast = Broadcast()
    started = time.perf_counter()
    problems = rebuild()
    print(problems or f"built in {time.perf_counter() - started:.2f} s")
    output = Path(settings()["OUTPUT_PATH"]).resolve()
    output.mkdir(exist_ok=True)
    start_server(output, broadcast, port, repository=repository)
    print(f"Serving on http://127.0.0.1:{port}/ (Ctrl+C stops); watching "
          f"{', '.join(_shown(path) for path in rebuild.watching)}", flush=True)
    if repository is not None and (output / "admin" / "index.html").is_file():
        print(f"Write in the browser: http://127.0.0.1:{port}/admin/ (saves into "
              f"{repository.content.name}/)", flush=True)
    try:
        watch_and_rebuild(rebuild.watching, rebuild, broadcast,
                          report=lambda line: print(line, flush=True))
    except KeyboardInterrupt:
        pass


def _shown(path: Path) -> str:
    """A watched path as the terminal shows it: relative to the current
    folder where it is inside it; a folder with a trailing slash."""
    try:
        shown = path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        shown = str(path)
    return shown + "/" if path.is_dir() else shown
