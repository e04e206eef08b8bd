"""Progress of a long build: a bar on a terminal, plain lines otherwise, a summary at the end."""

from __future__ import annotations

import sys
from collections import Counter
from typing import TextIO

from tqdm import tqdm


class Progress:
    def __init__(self, total: int, stream: TextIO | None = None, quiet: bool = False):
        self.stream = stream or sys.stderr
        self.total = total
        self.counts: Counter[str] = Counter()
        self.quiet = quiet
        self.bar = None
        if not quiet and self.stream.isatty():
            self.bar = tqdm(total=total, file=self.stream, unit="doc", dynamic_ncols=True,
                            bar_format="{l_bar}{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}]"
                            "{postfix}")

    def update(self, status: str, label: str, seconds: float, message: str = "") -> None:
        self.counts[status] += 1
        if self.bar is not None:
            self.bar.set_postfix_str(self._counts(), refresh=False)
            self.bar.update(1)
            if status == "failed":
                self.bar.write(f"failed: {label}: {message}")
        elif not self.quiet or status == "failed":
            done = sum(self.counts.values())
            extra = f": {message}" if message else ""
            print(f"[{done}/{self.total}] {status} {label} ({seconds:.1f}s){extra}",
                  file=self.stream, flush=True)

    def _counts(self) -> str:
        return (f"built {self.counts['built']}, skipped {self.counts['skipped']}, "
                f"failed {self.counts['failed']}")

    def close(self, seconds: float) -> str:
        if self.bar is not None:
            self.bar.close()
        line = f"{self._counts()} of {self.total} in {seconds:.1f}s"
        print(line, file=self.stream, flush=True)
        return line
