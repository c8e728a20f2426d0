"""Each part of the search index is placed in its bundle as soon as it is
ready (plugins/search/parts.py: place, join_entries, index_parts): kept
parts while Pagefind still indexes the others, by hard links, and the
bundle's entry list made of all its parts' at the end."""

from __future__ import annotations

import asyncio
import json
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from plugins.search import parts

pytestmark = pytest.mark.unit


def part_files(folder: Path, language: str, shared: str = "shared script") -> Path:
    """A part's folder as Pagefind leaves it (its entry list, its sizes)."""
    files = {"pagefind.js": shared, f"pagefind.{language}_1.pf_meta": language,
             f"fragment/{language}_1.pf_fragment": f"{language} page", "unused.css": "x",
             parts.SIZES: "{}",
             parts.ENTRY: json.dumps({"version": "1", "languages": {language: {"hash": language}}})}
    for relative, text in files.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text(text, encoding="utf-8")
    return folder


def run(coroutine):
    """asyncio.run in a thread of its own, as the build does: a test before
    may have left an event loop running in this one (the browser tests')."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


def a_part(language: str, folder: str = "") -> parts.Part:
    part = parts.Part(folder, language, make=lambda recipe: "", language=language)
    part.close()
    return part


def test_parts_are_linked_into_their_bundle_with_one_entry_list(tmp_path):
    out = tmp_path / "out"
    pieces = [a_part("vi"), a_part("sr")]
    folders = [part_files(tmp_path / "vi", "vi"), part_files(tmp_path / "sr", "sr")]
    for part, folder in zip(pieces, folders):
        parts.place(part, folder, out, unused=lambda name: name.endswith(".css"))
    parts.join_entries(pieces, folders, out)
    placed = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert placed == ["fragment/sr_1.pf_fragment", "fragment/vi_1.pf_fragment",
                      parts.ENTRY, "pagefind.js", "pagefind.sr_1.pf_meta", "pagefind.vi_1.pf_meta"]
    assert os.path.samefile(out / "fragment/sr_1.pf_fragment",
                            folders[1] / "fragment/sr_1.pf_fragment")
    assert json.loads((out / parts.ENTRY).read_text()) == {
        "version": "1", "languages": {"sr": {"hash": "sr"}, "vi": {"hash": "vi"}}}


def test_parts_that_disagree_on_a_shared_file_are_an_error(tmp_path):
    out = tmp_path / "out"
    parts.place(a_part("vi"), part_files(tmp_path / "vi", "vi"), out, lambda name: False)
    with pytest.raises(RuntimeError, match="two parts of the index wrote different pagefind.js"):
        parts.place(a_part("sr"), part_files(tmp_path / "sr", "sr", shared="another script"),
                    out, lambda name: False)


def test_a_kept_part_is_placed_while_another_is_still_indexed(tmp_path):
    """The run for the part not kept waits until the kept one is placed:
    with placing done after all runs, as before, it would wait for ever."""
    store = tmp_path / "store"
    kept, new = a_part("vi"), a_part("sr")
    part_files(store / kept.key, "vi")
    parts._note_sizes(store / kept.key)
    placed, kept_placed = [], threading.Event()

    def place(part, folder):
        placed.append(part.key)
        if part is kept:
            kept_placed.set()

    async def write(pages, output, **kwargs):
        assert await asyncio.to_thread(kept_placed.wait, 10), "the kept part was not placed"
        part_files(Path(output), "sr")

    folders = run(parts.index_parts([kept, new], store, write, 2,
                                    check=lambda folder: [], place=place))
    assert folders == [store / kept.key, store / new.key]
    assert placed == [kept.key, new.key]


def test_a_failed_placing_fails_the_index_once_every_run_is_done(tmp_path):
    store, finished = tmp_path / "store", []
    kept, new = a_part("vi"), a_part("sr")
    part_files(store / kept.key, "vi")
    parts._note_sizes(store / kept.key)

    def place(part, folder):
        if part is kept:
            raise RuntimeError("no room")

    async def write(pages, output, **kwargs):
        await asyncio.sleep(0.2)
        part_files(Path(output), "sr")
        finished.append(output)

    with pytest.raises(RuntimeError, match="no room"):
        run(parts.index_parts([kept, new], store, write, 2,
                              check=lambda folder: [], place=place))
    assert len(finished) == 1 and (store / new.key / parts.ENTRY).is_file()


def test_a_stopped_index_ends_its_pagefind_runs_and_starts_none():
    """Ctrl-C while indexing (stop_all): a Pagefind run that started after
    the signal's handler stopped the helpers would keep the build waiting."""
    from plugins.search import service

    async def stopped() -> int:
        running = await service.IndexingService().launch()
        service.stop_all()
        code = await asyncio.wait_for(running.process.wait(), 10)
        await running.close()
        with pytest.raises(RuntimeError, match="the search index was stopped"):
            await service.IndexingService().launch()
        return code

    try:
        assert run(stopped()) == -15   # SIGTERM
    finally:
        service.resume()
    assert service._running == set()
