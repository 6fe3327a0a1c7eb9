"""Publishing the site: never into a source folder, never half-published, never two at once.

Most tests call macros/handbook/output.py in this process with a stand-in build; the ones about
a killed build kill a real process at the moment that matters, since only that shows what the
next build finds on disk.
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import REPO, copy_project, handbook
from handbook.output import (
    OutputError,
    build_lock,
    leftovers,
    lock_of,
    previous_of,
    publish,
    recover,
    site_folder,
    staging_prefix,
)

SOURCES = ("docs", "data", "macros", "overrides", "schema", ".git")


def make_project(root: Path, config: str = "site_name: Test\n") -> Path:
    """The folders and mkdocs.yml that site_folder looks at, each holding one file."""
    project = root / "project"
    for name in SOURCES:
        (project / name).mkdir(parents=True)
        (project / name / "keep.txt").write_text(name)
    (project / "mkdocs.yml").write_text(config)
    return project


def writes(text: str):
    """A stand-in for mkdocs: writes index.html into the staging folder and succeeds."""

    def build(staging: Path) -> int:
        (staging / "index.html").write_text(text)
        return 0

    return build


def chosen(project: Path, given: str | Path | None) -> Path:
    return site_folder(project, project / "mkdocs.yml", Path(given) if given is not None else None,
                       project / "data")


# --- which folder -------------------------------------------------------------------------------


@pytest.mark.parametrize("given", [*SOURCES, "docs/site", "data/frameworks", ".", "..", "./", "docs/.."])
def test_a_source_folder_the_project_or_what_holds_it_is_refused(tmp_path: Path, given: str) -> None:
    project = make_project(tmp_path)
    with pytest.raises(OutputError, match=r"will not build into .*publishing the site replaces the whole folder"):
        chosen(project, given)


def test_a_link_to_a_source_folder_is_refused(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    (project / "site").symlink_to(project / "docs")
    with pytest.raises(OutputError, match="docs folder"):
        chosen(project, "site")


def test_the_folder_named_in_mkdocs_yml_is_checked_too(tmp_path: Path) -> None:
    project = make_project(tmp_path, "site_name: Test\nsite_dir: docs\n")
    with pytest.raises(OutputError, match=r"site_dir in mkdocs\.yml.*docs folder"):
        chosen(project, None)


def test_a_docs_dir_of_another_name_is_a_source_folder(tmp_path: Path) -> None:
    project = make_project(tmp_path, "site_name: Test\ndocs_dir: pages\n")
    (project / "pages").mkdir()
    with pytest.raises(OutputError, match="docs_dir folder"):
        chosen(project, "pages")


def test_a_site_dir_that_cannot_be_read_is_not_guessed(tmp_path: Path) -> None:
    project = make_project(tmp_path, "site_name: Test\nsite_dir: !ENV SITE\n")
    with pytest.raises(OutputError, match="give the folder with --site-dir"):
        chosen(project, None)


@pytest.mark.parametrize(("given", "expected"), [(None, "project/site"), ("site", "project/site"),
                                                  ("out/site", "project/out/site"),
                                                  ("../published", "published")])
def test_ordinary_site_folders_are_accepted(tmp_path: Path, given: str | None, expected: str) -> None:
    project = make_project(tmp_path)
    assert chosen(project, given) == (tmp_path / expected).resolve()


def test_mkdocs_yml_site_dir_is_the_default(tmp_path: Path) -> None:
    project = make_project(tmp_path, "site_name: Test\nsite_dir: public\n")
    assert chosen(project, None) == (project / "public").resolve()


def test_a_file_where_the_site_folder_should_be_is_refused(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    (project / "site").write_text("notes")
    with pytest.raises(OutputError, match="the site folder is a file"):
        chosen(project, "site")
    assert (project / "site").read_text() == "notes"


# --- publishing ---------------------------------------------------------------------------------


def test_a_build_replaces_the_site_and_leaves_nothing_beside_it(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "old.html").write_text("old")
    assert publish(site, writes("new")) == 0
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    assert (site / "index.html").read_text() == "new"
    # Readable by a web server running as another user (a temporary folder is made 0700).
    assert stat.S_IMODE(site.stat().st_mode) == 0o755
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["site", lock_of(site).name])


def test_a_failed_build_leaves_the_site_as_it_was(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old")

    def fails(staging: Path) -> int:
        (staging / "index.html").write_text("half")
        return 1

    assert publish(site, fails) == 1
    assert (site / "index.html").read_text() == "old"
    assert not leftovers(site) and not previous_of(site).exists()


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EACCES, errno.EROFS])
def test_a_disk_error_while_building_is_a_message_and_the_site_is_kept(tmp_path: Path, code: int) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old")

    def disk_error(staging: Path) -> int:
        raise OSError(code, os.strerror(code), str(staging / "search" / "search_index.json"))

    with pytest.raises(OutputError, match=rf"could not build the site.*search_index\.json.*{os.strerror(code)}"):
        publish(site, disk_error)
    assert (site / "index.html").read_text() == "old"
    assert not leftovers(site)


def test_a_folder_that_cannot_be_written_is_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As a read-only or full disk answers; simulated, since the tests may run as root."""
    import tempfile

    def refuse(**_: object) -> str:
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path))

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    with pytest.raises(OutputError, match=r"could not create a staging folder.*Permission denied"):
        publish(tmp_path / "site", writes("new"))


def test_a_second_build_waits_for_no_one_and_changes_nothing(tmp_path: Path) -> None:
    site = tmp_path / "site"
    publish(site, writes("first"))
    with build_lock(site), pytest.raises(OutputError, match="Another build of this handbook is running"):
        publish(site, writes("second"))
    assert (site / "index.html").read_text() == "first"
    assert publish(site, writes("third")) == 0  # the lock went with its holder


@pytest.mark.parametrize("state", ["killed between the renames", "killed after them", "killed while building"])
def test_what_an_interrupted_build_left_is_put_right(tmp_path: Path, state: str) -> None:
    site = tmp_path / "site"
    publish(site, writes("good"))
    staging = tmp_path / f"{staging_prefix(site)}abc123"
    if state == "killed between the renames":
        site.rename(previous_of(site))
    elif state == "killed after them":
        previous_of(site).mkdir()
        (previous_of(site) / "index.html").write_text("older")
    staging.mkdir()
    (staging / "index.html").write_text("half")
    with build_lock(site):
        recover(site)
    assert (site / "index.html").read_text() == "good"
    assert not previous_of(site).exists() and not staging.exists()


def test_folders_the_build_did_not_make_are_never_removed(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for name in (".site-build", ".site-build-../x", "site-build-1", ".site-builder-1"):
        if "/" not in name:
            (tmp_path / name).mkdir()
    (tmp_path / ".site-build-notes.txt").write_text("mine")
    publish(site, writes("new"))
    assert {p.name for p in tmp_path.iterdir()} >= {".site-build", "site-build-1", ".site-builder-1",
                                                   ".site-build-notes.txt"}


# --- killed for real ----------------------------------------------------------------------------

KILLER = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from handbook import output

    site, moment = Path(sys.argv[1]), sys.argv[2]

    def die() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    if moment == "between the renames":
        rename = Path.rename
        def rename_then_die(self, target):
            result = rename(self, target)
            if Path(target) == output.previous_of(site):
                die()
            return result
        Path.rename = rename_then_die

    def build(staging: Path) -> int:
        (staging / "index.html").write_text("new")
        if moment == "while building":
            die()
        return 0

    output.publish(site, build)
""")


@pytest.mark.parametrize("moment", ["while building", "between the renames"])
def test_a_build_killed_at_any_moment_leaves_a_site_the_next_build_can_use(tmp_path: Path, moment: str) -> None:
    site = tmp_path / "site"
    publish(site, writes("good"))
    killed = subprocess.run([sys.executable, "-c", KILLER, str(site), moment], capture_output=True, text=True,
                            cwd=REPO, check=False)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    # What a reader sees in the meantime: the last good site, or (for a moment) the previous one.
    served = site if site.exists() else previous_of(site)
    assert (served / "index.html").read_text() == "good"
    # The lock died with the process; the next build tidies up and publishes.
    assert publish(site, writes("next")) == 0
    assert (site / "index.html").read_text() == "next"
    assert not leftovers(site) and not previous_of(site).exists()


# --- the command ----------------------------------------------------------------------------------


@pytest.mark.parametrize("given", ["docs", "data", ".", "macros"])
def test_handbook_build_refuses_to_replace_a_source_folder(tmp_path: Path, given: str) -> None:
    project = copy_project(tmp_path / "project")
    before = sorted(str(p.relative_to(project)) for p in project.rglob("*"))
    run = handbook(project, "build", "--site-dir", given)
    assert run.returncode == 1
    assert "handbook build: will not build into" in run.stderr
    assert "Traceback" not in run.output
    assert sorted(str(p.relative_to(project)) for p in project.rglob("*")) == before
