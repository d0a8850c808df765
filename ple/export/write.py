"""Write exported files safely: each one whole or not at all, and none over an existing
file unless asked."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ple.export.registry import Artifact, artifact_name
from ple.io.atomic import write_atomically

DEFAULT_FOLDER = Path("exports")


@dataclass(frozen=True)
class Planned:
    """One file an export is about to write."""

    path: Path
    data: bytes


class WouldOverwrite(Exception):
    """Files an export would replace, refused because overwriting was not asked for."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
        shown = ", ".join(str(p) for p in paths[:3]) + (", ..." if len(paths) > 3 else "")
        what = f"{shown} exists" if len(paths) == 1 else f"{len(paths)} files exist ({shown})"
        them = "it" if len(paths) == 1 else "them"
        super().__init__(f"{what}; use --force to overwrite {them} (nothing written)")


def means_a_folder(output: str | None, many: bool) -> bool:
    """Whether ``-o`` names a folder: always for several journeys and by default; else when
    it ends in a slash (``newdir/``, created if missing) or is a folder already."""
    if many or output is None:
        return True
    return output.endswith(("/", os.sep)) or _holds(Path(output), Path.is_dir)


def plan_files(artifacts: list[Artifact], output: str | None, stem: str,
               many: bool = False) -> list[Planned]:
    """Where one journey's artifacts go: into the folder ``output`` names (``exports`` by
    default), named after ``stem``; or as the file ``output`` names, its extension
    added when missing."""
    if means_a_folder(output, many):
        folder = Path(output) if output is not None else DEFAULT_FOLDER
    else:
        target = Path(output)  # type: ignore[arg-type]  # means_a_folder covers None
        folder, stem = target.parent, target.name.removesuffix(artifacts[0].extension)
    return [Planned(folder / artifact_name(a, stem), a.data) for a in artifacts]


def write_planned(planned: list[Planned], force: bool = False) -> list[Path]:
    """Write every planned file, or none when one exists and ``force`` is not set (raises
    :class:`WouldOverwrite`); returns the paths written."""
    existing = [p.path for p in planned if _holds(p.path, Path.exists)]
    if existing and not force:
        raise WouldOverwrite(existing)
    for file in planned:
        write_atomically(file.path, file.data)
    return [p.path for p in planned]


def _holds(path: Path, check: Callable[[Path], bool]) -> bool:
    """The check, or False for a path the system cannot look at (a name too long): writing
    there then fails with the system's own reason, which the command reports."""
    try:
        return check(path)
    except OSError:
        return False


def write_artifacts(artifacts: list[Artifact], folder: Path, stem: str) -> list[Path]:
    """Write every artifact of one export into ``folder``, over any file of the same name;
    returns the paths written."""
    return write_planned([Planned(folder / artifact_name(a, stem), a.data)
                          for a in artifacts], force=True)
