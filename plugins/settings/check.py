"""The settings checked once, against the schema, before anything is read:
each problem names the file and line that set it, the setting, what was
expected and what was found, with the closest known name for a name nothing
reads (`NEWS_PER_PAGES` -> `NEWS_PER_PAGE`)."""

from __future__ import annotations

import ast
import logging
from pathlib import Path

from pelican.settings import DEFAULT_CONFIG

from plugins.common.errors import SettingsError
from plugins.common.problems import Problems, did_you_mean, display_path

from .schema import FIXED, REFUSED, SETTINGS, UNSET, known

log = logging.getLogger("glasnik.settings")


def origins(settings_file: str | Path) -> dict[str, tuple[str, int]]:
    """{NAME: (file, line)} of each UPPERCASE name a settings file assigns,
    following `from pelicanconf import *` (the last assignment wins)."""
    path = Path(settings_file)
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError):
        return {}
    shown = display_path(path, Path.cwd())
    found: dict[str, tuple[str, int]] = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module and \
                any(a.name == "*" for a in node.names):
            sibling = path.with_name(node.module.replace(".", "/") + ".py")
            if sibling.is_file() and sibling.resolve() != path.resolve():
                found.update(origins(sibling))
        targets = (node.targets if isinstance(node, ast.Assign) else
                   [node.target] if isinstance(node, (ast.AnnAssign, ast.AugAssign))
                   else [])
        for target in targets:
            for name in ast.walk(target):
                if isinstance(name, ast.Name) and name.id.isupper():
                    found[name.id] = (shown, node.lineno)
    return found


def problems(settings: dict) -> Problems:
    """Every problem of `settings`: errors (a wrong kind, a refused Pelican
    setting) and warnings (a name nothing reads)."""
    found = Problems()
    # Pelican changes some of its settings as it runs (MARKDOWN): only what
    # the settings file itself assigns is compared with Pelican's defaults
    assigned = _assigned(settings)
    where = _where(settings, assigned)
    read = known()
    for name in sorted(settings):
        if not name.isupper():
            continue
        path, line = where(name)
        value = settings[name]
        if name in SETTINGS:
            kind = SETTINGS[name].kind
            if not kind.accepts(value):
                found.error(path, _wrong_kind(name, kind, value), line=line)
        elif name in FIXED:
            wanted, why = FIXED[name]
            if value != wanted:
                found.error(path, f"setting `{name}` = {_shown(value)}: this site keeps "
                            f"it {wanted!r}", line=line, hint=why)
        elif name in REFUSED:
            if name not in DEFAULT_CONFIG or (name in assigned
                                              and value != DEFAULT_CONFIG[name]):
                found.error(path, f"setting `{name}` is Pelican's, and this site's build "
                            "does not use it", line=line,
                            hint=f"instead: {REFUSED[name]}")
        elif name in DEFAULT_CONFIG:
            if name in assigned and value != DEFAULT_CONFIG[name] and name not in read:
                found.error(path, f"setting `{name}` is Pelican's, and this site's build "
                            f"does not use it (Pelican's default is "
                            f"{_shown(DEFAULT_CONFIG[name])})", line=line,
                            hint="remove it; `invoke settings` lists what the build reads")
        elif name not in read:
            hint = did_you_mean(name, set(SETTINGS) | set(REFUSED))
            found.warning(path, f"`{name}` is not a setting this site reads, so it "
                          "changes nothing", line=line,
                          hint=hint or "`invoke settings` lists every setting; a "
                          "helper name is written in lowercase")
    return found


def validate(settings: dict) -> list[str]:
    """Check `settings` once: SettingsError with every error, else the
    warnings (also logged, so a build lists them)."""
    found = problems(settings)
    if found.errors:
        raise SettingsError("\n".join(p.format() for p in found.errors))
    warnings = [_warning(p) for p in found.warnings]
    for text in warnings:
        log.warning(text)
    return warnings


def values(settings: dict, names) -> dict:
    """{name: value or its default} for settings of the schema, each
    checked; SettingsError names every wrong one."""
    where, found, result = _where(settings), Problems(), {}
    for name in names:
        spec = SETTINGS[name]
        value = settings.get(name, spec.default)
        if value is UNSET or (name in settings and not spec.kind.accepts(value)):
            path, line = where(name)
            found.error(path, _wrong_kind(name, spec.kind, value), line=line)
        result[name] = value
    if found.errors:
        raise SettingsError("\n".join(p.format() for p in found.errors))
    return result


def _wrong_kind(name: str, kind, value) -> str:
    return f"setting `{name}`: expected {kind.expected}; found {_shown(value)}"


def _assigned(settings: dict) -> dict[str, tuple[str, int]]:
    file = settings.get("SETTINGS_FILE")
    return origins(file) if file else {}


def _where(settings: dict, assigned: dict | None = None):
    """`where(name)` -> (file, line or None) of the assignment of a setting."""
    found = _assigned(settings) if assigned is None else assigned
    default = "publishconf.py" if settings.get("PRODUCTION") else "pelicanconf.py"
    return lambda name: found.get(name, (default, None))


def _warning(problem) -> str:
    where = problem.path + (f":{problem.line}" if problem.line else "")
    return f"{where}: {problem.message}" + (f"\n    hint: {problem.hint}"
                                            if problem.hint else "")


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
