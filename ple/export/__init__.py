"""Exports of a journey for workshops: diagrams, editable files, tables and a brief."""

from ple.export.registry import (
    EXPORTERS,
    Artifact,
    ExportContext,
    Exporter,
    ExportRefused,
    ExportUnavailable,
    all_exporters,
    artifact_name,
    export_journey,
    export_refusal,
)

__all__ = [
    "EXPORTERS",
    "Artifact",
    "ExportContext",
    "ExportRefused",
    "ExportUnavailable",
    "Exporter",
    "all_exporters",
    "artifact_name",
    "export_journey",
    "export_refusal",
]
