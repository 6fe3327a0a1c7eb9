"""`handbook new`: a ready repository for another authority in one command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, handbook
from handbook.new import short_name_for


def make(folder: Path, *targets: str) -> subprocess.CompletedProcess:
    """Run make in `folder` with this test run's virtual environment (nothing is reinstalled)."""
    venv = Path(sys.prefix)
    return subprocess.run(["make", *targets, f"VENV={venv}", "-o", str(venv / ".installed")],
                          cwd=folder, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=False)


@pytest.fixture(scope="module")
def testford(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("new") / "testford-handbook"
    run = handbook(REPO, "new", str(folder), "--name", "Testford Borough Council")
    assert run.returncode == 0, run.output
    assert "Created a handbook for Testford Borough Council" in run.stdout
    return folder


def test_the_new_folder_builds_and_carries_the_new_name(testford: Path) -> None:
    result = make(testford, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    home = (testford / "site" / "index.html").read_text(encoding="utf-8")
    assert "<title>Testford Practice Handbook</title>" in home
    assert "Testford Borough Council" in home
    assert "Northmere" not in home
    journey = (testford / "site" / "journey" / "index.html").read_text(encoding="utf-8")
    assert "<strong>Draft.</strong>" in journey


def test_the_new_folder_has_the_same_structure(testford: Path) -> None:
    for part in ("mkdocs.yml", "pyproject.toml", "requirements.lock", "Makefile", ".ci/run", "README.md",
                 ".github/workflows/pull-request.yml", ".github/workflows/publish.yml", "docs/how-to-change.md",
                 "macros/main.py", "schema/journey.schema.json", "tests/conftest.py",
                 "tests/fixtures/sample-authority/data/journey.yaml", ".vscode/extensions.json"):
        assert (testford / part).exists(), part
    assert not list(testford.rglob("__pycache__"))
    assert "# Testford Borough Council practice handbook" in (testford / "README.md").read_text()


def test_the_new_data_is_prompts_that_pass_the_check(testford: Path) -> None:
    run = handbook(testford, "check")
    assert run.returncode == 0, run.output
    assert "prompts still to replace with your own words" in run.output
    for path in (testford / "data").rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema="), path
        assert "Northmere" not in text, path
    assert "To do:" in (testford / "data" / "journey.yaml").read_text()


def test_the_new_repository_passes_its_own_quick_tests(testford: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                             "tests/test_repository.py", "tests/test_schemas.py", "tests/test_index.py"],
                            cwd=testford, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:]


def test_with_example_renames_the_worked_example(tmp_path: Path) -> None:
    folder = tmp_path / "example"
    run = handbook(REPO, "new", str(folder), "--name", "London Borough of Testford", "--with-example")
    assert run.returncode == 0, run.output
    authority = (folder / "data" / "authority.yaml").read_text()
    assert "name: London Borough of Testford" in authority and "short_name: Testford" in authority
    assert "fictional: true" not in authority and "draft: true" in authority
    assert not any("Northmere" in p.read_text() for p in (folder / "data").glob("*.yaml"))
    assert handbook(folder, "check").returncode == 0


def test_an_existing_folder_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine")
    run = handbook(REPO, "new", str(tmp_path / "taken"), "--name", "Testford Borough Council")
    assert run.returncode == 1
    assert run.stderr.startswith("Nothing was created:") and "not empty" in run.stderr
    assert [p.name for p in (tmp_path / "taken").iterdir()] == ["notes.txt"]


@pytest.mark.parametrize(("name", "short"), [
    ("Testford Borough Council", "Testford"), ("Testshire County Council", "Testshire"),
    ("London Borough of Testford", "Testford"), ("Royal Borough of Testford", "Testford"),
    ("Testford City Council", "Testford"), ("Testford Metropolitan Borough Council", "Testford"),
    ("Testford", "Testford"),
])
def test_short_names(name: str, short: str) -> None:
    assert short_name_for(name) == short
