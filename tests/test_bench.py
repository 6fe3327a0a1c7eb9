"""`make bench`: the synthetic authorities are valid, and a small run produces the table, JSON and last line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import bench
from conftest import REPO, SAMPLE_DATA
from handbook.validate import check


def test_a_scaled_authority_is_valid_and_has_every_list_scaled(tmp_path: Path) -> None:
    one, _ = check(SAMPLE_DATA, base=SAMPLE_DATA.parent)
    bench.scale_data(SAMPLE_DATA, 3, tmp_path / "data")
    three, problems = check(tmp_path / "data", base=tmp_path)
    assert one is not None
    assert three is not None, [p.format() for p in problems.errors]
    assert not problems.errors
    # Every scaled kind of item is three times as many; levels and frameworks stay as they are.
    kinds = {record.kind for record in one.index.items.values()}
    for kind in kinds:
        before = sum(1 for r in one.index.items.values() if r.kind == kind)
        after = sum(1 for r in three.index.items.values() if r.kind == kind)
        assert after in (before, 3 * before), kind
    assert len(three.index.items) > 2.5 * len(one.index.items)
    assert len(three.index.statements) == len(one.index.statements)
    # The copies are wired to each other, not back to the originals: copy 3's stages use copy 3's teams.
    stage = three.index.items["contact-3"] if "contact-3" in three.index.items else next(
        r for r in three.index.items.values() if r.kind == "stage" and r.id.endswith("-3"))
    team = getattr(stage.obj, "team", None)
    if team:
        assert team.endswith("-3")


@pytest.mark.parametrize("which", sorted(bench.LONG_LISTS))
def test_a_long_list_is_valid_and_as_long_as_asked(tmp_path: Path, which: str) -> None:
    name, key, _ = bench.LONG_LISTS[which]
    count = bench.long_list_data(SAMPLE_DATA, which, 100, tmp_path / "data")
    handbook, problems = check(tmp_path / "data", base=tmp_path)
    assert handbook is not None, [p.format() for p in problems.errors[:5]]
    import yaml
    grown = yaml.safe_load((tmp_path / "data" / name).read_text())[key]
    assert len(grown) == count >= 100
    assert count < 100 + len(yaml.safe_load((SAMPLE_DATA / name).read_text())[key])  # whole copies, no more


def test_a_small_benchmark_run_writes_results_and_the_summary_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    output = tmp_path / "results.json"
    # One long list (of the three) is enough to see the measurement work; each is a build.
    monkeypatch.setattr(bench, "LONG_LISTS", {"glossary": bench.LONG_LISTS["glossary"]})
    assert bench.main(["--project", str(REPO), "--sizes", "1", "--runs", "1", "--min-seconds", "0",
                       "--long-lists", "60", "--output", str(output)]) == 0
    printed = capsys.readouterr().out
    results = json.loads(output.read_text())
    (row,) = results["results"]
    assert row["factor"] == 1 and row["items"] > 100 and row["pages"] > 20
    assert row["build_s"] > 0 and row["plain_build_s"] > 0 and row["check_ms"] > 0
    assert row["build_runs_s"] == [row["build_s"]] and row["plain_runs_s"] == [row["plain_build_s"]]
    # The generator's share measured directly: importing the plugin, hooks and library costs
    # something, and so does its work (loading the data, the macros), which is a fraction of the build.
    assert row["generator_imports_s"] > 0 and 0 < row["generator_work_s"] < row["build_s"]
    assert row["generator_direct_percent"] > 0 and row["generator_work_ms_per_item"] > 0
    assert row["serve_rebuild_s"] > 0 and row["serve_save_to_reload_s"] >= row["serve_rebuild_s"]
    assert "overhead %" in printed and "mkdocs serve at 1x: rebuild" in printed
    # mkdocs-macros by itself, with nothing to do: part of the overhead, and not the generator's.
    assert row["macros_only_s"] > 0 and row["macros_and_models_s"] > 0
    assert "before the generator does anything: mkdocs-macros by itself" in printed
    (long_list,) = results["long_lists"]
    assert long_list["list"] == "glossary" and long_list["items"] >= 60
    assert long_list["check_s"] > 0 and long_list["build_s"] > 0
    assert f"{long_list['items']} glossary: check" in printed
    last = printed.strip().splitlines()[-1]
    assert re.fullmatch(r"overhead: -?[\d.]+% over plain MkDocs; check: \d+ ms at 1x", last), last


def test_the_plain_build_gets_the_pages_as_the_macros_left_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Including a page left out of search, so the plain build does the same work."""
    import importlib.util
    from types import SimpleNamespace

    (tmp_path / "capture_hook.py").write_text(bench.CAPTURE_HOOK, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("capture_hook", tmp_path / "capture_hook.py")
    assert spec is not None and spec.loader is not None
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    monkeypatch.setenv("HANDBOOK_CAPTURE", str(tmp_path / "captured"))
    for uri, meta in (("print.md", {"search": {"exclude": True}}), ("journey.md", {"hb_source": "data/journey.yaml"})):
        page = SimpleNamespace(file=SimpleNamespace(src_uri=uri), meta=meta)
        assert hook.on_page_markdown("# Title\n\nText.", page, None, None) == "# Title\n\nText."
    assert (tmp_path / "captured" / "print.md").read_text() == '---\nsearch: {"exclude": true}\n---\n\n# Title\n\nText.'
    assert (tmp_path / "captured" / "journey.md").read_text() == "# Title\n\nText."


class _FakeServe:
    """`mkdocs serve` as the benchmark sees it: a rebuild after each save of the data file.

    Like MkDocs, it says "Documentation built in ..." only the first time: its build logger drops
    a message it has logged before, which is what a rebuild exactly as fast as the last one says.
    """

    saves = 2
    stray_rebuild = False  # one more rebuild of its own (another file changed) before the first save
    fails = False  # the rebuild after a save fails

    def __init__(self, _args: list[str], cwd: Path, **_kwargs: object) -> None:
        self.saved_file = Path(cwd) / "data" / "vision.yaml"
        self.stdout = self._say()

    def _rebuild(self, seconds: float):
        import time

        yield "INFO    -  [10:00:01] Detected file changes\n"
        yield "INFO    -  Building documentation...\n"
        time.sleep(seconds)
        if self.fails:
            yield ("ERROR   -  An error happened during the rebuild. "
                   "The server will appear stuck until build errors are resolved.\n")
        else:
            yield "INFO    -  [10:00:02] Reloading browsers\n"

    def _say(self):
        import time

        yield "INFO    -  Documentation built in 1.20 seconds\n"
        yield "INFO    -  [10:00:00] Serving on http://127.0.0.1:8000/\n"
        if self.stray_rebuild:
            yield from self._rebuild(0.01)
        size = self.saved_file.stat().st_size
        for _ in range(self.saves):
            while self.saved_file.stat().st_size == size:
                time.sleep(0.01)
            size = self.saved_file.stat().st_size
            yield from self._rebuild(0.2)

    def poll(self) -> None:
        return None

    def terminate(self) -> None: ...

    def kill(self) -> None: ...

    def wait(self, timeout: float | None = None) -> int:  # noqa: ARG002 - Popen's keyword: called as wait(timeout=30)
        return 0


def _project_with_data(folder: Path) -> Path:
    (folder / "data").mkdir()
    (folder / "data" / "vision.yaml").write_text("values: []\n", encoding="utf-8")
    return folder


def test_serve_rebuilds_are_timed_even_when_mkdocs_does_not_say_how_long_they_took(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench.subprocess, "Popen", _FakeServe)
    save_to_reload, rebuild = bench.serve_rebuild(_project_with_data(tmp_path), 2, {})
    assert 0.2 <= rebuild < 1.0
    assert rebuild <= save_to_reload < rebuild + 1.0
    assert (tmp_path / "data" / "vision.yaml").read_text().count("# saved by the benchmark") == 2


def test_a_rebuild_from_before_the_save_is_not_taken_for_the_one_after_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench.subprocess, "Popen", type("Stray", (_FakeServe,), {"stray_rebuild": True}))
    save_to_reload, rebuild = bench.serve_rebuild(_project_with_data(tmp_path), 2, {})
    assert 0.2 <= rebuild <= save_to_reload  # not the stray rebuild's 0.01 s, nor a negative wait


def test_a_failed_rebuild_stops_the_benchmark_and_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench.subprocess, "Popen", type("Failing", (_FakeServe,), {"fails": True}))
    with pytest.raises(RuntimeError, match="could not rebuild the site"):
        bench.serve_rebuild(_project_with_data(tmp_path), 2, {})


def test_small_builds_are_repeated_until_they_add_up_to_the_minimum_time() -> None:
    order: list[str] = []

    def build(name: str, seconds: float):
        def run() -> bench.Build:
            order.append(name)
            return bench.Build(seconds, 50, {})
        return run

    ours, macros, plain = bench.take_turns([build("ours", 1.6), build("macros", 1.55), build("plain", 1.5)],
                                           runs=3, min_seconds=20)
    assert len(ours) == len(macros) == len(plain) == 14  # 14 x 1.5 s is the first to reach 20 s
    assert order[:4] == ["ours", "macros", "plain", "ours"]  # turn and turn about
    # Large builds: the runs asked for, no more; and never more than the cap.
    assert [len(b) for b in bench.take_turns([build("ours", 60), build("plain", 58)], runs=3, min_seconds=20)] == [3, 3]
    assert (len(bench.take_turns([build("ours", 0.1), build("plain", 0.1)], runs=3, min_seconds=20)[0])
            == bench.MAX_BUILD_RUNS)
