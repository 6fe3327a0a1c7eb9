"""Links from the site back to its source: 'edit this' and 'suggest a change'.

Only plain links: nothing on a page calls GitHub (or any other server) from the reader's
browser. With no repository set in authority.yaml, there are no such links at all.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from .schema import RepositorySettings

SUGGEST_TEMPLATE = "suggest-a-change.yml"


def _base(repository: RepositorySettings) -> str:
    return repository.url.rstrip("/")


def edit_url(repository: RepositorySettings, path: str) -> str:
    """GitHub's editor for a file (it opens at the top; see `line_url` for a line)."""
    return f"{_base(repository)}/edit/{quote(repository.branch)}/{quote(path)}"


def line_url(repository: RepositorySettings, path: str, line: int | None) -> str:
    """The file at a line: GitHub highlights it, and its pencil button edits the file."""
    anchor = f"#L{line}" if line else ""
    return f"{_base(repository)}/blob/{quote(repository.branch)}/{quote(path)}{anchor}"


def suggest_url(repository: RepositorySettings, page_title: str, page_path: str) -> str:
    """The 'suggest a change' issue form, with the page already filled in."""
    query = urlencode({"template": SUGGEST_TEMPLATE, "title": f"Suggestion: {page_title}",
                       "page": f"{page_title} ({page_path})"})
    return f"{_base(repository)}/issues/new?{query}"
