"""Write exported files safely: each one whole or not at all."""

from __future__ import annotations

from pathlib import Path

from ple.export.registry import Artifact, artifact_name
from ple.io.atomic import write_atomically


def write_artifacts(artifacts: list[Artifact], folder: Path, stem: str) -> list[Path]:
    """Write every artifact of one export into ``folder``; returns the paths written."""
    written = []
    for artifact in artifacts:
        path = folder / artifact_name(artifact, stem)
        write_atomically(path, artifact.data)
        written.append(path)
    return written
