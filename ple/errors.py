"""Problems as values: what went wrong, and exactly where.

The library never prints and rarely raises at a user. Readers return
:class:`Problem` objects that carry the file, line, column, field path and the
offending value; the CLI and the app decide how to show them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

KeyPath = tuple[str | int, ...]
"""A path into a parsed document, in pydantic's ``loc`` shape: ("steps", 3, "channels")."""


class Severity(StrEnum):
    """Errors make a workspace invalid; warnings are worth reading but do not."""

    error = "error"
    warning = "warning"


SHOWN_CHARACTERS = 60
"""How much of a value a message quotes."""


def shown(value: Any) -> str:
    """A user's value as a message quotes it: ``'ssa'``, ``12``, a long text cut short
    with its length, a whole number too long to print by its digits. Never raises, so a
    hostile value cannot break the message about it."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**30:
        return f"a whole number of about {value.bit_length() * 0.30103:,.0f} digits"
    if isinstance(value, str) and len(value) > SHOWN_CHARACTERS:
        return f"{value[:SHOWN_CHARACTERS]!r}... ({len(value):,} characters)"
    if isinstance(value, (list, tuple, dict, set, frozenset)) and len(value) > 5:
        return f"a {type(value).__name__} of {len(value):,} items"
    try:
        text = repr(value)
    except ValueError:  # a number inside too long to print
        return f"a {type(value).__name__}"
    return text if len(text) <= 2 * SHOWN_CHARACTERS else text[: 2 * SHOWN_CHARACTERS] + "..."


def format_key_path(path: KeyPath) -> str:
    """Render a key path the way people write it: ``steps[3].next[0].to``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


@dataclass(frozen=True)
class Location:
    """A place in a file; ``line`` and ``column`` are 1-based and None when unknown."""

    file: str
    line: int | None = None
    column: int | None = None
    path: KeyPath = ()
    """Key path inside the file; lets the loader find line and column later."""

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the user's input, located as precisely as we can.

    ``path`` is the key path inside ``file``; the loader fills ``line`` and
    ``column`` from it only when a problem exists, so valid files never pay for
    position tracking.
    """

    file: str
    message: str
    path: KeyPath = ()
    line: int | None = None
    column: int | None = None
    value: Any = None
    severity: Severity = Severity.error
    code: str = "invalid"
    related: tuple[Location, ...] = field(default=())

    @property
    def location(self) -> Location:
        return Location(self.file, self.line, self.column)

    @property
    def field(self) -> str:
        return format_key_path(self.path)

    def located(self, line: int | None, column: int | None) -> Problem:
        return replace(self, line=line, column=column)

    def __str__(self) -> str:
        head = str(self.location)
        if self.path:
            head += f": {self.field}"
        text = f"{head}: {self.message}"
        if self.severity is Severity.warning:
            text = f"{head}: warning: {self.message}"
        for other in self.related:
            text += f" (see {other})"
        return text

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form, the one every machine-readable surface renders."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": self.message,
            "severity": self.severity.value,
            "code": self.code,
            "related": [str(r) for r in self.related],
        }


class PleError(Exception):
    """Base of the few exceptions the library raises for misuse, not for bad data."""


class NotFoundError(PleError):
    """A journey, step, agency or program id that the workspace does not have."""
