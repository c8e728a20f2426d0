"""Atom feeds per locale: all news, and one per project and per topic."""

from __future__ import annotations

import html

from feedgenerator import Atom1Feed

FEED_SIZE = 20


class _Feed(Atom1Feed):
    """Atom with a reproducible `updated`: the newest entry, never `now()`."""

    def __init__(self, *args, fallback_updated=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._fallback_updated = fallback_updated

    def latest_post_date(self):
        dates = [d for i in self.items for d in (i["updateddate"], i["pubdate"]) if d]
        return max(dates) if dates else self._fallback_updated


def atom(*, title: str, lang: str, page_url: str, feed_url: str, author: str,
         entries, absolute, fallback_updated, content_of=lambda entry: entry.html,
         size: int = FEED_SIZE) -> str:
    """The feed of a list; `content_of(entry)` is an entry's HTML text."""
    feed = _Feed(title=title, link=absolute(page_url), description="", language=lang,
                 feed_url=absolute(feed_url), feed_guid=absolute(feed_url),
                 author_name=author, fallback_updated=fallback_updated)
    for entry in entries[:size]:
        link = absolute(entry.url)
        feed.add_item(title=entry.title, link=link,
                      description=html.escape(entry.summary), unique_id=link,
                      pubdate=entry.date,
                      updateddate=entry.source.meta.get("updated") or entry.date,
                      author_name=entry.author, content=content_of(entry))
    return feed.writeString("utf-8")
