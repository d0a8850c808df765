"""Write exported files safely: each one whole or not at all, and none over an existing
file unless asked."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from ple.export.registry import Artifact, artifact_name
from ple.io.atomic import Staged, stage

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


def plan_files(
    artifacts: list[Artifact], output: str | None, stem: str, many: bool = False
) -> list[Planned]:
    """Where one journey's artifacts go: into the folder ``output`` names (``exports`` by
    default), named after ``stem``; or as the file ``output`` names, its extension
    added when missing."""
    if means_a_folder(output, many):
        folder = Path(output) if output is not None else DEFAULT_FOLDER
    else:
        target = Path(output)  # type: ignore[arg-type]  # means_a_folder covers None
        artifacts = _named_as_given(artifacts, target.name)
        folder, stem = target.parent, target.name.removesuffix(artifacts[0].extension)
    return [Planned(folder / artifact_name(a, stem), a.data) for a in artifacts]


def _named_as_given(artifacts: list[Artifact], name: str) -> list[Artifact]:
    """A one-file format with a two-part extension (``.text.html``) written to a name with
    only its last part (``-o child.html``) keeps that name, rather than becoming
    ``child.html.text.html``."""
    if len(artifacts) != 1 or artifacts[0].suffix or name.endswith(artifacts[0].extension):
        return artifacts
    last = Path(artifacts[0].extension).suffix
    if last and last != artifacts[0].extension and name.endswith(last):
        return [replace(artifacts[0], extension=last)]
    return artifacts


class ExportFiles:
    """The files of one export, each staged on the disk beside its place as soon as it is
    made (so a thousand journeys' pictures are never all in memory), and renamed into
    place together by :meth:`commit`. A file that exists stops the export unless
    ``force`` is set: every staged file is removed and :class:`WouldOverwrite` raised, so
    nothing is written, not even part of an export of every journey."""

    def __init__(self, force: bool = False) -> None:
        self.force = force
        self.staged: list[Staged] = []

    def add(self, planned: list[Planned]) -> None:
        existing = [p.path for p in planned if _holds(p.path, Path.exists)]
        if existing and not self.force:
            self.discard()
            raise WouldOverwrite(existing)
        for file in planned:
            self.staged.append(stage(file.path, file.data))

    def commit(self) -> list[Path]:
        """Rename every staged file into place; returns the paths written."""
        for file in self.staged:
            file.commit()
        written, self.staged = [f.path for f in self.staged], []
        return written

    def discard(self) -> None:
        for file in self.staged:
            file.discard()
        self.staged = []


def _holds(path: Path, check: Callable[[Path], bool]) -> bool:
    """The check, or False for a path the system cannot look at (a name too long): writing
    there then fails with the system's own reason, which the command reports."""
    try:
        return check(path)
    except OSError:
        return False
