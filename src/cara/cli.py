"""The `cara` command line: parses arguments and calls one function per command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from cara import __version__
from cara.diagnostics import Diagnostics, UserError
from cara.project import Project, load_project

Command = Callable[[argparse.Namespace], int]


def _project_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--project", type=Path, default=Path.cwd(), metavar="DIR",
                        help="project folder (default: the current folder)")


def load_or_fail(root: Path, strict: bool = True) -> tuple[Project, Diagnostics]:
    """Load and check a project; with `strict`, errors stop here (all of them printed)."""
    from cara.checks import run_checks

    project, diagnostics = load_project(root)
    if project is not None:
        run_checks(project, diagnostics)
    if project is None or (strict and diagnostics.has_errors):
        raise UserError(diagnostics.sorted())
    return project, diagnostics


def cmd_check(args: argparse.Namespace) -> int:
    from cara.checks import run_checks
    from cara.i18n.qa import check_translations

    project, diagnostics = load_project(args.project)
    if project is not None:
        run_checks(project, diagnostics)
        check_translations(project, diagnostics)
    items = diagnostics.sorted()
    for item in items:
        print(item)
    errors = sum(1 for d in items if d.severity.value == "error")
    warnings = len(items) - errors
    print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if errors else 0


def cmd_build(args: argparse.Namespace) -> int:
    from cara.build import build

    project, diagnostics = load_or_fail(args.project)
    for item in diagnostics.sorted():
        print(item, file=sys.stderr)
    summary = build(project, out=args.out or project.root / "build",
                    workshops=args.workshop, tracks=args.track, locales=args.locale,
                    formats=args.format, partner=args.partner, workers=args.jobs,
                    quiet=args.quiet)
    return 1 if summary.failed else 0


def cmd_show(args: argparse.Namespace) -> int:
    from cara.show import show_module

    project, _ = load_or_fail(args.project)
    print(show_module(project, args.module, args.track, args.locale, args.partner), end="")
    return 0


def _i18n(args: argparse.Namespace) -> int:
    from cara.i18n import commands

    return commands.run(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cara", description="Build a multilingual curriculum: manuals, handouts, slides, "
        "site and partner packs, from Markdown authored once.")
    parser.add_argument("--version", action="version", version=f"cara {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("check", help="validate content, tracks, locales and translations")
    _project_arg(p)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("build", help="build outputs for the workshop x track x locale matrix")
    _project_arg(p)
    p.add_argument("--out", type=Path, help="output folder (default: PROJECT/build)")
    p.add_argument("--workshop", action="append", help="only this workshop (repeatable)")
    p.add_argument("--track", action="append", help="only this track (repeatable)")
    p.add_argument("--locale", action="append", help="only this locale (repeatable)")
    p.add_argument("--format", action="append", help="output format (repeatable; default: "
                   "every document format)")
    p.add_argument("--partner", help="build with this partner's branding and services")
    p.add_argument("-j", "--jobs", type=int, help="worker processes (default: all cores)")
    p.add_argument("-q", "--quiet", action="store_true", help="print only failures and the "
                   "summary")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("show", help="print one module resolved for a track and locale")
    _project_arg(p)
    p.add_argument("--track", required=True)
    p.add_argument("--locale")
    p.add_argument("--partner")
    p.add_argument("module", help="module file path or module id")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("i18n", help="translation catalogs: extract, update, stats")
    i18n = p.add_subparsers(dest="i18n_command", required=True, metavar="ACTION")
    q = i18n.add_parser("extract", help="write POT templates under locales/templates/")
    _project_arg(q)
    q = i18n.add_parser("update", help="create or update PO catalogs from the templates")
    _project_arg(q)
    q.add_argument("--locale", action="append", help="only this locale (repeatable)")
    q = i18n.add_parser("stats", help="translation progress per locale and module")
    _project_arg(q)
    q.add_argument("--locale", action="append", help="only this locale (repeatable)")
    q.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=_i18n)

    from cara.release.commands import add_parsers

    add_parsers(sub, _project_arg)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except UserError as exc:
        if exc.diagnostics:
            for item in exc.diagnostics:
                print(item, file=sys.stderr)
            errors = sum(1 for d in exc.diagnostics if d.severity.value == "error")
            print(f"{errors} error(s); nothing was built", file=sys.stderr)
        else:
            print(f"cara: error: {exc.text}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("cara: interrupted; finished outputs are complete, nothing is half-written",
              file=sys.stderr)
        return 130
    except Exception as exc:  # not the user's fault: one line and a saved traceback
        from cara.runner import save_traceback

        path = save_traceback()
        print(f"cara: internal error: {exc!r}; traceback saved to {path}", file=sys.stderr)
        return 2
