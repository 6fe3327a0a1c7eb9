"""Reading YAML with the line and column of every value kept."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from handbook.loader import Position, load_yaml


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "file.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_positions_of_keys_and_values(tmp_path: Path) -> None:
    loaded, problems = load_yaml(write(tmp_path, "stages:\n  - id: contact\n    evidences: [OM4, PS5]\n"), "f.yaml")
    assert not problems and loaded is not None
    assert loaded.data == {"stages": [{"id": "contact", "evidences": ["OM4", "PS5"]}]}
    key = loaded.position(("stages", 0, "id"))
    value = loaded.position(("stages", 0, "evidences", 1))
    assert (key.line, key.column) == (2, 5)
    assert (value.line, value.column) == (3, 22)
    assert loaded.position(("stages", 0, "missing")).line == 2  # the entry that lacks it
    assert loaded.position(("nowhere",)).line == 1


def test_position_of_a_missing_field_is_its_entry(tmp_path: Path) -> None:
    loaded, _ = load_yaml(write(tmp_path, "a: 1\nteams:\n  - id: x\n    name: X\n"), "f.yaml")
    assert loaded is not None
    assert loaded.line_of(("teams", 0, "summary")) == 3


def test_duplicate_keys_are_reported_not_overwritten(tmp_path: Path) -> None:
    loaded, problems = load_yaml(write(tmp_path, "name: One\nsummary: x\nname: Two\n"), "f.yaml")
    assert len(problems) == 1
    assert problems[0].line == 3 and "appears twice" in problems[0].title
    assert "line 1" in problems[0].found


def test_syntax_error_names_line_and_gives_a_hint(tmp_path: Path) -> None:
    loaded, problems = load_yaml(write(tmp_path, "name: ok\nsummary: Timescale: 1 day\n"), "f.yaml")
    assert loaded is None
    assert problems[0].line == 2
    assert "put the whole text in quotes" in problems[0].fix


def test_empty_file_is_an_empty_mapping(tmp_path: Path) -> None:
    loaded, problems = load_yaml(write(tmp_path, "# nothing yet\n"), "f.yaml")
    assert loaded is not None and loaded.data == {} and not problems


def test_yaml_values_keep_their_types(tmp_path: Path) -> None:
    loaded, _ = load_yaml(write(tmp_path, "a: yes\nb: 12\nc: '12'\nd: 2024-01-31\n"), "f.yaml")
    assert loaded is not None
    assert loaded.data["a"] is True and loaded.data["b"] == 12 and loaded.data["c"] == "12"
    assert str(loaded.data["d"]) == "2024-01-31"


def test_whole_numbers_read_as_pyyaml_reads_them(tmp_path: Path) -> None:
    text = "a: 0\nb: 007\nc: 1_000\nd: +1\ne: 12345678901234567890123\nf: 0x1f\ng: 10\n"
    loaded, _ = load_yaml(write(tmp_path, text), "f.yaml")
    assert loaded is not None
    assert loaded.data == yaml.safe_load(text)


def test_a_number_too_long_for_python_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    loaded, problems = load_yaml(write(tmp_path, "a: " + "9" * 5000 + "\n"), "f.yaml")
    assert loaded is None and problems[0].line == 1


def test_non_utf8_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes("name: caf\xe9\n".encode("latin-1"))
    loaded, problems = load_yaml(path, "f.yaml")
    assert loaded is None and "UTF-8" in problems[0].title


def test_a_hash_that_cuts_text_short_is_a_warning(tmp_path: Path) -> None:
    loaded, problems = load_yaml(write(tmp_path, "name: Vision #1 for all\ndraft: true  # a comment\n"), "f.yaml")
    assert loaded is not None and loaded.data["name"] == "Vision"
    (warning,) = problems
    assert warning.severity.value == "warning" and (warning.line, warning.column) == (1, 14)
    assert "#1 for all" in warning.found and "quotes" in warning.fix


def test_merge_keys_can_be_overridden_without_a_duplicate_error(tmp_path: Path) -> None:
    text = "base: &b\n  id: one\n  name: One\nother:\n  <<: *b\n  id: two\n"
    loaded, problems = load_yaml(write(tmp_path, text), "f.yaml")
    assert problems == [] and loaded is not None
    assert loaded.data["other"] == {"id": "two", "name": "One"}


def test_yaml_tags_and_self_referring_aliases_are_problems_not_crashes(tmp_path: Path) -> None:
    for text, title in (("items:\n  - !Important: see\n", "The YAML in this file cannot be read"),
                        ("x: !!int abc\n", "The YAML in this file cannot be read"),
                        ("loop: &x\n  - *x\n", "An alias in this file refers to itself")):
        loaded, problems = load_yaml(write(tmp_path, text), "f.yaml")
        assert loaded is None and problems[0].title == title, text


def _paths(value: object, loc: tuple = ()) -> list[tuple]:
    """Every key and list position in the data, and a missing field under each mapping."""
    found = [loc]
    if isinstance(value, dict):
        found.append((*loc, "no-such-field"))
        for key, child in value.items():
            found += _paths(child, (*loc, key))
    elif isinstance(value, list):
        found.append((*loc, len(value)))
        for i, child in enumerate(value):
            found += _paths(child, (*loc, i))
    return found


def _yaml_files() -> list[Path]:
    root = Path(__file__).resolve().parents[1]
    return sorted([*root.glob("data/**/*.yaml"), *root.glob("tests/fixtures/**/*.yaml")])


@pytest.mark.parametrize("path", _yaml_files(), ids=lambda p: str(p.relative_to(Path(__file__).resolve().parents[1])))
def test_fast_reader_agrees_with_the_thorough_one(path: Path) -> None:
    """The fast reader (parser events) must give the same data, problems and positions as PyYAML's composer."""
    fast, fast_problems = load_yaml(path, "f.yaml")
    thorough, thorough_problems = load_yaml(path, "f.yaml", fast=False)
    assert [p.format() for p in fast_problems] == [p.format() for p in thorough_problems]
    if thorough is None:
        assert fast is None
        return
    assert fast is not None
    assert fast.data == thorough.data
    assert repr(fast.data) == repr(thorough.data)  # same types too: 1 is not "1", True is not "true"
    for loc in _paths(thorough.data):
        assert fast.position(loc) == thorough.position(loc), loc


def test_the_sample_is_read_by_the_fast_reader() -> None:
    for path in Path(__file__).resolve().parents[1].glob("data/**/*.yaml"):
        loaded, _ = load_yaml(path, path.name)
        assert loaded is not None and loaded.table is not None, path


def test_unusual_yaml_is_read_the_thorough_way(tmp_path: Path) -> None:
    loaded, problems = load_yaml(write(tmp_path, "base: &b\n  x: 1\ncopy:\n  <<: *b\n  y: 2\n"), "f.yaml")
    assert not problems and loaded is not None and loaded.table is None
    assert loaded.data == {"base": {"x": 1}, "copy": {"x": 1, "y": 2}}
    assert loaded.line_of(("copy", "y")) == 5


def test_a_text_alias_is_placed_where_it_is_written_not_at_its_anchor(tmp_path: Path) -> None:
    text = "levels:\n  - &early early-help\n  - universal\nservices:\n  - name: Hub\n    levels: [universal, *early]\n"
    loaded, problems = load_yaml(write(tmp_path, text), "f.yaml")
    assert not problems and loaded is not None and loaded.table is None  # read the thorough way
    assert loaded.data["services"][0]["levels"] == ["universal", "early-help"]
    assert loaded.position(("services", 0, "levels", 1)) == Position(6, 25)  # the alias, not line 2
    assert loaded.position(("levels", 0)) == Position(2, 5)  # the anchor's own value stays where it is


def test_a_warning_about_aliased_text_is_given_once_not_at_every_use(tmp_path: Path) -> None:
    loaded, problems = load_yaml(write(tmp_path, "name: &a Vision #1 for all\nother: *a\nthird: [*a]\n"), "f.yaml")
    assert loaded is not None and loaded.data["third"] == ["Vision"]
    assert [(p.line, p.column, p.title) for p in problems] == [
        (1, 17, "Part of this line is read as a comment, not as text")]
