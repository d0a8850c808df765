"""One download per export: the file itself, or a zip when a format writes several."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from ple.export.registry import all_exporters, artifact_name, export_journey, file_stem
from ple.gaps import GapReport
from ple.model import Workspace


@dataclass(frozen=True)
class Download:
    file_name: str
    data: bytes
    media_type: str


def download_name(journey_id: str, fmt: str) -> str:
    """The name a journey's download gets, known before anything is rendered."""
    chosen = all_exporters()[fmt]
    if chosen.several_files:
        return f"{file_stem(journey_id)}-{fmt}.zip"
    return f"{file_stem(journey_id)}{chosen.extension}"


def journey_download(
    workspace: Workspace, journey_id: str, fmt: str, report: GapReport | None = None
) -> Download:
    """The export as one file: a format that makes several files comes as a zip."""
    artifacts = export_journey(workspace, journey_id, fmt, report)
    if not all_exporters()[fmt].several_files:
        only = artifacts[0]
        return Download(download_name(journey_id, fmt), only.data, all_exporters()[fmt].media_type)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for artifact in artifacts:
            archive.writestr(artifact_name(artifact, file_stem(journey_id)), artifact.data)
    return Download(download_name(journey_id, fmt), buffer.getvalue(), "application/zip")
