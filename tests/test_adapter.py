"""The engine-neutral part of a build (handbook.site.Build), tested without any engine."""

from __future__ import annotations

from conftest import REPO
from handbook.areas import FRAMEWORKS_INDEX_PAGE, framework_page
from handbook.book import Handbook
from handbook.site import Build


def test_framework_pages_go_straight_after_the_frameworks_index_wherever_it_is(sample: Handbook) -> None:
    build = Build(REPO, sample)
    nav: list[object] = ["index.md",
                         {"Deep": [{"Deeper": ["a.md", {"All frameworks": FRAMEWORKS_INDEX_PAGE}, "b.md"]}]}]
    assert build.add_to_nav(nav)
    deeper = nav[1]["Deep"][0]["Deeper"]  # type: ignore[index]
    pages = [next(iter(entry.values())) for entry in deeper[2:-1]]
    assert deeper[0] == "a.md" and deeper[-1] == "b.md"
    assert pages == [framework_page(f.id) for f in build.handbook.frameworks]


def test_a_navigation_without_the_frameworks_index_is_left_alone(sample: Handbook) -> None:
    nav: list[object] = ["index.md", {"Practice": ["thresholds.md"]}]
    assert not Build(REPO, sample).add_to_nav(nav)
    assert nav == ["index.md", {"Practice": ["thresholds.md"]}]


def test_every_page_the_engine_writes_gets_the_policy_and_keyboard_reachable_abbreviations() -> None:
    page = ("<html><head><title>t</title></head>"
            "<body><abbr title='x'>CIN</abbr> <abbr title='x'>CIN</abbr></body></html>")
    finished = Build.finish_page(page)
    assert '<meta http-equiv="Content-Security-Policy"' in finished.split("<title>")[0]
    assert finished.count('tabindex="0"') == 1  # the first use only
