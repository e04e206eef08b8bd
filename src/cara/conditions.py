"""Variant conditions: `gender=female relationship=familial,intimate` and their evaluation."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

_TERM = re.compile(r"^([A-Za-z][\w-]*)=([\w-]+(?:,[\w-]+)*)$")


class ConditionError(ValueError):
    """A condition that cannot be read or names an unknown axis or value."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Condition:
    """All clauses must hold; a clause holds when the axis has one of its values."""

    clauses: tuple[tuple[str, frozenset[str]], ...]

    def holds(self, axes: Mapping[str, str]) -> bool:
        return all(axes.get(axis) in values for axis, values in self.clauses)

    def values_for(self, axis: str) -> frozenset[str] | None:
        """The values this condition allows for `axis`, or None if it does not constrain it."""
        allowed: frozenset[str] | None = None
        for name, values in self.clauses:
            if name == axis:
                allowed = values if allowed is None else allowed & values
        return allowed

    def __and__(self, other: Condition | None) -> Condition:
        return self if other is None else Condition(self.clauses + other.clauses)

    def __str__(self) -> str:
        return " ".join(f"{a}={','.join(sorted(v))}" for a, v in self.clauses)


def parse_condition(text: str, axes: Mapping[str, tuple[str, ...]]) -> Condition:
    """Parse `axis=value[,value] ...`, checking axes and values against the declared ones."""
    words = text.split()
    if not words:
        raise ConditionError("empty condition; write axis=value", "variant.syntax")
    clauses = []
    for word in words:
        match = _TERM.match(word)
        if not match:
            raise ConditionError(
                f"cannot read condition {word!r}; write axis=value", "variant.syntax"
            )
        axis, values = match.group(1), match.group(2).split(",")
        if axis not in axes:
            known = ", ".join(axes) or "none declared"
            raise ConditionError(
                f"unknown axis {axis!r} (known: {known}); declare it in tracks/axes.yml",
                "variant.unknown-axis",
            )
        for value in values:
            if value not in axes[axis]:
                raise ConditionError(
                    f"unknown value {value!r} for axis {axis!r} "
                    f"(known: {', '.join(axes[axis])})",
                    "variant.unknown-value",
                )
        clauses.append((axis, frozenset(values)))
    return Condition(tuple(clauses))


def combine(outer: Condition | None, inner: Condition | None) -> Condition | None:
    if outer is None:
        return inner
    return outer & inner
