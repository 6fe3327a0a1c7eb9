"""The JSON Schemas editors use: generated from the models, up to date, and they catch mistakes."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import MINIMAL_DATA, REPO, SAMPLE_DATA, handbook_here
from handbook.areas import AREAS, FRAMEWORKS_FOLDER
from handbook.jsonschema import FRAMEWORK_SCHEMA, schema_name, stale_or_missing
from test_broken_inputs import BROKEN, CASES, broken_project


def load_schema(name: str) -> dict:
    return json.loads((REPO / "schema" / name).read_text(encoding="utf-8"))


class Yaml12Loader(yaml.SafeLoader):
    """Reads dates as text, as YAML 1.2 (and so the editors' YAML language server) does."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def schema_errors(data_dir: Path) -> list[str]:
    """Every schema complaint about every data file (a file YAML cannot read counts as one)."""
    complaints = []
    targets = [(data_dir / area.file, schema_name(area.file)) for area in AREAS]
    targets += [(path, FRAMEWORK_SCHEMA) for path in sorted((data_dir / FRAMEWORKS_FOLDER).glob("*.yaml"))]
    for path, name in targets:
        if not path.exists():
            continue
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)
        except (yaml.YAMLError, UnicodeDecodeError) as error:
            complaints.append(f"{path.name}: cannot be read: {error}")
            continue
        validator = jsonschema.Draft7Validator(load_schema(name))
        complaints += [f"{path.name}: {e.message}" for e in validator.iter_errors(data if data is not None else {})]
    return complaints


def test_committed_schemas_are_up_to_date() -> None:
    assert stale_or_missing(REPO, REPO / "data") == [], "run `make schema` and commit schema/"


def test_schemas_are_draft_07_and_valid() -> None:
    for path in (REPO / "schema").glob("*.schema.json"):
        schema = json.loads(path.read_text())
        assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
        jsonschema.Draft7Validator.check_schema(schema)
        assert "$defs" not in path.read_text(), "draft-07 uses definitions"


def test_schemas_accept_the_data_the_sample_and_the_minimal_authority() -> None:
    assert schema_errors(REPO / "data") == []
    assert schema_errors(SAMPLE_DATA) == []
    assert schema_errors(MINIMAL_DATA) == []


def test_every_data_file_points_at_an_existing_schema() -> None:
    files = sorted((REPO / "data").rglob("*.yaml"))
    assert len(files) == len(AREAS) + len(list((REPO / "data" / FRAMEWORKS_FOLDER).glob("*.yaml")))
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target.is_file() and target.parent == (REPO / "schema").resolve(), path


def test_statement_ids_complete_with_their_titles() -> None:
    evidences = load_schema("journey.schema.json")["definitions"]["Stage"]["properties"]["evidences"]
    choices = {c["const"]: c["description"] for c in evidences["items"]["oneOf"]}
    assert choices["PS7"] == "Emotionally intelligent practice supervision (KSS practice supervisors)"
    assert len(choices) == 34


SCHEMA_CASES = [case for case in CASES if not (BROKEN / case / "not-for-schema.txt").exists()]


def test_most_kinds_of_mistake_are_for_the_schema() -> None:
    assert len(SCHEMA_CASES) >= 12


@pytest.mark.parametrize("case", SCHEMA_CASES)
def test_schemas_reject_each_broken_input(tmp_path: Path, case: str) -> None:
    project = broken_project(tmp_path, case)
    assert schema_errors(project / "data"), f"the schemas accept the {case} fixture"


def test_schema_command_reports_a_stale_schema(tmp_path: Path) -> None:
    from conftest import copy_project

    project = copy_project(tmp_path / "project")  # schema/ is part of the copy
    assert handbook_here(project, "schema", "--check").returncode == 0
    (project / "schema" / "journey.schema.json").write_text("{}")
    run = handbook_here(project, "schema", "--check")
    assert run.returncode == 1 and "schema/journey.schema.json is out of date" in run.output
    assert handbook_here(project, "schema").returncode == 0
    assert handbook_here(project, "schema", "--check").returncode == 0
