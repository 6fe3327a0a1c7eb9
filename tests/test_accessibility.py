"""WCAG 2.2 AA, privacy and keyboard use, checked in a real browser on every page of the sample."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, SAMPLE_DATA, hosts, site_pages
from handbook import schema
from handbook.validate import load_handbook

pytestmark = pytest.mark.browser

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# What the colour scheme can change: the light scheme gets every WCAG rule, the dark scheme the
# rules about colour (the structure, names and roles of a page are the same in both).
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


@pytest.fixture(scope="module")
def axe_source(browser) -> str:  # noqa: ARG001 - skips the module without Chromium; marks do not apply to fixtures
    if not AXE.is_file():
        message = "axe-core is not installed: run `npm ci` (make test does it when npm is available)."
        import os

        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


# The whole-handbook page is every area's page again, from the same shared render
# (test_shared_render.py), with the same styles: it is audited in the light scheme only, where
# it is checked for what only it has (its headings, landmarks and ids together), and its colours
# are audited in both schemes on the pages it repeats. Audited like the others, it took two
# thirds of the audit's time.
ONE_SCHEME_PAGES = ("print/",)
# The pages are audited in this many groups per scheme, each a test of its own, so the test
# workers share them out (one audit of every page in turn took over 3 minutes under load).
SHARDS = 4


def shard_of(pages: list[str], shard: int, scheme: str) -> list[str]:
    audited = [path for path in pages if scheme == "light" or path not in ONE_SCHEME_PAGES]
    return audited[shard::SHARDS]


def test_the_shards_cover_every_page_once_in_each_scheme() -> None:
    pages = ["", "journey/", "print/", "services/", "teams/", "vision/"]
    for scheme in ("light", "dark"):
        audited = [path for shard in range(SHARDS) for path in shard_of(pages, shard, scheme)]
        assert sorted(audited) == sorted(p for p in pages if scheme == "light" or p != "print/")


def audit(browser, server: str, paths: list[str], scheme: str, axe_source: str) -> list[str]:
    """axe-core's violations on each page, in one colour scheme: every WCAG 2.2 A/AA rule in the
    light scheme, the colour rules in the dark one."""
    # axe is injected as a script, which the pages' own policy would (rightly) refuse.
    context = browser.new_context(color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    # the theme's search index, built again on every page load, is none of what is audited
    page.route("**/search/search_index.json", lambda route: route.abort())
    failures: list[str] = []
    for path in paths:
        page.goto(server + path)
        page.evaluate(axe_source)
        run_only = ({"type": "tag", "values": WCAG_TAGS} if scheme == "light"
                    else {"type": "rule", "values": COLOUR_RULES})
        # The print page repeats every other page, whose colours are audited there; checking the
        # contrast of every text on it again was most of this audit's time.
        rules = {"color-contrast": {"enabled": False}} if path in ONE_SCHEME_PAGES else {}
        result = page.evaluate("([runOnly, rules]) => axe.run(document, {runOnly, rules})", [run_only, rules])
        failures.extend(f"{scheme} {path or '/'}: {v['id']} ({len(v['nodes'])}): {v['nodes'][0]['target']} "
                        f"{v['nodes'][0]['failureSummary'][:200]}" for v in result["violations"])
    context.close()
    return failures


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("shard", range(SHARDS))
def test_axe_finds_no_violations_on_any_page_in_either_scheme(browser, sample_server: str, built_sample: Path,
                                                             axe_source: str, shard: int, scheme: str) -> None:
    pages = site_pages(built_sample)
    assert len(pages) >= 20 and set(ONE_SCHEME_PAGES) <= set(pages)
    failures = audit(browser, sample_server, shard_of(pages, shard, scheme), scheme, axe_source)
    assert not failures, "\n".join(failures)


def test_every_page_has_a_strict_content_security_policy(built_sample: Path) -> None:
    for html in built_sample.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        meta = soup.select_one('head > meta[http-equiv="Content-Security-Policy"]')
        assert meta is not None, html
        policy = meta["content"]
        assert "default-src 'none'" in policy and "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
        assert soup.head.find_all(True)[0] is meta, f"{html}: the policy must come before anything else"
        assert not soup.find_all(style=True), f"{html}: inline styles would need 'unsafe-inline'"


CSP_LISTENER = ("document.addEventListener('securitypolicyviolation', e => "
                "(window.__violations = window.__violations || []).push(e.violatedDirective + ' ' + e.blockedURI))")


def test_no_page_breaks_its_policy_and_the_policy_is_enforced(page, sample_server: str,
                                                               built_sample: Path) -> None:
    page.add_init_script(CSP_LISTENER)
    for path in site_pages(built_sample):
        page.goto(sample_server + path)  # waits for the load event: every script and style has run
        assert page.evaluate("window.__violations || []") == [], path
    # search (a web worker and a fetch) and the services filter still work under the policy
    page.goto(sample_server + "services/")
    page.select_option("#services-level", "universal")
    page.keyboard.press("/")
    page.keyboard.type("supervision")
    page.locator(".md-search-result__item").first.wait_for()
    assert page.evaluate("window.__violations || []") == []
    # and the policy really is in force: an injected inline script is refused and reported
    page.evaluate("document.head.appendChild(Object.assign(document.createElement('script'), "
                  "{textContent: 'window.__ran = true'}))")
    page.wait_for_timeout(100)
    assert page.evaluate("window.__ran") is None
    assert any(v.startswith("script-src") for v in page.evaluate("window.__violations"))
    assert hosts(page.requests) == {urlparse(sample_server).netloc}


def test_every_navigation_link_is_reachable_by_keyboard(page, sample_server: str) -> None:
    """Every link the navigation shows, and the control that opens each section it folds away
    (the stages of a phase, the teams of a service area), is reached with Tab; an opened
    section's links are reached too."""
    page.goto(sample_server + "journey/")
    nav = "nav.md-nav--primary"

    def shown(selector: str, attribute: str) -> set[str]:
        return set(page.locator(f"{nav} {selector}").filter(visible=True).evaluate_all(
            f"els => els.map(e => e.{attribute})"))

    def tab_through(wanted: set[str], attribute: str) -> set[str]:
        reached: set[str] = set()
        for _ in range(400):
            page.keyboard.press("Tab")
            value = page.evaluate(f"document.activeElement && document.activeElement.{attribute}")
            if value:
                reached.add(value)
            if wanted <= reached:
                break
        return reached

    links = shown("a.md-nav__link[href]", "href")
    toggles = shown("label.md-nav__link[for][tabindex='0']", "htmlFor")
    assert len(links) >= 20 and len(toggles) >= 5
    reached = tab_through(links, "href")
    assert links <= reached, sorted(links - reached)
    page.locator("body").focus()
    reached = tab_through(toggles, "htmlFor")
    assert toggles <= reached, sorted(toggles - reached)
    # a folded section opens from the keyboard, and its links can then be reached
    folded = page.locator(f"{nav} label.md-nav__link[for][tabindex='0']").filter(visible=True).last
    folded.focus()
    page.keyboard.press("Enter")
    opened = shown("a.md-nav__link[href]", "href") - links
    assert opened
    page.locator("body").focus()
    reached = tab_through(opened, "href")
    assert opened <= reached, sorted(opened - reached)


def test_the_skip_link_comes_first_and_focus_is_visible(page, sample_server: str) -> None:
    page.goto(sample_server + "thresholds/")
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.textContent.trim(), document.activeElement.getAttribute('href')]")
    assert focused[0].lower().startswith("skip to content") and focused[1].startswith("#")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle + ' ' + "
                            "getComputedStyle(document.activeElement).boxShadow")
    assert outline != "none none", "the focused element shows no outline or ring"


def test_abbreviations_show_their_meaning_on_keyboard_focus(page, sample_server: str) -> None:
    page.goto(sample_server + "teams/")
    focusable = page.locator("abbr[tabindex='0']")
    texts = focusable.evaluate_all("els => els.map(e => e.textContent)")
    assert texts and len(texts) == len(set(texts))  # the first use of each, once
    glossary = {t.abbr: t.term
                for t in load_handbook(SAMPLE_DATA, base=SAMPLE_DATA.parent).area(schema.GlossaryFile).terms}
    first = focusable.first
    first.focus()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(timeout=3000)
    assert tooltip.inner_text().strip() == glossary[first.inner_text()]


def test_a_page_prints_without_navigation(page, sample_server: str, tmp_path: Path) -> None:
    page.goto(sample_server + "journey/")
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
        assert page.locator(chrome).first.evaluate("e => getComputedStyle(e).display") == "none", chrome
    assert page.locator("article h1").is_visible()
    width = page.locator("svg#journey-diagram").evaluate("e => e.getBoundingClientRect().width")
    assert width <= page.locator("article").evaluate("e => e.getBoundingClientRect().width") + 1
    page.screenshot(path=str(tmp_path / "journey-print.png"), full_page=True)
    page.pdf(path=str(tmp_path / "journey.pdf"))
    assert (tmp_path / "journey.pdf").stat().st_size > 10_000


def test_the_whole_handbook_prints_from_one_page(built_sample: Path) -> None:
    soup = BeautifulSoup((built_sample / "print" / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    titles = [h.get_text().strip("¶ ") for h in article.select("h2")]
    assert titles[:5] == ["Start here", "Vision and values", "Our practice model", "How we are organised",
                          "The child's journey"]
    assert article.select_one("svg#journey-diagram") and article.select_one(".hb-continuum table")
    assert not article.select("form")  # no filter on paper
    for stage_heading in ("contact", "closure", "universal", "front-door"):
        assert article.find(id=stage_heading) is not None


def test_every_page_links_to_the_accessibility_statement(built_sample: Path) -> None:
    for html in built_sample.rglob("index.html"):
        links = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select(".md-footer a.hb-footer-link")
        assert any(a.get_text() == "Accessibility statement" for a in links), html
    statement = BeautifulSoup((built_sample / "accessibility" / "index.html").read_text(), "html.parser")
    headings = [h.get_text().strip("¶ ") for h in statement.select("article h2, article h3")]
    for required in ("How accessible this website is", "Feedback and contact information", "Enforcement procedure",
                     "Compliance status", "How we tested this website", "Preparation of this accessibility statement"):
        assert required in headings
    assert re.search(r"axe-core \d+\.\d+\.\d+", statement.get_text())
