"""Data text becomes safe Markdown: HTML, template syntax, attr_list braces and headings are inert."""

from __future__ import annotations

from html import unescape

import markdown

from handbook.render.text import attribute, inline, join_sentence, prose


def html(text: str) -> str:
    return markdown.markdown(text, extensions=["attr_list", "abbr", "md_in_html"])


def test_html_in_prose_is_shown_as_text() -> None:
    out = html(prose('Before <script>alert("x")</script> after <b onclick="y">bold</b>'))
    assert "<script>" not in out and "<b " not in out
    assert "&lt;script&gt;" in out


def test_template_syntax_is_kept_literally() -> None:
    shown = unescape(html(prose("Total: {{ 7 * 7 }} {% if x %}")))
    assert "Total: {{ 7 * 7 }} {% if x %}" in shown


def test_attr_list_braces_cannot_add_attributes() -> None:
    out = html(prose('A paragraph.\n{: onclick="alert(1)" }'))
    assert "onclick=" not in out.split(">")[0] and "<p onclick" not in out


def test_prose_cannot_start_a_heading_or_define_an_abbreviation() -> None:
    out = html(prose("# Not a heading\n\n*[X]: not a definition"))
    assert "<h1" not in out and "# Not a heading" in out
    assert "*[X]: not a definition" in out


def test_markdown_formatting_and_links_still_work() -> None:
    out = html(prose("Some **bold**, *italic*, a [link](journey.md) and\n\n- a list\n\n> a quote"))
    assert "<strong>bold</strong>" in out and "<em>italic</em>" in out
    assert '<a href="journey.md">link</a>' in out
    assert "<li>a list</li>" in out and "<blockquote>" in out


def test_code_spans_are_shown_as_typed() -> None:
    """Backticks are not code spans: their edges are where escaping and Markdown could disagree."""
    for text in ("`<img src=x onerror=alert(1)>`", "\\`<img src=x>` `", "```\n\n<img src=x>\n\n```",
                 "Hubs `</div><img src=x onerror=alert(1)>` here."):
        out = html(prose(text))
        assert "<img" not in out and "<code>" not in out and "</div>" not in out, text


def test_setext_list_and_quote_headings_are_not_headings() -> None:
    for text in ("Title\n=====", "Title\n-----", "- # x", "> # x", "1. # x", "  # x"):
        assert "<h" not in html(prose(text)), text


def test_pictures_and_link_definitions_are_inert() -> None:
    out = html(prose("![t](https://other.example/t.png)\n\n[x][j]\n\n[j]: javascript:alert(1)"))
    assert "<img" not in out and "javascript:" not in out.split("[j]:")[0].split("href")[-1]
    assert 'href="javascript' not in out


def test_links_are_rebased_for_pages_in_subfolders() -> None:
    assert "](../journey.md#contact)" in prose("see [it](journey.md#contact)", root="../")
    assert "](https://example.org)" in prose("see [it](https://example.org)", root="../")
    assert "](#here)" in prose("see [it](#here)", root="../")


def test_quotes_survive() -> None:
    assert "> a quote" in prose("> a quote")


def test_inline_text_is_safe_in_tables_and_headings() -> None:
    assert inline("A | B") == "A \\| B"
    assert "<" not in inline("<i>x</i>")
    assert inline("  many\n  lines ") == "many lines"


def test_attribute_text_has_no_quotes_or_braces() -> None:
    assert attribute('He said "no" {x}') == "He said \u201dno\u201d (x)"


def test_join_sentence() -> None:
    assert join_sentence([]) == ""
    assert join_sentence(["a"]) == "a"
    assert join_sentence(["a", "b"]) == "a and b"
    assert join_sentence(["a", "b", "c"]) == "a, b and c"
