"""The one Markdown path for free text in the data: parsed once, checked and written out again.

Text fields accept the small part of Markdown a handbook needs: paragraphs, bullet and numbered
lists, quotes, **bold**, *italic*, [links](journey.md) and <https://...> addresses. The text is
parsed by Python-Markdown (the parser the site itself uses) with only those constructs switched
on; everything else it could mean (headings, HTML, tables, admonitions, definition lists,
abbreviation and link definitions, code, pictures) stays plain text in the parsed tree.

The tree is then written out as Markdown again in which every piece of text is escaped, so the
site's own parser, with all its extensions, can only find what this module wrote: the same
links `handbook check` looked at (`links_in`), and nothing else. Checking the parsed result
rather than the raw text is what makes a link nested in a list, a quote or a lazy line as
visible to the check as one at the start of a line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any
from xml.etree import ElementTree

import markdown
from markdown.util import Registry

# Python-Markdown's processors for everything the text format leaves out: indented code,
# headings, rules, link definitions, code spans, email addresses, hard line breaks, HTML and
# entities. Without them, what they would have matched stays text. (tests/test_prose.py checks
# what is left, so a new version of Python-Markdown with a new construct cannot slip in.)
DROPPED = {
    "preprocessors": ("html_block",),
    "blockprocessors": ("code", "hashheader", "setextheader", "hr", "reference"),
    "inlinePatterns": ("backtick", "reference", "image_reference", "short_reference", "short_image_ref",
                       "automail", "linebreak", "html", "entity"),
    "treeprocessors": ("prettify",),
}
_LIST_TAGS = ("ul", "ol")
_INLINE_TAGS = ("strong", "em", "a", "img", "br")


def restricted_parser() -> markdown.Markdown:
    md = markdown.Markdown()
    registries: dict[str, Registry[Any]] = {
                  "preprocessors": md.preprocessors, "blockprocessors": md.parser.blockprocessors,
                  "inlinePatterns": md.inlinePatterns, "treeprocessors": md.treeprocessors}
    for registry, names in DROPPED.items():
        for name in names:
            registries[registry].deregister(name)
    return md


@cache
def _parser() -> markdown.Markdown:
    """One parser, made once and reused (reset before each text): making one costs 1-2 ms."""
    return restricted_parser()


# Deeper than this, lists and quotes are refused: no handbook needs them, and Python-Markdown
# parses nesting by recursion (a few thousand levels exhaust Python's stack).
MAX_NESTING = 8


class ProseError(ValueError):
    """Text the format cannot hold (the check reports it with its file and line)."""


@lru_cache(maxsize=8192)  # the same text is checked, then written for its page and the print page
def parse(text: str) -> ElementTree.Element:
    """The text's tree: a <div> of <p>, <ul>/<ol>/<li>, <blockquote>, <strong>, <em>, <a>, <img>.

    Raises ProseError for lists or quotes nested more than MAX_NESTING deep.
    """
    md = _parser()
    md.reset()
    try:
        lines = _defuse_destinations(_defuse_brackets(text)).split("\n")
        for preprocessor in md.preprocessors:
            lines = preprocessor.run(lines)
        parsed = md.parser.parseDocument(lines).getroot()
        assert parsed is not None, "Python-Markdown always makes a root element"  # for the type checker
        root = parsed
        for treeprocessor in md.treeprocessors:
            replaced = treeprocessor.run(root)
            if replaced is not None:
                root = replaced
    except RecursionError:
        _parser.cache_clear()  # its state is left half-way through a list: the next text gets a new one
        raise ProseError(f"lists or quotes are nested more than {MAX_NESTING} deep") from None
    if _nesting(root) > MAX_NESTING:
        raise ProseError(f"lists or quotes are nested more than {MAX_NESTING} deep")
    return root


def _nesting(root: ElementTree.Element) -> int:
    deepest, stack = 0, [(root, 0)]
    while stack:
        element, depth = stack.pop()
        if element.tag in ("ul", "ol", "blockquote"):
            depth += 1
            deepest = max(deepest, depth)
        stack.extend((child, depth) for child in element)
    return deepest


def _defuse_brackets(text: str) -> str:
    """Escape each [ that cannot start a link: one never closed, or one inside two others.

    Python-Markdown looks for the ] that closes each [ by reading on from it, so text with
    thousands of unclosed brackets took minutes (20,000 took over a minute). A link's text
    holds at most one level of brackets itself; deeper ones, and unclosed ones, are only text.
    """
    if text.count("[") < 2:
        return text
    opened: list[int] = []
    defused: set[int] = set()
    escaped = False
    for position, char in enumerate(text):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            if len(opened) >= 2:
                defused.add(position)
            opened.append(position)
        elif char == "]" and opened:
            opened.pop()
    defused.update(opened)  # never closed
    if not defused:
        return text
    return "".join("\\[" if i in defused else char for i, char in enumerate(text))


# A link's address (and its title) is at most this long: no handbook link comes near it.
_MAX_DESTINATION = 2_000
_PARENS = re.compile(r"[()]")
_TITLED = re.compile(r"""\S*\s+(?:"[^"]*"|'[^']*')\s*""")


def _closing_parens(text: str) -> dict[int, int]:
    """For each ( in the text, where the ) that closes it is (brackets counted as Markdown does)."""
    closing: dict[int, int] = {}
    opened: list[int] = []
    for match in _PARENS.finditer(text):
        if match.group() == "(":
            opened.append(match.start())
        elif opened:
            closing[opened.pop()] = match.start()
    return closing


def _defuse_destinations(text: str) -> str:
    """Escape the ( after a ] when no address a link could have follows it.

    Python-Markdown reads on from each `](` to the end of the text looking for the ) that
    closes it, counting brackets and quotes: "[a](" 5,000 times took 14 s, and longer texts the
    square of that. An address here is at most _MAX_DESTINATION characters, its brackets balance,
    and quotes come only as a title at its end (`[a](page.md "Title")`); any other `](` is text.
    Each ( is matched with its ) once, in one pass over the text.
    """
    if "](" not in text:
        return text
    defused: list[int] = []
    closing = _closing_parens(text)
    at = text.find("](")
    while at != -1:
        opening = at + 1
        close = closing.get(opening, -1)
        inside = text[opening + 1:close] if close != -1 else ""
        if close == -1 or close - opening > _MAX_DESTINATION \
                or (("'" in inside or '"' in inside) and not _TITLED.fullmatch(inside)):
            defused.append(opening)
        at = text.find("](", opening + 1)
    if not defused:
        return text
    pieces, last = [], 0
    for position in defused:
        pieces.append(text[last:position])
        pieces.append("\\(")
        last = position + 1
    pieces.append(text[last:])
    return "".join(pieces)


@dataclass(frozen=True)
class Target:
    """Where a link (or a picture) in the text points."""

    address: str
    picture: bool


def needs_parsing(text: str) -> bool:
    """Whether the text holds anything but one plain paragraph (most of a handbook's text does not)."""
    return _MARKUP.search(text.strip()) is not None


def targets_in(text: str) -> list[Target]:
    """Every link and picture in the text, wherever it sits (lists, quotes, emphasis).

    Raises ProseError when the text cannot be held (see `parse`).
    """
    if "[" not in text and "<" not in text:  # every link, picture and address needs one of these
        return []
    found = []
    for element in parse(text).iter():
        if element.tag == "a":
            found.append(Target(element.get("href", ""), picture=False))
        elif element.tag == "img":
            found.append(Target(element.get("src", ""), picture=True))
    return found


# --- writing the tree out again ------------------------------------------------------------------

# HTML and attr_list characters become entities (their # escaped, so a heading's id does not
# take the entity's digits); Markdown's own characters get a backslash.
ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "{": "&\\#123;", "}": "&\\#125;",
                          **{char: "\\" + char for char in "\\`*_[]|!#"}})
# What a line may not start with, though Markdown's escapes do not cover it: a definition (:),
# a collapsible block (???), a fence (~~~), a list (-, + or 12.), a heading underline (=).
_BLOCK_START = re.compile(r"^(?:([:?~=])|([-+])|(\d+)([.)]))")
_SPACE = re.compile(r"\s+")


def escape(text: str) -> str:
    """Text that every Markdown extension the site uses reads as just that text, on one line."""
    return _SPACE.sub(" ", text).translate(ESCAPES)


def _guard_start(line: str) -> str:
    match = _BLOCK_START.match(line)
    if match is None:
        return line
    if match.group(1):
        return f"&#{ord(match.group(1))};{line[1:]}"
    if match.group(2):
        return "\\" + line
    return f"{match.group(3)}\\{match.group(4)}{line[match.end():]}"


LinkRewriter = Callable[[str], str]


class _Writer:
    def __init__(self, rewrite: LinkRewriter):
        self.rewrite = rewrite

    def blocks(self, parent: ElementTree.Element) -> list[str]:
        """Each block of `parent` as Markdown (blocks are separated by blank lines)."""
        out: list[str] = []
        run: list[ElementTree.Element] = []  # inline content directly in a list item
        text = (parent.text or "") if parent.tag == "li" else ""
        for child in parent:
            if child.tag in _INLINE_TAGS:
                run.append(child)
                continue
            if text.strip() or run:
                out.append(self.paragraph(text, run))
            text, run = "", []
            out.append(self.block(child))
            if parent.tag == "li" and child.tail and child.tail.strip():
                text = child.tail
        if text.strip() or run:
            out.append(self.paragraph(text, run))
        return [block for block in out if block]

    def block(self, element: ElementTree.Element) -> str:
        if element.tag == "p":
            return self.paragraph(element.text or "", list(element))
        if element.tag in _LIST_TAGS:
            return self.listing(element)
        if element.tag == "blockquote":
            inner = "\n\n".join(self.blocks(element))
            return "\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))
        return _guard_start(escape("".join(element.itertext())).strip())  # not produced by the parser

    def paragraph(self, text: str, children: list[ElementTree.Element]) -> str:
        line = (escape(text) + "".join(self.inline(child) + escape(child.tail or "") for child in children)).strip()
        return _guard_start(line)

    def inline(self, element: ElementTree.Element) -> str:
        inner = escape(element.text or "") + "".join(self.inline(c) + escape(c.tail or "") for c in element)
        if element.tag == "strong":
            return f"**{inner}**"
        if element.tag == "em":
            return f"*{inner}*"
        if element.tag == "a":
            title = element.get("title")
            title_part = f' "{_attribute(title)}"' if title else ""
            return f"[{inner}]({_address(self.rewrite(element.get('href', '')))}{title_part})"
        if element.tag == "img":  # refused by the check; shown as typed if it ever gets here
            return escape(f"![{element.get('alt', '')}]({element.get('src', '')})")
        return inner

    def listing(self, element: ElementTree.Element) -> str:
        items = [child for child in element if child.tag == "li"]
        loose = any(grandchild.tag == "p" for item in items for grandchild in item)
        marker = "- " if element.tag == "ul" else "1. "
        rendered = []
        for item in items:
            body = ("\n\n" if loose else "\n").join(self.blocks(item)) or "&#32;"
            first, _, rest = body.partition("\n")
            continued = "\n".join(f"    {line}" if line else "" for line in rest.split("\n")) if rest else ""
            rendered.append(marker + first + ("\n" + continued if continued else ""))
        return ("\n\n" if loose else "\n").join(rendered)


def _attribute(text: str) -> str:
    cleaned = " ".join(text.split())
    for char, replacement in (('"', "\u201d"), ("\\", "/"), ("{", "("), ("}", ")")):
        cleaned = cleaned.replace(char, replacement)
    return cleaned


_UNSAFE_IN_ADDRESS = re.compile(r"[\s()<>\\`{}\[\]\"'|^]")


def _address(address: str) -> str:
    """A link target that cannot end the Markdown link early (characters percent-encoded)."""
    return _UNSAFE_IN_ADDRESS.sub(lambda m: "".join(f"%{byte:02X}" for byte in m.group().encode()), address)


# Text that holds none of these characters, and starts no list or quote, is one plain paragraph:
# it is written out without parsing (most of a handbook's text; the result is the same).
_MARKUP = re.compile(r"[\n*_\[\]!\\<>`]|^(?:[-+>]|\d+[.)])")


def to_markdown(text: str, rewrite: LinkRewriter = lambda address: address) -> str:
    """The text as Markdown the site can only read one way (see the module's docstring).

    `rewrite` changes each link's address (links in the data are relative to the handbook's top
    folder; a page in a subfolder needs them rebased).
    """
    stripped = text.strip()
    if not stripped:
        return ""
    if not _MARKUP.search(stripped):
        return _guard_start(escape(stripped))
    try:
        root = parse(stripped)
    except ProseError:  # refused by the check; written as one plain paragraph if it gets here
        return _guard_start(escape(stripped))
    return "\n\n".join(_Writer(rewrite).blocks(root))
