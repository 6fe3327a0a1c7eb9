"""Two messages a practitioner could not act on (issue 17): a colon inside a list entry, and a
Welsh abbreviation refused as "not letters and numbers"."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from pydantic import ValidationError

from conftest import handbook_here
from handbook import schema
from handbook.postprocess import focusable_abbreviations

WELSH = ["CŴD", "ADY", "ŶP", "GÂD", "CÊT", "AÎL", "BÔR", "DÛR", "Ŵ&Ŷ"]


@pytest.mark.parametrize("abbr", WELSH)
def test_welsh_abbreviations_are_accepted(abbr: str) -> None:
    term = schema.Term(abbr=abbr, term="Cynllun Datblygu Unigol")
    assert term.abbr == abbr


@pytest.mark.parametrize("abbr", ["C\\IN", "A B", "A:B", "×A", "(CIN)", "-CIN"])
def test_other_characters_are_still_refused(abbr: str) -> None:
    with pytest.raises(ValidationError):
        schema.Term(abbr=abbr, term="Something")


def test_a_welsh_abbreviation_has_a_plain_anchor() -> None:
    assert schema.term_anchor("CŴD") == "term-cwd"
    assert schema.term_anchor("S47") == "term-s47"


def test_a_welsh_abbreviation_becomes_a_tooltip() -> None:
    html = markdown.markdown(
        "Y CŴD a'r CŴDs, a CŴD eto.", extensions=["handbook.abbreviations"],
        extension_configs={"handbook.abbreviations": {"glossary": {"CŴD": "Cynllun Datblygu Unigol"}}})
    assert html.count('<abbr title="Cynllun Datblygu Unigol">CŴD</abbr>') == 2  # not inside CŴDs
    assert focusable_abbreviations(html).count('tabindex="0"') == 1


def test_a_glossary_with_welsh_abbreviations_is_valid(minimal_project: Path) -> None:
    glossary = minimal_project / "data" / "glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + (
        "  - abbr: CŴD\n    term: Cynllun Datblygu Unigol\n    definition: The CŴD is the plan.\n"
        "  - abbr: ADY\n    term: Anghenion Dysgu Ychwanegol\n"), encoding="utf-8")
    run = handbook_here(minimal_project, "check")
    assert run.returncode == 0, run.output


def test_a_welsh_abbreviation_that_differs_only_by_its_accent_is_caught(minimal_project: Path) -> None:
    glossary = minimal_project / "data" / "glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8")
                        + "  - abbr: CŴD\n    term: One\n  - abbr: CWD\n    term: Two\n", encoding="utf-8")
    run = handbook_here(minimal_project, "check")
    assert run.returncode == 1
    assert "The abbreviations `CŴD` and `CWD` would share a link" in run.output


def test_a_refused_abbreviation_says_accented_letters_are_fine(minimal_project: Path) -> None:
    glossary = minimal_project / "data" / "glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "  - abbr: C D\n    term: Two words\n",
                        encoding="utf-8")
    run = handbook_here(minimal_project, "check")
    assert "letters (with or without accents, e.g. Ŵ) and numbers" in run.output


@pytest.mark.parametrize(("line", "key", "quoted"), [
    ("      - Review the contact: decide within one working day",
     "Review the contact", '- "Review the contact: decide within one working day"'),
    ('      - Note: the "lead" decides',
     "Note", '- "Note: the \\"lead\\" decides"'),
    ("      - Remember:", "Remember", '- "Remember:"'),
])
def test_a_colon_in_a_list_entry_is_named(minimal_project: Path, line: str, key: str, quoted: str) -> None:
    journey = minimal_project / "data" / "journey.yaml"
    text = journey.read_text(encoding="utf-8")
    old = "      - A qualified social worker reviews the contact."
    assert old in text
    journey.write_text(text.replace(old, line, 1), encoding="utf-8")
    run = handbook_here(minimal_project, "check")
    assert run.returncode == 1
    assert f"the colon after “{key}” made this line a field name" in run.output
    assert "YAML reads a colon followed by a space as the end of a field name" in run.output
    assert f"Put the whole line in double quotes: {quoted}" in run.output


def test_a_colon_under_a_text_field_is_named_too(minimal_project: Path) -> None:
    services = minimal_project / "data" / "services.yaml"
    text = services.read_text(encoding="utf-8")
    old = "    who_can_refer: Anyone\n"
    assert old in text
    services.write_text(text.replace(old, "    who_can_refer:\n      Anyone: families too\n", 1), encoding="utf-8")
    run = handbook_here(minimal_project, "check")
    assert "`who_can_refer` should be text: the colon after “Anyone” made this line a field name" in run.output
    assert 'Put the whole text in double quotes, on the same line: who_can_refer: "Anyone: families too"' \
        in run.output
