"""A page per stage and per team: each exists, links both ways, keeps its old anchor on its area's
page, sits in the navigation in its group, and is in order on the whole-handbook page."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from handbook import schema
from handbook.book import Handbook
from handbook.site import Build, _nest_under, item_title
from test_site import page, section


def _hrefs(elements: Any) -> set[str]:
    return {a["href"] for element in elements for a in element.select("a[href]")}


def test_every_stage_and_team_has_a_page_titled_with_its_name(built_sample: Path, sample: Handbook) -> None:
    items = [*sample.area(schema.JourneyFile).stages, *sample.area(schema.TeamsFile).teams]
    for item in items:
        record = sample.index.items[item.id]
        soup = page(built_sample, record.page)
        title = item_title(sample, item.id)  # with the abbreviations the glossary gives it
        assert title.startswith(item.name)
        assert soup.select_one("article h1").get_text().removesuffix("¶") == title, record.page
        assert soup.title.get_text().startswith(title), record.page


def test_a_stage_links_to_its_team_and_the_team_page_links_back(built_sample: Path, sample: Handbook) -> None:
    for stage in sample.area(schema.JourneyFile).stages:
        stage_page = page(built_sample, f"journey/{stage.id}.md")
        assert f"../../teams/{stage.team}/" in _hrefs(stage_page.select("article")), stage.id
        team_page = page(built_sample, f"teams/{stage.team}.md")
        assert f"../../journey/{stage.id}/" in _hrefs(section(team_page, "work")), (stage.team, stage.id)


def test_a_stage_page_says_where_cases_come_from_and_go_to(built_sample: Path, sample: Handbook) -> None:
    stages = sample.area(schema.JourneyFile).stages
    for stage in stages:
        soup = page(built_sample, f"journey/{stage.id}.md")
        sources = [s for s in stages if any(o.to == stage.id for d in s.decisions for o in d.outcomes)]
        if sources:
            arrivals = _hrefs(section(soup, "comes-from"))
            assert {f"../{s.id}/" for s in sources} <= arrivals, stage.id
        else:
            assert "A case starts here" in " ".join(e.get_text() for e in section(soup, "comes-from")), stage.id
        destinations = {o.to for d in stage.decisions for o in d.outcomes}
        if destinations:
            assert {f"../{t}/" for t in destinations} <= _hrefs(section(soup, "decisions")), stage.id


def test_a_stage_page_gives_its_place_along_the_journey(built_sample: Path, sample: Handbook) -> None:
    order = sample.area(schema.JourneyFile).in_order()
    for number, stage in enumerate(order, start=1):
        where = section(page(built_sample, f"journey/{stage.id}.md"), "where-it-fits")
        text = " ".join(e.get_text(" ") for e in where)
        assert f"Stage {number} of {len(order)}" in text, stage.id
        links = _hrefs(where)
        if number > 1:
            assert f"../{order[number - 2].id}/" in links, stage.id
        if number < len(order):
            assert f"../{order[number].id}/" in links, stage.id


def test_old_anchors_on_the_area_pages_lead_to_the_new_pages(built_sample: Path, sample: Handbook) -> None:
    for area_page, items in (("journey.md", sample.area(schema.JourneyFile).stages),
                             ("teams.md", sample.area(schema.TeamsFile).teams)):
        soup = page(built_sample, area_page)
        assert soup.select_one('script[src$="moved.js"]'), area_page
        for item in items:
            anchor = soup.find(id=item.id)
            assert anchor is not None and anchor.name == "a" and "hb-moved" in anchor["class"], (area_page, item.id)
            assert anchor["href"] == f"{item.id}/", (area_page, item.id)


def test_the_navigation_groups_stages_by_phase_and_teams_by_service_area(built_sample: Path,
                                                                          sample: Handbook) -> None:
    soup = page(built_sample, "index.md")
    nav = soup.select_one("nav.md-nav--primary")
    labels = [label.get_text(" ", strip=True) for label in nav.select("label.md-nav__link")]
    for phase in sample.area(schema.JourneyFile).phases:
        assert phase.name in labels
    for area in sample.area(schema.TeamsFile).service_areas:
        assert area.name in labels
    links = [a["href"] for a in nav.select("a.md-nav__link[href]")]
    stage_links = [href for href in links if re.fullmatch(r"journey/[a-z0-9-]+/", href)]
    assert stage_links == [f"journey/{s.id}/" for s in sample.area(schema.JourneyFile).in_order()]


def test_the_whole_handbook_page_has_every_stage_and_team_in_order(built_sample: Path, sample: Handbook) -> None:
    soup = page(built_sample, "print.md")
    ids = [element["id"] for element in soup.select("article [id]")]
    stages = [s.id for s in sample.area(schema.JourneyFile).in_order()]
    assert [i for i in ids if i in stages] == stages
    teams = [t.id for t in sample.area(schema.TeamsFile).teams]
    assert sorted(i for i in ids if i in teams) == sorted(teams)
    for stage in stages:  # the stage's details are there, not just a link
        assert soup.find(id=stage).name == "h3", stage
    assert not soup.select(".hb-moved")


def test_a_team_page_gives_its_contact_details_as_links(built_sample: Path, sample: Handbook) -> None:
    with_contact = [t for t in sample.area(schema.TeamsFile).teams if t.contact]
    assert with_contact
    for team in with_contact:
        contact = section(page(built_sample, f"teams/{team.id}.md"), "contact")
        hrefs = _hrefs(contact)
        if team.contact.duty_phone:
            assert f"tel:{team.contact.duty_phone.replace(' ', '')}" in hrefs
        if team.contact.email:
            assert f"mailto:{team.contact.email}" in hrefs


@pytest.mark.parametrize("nav", [
    [{"Practice": ["journey.md", "thresholds.md"]}],
    [{"Practice": [{"The journey": "journey.md"}]}],
])
def test_item_pages_are_nested_under_their_area_page_however_the_nav_names_it(nav: list[Any]) -> None:
    children = [{"A stage": "journey/a.md"}]
    assert _nest_under(nav, "journey.md", "The child's journey", children)
    section_entry = nav[0]["Practice"][0]
    (title, entries), = section_entry.items()
    assert title in ("The child's journey", "The journey")
    assert entries[1:] == children
    assert entries[0] in ("journey.md", {"The journey": "journey.md"})


def test_an_abbreviation_from_the_glossary_is_in_the_stage_title_once(sample: Handbook) -> None:
    assert item_title(sample, "section-47-enquiry") == "Section 47 enquiry (S47)"
    # the name already says it: not added again
    assert item_title(sample, "initial-child-protection-conference") == "Initial child protection conference (ICPC)"
    assert item_title(sample, "closure") == "Closure"


def test_generated_pages_include_one_per_stage_and_team(sample: Handbook) -> None:
    build = Build(Path(), sample)
    pages = build.pages()
    for stage in sample.area(schema.JourneyFile).stages:
        assert f'{{{{ item_page("{stage.id}") }}}}' in pages[f"journey/{stage.id}.md"]
    for team in sample.area(schema.TeamsFile).teams:
        assert pages[f"teams/{team.id}.md"].startswith("# ")


def test_old_anchor_in_a_browser_goes_on_to_the_stage_page(page: Any, sample_server: str) -> None:
    page.goto(f"{sample_server}/journey/#section-47-enquiry")
    page.wait_for_url(re.compile(r"/journey/section-47-enquiry/$"))
    assert page.locator("article h1").inner_text().startswith("Section 47")
    page.goto(f"{sample_server}/teams/")
    page.locator("#organisation-chart-diagram a[href='#front-door']").first.click()
    page.wait_for_url(re.compile(r"/teams/front-door/$"))


def test_old_anchor_without_scripts_lands_on_the_link_to_the_page(browser: Any, sample_server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.goto(f"{sample_server}/journey/#section-47-enquiry")
        link = tab.locator("#section-47-enquiry")
        assert link.is_visible()
        assert link.get_attribute("href") == "section-47-enquiry/"
    finally:
        context.close()


def test_every_item_is_where_the_index_says(built_sample: Path, sample: Handbook) -> None:
    """A link to any item (from the glossary's `see`, a reading step, the text) arrives: its page
    is built and holds its anchor."""
    pages: dict[str, Any] = {}
    for record in sample.index.items.values():
        if record.page not in pages:
            pages[record.page] = page(built_sample, record.page)
        if record.anchor is not None:
            assert pages[record.page].find(id=record.anchor) is not None, (record.kind, record.id, record.page)
        if record.own_page:  # and its old anchor on its area's page
            area_page = pages.setdefault(record.area.own_page, page(built_sample, record.area.own_page))
            assert area_page.find(id=record.id) is not None, (record.kind, record.id)
