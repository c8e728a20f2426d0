"""Waiting in tests for something another thread or process does: poll for
the condition, never sleep a fixed time and hope."""

from __future__ import annotations

import time
from typing import Callable, TypeVar

import pytest

T = TypeVar("T")


def poll(condition: Callable[[], T], timeout: float, every: float = 0.05) -> T | None:
    """`condition()`'s first true value, asked every `every` seconds; None
    when it is still false after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        found = condition()
        if found or time.monotonic() >= deadline:
            return found or None
        time.sleep(every)


def wait_until(condition: Callable[[], T], timeout: float = 30.0, what: str = "it",
               every: float = 0.05) -> T:
    """`condition()`'s first true value; the test fails, saying `what` did
    not happen, when it is still false after `timeout` seconds. The timeout
    is generous: it bounds a test that hangs on a busy machine, and says
    nothing about speed (benchmarks measure that)."""
    found = poll(condition, timeout, every)
    if not found:
        pytest.fail(f"waited {timeout:g} s for {what}, in vain")
    return found
