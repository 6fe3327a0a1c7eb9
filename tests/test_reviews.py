"""Keeping the handbook current: owners, review dates, overdue banners, amendments and the feed."""

from __future__ import annotations

import datetime
import json
import re
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import MINIMAL_DATA, REPO, SAMPLE_DATA, TODAY, copy_project, handbook
from handbook.areas import AREAS
from handbook.reviews import add_months
from handbook.validate import load_handbook
from test_site import page

ATOM = "{http://www.w3.org/2005/Atom}"


def test_add_months() -> None:
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2026, 11, 30), 3) == datetime.date(2027, 2, 28)
    assert add_months(datetime.date(2024, 2, 29), 12) == datetime.date(2025, 2, 28)
    assert add_months(datetime.date(2026, 4, 14), 6) == datetime.date(2026, 10, 14)


def test_a_page_past_its_review_date_shows_the_banner_and_one_within_does_not(built_sample: Path) -> None:
    sample = load_handbook(SAMPLE_DATA, base=SAMPLE_DATA.parent)
    overdue = [s for s in sample.reviews if s.overdue and s.kind == "area"]
    current = [s for s in sample.reviews if not s.overdue and s.kind == "area"]
    assert overdue and current, "the sample should have one of each on the fixed test day"
    for status in overdue:
        article = page(built_sample, status.page).select_one("article")
        banner = article.select_one(".admonition.warning")
        assert banner and "overdue for review" in banner.get_text()
        assert f"Owner: {status.owner}" in " ".join(article.select_one(".hb-review").get_text().split())
    for status in current:
        article = page(built_sample, status.page).select_one("article")
        assert "overdue for review" not in article.get_text()
        assert "Next review due:" in article.select_one(".hb-review").get_text()


def test_the_banner_appears_with_time_alone(tmp_path: Path) -> None:
    """A rebuild on a later day shows the banner, with no change to the content."""
    project = copy_project(tmp_path / "project")
    before = handbook(project, "--today", "2026-11-20", "build")
    assert before.returncode == 0
    assert "overdue for review" not in (project / "site" / "journey" / "index.html").read_text()
    after = handbook(project, "--today", "2027-03-01", "build")
    assert after.returncode == 0 and "The review of “The child's journey” is overdue" in after.output
    assert "overdue for review" in (project / "site" / "journey" / "index.html").read_text()


def test_the_dashboard_lists_overdue_first(built_sample: Path) -> None:
    article = page(built_sample, "reviews.md").select_one("article")
    statuses = [td.get_text(" ", strip=True) for td in article.select("table tbody tr td:last-child")]
    assert statuses[0].startswith("Overdue")
    first_current = next(i for i, s in enumerate(statuses) if s == "Up to date")
    assert all(s.startswith("Overdue") for s in statuses[:first_current])
    assert "1 of 14 is overdue" in article.get_text()


def test_review_json_has_every_area_with_owner_and_dates(built_sample: Path) -> None:
    data = json.loads((built_sample / "review.json").read_text())
    assert data["generated_for"] == TODAY
    pages = {entry["page"] for entry in data["reviews"] if entry["kind"] == "area"}
    assert pages == {a.page for a in AREAS if a.page and not a.optional}
    for entry in data["reviews"]:
        assert entry["owner"] and datetime.date.fromisoformat(entry["last_reviewed"])
        assert datetime.date.fromisoformat(entry["next_due"]) and isinstance(entry["overdue"], bool)
    assert [e["overdue"] for e in data["reviews"]] == sorted((e["overdue"] for e in data["reviews"]), reverse=True)


def test_amendments_page_is_newest_first(built_sample: Path) -> None:
    headings = [h.get_text().strip("¶ ") for h in page(built_sample, "whats-changed.md").select("article h3")]
    dates = [datetime.datetime.strptime(h.split(":")[0], "%d %B %Y").date() for h in headings]
    assert len(dates) >= 8 and dates == sorted(dates, reverse=True)


def test_the_feed_is_valid_atom(built_sample: Path) -> None:
    feed = ElementTree.parse(built_sample / "amendments.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) >= 8
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
    for entry in entries:
        assert entry.findtext(f"{ATOM}title")
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T00:00:00Z", entry.findtext(f"{ATOM}updated"))
        assert entry.find(f"{ATOM}link").get("href")
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    assert updated == sorted(updated, reverse=True) and feed.findtext(f"{ATOM}updated") == updated[0]
    head = page(built_sample, "index.md").select_one('head link[type="application/atom+xml"]')
    assert head is not None and head["href"].endswith("amendments.xml")


def test_recently_changed_pages_are_marked(built_sample: Path) -> None:
    services = page(built_sample, "services.md")
    assert "Recently updated" in services.select_one("article").get_text()
    nav_link = services.select_one('nav.md-nav--primary a[href$="services/"]') or \
        services.select_one('nav.md-nav--primary a.md-nav__link--active')
    assert nav_link is not None and nav_link.select_one(".md-status--new")
    supervision = page(built_sample, "supervision.md")
    assert "Recently updated" not in supervision.select_one("article").get_text()


def test_check_warns_and_strict_review_fails(sample_project: Path) -> None:
    run = handbook(sample_project, "check")
    assert run.returncode == 0 and "warning: The review of “Thresholds of need” is overdue" in run.output
    strict = handbook(sample_project, "check", "--strict-review")
    assert strict.returncode == 1 and "The review of “Thresholds of need” is overdue" in strict.output


def test_today_must_be_a_date(sample_project: Path) -> None:
    run = handbook(sample_project, "check", env={"HANDBOOK_TODAY": "next week"})
    assert run.returncode == 2 and "is not a date" in run.stderr and "Traceback" not in run.output


def test_pages_say_when_their_source_last_changed_in_git(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", MINIMAL_DATA)
    env = {"GIT_AUTHOR_DATE": "2026-10-05T12:00:00", "GIT_COMMITTER_DATE": "2026-10-05T12:00:00",
           "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "T",
           "GIT_COMMITTER_EMAIL": "t@example.org", "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "start"]):
        subprocess.run(["git", *command], cwd=project, check=True, env=env)
    vision = project / "data" / "vision.yaml"
    vision.write_text(re.sub(r"^review: .*\n", "review: {owner: Principal Social Worker, last_reviewed: 2026-01-02}\n",
                             vision.read_text()))
    assert handbook(project, "build").returncode == 0
    box = BeautifulSoup((project / "site" / "journey" / "index.html").read_text(),
                        "html.parser").select_one(".hb-review")
    assert "Source last changed: 5 October 2026" in " ".join(box.get_text().split())
    # the reviewed date and the git date are kept apart
    box = BeautifulSoup((project / "site" / "vision" / "index.html").read_text(),
                        "html.parser").select_one(".hb-review")
    text = " ".join(box.get_text().split())
    assert "Last reviewed: 2 January 2026" in text and "Source last changed: 5 October 2026" in text


def test_the_reminders_workflow_parses_and_uses_only_the_default_token() -> None:
    path = REPO / ".github" / "workflows" / "review-reminders.yml"
    text = path.read_text()
    workflow = yaml.safe_load(text)
    assert workflow[True]["schedule"][0]["cron"]  # `on:` reads as True in YAML 1.1
    assert "secrets." not in text and "${{ github.token }}" in text
    assert workflow["permissions"]["issues"] == "write"
    runs = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert "make build" in runs and any("handbook reviews --by-owner" in r for r in runs)


def test_reviews_command_writes_one_file_per_owner(sample_project: Path, tmp_path: Path) -> None:
    run = handbook(sample_project, "reviews", "--by-owner", str(tmp_path / "owners"))
    assert run.returncode == 0
    owners = json.loads((tmp_path / "owners" / "owners.json").read_text())
    assert [o["owner"] for o in owners] == ["Head of Service, Front Door and Assessment"]
    body = (tmp_path / "owners" / owners[0]["file"]).read_text()
    assert "**Thresholds of need** (area): due 14 October 2026" in body


@pytest.mark.parametrize("field", ["last_reviewed: 2026-13-40", "last_reviewed: soon"])
def test_a_bad_review_date_is_explained(tmp_path: Path, field: str) -> None:
    project = copy_project(tmp_path / "project", MINIMAL_DATA)
    vision = project / "data" / "vision.yaml"
    vision.write_text(re.sub(r"^review: .*\n", f"review:\n  owner: PSW\n  {field}\n", vision.read_text()))
    run = handbook(project, "check")
    assert (run.returncode == 1 and "`last_reviewed` should be a date" in run.output
            and "data/vision.yaml:3" in run.output)
