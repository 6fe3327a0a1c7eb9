"""Turning data text into safe Markdown.

Free text in the data is Markdown, but it must never reach the page as raw HTML, never add
attributes through attr_list braces and never start a heading that breaks the page's outline.
Template syntax is never executed anyway (macro output is not rendered again); escaping the
braces also keeps it from being read as attr_list syntax. Code spans are left alone, because
Markdown already shows their content literally.
"""

from __future__ import annotations

import re
import textwrap

_CODE = re.compile(r"(```.*?```|`+[^`\n]*`+)", re.DOTALL)
_LINE_START_HASH = re.compile(r"^(\s{0,3})#", re.MULTILINE)
_LINE_START_ABBR = re.compile(r"^(\s{0,3})\*\[", re.MULTILINE)


def _escape_plain(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("{", "&#123;").replace("}", "&#125;")
    text = _LINE_START_HASH.sub(r"\1\\#", text)
    return _LINE_START_ABBR.sub(r"\1\\*[", text)


_RELATIVE_LINK = re.compile(r"\]\(\s*(?![a-zA-Z][a-zA-Z0-9+.-]*:|#|/)")


def prose(text: str | None, root: str = "") -> str:
    """Markdown from the data, made safe: HTML, braces and headings shown as text.

    Links in the data are written relative to the handbook's top folder (`journey.md`);
    `root` is the way back there from the page being rendered (e.g. `../`).
    """
    if not text:
        return ""
    parts = _CODE.split(text.strip())
    # odd positions are the code spans captured by the split
    def plain(part: str) -> str:
        escaped = _escape_plain(part)
        return _RELATIVE_LINK.sub("](" + root, escaped) if root else escaped

    safe = [part if i % 2 else plain(part) for i, part in enumerate(parts)]
    # `&gt;` would stop `> quote` lines working; restore a quote marker at the start of a line.
    return re.sub(r"^(\s{0,3})&gt;", r"\1>", "".join(safe), flags=re.MULTILINE)


def inline(text: str) -> str:
    """A short piece of data text (a name, a list entry) for use inside a line or table cell."""
    escaped = _escape_plain(" ".join(str(text).split()))
    for char in "\\`*_[]|":
        escaped = escaped.replace(char, "\\" + char)
    return escaped


def attribute(text: str) -> str:
    """Text for a quoted attr_list value (a title or aria-label): no quotes or braces inside."""
    cleaned = " ".join(str(text).split())
    return cleaned.replace('"', "\u201d").replace("{", "(").replace("}", ")")


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
