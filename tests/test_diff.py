"""`handbook diff` says, in words, what changed between two versions of the data."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import copy_project, handbook
from handbook.diff import field_changes

NEW_SERVICE = """
  - id: family-help-hub
    name: Family help hub
    summary: A single place for families to ask for help.
    levels: [additional-needs]
    ages:
      from: 0
      to: 18
    run_by: early-help-locality
    who_can_refer: Anyone, including families themselves
    how_to_refer: Call in at any family hub.
    evidences: [OM6]
"""


def git(project: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=project, check=True, capture_output=True, text=True,
                          env={"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.org",
                               "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example.org",
                               "HOME": str(project), "PATH": "/usr/bin:/bin"}).stdout


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """A repository with two commits: the sample, then a new service and a changed timescale."""
    project = copy_project(tmp_path / "project")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "sample")
    services = project / "data" / "services.yaml"
    services.write_text(services.read_text().replace("\nservices:\n", "\nservices:" + NEW_SERVICE, 1))
    journey = project / "data" / "journey.yaml"
    text, count = re.subn(r"(what: Decision on the response to a referral\n\s+amount: )1\n", r"\g<1>2\n",
                          journey.read_text())
    assert count == 1
    journey.write_text(text)
    git(project, "commit", "-q", "-am", "changes")
    return project


def test_diff_reports_an_added_service_and_a_changed_timescale(history: Path) -> None:
    run = handbook(history, "diff", "HEAD~1", "HEAD")
    assert run.returncode == 0, run.output
    assert "- service `family-help-hub` “Family help hub”" in run.stdout
    assert ("- journey stage `contact`: timescales › Decision on the response to a referral › "
            "amount changed from 1 to 2") in run.stdout
    assert "1 added, 0 removed, 1 changed." in run.stdout


def test_diff_against_the_working_folder(history: Path) -> None:
    services = history / "data" / "services.yaml"
    services.write_text(services.read_text().replace("    levels: [additional-needs]\n",
                                                     "    levels: [additional-needs, complex-needs]\n", 1))
    run = handbook(history, "diff", "HEAD")
    assert ("- service `family-help-hub`: levels changed from [additional-needs] to "
            "[additional-needs, complex-needs]") in run.stdout


def test_no_changes(history: Path) -> None:
    assert "No changes to the handbook's data." in handbook(history, "diff", "HEAD", "HEAD").stdout


def test_an_unknown_version_is_a_clear_error(history: Path) -> None:
    run = handbook(history, "diff", "no-such-branch")
    assert run.returncode == 1
    assert run.stderr.startswith("Cannot compare:") and "Traceback" not in run.output


def test_field_changes_in_words() -> None:
    assert field_changes({"a": 1, "b": [1]}, {"a": 2, "b": [1, 2]}) == [
        "a changed from 1 to 2", "b changed from [1] to [1, 2]"]
    assert field_changes({"x": None}, {"x": "new"}) == ["x added: “new”"]
    assert field_changes({"t": [{"what": "Visit", "amount": 1}]}, {"t": [{"what": "Visit", "amount": 3}]}) == [
        "t › Visit › amount changed from 1 to 3"]
    assert field_changes({"s": "x" * 80}, {"s": "y" * 80}) == ["s reworded"]
