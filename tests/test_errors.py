"""One error hierarchy (plugins/common/errors.py): every task prints the
message of an error of ours, never a traceback, and exits with its code."""

from __future__ import annotations

import os

import tasks
from plugins.common import errors
from tests.conftest import copy_fixture, run_task_on


def test_every_error_of_ours_is_a_glasnik_error_with_its_exit_code():
    from plugins.authoring.scaffold import ScaffoldError
    from plugins.files import DocumentError
    from plugins.images import PictureError
    from plugins.publishing.build import BuildRefused
    from plugins.common.errors import FileSystemFault
    from plugins.search import SearchIndexError
    codes = {cls.__name__: cls.exitcode for cls in (
        errors.ContentErrors, errors.SettingsError, ScaffoldError, DocumentError,
        PictureError, BuildRefused, SearchIndexError, FileSystemFault,
        errors.DeployError)}
    assert codes == {"ContentErrors": 1, "SettingsError": 2, "ScaffoldError": 1,
                     "DocumentError": 1, "PictureError": 1, "BuildRefused": 1,
                     "SearchIndexError": 1, "FileSystemFault": 3, "DeployError": 3}


def test_a_search_index_failure_is_one_message_without_traceback(tmp_path, capsys,
                                                                 monkeypatch):
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    content = copy_fixture("basic", tmp_path)
    output = tmp_path / "out" / "public"
    code, out = run_task_on(tasks.publish, capsys, monkeypatch, content, output=str(output))
    assert code == 1 and "Traceback" not in out, out
    assert "Pagefind could not index the site" in out
    assert out.count("Pagefind could not index") == 1 and "Nothing was published" in out
    assert not output.exists()


def test_a_failed_rsync_is_a_deploy_error_not_a_settings_error(tmp_path, capsys,
                                                               monkeypatch):
    # an rsync that fails as a real one does when the host refuses (exit 23)
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    (bin_ / "rsync").write_text("#!/bin/sh\necho 'rsync: [Receiver] mkdir failed: "
                                "Permission denied (13)' >&2\nexit 23\n")
    (bin_ / "rsync").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_}:{os.environ['PATH']}")
    content = copy_fixture("basic", tmp_path)
    output = tmp_path / "out" / "public"
    assert run_task_on(tasks.publish, capsys, monkeypatch, content, output=str(output))[0] == 0
    code, out = run_task_on(tasks.deploy, capsys, monkeypatch, content, output=str(output),
                            DEPLOY={"method": "rsync", "destination": "site@host:/srv/site/"})
    assert code == errors.DeployError.exitcode == 3, out
    assert out.startswith("deploy error: rsync failed: rsync: [Receiver] mkdir failed")
    assert "settings" not in out and "Traceback" not in out


def test_a_wrong_deploy_setting_is_a_settings_error(tmp_path, capsys, monkeypatch):
    content = copy_fixture("basic", tmp_path)
    output = tmp_path / "out" / "public"
    code, out = run_task_on(tasks.deploy, capsys, monkeypatch, content, output=str(output),
                            DEPLOY={"method": "ftp"})
    assert code == 2 and out.startswith("settings error: publishconf.py: DEPLOY"), out
