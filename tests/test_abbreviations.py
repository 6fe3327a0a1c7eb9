"""The linear abbreviation pass finds what Python-Markdown's own `abbr` extension finds."""

from __future__ import annotations

import re

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handbook.abbreviations import find

GLOSSARY = {"CIN": "Child in need", "CP": "Child protection", "CPP": "Child protection plan",
            "S.47": "Section 47 enquiry", "IRO": "Independent reviewing officer", "A&E": "Accident and emergency",
            "C+": "A grade", "PSW": "Principal social worker"}


def original(text: str, abbrs: dict[str, str]) -> list[tuple[int, int]]:
    """What the extension's own pass matches (its expression, as Python-Markdown 3.11 builds it)."""
    keys = sorted(abbrs, key=len, reverse=True)
    pattern = re.compile(f"\\b(?:{'|'.join(re.escape(key) for key in keys)})\\b")
    return [match.span() for match in pattern.finditer(text)]


def lengths(abbrs: dict[str, str]) -> list[int]:
    return sorted({len(key) for key in abbrs}, reverse=True)


@pytest.mark.parametrize("text", [
    "A CIN plan, then a CPP (not a CP).", "CPPs and CINs are not abbreviations here.",
    "S.47 enquiries; the S.47.", "A&E at 3am", "C+ grade, C+. and C+x", "PSW/IRO", "", "CIN",
    "xCIN CINx _CIN CIN_ 9CIN",
])
def test_the_same_matches_as_the_original(text: str) -> None:
    assert find(text, GLOSSARY, lengths(GLOSSARY)) == original(text, GLOSSARY)


abbreviation = st.text(alphabet="ACP.&+S4-", min_size=1, max_size=5)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(abbreviation, st.just("meaning"), min_size=1, max_size=8),
       st.text(alphabet="ACP.&+S4- x_é\n", max_size=60))
def test_any_glossary_and_text_give_the_original_matches(abbrs: dict[str, str], text: str) -> None:
    assert find(text, abbrs, lengths(abbrs)) == original(text, abbrs)


def render(source: str, extension: str) -> str:
    return markdown.markdown(source, extensions=[extension, "def_list", "attr_list"],
                             extension_configs={extension: {"glossary": GLOSSARY}})


@pytest.mark.parametrize("source", [
    "A CIN plan and a **CPP** with `CIN` in code.\n\n- CIN\n- a *CP* and S.47\n\nCIN\n:   A&E, then IRO.",
    "*[LAC]: Looked after child\n\nA LAC review with the IRO.",
    "[CIN link](page.md) and CIN after it, C+.",
])
def test_pages_render_as_with_the_original_extension(source: str) -> None:
    assert render(source, "handbook.abbreviations") == render(source, "abbr")
    assert "<abbr" in render(source, "handbook.abbreviations")
