"""Which files make up a workspace, and reading one without trusting what it is.

A workspace folder is the user's, and anything can sit in it: a named pipe called
``x.yaml`` (reading it waits forever), a link to ``/dev/zero`` (reading it never
ends), a link that loops, a link to a file elsewhere on the machine, a folder nobody
may read. Each is turned away with a message that names it, never opened blindly and
never skipped without a word:

- a link is read only when it leads to a regular file inside the workspace; one that
  leads out of it, loops or leads nowhere is refused (an error);
- a linked folder is not followed (a warning): inside the workspace its files are
  read where they really are, and outside it they are not part of the workspace;
- anything that is not a regular file or folder (a pipe, a device, a socket) is
  refused;
- a folder that cannot be read is an error: the workspace would be incomplete.

Names starting with a dot and the folders in :data:`SKIPPED_FOLDERS` are skipped
quietly, as documented; files with other endings are not workspace files at all.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ple import limits
from ple.errors import Problem, Severity

SUFFIXES = (".yaml", ".yml", ".json")
SKIPPED_FOLDERS = {"node_modules", "__pycache__"}


@dataclass
class Found:
    """The workspace files under a root, in a stable order, and what was turned away."""

    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class Refused(OSError):
    """A file that is not read, and why (a sentence for the user). An OSError, so code
    that handles a file it cannot read handles this one too."""

    def __init__(self, message: str, code: str, path: Path | str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.filename = str(path) if path is not None else None

    def __str__(self) -> str:
        return self.message


def is_workspace_name(name: str) -> bool:
    return name.lower().endswith(SUFFIXES) and not name.startswith(".")


def scan(root: Path) -> Found:
    """Every workspace file below ``root`` (or ``root`` itself when it is a file), with
    a problem for each file or folder turned away."""
    found = Found()
    try:
        kind = os.stat(root).st_mode
    except OSError as error:
        found.problems.append(Problem(str(root), _unreachable(error), code=_code(error)))
        return found
    if not stat.S_ISDIR(kind):
        if stat.S_ISREG(kind):
            found.files.append(root)
        else:
            found.problems.append(
                Problem(
                    str(root),
                    f"not read: {_kind(kind)}, not a regular file or folder",
                    code="not-a-file",
                )
            )
        return found
    real_root = Path(os.path.realpath(root))
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as error:
            found.problems.append(
                Problem(
                    str(folder),
                    f"cannot read folder: {error.strerror or error}",
                    code="unreadable-folder",
                )
            )
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = folder / entry.name
            if entry.is_symlink():
                _linked(path, real_root, found)
                continue
            try:
                mode = entry.stat(follow_symlinks=False).st_mode
            except OSError as error:
                found.problems.append(Problem(str(path), _unreachable(error), code=_code(error)))
                continue
            if stat.S_ISDIR(mode):
                if entry.name not in SKIPPED_FOLDERS:
                    subfolders.append(path)
            elif is_workspace_name(entry.name):
                if stat.S_ISREG(mode):
                    found.files.append(path)
                else:
                    found.problems.append(
                        Problem(
                            str(path),
                            f"not read: {_kind(mode)}, not a regular file",
                            code="not-a-file",
                        )
                    )
        pending.extend(reversed(subfolders))
    found.files.sort(key=lambda p: p.relative_to(root).as_posix())
    return found


def _linked(path: Path, real_root: Path, found: Found) -> None:
    """A symbolic link in the workspace: read it, or say why not."""
    workspace_file = is_workspace_name(path.name)
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        if workspace_file or error.errno == errno.ELOOP:
            severity = Severity.error if workspace_file else Severity.warning
            found.problems.append(
                Problem(str(path), _unreachable(error), code=_code(error), severity=severity)
            )
        return  # a broken link with another ending is not a workspace file
    target = Path(os.path.realpath(path))
    inside = target == real_root or real_root in target.parents
    if stat.S_ISDIR(mode):
        if inside:
            found.problems.append(
                Problem(
                    str(path),
                    f"a linked folder is not followed; its files are read where they "
                    f"are ({target.relative_to(real_root).as_posix() or '.'})",
                    severity=Severity.warning,
                    code="linked-folder",
                )
            )
        else:
            found.problems.append(
                Problem(
                    str(path),
                    f"not read: a link to the folder {target}, outside the workspace; "
                    "copy what belongs to the workspace into it",
                    code="link-outside",
                )
            )
        return
    if not workspace_file:
        return
    if not inside:
        found.problems.append(
            Problem(
                str(path),
                f"not read: a link to {target}, outside the workspace; copy the file "
                "into the workspace instead",
                code="link-outside",
            )
        )
    elif not stat.S_ISREG(mode):
        found.problems.append(
            Problem(
                str(path),
                f"not read: a link to {_kind(mode)}, not a regular file",
                code="not-a-file",
            )
        )
    else:
        found.files.append(path)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a special file"


def _unreachable(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "not read: a symbolic link that leads round in a loop"
    if error.errno == errno.ENOENT:
        return "no such file or folder (a link that leads nowhere?)"
    return f"cannot read: {error.strerror or error}"


def _code(error: OSError) -> str:
    return {errno.ELOOP: "link-loop", errno.ENOENT: "not-found"}.get(error.errno or 0, "unreadable")


def read_bytes(path: Path, max_bytes: int | None = None) -> bytes:
    """The bytes of a regular file, at most ``max_bytes`` (default: the file size limit).

    The file is opened without waiting (a named pipe put in its place would otherwise
    block the open) and checked to be a regular file before a byte is read; no more
    than the limit is ever read, even from a file that grows meanwhile. Raises
    :class:`Refused`, or OSError when the file cannot be opened.
    """
    limit = limits.MAX_FILE_BYTES if max_bytes is None else max_bytes
    descriptor = os.open(
        path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    )
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise Refused(
                f"not read: {_kind(info.st_mode)}, not a regular file", "not-a-file", path
            )
        if info.st_size > limit:
            raise Refused(too_large(info.st_size, limit), "too-large", path)
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(descriptor, min(limit + 1 - total, 1 << 24))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise Refused(too_large(total, limit), "too-large", path)
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def reading_problem(path: Path | str, error: OSError) -> Problem:
    """The problem to report for a file that could not be read (or was refused)."""
    if isinstance(error, Refused):
        return Problem(str(path), error.message, code=error.code)
    return Problem(str(path), f"cannot read file: {error.strerror or error}", code="unreadable")


def too_large(size: int, limit: int | None = None) -> str:
    """The message for a file over the size limit (``limit`` in bytes; default the file
    size limit, named with its setting)."""
    if limit is None or limit == limits.MAX_FILE_BYTES:
        limit = limits.MAX_FILE_BYTES
        return (
            f"not read: the file is {size / 2**20:,.1f} MiB, over the limit of "
            f"{limit / 2**20:,.4g} {limits.FILE_MIB.what} (set {limits.FILE_MIB.setting} "
            "to raise it, or split the file)"
        )
    return f"not read: the file is {size:,} bytes, over the limit of {limit:,} bytes"
