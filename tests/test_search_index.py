"""The production build's Pagefind index: one per locale, items and records
only; development builds have none."""

from __future__ import annotations

from tests.conftest import build_site, copy_fixture


def test_production_builds_are_indexed_per_locale(tmp_path):
    content = copy_fixture("basic", tmp_path)
    out = tmp_path / "out"
    result = build_site(content, out, production=True)
    assert (out / "pagefind/pagefind.js").is_file()
    languages = {p.name.split("_")[0].split(".", 1)[1]
                 for p in (out / "pagefind").glob("pagefind.*.pf_meta")}
    assert languages == {"sr-cyrl", "sr-latn", "bs", "vi"}
    assert result.phases["search index"] > 0
    dev = tmp_path / "dev"
    build_site(content, dev)
    assert not (dev / "pagefind").exists()


def test_only_items_projects_and_topics_are_marked_for_the_index(tmp_path):
    content = copy_fixture("basic", tmp_path)
    out = tmp_path / "out"
    build_site(content, out, NEWS_PER_PAGE=1)
    marked = {p.relative_to(out).parent.as_posix() for p in out.rglob("*.html")
              if "data-pagefind-body" in p.read_text(encoding="utf-8")}
    assert "bs/vijesti/conference" in marked
    assert "bs/projekti/alpha" in marked and "bs/teme/lgbti" in marked
    for page in ("bs", "bs/vijesti", "bs/projekti", "bs/teme", "bs/vijesti/2024",
                 "bs/teme/child-protection/stranica/2"):
        assert page not in marked, page
