"""Problems found in user input, each with a location and a code, printed like a compiler."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """A place in the project: a path relative to the project root and a 1-based line."""

    path: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True)
class Diagnostic:
    location: Location
    severity: Severity
    message: str
    code: str

    def __str__(self) -> str:
        return f"{self.location}: {self.severity.value}: {self.message} [{self.code}]"

    def sort_key(self) -> tuple:
        return (self.location.path, self.location.line, self.code, self.message)


@dataclass
class Diagnostics:
    """Collects every problem, so that a user sees all of them at once."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, location: Location, message: str, code: str) -> None:
        self.items.append(Diagnostic(location, Severity.ERROR, message, code))

    def warning(self, location: Location, message: str, code: str) -> None:
        self.items.append(Diagnostic(location, Severity.WARNING, message, code))

    def extend(self, other: Iterable[Diagnostic]) -> None:
        self.items.extend(other)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.ERROR]

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.items)

    def sorted(self) -> list[Diagnostic]:
        return sorted(dict.fromkeys(self.items), key=Diagnostic.sort_key)


class UserError(Exception):
    """Bad input: reported as diagnostics, never as a traceback."""

    def __init__(self, diagnostics: list[Diagnostic] | Diagnostic | str):
        if isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        self.diagnostics: list[Diagnostic] = [] if isinstance(diagnostics, str) else diagnostics
        self.text = diagnostics if isinstance(diagnostics, str) else ""
        super().__init__(self.text or "\n".join(str(d) for d in self.diagnostics))


def fail(location: Location, message: str, code: str) -> UserError:
    """A single-error UserError, to raise where going on makes no sense."""
    return UserError(Diagnostic(location, Severity.ERROR, message, code))
