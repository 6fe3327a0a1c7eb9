"""What the pages in docs/ may ask of the template engine, and the check that they ask nothing else.

A page is Markdown with a macro call or two (`{{ area("journey") }}`). Pages are rendered in a
sandbox holding only the handbook's macros (see main.py), so a page that asks for anything else
fails the build; `handbook check` finds the same mistakes first and says where they are, in the
words a person editing the page understands, instead of the template engine's traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from jinja2 import TemplateSyntaxError, meta, nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .errors import Problem, did_you_mean

# What the pages in docs/ call; nothing else is reachable from a page.
PAGE_MACROS = ("area", "home", "framework_page", "frameworks_index", "coverage", "review_dashboard",
               "accessibility_statement", "whole_handbook", "timescales_table", "reflection_questions",
               "item_page")
# Page variables the macros plugin itself needs to render a page at all.
PAGE_VARIABLES = ("page",)
# The largest text or list an expression on a page may make (`"x" * 10**9` would fill the memory).
MAX_RESULT = 100_000


class PageSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, with multiplication and powers bounded as well as ranges."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        if operator_name == "**" and isinstance(left, int) and isinstance(right, int) \
                and right > 0 and abs(left).bit_length() * right > 4 * MAX_RESULT:
            raise SecurityError("the power is too large to work out")
        if operator_name == "*":
            for sequence, times in ((left, right), (right, left)):
                if isinstance(sequence, (str, list, tuple)) and isinstance(times, int) \
                        and len(sequence) * times > MAX_RESULT:
                    raise SecurityError("the text or list this makes is too long")
        return super().call_binop(context, operator_name, left, right)


_SYNTAX = PageSandbox()  # for parsing only: the delimiters are Jinja's defaults, as mkdocs-macros uses
_SYNTAX.globals.clear()  # as on the pages: Jinja's own globals (range, lipsum, ...) are not there either
_FILES = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)


def page_problems(docs_dir: Path, base: Path) -> Iterator[Problem]:
    """Template markup in the pages that would fail the build: every use of something the
    handbook does not provide, every include or import, and markup that cannot be read."""
    if not docs_dir.is_dir():
        return
    for path in sorted(docs_dir.rglob("*.md")):
        shown = path.relative_to(base).as_posix() if path.is_relative_to(base) else path.as_posix()
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            yield Problem(file=shown, line=None, title="The page cannot be read", found=str(error),
                          fix="Save the page as UTF-8 text and check it can be opened.")
            continue
        if "{{" not in text and "{%" not in text:  # most pages: nothing to parse
            continue
        yield from _problems_in(text, shown)


def _problems_in(text: str, shown: str) -> Iterator[Problem]:
    try:
        tree = _SYNTAX.parse(text)
    except TemplateSyntaxError as error:
        yield Problem(file=shown, line=error.lineno, title="The page's macro markup cannot be read",
                      found=error.message or "", expected="a macro call such as {{ area(\"journey\") }}",
                      fix="Check the braces and quotes around the macro call; to show {{ or {% as text, "
                          "put it between {% raw %} and {% endraw %}.")
        return
    for node in tree.find_all(_FILES):
        yield Problem(file=shown, line=node.lineno, title="A page cannot include or import other files",
                      found="{% " + type(node).__name__.lower().replace("fromimport", "from ... import") + " %}",
                      expected="text and the handbook's macros", fix="Copy the text into the page instead.")
    allowed = {*PAGE_MACROS, *PAGE_VARIABLES}
    unknown = meta.find_undeclared_variables(tree) - allowed
    reported: set[str] = set()
    for name in tree.find_all(nodes.Name):
        if name.name in unknown and name.name not in reported:
            reported.add(name.name)
            suggestion = did_you_mean(name.name, PAGE_MACROS)
            yield Problem(file=shown, line=name.lineno, title=f"The page uses `{name.name}`, which the handbook "
                          "does not provide", found=f"`{name.name}`",
                          expected="one of the handbook's macros: " + ", ".join(f"`{m}`" for m in PAGE_MACROS),
                          fix=f"Did you mean `{suggestion}`?" if suggestion else
                          "Remove it, or use one of the macros listed.")
    filters: set[str] = set()
    for used in tree.find_all(nodes.Filter):
        if used.name not in filters:
            filters.add(used.name)
            yield Problem(file=shown, line=used.lineno, title=f"The page uses the filter `|{used.name}`",
                          found=f"`|{used.name}`", expected="the handbook's macros, which need no filters",
                          fix="Remove the filter.")
