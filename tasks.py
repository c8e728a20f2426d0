"""The one entry point for staff, maintainers and CI: `invoke --list`."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from invoke import task
from invoke.exceptions import Exit

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from plugins.cli.console import (build_summary, end_of_command, fail, say,  # noqa: E402
                                  show_progress, stopped_cleanly)

SETTINGS = {"dev": ROOT / "pelicanconf.py", "production": ROOT / "publishconf.py"}


def _settings(production: bool, content: str | None = None, output: str | None = None):
    from plugins.publishing.build import settings_from
    return settings_from(SETTINGS["production" if production else "dev"],
                         PATH=content, OUTPUT_PATH=output)


@task(help={"content": "content folder to check (default: content/)",
            "production": "check as the production build sees it (no drafts)"})
def check(c, content=None, production=False):
    """Check every content file against the schema without building."""
    with stopped_cleanly():
        from plugins.publishing.build import check as check_content
        problems = check_content(_settings(production, content))
    say(problems.report())
    if problems.errors:
        raise Exit(code=1)


@task(name="settings", help={"production": "the values of publishconf.py"})
def show_settings(c, production=False):
    """Every setting the build reads: its value, default and help; then its problems."""
    with stopped_cleanly():
        from plugins import settings as checked_settings
        from plugins.settings.show import describe
        found = _settings(production)
        say(describe(found))
        problems = checked_settings.problems(found)
        if problems.items:
            say("\n" + problems.report())
        if problems.errors:
            raise Exit(code=2)


@task(help={"production": "use publishconf.py (absolute URLs, no drafts) and build "
                          "into output/, keeping the build it replaces for "
                          "`invoke publish --rollback`",
            "content": "content folder (default: content/)",
            "output": "output folder (default: preview/, with --production output/)"})
def build(c, production=False, content=None, output=None):
    """Build the site into preview/ (a failed build leaves it as it was)."""
    with stopped_cleanly("nothing was changed."):   # until the build says more
        from plugins.common.errors import ContentErrors
        from plugins.publishing.build import build as build_site
        show_progress()
        settings = _settings(production, content, output)
        folder = Path(settings["OUTPUT_PATH"]).name
        with stopped_cleanly(f"the unfinished build was removed and {folder}/ was "
                              "not changed."):
            try:
                result = build_site(settings, keep_previous=production)
            except ContentErrors as exc:
                fail(exc.problems.report() + f"\nThe build stopped; {folder}/ was not "
                      "changed.")
    pages = sum(1 for f in result.files if f.endswith(".html"))
    for warning in result.warnings:
        print(f"warning: {warning}")
    print(build_summary(result, settings))
    count = len(result.warnings)
    print(f"Built {pages} pages ({len(result.files)} files) into "
          f"{result.output} in {result.seconds:.2f} s"
          + (f", {count} warning{'' if count == 1 else 's'}" if count else ""))
    end_of_command()


@task(help={"rollback": "put the previous published build back instead",
            "output": "the published folder (default: output/)"})
def publish(c, rollback=False, output=None):
    """Production build beside the live site, checked, then swapped in at once."""
    with stopped_cleanly("nothing was changed."):   # until the build says more
        from plugins.common.errors import ContentErrors, GlasnikError
        from plugins.publishing import build as builder, verify
        settings = _settings(True, None, output)
        show_progress()
        if rollback:
            try:
                folder = builder.rollback(settings)
            except GlasnikError as exc:
                fail(f"invoke publish --rollback: {exc}", exc.exitcode)
            print(f"Rolled back: {folder} is the previous build again "
                  f"(`invoke publish --rollback` once more undoes this). The live site "
                  f"still shows the newer one until this is sent: `invoke deploy`")
            return
        with stopped_cleanly("nothing was published: the unfinished build was "
                              "removed and the live site is as it was."):
            try:
                result = builder.build(settings, keep_previous=True,
                                       verify=verify.Verifier.of(settings))
            except (ContentErrors, builder.BuildRefused) as exc:
                shown = exc.problems.report() if isinstance(exc, ContentErrors) else str(exc)
                fail(f"{shown}\nNothing was published; the live site is as it was.")
    pages = sum(1 for f in result.files if f.endswith(".html"))
    print(build_summary(result, settings))
    kept = builder.previous_of(result.output).exists()
    print(f"Published {pages} pages into {result.output} in {result.seconds:.2f} s; "
          + ("the previous build is kept for `invoke publish --rollback`" if kept else
             "the first build here: there is no earlier one to roll back to")
          + ". `invoke deploy` sends it to the live site")
    end_of_command()


@task(help={"dry_run": "only show what would change",
            "output": "the published folder (default: output/)"})
def deploy(c, dry_run=False, output=None):
    """Send the published site to its host (DEPLOY in publishconf.py)."""
    with stopped_cleanly("the live site is as it was." if dry_run else ""):
        from plugins.publishing.deploy import deploy as send, load_target
        settings = _settings(True, None, output)
        summary = send(load_target(settings), Path(settings["OUTPUT_PATH"]), ROOT,
                       siteurl=settings["SITEURL"], dry_run=dry_run,
                       message="Publish the site")
    print(summary)


@task(help={"lang": "language of the item: sr-cyrl, sr-latn, bs or vi",
            "title": "the item's title, in that language",
            "project": "project key (a file name in content/projects/)",
            "topics": "topic keys, comma-separated (from content/topics.yml)",
            "slug": "the address (default: made from the title)"})
def new(c, lang, title, project=None, topics="", slug=None):
    """Start a news item: its file with the front matter filled in, as a draft."""
    from plugins.authoring.scaffold import ScaffoldError, new_item
    from plugins.content import load_locales
    with stopped_cleanly():
        settings = _settings(False)
        try:
            path = new_item(Path(settings["PATH"]), load_locales(settings), lang=lang,
                            title=title, timezone=settings["TIMEZONE"], project=project,
                            topics=[t.strip() for t in topics.split(",") if t.strip()],
                            slug=slug)
        except ScaffoldError as exc:
            fail(f"invoke new: {exc}", exc.exitcode)
    print(f"Wrote {path.relative_to(ROOT)}: write the text below the front matter, "
          "preview with `invoke serve`, delete the `draft: true` line to publish.")


@task(help={"source": "the item's file, e.g. content/news/2019/x.sr-cyrl.md",
            "to": "the language to translate into: sr-cyrl, sr-latn, bs or vi"})
def translate(c, source, to):
    """Start a translation of an item, with the original text beside it."""
    from plugins.authoring.scaffold import ScaffoldError, translate_item
    from plugins.content import load_locales
    with stopped_cleanly():
        try:
            path = translate_item(Path(source).resolve(), load_locales(_settings(False)),
                                  to=to)
        except ScaffoldError as exc:
            fail(f"invoke translate: {exc}", exc.exitcode)
    print(f"Wrote {path.relative_to(ROOT) if ROOT in path.parents else path}: translate "
          "the fields marked and the text in the comment, then delete `draft: true`.")


@task(help={"fail_on": "statuses that make the task fail, e.g. missing,outdated,draft",
            "content": "content folder (default: content/)"})
def translations(c, fail_on="", content=None):
    """Which items exist in which language: present, draft, generated, missing, outdated."""
    from plugins.authoring import status
    from plugins.content import load_locales, load_site
    with stopped_cleanly():
        settings = _settings(False, content)
        site, problems = load_site(settings)
    if problems.errors:
        fail(problems.report() + "\nFix these first (`invoke check`).")
    locales = load_locales(settings)
    rows = status.table(site, locales)
    say(status.render(rows, locales))
    wanted = {s.strip() for s in fail_on.split(",") if s.strip()}
    unknown = wanted - set(status.STATUSES) - {status.PRESENT}
    if unknown:
        fail(f"--fail-on takes missing, outdated, draft or generated, not "
              f"{sorted(unknown)}", 2)
    found = sum(1 for r in rows for cell in r.cells.values() if cell in wanted)
    if found:
        fail(f"{found} cells are {' or '.join(sorted(wanted))}")


@task(help={"port": "port to serve on (default 8000)",
            "search": "also build the search index, as production builds do"})
def serve(c, port=8000, search=False):
    """Build, serve on http://127.0.0.1:8000, rebuild on every change and reload the page."""
    from plugins.preview import port_in_use
    from plugins.preview.serve import local_editor, serve_and_watch

    def settings():
        found = _settings(False)
        found["LIVE_RELOAD"] = True
        found["SEARCH_INDEX"] = search
        return found

    busy = port_in_use(int(port))
    if busy:
        fail(f"invoke serve: port {port} is in use ({busy}): another `invoke serve` "
             f"may be running; stop it, or choose another port: "
             f"`invoke serve --port {int(port) + 1}`", 2)
    with stopped_cleanly():
        repository = local_editor(_settings(False))
    show_progress()   # the first build's phases; rebuilds in place are quick
    serve_and_watch(settings, int(port), [SETTINGS["dev"], SETTINGS["production"]],
                    code=ROOT / "plugins", restart=["-m", "invoke", "serve", "--port",
                                                    str(port)] + (["--search"] * search),
                    repository=repository)


@task(name="editor-install")
def editor_install(c):
    """Fetch the web editor's files (Decap CMS, pinned) from npm into .editor/."""
    from plugins.common.errors import GlasnikError
    from plugins import editor
    try:
        folder = editor.install(ROOT)
    except GlasnikError as exc:
        fail(f"invoke editor-install: {exc}")
    print(f"{editor.PACKAGE} {editor.VERSION} is in {folder.relative_to(ROOT)}/")


@task(help={"args": "extra pytest arguments, e.g. '-k translit'",
            "fast": "leave out the quality gates in real tools (Nu, axe, Lighthouse, links) "
                    "and the slow tests, and run on every core"})
def test(c, args="", fast=False):
    """Run every test, quality gates and slow tests included (--fast: the
    unit and integration tests that are not slow, in parallel)."""
    if fast:
        args = f'-m "not quality and not slow" -n auto {args}'
    c.run(f"{sys.executable} -m pytest {args}", pty=sys.stdout.isatty())


@task(help={"output": "the built site to photograph (default preview/)",
            "into": "folder for the PNG files (default .cache/screenshots)"})
def screenshots(c, output="preview", into=".cache/screenshots"):
    """PNGs of every page kind in every locale at 390 and 1280 px, in Chromium."""
    from tests.quality.screenshots import take
    for sheet in take(Path(output).resolve(), Path(into).resolve()):
        print(f"contact sheet: {sheet}")


@task(name="i18n-extract")
def i18n_extract(c):
    """Extract theme strings into messages.pot and update every catalog."""
    translations = ROOT / "theme" / "translations"
    pot = translations / "messages.pot"
    c.run(f"{sys.executable} -m babel.messages.frontend extract -F babel.cfg "
          f"--no-location --sort-output --project=glasnik -o {pot} .")
    c.run(f"{sys.executable} -m babel.messages.frontend update -i {pot} "
          f"-d {translations} --ignore-obsolete --no-fuzzy-matching")


@task(help={"published": "also remove output/, the published build and its previous one"})
def clean(c, published=False):
    """Remove preview builds and caches (output/, the published site, stays)."""
    folders = [ROOT / "preview", *ROOT.glob("preview.*"), ROOT / ".pytest_cache",
               ROOT / ".cache"]
    if published:
        folders += [ROOT / "output", *ROOT.glob("output.*")]
    for path in folders:
        shutil.rmtree(path, ignore_errors=True)


@task(help={"n": "items per locale (default 2500: about 10,000 sources)",
            "runs": "full builds per tool; the median is shown (default 3)",
            "ours_only": "skip Pelican + i18n_subsites",
            "derived": "no sr-Latn files: every Latin page derived (our build only)",
            "search": "with the production search index: its time and size (our build only)",
            "pictures": "instead: the picture pipeline on this many 12-megapixel photos",
            "against": "with --pictures: also the code of this git revision, side by side",
            "hugo": "also Hugo 0.168 on the same corpus (requirements-dev.txt), in turns",
            "subsites_runs": "full builds of Pelican + i18n_subsites, if fewer than runs",
            "scale": "instead: our build at N=250, 2500 and 10000 (time, memory, edits)",
            "python": "also our build on these interpreters (comma-separated paths), "
                      "in turns: what the interpreter's build is worth"})
def bench(c, n=2500, runs=3, ours_only=False, derived=False, search=False, pictures=0,
          against="", hugo=False, subsites_runs=0, scale=False, python=""):
    """Benchmark against Pelican + i18n_subsites (and Hugo) on a synthetic corpus."""
    if int(pictures):
        from benchmarks.pictures import main as pictures_main
        pictures_main(int(pictures), against=against)
        return
    if scale:
        from benchmarks.scale import main as scale_main
        scale_main()
        return
    from benchmarks.run import main
    main(int(n), int(runs), skip_subsites=ours_only, derived=derived, search=search,
         hugo=hugo, subsites_runs=int(subsites_runs) or None,
         pythons=tuple(p for p in python.split(",") if p))
