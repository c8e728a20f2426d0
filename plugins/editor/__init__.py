"""editor: the web editor at /admin/ for staff who write in a browser.

Decap CMS (a pinned npm package, fetched by `invoke editor-install` into
`.editor/`, never from a CDN) is published at /admin/ with a configuration
made from the declared schema and registries at build time (config.py), its
own Content-Security-Policy, `noindex`, and nothing that links to it: it is
in no sitemap, feed or search index. `EDITOR` in the settings says where it
saves: "local" (the working copy, through `invoke serve`'s implementation of
Decap's proxy protocol, local.py) or a GitHub or GitLab repository.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import tarfile
import tempfile
from html import escape
from pathlib import Path

from plugins.common.errors import SettingsError

from .config import REFERENCES, decap_config
from .labels import SAYS, words

FOLDER = "admin"
PACKAGE, VERSION = "decap-cms", "3.16.3"
# npm's own integrity string for that version: `npm view decap-cms@3.16.3 dist.integrity`
INTEGRITY = ("sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+"
             "z0oIpwUYhUJDYtYw==")
HERE = Path(__file__).resolve().parent
# Where `invoke serve` answers Decap's proxy protocol (local.py).
LOCAL_API = "/__glasnik/editor/api/v1"
BACKENDS = ("local", "github", "gitlab")
KEYS = {"backend", "repo", "branch", "app_id", "base_url", "api_root", "auth_endpoint",
        "editorial_workflow"}
# what only a repository backend (github, gitlab) takes
REMOTE = KEYS - {"backend"}
# Decap's interface languages, by our locales' Babel names; Bosnian and
# Serbian Latin have none of their own and get the closest, Croatian.
UI_LOCALES = {"sr_Cyrl": "sr_Cyrl", "sr_Latn": "hr", "bs": "hr", "vi": "vi"}
# What Decap needs beyond 'self': its styles are injected at run time
# (emotion), its config validator compiles code (ajv: 'unsafe-eval'),
# previews of pictures not yet saved are blob: URLs.
CSP = ("default-src 'self'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; "
       "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
       "media-src 'self' blob:; font-src 'self' data:; connect-src 'self' blob:{connect}; "
       "frame-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'")
API_HOSTS = {"github": "https://api.github.com", "gitlab": "https://gitlab.com"}


def load_editor(settings: dict) -> dict | None:
    """`EDITOR` checked: None (no /admin/) or the backend's settings."""
    raw = settings.get("EDITOR")
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise SettingsError("EDITOR must be None (no editor) or a mapping such as "
                            "{'backend': 'local'}")
    errors = []
    unknown = set(raw) - KEYS
    if unknown:
        errors.append(f"EDITOR has unknown keys {sorted(unknown)}; known: {sorted(KEYS)}")
    backend = raw.get("backend")
    if backend not in BACKENDS:
        errors.append(f"EDITOR['backend'] = {backend!r}: choose one of {', '.join(BACKENDS)}")
    if backend in ("github", "gitlab"):
        repo = raw.get("repo")
        if not isinstance(repo, str) or repo.count("/") < 1 or " " in repo:
            errors.append(f"EDITOR['repo'] = {repo!r}: the repository as `owner/name`")
    if backend == "gitlab" and not raw.get("app_id"):
        errors.append("EDITOR['app_id'] is missing: GitLab sign-in without a server (PKCE) "
                      "needs the Application ID of an OAuth application (README, "
                      "\"Edit in the browser\")")
    if backend == "github" and not raw.get("base_url"):
        errors.append("EDITOR['base_url'] is missing: GitHub sign-in needs an OAuth "
                      "service at that address (README, \"Edit in the browser\")")
    if backend == "local":
        errors += [f"EDITOR['{key}'] is for the github and gitlab backends; the local "
                   "backend saves into this working copy" for key in sorted(set(raw) & REMOTE)]
    if backend == "github" and "app_id" in raw:
        errors.append("EDITOR['app_id'] is for the gitlab backend (PKCE); GitHub signs in "
                      "through the OAuth service at EDITOR['base_url']")
    for key in ("base_url", "api_root"):
        value = raw.get(key)
        if value is not None and not (isinstance(value, str) and value.startswith("https://")
                                      and " " not in value and len(value) > len("https://")):
            errors.append(f"EDITOR['{key}'] = {value!r}: an address starting with https://")
    for key in ("branch", "app_id", "auth_endpoint"):
        value = raw.get(key)
        if value is not None and not (isinstance(value, str) and value.strip()
                                      and " " not in value):
            errors.append(f"EDITOR['{key}'] = {value!r}: a text without spaces")
    if not isinstance(raw.get("editorial_workflow", False), bool):
        errors.append("EDITOR['editorial_workflow'] must be True or False")
    if errors:
        raise SettingsError("; ".join(errors))
    return dict(raw)


def editor_config(editor: dict) -> dict:
    """Decap's settings for EDITOR: where it saves, and whether through
    reviewed merge (pull) requests."""
    out = {"backend": backend_config(editor)}
    if editor.get("editorial_workflow"):
        out["publish_mode"] = "editorial_workflow"
    return out


def backend_config(editor: dict) -> dict:
    """Decap's `backend` section for the EDITOR settings."""
    name = editor["backend"]
    if name == "local":
        return {"name": "proxy", "proxy_url": LOCAL_API, "branch": "main"}
    out = {"name": name, "repo": editor["repo"], "branch": editor.get("branch", "main")}
    if name == "gitlab":
        out.update(auth_type="pkce", app_id=editor["app_id"])
    for key in ("base_url", "api_root", "auth_endpoint"):
        if editor.get(key):
            out[key] = editor[key]
    return out


def csp(editor: dict) -> str:
    """The admin page's Content-Security-Policy: connections only to the
    backend's API hosts."""
    hosts = {API_HOSTS.get(editor["backend"], ""), editor.get("api_root") or "",
             editor.get("base_url") or ""}
    hosts = sorted(h.rstrip("/") for h in hosts if h)
    return CSP.format(connect="".join(" " + h for h in hosts))


# --- the editor's files -------------------------------------------------------

def vendor_folder(root: Path) -> Path:
    """Where `invoke editor-install` puts the editor's files."""
    return Path(root) / ".editor" / f"{PACKAGE}-{VERSION}"


def bundle_files(folder: Path) -> list[Path]:
    """The files of Decap's bundle the page loads: the script, its chunks
    (loaded on demand, relative to the script) and WebAssembly."""
    return sorted(p for p in folder.iterdir() if p.suffix in (".js", ".wasm")
                  or p.name == f"{PACKAGE}.js.LICENSE.txt")


def install(root: Path, npm: str = "npm") -> Path:
    """Fetch the pinned Decap CMS package with npm, check it against
    INTEGRITY and keep its bundle in .editor/ (idempotent)."""
    target = vendor_folder(root)
    if (target / f"{PACKAGE}.js").is_file():
        return target
    if shutil.which(npm) is None:
        raise SettingsError("the web editor's files come from npm, which is not installed "
                            "(`bash scripts/setup-dev.sh` installs it)")
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run([npm, "pack", f"{PACKAGE}@{VERSION}", "--pack-destination", scratch,
                        "--silent"], check=True, stdout=subprocess.DEVNULL)
        tarball = next(Path(scratch).glob("*.tgz"))
        digest = base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
        if f"sha512-{digest}" != INTEGRITY:
            raise SettingsError(f"{tarball.name} does not match the pinned INTEGRITY in "
                                "plugins/editor/__init__.py: not installed")
        staging = target.with_name(target.name + ".partial")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        with tarfile.open(tarball) as archive:
            for member in archive.getmembers():
                name = Path(member.name)
                if member.isfile() and name.parent.as_posix() == "package/dist" and (
                        name.name.endswith((f"{PACKAGE}.js", ".wasm"))
                        or name.name == f"{PACKAGE}.js.LICENSE.txt"):
                    with archive.extractfile(member) as source:
                        (staging / name.name).write_bytes(source.read())
        staging.rename(target)
    return target


# --- publishing /admin/ -------------------------------------------------------

def page(locales, policy: str) -> str:
    """/admin/index.html: the language chooser, then Decap."""
    choices = "\n".join(
        f'      <li><a href="?lang={escape(loc.suffix)}" lang="{escape(loc.tag)}">'
        f'{escape(loc.name)}</a></li>' for loc in locales)
    return f"""<!doctype html>
<html lang="{escape(locales.default.tag)}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex, nofollow">
  <meta http-equiv="Content-Security-Policy" content="{escape(policy)}">
  <meta name="referrer" content="no-referrer">
  <title>Glasnik editor</title>
  <link rel="stylesheet" href="editor.css">
</head>
<body>
  <main id="choose-locale" hidden>
    <h1>Glasnik</h1>
    <p lang="en">Which language do you write in?</p>
    <ul>
{choices}
    </ul>
  </main>
  <script src="editor.js"></script>
  <script src="{PACKAGE}.js"></script>
</body>
</html>
"""


def publish(write, copy, settings: dict, locales, site, theme_files: dict, sitepath: str,
            root: Path = HERE.parent.parent) -> list[str]:
    """Write /admin/ through `write(path, text)` and `copy(path, source)`;
    the warnings (a development build without the editor's files)."""
    editor = load_editor(settings)
    if editor is None:
        return []
    folder = vendor_folder(root)
    if not (folder / f"{PACKAGE}.js").is_file():
        message = (f"the web editor's files ({PACKAGE} {VERSION}) are not installed: "
                   "`invoke editor-install` fetches them with npm")
        if settings.get("SITEURL"):   # a production build
            raise SettingsError(message + "; or set EDITOR = None in publishconf.py")
        return [message + "; this preview has no /admin/"]
    settings_of_editor = editor_config(editor)
    config = decap_config(locales, site, settings_of_editor.pop("backend"),
                          site_url=settings.get("SITEURL", ""))
    config.update(settings_of_editor)
    css = theme_files.get("css/site.css")
    config["glasnik"] = glasnik_extras(locales, site, config, f"{sitepath}/{css}" if css else "",
                                       words(Path(settings["THEME"]) / "translations",
                                             locales, settings))
    write(f"{FOLDER}/config.json", json.dumps(config, ensure_ascii=False, indent=1))
    write(f"{FOLDER}/index.html", page(locales, csp(editor)))
    for name in ("editor.js", "editor.css"):
        copy(f"{FOLDER}/{name}", HERE / "admin" / name)
    for path in bundle_files(folder):
        copy(f"{FOLDER}/{path.name}", path)
    return []


def glasnik_extras(locales, site, config: dict, preview_css: str, words: dict) -> dict:
    """What the admin page's own script needs beside Decap's configuration
    (removed before Decap sees it)."""
    from plugins.translit.slugs import slug_table
    from .config import registries
    return {
        "locales": [{"suffix": loc.suffix, "tag": loc.tag, "name": loc.name,
                     "ui": UI_LOCALES.get(loc.babel, "en")} for loc in locales],
        "default": locales.default.suffix,
        "references": {name: registry for name, (registry, _) in REFERENCES.items()},
        "registries": registries(site),
        "neutral": {c["name"]: [f["name"] for f in c["fields"] if f.get("i18n") is False]
                    for c in config["collections"] if c.get("i18n")},
        "preview_css": preview_css,
        "slug": slug_table(),
        # the configuration's English labels, hints and collection names in
        # each language (labels.py)
        "words": words,
        "says": SAYS,
    }
