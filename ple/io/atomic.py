"""Write a file whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write to a temporary file beside ``path``, then rename it over ``path``.

    A crash or a full disk leaves the old file (or none), never half a file. The data
    reaches the disk before the rename (``fsync``), and the folder after it, so a power
    cut cannot leave an empty file under the name either. The new file gets the old
    one's permissions, or ``mode`` (a copy keeps its source's: a private 0600 file's
    history stays private), or the usual ones for a new file (the temporary file's
    private 0600 would otherwise stick).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if mode is None:
        mode = permissions(path)
    if mode is None:
        mode = 0o666 & ~_current_umask()
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def permissions(path: Path) -> int | None:
    """The permission bits of ``path`` (``0o600``), or None when there is no such file."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        return None


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every system can open a folder (Windows)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
