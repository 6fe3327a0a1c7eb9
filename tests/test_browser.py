"""What only a browser shows: offline search, links that land, and no request to another host."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from conftest import hosts

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
    marked = page.locator("nav.md-nav--primary a:has(.md-status--new)").filter(visible=True)
    assert marked.count() >= 1
    # The word is what a reader sees and what a screen reader says (CSS text is part of the name).
    shown = marked.first.locator(".md-status--new").evaluate(
        "el => getComputedStyle(el, '::after').content")
    assert shown == '"Updated"'
    title = " ".join(marked.first.evaluate("a => a.textContent").split())
    assert page.get_by_role("link", name=f"{title} Updated").count() >= 1


# Each search a new social worker makes, and where its first result must lead (issue 16).
FIRST_RESULTS = [
    ("ICPC", "/journey/initial-child-protection-conference/"),
    ("MASH", "/teams/front-door/"),
    ("s47", "/journey/section-47-enquiry/"),
    ("S47", "/journey/section-47-enquiry/"),
    ("PLO", "/journey/pre-proceedings/"),
    ("LADO", "/glossary/#term-lado"),  # no stage or team: the term's own entry
    ("s20", "/journey/coming-into-care/"),
    ("strategy discussion", "/journey/strategy-discussion/"),
    # Material's search adds a wildcard to every word of a search ("section* 20*", "in*"), so
    # a page titled "Section 47 enquiry" or "Initial child protection conference" outranks the
    # one meant; the right page is second. Kept here so a fix shows up as an unexpected pass.
    pytest.param("section 20", "/journey/coming-into-care/", marks=pytest.mark.xfail(
        strict=True, reason="first result is the Section 47 enquiry page (its title has 'section')")),
    pytest.param("child in need plan", "/journey/child-in-need-plan/", marks=pytest.mark.xfail(
        strict=True, reason="first result is the ICPC page ('in*' matches 'Initial')")),
]


@pytest.mark.parametrize(("query", "expected"), FIRST_RESULTS)
def test_a_practice_word_leads_first_to_its_stage_or_section(page, sample_server: str, query: str,
                                                             expected: str) -> None:
    page.goto(sample_server)
    page.keyboard.press("/")
    page.keyboard.type(query)
    first = page.locator(".md-search-result__item").first
    first.wait_for(timeout=10_000)
    targets = first.locator("a").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname + new URL(a.href).hash)")
    assert expected in targets[:2], targets


def test_an_abbreviation_in_brackets_is_found_by_search(page, sample_server: str) -> None:
    """"(ICPC)" is the word ICPC to the search: its stage is the first place a search for it leads."""
    page.goto(sample_server)
    page.keyboard.press("/")
    page.keyboard.type("ICPC")
    first = page.locator(".md-search-result__item").first
    first.wait_for(timeout=10_000)
    targets = first.locator("a").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname + new URL(a.href).hash)")
    assert targets[0] == "/journey/initial-child-protection-conference/", targets
