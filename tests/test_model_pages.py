"""Journey, teams, thresholds and services pages: derived cross-links and data-driven tables."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import copy_project, handbook
from handbook import schema
from handbook.book import Handbook
from handbook.render.colour import contrast, text_colour_on
from test_site import page, section


def test_a_level_lists_the_services_that_serve_it(built_sample: Path, sample: Handbook) -> None:
    soup = page(built_sample, "thresholds.md")
    for level in sample.area(schema.ThresholdsFile).levels:
        hrefs = {a["href"] for e in section(soup, level.id) for a in e.select("a[href]")}
        for service in sample.area(schema.ServicesFile).services:
            if level.id in service.levels:
                assert f"../services/#{service.id}" in hrefs, (level.id, service.id)


def test_the_continuum_has_a_column_per_level_in_its_colours(built_sample: Path, sample: Handbook) -> None:
    table = page(built_sample, "thresholds.md").select_one(".hb-continuum table")
    headers = table.select("thead th[scope=col]")[1:]
    levels = sample.area(schema.ThresholdsFile).levels
    assert [h.get_text(" ").split(" ", 2)[2] for h in headers] == [level.name for level in levels]
    styles = (built_sample / "stylesheets" / "levels.css").read_text()
    for header, level in zip(headers, levels, strict=False):
        assert f"hb-level--{level.id}" in header["class"]
        rule = re.search(rf"\.hb-level--{level.id} \{{ "
                         rf"background-color: (#[0-9a-f]{{6}}); color: (#[0-9a-f]{{6}}); \}}",
                         styles)
        assert rule and rule.group(1) == level.colour
        assert contrast(rule.group(1), rule.group(2)) >= 4.5
    row_labels = [th.get_text() for th in table.select("tbody th[scope=row]")]
    for domain in sample.area(schema.ThresholdsFile).domains:
        assert domain.name in row_labels


def test_text_on_any_level_colour_meets_aa() -> None:
    for colour in ("#000000", "#ffffff", "#777777", "#ff0000", "#00ff00", "#0000ff", "#1d70b8", "#ffdd00"):
        assert contrast(colour, text_colour_on(colour)) >= 4.5, colour


def test_team_page_shows_where_it_sits_and_what_it_runs(built_sample: Path, sample: Handbook) -> None:
    teams = sample.area(schema.TeamsFile)
    for team in teams.teams:
        soup = page(built_sample, f"teams/{team.id}.md")
        text = " ".join(soup.select_one("article").get_text().split())
        area = next(a for a in teams.service_areas if a.id == team.service_area)
        assert f"Reporting line: {team.led_by} → {area.led_by} →" in text
        for stage in sample.index.referring(team.id, "stage"):
            assert stage.name in text, (team.id, stage.id)
        for service in sample.index.referring(team.id, "service"):
            assert service.name in text, (team.id, service.id)


def test_stages_and_services_link_both_ways(built_sample: Path, sample: Handbook) -> None:
    services = page(built_sample, "services.md")
    pairs = [(stage.id, service) for stage in sample.area(schema.JourneyFile).stages for service in stage.services]
    assert pairs
    for stage_id, service_id in pairs:
        stage = page(built_sample, f"journey/{stage_id}.md").select_one("article")
        assert f"../../services/#{service_id}" in {a["href"] for a in stage.select("a")}
        assert f"../journey/{stage_id}/" in {a["href"] for e in section(services, service_id) for a in e.select("a")}


def test_the_filter_script_loads_only_on_the_services_page(built_sample: Path) -> None:
    assert page(built_sample, "services.md").select('script[src$="services-filter.js"]')
    for other in ("journey.md", "thresholds.md", "index.md"):
        assert not page(built_sample, other).select('script[src$="services-filter.js"]'), other


def test_services_are_all_in_the_html_with_their_filter_data(built_sample: Path, sample: Handbook) -> None:
    cards = page(built_sample, "services.md").select(".hb-service")
    assert len(cards) == len(sample.area(schema.ServicesFile).services)
    for card, service in zip(cards, sample.area(schema.ServicesFile).services, strict=False):
        assert card["data-levels"].split() == service.levels
        assert (int(card["data-age-from"]), int(card["data-age-to"])) == (service.ages.from_age, service.ages.to_age)
    assert page(built_sample, "services.md").select_one("form#services-filter").has_attr("hidden")


@pytest.mark.slow  # builds a site of its own
def test_the_timescales_table_follows_the_journey_data(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    journey = project / "data" / "journey.yaml"
    text = journey.read_text(encoding="utf-8")
    changed, count = re.subn(r"(what: Decision on the response to a referral\n\s+amount: )1\n", r"\g<1>3\n", text)
    assert count == 1
    journey.write_text(changed, encoding="utf-8")
    assert handbook(project, "build").returncode == 0
    soup = BeautifulSoup((project / "site" / "journey" / "index.html").read_text(), "html.parser")
    rows = [" ".join(tr.get_text(" ").split())
            for tr in soup.find(id="timescales").find_next("table").select("tbody tr")]
    assert any(r.startswith("Decision on the response to a referral Within 3 working days") for r in rows), rows
    assert not any("Within 1 working day of receipt of the referral" in r and "Decision on the response" in r
                   for r in rows)
