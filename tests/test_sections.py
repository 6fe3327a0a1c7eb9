"""Every anchor the renderers write is an item, a statement, or a section listed in areas.py,
and no page of the built site has two elements with the same id."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import SAMPLE_DATA
from handbook import schema
from handbook.areas import AREAS, ITEM_PAGE_SECTIONS
from handbook.render.context import Context
from handbook.render.home import render_home
from handbook.render.pages import AREA_RENDERERS, ITEM_PAGES
from handbook.validate import load_handbook

ANCHOR = re.compile(r'\{ #([a-z0-9-]+) \}|\bid="([a-z0-9-]+)"')
DIAGRAM_PARTS = re.compile(r"-(title|desc|arrow)$")


def test_rendered_anchors_are_items_or_listed_sections() -> None:
    handbook = load_handbook(SAMPLE_DATA, base=SAMPLE_DATA.parent)
    for area in AREAS:
        if not area.page:
            continue
        renderer = render_home if area.id == "authority" else AREA_RENDERERS[area.id]
        markdown = renderer(Context(handbook, area.page))
        anchors = {a or b for a, b in ANCHOR.findall(markdown)}
        items = {r.id for r in handbook.index.items.values() if r.area.page == area.page}
        if area.id == "glossary":  # a section per term
            items |= {schema.term_anchor(t.abbr) for t in handbook.area(schema.GlossaryFile).terms}
        unexplained = {a for a in anchors - items - set(area.sections) if not DIAGRAM_PARTS.search(a)}
        assert not unexplained, f"{area.page}: add {sorted(unexplained)} to the area's sections in areas.py"
        unused = set(area.sections) - anchors
        assert not unused, f"{area.page}: {sorted(unused)} are listed as sections but not rendered"


def test_item_pages_write_exactly_their_listed_sections() -> None:
    handbook = load_handbook(SAMPLE_DATA, base=SAMPLE_DATA.parent)
    for kind, pages in ITEM_PAGES.items():
        for record in handbook.index.of_kind(kind):
            markdown = pages.render_page(Context(handbook, record.page), record.obj, 2)
            # every page has every section (links to them are checked against this list), and no other
            assert [a or b for a, b in ANCHOR.findall(markdown)] == list(ITEM_PAGE_SECTIONS[kind]), record.id


def test_no_page_has_two_elements_with_the_same_id(built_sample: Path) -> None:
    for html in built_sample.rglob("*.html"):
        ids = Counter(tag["id"] for tag in BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
                      .find_all(id=True))
        assert not [i for i, n in ids.items() if n > 1], (html, [i for i, n in ids.items() if n > 1])
