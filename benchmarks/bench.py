"""Build performance on the repository's own curriculum: prints figures, asserts nothing.

    .venv/bin/python benchmarks/bench.py [--quick]

Works on a copy of the project in a temporary folder (it edits a module and a PO file).
Prints: (1) raw renderer time (WeasyPrint and python-pptx alone on already generated HTML
and slide models), (2) `cara build` from a cold cache for the same targets and the
pipeline's overhead, (3) a no-op rebuild, (4) rebuilds after editing one paragraph and one
PO entry with how many targets were rebuilt, (5) the speed-up of -j 2 over -j 1,
(6) the peak memory of a worker.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COPY = ("curriculum", "tracks", "locales", "partners", "releases", "mkdocs.yml")
WORKSHOP, TRACK, OTHER_TRACK = "workshop-a", "male-intimate", "female-familial"
LOCALES = ("en", "ur", "pa", "pl")
FORMATS = ("manual", "handouts", "slides")


def cara(root: Path, *args: str) -> tuple[float, str]:
    """Run `cara` in a fresh process; returns (seconds, stderr)."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "cara", *args, "--project", str(root)],
                            capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"cara {' '.join(args)} failed:\n{result.stderr}")
    return seconds, result.stderr


def built(stderr: str) -> tuple[int, int]:
    match = re.search(r"built (\d+), skipped (\d+)", stderr)
    return (int(match.group(1)), int(match.group(2))) if match else (0, 0)


def subset_args(locales=LOCALES, formats=FORMATS, tracks=(TRACK, OTHER_TRACK)) -> list[str]:
    args = ["build", "-q", "--workshop", WORKSHOP]
    for track in tracks:
        args += ["--track", track]
    for code in locales:
        args += ["--locale", code]
    for fmt in formats:
        args += ["--format", fmt]
    return args


def raw_renderer_seconds(root: Path, locales=LOCALES, formats=FORMATS) -> float:
    """WeasyPrint and python-pptx alone: HTML and slide models are prepared first."""
    code = f"""
import time, sys
sys.path.insert(0, {str(REPO / 'src')!r})
from pathlib import Path
from cara.project import load_project
from cara.i18n.catalogs import make_translator
from cara.resolve import resolve_workshop
from cara.resolved import Target
from cara.builders import builder_for
from cara.reproducible import ensure_source_date_epoch
root = Path({str(root)!r})
project, _ = load_project(root)
ensure_source_date_epoch(root)
jobs = []
for code in {list(locales)!r}:
    translator = make_translator(project, code)
    for track in ({TRACK!r}, {OTHER_TRACK!r}):
        workshop = resolve_workshop(project, Target({WORKSHOP!r}, track, code), translator)
        for fmt in {list(formats)!r}:
            builder = builder_for(fmt)
            jobs.append((builder, workshop, builder.prepare(workshop)))
import weasyprint, pptx  # imports are not renderer time
total = 0.0
for builder, workshop, prepared in jobs:
    started = time.perf_counter()
    builder.render_prepared(workshop, prepared)
    total += time.perf_counter() - started
print(total)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    return float(out.stdout.strip().splitlines()[-1])


def worker_peak_mb(root: Path, args: list[str]) -> float:
    """Peak resident memory of the largest worker process of a build."""
    code = (f"import resource, subprocess, sys\n"
            f"subprocess.run([sys.executable, '-m', 'cara', *{args!r}, '--project', "
            f"{str(root)!r}], capture_output=True, check=True)\n"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    return int(out.stdout.strip()) / 1024


def edit_paragraph(root: Path) -> str:
    """Edit the first paragraph shown only in women's groups; returns the module path."""
    for module in sorted((root / "curriculum" / WORKSHOP).glob("*.md")):
        lines = module.read_text(encoding="utf-8").splitlines()
        for index, line in enumerate(lines):
            if line.startswith("::: when gender=female") and lines[index + 1][:1].isalpha():
                lines[index + 1] += " (Edited.)"
                module.write_text("\n".join(lines) + "\n", encoding="utf-8")
                return module.name
    raise SystemExit("no women-only paragraph found to edit")


def edit_po_entry(root: Path, code: str) -> None:
    from babel.messages.pofile import read_po, write_po

    path = root / "locales" / code / f"{WORKSHOP}.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if message.id and message.context == "time-out" and message.string:
            message.string = message.string + " "
            break
    with path.open("wb") as handle:
        write_po(handle, catalog, width=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer targets (en and ur)")
    args = parser.parse_args()
    locales = ("en", "ur") if args.quick else LOCALES
    sys.path.insert(0, str(REPO / "src"))
    with tempfile.TemporaryDirectory(prefix="cara-bench-") as tmp:
        root = Path(tmp) / "project"
        root.mkdir()
        for name in COPY:
            source = REPO / name
            if source.is_dir():
                shutil.copytree(source, root / name)
            elif source.exists():
                shutil.copy2(source, root / name)
        os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
        targets = 2 * len(locales) * len(FORMATS)
        print(f"subset: {WORKSHOP} x {TRACK}, {OTHER_TRACK} x {', '.join(locales)} x "
              f"{', '.join(FORMATS)} = {targets} targets, on {os.cpu_count()} cores")
        raw = raw_renderer_seconds(root, locales)
        print(f"1. raw renderers (WeasyPrint + python-pptx only): {raw:.2f} s")
        cold, err = cara(root, *subset_args(locales), "-j", "1")
        print(f"2. cara build -j 1, cold cache: {cold:.2f} s ({built(err)[0]} built); "
              f"overhead {100 * (cold / raw - 1):.1f}% over the raw renderers")
        noop, err = cara(root, *subset_args(locales), "-j", "1")
        print(f"3. no-op rebuild: {noop:.2f} s ({built(err)[1]} skipped), "
              f"{100 * noop / cold:.1f}% of the cold build")
        name = edit_paragraph(root)
        seconds, err = cara(root, *subset_args(locales), "-j", "1")
        print(f"4a. after editing a women-only paragraph of {name}: {seconds:.2f} s, "
              f"{built(err)[0]} of {targets} targets rebuilt (the {OTHER_TRACK} ones)")
        edit_po_entry(root, "ur")
        seconds, err = cara(root, *subset_args(locales), "-j", "1")
        print(f"4b. after editing one PO entry (ur): {seconds:.2f} s, "
              f"{built(err)[0]} of {targets} targets rebuilt")
        wide = subset_args(locales, ("manual", "handouts", "slides"),
                           ("male-intimate", "female-familial", "female-intimate"))
        out1, out2 = Path(tmp) / "j1", Path(tmp) / "j2"
        one, _ = cara(root, *wide, "--out", str(out1), "-j", "1")
        two, _ = cara(root, *wide, "--out", str(out2), "-j", "2")
        print(f"5. -j 1: {one:.2f} s, -j 2: {two:.2f} s, speed-up {one / two:.2f}x "
              f"({len(locales) * 9} targets)")
        shutil.rmtree(out2)
        peak = worker_peak_mb(root, [*wide, "--out", str(out2), "-j", "2"])
        print(f"6. peak memory of a worker: {peak:.0f} MB")


if __name__ == "__main__":
    main()
