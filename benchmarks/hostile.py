"""Hostile and very large content files: seconds and peak memory of `check`.

    .venv/bin/python -m benchmarks.hostile [--root TREE] [--timeout 60] [CASE ...]

Each case is a small valid site (one item, one project, two topics) plus one
file built to cost time or memory: a 30 MB item, lists nested 10,000 deep,
YAML alias expansion ("billion laughs"), front matter nested 100,000 deep,
lists 700 deep (under the size limit), and legitimate 2 and 4 MB items of ordinary prose (whose times should grow
linearly: twice the text, twice the time). Each runs `check` (or the build,
for the cases named `build:`) in a fresh interpreter with a time limit and
prints one table row: seconds, peak RSS, and the first error reported.

`--root` runs the cases against another checkout of the project (say, a
`git archive` of main), to compare before and after a change.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEMORY_LIMIT = 8 * 1024 ** 3     # bytes of address space per run

TOPICS = ("lgbti:\n  label: {sr-Cyrl: ЛГБТИ, bs: LGBTI, vi: LGBTI}\n"
          "child-protection:\n  label: {sr-Cyrl: Заштита деце, bs: Zaštita djece, "
          "vi: Bảo vệ trẻ em}\n")
PROJECT = "name: {sr-Cyrl: ДУГА, bs: DUGA, vi: DUGA}\n"
FRONT = "---\ntitle: Naslov\ndate: 2017-02-10\nproject: duga\ntopics: [lgbti]\n---\n"


def prose(size: int) -> str:
    """Ordinary Markdown of about `size` bytes: paragraphs with links and
    emphasis, lists, a table, raw HTML, code, headings."""
    block = (
        "## Okrugli sto o zaštiti djece\n\n"
        "Učesnici okruglog stola u *Sarajevu* razgovarali su o [uslugama]"
        "(https://example.org/usluge) za djecu i porodice, o **podršci** "
        "stručnim radnicima i o saradnji institucija.\n\n"
        "- prva tačka s [vezom](/bs/vijesti/)\n- druga tačka\n"
        "    - ugniježđena tačka\n- treća tačka\n\n"
        "1. prvi korak\n2. drugi korak\n\n"
        "| grad | učesnici |\n| --- | --- |\n| Sarajevo | 24 |\n| Tuzla | 18 |\n\n"
        "<div class=\"note\"><p>Napomena za <em>čitaoce</em>.</p></div>\n\n"
        "> Citat jednog od učesnika, u dva\n> reda.\n\n"
        "```\nkod = \"<script>\"\n```\n\nRed s `kodom` u tekstu.\n\n")
    return block * max(1, size // len(block.encode("utf-8")))


def laughs(levels: int = 9, width: int = 10) -> str:
    """YAML fields x0..x8 with anchors a0..a8, each level `width` aliases of
    the one before: *a8 stands for 10**8 strings."""
    lines = ["x0: &a0 [\"lol\"]"]
    for level in range(1, levels):
        refs = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"x{level}: &a{level} [{refs}]")
    return "\n".join(lines)


def _front_with(extra: str) -> str:
    return f"---\ntitle: Naslov\ndate: 2017-02-10\n{extra}\n---\nTekst.\n"


def _nested_lists(depth: int) -> str:
    return FRONT + "".join("    " * level + "- tačka\n" for level in range(depth))


CASES = {
    "30 MB item": lambda: {"news/2017/big.bs.md": FRONT + prose(30_000_000)},
    "lists nested 10,000 deep": lambda: {"news/2017/deep.bs.md": _nested_lists(10_000)},
    "build: lists nested 10,000 deep":
        lambda: {"news/2017/deep.bs.md": _nested_lists(10_000)},
    # 700 levels of four spaces each stay under 1 MB: past the size limit
    "lists nested 700 deep": lambda: {"news/2017/deep.bs.md": _nested_lists(700)},
    "build: lists nested 700 deep": lambda: {"news/2017/deep.bs.md": _nested_lists(700)},
    "build: quotes nested 10,000 deep":
        lambda: {"news/2017/quotes.bs.md": FRONT + ">" * 10_000 + " citat\n"},
    "quotes nested 10,000 deep":
        lambda: {"news/2017/quotes.bs.md": FRONT + ">" * 10_000 + " citat\n"},
    "YAML laughs as slug": lambda: {"news/2017/laughs.bs.md": _front_with(
        laughs() + "\nslug: *a8")},
    "YAML laughs as mapping key": lambda: {"news/2017/laughs.bs.md": _front_with(
        laughs() + "\n? *a8\n: x")},
    "YAML laughs as project status": lambda: {"projects/x.yml": PROJECT + laughs() + "\nstatus: *a8\n"},
    "front matter nested 100,000 deep": lambda: {"news/2017/nested.bs.md": _front_with(
        "summary: " + "[" * 100_000 + "]" * 100_000)},
    # short texts Python-Markdown takes minutes over, or recurses too deep on
    "20,000 [ in a row": lambda: {"news/2017/brackets.bs.md": FRONT + "[" * 20_000 + "\n"},
    "emphasis 20,000 deep": lambda: {"news/2017/stars.bs.md": FRONT + "*" * 20_000 + "a"
                                     + "*" * 20_000 + "\n"},
    "5,000 unclosed fences": lambda: {"news/2017/fences.bs.md": FRONT + "~~~ a\n" * 5_000},
    "2 MB of prose (limit raised)": lambda: {"news/2017/long.bs.md": FRONT + prose(2_000_000)},
    "4 MB of prose (limit raised)": lambda: {"news/2017/long.bs.md": FRONT + prose(4_000_000)},
}

# The prose cases measure speed, not the limit: they raise it.
RAISED = {"CONTENT_MAX_BYTES": 64_000_000}

_CHILD = """
import json, os, sys, time
sys.path.insert(0, {root!r})
os.chdir({root!r})
from plugins.common.errors import ContentErrors
from plugins.publishing.build import build, check, settings_from
settings = settings_from({conf!r}, PATH={content!r}, OUTPUT_PATH={output!r}, **{extra!r})
started = time.perf_counter()
try:
    if {build!r}:
        build(settings)
        errors = []
    else:
        errors = check(settings).errors
except ContentErrors as exc:
    errors = exc.problems.errors
first = errors[0].format().splitlines()[0] if errors else "no error"
print("RESULT " + json.dumps({{"seconds": time.perf_counter() - started,
                              "errors": len(errors), "first": first}}))
"""


def _limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _write_site(content: Path, name: str) -> None:
    """The case's files (in a function: its large texts are freed on return,
    before the child is forked, so they do not count in the child's peak)."""
    for relative, text in {"topics.yml": TOPICS, "projects/duga.yml": PROJECT,
                           "news/2017/ok.bs.md": FRONT + "Tekst vijesti.\n",
                           **CASES[name]()}.items():
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def run_case(name: str, root: Path, timeout: float, python: str) -> dict:
    """Write the case's site, run it in a child; seconds, peak MB, outcome."""
    base = Path(tempfile.mkdtemp(prefix="hostile-"))
    try:
        content = base / "content"
        _write_site(content, name)
        code = _CHILD.format(root=str(root), conf=str(root / "pelicanconf.py"),
                             content=str(content), output=str(base / "output"),
                             build=name.startswith("build:"),
                             extra=RAISED if "limit raised" in name else {})
        started = time.perf_counter()
        child = subprocess.Popen([python, "-c", code], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True,
                                 preexec_fn=_limit_memory, start_new_session=True)
        try:
            out, err = child.communicate(timeout=timeout)
            outcome = None
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            out, err = child.communicate()
            outcome = f"killed after {timeout:.0f} s"
        seconds = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        line = next((l for l in out.splitlines() if l.startswith("RESULT ")), None)
        if outcome is None and line:
            outcome = json.loads(line[len("RESULT "):])["first"]
        elif outcome is None:
            last = (err.strip().splitlines() or [f"exit status {child.returncode}"])[-1]
            outcome = f"crashed: {last}"
        return {"case": name, "seconds": seconds, "peak_mb": peak_mb, "outcome": outcome}
    finally:
        shutil.rmtree(base, ignore_errors=True)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="the project checkout to measure (default: this one)")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("cases", nargs="*", help="case names (default: all)")
    args = parser.parse_args(argv)
    names = args.cases or list(CASES)
    print(f"{'case':34} {'seconds':>8} {'peak MB':>8}  outcome")
    for name in names:
        # RUSAGE_CHILDREN's peak is the largest of all children so far: one
        # case per fresh process keeps each figure its own.
        row = json.loads(subprocess.run(
            [sys.executable, "-c", "import json, sys; from benchmarks.hostile import "
             "run_case; from pathlib import Path; print(json.dumps(run_case("
             f"{name!r}, Path({str(args.root.resolve())!r}), {args.timeout!r}, "
             f"{sys.executable!r})))"],
            cwd=ROOT, capture_output=True, text=True, check=True).stdout)
        print(f"{row['case']:34} {row['seconds']:8.1f} {row['peak_mb']:8.0f}  "
              f"{row['outcome'][:110]}", flush=True)


if __name__ == "__main__":
    main()
