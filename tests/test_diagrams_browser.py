"""The journey and team diagrams, and the services filter, as a reader's browser shows them."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from conftest import hosts
from handbook import schema
from handbook.book import Handbook

pytestmark = pytest.mark.browser


def test_journey_page_draws_a_linked_node_per_stage(page, sample_server: str, sample: Handbook) -> None:
    page.goto(sample_server + "journey/")
    svg = page.locator("svg#journey-diagram")
    assert svg.is_visible()
    assert svg.evaluate("e => e.getBBox().height") > 500  # drawn, not an empty box
    assert page.locator("svg#journey-diagram > title").text_content() == "The child's journey as a flowchart"
    assert page.locator("svg#journey-diagram > desc").text_content().startswith("A flowchart of the")
    for stage in sample.area(schema.JourneyFile).stages:
        node = svg.locator(f'a[href="#{stage.id}"]').first
        assert node.count() == 1, stage.id
        assert stage.name in node.get_attribute("aria-label")
        text = " ".join(node.locator("text").text_content().split())
        assert (text.replace(" ", "") in stage.name.replace(" ", "")
                or stage.name.replace(" ", "") in text.replace(" ", ""))
        assert node.locator("text").evaluate("e => e.getBBox().width") > 10  # the label is laid out
    decisions = sum(len(s.decisions) for s in sample.area(schema.JourneyFile).stages)
    assert svg.locator(".hb-node--decision").count() == decisions


def test_following_a_journey_node_reaches_the_stage_details(page, sample_server: str) -> None:
    page.goto(sample_server + "journey/")
    page.locator('svg#journey-diagram a[href="#section-47-enquiry"]').first.click()
    # (a function, not an expression: Playwright evals an expression in the page, which the CSP forbids)
    page.wait_for_function("() => location.hash === '#section-47-enquiry'", timeout=5_000)
    assert urlparse(page.url).fragment == "section-47-enquiry"
    heading = page.locator("h3#section-47-enquiry")
    assert heading.is_visible()
    top = heading.evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"]


def test_journey_nodes_are_reachable_by_keyboard(page, sample_server: str) -> None:
    page.goto(sample_server + "journey/")
    first = page.locator("svg#journey-diagram a").first
    first.focus()
    assert page.evaluate("document.activeElement.closest('svg') !== null")
    target = first.get_attribute("href")
    page.keyboard.press("Enter")
    # Following an in-page link updates the address a moment after the key press: wait for it
    # (a fixed check straight after the press failed now and then on a busy machine).
    page.wait_for_function("target => location.hash === target", arg=target, timeout=5_000)
    assert urlparse(page.url).fragment == target.lstrip("#")


def test_text_alternative_names_every_stage(page, sample_server: str, sample: Handbook) -> None:
    page.goto(sample_server + "journey/")
    glance = page.locator("h2#at-a-glance + ol").inner_text()
    for stage in sample.area(schema.JourneyFile).stages:
        assert " ".join(stage.name.split()) in " ".join(glance.split()), stage.name


def test_team_page_draws_a_node_per_team(page, sample_server: str, sample: Handbook) -> None:
    page.goto(sample_server + "teams/")
    chart = page.locator("svg#organisation-chart-diagram")
    assert chart.is_visible()
    for team in sample.area(schema.TeamsFile).teams:
        node = chart.locator(f'a[href="#{team.id}"]')
        assert node.count() == 1, team.id
        assert team.name in node.get_attribute("aria-label")
    for post in sample.area(schema.TeamsFile).leadership:
        assert chart.locator(f'[aria-label="{post.role}"]').count() == 1
    chart.locator(f'a[href="#{sample.area(schema.TeamsFile).teams[-1].id}"]').click()
    page.wait_for_function("target => location.hash === target", arg="#" + sample.area(schema.TeamsFile).teams[-1].id,
                           timeout=5_000)
    assert urlparse(page.url).fragment == sample.area(schema.TeamsFile).teams[-1].id


def test_diagram_pages_request_nothing_from_other_hosts(page, sample_server: str) -> None:
    for path in ("journey/", "teams/", "thresholds/", "services/"):
        page.goto(sample_server + path)
        page.wait_for_load_state("networkidle")
    assert hosts(page.requests) == {urlparse(sample_server).netloc}


def test_choosing_a_level_shows_only_that_levels_services(page, sample_server: str, sample: Handbook) -> None:
    page.goto(sample_server + "services/")
    services = sample.area(schema.ServicesFile).services
    assert page.locator("#services-filter").is_visible()  # the script revealed the form
    page.select_option("#services-level", "universal")
    visible = page.locator(".hb-service:visible h2").evaluate_all("hs => hs.map(h => h.id)")
    assert visible == [s.id for s in services if "universal" in s.levels]
    assert page.locator("#services-count").inner_text() == f"Showing {len(visible)} of {len(services)} services."
    page.fill("#services-age", "17")
    visible = page.locator(".hb-service:visible h2").evaluate_all("hs => hs.map(h => h.id)")
    assert visible == [s.id for s in services if "universal" in s.levels and s.ages.from_age <= 17 <= s.ages.to_age]
    page.click("text=Show all services")
    page.wait_for_function("count => document.querySelectorAll('.hb-service:not([hidden])').length === count",
                           arg=len(services), timeout=5_000)


def test_without_javascript_every_service_is_listed(browser, sample_server: str, sample: Handbook) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(sample_server + "services/")
    assert page.locator(".hb-service:visible").count() == len(sample.area(schema.ServicesFile).services)
    assert not page.locator("#services-filter").is_visible()  # no dead controls without the script
    context.close()
