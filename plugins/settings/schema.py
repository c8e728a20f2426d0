"""Every setting the build reads, declared once: its kind, its default and
one line of help (`invoke settings` prints them); and the Pelican settings
this build keeps fixed, passes to Pelican, or refuses with what to use
instead. Mappings with keys of their own (LOCALES, BRAND, EDITOR, DEPLOY)
are checked further by the module that reads them, named in `help`."""

from __future__ import annotations

from dataclasses import dataclass

from . import kinds as k

UNSET = object()   # no default: Pelican's, or the setting is required


@dataclass(frozen=True)
class Setting:
    kind: k.Kind
    default: object
    help: str


def _s(kind, default, help_):
    return Setting(kind, default, help_)


SETTINGS: dict[str, Setting] = {
    # --- where things are ---------------------------------------------------
    "PATH": _s(k.FOLDER, UNSET, "the content folder"),
    "OUTPUT_PATH": _s(k.FOLDER, "output", "the folder a build replaces whole "
                      "(preview/ for development, output/ for production)"),
    "THEME": _s(k.FOLDER, UNSET, "the theme folder: templates/, static/, translations/"),
    "THEME_TEMPLATES_OVERRIDES": _s(k.FOLDERS, [], "folders whose templates replace "
                                    "the theme's of the same name (first found wins)"),
    "SITEURL": _s(k.ADDRESS, "", "the published site's address, without a trailing "
                  "slash (plugins/publishing/address.py checks production builds)"),
    "PREVIEW_SITEURL": _s(k.ADDRESS, "", "the base of absolute URLs in development "
                          "builds, where `invoke serve` shows the site"),
    "TIMEZONE": _s(k.ZONE, "UTC", "the site's time zone: dates without one, scheduling"),
    # --- locales ------------------------------------------------------------
    "LOCALES": _s(k.MAPPING, UNSET, "every locale: name, prefix, babel, og_locale, "
                  "words... (plugins/content/locales.py checks its keys)"),
    "DEFAULT_LANG": _s(k.TEXT, UNSET, "the default locale's tag (Pelican's name for it)"),
    "DEFAULT_LOCALE": _s(k.optional(k.TEXT), None, "the default locale's tag, when "
                         "other than DEFAULT_LANG"),
    "LOCALE_FALLBACKS": _s(k.LOCALE_LISTS, {}, "locales whose lists also show the "
                           "items they lack from other locales, in order"),
    "SITE_NAME": _s(k.PER_LOCALE, {}, "the site's name per locale (Serbian's other "
                    "script derived)"),
    "SERBIAN_KEEP_LATIN": _s(k.TEXTS, [], "words kept in Latin when Serbian Latin "
                             "is turned into Cyrillic"),
    "SERBIAN_DIGRAPH_EXCEPTIONS": _s(k.TEXTS, [], "words in which lj, nj, dž are "
                                     "two letters"),
    # --- content ------------------------------------------------------------
    "NEWS_PER_PAGE": _s(k.POSITIVE, 10, "news items per list page"),
    "SHOW_DRAFTS": _s(k.FLAG, False, "drafts and scheduled items in the build "
                      "(previews only)"),
    "ALLOW_RAW_HTML_IN": _s(k.TEXTS, [], "content files (globs) whose HTML outside "
                            "the allowlist is a warning, not an error"),
    "CONTENT_MAX_BYTES": _s(k.POSITIVE, 1_000_000, "bytes one content file may hold"),
    "CONTENT_MAX_YAML_DEPTH": _s(k.POSITIVE, 20, "levels of lists and mappings in "
                                 "front matter and the registries"),
    "CONTENT_MAX_NESTING": _s(k.POSITIVE, 20, "levels of lists and quotes in a text"),
    "CONTENT_MAX_RENDER_SECONDS": _s(k.POSITIVE, 10, "processor seconds Markdown may "
                                     "spend on one text"),
    "STATIC_PATHS": _s(k.TEXTS, [], "files or folders of content/ copied as they are "
                       "(CNAME, favicon.ico, .well-known/): plugins/files/extra.py"),
    "EXTRA_PATH_METADATA": _s(k.PATH_METADATA, {}, "{'save_as': ...} per file of "
                              "STATIC_PATHS: where in the site it is copied to"),
    # --- pictures -----------------------------------------------------------
    "IMAGE_WIDTHS": _s(k.WIDTHS, [320, 720, 1200], "the widths pictures are "
                       "published in (never wider than the original)"),
    "IMAGE_FORMATS": _s(k.PICTURE_FORMATS, ["avif", "webp"], "modern formats beside "
                        "JPEG or PNG"),
    "IMAGE_QUALITY": _s(k.QUALITIES, {}, "encoder quality per format, over the "
                        "defaults avif 55, webp 75, jpeg 80, og 82"),
    "IMAGE_MAX_PIXELS": _s(k.POSITIVE, 50_000_000, "larger pictures are refused "
                           "(a decompression bomb?)"),
    "IMAGE_WARN_BYTES": _s(k.POSITIVE, 8_000_000, "larger originals get a warning"),
    "IMAGE_SIZES": _s(k.TEXT, "(min-width: 42rem) 40rem, calc(100vw - 2rem)",
                      "the `sizes` attribute of pictures in texts"),
    "IMAGE_CACHE": _s(k.FOLDER, ".cache/images", "where encoded pictures are kept "
                      "between builds (beside content/)"),
    "RENDER_CACHE": _s(k.optional(k.FILE), ".cache/render.sqlite", "the Markdown cache "
                       "file (beside content/); None or '' turns it off"),
    "READ_CACHE": _s(k.FLAG, False, "keep each text as read and checked in the Markdown "
                     "cache file too: an unchanged file is not read again (publishconf.py: "
                     "True)"),
    # --- theme and output ---------------------------------------------------
    "BRAND": _s(k.MAPPING, {}, "accent colours and a logo (plugins/newsroom/"
                "theme_assets.py checks contrast)"),
    "JINJA_FILTERS": _s(k.CALLABLES, {}, "extra Jinja filters for the templates"),
    "JINJA_GLOBALS": _s(k.GLOBALS, {}, "extra names every template sees"),
    "CONTENT_SECURITY_POLICY": _s(k.TEXT, "", "the policy in every page and in _headers"),
    "SECURITY_HEADERS": _s(k.HEADERS, {}, "more headers for _headers"),
    "FEEDS": _s(k.FLAG, True, "Atom feeds per locale, project and topic"),
    "SEARCH_INDEX": _s(k.FLAG, False, "Pagefind's index (production builds)"),
    "SEARCH_CACHE": _s(k.optional(k.FOLDER), ".cache/search", "each language's search "
                       "index, kept between builds (beside content/); None or '' keeps none"),
    "PAGE_CACHE": _s(k.optional(k.FOLDER), None, "where the pages of the last build of "
                     "each output folder are kept, to be taken again where nothing they "
                     "show changed (a relative folder is beside content/); None keeps "
                     "none. publishconf.py: .cache/pages"),
    "PRODUCTION": _s(k.FLAG, False, "a production build (publishconf.py)"),
    "EDITOR": _s(k.optional(k.MAPPING), None, "the web editor at /admin/ "
                 "(plugins/editor checks its keys)"),
    "DEPLOY": _s(k.optional(k.MAPPING), None, "where `invoke deploy` sends the site "
                 "(plugins/publishing/deploy.py checks its keys)"),
    # --- set by tasks and tests, not in the settings files ------------------
    "LIVE_RELOAD": _s(k.FLAG, False, "set by `invoke serve`: pages reload on a new build"),
    "BUILD_WORKERS": _s(k.optional(k.POSITIVE), None, "worker processes (default: "
                        "one per core)"),
    "BUILD_DATE": _s(k.optional(k.DATE), None, "today, fixed (tests)"),
    "BUILD_NOW": _s(k.optional(k.AWARE_TIME), None, "now, fixed (tests)"),
    "SETTINGS_FILE": _s(k.optional(k.TEXT), None, "the file these settings were "
                        "read from (set by the build)"),
}

# Pelican's own settings set in pelicanconf.py to leave content/ to our
# generator: any other value would make Pelican write pages of its own.
FIXED = {
    "PLUGINS": (["plugins.newsroom"], "the site's plugins are the packages in "
                "plugins/, run by plugins.newsroom; Pelican plugins are not run"),
    "ARTICLE_PATHS": ([], "news items are read from content/news/ by our generator"),
    "PAGE_PATHS": ([], "pages are read from content/pages/ by our generator"),
    "DIRECT_TEMPLATES": ([], "every page is made from a view: a new page kind is a "
                         "view in plugins/newsroom/phases/p3_views/"),
    "THEME_STATIC_PATHS": ([], "the theme's static/ folder is published with hashed "
                           "names; extra files go in STATIC_PATHS"),
    "RELATIVE_URLS": (False, "links are root-relative to SITEURL's path, which works "
                      "on any host"),
    "DELETE_OUTPUT_DIRECTORY": (False, "every build replaces the output folder whole"),
    **{name: (None, "feeds are made per locale, project and topic: FEEDS = True")
       for name in ("FEED_ALL_ATOM", "FEED_ALL_RSS", "CATEGORY_FEED_ATOM",
                    "TRANSLATION_FEED_ATOM", "AUTHOR_FEED_ATOM", "AUTHOR_FEED_RSS")},
}

# Pelican's settings that are used as Pelican uses them (by its entry point,
# plugins/newsroom/generator.py), or derived by Pelican from others.
PASSED = {"READERS", "PLUGIN_PATHS", "IGNORE_FILES", "THEME_STATIC_DIR", "CSS_FILE",
          "FEED_DOMAIN", "CACHE_PATH", "CACHE_CONTENT", "LOAD_CONTENT_CACHE",
          "CHECK_MODIFIED_METHOD", "CONTENT_CACHING_LAYER", "WRITE_SELECTED",
          "LOG_FILTER", "PORT", "BIND", "OUTPUT_RETENTION"}

_ADDRESSES = ("addresses are the locale's prefix, its path words (LOCALES[...]"
              "['words']) and the item's slug")
# Settings of Pelican (and of its plugins people bring) that this build does
# not honour, with what to use instead.
REFUSED = {
    **{name: _ADDRESSES for kind in ("ARTICLE", "PAGE", "DRAFT", "DRAFT_PAGE",
                                     "CATEGORY", "TAG", "AUTHOR", "ARTICLE_LANG",
                                     "PAGE_LANG", "DRAFT_LANG", "DRAFT_PAGE_LANG",
                                     "YEAR_ARCHIVE", "MONTH_ARCHIVE", "DAY_ARCHIVE",
                                     "ARCHIVES", "AUTHORS", "CATEGORIES", "TAGS",
                                     "INDEX")
       for name in (f"{kind}_URL", f"{kind}_SAVE_AS")},
    "PAGINATION_PATTERNS": "list pages are /<prefix>/<news>/<page word>/N/: "
                           "NEWS_PER_PAGE sets their length",
    "DEFAULT_PAGINATION": "NEWS_PER_PAGE",
    "SITENAME": "SITE_NAME, a name per locale",
    "LOCALE": "dates and numbers come from Babel: LOCALES[...]['babel']",
    "DATE_FORMATS": "dates are written by Babel for LOCALES[...]['babel']",
    "DEFAULT_DATE_FORMAT": "dates are written by Babel for LOCALES[...]['babel']",
    "I18N_SUBSITES": "LOCALES: every locale is built in one run",
    "I18N_TEMPLATES_LANG": "LOCALES: the theme's strings come from its catalogs",
    "I18N_UNTRANSLATED_ARTICLES": "LOCALE_FALLBACKS",
    "SUMMARY_MAX_LENGTH": "`summary:` in an item's front matter",
    "SLUGIFY_SOURCE": "`slug:` in an item's front matter (else its file name)",
    "SLUG_REGEX_SUBSTITUTIONS": "`slug:` in an item's front matter",
    "MARKDOWN": "Markdown's extensions are fixed (plugins/content/render.py)",
    "TYPOGRIFY": "write the typography in the text",
    "DEFAULT_CATEGORY": "`project:` and `topics:` in the front matter",
    "USE_FOLDER_AS_CATEGORY": "`project:` and `topics:` in the front matter",
    "MENUITEMS": "the theme's navigation (theme/templates/partials/)",
    "LINKS": "the theme's templates (THEME_TEMPLATES_OVERRIDES)",
    "SOCIAL": "the theme's templates (THEME_TEMPLATES_OVERRIDES)",
    "DISPLAY_PAGES_ON_MENU": "the theme's navigation (theme/templates/partials/)",
    "EXTRA_TEMPLATES_PATHS": "THEME_TEMPLATES_OVERRIDES",
    "TEMPLATE_PAGES": "a page in content/pages/",
    "OUTPUT_SOURCES": "nothing: sources are never published",
    "STATIC_CHECK_IF_MODIFIED": "nothing: every build copies extra files anew",
}


def known() -> set[str]:
    """Every name the build reads, keeps or passes."""
    return set(SETTINGS) | set(FIXED) | PASSED
