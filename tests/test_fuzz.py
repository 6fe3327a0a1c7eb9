"""Random mistakes in the data, as an attacker or a careless editor would make them.

Hypothesis changes the small authority's files (a value swapped for an awkward one, a key
removed, characters typed at a random place, a file cut short, lines swapped) and checks what
every user-made mistake must give: a list of problems, each with a file that exists and a line
inside it, never a traceback or a hang; and, for a few of them, a real build: when the check
passes the build does too, and when the build fails the published site is exactly as it was.
"""

from __future__ import annotations

import datetime
import hashlib
import tempfile
import traceback
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINIMAL_DATA, copy_project, handbook
from handbook.validate import check

FILES = sorted(p.name for p in MINIMAL_DATA.glob("*.yaml"))
TEXTS = {name: (MINIMAL_DATA / name).read_text(encoding="utf-8") for name in FILES}

# Values that have broken handbook generators before, or could: markup, template code, links,
# invisible characters, numbers and dates YAML reads in surprising ways, long and nested values.
AWKWARD_TEXT = [
    "{{ 7*1913 }}", "{% include '/etc/passwd' %}", "{# x", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))", "[x]: javascript:alert(1)", "[x][]", "![p](x.png)", "<https://example.org>",
    "# heading", "!!! danger", "| a | b |\n|---|---|", "```\ncode", "*[A]: b", "-  " * 30 + "x", "> \n" * 30,
    "[" * 2000, "\u2028", "\x85", "\u200b", "\x07", "\ufeff", "ｆｕｌｌ", "943 476 5919", "AB-12-34-56-C",
    "born on the 1st of April 2015", "x" * 3000, "\t", "", " ", "::error file=x::y", "%0A", "\\", "'", '"',
]
AWKWARD_VALUE = st.one_of(
    st.sampled_from(AWKWARD_TEXT),
    st.text(max_size=40),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.dates(min_value=datetime.date(1, 1, 1)),
    st.lists(st.sampled_from(AWKWARD_TEXT), max_size=3),
    st.dictionaries(st.sampled_from(["id", "name", "x", "<b>"]), st.sampled_from(AWKWARD_TEXT), max_size=2),
)
TYPED = st.sampled_from(["{{", "}}", "{%", ":", ": ", "- ", "#", "&a ", "*a", "!!timestamp ", "!x ", "'", '"', "[", "]",
                         "{", "}", "\t", "\n", "\n  ", "|", ">", "%", "@", "`", "\x00", "\u2028", "1:30", "007", "yes"])


def _places(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value in the parsed YAML."""
    places = [path] if path else []
    if isinstance(data, dict):
        for key, value in data.items():
            places += _places(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            places += _places(value, (*path, i))
    return places


def _parsed(text: str) -> Any:
    """The file's data when it is still YAML with something in it (an earlier mistake may have broken it)."""
    try:
        data = yaml.safe_load(text)
    except Exception:
        # PyYAML's own constructors fail with other errors on some tags (`!!timestamp review`); the
        # loader under test turns them into problems, this helper only needs to know it can't use them.
        return None
    return data if isinstance(data, (dict, list)) and _places(data) else None


@st.composite
def mutated_files(draw: st.DrawFn) -> dict[str, str]:
    """One or two files of the small authority with one to three mistakes each."""
    texts = dict(TEXTS)
    for name in draw(st.lists(st.sampled_from(FILES), min_size=1, max_size=2, unique=True)):
        text = texts[name]
        for _ in range(draw(st.integers(1, 3))):
            kind = draw(st.sampled_from(["value", "remove", "type", "cut", "swap"]))
            data = _parsed(text) if kind in ("value", "remove") else None
            if data is not None:
                place = draw(st.sampled_from(_places(data)))
                parent = data
                for step in place[:-1]:
                    parent = parent[step]
                if kind == "value":
                    parent[place[-1]] = draw(AWKWARD_VALUE)
                else:
                    del parent[place[-1]]
                text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
            elif kind == "type":
                at = draw(st.integers(0, len(text)))
                text = text[:at] + draw(TYPED) + text[at:]
            elif kind == "cut":
                text = text[:draw(st.integers(0, len(text)))]
            else:
                lines = text.splitlines(keepends=True)
                if len(lines) > 1:
                    i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
                    lines[i], lines[j] = lines[j], lines[i]
                text = "".join(lines)
        texts[name] = text
    return texts


def _write(project: Path, texts: dict[str, str]) -> None:
    for name, text in texts.items():
        (project / "data" / name).write_text(text, encoding="utf-8", errors="surrogatepass")


@pytest.fixture(scope="module")
def checked_project() -> Path:
    with tempfile.TemporaryDirectory(prefix="handbook-fuzz-") as folder:
        yield copy_project(Path(folder) / "project", MINIMAL_DATA)


@settings(max_examples=150, deadline=datetime.timedelta(seconds=10),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(texts=mutated_files())
def test_any_mistake_is_a_list_of_problems_with_places_never_a_traceback(checked_project: Path,
                                                                       texts: dict[str, str]) -> None:
    _write(checked_project, texts)
    try:
        handbook_model, problems = check(checked_project / "data", base=checked_project)
    except Exception:
        pytest.fail("the check raised instead of reporting:\n" + traceback.format_exc())
    if handbook_model is None:
        assert problems.errors, "the check failed without saying why"
    for problem in problems.items:
        path = checked_project / problem.file
        assert path.exists() or problem.file.startswith("docs"), problem.format()
        if problem.line is not None and path.is_file():
            lines = path.read_text(encoding="utf-8", errors="replace").count("\n") + 1
            assert 1 <= problem.line <= lines, problem.format()
        assert "\n" not in problem.format().split("\n")[0]  # the heading line stays one line


def _tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def built_project() -> Path:
    with tempfile.TemporaryDirectory(prefix="handbook-fuzz-build-") as folder:
        project = copy_project(Path(folder) / "project", MINIMAL_DATA)
        run = handbook(project, "build")
        assert run.returncode == 0, run.output
        yield project


@settings(max_examples=6, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(texts=mutated_files())
def test_a_build_either_publishes_or_leaves_the_site_as_it_was(built_project: Path, texts: dict[str, str]) -> None:
    _write(built_project, texts)
    before = _tree_digest(built_project / "site")
    checked, _ = check(built_project / "data", base=built_project)
    run = handbook(built_project, "build")
    assert "Traceback" not in run.output, run.output
    if checked is not None:
        assert run.returncode == 0, run.output
    else:
        assert run.returncode == 1, run.output
        assert _tree_digest(built_project / "site") == before
    _write(built_project, TEXTS)  # the next example starts from the valid files
