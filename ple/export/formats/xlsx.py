"""The journey as a spreadsheet: an Excel workbook (``xlsx``) or one CSV file per sheet
(``sheets``), both read back by ``ple import xlsx``.

The sheets (Journey, Steps, Transitions, Stages, Personas, BurdenByChannel,
AcceptedFindings, Blueprint, Agencies, Programs, DataItems, Touchpoints, Sharing) and their
columns are defined once in :mod:`ple.sheets.schema`; the journey's catalog entries (and the
sharing records of its data items between its agencies) travel with it, so the workbook
stands on its own. Exporting and importing gives back an equal journey and catalog.
"""

from __future__ import annotations

import json
import re

from ple.export.registry import Artifact, ExportContext, ExportRefused, exporter
from ple.sheets import csvfiles, workbook
from ple.sheets.closure import needed_catalog, plain
from ple.sheets.convert import Tables, journey_to_tables
from ple.sheets.grid import tables_to_grids


def journey_tables(context: ExportContext) -> Tables:
    journey = context.journey
    split = journey_to_tables(plain(journey), needed_catalog(context.workspace, journey))
    return split.tables


_CONTROL_IN_JSON = re.compile(r"\\u00(?:0[0-8bcef]|1[0-9a-f])")
"""A control character an xlsx file cannot store, as JSON escapes it."""


def _cannot_store(context: ExportContext) -> str | None:
    """Which cell would hold a control character, found before the workbook is built: a
    look at the journey's JSON, and only when that finds one, the sheets themselves."""
    journey = context.journey
    text = journey.model_dump_json() + json.dumps(
        needed_catalog(context.workspace, journey), default=str
    )
    if not _CONTROL_IN_JSON.search(text):
        return None
    try:
        render_workbook(context)
    except ExportRefused as refused:
        return str(refused)
    return None


@exporter(
    "xlsx",
    ".xlsx",
    workbook.MEDIA_TYPE,
    "Excel workbook: one sheet per table (steps, transitions, stages, personas, "
    "catalog), drop-downs for fixed words; read back with ple import xlsx",
    available=workbook.available,
    check=_cannot_store,
)
def render_workbook(context: ExportContext) -> list[Artifact]:
    """The workbook; text with a control character (which xlsx cannot store) is refused
    with its cell, rather than written changed."""
    grids = tables_to_grids(journey_tables(context))
    try:
        return [Artifact(workbook.write_workbook(grids, context.journey.name))]
    except workbook.WorkbookError as error:
        raise ExportRefused(
            f"{error}; remove it from the journey, or export csv, sheets or yaml, which keep it"
        ) from None


@exporter(
    "sheets",
    ".csv",
    "text/csv",
    "the workbook's sheets as CSV files (.sheet-Steps.csv, ...); read back with ple import xlsx",
    several_files=True,
)
def render_sheets(context: ExportContext) -> list[Artifact]:
    grids = tables_to_grids(journey_tables(context))
    return [
        Artifact(csvfiles.write_csv(grid), suffix=f".sheet-{name}") for name, grid in grids.items()
    ]
