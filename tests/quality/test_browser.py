"""Gates in headless Chromium (Debian's, driven by Playwright): axe-core's
WCAG 2.1 A and AA rules on every page kind in every locale at phone and
desktop width (and at phone width in dark mode), and no request to any host but the local server on any page."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.quality.conftest import NODE_MODULES, REPORT, need, page_kinds, serve

pytestmark = pytest.mark.quality

WIDTHS = {390: 844, 1280: 800}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


class Visit:
    """A browser context that blocks and records requests to other hosts."""

    def __init__(self, browser, width: int, scheme: str = "light"):
        # bypass_csp: our policy forbids injected script, which axe is
        self.context = browser.new_context(
            color_scheme=scheme,
            viewport={"width": width, "height": WIDTHS.get(width, 800)},
            device_scale_factor=2 if width < 600 else 1, is_mobile=width < 600,
            has_touch=width < 600, bypass_csp=True)
        self.elsewhere: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()

    def _route(self, route):
        url = route.request.url
        if urlsplit(url).hostname not in ("127.0.0.1", None) and not url.startswith("data:"):
            self.elsewhere.append(url)
            return route.abort()
        return route.continue_()

    def close(self):
        self.context.close()


def axe_violations(page, axe_source: str) -> list[str]:
    page.add_script_tag(content=axe_source)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
                           " resultTypes: ['violations']})", AXE_TAGS)
    return [f"{v['id']} ({v['impact']}): {v['help']} at "
            f"{', '.join(n['target'][0] for n in v['nodes'][:3])}"
            for v in result["violations"]]


@pytest.mark.parametrize("width,scheme", [(390, "light"), (1280, "light"), (390, "dark")])
def test_no_accessibility_violations_on_any_page_kind(browser, served_sites, width, scheme):
    axe_source = (NODE_MODULES / "axe-core/axe.min.js")
    axe_source = need(axe_source, "axe-core") and axe_source.read_text(encoding="utf-8")
    found, checked = {}, 0
    for site in served_sites:
        visit = Visit(browser, width, scheme)
        for path in page_kinds(site):
            response = visit.page.goto(site.url(path), wait_until="load")
            assert response.status == (404 if path == "/no-such-page/" else 200), path
            violations = axe_violations(visit.page, axe_source)
            checked += 1
            if violations:
                found[f"{site.name}{path}"] = violations
        visit.close()
        assert not visit.elsewhere, visit.elsewhere
    assert checked > 40
    assert found == {}


def test_no_request_leaves_the_site(browser, served_sites):
    for site in served_sites:
        visit = Visit(browser, 390)
        for path in site.pages():
            visit.page.goto(site.url(path), wait_until="load")
        visit.close()
        assert visit.elsewhere == [], (site.name, visit.elsewhere[:10])


def test_the_gates_catch_violations_and_requests_elsewhere(browser, tmp_path):
    root = tmp_path / "bad"
    root.mkdir()
    (root / "index.html").write_text(
        '<!doctype html><html><head><title>x</title>'
        '<link rel="stylesheet" href="https://fonts.example.com/css"></head>'
        '<body><img src="a.png"><a href="/x"></a></body></html>', encoding="utf-8")
    site = serve("bad", root)
    visit = Visit(browser, 390)
    visit.page.goto(site.url("/"), wait_until="load")
    axe_source = (NODE_MODULES / "axe-core/axe.min.js").read_text(encoding="utf-8")
    found = " ".join(axe_violations(visit.page, axe_source))
    visit.close()
    for rule in ("html-has-lang", "image-alt", "link-name"):
        assert rule in found, found
    assert set(visit.elsewhere) == {"https://fonts.example.com/css"}


HEADER = """() => {
  const header = document.querySelector('.site-header');
  if (!header) return null;
  const menu = document.querySelector('.site-nav ul');
  const rows = new Set([...document.querySelectorAll('.lang-switch li')]
    .map(li => Math.round(li.getBoundingClientRect().top)));
  const main = getComputedStyle(document.querySelector('main'));
  const targets = [...header.querySelectorAll('a')].map(a => a.getBoundingClientRect().height);
  return {height: header.getBoundingClientRect().height, smallestTarget: Math.min(...targets),
          menuOverflow: menu.scrollWidth - menu.clientWidth,
          switcherRows: rows.size,
          mainPadding: [parseFloat(main.paddingTop), parseFloat(main.paddingBottom)]};
}"""
WIDE = "document.documentElement.scrollWidth - window.innerWidth"
HEADER_MAX = 120   # px at phone widths: name and search, languages, the menu


@pytest.mark.parametrize("width", [320, 360, 390, 430, 460])
def test_the_phone_header_is_compact_on_every_page_kind(browser, served_sites, width):
    """Three rows at most, none wrapping: the site name and search, the
    languages on one line (untranslated pages included), the menu in one row
    that never needs scrolling; main keeps its own top and bottom padding."""
    found, measured = {}, []
    for site in served_sites:
        visit = Visit(browser, width)
        for path in page_kinds(site):
            visit.page.goto(site.url(path), wait_until="load")
            header = visit.page.evaluate(HEADER)
            if header is None:   # the chooser
                continue
            measured.append(header["height"])
            problems = []
            if header["height"] > HEADER_MAX:
                problems.append(f"header {header['height']:.0f} px")
            if header["menuOverflow"] > 0:
                problems.append(f"menu {header['menuOverflow']} px too wide")
            if header["switcherRows"] != 1:
                problems.append(f"languages on {header['switcherRows']} lines")
            if header["smallestTarget"] < 24:   # WCAG 2.2 target size, as Lighthouse checks
                problems.append(f"a link {header['smallestTarget']:.1f} px tall")
            if header["mainPadding"][0] < 16 or header["mainPadding"][1] < 32:
                problems.append(f"main padding {header['mainPadding']}")
            if problems:
                found[f"{site.name}{path}"] = problems
        visit.close()
    REPORT.setdefault("Header height at phone widths", []).append(
        f"{width} px: {min(measured):.0f} to {max(measured):.0f} px "
        f"({len(measured)} pages)")
    assert found == {}


LAYOUT_SHIFT = """async () => {
  window.scrollTo(0, document.body.scrollHeight);
  await Promise.all([...document.images].map(i => i.decode().catch(() => null)));
  await new Promise(r => setTimeout(r, 300));
  const shifts = performance.getEntriesByType('layout-shift');
  const thumbs = [...document.querySelectorAll('.news-card-thumb img')].map(img => {
    const box = img.getBoundingClientRect();
    return [box.width, box.height, img.currentSrc];
  });
  return {shift: shifts.reduce((sum, e) => sum + e.value, 0), thumbs};
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_pictures_on_cards_and_the_lead_do_not_move_the_page(browser, served_sites, width):
    """Thumbnails arrive late (lazy) and still take their box at once: no
    layout shift; they are small, and the browser picks a small rendition."""
    fixture = served_sites[1]
    visit = Visit(browser, width)
    visit.page.add_init_script(
        "new PerformanceObserver(() => {}).observe({type: 'layout-shift', buffered: true});")
    found, thumbs = {}, 0
    for path in ("/vi/", "/bs/", "/sr-cyrl/vesti/", "/sr-cyrl/projekti/alpha/",
                 "/vi/tin-tuc/conference/"):
        visit.page.goto(fixture.url(path), wait_until="load")
        result = visit.page.evaluate(LAYOUT_SHIFT)
        if result["shift"] > 0.01:
            found[path] = result["shift"]
        for box_width, box_height, src in result["thumbs"]:
            thumbs += 1
            assert box_width <= 150 and abs(box_width * 3 / 4 - box_height) < 2, (path, box_width)
            assert src.endswith((f"-320.avif", f"-320.webp", f"-320.jpg")), (path, src)
    visit.close()
    assert thumbs >= 4 and found == {}


@pytest.mark.parametrize("width", [320, 390])
def test_no_page_is_wider_than_a_phone(browser, served_sites, width):
    found = {}
    for site in served_sites:
        visit = Visit(browser, width)
        for path in page_kinds(site):
            visit.page.goto(site.url(path), wait_until="load")
            if (extra := visit.page.evaluate(WIDE)) > 0:
                found[f"{site.name}{path}"] = extra
        visit.close()
    assert found == {}
