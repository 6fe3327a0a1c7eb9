"""Validation collects every problem at once, without cascades, and explains each one."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import MINIMAL_DATA, copy_project
from handbook.errors import Severity, did_you_mean
from handbook.validate import check


def minimal(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project", MINIMAL_DATA) / "data"


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_problems_in_several_files_are_reported_together(tmp_path: Path) -> None:
    data = minimal(tmp_path)
    replace(data / "journey.yaml", "evidences: [OM4, PS5]", "evidences: [OM4, PS55]")
    replace(data / "services.yaml", "levels: [universal, complex]", "levels: [universal, complicated]")
    replace(data / "vision.yaml", "  name: Our vision", "  nme: Our vision")
    handbook, problems = check(data, base=data.parent)
    assert handbook is None
    files = sorted({p.file for p in problems.errors})
    assert files == ["data/journey.yaml", "data/services.yaml", "data/vision.yaml"]
    assert all(p.line for p in problems.errors)


def test_a_broken_file_does_not_cause_a_cascade_of_unknown_references(tmp_path: Path) -> None:
    data = minimal(tmp_path)
    replace(data / "teams.yaml", "    serves: Any child", "    serves: [Any child")  # unclosed list
    _, problems = check(data, base=data.parent)
    assert [p.file for p in problems.errors] == ["data/teams.yaml"]


def test_references_to_other_files_are_checked_when_those_files_are_valid(tmp_path: Path) -> None:
    data = minimal(tmp_path)
    replace(data / "vision.yaml", "  name: Our vision", "  nme: Our vision")
    replace(data / "journey.yaml", "    team: front-door", "    team: front-dor")
    _, problems = check(data, base=data.parent)
    assert {p.file for p in problems.errors} == {"data/vision.yaml", "data/journey.yaml"}


def test_a_misspelt_field_is_one_problem_not_two(tmp_path: Path) -> None:
    data = minimal(tmp_path)
    replace(data / "vision.yaml", "  name: Our vision", "  nmae: Our vision")
    _, problems = check(data, base=data.parent)
    assert len(problems.errors) == 1
    assert problems.errors[0].fix.startswith("Did you mean `name`?")


def test_gaps_are_warnings_by_default_and_errors_when_asked(tmp_path: Path) -> None:
    data = minimal(tmp_path)
    handbook, problems = check(data, base=data.parent)
    assert handbook is not None
    gap_ids = [s.id for s in handbook.index.gaps()]
    (summary,) = problems.warnings  # many gaps: one warning naming them all
    assert summary.severity is Severity.WARNING
    assert summary.title == f"{len(gap_ids)} of 34 framework statements are not evidenced yet"
    assert summary.found == ", ".join(gap_ids)
    (data / "authority.yaml").write_text((data / "authority.yaml").read_text() + "coverage:\n  gaps: error\n")
    handbook, problems = check(data, base=data.parent)
    assert handbook is None and len(problems.errors) == len(gap_ids)
    assert all(re.search(r"evidences (\S+)", p.title).group(1) in gap_ids for p in problems.errors)


def test_a_few_gaps_are_listed_one_by_one(tmp_path: Path) -> None:
    data = minimal(tmp_path)
    vision = data / "vision.yaml"
    replace(vision, "evidences: [OM1]", "evidences: [OM1, PL1, PL2, PL3, PL4, PL5, PS2, PS3, PS4, F1, F2]")
    handbook, problems = check(data, base=data.parent)
    assert handbook is not None
    assert sorted(p.title.split()[5] for p in problems.warnings) == sorted(s.id for s in handbook.index.gaps())
    assert all(p.line for p in problems.warnings)


def test_a_reference_to_an_item_of_another_kind_says_what_it_is(tmp_path: Path) -> None:
    data = minimal(tmp_path)
    replace(data / "services.yaml", "    run_by: family-team", "    run_by: assessment")
    _, problems = check(data, base=data.parent)
    (problem,) = problems.errors
    assert "which is the id of a journey stage, not a team" in problem.found
    assert "`front-door`, `family-team`" in problem.expected


def test_statement_ids_must_be_unique_across_frameworks(tmp_path: Path) -> None:
    data = minimal(tmp_path)
    extra = (data / "frameworks" / "ofsted-ingredients.yaml").read_text().replace(
        "id: ofsted-ingredients", "id: ofsted-ingredients-copy")
    (data / "frameworks" / "copy.yaml").write_text(extra)
    _, problems = check(data, base=data.parent)
    assert any(p.title == "The statement id `I1` is used twice" for p in problems.errors)


def test_a_new_framework_file_needs_no_code_change(tmp_path: Path) -> None:
    data = minimal(tmp_path)
    (data / "frameworks" / "local-standards.yaml").write_text(
        "id: local-charter\nname: Our practice charter\nshort_name: Charter\npublisher: Testshire\n"
        "year: 2026\nsource_url: https://example.org/charter\nlicence: All rights reserved\n"
        "summary: Promises to families.\nstatements:\n  - id: C1\n    title: We listen\n"
        "    summary: We listen first.\n")
    replace(data / "vision.yaml", "evidences: [OM1]", "evidences: [OM1, C1]")
    handbook, problems = check(data, base=data.parent)
    assert handbook is not None, [p.format() for p in problems.errors]
    assert [i.id for i in handbook.index.evidenced_by("C1")] == ["our-vision"]


def test_did_you_mean() -> None:
    assert did_you_mean("PS77", ["PS1", "PS7", "PL7"]) == "PS7"
    assert did_you_mean("ps7", ["PS7"]) == "PS7"
    assert did_you_mean("frontdoor", ["front-door", "family-team"]) == "front-door"
    assert did_you_mean("zzz", ["front-door"]) is None


def test_each_reference_is_checked_once_wherever_it_is_held(tmp_path: Path) -> None:
    """On an item, inside an item (a decision's outcome) and on a model that is not an item (a
    service area's line manager): each wrong id is one error at its line, each id listed twice in
    one list is one warning."""
    data = minimal(tmp_path)
    replace(data / "journey.yaml", "evidences: [OM4, PS5]", "evidences: [OM4, PS5, OM4]")
    replace(data / "journey.yaml", "          - to: closure", "          - to: closur")
    replace(data / "services.yaml", "levels: [universal, complex]", "levels: [universal, complex, universal]")
    replace(data / "teams.yaml", "    reports_to: dcs", "    reports_to: dsc")
    _, problems = check(data, base=data.parent)
    errors = sorted((p.file, p.title) for p in problems.errors)
    assert errors == [("data/journey.yaml", "Unknown journey stage `closur`"),
                      ("data/teams.yaml", "Unknown leadership post `dsc`")], errors
    twice = sorted((p.file, p.title) for p in problems.warnings if "listed twice" in p.title)
    assert twice == [("data/journey.yaml", "`OM4` is listed twice in `evidences`"),
                     ("data/services.yaml", "`universal` is listed twice in `levels`")]
    assert all(p.line for p in problems.errors + problems.warnings if "listed twice" in p.title or "Unknown" in p.title)


def test_a_wrong_id_written_as_an_alias_is_reported_where_the_alias_is(tmp_path: Path) -> None:
    data = minimal(tmp_path)
    replace(data / "services.yaml", "    name: Family hub", "    name: &short complx")
    replace(data / "services.yaml", "levels: [universal, complex]", "levels: [universal, *short]")
    _, problems = check(data, base=data.parent)
    (error,) = problems.errors
    assert "`complx`" in error.title and error.fix.startswith("Did you mean `complex`?")
    assert (error.file, error.line) == ("data/services.yaml", 6)  # the levels line, not the name's (4)
