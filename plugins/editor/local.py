"""Decap CMS's proxy protocol, answered by `invoke serve` (no Node process).

Decap's `proxy` backend POSTs `{"action": ..., "params": {...}}` to one URL
(LOCAL_API) and expects what decap-server's local_fs middleware answers
(decap-server 3.11, src/middlewares/localFs): entries as `{data, file: {path,
id}}`, media as base64. Paths are relative to the project folder and must
stay inside content/: anything else is refused, as decap-server refuses
paths outside its repository. A save writes the file; the preview's watcher
sees it and rebuilds.
"""

from __future__ import annotations

import base64
import hashlib
import os
import tempfile
from pathlib import Path


class Refused(Exception):
    """A request the local editor does not serve (a path outside content/)."""


class LocalRepository:
    """The folder that holds content/ (the configuration's paths start with
    `content/`, as in the repository)."""

    def __init__(self, content: Path):
        self.content = Path(content).resolve()
        self.root = self.content.parent

    # --- paths ----------------------------------------------------------------

    def resolve(self, relative: str) -> Path:
        """The absolute path of a path the editor sent; Refused outside content/."""
        path = (self.root / relative).resolve()
        if path != self.content and self.content not in path.parents:
            raise Refused(f"{relative!r} is not inside {self.content.name}/")
        return path

    def relative(self, path: Path) -> str:
        """A path as the editor names it: relative to the project folder."""
        return path.relative_to(self.root).as_posix()

    # --- actions --------------------------------------------------------------

    def answer(self, action: str, params: dict):
        """The answer to one of the editor's requests (`do_<action>`)."""
        handler = getattr(self, "do_" + str(action), None)
        if handler is None:
            raise Refused(f"unknown action {action!r}")
        return handler(**params) if params else handler()

    def do_info(self):
        return {"repo": self.root.name, "publish_modes": ["simple"], "type": "local_fs"}

    def do_entriesByFolder(self, folder: str, extension: str, depth: int = 1, **_):
        base = self.resolve(folder)
        return [self.entry(self.relative(p)) for p in self.files(base, extension, depth)]

    def do_entriesByFiles(self, files: list, **_):
        return [self.entry(f["path"], f.get("label")) for f in files]

    def do_getEntry(self, path: str, **_):
        return self.entry(path)

    def do_persistEntry(self, entry: dict | None = None, dataFiles: list | None = None,
                        assets: list = (), options: dict | None = None, **_):
        files = dataFiles or [entry]
        # checked before anything is written: all or nothing
        targets = [(self.resolve(f["path"]), f["raw"].encode()) for f in files]
        media = [(self.resolve(a["path"]), _decode(a)) for a in assets]
        for path, data in [*targets, *media]:
            write_atomically(path, data)
        return {"message": "entry persisted"}

    def do_getMedia(self, mediaFolder: str, **_):
        base = self.resolve(mediaFolder)
        return [self.media(p) for p in self.files(base, "", 1)]

    def do_getMediaFile(self, path: str, **_):
        return self.media(self.resolve(path))

    def do_persistMedia(self, asset: dict, **_):
        path = self.resolve(asset["path"])
        write_atomically(path, _decode(asset))
        return self.media(path)

    def do_deleteFile(self, path: str, **_):
        self.resolve(path).unlink(missing_ok=True)
        return {"message": f"deleted file {path}"}

    def do_deleteFiles(self, paths: list, **_):
        for path in [self.resolve(p) for p in paths]:
            path.unlink(missing_ok=True)
        return {"message": f"deleted files {', '.join(paths)}"}

    def do_getDeployPreview(self, **_):
        return None

    # --- answers --------------------------------------------------------------

    @staticmethod
    def files(base: Path, extension: str, depth: int) -> list[Path]:
        """The files with this extension under `base`, `depth` folders deep."""
        if depth <= 0 or not base.is_dir():
            return []
        found = []
        for path in sorted(base.iterdir()):
            if path.name.startswith("."):
                continue
            if path.is_dir():
                found += LocalRepository.files(path, extension, depth - 1)
            elif path.name.endswith(extension):
                found.append(path)
        return found

    def entry(self, relative: str, label: str | None = None) -> dict:
        """An entry as the editor reads it: the file's text and path."""
        try:
            data = self.resolve(relative).read_bytes()
        except OSError:
            return {"data": None, "file": {"path": relative, "label": label, "id": None}}
        return {"data": data.decode("utf-8"),
                "file": {"path": relative, "label": label,
                         "id": hashlib.sha256(data).hexdigest()}}

    def media(self, path: Path) -> dict:
        """A picture or file as the editor reads it: base64 content and path."""
        data = path.read_bytes()
        return {"id": hashlib.sha256(data).hexdigest(),
                "content": base64.b64encode(data).decode(), "encoding": "base64",
                "path": self.relative(path), "name": path.name}


def _decode(asset: dict) -> bytes:
    if asset.get("encoding") == "base64":
        return base64.b64decode(asset["content"])
    return str(asset["content"]).encode()


def write_atomically(path: Path, data: bytes) -> None:
    """The watcher sees the whole file or none of it. Temporary files start
    with a dot: the preview's watcher ignores those."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".editor-")
    with os.fdopen(handle, "wb") as file:
        file.write(data)
    os.chmod(temporary, 0o644)
    os.replace(temporary, path)
