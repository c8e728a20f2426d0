"""The preview's rebuild in place (plugins/preview/live.py): after an edit
of items' text, the output equals a full build of the same content, byte for
byte; anything else is left to a full build; errors write nothing."""

from __future__ import annotations

import pytest

from plugins.preview.live import FULL, LiveSite
from plugins.preview import Rebuilder
from tests.conftest import build_site, copy_fixture, settings_for


def tree(folder) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def differences(a, b) -> list:
    left, right = tree(a), tree(b)
    return sorted(name for name in left.keys() | right.keys()
                  if left.get(name) != right.get(name))


@pytest.fixture()
def live(tmp_path):
    content = copy_fixture("basic", tmp_path)
    # an old address, so that its redirect page follows the new title too
    path = content / "news/2024/latin-only.sr-latn.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "topics: [child-protection]\n",
        "topics: [child-protection]\naliases: [/stare/vesti/njegos.html]\n"), encoding="utf-8")
    result = build_site(content, tmp_path / "out")
    return content, LiveSite(result.build, result.output), tmp_path


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.slow
def test_text_edits_rebuilt_in_place_equal_a_full_build(live):
    content, site, tmp_path = live
    cyrillic = content / "news/2024/conference.sr-cyrl.md"    # sr-Latn derived from it
    latin = content / "news/2024/latin-only.sr-latn.md"       # bs lists show it (fallback)
    edit(cyrillic, "Завршна конференција „Љубав“", "Завршна конференција „Њива“")
    edit(cyrillic, "Кратак опис конференције.", "Нови опис.")
    edit(cyrillic, "присуствовале конференцији", "присуствовале округлом столу")
    assert site.edit({cyrillic}) is None
    edit(latin, "title: Njegoš i konjugacija", "title: Njegoš, konjugacija i nadživeti")
    edit(latin, "su se sastale", "su se ponovo sastale")
    assert site.edit({latin}) is None
    bosnian = content / "news/2024/conference.bs.md"           # shares date, project, topics
    edit(bosnian, "title: Završna konferencija", "title: Završna konferencija u Sarajevu")
    contact = content / "pages/contact.vi.md"
    edit(contact, "\n---\n", "\n---\nGọi cho chúng tôi.\n\n")
    # with the temporary file an editor (or sed -i) made and removed beside it
    assert site.edit({bosnian, contact, bosnian.parent / "sed08mhTa"}) is None

    full = tmp_path / "full"
    build_site(content, full)
    assert differences(site.output, full) == []
    page = (site.output / "sr-latn/vesti/conference/index.html").read_text(encoding="utf-8")
    assert "Završna konferencija „Njiva“" in page and "okruglom stolu" in page
    bs_list = (site.output / "bs/vijesti/index.html").read_text(encoding="utf-8")
    assert "Njegoš, konjugacija i nadživeti" in bs_list
    moved = (site.output / "stare/vesti/njegos.html").read_text(encoding="utf-8")
    assert "nadživeti" in moved


@pytest.mark.slow
@pytest.mark.parametrize("old,new", [
    ("date: 2024-02-10", "date: 2024-02-11"),              # the lists' order
    ("topics: [lgbti, child-protection]", "topics: [lgbti]"),
    ('![Учесници конференције](../../images/hall.png "Сала током отварања")', ""),  # a picture less
])
def test_other_edits_need_a_full_build(live, old, new):
    content, site, _ = live
    path = content / "news/2024/conference.sr-cyrl.md"
    edit(path, old, new)
    assert site.edit({path}) == FULL


@pytest.mark.slow
def test_new_files_templates_and_settings_need_a_full_build(live):
    content, site, _ = live
    new = content / "news/2024/new.bs.md"
    new.write_text((content / "news/2024/conference.bs.md").read_text(encoding="utf-8"),
                   encoding="utf-8")
    assert site.edit({new}) == FULL
    assert site.edit({content / "topics.yml"}) == FULL
    assert site.edit(set()) == FULL


@pytest.mark.slow
def test_a_content_error_is_reported_and_nothing_is_written(live):
    content, site, _ = live
    before = tree(site.output)
    path = content / "news/2024/conference.bs.md"
    edit(path, "\n---\n", "\n---\n<script>alert(1)</script>\n")
    report = site.edit({path})
    assert report not in (None, FULL)
    assert "conference.bs.md" in report and "script" in report
    assert tree(site.output) == before


@pytest.mark.slow
def test_links_to_other_items_and_pages_sharing_a_key_are_rebuilt_alike(tmp_path):
    content = copy_fixture("basic", tmp_path)
    edit(content / "news/2025/round-table.bs.md", "Održan je okrugli sto.",
         "Održan je okrugli sto. Vidi [konferenciju](../2024/conference.bs.md).")
    for name in ("contact.sr-cyrl.md", "contact.vi.md"):   # a page with a news item's key
        edit(content / "pages" / name, "---\ntitle:",
             "---\ntranslation_key: can-tho-training\ntitle:")
    result = build_site(content, tmp_path / "out")
    site = LiveSite(result.build, result.output)
    linking = content / "news/2025/round-table.bs.md"
    edit(linking, "Održan je", "Uspješno je održan")
    named = content / "news/2025/named.vi.md"
    edit(named, "title: Tập huấn tại Cần Thơ", "title: Tập huấn mới")
    assert site.edit({linking, named}) is None
    build_site(content, tmp_path / "full")
    assert differences(site.output, tmp_path / "full") == []
    assert "Liên hệ" in (site.output / "vi/lien-he/index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_good_files_of_a_failed_batch_come_with_the_next(live):
    content, site, tmp_path = live
    good = content / "news/2024/conference.bs.md"
    bad = content / "news/2025/round-table.bs.md"
    edit(good, "title: Završna konferencija", "title: Završna konferencija u Tuzli")
    edit(bad, "Održan je okrugli sto.", "Održan je okrugli sto.\n\n<script>x()</script>")
    assert site.edit({good, bad}) not in (None, FULL)
    edit(bad, "\n\n<script>x()</script>", "")
    assert site.edit({bad}) is None
    build_site(content, tmp_path / "full")
    assert differences(site.output, tmp_path / "full") == []


@pytest.mark.slow
def test_after_a_failed_full_build_the_preview_builds_in_full(tmp_path):
    content = copy_fixture("basic", tmp_path)
    rebuild = Rebuilder(lambda: settings_for(content, tmp_path / "out"))
    assert rebuild() is None
    moved = content / "news/2024/conference.sr-cyrl.md"
    bad = content / "news/2025/round-table.bs.md"
    edit(moved, "date: 2024-02-10", "date: 2024-02-11")           # needs a full build
    edit(bad, "Održan je okrugli sto.", "Održan je okrugli sto.\n\n<script>x()</script>")
    assert rebuild({moved, bad}) is not None                      # which fails
    edit(bad, "\n\n<script>x()</script>", "")
    assert rebuild({bad}) is None and rebuild.how == "in full"
    build_site(content, tmp_path / "full")
    assert differences(tmp_path / "out", tmp_path / "full") == []


@pytest.mark.slow
def test_with_the_search_index_an_edit_replaces_the_index_whole(tmp_path):
    content = copy_fixture("basic", tmp_path)
    result = build_site(content, tmp_path / "out", SEARCH_INDEX=True)
    site = LiveSite(result.build, result.output)
    path = content / "news/2024/conference.bs.md"
    for words in ("okruglom stolu", "radionici", "sastanku"):
        edit(path, "prisustvovale konferenciji" if words == "okruglom stolu"
             else "prisustvovale " + {"radionici": "okruglom stolu",
                                      "sastanku": "radionici"}[words],
             "prisustvovale " + words)
        assert site.edit({path}) is None
    build_site(content, tmp_path / "full", SEARCH_INDEX=True)
    # Pagefind's own files differ from build to build; the rest is equal
    assert [d for d in differences(site.output, tmp_path / "full")
            if not d.startswith("pagefind/")] == []
    names = {p.name for p in (site.output / "pagefind").rglob("*")}
    assert len(names) == len({p.name for p in (tmp_path / "full/pagefind").rglob("*")})
    assert not list(site.output.glob(".pagefind-*"))
