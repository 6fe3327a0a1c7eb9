"""Checks on the Markdown inside text fields: links that are safe and lead somewhere, no pictures.

A broken link in the data would otherwise pass `handbook check` and only fail the strict build,
with an MkDocs message about a page in docs/ rather than the data file and line the PSW edited.
Every page and anchor the site will have is known here (areas, their sections and items,
frameworks, coverage, and the pages in docs/), so a wrong one is reported with a suggestion.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel

from . import schema
from .areas import (
    AREAS,
    AREAS_BY_ID,
    COVERAGE_PAGE,
    COVERAGE_SECTIONS,
    FRAMEWORKS_INDEX_PAGE,
    ITEM_PAGE_SECTIONS,
    Area,
    framework_page,
)
from .errors import Problem, did_you_mean
from .explain import describe_loc
from .index import Index
from .loader import LoadedFile, Loc
from .prose import MAX_NESTING, ProseError, needs_parsing, targets_in
from .walk import prose_fields

# Links may go to another page of the handbook, a secure web page, an email address or a phone.
SAFE_SCHEMES = ("https", "mailto", "tel")
# `[name]: address` defines a reference-style link, which prose does not support: it would show as
# typed, and the PSW meant a link. (Bounded: a name is at most 200 characters.)
LINK_DEFINITION = re.compile(r"\[([^\]\n]{1,200})\]:[ \t]*(\S*)")
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")

Pages = dict[str, set[str] | None]  # page -> its anchors (None: a docs page whose anchors are unknown)


def known_pages(index: Index, frameworks: Iterable[str], docs_dir: Path | None,
                glossary: schema.GlossaryFile | None = None) -> Pages:
    pages: Pages = {}
    for area in AREAS:
        if area.page:
            pages[area.page] = set(area.sections)
    if glossary is not None:  # each term is a section of the glossary page
        terms = pages[AREAS_BY_ID["glossary"].own_page]
        if terms is not None:
            terms |= {schema.term_anchor(term.abbr) for term in glossary.terms}
    for record in index.items.values():
        if record.area.page:
            # every item keeps an anchor on its area's page, those with a page of their own too
            pages.setdefault(record.area.page, set()).add(record.id)  # type: ignore[union-attr]
        if record.own_page:
            pages[record.page] = set(ITEM_PAGE_SECTIONS.get(record.kind, ()))
    framework_ids = list(frameworks)
    for framework_id in framework_ids:
        pages[framework_page(framework_id)] = set()
    for statement in index.statements.values():
        pages[statement.page].add(statement.anchor)  # type: ignore[union-attr]
    pages[FRAMEWORKS_INDEX_PAGE] = set()
    pages[COVERAGE_PAGE] = set(COVERAGE_SECTIONS) | {f"coverage-{f}" for f in framework_ids}
    if docs_dir is not None and docs_dir.is_dir():
        for path in sorted(docs_dir.rglob("*.md")):
            pages.setdefault(path.relative_to(docs_dir).as_posix(), None)
    return pages


def check_text(area: Area, walked: list[tuple[BaseModel, Loc]], loaded: LoadedFile,
               pages: Pages | None) -> Iterable[Problem]:
    """Problems with the links and pictures in the text; `pages` None checks only their safety.

    The text is parsed as the site will show it (handbook.prose), so a link is found wherever
    it sits: in a list, a quote or a line that continues another.
    """
    for obj, loc in walked:
        for text, text_loc in prose_fields(obj, loc):
            if needs_parsing(text):  # one plain paragraph (most text) holds no link and no list
                yield from _check_one(text, text_loc, area, loaded, pages)


def _problem(loaded: LoadedFile, loc: Loc, title: str, found: str = "", expected: str = "", fix: str = "") -> Problem:
    return Problem(file=loaded.path, line=loaded.line_of(loc), where=describe_loc(loaded.data, loc),
                   title=title, found=found, expected=expected, fix=fix)


def _check_one(text: str, loc: Loc, area: Area, loaded: LoadedFile, pages: Pages | None) -> Iterable[Problem]:
    try:
        targets = targets_in(text)
    except ProseError as error:
        yield _problem(loaded, loc, "The text is nested too deeply", found=f"text in which {error}",
                       expected=f"lists and quotes at most {MAX_NESTING} levels deep",
                       fix="Make the inner lists plain sentences, or split the text into several entries.")
        return
    if "]:" in text:
        for definition in LINK_DEFINITION.finditer(text):
            name, address = definition.groups()
            yield _problem(loaded, loc, "A link is written in a form the handbook does not use",
                           found=f"a link definition “[{name}]: {address}”",
                           expected="links written where they are used, as [text](address)",
                           fix=f"Write the link in the sentence instead, e.g. [{name}](address), and delete "
                           "the definition line.")
    for target in targets:
        if target.picture:
            yield _problem(loaded, loc, "Pictures cannot be put in the text",
                           found="Markdown for a picture: ![...](...)",
                           expected="text, lists and links only",
                           fix="Remove the picture, or link to it instead: [description](address). "
                           "(A picture from another website would be fetched every time the page is read.)")
            continue
        problem = _link_problem(target.address, area, pages)
        if problem:
            found, expected, fix = problem
            yield _problem(loaded, loc, "A link in the text does not work", found=found, expected=expected, fix=fix)


def _link_problem(target: str, area: Area, pages: Pages | None) -> tuple[str, str, str] | None:
    """(found, expected, fix) when a link is unsafe or leads nowhere; None when it is fine."""
    expected = ("a web address starting with https://, an email (mailto:) or phone (tel:) link, or another "
                "page of the handbook such as journey.md or journey.md#contact")
    if not target:
        return "a link with no address", expected, "Put the address between the brackets: [text](address)."
    scheme = SCHEME.match(target)
    if scheme:
        if scheme.group(1).lower() in SAFE_SCHEMES:
            return None
        if scheme.group(1).lower() == "http":
            return (f"a link to “{target}”, which is not a secure (https://) address", expected,
                    f"Write it as https:{target[len(scheme.group(0)):]} if the site has a secure address.")
        return (f"a link to “{target}”, which is not a web, email or phone address", expected,
                "Use the full web address of the page you mean.")
    if target.startswith("//"):
        return (f"a link to “{target}”, with no https: at the start", expected, f"Write it as https:{target}.")
    if pages is None:
        return None
    page, _, anchor = target.partition("#")
    here = area.page or ""
    if not page:
        page = here
    elif page.startswith("/"):
        suggestion = page.lstrip("/")
        return (f"a link to “{target}”, which starts with /", expected,
                f"Link to pages by their file name, without the /: {suggestion}"
                + (f"#{anchor}" if anchor else "") + ".")
    else:
        page = posixpath.normpath(page)
    if page not in pages:
        candidates = list(pages)
        guess = did_you_mean(page if page.endswith(".md") else page.rstrip("/") + ".md", candidates)
        return (f"a link to “{target}”, but there is no page {page}", expected,
                f"Did you mean {guess}?" if guess else "Link to one of the handbook's pages, such as journey.md.")
    anchors = pages[page]
    if anchor and anchors is not None and anchor not in anchors:
        guess = did_you_mean(anchor, sorted(anchors))
        return (f"a link to “{target}”, but {page} has no section or item with the id {anchor}", expected,
                f"Did you mean {page}#{guess}?" if guess else f"Use the id of an item on {page}.")
    return None
