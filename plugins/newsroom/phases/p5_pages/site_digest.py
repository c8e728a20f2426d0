"""What every page of a build depends on besides its own view, as one
digest (the page cache's keys start from it, cache.py): our code and the
packages', the theme and its overrides, the settings (functions by their
code, followed through the project's own modules they import), the template
globals with the state behind them, and what the page chrome is made from.
"""

from __future__ import annotations

import functools
import inspect
import os
import site
import sys
import sysconfig
from importlib import metadata
from pathlib import Path

from .fingerprint import Fingerprints, Unknown, digest

# The layout of the page cache and its keys; a new one leaves the old pages
# unused.
FORMAT = 1
# Settings no page shows: a build with fewer workers, or with its texts read
# again rather than taken from the read cache, makes the same pages.
NOT_PAGES = frozenset({"BUILD_WORKERS", "READ_CACHE"})
# Packages whose code or data shape a page (escaping, dates and numbers).
PACKAGES = ("jinja2", "markupsafe", "babel", "markdown", "nh3", "pelican")


def site_digest(settings: dict, pages) -> bytes:
    """What every page of a build depends on besides its own view: our
    code and the packages', the theme and its overrides, the settings, the
    template globals with the state behind them (routes, pictures, renamed
    files, theme files), and what the page chrome is made from."""
    fingerprints = _WithCallables()
    inputs = pages.chrome.inputs()   # held until the digest is made: lasting
    parts = [str(FORMAT).encode(), _environment(), _code(),
             *(_files(folder) for folder in pages.templates.folders),
             *(fingerprints.of(value, True) for value in (
                 {k: v for k, v in settings.items() if k not in NOT_PAGES},
                 pages.templates.names, vars(pages.content), inputs))]
    return digest(b"".join(parts))


class _WithCallables(Fingerprints):
    """Fingerprints that also take functions (in settings: JINJA_FILTERS;
    among the globals: the build's helpers): by name and code, and by the
    object a bound method works on."""

    def _feed(self, parts: list, value, lasting: bool, depth: int) -> bool:
        if isinstance(value, functools.partial):
            parts.append(b"partial")
            for part in (value.func, value.args, value.keywords):
                self._feed(parts, part, lasting, depth)
            return False
        if callable(value) and not isinstance(value, type):
            parts += (b"f", _callable(value))
            owner = getattr(value, "__self__", None)
            if owner is not None and not inspect.ismodule(owner):
                state = owner if isinstance(owner, (dict, list)) else \
                    getattr(owner, "__dict__", None)
                if state is None:
                    raise Unknown(f"method of a {type(owner).__qualname__}")
                self._feed(parts, state, lasting, depth)
            return False
        return super()._feed(parts, value, lasting, depth)


def _callable(function) -> bytes:
    """A function by its name, the file that defines it, and the code that
    file's module uses, followed through its imports (_module_code)."""
    module_name = getattr(function, "__module__", None) or ""
    name = f"{module_name}.{getattr(function, '__qualname__', '')}"
    try:
        source = inspect.getsourcefile(function)
    except TypeError:   # built in
        source = None
    code = _file_digest(source) if source else b""
    return b"\0".join((name.encode(), code, _module_code(sys.modules.get(module_name))))


def _module_code(module) -> bytes:
    """What a module's functions may run: the files of the project's own
    modules it uses, directly or through others it imports, and the
    version of each installed package among them (the standard library's
    is Python's, in _environment; our plugins' code is in _code())."""
    seen, parts, waiting = set(), [], [module]
    while waiting:
        found = waiting.pop()
        name = getattr(found, "__name__", None)
        if name is None or name in seen:
            continue
        seen.add(name)
        kind, mark = _origin(found)
        parts.append(mark)
        if kind != "project":
            continue
        for value in list(vars(found).values()):
            try:
                owner = value if inspect.ismodule(value) else \
                    sys.modules.get(getattr(value, "__module__", None) or "")
            except Exception:   # an object that will not say: its module is read
                continue
            waiting.append(owner)
    return digest(b"\n".join(sorted(parts)))


def _origin(module) -> tuple[str, bytes]:
    """("project", its file's digest), ("package", its distribution's
    version) or ("python", b"") for the standard library and our plugins."""
    file = getattr(module, "__file__", None)
    if not file:
        return "python", b""
    path = os.path.realpath(file)
    if path.startswith(_PLUGINS):
        return "python", b""
    for folder in _INSTALLED:
        if path.startswith(folder):
            top = module.__name__.split(".")[0]
            versions = [f"{dist}={metadata.version(dist)}"
                        for dist in _distributions().get(top, ())]
            return "package", f"{top}:{','.join(versions)}".encode()
    if any(path.startswith(folder) for folder in _STANDARD):
        return "python", b""
    return "project", path.encode() + b"\0" + _file_digest(path)


@functools.cache
def _distributions() -> dict:
    return metadata.packages_distributions()


_PLUGINS = os.path.join(os.path.realpath(Path(__file__).resolve().parents[3]), "")
_INSTALLED = tuple(os.path.join(os.path.realpath(p), "") for p in {
    sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"],
    *site.getsitepackages(), site.getusersitepackages()})
_STANDARD = tuple(os.path.join(os.path.realpath(p), "") for p in {
    sysconfig.get_paths()["stdlib"], sysconfig.get_paths()["platstdlib"]})


def _file_digest(path: str) -> bytes:
    try:
        return digest(Path(path).read_bytes())
    except OSError:
        return b"?"


@functools.cache
def _environment() -> bytes:
    versions = [sys.version]
    for name in PACKAGES:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=none")
    return digest("\n".join(versions).encode())


@functools.cache
def _code() -> bytes:
    """Our plugins' code: each change to it starts the cache afresh."""
    return _files(Path(__file__).resolve().parents[3], "*.py")


def _files(folder: Path, pattern: str = "*") -> bytes:
    """The digest of the files below a folder: their paths and contents."""
    parts = []
    for path in sorted(p for p in folder.rglob(pattern) if p.is_file()
                       and "__pycache__" not in p.parts):
        parts += (path.relative_to(folder).as_posix().encode(), b"\0",
                  digest(path.read_bytes()))
    return digest(b"".join(parts))
