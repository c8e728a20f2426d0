"""The theme's templates: one Jinja environment per locale (its gettext
catalog, dates and numbers), all sharing one compiled copy of each template.

Templates get their helpers as registered globals and filters
(`template_globals`); they call nothing else of the build.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import (BytecodeCache, Environment, FileSystemLoader, StrictUndefined,
                    pass_context, select_autoescape)
from markupsafe import Markup

from plugins import i18n
from plugins.common.errors import SettingsError

from ... import markup
from .markup import ContentMarkup
from .output import OutputTemplate


class ThemeEnvironment(Environment):
    """Jinja's environment, reading `entry.extra.image` off a dict without
    first failing to find a dict attribute of that name (a page reads some
    thirty such keys, and each failure raised and caught an AttributeError);
    its templates escape output values straight to text (OutputTemplate)."""

    template_class = OutputTemplate

    def getattr(self, obj, attribute: str):
        # Environment.getattr: an attribute first, else an item, else undefined
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES and attribute in obj:
            return obj[attribute]   # what getattr would then have found
        try:
            return getattr(obj, attribute)
        except AttributeError:
            pass
        try:
            return obj[attribute]
        except (TypeError, LookupError, AttributeError):
            return self.undefined(obj=obj, name=attribute)


_DICT_ATTRIBUTES = frozenset(dir(dict))   # a plain dict's only attributes


class CompiledOnce(BytecodeCache):
    """Compiled templates kept in memory and shared by every environment of
    a build: each template is compiled once, not once per locale."""

    def __init__(self):
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


def template_globals(settings: dict, locales, views, assets, content: ContentMarkup,
                     absolute) -> dict:
    """The names every template sees besides its page's own data."""
    theme_files = assets.theme_files
    return {"SITEURL": settings.get("SITEURL", ""),
            # Links and assets are root-relative (with the path of SITEURL,
            # for sites served from a sub-folder): a production build then
            # works on any host; canonical, hreflang and feeds are absolute.
            "SITEPATH": content.sitepath,
            "locales": list(locales),
            "default_locale": locales.default, "site_names": views.site_names,
            "absolute": absolute, "routes": views.routes,
            "text": markup.text, "lang_attr": markup.lang_attr,
            "picture": content.picture, "body": content.body,
            "thumbnail": content.thumbnail, "thumbnail_url": content.thumbnail_url,
            "asset": theme_files.__getitem__,
            "logo": theme_files.get("logo"),
            "csp": settings.get("CONTENT_SECURITY_POLICY", ""),
            # `invoke serve` only: the page reloads when a new build lands
            "live_reload": bool(settings.get("LIVE_RELOAD")),
            "show_drafts": settings.get("SHOW_DRAFTS", False),
            "search_index": bool(settings.get("SEARCH_INDEX"))}


class Templates:
    """The environment of each locale (None: the language chooser's, with
    no translations), and each locale's catalog."""

    def __init__(self, theme: Path, locales, settings: dict, names: dict):
        self.locales = locales
        self.settings = settings
        self.compiled = CompiledOnce()
        self.catalogs = {loc.tag: i18n.load_translations(theme / "translations", loc,
                                                         locales, settings)
                         for loc in locales}
        self.overrides = template_overrides(settings)
        self.names = names
        # what the pages are made with: the theme (templates, catalogs and
        # the files it publishes) and the folders that override its templates
        self.folders = [*self.overrides, theme]
        folders = [*self.overrides, theme / "templates"]
        self.environments = {tag: self._environment(folders, tag, names)
                             for tag in [*locales.tags, None]}

    def _environment(self, folders: list[Path], tag: str | None,
                     names: dict) -> Environment:
        env = ThemeEnvironment(loader=FileSystemLoader([str(f) for f in folders]),
                          autoescape=select_autoescape(["html", "xml"]),
                          undefined=StrictUndefined, trim_blocks=True,
                          lstrip_blocks=True, extensions=["jinja2.ext.i18n"],
                          bytecode_cache=self.compiled,
                          # a build's theme does not change while it runs (a
                          # change rebuilds all): no file check per include
                          auto_reload=False)
        if tag is not None:
            env.install_gettext_translations(self.catalogs[tag], newstyle=True)
        else:
            env.install_null_translations(newstyle=True)
        babel = self.locales.get(tag).babel if tag else self.locales.default.babel
        gettext = self.catalogs[tag].gettext if tag else str
        one_side = (gettext("from %(date)s"), gettext("until %(date)s"))
        env.filters.update({
            "long_date": lambda d, b=babel: i18n.long_date(d, b),
            "period": lambda p, b=babel, w=one_side: i18n.period(p["start"], p["end"], b, w),
            "number": lambda n, b=babel: i18n.number(n, b),
            "iso": i18n.iso,
            "script_json": markup.json_ld,
            "meta_tags": markup.meta_tags,
        })
        env.globals.update(names)
        env.globals["_"] = _translated_once(env.globals["_"])
        env.globals["news_card"] = _card_renderer(env)
        env.globals["once"] = _once_renderer(env, self.overrides)
        _add_own(env, self.settings)
        return env

    def compile_all(self) -> None:
        """Load every template in every environment now (compiled once),
        so that forked workers share them instead of compiling their own."""
        for env in self.environments.values():
            for name in env.list_templates(extensions=["html", "xml"]):
                env.get_template(name)

    def environment_of(self, view) -> Environment:
        """A page's environment: its locale's (the 404 page speaks the
        default locale; the chooser every one)."""
        if view.route == ("chooser",):
            return self.environments[None]
        return self.environments[(view.locale or self.locales.default).tag]

    def forget_cards(self, key: str) -> None:
        """Forget the news cards made of an item (its text changed)."""
        for env in self.environments.values():
            memo = env.globals["news_card"].memo
            for found in [k for k in memo if k[0] == key]:
                del memo[found]   # at worst a same-key page's card is made again


def override_folders(settings: dict) -> list[Path]:
    """The folders THEME_TEMPLATES_OVERRIDES names (relative ones from the
    settings file's folder, as Pelican reads PATH), whether or not they are."""
    file = settings.get("SETTINGS_FILE")
    base = Path(file).parent if file else Path.cwd()
    return [(base / Path(folder).expanduser()).resolve()
            for folder in settings.get("THEME_TEMPLATES_OVERRIDES") or ()]


def template_overrides(settings: dict) -> list[Path]:
    """THEME_TEMPLATES_OVERRIDES, folders searched before the theme's
    templates/; a folder that is missing is a settings error."""
    folders = override_folders(settings)
    missing = [str(f) for f in folders if not f.is_dir()]
    if missing:
        raise SettingsError(f"THEME_TEMPLATES_OVERRIDES names {', '.join(missing)}, "
                            "which is not a folder: create it, or remove it from the list")
    return folders


def _add_own(env: Environment, settings: dict) -> None:
    """JINJA_FILTERS and JINJA_GLOBALS from the settings, beside the build's
    own, which they may not replace (pages would silently change)."""
    for kind, own, added in (("JINJA_FILTERS", env.filters, settings.get("JINJA_FILTERS")),
                             ("JINJA_GLOBALS", env.globals, settings.get("JINJA_GLOBALS"))):
        taken = sorted(set(added or {}) & set(own))
        if taken:
            raise SettingsError(f"{kind} redefines {', '.join(taken)}, which Jinja or "
                                "the theme already has: give yours another name")
        own.update(added or {})


def _translated_once(gettext):
    """`_("News")`: each string without variables translated once per locale
    and kept, as Jinja's gettext returns it (marked safe, `%%` read as `%`);
    Jinja wraps, marks and formats it again at each of a page's thirty calls."""
    memo = {}

    @pass_context
    def translated(context, string, **variables):
        if variables or not context.eval_ctx.autoescape:
            return gettext(context, string, **variables)
        found = memo.get(string)
        if found is None:
            found = memo[string] = gettext(context, string)
        return found
    return translated


def _card_renderer(env: Environment):
    """A news card is the same on every list that shows it (news, year,
    project, topic, home): render it once per locale and reuse the markup."""
    memo = {}

    def news_card(entry, locale, language_names, level):
        key = (entry.item.key, entry.lang, entry.fallback, level)
        found = memo.get(key)
        if found is None:
            module = env.get_template("partials/news_card.html").module
            found = memo[key] = module.news_card(entry, locale, language_names, level)
        return found
    news_card.memo = memo
    return news_card


def _once_renderer(env: Environment, overrides: list[Path]):
    """`once(name, key, **variables)`: a partial that is the same on every
    page of a locale that passes it the same `key` (the head's common tags,
    the footer) rendered once and reused, not included again per page. The
    key must say everything the partial shows that is not a global. A
    partial that THEME_TEMPLATES_OVERRIDES replaces is rendered on every
    page with the page's whole context, as an include: it may show more."""
    memo = {}
    overridden = {}

    @pass_context
    def once(context, name, key, **variables):
        if name not in overridden:
            overridden[name] = any((folder / name).is_file() for folder in overrides)
        if overridden[name]:
            return Markup(env.get_template(name).render(context.get_all()))
        found = memo.get((name, key))
        if found is None:
            found = memo[(name, key)] = Markup(env.get_template(name).render(**variables))
        return found
    once.memo = memo
    return once
