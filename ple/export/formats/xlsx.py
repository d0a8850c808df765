"""The journey as a spreadsheet: an Excel workbook (``xlsx``) or one CSV file per sheet
(``sheets``), both read back by ``ple import xlsx``.

The sheets (Journey, Steps, Transitions, Stages, Personas, BurdenByChannel,
AcceptedFindings, Agencies, Programs, DataItems) and their columns are defined once in
:mod:`ple.sheets.schema`; the journey's catalog entries travel with it, so the workbook
stands on its own. Exporting and importing gives back an equal journey and catalog.
"""

from __future__ import annotations

from ple.export.registry import Artifact, ExportContext, exporter
from ple.sheets import csvfiles, workbook
from ple.sheets.closure import needed_catalog, plain
from ple.sheets.convert import Tables, journey_to_tables
from ple.sheets.grid import tables_to_grids


def journey_tables(context: ExportContext) -> Tables:
    journey = context.journey
    split = journey_to_tables(plain(journey), needed_catalog(context.workspace, journey))
    return split.tables


@exporter("xlsx", ".xlsx", workbook.MEDIA_TYPE,
          "Excel workbook: one sheet per table (steps, transitions, stages, personas, "
          "catalog), drop-downs for fixed words; read back with ple import xlsx",
          available=workbook.available)
def render_workbook(context: ExportContext) -> list[Artifact]:
    grids = tables_to_grids(journey_tables(context))
    return [Artifact(workbook.write_workbook(grids, context.journey.name))]


@exporter("sheets", ".csv", "text/csv",
          "the workbook's sheets as CSV files (.sheet-Steps.csv, ...); read back with "
          "ple import xlsx", several_files=True)
def render_sheets(context: ExportContext) -> list[Artifact]:
    grids = tables_to_grids(journey_tables(context))
    return [Artifact(csvfiles.write_csv(grid), suffix=f".sheet-{name}")
            for name, grid in grids.items()]
