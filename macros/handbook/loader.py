"""Read YAML files into plain Python data, remembering where every value came from.

Each value's line and column can be looked up by its path (the same path pydantic reports in its
errors). This module is the loader's public face: it reads the file (refusing what is not an
ordinary file, too big, not UTF-8 or holding invisible characters) and hands the text to the YAML
readers: `yamlread` builds the data and its positions, from the loaders in `yamlloaders`, and
`yamlerrors` explains YAML that cannot be read.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .characters import CONTROL_CHARACTER, character_problem
from .errors import Problem, Severity, describe_choices, did_you_mean
from .yamlerrors import place, syntax_problem
from .yamlloaders import MAX_ALIASED_VALUES as MAX_ALIASED_VALUES
from .yamlloaders import MAX_DEPTH as MAX_DEPTH
from .yamlloaders import FastLoader, Refused, ThoroughLoader
from .yamlread import Builder, PositionTable, Unusual

Loc = tuple[str | int, ...]

# A mark's line and column as an editor shows them; the tests know it by this name.
_place = place


@dataclass
class Position:
    line: int
    column: int


# The README promises "a data file at most 32 MB": anything larger is refused before it is read.
# Far beyond any authority's real file (the sample's largest is 44 kB), and large enough for the
# benchmark's long lists (10,000 journey stages make a journey.yaml of about 25 MB): the limit is
# there so a file pasted in by mistake, or a device, cannot fill the memory, not to cap a handbook.
MAX_FILE_BYTES = 32 * 1024 * 1024
# The other limits, MAX_DEPTH and MAX_ALIASED_VALUES (imported above), are the YAML readers' to enforce.


def _mark(node: Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


@dataclass
class LoadedFile:
    """One YAML file's data, and what is needed to find where any value or key is.

    Files read by the fast reader carry a table of positions keyed by the data's own mappings and
    lists; others (anchors, aliases, merge keys, tags) keep PyYAML's node tree, which is walked
    along the path instead.
    """

    path: str  # as shown to the user, relative to the project
    data: Any
    text: str = ""
    lines: list[str] = field(default_factory=list)
    root: Node | None = None
    table: PositionTable | None = None
    root_mark: Any = None

    def position(self, loc: Loc) -> Position | None:
        """Where `loc` is in the file: the key for a field, else the nearest enclosing value."""
        if self.table is not None:
            return self._position_from_table(loc)
        node, key_node = self.root, None
        for step in loc:
            if isinstance(node, MappingNode):
                found = None
                for key, value in node.value:  # the last match wins, as with merge keys
                    if isinstance(key, ScalarNode) and key.value == str(step):
                        found = (key, value)
                if found is None:
                    break
                key_node, node = found
            elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                key_node, node = None, node.value[step]
            else:
                break
        else:
            return _mark(key_node if key_node is not None else node) if node is not None else None
        return _mark(node) if node is not None else None

    def _position_from_table(self, loc: Loc) -> Position | None:
        assert self.table is not None
        value, key_mark, value_mark = self.data, None, self.root_mark
        for step in loc:
            positions = self.table.get(id(value))
            if isinstance(value, dict) and isinstance(positions, dict) and str(step) in positions:
                key_mark, value_mark = positions[str(step)]
                value = value[str(step)]
            elif (isinstance(value, list) and isinstance(positions, list) and isinstance(step, int)
                  and 0 <= step < len(positions)):
                key_mark, value_mark = None, positions[step]
                value = value[step]
            else:
                return _at(value_mark)
        return _at(key_mark if key_mark is not None else value_mark)

    def line_of(self, loc: Loc) -> int | None:
        position = self.position(loc)
        return position.line if position else None


def _at(mark: Any) -> Position | None:
    return Position(mark.line + 1, mark.column + 1) if mark is not None else None


def is_present(path: Path) -> bool:
    """Whether anything is at `path`: a folder, a broken link or a file that cannot be opened counts,
    so that `load_yaml` says what is wrong with it instead of the file being called missing."""
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError:  # e.g. no permission to look inside the folder: load_yaml explains
        return True
    return True


_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))


def _not_a_file(shown_as: str, mode: int) -> Problem:
    kind = next((name for test, name in _KINDS if test(mode)), "something other than a file")
    return Problem(
        file=shown_as, line=None, title=f"`{Path(shown_as).name}` is not an ordinary file",
        found=f"{kind} with this name",
        expected="a YAML file",
        fix="Remove it, and put the data file in its place (the sample authority's copy is a starting point).",
    )


def _too_big(shown_as: str, size: int) -> Problem:
    return Problem(
        file=shown_as, line=None, title="The file is too big",
        found=f"{size / (1024 * 1024):.1f} MB ({size:,} bytes)",
        expected=f"a data file may be at most {MAX_FILE_BYTES // (1024 * 1024)} MB ({MAX_FILE_BYTES:,} bytes)",
        fix="Keep long documents outside the handbook and link to them, or check that nothing was pasted "
        "in by mistake.",
    )


def _read(path: Path, shown_as: str, root: Path | None) -> bytes | Problem:
    """The file's bytes, or why they cannot be read.

    Only an ordinary file of at most MAX_FILE_BYTES is read: a named pipe would wait for a writer
    for ever and a device could be endless, so the kind is checked before opening (and again on
    what was opened, in case the file was swapped in between). With `root`, a link must lead to a
    file inside it: the handbook publishes only what is in the project.
    """
    try:
        if path.is_symlink():
            target = path.readlink()
            try:
                path.stat()
            except FileNotFoundError:
                return Problem(
                    file=shown_as, line=None, title="The file is a link to a file that does not exist",
                    found=f"a symbolic link to {target}",
                    expected="the data file itself, or a link to an existing file",
                    fix="Replace the link with the file itself (the sample authority's copy is a starting point).",
                )
            real = Path(os.path.realpath(path))
            if root is not None and not real.is_relative_to(os.path.realpath(root)):
                return Problem(
                    file=shown_as, line=None, title="The file is a link to a file outside the project",
                    found=f"a symbolic link to {target}",
                    expected="the data file itself, kept in the project's data folder",
                    fix="Copy the file into the data folder in place of the link: the handbook only "
                    "publishes what is kept in the project.",
                )
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return _not_a_file(shown_as, info.st_mode)
        if info.st_size > MAX_FILE_BYTES:
            return _too_big(shown_as, info.st_size)
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(descriptor, "rb") as file:
            opened = os.fstat(file.fileno())
            if not stat.S_ISREG(opened.st_mode):
                return _not_a_file(shown_as, opened.st_mode)
            raw = file.read(MAX_FILE_BYTES + 1)
    except PermissionError:
        return Problem(
            file=shown_as, line=None, title="The file cannot be opened",
            found="permission to read it (or to look in its folder) is refused",
            expected="a file the check is allowed to read",
            fix="Give your user permission to read the file and its folder (e.g. `chmod a+rX` on them), "
            "or ask whoever set up the folder.",
        )
    except OSError as error:
        if error.errno == errno.ELOOP:
            return Problem(
                file=shown_as, line=None, title="The file is a link that leads back to itself",
                found="a symbolic link that goes round in a circle, to itself or through other links",
                expected="the data file itself, or a link to an existing file",
                fix="Replace the link with the file itself (the sample authority's copy is a starting point).",
            )
        return Problem(
            file=shown_as, line=None, title="The file cannot be read",
            found=f"the computer says: {error.strerror or error}",
            expected="an ordinary YAML file",
            fix="Check that the file is there and can be opened, then run the check again.",
        )
    if len(raw) > MAX_FILE_BYTES:  # it grew after it was measured
        return _too_big(shown_as, len(raw))
    return raw


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a link in a loop: not a folder (load_yaml says what it is, if it is read)
        return False


def read_folder(folder: Path, shown_as: str, expected: Collection[str] | None = None
                ) -> tuple[list[Path], list[Problem]]:
    """The YAML files in `folder`, and a warning for each other entry (hidden ones aside).

    With `expected`, the folder's entries are those names (anything else gets a warning that it
    is not read, with the name probably meant); without, they are its .yaml and .yml files. A
    missing folder is empty; one that cannot be opened is an error. The files come .yaml first,
    each kind in name order.
    """
    try:
        with os.scandir(folder) as entries:
            found = sorted((entry.name, _is_folder(entry)) for entry in entries if not entry.name.startswith("."))
    except FileNotFoundError:
        return [], []
    except NotADirectoryError:
        return [], [Problem(
            file=shown_as, line=None, title=f"`{folder.name}` should be a folder",
            found="a file with this name", expected=f"a folder {folder.name}/ holding YAML files",
            fix="Rename or remove the file, and restore the folder (the sample authority's is a starting point).",
        )]
    except OSError:  # usually no permission; the computer's reason would not help more
        return [], [Problem(
            file=shown_as, line=None, title="The folder cannot be opened",
            found="permission to list what is in it is refused",
            expected="a folder the check is allowed to read",
            fix="Give your user permission to read the folder (e.g. `chmod a+rX` on it), "
            "or ask whoever set up the folder.",
        )]
    known = set(expected) if expected is not None else None
    files: list[Path] = []
    problems: list[Problem] = []
    for name, is_folder in found:
        if known is None and name.endswith((".yaml", ".yml")):
            files.append(folder / name)
            continue
        if known is not None and name in known:
            continue
        what = "folder" if is_folder else "file"
        if known is not None:
            suggestion = did_you_mean(name, sorted(known))
            expected_text = f"only the handbook's own files: {describe_choices(sorted(known), 20)}"
        else:
            stem = name.rsplit(".", 1)[0]
            suggestion = f"{stem}.yaml" if not is_folder and name.lower().endswith((".yaml", ".yml")) else None
            expected_text = "only framework files, whose names end in .yaml"
        fix = (f"Did you mean `{suggestion}`? Nothing in it is used until it is in {suggestion}: rename it, "
               f"or move what it holds into {suggestion}." if suggestion else
               f"Move the {what} out of the data folder, or delete it if it is not needed.")
        problems.append(Problem(
            file=f"{shown_as}/{name}", line=None, severity=Severity.WARNING,
            title=f"The {what} `{name}` is not read", found=f"a {what} the handbook does not know",
            expected=expected_text, fix=fix,
        ))
    files.sort(key=lambda path: path.suffix != ".yaml")  # stable: name order within each kind
    return files, problems


def load_yaml(path: Path, shown_as: str, *, fast: bool = True, root: Path | None = None
              ) -> tuple[LoadedFile | None, list[Problem]]:
    """Load one file. Returns the data with positions, or None and the reasons it could not be read.

    `fast=False` skips the fast reader (the tests compare the two readers with it). With `root`
    (the project folder), a data file that is a link must lead inside it.
    """
    problems: list[Problem] = []
    raw = _read(path, shown_as, root)
    if isinstance(raw, Problem):
        return None, [raw]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [
            Problem(
                file=shown_as,
                line=line,
                title="The file is not saved as UTF-8 text",
                found=f"a character on line {line} that is not UTF-8 (often a letter such as é or a curly "
                "quote saved by another program)",
                expected="a file saved as UTF-8",
                fix="Save the file with UTF-8 encoding (the default in GitHub's editor and VS Code), "
                "or retype the character on this line.",
            )
        ]
    text = text.removeprefix("\ufeff")
    bad = CONTROL_CHARACTER.search(text)
    if bad:
        return None, [character_problem(shown_as, text, bad)]
    loaded = LoadedFile(path=shown_as, data=None, text=text, lines=text.splitlines())
    try:
        if fast:
            try:
                reader = Builder(shown_as, loaded.lines, problems)
                loaded.data, loaded.table, loaded.root_mark = reader.from_events(FastLoader(text))
                return loaded, problems
            except (Unusual, yaml.YAMLError):  # read again below, the thorough way, which explains any problem
                problems.clear()
        node = yaml.compose(text, Loader=ThoroughLoader)
        if node is None:
            loaded.data = {}
            return loaded, problems
        loaded.root = node
        loaded.data = Builder(shown_as, loaded.lines, problems).build(node)
        # Text behind an alias is built again at each use: say each thing about it once.
        problems[:] = dict.fromkeys(problems)
    except Refused as refused:
        return None, [refused.problem(shown_as, text)]
    except yaml.MarkedYAMLError as error:
        return None, [syntax_problem(shown_as, error, text)]
    except yaml.YAMLError as error:
        return None, [Problem(file=shown_as, line=None, title="The YAML in this file cannot be read",
                              found=f"YAML says: {error}")]
    return loaded, problems
