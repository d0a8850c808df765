"""The one place export formats are registered.

An exporter is a small record: a name, a file extension, a media type, a render
function and an ``available`` check (so a format whose optional library is
missing reports that instead of failing). The CLI's ``ple export`` and the
app's download buttons both go through :func:`export_journey`.

A journey a format cannot hold (a map past the limits of :mod:`ple.limits`, a control
character in a workbook) is refused with :class:`ExportRefused`, whose message says why
and names the limit; an exporter's ``check`` finds most such reasons before anything is
rendered, so the app can say so on the format's button.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ple import limits
from ple.errors import NotFoundError, PleError
from ple.gaps import GapReport, analyze
from ple.io.suggest import did_you_mean
from ple.model import Workspace


@dataclass(frozen=True)
class ExportContext:
    """What every exporter may use besides the journey itself."""

    workspace: Workspace
    journey_id: str
    report: GapReport

    @property
    def journey(self):
        return self.workspace.journeys[self.journey_id]


@dataclass(frozen=True)
class Artifact:
    """One file an export writes: ``suffix`` goes between the stem and the extension,
    unless ``filename`` fixes the whole name (an image a report links to)."""

    data: bytes
    suffix: str = ""
    extension: str = ""
    filename: str | None = None


Render = Callable[[ExportContext], list[Artifact]]
Check = Callable[[ExportContext], str | None]


def _no_check(context: ExportContext) -> str | None:
    return None


@dataclass(frozen=True)
class Exporter:
    name: str
    extension: str
    media_type: str
    render: Render
    description: str
    available: Callable[[], bool] = field(default=lambda: True)
    several_files: bool = False
    """Writes more than one file (a download bundles them in a zip)."""
    check: Check = _no_check
    """Why this journey cannot be written in this format, found cheaply before rendering
    (a count against a limit), or None."""


EXPORTERS: dict[str, Exporter] = {}


class ExportUnavailable(PleError):
    """The format needs a library that is not installed."""


class ExportRefused(PleError):
    """The journey cannot be written in this format: it passes one of the format's limits
    or holds what the format cannot store. The message says which, and what to do."""


def exporter(
    name: str,
    extension: str,
    media_type: str,
    description: str,
    available: Callable[[], bool] = lambda: True,
    several_files: bool = False,
    check: Check = _no_check,
) -> Callable[[Render], Render]:
    """Register a render function as the exporter for ``name``."""

    def register(render: Render) -> Render:
        if name in EXPORTERS:
            raise ValueError(f"export format {name!r} is registered twice")
        EXPORTERS[name] = Exporter(
            name, extension, media_type, render, description, available, several_files, check
        )
        return render

    return register


def all_exporters() -> dict[str, Exporter]:
    import ple.export.formats  # noqa: F401 - importing registers the built-in formats

    return EXPORTERS


def export_journey(
    workspace: Workspace, journey_id: str, fmt: str, report: GapReport | None = None
) -> list[Artifact]:
    """Render one journey in one format. Raises NotFoundError, ExportUnavailable or
    ExportRefused (whose message starts with the journey and the format)."""
    chosen = _chosen(workspace, journey_id, fmt)
    context = ExportContext(
        workspace, journey_id, report or analyze(workspace, journeys=[journey_id])
    )
    try:
        reason = chosen.check(context)
        if reason:
            raise ExportRefused(reason)
        rendered = chosen.render(context)
    except ExportRefused as refused:
        raise ExportRefused(f"journey {journey_id!r} as {fmt}: {refused}") from None
    return [
        Artifact(a.data, a.suffix, a.extension or chosen.extension, a.filename) for a in rendered
    ]


def export_refusal(
    workspace: Workspace, journey_id: str, fmt: str, report: GapReport | None = None
) -> str | None:
    """Why :func:`export_journey` would refuse this journey in this format, as far as its
    exporter can tell without rendering (a picture may still be refused when drawn);
    None when nothing stands in the way."""
    chosen = _chosen(workspace, journey_id, fmt)
    context = ExportContext(
        workspace, journey_id, report or analyze(workspace, journeys=[journey_id])
    )
    return chosen.check(context)


def _chosen(workspace: Workspace, journey_id: str, fmt: str) -> Exporter:
    formats = all_exporters()
    if fmt not in formats:
        raise NotFoundError(f"no export format {fmt!r}{did_you_mean(fmt, formats)}")
    if journey_id not in workspace.journeys:
        raise NotFoundError(
            f"no journey {journey_id!r} in the workspace"
            f"{did_you_mean(journey_id, workspace.journeys)}"
        )
    chosen = formats[fmt]
    if not chosen.available():
        raise ExportUnavailable(f"the {fmt} format needs a library that is not installed")
    return chosen


def file_stem(journey_id: str) -> str:
    """The start of an exported file's name: the journey id. Validation keeps ids short
    slugs, but a journey that reached an export another way (a database) may carry any id:
    that one gets the slug of what it can keep and a short hash, so every file system
    takes the name and no two journeys share it."""
    if (
        re.fullmatch(r"[a-z0-9][a-z0-9-]*", journey_id)
        and len(journey_id) <= limits.ID_LENGTH.value
    ):
        return journey_id
    slug = re.sub(r"[^a-z0-9]+", "-", journey_id.lower()).strip("-")[:60] or "journey"
    return f"{slug}-{hashlib.sha256(journey_id.encode()).hexdigest()[:8]}"


def artifact_name(artifact: Artifact, stem: str) -> str:
    """The file name an artifact is written under, next to ``stem``'s other files."""
    return artifact.filename or f"{stem}{artifact.suffix}{artifact.extension}"
