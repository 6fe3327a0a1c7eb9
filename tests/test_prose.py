"""Free text takes one path: parsed with the documented constructs only, checked, written out escaped.

Every case is judged by what the site's own Markdown (with all of mkdocs.yml's extensions) makes
of the written-out text: only paragraphs, lists, quotes, emphasis and the links the check saw.
"""

from __future__ import annotations

import re
import string

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO
from handbook import prose
from handbook.prose import MAX_NESTING, ProseError, targets_in, to_markdown

_CONFIG = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python", "#"))
SITE_EXTENSIONS = [next(iter(e)) if isinstance(e, dict) else e for e in _CONFIG["markdown_extensions"]]
ALLOWED_TAGS = {"p", "ul", "ol", "li", "blockquote", "strong", "em", "a"}


def site_html(text: str) -> BeautifulSoup:
    """The written-out text as the site's Markdown shows it."""
    md = markdown.Markdown(extensions=SITE_EXTENSIONS)
    return BeautifulSoup(md.convert(to_markdown(text)), "html.parser")


def tags(text: str) -> set[str]:
    return {element.name for element in site_html(text).find_all(True)}


def test_the_parser_has_only_the_documented_constructs() -> None:
    """A new Python-Markdown with a new construct fails here rather than slipping into the site."""
    md = prose.restricted_parser()
    names = {
        "preprocessors": [item.name for item in md.preprocessors._priority],
        "blockprocessors": [item.name for item in md.parser.blockprocessors._priority],
        "inlinePatterns": [item.name for item in md.inlinePatterns._priority],
        "treeprocessors": [item.name for item in md.treeprocessors._priority],
    }
    assert names == {
        "preprocessors": ["normalize_whitespace"],
        "blockprocessors": ["empty", "indent", "olist", "ulist", "quote", "paragraph"],
        "inlinePatterns": ["escape", "link", "image_link", "autolink", "em_strong"],
        "treeprocessors": ["inline", "unescape"],
    }


def test_the_documented_constructs_work() -> None:
    html = site_html("Some **bold**, *italic*, _also_, a [link](journey.md) and <https://example.org>\n\n"
                     "- a list\n- of two\n    1. nested\n\n> a quote")
    assert html.find("strong").get_text() == "bold"
    assert [em.get_text() for em in html.find_all("em")] == ["italic", "also"]
    assert [a["href"] for a in html.find_all("a")] == ["journey.md", "https://example.org"]
    assert [li.get_text(" ", strip=True) for li in html.select("ul > li")] == ["a list", "of two nested"]
    assert html.select_one("ul ol li").get_text() == "nested"
    assert html.find("blockquote").get_text(strip=True) == "a quote"


@pytest.mark.parametrize(("text", "shown"), [
    ("# Heading", "# Heading"),
    ("Title\n=====", "Title ====="),
    ("Title\n-----", "Title -----"),
    ("- # heading in a list", "# heading in a list"),
    ("- item\n\n    # heading inside the item", "# heading inside the item"),
    ("> # quoted heading", "# quoted heading"),
    ("!!! danger\n    Run", "!!! danger Run"),
    ("??? note\n    Hidden", "??? note Hidden"),
    ("a | b\n--- | ---\n1 | 2", "a | b --- | --- 1 | 2"),
    ("Term\n: definition", "Term : definition"),
    ("Term\n\n: definition", ": definition"),
    ("    indented code", "indented code"),
    ("```\nfenced\n```", "``` fenced ```"),
    ("~~~\nfenced\n~~~", "~~~ fenced ~~~"),
    ("*[MASH]: Multi-agency safeguarding hub", "*[MASH]: Multi-agency safeguarding hub"),
    ("<div markdown>x</div>", "<div markdown>x</div>"),
    ("<script>alert(1)</script>", "<script>alert(1)</script>"),
    ("&lt;b&gt; typed as entities", "&lt;b&gt; typed as entities"),
    ("`code`", "`code`"),
    ("A paragraph.\n{: onclick=\"alert(1)\" }", 'A paragraph. {: onclick="alert(1)" }'),
    ("{{ 7*1913 }} {% include '/etc/passwd' %}", "{{ 7*1913 }} {% include '/etc/passwd' %}"),
    ("[TOC]", "[TOC]"),
    ("---", "---"),
    ("1) not a list", "1) not a list"),
])
def test_other_markup_is_shown_as_typed(text: str, shown: str) -> None:
    html = site_html(text)
    assert {element.name for element in html.find_all(True)} <= ALLOWED_TAGS - {"a"}, html
    assert shown in html.get_text(" ", strip=True).replace("\n", " ")


@pytest.mark.parametrize(("text", "address"), [
    ("- one\n- [evil](javascript:alert(4))", "javascript:alert(4)"),
    ("Term\n: [x](javascript:alert(1))", "javascript:alert(1)"),
    ("!!! note\n    [x](javascript:alert(2))", "javascript:alert(2)"),
    ("lazy\n- item\ncontinued [e](data:text/html,<script>)", "data:text/html,<script>"),
    ("> quoted [q](vbscript:msgbox)", "vbscript:msgbox"),
    ("**bold [b](javascript:x)**", "javascript:x"),
    ("<https://example.org/a_b>", "https://example.org/a_b"),
    ("1. a\n    - deep [d](javascript:y)", "javascript:y"),
])
def test_every_link_is_found_wherever_it_sits(text: str, address: str) -> None:
    assert [target.address for target in targets_in(text)] == [address]
    # ... and the site has no other link than the one found (the check refuses unsafe ones)
    assert [a["href"] for a in site_html(text).find_all("a")] == [prose._address(address)]


def test_link_definitions_and_reference_links_are_text() -> None:
    html = site_html("[x][evil] and [evil][]\n\n[evil]: javascript:alert(1)\n\n- [e]: data:text/html,x")
    assert not html.find_all("a")
    assert "[evil]: javascript:alert(1)" in html.get_text()


def test_pictures_are_found_and_never_shown() -> None:
    assert targets_in("see ![a chart](https://other.example/c.png)")[0].picture
    assert not site_html("see ![a chart](https://other.example/c.png)").find_all("img")


def test_links_are_rebased_and_cannot_end_early() -> None:
    out = to_markdown("[a](journey.md#contact) [b](https://example.org/x_(y)) [c](#here)",
                      lambda address: "../" + address if address.endswith(".md#contact") else address)
    assert "[a](../journey.md#contact)" in out
    assert "[b](https://example.org/x_%28y%29)" in out
    assert "[c](#here)" in out


def test_nesting_is_limited() -> None:
    ok = "- " * MAX_NESTING + "x"
    assert to_markdown(ok).count("- ") == MAX_NESTING
    for deep in ("- " * (MAX_NESTING + 1) + "x", "- " * 3000 + "x", "1. " * 3000 + "x", "> " * 3000 + "x"):
        with pytest.raises(ProseError):
            prose.parse(deep)
        assert "<" not in to_markdown(deep)  # written out as plain text if it ever gets past the check


@pytest.mark.timeout(20)
@pytest.mark.parametrize("text", [
    "-  " * 24 + "x", "> \n" * 24 + "x", "[" * 20_000, "[" * 10_000 + "]" * 10_000, "[a]" * 7000,
    "[a](" * 5000, "*" * 20_000, "_" * 20_000, "**a " * 5000, "<" * 20_000, "<http://" * 2500,
    "\\" * 20_000, "a\n" * 10_000, "![" * 10_000, "](" * 10_000, "- a\n    " * 500,
    "[a](" * 12_500 + ")", "[a](()" * 8000, '[a](x "' * 7000, "[a](x" * 10_000,
])
def test_adversarial_text_is_handled_in_linear_time(text: str) -> None:
    """Each of these took minutes or longer with the regular expressions this module replaced."""
    out = to_markdown(text)
    assert "<" not in re.sub(r"<(/?)(p|ul|ol|li|blockquote|strong|em)>", "", out)


PLAIN = st.text(alphabet=string.ascii_letters + string.digits + " .,;:'\"()?%$£-+=/{}|#&~\u00e9\u2019", max_size=80)


@settings(max_examples=300, deadline=None)
@given(PLAIN)
def test_plain_text_is_written_as_the_parser_would(text: str) -> None:
    """The shortcut for text with nothing to parse gives what parsing it gives."""
    stripped = text.strip()
    if not stripped or prose.needs_parsing(stripped):
        return
    parsed = "\n\n".join(prose._Writer(lambda address: address).blocks(prose.parse(stripped)))
    assert to_markdown(text) == parsed


ANY = st.text(alphabet=string.printable + "\u00a0\u2028\u00e9", max_size=120)


@settings(max_examples=400, deadline=None)
@given(ANY)
def test_any_text_becomes_only_allowed_html(text: str) -> None:
    html = site_html(text)
    assert {element.name for element in html.find_all(True)} <= ALLOWED_TAGS | {"br"}
    found = [target.address for target in targets_in(text) if not target.picture] if prose.needs_parsing(text) else []
    shown = [a["href"] for a in html.find_all("a")]
    assert len(shown) == len(found)


def test_links_with_brackets_or_a_title_in_their_address_are_still_links() -> None:
    """The guard against addresses that never close leaves real addresses alone."""
    assert to_markdown("See [the guide](https://example.org/a_(b)) now.") == \
        "See [the guide](https://example.org/a_%28b%29) now."
    assert to_markdown('See [the guide](https://example.org/x "The guide").') == \
        'See [the guide](https://example.org/x "The guide").'
    # Not an address: it never closes, or its quotes are not a title at its end.
    assert "](" not in to_markdown("A [b](c and ( d").replace("\\](", "")
    assert "<a" not in "".join(to_markdown('[b](x "y" z)'))
