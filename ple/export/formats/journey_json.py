"""The journey as one JSON record (steps, handoffs, findings) for other tools."""

from __future__ import annotations

import json

from ple.export.journey_record import journey_record
from ple.export.registry import Artifact, ExportContext, exporter


@exporter(
    "journey-json",
    ".journey.json",
    "application/json",
    "the journey as one JSON record: stages, steps, handoffs, findings "
    "(docs/export.md describes every field)",
)
def render_journey_json(context: ExportContext) -> list[Artifact]:
    text = json.dumps(journey_record(context), indent=2, ensure_ascii=False)
    return [Artifact((text + "\n").encode("utf-8"))]
