"""The operating-model areas Ofsted lists, one data file each: vision and values, the practice
model, teams, standards, services, thresholds, supervision, quality assurance, and the workforce
and partnerships the model stands on. The child's journey is in `schema_journey`."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field, StringConstraints, WithJsonSchema, field_validator

from .schema_types import AreaFile, Colour, Id, Item, Language, Line, Model, Prose, Ref, Text, Whole

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
    count: float | None = Field(
        None, ge=0, description="How many posts, as full-time equivalents (0.5 for a half-time post)."
    )
    summary: Prose | None = None


# A telephone number as written in the UK: digits, spaces and brackets, an optional leading +.
PHONE_PATTERN = r"^\+?[0-9][0-9 ()]{5,24}[0-9]$"
# A shared mailbox: one @, no spaces, quotes or brackets (so it cannot end a Markdown link early),
# and none of ? # % & (so a `mailto:` link cannot carry more recipients or a message).
EMAIL_PATTERN = r"^[^\s@()<>\"'{}\[\]\\`|^,;:?#%&]+@[^\s@()<>\"'{}\[\]\\`|^,;:?#%&]+\.[A-Za-z]{2,}$"


class Contact(Model):
    """How to reach a team: the team's own duty line and shared mailbox, never a person's."""

    duty_phone: Annotated[str, StringConstraints(pattern=PHONE_PATTERN)] | None = Field(
        None, description="The team's duty or main line, e.g. 01632 960 100.")
    email: Annotated[str, StringConstraints(pattern=EMAIL_PATTERN)] | None = Field(
        None, description="The team's shared mailbox (never a person's own address).")
    office_hours: Text | None = Field(None, description="When the team answers, e.g. Monday to Friday, 9am to 5pm.")
    out_of_hours: Text | None = Field(None, description="What to do when the team is closed.")


class Team(Item):
    kind = "team"
    kind_label = "team"
    summary: Prose = Field(description="The team's purpose.")
    service_area: Annotated[str, Ref("service-area")]
    led_by: Text | None = Field(None, description="The role that leads the team, e.g. Team manager.")
    serves: Prose = Field(description="Which children and families the team works with.")
    roles: list[TeamRole] = Field(min_length=1)
    base: Text | None = Field(None, description="Where the team is based.")
    contact: Contact | None = Field(None, description="How to reach the team (all optional).")


class TeamsFile(AreaFile):
    leadership: list[Post] = Field(min_length=1)
    service_areas: list[ServiceArea] = Field(min_length=1)
    teams: list[Team] = Field(min_length=1)


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


# `from: pre-birth`: a service that starts before a child is born (held as -1, below every age).
PRE_BIRTH_WORDS, PRE_BIRTH = "pre-birth", -1
_PRE_BIRTH_SCHEMA = WithJsonSchema({"anyOf": [{"type": "integer", "minimum": 0, "maximum": 25},
                                              {"const": PRE_BIRTH_WORDS}]})


class Ages(Model):
    from_age: Annotated[Whole, _PRE_BIRTH_SCHEMA] = Field(
        alias="from", ge=PRE_BIRTH, le=25,
        description="The youngest age, in years, or pre-birth for a service that starts before birth.")
    to_age: Whole = Field(alias="to", ge=0, le=25)

    @field_validator("from_age", mode="before")
    @classmethod
    def _pre_birth(cls, value: object) -> object:
        if isinstance(value, str) and value.strip() == PRE_BIRTH_WORDS:
            return PRE_BIRTH
        if isinstance(value, int) and not isinstance(value, bool) and value < 0:
            raise ValueError(f"an age is 0 or more: write `from: {PRE_BIRTH_WORDS}` for a service that "
                             "starts before a child is born")
        return value

    @property
    def pre_birth(self) -> bool:
        return self.from_age == PRE_BIRTH


class Service(Item):
    kind = "service"
    kind_label = "service"
    lang: Language | None = Field(None, description="The language of the service's name when it is not English, "
                                  "e.g. cy for a Welsh name (the rest is in the handbook's language).")
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


# --- start-here.yaml --------------------------------------------------------------------------


class ReadingStep(Model):
    """One thing to read on a reading path, and why it matters for the role."""

    read: Id = Field(
        description="What to read: the id of any item in the handbook (a team, a journey stage, a "
        "service, a tool...), or of a page: an area (e.g. thresholds) or a framework "
        "(e.g. kss-practice-supervisors); an item's id is taken before a page's. Checked by handbook check.")
    why: Text = Field(description="One line: why this matters for someone in this role.")
    when: Text | None = Field(None, description="When to read it, e.g. In your first week.")


class ReadingPath(Model):
    """A reading path for one role (new social worker, agency worker...): the authority's choice."""

    kind: ClassVar[str] = "reading-path"
    kind_label: ClassVar[str] = "reading path"
    id: Id
    name: Text = Field(description="The role the path is for, e.g. New social worker.")
    summary: Prose = Field(description="Who the path is for and what it gives them.")
    steps: list[ReadingStep] = Field(min_length=1, description="What to read, in the order to read it.")


class StartHereFile(AreaFile):
    paths: list[ReadingPath] = Field(min_length=1, description="One reading path per role, in the order shown.")
