"""Reading YAML with the line and column of every value kept."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from handbook.errors import Severity
from handbook.loader import MAX_FILE_BYTES, Position, is_present, load_yaml, read_folder


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
    _loaded, problems = load_yaml(write(tmp_path, "name: One\nsummary: x\nname: Two\n"), "f.yaml")
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
    for text, title, line in (("items:\n  - !Important: see\n", "The YAML in this file cannot be read", 2),
                              ("x: !!int abc\n", "This value has a YAML tag (`!!int`)", 1),
                              ("loop: &x\n  - *x\n", "An alias in this file refers to itself", 2),
                              ("base: &x\n  <<: *x\n", "An alias in this file refers to itself", 2)):
        loaded, problems = load_yaml(write(tmp_path, text), "f.yaml")
        assert loaded is None and (problems[0].title, problems[0].line) == (title, line), text


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


# --- input that must be refused with a message, never a traceback, a hang or a huge allocation ---


def _both_readers(path: Path) -> list:
    """The problems from the fast and the thorough reader, which must agree."""
    fast, fast_problems = load_yaml(path, "f.yaml")
    thorough, thorough_problems = load_yaml(path, "f.yaml", fast=False)
    assert [p.format() for p in fast_problems] == [p.format() for p in thorough_problems]
    assert (fast is None) == (thorough is None)
    return fast_problems


@pytest.mark.timeout(10)
def test_an_alias_bomb_is_refused_at_the_alias_that_goes_over_the_limit(tmp_path: Path) -> None:
    lines = ["l0: &l0 [" + ", ".join(["lol"] * 10) + "]"]
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, 10)]
    (problem,) = _both_readers(write(tmp_path, "\n".join(lines) + "\n"))
    assert problem.title == "Aliases in this file repeat too much"
    # l1 to l3 repeat 12,330 values; l4 holds 10 aliases of l3 (11,111 values each): the 8th takes
    # the total past 100,000.
    assert (problem.line, problem.column) == (5, len("l4: &l4 [") + 7 * len("*l3, ") + 1)
    assert "Write the entries out" in problem.fix


def test_aliases_within_the_limit_are_read(tmp_path: Path) -> None:
    text = "base: &b [" + ", ".join(["x"] * 99) + "]\n" + "".join(f"c{i}: *b\n" for i in range(900))
    loaded, problems = load_yaml(write(tmp_path, text), "f.yaml")  # 90,000 values repeated
    assert problems == [] and loaded is not None and loaded.data["c899"] == ["x"] * 99


@pytest.mark.timeout(10)
@pytest.mark.parametrize(("text", "line", "column"), [
    ("a: " + "[" * 100_000 + "]" * 100_000 + "\n", 1, 53),  # the mapping, then 50 lists: the 51st is refused
    ("a: " + "[" * 100_000 + "\n", 1, 53),  # never closed
    ("a: " + "{b: " * 100_000 + "\n", 1, 200),
    ("items:\n" + "- " * 100_000 + "x\n", 2, 99),  # one line of list entries in list entries: the 50th
    ("".join(" " * i + f"k{i}:\n" for i in range(80)), 51, 51),  # indented mappings, one per line
])
def test_nesting_too_deep_is_refused_where_it_goes_too_deep(tmp_path: Path, text: str, line: int, column: int) -> None:
    (problem,) = _both_readers(write(tmp_path, text))
    assert problem.title == "Lists and groups are nested too deeply here"
    assert (problem.line, problem.column) == (line, column)


def test_nesting_up_to_the_limit_is_read(tmp_path: Path) -> None:
    loaded, problems = load_yaml(write(tmp_path, "a: " + "[" * 49 + "x" + "]" * 49 + "\n"), "f.yaml")
    assert problems == [] and loaded is not None  # the mapping and 49 lists: 50 levels


@pytest.mark.parametrize(("text", "written"), [
    ("when: !!timestamp nope\n", "!!timestamp"),
    ("when: !!timestamp 2026-01-01\n", "!!timestamp"),
    ("x: !!python/object:os.system {}\n", "!!python/object:os.system"),
    ("x: !!python/name:os.system\n", "!!python/name:os.system"),
    ("x: !!binary aGVsbG8=\n", "!!binary"),
    ("x: !!set {a, b}\n", "!!set"),
    ("x: !!omap [a: 1]\n", "!!omap"),
    ("x: !!str 12\n", "!!str"),
    ("x: !foo [a]\n", "!foo"),
    ("%TAG ! tag:yaml.org,2002:\n---\nx: !timestamp nope\n", "!!timestamp"),
])
def test_explicit_tags_are_refused_by_name(tmp_path: Path, text: str, written: str) -> None:
    (problem,) = _both_readers(write(tmp_path, text))
    assert problem.title == f"This value has a YAML tag (`{written}`)"
    assert problem.line == text.count("\n")
    assert f"Remove `{written}`" in problem.fix


def test_text_that_starts_with_an_exclamation_mark_is_told_to_be_quoted(tmp_path: Path) -> None:
    (problem,) = _both_readers(write(tmp_path, "items:\n  - !Important read this\n"))
    assert problem.line == 2 and "Put the text in quotes" in problem.fix


@pytest.mark.parametrize(("character", "title"), [
    ("\x85", "The file contains an invisible control character"),
    ("\x9f", "The file contains an invisible control character"),
    ("\u2028", "The file contains an invisible line separator"),
    ("\u2029", "The file contains an invisible line separator"),
    ("\u202e", "The file contains an invisible text-direction control"),
    ("\u2066", "The file contains an invisible text-direction control"),
])
def test_invisible_characters_are_refused_at_their_place_on_the_editors_lines(
        tmp_path: Path, character: str, title: str) -> None:
    # An earlier one on the same line and one on a line before: YAML would count them as line breaks.
    text = "name: ok\nsummary: >-\n  a" + character + "b\n"
    (problem,) = _both_readers(write(tmp_path, text))
    assert (problem.title, problem.line, problem.column) == (title, 3, 4)
    assert f"{ord(character):x}" in problem.found.lower()  # named by its number


@pytest.mark.parametrize("escape", ["\\N", "\\x85", "\\x9f", "\\u202E", "\\u2069"])
def test_escapes_for_invisible_characters_are_refused(tmp_path: Path, escape: str) -> None:
    (problem,) = _both_readers(write(tmp_path, f'name: ok\nsummary: "a{escape}b"\n'))
    assert (problem.title, problem.line) == ("The text contains an escape for an invisible control character", 2)


def test_escapes_for_line_breaks_are_text(tmp_path: Path) -> None:
    # Like "\n", they are line breaks in the text; the file's own lines are not changed by them.
    loaded, problems = load_yaml(write(tmp_path, 'a: "x\\ny\\Lz\\Pw"\n'), "f.yaml")
    assert problems == [] and loaded is not None and loaded.data == {"a": "x\ny\u2028z\u2029w"}


@pytest.mark.parametrize(("text", "title", "fix"), [
    ("frequency: 1:30\n", "`1:30` is read by YAML as the number 90",
     'put it in quotes: "1:30". If it is a number, write it as 90.'),
    ("value: 1:30.5\n", "`1:30.5` is read by YAML as the number 90.5", 'put it in quotes: "1:30.5"'),
    ("amount: 010\n", "`010` is read by YAML as the number 8",
     'put it in quotes: "010". If it is a number, write it as 10.'),
    ("code: 007\n", "`007` is read by YAML as the number 7",
     'put it in quotes: "007". If it is a number, write it as 7.'),
    ("amount: -010\n", "`-010` is read by YAML as the number -8", "write it as -10."),
    ("levels:\n  1:30: x\n", "`1:30` is read by YAML as the number 90", 'put it in quotes: "1:30"'),  # a key
])
def test_numbers_yaml_reads_differently_from_how_they_are_written(
        tmp_path: Path, text: str, title: str, fix: str) -> None:
    (problem,) = _both_readers(write(tmp_path, text))
    assert problem.title == title and problem.line == text.count("\n")
    assert fix in problem.fix


def test_numbers_and_text_as_written_are_left_alone(tmp_path: Path) -> None:
    text = 'a: "1:30"\nb: 0o7\nc: 1_000\nd: 0.5\ne: 0\nf: 10\ng: 08\n'
    loaded, problems = load_yaml(write(tmp_path, text), "f.yaml")
    assert problems == [] and loaded is not None
    assert loaded.data == {"a": "1:30", "b": "0o7", "c": 1000, "d": 0.5, "e": 0, "f": 10, "g": "08"}


@pytest.mark.parametrize(("text", "line", "column"), [
    ('name: ok\nsummary: "never closed\nnext: x\n', 2, 10),
    ('name: ok\nsummary: "never closed\nnext: x', 2, 10),  # no line break at the end
    ("name: ok\nsummary: 'it''s never closed\n\n\n", 2, 10),
])
def test_an_unclosed_quote_is_reported_where_it_opens(tmp_path: Path, text: str, line: int, column: int) -> None:
    (problem,) = _both_readers(write(tmp_path, text))
    assert (problem.line, problem.column) == (line, column)
    assert "never closed" in problem.fix


def test_an_unclosed_bracket_is_reported_where_it_opens(tmp_path: Path) -> None:
    (problem,) = _both_readers(write(tmp_path, "name: ok\nlevels: [a, b\nnext: x\n"))
    assert (problem.line, problem.column) == (2, 9) and "not closed with ]" in problem.fix


@pytest.mark.parametrize("text", ["a: b\nc", "a: b\nc\t", "a: b\n'c' d", "a: [b", "a: {b", "a: b\nc: &", "a: b\n- c"])
def test_an_error_at_the_end_of_a_file_without_a_final_line_break_is_on_its_last_line(
        tmp_path: Path, text: str) -> None:
    (problem,) = _both_readers(write(tmp_path, text))
    lines = text.split("\n")
    assert problem.line is not None and 1 <= problem.line <= len(lines)
    assert problem.column is not None and 1 <= problem.column <= len(lines[problem.line - 1]) + 1


def test_a_place_after_the_last_line_is_shown_at_the_end_of_the_last_line() -> None:
    from handbook.loader import _place

    class Mark:  # libyaml's end of a file without a final line break: a line after the last
        line, column = 2, 0

    assert _place(Mark, "a: b\nccc") == (2, 4)
    assert _place(Mark, "a: b\nccc\n") == (3, 1)  # the empty line an editor shows after the break


# --- files that are not ordinary files ---


def test_a_link_to_itself_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "f.yaml").symlink_to("f.yaml")
    loaded, problems = load_yaml(tmp_path / "f.yaml", "f.yaml")
    assert loaded is None and problems[0].title == "The file is a link that leads back to itself"
    assert is_present(tmp_path / "f.yaml")


def test_a_broken_link_is_a_problem_not_a_missing_file(tmp_path: Path) -> None:
    (tmp_path / "f.yaml").symlink_to("gone.yaml")
    assert is_present(tmp_path / "f.yaml") and not is_present(tmp_path / "gone.yaml")
    loaded, problems = load_yaml(tmp_path / "f.yaml", "f.yaml")
    assert loaded is None and problems[0].title == "The file is a link to a file that does not exist"
    assert "gone.yaml" in problems[0].found


def test_a_link_must_stay_inside_the_project(tmp_path: Path) -> None:
    project, outside = tmp_path / "project", tmp_path / "outside.yaml"
    project.mkdir()
    outside.write_text("a: 1\n")
    (project / "inside.yaml").write_text("a: 2\n")
    (project / "out.yaml").symlink_to(outside)
    (project / "in.yaml").symlink_to("inside.yaml")
    loaded, problems = load_yaml(project / "out.yaml", "out.yaml", root=project)
    assert loaded is None and problems[0].title == "The file is a link to a file outside the project"
    loaded, problems = load_yaml(project / "in.yaml", "in.yaml", root=project)
    assert problems == [] and loaded is not None and loaded.data == {"a": 2}


@pytest.mark.timeout(10)
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "f.yaml")
    loaded, problems = load_yaml(tmp_path / "f.yaml", "f.yaml")
    assert loaded is None and problems[0].title == "`f.yaml` is not an ordinary file"
    assert problems[0].found == "a named pipe (FIFO) with this name"


def test_a_device_and_a_folder_are_refused(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").mkdir()
    loaded, problems = load_yaml(tmp_path / "x.yaml", "data/x.yaml")
    assert loaded is None and problems[0].found == "a folder with this name"
    if Path("/dev/zero").exists():  # endless: reading it would never stop
        loaded, problems = load_yaml(Path("/dev/zero"), "data/zero.yaml")
        assert loaded is None and problems[0].found == "a device with this name"


def test_an_unreadable_file_is_a_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "a: 1\n")

    def refuse(*_args: object, **_kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)  # as chmod 000 does for anyone but root
    loaded, problems = load_yaml(path, "f.yaml")
    assert loaded is None and problems[0].title == "The file cannot be opened"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_and_folder_are_problems_for_real(tmp_path: Path) -> None:
    path = write(tmp_path, "a: 1\n")
    path.chmod(0)
    assert load_yaml(path, "f.yaml")[1][0].title == "The file cannot be opened"
    path.chmod(0o644)
    tmp_path.chmod(0)
    try:
        assert is_present(path)
        assert load_yaml(path, "f.yaml")[1][0].title == "The file cannot be opened"
        assert read_folder(tmp_path, "data")[1][0].title == "The folder cannot be opened"
    finally:
        tmp_path.chmod(0o755)


def test_an_unlistable_folder_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "scandir", refuse)
    files, problems = read_folder(tmp_path, "data/frameworks")
    assert files == [] and ([(p.title, p.severity) for p in problems]
                            == [("The folder cannot be opened", Severity.ERROR)])


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    with path.open("wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)
    loaded, problems = load_yaml(path, "f.yaml")
    assert loaded is None and problems[0].title == "The file is too big"
    assert problems[0].expected == "a data file may be at most 32 MB (33,554,432 bytes)"
    assert problems[0].found == "32.0 MB (33,554,433 bytes)"
    path.write_bytes(b"a: 1\n" + b"#" * (MAX_FILE_BYTES - 6) + b"\n")  # exactly the limit
    loaded, problems = load_yaml(path, "f.yaml")
    assert problems == [] and loaded is not None


def test_the_size_limit_is_the_one_the_readme_promises() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "a data file at most 32 MB" in " ".join(readme.split())
    assert MAX_FILE_BYTES == 32 * 1024 * 1024


# --- files in the data folder the handbook does not read ---


def test_unknown_files_are_warnings_with_the_name_meant(tmp_path: Path) -> None:
    for name in ("journey.yaml", "journy.yaml", "services.yml", "notes.txt", ".gitkeep"):
        (tmp_path / name).write_text("")
    (tmp_path / "frameworks").mkdir()
    (tmp_path / "framework").mkdir()
    files, problems = read_folder(tmp_path, "data", ["journey.yaml", "services.yaml", "frameworks"])
    assert files == []  # the expected ones are read by name
    by_file = {p.file: p for p in problems}
    assert sorted(by_file) == ["data/framework", "data/journy.yaml", "data/notes.txt", "data/services.yml"]
    assert all(p.severity is Severity.WARNING for p in problems)
    assert by_file["data/journy.yaml"].title == "The file `journy.yaml` is not read"
    assert by_file["data/journy.yaml"].fix.startswith("Did you mean `journey.yaml`?")
    assert by_file["data/services.yml"].fix.startswith("Did you mean `services.yaml`?")
    assert by_file["data/framework"].title == "The folder `framework` is not read"
    assert by_file["data/framework"].fix.startswith("Did you mean `frameworks`?")
    assert "Did you mean" not in by_file["data/notes.txt"].fix


def test_a_framework_folder_lists_its_yaml_files_and_warns_of_the_rest(tmp_path: Path) -> None:
    for name in ("b.yaml", "a.yml", "a.yaml", "notes.txt", "c.YAML"):
        (tmp_path / name).write_text("")
    files, problems = read_folder(tmp_path, "data/frameworks")
    assert [f.name for f in files] == ["a.yaml", "b.yaml", "a.yml"]
    assert {p.file: p.fix.startswith("Did you mean `c.yaml`?") for p in problems} == {
        "data/frameworks/c.YAML": True, "data/frameworks/notes.txt": False}
    assert read_folder(tmp_path / "missing", "data/missing") == ([], [])


def test_the_check_warns_of_unknown_files_and_explains_odd_ones(tmp_path: Path) -> None:
    from conftest import MINIMAL_DATA, copy_project
    from handbook.validate import check

    project = copy_project(tmp_path / "project", MINIMAL_DATA)
    (project / "data" / "journy.yaml").write_text("stages: []\n")
    handbook, problems = check(project / "data", base=project)
    assert handbook is not None  # a warning only
    assert [(p.file, p.title) for p in problems.warnings if "not read" in p.title] == [
        ("data/journy.yaml", "The file `journy.yaml` is not read")]

    (project / "data" / "glossary.yaml").unlink()
    (project / "data" / "glossary.yaml").symlink_to("glossary.yaml")
    os.mkfifo(project / "data" / "frameworks" / "extra.yaml")
    handbook, problems = check(project / "data", base=project)
    assert handbook is None
    assert [(p.file, p.title) for p in problems.errors] == [
        ("data/frameworks/extra.yaml", "`extra.yaml` is not an ordinary file"),
        ("data/glossary.yaml", "The file is a link that leads back to itself")]


@pytest.mark.timeout(10)
def test_aliases_that_nest_too_deeply_are_refused_at_the_alias(tmp_path: Path) -> None:
    # Each list holds the one before: 60 levels once expanded, though each line is shallow.
    text = "a0: &a0 [x]\n" + "".join(f"a{i}: &a{i} [*a{i - 1}]\n" for i in range(1, 60))
    (problem,) = _both_readers(write(tmp_path, text))
    # a49 is a list (level 2, under the file's mapping) holding a48, 49 levels deep: 51 in all.
    assert (problem.title, problem.line, problem.column) == (
        "Lists and groups are nested too deeply here", 50, len("a49: &a49 [") + 1)
