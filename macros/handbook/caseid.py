"""The authority's own case-record id pattern, set in authority.yaml, ready for the privacy scan.

The pattern is the authority's to write, and it runs over every file's whole text, so it is
checked before it is used: it must compile, run in RE2 (in time proportional to the text), and
match neither empty text nor ordinary words. What is wrong with it is said in plain words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

_EXAMPLE = "NM-[0-9]{6}"
_WRITE_THE_ID = f"write just the id's own characters, e.g. {_EXAMPLE}"
# A pattern that can match no characters at all would report "a case-record id" everywhere.
_EMPTY_PROBES = ("", "a", "NM-123456 the child\n")
# Nor can a pattern that matches plain words, such as (\w+\s?)+$, be an id.
_ORDINARY_WORDS = "The child and family are seen at home"
# What RE2 refuses that Python's `re` would run, by how RE2's message ends.
_UNSUPPORTED = (
    ("(?=", "a look-ahead"), ("(?!", "a look-ahead"), ("(?<", "a look-behind"),
    ("(?P", "a back-reference"), ("(?>", "an atomic group"), ("(?x", "verbose mode"), ("(?#", "a comment"),
)


@dataclass(frozen=True)
class CaseIdPattern:
    """The authority's case-record id pattern, compiled by RE2.

    RE2 takes time in proportion to the text whatever the pattern: Python's `re` can take hours
    over one line with a pattern such as (\\w+\\s?)+$, and the pattern is the authority's to write.
    """

    source: str
    regexp: Any  # an RE2 pattern: google-re2 has no type hints

    def spans(self, text: str | bytes) -> Iterator[tuple[int, int]]:
        for match in self.regexp.finditer(text):
            start, end = match.span()
            if end > start:
                yield start, end


def _unsupported(error: Exception) -> str:
    message = error.args[0] if error.args else ""
    message = message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)
    kind, _, part = message.rpartition(": ")
    if kind == "invalid repetition size":
        return f"it repeats something more than 1,000 times (“{part}”); {_WRITE_THE_ID}"
    if "too large" in message or "too big" in message:
        return f"it is too large to check quickly; {_WRITE_THE_ID}"
    what = next((name for start, name in _UNSUPPORTED if part.startswith(start)), None)
    if what is None and re.fullmatch(r"\\[1-9]", part):
        what = "a back-reference"
    if what is None and len(part) == 2 and part.endswith("+"):
        what = "a possessive repeat"
    described = f"{what} (“{part}”)" if what else f"“{part or message}”"
    return (f"it uses {described}, which the check does not support (it runs only patterns that stay quick on "
            f"any text); {_WRITE_THE_ID}")


def compile_case_id(pattern: str) -> CaseIdPattern:
    """`pattern` ready to scan with; a ValueError says, in plain words, why it cannot be used."""
    try:
        re.compile(pattern)  # its messages say where a mistake is; the authority writes Python's syntax
    except re.error as error:
        raise ValueError(f"it is not a valid regular expression ({error})") from None
    import re2  # loaded only when an authority sets a pattern

    options = re2.Options()
    options.log_errors = False  # the reason goes in the message instead of RE2's own log line
    try:
        regexp = re2.compile(pattern, options)
    except re2.error as error:
        raise ValueError(_unsupported(error)) from None
    for probe in _EMPTY_PROBES:
        if any(match.start() == match.end() for match in regexp.finditer(probe)):
            raise ValueError(f"it matches empty text, so it would find a case-record id everywhere; {_WRITE_THE_ID}")
    words = regexp.search(_ORDINARY_WORDS)
    if words is not None:
        shown = f"all of “{_ORDINARY_WORDS}”" if words.group(0) == _ORDINARY_WORDS else \
            f"“{words.group(0)}” in “{_ORDINARY_WORDS}”"
        raise ValueError(f"it matches ordinary words ({shown}), so it would find a case-record id in almost every "
                         f"sentence; {_WRITE_THE_ID}")
    return CaseIdPattern(pattern, regexp)
