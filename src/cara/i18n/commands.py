"""The `cara i18n` actions: extract, update, stats."""

from __future__ import annotations

import argparse
import sys

from cara.diagnostics import UserError
from cara.project import Project, load_project


def _locales(project: Project, wanted: list[str] | None) -> list[str] | None:
    """The translated locales asked for; an unknown or source locale is an error."""
    for code in wanted or ():
        if code not in project.locales.targets:
            raise UserError(f"{code!r} is not a translated locale; known: "
                            f"{', '.join(project.locales.targets)}")
    return wanted


def run(args: argparse.Namespace) -> int:
    from cara.cli import load_or_fail

    if args.i18n_command == "extract":
        from cara.i18n.extract import extract

        project, _ = load_or_fail(args.project)
        changed = extract(project)
        print(f"templates: {len(changed)} written" + "".join(f"\n  {c}" for c in changed))
        return 0
    if args.i18n_command == "update":
        from cara.i18n.update import update

        project, _ = load_or_fail(args.project)
        written = update(project, _locales(project, args.locale))
        print(f"catalogs: {len(written)} written" + "".join(f"\n  {w}" for w in written))
        return 0
    from cara.i18n.stats import render_json, render_table, stats

    project, diagnostics = load_project(args.project)
    if project is None:
        for item in diagnostics.sorted():
            print(item, file=sys.stderr)
        return 1
    data = stats(project, _locales(project, args.locale))
    print(render_json(data) if args.format == "json" else render_table(data))
    return 0
