"""Write exported files safely: each one whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ple.export.registry import Artifact, artifact_name


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename it over ``path``.

    A crash or a full disk leaves the old file (or none), never half a file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_artifacts(artifacts: list[Artifact], folder: Path, stem: str) -> list[Path]:
    """Write every artifact of one export into ``folder``; returns the paths written."""
    written = []
    for artifact in artifacts:
        path = folder / artifact_name(artifact, stem)
        write_atomically(path, artifact.data)
        written.append(path)
    return written
