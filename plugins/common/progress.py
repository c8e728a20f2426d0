"""Progress of a long build phase, for the person waiting on it.

Workers are forked processes: they count in a shared integer, and a thread
of the parent reports it. On a terminal the report is one line rewritten in
place (count, total, time left); elsewhere (CI logs) a plain line every ten
seconds and one at the end, no bars. Nothing is shown unless the command
line asked for progress (`invoke build`, `publish` and `serve` do, through
the `glasnik.progress` logger), or for phases shorter than two seconds.
"""

from __future__ import annotations

import logging
import multiprocessing
import sys
import threading
import time

LOGGER = logging.getLogger("glasnik.progress")
SHOW_AFTER = 2.0       # seconds: quick phases stay silent
LOG_EVERY = 10.0       # seconds between plain lines when not on a terminal


class Progress:
    """Counts a phase's steps (in any forked worker) and reports them while
    it runs; a context manager around the phase."""
    def __init__(self, what: str, total: int, stream=None):
        self.what, self.total = what, total
        self.stream = stream or sys.stdout
        self.count = multiprocessing.Value("i", 0)   # shared with forked workers
        self._stop = threading.Event()
        self._thread = None
        self._shown = False

    def step(self) -> None:
        """Count one more step done."""
        with self.count.get_lock():
            self.count.value += 1

    def each(self, items):
        """The items, one by one, each counted once the loop is done with it."""
        for item in items:
            yield item
            self.step()

    def __enter__(self) -> Progress:
        if self.total and LOGGER.isEnabledFor(logging.INFO):
            self._started = time.monotonic()
            self._thread = threading.Thread(target=self._report, daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._thread is None:
            return
        self._stop.set()
        self._thread.join()
        if self._shown:
            self._write(self.line(), final=True)

    def line(self, elapsed: float | None = None) -> str:
        """What the report says after `elapsed` seconds (default: since the
        phase began): the count, the total and the time left."""
        done = self.count.value
        if elapsed is None:
            elapsed = time.monotonic() - self._started
        text = f"{self.what}: {done} of {self.total}"
        if 0 < done < self.total:
            left = elapsed / done * (self.total - done)
            text += f", about {left:.0f} s left"
        return text + f" ({elapsed:.0f} s)"

    def _report(self) -> None:
        terminal = self.stream.isatty()
        if self._stop.wait(SHOW_AFTER):
            return
        while True:
            self._shown = True
            self._write(self.line(), final=False, terminal=terminal)
            if self._stop.wait(0.5 if terminal else LOG_EVERY):
                return

    def _write(self, text: str, final: bool, terminal: bool | None = None) -> None:
        terminal = self.stream.isatty() if terminal is None else terminal
        if terminal:
            self.stream.write("\r\x1b[2K  " + text + ("\n" if final else ""))
        else:
            self.stream.write("  " + text + "\n")
        self.stream.flush()
