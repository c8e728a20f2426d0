"""`invoke bench --scale`: how our build grows with the site.

For N = 250, 2,500 and 10,000 items per locale (about 4N sources): a cold
full build in a fresh process tree (CPU and wall seconds, peak PSS of the
tree, milliseconds of CPU per source), and the rebuild after editing one
item with the render cache kept; at the largest N the preview's one-edit
time (`invoke serve` rebuilding in place); at N=2,500 what CI does after a
one-item edit: `invoke publish` (the production build with the search
index, verified), from a fresh checkout with only the caches restored.
The full builds are sampled for their peak memory, which costs them some
time (usage.py); the rebuilds after an edit are timed unsampled.
"""

from __future__ import annotations

import time

from .corpus import generate, write_ours
from .run import BENCH, Ours
from .usage import clear_aside

SIZES = (250, 2500, 10000)
CI_N = 2500


def corpus(n: int):
    base = BENCH / f"n{n}"
    if not (base / "ours" / "content").exists():
        started = time.perf_counter()
        sources = write_ours(generate(n), base / "ours" / "content")
        print(f"corpus: {sources} sources, N={n} per locale, written in "
              f"{time.perf_counter() - started:.1f} s", flush=True)
    return base


def count_sources(ours: Ours) -> int:
    return sum(1 for _ in ours.content.rglob("*.md"))


def main(sizes=SIZES) -> list[dict]:
    try:
        return _measure_and_print(sizes)
    finally:
        clear_aside()


def _measure_and_print(sizes) -> list[dict]:
    rows = []
    for n in sizes:
        ours = Ours(corpus(n))
        full, sources = ours.full(), count_sources(ours)
        edit = ours.one_edit()
        row = {"n": n, "sources": sources, "cpu": full["cpu"], "wall": full["wall"],
               "peak_mb": full["peak_mb"], "ms_per_source": 1000 * full["cpu"] / sources,
               "edit_cpu": edit["cpu"], "edit_wall": edit["wall"],
               "phases": full["phases"]}
        if n == max(sizes):
            row["live"] = ours.live_edit()
        rows.append(row)
        print(f"N={n}: {row}", flush=True)
    ci = None
    if CI_N in sizes:
        # Serbian Cyrillic: its edit re-indexes the largest part of the search
        production = Ours(BENCH / f"n{CI_N}", search=True, publish=True)
        cold = production.full()
        ci = (cold, production.one_edit(fresh_output=True, locale="sr-cyrl"))
    print(f"\n{'N per locale':>12} {'sources':>8} {'CPU s':>7} {'wall s':>7} {'peak MB':>8} "
          f"{'CPU ms/source':>14} {'1 edit, cache kept (CPU s / wall s)':>36}")
    for r in rows:
        print(f"{r['n']:>12} {r['sources']:>8} {r['cpu']:>7.1f} {r['wall']:>7.1f} "
              f"{r['peak_mb']:>8.0f} {r['ms_per_source']:>14.2f} "
              f"{r['edit_cpu']:>20.1f} / {r['edit_wall']:.1f}")
    for r in rows:
        print(f"N={r['n']} phases (wall s): " + ", ".join(
            f"{k} {v:.2f}" for k, v in r["phases"].items()))
    if "live" in rows[-1]:
        print(f"\n`invoke serve`, one edit at N={rows[-1]['n']}: {rows[-1]['live']:.2f} s "
              "from saving the item to its pages, lists and feeds rewritten")
    if ci:
        cold, warm = ci
        print(f"CI at N={CI_N} (production, search index): cold {cold['cpu']:.1f} CPU s / "
              f"{cold['wall']:.1f} s wall; after a one-item edit, caches restored, no output: "
              f"{warm['cpu']:.1f} CPU s / {warm['wall']:.1f} s wall; peak of the cold "
              f"build {cold['peak_mb']:.0f} MB")
        print("  after the edit (wall s): " + ", ".join(
            f"{k} {v:.2f}" for k, v in warm["phases"].items()))
    return rows
