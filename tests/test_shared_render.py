"""Each area is rendered once per build and shared by its own page and the whole-handbook page:
the shared render must give each page exactly what rendering it for that page gives."""

from __future__ import annotations

import re

import pytest

from handbook import schema
from handbook.areas import AREAS_BY_ID
from handbook.book import Handbook
from handbook.render.context import Context
from handbook.render.pages import AREA_RENDERERS, render_shared
from handbook.render.whole import render_whole_handbook

CONTROL = re.compile(r"[\x00-\x08]")


@pytest.mark.parametrize("area_id", sorted(AREA_RENDERERS))
def test_shared_render_matches_a_render_for_each_page(sample: Handbook, area_id: str) -> None:
    page = AREAS_BY_ID[area_id].page
    shared = render_shared(sample, area_id)
    own = Context(sample, page)
    assert shared.on_own_page() == AREA_RENDERERS[area_id](own)
    assert shared.scripts == own.scripts
    printing = Context(sample, "print.md", for_print=True)
    assert shared.elsewhere("print.md") == AREA_RENDERERS[area_id](printing)
    assert not CONTROL.search(shared.on_own_page() + shared.elsewhere("print.md"))  # type: ignore[operator]


def test_links_to_the_area_page_are_written_out_on_the_whole_handbook_page(sample: Handbook) -> None:
    shared = render_shared(sample, "quality")
    measure = sample.area(schema.QualityFile).measures[0]
    assert f"](#{measure.id}" in shared.on_own_page()
    assert f"](quality.md#{measure.id}" in shared.elsewhere("print.md")  # type: ignore[operator]


def test_old_anchors_are_kept_on_the_area_page_only(sample: Handbook) -> None:
    shared = render_shared(sample, "journey")
    stage = sample.area(schema.JourneyFile).stages[0]
    link = f"[{stage.name}](journey/{stage.id}.md)"
    assert f"{link}{{ #{stage.id} .hb-moved }}" in shared.on_own_page()
    printed = shared.elsewhere("print.md")
    assert printed is not None
    assert link in printed
    assert ".hb-moved" not in printed  # there the stage's own section holds the anchor
    # the flowchart's boxes link to the anchor, wherever the chart is shown
    assert f'href="#{stage.id}"' in printed


def test_the_services_filter_is_only_on_the_services_page(sample: Handbook) -> None:
    shared = render_shared(sample, "services")
    assert 'id="services-filter"' in shared.on_own_page()
    assert "services-filter" not in shared.elsewhere("print.md")  # type: ignore[operator]
    assert shared.scripts == {"services-filter"}


def test_a_page_in_another_folder_gets_its_own_render(sample: Handbook) -> None:
    # Links written in the data are relative to the top folder: sharing would break them.
    assert render_shared(sample, "journey").elsewhere("about/print.md") is None
    whole = render_whole_handbook(Context(sample, "about/print.md"))
    assert "](../journey.md#" in whole and not CONTROL.search(whole)
