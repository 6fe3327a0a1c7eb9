"""The personal-data guard: a practice handbook must never hold a child's or family's details.

`handbook check` looks through every piece of text in the data for what looks like personal data:
NHS numbers (ten digits that pass the NHS modulus 11 check), National Insurance numbers, a date
of birth beside a name or the words "date of birth", and the authority's own case-record ids (a
pattern set in authority.yaml). A deliberate exception goes in the allow-list there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .errors import Problem
from .loader import LoadedFile, Loc

NHS_NUMBER = re.compile(r"(?<![\d-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d-])")
# HMRC's format: two prefix letters (not D, F, I, Q, U or V; O not second; some pairs never used),
# six digits, and a suffix A to D. Spaces between pairs are common.
NI_NUMBER = re.compile(
    r"\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b",
    re.IGNORECASE,
)
_MONTHS = ("jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july"
           "|august|september|october|november|december")
DATE = (rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}})|\d{{4}}-\d{{2}}-\d{{2}}"
        rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?\s+\d{{4}})")
BIRTH_WORDS = re.compile(rf"\b(?:d\.?o\.?b\.?|date of birth|born(?: on)?)\b[^.\n]{{0,20}}?{DATE}", re.IGNORECASE)
NAME_THEN_DATE = re.compile(rf"\b[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?\s+[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?"
                            rf"\s*[,(]\s*(?:(?:born|d\.?o\.?b\.?)\s*:?\s*)?{DATE}")


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str
    key: str  # the part that identifies someone, which an allow-list entry must contain


def nhs_number_is_valid(digits: str) -> bool:
    """The NHS number check digit: modulus 11 over the first nine digits, weighted 10 down to 2."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * weight for d, weight in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


_DIGIT = re.compile(r"\d")


def findings(text: str, case_id: re.Pattern[str] | None = None) -> Iterator[Finding]:
    if case_id is not None:
        for match in case_id.finditer(text):
            yield Finding("a case-record id", match.group(0), match.group(0))
    if not _DIGIT.search(text):  # every other kind has digits in it; most text has none
        return
    for match in NHS_NUMBER.finditer(text):
        if nhs_number_is_valid("".join(match.groups())):
            yield Finding("an NHS number", match.group(0), match.group(0))
    for match in NI_NUMBER.finditer(text):
        yield Finding("a National Insurance number", match.group(0), match.group(0))
    for pattern in (BIRTH_WORDS, NAME_THEN_DATE):
        for match in pattern.finditer(text):
            date = re.search(DATE + "$", match.group(0), re.IGNORECASE)
            yield Finding("a date of birth beside a name", match.group(0), date.group(0) if date else match.group(0))


def _strings(value: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*loc, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, (*loc, i))


def scan(files: Iterable[LoadedFile], case_id_pattern: str | None, allowed: Iterable[str]) -> Iterator[Problem]:
    case_id = re.compile(case_id_pattern) if case_id_pattern else None
    allow = [" ".join(a.split()).casefold() for a in allowed]
    for loaded in files:
        for loc, text in _strings(loaded.data, ()):
            for finding in findings(text, case_id):
                key = " ".join(finding.key.split()).casefold()
                if any(key in entry for entry in allow):
                    continue
                position = loaded.position(loc)
                yield Problem(
                    file=loaded.path,
                    line=position.line if position else None,
                    column=position.column if position else None,
                    title=f"This looks like {finding.kind}",
                    found=f"“{finding.text}”",
                    expected="no personal details of a child, family or member of staff: the handbook "
                    "describes practice, never a case",
                    fix="Remove it. If it is not personal data (for example, a made-up example), add "
                    f"\"{finding.key}\" to `privacy: allow:` in authority.yaml.",
                )
