"""Quality gates on built sites: the seed site and the basic fixture, built
with the production settings and served over HTTP on 127.0.0.1.

The tools come from scripts/setup-dev.sh (Debian's Chromium and Java, the
Node packages in tests/quality/node_modules). A missing tool fails the gate
with the command that installs it: a gate that skips itself proves nothing.
`invoke test --fast` leaves the gates out on purpose.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from plugins.preview import StaticSiteHandler
from tests.conftest import ROOT, build_site, copy_fixture

NODE_MODULES = Path(__file__).resolve().parent / "node_modules"
# Debian's Chromium, or a Chrome already there (CHROME_PATH names another).
CHROMIUM = (os.environ.get("CHROME_PATH") or shutil.which("chromium")
            or shutil.which("google-chrome") or "/usr/bin/chromium")
# As root Chromium needs --no-sandbox; the rest keep it from dialling
# Google's services at start (this network refuses them).
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"]


# Figures the gates measure, printed at the end of the run (for the notes).
REPORT: dict[str, list[str]] = {}


def need(path: Path | str, what: str) -> str:
    if not Path(path).exists():
        pytest.fail(f"{what} is missing ({path}): run scripts/setup-dev.sh", pytrace=False)
    return str(path)


class _Handler(StaticSiteHandler):
    """The preview's static host, unthrottled for LinkChecker."""

    def end_headers(self):
        # LinkChecker throttles a host to ~3 requests/s without this header.
        self.send_header("LinkChecker", "unthrottled")
        super().end_headers()


@dataclass
class ServedSite:
    name: str
    root: Path
    base: str              # http://127.0.0.1:port

    def url(self, path: str) -> str:
        return f"{self.base}/{path.lstrip('/')}"

    def pages(self) -> list[str]:
        """Every HTML page, as a URL path (`/vi/tin-tuc/`)."""
        out = []
        for path in sorted(self.root.rglob("*.html")):
            relative = path.relative_to(self.root).as_posix()
            out.append("/" + (relative[:-len("index.html")]
                              if relative.endswith("index.html") else relative))
        return out


def serve(name: str, root: Path) -> ServedSite:
    handler = functools.partial(_Handler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return ServedSite(name, root, f"http://127.0.0.1:{server.server_address[1]}")


@pytest.fixture(scope="session")
def browser():
    """Chromium, driven by Playwright (which downloads no browser of its own)."""
    need(CHROMIUM, "Chromium")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def served_sites(tmp_path_factory) -> list[ServedSite]:
    """The seed site and the fixture, production builds (absolute canonical
    and hreflang URLs on the production host, drafts left out)."""
    base = tmp_path_factory.mktemp("quality")
    seed = base / "seed"
    build_site(ROOT / "content", seed, production=True)
    fixture = base / "fixture"
    build_site(copy_fixture("basic", base), fixture, production=True, NEWS_PER_PAGE=2)
    return [serve("seed", seed), serve("fixture", fixture)]


def page_kinds(site: ServedSite) -> list[str]:
    """One page of each kind in each locale: home, news list (and its page
    2), a year, an item, projects, a project, topics, a topic, contact; the
    chooser and the 404 page."""
    chosen, seen = ["/", "/no-such-page/"], set()
    for path in site.pages():
        parts = path.strip("/").split("/")
        if len(parts) < 1 or not parts[0] or parts[0] == "404.html":
            continue
        prefix, rest = parts[0], parts[1:]
        if not rest:
            kind = "home"
        elif len(rest) == 1:
            kind = f"list:{rest[0]}"
        elif rest[1].isdigit() and len(rest) == 2:
            kind = f"year:{rest[0]}"
        elif len(rest) == 3 and rest[2].isdigit():
            kind = f"page2:{rest[0]}"
        elif len(rest) == 2:
            kind = f"one:{rest[0]}"
        else:
            kind = f"other:{rest[0]}:{len(rest)}"
        if (prefix, kind) not in seen:
            seen.add((prefix, kind))
            chosen.append(path)
    return chosen
