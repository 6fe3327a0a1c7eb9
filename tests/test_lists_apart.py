"""Lists that run together (issue 17): two Markdown blocks joined with only a blank line between
them make one list when both are lists (a service's offers and its facts, the home page's areas
and its tips), and a list written on the same line as a lead-in is read as text.

The unit tests check the joins in text.py with the site's own Markdown parser; the site tests
read every page of the sample and of the second authority and fail when one list holds the
items of two different things."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup, Tag

from handbook.render.blocks import blocks, facts, labelled_list
from handbook.render.text import (
    LIST_BREAK,
    bullet_list,
    ends_in_list,
    join_blocks,
    lead_in,
    numbered_list,
    starts_list,
)

EXTENSIONS = ["attr_list", "md_in_html", "def_list", "admonition", "pymdownx.details", "pymdownx.superfences"]


def html(text: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(text, extensions=EXTENSIONS), "html.parser")


def list_sizes(text: str) -> list[int]:
    """How many items each top-level list of the Markdown has, in order."""
    soup = html(text)
    return [len(found.find_all("li", recursive=False)) for found in soup.find_all(["ul", "ol"])
            if found.find_parent(["ul", "ol"]) is None]


# --- the joins -------------------------------------------------------------------------------------


def test_a_list_after_a_list_stays_a_list_of_its_own() -> None:
    offers = bullet_list(["Stay and play", "Advice"])
    joined = blocks(offers, facts([("Ages", "0 to 19"), ("Run by", "A team")]))
    assert LIST_BREAK in joined
    assert list_sizes(joined) == [2, 2]


def test_numbered_and_bulleted_lists_stay_apart() -> None:
    assert list_sizes(blocks(numbered_list(["a", "b"]), bullet_list(["c"]))) == [2, 1]


def test_a_labelled_list_after_prose_ending_in_a_list() -> None:
    prose = "We offer:\n\n- one\n- two"
    assert list_sizes(blocks(prose, facts([("Ages", "5 to 18")]))) == [2, 1]
    # a label between them already keeps them apart: no comment is needed
    assert LIST_BREAK not in blocks(prose, labelled_list("What it offers", ["x"]))


def test_paragraphs_need_no_break() -> None:
    assert join_blocks(["A paragraph.", "- a list"]) == "A paragraph.\n\n- a list"
    assert join_blocks(["- a list", "A paragraph."]) == "- a list\n\nA paragraph."
    assert join_blocks(["", "- a", "", "B"]) == "- a\n\nB"


@pytest.mark.parametrize(("text", "starts", "ends"), [
    ("- a", True, True), ("1. a", True, True), ("12) a", True, True), ("Text", False, False),
    ("Text\n\n- a\n- b", False, True), ("- a\n    more", True, True), ("- a\n\n    more", True, True),
    ("- a\n\nText", True, False), ("**Label:** -1", False, False), ("-1 is a number", False, False),
])
def test_what_starts_and_ends_a_list(text: str, starts: bool, ends: bool) -> None:
    assert starts_list(text) is starts
    assert ends_in_list(text) is ends


def test_an_entry_of_several_paragraphs_stays_in_its_item() -> None:
    entries = ["First.\n\nStill the first.", "Second."]
    soup = html(bullet_list(entries))
    items = soup.find_all("li")
    assert [item.get_text(" ", strip=True) for item in items] == ["First. Still the first.", "Second."]
    assert all(item.find("p") for item in items)  # loose throughout, not one item loose and one tight


def test_an_entry_with_a_list_of_its_own_nests_it() -> None:
    soup = html(bullet_list(["Offers:\n\n- a\n- b", "Other"]))
    top = soup.find("ul")
    assert isinstance(top, Tag)
    assert len(top.find_all("li", recursive=False)) == 2
    assert len(top.find_all("li")) == 4


def test_a_lead_in_above_a_list() -> None:
    assert lead_in("**How to refer:**", "Call the front door.") == "**How to refer:** Call the front door."
    text = lead_in("**How to refer:**", "- Call\n- Email")
    soup = html(text)
    assert soup.find("p").get_text() == "How to refer:"  # type: ignore[union-attr]
    assert [li.get_text() for li in soup.find_all("li")] == ["Call", "Email"]
    assert lead_in("**Response:**", "> A quote").startswith("**Response:**\n\n")
    assert lead_in("Lead.", "") == "Lead."


def test_a_fact_whose_value_is_a_list() -> None:
    soup = html(facts([("Who we work with", "- families\n- carers"), ("Based at", "Hall")]))
    top = soup.find("ul")
    assert isinstance(top, Tag)
    assert len(top.find_all("li", recursive=False)) == 2


# --- every page of both authorities ---------------------------------------------------------------


def _is_fact(item: Tag) -> bool:
    """An item that starts with a bold label ending in a colon: `**Ages:** 0 to 19`."""
    first = next((child for child in item.children if isinstance(child, Tag) or str(child).strip()), None)
    if isinstance(first, Tag) and first.name == "p":
        first = next((child for child in first.children if isinstance(child, Tag) or str(child).strip()), None)
    return isinstance(first, Tag) and first.name == "strong" and first.get_text().rstrip().endswith(":")


def _is_loose(item: Tag) -> bool:
    return any(isinstance(child, Tag) and child.name == "p" for child in item.children)


def lists_run_together(page: Path) -> list[str]:
    """The lists on a page whose items belong to two different things: labelled facts beside
    plain entries, or (the mark of a blank line between two lists) some items paragraphs and
    some not."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    found = []
    for content in soup.select("article"):
        for listing in content.find_all(["ul", "ol"]):
            items = listing.find_all("li", recursive=False)
            kinds = {_is_fact(item) for item in items}
            looseness = {_is_loose(item) for item in items}
            if len(kinds) > 1 or len(looseness) > 1:
                found.append(" | ".join(" ".join(item.get_text(" ").split())[:50] for item in items))
    return found


def _check_site(site: Path) -> None:
    problems = {str(page.relative_to(site)): found for page in sorted(site.rglob("index.html"))
                if (found := lists_run_together(page))}
    assert not problems, "\n".join(f"{page}: {lists[:3]}" for page, lists in problems.items())


def test_the_detector_finds_a_merged_list(tmp_path: Path) -> None:
    merged = "- a\n- b\n\n- **Ages:** 0 to 19\n- **Run by:** x"
    page = tmp_path / "index.html"
    page.write_text(f"<article>{markdown.markdown(merged)}</article>", encoding="utf-8")
    assert lists_run_together(page)
    page.write_text(f"<article>{markdown.markdown('- a' + chr(10) + '- b' + chr(10) * 2 + '- c')}</article>",
                    encoding="utf-8")
    assert lists_run_together(page)  # the same kind of items, but two lists all the same
    page.write_text(f"<article>{markdown.markdown(blocks('- a', '- **Ages:** 1'))}</article>", encoding="utf-8")
    assert not lists_run_together(page)


def test_no_lists_run_together_in_the_sample(built_sample: Path) -> None:
    _check_site(built_sample)


def test_no_lists_run_together_in_the_second_authority(built_larger: Path) -> None:
    _check_site(built_larger)


def test_the_home_page_keeps_its_areas_apart_from_its_tips(built_larger: Path) -> None:
    soup = BeautifulSoup((built_larger / "index.html").read_text(encoding="utf-8"), "html.parser")
    heading = soup.find(id="finding-your-way")
    assert isinstance(heading, Tag)
    areas = heading.find_next("ul")
    assert isinstance(areas, Tag)
    assert all(item.find("a") for item in areas.find_all("li", recursive=False))
    assert "Coverage" in areas.find_all("li", recursive=False)[-1].get_text()
