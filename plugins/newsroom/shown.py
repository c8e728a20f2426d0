"""Which pages and feeds show which item's text: what to write again when
only the text of some items changed (the preview's rebuild in place)."""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from .feeds import FEED_SIZE


def key_of(item) -> tuple:
    """An item's identity: a page and a news item may share a translation key."""
    return item.kind, item.key


def shown_on(data: dict) -> Iterator:
    """The entries whose text a page shows."""
    entry = data.get("entry")
    if entry is not None:
        yield entry
        yield from entry.extra.get("related") or []
        yield from (e for e in (entry.extra.get("newer"), entry.extra.get("older")) if e)
    if data.get("lead") is not None:
        yield data["lead"]      # the home page's newest item
    for name in ("entries", "latest"):
        yield from data.get(name) or []


class ShownIn:
    """For each item (key_of): the positions of the views that show it, the
    feeds that carry it, and each Entry object of it the views hold."""

    def __init__(self, views):
        self.pages: dict[tuple, set] = defaultdict(set)
        self.feeds: dict[tuple, set] = defaultdict(set)
        self.entries: dict[tuple, dict] = defaultdict(dict)   # -> {id: Entry}
        feeds = set()
        for position, view in enumerate(views.pages):
            for entry in shown_on(view.data):
                self.pages[key_of(entry.item)].add(position)
                self.entries[key_of(entry.item)][id(entry)] = entry
            feed = view.data.get("feed_url")
            if feed and feed not in feeds:   # every page of a list carries its feed
                feeds.add(feed)
                for entry in view.feed_entries[:FEED_SIZE]:
                    self.feeds[key_of(entry.item)].add(feed)
                    self.entries[key_of(entry.item)][id(entry)] = entry
        for entries in views.own.values():
            for entry in entries:
                self.entries[key_of(entry.item)][id(entry)] = entry
