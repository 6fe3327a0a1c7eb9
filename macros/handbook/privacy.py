"""The personal-data guard: a practice handbook must never hold a child's or family's details.

`handbook check` looks through every piece of text in the data for what looks like personal data:
NHS numbers (ten digits that pass the NHS modulus 11 check), National Insurance numbers, a date
of birth beside a name or the words "date of birth" or "born", and the authority's own case-record
ids (a pattern set in authority.yaml). A deliberate exception goes in the allow-list there.

Text pasted from a word processor or a web page often holds characters that look like the ASCII
ones but are not: a no-break space, an en dash, a full-width digit, or an invisible zero-width
space in the middle of a number. The scans read a plain copy of such a text (each of those made
the ASCII character it looks like, the invisible ones taken out) and report the line, column and
characters of the original (see plaintext.py). The authority's case-record id pattern is checked
and compiled in caseid.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .caseid import CaseIdPattern as CaseIdPattern
from .caseid import compile_case_id as compile_case_id
from .errors import Problem
from .loader import LoadedFile
from .plaintext import Plain, comparable, plain, plain_character, shown, without_invisible

# The scan calls its plain copy `plain`; the tests reach the plain copy's functions by these names.
_plain, _plain_character = plain, plain_character

# Each pattern is a bare digit and then what must follow it (checking what came before the digit
# only after it: a look-behind or alternation first stops Python's regex engine skipping quickly
# to the next digit, three to four times slower over a large handbook). The scans run over every
# file's whole text, so they are ASCII-only (a third faster): they read the plain copy, whose
# digits, spaces and dashes are ASCII ones.
#
# None starts in the middle of a number. Checked once, straight after the digit, that rules out
# most digits before any pattern is tried: over a whole handbook, each pattern tried at every
# digit costs more than the pass itself.
_FIRST_DIGIT = r"\d(?<!\d\d)"
#
# Between groups of digits: a space, a hyphen or a dot (any other space or dash is one of the
# first two in the plain copy).
_SEPARATOR = r"[ .-]?"
# Not part of a longer number: no digit just after, nor a digit and a hyphen or dot either side.
_NHS_AFTER_DIGIT = rf"(?<!\d[.-]\d)\d{{2}}{_SEPARATOR}\d{{3}}{_SEPARATOR}\d{{4}}(?!\d|[.-]\d)"
NHS_NUMBER = re.compile(rf"{_FIRST_DIGIT}{_NHS_AFTER_DIGIT}", re.ASCII)
# HMRC's format: two prefix letters (not D, F, I, Q, U or V; O not second; some pairs never used),
# six digits, and a suffix A to D. Found from its digits, then the letters before them checked.
_NI_AFTER_DIGIT = rf"\d{_SEPARATOR}\d{{2}}{_SEPARATOR}\d{{2}}{_SEPARATOR}[A-Da-d]\b"
NI_DIGITS = re.compile(rf"{_FIRST_DIGIT}{_NI_AFTER_DIGIT}", re.ASCII)
NI_NUMBER = re.compile(
    rf"\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]{_SEPARATOR}\d{{2}}{_SEPARATOR}\d{{2}}"
    rf"{_SEPARATOR}\d{{2}}{_SEPARATOR}[A-D]\b",
    re.IGNORECASE,
)
_MONTHS = ("jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july"
           "|august|september|october|november|december")
# 12/3/2020, 12.03.20, 2020-03-12, 12th March 2020, 1st of April, 2015. (\s: in the plain copy
# every kind of space is an ASCII one.)
_DATE_AFTER_DIGIT = (rf"(?:\d?[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}})|\d{{3}}-\d{{2}}-\d{{2}}"
                     rf"|\d?(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\.?,?\s+\d{{4}})(?!\d)")
DATES = re.compile(rf"{_FIRST_DIGIT}{_DATE_AFTER_DIGIT}", re.IGNORECASE | re.ASCII)
# The month first: April 1st, 2015 or April 2015; a year alone, as in "born in 2015", is not a date.
# Found from the digits after the end of a month's name or short form ("Sept.", "April,"), which a
# look-behind can check as it must, in a fixed width; the first one (a letter or stop a month can
# end in) is there for speed: it rules out most digits before trying twenty endings. The month
# itself is then looked for in the words before.
_MONTH_ENDS = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|ary|rch|ril|une|uly|ust|ept|ber"
_MONTH_FIRST_AFTER_DIGIT = (rf"(?<=[bceghlnprtvy.,]\s\d)(?:(?<=(?:{_MONTH_ENDS})\s\d)|(?<=(?:{_MONTH_ENDS})[.,]\s\d))"
                            r"(?:\d?(?:st|nd|rd|th)?,?\s+\d{4}|\d{3})(?!\d)")
MONTH_FIRST_DATES = re.compile(rf"{_FIRST_DIGIT}{_MONTH_FIRST_AFTER_DIGIT}", re.IGNORECASE | re.ASCII)
# A month and year in figures, 04/2015 (not the end of 12/04/2015).
_MONTH_YEAR_AFTER_DIGIT = r"(?<![/.-]\d)\d?[/.-]\d{4}(?!\d)"
MONTH_YEAR_DATES = re.compile(rf"{_FIRST_DIGIT}{_MONTH_YEAR_AFTER_DIGIT}", re.ASCII)
# Where any of them could start, found in one pass over the text (each pass costs about the same
# however little it finds); each pattern is then tried only at those places.
_ANY_START = re.compile(
    rf"{_FIRST_DIGIT}(?=(?:{_NHS_AFTER_DIGIT})|(?:{_NI_AFTER_DIGIT})|(?:{_DATE_AFTER_DIGIT})"
    rf"|(?:{_MONTH_FIRST_AFTER_DIGIT})|(?:{_MONTH_YEAR_AFTER_DIGIT}))",
    re.IGNORECASE | re.ASCII,
)
# What comes just before a date that makes it a date of birth: the words, or a person's name.
BIRTH_WORDS = re.compile(r"(?:\bd\.?o\.?b\b\.?|\bdate of birth\b|\bborn\b(?:\s+on\b)?)[^.\n]{0,20}?$",
                         re.IGNORECASE)
# A month and year alone is a date of birth only straight after the words: "born in April 2015",
# "DOB: 04/2015" (a month and year after a name is more often when something happened).
BIRTH_LABEL = re.compile(r"(?:\bd\.?o\.?b\b\.?|\bdate of birth|\bborn(?:\s+(?:in|on))?)\s*:?\s*$", re.IGNORECASE)
# Accented letters are plain ones in the plain copy (Zoë is Zoe) and a curly apostrophe a straight
# one, so O'Brien and McDonald are names however they were typed.
_NAME = r"[A-Z](?:'[A-Z])?[a-z]+(?:-?[A-Z][a-z]+)?"
NAME_BEFORE = re.compile(rf"\b{_NAME}\s+{_NAME}\s*[,(]\s*(?:(?:born|d\.?o\.?b\.?)\s*:?\s*)?$")
# Searched for only in the last few characters: "september.," is the longest a month can be.
_MONTH_AT_END = re.compile(rf"\b(?:{_MONTHS})\.?,?$", re.IGNORECASE)
_MONTH_LENGTH = len("september.,")
_LOOK_BACK = 60
_NOT_DIGITS = re.compile(r"\D")


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str  # as the file has it, from the first word that gave it away
    key: str  # the part that identifies someone, which an allow-list entry must contain


def nhs_number_is_valid(digits: str) -> bool:
    """The NHS number check digit: modulus 11 over the first nine digits, weighted 10 down to 2."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * weight for d, weight in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


# --- the scans --------------------------------------------------------------------------------------


def _matches_from(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text)` finds, given every place a match could start."""
    end = 0
    for start in starts:
        if start >= end and (match := pattern.match(text, start)) is not None:
            end = match.end()
            yield match


def _birth_context(text: str, start: int, month_and_year_only: bool) -> int | None:
    """Where the words that make the date at `start` a date of birth begin, if there are any."""
    before = text[max(0, start - _LOOK_BACK):start]
    if month_and_year_only:
        context = BIRTH_LABEL.search(before)
    else:
        context = BIRTH_WORDS.search(before) or NAME_BEFORE.search(before)
    return None if context is None else start - len(before) + context.start()


def _case_ids(text: str, plain: Plain, case_id: CaseIdPattern) -> Iterator[tuple[Finding, int]]:
    # RE2 reads bytes: the plain text's are its characters, so no offsets need converting.
    spans = [plain.span(start, end) for start, end in case_id.spans(plain.text.encode("ascii"))]
    if plain.text is not text and not case_id.source.isascii():
        # A pattern with characters of its own that the plain copy has changed (an en dash, say).
        seen = {start for start, _ in spans}
        spans += [span for span in case_id.spans(text) if span[0] not in seen]
    for start, end in spans:
        found = text[start:end]
        yield Finding("a case-record id", found, without_invisible(found)), start


def findings_in(text: str, case_id: CaseIdPattern | None = None) -> Iterator[tuple[Finding, int]]:
    """Each finding with the offset in `text` where it starts.

    Every kind but a case id contains digits, so each search starts from digits and only then
    looks at the words around them: far faster on a large handbook than matching names or
    letters everywhere.
    """
    plain = _plain(text)

    def finding(kind: str, start: int, end: int, key_start: int | None = None) -> tuple[Finding, int]:
        first, last = plain.span(start, end)
        key_first = first if key_start is None else plain.original(key_start)
        return Finding(kind, text[first:last], without_invisible(text[key_first:last])), first

    if case_id is not None:
        yield from _case_ids(text, plain, case_id)
    scanned = plain.text
    starts = [match.start() for match in _ANY_START.finditer(scanned)]
    if not starts:
        return
    for match in _matches_from(NHS_NUMBER, scanned, starts):
        if nhs_number_is_valid(_NOT_DIGITS.sub("", match.group(0))):
            yield finding("an NHS number", match.start(), match.end())
    for match in _matches_from(NI_DIGITS, scanned, starts):
        whole = NI_NUMBER.search(scanned, max(0, match.start() - 3), match.end())
        if whole is not None:
            yield finding("a National Insurance number", whole.start(), whole.end())
    kind = "a date of birth beside a name"
    for match in _matches_from(DATES, scanned, starts):
        if (start := _birth_context(scanned, match.start(), False)) is not None:
            yield finding(kind, start, match.end(), match.start())
    for match in _matches_from(MONTH_FIRST_DATES, scanned, starts):
        window = max(0, match.start() - _LOOK_BACK)
        before = scanned[window:match.start()].rstrip()
        month = _MONTH_AT_END.search(before, max(0, len(before) - _MONTH_LENGTH))
        if month is not None:
            month_start = window + month.start()
            month_and_year_only = match.end() - match.start() == 4
            if (start := _birth_context(scanned, month_start, month_and_year_only)) is not None:
                yield finding(kind, start, match.end(), month_start)
    for match in _matches_from(MONTH_YEAR_DATES, scanned, starts):
        if (start := _birth_context(scanned, match.start(), True)) is not None:
            yield finding(kind, start, match.end(), match.start())


def findings(text: str, case_id: CaseIdPattern | None = None) -> Iterator[Finding]:
    return (finding for finding, _ in findings_in(text, case_id))


def scan(files: Iterable[LoadedFile], case_id_pattern: str | None, allowed: Iterable[str]) -> Iterator[Problem]:
    """Look through each file's whole text, comments included: what is in the repository is published.

    Working on the text rather than the parsed values is also what makes this fast on a large
    handbook, and gives each finding its exact line and column.
    """
    case_id = compile_case_id(case_id_pattern) if case_id_pattern else None  # checked with the schema
    allow = [comparable(a) for a in allowed]
    for loaded in files:
        text = loaded.text
        for finding, offset in findings_in(text, case_id):
            key = comparable(finding.key)
            if any(key in entry for entry in allow):
                continue
            line = text.count("\n", 0, offset) + 1
            column = offset - (text.rfind("\n", 0, offset) + 1) + 1
            yield Problem(
                file=loaded.path,
                line=line,
                column=column,
                title=f"This looks like {finding.kind}",
                found=f"“{shown(finding.text)}”",
                expected="no personal details of a child, family or member of staff: the handbook "
                "describes practice, never a case",
                fix="Remove it. If it is not personal data (for example, a made-up example), add "
                f"\"{' '.join(finding.key.split())}\" to `privacy: allow:` in authority.yaml.",
            )
