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


def in_language(markdown: str, lang: str | None) -> str:
    """Words in another language than the page's (`lang: cy`), marked so that a screen reader says
    them in it (WCAG 3.1.2). The code is safe in an attribute: the schema allows letters, digits
    and hyphens only."""
    return f'<span lang="{lang}">{markdown}</span>' if lang and markdown else markdown


def attribute(text: str) -> str:
    """Text for a Markdown link title: one line, and no characters that could end or nest it."""
    cleaned = " ".join(str(text).split())
    for char, replacement in (('"', "\u201d"), ("\\", "/"), ("{", "("), ("}", ")")):
        cleaned = cleaned.replace(char, replacement)
    return cleaned


def indent(text: str, spaces: int = 4) -> str:
    """Indent a block for admonitions and list continuations."""
    return textwrap.indent(text, " " * spaces, lambda _line: True)


# The start of a Markdown list item or quote, where a block begins.
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]|$)")
_STARTS_LIST_OR_QUOTE = re.compile(r"^ {0,3}(?:[-*+]|[0-9]{1,9}[.)]|>)(?:[ \t]|$)")
# Between a list and a list after it: without it, Markdown reads the two as one list (a blank
# line between list items only makes the list loose), so a service's offers and its facts, or the
# home page's areas and its tips, would be one list. A comment is no element: nothing is read out.
LIST_BREAK = "<!-- -->"


def starts_list(markdown: str) -> bool:
    """Whether the Markdown begins with a list item."""
    return bool(_LIST_ITEM.match(markdown))


def ends_in_list(markdown: str) -> bool:
    """Whether the Markdown's last block is (part of) a list: a list item, or a line indented
    under one (the continuation of an item)."""
    last = markdown.rstrip().rpartition("\n\n")[2]
    return bool(last) and (bool(_LIST_ITEM.match(last)) or last[:1] in (" ", "\t"))


def join_blocks(parts: list[str] | tuple[str, ...]) -> str:
    """Blocks of Markdown, one after another, each kept apart from the next: separated by a
    blank line, and a list followed by a list also by LIST_BREAK."""
    out: list[str] = []
    for part in (part.strip("\n") for part in parts):
        if not part.strip():
            continue
        if out and starts_list(part) and ends_in_list(out[-1]):
            out.append(LIST_BREAK)
        out.append(part)
    return "\n\n".join(out)


def lead_in(lead: str, markdown: str) -> str:
    """A lead (`**How to refer:**`) and the Markdown it introduces. On one line when the Markdown
    begins with a paragraph; above it when it begins with a list or a quote, which cannot start
    inside a paragraph (on the same line, `- a` would be read as text)."""
    if not markdown:
        return lead
    separator = "\n\n" if _STARTS_LIST_OR_QUOTE.match(markdown) else " "
    return f"{lead}{separator}{markdown}"


def list_item(marker: str, entry: str) -> str:
    """One list item: every line after the first indented under the marker, so an entry of
    several paragraphs or with a list of its own stays in its item."""
    first, _, rest = entry.strip("\n").partition("\n")
    if not rest:
        return marker + first
    return marker + first + "\n" + "\n".join(f"    {line}" if line.strip() else "" for line in rest.split("\n"))


def bullet_list(entries: list[str]) -> str:
    """A list of already-rendered entries. When one of them has several blocks, every item is
    a block of its own (a loose list), as Markdown would otherwise make some of them."""
    loose = any("\n\n" in entry.strip("\n") for entry in entries)
    return ("\n\n" if loose else "\n").join(list_item("- ", entry) for entry in entries)


def numbered_list(entries: list[str]) -> str:
    """A numbered list of already-rendered entries (see bullet_list)."""
    loose = any("\n\n" in entry.strip("\n") for entry in entries)
    return ("\n\n" if loose else "\n").join(
        list_item(f"{number}. ", entry) for number, entry in enumerate(entries, start=1))


def join_sentence(entries: list[str]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    if len(entries) <= 2:
        return " and ".join(entries)
    return ", ".join(entries[:-1]) + " and " + entries[-1]


def day(date: datetime.date) -> str:
    """`3 November 2026`."""
    return f"{date.day} {date:%B %Y}"
