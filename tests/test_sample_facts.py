"""The sample authority's facts that the law and statutory guidance fix (issue 17).

Each test pins a fact that a check of the sample against the sources found wrong, so that an
edit to the sample cannot quietly bring the mistake back. The sources are named in the data
(the `source` of each timescale, or the text) and in the docstrings here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from handbook import schema
from handbook.book import Handbook

REG_28 = "Care Planning, Placement and Case Review (England) Regulations 2010, regulation 28"


def stage(sample: Handbook, stage_id: str) -> schema.Stage:
    stages = {s.id: s for s in sample.area(schema.JourneyFile).stages}
    assert stage_id in stages, f"the journey has no stage {stage_id!r}"
    return stages[stage_id]


def timescale(sample: Handbook, stage_id: str, what_starts: str) -> schema.Timescale:
    found = [t for t in stage(sample, stage_id).timescales if t.what.lower().startswith(what_starts.lower())]
    assert len(found) == 1, f"{stage_id}: expected one timescale starting {what_starts!r}, found {len(found)}"
    return found[0]


def definitions(sample: Handbook) -> dict[str, str]:
    """The glossary's definitions by abbreviation."""
    return {term.abbr: term.definition or "" for term in sample.area(schema.GlossaryFile).terms}


def texts(value: Any) -> Iterator[str]:
    """Every string in a dumped model, however deeply nested."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from texts(item)


def all_text(sample: Handbook) -> str:
    return "\n".join(text for data in sample.areas.values() for text in texts(data.model_dump(mode="json")))


def test_the_icpc_is_counted_from_the_strategy_discussion_that_initiated_the_enquiries(sample: Handbook) -> None:
    """Working Together 2023: within 15 working days of the strategy discussion at which the
    section 47 enquiries were initiated, where more than one was held (not the last one)."""
    icpc = timescale(sample, "initial-child-protection-conference", "Initial child protection conference")
    assert (icpc.amount, icpc.unit, icpc.type, icpc.basis) == (15, "working days", "within", "statutory")
    counted_from = (icpc.counted_from or "").lower()
    assert "strategy discussion at which the section 47 enquiries were initiated" in counted_from
    assert not re.search(r"\b(last|latest|final|several)\b", counted_from), counted_from
    assert "Working Together to Safeguard Children 2023" in icpc.source


@pytest.mark.parametrize(("paragraph", "amount", "unit", "kind", "words"), [
    ("(2)(a)", 1, "weeks", "within", "any placement"),
    ("(2)(b)", 6, "weeks", "apart", "first year"),
    ("(2)(c)(i)", 3, "months", "apart", "until the child is 18"),
    ("(2)(c)(ii)", 6, "weeks", "apart", "any other placement"),
    ("(3)(a)", 1, "weeks", "apart", "placed with a parent before the assessment"),
    ("(3)(b)", 6, "weeks", "apart", "after the first review"),
    ("(4)(a)", 1, "weeks", "apart", "temporarily approved connected person"),
    ("(4)(b)", 4, "weeks", "apart", "after the first review"),
    ("(5)(a)", 1, "weeks", "within", "under a care order"),
    ("(5)(b)", 6, "weeks", "apart", "under a care order"),
])
def test_the_visits_to_a_child_in_care_follow_regulation_28(sample: Handbook, paragraph: str, amount: int,
                                                             unit: str, kind: str, words: str) -> None:
    """Regulation 28 of the Care Planning, Placement and Case Review (England) Regulations 2010:
    each of its visiting frequencies, with its paragraph as the source and a statutory basis."""
    found = [t for t in stage(sample, "coming-into-care").timescales if t.source == REG_28 + paragraph]
    assert len(found) == 1, f"expected one timescale with the source {REG_28 + paragraph!r}"
    visit = found[0]
    assert (visit.amount, visit.unit, visit.type, visit.basis) == (amount, unit, kind, "statutory")
    assert words in visit.what


def test_weekly_visits_cover_connected_persons_and_interim_care_orders_at_home(sample: Handbook) -> None:
    """Regulation 28(4): weekly until the first review for a temporarily approved connected
    person (regulation 24) and for a child living with a parent under an interim care order."""
    found = [t for t in stage(sample, "coming-into-care").timescales if t.source == REG_28 + "(4)(a)"]
    assert len(found) == 1, f"expected one timescale with the source {REG_28}(4)(a)"
    weekly = found[0]
    assert "temporarily approved connected person" in weekly.what
    assert "interim care order" in weekly.what and "until the first review" in weekly.what
    assert (weekly.amount, weekly.unit, weekly.type) == (1, "weeks", "apart")


def test_the_pathway_plan_review_is_statutory_under_the_care_leavers_regulations(sample: Handbook) -> None:
    """Care Leavers (England) Regulations 2010: a pathway plan is reviewed at least every six months."""
    review = timescale(sample, "leaving-care", "Pathway plan reviewed")
    assert (review.amount, review.unit, review.type, review.basis) == (6, "months", "apart", "statutory")
    assert "Care Leavers (England) Regulations 2010" in review.source


def test_the_first_core_group_is_a_local_standard(sample: Handbook) -> None:
    """Working Together 2023 sets no national timescale for the first core group."""
    core_group = timescale(sample, "child-protection-plan", "First core group")
    assert core_group.basis == "local"
    assert "Northmere practice standard" in core_group.source


def test_a_personal_adviser_is_appointed_from_16(sample: Handbook) -> None:
    """Children Act 1989, Schedule 2, paragraph 19C: a personal adviser for each eligible child
    (a child in care aged 16 or 17), not only 'well before 18'."""
    lines = [line for line in stage(sample, "leaving-care").must_happen if "personal adviser" in line.lower()]
    assert lines, "the leaving care stage says nothing about the personal adviser"
    assert any(re.search(r"\b16\b", line) for line in lines), lines
    assert not any("well before" in line for line in lines), lines
    assert re.search(r"\b16\b", definitions(sample)["PA"])


def test_the_caseload_ceiling_is_the_same_everywhere(sample: Handbook) -> None:
    """One caseload policy: every ceiling or cap the sample states is the same number."""
    text = all_text(sample)
    assert "capped at 18" not in text
    limits = {int(n) for n in re.findall(r"(?:ceiling of|capped at|cap of|never go above the ceiling of) (\d+)", text)}
    assert limits == {20}, limits


def test_ilacs_is_not_said_to_include_joint_targeted_area_inspections(sample: Handbook) -> None:
    """JTAIs are carried out under section 20 of the Children Act 2004 with their own framework;
    ILACS is Ofsted's framework for the council's own services."""
    terms = definitions(sample)
    ilacs = terms["ILACS"]
    parts = ilacs.split(".")[0].lower()  # the sentence that says what ILACS is made up of
    assert "joint targeted" not in parts and "jtai" not in parts, ilacs
    assert "not part of ILACS" in ilacs
    assert "JTAI" in terms and "separate" in terms["JTAI"]


def test_the_journey_says_lead_practitioner_as_working_together_does(sample: Handbook) -> None:
    """Working Together 2023 speaks of a lead practitioner, not a lead professional."""
    assert "lead professional" not in all_text(sample).lower()
