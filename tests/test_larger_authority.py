"""A second test authority, as unlike the sample as the format allows (tests/fixtures/larger/).

Issue 16 asks for proof that the generator is generic: Kestermoor has 38 stages in 6 phases with
loops back, 6 levels of need in 4 domains, 9 service areas and 38 teams, long names, contacts for
every team and a reading path per role. The first tests read the data only; the others build the
site once for the module (strict, in a temporary folder) and read its HTML.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import FIXTURES, SAMPLE_DATA, copy_project, handbook_here
from handbook import schema
from handbook.book import Handbook
from handbook.validate import load_handbook

LARGER_DATA = FIXTURES / "larger" / "data"
# Ofcom's numbers for drama (11 digits each): the 1,000 after each of these prefixes.
DRAMA_PREFIXES = ("01134960", "01144960", "01154960", "01164960", "01174960", "01184960", "01214960",
                  "01314960", "01414960", "01514960", "01614960", "02079460", "07700900", "01632960")
PHONE = re.compile(r"(?<![\d+])0\d{2,4}[ ]?\d{3,4}[ ]?\d{3,4}(?!\d)|tel:\+44\d+")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@pytest.fixture(scope="module")
def larger() -> Handbook:
    return load_handbook(LARGER_DATA, base=LARGER_DATA.parent)


# --- the data -----------------------------------------------------------------------------------


def test_check_passes_with_no_errors_and_no_warnings(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", LARGER_DATA)
    run = handbook_here(project, "check")
    assert run.returncode == 0, run.output
    assert run.stdout.startswith("The handbook data is valid"), run.output
    assert not run.stderr, f"the larger authority should have no warnings either:\n{run.stderr}"


def test_it_has_every_data_file_the_sample_has() -> None:
    sample = {p.relative_to(SAMPLE_DATA).as_posix() for p in SAMPLE_DATA.rglob("*.yaml")}
    larger = {p.relative_to(LARGER_DATA).as_posix() for p in LARGER_DATA.rglob("*.yaml")}
    assert sample <= larger, f"missing from the larger authority: {sorted(sample - larger)}"
    for framework in (LARGER_DATA / "frameworks").glob("*.yaml"):  # national frameworks, unchanged
        original = SAMPLE_DATA / "frameworks" / framework.name
        assert framework.read_text(encoding="utf-8") == original.read_text(encoding="utf-8"), framework.name


def test_the_authority_is_as_large_and_as_different_as_issue_16_asks(larger: Handbook) -> None:
    journey = larger.area(schema.JourneyFile)
    stages = journey.in_order()
    assert len(stages) >= 25 and len(journey.phases) >= 5
    assert all(stage.phase for stage in stages)
    position = {stage.id: i for i, stage in enumerate(stages)}
    outcomes = [(stage, outcome) for stage in stages for decision in stage.decisions for outcome in decision.outcomes]
    loops_back = [(stage.id, o.to) for stage, o in outcomes if position[o.to] < position[stage.id]]
    assert len(loops_back) >= 10, loops_back
    assert {"up", "down"} <= {o.step for _, o in outcomes}
    assert sum(stage.type == "exit" for stage in stages) >= 4
    assert sum(len(d.outcomes) >= 3 for stage in stages for d in stage.decisions) >= 10
    assert sum(len(stage.name) >= 60 for stage in stages) >= 5
    assert len(larger.area(schema.ThresholdsFile).levels) == 6
    teams = larger.area(schema.TeamsFile)
    assert len(teams.service_areas) >= 7 and len(teams.teams) >= 26
    assert sum(len(team.name) >= 60 for team in teams.teams) >= 3
    assert all(team.led_by and team.contact and team.contact.duty_phone and team.contact.email
               for team in teams.teams)
    assert len(larger.area(schema.ServicesFile).services) >= 20
    glossary = {term.abbr for term in larger.area(schema.GlossaryFile).terms}
    assert len(glossary) >= 30
    assert {"ICPC", "RCPC", "CIN", "CP", "LAC", "CLA", "PLO", "LADO", "MASH", "IRO", "EHCP", "FGC"} <= glossary


def test_the_key_statutory_timescales_are_marked_statutory_with_the_right_amounts(larger: Handbook) -> None:
    timescales = {(t.amount, t.unit, t.type): t for stage in larger.area(schema.JourneyFile).stages
                  for t in stage.timescales if t.basis == "statutory"}
    for amount, unit, kind in ((1, "working days", "within"), (45, "working days", "within"),
                               (15, "working days", "within"), (3, "months", "within"),
                               (6, "months", "apart"), (20, "working days", "within"),
                               (1, "weeks", "within"), (6, "weeks", "apart"), (26, "weeks", "within")):
        assert (amount, unit, kind) in timescales, (amount, unit, kind)
    assert all(t.source for t in timescales.values())


def test_it_says_it_is_fictional_and_its_contacts_are_reserved_for_drama(larger: Handbook) -> None:
    assert larger.authority.fictional and "fictional" in (larger.authority.notice or "")
    text = "\n".join(p.read_text(encoding="utf-8") for p in LARGER_DATA.glob("*.yaml"))
    numbers = PHONE.findall(text)
    assert len(numbers) > 40
    for number in numbers:
        digits = re.sub(r"\D", "", number)
        digits = "0" + digits[2:] if number.startswith("tel:") else digits
        assert len(digits) == 11 and digits.startswith(DRAMA_PREFIXES), f"{number} is not a drama number"
    addresses = EMAIL.findall(text)
    assert addresses and all(a.endswith("@kestermoor.example") for a in addresses), addresses


# --- the built site -------------------------------------------------------------------------------


def page(site: Path, src: str) -> BeautifulSoup:
    """A built page, given its source in docs/ (journey.md, journey/contact.md)."""
    html = site / (src[: -len("index.md")] if src.endswith("index.md") else src[:-3] + "/") / "index.html"
    assert html.is_file(), f"{src} was not built"
    return BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")


def text_of(element: Tag, separator: str = "") -> str:
    """The element's text as a reader sees it, without the permalink sign."""
    return " ".join(element.get_text(separator).replace("¶", "").split())


def heading_named(soup: BeautifulSoup, name: str) -> Tag:
    found = [h for h in soup.select("article h2, article h3, article h4") if text_of(h) == name]
    assert len(found) == 1, f"expected one heading “{name}”, found {len(found)}"
    return found[0]


def section(heading: Tag) -> list[Tag]:
    """What follows a heading up to the next heading of its rank or higher."""
    rank, elements = int(heading.name[1]), []
    for sibling in heading.find_next_siblings():
        if re.fullmatch(r"h[1-6]", sibling.name or "") and int(sibling.name[1]) <= rank:
            break
        elements.append(sibling)
    return elements


def linked_id(link: Tag) -> str:
    """The item a link leads to: its page's last folder (stage/) or its anchor (#stage)."""
    href = link["href"]
    return href.partition("#")[2] if "#" in href else href.rstrip("/").rsplit("/", 1)[-1]


@pytest.mark.slow
def test_the_journey_page_lists_every_stage_under_its_phase(built_larger: Path, larger: Handbook) -> None:
    journey = larger.area(schema.JourneyFile)
    soup = page(built_larger, "journey.md")
    listed: list[str] = []
    for phase in journey.phases:
        items = [li for element in section(heading_named(soup, phase.name)) for li in element.select("li")]
        in_phase = [linked_id(li.find("a")) for li in items if li.find("a") is not None]
        assert in_phase == [s.id for s in journey.stages if s.phase == phase.id], phase.name
        listed += in_phase
    assert sorted(listed) == sorted(stage.id for stage in journey.stages)


@pytest.mark.slow
def test_every_stage_has_its_page_with_its_decisions(built_larger: Path, larger: Handbook) -> None:
    names = {stage.id: stage.name for stage in larger.area(schema.JourneyFile).stages}
    for stage in larger.area(schema.JourneyFile).stages:
        record = larger.index.items[stage.id]
        soup = page(built_larger, record.page)
        scope = soup.find(id=record.anchor) if record.anchor else soup.select_one("article h1")
        assert scope is not None and stage.name in text_of(scope)
        article = text_of(soup.select_one("article"))
        for outcome in (o for d in stage.decisions for o in d.outcomes):
            assert names[outcome.to] in article, (stage.id, outcome.to)


@pytest.mark.slow
def test_the_thresholds_page_shows_six_levels_in_order(built_larger: Path, larger: Handbook) -> None:
    levels = larger.area(schema.ThresholdsFile).levels
    soup = page(built_larger, "thresholds.md")
    for number, level in enumerate(levels, start=1):
        heading = soup.find(id=level.id)
        assert heading is not None and text_of(heading) == f"Level {number}: {level.name}"
    columns = soup.select("article table thead th[scope=col][class*=hb-level--]")
    assert [text_of(th, " ") for th in columns] == [f"Level {n} {level.name}" for n, level in enumerate(levels, 1)]


@pytest.mark.slow
def test_the_teams_page_has_every_team_in_its_service_area(built_larger: Path, larger: Handbook) -> None:
    teams = larger.area(schema.TeamsFile)
    soup = page(built_larger, "teams.md")
    for area in teams.service_areas:
        linked = {linked_id(a) for element in section(heading_named(soup, area.name))
                  for a in element.select("a[href]")}
        for team in (t for t in teams.teams if t.service_area == area.id):
            assert team.id in linked, f"{team.id} is not listed under {area.name}"
            assert soup.find(id=team.id) is not None and team.name in text_of(soup.find(id=team.id))
    for team in teams.teams:
        record = larger.index.items[team.id]
        team_page = page(built_larger, record.page)
        text = text_of(team_page.select_one("article"))
        assert team.name in text
        assert team.contact is not None and team.contact.duty_phone in text and team.contact.email in text


def test_the_larger_site_holds_nothing_of_the_samples_own(built_larger: Path) -> None:
    """The generator brings nothing of the sample authority into another's site: not its name,
    nor its buildings (issue 17: a site shows only what its authority chose)."""
    sample = load_handbook(SAMPLE_DATA, base=SAMPLE_DATA.parent)
    own = {sample.authority.name, sample.authority.short_name}
    own |= {team.base for team in sample.area(schema.TeamsFile).teams if team.base}
    own |= {team.contact.email for team in sample.area(schema.TeamsFile).teams if team.contact and team.contact.email}
    assert len(own) > 5
    for html in built_larger.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert not [words for words in own if words in text], html
