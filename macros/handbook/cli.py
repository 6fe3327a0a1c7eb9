"""The `handbook` command: check the data, and build the site without ever half-publishing it."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

from .errors import format_report, plural
from .github import report as github_report
from .github import running_in_github_actions
from .output import OutputError, describe, publish, site_folder
from .reviews import ReviewStatus
from .site import data_dir_for
from .validate import check

# Tells the build's macros module that this command has already printed the data's warnings.
CHECKED_ENV = "HANDBOOK_ALREADY_CHECKED"


def run_check(project: Path, data_dir: Path | None = None, quiet: bool = False, strict_review: bool = False) -> int:
    data_dir = data_dir or data_dir_for(project)
    started = time.perf_counter()
    handbook, problems = check(data_dir, base=project, strict_review=strict_review)
    elapsed_ms = (time.perf_counter() - started) * 1000
    if problems.items:
        print(format_report(problems.errors, problems.warnings), file=sys.stderr)
    if running_in_github_actions():
        github_report(problems.errors, problems.warnings)
    if handbook is None:
        return 1
    if not quiet:
        index = handbook.index
        print(
            f"The handbook data is valid: {plural(len(handbook.files), 'file')}, "
            f"{plural(len(index.items), 'item')}, {plural(len(index.statements), 'framework statement')} "
            f"({len(index.statements) - len(index.gaps())} evidenced), checked in {elapsed_ms:.0f} ms."
        )
    return 0


def run_build(project: Path, config: Path, site_dir: Path | None, strict_review: bool = False) -> int:
    """Check, then build into a staging folder and swap it in only when the build succeeds.

    The site folder is checked first, so a folder that must not be replaced is refused before
    anything is read or written; the publishing itself (lock, recovery, swap) is in output.py.
    """
    try:
        site = site_folder(project, config, site_dir, data_dir_for(project))
    except OutputError as error:
        print(f"handbook build: {error}", file=sys.stderr)
        return 1
    status = run_check(project, strict_review=strict_review)
    if status:
        return status
    shown = describe(site, project)
    try:
        returncode = publish(site, lambda staging: _mkdocs_build(project, config, staging))
    except OutputError as error:
        print(f"handbook build: {error}\nThe site was not built; {shown}/ is unchanged.", file=sys.stderr)
        return 1
    if returncode:
        print(f"The site was not built (mkdocs exited with {returncode}); {shown}/ is unchanged.", file=sys.stderr)
        return returncode
    print(f"The handbook is built in {shown}/.")
    return 0


def _mkdocs_build(project: Path, config: Path, site_dir: Path) -> int:
    """`mkdocs build --strict` in this process, as if run in `project`; its exit status.

    In this process pydantic, the data models and the handbook library are imported already: a
    second Python process would import them again, about half a second of the sample's build.
    """
    import click
    from mkdocs.__main__ import cli

    previous_dir, previous_checked = Path.cwd(), os.environ.get(CHECKED_ENV)
    os.chdir(project)
    os.environ[CHECKED_ENV] = "1"
    try:
        cli.main(["build", "--strict", "--config-file", str(config), "--site-dir", str(site_dir)],
                 prog_name="mkdocs", standalone_mode=False)
        return 0
    except click.ClickException as error:  # MkDocs' Abort (e.g. warnings in strict mode), a bad config
        error.show()
        return error.exit_code or 1
    except click.exceptions.Exit as error:
        return error.exit_code
    finally:
        os.chdir(previous_dir)
        if previous_checked is None:
            os.environ.pop(CHECKED_ENV, None)
        else:
            os.environ[CHECKED_ENV] = previous_checked


def run_schema(project: Path, check_only: bool) -> int:
    """Write (or with --check, verify) the JSON Schemas and each data file's schema line."""
    from .jsonschema import schema_line, stale_or_missing, write_schemas

    data_dir = data_dir_for(project)
    files = sorted(p for p in data_dir.rglob("*.y*ml") if p.is_file())
    missing_line = []
    for path in files:
        line = schema_line(path, project, data_dir)
        text = path.read_text(encoding="utf-8")
        if not text.startswith(line + "\n"):
            missing_line.append(path)
            if not check_only:
                lines = text.splitlines(keepends=True)
                if lines and lines[0].startswith("# yaml-language-server:"):
                    lines = lines[1:]
                path.write_text(line + "\n" + "".join(lines), encoding="utf-8")
    if check_only:
        stale = stale_or_missing(project, data_dir)
        for name in stale:
            print(f"schema/{name} is out of date with the data models or the frameworks.", file=sys.stderr)
        for path in missing_line:
            print(f"{path.relative_to(project)} does not start with its line "
                  f"`{schema_line(path, project, data_dir)}`.", file=sys.stderr)
        if stale or missing_line:
            print("Run `handbook schema` (or `make schema`) and commit the result.", file=sys.stderr)
            return 1
        print(f"The schemas in schema/ are up to date, and all {len(files)} data files point to them.")
        return 0
    written = write_schemas(project, data_dir)
    print(f"Wrote {len(written)} schema file(s) in schema/; added the schema line to {len(missing_line)} data file(s).")
    return 0


def run_diff(project: Path, base: str, head: str | None) -> int:
    from .diff import DiffError, diff

    try:
        print(diff(project, base, head))
    except DiffError as error:
        print(f"Cannot compare: {error}", file=sys.stderr)
        return 1
    return 0


def run_new(project: Path, folder: Path, name: str, short_name: str | None, with_example: bool) -> int:
    from .new import NewProjectError, create

    try:
        created = create(project, folder, name, short_name, with_example)
    except NewProjectError as error:
        print(f"Nothing was created: {error}", file=sys.stderr)
        return 1
    where = created.folder
    print(f"Created a handbook for {name} in {where}.")
    if created.problems:
        print(f"Its data has {plural(created.problems, 'problem')}: run `make check` there.", file=sys.stderr)
        return 1
    if created.prompts:
        print(f"{plural(created.prompts, 'prompt')} (“To do: ...”) are waiting for your own words; "
              "`make check` lists them.")
    print(f"Next:\n  cd {where}\n  git init && git add -A && git commit -m \"Start the handbook\"\n"
          "  make build      # or: make serve, to preview as you write")
    return 0


def run_reviews(project: Path, by_owner: Path | None) -> int:
    """List every review by due date; with --by-owner, write each owner's overdue list to a folder."""
    from .render.text import day
    from .reviews import by_due_date

    handbook, problems = check(data_dir_for(project), base=project)
    if handbook is None:
        print(format_report(problems.errors), file=sys.stderr)
        return 1
    statuses = by_due_date(handbook.reviews)
    for status in statuses:
        state = f"OVERDUE by {status.days_overdue} days" if status.overdue else "up to date"
        print(f"{day(status.next_due):>18}  {state:<22} {status.owner}: {status.title}")
    if by_owner is not None:
        by_owner.mkdir(parents=True, exist_ok=True)
        owners: dict[str, list[ReviewStatus]] = {}
        for status in statuses:
            if status.overdue:
                owners.setdefault(status.owner, []).append(status)
        index = []
        for owner, overdue in owners.items():
            slug = re.sub(r"[^a-z0-9]+", "-", owner.lower()).strip("-")
            lines = [f"The following parts of the handbook owned by the **{owner}** are overdue for review "
                     f"(as of {day(handbook.today)}):", ""]
            lines += [f"- [ ] **{s.title}** ({s.kind}): due {day(s.next_due)}, last reviewed "
                      f"{day(s.last_reviewed)}, every {s.every}. Source: `{s.file}`" for s in overdue]
            lines += ["", "When a review is done, update `last_reviewed` in the file and close this issue. "
                      "This issue is updated every week by the review-reminders workflow."]
            (by_owner / f"{slug}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
            index.append({"owner": owner, "file": f"{slug}.md", "overdue": len(overdue),
                          "title": f"Handbook review overdue: {owner}"})
        (by_owner / "owners.json").write_text(json.dumps(index, indent=2) + "\n", encoding="utf-8")
        print(f"Wrote the overdue reviews of {plural(len(index), 'owner')} to {by_owner}.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="handbook",
        description="Check and build a practice-model handbook from the YAML in data/.",
    )
    parser.add_argument("--project", type=Path, default=Path.cwd(),
                        help="the folder holding mkdocs.yml and data/ (default: the current folder)")
    parser.add_argument("--today", default=None, metavar="YYYY-MM-DD",
                        help="the date reviews are judged against (default: HANDBOOK_TODAY, else today)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="command")

    check_parser = commands.add_parser("check", help="check the data and list every problem found")
    check_parser.add_argument("--data", type=Path, default=None,
                              help="the data folder (default: data/ in the project)")
    check_parser.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    check_parser.add_argument("--strict-review", action="store_true", help="make overdue reviews errors")

    build_parser = commands.add_parser("build", help="check the data, then build the site with mkdocs --strict")
    build_parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    build_parser.add_argument("--site-dir", type=Path, default=None,
                              help="where to publish the site, relative to the project "
                                   "(default: site_dir in mkdocs.yml, else site/)")
    build_parser.add_argument("--strict-review", action="store_true", help="fail when a review is overdue")

    reviews_parser = commands.add_parser("reviews", help="list every review by due date, overdue first")
    reviews_parser.add_argument("--by-owner", type=Path, default=None, metavar="FOLDER",
                                help="also write each owner's overdue reviews to FOLDER (for the reminders workflow)")

    schema_parser = commands.add_parser(
        "schema", help="write the JSON Schemas editors use (schema/) and point each data file at its schema")
    schema_parser.add_argument("--check", action="store_true", help="only report what is out of date")

    diff_parser = commands.add_parser(
        "diff", help="list what changed in the handbook between two git versions (items added, removed, changed)")
    diff_parser.add_argument("base", help="the earlier version: a branch, tag or commit, e.g. main")
    diff_parser.add_argument("head", nargs="?", default=None,
                             help="the later version (default: the files as they are now)")

    new_parser = commands.add_parser(
        "new", help="create a ready repository for another authority, with prompts to fill in")
    new_parser.add_argument("folder", type=Path, help="where to create it (a new or empty folder)")
    new_parser.add_argument("--name", required=True, help='the authority\'s name, e.g. "Testford Borough Council"')
    new_parser.add_argument("--short-name", default=None, help="the short name (default: worked out from --name)")
    new_parser.add_argument("--with-example", action="store_true",
                            help="start from the worked example, renamed, instead of prompts")

    args = parser.parse_args(argv)
    project: Path = args.project.resolve()
    from .reviews import TODAY_ENV, TodayError, today

    try:
        today(args.today)
    except TodayError as error:
        parser.error(f"{'--today' if args.today else TODAY_ENV}: {error}")
    if args.today:
        os.environ[TODAY_ENV] = args.today  # the build's own process reads it too
    try:
        return _dispatch(args, project, parser)
    except BrokenPipeError:  # e.g. `handbook reviews | head`: the reader stopped listening
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _dispatch(args: argparse.Namespace, project: Path, parser: argparse.ArgumentParser) -> int:
    if args.command == "check":
        return run_check(project, args.data.resolve() if args.data else None, args.quiet, args.strict_review)
    if args.command == "build":
        config = args.config_file if args.config_file.is_absolute() else project / args.config_file
        return run_build(project, config, args.site_dir, args.strict_review)
    if args.command == "reviews":
        return run_reviews(project, args.by_owner.resolve() if args.by_owner else None)
    if args.command == "new":
        return run_new(project, args.folder.resolve(), args.name, args.short_name, args.with_example)
    if args.command == "diff":
        return run_diff(project, args.base, args.head)
    if args.command == "schema":
        return run_schema(project, args.check)
    parser.error(f"unknown command {args.command}")
    return 2


if __name__ == "__main__":
    sys.exit(main())
