"""The wide tables fit every screen and the paper, and a phone's first screen shows the page.

The continuum of need (thresholds page) and the coverage matrix, in Chromium at a phone's size
and a laptop's: with the sample's four levels and with eight and two, on screen and printed.
And the top of an area's page on a phone: how much of the first screen the notices take.

Screenshots go to $HANDBOOK_SCREENSHOTS when it is set (to look at), else to the test's folder.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from conftest import REPO, SAMPLE_DATA, copy_project, handbook

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 900}
SIZES = [pytest.param(PHONE, id="phone"), pytest.param(LAPTOP, id="laptop")]
# The width an A4 portrait page leaves for content inside Material's 25 mm print margins, in CSS px.
A4_CONTENT_WIDTH = int((210 - 2 * 25) / 25.4 * 96)
# Readable: no column of the continuum narrower than this, and no type smaller than 12 px.
MIN_LEVEL_COLUMN = 130
MIN_FONT = 12
# On a phone at least 45% of the first screen is the page's own content, not its notices.
FIRST_SCREEN_NOTICES = 0.55
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"


# --- sites to look at: the sample, and the sample with eight levels (and a gap) or two --------------

@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def edit_yaml(path: Path, change: Callable[[dict], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


GAP = "PS9"


def eight_levels_and_a_gap(data: Path) -> None:
    """Four more levels after the sample's four (long names, no services), and a statement that
    nothing in the handbook evidences."""
    colours = ["#e4d8f5", "#d2e6f7", "#f6d3e8", "#dedede"]

    def add_levels(thresholds: dict) -> None:
        highest = thresholds["levels"][-1]
        for number, colour in enumerate(colours, start=5):
            thresholds["levels"].append({**highest, "id": f"extra-{number}", "colour": colour, "evidences": [],
                                         "name": f"Extra level {number} – a long name that has to wrap"})

    edit_yaml(data / "thresholds.yaml", add_levels)
    edit_yaml(data / "frameworks" / "kss-practice-supervisors.yaml", lambda framework: framework["statements"].append(
        {"id": GAP, "title": "A statement for the tests", "summary": "Nothing in the handbook meets it."}))


def two_levels(data: Path) -> None:
    """The lowest and the highest of the sample's levels; what pointed at the others points at these."""
    merged = {"additional-needs": "universal", "complex-needs": "acute-needs"}

    def keep_two(thresholds: dict) -> None:
        thresholds["levels"] = [level for level in thresholds["levels"] if level["id"] not in merged]

    edit_yaml(data / "thresholds.yaml", keep_two)

    def merge(match: re.Match[str]) -> str:
        ids = dict.fromkeys(merged.get(i.strip(), i.strip()) for i in match.group(1).split(","))
        return f"levels: [{', '.join(ids)}]"

    for name in ("services.yaml", "journey.yaml"):
        path = data / name
        path.write_text(re.sub(r"levels: \[([^\]]*)\]", merge, path.read_text(encoding="utf-8")), encoding="utf-8")


def level_names(data: Path) -> list[str]:
    return [level["name"] for level in yaml.safe_load((data / "thresholds.yaml").read_text(encoding="utf-8"))["levels"]]


@pytest.fixture(scope="module")
def sites(sample_server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[str, list[str]]]]:
    """Each site's address and its levels' names: the sample, "eight" and "two"."""
    found = {"sample": (sample_server, level_names(SAMPLE_DATA))}
    with contextlib.ExitStack() as servers:
        for name, change in (("eight", eight_levels_and_a_gap), ("two", two_levels)):
            project = copy_project(tmp_path_factory.mktemp(name) / "project")
            change(project / "data")
            run = handbook(project, "build")
            assert run.returncode == 0, run.output
            found[name] = (servers.enter_context(serve(project / "site")), level_names(project / "data"))
        assert len(found["eight"][1]) == 8 and len(found["two"][1]) == 2
        yield found


@pytest.fixture
def tab_at(browser) -> Iterator[Callable[..., object]]:
    contexts = []

    def open_tab(size: dict[str, int], **options: object):
        context = browser.new_context(viewport=size, **options)
        context.set_default_timeout(5_000)  # what is there is there at once: a missing part fails fast
        contexts.append(context)
        return context.new_page()

    yield open_tab
    for context in contexts:
        context.close()


def screenshot(tab, tmp_path: Path, name: str, **options: object) -> None:
    folder = Path(os.environ["HANDBOOK_SCREENSHOTS"]) if os.environ.get("HANDBOOK_SCREENSHOTS") else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(folder / f"{name}.png"), **options)


def page_width(tab) -> tuple[int, int]:
    return tab.evaluate("[document.documentElement.scrollWidth, innerWidth]")


# Whether a reader sees an element: its middle is on the screen and nothing is drawn over it
# (a cell scrolling under a sticky column, or a column cut off by its scroll region).
SEEN = """e => {
  const r = e.getBoundingClientRect();
  const x = r.left + Math.min(r.width / 2, 20), y = r.top + Math.min(r.height / 2, 12);
  if (r.width === 0 || x < 0 || x > innerWidth || y < 0 || y > innerHeight) return false;
  const region = e.closest('.hb-scroll');
  if (region) {
    const box = region.getBoundingClientRect();
    if (x < box.left || x > box.right) return false;
  }
  const top = document.elementFromPoint(x, y);
  return top !== null && (top === e || e.contains(top));
}"""


def seen(element) -> bool:
    element.evaluate("e => window.scrollTo(0, e.getBoundingClientRect().top + scrollY - innerHeight / 3)")
    return element.evaluate(SEEN)


def scroll_to_end(region) -> int:
    """Scroll a region fully right; how far it went (0: everything fitted)."""
    return region.evaluate("r => { r.scrollLeft = r.scrollWidth; return r.scrollLeft; }")


# --- the continuum of need -----------------------------------------------------------------------

def check_continuum(tab, names: list[str], size: dict[str, int]) -> None:
    assert page_width(tab)[0] <= size["width"], "the page scrolls sideways"
    continuum = tab.locator(".hb-continuum")
    table = continuum.locator(".hb-scroll")
    stack = continuum.locator(".hb-continuum-stack")
    assert table.is_visible() != stack.is_visible(), "exactly one of the table and the stack is shown"
    font = continuum.locator("td, dd").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert font >= MIN_FONT
    if size["width"] < 700:
        assert stack.is_visible(), "on a phone the levels are stacked"
        levels = stack.locator(":scope > li")
        assert levels.count() == len(names)
        rows = continuum.locator("tbody tr").count()
        for number, name in enumerate(names):
            level = levels.nth(number)
            title = level.locator(".hb-continuum-level")
            assert " ".join(title.inner_text().split()) == f"Level {number + 1} {name}"
            assert seen(title), name
            assert level.locator("dt").count() == rows  # each level a block with all its rows
            box = level.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= size["width"]
        return
    assert table.is_visible(), "on a laptop the levels are side by side"
    headers = table.locator("thead th[scope=col]")
    assert headers.count() == len(names) + 1
    for number, name in enumerate(names, start=1):
        header = headers.nth(number)
        assert " ".join(header.inner_text().split()) == f"Level {number} {name}"
        header.evaluate("h => h.scrollIntoView({block: 'nearest', inline: 'end'})")
        assert seen(header), f"level {number} cannot be brought into view"
        assert header.evaluate("h => h.getBoundingClientRect().width") >= MIN_LEVEL_COLUMN
    scrolled = scroll_to_end(table)
    labels = table.locator("tbody th[scope=row]")
    assert labels.count() >= 4
    for number in range(labels.count()):
        assert seen(labels.nth(number)), (f"row label {labels.nth(number).inner_text()!r} out of view "
                                          f"with the table scrolled {scrolled} px right")
    if len(names) <= 4:
        assert scrolled == 0, "four levels fit side by side on a laptop"


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("site", ["sample", "eight", "two"])
def test_the_continuum_fits_and_keeps_its_labels_in_view(tab_at, sites, site: str, size: dict[str, int],
                                                         tmp_path: Path) -> None:
    url, names = sites[site]
    tab = tab_at(size)
    tab.goto(url + "thresholds/")
    check_continuum(tab, names, size)
    tab.locator("#continuum").scroll_into_view_if_needed()
    tab.evaluate("() => window.scrollBy(0, document.querySelector('#continuum').getBoundingClientRect().top)")
    screenshot(tab, tmp_path, f"continuum-{site}-{size['width']}")


@pytest.mark.parametrize(("site", "stacked"), [("sample", False), ("two", False), ("eight", True)])
def test_the_continuum_prints_within_the_page(tab_at, sites, site: str, stacked: bool, tmp_path: Path) -> None:
    url, names = sites[site]
    tab = tab_at({"width": A4_CONTENT_WIDTH, "height": 900})
    tab.goto(url + "thresholds/")
    tab.emulate_media(media="print")
    continuum = tab.locator(".hb-continuum")
    assert continuum.locator(".hb-continuum-stack").is_visible() == stacked
    assert continuum.locator(".hb-scroll").is_visible() != stacked
    if stacked:
        assert continuum.locator(".hb-continuum-stack > li").count() == len(names)
    else:
        rights = continuum.locator("th, td").evaluate_all("cells => cells.map(c => c.getBoundingClientRect().right)")
        assert max(rights) <= A4_CONTENT_WIDTH + 0.5
    assert page_width(tab)[0] <= A4_CONTENT_WIDTH
    screenshot(tab, tmp_path, f"continuum-{site}-print", full_page=True)


# --- the coverage matrix -------------------------------------------------------------------------

def coverage_tables(tab):
    tables = tab.locator("table.hb-coverage-table")
    assert tables.count() >= 5
    return [tables.nth(i) for i in range(tables.count())]


@pytest.mark.parametrize("size", SIZES)
def test_the_coverage_matrix_fits_and_keeps_the_statement_in_view(tab_at, sample_server: str,
                                                                  size: dict[str, int], tmp_path: Path) -> None:
    tab = tab_at(size)
    tab.goto(sample_server + "coverage/")
    assert page_width(tab)[0] <= size["width"], "the page scrolls sideways"
    screenshot(tab, tmp_path, f"coverage-{size['width']}")
    for table in coverage_tables(tab):
        headers = table.locator("thead th")
        assert [headers.nth(0).inner_text(), headers.nth(1).inner_text()] == ["Statement", "Total"]
        region = table.locator("xpath=ancestor::div[contains(@class, 'hb-scroll')]")
        if size["width"] >= 1280:  # all of it, the total beside the statement, without scrolling
            assert seen(headers.nth(1)), "the Total column is not in view"
            assert region.evaluate("r => r.scrollWidth <= r.clientWidth"), "the matrix scrolls on a laptop"
            for column in range(headers.count()):
                assert seen(headers.nth(column)), headers.nth(column).inner_text()
        scrolled = scroll_to_end(region)
        statements = table.locator("tbody th[scope=row]")
        for row in range(statements.count()):
            assert seen(statements.nth(row)), (f"{statements.nth(row).inner_text()!r} out of view "
                                               f"with the matrix scrolled {scrolled} px right")


def test_a_statement_nothing_evidences_is_a_gap_at_a_glance(tab_at, sites, sample_server: str,
                                                            tmp_path: Path) -> None:
    tab = tab_at(LAPTOP)
    tab.goto(sample_server + "coverage/")
    assert tab.locator("table.hb-coverage-table .hb-gap-mark").count() == 0  # the sample has no gaps
    tab.goto(sites["eight"][0] + "coverage/")
    rows = tab.locator("table.hb-coverage-table tbody tr")
    gaps = []
    for number in range(rows.count()):
        row = rows.nth(number)
        total = row.locator("td").first
        if int(total.inner_text().split()[0]) == 0:
            gaps.append(row.locator("th").inner_text())
            mark = total.locator(".hb-gap-mark")
            assert mark.inner_text().strip().lower() == "gap"  # a word, not a colour alone
            assert seen(mark)
            mark.scroll_into_view_if_needed()
            screenshot(tab, tmp_path, "coverage-gap-1280")
        else:
            assert row.locator(".hb-gap-mark").count() == 0
    assert [g.split()[0] for g in gaps] == [GAP]


@pytest.mark.parametrize("site", ["sample", "eight"])
def test_the_coverage_matrix_prints_whole(tab_at, sites, site: str, tmp_path: Path) -> None:
    tab = tab_at({"width": A4_CONTENT_WIDTH, "height": 900})
    tab.goto(sites[site][0] + "coverage/")
    tab.emulate_media(media="print")
    for table in coverage_tables(tab):
        columns = table.locator("thead th").count()
        assert columns == 12
        rights = table.locator("th, td").evaluate_all("cells => cells.map(c => c.getBoundingClientRect().right)")
        assert max(rights) <= A4_CONTENT_WIDTH + 0.5, "a column of the matrix is off the page"
        region = table.locator("xpath=ancestor::div[contains(@class, 'hb-scroll')]")
        assert region.evaluate("r => r.scrollWidth <= r.clientWidth + 1"), "part of the matrix is cut off"
    screenshot(tab, tmp_path, f"coverage-{site}-print", full_page=True)
    tab.pdf(path=str(tmp_path / "coverage.pdf"), format="A4")
    assert (tmp_path / "coverage.pdf").stat().st_size > 10_000


# --- the first screen on a phone ---------------------------------------------------------------------

FIRST_CONTENT = """() => {
  const p = [...document.querySelectorAll('article > p')].find(p => !p.closest('.admonition, details'));
  return p.getBoundingClientRect().top + scrollY;
}"""


@pytest.mark.parametrize("path", ["journey/", "thresholds/"])
def test_on_a_phone_the_first_screen_is_mostly_the_page(tab_at, sample_server: str, path: str,
                                                        tmp_path: Path) -> None:
    tab = tab_at(PHONE)
    tab.goto(sample_server + path)
    screenshot(tab, tmp_path, f"first-screen-{path.strip('/')}-390")
    above = tab.evaluate(FIRST_CONTENT)
    assert above <= FIRST_SCREEN_NOTICES * PHONE["height"], f"{above:.0f} px of notices before the page starts"
    # The review box is one line that opens on everything it had to say.
    review = tab.locator("article details.hb-review")
    summary = review.locator("summary")
    assert summary.bounding_box()["height"] <= 32, "the review line takes more than one line"
    owner = review.locator("strong", has_text="Owner:")
    assert not owner.is_visible()
    summary.click()
    assert owner.is_visible()
    text = " ".join(review.inner_text().split())
    assert "Last reviewed:" in text and "Next review due:" in text
    # The site's notice is still there in full, in a short band.
    notice = tab.locator(".md-banner .hb-notice")
    assert "fictional" in notice.inner_text() and notice.is_visible()
    assert tab.locator(".md-banner").bounding_box()["height"] <= 90


def test_the_review_line_says_what_changed_and_the_overdue_warning_stays_in_view(tab_at, sample_server: str) -> None:
    tab = tab_at(PHONE)
    tab.goto(sample_server + "journey/")  # recently updated
    assert tab.locator("details.hb-review > summary").inner_text().startswith("Recently updated")
    assert "Recently updated:" in tab.locator("details.hb-review").text_content()
    tab.goto(sample_server + "thresholds/")  # overdue
    warning = tab.locator("article .admonition.warning")
    assert "overdue for review" in warning.inner_text() and seen(warning)


# --- accessibility of the new layouts --------------------------------------------------------------

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_in_the_tables_and_notices(tab_at, sites, scheme: str, size: dict[str, int]) -> None:
    if not AXE.is_file():
        pytest.skip("axe-core is not installed: run `npm ci`.")
    tab = tab_at(size, color_scheme=scheme, bypass_csp=True)
    run_only = ({"type": "tag", "values": WCAG_TAGS} if scheme == "light"
                else {"type": "rule", "values": COLOUR_RULES})
    failures = []
    for site, path in (("sample", "thresholds/"), ("sample", "coverage/"), ("sample", "journey/"),
                       ("eight", "thresholds/"), ("eight", "coverage/"), ("two", "thresholds/")):
        tab.goto(sites[site][0] + path)
        tab.evaluate(AXE.read_text(encoding="utf-8"))
        result = tab.evaluate("runOnly => axe.run(document, {runOnly})", run_only)
        failures += [f"{site} {path}: {v['id']}: {v['nodes'][0]['target']} {v['nodes'][0]['failureSummary'][:200]}"
                     for v in result["violations"]]
    assert not failures, "\n".join(failures)
