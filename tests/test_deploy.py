"""`invoke deploy` to a gh-pages branch, with a dry run that changes nothing."""

from __future__ import annotations

import os
import re
import subprocess

import pytest

from plugins.common.errors import DeployError, SettingsError
from plugins.publishing import marker
from plugins.publishing.deploy import Target, deploy, load_target

ENV = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
       "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}


SITE = "https://example.org"


def git(cwd, *args) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=ENV, check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture
def repo(tmp_path, monkeypatch):
    for key in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME",
                "GIT_COMMITTER_EMAIL"):
        monkeypatch.setenv(key, ENV[key])
    remote, work = tmp_path / "remote.git", tmp_path / "work"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    work.mkdir()
    git(work, "init", "-q")
    git(work, "remote", "add", "origin", str(remote))
    (work / "README").write_text("x")
    git(work, "add", ".")
    git(work, "commit", "-qm", "start")
    site = work / "output"
    (site / "bs").mkdir(parents=True)
    (site / "index.html").write_text("<p>chooser</p>")
    (site / "bs/index.html").write_text("<p>bs</p>")
    (site / "bs/old.html").write_text("<p>old</p>")
    marker.write(site, {"SITEURL": SITE, "SHOW_DRAFTS": False})
    return work, site, remote


def test_dry_run_then_deploy_then_nothing_to_do(repo):
    work, site, remote = repo
    target = Target("gh-pages")
    report = deploy(target, site, work, siteurl=SITE, dry_run=True, message="m")
    assert "dry run" in report and "4 added, 0 changed, 0 removed" in report
    assert "gh-pages" not in git(work, "branch", "-a")            # nothing changed
    report = deploy(target, site, work, siteurl=SITE, dry_run=False, message="Publish")
    assert "pushed to origin/gh-pages" in report
    assert sorted(git(remote, "ls-tree", "-r", "--name-only", "gh-pages").split()) == \
        [".nojekyll", "bs/index.html", "bs/old.html", "index.html"]
    (site / "bs/index.html").write_text("<p>bs, new</p>")
    (site / "bs/old.html").unlink()
    (site / "vi").mkdir()
    (site / "vi/index.html").write_text("<p>vi</p>")
    report = deploy(target, site, work, siteurl=SITE, dry_run=True, message="m")
    assert "1 added, 1 changed, 1 removed" in report
    assert "A vi/index.html" in report and "C bs/index.html" in report
    assert "R bs/old.html" in report
    deploy(target, site, work, siteurl=SITE, dry_run=False, message="Publish again")
    assert "0 added, 0 changed, 0 removed" in deploy(target, site, work, siteurl=SITE, dry_run=True,
                                                     message="m")


def test_deploy_needs_a_built_site_and_settings(repo, tmp_path):
    work, site, _ = repo
    with pytest.raises(DeployError, match="run `invoke publish` first"):
        deploy(Target("gh-pages"), tmp_path / "empty", work, siteurl=SITE, dry_run=True, message="m")
    with pytest.raises(SettingsError, match="DEPLOY says where to deploy"):
        load_target({"DEPLOY": {"method": "ftp"}})
    with pytest.raises(SettingsError, match="destination"):
        load_target({"DEPLOY": {"method": "rsync"}})


def test_a_fresh_clone_compares_with_the_remote_branch(repo, tmp_path):
    work, site, remote = repo
    deploy(Target("gh-pages"), site, work, siteurl=SITE, dry_run=False, message="Publish")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(remote), str(clone))
    (clone / "output").mkdir()
    for path in site.rglob("*"):
        if path.is_file():
            target = clone / "output" / path.relative_to(site)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    marker.write(clone / "output", {"SITEURL": SITE, "SHOW_DRAFTS": False})  # as publish would
    report = deploy(Target("gh-pages"), clone / "output", clone, siteurl=SITE, dry_run=True, message="m")
    assert "0 added, 0 changed, 0 removed" in report


@pytest.mark.parametrize("made_for,message", [
    (None, "was not made by `invoke publish`"),
    ({"SITEURL": "", "SHOW_DRAFTS": True}, "is a development build, with drafts"),
    ({"SITEURL": "https://staging.example.org", "SHOW_DRAFTS": False},
     "was built for https://staging.example.org, not for https://example.org"),
])
def test_only_a_production_build_for_the_site_is_deployed(repo, made_for, message):
    work, site, _ = repo
    marker.marker_of(site).unlink()
    if made_for is not None:
        marker.write(site, made_for)
    for dry_run in (True, False):
        with pytest.raises(DeployError, match=re.escape(message)):
            deploy(Target("gh-pages"), site, work, siteurl=SITE, dry_run=dry_run,
                   message="m")
    assert "gh-pages" not in git(work, "branch", "-a")


def test_a_custom_domain_is_written_as_cname(repo):
    work, site, remote = repo
    settings = {"SITEURL": "https://vijesti.example.org",
                "DEPLOY": {"method": "gh-pages", "cname": "vijesti.example.org"}}
    target = load_target(settings)
    marker.write(site, {"SITEURL": settings["SITEURL"], "SHOW_DRAFTS": False})
    report = deploy(target, site, work, siteurl=settings["SITEURL"], dry_run=True,
                    message="m")
    assert "A CNAME" in report
    deploy(target, site, work, siteurl=settings["SITEURL"], dry_run=False, message="m")
    assert git(remote, "show", "gh-pages:CNAME").strip() == "vijesti.example.org"
    report = deploy(target, site, work, siteurl=settings["SITEURL"], dry_run=True,
                    message="m")
    assert "0 added, 0 changed, 0 removed" in report      # the CNAME is known


@pytest.mark.parametrize("deploy_setting", [
    {"method": "gh-pages", "cname": "other.example.org"},
    {"method": "rsync", "destination": "u@h:/srv/", "cname": "example.org"}])
def test_a_cname_that_is_not_the_sites_host_is_refused(deploy_setting):
    with pytest.raises(SettingsError, match=r"DEPLOY\['cname'\]"):
        load_target({"SITEURL": SITE, "DEPLOY": deploy_setting})


def test_long_dry_run_lists_end_with_how_many_more(repo):
    work, site, _ = repo
    for n in range(30):
        (site / f"bs/page-{n}.html").write_text(str(n))
    report = deploy(Target("gh-pages"), site, work, siteurl=SITE, dry_run=True,
                    message="m")
    added = int(re.search(r"(\d+) added", report).group(1))
    assert added > 30 and report.count("\n  A ") == 20
    assert report.endswith(f"\n  ... and {added - 20} more")
