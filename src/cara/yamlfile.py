"""YAML loading that remembers the line of every key and item, for file:line errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from cara.diagnostics import Location, fail


class LineDict(dict):
    """A mapping that knows the 1-based line of each of its keys."""

    line: int = 0
    lines: dict[Any, int]


class LineList(list):
    """A sequence that knows the 1-based line of each of its items."""

    line: int = 0
    lines: list[int]


class _Loader(yaml.SafeLoader):
    pass


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result.lines:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = key_node.start_mark.line + 1
    return result


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def loads(text: str, path: str, first_line: int = 1) -> Any:
    """Parse YAML text; `first_line` is the file line of the text's first line."""
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + first_line if mark is not None else first_line
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise fail(
            Location(path, line), f"invalid YAML: {problem}; fix the syntax", "yaml.syntax"
        ) from None
    if first_line != 1:
        _shift(data, first_line - 1)
    return data


def _shift(data: Any, offset: int) -> None:
    if isinstance(data, LineDict):
        data.line += offset
        data.lines = {k: v + offset for k, v in data.lines.items()}
        for value in data.values():
            _shift(value, offset)
    elif isinstance(data, LineList):
        data.line += offset
        data.lines = [v + offset for v in data.lines]
        for value in data:
            _shift(value, offset)


def load(root: Path, rel: str) -> Any:
    """Load `root/rel`; errors name `rel`."""
    path = root / rel
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise fail(Location(rel), "file not found; create it", "file.missing") from None
    except UnicodeDecodeError:
        raise fail(Location(rel), "not valid UTF-8; save it as UTF-8", "file.encoding") from None
    return loads(text, rel)


def line_of(container: Any, key: Any = None) -> int:
    """The line of `key` in a LineDict/LineList, or of the container itself."""
    if key is not None:
        if isinstance(container, LineDict) and key in container.lines:
            return container.lines[key]
        if isinstance(container, LineList) and isinstance(key, int) and key < len(container):
            return container.lines[key]
    return getattr(container, "line", 0)


__all__ = ["Fields", "LineDict", "LineList", "load", "line_of", "loads"]


class Fields:
    """Typed access to a YAML mapping's fields; problems go to diagnostics with their line."""

    def __init__(self, data: Any, path: str, diagnostics: Any, what: str):
        self.path = path
        self.diagnostics = diagnostics
        self.what = what
        if isinstance(data, dict):
            self.data = data
        else:
            self.data = {}
            diagnostics.error(Location(path, line_of(data) or 1),
                              f"{what} must be a mapping of keys to values", "yaml.type")

    def loc(self, key: str | None = None) -> Location:
        return Location(self.path, line_of(self.data, key) or line_of(self.data) or 1)

    def has(self, key: str) -> bool:
        return key in self.data

    def raw(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def _bad(self, key: str, expected: str) -> None:
        self.diagnostics.error(self.loc(key), f"{self.what}: '{key}' must be {expected}",
                               "yaml.type")

    def _missing(self, key: str) -> None:
        self.diagnostics.error(self.loc(), f"{self.what}: '{key}' is missing; add it",
                               "yaml.missing")

    def str(self, key: str, default: str | None = None, required: bool = True) -> str | None:
        if key not in self.data:
            if required and default is None:
                self._missing(key)
            return default
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self._bad(key, "a text")
            return default
        return str(value).strip()

    def int(self, key: str, default: int | None = None, required: bool = True) -> int | None:
        if key not in self.data:
            if required and default is None:
                self._missing(key)
            return default
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self._bad(key, "a whole number")
            return default
        return value

    def bool(self, key: str, default: bool = False) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            self._bad(key, "true or false")
            return default
        return value

    def strs(self, key: str, required: bool = False) -> list[tuple[str, int]]:
        """A list of texts, each with its line."""
        if key not in self.data:
            if required:
                self._missing(key)
            return []
        value = self.data[key]
        if not isinstance(value, list) or not all(
            isinstance(v, str | int) and not isinstance(v, bool) for v in value
        ):
            self._bad(key, "a list of texts")
            return []
        return [(str(v).strip(), line_of(value, i) or line_of(self.data, key))
                for i, v in enumerate(value)]

    def unknown(self, known: tuple[str, ...]) -> None:
        for key in self.data:
            if key not in known:
                self.diagnostics.warning(
                    self.loc(key), f"{self.what}: unknown key {key!r} (known: "
                    f"{', '.join(known)})", "yaml.unknown-key")
