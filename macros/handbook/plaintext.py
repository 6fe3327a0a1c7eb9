"""The plain copy of a text that the personal-data scans read, and the way back to the original.

Text pasted from a word processor or a web page often holds characters that look like the ASCII
ones but are not: a no-break space, an en dash, a full-width digit, or an invisible zero-width
space in the middle of a number. The plain copy has each of those made the ASCII character it
looks like, and the invisible ones taken out; it remembers where they were, so that a finding
can be reported with the line, column and characters of the original.
"""

from __future__ import annotations

import codecs
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

# Marks, for a moment, an invisible character to take out (DEL: the loader refuses one in a file).
_REMOVED = "\x7f"
_REMOVED_BYTE = _REMOVED.encode("ascii")
_NO_PLAIN_FORM = "\x1a"  # SUBSTITUTE: any other character; matches none of the scans' patterns


def plain_character(char: str) -> str:
    """The ASCII character `char` is read as, `_REMOVED` if it is invisible, else `_NO_PLAIN_FORM`."""
    category = unicodedata.category(char)
    if category == "Cf":  # zero-width spaces and joiners, the word joiner, soft hyphen, byte-order mark
        return _REMOVED
    if category == "Zs":  # no-break, thin, en, em, ideographic and other spaces
        return " "
    if category in ("Zl", "Zp") or char == "\x85":
        return "\n"
    if category == "Pd" or char == "\u2212":  # hyphens and dashes of every kind, the minus sign
        return "-"
    if category == "Nd":  # full-width, Arabic-Indic, Devanagari and other decimal digits
        return str(unicodedata.decimal(char))
    folded = unicodedata.normalize("NFKC", char)  # full-width letters and stops, the Kelvin sign
    if len(folded) == 1 and folded.isascii() and not folded.isdigit():  # ² is not a digit of a number
        return folded
    if char in "\u2018\u2019":  # O’Brien
        return "'"
    letters = unicodedata.normalize("NFKD", char)  # é, ñ, ŵ: the letter, without its accent
    if letters[0].isascii() and letters[0].isalpha() and all(unicodedata.combining(c) for c in letters[1:]):
        return letters[0]
    return _NO_PLAIN_FORM


class _PlainCharacters(dict[int, str]):
    """`plain_character` for each code point, worked out the first time it is met."""

    def __missing__(self, code: int) -> str:
        self[code] = plain_form = plain_character(chr(code))
        return plain_form


_PLAIN_CHARACTERS = _PlainCharacters()


def _plain_run(error: UnicodeError) -> tuple[str, int]:
    """The plain form of a run of non-ASCII characters, for `str.encode("ascii", _PLAIN_ERRORS)`.

    The ASCII encoder skips over ASCII text in C and calls this only at each run of other
    characters: many times faster than any pass over the text in Python or a regular expression.
    """
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return error.object[error.start:error.end].translate(_PLAIN_CHARACTERS), error.end


_PLAIN_ERRORS = "handbook.privacy.plain"
codecs.register_error(_PLAIN_ERRORS, _plain_run)


@dataclass(frozen=True)
class Plain:
    """The text the scans read, and how to find each of its characters in the original."""

    text: str  # ASCII
    removed: list[int]  # for each invisible character taken out, where the text after it is in `text`

    def original(self, offset: int) -> int:
        """Where the character at `offset` in the plain text is in the original."""
        return offset + bisect_right(self.removed, offset) if self.removed else offset

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original of `text[start:end]` (not counting invisible characters just after it)."""
        if not self.removed:
            return start, end
        first = self.original(start)
        return first, (self.original(end - 1) + 1 if end > start else first)


def plain(text: str) -> Plain:
    if text.isascii():  # nearly every file: nothing to do
        return Plain(text, [])
    encoded = text.encode("ascii", _PLAIN_ERRORS)  # one character for each, so offsets stay put...
    removed: list[int] = []
    at = encoded.find(_REMOVED_BYTE)
    while at != -1:  # ...until the invisible ones are taken out
        removed.append(at - len(removed))
        at = encoded.find(_REMOVED_BYTE, at + 1)
    if removed:
        encoded = encoded.replace(_REMOVED_BYTE, b"")
    return Plain(encoded.decode("ascii"), removed)


def comparable(text: str) -> str:
    """`text` as an allow-list entry is compared: plain, one space between words, any case."""
    return " ".join(plain(text).text.split()).casefold()


def without_invisible(text: str) -> str:
    return text if text.isascii() else "".join(c for c in text if unicodedata.category(c) != "Cf")


def shown(text: str) -> str:
    """`text` for a message: one space between words, and each invisible character named."""
    text = " ".join(text.split())
    if text.isascii():
        return text
    return "".join(f"[U+{ord(c):04X} {unicodedata.name(c, 'format character').lower()}]"
                   if unicodedata.category(c) == "Cf" else c for c in text)
