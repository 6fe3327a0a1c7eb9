"""What every renderer needs: the handbook, the page being written, and links from that page."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from functools import lru_cache

from ..book import Handbook
from ..index import Index, ItemRecord, StatementRecord
from ..links import line_url
from .text import attribute, day, in_language, inline, prose

# Stand-ins used in a render shared by an area's own page and the whole-handbook page (see
# pages.SharedRender): "this page" in a link, and the two ends of a part only the area's own page
# shows. Control characters never reach a render from the data: the loader rejects them.
SAME_PAGE = "\x00"
INTERACTIVE_START, INTERACTIVE_END = "\x01", "\x02"


@dataclass(frozen=True)
class Context:
    handbook: Handbook
    page: str  # the page being rendered, relative to docs/, e.g. "journey.md"
    # Scripts (names of files in docs/javascripts/) the rendered content needs; the adapter
    # passes them to the page template so a script loads only on the pages that use it.
    scripts: set[str] = field(default_factory=set)
    for_print: bool = False  # the whole handbook on one page: no interactive parts
    shared: bool = False  # rendered once for two pages: links to this page and interactive parts marked

    def interactive(self, markdown: str) -> str:
        """A part for the screen only (a filter form): left out of the whole-handbook page."""
        if self.for_print:
            return ""
        return f"{INTERACTIVE_START}{markdown}{INTERACTIVE_END}" if self.shared else markdown

    @property
    def index(self) -> Index:
        return self.handbook.index

    @property
    def root(self) -> str:
        """The way from this page back to the top of the docs folder ('' or '../')."""
        depth = self.page.count("/")
        return "../" * depth

    def prose(self, text: str | None) -> str:
        return prose(text, self.root)

    def href(self, page: str, anchor: str | None = None) -> str:
        """A Markdown link target from this page to `page#anchor` (MkDocs checks both exist)."""
        if page == self.page:
            target = SAME_PAGE if self.shared else ""
        else:
            target = _relative(page, posixpath.dirname(self.page) or ".")
        return f"{target}#{anchor}" if anchor else target

    def item_link(self, item_id: str, text: str | None = None) -> str:
        record = self.index.items[item_id]
        if not text:
            return self.record_link(record)
        return f"[{inline(text)}]({self.href(record.page, record.anchor)})"

    def record_link(self, record: ItemRecord) -> str:
        """A link named with the item's name (marked with its language when it has one)."""
        name = in_language(inline(record.name), getattr(record.obj, "lang", None))
        return f"[{name}]({self.href(record.page, record.anchor)})"

    def handbook_area_link(self, record: ItemRecord) -> str:
        return f"[{inline(record.area.title)}]({self.href(record.page)})"

    def statement_link(self, record: StatementRecord, text: str | None = None) -> str:
        label = text or f"{record.id} {record.statement.title}"
        return f"[{inline(label)}]({self.href(record.page, record.anchor)})"

    def badges(self, statement_ids: list[str]) -> str:
        """Links to the statements an item evidences, each named in full for screen readers."""
        if not statement_ids:
            return ""
        links = []
        for statement_id in statement_ids:
            record = self.index.statements[statement_id]
            full = f"{record.statement.title} ({record.framework.short_name})"
            # The hidden words complete the link's name for screen readers ("PS7: Emotionally
            # intelligent practice supervision"); the title shows the same words on hover.
            links.append(
                f'[{inline(record.id)}<span class="hb-visually-hidden">: {inline(full)}</span>]'
                f'({self.href(record.page, record.anchor)} "{attribute(record.id + ": " + full)}")'
                "{ .hb-badge }"
            )
        return '<span class="hb-badges-label">Meets:</span> ' + " ".join(links)

    def source_link(self, obj: object) -> str:
        """A link to the line of the data file that holds an item, when a repository is set."""
        repository = self.handbook.authority.repository
        record = self.index.items.get(getattr(obj, "id", ""))
        if repository is None or record is None or record.obj is not obj:
            return ""
        where = f"{record.file}, line {record.line}" if record.line else record.file
        return f"[Source: {inline(where)}]({line_url(repository, record.file, record.line)}){{ .hb-source-link }}"

    def review_line(self, obj: object) -> str:
        """For an item reviewed apart from its area: who owns it and when it is next due."""
        record = self.index.items.get(getattr(obj, "id", ""))
        if getattr(obj, "review", None) is None or record is None or record.obj is not obj:
            return ""
        status = self.handbook.review_of(record.page, record.anchor)
        if status is None:
            return ""
        due = f"next due {day(status.next_due)}" + (" (**overdue**)" if status.overdue else "")
        return f"Reviewed by the {inline(status.owner)}: last {day(status.last_reviewed)}, {due}"

    def links_sentence(self, item_ids: list[str]) -> str:
        return ", ".join(self.item_link(i) for i in item_ids)


@lru_cache(maxsize=4096)
def _relative(page: str, from_folder: str) -> str:
    # posixpath.relpath is slow enough to show in a profile; the same few pairs recur thousands of times
    return posixpath.relpath(page, from_folder)
