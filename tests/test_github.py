"""Under GitHub Actions, problems appear inline on the pull request and in the job summary."""

from __future__ import annotations

from pathlib import Path

from conftest import MINIMAL_DATA, copy_project, handbook
from handbook.errors import Problem, Severity, one_line
from handbook.github import annotation, summary


def test_check_prints_an_annotation_with_file_and_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", MINIMAL_DATA)
    journey = project / "data" / "journey.yaml"
    journey.write_text(journey.read_text().replace("    team: front-door", "    team: frontdoor"))
    summary_file = tmp_path / "summary.md"
    run = handbook(project, "check", env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary_file)})
    assert run.returncode == 1
    errors = [line for line in run.stdout.splitlines() if line.startswith("::error ")]
    assert errors == [
        "::error file=data/journey.yaml,line=6,col=5,title=Unknown team `frontdoor`::"
        "where: stages › contact › team%0Afound: `frontdoor`, which is not the id of any team"
        "%0Aexpected: the id of a team: `front-door`, `family-team`%0Afix: Did you mean `front-door`?"
    ]
    text = summary_file.read_text()
    assert "| ❌ error | `data/journey.yaml:6:5` | Unknown team `frontdoor`." in text


def test_no_annotations_outside_github_actions(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", MINIMAL_DATA)
    run = handbook(project, "check", env={"GITHUB_ACTIONS": ""})
    assert "::warning" not in run.output and "::error" not in run.output


def test_warnings_are_annotations_too(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", MINIMAL_DATA)
    run = handbook(project, "check", env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": ""})
    assert run.returncode == 0
    assert any(line.startswith("::warning file=data/frameworks/") for line in run.stdout.splitlines())


def test_annotation_escapes_what_github_would_misread() -> None:
    problem = Problem(file="data/a,b.yaml", line=3, title="50% done: really", found="line one\nline two")
    assert annotation(problem) == (
        "::error file=data/a%2Cb.yaml,line=3,title=50%25 done%3A really::found: line one%0Aline two")


def test_summary_lists_every_problem_in_a_table() -> None:
    problems = [Problem(file="data/x.yaml", line=i, title=f"Problem {i} | pipe", fix="Fix it") for i in range(1, 15)]
    warning = Problem(file="data/y.yaml", line=None, title="A gap", severity=Severity.WARNING)
    text = summary(problems, [warning])
    assert text.count("| ❌ error |") == 14 and text.count("| ⚠️ warning |") == 1
    assert "Problem 1 \\| pipe" in text
    assert "14 problems to fix" in text


def test_text_from_the_data_can_never_start_a_line_of_its_own(tmp_path: Path) -> None:
    """A value with a line break in it, quoted back in a message, stays on the message's line:
    otherwise `::error ...` after the break would be a command to GitHub Actions."""
    project = copy_project(tmp_path / "project", MINIMAL_DATA)
    journey = project / "data" / "journey.yaml"
    journey.write_text(journey.read_text().replace(
        "    team: front-door", '    team: "front\\n::error file=x.yaml::forged\\u2028::warning ::too"', 1))
    run = handbook(project, "check", env={"GITHUB_ACTIONS": ""})
    assert run.returncode == 1
    assert not [line for line in run.output.splitlines() if line.lstrip().startswith("::")], run.output
    assert "front ⏎ ::error file=x.yaml::forged ⏎ ::warning ::too" in run.output


def test_one_line_keeps_printable_text_as_it_is() -> None:
    assert one_line("Front door (MASH) – “triage”, 5 days") == "Front door (MASH) – “triage”, 5 days"
    assert one_line("a\r\nb\x85c\td") == "a ⏎  ⏎ b ⏎ c\\x09d"
