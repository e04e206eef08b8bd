"""The `cara i18n` actions: extract, update, stats."""

from __future__ import annotations

import argparse
import sys

from cara.project import load_project


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
        written = update(project, args.locale)
        print(f"catalogs: {len(written)} written" + "".join(f"\n  {w}" for w in written))
        return 0
    from cara.i18n.stats import render_json, render_table, stats

    project, diagnostics = load_project(args.project)
    if project is None:
        for item in diagnostics.sorted():
            print(item, file=sys.stderr)
        return 1
    data = stats(project, args.locale)
    print(render_json(data) if args.format == "json" else render_table(data))
    return 0
