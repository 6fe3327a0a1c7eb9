"""Every place that knows the areas agrees with the one table in areas.py (after datasette's test_docs).

An area is declared once, in `areas.AREAS`; item kinds come from the models. What cannot be
derived (a docs page, a data file, a renderer module) is checked here, so a new area that misses
one of them fails a test rather than passing `handbook check` and breaking the build.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

import bench
from conftest import MINIMAL_DATA, REPO, SAMPLE_DATA
from handbook import new, schema
from handbook.areas import AREAS, KINDS, Kind, kind_label
from handbook.book import Handbook
from handbook.explain import EXPLANATIONS
from handbook.pagemacros import Page, page_macros
from handbook.render.pages import AREA_RENDERERS, renderer_module
from handbook.rules import RULES
from handbook.site import Build
from handbook.templates import PAGE_MACROS
from handbook.validate import check
from handbook.walk import fields_of, model_classes, references, walk_models

AREA_MACRO = re.compile(r'\{\{\s*area\("([a-z-]+)"\)\s*\}\}')


def _nav_pages(nav: object) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [page for entry in nav for page in _nav_pages(entry)]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in _nav_pages(value)]
    return []


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as plain YAML: its `!ENV` and `!!python/name` tags read as nothing."""


_ConfigLoader.add_multi_constructor("", lambda _loader, _suffix, _node: None)


def _mkdocs_nav() -> list[str]:
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    return _nav_pages(config["nav"])


def test_every_area_page_is_in_docs_shows_its_area_and_is_in_the_navigation() -> None:
    nav = _mkdocs_nav()
    for area in AREAS:
        if area.page is None:
            continue
        page = REPO / "docs" / area.page
        assert page.is_file(), f"{area.id}: docs/{area.page} is missing"
        assert area.page in nav, f"{area.id}: {area.page} is not in mkdocs.yml's nav"
        shown = AREA_MACRO.findall(page.read_text(encoding="utf-8"))
        if area.id != "authority":  # the home page is drawn by its own macro
            assert shown == [area.id], f"docs/{area.page} should show {{{{ area(\"{area.id}\") }}}}, not {shown}"
    # ...and no docs page shows an area that is not in the table
    for page in (REPO / "docs").rglob("*.md"):
        for shown_id in AREA_MACRO.findall(page.read_text(encoding="utf-8")):
            assert shown_id in {a.id for a in AREAS}, f"{page.name} shows an unknown area {shown_id}"


def test_every_area_with_a_page_has_exactly_one_renderer_found_by_its_id() -> None:
    paged = {area.id for area in AREAS if area.page and area.id != "authority"}
    assert set(AREA_RENDERERS) == paged
    for area in AREAS:
        if area.id in AREA_RENDERERS:
            assert AREA_RENDERERS[area.id].__module__ == renderer_module(area)


@pytest.mark.parametrize("folder", [SAMPLE_DATA, MINIMAL_DATA], ids=["sample", "minimal"])
def test_the_sample_and_minimal_data_have_a_file_for_every_required_area(folder: Path) -> None:
    files = {path.name for path in folder.glob("*.yaml")}
    assert {area.file for area in AREAS if not area.optional} <= files
    assert files <= {area.file for area in AREAS}, "a data file no area reads"


def test_a_new_project_has_a_file_for_every_area_and_passes_the_check(tmp_path: Path) -> None:
    created = new.create(REPO, tmp_path / "new", "Testford Borough Council")
    files = {path.name for path in (tmp_path / "new" / "data").glob("*.yaml")}
    assert {area.file for area in AREAS if not area.optional} <= files
    assert files <= {area.file for area in AREAS}
    assert created.problems == 0


def test_kinds_come_from_the_models_and_each_has_one_home() -> None:
    item_models = [model for area in AREAS for model in model_classes(area.model) if hasattr(model, "kind")]
    assert {model.kind for model in item_models} | {"statement"} == set(KINDS)  # type: ignore[attr-defined]
    area_ids = {area.id for area in AREAS}
    for kind in KINDS.values():
        assert kind.area in area_ids or (kind.area is None and kind.id == "statement"), kind
        assert kind_label(kind.id) == kind.label == kind.model.kind_label  # type: ignore[attr-defined]


def test_every_reference_in_the_models_names_a_kind_that_exists() -> None:
    for area in AREAS:
        for model in model_classes(area.model):
            for info in fields_of(model):
                if info.ref is not None:
                    assert info.ref.kind in KINDS or info.ref.kind == schema.ANY_ITEM, (
                        f"{model.__name__}.{info.name} refers to unknown kind {info.ref.kind!r}")


def test_rules_and_the_benchmark_name_only_area_files() -> None:
    models = {area.model for area in AREAS}
    assert set(RULES) <= models
    assert set(bench.SCALED_LISTS) <= {area.file for area in AREAS}
    assert all(callable(explain) for explain in EXPLANATIONS.values())


def _referenced_kinds() -> dict[str, Kind]:
    # (a reference to an item of any kind, a glossary term's `see`, has its broken-input fixture)
    return {info.ref.kind: KINDS[info.ref.kind] for area in AREAS for model in model_classes(area.model)
            for info in fields_of(model) if info.ref is not None and info.ref.kind != schema.ANY_ITEM}


@pytest.mark.parametrize("kind", sorted(_referenced_kinds()))
def test_a_wrong_id_of_every_kind_is_caught_where_it_is_written(kind: str, tmp_path: Path, sample: Handbook) -> None:
    handbook = sample
    held = [(area, ref) for area in AREAS if area.id in handbook.areas
            for model, loc in walk_models(handbook.areas[area.id]) for ref in references(model, loc)
            if ref.kind == kind]
    assert held, f"the sample has no reference to {kind}: add one so that this check is tested"
    area, ref = held[0]
    loaded = next(f for f in handbook.files.values() if f.path.endswith(area.file))
    position = loaded.position(ref.loc)
    assert position is not None
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    lines = (data / area.file).read_text(encoding="utf-8").split("\n")
    line = lines[position.line - 1]
    start = (position.column or 1) - 1
    written = re.compile(rf"(?<![\w-]){re.escape(ref.target)}(?![\w-])")
    assert written.search(line, start), (line, ref)
    lines[position.line - 1] = line[:start] + written.sub("zz-no-such-id", line[start:], count=1)
    (data / area.file).write_text("\n".join(lines), encoding="utf-8")

    _, problems = check(data, base=tmp_path)
    wrong = [p for p in problems.errors if f"Unknown {kind_label(kind)} `zz-no-such-id`" in p.title]
    assert [(p.file, p.line) for p in wrong] == [(f"data/{area.file}", position.line)], \
        "\n".join(p.format() for p in problems.errors)


def test_the_sample_still_holds_each_kind_of_reference_once_checked(sample: Handbook) -> None:
    """The test above is only as good as the sample: every referenced kind appears in it."""
    handbook = sample
    held = {ref.kind for data in handbook.areas.values() for model, loc in walk_models(data)
            for ref in references(model, loc)}
    assert set(_referenced_kinds()) | {schema.ANY_ITEM} <= held
    assert isinstance(handbook.area(schema.TeamsFile), schema.TeamsFile)


def test_the_page_sandbox_allows_exactly_the_macros_the_library_provides(sample: Handbook) -> None:
    provided = page_macros(Build(REPO, sample), lambda: Page("index.md", {}))
    assert set(provided) == set(PAGE_MACROS)
