"""The Pagefind index in Chromium, through pagefind.js: per-locale results,
items only, diacritics folded. (The search page itself is issue 10's next
step; these tests pin what the index already gives it.)"""

from __future__ import annotations

import pytest

from tests.quality.test_browser import Visit

pytestmark = pytest.mark.quality

SEARCH = """async query => {
  const pagefind = await import('/pagefind/pagefind.js');
  const found = await pagefind.search(query);
  const pages = await Promise.all(found.results.map(r => r.data()));
  return pages.map(p => [p.url, p.meta.date || null, p.filters.project || []]);
}"""


def results(visit, site, locale_home: str, query: str) -> list:
    visit.page.goto(site.url(locale_home), wait_until="load")
    return visit.page.evaluate(SEARCH, query)


@pytest.mark.parametrize("home,queries,expected", [
    ("/bs/", ["prisustvovale", "PRISUSTVOVALE"], "/bs/vijesti/conference/"),
    ("/sr-latn/", ["njegoš", "njegos"], "/sr-latn/vesti/latin-only/"),
    ("/vi/", ["hội nghị", "hoi nghi"], "/vi/tin-tuc/conference/"),
])
def test_queries_find_the_item_with_or_without_diacritics(browser, served_sites, home,
                                                          queries, expected):
    fixture = served_sites[1]
    visit = Visit(browser, 390)
    for query in queries:
        found = results(visit, fixture, home, query)
        urls = [url for url, _, _ in found]
        assert urls and urls[0] == expected, (query, found)
        # lists and home pages are not indexed: only items, projects, topics
        assert all(url.count("/") >= 4 for url in urls), (query, urls)
        assert found[0][1], "the date is in the result's metadata"
    visit.close()
    assert not visit.elsewhere
