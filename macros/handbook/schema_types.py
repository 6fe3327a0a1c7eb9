"""The building blocks of the data models: the id, text and date types, and the base models.

Every model in `schema_areas`, `schema_journey` and `schema_site` is made of these. `Ref(kind)`
marks a field whose value is the id of another item, and `ProseField` one rendered as Markdown;
both are markers the checks (walk.py) and the JSON Schemas (jsonschema.py) read.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, Strict, StringConstraints

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
STATEMENT_ID_PATTERN = r"^[A-Za-z][A-Za-z0-9]*(?:[.-][A-Za-z0-9]+)*$"
COLOUR_PATTERN = r"^#[0-9a-fA-F]{6}$"
# A web address: no spaces, quotes, brackets or braces, so it cannot end a Markdown link early
# or carry attributes or HTML along with it.
_URL_CHAR = r"[^\s()<>\"'{}\[\]\\`|^]"
URL_PATTERN = rf"^https?://{_URL_CHAR}+$"
_SEGMENT = r"[^\s/()<>\"'{}\[\]\\`|^]+"
REPOSITORY_PATTERN = rf"^https://{_SEGMENT}/{_SEGMENT}/{_SEGMENT}/?$"


# The kind of a reference that may name an item of any kind (a glossary term's `see`).
ANY_ITEM = "item"


@dataclass(frozen=True)
class Ref:
    """Marks a field whose value is the id of another item, of the given kind (ANY_ITEM: any)."""

    kind: str

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> dict[str, Any]:
        # Marked for jsonschema.py, which describes the reference (and lists statement ids).
        return {**handler(core_schema), "x-handbook-ref": self.kind}


@dataclass(frozen=True)
class ProseField:
    """Marks free text that is rendered as Markdown (HTML and template syntax escaped)."""

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> dict[str, Any]:
        return {**handler(core_schema), "x-handbook-markdown": True}


# An id names a page's address for stages and teams (journey/<id>/): long enough for any name,
# short enough for every file system.
ID_LIMIT = 100
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=ID_LIMIT)]
StatementId = Annotated[str, StringConstraints(pattern=STATEMENT_ID_PATTERN)]
Colour = Annotated[str, StringConstraints(pattern=COLOUR_PATTERN)]
WebAddress = Annotated[str, StringConstraints(pattern=URL_PATTERN)]
# How long one text may be. Far beyond any real entry (the sample's longest is under 2,000
# characters), they keep a pasted document or a runaway edit from making every page huge.
TEXT_LIMIT, LINE_LIMIT, PROSE_LIMIT = 2_000, 5_000, 50_000
Text = Annotated[str, StringConstraints(min_length=1, max_length=TEXT_LIMIT, strip_whitespace=True)]
# Numbers as YAML writes them, never yes/no values or text: in lax mode `amount: yes` would be 1.
Whole = Annotated[int, Strict()]
# A date something happened on. Bounded so that a mistyped year (9999) is a message rather than
# a date the review arithmetic cannot move past; dates after today are checked in validate.py.
EARLIEST_DATE, LATEST_DATE = datetime.date(1990, 1, 1), datetime.date(2100, 12, 31)
Date = Annotated[datetime.date, Field(ge=EARLIEST_DATE, le=LATEST_DATE)]
NOT_BLANK = r"\S"
Prose = Annotated[str, StringConstraints(min_length=1, max_length=PROSE_LIMIT, pattern=NOT_BLANK), ProseField()]
# One entry of a list (a point, a step, a question): a line of Markdown.
Line = Annotated[str, StringConstraints(min_length=1, max_length=LINE_LIMIT, strip_whitespace=True), ProseField()]
# Characters an abbreviation may use: the Markdown that turns it into a tooltip breaks on others.
# Letters are those of the Latin alphabet with or without accents (Latin-1, Latin Extended-A and B,
# Latin Extended Additional), so a Welsh abbreviation such as CŴD or ADY is one, and a Welsh or
# Irish authority's (â ê î ô û ŵ ŷ, á, ẁ...) too. The ranges are written out rather than as \w,
# which JSON Schema's regular expressions (an editor's) read as ASCII letters only.
ABBREVIATION_LETTERS = "A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
ABBREVIATION_PATTERN = rf"^[{ABBREVIATION_LETTERS}][{ABBREVIATION_LETTERS}&.'+/-]*$"
Evidences = list[Annotated[str, Ref("statement")]]
# A language's code (BCP 47, as HTML's lang attribute takes it): cy for Welsh, pl, ur, cy-GB.
LANGUAGE_PATTERN = r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"
Language = Annotated[str, StringConstraints(pattern=LANGUAGE_PATTERN), Field(
    description="The language these words are in, when it is not English: its code, e.g. cy for Welsh. "
    "The page marks them so that a screen reader says them in that language (WCAG 3.1.2).")]


class Model(BaseModel):
    """Every data model rejects unknown fields, so a misspelt field name is never ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False, allow_inf_nan=False)


ReviewInterval = Literal["3 months", "6 months", "12 months", "24 months"]


class Review(Model):
    """Who owns a part of the handbook and when it was last checked against practice."""

    owner: Text = Field(description="The role that owns this part, e.g. Head of Quality Assurance (never a name).")
    last_reviewed: Date = Field(description="When it was last reviewed, as 2026-06-15.")
    every: ReviewInterval = Field("12 months", description="How often it is reviewed.")


class Item(Model):
    """Something in the model that can be linked to and can evidence framework statements."""

    kind: ClassVar[str] = "item"
    kind_label: ClassVar[str] = "item"

    id: Id
    name: Text
    summary: Prose
    evidences: Evidences = Field(
        default_factory=list,
        description="Ids of the framework statements this item evidences, e.g. PS7 or OM4.",
    )
    review: Review | None = Field(None, description="Only for an item reviewed apart from its area.")


class AreaFile(Model):
    """Fields every area file may have: an introduction and questions for reflection."""

    review: Review | None = Field(None, description="Who owns this area and when it was last reviewed.")
    intro: Prose | None = Field(None, description="Opening text for the area's page.")
    reflective_questions: list[Line] = Field(
        default_factory=list,
        description="Questions practitioners and supervisors can use to reflect on this area.",
    )
