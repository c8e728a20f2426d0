"""Items dated in the future wait for their time: production builds leave
them out of every page, list, feed, sitemap and search index until the first
build after it; previews show them with a badge; check notes each one."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import build_site, html, run_check, write

BELGRADE = ZoneInfo("Europe/Belgrade")
NOW = dt.datetime(2026, 12, 4, 13, 45, tzinfo=BELGRADE)


def _items(content):
    write(content, "news/2026/plan.bs.md", "---\ntitle: Planirana vijest\n"
          "date: 2026-12-10 09:00\n---\nTekst.\n")
    write(content, "news/2026/soon.bs.md", "---\ntitle: Uskoro\n"
          "date: 2026-12-04 14:00\n---\nTekst.\n")
    write(content, "news/2026/past.bs.md", "---\ntitle: Prošla vijest\n"
          "date: 2026-12-04 13:30\n---\nTekst.\n")


def _published(out) -> str:
    """Every page, feed and the sitemap of a build, as one text."""
    return "\n".join(p.read_text(encoding="utf-8") for p in out.rglob("*")
                     if p.suffix in (".html", ".xml") and p.is_file())


@pytest.mark.slow
def test_production_leaves_future_items_out_until_their_time(content, tmp_path):
    _items(content)
    out = tmp_path / "out"
    build_site(content, out, production=True, BUILD_NOW=NOW)
    everything = _published(out)
    assert "Prošla vijest" in everything and (out / "bs/vijesti/past/index.html").is_file()
    for slug, title in (("plan", "Planirana vijest"), ("soon", "Uskoro")):
        assert not (out / f"bs/vijesti/{slug}").exists()
        assert title not in everything and f"/vijesti/{slug}/" not in everything
    later = NOW + dt.timedelta(minutes=20)          # 14:05 in Belgrade
    build_site(content, out, production=True, BUILD_NOW=later)
    assert (out / "bs/vijesti/soon/index.html").is_file()
    assert "Uskoro" in (out / "bs/vijesti/atom.xml").read_text(encoding="utf-8")
    assert "/bs/vijesti/soon/" in (out / "sitemap.xml").read_text(encoding="utf-8")
    assert not (out / "bs/vijesti/plan").exists()


@pytest.mark.slow
def test_the_site_zone_decides(content, tmp_path):
    """13:30 in Belgrade is 12:30 UTC: at 12:45 UTC it has passed."""
    _items(content)
    out = tmp_path / "out"
    build_site(content, out, production=True,
               BUILD_NOW=dt.datetime(2026, 12, 4, 12, 45, tzinfo=dt.timezone.utc))
    assert (out / "bs/vijesti/past/index.html").is_file()
    assert not (out / "bs/vijesti/soon").exists()


def test_previews_show_them_with_a_badge(content, tmp_path):
    _items(content)
    out = tmp_path / "preview"
    build_site(content, out, BUILD_NOW=NOW)
    badge = html(out / "bs/vijesti/plan/index.html").select_one(".news-item-meta .badge-draft")
    assert badge is not None and badge.get_text() == "Zakazano"
    cards = html(out / "bs/vijesti/index.html").select(".news-card")
    marked = [c for c in cards if "Zakazano" in c.get_text()]
    assert len(marked) == 2
    assert html(out / "bs/vijesti/past/index.html").select_one(".badge-draft") is None


def test_check_notes_what_is_scheduled_and_warns_of_a_far_date(content, capsys):
    today = dt.date.today()
    soon = today + dt.timedelta(days=5)
    rel = write(content, "news/2026/plan.bs.md",
                f"---\ntitle: Plan\ndate: {soon:%Y-%m-%d} 09:00\n---\nTekst.\n")
    code, out = run_check(content, capsys)
    assert code == 0, out
    assert f"content/{rel}:3: note: scheduled for {soon:%Y-%m-%d} 09:00 (in " in out, out
    assert "0 errors, 0 warnings" in out
    far = write(content, "news/2026/typo.bs.md",
                f"---\ntitle: Typo\ndate: {today.year + 36}-12-04\n---\nTekst.\n")
    code, out = run_check(content, capsys)
    assert f"content/{far}:3: warning: field `date`: the date {today.year + 36}-12-04 " \
           f"00:00 is 3" in out and "years ahead" in out and "check the year" in out, out
