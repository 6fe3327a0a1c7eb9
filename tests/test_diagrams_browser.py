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
        node = svg.locator(f'a[href="#{stage.id}"]')
        assert node.count() == 1, stage.id  # each stage drawn once, and no copies
        assert stage.name in node.get_attribute("aria-label")
        text = " ".join(node.locator("text").text_content().split())
        assert text == " ".join(stage.name.split())
        assert node.locator("text").evaluate("e => e.getBBox().width") > 10  # the label is laid out
    decisions = sum(len(s.decisions) for s in sample.area(schema.JourneyFile).stages)
    assert svg.locator("g.hb-node--decision").count() == decisions
    assert "Back to" not in svg.inner_html() and "On to" not in svg.inner_html()


# What a diagram looks like on the page: its width and its column's, how far it scrolls inside its
# frame, its first box, and its smallest text as drawn (the font size times the drawing's scale).
MEASURE = """svg => {
    const box = svg.getBoundingClientRect();
    const frame = svg.closest('.hb-diagram-scroll');
    const column = svg.closest('article').getBoundingClientRect();
    const scale = box.width / svg.viewBox.baseVal.width;
    const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
    const first = svg.querySelector('.hb-nodes > a, .hb-nodes > g').getBoundingClientRect();
    return {width: box.width, natural: svg.viewBox.baseVal.width, column: column.width, left: column.left,
            frame: frame.clientWidth, scrolls: frame.scrollWidth - frame.clientWidth, smallest: Math.min(...sizes),
            first: {left: first.left, right: first.right, top: first.top, bottom: first.bottom}};
}"""

DIAGRAMS = [("journey/", "svg#journey-diagram"), ("teams/", "svg#organisation-chart-diagram")]


@pytest.mark.parametrize(("path", "selector"), DIAGRAMS)
def test_a_diagram_fits_its_column_at_1280_with_its_first_box_in_view(browser, sample_server: str,
                                                                      path: str, selector: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(sample_server + path)
    svg = page.locator(selector)
    svg.evaluate("e => e.scrollIntoView({block: 'start'})")
    seen = svg.evaluate(MEASURE)
    assert seen["width"] <= seen["column"] and seen["scrolls"] == 0, seen
    assert seen["width"] == seen["natural"], seen  # drawn at its natural size: not scaled down to fit
    assert seen["smallest"] >= 12, seen
    first = seen["first"]
    assert first["left"] >= 0 and first["right"] <= 1280 and first["top"] < 900, seen  # the first stage or post
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    context.close()


@pytest.mark.parametrize(("path", "selector"), DIAGRAMS)
def test_a_phone_scrolls_the_diagram_not_the_page(browser, sample_server: str, path: str, selector: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(sample_server + path)
    page.locator("details.hb-diagram-details > summary").click()  # folded on a phone until opened
    seen = page.locator(selector).evaluate(MEASURE)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert seen["smallest"] >= 12, seen  # the text keeps its size; the frame scrolls instead
    context.close()


@pytest.mark.parametrize(("path", "selector"), DIAGRAMS)
def test_every_label_fits_inside_its_box(page, sample_server: str, path: str, selector: str) -> None:
    """The layout sizes boxes from an estimate of the text's width: the browser's font must fit."""
    page.goto(sample_server + path)
    overflowing = page.locator(selector).evaluate("""svg => [...svg.querySelectorAll('g.hb-node')].filter(g => {
        const shape = g.querySelector('rect, polygon').getBBox(), text = g.querySelector('text').getBBox();
        return text.x < shape.x || text.y < shape.y || text.x + text.width > shape.x + shape.width
            || text.y + text.height > shape.y + shape.height;
    }).map(g => g.textContent)""")
    assert overflowing == []


@pytest.mark.parametrize(("path", "selector"), DIAGRAMS)
def test_a_printed_diagram_keeps_its_text_at_7pt_or_more(browser, sample_server: str, path: str,
                                                        selector: str) -> None:
    # A4 less the theme's 25mm margins is 160mm: 605 CSS pixels for the content.
    context = browser.new_context(viewport={"width": 605, "height": 900})
    page = context.new_page()
    page.goto(sample_server + path)
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # opens the fold a narrow window has
    page.emulate_media(media="print")
    seen = page.locator(selector).evaluate(MEASURE)
    assert seen["width"] <= seen["column"] + 1 and seen["scrolls"] == 0, seen  # nothing cut off at the side
    assert seen["smallest"] * 0.75 >= 7, seen  # CSS pixels to points
    context.close()


def follow_and_arrive(page, item_id: str, name: str, go) -> None:
    """Follow a box's link (`go` clicks it or presses Enter on it) and check the item's details are
    in view: at its anchor on this page, or on its own page when the anchor is kept on a link to
    that page (journey/#contact goes on to journey/contact/: see docs/javascripts/moved.js)."""
    anchor = page.locator(f'[id="{item_id}"]')
    moved = anchor.evaluate("e => e.classList.contains('hb-moved')")
    go()
    if moved:
        page.wait_for_url(f"**/{item_id}/", timeout=10_000)
        heading = page.locator("article h1")
        assert " ".join(name.split()) in " ".join(heading.inner_text().split())
    else:
        # (a function, not an expression: Playwright evals an expression in the page, which the CSP forbids)
        page.wait_for_function("target => location.hash === target", arg=f"#{item_id}", timeout=5_000)
        heading = anchor
    assert heading.is_visible()
    top = heading.evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"]


def test_following_a_journey_node_reaches_the_stage_details(page, sample_server: str, sample: Handbook) -> None:
    page.goto(sample_server + "journey/")
    stage = next(s for s in sample.area(schema.JourneyFile).stages if s.id == "section-47-enquiry")
    node = page.locator(f'svg#journey-diagram a[href="#{stage.id}"]')
    follow_and_arrive(page, stage.id, stage.name, node.click)


def test_journey_nodes_are_reachable_by_keyboard(page, sample_server: str, sample: Handbook) -> None:
    page.goto(sample_server + "journey/")
    first = page.locator("svg#journey-diagram .hb-nodes a").first  # the first stage (the bands come before)
    first.focus()
    assert page.evaluate("document.activeElement.closest('svg') !== null")
    target = first.get_attribute("href").lstrip("#")
    stage = next(s for s in sample.area(schema.JourneyFile).stages if s.id == target)
    # Following a link updates the address a moment after the key press: follow_and_arrive waits
    # (a fixed check straight after the press failed now and then on a busy machine).
    follow_and_arrive(page, stage.id, stage.name, lambda: page.keyboard.press("Enter"))


def test_text_alternative_names_every_stage(page, sample_server: str, sample: Handbook) -> None:
    page.goto(sample_server + "journey/")
    # the section "The journey at a glance": everything after its heading up to the next one of its rank
    glance = page.locator("h2#at-a-glance").evaluate("""h => {
        const parts = [];
        for (let e = h.nextElementSibling; e && e.tagName !== 'H2'; e = e.nextElementSibling) parts.push(e.innerText);
        return parts.join(' ');
    }""")
    for stage in sample.area(schema.JourneyFile).stages:
        assert " ".join(stage.name.split()) in " ".join(glance.split()), stage.name
    desc = page.locator("svg#journey-diagram > desc").text_content()
    for stage in sample.area(schema.JourneyFile).stages:
        assert " ".join(stage.name.split()) in " ".join(desc.split()), stage.name
    for phase in sample.area(schema.JourneyFile).phases:
        assert phase.name in desc


def test_team_page_draws_a_node_per_team(page, sample_server: str, sample: Handbook) -> None:
    page.goto(sample_server + "teams/")
    chart = page.locator("svg#organisation-chart-diagram")
    assert chart.is_visible()
    teams = sample.area(schema.TeamsFile)
    for item in [*teams.service_areas, *teams.teams]:
        node = chart.locator(f'a[href="#{item.id}"]')
        assert node.count() == 1, item.id
        assert item.name in node.get_attribute("aria-label")
    tops = {}
    for post in teams.leadership:
        node = chart.locator(f'[aria-label="{post.role}"]')
        assert node.count() == 1
        tops[post.id] = node.evaluate("e => e.getBoundingClientRect().top")
    areas = [chart.locator(f'a[href="#{a.id}"]').evaluate("e => e.getBoundingClientRect().top")
             for a in teams.service_areas]
    top_post = next(p.id for p in teams.leadership if not p.reports_to)
    assert tops[top_post] == min(tops.values()) and tops[top_post] < min(areas)  # leadership on top
    last = teams.teams[-1]
    follow_and_arrive(page, last.id, last.name, chart.locator(f'a[href="#{last.id}"]').click)


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


@pytest.mark.parametrize("path", ["journey/", "teams/"])
def test_on_a_phone_the_words_come_first_and_the_diagram_is_folded(browser, sample_server: str, path: str) -> None:
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.goto(sample_server + path)
    fold = phone.locator("details.hb-diagram-details")
    assert fold.count() == 1 and not fold.evaluate("d => d.open")
    assert not phone.locator(".hb-diagram").is_visible()
    phone.locator("details.hb-diagram-details > summary").click()  # and a reader can open it
    assert phone.locator(".hb-diagram").is_visible()
    phone.close()
    laptop = browser.new_page(viewport={"width": 1280, "height": 900})
    laptop.goto(sample_server + path)
    assert laptop.locator("details.hb-diagram-details").evaluate("d => d.open")
    laptop.close()
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    plain = context.new_page()
    plain.goto(sample_server + path)
    assert plain.locator("details.hb-diagram-details").evaluate("d => d.open")  # nothing hidden without the script
    context.close()
