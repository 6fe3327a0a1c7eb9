"""Characters a data file may not hold: the invisible controls, separators and direction marks.

The loader refuses a file with one of them before reading its YAML, and says which character
it is and where; the YAML readers refuse the same characters written as escapes.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from .errors import Problem

# Characters that cannot be shown, never allowed in a file: the C0 and C1 controls, the line and
# paragraph separators (YAML, like some editors, starts a new line at them and others do not, so
# line numbers would disagree) and the controls that change the direction text is shown in (they
# can make text display differently from what it says).
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_LINE_SEPARATORS = "\u2028\u2029"
# Nor written as escapes in double quotes ("\x01", "\u202E"): the renderers rely on it too. "\L"
# and "\P" are let through: like "\n" they put a line break in the text, not in the file.
ESCAPED_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


class _Kind(NamedTuple):
    """One kind of forbidden character, and what to say about it."""

    characters: str | frozenset[str]  # empty: any character the kinds before it do not cover
    what: str  # the title's description of it
    effect: str  # what it does, after the character is named
    expected: str
    fix: str


_PRINTABLE = "only printable text, spaces and line breaks"
_RETYPE = "Delete the character: retype the text around this position."
# Looked through in order: the first kind the character belongs to says what it is.
_KINDS = (
    _Kind(_LINE_SEPARATORS, "an invisible line separator",
          "which some programs show as a new line and others do not (often pasted in from a web page or a PDF)",
          "ordinary line breaks (the Enter key)",
          "Delete the character: retype the line break or the space at this position."),
    _Kind(_DIRECTION_CONTROLS, "an invisible text-direction control",
          "which changes the order text is shown in, so that what a reader sees is not what the file says",
          _PRINTABLE, _RETYPE),
    _Kind("", "an invisible control character",
          "which cannot be shown (often pasted in from a word processor or an email)",
          _PRINTABLE, _RETYPE),
)


def _line_and_column(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _named(character: str) -> str:
    """The character as a message names it: by its Unicode name where it has one (the separators
    and direction controls), else by its number (the C0 and C1 controls have no name)."""
    name = unicodedata.name(character, "")
    return f"character U+{ord(character):04X} ({name.lower()})" if name else f"character number {ord(character):#04x}"


def character_problem(shown_as: str, text: str, bad: re.Match[str]) -> Problem:
    """The problem with the forbidden character `bad` found in the file's text."""
    line, column = _line_and_column(text, bad.start())
    character = bad.group()
    kind = next(kind for kind in _KINDS if not kind.characters or character in kind.characters)
    return Problem(
        file=shown_as, line=line, column=column,
        title=f"The file contains {kind.what}",
        found=f"{_named(character)}, {kind.effect}",
        expected=kind.expected,
        fix=kind.fix,
    )
