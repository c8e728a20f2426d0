"""Pagefind's indexing service, talked to through its own Python package.

The package's reader of the service's answers pauses 0.1 s before each one,
so 10,000 pages would take 17 minutes to add; ours reads them as they come,
of any length (the index taken back whole is megabytes in one answer).
The messages and the service are Pagefind's (pagefind[extended], pinned).
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import shutil
import signal
import tempfile
import threading
from pathlib import Path, PurePosixPath

from pagefind.service import PagefindService

from . import laid_out

# The pages of a folder Pagefind reads (page_file names them)
PAGES = "**/*.html"

# The Pagefind services running, by process id; set when the index must stop
_running: set[int] = set()
_stopping = threading.Event()


def stop_all() -> None:
    """End every Pagefind service this process runs, and any launched from
    now until resume(): a build stopped by Ctrl-C while indexing must not
    wait for a run that began after its helpers were stopped."""
    _stopping.set()
    for pid in list(_running):
        _end(pid)


def resume() -> None:
    """Services may be launched again (the stopped index has ended)."""
    _stopping.clear()


def _end(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass


class IndexingService(PagefindService):
    """Pagefind's service, its answers read as they come."""

    @property
    def process(self) -> asyncio.subprocess.Process:
        """The running Pagefind process (started by `launch()`)."""
        return self._backend

    async def launch(self) -> IndexingService:
        """Start Pagefind, unless the index is stopping (stop_all)."""
        if _stopping.is_set():
            raise RuntimeError("the search index was stopped")
        await super().launch()
        _running.add(self._backend.pid)
        if _stopping.is_set():   # stopped while it started: stop_all missed it
            _end(self._backend.pid)
        return self

    async def close(self, grace: float = 10.0) -> int:
        """Stop reading answers and let Pagefind exit by itself (`_stop`);
        its exit code."""
        self._poll_task.cancel()
        try:
            await _stop(self._backend, grace)
        finally:
            _running.discard(self._backend.pid)
        return self._backend.returncode

    async def _wait_for_responses(self) -> None:
        try:
            await self._answer_all()
        except BaseException as exc:
            # Pagefind exited or said something we cannot read: every
            # request still waiting fails, rather than waiting for ever
            # (closed by us: cancelled, so no unread error is logged at exit)
            for future in self._responses.values():
                if future.done():
                    continue
                if isinstance(exc, asyncio.CancelledError):
                    future.cancel()
                else:
                    future.set_exception(RuntimeError(
                        f"the Pagefind service stopped answering ({exc!r})"))
            self._responses.clear()
            raise

    async def _answer_all(self) -> None:
        while True:
            answer = json.loads(base64.b64decode(await self._answer()))
            if answer is None:
                continue
            payload = answer["payload"]
            message_id = answer.get("message_id")
            if message_id is None and payload.get("original_message"):
                message_id = json.loads(payload["original_message"]).get("message_id")
            future = self._responses.pop(message_id, None)
            if future is None or future.done():
                continue
            if payload["type"] == "Error":
                future.set_exception(RuntimeError(payload.get("message", "unknown error")))
            else:
                future.set_result(payload)

    async def _answer(self) -> bytes:
        """The next answer, without its closing comma, however long."""
        stream, chunks = self._backend.stdout, []
        while True:
            try:
                chunks.append(await stream.readuntil(b","))
                return b"".join(chunks)[:-1]
            except asyncio.LimitOverrunError as exc:   # longer than the buffer
                chunks.append(await stream.readexactly(exc.consumed))


async def write_index(pages, output: str, *, bundles: dict | None = None,
                      pages_folder: Path | None = None) -> int:
    """Index (bundle folder, url, page) triples, a page being its HTML or a
    file that holds it, and write each bundle into
    `output`/<folder> ("": `output` itself); the number of pages indexed.
    `bundles`: {folder: the language Pagefind indexes it as, None for each
    page's own}.

    Pagefind reads a folder of pages on every core (add_directory), where
    pages sent one by one are indexed on one, at twice the CPU: so the pages
    are written into a folder beside `output` first, each at the path its
    address is made from (a page whose address no path gives is sent). The
    index is then taken back whole (get_files) and written here: Pagefind's
    own write_files answers before its files are on the disk.

    `pages_folder`: for a single bundle, the folder its pages are laid out
    in and kept after (laid_out.py: a page already there is not placed
    again), instead of a folder of their own removed after."""
    loop = asyncio.get_running_loop()
    bundles = bundles or {"": None}
    if pages_folder is not None and len(bundles) != 1:
        raise ValueError("a kept folder of pages holds one bundle's")
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(prefix=f".{output.name}-pages-", dir=output.parent))
    try:
        folders = {folder: pages_folder or staged / str(number)
                   for number, folder in enumerate(bundles)}
        sent, laid = await loop.run_in_executor(None, _lay_out, pages, folders)
        service = await IndexingService().launch()
        try:
            count = 0
            for folder, language in bundles.items():
                index = await service.create_index(
                    {"force_language": language} if language else {})
                if laid[folder]:
                    count += (await index.add_directory(str(folders[folder]), glob=PAGES))[
                        "page_count"]
                count += len(await asyncio.gather(*(_add(index, url, html)
                                                    for url, html in sent[folder])))
                files = await index.get_files()
                await loop.run_in_executor(None, _write_files, files, output / folder)
            return count
        finally:
            await service.close()
    finally:
        shutil.rmtree(staged, ignore_errors=True)


def page_file(url: str) -> str | None:
    """The path below a folder of pages that Pagefind gives the address
    `url` (it drops a last "index.html"), or None where no path does."""
    parts = url.split("/")
    if parts[0] or any(part in (".", "..") for part in parts) or "" in parts[1:-1]:
        return None
    if url.endswith("/"):
        return url[1:] + "index.html"
    if url.endswith(".html") and parts[-1] != "index.html":
        return url[1:]
    return None


def _lay_out(pages, folders: dict[str, Path]) -> tuple[dict[str, list], dict[str, int]]:
    """Put each page (its HTML, or a file that holds it: linked) into its
    bundle's folder at page_file(url), and nothing else (laid_out.update);
    {bundle folder: the (url, html) of the pages to send instead}, and
    {bundle folder: how many pages it holds}."""
    wanted: dict[str, dict] = {folder: {} for folder in folders}
    sent: dict[str, list] = {folder: [] for folder in folders}
    for folder, url, page in pages:
        relative = page_file(url)
        # two pages at one address: as Pagefind has them
        if relative is None or relative in wanted[folder]:
            sent[folder].append((url, page if isinstance(page, str) else
                                 page.read_text(encoding="utf-8")))
        else:
            wanted[folder][relative] = page
    for folder, laid in wanted.items():
        laid_out.update(folders[folder], laid)
    return sent, {folder: len(laid) for folder, laid in wanted.items()}


def _write_files(files: list, folder: Path) -> None:
    """Write the index files get_files gave into `folder`."""
    made = set()
    for file in files:
        parts = PurePosixPath(file["path"]).parts
        if not parts or parts[0] == "/" or ".." in parts:
            raise RuntimeError(f"it gave a file outside its folder: {file['path']}")
        parent = folder.joinpath(*parts[:-1])
        if parent not in made:
            parent.mkdir(parents=True, exist_ok=True)
            made.add(parent)
        with open(parent / parts[-1], "wb") as handle:
            handle.write(file["content"])


async def _stop(backend, grace: float = 10.0) -> None:
    """Let Pagefind exit by itself, as a signal could stop it in the middle
    of something (it writes nothing here, but it did when it wrote its own
    files: one cut short). It exits when its input closes."""
    if backend.returncode is None:
        backend.stdin.close()
        try:
            await asyncio.wait_for(backend.wait(), grace)
        except asyncio.TimeoutError:
            backend.terminate()
    await backend.wait()


async def _add(index, url: str, html: str):
    try:
        return await index.add_html_file(content=html, url=url)
    except RuntimeError as exc:
        raise RuntimeError(f"{url}: {exc}") from None
