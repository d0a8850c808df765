"""Load a workspace folder (or one file) into a validated :class:`Workspace`.

The loader reports every problem of every file in one pass and never raises at
a user. It is built for large portfolios:

1. unchanged files come from the cache (:mod:`ple.io.cache`) without parsing,
   with their problems already placed on lines;
2. other files take the fast parser (:func:`ple.io.parse.parse_fast`) and are
   validated file by file;
3. a problem's key path becomes a line and column by a targeted search of its
   file (:mod:`ple.io.locate`), not by parsing the whole file again with marks;
4. the checks across files run again only when a file changed: for an unchanged
   workspace without errors, their problems (warnings) come from the cache too.

What is read is decided by :mod:`ple.io.files`, which turns away pipes, devices,
links out of the workspace and other files that must not be opened.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from ple import limits
from ple.collector import bulk_load
from ple.errors import KeyPath, Location, Problem, Severity
from ple.io import cache, files
from ple.io.documents import CATALOG_KEYS, FileContent, read_document
from ple.io.files import SUFFIXES
from ple.io.locate import positions_of
from ple.io.parse import (
    ParseFailure,
    Positions,
    decode,
    parse_fast,
    parse_located,
    refuse_unreadable,
)
from ple.io.references import Sourced, assemble
from ple.model import Workspace

__all__ = ["SUFFIXES", "LoadResult", "find_files", "load_workspace", "place_on_lines"]


@dataclass
class LoadResult:
    """The workspace (None when there are errors) and every problem found.

    ``usable`` is what remains when the objects with errors are left out (and,
    in turn, whatever referred to them): the app keeps the valid journeys usable
    while it shows the errors. It equals ``workspace`` when there are no errors.
    """

    workspace: Workspace | None
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    usable: Workspace | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.error]

    @property
    def ok(self) -> bool:
        return not self.errors


def find_files(root: Path) -> list[Path]:
    """Every workspace file below ``root``, in a stable order; hidden folders are skipped,
    and so is whatever :func:`ple.io.files.scan` turns away."""
    return files.scan(root).files


def load_workspace(
    path: str | Path,
    *,
    use_cache: bool = True,
    located: bool = False,
    overrides: Mapping[Path, bytes | None] | None = None,
) -> LoadResult:
    """Read, validate and assemble the workspace at ``path``.

    ``located=True`` parses every file with positions (the slower error path);
    the result must be the same as the fast path's, which tests hold it to.

    ``overrides`` gives the content of some files instead of reading them from disk
    (None: as if the file were gone; a path that does not exist yet: a new file). The
    editor checks a save this way before it writes anything.
    """
    root = Path(path)
    replaced = {Path(p).resolve(): data for p, data in (overrides or {}).items()}
    if not root.exists() and not root.is_symlink():
        return LoadResult(None, [Problem(str(path), "no such file or folder", code="not-found")])
    found = files.scan(root)
    problems: list[Problem] = list(found.problems)
    paths = _with_overrides(root, found.files, replaced)
    if not paths:
        if not _any_error(problems):
            problems.append(
                Problem(str(path), f"no {', '.join(SUFFIXES)} files found", code="no-files")
            )
        return LoadResult(None, problems)
    sourced: list[Sourced] = []
    keys: list[str] = []
    with bulk_load():
        for file in paths:
            given = replaced.get(file.resolve()) if replaced else None
            content, key = _read_file(file, use_cache=use_cache, located=located, data=given)
            problems.extend(content.problems)
            sourced.extend(Sourced(str(file), entry) for entry in content.entries)
            keys.append(f"{file.as_posix()}\0{key}")
        # The checks across files give the same answer for the same files: for an
        # unchanged workspace without errors their problems come from the cache.
        whole = cache.workspace_key(keys) if use_cache and not _any_error(problems) else None
        known = cache.workspace_problems(whole) if whole is not None else None
        workspace, across = assemble(sourced, check_references=known is None)
    if known is None:
        across = _locate(
            across,
            {str(f): replaced[f.resolve()] for f in paths if replaced and f.resolve() in replaced},
            located,
        )
        if whole is not None and not _any_error(across):
            cache.keep_workspace_problems(whole, across)
    problems = sorted([*problems, *(across if known is None else known)], key=_report_order)
    names = [str(f) for f in paths]
    if _any_error(problems):
        return LoadResult(None, problems, names, usable=_usable_part(sourced, problems))
    return LoadResult(workspace, problems, names, usable=workspace)


def place_on_lines(problems: list[Problem]) -> list[Problem]:
    """``problems`` found after loading (by an analysis that knows the key paths of what
    it reports) with their lines and columns, read from their files as the loader does."""
    return sorted(_locate(problems, {}), key=_report_order)


def _report_order(problem: Problem) -> tuple:
    """By file, then problems of the whole file, then by line; problems of a field that
    could not be placed (past the first thousand of a file) come last in their file."""
    unplaced = problem.line is None and bool(problem.path)
    return (problem.file, unplaced, problem.line or 0, problem.column or 0)


def _any_error(problems: Iterable[Problem]) -> bool:
    return any(p.severity is Severity.error for p in problems)


def _with_overrides(
    root: Path, files: list[Path], replaced: Mapping[Path, bytes | None]
) -> list[Path]:
    """The files to read: found ones without those overridden as gone, plus new ones."""
    if not replaced:
        return files
    kept = [f for f in files if replaced.get(f.resolve(), b"") is not None]
    if not root.is_dir():
        return kept  # a one-file workspace is that file only
    known = {f.resolve() for f in files}
    base = root
    for target, data in replaced.items():
        if data is None or target in known or not target.name.lower().endswith(SUFFIXES):
            continue
        try:
            relative = target.relative_to(base.resolve())
        except ValueError:
            continue  # outside the workspace: not part of it
        kept.append(base / relative)
    return sorted(kept, key=lambda p: p.relative_to(base).as_posix())


def _usable_part(sourced: list[Sourced], problems: list[Problem]) -> Workspace:
    """The workspace without every object that has an error, or that refers to one.

    Leaving out an agency can break the journeys that name it, so reference
    problems are found again until none remain (each round removes something).
    Agencies whose chain of parents leads to one left out go in the same round, so
    the rounds are few however long such a chain is.
    """
    errors = _Errors(problems)
    kept = [s for s in sourced if not s.entry.partial and not errors.inside(s)]
    while True:
        kept = _without_orphaned_agencies(kept)
        workspace, reference_problems = assemble(kept)
        errors = _Errors(reference_problems)
        if not errors.any:
            return workspace
        kept = [s for s in kept if not errors.inside(s)]


class _Errors:
    """The errors among some problems, indexed by file and by every prefix of their key
    paths, so asking whether an entry holds one costs a lookup."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.prefixes: set[tuple[str, KeyPath]] = set()
        self.whole_file: set[str] = set()
        self.any = False
        for problem in problems:
            if problem.severity is not Severity.error:
                continue
            self.any = True
            path = problem.path
            for end in range(len(path) + 1):
                self.prefixes.add((problem.file, path[:end]))
            if not path or path[0] not in CATALOG_KEYS:
                self.whole_file.add(problem.file)

    def inside(self, source: Sourced) -> bool:
        """Whether an error lies inside this entry (its file, below its key path; for a
        one-journey file, anywhere but in the catalog it carries)."""
        path = source.entry.path
        if not path:
            return source.file in self.whole_file
        return (source.file, path) in self.prefixes


def _without_orphaned_agencies(kept: list[Sourced]) -> list[Sourced]:
    """``kept`` without the agencies whose parent, or its parent and so on, is not kept."""
    parents = {s.entry.item.id: s.entry.item.parent for s in kept if s.entry.kind == "agencies"}
    sound: dict[str, bool] = {}
    for start in parents:
        chain, agency = [], start
        while agency is not None and agency not in sound:
            if agency not in parents or agency in chain:
                break  # left out (or a loop, which the checks report)
            chain.append(agency)
            agency = parents[agency]
        verdict = agency is None or sound.get(agency, False)
        for member in chain:
            sound[member] = verdict
    return [s for s in kept if s.entry.kind != "agencies" or sound.get(s.entry.item.id, True)]


def _read_file(
    file: Path, *, use_cache: bool, located: bool, data: bytes | None = None
) -> tuple[FileContent, str]:
    """The file's content (``data``, when given, instead of what is on disk) and its
    cache key ("" when it was not read). Problems come placed on lines."""
    name = str(file)
    given = data is not None
    try:
        if data is None:
            data = files.read_bytes(file)
        elif len(data) > limits.MAX_FILE_BYTES:
            raise files.Refused(files.too_large(len(data)), "too-large")
    except OSError as error:  # files.Refused too
        return FileContent(problems=[files.reading_problem(name, error)]), ""
    key = cache.content_key(data, file.suffix) if use_cache else ""
    if use_cache and (hit := cache.get(key)) is not None:
        return hit, key
    try:
        text = decode(data)
        value, positions = _parse(text, file.suffix, located)
        content = read_document(value, name)
        if _any_error(content.problems):
            refuse_unreadable(text, file.suffix, value)
    except ParseFailure as failure:
        return FileContent(
            problems=[
                Problem(
                    name,
                    failure.message,
                    line=failure.line,
                    column=failure.column,
                    code=failure.code,
                )
            ]
        ), key
    unplaced = _unplaced_paths(content.problems)
    if unplaced:
        if positions is None:
            positions = _positions(
                lambda: positions_of(text, file.suffix, unplaced, value, parsed=True)
            )
        content.problems = _placed(content.problems, {name: positions})
    if use_cache and not given and not _any_error(content.problems):
        cache.put(key, content)  # content under edit is not cached: it is seldom read twice
    return content, key


def _parse(text: str, suffix: str, located: bool) -> tuple[object, Positions | None]:
    """The value, and with ``located`` the positions of every key path.

    The fast parser decides whether a file is well-formed; the located one only
    adds positions. Two YAML implementations differ at the edges (tabs, complex
    keys), so letting one of them judge keeps both paths to the same verdict."""
    value = parse_fast(text, suffix)
    if located:
        # Accepted by the fast parser; if PyYAML cannot read it, problems have no line.
        with contextlib.suppress(ParseFailure):
            return parse_located(text, suffix)
        return value, {}
    return value, None


def _positions(find: object) -> Positions:
    """Positions from ``find()``, or none when the located parser cannot read the file."""
    try:
        return find()  # type: ignore[operator]
    except ParseFailure:
        return {}


def _failed(file: str, message: str, code: str) -> FileContent:
    return FileContent(problems=[Problem(file, message, code=code)])


def _unplaced_paths(problems: Iterable[Problem]) -> list[KeyPath]:
    paths = [p.path for p in problems if p.path and p.line is None]
    paths += [r.path for p in problems for r in p.related if r.path and r.line is None]
    return paths


def _locate(
    problems: list[Problem], given: Mapping[str, bytes | None], located: bool = False
) -> list[Problem]:
    """Give every problem that has a key path but no line its line and column.

    Only the files named by such problems are read again (from the ``given`` content
    for overridden files), and only the lines around each path are parsed with marks
    (:func:`ple.io.locate.positions_of`); with ``located``, whole files, as in the
    located load.
    """
    wanted: dict[str, list[KeyPath]] = {}
    for problem in problems:
        if problem.path and problem.line is None:
            wanted.setdefault(problem.file, []).append(problem.path)
        for other in problem.related:
            if other.path and other.line is None:
                wanted.setdefault(other.file, []).append(other.path)
    positions: dict[str, Positions] = {}
    for file, paths in sorted(wanted.items()):
        suffix = Path(file).suffix
        try:
            data = given.get(file)
            text = decode(files.read_bytes(Path(file)) if data is None else data)
        except (OSError, ParseFailure):
            positions[file] = {}
            continue
        if located:
            positions[file] = _positions(lambda t=text, s=suffix: parse_located(t, s)[1])
        else:
            positions[file] = _positions(lambda t=text, s=suffix, p=paths: positions_of(t, s, p))
    return _placed(problems, positions)


def _placed(problems: list[Problem], positions: Mapping[str, Positions]) -> list[Problem]:
    """The problems with the lines and columns ``positions`` gives their key paths."""

    def place(file: str, path: KeyPath) -> tuple[int | None, int | None]:
        found = positions.get(file, {})
        for end in range(len(path), -1, -1):
            if path[:end] in found:
                return found[path[:end]]
        return None, None

    placed = []
    for problem in problems:
        if problem.path and problem.line is None:
            problem = problem.located(*place(problem.file, problem.path))
        if problem.related:
            related = tuple(
                Location(r.file, *place(r.file, r.path), path=r.path) if r.line is None else r
                for r in problem.related
            )
            problem = replace(problem, related=related)
        placed.append(problem)
    return placed
