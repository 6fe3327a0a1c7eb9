"""The Ofsted lists' titles are as published (Social care commentary: using models of practice
successfully, Ofsted, 2019, on GOV.UK): quoted, with only the first letter made a capital."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import LARGER_DATA, SAMPLE_DATA

# As the commentary lists them (the operating model and the foundations) or heads them (the ingredients).
PUBLISHED = {
    "ofsted-operating-model": [
        "the local authority’s vision and values", "the LA’s philosophy of social work", "the structure of teams",
        "how cases move through the system", "how social work practice will be carried out",
        "the provision of help, protection and care for children", "what the thresholds are",
        "what services are expected to do and monitoring services for their quality and effectiveness"],
    "ofsted-foundations": [
        "a stable workforce", "manageable caseloads", "effective management oversight and frequent supervision",
        "highly visible leaders and managers", "a strong culture of learning",
        "good qualitative assurance, performance monitoring and performance management arrangements",
        "mature partnerships with other agencies"],
    "ofsted-ingredients": [
        "A family-focused approach", "Valuing stable relationships", "A shared model across agencies",
        "Focus on strengths and balance with risks", "Purposeful direct work"],
}


def _same(title: str, published: str) -> bool:
    # the data writes the authority as "The local authority's" and the LA in full; apostrophes may be straight
    def plain(text: str) -> str:
        return text.replace("’", "'").replace("the LA's", "the local authority's").casefold()
    return plain(title) == plain(published)


@pytest.mark.parametrize("data", [SAMPLE_DATA, LARGER_DATA], ids=["sample", "larger"])
@pytest.mark.parametrize("framework", sorted(PUBLISHED))
def test_ofsted_titles_are_quoted_as_published(data: Path, framework: str) -> None:
    loaded = yaml.safe_load((data / "frameworks" / f"{framework}.yaml").read_text(encoding="utf-8"))
    titles = [statement["title"] for statement in loaded["statements"]]
    assert len(titles) == len(PUBLISHED[framework])
    for title, published in zip(titles, PUBLISHED[framework], strict=True):
        assert _same(title, published), (title, published)

