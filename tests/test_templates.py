"""Pages in docs/ reach the handbook's macros and nothing else; the check says where a page asks for more."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2.sandbox import SecurityError

from conftest import MINIMAL_DATA, copy_project, handbook
from handbook.templates import PageSandbox, page_problems


def problems_for(tmp_path: Path, page: str) -> list[str]:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "page.md").write_text(page, encoding="utf-8")
    return [p.format() for p in page_problems(docs, tmp_path)]


def test_the_pages_of_the_sample_ask_for_nothing_else() -> None:
    from conftest import REPO
    assert list(page_problems(REPO / "docs", REPO)) == []


def test_a_page_of_macro_calls_and_text_is_fine(tmp_path: Path) -> None:
    page = '# Journey\n\nText with a { brace.\n\n{{ area("journey") }}\n\n{% raw %}{{ shown }}{% endraw %}\n'
    assert problems_for(tmp_path, page) == []


@pytest.mark.parametrize(("page", "expected"), [
    ("Intro\n\n{{ lipsum.__globals__ }}",
     "docs/page.md:3  The page uses `lipsum`, which the handbook does not provide"),
    ("{{ config }}", "docs/page.md:1  The page uses `config`, which the handbook does not provide"),
    ('{{ aera("journey") }}', "    fix:      Did you mean `area`?"),
    ("a\n{% include '/etc/passwd' %}", "docs/page.md:2  A page cannot include or import other files"),
    ("{% import 'x.html' as x %}", "docs/page.md:1  A page cannot include or import other files"),
    ('{{ area("journey")|safe }}', "docs/page.md:1  The page uses the filter `|safe`"),
    ('one\ntwo\n{{ area("journey" }}', "docs/page.md:3  The page's macro markup cannot be read"),
])
def test_a_page_asking_for_more_is_a_message_with_its_line(tmp_path: Path, page: str, expected: str) -> None:
    found = "\n".join(problems_for(tmp_path, page))
    assert expected in found


def test_names_set_on_the_page_are_its_own(tmp_path: Path) -> None:
    assert problems_for(tmp_path, "{% set x = 2 %}{{ x }}{% for i in [1, 2] %}{{ i }}{% endfor %}") == []


@pytest.mark.parametrize("expression",
                         ["'x' * 10**9", "[1] * 10**9", "10**9 * 'x'", "10**1000000", "range(10**9)|list"])
def test_the_sandbox_refuses_to_make_something_huge(expression: str) -> None:
    sandbox = PageSandbox()
    sandbox.filters = {"list": list}
    with pytest.raises((SecurityError, OverflowError)):
        sandbox.from_string("{{ " + expression + " }}").render()


def test_the_sandbox_still_does_small_sums() -> None:
    assert PageSandbox().from_string("{{ 'ab' * 3 }} {{ 2 ** 10 }} {{ 6 * 7 }}").render() == "ababab 1024 42"


def test_a_page_asking_for_more_stops_the_check_before_any_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", MINIMAL_DATA)
    page = project / "docs" / "vision.md"
    page.write_text(page.read_text() + "\n\n{{ lipsum.__globals__.os.popen('id').read() }}\n")
    run = handbook(project, "build")
    assert run.returncode == 1
    assert "docs/vision.md:" in run.output and "The page uses `lipsum`" in run.output
    assert "Traceback" not in run.output and not (project / "site").exists()
