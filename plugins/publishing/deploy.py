"""`invoke deploy`: the published folder to a gh-pages branch (ghp-import)
or to an rsync target, as DEPLOY in publishconf.py says; `--dry-run` lists
what would change and changes nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from plugins.common.errors import DeployError, SettingsError
from plugins.publishing.marker import publishable


@dataclass(frozen=True)
class Target:
    """Where `invoke deploy` sends the site (DEPLOY in publishconf.py)."""
    method: str              # "gh-pages" or "rsync"
    branch: str = "gh-pages"
    remote: str = "origin"
    destination: str = ""    # rsync: user@host:/srv/site/
    cname: str = ""          # gh-pages: the custom domain GitHub Pages serves it at


EMPTY_BLOB = "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"   # git's hash of an empty file


def load_target(settings: dict) -> Target:
    """DEPLOY checked; a SettingsError with an example when it is wrong."""
    raw = settings.get("DEPLOY")
    example = ("DEPLOY = {'method': 'gh-pages'} or {'method': 'rsync', "
               "'destination': 'user@host:/srv/site/'}")
    if not isinstance(raw, dict) or raw.get("method") not in ("gh-pages", "rsync"):
        raise SettingsError(f"publishconf.py: DEPLOY says where to deploy, such as {example}")
    unknown = set(raw) - {"method", "branch", "remote", "destination", "cname"}
    if unknown:
        raise SettingsError(f"publishconf.py: DEPLOY has unknown keys {sorted(unknown)}")
    target = Target(**raw)
    if target.method == "rsync" and not target.destination:
        raise SettingsError("publishconf.py: DEPLOY['destination'] is needed for rsync, "
                            "such as 'user@host:/srv/site/'")
    host = urlsplit(settings.get("SITEURL") or "").hostname or ""
    if target.cname and (target.method != "gh-pages" or target.cname.lower() != host):
        raise SettingsError(f"publishconf.py: DEPLOY['cname'] = {target.cname!r} is the "
                            "custom domain of a gh-pages deploy, and must be SITEURL's "
                            f"host ({host or 'SITEURL is empty'})")
    return target


def branch_files(repo: Path, branch: str) -> dict[str, str] | None:
    """{path: blob hash} of the branch, or None when it does not exist yet."""
    run = subprocess.run(["git", "ls-tree", "-r", branch], cwd=repo, capture_output=True,
                         text=True)
    if run.returncode:
        return None
    files = {}
    for line in run.stdout.splitlines():
        meta, path = line.split("\t", 1)
        files[path] = meta.split()[2]
    return files


def folder_files(repo: Path, folder: Path) -> dict[str, str]:
    """{path in the folder: git blob hash} of every file under `folder`."""
    paths = sorted(p for p in folder.rglob("*") if p.is_file())
    run = subprocess.run(["git", "hash-object", "--stdin-paths"], cwd=repo,
                         input="\n".join(map(str, paths)), capture_output=True, text=True,
                         check=True)
    return {p.relative_to(folder).as_posix(): h
            for p, h in zip(paths, run.stdout.split())}


def changes(old: dict, new: dict) -> dict[str, list[str]]:
    """The paths added, changed and removed from `old` to `new`."""
    return {"added": sorted(set(new) - set(old)),
            "changed": sorted(p for p in set(new) & set(old) if new[p] != old[p]),
            "removed": sorted(set(old) - set(new))}


def deploy(target: Target, folder: Path, repo: Path, *, siteurl: str, dry_run: bool,
           message: str) -> str:
    """Deploy (or, with dry_run, describe) the production build in `folder`
    made for `siteurl`; a summary for the user."""
    if not (folder / "index.html").is_file():
        raise DeployError(f"{folder} holds no built site: run `invoke publish` first")
    refused = publishable(folder, siteurl)
    if refused:
        raise DeployError(f"{refused}; run `invoke publish`, then deploy again")
    if target.method == "rsync":
        rsync = shutil.which("rsync")
        if rsync is None:
            raise DeployError("rsync is not installed (apt install rsync)")
        command = [rsync, "-a", "--delete", "--checksum", "--itemize-changes",
                   f"{folder}/", target.destination]
        if dry_run:
            command.insert(1, "--dry-run")
        run = subprocess.run(command, capture_output=True, text=True)
        if run.returncode:
            raise DeployError(f"rsync failed: {run.stderr.strip()}")
        lines = [l for l in run.stdout.splitlines() if l.strip()]
        verb = "would change" if dry_run else "changed"
        return f"rsync {verb} {len(lines)} paths on {target.destination}\n" + \
            "\n".join(_first(lines, 40))
    # a fresh clone (CI) has the branch only as the remote's
    old = (branch_files(repo, target.branch)
           or branch_files(repo, f"{target.remote}/{target.branch}") or {})
    new = folder_files(repo, folder)
    new.setdefault(".nojekyll", EMPTY_BLOB)     # ghp-import -n adds it
    if target.cname:                            # and -c a CNAME file
        new["CNAME"] = _blob(repo, target.cname)
    diff = changes(old, new)
    summary = (f"{target.branch}: {len(diff['added'])} added, {len(diff['changed'])} "
               f"changed, {len(diff['removed'])} removed")
    listing = "\n".join(line for kind in diff for line in _first(
        [f"  {kind[0].upper()} {path}" for path in diff[kind]], 20))
    if dry_run:
        return f"dry run, nothing changed; {summary}\n{listing}"
    cname = ["-c", target.cname] if target.cname else []
    run = subprocess.run([sys.executable, "-m", "ghp_import", "-n", *cname, "-f", "-p",
                          "-r", target.remote, "-b", target.branch, "-m", message,
                          str(folder)], cwd=repo, capture_output=True, text=True)
    if run.returncode:
        raise DeployError(f"ghp-import failed: {run.stderr.strip() or run.stdout.strip()}")
    return f"pushed to {target.remote}/{target.branch}; {summary}"


def _first(lines: list[str], limit: int) -> list[str]:
    """At most `limit` lines, and a last one saying how many were left out."""
    if len(lines) <= limit:
        return lines
    return [*lines[:limit], f"  ... and {len(lines) - limit} more"]


def _blob(repo: Path, text: str) -> str:
    run = subprocess.run(["git", "hash-object", "--stdin"], cwd=repo, input=text,
                         capture_output=True, text=True, check=True)
    return run.stdout.strip()
