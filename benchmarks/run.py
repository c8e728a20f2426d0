"""`invoke bench`: this project against Pelican 4.12 + i18n_subsites, same corpus.

Generates the seeded corpus (benchmarks/corpus.py) in our layout and in stock
Pelican's, installs Pelican + pelican-i18n-subsites into a separate venv
(.bench/venv-subsites), builds each three times in fresh processes, and prints
full-build CPU and wall seconds (medians), pages written, the peak memory of
the whole process tree (PSS, benchmarks/usage.py) and the rebuild time after
editing one item (Pelican's content cache on, ours with its render cache).
The full builds of the tools alternate, so neither gets the disk or a quiet
moment of a shared machine in a better state. `hugo=True` adds Hugo 0.168
on the same corpus (benchmarks/hugo.py). `pythons` adds our build on other
interpreters (each given a venv of requirements.txt in .bench/), in the same
turns: how much the interpreter's build matters (README, "Which Python").
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from .corpus import generate, write_ours, write_pelican
from .hugo import Hugo
from .usage import SAMPLE_EVERY, clear_aside, set_aside, tree_usage

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / ".bench"
SUBSITES_VENV = BENCH / "venv-subsites"
SUBSITES_PACKAGES = ["pelican==4.12.0", "markdown==3.11.3", "pelican-i18n-subsites==1.0.0"]

# Runs a build in a fresh interpreter and reports its time and peak memory.
_MEASURE = """
import json, resource, sys, time
started = time.perf_counter()
{body}
seconds = time.perf_counter() - started
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
           resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print("BENCH " + json.dumps({{"seconds": seconds, "peak_mb": peak / 1024}}))
"""

# As `invoke build` runs it, and ends (end_of_command) as it does.
OURS = """
sys.path.insert(0, {root!r})
from plugins.cli.console import end_of_command
from plugins.publishing.build import build, settings_from
result = build(settings_from({conf!r}, PATH={content!r}, OUTPUT_PATH={output!r},
                             SEARCH_INDEX={search!r}))
print("PHASES " + json.dumps(result.phases))
end_of_command()
"""

# What CI's deploy job runs (`invoke publish`): the production build, then
# the checks it must pass before it replaces the published site.
PUBLISH = """
sys.path.insert(0, {root!r})
from plugins.cli.console import end_of_command
from plugins.publishing import verify
from plugins.publishing.build import build, settings_from
settings = settings_from({conf!r}, PATH={content!r}, OUTPUT_PATH={output!r})
clock = time.perf_counter()
result = build(settings, keep_previous=True,
               verify=verify.Verifier.of(settings))
result.phases["build, verify and swap"] = time.perf_counter() - clock
print("PHASES " + json.dumps(result.phases))
end_of_command()
"""

# `invoke serve`'s rebuild after saving one item: a full build, then the
# edit rebuilt in place (plugins.preview.live), timed from the save.
LIVE = """
sys.path.insert(0, {root!r})
from pathlib import Path
from plugins.publishing.build import build, settings_from
from plugins.preview.live import FULL, LiveSite
result = build(settings_from({conf!r}, PATH={content!r}, OUTPUT_PATH={output!r},
                             LIVE_RELOAD=True))
live = LiveSite(result.build, result.output)
path = Path({item!r})
text = path.read_text(encoding="utf-8")
clock = time.perf_counter()
path.write_text(text.replace("\\n---\\n", "\\n---\\nEdited for the benchmark.\\n\\n", 1),
                encoding="utf-8")
outcome = live.edit({{path}})
edit_seconds = time.perf_counter() - clock
path.write_text(text, encoding="utf-8")
assert outcome is None, outcome
print("LIVE " + json.dumps(edit_seconds))
"""

SUBSITES = """
import os
os.chdir({site!r})
from pelican import main
sys.argv = ["pelican", "-s", "pelicanconf.py", "-q"]
try:
    main()
except SystemExit as exit:
    if exit.code:
        raise
"""

SUBSITES_CONF = """
PATH = "content"
OUTPUT_PATH = "output"
SITENAME = "Bench"
SITEURL = ""
TIMEZONE = "Europe/Belgrade"
# i18n_subsites crashes on mixed-case tags (Pelican lower-cases DEFAULT_LANG
# only), so the documented set-up uses lower-case ones.
DEFAULT_LANG = "sr-cyrl"
PLUGINS = ["i18n_subsites"]
JINJA_ENVIRONMENT = {"extensions": ["jinja2.ext.i18n"]}
I18N_SUBSITES = {"sr-latn": {"SITENAME": "Bench"}, "bs": {"SITENAME": "Bench"},
                 "vi": {"SITENAME": "Bench"}}
DEFAULT_PAGINATION = 10
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = "cache"
"""


def measure(python: str, body: str, sampled: bool = True) -> dict:
    """A build in a fresh interpreter: its own figures ("seconds", "phases",
    "live") and the whole process tree's ("wall", "cpu", "peak_mb": PSS;
    `sampled=False`: no peak, and times the sampler did not slow down)."""
    code = _MEASURE.format(body=body)
    run = tree_usage([python, "-c", code], cwd=ROOT, interval=SAMPLE_EVERY if sampled else None)
    if run["returncode"]:
        raise RuntimeError(f"build failed:\n{run['stdout'][-3000:]}\n{run['stderr'][-3000:]}")
    lines = run["stdout"].splitlines()
    result = json.loads(next(l for l in lines if l.startswith("BENCH "))[len("BENCH "):])
    result.update({key: run[key] for key in ("wall", "cpu", "user", "sys", "peak_mb")})
    phases = next((l for l in lines if l.startswith("PHASES ")), None)
    result["phases"] = json.loads(phases[len("PHASES "):]) if phases else {}
    live = next((l for l in lines if l.startswith("LIVE ")), None)
    if live:
        result["live"] = json.loads(live[len("LIVE "):])
    return result


def interpreter(python: str) -> str:
    """What runs a build: the implementation, version and base executable
    (a venv's own `python` is a link to it)."""
    return subprocess.run(
        [python, "-c", "import platform, sys; print(platform.python_implementation(), "
         "platform.python_version(), 'at', sys._base_executable)"],
        check=True, capture_output=True, text=True).stdout.strip()


def venv_for(python: str) -> str:
    """An interpreter that can build this site: `python` itself when it has
    the requirements, else a venv of it in .bench/ with requirements.txt."""
    has = [python, "-c", "import markdown, jinja2, nh3, pelican, babel, PIL"]
    if subprocess.run(has, capture_output=True).returncode == 0:
        return python
    base = subprocess.run([python, "-c", "import sys; print(sys._base_executable)"],
                          check=True, capture_output=True, text=True).stdout.strip()
    venv = BENCH / ("venv-" + hashlib.sha256(base.encode()).hexdigest()[:12])
    return installed_venv(python, venv, ["-r", str(ROOT / "requirements.txt")])


def installed_venv(python: str, venv: Path, packages: list[str]) -> str:
    """The interpreter of `venv`, made from `python` with `packages` (pip's
    arguments) installed the first time."""
    made = venv / "bin" / "python"
    if not made.exists():
        subprocess.run([python, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(made), "-m", "pip", "install", "-q", *packages], check=True)
    return str(made)


def count_pages(output: Path) -> int:
    return sum(1 for _ in output.rglob("*.html"))


def ensure_subsites_venv() -> str:
    return installed_venv(sys.executable, SUBSITES_VENV, SUBSITES_PACKAGES)


def edit_one(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\nEdited for the benchmark.\n", encoding="utf-8")


class Ours:
    name = "this project"

    def __init__(self, base: Path, search: bool = False, conf: str = "pelicanconf.py",
                 publish: bool = False, python: str = sys.executable):
        """`publish`: as `invoke publish` (publishconf.py, verified);
        `python`: the interpreter that builds (another than this one is
        named in the tool's name)."""
        self.base, self.python = base, python
        if python != sys.executable:
            self.name = f"this project on {interpreter(python)}"
        self.content, self.output = base / "ours" / "content", base / "ours" / "output"
        self.body = (PUBLISH if publish else OURS).format(
            root=str(ROOT), conf=str(ROOT / ("publishconf.py" if publish else conf)),
            content=str(self.content), output=str(self.output), search=search)

    def full(self, sampled: bool = True) -> dict:
        # As for Pelican: a fresh output and a cold cache.
        set_aside(self.output)
        set_aside(self.base / "ours" / ".cache")
        return measure(self.python, self.body, sampled)

    def one_edit(self, fresh_output: bool = False, locale: str = "bs") -> dict:
        """Rebuild after editing one item of `locale`, with the last full
        build's cache (`fresh_output`: without its output, as a CI job that
        restored only the caches)."""
        edit_one(next(self.content.glob(f"news/*/*.{locale}.md")))
        if fresh_output:
            set_aside(self.output)
        return measure(self.python, self.body, sampled=False)   # timed, no peak

    def pages(self) -> int:
        return count_pages(self.output)

    def live_edit(self) -> float:
        """Seconds from saving one item to its pages rebuilt in place."""
        item = next(self.content.glob("news/*/*.sr-cyrl.md"))
        body = LIVE.format(root=str(ROOT), conf=str(ROOT / "pelicanconf.py"),
                           content=str(self.content), output=str(self.output), item=str(item))
        return measure(sys.executable, body)["live"]


class Subsites:
    name = "Pelican 4.12 + i18n_subsites"

    def __init__(self, base: Path, runs: int | None = None):
        self.runs = runs   # full builds of the bench's turns it takes part in
        self.python = ensure_subsites_venv()
        self.site = base / "subsites"
        (self.site / "pelicanconf.py").write_text(SUBSITES_CONF, encoding="utf-8")
        self.body = SUBSITES.format(site=str(self.site))

    def full(self, sampled: bool = True) -> dict:
        set_aside(self.site / "cache")   # a full, cold build
        set_aside(self.site / "output")
        return measure(self.python, self.body, sampled)

    def one_edit(self) -> dict:
        edit_one(next((self.site / "content").glob("*.bs.md")))
        return measure(self.python, self.body)  # Pelican's content cache is on

    def pages(self) -> int:
        return count_pages(self.site / "output")


def bench(tools: list, runs: int) -> dict:
    """Full builds taken in turns, the order reversed every other turn (ours,
    theirs, theirs, ours, ...), so that a machine that slows down or speeds
    up as the run goes on (a disk under sustained writing, the file
    system's work left by earlier deletions) costs both alike, timed without
    sampling memory (usage.py: the sampler slows the tree down); then one
    more full build of each with its memory sampled, for its peak, and the
    one-edit rebuild of each."""
    results = {tool.name: [] for tool in tools}
    for turn in range(runs):
        for tool in (tools if turn % 2 == 0 else tools[::-1]):
            if turn < getattr(tool, "runs", runs):
                results[tool.name].append(tool.full(sampled=False))
    rows = {}
    for tool in tools:
        peak = tool.full()["peak_mb"]
        pages = tool.pages()
        rows[tool.name] = summarize(results[tool.name], pages, tool.one_edit(), peak)
    return rows


def summarize(results: list, pages: int, rebuild: dict, peak_mb: float) -> dict:
    """Medians of the full builds (CPU seconds steadier than wall on a
    shared machine), the peak of the sampled build, and the one-edit rebuild."""
    def median(key):   # of an even count: the mean of the middle two
        return statistics.median(r[key] for r in results)
    by_wall = sorted(results, key=lambda r: r["wall"])[len(results) // 2]
    return {"seconds": median("seconds"), "wall": median("wall"), "cpu": median("cpu"),
            "user": median("user"), "sys": median("sys"),
            "phases": by_wall["phases"],
            "all_cpu": [round(r["cpu"], 1) for r in results],
            "all_wall": [round(r["wall"], 1) for r in results],
            "pages": pages, "peak_mb": peak_mb,
            "rebuild_seconds": rebuild["wall"], "rebuild_cpu": rebuild["cpu"]}


def ratio_line(name: str, theirs: dict, mine_name: str, mine: dict) -> str:
    """How another tool (or our build on another interpreter) compares."""
    return (f"{name} / {mine_name}: CPU {theirs['cpu'] / mine['cpu']:.2f}x, wall "
            f"{theirs['wall'] / mine['wall']:.2f}x, peak memory "
            f"{theirs['peak_mb'] / mine['peak_mb']:.2f}x (above 1: the second is faster "
            "or smaller)")


def main(n: int = 2500, runs: int = 3, skip_subsites: bool = False,
         derived: bool = False, search: bool = False, hugo: bool = False,
         subsites_runs: int | None = None, pythons: tuple = ()) -> dict:
    """`derived`: no sr-Latn files, so every Serbian Latin page is derived
    from Cyrillic (our build only): the figure for the cost of derivation.
    `search`: our build with the production search index (our build only):
    the time indexing adds and the index's size. `hugo`: Hugo 0.168 on the
    same corpus (benchmarks/hugo.py) in the same alternation. `pythons`:
    our build also on these interpreters, in the same alternation."""
    base = BENCH / (f"n{n}-derived" if derived else f"n{n}")
    items = generate(n)
    if derived:
        skip_subsites = True
        for item in items:
            if len(item.texts) > 1:
                item.texts.pop("sr-Latn", None)
    if not (base / "ours" / "content").exists():
        started = time.perf_counter()
        sources = write_ours(items, base / "ours" / "content")
        write_pelican(items, base / "subsites" / "content")
        print(f"corpus: {sources} sources, {len(items)} items, N={n} per locale, "
              f"written in {time.perf_counter() - started:.1f} s")
    else:
        print(f"corpus: reusing {base}")
    skip_subsites = skip_subsites or search
    ours = [Ours(base, search)] + [Ours(base, search, python=venv_for(python))
                                   for python in pythons]
    tools = ours + ([Hugo(base, items)] if hugo else []) + \
        ([] if skip_subsites else [Subsites(base, subsites_runs or runs)])
    try:
        rows = bench(tools, runs)
        index = [p for p in (tools[0].output / "pagefind").rglob("*") if p.is_file()]
        live = tools[0].live_edit()   # rebuilds the output with the development settings
    finally:
        clear_aside()
    print(f"\nN={n} per locale, {runs} full builds each, taken in turns; medians, "
          "peak = the process tree's highest PSS, sampled in one more build")
    print(f"this project runs on {interpreter(sys.executable)}")
    width = max(30, *map(len, rows))
    mine_names, first = {o.name for o in ours}, rows[ours[0].name]
    print(f"{'':{width}} {'CPU s':>7} {'user':>6} {'sys':>5} {'wall s':>7} {'peak MB':>8} "
          f"{'pages':>7} {'1 edit s':>8}   CPU s of each run / wall s of each run")
    for name, r in rows.items():
        print(f"{name:{width}} {r['cpu']:>7.1f} {r['user']:>6.1f} {r['sys']:>5.1f} "
              f"{r['wall']:>7.1f} {r['peak_mb']:>8.0f} {r['pages']:>7} "
              f"{r['rebuild_seconds']:>8.1f}   {r['all_cpu']} / {r['all_wall']}")
    # each tool against our build on the default interpreter, and the other
    # tools (not our other interpreters) against ours on each other one
    for mine in ours:
        for name, r in rows.items():
            if name != mine.name and (mine is ours[0] or name not in mine_names):
                print(ratio_line(name, r, mine.name, rows[mine.name]))
    print(f"\none edit in `invoke serve` (rebuilt in place): {live:.2f} s from saving "
          "an item to its pages, lists and feeds written")
    phases = first["phases"]
    if phases:
        print("\nthis project, phases of the median run: " + ", ".join(
            f"{name} {seconds:.2f} s" for name, seconds in phases.items()))
        share = phases.get("of which script derivation", 0) / first["seconds"]
        print(f"script derivation: {share:.1%} of the full build")
    if search:
        seconds = phases.get("search index", 0)
        print(f"search index: {seconds:.2f} s ({seconds / first['seconds']:.0%}"
              f" of the build), {sum(p.stat().st_size for p in index) / 2**20:.1f} MB "
              f"in {len(index)} files")
    return rows


if __name__ == "__main__":
    main(int(os.environ.get("BENCH_N", "2500")))
