"""Long phases say how far they are: a line rewritten in place on a
terminal, plain lines in CI logs; forked workers count for the parent."""

from __future__ import annotations

import io
import logging
import time

import pytest

from plugins.common import progress as progress_module
from plugins.common.parallel import fork_map
from plugins.common.progress import Progress
from tests.conftest import progress_as_it_was

pytestmark = pytest.mark.unit


class Stream(io.StringIO):
    def __init__(self, terminal: bool):
        super().__init__()
        self.terminal = terminal

    def isatty(self) -> bool:
        return self.terminal


@pytest.fixture
def shown(monkeypatch):
    """Progress asked for (as the command line does), shown from the start."""
    monkeypatch.setattr(progress_module, "SHOW_AFTER", 0.0)
    monkeypatch.setattr(progress_module, "LOG_EVERY", 0.05)
    with progress_as_it_was():
        logging.getLogger("glasnik.progress").setLevel(logging.INFO)
        yield


def _run(stream, total=400, workers=2):
    progress = Progress("pictures", total, stream=stream)

    def job(index, count):
        for _ in progress.each(range(index, total, count)):
            time.sleep(0.0005)
        return None

    with progress:
        fork_map(job, total, workers)
    return stream.getvalue()


def test_plain_lines_in_ci_count_what_forked_workers_did(shown):
    text = _run(Stream(terminal=False))
    lines = text.splitlines()
    assert "\r" not in text and lines, text
    assert lines[-1].startswith("  pictures: 400 of 400 (")
    assert all(line.startswith("  pictures: ") for line in lines)


def test_a_terminal_gets_one_line_rewritten_with_the_time_left(shown):
    progress = Progress("pictures", 10, stream=Stream(terminal=True))
    progress.count.value = 4
    assert progress.line(elapsed=4) == "pictures: 4 of 10, about 6 s left (4 s)"
    text = _run(Stream(terminal=True), total=200)
    assert text.startswith("\r\x1b[2K  pictures: ") and text.endswith("\n")
    assert text.count("\n") == 1                       # one line, rewritten
    assert text.rsplit("\r\x1b[2K", 1)[1].startswith("  pictures: 200 of 200 (")


def test_nothing_is_shown_unless_asked_or_for_a_quick_phase():
    stream = Stream(terminal=False)
    with Progress("pictures", 3, stream=stream) as progress:
        for _ in progress.each(range(3)):
            pass
    assert stream.getvalue() == ""
