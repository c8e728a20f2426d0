"""One test per content mistake: `invoke check` names the file, the line, the
field and the fix, and exits non-zero; a build stops before writing."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import FIXTURES, ROOT, VALID_ITEM, build_site, html, run_check, write

def assert_reported(content, capsys, relative, *, field=None, line=None, words=()):
    code, out = run_check(content, capsys)
    assert code == 1, out
    shown = f"content/{relative}" + (f":{line}" if line else "")
    lines = [l for l in out.splitlines() if l.startswith(shown)]
    assert lines, f"{shown} not named in:\n{out}"
    report = "\n".join(lines)
    if field:
        assert f"field `{field}`" in report, out
    for word in words:
        assert word in out, f"{word!r} not in:\n{out}"
    assert "Traceback" not in out
    return out


def test_valid_content_passes(content, capsys):
    code, out = run_check(content, capsys)
    assert code == 0 and "0 errors, 0 warnings" in out


def test_missing_title(content, capsys):
    rel = write(content, "news/2017/x.bs.md", "---\ndate: 2017-02-10\n---\nTekst.\n")
    assert_reported(content, capsys, rel, field="title", line=1, words=["add a line `title:"])


def test_missing_date(content, capsys):
    rel = write(content, "news/2017/x.bs.md", "---\ntitle: Naslov\n---\nTekst.\n")
    assert_reported(content, capsys, rel, field="date", words=["missing"])


def test_date_that_does_not_parse(content, capsys):
    rel = write(content, "news/2017/x.bs.md", "---\ntitle: Naslov\ndate: 10 March\n---\nT.\n")
    assert_reported(content, capsys, rel, field="date", line=3,
                    words=["expected a date", "found the text `10 March`"])


def test_date_that_is_not_a_real_day(content, capsys):
    rel = write(content, "news/2017/x.bs.md", "---\ntitle: N\ndate: 31.02.2017.\n---\nT.\n")
    assert_reported(content, capsys, rel, field="date", line=3, words=["real calendar date"])


def test_yaml_that_does_not_parse(content, capsys):
    rel = write(content, "news/2017/x.bs.md",
                "---\ntitle: Naslov\ndate: 2017-02-10\nsummary: \"nije zatvoreno\n---\nT.\n")
    assert_reported(content, capsys, rel, line=4, words=["not valid YAML"])


def test_yaml_error_line_is_the_line_in_the_file(content, capsys):
    rel = write(content, "news/2017/x.bs.md",
                "---\ntitle: Naslov\ndate: 2017-02-10\ntopics: [lgbti\nauthor: A\n---\nT.\n")
    out = assert_reported(content, capsys, rel, words=["not valid YAML"])
    assert f"content/{rel}:5:" in out or f"content/{rel}:4:" in out


def test_front_matter_that_is_not_a_mapping(content, capsys):
    rel = write(content, "news/2017/x.bs.md", "---\n- title\n- date\n---\nT.\n")
    assert_reported(content, capsys, rel, line=2, words=["must be a mapping", "a list"])


def test_unknown_field_with_closest_known(content, capsys):
    rel = write(content, "news/2017/x.bs.md",
                "---\ntitle: N\ndate: 2017-02-10\ntopic: [lgbti]\n---\nT.\n")
    assert_reported(content, capsys, rel, field="topic", line=4,
                    words=["unknown field `topic`", "did you mean `topics`?"])


def test_unknown_project(content, capsys):
    rel = write(content, "news/2017/x.bs.md",
                "---\ntitle: N\ndate: 2017-02-10\nproject: dugaa\n---\nT.\n")
    assert_reported(content, capsys, rel, field="project", line=4,
                    words=["unknown project `dugaa`", "did you mean `duga`?"])


def test_unknown_topic(content, capsys):
    rel = write(content, "news/2017/x.bs.md",
                "---\ntitle: N\ndate: 2017-02-10\ntopics: [lgbt]\n---\nT.\n")
    assert_reported(content, capsys, rel, field="topics", line=4,
                    words=["unknown topic `lgbt`", "known topics: child-protection, lgbti",
                           "did you mean `lgbti`?"])


def test_topics_written_as_text_not_list(content, capsys):
    rel = write(content, "news/2017/x.bs.md",
                "---\ntitle: N\ndate: 2017-02-10\ntopics: lgbti\n---\nT.\n")
    assert_reported(content, capsys, rel, field="topics",
                    words=["expected a list of keys", "found the text `lgbti`",
                           "write `[lgbti]`"])


def test_unknown_locale_suffix(content, capsys):
    rel = write(content, "news/2017/x.en.md", VALID_ITEM)
    assert_reported(content, capsys, rel, field="file name",
                    words=["unknown locale suffix `.en`", "sr-cyrl, sr-latn, bs, vi"])


def test_missing_locale_suffix(content, capsys):
    rel = write(content, "news/2017/x.md", VALID_ITEM)
    assert_reported(content, capsys, rel, field="file name", words=["has none"])


def test_two_items_with_the_same_slug_in_one_locale(content, capsys):
    write(content, "news/2018/ok.sr-cyrl.md", VALID_ITEM)
    out = assert_reported(content, capsys, "news/2018/ok.sr-cyrl.md", field="file name",
                          words=["the slug `ok` is already used"])
    assert "content/news/2017/ok.sr-cyrl.md" in out


@pytest.mark.parametrize("slug", ["../escape", "a/b", "two words", "ćevapi", "UPPER", "a..b"])
def test_bad_slugs(content, capsys, slug):
    rel = write(content, "news/2017/x.bs.md",
                f'---\ntitle: N\ndate: 2017-02-10\nslug: "{slug}"\n---\nT.\n')
    assert_reported(content, capsys, rel, field="slug", line=4,
                    words=["expected a slug"])


def test_slug_hint_suggests_an_ascii_slug(content, capsys):
    rel = write(content, "news/2017/x.bs.md",
                '---\ntitle: N\ndate: 2017-02-10\nslug: "Ђорђе и ћевапи"\n---\nT.\n')
    assert_reported(content, capsys, rel, field="slug", words=["`djordje-i-cevapi`"])


def test_file_that_is_not_utf8(content, capsys):
    rel = write(content, "news/2017/x.bs.md",
                "---\ntitle: Naslov\ndate: 2017-02-10\n---\nŽivot.\n".encode("cp1250"))
    assert_reported(content, capsys, rel, line=5, words=["not UTF-8", "save it as UTF-8"])


def test_text_that_is_not_nfc_is_normalised_with_a_warning(content, capsys, tmp_path):
    import unicodedata
    decomposed = unicodedata.normalize("NFD", "Tập huấn")
    rel = write(content, "news/2017/x.vi.md",
                f"---\ntitle: {decomposed}\ndate: 2017-02-10\n---\nT.\n")
    code, out = run_check(content, capsys)
    assert code == 0
    assert f"content/{rel}:2: warning:" in out and "NFC" in out
    result = build_site(content, tmp_path / "out")
    page = (tmp_path / "out/vi/tin-tuc/x/index.html").read_text(encoding="utf-8")
    assert "Tập huấn" in page and decomposed not in page
    assert any("NFC" in w for w in result.warnings)


def test_missing_image_file(content, capsys):
    rel = write(content, "news/2017/x.bs.md",
                "---\ntitle: N\ndate: 2017-02-10\nimage: photo.jpg\nimage_alt: Sala\n---\n"
                "Tekst.\n\n![Sala](missing.png)\n")
    out = assert_reported(content, capsys, rel, field="image", line=4,
                          words=["`photo.jpg` does not exist"])
    assert f"content/{rel}:9:" in out and "`missing.png` does not exist" in out


def test_image_without_alt_text(content, capsys):
    write(content, "news/2017/photo.jpg", b"not checked here")
    rel = write(content, "news/2017/x.bs.md",
                "---\ntitle: N\ndate: 2017-02-10\nimage: photo.jpg\n---\nT.\n")
    assert_reported(content, capsys, rel, field="image_alt", words=["image_alt:"])


def test_empty_body(content, capsys):
    rel = write(content, "news/2017/x.bs.md", "---\ntitle: N\ndate: 2017-02-10\n---\n\n  \n")
    assert_reported(content, capsys, rel, line=5, words=["empty"])


def test_translations_that_disagree_name_both_files(content, capsys):
    rel = write(content, "news/2017/ok.bs.md",
                "---\ntitle: Konferencija\ndate: 2017-02-11\n---\nTekst.\n")
    assert_reported(content, capsys, rel, field="date", line=3,
                    words=["differs between translations",
                                 "content/news/2017/ok.sr-cyrl.md:3"])


def test_two_files_with_one_translation_key_and_locale(content, capsys):
    write(content, "news/2017/a.bs.md",
          "---\ntitle: A\ndate: 2017-02-10\ntranslation_key: same\n---\nT.\n")
    rel = write(content, "news/2017/b.bs.md",
                "---\ntitle: B\ndate: 2017-02-10\ntranslation_key: same\n---\nT.\n")
    assert_reported(content, capsys, rel, field="translation_key",
                    words=["content/news/2017/a.bs.md"])


def test_no_front_matter(content, capsys):
    rel = write(content, "news/2017/x.bs.md", "Naslov\n\nTekst.\n")
    assert_reported(content, capsys, rel, line=1, words=["does not start with front matter"])


def test_front_matter_never_closed(content, capsys):
    rel = write(content, "news/2017/x.bs.md", "---\ntitle: N\ndate: 2017-02-10\nTekst.\n")
    assert_reported(content, capsys, rel, line=1, words=["never closed"])


def test_unsafe_html_in_body(content, capsys):
    rel = write(content, "news/2017/x.bs.md",
                "---\ntitle: N\ndate: 2017-02-10\n---\nT.\n\n<script>alert(1)</script>\n"
                '<a href="javascript:x()">x</a>\n<img src="/x.png" onerror="x()">\n')
    out = assert_reported(content, capsys, rel, line=7, words=["<script>"])
    assert f"content/{rel}:8:" in out and f"content/{rel}:9:" in out


def test_picture_from_another_host(content, capsys):
    rel = write(content, "news/2017/x.bs.md",
                "---\ntitle: N\ndate: 2017-02-10\n---\n![a](https://cdn.example.com/a.jpg)\n")
    assert_reported(content, capsys, rel, line=5, words=["on another site"])


def test_field_given_twice(content, capsys):
    rel = write(content, "news/2017/x.bs.md",
                "---\ntitle: N\ntitle: M\ndate: 2017-02-10\n---\nT.\n")
    assert_reported(content, capsys, rel, field="title", line=3, words=["given twice"])


def test_project_record_problems(content, capsys):
    rel = write(content, "projects/bad.yml",
                "name: {sr-Cyrl: Лош, en: Bad}\nstart: 2017-13\nstatus: done\nfunder: [x]\n")
    out = assert_reported(content, capsys, rel, field="name.en", words=["`en`"])
    for expected in ["projects/bad.yml:2: error: field `start`",
                     "projects/bad.yml:3: error: field `status`",
                     "did you mean `funders`?"]:
        assert expected in out, out


def test_topic_without_label(content, capsys):
    rel = write(content, "topics.yml", "lgbti:\n  labels: {bs: LGBTI}\n")
    assert_reported(content, capsys, rel, words=["did you mean `label`?",
                                                 "required field `label`"])


def test_build_with_errors_writes_nothing_and_keeps_old_output(content, tmp_path):
    from plugins.common.errors import ContentErrors
    out = tmp_path / "out"
    build_site(content, out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    write(content, "news/2017/x.bs.md", "---\ntitle: N\n---\nT.\n")
    with pytest.raises(ContentErrors):
        build_site(content, out)
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in tmp_path.glob("out.*")] == ["out.glasnik-build"]  # no staging


@pytest.mark.slow
def test_a_dozen_mistakes_reported_in_one_run():
    """The CLI, as staff run it: every problem at once, no traceback, exit 1."""
    run = subprocess.run([sys.executable, "-m", "invoke", "check", "--content",
                          str(FIXTURES / "broken")], cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    out = run.stdout + run.stderr
    assert run.returncode == 1, out
    assert "Traceback" not in out
    errors = [l for l in out.splitlines() if ": error: " in l]
    files = {l.split(":")[0] for l in errors}
    assert len(errors) >= 12 and len(files) >= 10, out
    assert "errors, 1 warning" in out


def test_slug_taken_through_the_derived_script_is_an_error_not_a_crash(content, capsys):
    rel = write(content, "news/2018/ok.sr-latn.md",
                "---\ntitle: Latinica\ndate: 2018-01-01\n---\nTekst.\n")
    assert_reported(content, capsys, rel, field="file name",
                    words=["already used in sr-Latn by content/news/2017/ok.sr-cyrl.md",
                           "made from it"])


@pytest.mark.parametrize("name", ["news", "projects", "topics", "vesti", "2019"])
def test_page_named_like_a_list_is_refused(content, capsys, name):
    rel = write(content, f"pages/{name}.sr-cyrl.md", "---\ntitle: Strana\n---\nTekst.\n")
    assert_reported(content, capsys, rel, field="file name", words=["reserved URL word"])


def test_numbers_stay_text_as_written(content, tmp_path):
    write(content, "news/2017/x.bs.md",
          "---\ntitle: 0700\ndate: 2017-02-10\nsummary: 2.500\n---\nT.\n")
    build_site(content, tmp_path / "out")
    from tests.conftest import html
    page = html(tmp_path / "out/bs/vijesti/x/index.html")
    assert page.h1.get_text() == "0700"
    assert page.find("meta", attrs={"name": "description"})["content"] == "2.500"


def test_project_file_name_must_be_a_key(content, capsys):
    rel = write(content, "projects/My Project.yml", "name: {bs: Projekat}\n")
    assert_reported(content, capsys, rel, field="file name", words=["my-project"])


@pytest.mark.parametrize("where", ["content", "theme", "project"])
def test_output_folder_that_would_swallow_sources_is_refused(content, tmp_path, where):
    from plugins.common.errors import SettingsError
    from tests.conftest import settings_for
    from plugins.publishing.build import build
    target = {"content": content.parent, "theme": ROOT / "theme", "project": ROOT}[where]
    settings = settings_for(content, target)
    with pytest.raises(SettingsError, match="choose a folder of its own"):
        build(settings)
    assert (content / "news/2017/ok.sr-cyrl.md").is_file()


@pytest.mark.slow
def test_output_folder_not_made_by_a_build_is_not_replaced(content, tmp_path):
    from plugins.common.errors import SettingsError
    other = tmp_path / "photos"
    other.mkdir()
    (other / "holiday.jpg").write_bytes(b"x")
    with pytest.raises(SettingsError, match="was not made by a build"):
        build_site(content, other)
    assert (other / "holiday.jpg").read_bytes() == b"x"
    out = tmp_path / "out"
    build_site(content, out)
    build_site(content, out)  # a folder made by a build is replaced
    assert (tmp_path / "out.glasnik-build").is_file()   # beside it, not in the site
    assert not (out / ".glasnik-build").exists()


UNSAFE = [
    ("<svg/onload=alert(1)>", "<svg>"),
    ('<img src=x\nonerror=alert(2)>', "onerror"),
    ('<a href="jav&#x61;script:alert(3)">x</a>', "`javascript:` address"),
    ("[md](jav&#x61;script:alert(4))", "`javascript:` address"),
    ('<a href=" JAVASCRIPT:x">x</a>', "`javascript:` address"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example">', "<meta>"),
    ('<base href="https://evil.example/">', "<base>"),
    ('<link rel="stylesheet" href="https://evil.example/x.css">', "<link>"),
    ("<style>body{background:url(https://t.example/p)}</style>", "<style>"),
    ('<form action="https://evil.example"><input></form>', "<form>"),
    ("<img src=https://tracker.example/p.gif alt=x>", "on another site"),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "`data:` address"),
    ('<p style="background:url(//t.example/p)">x</p>', "style"),
    ('<IFRAME SRC="https://www.youtube.com/embed/x"></IFRAME>', "<iframe>"),
]


@pytest.mark.parametrize("snippet,words", UNSAFE)
def test_unsafe_content_is_an_error_with_its_line(content, capsys, snippet, words):
    rel = write(content, "news/2017/x.bs.md",
                f"---\ntitle: N\ndate: 2017-02-10\n---\nUvod.\n\n{snippet}\n")
    assert_reported(content, capsys, rel, line=7, words=[words])


def test_code_may_show_unsafe_html_and_safe_html_passes(content, capsys):
    write(content, "news/2017/x.bs.md",
          "---\ntitle: N\ndate: 2017-02-10\n---\nKod `<script>` i `javascript:`.\n\n"
          "```html\n<iframe src=\"x\"></iframe>\n```\n\n"
          '<p class="note">Napomena <a href="https://example.org/">link</a>, '
          '<a href="mailto:a@example.org">pošta</a>, <img src="/images/x.png" alt="x"></p>\n')
    (content / "images").mkdir()
    from PIL import Image
    Image.new("RGB", (4, 4)).save(content / "images/x.png")
    code, out = run_check(content, capsys)
    assert code == 0, out


def test_a_setting_allows_active_html_for_named_files(content, capsys, tmp_path):
    write(content, "news/2017/x.bs.md",
          "---\ntitle: N\ndate: 2017-02-10\n---\n<iframe src=\"/map.html\"></iframe>\n")
    from plugins.publishing.build import check
    from tests.conftest import settings_for
    settings = settings_for(content, tmp_path / "o", ALLOW_RAW_HTML_IN=["*/news/2017/x.bs.md"])
    assert not check(settings).errors


@pytest.mark.slow
def test_translations_of_a_draft_original_wait_for_it(content, tmp_path):
    """bs holds the shared date and is still a draft: its finished vi
    translation is not published before it, and previews mark it a draft."""
    write(content, "news/2017/d.bs.md",
          "---\ntitle: Nacrt\ndate: 2017-03-01\ndraft: true\n---\nT.\n")
    write(content, "news/2017/d.vi.md", "---\ntitle: Bản tin\n---\nVăn bản.\n")
    out = tmp_path / "out"
    build_site(content, out, production=True)
    assert not (out / "vi/tin-tuc/d").exists() and not (out / "bs/vijesti/d").exists()
    preview = tmp_path / "preview"
    build_site(content, preview)
    page = html(preview / "vi/tin-tuc/d/index.html")
    assert page.select_one(".badge-draft") is not None
    # a draft translation of a finished original waits alone
    write(content, "news/2017/d.bs.md", "---\ntitle: Gotovo\ndate: 2017-03-01\n---\nT.\n")
    write(content, "news/2017/d.vi.md", "---\ntitle: Bản tin\ndraft: true\n---\nVăn bản.\n")
    build_site(content, out, production=True)
    assert (out / "bs/vijesti/d/index.html").is_file()
    assert not (out / "vi/tin-tuc/d").exists()


def test_duplicate_organisation_keys(content, capsys):
    rel = write(content, "contact.yml", "publisher: a\norganisations:\n"
                "  - {key: a, name: {bs: A}}\n  - {key: a, name: {bs: B}}\n")
    assert_reported(content, capsys, rel, field="organisations", line=2,
                    words=["two organisations have the key `a`"])


def test_topic_keys_that_are_not_keys_name_their_position(content, capsys):
    rel = write(content, "news/2017/x.bs.md",
                "---\ntitle: N\ndate: 2017-02-10\ntopics: [lgbti, Child Protection]\n---\nT.\n")
    assert_reported(content, capsys, rel, field="topics[1]", line=4,
                    words=["found the text `Child Protection`"])


def test_html_comments_are_notes_never_published(content, capsys, tmp_path):
    write(content, "news/2017/x.bs.md",
          "---\ntitle: N\ndate: 2017-02-10\n---\nUvod <!-- interno: ne objavljivati --> kraj.\n\n"
          "<!-- Napomena za urednika:\n[nacrt](nema.pdf) ![slika](nema.jpg)\n"
          "<script>x()</script> -->\n\nKod: `<!-- ovo se vidi -->`\n")
    code, out = run_check(content, capsys)
    assert code == 0, out                     # what a comment holds is not checked
    out_dir = tmp_path / "out"
    build_site(content, out_dir)
    page = (out_dir / "bs/vijesti/x/index.html").read_text(encoding="utf-8")
    assert "interno" not in page and "Napomena za urednika" not in page
    assert "nacrt" not in page and "<script>" not in page
    assert "&lt;!-- ovo se vidi --&gt;" in page
    assert "Uvod  kraj." in page


def test_an_html_comment_never_closed_is_an_error(content, capsys):
    rel = write(content, "news/2017/x.bs.md",
                "---\ntitle: N\ndate: 2017-02-10\n---\nUvod.\n\n<!-- zaboravljeno\n\nTekst.\n")
    assert_reported(content, capsys, rel, line=7, words=["never closed", "`-->`"])


@pytest.mark.parametrize("front,line,name,column", [
    ("title: N\ndate:\u00a02017-02-10\n", 3, "a non-breaking space", 6),
    ("title: N\ndate: 2017-02-10\ntopics:\n\t- lgbti\n", 5, "a tab", 1),
    ("title: N\n\u00a0\u00a0date: 2017-02-10\n", 3, "a non-breaking space", 1),
])
def test_look_alike_spaces_in_front_matter_are_named(content, capsys, front, line, name,
                                                     column):
    rel = write(content, "news/2017/x.bs.md", f"---\n{front}---\nTekst.\n")
    assert_reported(content, capsys, rel, line=line,
                    words=[f"{name} at column {column}", "retype the spaces"])


def test_a_placeholder_text_is_not_published(content, capsys):
    rel = write(content, "news/2017/x.bs.md", "---\ntitle: N\ndate: 2017-02-10\n---\n"
                "…\n\n<!-- The sr-Cyrl text, to translate from:\n\nТекст.\n-->\n")
    assert_reported(content, capsys, rel, line=5, words=["still the placeholder `…`",
                                                         "`draft: true`"])
    write(content, "news/2017/x.bs.md", "---\ntitle: N\ndate: 2017-02-10\ndraft: true\n---\n"
          "…\n")
    code, out = run_check(content, capsys)
    assert code == 0, out                     # a draft may wait for its text
    rel = write(content, "news/2017/x.bs.md", "---\ntitle: N\ndate: 2017-02-10\n---\n"
                "<!-- samo napomena -->\n")
    assert_reported(content, capsys, rel, line=5, words=["empty (it holds only a comment)"])


@pytest.mark.parametrize("name,fixed", [("x.bs.md.txt", "x.bs.md"), ("x.vi.markdown", "x.vi.md"),
                                        ("x.sr-cyrl.MD", "x.sr-cyrl.md")])
def test_an_item_saved_with_another_ending_is_a_warning(content, capsys, name, fixed):
    write(content, f"news/2017/{name}", VALID_ITEM)
    write(content, "news/2017/notes.txt", "interne beleške")
    code, out = run_check(content, capsys)
    assert code == 0 and f"content/news/2017/{name}: warning:" in out, out
    assert f"rename it to `{fixed}`" in out and "notes.txt" not in out


@pytest.mark.parametrize("name,hint", [
    ("nova-vijest.txt", "rename it to `nova-vijest.<language>.md`, such as "
                        "`nova-vijest.sr-cyrl.md`"),
    ("nova-vijest.bs.md.docx", "save it as plain text"),
    ("nova-vijest.md.DOCX", "name it `nova-vijest.md`")])
def test_an_item_saved_as_text_or_by_word_is_a_warning(content, capsys, name, hint):
    write(content, f"news/2017/{name}", VALID_ITEM.encode("utf-8"))
    write(content, "news/2017/notes.txt", "interne beleške")
    code, out = run_check(content, capsys)
    assert code == 0 and f"content/news/2017/{name}: warning: this looks like" in out, out
    assert hint in out and "notes.txt" not in out, out


def test_a_file_written_in_the_other_script_is_a_warning(content, capsys):
    write(content, "news/2017/x.sr-cyrl.md", "---\ntitle: Obuka za stručnjake u Šapcu\n"
          "date: 2017-02-10\n---\nOdržana je obuka za stručne radnike centara za "
          "socijalni rad uz podršku GIZ.\n")
    write(content, "news/2017/y.sr-cyrl.md", "---\ntitle: Обука у Шапцу\ndate: 2017-02-10\n"
          "---\nОдржана је обука уз подршку GIZ, UNICEF и [SKGO](https://www.skgo.org/).\n")
    code, out = run_check(content, capsys)
    assert code == 0, out
    assert "content/news/2017/x.sr-cyrl.md: warning: the text is written in Latin" in out
    assert "`.sr-latn.md`" in out and "y.sr-cyrl.md" not in out


def test_updated_before_date_is_an_error(content, capsys):
    rel = write(content, "news/2017/x.bs.md",
                "---\ntitle: N\ndate: 2017-02-10\nupdated: 2017-02-01\n---\nT.\n")
    assert_reported(content, capsys, rel, field="updated", line=4, words=["is before `date`"])


def test_a_shared_field_is_reported_where_it_is_written(content, capsys):
    """The topic is misspelt in the bs file: the bs file and its line are named,
    not the first translation, where the field is only shared."""
    write(content, "news/2017/x.sr-cyrl.md", "---\ntitle: Наслов\n---\nТекст.\n")
    rel = write(content, "news/2017/x.bs.md", "---\ntitle: Naslov\ndate: 2017-02-10\n"
                "project: dugaa\ntopics: [lgbti, lgbtq]\n---\nTekst.\n")
    out = assert_reported(content, capsys, rel, field="topics", line=5, words=["`lgbtq`"])
    assert f"content/{rel}:4: error: field `project`" in out
    assert "x.sr-cyrl.md" not in out, out


def test_a_file_that_does_not_parse_gives_one_error_not_one_per_translation(content,
                                                                           capsys):
    """A non-breaking space breaks the original's front matter: its
    translations, which share its date, are not also 'missing the date'."""
    rel = write(content, "news/2017/x.sr-cyrl.md",
                "---\ntitle: Наслов\ndate:\u00a02017-02-10\n---\nТекст.\n")
    write(content, "news/2017/x.bs.md", "---\ntitle: Naslov\n---\nTekst.\n")
    write(content, "news/2017/x.vi.md", "---\ntitle: Tiêu đề\n---\nVăn bản.\n")
    out = assert_reported(content, capsys, rel, line=3, words=["non-breaking space"])
    assert "1 error," in out and "missing" not in out, out
