"""Rules that span fields of one area's file, which the models alone cannot say.

Each rule is registered for the model of the file it checks (`@rule(schema.ServicesFile)`): an
area's rules are found from its model, so a new area needs no list edited here or elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from pydantic import BaseModel

from . import schema
from .areas import AREAS
from .errors import Problem, describe_choices, did_you_mean
from .explain import place
from .loader import LoadedFile

FileModel = TypeVar("FileModel", bound=BaseModel)
Rule = Callable[[Any, LoadedFile], Iterable[Problem]]  # given the data of the file it is registered for
RULES: dict[type[BaseModel], list[Rule]] = {}


def rule(model: type[FileModel]) -> Callable[[Callable[[FileModel, LoadedFile], Iterable[Problem]]],
                                              Callable[[FileModel, LoadedFile], Iterable[Problem]]]:
    """Register a rule for files of `model`."""
    def register(
        check: Callable[[FileModel, LoadedFile], Iterable[Problem]],
    ) -> Callable[[FileModel, LoadedFile], Iterable[Problem]]:
        RULES.setdefault(model, []).append(check)
        return check
    return register


def check_rules(data: BaseModel, loaded: LoadedFile) -> Iterator[Problem]:
    """Every rule registered for this file's model."""
    for check in RULES.get(type(data), []):
        yield from check(data, loaded)


@rule(schema.ServicesFile)
def _services_have_ages_and_someone_running_them(data: schema.ServicesFile, loaded: LoadedFile) -> Iterator[Problem]:
    for i, service in enumerate(data.services):
        if service.ages.from_age > service.ages.to_age:
            yield place(loaded, ("services", i, "ages")).problem(
                f"The ages of “{service.name}” run backwards",
                found=f"from {schema.PRE_BIRTH_WORDS if service.ages.pre_birth else service.ages.from_age} "
                      f"to {service.ages.to_age}",
                expected="`from` no higher than `to`", fix="Swap the two numbers.")
        if service.run_by is None and service.provider is None:
            yield place(loaded, ("services", i)).problem(
                f"Nobody is named as running “{service.name}”",
                expected="`run_by` (one of our teams) or `provider` (another organisation)",
                fix="Add `run_by: <team id>` or `provider: <organisation name>`.")


@rule(schema.ThresholdsFile)
def _levels_have_indicators_in_every_domain(data: schema.ThresholdsFile, loaded: LoadedFile) -> Iterator[Problem]:
    domain_ids = [d.id for d in data.domains]
    for i, level in enumerate(data.levels):
        missing = [d for d in domain_ids if not level.indicators.get(d)]
        if missing:
            yield place(loaded, ("levels", i, "indicators")).problem(
                f"The level “{level.name}” has no indicators for {describe_choices(missing)}",
                expected="indicators in every assessment domain, so a practitioner can place a child",
                fix=f"Add a list under `{missing[0]}:` in this level's indicators.")


@rule(schema.TeamsFile)
def _reporting_lines_end_at_the_top(data: schema.TeamsFile, loaded: LoadedFile) -> Iterator[Problem]:
    reports_to = {post.id: post.reports_to for post in data.leadership}
    for i, post in enumerate(data.leadership):
        seen = {post.id}
        current = post.reports_to
        while current is not None and current in reports_to:
            if current in seen:
                yield place(loaded, ("leadership", i, "reports_to")).problem(
                    f"The reporting line of “{post.role}” goes round in a circle",
                    found=f"{post.id} eventually reports to itself",
                    expected="each post to report upwards, ending at the top post (which has no `reports_to`)",
                    fix="Remove `reports_to` from the most senior post and check the others.")
                break
            seen.add(current)
            current = reports_to[current]


@rule(schema.JourneyFile)
def _stages_are_in_phases_when_there_are_phases(data: schema.JourneyFile, loaded: LoadedFile) -> Iterator[Problem]:
    if not data.phases:
        return
    choices = [phase.id for phase in data.phases]
    for i, stage in enumerate(data.stages):
        if stage.phase is None:
            yield place(loaded, ("stages", i)).problem(
                f"The stage “{stage.name}” is not in a phase",
                expected=f"`phase:` with one of the phases at the top of the file: {describe_choices(choices)}",
                fix=f"Add `phase: {choices[0]}` (or whichever phase it belongs to) under `type:`.")


@rule(schema.JourneyFile)
def _stages_are_led_one_way(data: schema.JourneyFile, loaded: LoadedFile) -> Iterator[Problem]:
    """Who leads a stage is said one way: `team`, `teams` or `service_area`."""
    ways = ("team", "teams", "service_area")
    for i, stage in enumerate(data.stages):
        used = [way for way in ways if getattr(stage, way)]
        if len(used) == 1:
            if stage.teams and len(set(stage.teams)) < len(stage.teams):
                twice = next(t for t in stage.teams if stage.teams.count(t) > 1)
                yield place(loaded, ("stages", i, "teams")).problem(
                    f"The team `{twice}` is named twice in the teams of “{stage.name}”",
                    expected="each responsible team once", fix=f"Remove the second `{twice}`.")
            continue
        where = place(loaded, ("stages", i, used[1]) if len(used) > 1 else ("stages", i))
        yield where.problem(
            f"Who leads the stage “{stage.name}” is said {'more than one way' if used else 'nowhere'}",
            found=" and ".join(f"`{way}`" for way in used) + " together" if used
            else "no `team`, `teams` or `service_area`",
            expected="exactly one of `team: <team id>` (one team), `teams: [<team id>, ...]` (several teams "
                     "sharing it) or `service_area: <service area id>` (every team of a service area)",
            fix="Keep the one that says who is responsible; teams that help go in `supporting_teams`."
            if used else "Add `team: <team id>` under `type:`, or `teams:` or `service_area:`.")


@rule(schema.JourneyFile)
def _timescales_say_how_long(data: schema.JourneyFile, loaded: LoadedFile) -> Iterator[Problem]:
    """`within` and `apart` are an amount of a unit; `until` is an age."""
    for i, stage in enumerate(data.stages):
        for j, timescale in enumerate(stage.timescales):
            where = place(loaded, ("stages", i, "timescales", j))
            if timescale.type == "until":
                if timescale.age is None or timescale.amount is not None or timescale.unit is not None:
                    yield where.problem(
                        f"The timescale “{timescale.what}” lasts until an age, but does not say which"
                        if timescale.age is None else
                        f"The timescale “{timescale.what}” lasts until an age: `amount` and `unit` are not for it",
                        found="no `age`" if timescale.age is None else "`amount` or `unit` beside `age`",
                        expected="`age:` alone, e.g. age: 21 for until the young person is 21",
                        fix="Write `age: <age>` under `type: until`, and remove `amount` and `unit`.")
            elif timescale.amount is None or timescale.unit is None or timescale.age is not None:
                missing = [field for field in ("amount", "unit") if getattr(timescale, field) is None]
                yield where.problem(
                    f"The timescale “{timescale.what}” does not say how long",
                    found=f"no `{'` or `'.join(missing)}`" if missing else "`age` given",
                    expected=f"`amount:` and `unit:` for a `{timescale.type}` timescale, e.g. amount: 15 and "
                             "unit: working days (`age` is for `type: until`)",
                    fix="Add the missing field." if missing else "Remove `age`, or write `type: until`.")


@rule(schema.AmendmentsFile)
def _amendments_name_areas_that_exist(data: schema.AmendmentsFile, loaded: LoadedFile) -> Iterator[Problem]:
    pages = [a.id for a in AREAS if a.page and not a.optional]
    for i, amendment in enumerate(data.amendments):
        for j, area_id in enumerate(amendment.areas):
            if area_id not in pages:
                suggestion = did_you_mean(area_id, pages)
                yield place(loaded, ("amendments", i, "areas", j)).problem(
                    f"Unknown area `{area_id}`",
                    found=f"`{area_id}`, which is not an area of the handbook",
                    expected=f"one of {describe_choices(pages, 12)}",
                    fix=f"Did you mean `{suggestion}`?" if suggestion else "Use one of the areas listed.")


@rule(schema.GlossaryFile)
def _abbreviations_are_unique(data: schema.GlossaryFile, loaded: LoadedFile) -> Iterator[Problem]:
    seen_terms: dict[str, int] = {}
    for i, term in enumerate(data.terms):
        if term.abbr in seen_terms:
            yield place(loaded, ("terms", i, "abbr")).problem(
                f"The abbreviation `{term.abbr}` is in the glossary twice",
                found=f"a second `{term.abbr}` (the first is entry {seen_terms[term.abbr] + 1})",
                expected="each abbreviation once", fix="Merge the two entries.")
        seen_terms.setdefault(term.abbr, i)


@rule(schema.GlossaryFile)
def _terms_have_their_own_anchors(data: schema.GlossaryFile, loaded: LoadedFile) -> Iterator[Problem]:
    """Each term is a section of the glossary page under an anchor made from its abbreviation."""
    anchors: dict[str, str] = {}
    for i, term in enumerate(data.terms):
        anchor = schema.term_anchor(term.abbr)
        first = anchors.setdefault(anchor, term.abbr)
        if first != term.abbr:
            yield place(loaded, ("terms", i, "abbr")).problem(
                f"The abbreviations `{first}` and `{term.abbr}` would share a link",
                found=f"both become the glossary's anchor #{anchor}",
                expected="abbreviations that differ by more than punctuation, accents or capitals",
                fix="Merge the two entries, or write both the same way.")


@rule(schema.StartHereFile)
def _reading_paths_list_each_step_once(data: schema.StartHereFile, loaded: LoadedFile) -> Iterator[Problem]:
    # A step is known by what it points at (the reader's ticks are kept under that id): twice in
    # one path, the two would tick together.
    for i, path in enumerate(data.paths):
        first: dict[str, int] = {}
        for j, step in enumerate(path.steps):
            if step.read in first:
                yield place(loaded, ("paths", i, "steps", j, "read")).problem(
                    f"`{step.read}` is in the reading path “{path.name}” twice",
                    found=f"a second step reading `{step.read}` (the first is step {first[step.read] + 1})",
                    expected="each item or page once in a path",
                    fix="Merge the two steps into one, with both reasons in its `why`.")
            first.setdefault(step.read, j)
