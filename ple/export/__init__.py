"""Exports of a journey for workshops: diagrams, editable files, tables and a brief."""

from ple.export.registry import (
    EXPORTERS,
    Artifact,
    ExportContext,
    Exporter,
    ExportUnavailable,
    all_exporters,
    artifact_name,
    export_journey,
)

__all__ = [
    "EXPORTERS",
    "Artifact",
    "ExportContext",
    "ExportUnavailable",
    "Exporter",
    "all_exporters",
    "artifact_name",
    "export_journey",
]
