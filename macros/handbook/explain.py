"""Pydantic's errors rewritten for the person who edits the YAML, with the file and line.

Each kind of pydantic error has its own explanation in `EXPLANATIONS`, keyed by pydantic's error
type: a new kind of mistake gets a new entry, not another branch in a long chain of ifs.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from . import schema
from .errors import Problem, Severity, describe_choices, did_you_mean
from .loader import LoadedFile, Loc
from .walk import fields_of, model_at


@dataclass(frozen=True)
class Place:
    """Where a value is in a data file: what every problem about it starts from."""

    file: str
    line: int | None
    column: int | None
    where: str  # a path a person can follow, e.g. `stages › section-47 › evidences › item 2`

    def problem(self, title: str, found: str = "", expected: str = "", fix: str = "",
                severity: Severity = Severity.ERROR) -> Problem:
        return Problem(file=self.file, line=self.line, column=self.column, where=self.where, title=title,
                       found=found, expected=expected, fix=fix, severity=severity)


def place(loaded: LoadedFile, loc: Loc) -> Place:
    """Worked out only when there is a problem to report: positions are looked up, not stored."""
    position = loaded.position(loc)
    return Place(loaded.path, position.line if position else None, position.column if position else None,
                 describe_loc(loaded.data, loc))


def describe_loc(data: Any, loc: Loc) -> str:
    """A path a person can follow: `stages › section-47 › evidences › item 2`."""
    parts: list[str] = []
    current = data
    for step in loc:
        if isinstance(step, int):
            item = current[step] if isinstance(current, list) and step < len(current) else None
            label = item.get("id") if isinstance(item, dict) else None
            parts.append(str(label) if isinstance(label, str) else f"item {step + 1}")
            current = item
        else:
            parts.append(str(step))
            current = current.get(step) if isinstance(current, dict) else None
    return " › ".join(parts) if parts else "(top of the file)"


def value_at(data: Any, loc: Loc) -> Any:
    for step in loc:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def describe_value(value: Any) -> str:
    if value is None:
        return "nothing (the field is empty)"
    if isinstance(value, bool):
        return f"`{str(value).lower()}` (yes/no or true/false)"
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, list):
        return f"a list of {len(value)} entr{'y' if len(value) == 1 else 'ies'}"
    if isinstance(value, str):
        return f"the text “{value if len(value) <= 60 else value[:57] + '...'}”"
    return f"`{value}`"


def slug(text: str) -> str:
    """An id made from any text: `Family Help Hub` -> `family-help-hub`."""
    plain = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "my-id"


@dataclass(frozen=True)
class Detail:
    """One pydantic error, with what the explanations need to know about where it is."""

    code: str  # pydantic's error type, e.g. "string_type"
    loc: Loc
    value: Any
    ctx: dict[str, Any]
    msg: str
    place: Place
    loaded: LoadedFile
    model: type[BaseModel]

    @property
    def name(self) -> str:
        """The field the error is about (the nearest name in the path)."""
        return next((str(step) for step in reversed(self.loc) if isinstance(step, str)), "entry")

    @property
    def found(self) -> str:
        return describe_value(self.value)

    def problem(self, title: str, found: str | None = None, expected: str = "", fix: str = "") -> Problem:
        return self.place.problem(title, self.found if found is None else found, expected, fix)


def explain(error: ErrorDetails, loaded: LoadedFile, model: type[BaseModel]) -> Problem:
    """Rewrite one pydantic error as a plain-English problem with its file and line."""
    loc: Loc = tuple(error["loc"])
    detail = Detail(code=error["type"], loc=loc, value=error.get("input"), ctx=dict(error.get("ctx") or {}),
                    msg=str(error["msg"]), place=place(loaded, loc), loaded=loaded, model=model)
    if detail.value is None and detail.code.endswith("_type"):
        return _empty(detail)
    explanation = EXPLANATIONS.get(detail.code)
    if explanation is None:
        explanation = next((explain for prefix, explain in _BY_PREFIX if detail.code.startswith(prefix)), _fallback)
    return explanation(detail)


def _missing(d: Detail) -> Problem:
    field = d.loc[-1]
    parent = model_at(d.model, d.loc[:-1])
    description = ""
    if parent is not None:
        info = next((f for n, f in parent.model_fields.items() if (f.alias or n) == field), None)
        description = (info.description or "") if info else ""
    where = Place(d.place.file, d.place.line, d.place.column, describe_loc(d.loaded.data, d.loc[:-1]))
    return where.problem(
        f"The required field `{field}` is missing",
        found=f"no `{field}:` in this entry",
        expected=f"a `{field}` field" + (f": {description[0].lower()}{description[1:]}" if description else ""),
        fix=f"Add a line `{field}: ...` to this entry, indented like its other fields.")


def _unknown_field(d: Detail) -> Problem:
    field = d.loc[-1]
    parent = model_at(d.model, d.loc[:-1])
    allowed = [f.key for f in fields_of(parent)] if parent else []
    entry = value_at(d.loaded.data, d.loc[:-1])
    present = set(entry) if isinstance(entry, dict) else set()
    suggestion = did_you_mean(str(field), [a for a in allowed if a not in present] or allowed)
    return d.problem(
        f"Unknown field `{field}`",
        found=f"`{field}`, which is not a field here",
        expected=f"one of the fields {describe_choices(allowed, 12)}" if allowed else "",
        fix=f"Did you mean `{suggestion}`? Rename the field." if suggestion
        else "Remove the field, or check its spelling against the fields listed above.")


def _empty(d: Detail) -> Problem:
    position = d.place.line
    line_text = d.loaded.lines[position - 1] if position and position <= len(d.loaded.lines) else ""
    if d.code == "list_type":
        fix = f"Add entries under `{d.name}:`, each on its own line starting with `- `, or remove the line."
    elif "#" in line_text.split(":", 1)[-1]:
        fix = ("YAML reads # as the start of a comment, so the value was left out. Put it in quotes, "
               "e.g. colour: \"#1d70b8\".")
    else:
        fix = "Write the value after the colon, or remove the line if the field is optional."
    return d.problem(f"`{d.name}` is empty", expected="a list" if d.code == "list_type" else "a value after the colon",
                     fix=fix)


def _colon_in_text(d: Detail) -> Problem | None:
    """`- Do this: then that` in a list of text: YAML reads a colon followed by a space as the end
    of a field name, so the line became a group of one field. None when the value is not that."""
    if not (isinstance(d.value, dict) and len(d.value) == 1):
        return None
    (key, rest), = d.value.items()
    if not isinstance(key, str) or isinstance(rest, (dict, list)):
        return None
    line = d.loaded.lines[d.place.line - 1] if d.place.line and d.place.line <= len(d.loaded.lines) else ""
    in_list = bool(d.loc) and isinstance(d.loc[-1], int)
    text = line.strip().removeprefix("-").strip() if in_list and (": " in line or line.rstrip().endswith(":")) else ""
    if not text:
        text = f"{key}: {'' if rest is None else rest}".strip()
    quoted = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return d.problem(
        f"`{d.name}` should be text: the colon after “{key}” made this line a field name",
        found=f"a group of fields: YAML reads a colon followed by a space as the end of a field name, "
              f"so “{key}” became the name of a field",
        expected="text",
        fix=f"Put the whole line in double quotes: - {quoted}" if in_list
        else f"Put the whole text in double quotes, on the same line: {d.name}: {quoted}")


def _not_text(d: Detail) -> Problem:
    colon = _colon_in_text(d)
    if colon is not None:
        return colon
    fix = "Write the value as text."
    if isinstance(d.value, bool):
        fix = "YAML reads yes, no, on, off, true and false as a yes/no value. Put the text in quotes, e.g. \"yes\"."
    elif isinstance(d.value, (int, float)):
        fix = f"Put it in quotes to make it text: \"{d.value}\"."
    elif isinstance(d.value, (list, dict)):
        fix = "Write it as a single piece of text on the same line, or as a block after `|`."
    return d.problem(f"`{d.name}` should be text", expected="text", fix=fix)


def _blank(d: Detail, found: str | None = None) -> Problem:
    return d.problem(f"`{d.name}` is empty", found=found, expected="some text",
                     fix=f"Write the {d.name.replace('_', ' ')}, or remove the field if it is optional.")


def _too_long(d: Detail) -> Problem:
    limit = int(d.ctx.get("max_length", 0))
    return d.problem(f"`{d.name}` is too long", found=f"{len(str(d.value)):,} characters",
                     expected=f"at most {limit:,} characters",
                     fix="Shorten it: keep the handbook's text to what a reader needs, and link to longer "
                         "documents instead of pasting them in.")


# What each of the schema's patterns means, for a value that does not match it.
_PATTERNS: dict[str, Callable[[Detail], Problem]] = {
    schema.ID_PATTERN: lambda d: d.problem(
        f"“{d.value}” is not a valid id",
        expected="an id of lower-case letters, numbers and single hyphens, e.g. `family-help-hub`",
        fix=f"Use `{slug(d.value)}`, and update anything that refers to it."),
    schema.COLOUR_PATTERN: lambda d: d.problem(
        f"“{d.value}” is not a colour", expected="a colour as # and six hexadecimal digits, e.g. \"#1d70b8\"",
        fix="Write the colour in quotes, e.g. colour: \"#1d70b8\" (YAML treats # without quotes as a comment)."),
    schema.NOT_BLANK: lambda d: _blank(d, found="only spaces"),
    schema.ABBREVIATION_PATTERN: lambda d: d.problem(
        f"“{d.value}” cannot be used as an abbreviation",
        expected="letters (with or without accents, e.g. Ŵ) and numbers, with . & ' + / or - inside, "
                 "e.g. S47, A&E or CŴD",
        fix="Remove spaces, brackets, colons and backslashes from the abbreviation."),
    schema.REPOSITORY_PATTERN: lambda d: d.problem(
        f"`{d.name}` is not the address of a repository",
        expected="the repository's address, e.g. https://github.com/your-org/practice-handbook",
        fix="Copy the address of the repository's main page from the browser's address bar."),
    schema.LANGUAGE_PATTERN: lambda d: d.problem(
        f"“{d.value}” is not a language code", expected="a language's code in lower case, e.g. cy for Welsh",
        fix="Write the two- or three-letter code of the language (cy, pl, ur...), not its name."),
    schema.STATEMENT_ID_PATTERN: lambda d: d.problem(
        f"“{d.value}” is not a valid statement id", expected="letters and numbers, e.g. PS1 or OM4",
        fix="Use the statement's number as the source gives it."),
}


def _pattern(d: Detail) -> Problem:
    pattern = str(d.ctx.get("pattern", ""))
    if pattern in _PATTERNS:
        return _PATTERNS[pattern](d)
    if pattern.startswith("^https?"):
        return d.problem(f"`{d.name}` is not a web address",
                         expected="one address starting with https://, with no spaces, quotes or brackets",
                         fix="Copy the full address from the browser's address bar.")
    return d.problem(f"`{d.name}` is not in the expected form", expected=d.msg)


def _not_a_list(d: Detail) -> Problem:
    return d.problem(f"`{d.name}` should be a list", expected="a list, one entry per line, each starting with `- `",
                     fix=f"Put each entry on its own line under `{d.name}:`, starting with `- `.")


def _too_few(d: Detail) -> Problem:
    minimum = d.ctx.get("min_length", 1)
    return d.problem(f"`{d.name}` needs at least {minimum} entr{'y' if minimum == 1 else 'ies'}",
                     expected=f"at least {minimum}", fix=f"Add entries to `{d.name}`.")


def _not_allowed(d: Detail) -> Problem:
    expected = str(d.ctx.get("expected", ""))
    choices = re.findall(r"'([^']*)'", expected)
    suggestion = did_you_mean(str(d.value), choices) if choices else None
    return d.problem(f"`{d.name}` has a value that is not allowed",
                     expected=f"one of {describe_choices(choices, 10)}" if choices else expected,
                     fix=f"Did you mean `{suggestion}`?" if suggestion else "Use one of the values listed.")


def _not_a_group(d: Detail) -> Problem:
    return d.problem(f"`{d.name}` should be a group of fields", expected="`field: value` lines indented under it",
                     fix=f"Indent the fields of `{d.name}` by two spaces on the lines below it.")


def _not_whole(d: Detail) -> Problem:
    fix = "Write the number in digits, without words or units."
    if isinstance(d.value, bool):
        fix = "YAML reads yes, no, on, off, true and false as a yes/no value, not a number. " + fix
    elif isinstance(d.value, str) and d.value.strip().isdigit():
        fix = f"Write it without quotes: {d.value.strip()}."
    if d.name == "from" and d.loc[-2:-1] == ("ages",):  # a service's ages may start before birth
        return d.problem("`from` should be an age or pre-birth", expected="a whole number such as 5, or pre-birth",
                         fix=f"Write the youngest age in digits, or `from: {schema.PRE_BIRTH_WORDS}` for a service "
                             "that starts before a child is born.")
    return d.problem(f"`{d.name}` should be a whole number", expected="a whole number such as 10", fix=fix)


def _not_a_number(d: Detail) -> Problem:
    return d.problem(f"`{d.name}` should be a number", expected="a number such as 85 or 2.5",
                     fix="Write the number in digits, without words or units.")


def _not_a_date(d: Detail) -> Problem:
    return d.problem(f"`{d.name}` should be a date", expected="a date written year-month-day, e.g. 2026-06-15",
                     fix="Write the date as four-digit year, month and day, joined by hyphens.")


def _not_yes_or_no(d: Detail) -> Problem:
    return d.problem(f"`{d.name}` should be true or false", expected="true or false", fix="Write true or false.")


def _out_of_range(d: Detail) -> Problem:
    if isinstance(d.value, datetime.date) and d.code in ("greater_than_equal", "less_than_equal"):
        return d.problem(f"`{d.name}` is not a likely date",
                         expected=f"a date between {schema.EARLIEST_DATE:%-d %B %Y} and {schema.LATEST_DATE:%-d %B %Y}",
                         fix="Check the year.")
    return d.problem(f"`{d.name}` is out of range", expected=d.msg.replace("Input should be", "a value").strip(),
                     fix="Check the number.")


def _cannot_be_used(d: Detail) -> Problem:
    if d.name == "from" and d.loc[-2:-1] == ("ages",):  # refused by Ages._pre_birth
        return d.problem("`from` is below 0", expected=f"an age of 0 or more, or {schema.PRE_BIRTH_WORDS}",
                         fix=f"Write `from: {schema.PRE_BIRTH_WORDS}` for a service that starts before a child "
                             "is born, or the youngest age in years.")
    return d.problem(f"`{d.name}` cannot be used: {d.ctx.get('error', d.msg)}")


def _fallback(d: Detail) -> Problem:
    return d.problem(f"`{d.name}`: {d.msg}")


EXPLANATIONS: dict[str, Callable[[Detail], Problem]] = {
    "missing": _missing,
    "extra_forbidden": _unknown_field,
    "string_type": _not_text,
    "str_type": _not_text,
    "string_too_short": _blank,
    "string_too_long": _too_long,
    "string_pattern_mismatch": _pattern,
    "list_type": _not_a_list,
    "too_short": _too_few,
    "literal_error": _not_allowed,
    "enum": _not_allowed,
    "model_type": _not_a_group,
    "dict_type": _not_a_group,
    "model_attributes_type": _not_a_group,
    "int_type": _not_whole,
    "int_parsing": _not_whole,
    "int_from_float": _not_whole,
    "float_type": _not_a_number,
    "float_parsing": _not_a_number,
    "bool_type": _not_yes_or_no,
    "bool_parsing": _not_yes_or_no,
    "greater_than": _out_of_range,
    "greater_than_equal": _out_of_range,
    "less_than": _out_of_range,
    "less_than_equal": _out_of_range,
    "value_error": _cannot_be_used,
}
# Families of error types named by their start (pydantic has a dozen date errors).
_BY_PREFIX: tuple[tuple[str, Callable[[Detail], Problem]], ...] = (("date_", _not_a_date),)
