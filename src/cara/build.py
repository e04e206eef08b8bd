"""`cara build`: plan the matrix, run it in parallel, report what fell back to the source."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from cara.progress import Progress
from cara.project import Project
from cara.reproducible import ensure_source_date_epoch
from cara.runner import Summary, run
from cara.targets import plan

# What `cara build` makes when no --format is given (handouts-large only on request).
DOCUMENT_FORMATS = ("manual", "handouts", "slides", "markdown")
SITE = "site"


def build(project: Project, out: Path, workshops: Sequence[str] | None = None,
          tracks: Sequence[str] | None = None, locales: Sequence[str] | None = None,
          formats: Sequence[str] | None = None, partner: str | None = None,
          workers: int | None = None, quiet: bool = False) -> Summary:
    ensure_source_date_epoch(project.root)
    wanted = list(formats or (*DOCUMENT_FORMATS, SITE))
    site = SITE in wanted
    documents = [f for f in wanted if f != SITE]
    jobs = plan(project, workshops, tracks, locales, documents, partner,
                default_formats=DOCUMENT_FORMATS) if documents else []
    progress = Progress(len(jobs), quiet=quiet)
    summary = run(project, jobs, out, workers, progress)
    progress.close(summary.seconds)
    fallback = {}
    for result in summary.results:
        if result.fallback:
            code = result.job.target.locale
            fallback[code] = max(fallback.get(code, 0), result.fallback)
    if fallback:
        worst = ", ".join(f"{code}: {n}" for code, n in sorted(fallback.items()))
        print(f"untranslated or fuzzy segments shown in {project.locales.source} "
              f"(most in one document): {worst}", file=sys.stderr)
    for warning in dict.fromkeys(w for r in summary.results for w in r.warnings):
        print(warning, file=sys.stderr)
    for result in summary.failed:
        print(f"failed: {result.job.label}: {result.message}", file=sys.stderr)
    if site:
        from cara.site.build import build_site

        if build_site(project, out):
            print(f"site: built every language into {out / 'site'}", file=sys.stderr)
        else:
            print("site: unchanged, skipped", file=sys.stderr)
    return summary
