"""Load, validate and index the whole handbook, collecting every problem before stopping.

The same function runs from `handbook check` and from the MkDocs build, so both print the same
messages. Structural problems come from pydantic and are rewritten into plain English with the
file and line; reference problems are found against the complete index.
"""

from __future__ import annotations

import contextlib
import datetime
import gc
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import reviews, schema
from .areas import AREAS, FRAMEWORKS_FOLDER, RESERVED_FRAMEWORK_IDS, Area
from .errors import (
    HandbookDataError,
    Problem,
    Problems,
    Severity,
    describe_choices,
    did_you_mean,
)
from .index import Index, build_index
from .loader import LoadedFile, Loc, is_present, load_yaml, read_folder
from .privacy import scan as scan_for_personal_data
from .textcheck import check_text, known_pages
from .templates import page_problems
from .walk import Reference, fields_of, model_at, walk_models

# Which area's file defines items of each kind; a reference is only checked when that file is valid.
KIND_HOME: dict[str, str] = {
    "vision": "vision",
    "value": "vision",
    "practice-model": "practice-model",
    "theory": "practice-model",
    "principle": "practice-model",
    "method": "practice-model",
    "tool": "practice-model",
    "post": "teams",
    "service-area": "teams",
    "team": "teams",
    "stage": "journey",
    "standard": "standards",
    "service": "services",
    "domain": "thresholds",
    "level": "thresholds",
    "supervision-policy": "supervision",
    "supervision-form": "supervision",
    "audit": "quality",
    "measure": "quality",
    "feedback": "quality",
    "learning-review": "quality",
    "workforce": "foundations",
    "partnership": "foundations",
}

KIND_LABELS: dict[str, str] = {
    "statement": "framework statement",
    "post": "leadership post",
    "service-area": "service area",
    "team": "team",
    "stage": "journey stage",
    "level": "level of need",
    "domain": "assessment domain",
    "tool": "practice tool",
    "measure": "performance measure",
    "service": "service",
}



@dataclass
class Handbook:
    """The validated model of one authority, ready to render."""

    data_dir: Path
    authority: schema.AuthorityFile
    areas: dict[str, BaseModel]
    frameworks: list[schema.FrameworkFile]
    files: dict[str, LoadedFile]
    index: Index
    warnings: list[Problem] = field(default_factory=list)
    framework_files: dict[str, str] = field(default_factory=dict)  # framework id -> data file
    reviews: list[reviews.ReviewStatus] = field(default_factory=list)
    today: datetime.date = field(default_factory=datetime.date.today)
    _reviews_by_place: dict[tuple[str, str | None], reviews.ReviewStatus] | None = field(
        default=None, init=False, repr=False, compare=False)

    def area(self, area_id: str) -> Any:
        return self.areas[area_id]

    def review_of(self, page: str, anchor: str | None) -> reviews.ReviewStatus | None:
        """The review status of an area (anchor None) or of one item reviewed on its own."""
        if self._reviews_by_place is None:  # built once: the renderers ask once per item
            self._reviews_by_place = {}
            for status in self.reviews:
                self._reviews_by_place.setdefault((status.page, status.anchor), status)
        return self._reviews_by_place.get((page, anchor))


def display_path(path: Path, base: Path) -> str:
    try:  # the file's own name, not where a link leads (a link in a loop cannot be resolved at all)
        return (path.parent.resolve() / path.name).relative_to(base.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return path.as_posix()


@contextlib.contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Reading a large handbook creates hundreds of thousands of dicts, lists and models, and
    Python's cycle collector would walk all of them again and again as they pile up (a quarter of
    the check's time at 50x the sample). The data is a tree without cycles: reference counting
    frees it without the collector's help.

    At the end, what is still alive is frozen (moved out of the collector's view) before the
    collector is switched back on: otherwise its first run walks every object the check made,
    a quarter of a second at 50x the sample. Frozen objects are still freed as usual when
    nothing refers to them; `gc.unfreeze()` (done at the start of each build) hands any cycles
    among them back to the collector."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.enable()


def check(data_dir: Path, base: Path | None = None, docs_dir: Path | None = None,
          today: datetime.date | None = None, strict_review: bool = False) -> tuple[Handbook | None, Problems]:
    """Validate everything in `data_dir`. Paths in messages are shown relative to `base`.

    `docs_dir` (default: docs/ in `base`) lists the narrative pages links in the text may point to.
    `today` decides which reviews are overdue (default: HANDBOOK_TODAY, else the real date); with
    `strict_review`, an overdue review is an error rather than a warning.
    """
    with _cycle_collector_paused():
        return _check(data_dir, base, docs_dir, today, strict_review)


def _check(data_dir: Path, base: Path | None, docs_dir: Path | None,
           today: datetime.date | None, strict_review: bool) -> tuple[Handbook | None, Problems]:
    on = today or reviews.today()
    base = base if base is not None else data_dir.parent
    docs_dir = docs_dir if docs_dir is not None else base / "docs"
    problems = Problems()
    valid_areas: list[tuple[Area, BaseModel, LoadedFile]] = []
    files: dict[str, LoadedFile] = {}
    # Files the handbook does not read (`journy.yaml`) are warned about: edits there would be lost.
    problems.extend(read_folder(data_dir, display_path(data_dir, base), [a.file for a in AREAS] + [FRAMEWORKS_FOLDER])[1])

    for area in AREAS:
        path = data_dir / area.file
        shown = display_path(path, base)
        if not is_present(path) and area.optional:
            valid_areas.append((area, area.model(), LoadedFile(path=shown, data={})))
            continue
        if not is_present(path):
            problems.add(
                Problem(
                    file=shown,
                    line=None,
                    title=f"The data file for “{area.title}” is missing",
                    expected=f"a file {area.file} in the data folder",
                    fix=f"Restore {area.file} (the sample authority's copy is a starting point).",
                )
            )
            continue
        result = _load_and_validate(path, shown, area.model, problems, base)
        if result is not None:
            files[shown] = result[1]
            valid_areas.append((area, result[0], result[1]))

    frameworks: list[tuple[schema.FrameworkFile, LoadedFile]] = []
    framework_files_ok = True
    framework_dir = data_dir / FRAMEWORKS_FOLDER
    framework_paths, listed = read_folder(framework_dir, display_path(framework_dir, base))
    problems.extend(listed)
    if not framework_paths and not any(p.severity is Severity.ERROR for p in listed):
        problems.add(
            Problem(
                file=display_path(framework_dir, base),
                line=None,
                title="No frameworks found",
                expected="at least one framework file (e.g. the Knowledge and Skills Statements) "
                f"in {display_path(framework_dir, base)}/",
                fix="Restore the framework files from the sample.",
            )
        )
    for path in framework_paths:
        shown = display_path(path, base)
        result = _load_and_validate(path, shown, schema.FrameworkFile, problems, base)
        if result is None:
            framework_files_ok = False
            continue
        files[shown] = result[1]
        frameworks.append((result[0], result[1]))  # type: ignore[arg-type]
    _check_framework_ids(frameworks, problems)
    frameworks.sort(key=lambda pair: (pair[0].order, pair[0].name))  # the order pages and messages use

    # Every model object with its path, found once and shared by the checks below.
    walked = {area.id: list(walk_models(data)) for area, data, _ in valid_areas}
    held: dict[str, list[Reference]] = {}  # every reference, by area, as the index finds them
    index, duplicates = build_index(valid_areas, frameworks, walked, held)
    problems.extend(duplicates)

    checkable_kinds = {kind for kind, area in KIND_HOME.items() if area in {a.id for a, _, _ in valid_areas}}
    if framework_files_ok and frameworks:
        checkable_kinds.add("statement")
    problems.extend(_check_reserved_ids(index))
    # Where links in the text may lead is only known once every file has been read.
    complete = len(valid_areas) == len(AREAS) and framework_files_ok
    pages = known_pages(index, [f.id for f, _ in frameworks], docs_dir) if complete else None
    for area, data, loaded in valid_areas:
        problems.extend(_prompts_left(loaded))
        problems.extend(_check_references(held[area.id], loaded, index, checkable_kinds))
        problems.extend(check_text(area, walked[area.id], loaded, pages))
        problems.extend(_check_rules(area, data, loaded, index))
        problems.extend(_dates_after(on, walked[area.id], loaded))

    problems.extend(page_problems(docs_dir, base))

    authority = next((d for a, d, _ in valid_areas if a.id == "authority"), None)
    privacy = authority.privacy if authority is not None else schema.PrivacySettings()  # type: ignore[attr-defined]
    problems.extend(scan_for_personal_data(files.values(), privacy.case_id_pattern, privacy.allow))
    areas_by_id = {a.id: d for a, d, _ in valid_areas}
    review_statuses = reviews.review_statuses(areas_by_id, files, index, on)
    problems.extend(reviews.review_problems(review_statuses, strict_review))
    problems.extend(reviews.missing_reviews(areas_by_id, files))

    # Gaps are only meaningful once everything else is valid; before that they would drown the errors.
    if not problems.errors and authority is not None:
        severity = Severity.ERROR if authority.coverage.gaps == "error" else Severity.WARNING  # type: ignore[attr-defined]
        problems.extend(_coverage_gaps(index, severity))

    if problems.errors or authority is None:
        return None, problems
    handbook = Handbook(
        data_dir=data_dir,
        authority=authority,  # type: ignore[arg-type]
        areas={a.id: d for a, d, _ in valid_areas},
        frameworks=[f for f, _ in frameworks],
        files=files,
        index=index,
        warnings=problems.warnings,
        framework_files={f.id: loaded.path for f, loaded in frameworks},
        reviews=review_statuses,
        today=on,
    )
    return handbook, problems


def load_handbook(data_dir: Path, base: Path | None = None, docs_dir: Path | None = None,
                  today: datetime.date | None = None) -> Handbook:
    """Like `check`, but raises `HandbookDataError` carrying every error when the data is invalid."""
    handbook, problems = check(data_dir, base, docs_dir, today)
    if handbook is None:
        raise HandbookDataError(problems.errors)
    return handbook


# --- structure ---------------------------------------------------------------------------------


def _load_and_validate(
    path: Path, shown: str, model: type[BaseModel], problems: Problems, project: Path
) -> tuple[BaseModel, LoadedFile] | None:
    loaded, load_problems = load_yaml(path, shown, root=project)
    problems.extend(load_problems)
    if loaded is None or any(p.severity is Severity.ERROR for p in load_problems):
        return None
    if not isinstance(loaded.data, dict):
        problems.add(
            Problem(
                file=shown,
                line=1,
                title="The file should be a set of `field: value` lines",
                found=_describe_value(loaded.data),
                expected=f"fields such as {describe_choices([f.key for f in fields_of(model)], 4)}",
                fix="Start the file with the first field name followed by a colon.",
            )
        )
        return None
    try:
        return model.model_validate(loaded.data), loaded
    except ValidationError as error:
        details = error.errors(include_url=False)
        for detail in _without_missing_explained_by_misspelling(details, model):
            problems.add(_explain(detail, loaded, model))
        return None


def _without_missing_explained_by_misspelling(details: list[Any], model: type[BaseModel]) -> list[Any]:
    """A misspelt field shows up twice in pydantic (unknown `sumary`, missing `summary`): keep one.

    The unknown-field message already says "did you mean `summary`?", which is the whole story.
    """
    explained: set[Loc] = set()
    for detail in details:
        if detail["type"] != "extra_forbidden":
            continue
        loc = tuple(detail["loc"])
        parent = model_at(model, loc[:-1])
        if parent is None:
            continue
        allowed = [f.key for f in fields_of(parent)]
        suggestion = did_you_mean(str(loc[-1]), allowed)
        if suggestion:
            explained.add((*loc[:-1], suggestion))
    return [d for d in details if not (d["type"] == "missing" and tuple(d["loc"]) in explained)]


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


def _value_at(data: Any, loc: Loc) -> Any:
    for step in loc:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _describe_value(value: Any) -> str:
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


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "my-id"


def _explain(detail: Any, loaded: LoadedFile, model: type[BaseModel]) -> Problem:
    """Rewrite one pydantic error as a plain-English problem with its file and line."""
    loc: Loc = tuple(detail["loc"])
    kind: str = detail["type"]
    value = detail.get("input")
    ctx = detail.get("ctx") or {}
    name = next((str(step) for step in reversed(loc) if isinstance(step, str)), "entry")
    position = loaded.position(loc)
    where = describe_loc(loaded.data, loc)
    base = dict(
        file=loaded.path,
        line=position.line if position else None,
        column=position.column if position else None,
        where=where,
    )

    if kind == "missing":
        parent = model_at(model, loc[:-1])
        description = ""
        if parent is not None:
            field_info = next((f for n, f in parent.model_fields.items() if (f.alias or n) == loc[-1]), None)
            description = (field_info.description or "") if field_info else ""
        base["where"] = describe_loc(loaded.data, loc[:-1])
        return Problem(
            **base,
            title=f"The required field `{loc[-1]}` is missing",
            found=f"no `{loc[-1]}:` in this entry",
            expected=f"a `{loc[-1]}` field" + (f": {description[0].lower()}{description[1:]}" if description else ""),
            fix=f"Add a line `{loc[-1]}: ...` to this entry, indented like its other fields.",
        )
    if kind == "extra_forbidden":
        parent = model_at(model, loc[:-1])
        allowed = [f.key for f in fields_of(parent)] if parent else []
        entry = _value_at(loaded.data, loc[:-1])
        present = set(entry) if isinstance(entry, dict) else set()
        suggestion = did_you_mean(str(loc[-1]), [a for a in allowed if a not in present] or allowed)
        return Problem(
            **base,
            title=f"Unknown field `{loc[-1]}`",
            found=f"`{loc[-1]}`, which is not a field here",
            expected=f"one of the fields {describe_choices(allowed, 12)}" if allowed else "",
            fix=f"Did you mean `{suggestion}`? Rename the field." if suggestion
            else "Remove the field, or check its spelling against the fields listed above.",
        )
    if value is None and kind.endswith("_type"):
        line_text = loaded.lines[position.line - 1] if position and position.line <= len(loaded.lines) else ""
        if kind == "list_type":
            fix = f"Add entries under `{name}:`, each on its own line starting with `- `, or remove the line."
        elif "#" in line_text.split(":", 1)[-1]:
            fix = ("YAML reads # as the start of a comment, so the value was left out. Put it in quotes, "
                   "e.g. colour: \"#1d70b8\".")
        else:
            fix = "Write the value after the colon, or remove the line if the field is optional."
        return Problem(**base, title=f"`{name}` is empty", found=_describe_value(value),
                       expected="a list" if kind == "list_type" else "a value after the colon", fix=fix)
    if kind in ("string_type", "str_type"):
        fix = "Write the value as text."
        if isinstance(value, bool):
            fix = ("YAML reads yes, no, on, off, true and false as a yes/no value. "
                   "Put the text in quotes, e.g. \"yes\".")
        elif isinstance(value, (int, float)):
            fix = f"Put it in quotes to make it text: \"{value}\"."
        elif isinstance(value, (list, dict)):
            fix = "Write it as a single piece of text on the same line, or as a block after `|`."
        return Problem(**base, title=f"`{name}` should be text", found=_describe_value(value),
                       expected="text", fix=fix)
    if kind == "string_too_short":
        return Problem(**base, title=f"`{name}` is empty", found=_describe_value(value),
                       expected="some text", fix=f"Write the {name.replace('_', ' ')}, or remove the field if it is optional.")
    if kind == "string_too_long":
        limit = int(ctx.get("max_length", 0))
        return Problem(**base, title=f"`{name}` is too long", found=f"{len(str(value)):,} characters",
                       expected=f"at most {limit:,} characters",
                       fix="Shorten it: keep the handbook's text to what a reader needs, and link to longer "
                           "documents instead of pasting them in.")
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        if pattern == schema.ID_PATTERN:
            return Problem(**base, title=f"“{value}” is not a valid id", found=_describe_value(value),
                           expected="an id of lower-case letters, numbers and single hyphens, e.g. `family-help-hub`",
                           fix=f"Use `{_slug(value)}`, and update anything that refers to it.")
        if pattern == schema.COLOUR_PATTERN:
            return Problem(**base, title=f"“{value}” is not a colour", found=_describe_value(value),
                           expected="a colour as # and six hexadecimal digits, e.g. \"#1d70b8\"",
                           fix="Write the colour in quotes, e.g. colour: \"#1d70b8\" (YAML treats # without quotes as a comment).")
        if pattern == schema.NOT_BLANK:
            return Problem(**base, title=f"`{name}` is empty", found="only spaces",
                           expected="some text", fix=f"Write the {name.replace('_', ' ')}, or remove the field if it is optional.")
        if pattern == schema.ABBREVIATION_PATTERN:
            return Problem(**base, title=f"“{value}” cannot be used as an abbreviation", found=_describe_value(value),
                           expected="letters and numbers, with . & ' + / or - inside, e.g. S47 or A&E",
                           fix="Remove spaces, brackets, colons and backslashes from the abbreviation.")
        if pattern == schema.REPOSITORY_PATTERN:
            return Problem(**base, title=f"`{name}` is not the address of a repository", found=_describe_value(value),
                           expected="the repository's address, e.g. https://github.com/your-org/practice-handbook",
                           fix="Copy the address of the repository's main page from the browser's address bar.")
        if pattern.startswith("^https?"):
            return Problem(**base, title=f"`{name}` is not a web address", found=_describe_value(value),
                           expected="one address starting with https://, with no spaces, quotes or brackets",
                           fix="Copy the full address from the browser's address bar.")
        if pattern == schema.STATEMENT_ID_PATTERN:
            return Problem(**base, title=f"“{value}” is not a valid statement id", found=_describe_value(value),
                           expected="letters and numbers, e.g. PS1 or OM4", fix="Use the statement's number as the source gives it.")
        return Problem(**base, title=f"`{name}` is not in the expected form", found=_describe_value(value),
                       expected=str(detail["msg"]))
    if kind == "list_type":
        return Problem(**base, title=f"`{name}` should be a list", found=_describe_value(value),
                       expected="a list, one entry per line, each starting with `- `",
                       fix=f"Put each entry on its own line under `{name}:`, starting with `- `.")
    if kind == "too_short":
        minimum = ctx.get("min_length", 1)
        return Problem(**base, title=f"`{name}` needs at least {minimum} entr{'y' if minimum == 1 else 'ies'}",
                       found=_describe_value(value), expected=f"at least {minimum}",
                       fix=f"Add entries to `{name}`.")
    if kind in ("literal_error", "enum"):
        expected_text = str(ctx.get("expected", ""))
        choices = re.findall(r"'([^']*)'", expected_text)
        suggestion = did_you_mean(str(value), choices) if choices else None
        return Problem(**base, title=f"`{name}` has a value that is not allowed", found=_describe_value(value),
                       expected=f"one of {describe_choices(choices, 10)}" if choices else expected_text,
                       fix=f"Did you mean `{suggestion}`?" if suggestion else "Use one of the values listed.")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return Problem(**base, title=f"`{name}` should be a group of fields", found=_describe_value(value),
                       expected="`field: value` lines indented under it",
                       fix=f"Indent the fields of `{name}` by two spaces on the lines below it.")
    if kind in ("int_type", "int_parsing", "int_from_float"):
        fix = "Write the number in digits, without words or units."
        if isinstance(value, bool):
            fix = "YAML reads yes, no, on, off, true and false as a yes/no value, not a number. " + fix
        elif isinstance(value, str) and value.strip().isdigit():
            fix = f"Write it without quotes: {value.strip()}."
        return Problem(**base, title=f"`{name}` should be a whole number", found=_describe_value(value),
                       expected="a whole number such as 10", fix=fix)
    if kind in ("float_type", "float_parsing"):
        return Problem(**base, title=f"`{name}` should be a number", found=_describe_value(value),
                       expected="a number such as 85 or 2.5", fix="Write the number in digits, without words or units.")
    if kind.startswith("date_") or kind == "date_type":
        return Problem(**base, title=f"`{name}` should be a date", found=_describe_value(value),
                       expected="a date written year-month-day, e.g. 2026-06-15",
                       fix="Write the date as four-digit year, month and day, joined by hyphens.")
    if kind in ("bool_type", "bool_parsing"):
        return Problem(**base, title=f"`{name}` should be true or false", found=_describe_value(value),
                       expected="true or false", fix="Write true or false.")
    if kind in ("greater_than_equal", "less_than_equal") and isinstance(value, datetime.date):
        return Problem(**base, title=f"`{name}` is not a likely date", found=_describe_value(value),
                       expected=f"a date between {schema.EARLIEST_DATE:%-d %B %Y} and {schema.LATEST_DATE:%-d %B %Y}",
                       fix="Check the year.")
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return Problem(**base, title=f"`{name}` is out of range", found=_describe_value(value),
                       expected=str(detail["msg"]).replace("Input should be", "a value").strip(),
                       fix="Check the number.")
    if kind == "value_error":
        reason = str(ctx.get("error", detail["msg"]))
        return Problem(**base, title=f"`{name}` cannot be used: {reason}", found=_describe_value(value))
    return Problem(**base, title=f"`{name}`: {detail['msg']}", found=_describe_value(value))


def _check_framework_ids(frameworks: list[tuple[schema.FrameworkFile, LoadedFile]], problems: Problems) -> None:
    seen: dict[str, str] = {}
    anchors: dict[str, str] = {}
    for framework, loaded in frameworks:
        for i, statement in enumerate(framework.statements):
            anchor = schema.statement_anchor(statement.id)
            if anchor in anchors and anchors[anchor] != statement.id:
                problems.add(Problem(
                    file=loaded.path, line=loaded.line_of(("statements", i, "id")),
                    title=f"The statement ids `{anchors[anchor]}` and `{statement.id}` would share a link",
                    found=f"both become the page anchor #{anchor}",
                    expected="statement ids that differ by more than punctuation or capitals",
                    fix="Give one of them a different number or prefix."))
            anchors.setdefault(anchor, statement.id)
        if framework.id in RESERVED_FRAMEWORK_IDS:
            problems.add(Problem(
                file=loaded.path, line=loaded.line_of(("id",)),
                title=f"A framework cannot have the id `{framework.id}`",
                found=f"`{framework.id}`, which is the name of the frameworks overview page",
                expected="an id naming this framework, e.g. kss-practice-leaders",
                fix="Choose another id; it becomes the framework page's address."))
        if framework.id in seen:
            problems.add(Problem(
                file=loaded.path, line=loaded.line_of(("id",)),
                title=f"Two framework files use the id `{framework.id}`",
                found=f"`{framework.id}` is also the id in {seen[framework.id]}",
                expected="each framework file to have its own id (it names the framework's page)",
                fix="Give this framework a different id, e.g. with its year: "
                f"`{framework.id}-{framework.year}`."))
        else:
            seen[framework.id] = loaded.path


def _check_reserved_ids(index: Index) -> Iterable[Problem]:
    """An item id that equals a section of its own page would give two elements the same anchor."""
    by_page = {area.page: area for area in AREAS if area.page}
    for record in index.items.values():
        area = by_page.get(record.page)
        if area is not None and record.id in area.sections:
            yield Problem(
                file=record.file, line=record.line,
                title=f"The id `{record.id}` is taken by a section of the {area.title} page",
                found=f"the {record.kind_label} “{record.name}” with the id `{record.id}`",
                expected="an id that is not one of the page's sections " + describe_choices(list(area.sections)),
                fix=f"Choose another id, e.g. `{record.id}-{record.kind if record.kind != record.id else 'item'}`.")


# --- references --------------------------------------------------------------------------------


def _where(loaded: LoadedFile, loc: Loc) -> dict[str, Any]:
    """File, line, column and path of a value: worked out only when there is a problem to report."""
    position = loaded.position(loc)
    return {"file": loaded.path, "line": position.line if position else None,
            "column": position.column if position else None, "where": describe_loc(loaded.data, loc)}


def a(noun: str) -> str:
    """`a team`, `an assessment domain`."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def _statement_ranges(index: Index) -> str:
    """`PS1 to PS8, PL1 to PL6, ...`: the statements that exist, compactly."""
    by_framework: dict[str, list[str]] = {}
    for record in index.statements.values():
        by_framework.setdefault(record.framework.id, []).append(record.id)
    ranges = [ids[0] if len(ids) == 1 else f"{ids[0]} to {ids[-1]}" for ids in by_framework.values()]
    return ", ".join(ranges)


def _check_references(held: list[Reference], loaded: LoadedFile, index: Index,
                      checkable: set[str]) -> Iterable[Problem]:
    listed: set[tuple[Loc, str]] = set()  # (the list, an id in it)
    for ref in held:
        if isinstance(ref.loc[-1], int):
            key = (ref.loc[:-1], ref.target)
            if key in listed:
                yield Problem(**_where(loaded, ref.loc), severity=Severity.WARNING,
                              title=f"`{ref.target}` is listed twice in `{ref.loc[-2]}`",
                              fix="Delete one of them.")
            listed.add(key)
        if ref.kind not in checkable:
            continue
        if ref.kind == "statement" and ref.target in index.statements:
            continue
        record = index.items.get(ref.target)
        if ref.kind != "statement" and record is not None and record.kind == ref.kind:
            continue
        base = _where(loaded, ref.loc)
        label = KIND_LABELS.get(ref.kind, ref.kind)
        if ref.kind == "statement":
            suggestion = did_you_mean(ref.target, list(index.statements))
            yield Problem(
                **base,
                title=f"Unknown framework statement `{ref.target}`",
                found=f"`{ref.target}`, which is not a statement in any framework in data/frameworks/",
                expected=f"a statement id: {_statement_ranges(index)}",
                fix=f"Did you mean `{suggestion}`?" if suggestion
                else "Check the id against the framework pages, or add the statement to its framework file.",
            )
            continue
        choices = [r.id for r in index.of_kind(ref.kind)]
        suggestion = did_you_mean(ref.target, choices)
        if record is not None:
            found = f"`{ref.target}`, which is the id of {a(record.kind_label)}, not {a(label)}"
        else:
            found = f"`{ref.target}`, which is not the id of any {label}"
        yield Problem(
            **base,
            title=f"Unknown {label} `{ref.target}`",
            found=found,
            expected=f"the id of {a(label)}: {describe_choices(choices)}",
            fix=f"Did you mean `{suggestion}`?" if suggestion
            else f"Use one of the ids above, or add the {label} first.",
        )


# --- rules that span fields --------------------------------------------------------------------


def _dates_after(today: datetime.date, walked: list[tuple[BaseModel, Loc]], loaded: LoadedFile) -> Iterable[Problem]:
    """Dates after today. Every date in the data records something done (a review, a change), so
    a later one is a slip of the keyboard; a day's grace allows for clocks in other time zones."""
    latest = today + datetime.timedelta(days=1)
    for model, loc in walked:
        for name, info in type(model).model_fields.items():
            value = getattr(model, name)
            if isinstance(value, datetime.date) and value > latest:
                where = (*loc, info.alias or name)
                position = loaded.position(where)
                yield Problem(file=loaded.path, line=position.line if position else None,
                              column=position.column if position else None, where=describe_loc(loaded.data, where),
                              title=f"`{info.alias or name}` is in the future", found=f"{value:%-d %B %Y}",
                              expected=f"the date it happened, on or before today ({today:%-d %B %Y})",
                              fix="Check the year and the month: write the date as year-month-day, e.g. "
                                  f"{today:%Y-%m-%d}.")


def _check_rules(area: Area, data: BaseModel, loaded: LoadedFile, index: Index) -> Iterable[Problem]:
    def at(loc: Loc, title: str, **details: str) -> Problem:
        position = loaded.position(loc)
        return Problem(file=loaded.path, line=position.line if position else None,
                       column=position.column if position else None,
                       where=describe_loc(loaded.data, loc), title=title, **details)

    if isinstance(data, schema.ServicesFile):
        for i, service in enumerate(data.services):
            if service.ages.from_age > service.ages.to_age:
                yield at(("services", i, "ages"), f"The ages of “{service.name}” run backwards",
                         found=f"from {service.ages.from_age} to {service.ages.to_age}",
                         expected="`from` no higher than `to`", fix="Swap the two numbers.")
            if service.run_by is None and service.provider is None:
                yield at(("services", i), f"Nobody is named as running “{service.name}”",
                         expected="`run_by` (one of our teams) or `provider` (another organisation)",
                         fix="Add `run_by: <team id>` or `provider: <organisation name>`.")
    if isinstance(data, schema.ThresholdsFile):
        domain_ids = [d.id for d in data.domains]
        for i, level in enumerate(data.levels):
            missing = [d for d in domain_ids if not level.indicators.get(d)]
            if missing:
                yield at(("levels", i, "indicators"),
                         f"The level “{level.name}” has no indicators for {describe_choices(missing)}",
                         expected="indicators in every assessment domain, so a practitioner can place a child",
                         fix=f"Add a list under `{missing[0]}:` in this level's indicators.")
    if isinstance(data, schema.TeamsFile):
        reports_to = {post.id: post.reports_to for post in data.leadership}
        for i, post in enumerate(data.leadership):
            seen = {post.id}
            current = post.reports_to
            while current is not None and current in reports_to:
                if current in seen:
                    yield at(("leadership", i, "reports_to"), f"The reporting line of “{post.role}” goes round in a circle",
                             found=f"{post.id} eventually reports to itself",
                             expected="each post to report upwards, ending at the top post (which has no `reports_to`)",
                             fix="Remove `reports_to` from the most senior post and check the others.")
                    break
                seen.add(current)
                current = reports_to[current]
    if isinstance(data, schema.AmendmentsFile):
        pages = [a.id for a in AREAS if a.page and not a.optional]
        for i, amendment in enumerate(data.amendments):
            for j, area_id in enumerate(amendment.areas):
                if area_id not in pages:
                    suggestion = did_you_mean(area_id, pages)
                    yield at(("amendments", i, "areas", j), f"Unknown area `{area_id}`",
                             found=f"`{area_id}`, which is not an area of the handbook",
                             expected=f"one of {describe_choices(pages, 12)}",
                             fix=f"Did you mean `{suggestion}`?" if suggestion else "Use one of the areas listed.")
    if isinstance(data, schema.GlossaryFile):
        seen_terms: dict[str, int] = {}
        for i, term in enumerate(data.terms):
            if term.abbr in seen_terms:
                yield at(("terms", i, "abbr"), f"The abbreviation `{term.abbr}` is in the glossary twice",
                         found=f"a second `{term.abbr}` (the first is entry {seen_terms[term.abbr] + 1})",
                         expected="each abbreviation once", fix="Merge the two entries.")
            seen_terms.setdefault(term.abbr, i)


PROMPT = "To do:"


def _prompts_left(loaded: LoadedFile) -> Iterable[Problem]:
    """One warning per file still holding "To do:" prompts from `handbook new` (comments aside)."""
    if PROMPT not in loaded.text:
        return
    lines = [n for n, line in enumerate(loaded.lines, start=1)
             if PROMPT in line and not line.lstrip().startswith("#")]
    if lines:
        yield Problem(
            file=loaded.path, line=lines[0], severity=Severity.WARNING,
            title=f"{len(lines)} prompt{'s' if len(lines) != 1 else ''} still to replace with your own words",
            expected="your own text where the file says “To do:”",
            fix="Replace each “To do:” text; the first is on this line.",
        )


GAPS_LISTED_ONE_BY_ONE = 5


def _coverage_gaps(index: Index, severity: Severity) -> Iterable[Problem]:
    gaps = index.gaps()
    if severity is Severity.WARNING and len(gaps) > GAPS_LISTED_ONE_BY_ONE:
        # A new handbook has many gaps: one warning says so without burying everything else.
        first = gaps[0]
        yield Problem(
            file=first.file, line=first.line, severity=severity,
            title=f"{len(gaps)} of {len(index.statements)} framework statements are not evidenced yet",
            found=", ".join(record.id for record in gaps),
            expected="each statement in the `evidences` of at least one item",
            fix="Add statement ids to the `evidences` of the items that meet them; "
            "the coverage page lists the gaps.",
        )
        return
    for record in gaps:
        yield Problem(
            file=record.file,
            line=record.line,
            severity=severity,
            title=f"Nothing in the handbook evidences {record.id} “{record.statement.title}”",
            expected="at least one item whose `evidences` lists this statement",
            fix=f"Add `{record.id}` to the `evidences` of the items that meet it, "
            "or accept the gap (it is listed on the coverage page).",
        )
