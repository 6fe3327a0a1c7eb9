"""Turning data text into safe Markdown.

Free text (`prose`) goes through handbook.prose, which parses it with only the constructs the
format documents and writes it out again with everything else escaped. Short pieces of text
(names, list entries, table cells: `inline`) are escaped whole. Template syntax is never
executed anyway, because macro output is not rendered again; escaping braces keeps it inert
twice over.
"""

from __future__ import annotations

import datetime
import re
import textwrap
from functools import lru_cache

from .. import prose as _prose

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def prose(text: str | None, root: str = "") -> str:
    """Markdown from the data, made safe (see handbook.prose).

    Links in the data are written relative to the handbook's top folder (`journey.md`);
    `root` is the way back there from the page being rendered (e.g. `../`).
    """
    if not text:
        return ""
    if not root:
        return _prose.to_markdown(text)

    def rebase(address: str) -> str:
        if not address or address.startswith(("#", "/")) or _SCHEME.match(address):
            return address
        return root + address

    return _prose.to_markdown(text, rebase)




@lru_cache(maxsize=65536)  # the same names are written again for every link to them
def inline(text: str) -> str:
    """A short piece of data text (a name, a list entry) for use inside a line or table cell."""
    return " ".join(str(text).split()).translate(_prose.ESCAPES)


def attribute(text: str) -> str:
    """Text for a Markdown link title: one line, and no characters that could end or nest it."""
    cleaned = " ".join(str(text).split())
    for char, replacement in (('"', "\u201d"), ("\\", "/"), ("{", "("), ("}", ")")):
        cleaned = cleaned.replace(char, replacement)
    return cleaned


def indent(text: str, spaces: int = 4) -> str:
    """Indent a block for admonitions and list continuations."""
    return textwrap.indent(text, " " * spaces, lambda _line: True)


def bullet_list(entries: list[str]) -> str:
    return "\n".join(f"- {entry}" for entry in entries)


def join_sentence(entries: list[str]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    if len(entries) <= 2:
        return " and ".join(entries)
    return ", ".join(entries[:-1]) + " and " + entries[-1]


def day(date: datetime.date) -> str:
    """`3 November 2026`."""
    return f"{date.day} {date:%B %Y}"
