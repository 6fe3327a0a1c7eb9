"""Python-Markdown's abbreviation extension, with a tree pass that is linear in the glossary's size.

The extension's own pass finds abbreviations with one regular expression of every abbreviation
joined by `|`, tried at each place in each piece of text, and looks up each element's place among
its parent's children by searching the list: with 10,000 glossary terms a build took over a
minute, nearly all of it there. No library does this better for Python-Markdown, so this pass
finds the same matches (an abbreviation between two word boundaries, the longest at each place,
left to right) by looking up, at each word boundary, the text up to each later boundary an
abbreviation's length away: a dictionary look-up per boundary and length, whatever the glossary's
size. Definitions (`*[abbr]: meaning`) and the `glossary` setting work as they do in the original.

Use it in place of `abbr` in `markdown_extensions`: `handbook.abbreviations`.
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree import ElementTree

from markdown import Markdown
from markdown.extensions.abbr import AbbrExtension, AbbrTreeprocessor
from markdown.util import AtomicString

_BOUNDARY = re.compile(r"\b")


def find(text: str, abbrs: dict[str, str], lengths: list[int]) -> list[tuple[int, int]]:
    """(start, end) of each abbreviation in text, as `\\b(?:longest|...|shortest)\\b` finds them.

    lengths: the abbreviations' lengths, longest first.
    """
    boundaries = [match.start() for match in _BOUNDARY.finditer(text)]
    at_boundary = set(boundaries)
    found: list[tuple[int, int]] = []
    taken_to = 0
    for start in boundaries:
        if start < taken_to:
            continue
        for length in lengths:
            end = start + length
            if end in at_boundary and text[start:end] in abbrs:
                found.append((start, end))
                taken_to = end
                break
    return found


class Glossary(dict[str, str]):
    """The `glossary` setting: each abbreviation's meaning, and the language of those whose words
    are not in the page's language (`lang` in glossary.yaml), e.g. {"CDU": "cy"}: their <abbr>
    elements carry it (WCAG 3.1.2). A plain dictionary works too, with no languages."""

    def __init__(self, meanings: dict[str, str], languages: dict[str, str] | None = None):
        super().__init__(meanings)
        self.languages = dict(languages or {})


class LinearAbbrTreeprocessor(AbbrTreeprocessor):
    """Wraps each known abbreviation in text (not in code) in `<abbr title="meaning">`."""

    languages: dict[str, str] = {}  # noqa: RUF012 - replaced per instance by the extension, never changed

    def create_element(self, title: str, text: str, tail: str) -> ElementTree.Element:
        element = super().create_element(title, text, tail)
        if text in self.languages:
            element.set("lang", self.languages[text])
        return element

    def run(self, root: ElementTree.Element) -> None:
        self._abbrs = {key: title for key, title in self.abbrs.items() if title}
        if not self._abbrs:
            return
        self._lengths = sorted({len(key) for key in self._abbrs}, reverse=True)
        self._wrap(root)

    def _split(self, text: str) -> tuple[str, list[ElementTree.Element]]:
        """The text before the first abbreviation, and an <abbr> element (with its tail) for each."""
        matches = find(text, self._abbrs, self._lengths)
        if not matches:
            return text, []
        elements = []
        for number, (start, end) in enumerate(matches):
            following = matches[number + 1][0] if number + 1 < len(matches) else len(text)
            elements.append(self.create_element(self._abbrs[text[start:end]], text[start:end], text[end:following]))
        return text[:matches[0][0]], elements

    def _wrap(self, element: ElementTree.Element) -> None:
        # Children from last to first, so inserting after one leaves the places of those before it.
        for index in reversed(range(len(element))):
            child = element[index]
            self._wrap(child)
            if child.tail and not isinstance(child.tail, AtomicString):
                child.tail, after = self._split(child.tail)
                element[index + 1:index + 1] = after
        if element.text and not isinstance(element.text, AtomicString):
            element.text, inside = self._split(element.text)
            element[0:0] = inside


class LinearAbbrExtension(AbbrExtension):
    abbrs: dict[str, str]  # made by AbbrExtension.__init__ (its type stubs leave it out)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        super().extendMarkdown(md)
        processor = LinearAbbrTreeprocessor(md, self.abbrs)
        processor.languages = dict(getattr(self.getConfig("glossary"), "languages", {}))
        md.treeprocessors.register(processor, "abbr", 7)


def makeExtension(**kwargs: Any) -> LinearAbbrExtension:  # noqa: N802 - Python-Markdown's name
    return LinearAbbrExtension(**kwargs)
