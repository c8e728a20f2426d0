"""`invoke new`, `invoke translate` and `invoke translations`."""

from __future__ import annotations

import datetime as dt
import os
import subprocess

import pytest

from plugins.authoring import status
from plugins.authoring.scaffold import ScaffoldError, new_item, translate_item
from plugins.content import load_locales, load_site
from tests.conftest import run_check, settings_for

NOW = dt.datetime(2026, 11, 23, 9, 5)


@pytest.fixture
def locales(content):
    return load_locales(settings_for(content, content.parent / "out"))


def test_new_item_passes_check_as_a_draft(content, locales, capsys):
    path = new_item(content, locales, lang="sr-cyrl", title="Округли сто у Сомбору",
                    timezone="Europe/Belgrade", project="duga", topics=["lgbti"], now=NOW)
    assert path == content / "news/2026/okrugli-sto-u-somboru.sr-cyrl.md"
    text = path.read_text(encoding="utf-8")
    assert 'title: "Округли сто у Сомбору"' in text and "date: 2026-11-23 09:05" in text
    assert "project: duga" in text and "topics: [lgbti]" in text and "draft: true" in text
    code, out = run_check(content, capsys)
    assert code == 0, out


@pytest.mark.parametrize("options,message", [
    ({"project": "dugga"}, "no project 'dugga'; did you mean `duga`?"),
    ({"topics": ["lgbt"]}, "no topic 'lgbt'; did you mean `lgbti`?"),
    ({"lang": "en"}, "unknown language 'en'"),
    ({"title": "!!!"}, "give one with --slug"),
    ({"title": "🎉", "slug": "Proslava 2026"},
     "--slug 'Proslava 2026' is not an address word.*did you mean --slug proslava-2026"),
])
def test_new_item_refuses_what_check_would(content, locales, options, message):
    arguments = {"lang": "bs", "title": "Naslov", "timezone": "Europe/Belgrade",
                 "now": NOW, **options}
    with pytest.raises(ScaffoldError, match=message.replace("?", r"\?")):
        new_item(content, locales, **arguments)


@pytest.mark.parametrize("lang, title, slug", [
    ("vi", "Đà Nẵng", "da-nang"),
    ("vi", "Hội thảo tại Đồng Tháp", "hoi-thao-tai-dong-thap"),
    ("vi", "ĐÀO TẠO CÁN BỘ", "dao-tao-can-bo"),
    ("vi", "Tập huấn ở Cần Thơ", "tap-huan-o-can-tho"),
    ("sr-latn", "Đorđe u Đakovici", "djordje-u-djakovici"),
    ("sr-cyrl", "Ђорђе у Ђаковици", "djordje-u-djakovici"),
    ("bs", "Đulsa i Đorđe", "djulsa-i-djordje"),
    ("bs", "Džamija u Tuzli", "dzamija-u-tuzli"),
])
def test_new_item_folds_the_title_by_its_language(content, locales, lang, title, slug):
    path = new_item(content, locales, lang=lang, title=title, timezone="UTC", now=NOW)
    assert path.name.split(".")[0] == slug


def test_new_item_never_overwrites(content, locales):
    new_item(content, locales, lang="bs", title="Naslov", timezone="UTC", now=NOW)
    with pytest.raises(ScaffoldError, match="already has the address 'naslov'"):
        new_item(content, locales, lang="vi", title="Naslov", timezone="UTC", now=NOW)


def test_translation_shares_the_neutral_fields_and_passes_check(content, locales, capsys):
    source = new_item(content, locales, lang="sr-cyrl", title="Обука -- први дан",
                      timezone="UTC", project="duga", now=NOW,
                      body="Текст -- са --> стрелицом.")
    target = translate_item(source, locales, to="vi")
    assert target == source.with_name("obuka-prvi-dan.vi.md")
    text = target.read_text(encoding="utf-8")
    assert 'title: "Обука -- први дан"   # translate from sr-Cyrl' in text
    assert "date:" not in text and "project:" not in text   # shared with the original
    assert "<!-- The sr-Cyrl text, to translate from:" in text and "- ->" in text
    assert "Текст -- са - -> стрелицом." in text             # only what would end it
    code, out = run_check(content, capsys)
    assert code == 0, out
    with pytest.raises(ScaffoldError, match="exists already"):
        translate_item(source, locales, to="vi")


def git(folder, *args, when=None):
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    if when:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when
    subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)


def test_translation_status_table(content):
    def write(name, text):
        (content / "news/2017" / name).write_text(text, encoding="utf-8")
    base = "---\ntitle: {t}\n{extra}---\nText.\n"
    write("a.sr-cyrl.md", base.format(t="А", extra="date: 2017-02-10\n"))
    write("a.bs.md", base.format(t="A", extra=""))
    write("b.bs.md", base.format(t="B", extra="date: 2017-03-01\n"))
    write("b.vi.md", base.format(t="B", extra=""))
    git(content.parent, "init", "-q")
    git(content.parent, "add", ".")
    git(content.parent, "commit", "-qm", "first", when="2024-01-01T10:00:00")
    # b's original (bs) changes after its vi translation: vi is now outdated
    write("b.bs.md", base.format(t="B2", extra="date: 2017-03-01\n"))
    git(content.parent, "commit", "-qam", "edit", when="2024-02-01T10:00:00")
    settings = settings_for(content, content.parent / "out")
    site, problems = load_site(settings)
    assert not problems.errors
    rows = {r.key: r.cells for r in status.table(site, load_locales(settings))}
    assert rows["news/a"] == {"sr-Cyrl": "present", "sr-Latn": "generated",
                              "bs": "present", "vi": "missing"}
    assert rows["news/b"]["bs"] == "present" and rows["news/b"]["vi"] == "outdated"
    assert rows["news/b"]["sr-Cyrl"] == "missing"
    shown = status.render(list(status.table(site, load_locales(settings))),
                          load_locales(settings))
    assert "old outdated: 1" in shown
    # an edit of a's original not committed yet outdates its translation;
    # a translation still marked as a draft says so
    write("a.sr-cyrl.md", base.format(t="А2", extra="date: 2017-02-10\n"))
    os.utime(content / "news/2017/a.sr-cyrl.md", (2e9, 2e9))
    write("a.vi.md", base.format(t="A", extra="draft: true\n"))
    site, problems = load_site(settings)
    rows = {r.key: r.cells for r in status.table(site, load_locales(settings))}
    assert rows["news/a"] == {"sr-Cyrl": "present", "sr-Latn": "generated",
                              "bs": "outdated", "vi": "draft"}


def test_an_updated_field_counts_as_a_change(content):
    (content / "news/2017/c.bs.md").write_text(
        "---\ntitle: C\ndate: 2017-03-01\nupdated: 2018-01-01\n---\nT.\n", encoding="utf-8")
    (content / "news/2017/c.vi.md").write_text(   # both write the shared date
        "---\ntitle: C\ndate: 2017-03-01\nupdated: 2017-06-01\n---\nT.\n",
        encoding="utf-8")
    settings = settings_for(content, content.parent / "out")
    site, _ = load_site(settings)
    os.utime(content / "news/2017/c.vi.md", (1e9, 1e9))   # vi looks first written
    cells = {r.key: r.cells for r in status.table(site, load_locales(settings))}["news/c"]
    # vi is the original here (oldest file); bs's later `updated` is not older
    assert cells["vi"] == "present" and cells["bs"] == "present"
    os.utime(content / "news/2017/c.bs.md", (1e9 - 10, 1e9 - 10))  # now bs is first
    cells = {r.key: r.cells for r in status.table(site, load_locales(settings))}["news/c"]
    assert cells["vi"] == "outdated"


def test_required_translations_are_reported_until_written(content, capsys):
    from tests.conftest import write
    rel = write(content, "news/2017/x.sr-cyrl.md", "---\ntitle: Х\ndate: 2017-02-10\n"
                "translate_to: [bs, sr-latn]\n---\nТекст.\n")
    code, out = run_check(content, capsys)
    assert code == 0
    assert f"content/{rel}:4: warning: field `translate_to`: not yet translated into bs" in out
    assert "into sr-Latn" not in out            # derived from Cyrillic
    write(content, "news/2017/x.bs.md", "---\ntitle: X\n---\nTekst.\n")
    code, out = run_check(content, capsys)
    assert "not yet translated" not in out
    write(content, "news/2017/y.bs.md", "---\ntitle: Y\ndate: 2017-02-10\n"
          "translate_to: [en]\n---\nTekst.\n")
    code, out = run_check(content, capsys)
    assert code == 1 and "languages from sr-Cyrl, sr-Latn, bs, vi" in out


def test_translate_reads_files_as_the_build_does(content, locales):
    bom = content / "news/2017/bom.bs.md"
    bom.write_bytes(b"\xef\xbb\xbf---\r\ntitle: Okrugli sto\r\ndate: 2017-02-10\r\n---\r\n"
                    b"Tekst -- \xc5\xbeiv.\r\n")
    text = translate_item(bom, locales, to="vi").read_text(encoding="utf-8")
    assert 'title: "Okrugli sto"' in text and "Tekst -- živ." in text and "\r" not in text
    legacy = content / "news/2017/stari.bs.md"
    legacy.write_bytes("---\ntitle: Šabac\ndate: 2017-02-10\n---\nT.\n".encode("cp1250"))
    with pytest.raises(ScaffoldError, match=r"stari.bs.md:2: error: the file is not UTF-8 "
                                            r"\(byte 0x8a"):
        translate_item(legacy, locales, to="vi")


def test_the_original_is_the_file_with_the_shared_fields(content):
    """vi is the original, committed with its bs translation in one commit:
    locale order would take bs; the shared fields say vi. vi changes later."""
    base = "---\ntitle: {t}\n{extra}---\nText.\n"
    folder = content / "news/2017"
    (folder / "d.vi.md").write_text(base.format(t="D", extra="date: 2017-03-01\n"),
                                    encoding="utf-8")
    (folder / "d.bs.md").write_text(base.format(t="D", extra=""), encoding="utf-8")
    git(content.parent, "init", "-q")
    git(content.parent, "add", ".")
    git(content.parent, "commit", "-qm", "together", when="2024-01-01T10:00:00")
    settings = settings_for(content, content.parent / "out")
    site, _ = load_site(settings)
    cells = {r.key: r.cells for r in status.table(site, load_locales(settings))}["news/d"]
    assert cells["vi"] == "present" and cells["bs"] == "present"
    (folder / "d.vi.md").write_text(base.format(t="D2", extra="date: 2017-03-01\n"),
                                    encoding="utf-8")
    git(content.parent, "commit", "-qam", "edit", when="2024-02-01T10:00:00")
    cells = {r.key: r.cells for r in status.table(site, load_locales(settings))}["news/d"]
    assert cells["bs"] == "outdated" and cells["vi"] == "present"
    (folder / "d.bs.md").write_text(base.format(t="D2", extra=""), encoding="utf-8")
    os.utime(folder / "d.bs.md", (2e9, 2e9))     # translated again, not committed yet
    cells = {r.key: r.cells for r in status.table(site, load_locales(settings))}["news/d"]
    assert cells["bs"] == "present"
