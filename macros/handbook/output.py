"""Where `handbook build` writes the site, and how it publishes it without ever half-publishing it.

The site is built into a staging folder beside the site folder, then swapped in with two
renames (site -> site.previous, staging -> site). A rename is atomic, so a build killed at any
moment (SIGKILL, a power cut of the terminal, a CI timeout) leaves one of a few known states,
and the next build puts them right before it starts (`recover`). One build at a time holds a
lock beside the site folder, so two builds never swap over each other.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

# The folders a handbook is made from: the site must never be (or hold, or sit in) one of them,
# because publishing the site replaces the folder with what MkDocs wrote.
SOURCE_FOLDERS = ("docs", "data", "macros", "overrides", "schema", ".git")
# The published site is read by a web server running as another user: mkdtemp makes 0700.
SITE_MODE = 0o755


class OutputError(Exception):
    """A problem with the site folder, already worded for the person running the build."""


def staging_prefix(site: Path) -> str:
    """`.site-build-` for a site folder called `site`: the staging folders' names start with it."""
    return f".{site.name}-build-"


def previous_of(site: Path) -> Path:
    """Where the last published site waits, for a moment, while the new one takes its place."""
    return site.with_name(site.name + ".previous")


def lock_of(site: Path) -> Path:
    """The lock file: beside the site folder, not in it, since the site folder is replaced."""
    return site.with_name(f".{site.name}.lock")


@contextmanager
def _doing(what: str, path: Path) -> Iterator[None]:
    """Turn an OSError in the block into an OutputError saying what failed, where, and why."""
    try:
        yield
    except OSError as error:
        where = error.filename if error.filename is not None else path
        raise OutputError(f"{what} ({where}): {error.strerror or error}") from error


# --- which folder -------------------------------------------------------------------------------


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for its folder settings, whatever other tags it uses (!ENV, !!python/name)."""


_LenientLoader.add_multi_constructor("", lambda _loader, _suffix, _node: None)


def _config(config: Path) -> dict[str, Any]:
    """mkdocs.yml as a mapping; empty when it cannot be read (MkDocs itself then reports why)."""
    try:
        loaded = yaml.load(config.read_text(encoding="utf-8"), Loader=_LenientLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _folder_setting(settings: dict[str, Any], key: str, config: Path) -> Path | None:
    """A folder named in mkdocs.yml, relative to the file as MkDocs reads it; None if not set.

    None too for a value this reader cannot follow, such as `!ENV SITE`: the callers decide
    whether that is safe to ignore.
    """
    value = settings.get(key)
    if not isinstance(value, str) or not value.strip():
        return None
    path = Path(value)
    return path if path.is_absolute() else config.parent / path


def _overlaps(a: Path, b: Path) -> bool:
    return a == b or a.is_relative_to(b) or b.is_relative_to(a)


def site_folder(project: Path, config: Path, given: Path | None, data_dir: Path) -> Path:
    """The site folder to publish to, resolved; OutputError if it is unsafe to replace.

    `given` is --site-dir (relative to the project); without it, mkdocs.yml's site_dir (relative
    to mkdocs.yml, as MkDocs reads it), else `site`. Paths are compared with symlinks resolved, so
    a link cannot smuggle a source folder in as the site.
    """
    settings = _config(config)
    if given is not None:
        site = given if given.is_absolute() else project / given
        named = "--site-dir"
    else:
        configured = _folder_setting(settings, "site_dir", config)
        if configured is None and "site_dir" in settings:
            # Guessing would publish somewhere other than where mkdocs.yml says.
            raise OutputError(f"site_dir in {config} is not a plain folder name that this command can "
                              "read; give the folder with --site-dir instead")
        site = configured or project / "site"
        named = f"site_dir in {config.name}" if configured else "the default site folder"
    site = site.resolve()

    # The project (and mkdocs.yml's folder) may hold the site, but the site may not be or hold it.
    for folder in {project.resolve(), config.parent.resolve()}:
        if folder.is_relative_to(site):
            raise OutputError(
                f"will not build into {site} ({named}): it {'is' if folder == site else 'holds'} "
                f"the project folder ({folder}), and publishing the site replaces the whole folder. "
                f"Choose a folder such as {project / 'site'}."
            )
    sources: dict[Path, str] = {(project / name).resolve(): name for name in SOURCE_FOLDERS}
    docs_dir = _folder_setting(settings, "docs_dir", config)
    for extra, name in ((docs_dir, "docs_dir"), (data_dir, "the data folder")):
        if extra is not None:
            sources.setdefault(extra.resolve(), name)
    for source, name in sources.items():
        if _overlaps(site, source):
            how = "is" if site == source else "is inside" if site.is_relative_to(source) else "holds"
            raise OutputError(
                f"will not build into {site} ({named}): it {how} the handbook's {name} folder ({source}), "
                f"and publishing the site replaces the whole folder. Choose a folder such as {project / 'site'}."
            )
    if site.exists() and not site.is_dir():
        raise OutputError(f"the site folder is a file, not a folder ({site}): {os.strerror(errno.ENOTDIR)}; "
                          "move the file away or choose another --site-dir")
    return site


# --- publishing ---------------------------------------------------------------------------------


def _remove(path: Path) -> None:
    """Delete a folder (or a stray file or link) that only this module ever creates."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def leftovers(site: Path) -> list[Path]:
    """Staging folders a killed build left beside the site: only names this module makes."""
    pattern = re.compile(re.escape(staging_prefix(site)) + r"[A-Za-z0-9_]+")
    if not site.parent.is_dir():
        return []
    return sorted(p for p in site.parent.iterdir() if pattern.fullmatch(p.name) and p.is_dir())


def recover(site: Path) -> None:
    """Put right what a build killed part-way left behind. Call only while holding the lock.

    Killed between the two renames, the site folder is missing and the last good site is in
    site.previous: put it back. Killed after them, or while deleting site.previous, the new site
    is in place and site.previous is stale: delete it. Killed while building, a staging folder
    is left: delete it (it may be incomplete, and the lock says no other build is using it).
    """
    previous = previous_of(site)
    if previous.is_dir() and not site.exists() and not site.is_symlink():
        with _doing("could not restore the previous site", previous):
            previous.rename(site)
    elif previous.exists() or previous.is_symlink():
        with _doing("could not remove the stale previous site", previous):
            _remove(previous)
    for staging in leftovers(site):
        with _doing("could not remove a staging folder left by an interrupted build", staging):
            shutil.rmtree(staging)


@contextmanager
def build_lock(site: Path) -> Iterator[Path]:
    """Hold the exclusive build lock for `site`, or raise OutputError at once if another build has it.

    flock, not a file that exists while building: the kernel drops the lock when its holder
    dies, even by SIGKILL, so a killed build never leaves the handbook locked. The file itself
    is left in place: deleting it could let two builds lock two different files of that name.
    """
    path = lock_of(site)
    with _doing("could not create the build lock beside the site folder", path):
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(f"Another build of this handbook is running (lock {path}). "
                              "Wait for it to finish and try again.") from None
        except OSError as error:
            raise OutputError(f"could not take the build lock ({path}): {error.strerror or error}") from error
        yield path
    finally:
        os.close(fd)  # releases the lock


def _swap(staging: Path, site: Path) -> None:
    """Make the complete staging folder the site; on any failure, the old site stays the site."""
    previous = previous_of(site)
    had_site = site.exists()
    if had_site:
        with _doing("could not move the old site aside", site):
            site.rename(previous)
    try:
        with _doing("could not move the new site into place", site):
            staging.rename(site)
    except BaseException:  # also Ctrl-C between the renames: put the old site back now
        if had_site:
            previous.rename(site)
        raise
    # The new site is published; the old one is only clutter now. If it cannot be deleted, the
    # next build deletes it (`recover`), so this build still succeeds.
    shutil.rmtree(previous, ignore_errors=True)


def publish(site: Path, build: Callable[[Path], int]) -> int:
    """Run `build(staging)` and, when it returns 0, swap the staging folder in as `site`.

    Returns build's status. Raises OutputError (the old site untouched, no staging folder left)
    when the site's folder cannot be written, the disk is full, or another build holds the lock.
    """
    with _doing("could not create the folder that holds the site", site.parent):
        site.parent.mkdir(parents=True, exist_ok=True)
    with build_lock(site):
        recover(site)
        with _doing("could not create a staging folder beside the site folder", site.parent):
            staging = Path(tempfile.mkdtemp(prefix=staging_prefix(site), dir=site.parent))
        try:
            with _doing("could not build the site in its staging folder", staging):
                staging.chmod(SITE_MODE)
                status = build(staging)
            if status:
                return status
            _swap(staging, site)
            return 0
        finally:
            shutil.rmtree(staging, ignore_errors=True)  # a no-op once it has become the site


def describe(path: Path, project: Path) -> str:
    """A folder as the person building knows it: relative to the project when inside it."""
    return str(path.relative_to(project)) if path.is_relative_to(project) else str(path)

