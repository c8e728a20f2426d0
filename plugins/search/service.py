"""Pagefind's indexing service, talked to through its own Python package.

The package's reader of the service's answers pauses 0.1 s before each one,
so 10,000 pages would take 17 minutes to add; ours reads them as they come.
The messages and the service are Pagefind's (pagefind[extended], pinned).
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import os
import time
from pathlib import Path

from pagefind.service import PagefindService


class IndexingService(PagefindService):
    """Pagefind's service, its answers read as they come."""

    @property
    def process(self) -> asyncio.subprocess.Process:
        """The running Pagefind process (started by `launch()`)."""
        return self._backend

    async def close(self, grace: float = 10.0) -> int:
        """Stop reading answers and let Pagefind exit by itself (`_stop`);
        its exit code."""
        self._poll_task.cancel()
        await _stop(self._backend, grace)
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
            line = await self._backend.stdout.readuntil(b",")
            answer = json.loads(base64.b64decode(line[:-1]))
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


async def write_index(pages, output: str, *, bundles: dict | None = None,
                      batch: int = 256) -> int:
    """Index (bundle folder, url, html) triples and write each bundle into
    `output`/<folder> ("": `output` itself); the number of pages indexed.
    `bundles`: {folder: the language Pagefind indexes it as, None for each
    page's own}. `pages` is read `batch` at a time, in a thread, while
    Pagefind indexes the batch before."""
    loop = asyncio.get_running_loop()
    pages = iter(pages)
    bundles = bundles or {"": None}

    def next_batch() -> list:
        return list(itertools.islice(pages, batch))

    service = await IndexingService().launch()
    try:
        indexes = {folder: await service.create_index(
            {"force_language": language} if language else {})
            for folder, language in bundles.items()}
        count, chunk = 0, await loop.run_in_executor(None, next_batch)
        while chunk:
            reading = loop.run_in_executor(None, next_batch)
            count += len(await asyncio.gather(*(_add(indexes[folder], url, html)
                                                for folder, url, html in chunk)))
            chunk = await reading
        for folder, index in indexes.items():
            await index.write_files(output_path=os.path.join(output, folder))
        await _settled(Path(output))
        return count
    finally:
        await service.close()


async def _settled(bundle: Path, every: float = 0.1, within: float = 30.0) -> None:
    """Wait until Pagefind's background writes into `bundle` are done: the
    same files at the same sizes three times in a row. It answers
    write_files before they are, and a busy machine showed that its exit
    does not wait for them (files cut short, an empty entry list)."""
    seen, same = None, 0
    deadline = time.monotonic() + within
    while same < 3 and time.monotonic() < deadline:
        await asyncio.sleep(every)
        now = sorted((str(p), p.stat().st_size) for p in bundle.rglob("*") if p.is_file())
        same = same + 1 if now == seen else 0
        seen = now


async def _stop(backend, grace: float = 10.0) -> None:
    """Let Pagefind exit by itself: it answers write_files before its last
    file writes have reached the disk (tokio writes in the background), and a
    signal then can leave a file cut short. It exits when its input closes."""
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
