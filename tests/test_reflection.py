"""Questions for reflection: a section of each area's page, and all of them on one page."""

from __future__ import annotations

from pathlib import Path

from handbook import schema
from handbook.areas import AREAS, REFLECTION_PAGE, REFLECTION_SECTION
from handbook.book import Handbook
from test_site import page, resolve, url_of


def _asking(sample: Handbook) -> list[tuple[str, str, list[str]]]:
    """(area id, its page, its questions) for each area of the sample that asks any."""
    return [(area.id, area.own_page, data.reflective_questions) for area in AREAS
            if isinstance(data := sample.areas.get(area.id), schema.AreaFile) and data.reflective_questions
            and area.page]


def test_each_area_ends_with_its_questions_in_a_section_of_the_table_of_contents(built_sample: Path,
                                                                                 sample: Handbook) -> None:
    asking = _asking(sample)
    assert len(asking) >= 8
    for _, source, questions in asking:
        soup = page(built_sample, source)
        heading = soup.select_one(f"article h2#{REFLECTION_SECTION}")
        assert heading is not None and heading.get_text(strip=True).startswith("Questions for reflection"), source
        assert soup.select_one(f"nav.md-nav--secondary a[href='#{REFLECTION_SECTION}']") is not None, source
        # nothing but the questions (and the link to them all) after the heading
        after = " ".join(el.get_text(" ", strip=True) for el in heading.find_all_next(["li", "h2", "h3"])
                         if el.find_parent("article") is not None)
        assert all(" ".join(q.split())[:40] in " ".join(after.split()) for q in questions), source
        assert not [h for h in heading.find_all_next(["h2", "h3"]) if h.find_parent("article") is not None], \
            f"{source}: a section or item after the questions"


def test_the_supervision_page_gathers_every_area_s_questions(built_sample: Path, sample: Handbook) -> None:
    gathered = page(built_sample, REFLECTION_PAGE)
    text = " ".join(gathered.select_one("article").get_text(" ").split())
    links = {resolve(REFLECTION_PAGE, a["href"]) for a in gathered.select("article a[href]")}
    for area_id, source, questions in _asking(sample):
        assert gathered.select_one(f"h2#reflection-{area_id}") is not None, area_id
        assert all(" ".join(q.split())[:40] in text for q in questions), area_id
        assert (url_of(source), REFLECTION_SECTION) in links, area_id
    supervision = page(built_sample, "supervision.md")
    assert (url_of(REFLECTION_PAGE), "") in {resolve("supervision.md", a["href"])
                                             for a in supervision.select("article a[href]")}
