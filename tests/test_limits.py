"""Bad and hostile input: a content error at file:line from `invoke check`
and from the build, never a traceback, and within seconds.

The resource cases run in a child process with a time limit and a memory
limit, as a hostile file would meet them in CI."""

from __future__ import annotations

import json
import resource
import subprocess
import sys

import pytest

from benchmarks import hostile
from plugins.common.errors import ContentErrors, SettingsError
from tests.conftest import ROOT, build_site, settings_for, write
from tests.test_validation import assert_reported

FRONT = "---\ntitle: Naslov\ndate: 2017-02-10\n"


def item(extra: str = "", body: str = "Tekst.\n") -> str:
    return f"{FRONT}{extra}---\n{body}"


def assert_build_reports(content, tmp_path, relative, line, *words):
    """The build stops with the same content error (not a traceback)."""
    with pytest.raises(ContentErrors) as stopped:
        build_site(content, tmp_path / "out")
    report = stopped.value.problems.report()
    assert f"content/{relative}:{line}: error" in report, report
    for word in words:
        assert word in report, report


# --- A: old addresses, pictures, control characters ----------------------------

def test_alias_with_a_nul_character(content, capsys, tmp_path):
    rel = write(content, "news/2017/x.bs.md", item('aliases: ["/stara/\\0adresa/"]\n'))
    assert_reported(content, capsys, rel, field="aliases", line=4,
                    words=["U+0000 NULL", "remove the escape"])
    assert_build_reports(content, tmp_path, rel, 4, "U+0000 NULL")


def test_alias_with_a_part_longer_than_a_file_name(content, capsys, tmp_path):
    part = "ж" * 130     # 260 bytes in UTF-8
    rel = write(content, "news/2017/x.bs.md", item(f"aliases: [/vijesti/{part}/]\n"))
    assert_reported(content, capsys, rel, field="aliases", line=4,
                    words=["at most 255 bytes", "a part of 260 bytes"])
    assert_build_reports(content, tmp_path, rel, 4, "255 bytes")


def test_alias_longer_than_a_path(content, capsys):
    rel = write(content, "news/2017/x.bs.md",
                item("aliases: [/" + "dio/" * 1100 + "]\n"))
    assert_reported(content, capsys, rel, field="aliases", line=4,
                    words=["at most 2048 bytes", "a path of 4401 bytes"])


@pytest.mark.parametrize("value, words", [
    ("", "expected a path to a picture, such as `photo.jpg` or `/images/photo.jpg`, "
         "but found nothing"),
    ("5", "the picture `5` does not exist"),   # numbers are read as the text written
    ("[a.jpg, b.jpg]", "expected a path to a picture, such as `photo.jpg` or "
                       "`/images/photo.jpg`, but found a list")])
def test_image_empty_a_number_or_a_list(content, capsys, tmp_path, value, words):
    rel = write(content, "news/2017/x.bs.md", item(f"image: {value}\nimage_alt: A\n"))
    assert_reported(content, capsys, rel, field="image", line=4, words=[words])
    assert_build_reports(content, tmp_path, rel, 4, words)


def test_image_on_a_page(content, capsys, tmp_path):
    rel = write(content, "pages/about.bs.md",
                "---\ntitle: O nama\nimage: photo.jpg\n---\nTekst.\n")
    assert_reported(content, capsys, rel, field="image", line=3,
                    words=["`image` is a field of news items, not of pages",
                           "no main picture", "![what it shows](photo.jpg)"])
    assert_build_reports(content, tmp_path, rel, 3, "not of pages")


def test_picture_whose_name_is_too_long_for_a_file(content, capsys, tmp_path):
    rel = write(content, "news/2017/x.bs.md",
                item(body="Tekst.\n\n![Slika](" + "a" * 300 + ".jpg)\n"))
    assert_reported(content, capsys, rel, line=7, words=["cannot be a file",
                                                         "at most 255 bytes"])
    assert_build_reports(content, tmp_path, rel, 7, "cannot be a file")


@pytest.mark.parametrize("char, named", [("\x1b", "U+001B ESCAPE"),
                                         ("\x08", "U+0008 BACKSPACE"),
                                         ("\x00", "U+0000 NULL"),
                                         ("\x7f", "U+007F DELETE"),
                                         ("\x85", "U+0085 NEXT LINE"),
                                         ("\x9b", "U+009B C1 CONTROL CHARACTER"),
                                         ("\ufffe", "U+FFFE NONCHARACTER")])
def test_control_character_in_a_title(content, capsys, tmp_path, char, named):
    rel = write(content, "news/2017/x.bs.md",
                f"---\ntitle: Nas{char}lov\ndate: 2017-02-10\n---\nTekst.\n")
    assert_reported(content, capsys, rel, line=2,
                    words=[named, "at column 11", "pages and feeds cannot hold",
                           "delete"])
    assert_build_reports(content, tmp_path, rel, 2, named)


def test_control_characters_in_the_body_are_counted(content, capsys, tmp_path):
    rel = write(content, "news/2017/x.bs.md",
                item(body="Prvi red.\n\nDrugi\x1b red.\n\nTreći\x1b\x1b red.\n"))
    assert_reported(content, capsys, rel, line=7,
                    words=["U+001B ESCAPE", "column 6", "2 more (also on line 9)"])
    assert_build_reports(content, tmp_path, rel, 7, "U+001B ESCAPE")


def test_control_character_written_as_an_escape(content, capsys, tmp_path):
    rel = write(content, "news/2017/x.bs.md", item('summary: "Sa\\e[1mžetak"\n'))
    assert_reported(content, capsys, rel, field="summary", line=4,
                    words=["U+001B ESCAPE", "remove the escape"])
    assert_build_reports(content, tmp_path, rel, 4, "U+001B ESCAPE")


def test_control_character_in_a_registry(content, capsys):
    write(content, "projects/duga.yml", "name: {sr-Cyrl: ДУГА, bs: DU\x07GA, vi: DUGA}\n")
    assert_reported(content, capsys, "projects/duga.yml", line=1,
                    words=["U+0007 BELL"])


def test_yaml_anchors_and_aliases_are_refused(content, capsys):
    rel = write(content, "news/2017/x.bs.md", item("author: &a Ana\nsummary: *a\n"))
    assert_reported(content, capsys, rel, line=4,
                    words=["anchor `&a`", "are not accepted", "write the value out"])


def test_field_name_that_is_a_list(content, capsys):
    rel = write(content, "news/2017/x.bs.md", item("? [a, b]\n: c\n"))
    assert_reported(content, capsys, rel, line=4, words=["a field name", "is a list"])


def test_other_files_are_still_checked(content, capsys):
    write(content, "news/2017/x.bs.md", item(body="A\x00B\n"))
    rel = write(content, "news/2017/y.bs.md", item("topics: [lgbt]\n"))
    assert_reported(content, capsys, rel, field="topics", words=["U+0000 NULL",
                                                                 "unknown topic"])


@pytest.mark.parametrize("setting, value, words", [
    ("CONTENT_MAX_BYTES", "1 MB", "`CONTENT_MAX_BYTES`: expected a positive whole number"),
    ("CONTENT_MAX_NESTING", 0, "`CONTENT_MAX_NESTING`: expected a positive whole number"),
    ("CONTENT_MAX_RENDER_SECONDS", True, "found True")])
def test_limit_settings_are_checked(content, tmp_path, setting, value, words):
    from plugins.content import load_site
    with pytest.raises(SettingsError, match=words.replace("?", r"\?")):
        load_site(settings_for(content, tmp_path / "out", **{setting: value}))


def test_limits_are_settings(content, capsys, tmp_path):
    from plugins.content import load_site
    write(content, "news/2017/x.bs.md", item(body="- a\n    - b\n        - c\n"))
    _, problems = load_site(settings_for(content, tmp_path / "out",
                                         CONTENT_MAX_NESTING=2, CONTENT_MAX_BYTES=50))
    report = problems.report()
    assert "content/news/2017/x.bs.md:1: error: the file is 63 bytes; a content " \
           "file may be at most 50 bytes" in report
    _, problems = load_site(settings_for(content, tmp_path / "out",
                                         CONTENT_MAX_NESTING=2))
    assert "x.bs.md:7: error: the text nests lists and quotes 3 levels deep; at most " \
           "2 are accepted" in problems.report()


# --- B: time and memory -----------------------------------------------------------

SECONDS = 20
MEMORY = 1536 * 1024 ** 2

_CHILD = """
import json, sys
sys.path.insert(0, {root!r})
from plugins.common.errors import ContentErrors
from plugins.publishing.build import build, check, settings_from
settings = settings_from({conf!r}, PATH={content!r}, OUTPUT_PATH={output!r},
                         CONTENT_MAX_RENDER_SECONDS=3)
try:
    problems = build(settings) and None if {build!r} else check(settings)
except ContentErrors as exc:
    problems = exc.problems
print("REPORT " + json.dumps(problems.report()))
"""


def _limited():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


@pytest.mark.slow
@pytest.mark.parametrize("case, relative, line, words", [
    ("30 MB item", "news/2017/big.bs.md", 1,
     "the file is 30.0 MB; a content file may be at most 1.0 MB"),
    ("lists nested 10,000 deep", "news/2017/deep.bs.md", 1, "the file is 200.1 MB"),
    ("lists nested 700 deep", "news/2017/deep.bs.md", 27,
     "nests lists and quotes 21 levels deep; at most 20"),
    ("build: lists nested 700 deep", "news/2017/deep.bs.md", 27, "21 levels deep"),
    ("quotes nested 10,000 deep", "news/2017/quotes.bs.md", 7,
     "nests lists and quotes 10000 levels deep"),
    ("YAML laughs as slug", "news/2017/laughs.bs.md", 4, "the YAML anchor `&a0`"),
    ("YAML laughs as mapping key", "news/2017/laughs.bs.md", 4, "the YAML anchor `&a0`"),
    ("YAML laughs as project status", "projects/x.yml", 2, "the YAML anchor `&a0`"),
    ("20,000 [ in a row", "news/2017/brackets.bs.md", 7,
     "the text could not be turned into a page in 3 s"),
    ("emphasis 20,000 deep", "news/2017/stars.bs.md", 7, "the text nests too deeply"),
    ("front matter nested 100,000 deep", "news/2017/nested.bs.md", 4,
     "nests lists and mappings 21 levels deep by column 29; at most 20"),
])
def test_hostile_file_is_reported_within_seconds(content, tmp_path, case, relative,
                                                 line, words):
    for name, text in hostile.CASES[case]().items():
        write(content, name, text)
    other = write(content, "news/2017/other.bs.md", item("topics: [lgbt]\n"))
    code = _CHILD.format(root=str(ROOT), conf=str(ROOT / "pelicanconf.py"),
                         content=str(content), output=str(tmp_path / "out"),
                         build=case.startswith("build:"))
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=SECONDS, preexec_fn=_limited)
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(run.stdout.split("REPORT ", 1)[1])
    assert f"content/{relative}:{line}: error: " in report, report
    assert words in report, report
    assert f"content/{other}:4: error: field `topics`: unknown topic" in report, report
    assert "Traceback" not in run.stderr


_SCAN = """
import sys
from pathlib import Path
from types import SimpleNamespace
sys.path.insert(0, {root!r})
from plugins.content import safety
from plugins.content.render import Renderer
body = sys.stdin.read()
print(len(safety.scan(body)))
if body.startswith(("~~~", "```")):
    source = SimpleNamespace(path=Path("c/news/x.bs.md"), locale=None, body=body,
                             body_line=1, meta={{}})
    Renderer().render(source, Path("c"))
    assert source.unrendered is None and source.html, source.unrendered
"""


@pytest.mark.slow
@pytest.mark.parametrize("body, problems", [("~~~ a\n" * 50_000, 0), ("``" * 200_000, 0),
                                            ("<!--\n" * 100_000, 1),
                                            ("```\nx\n```\n\n" * 5_000, 0)])
def test_code_and_comments_are_found_in_linear_time(body, problems):
    """Fences never closed, backtick runs never paired and comments never
    closed once took minutes to mask (a regular expression searched to the
    end for each); within the size limit they now take well under a second.
    The generous timeout only stops a test that hangs: it measures nothing."""
    run = subprocess.run([sys.executable, "-c", _SCAN.format(root=str(ROOT))], input=body,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-3000:]
    assert int(run.stdout) == problems
