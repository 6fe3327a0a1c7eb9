"""A stage led by one team, by several teams or by a whole service area (issue 17): `team`,
`teams` or `service_area`, exactly one of them, shown on the stage's page, on each team's page
and on the teams page. The second authority (tests/fixtures/larger) uses all three."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import LARGER_DATA, MINIMAL_DATA, copy_project, handbook_here
from handbook import schema
from handbook.validate import load_handbook
from test_site import page, section

LOCALITIES = ["family-help-wrenholt", "family-help-saltmere", "family-help-orrinford", "family-help-brindlestone"]
SHARED_STAGE = "family-help-assessment"  # teams: the four localities
AREA_STAGE = "targeted-family-help-plan"  # service_area: area-family-help


def fact(soup: BeautifulSoup | list[Tag], label: str) -> Tag | None:
    """The list item `**label:** ...` in the page's article (or in the given elements)."""
    roots = soup if isinstance(soup, list) else soup.select("article")
    for root in roots:
        for item in root.find_all("li"):
            strong = item.find("strong")
            if strong is not None and strong.get_text() == f"{label}:" and item.contents[0] == strong:
                return item
    return None


def hrefs(element: Tag | None) -> list[str]:
    assert element is not None
    return [a["href"] for a in element.find_all("a", href=True)]


# --- the data -------------------------------------------------------------------------------------


def test_the_second_authority_uses_every_way() -> None:
    journey = load_handbook(LARGER_DATA, base=LARGER_DATA.parent).area(schema.JourneyFile)
    stages = {stage.id: stage for stage in journey.stages}
    assert stages[SHARED_STAGE].teams == LOCALITIES and stages[SHARED_STAGE].team is None
    assert stages[SHARED_STAGE].responsible_teams() == LOCALITIES
    assert stages[AREA_STAGE].service_area == "area-family-help" and stages[AREA_STAGE].responsible_teams() == []
    assert stages["contact-and-referral"].responsible_teams() == ["integrated-front-door"]


@pytest.fixture
def journey(tmp_path: Path) -> tuple[Path, str]:
    project = copy_project(tmp_path / "project", MINIMAL_DATA)
    path = project / "data" / "journey.yaml"
    return project, path.read_text(encoding="utf-8")


def _check(project: Path, text: str) -> str:
    (project / "data" / "journey.yaml").write_text(text, encoding="utf-8")
    return handbook_here(project, "check").output


def test_several_teams_and_a_service_area_are_valid(journey: tuple[Path, str]) -> None:
    project, text = journey
    assert "The handbook data is valid" in _check(project, text.replace(
        "    team: front-door\n", "    teams: [front-door, family-team]\n", 1))
    assert "The handbook data is valid" in _check(project, text.replace(
        "    team: front-door\n", "    service_area: social-care\n", 1))


def test_a_stage_led_by_nobody(journey: tuple[Path, str]) -> None:
    project, text = journey
    output = _check(project, text.replace("    team: front-door\n", "", 1))
    assert "Who leads the stage “Contact and referral” is said nowhere" in output
    assert "Add `team: <team id>` under `type:`, or `teams:` or `service_area:`." in output


def test_a_stage_led_three_ways(journey: tuple[Path, str]) -> None:
    project, text = journey
    output = _check(project, text.replace(
        "    team: front-door\n", "    team: front-door\n    teams: [family-team]\n    service_area: social-care\n", 1))
    assert "`team` and `teams` and `service_area` together" in output


def test_a_team_named_twice(journey: tuple[Path, str]) -> None:
    project, text = journey
    output = _check(project, text.replace("    team: front-door\n", "    teams: [front-door, front-door]\n", 1))
    assert "The team `front-door` is named twice in the teams of “Contact and referral”" in output


def test_a_service_area_that_does_not_exist(journey: tuple[Path, str]) -> None:
    project, text = journey
    output = _check(project, text.replace("    team: front-door\n", "    service_area: front-door\n", 1))
    assert "front-door" in output and "service area" in output
    assert "The handbook data is valid" not in output


# --- the pages ------------------------------------------------------------------------------------


def test_a_stage_shared_by_several_teams(built_larger: Path) -> None:
    soup = page(built_larger, f"journey/{SHARED_STAGE}.md")
    assert fact(soup, "Responsible team") is None
    assert hrefs(fact(soup, "Responsible teams")) == [f"../../teams/{team}/" for team in LOCALITIES]
    for team in LOCALITIES:
        work = section(page(built_larger, f"teams/{team}.md"), "work")
        assert f"../../journey/{SHARED_STAGE}/" in hrefs(fact(work, "Responsible for")), team
        supports = fact(work, "Supports")
        assert supports is None or f"../../journey/{SHARED_STAGE}/" not in hrefs(supports), team


def test_a_stage_led_by_a_service_area(built_larger: Path) -> None:
    larger = load_handbook(LARGER_DATA, base=LARGER_DATA.parent)
    members = [t.id for t in larger.area(schema.TeamsFile).teams if t.service_area == "area-family-help"]
    soup = page(built_larger, f"journey/{AREA_STAGE}.md")
    assert fact(soup, "Responsible team") is None and fact(soup, "Responsible teams") is None
    assert hrefs(fact(soup, "Responsible service area")) == ["../../teams/#area-family-help"]
    assert hrefs(fact(soup, "Its teams")) == [f"../../teams/{team}/" for team in members]
    assert hrefs(fact(soup, "Supporting teams")) == ["../../teams/domestic-abuse-family-safety/"]
    for team in members:
        work = section(page(built_larger, f"teams/{team}.md"), "work")
        shared = fact(work, "Responsible for, with the other teams of its service area")
        assert f"../../journey/{AREA_STAGE}/" in hrefs(shared), team
    teams_page = page(built_larger, "teams.md")
    area = section(teams_page, "area-family-help")
    assert f"journey/{AREA_STAGE}/" in [h.removeprefix("../") for h in hrefs(fact(area, "Responsible for"))]


def test_a_team_of_another_area_does_not_share_the_area_stage(built_larger: Path) -> None:
    work = section(page(built_larger, "teams/integrated-front-door.md"), "work")
    assert fact(work, "Responsible for, with the other teams of its service area") is None
    assert "../../journey/contact-and-referral/" in hrefs(fact(work, "Responsible for"))
