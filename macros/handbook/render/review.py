"""Keeping the handbook current, as the reader sees it: review boxes, overdue banners, the review
dashboard, the "What's changed" page, and the machine-readable review list and Atom feed."""

from __future__ import annotations

import datetime
import json
import uuid
from collections import defaultdict
from xml.etree import ElementTree

from .. import schema
from ..areas import AREAS, AREAS_BY_ID, Area
from ..reviews import ReviewStatus, by_due_date
from .blocks import blocks, heading
from .context import Context
from .text import bullet_list, day, indent, inline, join_blocks

FEED = "amendments.xml"
REVIEW_JSON = "review.json"


def area_status(ctx: Context, area: Area) -> ReviewStatus | None:
    return ctx.handbook.review_of(area.own_page, None)


def recent_amendments(ctx: Context, area_id: str) -> list[schema.Amendment]:
    """Amendments to an area within the `mark_recent_for_days` window before today."""
    data: schema.AmendmentsFile = ctx.handbook.area(schema.AmendmentsFile)
    since = ctx.handbook.today - datetime.timedelta(days=data.mark_recent_for_days)
    return [a for a in data.amendments if area_id in a.areas and since <= a.date <= ctx.handbook.today]


def review_box(ctx: Context, area: Area, source_changed: datetime.date | None) -> str:
    """How current an area's page is, at its top, in little of a phone's first screen.

    A warning once the review is overdue (it stays in view), then one line saying the newest
    thing, when the page was updated or reviewed, which opens on the rest: the owner, the
    review dates, when the source last changed and the recent changes.
    """
    status = area_status(ctx, area)
    parts = []
    if status is not None and status.overdue:
        parts.append(
            '!!! warning hb-overdue "This page is overdue for review"\n\n' + indent(
                f"Due on {day(status.next_due)} ({status.days_overdue} days ago): it may no longer match "
                f"practice. Check with the {inline(status.owner)} before relying on it."))
    recent = sorted(recent_amendments(ctx, area.id), key=lambda a: a.date, reverse=True)
    facts = []
    if status is not None:
        facts += [f"**Owner:** {inline(status.owner)}", f"**Last reviewed:** {day(status.last_reviewed)}",
                  f"**Next review due:** {day(status.next_due)}" + (" (overdue)" if status.overdue else "")]
    if source_changed is not None:
        facts.append(f"**Source last changed:** {day(source_changed)}")
    if recent:
        line = f"**Recently updated** {day(recent[0].date)}"
    elif status is not None:
        line = f"Reviewed {day(status.last_reviewed)}"
    elif source_changed is not None:
        line = f"Source last changed {day(source_changed)}"
    else:
        return blocks(*parts) if parts else ""
    body = [" · ".join(facts)] if facts else []
    if recent:
        body.append("**Recently updated:**\n\n" + bullet_list([f"{day(a.date)}: {inline(a.summary)}" for a in recent])
                    + f"\n\nSee [what's changed]({ctx.href(AREAS_BY_ID['amendments'].page or '')}).")
    parts.append('<details class="hb-review" markdown="1">\n'
                 f'<summary markdown="span">{line}</summary>\n\n' + join_blocks(body) + "\n\n</details>")
    return blocks(*parts)


def render_review_dashboard(ctx: Context) -> str:
    statuses = by_due_date(ctx.handbook.reviews)
    overdue = [s for s in statuses if s.overdue]
    parts = [
        f"Every part of the handbook with an owner, as of {day(ctx.handbook.today)}: "
        f"{len(overdue)} of {len(statuses)} {'is' if len(overdue) == 1 else 'are'} overdue for review. "
        f"The same list is published for other tools as [{REVIEW_JSON}]({ctx.href(REVIEW_JSON)}).",
    ]
    by_owner: dict[str, list[ReviewStatus]] = defaultdict(list)
    for status in statuses:
        by_owner[status.owner].append(status)
    # owners with overdue reviews first, then by their earliest due date
    for owner, owned in sorted(by_owner.items(), key=lambda pair: (not pair[1][0].overdue, pair[1][0].next_due)):
        rows = ["| What | Last reviewed | Every | Next due | Status |", "| --- | --- | --- | --- | --- |"]
        for status in owned:
            link = f"[{inline(status.title)}]({ctx.href(status.page, status.anchor)})"
            state = f"**Overdue** by {status.days_overdue} days" if status.overdue else "Up to date"
            rows.append(f"| {link} ({inline(status.kind)}) | {day(status.last_reviewed)} | {status.every} "
                        f"| {day(status.next_due)} | {state} |")
        parts += [heading(2, owner, None), "\n".join(rows)]
    unowned = [a.title for a in AREAS if a.page and not a.optional and area_status(ctx, a) is None
               and a.id in ctx.handbook.areas]
    if unowned:
        parts += [heading(2, "No owner yet", "no-owner"), bullet_list([inline(t) for t in unowned])]
    return blocks(*parts)


def review_json(statuses: list[ReviewStatus], today: datetime.date) -> str:
    entries = []
    for status in by_due_date(statuses):
        entry = status.as_json()
        page_url = status.page[: -len("index.md")] if status.page.endswith("index.md") else status.page[:-3] + "/"
        entry["url"] = page_url + (f"#{status.anchor}" if status.anchor else "")
        entries.append(entry)
    return json.dumps({"generated_for": today.isoformat(), "reviews": entries}, indent=2, ensure_ascii=False) + "\n"


def atom_feed(authority: schema.AuthorityFile, data: schema.AmendmentsFile, site_url: str | None) -> str:
    """The amendments as an Atom 1.0 feed (RFC 4287). Ids are stable: derived from each entry's content."""
    atom = "http://www.w3.org/2005/Atom"
    ElementTree.register_namespace("", atom)

    def add(parent: ElementTree.Element, tag: str, text: str | None = None, **attributes: str) -> ElementTree.Element:
        element = ElementTree.SubElement(parent, f"{{{atom}}}{tag}", attributes)
        if text is not None:
            element.text = text
        return element

    base = (site_url or "").rstrip("/") + "/" if site_url else ""
    namespace = uuid.uuid5(uuid.NAMESPACE_URL, f"practice-handbook:{authority.name}")
    amendments = sorted(data.amendments, key=lambda a: a.date, reverse=True)
    updated = amendments[0].date if amendments else datetime.date(2000, 1, 1)
    feed = ElementTree.Element(f"{{{atom}}}feed")
    add(feed, "id", f"urn:uuid:{namespace}")
    add(feed, "title", f"{authority.short_name} {authority.handbook_title}: what's changed")
    add(feed, "updated", f"{updated.isoformat()}T00:00:00Z")
    add(add(feed, "author"), "name", authority.name)
    changes_page = AREAS_BY_ID["amendments"].own_page.removesuffix(".md")
    add(feed, "link", rel="alternate", type="text/html", href=f"{base}{changes_page}/")
    if base:
        add(feed, "link", rel="self", type="application/atom+xml", href=f"{base}{FEED}")
    for amendment in amendments:
        entry = add(feed, "entry")
        add(entry, "id", f"urn:uuid:{uuid.uuid5(namespace, amendment.date.isoformat() + amendment.summary)}")
        add(entry, "title", amendment.summary)
        add(entry, "updated", f"{amendment.date.isoformat()}T00:00:00Z")
        first = AREAS_BY_ID[amendment.areas[0]].page or "index.md"
        add(entry, "link", rel="alternate", type="text/html",
            href=(base + ("" if first == "index.md" else first[:-3] + "/")) or "./")
        summary = (amendment.why + " " if amendment.why else "") + f"Approved by the {amendment.approved_by}."
        add(entry, "summary", " ".join(summary.split()))
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(feed, encoding="unicode") + "\n"
