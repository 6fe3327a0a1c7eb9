"""The shape of the handbook data: one pydantic model per concept.

Each data file in `data/` has a top-level model (the `*File` classes). Anything that can be
pointed at has an `id`; anything that can evidence a framework statement has `evidences`.
References to other items are plain ids marked with `Ref(kind)`, checked against the complete
index after every file has been read (see `validate.py`), so that the reverse links can be
derived rather than typed twice.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    field_validator,
)

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
STATEMENT_ID_PATTERN = r"^[A-Za-z][A-Za-z0-9]*(?:[.-][A-Za-z0-9]+)*$"
COLOUR_PATTERN = r"^#[0-9a-fA-F]{6}$"
# A web address: no spaces, quotes, brackets or braces, so it cannot end a Markdown link early
# or carry attributes or HTML along with it.
_URL_CHAR = r"[^\s()<>\"'{}\[\]\\`|^]"
URL_PATTERN = rf"^https?://{_URL_CHAR}+$"
_SEGMENT = r"[^\s/()<>\"'{}\[\]\\`|^]+"
REPOSITORY_PATTERN = rf"^https://{_SEGMENT}/{_SEGMENT}/{_SEGMENT}/?$"


@dataclass(frozen=True)
class Ref:
    """Marks a field whose value is the id of another item, of the given kind."""

    kind: str

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> dict[str, Any]:
        # Marked for jsonschema.py, which describes the reference (and lists statement ids).
        return {**handler(core_schema), "x-handbook-ref": self.kind}


@dataclass(frozen=True)
class ProseField:
    """Marks free text that is rendered as Markdown (HTML and template syntax escaped)."""

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> dict[str, Any]:
        return {**handler(core_schema), "x-handbook-markdown": True}


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
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
ABBREVIATION_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9&.'+/-]*$"
Evidences = list[Annotated[str, Ref("statement")]]


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


# --- authority.yaml ---------------------------------------------------------------------------


class Audience(Model):
    who: Text
    use: Prose


class CoverageSettings(Model):
    gaps: Literal["warn", "error"] = Field(
        "warn",
        description="What a framework statement with no evidence does to the check: "
        "`warn` lists it, `error` fails the build.",
    )


class RepositorySettings(Model):
    url: Annotated[str, StringConstraints(pattern=REPOSITORY_PATTERN)] = Field(
        description="The handbook's repository on GitHub, e.g. https://github.com/your-org/practice-handbook. "
        "Pages then carry 'edit' and 'suggest a change' links to it."
    )
    branch: Text = "main"


class PrivacySettings(Model):
    case_id_pattern: Text | None = Field(
        None,
        description="A regular expression (RE2 syntax: no look-arounds or back-references) matching the "
        "authority's own case-record ids, e.g. NM-[0-9]{6}; it may not match empty text or ordinary words. "
        "`handbook check` fails if the data contains one.",
    )
    allow: list[Text] = Field(
        default_factory=list,
        description="Exact texts that look like personal data but are not (e.g. a made-up example number).",
    )

    @field_validator("case_id_pattern")
    @classmethod
    def _compiles(cls, pattern: str | None) -> str | None:
        if pattern is not None:
            from .privacy import (
                compile_case_id,  # the privacy check decides what it can run
            )

            compile_case_id(pattern)  # its ValueError says why the pattern cannot be used
        return pattern


class AccessibilitySettings(Model):
    contact: Prose = Field(description="How to report an accessibility problem and ask for another format.")
    status: Literal["fully compliant", "partially compliant", "not compliant"] = "partially compliant"
    known_issues: list[Line] = Field(default_factory=list, description="Parts of the site known not to meet WCAG 2.2 AA.")
    testing: Prose | None = Field(
        None, description="Testing beyond the automated checks, e.g. an audit or sessions with screen reader users."
    )
    prepared: Text | None = Field(None, description="When this statement was prepared, e.g. 1 November 2026.")


class AuthorityFile(Model):
    name: Text = Field(description="The authority's full name, e.g. Northmere City Council.")
    short_name: Text
    handbook_title: Text
    fictional: bool = Field(
        False, description="True for a made-up example authority: every page then says it is fictional."
    )
    draft: bool = Field(
        False, description="True while the content is still being written: every page then says so."
    )
    notice: Text | None = Field(
        None, description="The words of the banner shown on every page of a fictional or draft handbook."
    )
    summary: Prose = Field(description="What this handbook is, for the home page.")
    audience: list[Audience] = Field(min_length=1)
    how_to_use: list[Line] = Field(default_factory=list)
    feedback: Prose | None = Field(
        None, description="How staff tell the handbook's owners that practice and handbook differ."
    )
    coverage: CoverageSettings = CoverageSettings()
    repository: RepositorySettings | None = Field(
        None, description="Where the handbook's source lives; leave out to show no edit links."
    )
    review: Review | None = Field(None, description="Who owns the home page and when it was last reviewed.")
    privacy: PrivacySettings = PrivacySettings()
    accessibility: AccessibilitySettings | None = Field(
        None, description="The accessibility statement's contact details, status and known issues."
    )


# --- vision.yaml (OM1) ------------------------------------------------------------------------


class Vision(Item):
    kind = "vision"
    kind_label = "vision"


class Value(Item):
    kind = "value"
    kind_label = "value"
    in_practice: list[Line] = Field(
        min_length=1, description="What this value looks like in day-to-day practice."
    )


class VisionFile(AreaFile):
    vision: Vision
    values: list[Value] = Field(min_length=1)


# --- practice-model.yaml (OM2) ----------------------------------------------------------------


class PracticeModel(Item):
    kind = "practice-model"
    kind_label = "practice model"
    philosophy: Prose


class Theory(Item):
    kind = "theory"
    kind_label = "theory"


class Principle(Item):
    kind = "principle"
    kind_label = "practice principle"
    in_practice: list[Line] = Field(default_factory=list)


class Method(Item):
    kind = "method"
    kind_label = "method"


class Tool(Item):
    kind = "tool"
    kind_label = "practice tool"


class PracticeModelFile(AreaFile):
    model: PracticeModel
    theory: list[Theory] = Field(min_length=1)
    principles: list[Principle] = Field(min_length=1)
    methods: list[Method] = Field(min_length=1)
    tools: list[Tool] = Field(default_factory=list)


# --- teams.yaml (OM3) -------------------------------------------------------------------------


class Post(Model):
    """A senior post at the top of the structure chart (a role, never a named person)."""

    kind: ClassVar[str] = "post"
    kind_label: ClassVar[str] = "leadership post"
    id: Id
    role: Text
    summary: Prose | None = None
    reports_to: Annotated[str, Ref("post")] | None = None


class ServiceArea(Model):
    kind: ClassVar[str] = "service-area"
    kind_label: ClassVar[str] = "service area"
    id: Id
    name: Text
    led_by: Text = Field(description="The role that leads this service area.")
    reports_to: Annotated[str, Ref("post")]
    summary: Prose


class TeamRole(Model):
    role: Text
    count: float | None = Field(None, ge=0, description="How many posts, as full-time equivalents (0.5 for a half-time post).")
    summary: Prose | None = None


class Team(Item):
    kind = "team"
    kind_label = "team"
    summary: Prose = Field(description="The team's purpose.")
    service_area: Annotated[str, Ref("service-area")]
    serves: Prose = Field(description="Which children and families the team works with.")
    roles: list[TeamRole] = Field(min_length=1)
    base: Text | None = Field(None, description="Where the team is based.")


class TeamsFile(AreaFile):
    leadership: list[Post] = Field(min_length=1)
    service_areas: list[ServiceArea] = Field(min_length=1)
    teams: list[Team] = Field(min_length=1)


# --- journey.yaml (OM4) -----------------------------------------------------------------------

StageKind = Literal["entry", "assessment", "meeting", "plan", "legal", "exit"]
TimeUnit = Literal["hours", "working days", "days", "weeks", "months"]


class Timescale(Model):
    what: Text = Field(description="What must happen, e.g. 'Initial child protection conference'.")
    amount: Whole = Field(gt=0)
    unit: TimeUnit
    type: Literal["within", "apart"] = Field(
        "within",
        description="`within`: a deadline counted from an event. `apart`: the longest gap "
        "between repeats (e.g. visits at most 6 weeks apart).",
    )
    counted_from: Text | None = Field(
        None, description="The event the time is counted from, e.g. 'the strategy discussion'."
    )
    basis: Literal["statutory", "local"]
    source: Text = Field(description="Where the timescale comes from.")


class Outcome(Model):
    to: Annotated[str, Ref("stage")]
    when: Text
    step: Literal["up", "down"] | None = Field(
        None, description="`up` or `down` when this outcome steps a case up or down a level of need."
    )


class Decision(Model):
    question: Text
    made_by: Text = Field(description="The role that makes the decision.")
    outcomes: list[Outcome] = Field(min_length=1)


class Stage(Item):
    kind = "stage"
    kind_label = "journey stage"
    type: StageKind
    team: Annotated[str, Ref("team")]
    supporting_teams: list[Annotated[str, Ref("team")]] = Field(default_factory=list)
    levels: list[Annotated[str, Ref("level")]] = Field(default_factory=list)
    must_happen: list[Line] = Field(min_length=1)
    timescales: list[Timescale] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)
    recording: list[Line] = Field(default_factory=list)
    tools: list[Annotated[str, Ref("tool")]] = Field(default_factory=list)
    services: list[Annotated[str, Ref("service")]] = Field(
        default_factory=list, description="Services often used at this stage."
    )


class JourneyFile(AreaFile):
    stages: list[Stage] = Field(min_length=1)


# --- standards.yaml (OM5) ---------------------------------------------------------------------


class Standard(Item):
    kind = "standard"
    kind_label = "practice standard"
    summary: Prose = Field(description="What we expect, in a sentence or two.")
    why: Prose | None = None
    how_measured: Text | None = None
    measure: Annotated[str, Ref("measure")] | None = None
    stages: list[Annotated[str, Ref("stage")]] = Field(default_factory=list)


class StandardsFile(AreaFile):
    standards: list[Standard] = Field(min_length=1)


# --- services.yaml (OM6) ----------------------------------------------------------------------


class Ages(Model):
    from_age: Whole = Field(alias="from", ge=0, le=25)
    to_age: Whole = Field(alias="to", ge=0, le=25)


class Service(Item):
    kind = "service"
    kind_label = "service"
    summary: Prose = Field(description="What the service offers.")
    offers: list[Line] = Field(default_factory=list)
    levels: list[Annotated[str, Ref("level")]] = Field(min_length=1)
    ages: Ages
    run_by: Annotated[str, Ref("team")] | None = None
    provider: Text | None = Field(None, description="Who provides it, when not one of our teams.")
    who_can_refer: Text
    how_to_refer: Prose


class ServicesFile(AreaFile):
    services: list[Service] = Field(min_length=1)


# --- thresholds.yaml (OM7) --------------------------------------------------------------------


class Domain(Model):
    kind: ClassVar[str] = "domain"
    kind_label: ClassVar[str] = "assessment domain"
    id: Id
    name: Text
    summary: Prose | None = None


class Level(Item):
    kind = "level"
    kind_label = "level of need"
    colour: Colour = Field(description="Background colour for the level, as #rrggbb.")
    response: Prose
    indicators: dict[Annotated[str, Ref("domain")], list[Text]]


class ThresholdsFile(AreaFile):
    domains: list[Domain] = Field(min_length=1)
    levels: list[Level] = Field(min_length=2)
    how_to_refer: Prose
    out_of_hours: Prose
    consent: Prose
    step_up: Prose
    step_down: Prose


# --- supervision.yaml (OM5, F3) ---------------------------------------------------------------


class SupervisionPolicy(Item):
    kind = "supervision-policy"
    kind_label = "supervision policy"
    recording: Prose


class SupervisionForm(Item):
    kind = "supervision-form"
    kind_label = "form of supervision"
    form: Literal["individual", "group", "reflective", "peer", "observation", "consultation"]
    frequency: Text
    who: Text = Field(description="Who takes part.")


class SupervisionFile(AreaFile):
    policy: SupervisionPolicy
    forms: list[SupervisionForm] = Field(min_length=1)


# --- quality.yaml (OM8) -----------------------------------------------------------------------


class Audit(Item):
    kind = "audit"
    kind_label = "audit"
    frequency: Text
    who: Text


class Target(Model):
    comparison: Literal["at least", "at most"]
    value: float
    unit: Text = Field(description="e.g. % or working days")


class Measure(Item):
    kind = "measure"
    kind_label = "performance measure"
    target: Target
    frequency: Text
    source: Text = Field(description="Where the figure comes from, e.g. the case recording system.")


class FeedbackRoute(Item):
    kind = "feedback"
    kind_label = "feedback route"


class LearningReview(Item):
    kind = "learning-review"
    kind_label = "learning review"


class QualityFile(AreaFile):
    audits: list[Audit] = Field(min_length=1)
    measures: list[Measure] = Field(min_length=1)
    feedback: list[FeedbackRoute] = Field(min_length=1)
    learning_reviews: list[LearningReview] = Field(min_length=1)


# --- foundations.yaml (F1-F7) -----------------------------------------------------------------


class WorkforceItem(Item):
    kind = "workforce"
    kind_label = "workforce development"


class Partnership(Item):
    kind = "partnership"
    kind_label = "partnership"
    partners: list[Text] = Field(min_length=1)


class FoundationsFile(AreaFile):
    workforce: list[WorkforceItem] = Field(min_length=1)
    partnerships: list[Partnership] = Field(min_length=1)


# --- glossary.yaml ----------------------------------------------------------------------------


class Term(Model):
    abbr: Annotated[str, StringConstraints(min_length=1, max_length=20, pattern=ABBREVIATION_PATTERN)]
    term: Text
    definition: Prose | None = None


class GlossaryFile(Model):
    review: Review | None = None
    intro: Prose | None = None
    terms: list[Term] = Field(min_length=1)


# --- amendments.yaml -------------------------------------------------------------------------


class Amendment(Model):
    date: Date = Field(description="When the change was made, as 2026-11-10.")
    summary: Text = Field(description="What changed, in a sentence.")
    why: Prose | None = None
    approved_by: Text = Field(description="The role that approved the change.")
    areas: list[Id] = Field(min_length=1, description="The areas (pages) it changed, e.g. [services, journey].")


class AmendmentsFile(Model):
    mark_recent_for_days: Whole = Field(
        30, ge=0, le=366, description="For how many days a changed page is marked as updated."
    )
    amendments: list[Amendment] = Field(default_factory=list)


# --- frameworks/*.yaml ------------------------------------------------------------------------


class Statement(Model):
    kind: ClassVar[str] = "statement"
    kind_label: ClassVar[str] = "framework statement"
    id: StatementId
    title: Text
    summary: Prose = Field(description="Our own summary; the source holds the full text.")
    url: WebAddress | None = None


class FrameworkFile(Model):
    id: Id
    name: Text
    short_name: Text
    publisher: Text
    year: Whole = Field(ge=1900, le=2100)
    version: Text | None = None
    source_url: WebAddress
    licence: Text
    licence_url: WebAddress | None = None
    attribution: Text | None = None
    summary: Prose
    order: Whole = Field(100, description="Position among the frameworks in the navigation.")
    statements: list[Statement] = Field(min_length=1)


def statement_anchor(statement_id: str) -> str:
    """The HTML anchor of a statement: its id in lower case, e.g. PS7 -> ps7."""
    return re.sub(r"[^a-z0-9-]", "-", statement_id.lower())
