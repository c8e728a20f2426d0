"""The CI files parse, and every command they run exists: each `invoke`
task with its options in tasks.py, each script in the repository."""

from __future__ import annotations

import re
import shlex

import pytest
import yaml
from invoke import Collection

import tasks
from tests.conftest import ROOT

pytestmark = pytest.mark.unit

TASKS = Collection.from_module(tasks)


def commands(path) -> list[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    found = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("run", "script", "before_script") and isinstance(value, str):
                    found.append(value)
                elif key in ("script", "before_script") and isinstance(value, list):
                    found.extend(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(data)
    return [c for command in found for c in re.split(r"\s*&&\s*", command)]


@pytest.mark.parametrize("name", [".github/workflows/site.yml", ".gitlab-ci.yml"])
def test_ci_commands_exist(name):
    steps = commands(ROOT / name)
    invoked = [shlex.split(s) for s in steps if ".venv/bin/invoke" in s]
    assert {"check", "test", "publish"} <= {words[1] for words in invoked}, steps
    for words in invoked:
        task = TASKS[words[1]]
        options = {a.name.replace("_", "-") for a in task.get_arguments()}
        for word in words[2:]:
            if word.startswith("--"):
                assert word[2:].split("=")[0] in options, (name, words)
    for step in steps:
        for script in re.findall(r"\bbash (\S+)", step):
            assert (ROOT / script).is_file(), (name, script)
        for requirements in re.findall(r"-r (\S+)", step):
            assert (ROOT / requirements).is_file(), (name, requirements)
