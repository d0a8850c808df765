"""A hash of a workspace's content, for caches that must notice any edit."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ple.io.files import Refused, read_bytes
from ple.io.loader import find_files


def workspace_fingerprint(path: str | Path) -> str:
    """Changes when any workspace file is added, removed, renamed or edited."""
    root = Path(path)
    digest = hashlib.sha256()
    if root.exists():
        for file in find_files(root):
            digest.update(str(file).encode() + b"\0")
            try:
                digest.update(hashlib.sha256(read_bytes(file)).digest())
            except (OSError, Refused) as error:
                digest.update(b"unreadable: " + str(error).encode())
    return digest.hexdigest()
