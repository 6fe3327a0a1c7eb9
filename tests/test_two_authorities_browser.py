"""What a new starter sees, on a phone and a laptop, in both test authorities: the sample and the
larger one in tests/fixtures/larger (38 stages in 6 phases, 6 levels, 38 teams, long names).

Every page: the document never scrolls sideways, and axe-core finds no WCAG 2.2 A/AA violation
(the sample's pages are audited in test_accessibility.py; in the dark scheme, which changes only
colours, the larger authority's stage and team pages are audited one of each). The journey page: the diagram fits
the column at 1280 px, its first stage is in view from the diagram's top, each stage is drawn
once, and no text in it is smaller than 12 px.
"""

from __future__ import annotations

import re

import pytest

from conftest import site_pages
from test_accessibility import SHARDS, audit, shard_of
from test_accessibility import axe_source as axe_source  # the fixture, shared

AUTHORITIES = ["sample", "larger"]
SIZES = [(390, 844), (1280, 900)]


@pytest.fixture
def authority(request: pytest.FixtureRequest) -> tuple[str, list[str]]:
    """(address, pages) of the built authority named by the test's parameter."""
    name = request.param
    server = request.getfixturevalue(f"{name}_server")
    site = request.getfixturevalue("built_sample" if name == "sample" else "built_larger")
    return server, site_pages(site)


def without_search_index(tab) -> None:
    """The theme's search builds its index in the background on every page load: for an audit of
    a hundred pages that is most of the work, and none of what is measured (the search is
    tested on its own)."""
    tab.route("**/search/search_index.json", lambda route: route.abort())


SIDEWAYS_SHARDS = 2  # each authority's pages in this many tests, so the two test workers share them


@pytest.mark.parametrize("authority", AUTHORITIES, indirect=True)
@pytest.mark.parametrize("shard", range(SIDEWAYS_SHARDS))
def test_no_page_scrolls_sideways(browser, authority: tuple[str, list[str]], shard: int) -> None:
    """Each page is loaded once and measured at both sizes (the window resized in between, as a
    reader turning a tablet would): half the page loads of a visit per size. Wide first, so the
    phone is measured with the diagrams open (a phone loading the page folds them)."""
    server, pages = authority
    (first_width, first_height), *others = sorted(SIZES, reverse=True)
    tab = browser.new_page(viewport={"width": first_width, "height": first_height})
    without_search_index(tab)
    wide = {}
    for path in pages[shard::SIDEWAYS_SHARDS]:
        tab.set_viewport_size({"width": first_width, "height": first_height})
        tab.goto(server + path)
        for width, height in [(first_width, first_height), *others]:
            tab.set_viewport_size({"width": width, "height": height})
            scroll_width = tab.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                wide[f"{path or '/'} at {width} px"] = scroll_width
    tab.close()
    assert wide == {}, f"pages wider than the screen: {wide}"


DIAGRAM_FACTS = """() => {
  const svg = document.querySelector('#journey-diagram');
  const column = svg.closest('.md-content__inner') || svg.closest('article');
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;  // drawn size / natural size
  const texts = Array.from(svg.querySelectorAll('text, tspan'))
    .map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
  const stages = Array.from(svg.querySelectorAll('a[href^="#"]')).map(a => a.getAttribute('href'));
  return {diagram: svg.getBoundingClientRect().width, column: column.getBoundingClientRect().width,
          smallest: Math.min(...texts), stages};
}"""


@pytest.mark.parametrize("authority", AUTHORITIES, indirect=True)
def test_the_journey_diagram_fits_and_draws_each_stage_once(browser, authority: tuple[str, list[str]]) -> None:
    server, _pages = authority
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    tab.goto(server + "journey/")
    facts = tab.evaluate(DIAGRAM_FACTS)
    assert facts["diagram"] <= facts["column"] + 0.5, facts
    assert facts["smallest"] >= 12, facts
    stage_links = [href for href in facts["stages"] if tab.locator(f"a.hb-moved[id='{href[1:]}']").count()]
    assert stage_links and len(stage_links) == len(set(stage_links)), "a stage is drawn twice"
    listed = tab.locator("a.hb-moved").count()  # the journey at a glance: a link per stage
    assert len(set(stage_links)) == listed, "every stage of the list is in the diagram"
    # the first stage is in view as soon as the diagram's top is
    tab.locator("#journey-diagram").evaluate("svg => svg.scrollIntoView({block: 'start'})")
    first = tab.locator(f"#journey-diagram a[href='{stage_links[0]}']").first.bounding_box()
    assert first is not None and first["x"] >= 0 and first["x"] + first["width"] <= 1280
    assert 0 <= first["y"] < 900
    tab.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("shard", range(SHARDS))
def test_axe_finds_no_violations_on_any_page_of_the_larger_authority(browser, larger_server: str, built_larger,
                                                                    axe_source: str, shard: int, scheme: str) -> None:
    pages = site_pages(built_larger)
    if scheme == "dark":  # colours only: the stage and team pages share two templates, so one of each
        item_pages = [p for p in pages if re.fullmatch(r"(journey|teams)/.+/", p)]
        one_of_each = [next(p for p in item_pages if p.startswith(f"{folder}/")) for folder in ("journey", "teams")]
        pages = [p for p in pages if p not in item_pages] + one_of_each
    failures = audit(browser, larger_server, shard_of(pages, shard, scheme), scheme, axe_source)
    assert not failures, "\n".join(failures)
