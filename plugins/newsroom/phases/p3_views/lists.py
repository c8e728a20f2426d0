"""Lists of news: pages of a list, neighbours and related items."""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from dataclasses import dataclass


@dataclass
class Pager:
    """Where a page of a paginated list is: its number, the count and every
    page's URL."""
    number: int
    count: int
    urls: list               # URL of each page, 1-based order

    @property
    def prev_url(self):
        """The previous page's URL; None on the first."""
        return self.urls[self.number - 2] if self.number > 1 else None

    @property
    def next_url(self):
        """The next page's URL; None on the last."""
        return self.urls[self.number] if self.number < self.count else None


def paginate(entries: list, per_page: int, url_of):
    """(Pager, entries of that page) for each page; one empty page at least."""
    count = max(1, math.ceil(len(entries) / per_page))
    page_urls = [url_of(n) for n in range(1, count + 1)]
    for number in range(1, count + 1):
        chunk = entries[(number - 1) * per_page: number * per_page]
        yield Pager(number, count, page_urls), chunk


def link_neighbours(entries: list) -> None:
    """Newer and older item in the same locale (entries are newest first)."""
    for position, entry in enumerate(entries):
        entry.extra["newer"] = entries[position - 1] if position > 0 else None
        entry.extra["older"] = entries[position + 1] if position + 1 < len(entries) else None


def link_related(entries: list, limit: int = 5) -> None:
    """Up to `limit` related items per entry: the same project first, then
    shared topics, the nearest in time first. Indexes keep it linear."""
    groups = defaultdict(list)  # ("project"|"topic", key) -> positions, newest first
    for position, entry in enumerate(entries):
        if entry.item.project:
            groups["project", entry.item.project].append(position)
        for topic in entry.item.topics:
            groups["topic", topic].append(position)
    for position, entry in enumerate(entries):
        keys = ([("project", entry.item.project)] if entry.item.project else []) + \
            [("topic", t) for t in entry.item.topics]
        chosen: list[int] = []
        for key in keys:
            for candidate in nearest(groups[key], position):
                if candidate not in chosen:
                    chosen.append(candidate)
                if len(chosen) == limit:
                    break
            if len(chosen) == limit:
                break
        entry.extra["related"] = [entries[c] for c in chosen]


def nearest(positions: list, own: int):
    """Other positions of a sorted list, alternating outwards from `own`."""
    at = bisect.bisect_left(positions, own)
    before, after = at - 1, at + 1
    while before >= 0 or after < len(positions):
        if before >= 0:
            yield positions[before]
            before -= 1
        if after < len(positions):
            yield positions[after]
            after += 1
