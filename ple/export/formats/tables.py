"""CSV tables of a journey: steps, transitions and findings, for spreadsheets."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ple.export.registry import Artifact, ExportContext, exporter
from ple.sheets.csvfiles import csv_text

STEP_COLUMNS = [
    "order",
    "id",
    "name",
    "stage",
    "agency",
    "program",
    "channels",
    "languages",
    "minutes",
    "wait_days",
    "cost_usd",
    "visits",
    "requests",
    "sentiment",
    "pain_points",
    "end",
]
TRANSITION_COLUMNS = [
    "from",
    "to",
    "from_agency",
    "to_agency",
    "handoff",
    "shares",
    "condition",
    "share",
]
FINDING_COLUMNS = [
    "rule",
    "severity",
    "step",
    "from",
    "to",
    "agencies",
    "data_item",
    "message",
    "suggestion",
    "unverified",
    "accepted",
    "accepted_reason",
]


def _csv(columns: list[str], rows: Iterable[dict[str, Any]]) -> bytes:
    """Lists ``;``-joined; text a spreadsheet would run as a formula starts with ``'``."""

    def value(v: Any) -> Any:
        return "; ".join(map(str, v)) if isinstance(v, (list, tuple)) else v

    lines = [columns, *([value(row.get(c)) for c in columns] for row in rows)]
    return csv_text(lines).encode("utf-8")


def step_table(context: ExportContext) -> list[dict[str, Any]]:
    rows = []
    for order, step in enumerate(context.journey.steps, start=1):
        burden = step.burden
        rows.append(
            {
                "order": order,
                "id": step.id,
                "name": step.name,
                "stage": step.stage,
                "agency": step.agency,
                "program": step.program,
                "channels": [c.value for c in step.channels]
                if step.channels is not None
                else "not recorded",
                "languages": step.languages if step.languages is not None else "not recorded",
                "minutes": burden.minutes if burden else None,
                "wait_days": burden.wait_days if burden else None,
                "cost_usd": burden.cost_usd if burden else None,
                "visits": burden.visits if burden else None,
                "requests": step.requests,
                "sentiment": step.sentiment,
                "pain_points": step.pain_points,
                "end": step.end,
            }
        )
    return rows


def transition_table(context: ExportContext) -> list[dict[str, Any]]:
    agency_of = {s.id: s.agency for s in context.journey.steps}
    rows = []
    for step in context.journey.steps:
        for t in step.next:
            crossing = agency_of[t.to] != step.agency
            rows.append(
                {
                    "from": step.id,
                    "to": t.to,
                    "from_agency": step.agency,
                    "to_agency": agency_of[t.to],
                    "handoff": (t.handoff.type.value if t.handoff else "undocumented")
                    if crossing
                    else "",
                    "shares": t.handoff.shares if t.handoff else [],
                    "condition": t.condition,
                    "share": t.share,
                }
            )
    return rows


def finding_table(context: ExportContext) -> list[dict[str, Any]]:
    rows = []
    for finding in context.report.findings:
        if finding.journey != context.journey_id:
            continue
        row = finding.to_dict()
        transition = row.pop("transition") or {}
        rows.append(
            {
                **{k: row[k] for k in FINDING_COLUMNS if k in row},
                "from": transition.get("from"),
                "to": transition.get("to"),
            }
        )
    return rows


@exporter(
    "csv",
    ".csv",
    "text/csv",
    "three CSV tables: steps, transitions (.transitions) and findings (.findings)",
    several_files=True,
)
def render_tables(context: ExportContext) -> list[Artifact]:
    return [
        Artifact(_csv(STEP_COLUMNS, step_table(context))),
        Artifact(_csv(TRANSITION_COLUMNS, transition_table(context)), suffix=".transitions"),
        Artifact(_csv(FINDING_COLUMNS, finding_table(context)), suffix=".findings"),
    ]
