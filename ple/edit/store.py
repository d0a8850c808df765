"""Writing workspace files safely: conflict checks, history, drafts.

* **Conflicts.** An editor remembers the SHA-256 of every file it may write, as it was
  when the editing began. Before writing, each file is read again; if any changed (a
  colleague saved, a text editor, ``git pull``), nothing is written and the caller gets
  the list of changed files to offer a reload or a save under another name.
* **History.** Before a file is replaced or removed, its current bytes are copied to
  ``.ple-history/<path of the file>/<UTC time>.<ext>`` in the workspace folder, so every
  earlier version can be looked at and restored; the newest :data:`KEEP` versions of
  each file are kept.
* **Drafts.** Work that does not validate yet is kept in
  ``.ple-drafts/<path of the file>``, never in the workspace itself. The loader skips
  folders whose name starts with a dot, so a draft never breaks the workspace, and the
  first lines of a draft (``#ple-draft: ...``) say what it is and which version of the
  file it was based on.
* **Inside the workspace only.** Every path written or removed is resolved (symlinks
  followed) and must lie inside the workspace folder; a draft naming a target such as
  ``../x.yaml``, or a ``.ple-history`` that is a symlink to elsewhere, is refused.
* **One save at a time.** The conflict check and the writes of a save happen under one
  lock per workspace (a lock file, so it holds across processes and threads): of two
  saves of the same file begun from the same version, exactly one is written and the
  other is refused as a conflict, its content kept in the file's history.

Every write goes through :func:`ple.io.atomic.write_atomically` (a temporary file in
the same folder, then a rename), so a crash leaves the old file or the new one, whole.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from filelock import FileLock, Timeout

from ple.io.atomic import permissions, write_atomically
from ple.io.loader import SUFFIXES

HISTORY = ".ple-history"
DRAFTS = ".ple-drafts"
KEEP = 50
"""Versions kept per file in the history; older ones are removed on the next save."""
DRAFT_MARK = "#ple-draft: "
LOCK_WAIT_SECONDS = 10.0
"""How long a save waits for another save of the same workspace to finish."""
_LOCK = ".save.lock"
_REFUSED = "-refused"
_STAMP = "%Y%m%dT%H%M%S.%fZ"
_VERSION_NAME = re.compile(r"^(\d{8}T\d{6}\.\d{6}Z)(?:-\d+)?(-refused)?(\.[^.]*)?$")


class OutsideWorkspace(ValueError):
    """A path to write lies outside the workspace folder (symlinks followed)."""


def digest(data: bytes | None) -> str | None:
    """The SHA-256 of a file's bytes; None stands for "no such file"."""
    return None if data is None else hashlib.sha256(data).hexdigest()


def read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def file_digest(path: Path) -> str | None:
    return digest(read_bytes(path))


def folder_of(root: Path) -> Path:
    """The workspace folder: the root itself, or the folder of a one-file workspace
    (a root that does not exist yet is a folder unless it is named like a file)."""
    if root.is_dir() or (not root.exists() and root.suffix.lower() not in SUFFIXES):
        return root
    return root.parent


def relative(root: Path, path: Path) -> Path:
    """``path`` relative to the workspace folder, both resolved (symlinks followed);
    raises :class:`OutsideWorkspace` when it lies elsewhere."""
    folder = folder_of(root).resolve()
    try:
        return path.resolve().relative_to(folder)
    except ValueError:
        raise OutsideWorkspace(f"{path} is not inside the workspace {folder}") from None


def inside(root: Path, path: Path) -> bool:
    try:
        relative(root, path)
    except OutsideWorkspace:
        return False
    return True


def _write(root: Path, path: Path, data: bytes, mode: int | None = None) -> None:
    """The one place this module writes a file: only inside the workspace folder."""
    relative(root, path)
    write_atomically(path, data, mode)


def shown(root: Path, path: Path) -> str:
    """A workspace file as people know it: relative to the workspace folder."""
    try:
        return relative(root, path).as_posix()
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Changed:
    """A file that is not as it was when editing began."""

    path: Path
    expected: str | None
    found: str | None

    def __str__(self) -> str:
        return self.describe(str(self.path))

    def describe(self, name: str) -> str:
        if self.found is None:
            return f"{name} was deleted"
        if self.expected is None:
            return f"{name} was created by someone else"
        return f"{name} was changed"


@dataclass
class Written:
    """What a write did: files written or removed, and the backups made first; or why
    nothing was written (conflicts, paths outside the workspace, a save in progress)."""

    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    backups: list[Path] = field(default_factory=list)
    conflicts: list[Changed] = field(default_factory=list)
    outside: list[Path] = field(default_factory=list)
    busy: bool = False
    refused_kept: list[Path] = field(default_factory=list)
    """Where the content of a refused save was kept in the history."""

    @property
    def ok(self) -> bool:
        return not self.conflicts and not self.outside and not self.busy


def conflicts(base: Mapping[Path, str | None]) -> list[Changed]:
    """Files whose content differs from the digest recorded when editing began."""
    found = []
    for path, expected in base.items():
        now = file_digest(path)
        if now != expected:
            found.append(Changed(path, expected, now))
    return found


def write_files(root: Path, changes: Mapping[Path, bytes | None],
                base: Mapping[Path, str | None]) -> Written:
    """Write (bytes) or remove (None) each file, unless any of them changed on disk
    since ``base`` was taken or lies outside the workspace; every replaced or removed
    file is kept in the history.

    The check and the writes happen under the workspace's save lock, so two saves
    cannot both pass the check before either writes. A refused save's content is kept
    in the history. Files are written in the order given; each one whole or not at all.
    """
    outside = [path for path in changes if not inside(root, path)]
    if outside:
        return Written(outside=outside)
    try:
        with _save_lock(root):
            result = Written(conflicts=conflicts({p: base.get(p) for p in changes}))
            if not result.ok:
                result.refused_kept = [keep_version(root, path, data, refused=True)
                                       for path, data in changes.items() if data is not None]
                return result
            for path, data in changes.items():
                old = read_bytes(path)
                if old == data:
                    continue
                if old is not None:
                    result.backups.append(keep_version(root, path, old))
                if data is None:
                    if old is not None:
                        path.unlink()
                        result.removed.append(path)
                    continue
                _write(root, path, data)
                result.written.append(path)
            return result
    except Timeout:
        return Written(busy=True)


def _save_lock(root: Path) -> FileLock:
    """The workspace's save lock, a file in the (git-ignored) history folder."""
    folder = folder_of(root) / HISTORY
    _ignore_in_git(root, folder)
    return FileLock(folder / _LOCK, timeout=LOCK_WAIT_SECONDS)


# --- history --------------------------------------------------------------------------


def history_folder(root: Path, path: Path) -> Path:
    return folder_of(root) / HISTORY / relative(root, path)


def keep_version(root: Path, path: Path, data: bytes, *, refused: bool = False) -> Path:
    """Copy ``data`` (the file's current bytes, or with ``refused`` the content of a
    save that was refused) into its history; returns the copy."""
    folder = history_folder(root, path)
    _ignore_in_git(root, folder_of(root) / HISTORY)
    stamp = datetime.datetime.now(datetime.UTC).strftime(_STAMP)
    mark = _REFUSED if refused else ""
    target = folder / f"{stamp}{mark}{path.suffix}"
    serial = 1
    while target.exists():
        serial += 1
        target = folder / f"{stamp}-{serial}{mark}{path.suffix}"
    _write(root, target, data, permissions(path))  # as private as the file it copies
    for old in list_versions(root, path)[KEEP:]:
        old.file.unlink(missing_ok=True)
    return target


def _ignore_in_git(root: Path, folder: Path) -> None:
    """History and drafts are personal working copies: keep them out of commits."""
    marker = folder / ".gitignore"
    if not marker.exists():
        _write(root, marker, b"# Written by ple: working copies, not for commits.\n*\n")


@dataclass(frozen=True)
class Version:
    """An earlier version of a file, as kept in the history."""

    file: Path
    saved: datetime.datetime
    """When it was replaced (UTC): it was the current version until then."""
    size: int
    sha256: str
    refused: bool = False
    """A save that was refused (someone saved first); it never was the current version."""


def list_versions(root: Path, path: Path) -> list[Version]:
    """The kept versions of ``path``, newest first."""
    folder = history_folder(root, path)
    if not folder.is_dir():
        return []
    versions = []
    for file in folder.iterdir():
        found = _VERSION_NAME.match(file.name)
        if not found or not file.is_file():
            continue
        saved = datetime.datetime.strptime(found.group(1), _STAMP).replace(tzinfo=datetime.UTC)
        data = file.read_bytes()
        versions.append(Version(file, saved, len(data), hashlib.sha256(data).hexdigest(),
                                refused=bool(found.group(2))))
    return sorted(versions, key=lambda v: (v.saved, v.file.name), reverse=True)


def files_with_history(root: Path) -> list[Path]:
    """Workspace files (present or deleted) that have kept versions, by path."""
    base = folder_of(root) / HISTORY
    if not base.is_dir():
        return []
    found = set()
    for version in base.rglob("*"):
        if version.is_file() and _VERSION_NAME.match(version.name):
            found.add(folder_of(root) / version.parent.relative_to(base))
    return sorted(found)


def restore(root: Path, version: Version, path: Path) -> Written:
    """Put an earlier version back; the current one goes into the history first, so a
    restore can itself be undone."""
    return write_files(root, {path: version.file.read_bytes()}, {path: file_digest(path)})


# --- drafts ---------------------------------------------------------------------------


def draft_path(root: Path, path: Path) -> Path:
    return folder_of(root) / DRAFTS / relative(root, path)


@dataclass(frozen=True)
class Draft:
    """Work kept aside because it does not validate yet."""

    target: Path
    """The workspace file it will replace (or create)."""
    text: str
    base: str | None
    """The digest of the target when editing began (None: it did not exist)."""
    saved: datetime.datetime
    problems: int
    file: Path


def save_draft(root: Path, path: Path, text: str, base: str | None, problems: int) -> Path:
    """Keep ``text`` (the whole intended content of ``path``) as a draft."""
    _ignore_in_git(root, folder_of(root) / DRAFTS)
    now = datetime.datetime.now(datetime.UTC)
    header = [
        f"{DRAFT_MARK}DRAFT: not part of the workspace. Continue it on the Edit page of the "
        "app; once it has no problems, saving it there replaces the target.",
        f"{DRAFT_MARK}target {relative(root, path).as_posix()}",
        f"{DRAFT_MARK}problems {problems}",
        f"{DRAFT_MARK}base {base or 'new-file'}",
        f"{DRAFT_MARK}saved {now.isoformat(timespec='seconds')}",
    ]
    target = draft_path(root, path)
    _write(root, target, ("\n".join(header) + "\n" + text).encode("utf-8"), permissions(path))
    return target


def read_draft(root: Path, file: Path) -> Draft:
    """A draft file; raises ValueError when it lacks the draft header."""
    raw = file.read_text(encoding="utf-8")
    lines = raw.splitlines(keepends=True)
    meta: dict[str, str] = {}
    body_start = 0
    for number, line in enumerate(lines):
        if not line.startswith(DRAFT_MARK):
            body_start = number
            break
        key, _, value = line[len(DRAFT_MARK):].strip().partition(" ")
        meta[key] = value
    else:
        body_start = len(lines)
    if "target" not in meta:
        raise ValueError(f"{file} is not a draft (no {DRAFT_MARK.strip()} header)")
    target = PurePosixPath(meta["target"])
    if target.is_absolute() or ".." in target.parts or not inside(root, folder_of(root) / target):
        raise OutsideWorkspace(f"{file} names a target outside the workspace: {meta['target']}")
    saved = datetime.datetime.fromisoformat(meta["saved"]) if "saved" in meta else \
        datetime.datetime.fromtimestamp(file.stat().st_mtime, datetime.UTC)
    return Draft(
        target=folder_of(root) / meta["target"],
        text="".join(lines[body_start:]),
        base=None if meta.get("base") in (None, "new-file") else meta["base"],
        saved=saved,
        problems=int(meta["problems"]) if meta.get("problems", "").isdigit() else 0,
        file=file,
    )


def list_drafts(root: Path) -> list[Draft]:
    base = folder_of(root) / DRAFTS
    if not base.is_dir():
        return []
    drafts = []
    for file in sorted(base.rglob("*")):
        if not file.is_file() or file.name == ".gitignore":
            continue
        try:
            drafts.append(read_draft(root, file))
        except (ValueError, OSError, UnicodeDecodeError):
            continue
    return drafts


def draft_for(root: Path, path: Path) -> Draft | None:
    file = draft_path(root, path)
    if not file.is_file():
        return None
    try:
        return read_draft(root, file)
    except (ValueError, OSError, UnicodeDecodeError):
        return None


def discard_draft(root: Path, path: Path) -> None:
    draft = draft_path(root, path)
    if inside(root, draft):
        draft.unlink(missing_ok=True)
