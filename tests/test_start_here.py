"""Start here: reading paths per role, checked against the handbook, with ticks kept in the browser.

The data and the check (no browser), the built page and the home page's link to it, then the
page in Chromium: ticks that survive a reload, no request made, the keyboard, no JavaScript,
and axe-core in both colour schemes.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import REPO, SAMPLE_DATA, hosts
from handbook import schema
from handbook.areas import AREAS_BY_ID
from handbook.book import Handbook
from handbook.reading import reading_target
from handbook.render.context import Context
from handbook.render.pages import render_shared
from handbook.render.start_here import READING_SCRIPT, STEP_CLASS, STEPS_CLASS
from handbook.validate import check
from test_site import page as built_page
from test_site import resolve, url_of

ROLES = ("New social worker", "ASYE and early career", "Agency social worker", "Partner agency practitioner",
         "Practice supervisor")
SCRIPT = REPO / "docs" / "javascripts" / f"{READING_SCRIPT}.js"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def paths_of(handbook: Handbook) -> list[schema.ReadingPath]:
    return handbook.area(schema.StartHereFile).paths


# --- the data and its check ---------------------------------------------------------------------


def test_the_sample_has_a_path_for_each_role_of_five_to_eight_steps(sample: Handbook) -> None:
    paths = paths_of(sample)
    assert tuple(path.name for path in paths) == ROLES
    for path in paths:
        assert 5 <= len(path.steps) <= 8, path.id
        assert all(step.why for step in path.steps)


def test_steps_lead_to_items_of_many_kinds_and_to_pages(sample: Handbook) -> None:
    reads = {step.read for path in paths_of(sample) for step in path.steps}
    kinds = {sample.index.items[read].kind for read in reads if read in sample.index.items}
    assert {"team", "stage", "tool", "standard", "supervision-form", "workforce"} <= kinds
    pages = reads - set(sample.index.items)
    assert {"thresholds", "journey", "kss-practice-supervisors"} <= pages
    # an item with a page of its own (a stage) is linked to its page, not to an anchor
    stage = reading_target(sample.index, "child-and-family-assessment")
    assert stage is not None and stage.page == sample.index.items["child-and-family-assessment"].page


def _sample_with(tmp_path: Path, old: str, new: str) -> Path:
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    path = data / "start-here.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return data


def test_a_wrong_id_in_a_reading_path_is_caught_at_its_line_with_a_suggestion(tmp_path: Path) -> None:
    data = _sample_with(tmp_path, "read: section-47-enquiry", "read: section-47-enquirey")
    line = next(n for n, text in enumerate((data / "start-here.yaml").read_text().splitlines(), start=1)
                if "section-47-enquirey" in text)
    _, problems = check(data, base=tmp_path)
    (problem,) = problems.errors
    assert (problem.file, problem.line, problem.column) == ("data/start-here.yaml", line, 9)
    assert problem.title == "Unknown item or page `section-47-enquirey`"
    assert problem.where == "paths › agency-social-worker › steps › item 4 › read"
    assert problem.fix == "Did you mean `section-47-enquiry`?"


def test_a_step_cannot_lead_back_to_the_start_here_page(tmp_path: Path) -> None:
    _, problems = check(_sample_with(tmp_path, "read: services", "read: start-here"), base=tmp_path)
    assert [p.title for p in problems.errors] == ["Unknown item or page `start-here`"]


def test_a_wrong_id_is_not_reported_while_the_file_defining_it_is_invalid(tmp_path: Path) -> None:
    """A step may name an item of any file: while one is invalid, its ids are not known."""
    data = _sample_with(tmp_path, "read: section-47-enquiry", "read: no-such-item")
    teams = data / "teams.yaml"
    teams.write_text(teams.read_text(encoding="utf-8").replace("teams:\n", "teems:\n", 1), encoding="utf-8")
    _, problems = check(data, base=tmp_path)
    assert problems.errors and all(p.file == "data/teams.yaml" for p in problems.errors)


# --- the page and the home page ----------------------------------------------------------------


def test_the_script_is_on_the_start_here_page_only_and_the_print_page_has_the_plain_lists(sample: Handbook) -> None:
    shared = render_shared(sample, "start-here")
    assert shared.scripts == {READING_SCRIPT}
    assert 'class="hb-reading-note" hidden' in shared.on_own_page()
    printed = shared.elsewhere("print.md")
    assert printed is not None and "hb-reading-note" not in printed and STEPS_CLASS in printed
    home = Context(sample, "index.md")
    from handbook.render.home import render_home

    render_home(home)
    assert home.scripts == set()


def test_the_script_sends_nothing_anywhere() -> None:
    source = SCRIPT.read_text(encoding="utf-8")
    for call in ("fetch", "XMLHttpRequest", "sendBeacon", "WebSocket", "EventSource", "import(", "src",
                 "href", "document.cookie", "innerHTML", "style"):
        assert call not in source, call
    assert "localStorage" in source


def test_the_page_lists_each_path_in_the_contents_with_its_steps_as_working_links(
        built_sample: Path, sample: Handbook) -> None:
    source = AREAS_BY_ID["start-here"].own_page
    soup = built_page(built_sample, source)
    article = soup.select_one("article")
    assert article is not None and article.h1.get_text(strip=True).startswith("Start here")
    contents = [a["href"] for a in soup.select("nav.md-nav--secondary a[href]")]
    for path in paths_of(sample):
        heading = article.select_one(f"h2#{path.id}")
        assert heading is not None and heading.get_text(" ", strip=True).startswith(path.name.split()[0])
        assert f"#{path.id}" in contents
        steps = article.select(f"ol.{STEPS_CLASS}[data-path='{path.id}'] > li.{STEP_CLASS}")
        assert [li["data-step"] for li in steps] == [step.read for step in path.steps]
        for li, step in zip(steps, path.steps, strict=True):
            target = reading_target(sample.index, step.read)
            assert target is not None
            link = li.select_one("a[href]")
            assert link is not None and " ".join(link.get_text().split()) == " ".join(target.name.split())
            where, anchor = resolve(source, link["href"])
            assert where == url_of(target.page) and anchor == (target.anchor or "")
            landed = built_page(built_sample, target.page)
            assert anchor == "" or landed.find(id=anchor) is not None, (step.read, link["href"])
            text = li.get_text(" ", strip=True)
            assert " ".join(step.why.split())[:30] in text
            assert step.when is None or step.when in text
    # no tick boxes in the HTML itself: the script adds them
    assert not article.select("input")


def test_the_home_page_links_to_start_here_first(built_sample: Path) -> None:
    article = built_page(built_sample, "index.md").select_one("article")
    assert article is not None
    links = [a for a in article.select("a[href]") if "headerlink" not in (a.get("class") or [])]
    assert resolve("index.md", links[0]["href"])[0] == "/start-here/"
    assert links[0].get_text(strip=True) == "Start here"
    callout = links[0].find_parent(class_="hb-start-here")
    assert callout is not None and "new social worker" in callout.get_text()
    finding = article.select_one("h2#finding-your-way")
    assert finding is not None and callout in finding.find_all_previous()


# --- in the browser ------------------------------------------------------------------------------

START = "start-here/"
BOX = "ol.hb-reading-steps input[type=checkbox]"  # the theme has checkboxes of its own elsewhere


def _box(path: str, step: str) -> str:
    return f"#hb-read-{path}-{step}"


def _count(tab, path: str) -> str:
    return tab.locator(f"h2#{path} ~ .hb-reading-tools .hb-reading-count").first.inner_text()


@pytest.mark.browser
def test_ticks_survive_a_reload_and_no_request_leaves_the_local_server(page, sample_server: str,
                                                                       sample: Handbook) -> None:
    page.goto(sample_server + START)
    first = paths_of(sample)[0]
    total = len(first.steps)
    assert _count(page, first.id) == f"0 of {total} read"
    page.wait_for_load_state("networkidle")
    before = len(page.requests)
    page.check(_box(first.id, first.steps[0].read))
    page.check(_box(first.id, first.steps[2].read))
    assert _count(page, first.id) == f"2 of {total} read"
    page.wait_for_timeout(200)
    assert len(page.requests) == before, page.requests[before:]  # ticking makes no request at all

    page.reload()
    assert page.is_checked(_box(first.id, first.steps[0].read))
    assert page.is_checked(_box(first.id, first.steps[2].read))
    assert not page.is_checked(_box(first.id, first.steps[1].read))
    assert _count(page, first.id) == f"2 of {total} read"
    other = paths_of(sample)[1]
    assert _count(page, other.id) == f"0 of {len(other.steps)} read"  # each path counts its own
    stored = page.evaluate("Object.keys(localStorage).filter(key => key.startsWith('hb-')).sort()")
    assert stored == sorted(f"hb-reading:northmere:{first.id}:{first.steps[i].read}" for i in (0, 2))

    status = page.locator(f"h2#{first.id} ~ .hb-reading-tools [role=status]").first
    assert status.get_attribute("aria-live") == "polite"
    page.get_by_role("button", name=f"Clear ticks for {first.name}").click()
    assert _count(page, first.id) == f"0 of {total} read"
    page.reload()
    assert page.locator(f"{BOX}:checked").count() == 0
    page.wait_for_load_state("networkidle")
    assert hosts(page.requests) == {urlparse(sample_server).netloc}


@pytest.mark.browser
def test_the_keyboard_ticks_a_step_with_tab_and_space_and_the_focus_shows(page, sample_server: str,
                                                                          sample: Handbook) -> None:
    page.goto(sample_server + START)
    first = paths_of(sample)[0]
    page.locator(f"ol[data-path='{first.id}'] li[data-step='{first.steps[0].read}'] a").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.id")
    assert focused == _box(first.id, first.steps[0].read)[1:]
    name = page.evaluate("document.activeElement.labels[0].textContent")
    assert name.startswith("I have read this: ")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("Space")
    assert page.is_checked(_box(first.id, first.steps[0].read))
    assert _count(page, first.id) == f"1 of {len(first.steps)} read"
    page.keyboard.press("Space")
    assert not page.is_checked(_box(first.id, first.steps[0].read))
    box = page.locator(_box(first.id, first.steps[0].read)).bounding_box()
    assert box is not None and box["width"] >= 24 and box["height"] >= 24


@pytest.mark.browser
def test_without_javascript_the_paths_are_plain_lists(browser, sample_server: str, sample: Handbook) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(sample_server + START)
    assert tab.locator("article input").count() == 0
    assert tab.locator(".hb-reading-tools").count() == 0
    assert not tab.locator(".hb-reading-note").is_visible()
    for path in paths_of(sample):
        steps = tab.locator(f"ol.{STEPS_CLASS}[data-path='{path.id}'] > li a")
        assert steps.count() == len(path.steps) and steps.first.is_visible()
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_with_ticks_in_either_scheme(browser, sample_server: str, scheme: str,
                                                             sample: Handbook) -> None:
    if not AXE.is_file():
        pytest.skip("axe-core is not installed: run `npm ci`.")
    context = browser.new_context(color_scheme=scheme, bypass_csp=True)  # axe is injected as a script
    tab = context.new_page()
    failures = []
    for path in (START, ""):
        tab.goto(sample_server + path)
        if path == START:
            first = paths_of(sample)[0]
            tab.check(_box(first.id, first.steps[1].read))
            tab.locator(_box(first.id, first.steps[2].read)).focus()
        tab.evaluate(AXE.read_text(encoding="utf-8"))
        result = tab.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
        failures += [f"{scheme} /{path}: {v['id']}: {v['nodes'][0]['target']} {v['nodes'][0]['failureSummary'][:200]}"
                     for v in result["violations"]]
    context.close()
    assert not failures, "\n".join(failures)


@pytest.mark.browser
@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_the_page_fits_a_laptop_and_a_phone(browser, sample_server: str, width: int, height: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": height})
    tab = context.new_page()
    tab.goto(sample_server + START)
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    labels = tab.locator("ol.hb-reading-steps label")
    assert labels.count() > 0 and labels.first.is_visible()
    assert re.fullmatch(r"\d+ of \d+ read", tab.locator(".hb-reading-count").first.inner_text())
    context.close()
