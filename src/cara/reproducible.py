"""The build date every output embeds: SOURCE_DATE_EPOCH, else the last commit's time."""

from __future__ import annotations

import os
import subprocess
from functools import cache
from pathlib import Path


@cache
def build_epoch(root: Path) -> int:
    """Seconds since 1970 for dates inside outputs; same input, same bytes."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value.isdigit():
        return int(value)
    try:
        out = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"],
                             capture_output=True, text=True, timeout=10, check=False)
        if out.returncode == 0 and out.stdout.strip().isdigit():
            return int(out.stdout.strip())
    except (OSError, subprocess.SubprocessError):
        pass
    return 315532800  # 1980-01-01, the earliest date a zip file can hold


def ensure_source_date_epoch(root: Path) -> int:
    """Set SOURCE_DATE_EPOCH for libraries that read it (WeasyPrint's font timestamps)."""
    epoch = build_epoch(root)
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    return epoch
