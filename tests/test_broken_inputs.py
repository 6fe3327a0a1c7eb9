"""Every kind of mistake in the data gives its plain-English message, with file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, MINIMAL_DATA, copy_project, handbook, handbook_here

BROKEN = FIXTURES / "broken"
CASES = sorted(p.name for p in BROKEN.iterdir() if p.is_dir())


def broken_project(tmp_path: Path, case: str) -> Path:
    project = copy_project(tmp_path / "project", MINIMAL_DATA)
    overlay = BROKEN / case / "data"
    if overlay.is_dir():
        shutil.copytree(overlay, project / "data", dirs_exist_ok=True)
    removals = BROKEN / case / "remove.txt"
    if removals.is_file():
        for name in removals.read_text().split():
            (project / "data" / name).unlink()
    return project


def test_the_minimal_authority_is_valid(minimal_project: Path) -> None:
    run = handbook(minimal_project, "check")
    assert run.returncode == 0, run.output
    assert "The handbook data is valid" in run.stdout


def test_the_command_in_its_own_process_says_the_same(tmp_path: Path) -> None:
    """The cases run in this process (fast); one runs as a user runs it, to show nothing differs."""
    project = broken_project(tmp_path, "unknown-team")
    alone, here = handbook(project, "check"), handbook_here(project, "check")
    assert alone.returncode == here.returncode == 1
    assert (alone.stdout.replace("ms.", "").split("checked in")[0]
            == here.stdout.replace("ms.", "").split("checked in")[0])
    assert alone.stderr == here.stderr


def test_there_is_a_fixture_for_each_kind_of_mistake() -> None:
    assert len(CASES) >= 20


@pytest.mark.parametrize("case", CASES)
def test_broken_input_gives_its_message(tmp_path: Path, case: str) -> None:
    project = broken_project(tmp_path, case)
    run = handbook_here(project, "check")
    assert run.returncode == 1, run.output
    assert "Traceback" not in run.output
    for line in (BROKEN / case / "expected.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            assert line in run.output.splitlines(), f"missing line:\n{line}\n\nin output:\n{run.output}"
