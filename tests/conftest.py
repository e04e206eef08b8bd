"""Shared fixtures: tiny projects under tests/roots/, loaded and resolved like a build does."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from cara.diagnostics import Diagnostics
from cara.i18n.catalogs import make_translator
from cara.project import Project, load_project
from cara.resolve import resolve_workshop
from cara.resolved import ResolvedWorkshop, Target

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent

os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")


def load(root: Path) -> tuple[Project, Diagnostics]:
    project, diagnostics = load_project(root)
    assert project is not None, [str(d) for d in diagnostics.items]
    return project, diagnostics


def resolve(project: Project, workshop: str, track: str, locale: str = "en",
            partner: str | None = None) -> ResolvedWorkshop:
    return resolve_workshop(project, Target(workshop, track, locale, partner),
                            make_translator(project, locale))


@pytest.fixture
def root_copy(tmp_path: Path):
    """Copy a test root to a temporary folder, so a test can edit and build it."""

    def copy(name: str) -> Path:
        dest = tmp_path / name
        shutil.copytree(ROOTS / name, dest, ignore=shutil.ignore_patterns("build"))
        return dest

    return copy


@pytest.fixture(scope="session")
def basic() -> Project:
    return load(ROOTS / "basic")[0]
