"""Turning data text into safe Markdown.

Free text in the data is Markdown, but only the small part of it a handbook needs: paragraphs,
lists, **bold**, *italic*, quotes and [links](page.md). Everything else is shown as typed:
HTML, attr_list braces (which could add attributes), headings (which would break the page's
outline), code spans (whose edges Markdown and a simple escaper cannot be trusted to agree on),
images (which would make the reader's browser fetch from another server) and reference-style
link definitions (which would slip past the link check). Template syntax is never executed
anyway, because macro output is not rendered again; escaping braces keeps it inert twice over.
"""

from __future__ import annotations

import datetime
import re
import textwrap
from functools import lru_cache

# A line's list and quote markers, which may come before a heading marker or a link definition.
_MARKERS = r"^((?:\s*(?:[-*+]|\d{1,9}[.)]|>)\s+)*\s{0,3})"
_HEADING = re.compile(_MARKERS + r"#", re.MULTILINE)
_SETEXT_UNDERLINE = re.compile(r"^(\s{0,3})(=+|-+)\s*$", re.MULTILINE)
_LINK_DEFINITION = re.compile(_MARKERS + r"\[([^\]\n]*)\]:", re.MULTILINE)
_ABBREVIATION = re.compile(_MARKERS + r"\*\[", re.MULTILINE)
_RELATIVE_LINK = re.compile(r"\]\(\s*(?![a-zA-Z][a-zA-Z0-9+.-]*:|#|/)")


_QUOTE_MARKERS = re.compile(r"^(\s{0,3})((?:&gt;\s?)+)", re.MULTILINE)


def _escape_plain(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("{", "&#123;").replace("}", "&#125;").replace("`", "&#96;")
    text = text.replace("![", "!\\[")
    # `> quote` lines stay quotes; the checks below then see the markers for what they are.
    text = _QUOTE_MARKERS.sub(lambda m: m.group(1) + m.group(2).replace("&gt;", ">"), text)
    text = _HEADING.sub(r"\1\\#", text)
    # An underline of = or - would turn the line above into a heading; an entity cannot.
    text = _SETEXT_UNDERLINE.sub(lambda m: m.group(1) + ("&#61;" if m.group(2)[0] == "=" else "&#45;")
                                 + m.group(2)[1:], text)
    text = _LINK_DEFINITION.sub(r"\1\\[\2]:", text)
    return _ABBREVIATION.sub(r"\1\\*[", text)


def prose(text: str | None, root: str = "") -> str:
    """Markdown from the data, made safe (see the module's docstring).

    Links in the data are written relative to the handbook's top folder (`journey.md`);
    `root` is the way back there from the page being rendered (e.g. `../`).
    """
    if not text:
        return ""
    escaped = _escape_plain(text.strip())
    return _RELATIVE_LINK.sub("](" + root, escaped) if root else escaped


# HTML and attr_list characters become entities (their # escaped too); Markdown's own get a backslash.
_INLINE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "{": "&\\#123;", "}": "&\\#125;",
                         **{char: "\\" + char for char in "\\`*_[]|!#"}})


@lru_cache(maxsize=65536)  # the same names are written again for every link to them
def inline(text: str) -> str:
    """A short piece of data text (a name, a list entry) for use inside a line or table cell."""
    return " ".join(str(text).split()).translate(_INLINE)


def attribute(text: str) -> str:
    """Text for a Markdown link title: one line, and no characters that could end or nest it."""
    cleaned = " ".join(str(text).split())
    for char, replacement in (('"', "\u201d"), ("\\", "/"), ("{", "("), ("}", ")")):
        cleaned = cleaned.replace(char, replacement)
    return cleaned


def indent(text: str, spaces: int = 4) -> str:
    """Indent a block for admonitions and list continuations."""
    return textwrap.indent(text, " " * spaces, lambda line: True)


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
