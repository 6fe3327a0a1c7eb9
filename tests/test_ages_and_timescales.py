"""Ages from before birth, timescales in years and until an age, and review stages (issue 17):
the models, the words they are written in, and the second authority's pages, which use each."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from conftest import MINIMAL_DATA, copy_project, handbook_here
from handbook import schema
from handbook.render.diagrams import JOURNEY_SHAPES, STAGE_KIND_WORDS, STAGE_SHAPES
from handbook.render.journey import STAGE_TYPE_LABELS, timescale_phrase
from handbook.render.services import ages_phrase
from test_site import page


def timescale(**fields: Any) -> schema.Timescale:
    return schema.Timescale.model_validate({"what": "Something", "basis": "local", "source": "Us", **fields})


@pytest.mark.parametrize(("fields", "words"), [
    ({"amount": 1, "unit": "years"}, "Within 1 year"),
    ({"amount": 2, "unit": "years", "counted_from": "the order"}, "Within 2 years of the order"),
    ({"amount": 1, "unit": "years", "type": "apart"}, "At most 1 year apart"),
    ({"amount": 3, "unit": "years", "type": "apart"}, "At most 3 years apart"),
    ({"type": "until", "age": 21}, "Until the young person is 21"),
    ({"type": "until", "age": 25}, "Until the young person is 25"),
    ({"type": "until", "age": 5}, "Until the child is 5"),
    ({"amount": 15, "unit": "working days"}, "Within 15 working days"),
])
def test_timescales_in_words(fields: dict[str, Any], words: str) -> None:
    assert timescale_phrase(timescale(**fields)) == words


def test_until_takes_an_age_of_at_most_25() -> None:
    with pytest.raises(ValidationError):
        timescale(type="until", age=30)
    with pytest.raises(ValidationError):
        timescale(type="until", age=0)
    with pytest.raises(ValidationError):
        timescale(type="before", age=3)


@pytest.mark.parametrize(("ages", "words"), [
    ({"from": "pre-birth", "to": 2}, "Pre-birth to 2"), ({"from": 0, "to": 19}, "0 to 19"),
    ({"from": 16, "to": 25}, "16 to 25"),
])
def test_ages_in_words(ages: dict[str, Any], words: str) -> None:
    assert ages_phrase(schema.Ages.model_validate(ages)) == words


def test_pre_birth_is_before_every_age() -> None:
    ages = schema.Ages.model_validate({"from": "pre-birth", "to": 2})
    assert ages.pre_birth and ages.from_age == schema.PRE_BIRTH < 0
    assert not schema.Ages.model_validate({"from": 0, "to": 2}).pre_birth


@pytest.mark.parametrize("value", [-1, -5, "Pre-birth", "prebirth", "unborn", True])
def test_other_ways_of_writing_it_are_refused(value: object) -> None:
    with pytest.raises(ValidationError):
        schema.Ages.model_validate({"from": value, "to": 2})


def test_a_review_stage_has_its_words_and_its_shape() -> None:
    assert STAGE_TYPE_LABELS["review"] == "Review"
    assert STAGE_KIND_WORDS["review"] == "review"
    assert STAGE_SHAPES["review"] == STAGE_SHAPES["meeting"]
    assert ("a hexagon", "a meeting, conference or review") in JOURNEY_SHAPES
    assert set(STAGE_TYPE_LABELS) == set(STAGE_SHAPES) == set(STAGE_KIND_WORDS)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project", MINIMAL_DATA)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


TIMESCALE = "        amount: 1\n        unit: working days\n"


def test_the_new_forms_are_valid(project: Path) -> None:
    _replace(project / "data" / "journey.yaml", TIMESCALE, "        type: until\n        age: 21\n")
    _replace(project / "data" / "journey.yaml", "    type: assessment\n", "    type: review\n")
    _replace(project / "data" / "services.yaml", "      from: 0\n", "      from: pre-birth\n")
    run = handbook_here(project, "check")
    assert run.returncode == 0, run.output


def test_a_within_timescale_without_a_unit(project: Path) -> None:
    _replace(project / "data" / "journey.yaml", TIMESCALE, "        amount: 1\n")
    output = handbook_here(project, "check").output
    assert "The timescale “Decision on the referral” does not say how long" in output
    assert "found:    no `unit`" in output


def test_an_until_timescale_with_an_amount(project: Path) -> None:
    _replace(project / "data" / "journey.yaml", TIMESCALE, TIMESCALE + "        type: until\n        age: 18\n")
    output = handbook_here(project, "check").output
    assert "lasts until an age: `amount` and `unit` are not for it" in output


def test_an_age_on_a_within_timescale(project: Path) -> None:
    _replace(project / "data" / "journey.yaml", TIMESCALE, TIMESCALE + "        age: 18\n")
    output = handbook_here(project, "check").output
    assert "found:    `age` given" in output and "Remove `age`, or write `type: until`." in output


def test_a_misspelt_pre_birth(project: Path) -> None:
    _replace(project / "data" / "services.yaml", "      from: 0\n", "      from: prebirth\n")
    output = handbook_here(project, "check").output
    assert "`from` should be an age or pre-birth" in output
    assert "expected: a whole number such as 5, or pre-birth" in output


# --- the second authority's pages ------------------------------------------------------------------


def _text(site: Path, src: str) -> str:
    return " ".join(page(site, src).select_one("article").get_text(" ").split())  # type: ignore[union-attr]


def test_the_pages_say_it_in_words(built_larger: Path) -> None:
    services = page(built_larger, "services.md")
    service = services.find(id="start-for-life-and-infant-feeding").find_parent("div")  # type: ignore[union-attr]
    assert "Ages: Pre-birth to 2" in " ".join(service.get_text(" ").split())  # type: ignore[union-attr]
    assert service["data-age-from"] == "0"  # type: ignore[index]  # the filter: a newborn is served too
    assert "Until the young person is 25" in _text(built_larger, "journey/personal-adviser-support.md")
    assert "At most 1 year apart" in _text(built_larger, "journey/living-in-care.md")
    assert "Kind of stage: Review" in _text(built_larger, "journey/looked-after-review.md")
    journey = _text(built_larger, "journey.md")
    assert "Until the young person is 25" in journey  # the timescales table
    assert "(review). Leads to" in journey
    diagram = page(built_larger, "journey.md").select_one("#journey-diagram")
    assert diagram is not None
    names = [a.get("aria-label", "") for a in diagram.select("a")]
    assert any("(review): go to the details" in name for name in names), names[:5]
