"""Run build jobs in parallel worker processes, with progress and a summary."""

from __future__ import annotations

import multiprocessing
import os
import time
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from cara.builders import builder_for
from cara.cache import Manifest, SourceDigests, quick_key, target_key
from cara.diagnostics import UserError
from cara.i18n.catalogs import make_translator
from cara.i18n.lookup import Translator
from cara.progress import Progress
from cara.project import Project
from cara.resolve import resolve_workshop
from cara.targets import Job


@dataclass(frozen=True)
class Result:
    job: Job
    status: str  # built, skipped or failed
    seconds: float
    path: str = ""
    message: str = ""
    fallback: int = 0
    unreviewed: int = 0
    key: str = ""
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Summary:
    results: tuple[Result, ...]
    seconds: float

    @property
    def failed(self) -> list[Result]:
        return [r for r in self.results if r.status == "failed"]

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)


# State of a worker process (set once by `_init`, inherited or rebuilt per process).
_project: Project | None = None
_out: Path | None = None
_translators: dict[str, Translator] = {}
_watermark: Callable[[Job], str | None] | None = None
_manifest: Manifest | None = None


def _init(project: Project, out: Path, watermark: Callable[[Job], str | None] | None,
          manifest: Manifest | None) -> None:
    global _project, _out, _watermark, _manifest
    if project is not _project:
        _translators.clear()
    _project, _out, _watermark, _manifest = project, out, watermark, manifest


def translator(project: Project, code: str) -> Translator:
    if code not in _translators:
        _translators[code] = make_translator(project, code)
    return _translators[code]


def run_job(job: Job) -> Result:
    """Resolve and render one job (in a worker); never raises."""
    assert _project is not None and _out is not None
    started = time.perf_counter()
    try:
        resolved = resolve_workshop(_project, job.target, translator(_project, job.target.locale),
                                    watermark=_watermark(job) if _watermark else None)
        builder = builder_for(job.format)
        path = builder.output_path(_out, job.target)
        key = target_key(builder, resolved)
        status = "skipped"
        if _manifest is None or not _manifest.fresh(path, key):
            builder.build(resolved, path)
            status = "built"
        return Result(job, status, time.perf_counter() - started, str(path), "",
                      resolved.counts.fallback, resolved.counts.unreviewed, key,
                      tuple(str(w) for w in builder.warnings))
    except UserError as exc:
        return Result(job, "failed", time.perf_counter() - started, message=str(exc))
    except Exception as exc:  # an internal error: keep the traceback for the report
        saved = save_traceback()
        return Result(job, "failed", time.perf_counter() - started,
                      message=f"internal error: {exc!r} (traceback: {saved})")


# Rough relative cost of a format when no earlier build measured it.
_FORMAT_COST = {"manual": 10.0, "slides": 4.0, "handouts": 2.0, "markdown": 0.1}


def slowest_first(project: Project, jobs: Sequence[Job], out: Path,
                  manifest: Manifest | None) -> list[Job]:
    """Order jobs by the time each took last time, longest first, so that the slowest
    targets (Nastaliq manuals) do not start last. Unmeasured targets are estimated from
    their format and how tall the locale's lines are (a proxy for costly shaping)."""
    def cost(job: Job) -> float:
        if manifest is not None:
            seconds = manifest.seconds(builder_for(job.format).output_path(out, job.target))
            if seconds is not None:
                return seconds
        locale = project.locales[job.target.locale]
        return _FORMAT_COST.get(job.format, 1.0) * locale.line_height
    return sorted(jobs, key=cost, reverse=True)


def save_traceback() -> str:
    folder = Path(os.environ.get("TMPDIR", "/tmp"))
    path = folder / f"cara-traceback-{os.getpid()}-{int(time.time())}.txt"
    path.write_text(traceback.format_exc(), encoding="utf-8")
    return str(path)


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
        os.cpu_count() or 1)


def run(project: Project, jobs: Sequence[Job], out: Path, workers: int | None = None,
        progress: Progress | None = None,
        watermark: Callable[[Job], str | None] | None = None, use_cache: bool = True
        ) -> Summary:
    """Run every job, slowest first; unchanged targets are skipped; `workers=1` runs in
    this process. The cache manifest is saved after every finished target."""
    started = time.perf_counter()
    progress = progress or Progress(len(jobs), quiet=True)
    workers = max(1, min(workers or default_workers(), len(jobs) or 1))
    manifest = Manifest.load(out) if use_cache else None
    results: list[Result] = []
    quick = _quick_keys(project, jobs, out, watermark) if manifest is not None else {}
    restamped = False

    def record(result: Result) -> None:
        nonlocal restamped
        results.append(result)
        progress.update(result.status, result.job.label, result.seconds, result.message)
        if manifest is not None and result.status == "built":
            manifest.record(Path(result.path), result.key, result.seconds,
                            quick.get(result.job, ""))
            manifest.save()  # after every output: an interrupted build stays consistent
        elif manifest is not None and result.status == "skipped":
            restamped = manifest.restamp(Path(result.path), quick.get(result.job, "")
                                         ) or restamped

    if manifest is not None:  # unchanged sources: skip without resolving anything
        remaining = []
        for job in jobs:
            path = builder_for(job.format).output_path(out, job.target)
            if manifest.quick_fresh(path, quick[job]):
                record(Result(job, "skipped", 0.0, str(path)))
            else:
                remaining.append(job)
        jobs = remaining
    workers = max(1, min(workers, len(jobs) or 1))
    # Load what every worker needs once, here: forked workers inherit it.
    _init(project, out, watermark, manifest)
    for fmt in sorted({job.format for job in jobs}):
        builder_for(fmt)
    for code in sorted({job.target.locale for job in jobs}):
        translator(project, code)
    jobs = slowest_first(project, jobs, out, manifest)

    if workers == 1:
        for job in jobs:
            record(run_job(job))
    else:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            pending: set[Future[Result]] = set()
            queue = list(jobs)
            try:
                # Keep a bounded number in flight so the order of `jobs` (slowest first) holds.
                while queue or pending:
                    while queue and len(pending) < workers * 2:
                        pending.add(pool.submit(run_job, queue.pop(0)))
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for future in done:
                        record(future.result())
            except KeyboardInterrupt:
                for future in pending:
                    future.cancel()
                pool.shutdown(wait=False, cancel_futures=True)
                raise
    if manifest is not None and restamped:
        manifest.save()
    return Summary(tuple(results), time.perf_counter() - started)


def _quick_keys(project: Project, jobs: Sequence[Job], out: Path,
                watermark: Callable[[Job], str | None] | None) -> dict[Job, str]:
    codes = tuple(sorted({job.target.locale for job in jobs}))
    sources = SourceDigests.of(project.root, codes)
    source_fonts = project.locales[project.locales.source].fonts
    return {job: quick_key(builder_for(job.format), job.target,
                           project.locales[job.target.locale].fonts + source_fonts, sources,
                           job.target.locale, watermark(job) if watermark else None)
            for job in jobs}
