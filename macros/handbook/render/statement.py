"""The accessibility statement, in the structure of the UK government's model statement.

The regulations (Public Sector Bodies (Websites and Mobile Applications) Accessibility
Regulations 2018) ask for: the compliance status, what is not accessible and why, how to ask
for another format and report a problem, the enforcement procedure, and how the site was tested.
"""

from __future__ import annotations

import json
from pathlib import Path

from .blocks import blocks, heading
from .context import Context
from .text import bullet_list, inline

STANDARD = "Web Content Accessibility Guidelines version 2.2 AA standard"


def _axe_version(project: Path) -> str | None:
    """The axe-core version the tests run, read from package.json when there is one."""
    try:
        package = json.loads((project / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    version = package.get("devDependencies", {}).get("axe-core") if isinstance(package, dict) else None
    return version if isinstance(version, str) else None


def render_accessibility_statement(ctx: Context) -> str:
    authority = ctx.handbook.authority
    settings = authority.accessibility
    site = f"{inline(authority.short_name)} {inline(authority.handbook_title)}"
    axe = _axe_version(ctx.handbook.data_dir.parent)
    status = settings.status if settings else "partially compliant"
    issues = list(settings.known_issues) if settings else []
    parts = [
        f"# Accessibility statement for the {site}",
        f"This statement applies to the {site}, published by {inline(authority.name)}. We want as many "
        "people as possible to be able to use it. You should be able to:",
        bullet_list([
            "change colours: the handbook follows your device's light or dark setting, and the switch "
            "in the header changes it",
            "zoom in up to 400% without the text spilling off the screen (the journey and organisation "
            "diagrams scroll sideways instead, with the same information as text beside them)",
            "move around the whole handbook using just a keyboard, including the search and the "
            "services filter",
            "listen to it with a screen reader: every diagram has a text alternative and every link "
            "says where it goes",
            "print any page, or the whole handbook from one page, without the navigation",
        ]),
        heading(2, "How accessible this website is", "how-accessible"),
        ctx.prose(
            "We know some parts of this website are not fully accessible:" if issues else
            "We are not aware of any part of this website that does not meet the standard. "
            "If you find one, please tell us (see below)."),
        bullet_list([ctx.prose(issue) for issue in issues]) if issues else "",
        heading(2, "Feedback and contact information", "contact"),
        ctx.prose(settings.contact) if settings else
        "To report a problem or ask for information in another format, such as large print or "
        "audio, contact the team that publishes this handbook.",
        heading(2, "Enforcement procedure", "enforcement"),
        "The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector "
        "Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018. If you are "
        "not happy with how we respond to your complaint, contact the [Equality Advisory and Support "
        "Service (EASS)](https://www.equalityadvisoryservice.com/).",
        heading(2, "Technical information about this website's accessibility", "technical"),
        f"{inline(authority.name)} is committed to making its websites accessible, in accordance with "
        "the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility "
        "Regulations 2018.",
        heading(3, "Compliance status", "compliance-status"),
        f"This website is {inline(status)} with the [{STANDARD}](https://www.w3.org/TR/WCAG22/)"
        + ("." if status == "fully compliant" else ", because of the issues listed above."),
        heading(2, "How we tested this website", "testing"),
        "Every time the handbook is built, automated tests open every page in the Chromium browser "
        f"and check it with axe-core{' ' + inline(axe) if axe else ''} against the WCAG 2.0, 2.1 and "
        "2.2 A and AA rules, in both the light and the dark colour scheme. The tests also check that "
        "every page loads nothing from another website, that the navigation and search work from the "
        "keyboard, and that pages print without the navigation. Automated tests find many problems, "
        "but not all of them.",
        ctx.prose(settings.testing) if settings and settings.testing else "",
        heading(2, "Preparation of this accessibility statement", "preparation"),
        (f"This statement was prepared on {inline(settings.prepared)}." if settings and settings.prepared
         else "This statement is generated with the handbook, so it describes the site as it is built."),
    ]
    return blocks(*parts)
