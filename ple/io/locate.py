"""Lines and columns for a few key paths, without parsing a whole file with marks.

The loader reports problems by key path (``steps[417].next[0].handoff``) and turns the
path into a line only when there is a problem. Parsing a whole journey file with marks
costs more than loading it, and real workspaces carry warnings in many files, so the
path is found by its indentation instead: in block-style YAML the 418th item of
``steps`` is the 418th line indented like the first item that starts with ``- ``. The
search narrows a path down to the lines of the innermost entry or item it can find
this way, and only those lines are parsed with marks.

The narrowing is checked, never trusted: the lines found must parse, on their own, to
exactly the value the whole file holds at that path. When they do not (flow style,
text that spans lines in an unusual way, aliases to anchors elsewhere, JSON), the
whole file is parsed with marks, as before.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import accumulate
from operator import add
from typing import Any

from ple.errors import KeyPath
from ple.io.parse import ParseFailure, Positions, may_hold_tags, parse_located

MANY = 1_000
"""Most problems placed on lines in one file (the first ones reported). Each costs a
fraction of a millisecond; a file with 20,000 problems is read from the top anyway."""

WHOLE_FILE_MOST = 8 * 2**20
"""Largest text parsed whole with marks when the quick search cannot place a path (JSON,
flow style): PyYAML's composer takes about two seconds a megabyte. In a larger file such
problems keep their field path and go without a line."""


def positions_of(
    text: str, suffix: str, paths: Iterable[KeyPath], value: Any = None, *, parsed: bool = False
) -> Positions:
    """Positions of ``paths`` (and of as many of their parents as are on the way) in
    ``text``, a file the fast parser accepts. Raises :class:`ParseFailure` only when
    the file itself cannot be parsed.

    ``value`` is the file's parsed value when the caller has it (``parsed=True``); the
    lines found for a path must then parse to exactly the value there. Without it,
    the lines must parse on their own to one entry with the key looked for, or one
    item. That suffices because the fast parser, which judges whether a file is
    well-formed, refuses text that continues a quoted value or a bracketed list on a
    line indented no deeper than the block around it: in a file it accepts, a line
    indented like an item that starts with ``- `` is an item.
    """
    wanted = list(dict.fromkeys(paths))[:MANY]
    if not wanted:
        return {}
    if suffix.lower() == ".json" or (not parsed and may_hold_tags(text)):
        return _whole(text, suffix)  # JSON, or judged by the located parser alone
    outline = _Outline(text, value if parsed else _MISSING)
    found: Positions = {}
    for path in wanted:
        located = outline.locate(path)
        if located is None:
            return _whole(text, suffix)
        found.update(located)
    return found


def _whole(text: str, suffix: str) -> Positions:
    if len(text) > WHOLE_FILE_MOST:
        return {}
    return parse_located(text, suffix)[1]


_MISSING = object()


def _value_at(value: Any, path: KeyPath) -> Any:
    for part in path:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return _MISSING
    return value


@dataclass(frozen=True)
class _Node:
    """A block node: its text starts on line ``first`` at column ``column`` and its
    lines end before ``end`` (0-based line numbers)."""

    first: int
    column: int
    end: int


@dataclass(frozen=True)
class _Region:
    """The lines of one mapping entry or sequence item, cut at ``column``."""

    first: int
    end: int
    column: int
    depth: int
    """How many components of the path the region stands for."""
    key: str | None
    """The entry's key, or None for a sequence item."""


@dataclass
class _Outline:
    """The file's lines, and the entries and items of the block nodes searched so far."""

    text: str
    value: Any
    """The file's parsed value, or ``_MISSING`` when the caller did not have it."""
    lines: list[str] = field(init=False)
    starts: list[int] = field(init=False)
    """Offset in ``text`` where each line starts."""
    items: dict[_Node, list[int]] = field(default_factory=dict)
    entries: dict[_Node, tuple[list[tuple[int, str]], int]] = field(default_factory=dict)
    parsed: dict[tuple[int, int, int], tuple[Any, Positions] | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.lines = self.text.split("\n")
        lengths = accumulate(map(len, self.lines), initial=0)  # without the line feeds
        self.starts = list(map(add, lengths, range(len(self.lines))))

    def locate(self, path: KeyPath) -> Positions | None:
        """Positions along ``path``, or None when the narrowing cannot be checked."""
        region = self._narrow(path)
        if region is None:
            return None
        read = self._parse(region)
        if read is None:
            return None
        region_value, positions = read
        if self.value is not _MISSING:
            expected = _value_at(self.value, path[: region.depth])
            wrapped = {region.key: expected} if region.key is not None else [expected]
            if expected is _MISSING or region_value != wrapped:
                return None
        elif region.key is not None:
            if not (isinstance(region_value, dict) and list(region_value) == [region.key]):
                return None
        elif not (isinstance(region_value, list) and len(region_value) == 1):
            return None
        head = path[: region.depth - 1]
        last = region.key if region.key is not None else path[region.depth - 1]
        found: Positions = {}
        for inner, (line, column) in positions.items():
            if inner:
                found[(*head, last, *inner[1:])] = (line + region.first, column + region.column)
        return found

    def _parse(self, region: _Region) -> tuple[Any, Positions] | None:
        key = (region.first, region.end, region.column)
        if key not in self.parsed:
            lines = self.lines[region.first : region.end]
            cut = [lines[0][region.column :]]
            cut += [line[min(region.column, _indent(line)) :] for line in lines[1:]]
            try:
                self.parsed[key] = parse_located("\n".join(cut), ".yaml")
            except ParseFailure:
                self.parsed[key] = None
        return self.parsed[key]

    def _narrow(self, path: KeyPath) -> _Region | None:
        """The innermost entry or item on ``path`` that indentation alone can find."""
        node = self._root()
        region = None
        for depth, part in enumerate(path, start=1):
            if node is None:
                break
            if isinstance(part, int) and not isinstance(part, bool):
                found = self._item(node, part)
                if found is None:
                    break
                first, end = found
                region = _Region(first, end, node.column, depth, None)
                node = self._content(first, node.column + 1, end)
            elif isinstance(part, str):
                entry = self._entry(node, part)
                if entry is None:
                    break
                first, end, after = entry
                region = _Region(first, end, node.column, depth, part)
                node = self._content(first, after, end)
            else:
                break
        return region

    def _root(self) -> _Node | None:
        for number, line in enumerate(self.lines):
            stripped = line.strip()
            if not stripped or stripped.startswith(("#", "%")):
                continue
            if stripped == "---" or stripped.startswith("--- #"):
                continue
            if stripped.startswith(("---", "...", "{", "[")):
                return None
            return _Node(number, _indent(line), len(self.lines))
        return None

    def _content(self, line: int, column: int, end: int) -> _Node | None:
        """The block node that starts at ``column`` of ``line`` (after ``- `` or
        ``key:``), or on the next line that holds something; None for a value written
        on the line itself (a scalar, a flow collection, a block scalar)."""
        rest = self.lines[line][column:]
        stripped = rest.lstrip(" ")
        if stripped and not stripped.startswith("#"):
            if _is_item(stripped, 0) or _KEY.match(stripped):
                return _Node(line, column + len(rest) - len(stripped), end)
            return None
        for number in range(line + 1, end):
            text = self.lines[number].strip()
            if text and not text.startswith("#"):
                return _Node(number, _indent(self.lines[number]), end)
        return None

    def _at_column(self, node: _Node, pattern: re.Pattern[str]) -> list[int]:
        """Lines after the node's first whose text at the node's column matches, found
        with one search over the node's part of the text."""
        if node.first + 1 >= node.end:
            return []
        # The patterns start with the line feed before a line: a search for a plain
        # character first is many times faster than trying ``^`` at every position.
        begin, stop = self.starts[node.first + 1] - 1, self._offset(node.end)
        return [
            bisect_right(self.starts, found.start() + 1) - 1
            for found in pattern.finditer(self.text, begin, stop)
        ]

    def _offset(self, line: int) -> int:
        return self.starts[line] if line < len(self.starts) else len(self.text)

    def _item(self, node: _Node, index: int) -> tuple[int, int] | None:
        """The lines of item ``index`` of the block sequence at ``node``."""
        if node not in self.items:
            starts = []
            if _is_item(self.lines[node.first], node.column):
                pattern = re.compile(rf"\n {{{node.column}}}-(?=[ \t\r\n]|\Z)")
                starts = [node.first, *self._at_column(node, pattern)]
            self.items[node] = starts
        starts = self.items[node]
        if index >= len(starts):
            return None
        end = starts[index + 1] if index + 1 < len(starts) else node.end
        return starts[index], end

    def _entry(self, node: _Node, key: str) -> tuple[int, int, int] | None:
        """The lines of the entry ``key`` of the block mapping at ``node``, and the
        column after its colon."""
        if node not in self.entries:
            pattern = re.compile(rf"\n {{{node.column}}}(?![ #\r\n]|-[ \t\r\n]|-\Z)")
            keys = [(node.first, self.lines[node.first][node.column :])]
            keys += [
                (number, self.lines[number][node.column :])
                for number in self._at_column(node, pattern)
            ]
            self.entries[node] = (keys, node.end)
        keys, end = self.entries[node]
        pattern = _key_pattern(key)
        for position, (number, text) in enumerate(keys):
            found = pattern.match(text)
            if found:
                stop = keys[position + 1][0] if position + 1 < len(keys) else end
                return number, stop, node.column + found.end()
        return None


_KEY = re.compile(
    r"""(?:"[^"\\]*"|'[^']*'|[^\s#'"?{\[\]}&!*|>%@`-][^#]*?|-[^\s#][^#]*?)"""
    r"""[ \t]*:(?:[ \t]|\r?$)"""
)
"""A line that starts a block mapping entry with a plain or simply quoted key."""


def _key_pattern(key: str) -> re.Pattern[str]:
    escaped = re.escape(key)
    return re.compile(rf"""(?:{escaped}|"{escaped}"|'{escaped}')[ \t]*:(?:[ \t]|\r?$)""")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_item(line: str, column: int) -> bool:
    """Whether a sequence item (``- `` or a lone ``-``) starts at ``column``."""
    return line[column : column + 1] == "-" and line[column + 1 : column + 2] in (
        "",
        " ",
        "\r",
        "\t",
    )
