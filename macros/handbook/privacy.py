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

from .errors import Problem
from .loader import LoadedFile

# Each pattern is a bare digit and then what must follow it (checking what came before the digit
# only after it: a look-behind or alternation first stops Python's regex engine skipping quickly
# to the next digit, three to four times slower over a large handbook). The scans run over every
# file's whole text, so they are ASCII-only (a third faster): these numbers use ASCII digits.
_NHS_AFTER_DIGIT = r"(?<![\d-]\d)\d{2}[ -]?\d{3}[ -]?\d{4}(?![\d-])"
NHS_NUMBER = re.compile(rf"\d{_NHS_AFTER_DIGIT}", re.ASCII)
# HMRC's format: two prefix letters (not D, F, I, Q, U or V; O not second; some pairs never used),
# six digits, and a suffix A to D. Found from its digits, then the letters before them checked.
_NI_AFTER_DIGIT = r"(?<!\d\d)\d ?\d{2} ?\d{2} ?[A-Da-d]\b"  # letters, not digits, come before
NI_DIGITS = re.compile(rf"\d{_NI_AFTER_DIGIT}", re.ASCII)
NI_NUMBER = re.compile(
    r"\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b",
    re.IGNORECASE,
)
_MONTHS = ("jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july"
           "|august|september|october|november|december")
# 12/3/2020, 12.03.20, 2020-03-12 or 12th March 2020; the first digit is not part of a longer number.
# Any space Unicode knows (what \s means without re.ASCII), such as the no-break space a word
# processor puts between day and month.
_SPACES = r"[\s\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+"
_DATE_AFTER_DIGIT = (rf"(?<!\d\d)(?:\d?[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}})|\d{{3}}-\d{{2}}-\d{{2}}"
                     rf"|\d?(?:st|nd|rd|th)?{_SPACES}(?:{_MONTHS})\.?{_SPACES}\d{{4}})(?!\d)")
DATES = re.compile(rf"\d{_DATE_AFTER_DIGIT}", re.IGNORECASE | re.ASCII)
# Where any of the three could start, found in one pass over the text (each pass costs about
# the same however little it finds); each pattern is then tried only at those places.
_ANY_START = re.compile(rf"\d(?=(?:{_NHS_AFTER_DIGIT})|(?:{_NI_AFTER_DIGIT})|(?:{_DATE_AFTER_DIGIT}))",
                        re.IGNORECASE | re.ASCII)
# What comes just before a date that makes it a date of birth: the words, or a person's name.
BIRTH_WORDS = re.compile(r"\b(?:d\.?o\.?b\.?|date of birth|born(?: on)?)\b[^.\n]{0,20}?$", re.IGNORECASE)
NAME_BEFORE = re.compile(r"\b[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?\s+[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?"
                         r"\s*[,(]\s*(?:(?:born|d\.?o\.?b\.?)\s*:?\s*)?$")
_LOOK_BACK = 60
_NOT_DIGITS = re.compile(r"\D")


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


def _matches_from(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text)` finds, given every place a match could start."""
    end = 0
    for start in starts:
        if start >= end and (match := pattern.match(text, start)) is not None:
            end = match.end()
            yield match


def findings_in(text: str, case_id: re.Pattern[str] | None = None) -> Iterator[tuple[Finding, int]]:
    """Each finding with the offset in `text` where it starts.

    Every kind but a case id contains digits, so each search starts from digits and only then
    looks at the words around them: far faster on a large handbook than matching names or
    letters everywhere.
    """
    if case_id is not None:
        for match in case_id.finditer(text):
            yield Finding("a case-record id", match.group(0), match.group(0)), match.start()
    starts = [match.start() for match in _ANY_START.finditer(text)]
    if not starts:
        return
    for match in _matches_from(NHS_NUMBER, text, starts):
        if nhs_number_is_valid(_NOT_DIGITS.sub("", match.group(0))):
            yield Finding("an NHS number", match.group(0), match.group(0)), match.start()
    for match in _matches_from(NI_DIGITS, text, starts):
        start = max(0, match.start() - 3)
        whole = NI_NUMBER.search(text, start, match.end())
        if whole is not None:
            yield Finding("a National Insurance number", whole.group(0), whole.group(0)), whole.start()
    for match in _matches_from(DATES, text, starts):
        before = text[max(0, match.start() - _LOOK_BACK):match.start()]
        context = BIRTH_WORDS.search(before) or NAME_BEFORE.search(before)
        if context is not None:
            start = match.start() - len(before) + context.start()
            whole = text[start:match.end()]
            yield Finding("a date of birth beside a name", whole, match.group(0)), start


def findings(text: str, case_id: re.Pattern[str] | None = None) -> Iterator[Finding]:
    return (finding for finding, _ in findings_in(text, case_id))


def scan(files: Iterable[LoadedFile], case_id_pattern: str | None, allowed: Iterable[str]) -> Iterator[Problem]:
    """Look through each file's whole text, comments included: what is in the repository is published.

    Working on the text rather than the parsed values is also what makes this fast on a large
    handbook, and gives each finding its exact line and column.
    """
    case_id = re.compile(case_id_pattern) if case_id_pattern else None
    allow = [" ".join(a.split()).casefold() for a in allowed]
    for loaded in files:
        text = loaded.text
        for finding, offset in findings_in(text, case_id):
            key = " ".join(finding.key.split()).casefold()
            if any(key in entry for entry in allow):
                continue
            line = text.count("\n", 0, offset) + 1
            column = offset - (text.rfind("\n", 0, offset) + 1) + 1
            yield Problem(
                file=loaded.path,
                line=line,
                column=column,
                title=f"This looks like {finding.kind}",
                found=f"“{' '.join(finding.text.split())}”",
                expected="no personal details of a child, family or member of staff: the handbook "
                "describes practice, never a case",
                fix="Remove it. If it is not personal data (for example, a made-up example), add "
                f"\"{' '.join(finding.key.split())}\" to `privacy: allow:` in authority.yaml.",
            )
