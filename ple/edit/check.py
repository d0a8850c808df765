"""Validate edits before anything is written, and say where each problem is in the tables.

An edit is a set of file changes (:class:`FileChange`). The check hands the workspace
loader the changed files' new content in place of what is on disk
(``load_workspace(..., overrides=...)``), so an edit is judged exactly as
``ple validate`` will judge the saved files: same messages, same reference checks.

Problems in the edited files are mapped back to table cells; problems in other files
count only when the edit caused them (renaming a journey that another one names as
its baseline), since errors a workspace already had cannot block every save.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ple.edit import yamltext
from ple.errors import KeyPath, Problem, Severity
from ple.io import LoadResult, load_workspace
from ple.sheets.convert import Cell

Apply = Callable[[Any, bool], Any]
"""Changes a loaded document in place (the flag: it is a JSON file); may return a new
root."""


@dataclass
class FileChange:
    """The new content of one file, as a change to its document, or its removal."""

    path: Path
    apply: Apply | None
    """None removes the file."""
    base_text: str | None
    """The file's text when editing began (None: a new file)."""


@dataclass(frozen=True)
class Located:
    """A problem of the edit, and the cell it is about (None: not in the tables)."""

    problem: Problem
    cell: Cell | None

    @property
    def is_error(self) -> bool:
        return self.problem.severity is Severity.error


@dataclass
class Checked:
    result: LoadResult
    own: list[Located] = field(default_factory=list)
    """Problems in the edited files."""
    caused: list[Problem] = field(default_factory=list)
    """Errors in other files that the edit causes."""

    @property
    def errors(self) -> list[Located]:
        return [p for p in self.own if p.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors and not self.caused


def plain_text(change: FileChange) -> bytes | None:
    """The changed file as JSON (quick to make, and YAML reads JSON): enough to validate.

    Writing uses :func:`exact_text` instead, which keeps the file's formatting.
    """
    if change.apply is None:
        return None
    value = _parse(change) if change.base_text is not None else {}
    document = change.apply(value if isinstance(value, dict) else {}, True)
    if document is None:
        document = value
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def _parse(change: FileChange) -> Any:
    from ple.io.parse import ParseFailure, parse_fast

    try:
        return parse_fast((change.base_text or "").removeprefix("\ufeff"), change.path.suffix)
    except ParseFailure:
        return {}


def exact_text(change: FileChange) -> bytes | None:
    """The changed file as it will be written: the original text with only the edited
    lines changed. Raises :class:`~ple.edit.yamltext.NotEditable`."""
    if change.apply is None:
        return None
    json_file = change.path.suffix.lower() == ".json"
    text = yamltext.render(
        change.base_text, change.path.suffix, lambda document: change.apply(document, json_file)
    )
    return text.encode("utf-8")


def check(
    root: Path,
    changes: list[FileChange],
    *,
    before: LoadResult | None,
    locate: Callable[[Path, KeyPath], Cell | None],
    contents: Mapping[Path, bytes | None] | None = None,
) -> Checked:
    """Load the workspace as it would be after the changes and sort its problems.

    ``contents`` are the files' new bytes (from :func:`exact_text`); by default the
    quick :func:`plain_text` is used. ``locate`` maps a problem in an edited file to a
    table cell.
    """
    if contents is None:
        contents = {c.path: plain_text(c) for c in changes}
    result = load_workspace(root, overrides=contents)
    edited = {c.path.resolve() for c in changes}
    known = {_key(p) for p in (before.problems if before else [])}
    checked = Checked(result)
    elsewhere = []
    for problem in result.problems:
        if Path(problem.file).resolve() in edited:
            checked.own.append(Located(problem, locate(Path(problem.file).resolve(), problem.path)))
        elif problem.severity is Severity.error and _key(problem) not in known:
            elsewhere.append(problem)
    if not checked.errors:
        # While an edited object has an error it is left out, and whatever names it
        # breaks too; those follow from the error, so they count once it is fixed.
        checked.caused = elsewhere
    return checked


def _key(problem: Problem) -> tuple[str, KeyPath, str]:
    return str(Path(problem.file).resolve()), problem.path, problem.message
