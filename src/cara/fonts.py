"""System fonts: the one place that asks fontconfig which files a family has.

Locales name font families (locales.yml); builders and measuring need the files behind
them. Each question is asked once per process.
"""

from __future__ import annotations

import subprocess
from functools import cache
from pathlib import Path


def _fc(*args: str) -> str | None:
    try:
        out = subprocess.run(["fc-" + args[0], *args[1:]], capture_output=True, text=True,
                             timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout if out.returncode == 0 else None


@cache
def font_file(family: str, style: str = "Regular") -> str | None:
    """The file fontconfig gives for a family and style (else its regular or bold file).

    None if the family is not installed (fontconfig would silently substitute another).
    """
    fallback = "Bold" if "Bold" in style else "Regular"
    for wanted in dict.fromkeys((style, fallback, "Regular")):
        out = _fc("match", "-f", "%{file}\n%{family}\n%{style}", f"{family}:style={wanted}")
        if out is None:
            return None
        path, families, styles = (out.split("\n") + ["", ""])[:3]
        if family.casefold() not in {n.strip().casefold() for n in families.split(",")}:
            return None
        if wanted.casefold() in {n.strip().casefold() for n in styles.split(",")}:
            return path.strip()
    return None


@cache
def default_file() -> str | None:
    """What fontconfig substitutes when no listed family has a glyph."""
    out = _fc("match", "-f", "%{file}", "sans-serif")
    return out.strip() or None if out is not None else None


@cache
def upright_faces(family: str) -> tuple[tuple[str, str, int, str], ...]:
    """(file, style, fontconfig weight, PostScript name) of a family's upright faces."""
    out = _fc("list", "-f", "%{file}|%{style[0]}|%{weight}|%{slant}|%{postscriptname}\n",
              f"{family}:slant=0")
    faces = []
    for line in (out or "").splitlines():
        parts = line.split("|")
        if len(parts) == 5 and parts[2].isdigit():
            faces.append((parts[0], parts[1], int(parts[2]), parts[4]))
    return tuple(sorted(faces))


@cache
def installed_families() -> frozenset[str] | None:
    """Every installed family name, casefolded (None if fontconfig cannot be asked)."""
    out = _fc("list", ":", "family")
    if out is None:
        return None
    return frozenset(name.strip().casefold() for line in out.splitlines()
                     for name in line.split(","))


@cache
def fingerprint(families: tuple[str, ...]) -> str:
    """The regular and bold files of each family, with sizes: enough to notice a changed
    system font for cache keys (reading 40 MB of fonts on every build would not pay)."""
    parts = []
    for family in families:
        for style in ("Regular", "Bold"):
            path = font_file(family, style)
            size = Path(path).stat().st_size if path and Path(path).is_file() else 0
            parts.append(f"{family}/{style}={path}:{size}")
    return ";".join(parts)
