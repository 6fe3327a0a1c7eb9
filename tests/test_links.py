"""'Edit this' and 'suggest a change' links: present when a repository is set, absent otherwise."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from bs4 import BeautifulSoup

from conftest import MINIMAL_DATA, copy_project, handbook

REPOSITORY = "https://github.com/example-council/practice-handbook"


@pytest.fixture(scope="module")
def linked_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("links") / "project", MINIMAL_DATA)
    authority = project / "data" / "authority.yaml"
    authority.write_text(authority.read_text() + f"repository:\n  url: {REPOSITORY}\n  branch: live\n")
    run = handbook(project, "build")
    assert run.returncode == 0, run.output
    return project / "site"


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_every_page_links_to_its_source_and_to_the_suggestion_form(linked_site: Path) -> None:
    pages = {"journey": "data/journey.yaml", "": "data/authority.yaml",
             "frameworks/kss-practice-leaders": "data/frameworks/kss-practice-leaders.yaml",
             "how-to-change": "docs/how-to-change.md", "coverage": "docs/coverage.md"}
    for path, source in pages.items():
        links = soup(linked_site, path).select(".hb-page-actions a")
        assert links[0]["href"] == f"{REPOSITORY}/edit/live/{source}", path
        suggest = urlparse(links[1]["href"])
        assert f"{suggest.scheme}://{suggest.netloc}{suggest.path}" == f"{REPOSITORY}/issues/new"
        query = parse_qs(suggest.query)
        assert query["template"] == ["suggest-a-change.yml"]
        assert query["page"][0].endswith(f"(/{path + '/' if path else ''})")


def test_each_item_links_to_its_line(linked_site: Path) -> None:
    for stage, line in (("contact", 3), ("assessment", 27), ("closure", 42)):
        links = soup(linked_site, f"journey/{stage}").select("a.hb-source-link")
        assert [a["href"] for a in links] == [f"{REPOSITORY}/blob/live/data/journey.yaml#L{line}"], stage
        assert links[0].get_text() == f"Source: data/journey.yaml, line {line}"
    services = soup(linked_site, "services").select("a.hb-source-link")  # items that are sections of a page
    assert services and all("/data/services.yaml#L" in a["href"] for a in services)


def test_no_links_and_no_scripts_without_a_repository(minimal_project: Path) -> None:
    assert handbook(minimal_project, "build").returncode == 0
    page = soup(minimal_project / "site", "journey")
    assert not page.select(".hb-page-actions") and not page.select("a.hb-source-link")


def test_the_links_call_nothing(linked_site: Path) -> None:
    for html in linked_site.rglob("*.html"):
        page = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        assert not [s for s in page.find_all("script", src=True) if "github" in s["src"]]
        assert "api.github.com" not in html.read_text(encoding="utf-8")
