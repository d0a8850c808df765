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
* **Editors only, and by name.** Every write names the person who makes it
  (:class:`ple.signin.Person`); one who may not edit (a viewer of a server that asks for
  sign-in) is refused before anything is touched, whatever page or command asked. Each
  save, removal and refused save is recorded with that person's name in
  ``.ple-history/<path of the file>/saves.jsonl``, one JSON object a line, so the history
  says who saved every version.

Every write goes through :func:`ple.io.atomic.write_atomically` (a temporary file in
the same folder, then a rename), so a crash leaves the old file or the new one, whole.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from filelock import FileLock, Timeout

from ple.io.atomic import permissions, write_atomically
from ple.io.loader import SUFFIXES
from ple.signin import Person, may_write

HISTORY = ".ple-history"
DRAFTS = ".ple-drafts"
KEEP = 50
"""Versions kept per file in the history; older ones are removed on the next save."""
DRAFT_MARK = "#ple-draft: "
LOCK_WAIT_SECONDS = 10.0
"""How long a save waits for another save of the same workspace to finish."""
_LOCK = ".save.lock"
SAVES = "saves.jsonl"
"""The record of who saved a file, beside its kept versions."""
KEEP_SAVES = 1000
"""Save records kept per file; older ones are removed on the next save."""
_REFUSED = "-refused"
_STAMP = "%Y%m%dT%H%M%S.%fZ"
_VERSION_NAME = re.compile(r"^(\d{8}T\d{6}\.\d{6}Z)(?:-\d+)?(-refused)?(\.[^.]*)?$")


class OutsideWorkspace(ValueError):
    """A path to write lies outside the workspace folder (symlinks followed)."""


class NotAllowed(PermissionError):
    """The person asking may not change the workspace (a viewer); the message says so."""


def _allowed(by: Person) -> None:
    """Raise :class:`NotAllowed` unless ``by`` may write."""
    refusal = may_write(by)
    if refusal:
        raise NotAllowed(refusal)


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
    not_allowed: str | None = None
    """Why the person who asked may not write at all (a viewer); nothing was touched."""

    @property
    def ok(self) -> bool:
        return not self.conflicts and not self.outside and not self.busy and not self.not_allowed


def conflicts(base: Mapping[Path, str | None]) -> list[Changed]:
    """Files whose content differs from the digest recorded when editing began."""
    found = []
    for path, expected in base.items():
        now = file_digest(path)
        if now != expected:
            found.append(Changed(path, expected, now))
    return found


def write_files(
    root: Path, changes: Mapping[Path, bytes | None], base: Mapping[Path, str | None], *, by: Person
) -> Written:
    """Write (bytes) or remove (None) each file, unless ``by`` may not edit, or any of
    the files changed on disk since ``base`` was taken or lies outside the workspace;
    every replaced or removed file is kept in the history, and each save is recorded
    under ``by``'s name.

    The check and the writes happen under the workspace's save lock, so two saves
    cannot both pass the check before either writes. A refused save's content is kept
    in the history. Files are written in the order given; each one whole or not at all.
    """
    refusal = may_write(by)
    if refusal:
        return Written(not_allowed=refusal)
    outside = [path for path in changes if not inside(root, path)]
    if outside:
        return Written(outside=outside)
    try:
        with _save_lock(root):
            result = Written(conflicts=conflicts({p: base.get(p) for p in changes}))
            if not result.ok:
                for path, data in changes.items():
                    if data is not None:  # recorded first: the copy is stamped after it
                        _record(root, path, Save.now("refused", by, digest(data)))
                        result.refused_kept.append(keep_version(root, path, data, refused=True))
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
                        _record(root, path, Save.now("removed", by, None))
                    continue
                _write(root, path, data)
                result.written.append(path)
                _record(root, path, Save.now("saved", by, digest(data)))
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
class Save:
    """One line of a file's save record: who saved, removed, or tried to save it."""

    at: datetime.datetime
    action: str
    """``saved``, ``removed``, or ``refused`` (someone else saved first)."""
    by: str
    """The name the person was known by: signed in, or the computer's account."""
    email: str | None
    sha256: str | None
    """The content written (or refused); None for a removal."""
    signed_in: bool = False

    @classmethod
    def now(cls, action: str, by: Person, sha256: str | None) -> Save:
        return cls(
            datetime.datetime.now(datetime.UTC), action, by.name, by.email, sha256, by.signed_in
        )

    @property
    def who(self) -> str:
        """The person as shown: ``Ana Lopez <ana@agency.gov>``."""
        return str(Person(self.by, self.email))

    def to_line(self) -> str:
        return json.dumps(
            {
                "at": self.at.isoformat(timespec="microseconds"),
                "action": self.action,
                "by": self.by,
                "email": self.email,
                "signed_in": self.signed_in,
                "sha256": self.sha256,
            },
            ensure_ascii=False,
        )


def _record(root: Path, path: Path, save: Save) -> None:
    """Add a line to the file's save record (called under the save lock)."""
    record = history_folder(root, path) / SAVES
    lines = (read_bytes(record) or b"").decode("utf-8", "replace").splitlines()
    lines = [*lines, save.to_line()][-KEEP_SAVES:]
    _write(root, record, ("\n".join(lines) + "\n").encode("utf-8"))


def list_saves(root: Path, path: Path) -> list[Save]:
    """Who saved ``path`` and when, newest first; lines that cannot be read are skipped
    (the record informs; it decides nothing)."""
    try:
        data = read_bytes(history_folder(root, path) / SAVES)
    except (OutsideWorkspace, OSError):
        return []
    saves = []
    for line in (data or b"").decode("utf-8", "replace").splitlines():
        try:
            item = json.loads(line)
            at = datetime.datetime.fromisoformat(item["at"])
            saves.append(
                Save(
                    at if at.tzinfo else at.replace(tzinfo=datetime.UTC),
                    str(item["action"]),
                    str(item["by"]),
                    item.get("email"),
                    item.get("sha256"),
                    bool(item.get("signed_in")),
                )
            )
        except (ValueError, KeyError, TypeError):
            continue
    return sorted(saves, key=lambda s: s.at, reverse=True)


def who_saved(
    saves: list[Save],
    sha256: str | None,
    *,
    before: datetime.datetime | None = None,
    refused: bool = False,
) -> Save | None:
    """The newest record of writing (or, with ``refused``, of trying to write) this
    content, at or before ``before``."""
    wanted = "refused" if refused else "saved"
    return next(
        (
            s
            for s in saves
            if s.action == wanted and s.sha256 == sha256 and (before is None or s.at <= before)
        ),
        None,
    )


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
    author: Save | None = None
    """Who saved this version (or tried to), when the save record knows."""


def list_versions(root: Path, path: Path) -> list[Version]:
    """The kept versions of ``path``, newest first, each with who saved it if known."""
    folder = history_folder(root, path)
    if not folder.is_dir():
        return []
    saves = list_saves(root, path)
    versions = []
    for file in folder.iterdir():
        found = _VERSION_NAME.match(file.name)
        if not found or not file.is_file():
            continue
        saved = datetime.datetime.strptime(found.group(1), _STAMP).replace(tzinfo=datetime.UTC)
        data = file.read_bytes()
        sha256 = hashlib.sha256(data).hexdigest()
        refused = bool(found.group(2))
        versions.append(
            Version(
                file,
                saved,
                len(data),
                sha256,
                refused=refused,
                author=who_saved(saves, sha256, before=saved, refused=refused),
            )
        )
    return sorted(versions, key=lambda v: (v.saved, v.file.name), reverse=True)


def current_author(root: Path, path: Path) -> Save | None:
    """Who saved the file as it is now, when the save record knows (a file changed by
    another program, or saved before records were kept, has none)."""
    return who_saved(list_saves(root, path), file_digest(path))


def files_with_history(root: Path) -> list[Path]:
    """Workspace files (present or deleted) that have kept versions or a save record,
    by path."""
    base = folder_of(root) / HISTORY
    if not base.is_dir():
        return []
    found = set()
    for version in base.rglob("*"):
        if version.is_file() and (_VERSION_NAME.match(version.name) or version.name == SAVES):
            found.add(folder_of(root) / version.parent.relative_to(base))
    return sorted(found)


def restore(root: Path, version: Version, path: Path, *, by: Person) -> Written:
    """Put an earlier version back; the current one goes into the history first, so a
    restore can itself be undone."""
    return write_files(root, {path: version.file.read_bytes()}, {path: file_digest(path)}, by=by)


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
    by: str | None = None
    """Who kept it (None: a draft from before drafts recorded it)."""


def save_draft(
    root: Path, path: Path, text: str, base: str | None, problems: int, *, by: Person
) -> Path:
    """Keep ``text`` (the whole intended content of ``path``) as a draft; raises
    :class:`NotAllowed` when ``by`` may not edit."""
    _allowed(by)
    _ignore_in_git(root, folder_of(root) / DRAFTS)
    now = datetime.datetime.now(datetime.UTC)
    header = [
        f"{DRAFT_MARK}DRAFT: not part of the workspace. Continue it on the Edit page of the "
        "app; once it has no problems, saving it there replaces the target.",
        f"{DRAFT_MARK}target {relative(root, path).as_posix()}",
        f"{DRAFT_MARK}problems {problems}",
        f"{DRAFT_MARK}base {base or 'new-file'}",
        f"{DRAFT_MARK}saved {now.isoformat(timespec='seconds')}",
        f"{DRAFT_MARK}by {' '.join(str(by).split())}",
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
        key, _, value = line[len(DRAFT_MARK) :].strip().partition(" ")
        meta[key] = value
    else:
        body_start = len(lines)
    if "target" not in meta:
        raise ValueError(f"{file} is not a draft (no {DRAFT_MARK.strip()} header)")
    target = PurePosixPath(meta["target"])
    if target.is_absolute() or ".." in target.parts or not inside(root, folder_of(root) / target):
        raise OutsideWorkspace(f"{file} names a target outside the workspace: {meta['target']}")
    saved = (
        datetime.datetime.fromisoformat(meta["saved"])
        if "saved" in meta
        else datetime.datetime.fromtimestamp(file.stat().st_mtime, datetime.UTC)
    )
    return Draft(
        target=folder_of(root) / meta["target"],
        text="".join(lines[body_start:]),
        base=None if meta.get("base") in (None, "new-file") else meta["base"],
        saved=saved,
        problems=int(meta["problems"]) if meta.get("problems", "").isdigit() else 0,
        file=file,
        by=meta.get("by") or None,
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


def discard_draft(root: Path, path: Path, *, by: Person) -> None:
    """Remove the draft of ``path``; raises :class:`NotAllowed` when ``by`` may not edit."""
    _allowed(by)
    draft = draft_path(root, path)
    if inside(root, draft):
        draft.unlink(missing_ok=True)
