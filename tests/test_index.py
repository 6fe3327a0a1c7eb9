"""The cross-reference index derives every reverse link from references declared once."""

from __future__ import annotations

import pytest

from conftest import MINIMAL_DATA, copy_project
from handbook.index import Index
from handbook.validate import load_handbook


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    project = copy_project(tmp_path_factory.mktemp("index") / "project", MINIMAL_DATA)
    return load_handbook(project / "data", base=project).index


def test_reverse_links_are_derived_from_declared_references(index: Index) -> None:
    assert [i.id for i in index.evidenced_by("OM4")] == ["contact"]
    assert [i.id for i in index.evidenced_by("PS5")] == ["contact"]
    assert [i.id for i in index.referring("family-team", "stage")] == ["assessment", "closure"]
    assert [i.id for i in index.referring("family-team", "service")] == ["family-hub"]
    assert [i.id for i in index.referring("complex", "service")] == ["family-hub"]
    assert [i.id for i in index.referring("genogram", "stage")] == ["contact"]
    assert [i.id for i in index.referring("visits-in-time", "standard")] == ["child-seen"]


def test_references_inside_an_item_belong_to_that_item(index: Index) -> None:
    """A decision's outcome is declared deep inside a stage; the link is from the stage."""
    assert [i.id for i in index.referring("assessment", "stage")] == ["contact"]
    assert [i.id for i in index.referring("closure", "stage")] == ["contact", "assessment"]


def test_items_know_their_page_anchor_file_and_line(index: Index) -> None:
    stage = index.items["assessment"]
    where = (stage.page, stage.anchor, stage.file, stage.line)
    assert where == ("journey/assessment.md", None, "data/journey.yaml", 27)
    assert stage.own_page and stage.area.page == "journey.md"  # which keeps an anchor for it
    service = index.items[next(i for i, r in index.items.items() if r.kind == "service")]
    assert (service.page, service.anchor) == ("services.md", service.id)
    statement = index.statements["PS7"]
    assert (statement.page, statement.anchor) == ("frameworks/kss-practice-supervisors.md", "ps7")


def test_gaps_are_the_statements_nothing_evidences(index: Index) -> None:
    gaps = {s.id for s in index.gaps()}
    assert "OM4" not in gaps and "PL1" in gaps
    assert gaps == {s for s in index.statements if not index.evidenced_by(s)}
