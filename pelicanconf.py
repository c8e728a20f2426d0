"""Development settings: `invoke build` and `invoke serve` read this file.

Everything site-specific lives here as plain module-level names; the plugins
validate them once at start-up and say which name is wrong and why.
"""

import os
import sys

# Our plugins are the `plugins` package beside this file.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

PATH = "content"
# Development builds (drafts, preview addresses) go to a folder of their own:
# only `invoke publish` writes output/, the folder `invoke deploy` sends.
OUTPUT_PATH = "preview"
THEME = "theme"
SITEURL = ""
# Where `invoke serve` shows the site: the base of absolute URLs in
# development builds (canonical, hreflang, feeds, sitemap).
PREVIEW_SITEURL = "http://127.0.0.1:8000"
TIMEZONE = "Europe/Belgrade"
DEFAULT_LANG = "sr-Cyrl"

# --- Locales -----------------------------------------------------------------
# URL path words shared by both Serbian scripts, so a page keeps its path
# (lowercase: a helper, not a setting).
serbian_words = {"news": "vesti", "projects": "projekti", "topics": "teme",
                 "contact": "kontakt", "search": "pretraga", "page": "strana"}

# Order is the order of the language switcher and the chooser at `/`.
# `words` are the localized URL path words; they must be ASCII.
LOCALES = {
    "sr-Cyrl": {
        "name": "Српски (ћирилица)",
        # On Serbian pages the switcher names only the script.
        "script": "Ћирилица",
        # elsewhere the language only: the letters show the script
        "short": "Српски",
        "prefix": "sr-cyrl",
        "babel": "sr_Cyrl",
        "og_locale": "sr_RS",
        # Derived from sr-Latn where staff wrote no Cyrillic file.
        "derive_from": "sr-Latn",
        "words": serbian_words,
    },
    "sr-Latn": {
        "name": "Srpski (latinica)",
        "script": "Latinica",
        "short": "Srpski",
        "prefix": "sr-latn",
        "babel": "sr_Latn",
        "og_locale": "sr_RS",
        # Derived from sr-Cyrl where staff wrote no Latin file.
        "derive_from": "sr-Cyrl",
        "words": serbian_words,
    },
    "bs": {
        "name": "Bosanski",
        "prefix": "bs",
        "babel": "bs",
        "og_locale": "bs_BA",
        # Pagefind has no Bosnian stemmer: search indexes and queries Bosnian
        # with its Serbian one (Tuzla finds Tuzli, zaštita finds zaštitu).
        "search_language": "sr",
        "words": {"news": "vijesti", "projects": "projekti", "topics": "teme",
                  "contact": "kontakt", "search": "pretraga", "page": "stranica"},
    },
    "vi": {
        "name": "Tiếng Việt",
        "prefix": "vi",
        "babel": "vi",
        "og_locale": "vi_VN",
        "words": {"news": "tin-tuc", "projects": "du-an", "topics": "chu-de",
                  "contact": "lien-he", "search": "tim-kiem", "page": "trang"},
    },
}
DEFAULT_LOCALE = DEFAULT_LANG
# A locale's lists also show, marked with their language, the items it lacks
# from these locales, in order (linking to the original: no duplicate pages).
LOCALE_FALLBACKS = {"bs": ["sr-Latn"]}

# The site's name per locale (sr-Latn is derived when missing).
SITE_NAME = {
    "sr-Cyrl": "Социјална заштита: вести",
    "bs": "Socijalna zaštita: vijesti",
    "vi": "Bảo trợ xã hội: tin tức",
}

# Words kept in Latin when sr-Latn text is turned into Cyrillic.
SERBIAN_KEEP_LATIN = ["GIZ", "GmbH", "EU", "UNICEF", "SoRi", "LGBT", "LGBTI",
                      "LGBTIQ", "FRI", "SCI", "Deutsche", "Gesellschaft",
                      "für", "Internationale", "Zusammenarbeit"]
# Words in which lj, nj, dž are two letters, beside the built-in prefix rules
# (in-, kon-, van-, pan-, nad-, pod-, od-, pred-) and names such as Tanjug.
SERBIAN_DIGRAPH_EXCEPTIONS = []

# --- Content -----------------------------------------------------------------
NEWS_PER_PAGE = 10
SHOW_DRAFTS = True
# Content files (globs, as `invoke check` names them) whose HTML outside the
# allowlist (plugins/content/sanitise.py) is a warning, not an error. It is
# removed all the same: no file can publish scripts, iframes, forms or handlers.
ALLOW_RAW_HTML_IN = []
# Originals over this many bytes get a warning from `invoke check`.
IMAGE_WARN_BYTES = 8_000_000
# What one content file may cost (plugins/content/limits.py); a file over a
# limit is one error from `invoke check` and the build, and the rest of the
# site is still checked. Bytes of one Markdown or YAML file: a news item is
# rarely over 100 KB (pictures are files of their own), and 1 MB is read and
# rendered in seconds.
CONTENT_MAX_BYTES = 1_000_000
# Levels of lists and mappings in front matter and in the YAML registries
# (staff write 3; contact.yml nests 5). YAML anchors and aliases (`&a`, `*a`)
# are never accepted.
CONTENT_MAX_YAML_DEPTH = 20
# Levels of lists within lists and quotes within quotes in a text.
CONTENT_MAX_NESTING = 20
# Processor seconds Markdown may spend on one text (not clock time: a busy
# machine fails nothing): a 1 MB item takes about three; some short texts
# (20,000 `[` in a row) would take minutes.
CONTENT_MAX_RENDER_SECONDS = 10

# --- Pelican -----------------------------------------------------------------
# Our generator reads content/ itself (one pass for all locales), so Pelican's
# own article and page generators are given nothing to do.
PLUGIN_PATHS = []
READERS = {"rst": None, "html": None, "htm": None}
PLUGINS = ["plugins.newsroom"]
ARTICLE_PATHS = []
PAGE_PATHS = []
DIRECT_TEMPLATES = []
# Files of content/ copied into the site as they are (plugins/files/extra.py):
# a host's CNAME, favicon.ico, .well-known/security.txt, a folder of
# downloads. EXTRA_PATH_METADATA gives one another place in the site:
#   STATIC_PATHS = ["extra/CNAME", "extra/security.txt", "downloads"]
#   EXTRA_PATH_METADATA = {"extra/CNAME": {"save_as": "CNAME"},
#       "extra/security.txt": {"save_as": ".well-known/security.txt"}}
# HTML, SVG and scripts are refused, as is a path the build writes itself.
# (Files content links to need no listing: they are published with it.)
STATIC_PATHS = []
IGNORE_FILES = ["**/.*"]
THEME_STATIC_DIR = "theme"
# The theme's static files are published by our generator, with content
# hashes in their names (so hosts may cache them for a year).
THEME_STATIC_PATHS = []

# Logo (a file in content/) and link colours; the colours are checked for
# WCAG AA contrast against the light and the dark background.
BRAND = {"accent": "#0b5394", "accent_dark": "#8cc4ff", "logo": None}

# No request leaves the site: no inline script, nothing from other hosts.
# Sent as a <meta> tag in every page and, with the headers below, in the
# _headers file that static hosts such as Netlify and Cloudflare Pages read.
# 'wasm-unsafe-eval' lets the search page's own script (Pagefind) compile its
# WebAssembly; it allows no script from anywhere else.
CONTENT_SECURITY_POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self'; "
                           "script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; "
                           "base-uri 'self'; "
                           "form-action 'self'")
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    # Readers of sensitive topics: never tell another site which page they came from.
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
# `invoke build` writes into a fresh folder and swaps it in, so a failed build
# never touches the last good output.
DELETE_OUTPUT_DIRECTORY = False
RELATIVE_URLS = False
FEEDS = True

# Pagefind's search index: production builds only (publishconf.py turns it on).
SEARCH_INDEX = False

# The web editor at /admin/ (Decap CMS, configured from the content schema;
# README, "Edit in the browser"). "local": `invoke serve` saves what staff
# write into this folder. None: no /admin/.
EDITOR = {"backend": "local"}
