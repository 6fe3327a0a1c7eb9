"""A search typed without accents finds words written with them ("cafe" finds "café")."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import _serve as serve
from conftest import copy_project, handbook
from handbook.postprocess import SEARCH_INDEX, fold_accents_in_search_index, folded


def test_folding_takes_the_accents_off_and_keeps_other_letters() -> None:
    assert folded("café") == "cafe"
    assert folded("Cŵd") == "Cwd"
    assert folded("naïve") == "naive"
    assert folded("plain") == "plain"


def _index(site: Path, docs: list[dict[str, str]]) -> Path:
    path = site / SEARCH_INDEX
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"config": {"lang": ["en"]}, "docs": docs}), encoding="utf-8")
    return path


def test_an_entry_with_accented_words_gets_their_plain_forms_hidden(tmp_path: Path) -> None:
    path = _index(tmp_path, [
        {"location": "a/", "title": "Family café", "text": "<p>Meet at the café in Llanfair Caereinion; Cŵd.</p>"},
        {"location": "b/", "title": "Plain", "text": "<p>No accents here.</p>"}])
    fold_accents_in_search_index(tmp_path)
    docs = json.loads(path.read_text(encoding="utf-8"))["docs"]
    assert docs[0]["text"].endswith(' <span hidden>Cwd cafe</span>')
    assert docs[0]["text"].startswith("<p>Meet at the café")  # what a result shows is unchanged
    assert docs[1]["text"] == "<p>No accents here.</p>"


def test_an_index_without_accents_is_left_exactly_as_it_was(tmp_path: Path) -> None:
    path = _index(tmp_path, [{"location": "b/", "title": "Plain", "text": "<p>No accents here.</p>"}])
    before = path.read_bytes()
    fold_accents_in_search_index(tmp_path)
    assert path.read_bytes() == before


def test_a_built_site_finds_cafe_without_its_accent(tmp_path: Path, browser) -> None:
    project = copy_project(tmp_path / "project")
    services = project / "data" / "services.yaml"
    text = services.read_text(encoding="utf-8")
    services.write_text(text.replace("summary: >-\n", "summary: >-\n      Drop-in café sessions for parents.\n", 1),
                        encoding="utf-8")
    run = handbook(project, "build")
    assert run.returncode == 0, run.output
    server = serve(project / "site")
    address = next(server)
    tab = browser.new_page()
    try:
        tab.goto(address)
        tab.keyboard.press("/")
        tab.keyboard.type("cafe")
        first = tab.locator(".md-search-result__item").first
        first.wait_for(timeout=10_000)
        assert "/services/" in first.locator("a").first.get_attribute("href")
        assert "hidden" not in first.inner_text()
    finally:
        tab.close()
        next(server, None)  # stops the server
