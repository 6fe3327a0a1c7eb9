"""The child's journey (OM4), journey.yaml: its phases, its stages, and at each stage the
timescales, decisions and outcomes that move a case on. Part of the operating-model areas
(`schema_areas` holds the others)."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from .schema_types import AreaFile, Id, Item, Line, Model, Prose, Ref, Text, Whole

# --- journey.yaml (OM4) -----------------------------------------------------------------------

StageKind = Literal["entry", "assessment", "meeting", "review", "plan", "legal", "exit"]
TimeUnit = Literal["hours", "working days", "days", "weeks", "months", "years"]


class Timescale(Model):
    what: Text = Field(description="What must happen, e.g. 'Initial child protection conference'.")
    # `within` and `apart` need an amount and a unit; `until` needs an age instead (rules.py).
    amount: Whole | None = Field(None, gt=0, description="How many units (for `within` and `apart`).")
    unit: TimeUnit | None = Field(None, description="The unit of the amount (for `within` and `apart`).")
    type: Literal["within", "apart", "until"] = Field(
        "within",
        description="`within`: a deadline counted from an event. `apart`: the longest gap "
        "between repeats (e.g. visits at most 6 weeks apart). `until`: for as long as the child "
        "is younger than `age` (e.g. a personal adviser until 21).",
    )
    age: Whole | None = Field(None, ge=1, le=25, description="For `until`: the age it lasts until, e.g. 21.")
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


class Phase(Model):
    """A part of the journey the authority names (front door, help, protection, care...)."""

    kind: ClassVar[str] = "phase"
    kind_label: ClassVar[str] = "phase of the journey"
    id: Id
    name: Text
    summary: Prose | None = None


class Stage(Item):
    kind = "stage"
    kind_label = "journey stage"
    type: StageKind
    phase: Annotated[str, Ref("phase")] | None = Field(
        None, description="The phase of the journey this stage is in (one of the ids under `phases`).")
    # Who leads the stage: one team, several teams (each for its own children: locality or patch
    # teams sharing a stage) or a whole service area. Exactly one of the three (rules.py).
    team: Annotated[str, Ref("team")] | None = Field(
        None, description="The team responsible for this stage. Or, instead, `teams` (several teams) or "
        "`service_area` (every team of a service area): use exactly one of the three.")
    teams: list[Annotated[str, Ref("team")]] = Field(
        default_factory=list, description="The teams that share responsibility for this stage (e.g. locality "
        "teams, each for its own children), instead of `team`.")
    service_area: Annotated[str, Ref("service-area")] | None = Field(
        None, description="The service area whose teams are responsible for this stage, instead of `team`.")
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

    def responsible_teams(self) -> list[str]:
        """The ids of the teams named as responsible (`team` or `teams`; none for a service area)."""
        return [self.team] if self.team else list(self.teams)


class JourneyFile(AreaFile):
    phases: list[Phase] = Field(
        default_factory=list,
        description="The parts of the journey, in order, to group the stages by (optional). When there "
        "are phases, every stage names one.")
    stages: list[Stage] = Field(min_length=1)

    def by_phase(self) -> list[tuple[Phase | None, list[Stage]]]:
        """The stages in journey order: phase by phase as `phases` lists them, in each phase in
        the data's order (one group, with no phase, when there are no phases)."""
        if not self.phases:
            return [(None, list(self.stages))]
        return [(phase, [stage for stage in self.stages if stage.phase == phase.id]) for phase in self.phases]

    def in_order(self) -> list[Stage]:
        """The stages in journey order (see by_phase)."""
        return [stage for _, stages in self.by_phase() for stage in stages]
