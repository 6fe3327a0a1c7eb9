"""A mistake in the sample's data stops the build with file and line, no traceback and no site."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, copy_project, handbook

# (data file, pattern of the first line to change, replacement, what the message must say).
# Patterns, not exact text, so the sample's wording can change without breaking these tests.
MISTAKES = {
    "unknown statement id": (
        "journey.yaml", r"(evidences: \[)", r"\1PS77, ", "Unknown framework statement `PS77`",
    ),
    "YAML syntax error": (
        "services.yaml", r"(\n    name: )(.*)\n", r"\1Family: hubs: \2\n", "The YAML in this file cannot be read",
    ),
    "unknown field": (
        "teams.yaml", r"(\n    service_area: .*\n)", r"\1    manager_phone: 0113 496 0123\n",
        "Unknown field `manager_phone`",
    ),
    "duplicate id": (
        "services.yaml", r"\n  - id: .*\n", r"\n  - id: front-door\n", "The id `front-door` is used twice",
    ),
}


def make_mistake(project: Path, mistake: str) -> tuple[str, str]:
    """Put one mistake into the copy's data; returns the file and the expected message."""
    file, pattern, replacement, message = MISTAKES[mistake]
    path = project / "data" / file
    text, count = re.subn(pattern, replacement, path.read_text(encoding="utf-8"), count=1)
    assert count == 1, f"{pattern!r} not found in {file}"
    path.write_text(text, encoding="utf-8")
    return file, message


@pytest.mark.parametrize("mistake", MISTAKES)
def test_make_builds_command_fails_with_file_and_line(tmp_path: Path, mistake: str) -> None:
    project = copy_project(tmp_path / "project")
    file, message = make_mistake(project, mistake)
    run = handbook(project, "build")
    assert run.returncode != 0
    assert message in run.output
    assert f"data/{file}:" in run.output, run.output
    line = run.output.split(f"data/{file}:")[1].split()[0]
    assert line.split(":")[0].isdigit(), f"no line number after data/{file}: in {run.output}"
    assert "Traceback" not in run.output
    assert not (project / "site").exists()
    assert not list(project.glob(".site-build-*"))


def test_mkdocs_itself_stops_on_bad_data_without_a_traceback(tmp_path: Path) -> None:
    """`mkdocs build` (or serve) run directly reports the same problems as `handbook check`."""
    project = copy_project(tmp_path / "project")
    file, message = make_mistake(project, "unknown statement id")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "out"],
                            cwd=project, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert message in output and f"data/{file}:" in output
    assert "Traceback" not in output
    assert not (project / "out" / "index.html").exists()


def test_a_failed_build_leaves_the_previous_site_alone(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("previous good build")
    make_mistake(project, "unknown field")
    assert handbook(project, "build").returncode != 0
    assert (project / "site" / "index.html").read_text() == "previous good build"


def test_make_build_runs_the_same_command() -> None:
    dry_run = subprocess.run(["make", "-n", "build"], cwd=REPO, capture_output=True, text=True, check=False)
    assert dry_run.returncode == 0, dry_run.stderr
    assert ".venv/bin/handbook build" in dry_run.stdout


def documented_examples() -> list[tuple[str, str]]:
    """(document, example) for every document that shows an error message."""
    found = []
    for document in ("README.md", "docs/how-to-change.md"):
        text = (REPO / document).read_text(encoding="utf-8")
        blocks = [b.split("```", 1)[0] for b in text.split("```text")[1:] if b.lstrip().startswith("data/")]
        found += [(document, block) for block in blocks]
    return found


def test_the_how_to_page_shows_an_error_message() -> None:
    assert any(document == "docs/how-to-change.md" for document, _ in documented_examples())


@pytest.mark.parametrize(("document", "example"), documented_examples())
def test_the_documented_error_message_is_real(tmp_path: Path, document: str, example: str) -> None:
    """The example error in the README and the how-to page is what `handbook check` prints."""
    project = copy_project(tmp_path / "project")
    make_mistake(project, "unknown statement id")
    run = handbook(project, "check")
    for line in example.strip().splitlines():
        assert line in run.output.splitlines(), f"{document} line not in the real output:\n{line}\n\n{run.output}"
