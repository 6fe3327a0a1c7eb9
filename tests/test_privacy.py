"""The personal-data guard in `handbook check`."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINIMAL_DATA, copy_project, handbook
from handbook.privacy import findings, nhs_number_is_valid


@pytest.mark.parametrize(("number", "valid"), [
    ("9434765919", True), ("9434765918", False), ("4010232137", True), ("1234567890", False),
    ("0000000000", True), ("943476591", False), ("94347659190", False),
])
def test_the_nhs_number_check_digit(number: str, valid: bool) -> None:
    assert nhs_number_is_valid(number) is valid


@pytest.mark.parametrize(("text", "kind"), [
    ("NHS 943 476 5919 on file", "an NHS number"),
    ("number 943-476-5919", "an NHS number"),
    ("NI number AB123456C", "a National Insurance number"),
    ("ni ab 12 34 56 c", "a National Insurance number"),
    ("Child: DOB 12/03/2016", "a date of birth beside a name"),
    ("born on 3 March 2016", "a date of birth beside a name"),
    ("born on 3\u00a0March\u00a02016", "a date of birth beside a name"),  # no-break spaces from a word processor
    ("born on 3\u2009March 2016", "a date of birth beside a name"),  # a thin space
    ("Jayden Carter, 2016-03-12", "a date of birth beside a name"),
])
def test_what_looks_like_personal_data(text: str, kind: str) -> None:
    assert [f.kind for f in findings(text)] == [kind]


@pytest.mark.parametrize("text", [
    "943 476 5918",                              # ten digits, but the check digit is wrong
    "Call 0113 496 0000 or 01632 960123",        # phone numbers
    "Working Together to Safeguard Children 2023",
    "Children Act 1989, section 47",
    "QQ 12 34 56 C",                             # the usual made-up NI example: not a real format
    "Reviewed on 12/03/2026 by the panel",       # a date, but no name and no birth
    "within 15 working days of the strategy discussion",
])
def test_what_does_not(text: str) -> None:
    assert list(findings(text)) == []


@pytest.mark.parametrize("name", ["NHS_NUMBER", "NI_DIGITS", "DATES"])
def test_one_pass_finds_every_place_each_pattern_matches(name: str) -> None:
    """The scan finds where any pattern could start in one pass, then tries each pattern only
    there: on any text, each pattern must find exactly what its own full scan finds."""
    import random

    from handbook import privacy

    pattern = getattr(privacy, name)
    pieces = ["123", "456", "7890", "9434765919", "943 476 5919", " ", "-", "/", ".", "12", "3", "2020",
              "th ", "March ", "sept", "\u00a0", "\u2009", "AB", "ab", "C", "d", "born ", "DOB: ", "\n", "x",
              # digits and letters that are not ASCII, and letters that case-folding turns into ASCII ones
              "\u0661", "\uff11\uff12", "\u00b2", "\u017f", "\u212a", "\u0130", "\u0131", "\u3000"]
    rng = random.Random(name)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 25)))
        starts = [m.start() for m in privacy._ANY_START.finditer(text)]
        assert [m.span() for m in privacy._matches_from(pattern, text, starts)] == \
            [m.span() for m in pattern.finditer(text)], text


def test_an_allow_list_entry_lets_a_deliberate_example_through(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", MINIMAL_DATA)
    standards = project / "data" / "standards.yaml"
    standards.write_text(standards.read_text().replace(
        "    summary: Every child is seen at every visit.",
        "    summary: NHS numbers look like 943 476 5919 (the NHS's own example)."))
    assert handbook(project, "check").returncode == 1
    authority = project / "data" / "authority.yaml"
    authority.write_text(authority.read_text() + 'privacy:\n  allow: ["943 476 5919"]\n')
    run = handbook(project, "check")
    assert run.returncode == 0, run.output


def test_the_sample_is_clean(sample_project: Path) -> None:
    run = handbook(sample_project, "check")
    assert run.returncode == 0 and "looks like" not in run.output
