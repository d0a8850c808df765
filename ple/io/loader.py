"""Load a workspace folder (or one file) into a validated :class:`Workspace`.

The loader reports every problem of every file in one pass and never raises at
a user. It is built for large portfolios:

1. unchanged files come from the cache (:mod:`ple.io.cache`) without parsing;
2. other files take the fast parser (:func:`ple.io.parse.parse_fast`) and are
   validated file by file;
3. only files with problems are parsed again with positions, to turn each
   problem's key path into a line and column.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from ple.collector import bulk_load
from ple.errors import KeyPath, Location, Problem, Severity
from ple.io import cache
from ple.io.documents import FileContent, read_document
from ple.io.parse import ParseFailure, Positions, decode, parse_fast, parse_located
from ple.io.references import Sourced, assemble
from ple.model import Workspace

SUFFIXES = (".yaml", ".yml", ".json")
MAX_FILE_BYTES = 64 * 1024 * 1024
"""Largest file read; a 1,000-step journey is about 0.4 MB."""

SKIPPED_FOLDERS = {"node_modules", "__pycache__"}


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
    """Every workspace file below ``root``, in a stable order; hidden folders are skipped."""
    if root.is_file():
        return [root]
    found = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(
            d for d in subfolders if not d.startswith(".") and d not in SKIPPED_FOLDERS
        )
        found.extend(
            Path(folder) / name
            for name in names
            if name.lower().endswith(SUFFIXES) and not name.startswith(".")
        )
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def load_workspace(
    path: str | Path, *, use_cache: bool = True, located: bool = False,
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
    if not root.exists():
        return LoadResult(None, [Problem(str(path), "no such file or folder", code="not-found")])
    files = _with_overrides(root, find_files(root), replaced)
    if not files:
        message = f"no {', '.join(SUFFIXES)} files found"
        return LoadResult(None, [Problem(str(path), message, code="no-files")])
    problems: list[Problem] = []
    sourced: list[Sourced] = []
    keys: list[str] = []
    with bulk_load():
        for file in files:
            content, key = _read_file(file, use_cache=use_cache, located=located,
                                      data=replaced.get(file.resolve()))
            problems.extend(content.problems)
            sourced.extend(Sourced(str(file), entry) for entry in content.entries)
            keys.append(f"{file.as_posix()}\0{key}")
        # A workspace whose every file is unchanged since a clean load needs no
        # second reference check: the same files give the same answer.
        whole = cache.workspace_key(keys) if use_cache and not problems else None
        verified = whole is not None and cache.is_verified(whole)
        workspace, reference_problems = assemble(sourced, check_references=not verified)
    problems.extend(reference_problems)
    if whole is not None and not verified and not problems:
        cache.mark_verified(whole)
    problems = _locate(problems, {str(f): replaced[f.resolve()] for f in files
                                  if f.resolve() in replaced})
    names = [str(f) for f in files]
    if any(p.severity is Severity.error for p in problems):
        return LoadResult(None, problems, names, usable=_usable_part(sourced, problems))
    return LoadResult(workspace, problems, names, usable=workspace)


def _with_overrides(root: Path, files: list[Path],
                    replaced: Mapping[Path, bytes | None]) -> list[Path]:
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
    """
    kept = [s for s in sourced if not s.entry.partial and not _has_error(s, problems)]
    while True:
        workspace, reference_problems = assemble(kept)
        errors = [p for p in reference_problems if p.severity is Severity.error]
        if not errors:
            return workspace
        kept = [s for s in kept if not _has_error(s, errors)]


def _has_error(source: Sourced, problems: list[Problem]) -> bool:
    """Whether an error lies inside this entry (its file, below its key path)."""
    path = source.entry.path
    return any(
        p.severity is Severity.error and p.file == source.file and p.path[: len(path)] == path
        and (path or not p.path or p.path[0] not in ("agencies", "programs", "data_items"))
        for p in problems
    )


def _read_file(file: Path, *, use_cache: bool, located: bool,
               data: bytes | None = None) -> tuple[FileContent, str]:
    """The file's content (``data``, when given, instead of what is on disk) and its
    cache key ("" when it was not read)."""
    name = str(file)
    given = data is not None
    try:
        size = file.stat().st_size if data is None else len(data)
        if size > MAX_FILE_BYTES:
            return _failed(name, f"file is {size / 2**20:.1f} MiB, over the "
                           f"{MAX_FILE_BYTES / 2**20:g} MiB limit", "too-large"), ""
        if data is None:
            data = file.read_bytes()
    except OSError as error:
        return _failed(name, f"cannot read file: {error.strerror or error}", "unreadable"), ""
    key = cache.content_key(data, file.suffix) if use_cache else ""
    if use_cache and (hit := cache.get(key)) is not None:
        return hit, key
    try:
        value = _parse(decode(data), file.suffix, located)
    except ParseFailure as failure:
        return FileContent(problems=[Problem(
            name, failure.message, line=failure.line, column=failure.column,
            code=failure.code)]), key
    content = read_document(value, name)
    if use_cache and not given and not any(p.severity is Severity.error
                                           for p in content.problems):
        cache.put(key, content)  # content under edit is not cached: it is seldom read twice
    return content, key


def _parse(text: str, suffix: str, located: bool) -> object:
    """The fast parser decides whether a file is well-formed; the located one only
    adds positions. Two YAML implementations differ at the edges (tabs, complex
    keys), so letting one of them judge keeps both paths to the same verdict."""
    value = parse_fast(text, suffix)
    if located:
        # Accepted by the fast parser; if PyYAML cannot read it, problems have no line.
        with contextlib.suppress(ParseFailure):
            value = parse_located(text, suffix)[0]
    return value


def _failed(file: str, message: str, code: str) -> FileContent:
    return FileContent(problems=[Problem(file, message, code=code)])


def _locate(problems: list[Problem], given: Mapping[str, bytes | None]) -> list[Problem]:
    """Give every problem that has a key path but no line its line and column.

    Only the files named by such problems are parsed again, with positions (from the
    ``given`` content for overridden files).
    """
    needed = {p.file for p in problems if p.path and p.line is None}
    needed |= {r.file for p in problems for r in p.related if r.path and r.line is None}
    positions: dict[str, Positions] = {}
    for file in sorted(needed):
        try:
            data = given.get(file)
            text = decode(Path(file).read_bytes() if data is None else data)
            positions[file] = parse_located(text, Path(file).suffix)[1]
        except (OSError, ParseFailure):
            positions[file] = {}

    def place(file: str, path: KeyPath) -> tuple[int | None, int | None]:
        found = positions.get(file, {})
        for end in range(len(path), -1, -1):
            if path[:end] in found:
                return found[path[:end]]
        return None, None

    located = []
    for problem in problems:
        if problem.path and problem.line is None:
            problem = problem.located(*place(problem.file, problem.path))
        if problem.related:
            related = tuple(
                Location(r.file, *place(r.file, r.path), path=r.path) if r.line is None else r
                for r in problem.related
            )
            problem = replace(problem, related=related)
        located.append(problem)
    return sorted(located, key=lambda p: (p.file, p.line or 0, p.column or 0))
