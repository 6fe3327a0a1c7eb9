"""The personal-data guard in `handbook check`."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from conftest import MINIMAL_DATA, copy_project, handbook
from handbook import privacy, schema
from handbook.errors import Problem
from handbook.loader import LoadedFile
from handbook.privacy import compile_case_id, findings, findings_in, nhs_number_is_valid, scan

NHS = "an NHS number"
NI = "a National Insurance number"
BIRTH = "a date of birth beside a name"
CASE = "a case-record id"

# What a word processor, a web page or a phone puts where a person typed a space, a hyphen or a digit.
SPACES = ["\u00a0", "\u202f", "\u2007", "\u2009", "\u200a", "\u3000"]
DASHES = ["\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\ufe58", "\ufe63", "\uff0d"]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
DIGIT_ZEROS = [0x30, 0xFF10, 0x0660, 0x06F0, 0x0966, 0x09E6]  # ASCII, full-width, Arabic-Indic, ..., Bengali


def digits_in(zero: int, number: str) -> str:
    return "".join(chr(zero + int(d)) for d in number)


def kinds(text: str, case_id: privacy.CaseIdPattern | None = None) -> list[str]:
    return [finding.kind for finding in findings(text, case_id)]


def problems(text: str, case_id_pattern: str | None = None, allowed: tuple[str, ...] = ()) -> list[Problem]:
    return list(scan([LoadedFile(path="data/x.yaml", data=None, text=text)], case_id_pattern, allowed))


@pytest.mark.parametrize(("number", "valid"), [
    ("9434765919", True), ("9434765918", False), ("4010232137", True), ("1234567890", False),
    ("0000000000", True), ("943476591", False), ("94347659190", False),
])
def test_the_nhs_number_check_digit(number: str, valid: bool) -> None:
    assert nhs_number_is_valid(number) is valid


@pytest.mark.parametrize(("text", "kind"), [
    ("NHS 943 476 5919 on file", NHS),
    ("number 943-476-5919", NHS),
    ("NI number AB123456C", NI),
    ("ni ab 12 34 56 c", NI),
    ("Child: DOB 12/03/2016", BIRTH),
    ("born on 3 March 2016", BIRTH),
    ("born on 3\u00a0March\u00a02016", BIRTH),  # no-break spaces from a word processor
    ("born on 3\u2009March 2016", BIRTH),  # a thin space
    ("Jayden Carter, 2016-03-12", BIRTH),
])
def test_what_looks_like_personal_data(text: str, kind: str) -> None:
    assert kinds(text) == [kind]


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


# --- NHS numbers however they were typed -------------------------------------------------------------


@pytest.mark.parametrize("separator", [*SPACES, *DASHES, ".", "\u200b", " \u200b", "\u2060-"])
def test_an_nhs_number_with_any_space_dash_dot_or_invisible_character_between_its_groups(separator: str) -> None:
    text = f"NHS no. 943{separator}476{separator}5919."
    assert [(f.kind, f.text) for f in findings(text)] == [(NHS, f"943{separator}476{separator}5919")]


@pytest.mark.parametrize("invisible", INVISIBLE)
def test_an_nhs_number_with_an_invisible_character_between_any_two_digits(invisible: str) -> None:
    assert kinds(f"the child, 94{invisible}347{invisible}65919, was seen") == [NHS]


@pytest.mark.parametrize("zero", DIGIT_ZEROS)
def test_an_nhs_number_in_other_decimal_digits(zero: int) -> None:
    written = f"{digits_in(zero, '943')} {digits_in(zero, '476')} {digits_in(zero, '5919')}"
    assert [(f.kind, f.text) for f in findings(f"NHS {written}")] == [(NHS, written)]


def test_full_width_digits_with_full_width_hyphens() -> None:
    assert kinds("\uff19\uff14\uff13\uff0d\uff14\uff17\uff16\uff0d\uff15\uff19\uff11\uff19") == [NHS]


@pytest.mark.parametrize("text", [
    "12-943-476-5919", "943-476-5919-2", "1.943.476.5919", "943.476.5919.2",  # parts of longer numbers
    "9434765919\u200b1",  # eleven digits once the invisible character is taken out
    "943 476 5918", "943\u00a0476\u00a05918",  # the check digit is wrong
    "Version 9.434.765.919",
])
def test_what_is_not_an_nhs_number(text: str) -> None:
    assert NHS not in kinds(text)


def test_the_line_and_column_are_those_of_the_original_text() -> None:
    # Invisible characters before the number, on its line and the one above, are counted as the
    # editor counts them: the column is that of the number in the file, not in the plain copy.
    text = "first: a\u200b\u200bb\nsecond: x\u200b\ufeff, NHS\u00a0no 943\u200b476\u00a05919 and more\n"
    [problem] = problems(text)
    assert (problem.line, problem.column) == (2, text.split("\n")[1].index("943") + 1)
    assert problem.found == "“943[U+200B zero width space]476 5919”"
    assert '"943476 5919"' in problem.fix  # what to add to the allow-list: as written, without the invisible one


def test_an_allow_list_entry_in_plain_characters_covers_the_number_however_it_was_typed() -> None:
    full_width = "\uff19\uff14\uff13 \uff14\uff17\uff16 \uff15\uff19\uff11\uff19"
    for written, entry in [("943\u00a0476\u00a05919", "943 476 5919"), ("943\u2013476\u20135919", "943-476-5919"),
                           ("943\u200b476 5919", "943476 5919"), (full_width, "943 476 5919")]:
        assert problems(f"NHS {written}", allowed=(entry,)) == [], written
        assert problems(f"NHS {written}", allowed=()) != [], written
    # and an entry written as the file has it
    assert problems("NHS 943\u2013476\u20135919", allowed=("NHS 943\u2013476\u20135919",)) == []


VALID_NHS_NUMBERS = st.lists(st.integers(0, 9), min_size=9, max_size=9).map(
    lambda nine: "".join(map(str, nine))).map(
    lambda nine: nine + str(
        (11 - sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=False)) % 11) % 11)).filter(
    lambda number: len(number) == 10)


@settings(max_examples=300, deadline=None)
@given(number=VALID_NHS_NUMBERS, data=st.data())
def test_a_valid_nhs_number_is_found_whatever_lies_between_its_digits(number: str, data: st.DataObject) -> None:
    """Invisible characters between any digits, any kind of space, dash or a dot between its three
    groups, and any kind of decimal digit: still found, and reported as written, where it is."""
    assert nhs_number_is_valid(number)
    zero = data.draw(st.sampled_from(DIGIT_ZEROS), "digits")
    written = ""
    for place, digit in enumerate(number):
        if place in (3, 6):
            written += data.draw(st.sampled_from(["", " ", "-", ".", *SPACES, *DASHES]), "separator")
        if place:
            written += "".join(data.draw(st.lists(st.sampled_from(INVISIBLE), max_size=2), "invisible"))
        written += chr(zero + int(digit))
    before = data.draw(st.sampled_from(["", "NHS number ", "The child (", "ref:\u00a0", "line one\u200b\nNHS\u2009"]))
    after = data.draw(st.sampled_from(["", ".", " is on file", ")", "\n"]))
    found = list(findings_in(before + written + after))
    assert [(f.kind, f.text, offset) for f, offset in found] == [(NHS, written, len(before))]


# --- National Insurance numbers ------------------------------------------------------------------------


@pytest.mark.parametrize("written", [
    "AB-12-34-56-C", "AB.12.34.56.C", "AB 12 34 56 C", "ab 12 34 56 c", "ab-12-34-56-c", "AB123456C",
    "AB\u00a012\u00a034\u00a056\u00a0C", "AB\u201312\u201334\u201356\u2013C", "AB\u200b123456C",
    "\uff21\uff22\uff11\uff12\uff13\uff14\uff15\uff16\uff23",  # full-width letters and digits
])
def test_a_national_insurance_number_with_any_separator(written: str) -> None:
    assert [(f.kind, f.text) for f in findings(f"NI {written}.")] == [(NI, written)]


@pytest.mark.parametrize("text", ["QQ-12-34-56-C", "GB 12 34 56 A", "AB 12 34 56 E", "XAB 12 34 56 C"])
def test_what_is_not_a_national_insurance_number(text: str) -> None:
    assert kinds(text) == []


# --- dates of birth ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "found"), [
    ("He was born on the 1st of April 2015.", "born on the 1st of April 2015"),
    ("born 1 April 2015", "born 1 April 2015"),
    ("date of birth: 1st April, 2015", "date of birth: 1st April, 2015"),
    ("DOB 01/04/2015", "DOB 01/04/2015"),
    ("D.O.B. 12/03/2016", "D.O.B. 12/03/2016"),
    ("date of birth April 1st, 2015", "date of birth April 1st, 2015"),
    ("born on Sept. 3rd 2015", "born on Sept. 3rd 2015"),
    ("She was born in April 2015.", "born in April 2015"),  # a month and year straight after "born"
    ("DOB: 04/2015", "DOB: 04/2015"),
    ("Jayden Carter, born April 2015", "born April 2015"),
    ("Zoë O’Brien (12/03/2016)", "Zoë O’Brien (12/03/2016"),  # an accent and a curly apostrophe
    ("Kai McDonald, 1st of May, 2016", "Kai McDonald, 1st of May, 2016"),
    ("born on the 1st\u00a0of\u00a0April\u00a02015", "born on the 1st\u00a0of\u00a0April\u00a02015"),
])
def test_a_date_of_birth_in_words(text: str, found: str) -> None:
    assert [(f.kind, f.text) for f in findings(text)] == [(BIRTH, found)]


@pytest.mark.parametrize("text", [
    "The service was born in 2015.",  # a year alone is not a date of birth
    "born in 2015", "Born: 2015",
    "1st April 2025 the service began",
    "From April 2025 the team meets weekly.",
    "Family hubs opened in April 2015 and were born of the 2014 review.",
    "The policy of 1 April 2015 was reviewed by Jayden Carter in May 2016.",
    "Reviewed 12/04/2015 by the panel; next due 04/2016.",
])
def test_what_is_not_a_date_of_birth(text: str) -> None:
    assert kinds(text) == []


# --- the authority's case-record ids ----------------------------------------------------------------------


@pytest.mark.parametrize("written", [
    "TC-004512", "TC\u200b-004512", "TC-\u200b004512", "TC\uff0d004512", "TC\u2011004512",
    "TC-\uff10\uff10\uff14\uff15\uff11\uff12", "\uff34\uff23-004512",
])
def test_a_case_id_with_an_invisible_or_full_width_character(written: str) -> None:
    case_id = compile_case_id(r"TC-\d{6}")
    assert [(f.kind, f.text, offset) for f, offset in findings_in(f"see case {written} now", case_id)] == \
        [(CASE, written, len("see case "))]


def test_a_case_id_pattern_with_its_own_unusual_character_is_matched_against_the_original() -> None:
    case_id = compile_case_id("TC\u2013[0-9]{6}")  # an en dash, which the plain copy makes a hyphen
    assert kinds("case TC\u2013004512 and TC\u2013004513\u200b", case_id) == [CASE, CASE]
    # found in both the original and the plain copy: reported once
    either = compile_case_id("TC[-\u2013][0-9]{6}")
    assert [offset for _, offset in findings_in("TC-004512 TC\u2013004513 \u200bTC-004514", either)] == [0, 10, 21]


def test_a_pattern_that_hangs_pythons_regular_expressions_takes_a_moment() -> None:
    """(\\d+\\s?)+$ tries 2^40 ways over forty digits before a letter with Python's `re`."""
    case_id = compile_case_id(r"(\d+\s?)+$")
    assert kinds("1" * 40 + "x " * 10_000 + "1" * 5_000 + "x", case_id) == []


@pytest.mark.parametrize(("pattern", "reason"), [
    (r"(\w+\s?)+$", "it matches ordinary words (all of “The child and family are seen at home”)"),
    (r"[A-Za-z]+-?\d*", "it matches ordinary words (“The” in “The child and family are seen at home”)"),
    ("", "it matches empty text"),
    ("x*", "it matches empty text"),
    (r"\d?", "it matches empty text"),
    (r"\b", "it matches empty text"),
    (r"TC-\d{6}|", "it matches empty text"),
    (r"(?<=case )TC-\d{6}", "it uses a look-behind (“(?<=”)"),
    (r"TC-\d{6}(?!\d)", "it uses a look-ahead (“(?!”)"),
    (r"(\d)\1{5}", "it uses a back-reference (“\\1”)"),
    (r"TC-\d++", "it uses a possessive repeat (“++”)"),
    (r"TC-\d{2000}", "it repeats something more than 1,000 times (“{2000}”)"),
    ("TC-[0-9{6}", "it is not a valid regular expression (unterminated character set at position 3)"),
])
def test_a_case_id_pattern_that_cannot_be_used(pattern: str, reason: str) -> None:
    with pytest.raises(ValueError, match="^" + re.escape(reason)):
        compile_case_id(pattern)
    with pytest.raises(ValidationError, match="case_id_pattern"):
        schema.PrivacySettings(case_id_pattern=pattern)


@pytest.mark.parametrize("pattern", [r"TC-\d{6}", "NM-[0-9]{6}", r"(?i)case\s*\d{5,8}", r"\b[A-Z]{2}\d{6}\b"])
def test_a_case_id_pattern_that_can(pattern: str) -> None:
    assert compile_case_id(pattern).source == pattern
    assert schema.PrivacySettings(case_id_pattern=pattern).case_id_pattern == pattern


# --- ordinary handbook prose ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "A decision within 15 working days; the plan is reviewed within 10\u00a0working days.",
    "Working Together 2023 and the Children Act 1989, section 17.",
    "last_reviewed: 2026-03-01\nreviewed 2026-03-01 by the Principal Social Worker",
    "Call 0161 496 0000, 0161\u00a0496\u00a00000 or 0161\u2013496\u20130000 (9am\u20135pm).",
    "1st April 2025 the service began; it was reviewed on 12 March 2026.",
    "Ages 0\u201318, levels 1\u20134, 2024\u20132025 and 2025/26.",
    "Section 3.2.1 of the 2015 guidance; version 1.14.2.",
    "The “Signs of Safety” model \u2014 since 2019 \u2014 is used by all teams.",
])
def test_ordinary_handbook_prose_is_not_personal_data(text: str) -> None:
    assert kinds(text, compile_case_id("NM-[0-9]{6}")) == []


# --- how the scans work ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["NHS_NUMBER", "NI_DIGITS", "DATES", "MONTH_FIRST_DATES", "MONTH_YEAR_DATES"])
def test_one_pass_finds_every_place_each_pattern_matches(name: str) -> None:
    """The scan finds where any pattern could start in one pass, then tries each pattern only
    there: on any text, each pattern must find exactly what its own full scan finds."""
    pattern = getattr(privacy, name)
    pieces = ["123", "456", "7890", "9434765919", "943 476 5919", " ", "-", "/", ".", ",", "12", "3", "2020",
              "th ", "March ", "sept", "Sept. ", "April, ", "of ", "ber ", "Act ", "\u00a0", "\u2009", "AB", "ab",
              "C", "d", "born ", "born in ", "DOB: ", "\n", "x",
              # digits and letters that are not ASCII, and letters that case-folding turns into ASCII ones
              "\u0661", "\uff11\uff12", "\u00b2", "\u017f", "\u212a", "\u0130", "\u0131", "\u3000"]
    rng = random.Random(name)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 25)))
        starts = [m.start() for m in privacy._ANY_START.finditer(text)]
        assert [m.span() for m in privacy._matches_from(pattern, text, starts)] == \
            [m.span() for m in pattern.finditer(text)], text


TEXT_CHARACTERS = st.sampled_from(
    ["a", "Z", "1", " ", "-", ".", "\n", "é", "’", "“", "\u2603", "\U0001F600", "\u4e2d", *SPACES, *DASHES,
     *INVISIBLE, "\uff11", "\u0663", "\uff21", "\u2028"])


@given(st.lists(TEXT_CHARACTERS, max_size=40).map("".join))
def test_each_character_of_the_plain_copy_comes_from_the_right_place_in_the_original(text: str) -> None:
    plain = privacy._plain(text)
    assert plain.text.isascii()
    assert len(plain.text) == len(text) - sum(c in INVISIBLE for c in text)
    for offset, character in enumerate(plain.text):
        original = text[plain.original(offset)]
        assert original not in INVISIBLE
        assert character == (original if original.isascii() else privacy._plain_character(original))


def test_the_plain_copy_of_ascii_text_is_the_text_itself() -> None:
    text = "NHS 943 476 5919\n" * 3
    assert privacy._plain(text).text is text


# --- in a project --------------------------------------------------------------------------------------------


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
