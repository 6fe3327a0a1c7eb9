"""What only a browser shows: offline search, links that land, and no request to another host."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from conftest import hosts, site_pages

pytestmark = pytest.mark.browser


def test_search_finds_a_known_term_offline(page, sample_server: str) -> None:
    page.goto(sample_server)
    page.keyboard.press("/")  # Material's keyboard shortcut for search
    page.keyboard.type("supervision")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    assert results.count() > 0
    assert "upervision" in page.locator(".md-search-result").inner_text()
    assert hosts(page.requests) == {urlparse(sample_server).netloc}


def test_a_badge_leads_to_its_statement_and_back(page, sample_server: str) -> None:
    page.goto(sample_server + "supervision/")
    badge = page.locator("a.hb-badge").first
    statement_id = badge.inner_text().split(":")[0].strip()  # then the hidden words for screen readers
    badge.click()
    page.wait_for_function("id => location.pathname.includes('/frameworks/') && location.hash === '#' + id",
                           arg=statement_id.lower(), timeout=10_000)
    assert "/frameworks/" in page.url and page.url.endswith("#" + statement_id.lower())
    heading = page.locator(f"#{statement_id.lower()}")
    assert heading.inner_text().startswith(statement_id)
    assert heading.is_visible()
    # the statement's section lists the supervision item it came from
    section_links = page.locator(f"#{statement_id.lower()} ~ ul a[href*='supervision/']")
    assert section_links.count() >= 1


def test_pages_request_nothing_from_other_hosts(page, sample_server: str) -> None:
    for path in ("", "journey/", "thresholds/", "frameworks/kss-practice-supervisors/", "coverage/", "glossary/"):
        page.goto(sample_server + path)
        page.wait_for_load_state("networkidle")
    assert hosts(page.requests) == {urlparse(sample_server).netloc}


def test_recently_updated_pages_are_marked_in_words_in_the_navigation(page, sample_server: str) -> None:
    page.goto(sample_server + "vision/")
    marked = page.locator("nav.md-nav--primary a:has(.md-status--new)")
    assert marked.count() >= 1
    # The word is what a reader sees and what a screen reader says (CSS text is part of the name).
    shown = marked.first.locator(".md-status--new").evaluate(
        "el => getComputedStyle(el, '::after').content")
    assert shown == '"Updated"'
    title = " ".join(marked.first.evaluate("a => a.textContent").split())
    assert page.get_by_role("link", name=f"{title} Updated").count() >= 1


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 900)])
def test_no_page_scrolls_sideways_on_a_phone_or_a_laptop(browser, sample_server: str, built_sample,
                                                          width: int, height: int) -> None:
    pages = site_pages(built_sample)
    tab = browser.new_page(viewport={"width": width, "height": height})
    wide = {}
    for path in pages:
        tab.goto(sample_server + path)
        scroll_width = tab.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            wide[path or "/"] = scroll_width
    tab.close()
    assert wide == {}, f"pages wider than the {width} px screen: {wide}"


def test_an_abbreviation_in_brackets_is_found_by_search(page, sample_server: str) -> None:
    """"(ICPC)" is the word ICPC to the search: its stage is the first place a search for it leads."""
    page.goto(sample_server)
    page.keyboard.press("/")
    page.keyboard.type("ICPC")
    first = page.locator(".md-search-result__item").first
    first.wait_for(timeout=10_000)
    targets = first.locator("a").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname + new URL(a.href).hash)")
    assert targets[0] == "/journey/" and targets[1] == "/journey/#initial-child-protection-conference", targets
