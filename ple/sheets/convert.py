"""A journey document and its catalog as tables of rows, and back.

Both directions work on plain documents (the dicts a YAML file parses to), not on
validated models, so a journey with mistakes can be shown in tables, edited and
validated again; validation stays the loader's job (:func:`ple.io.documents.read_document`).
Going back, every value is remembered with the cell it came from, so a problem the
loader reports at ``steps[3].burden.minutes`` is shown at the Steps table, row 3,
column ``minutes``.

Table values are Python values: text, numbers, booleans and lists (the app's tables),
or the text a spreadsheet cell holds (lists joined, numbers as text in CSV); reading
back accepts both.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ple.errors import KeyPath, Severity
from ple.io.suggest import did_you_mean
from ple.model import BLUEPRINT_ROWS
from ple.sheets import schema
from ple.sheets.cells import (
    LINE_SEPARATOR,
    NONE,
    WORD_SEPARATOR,
    CellError,
    read_bool,
    read_listing,
    read_number,
    read_text,
    split_items,
)
from ple.sheets.schema import Column, Kind, Sheet

Row = dict[str, Any]
Tables = dict[str, list[Row]]
"""Sheet name -> rows; the Journey sheet has exactly one row."""

_BURDEN_KEYS = tuple(c.name for c in schema.BURDEN)
_MEASURE_KEYS = tuple(c.name for c in schema.MEASURES)
_VOLUME = {
    "volume_per_year": "per_year",
    "volume_source": "source",
    "volume_year": "year",
    "volume_notes": "notes",
}
_EVIDENCE = (("level", "evidence"), ("sources", "evidence_sources"), ("notes", "evidence_notes"))
"""An ``evidence`` block's keys and the column suffixes that hold them."""
_EVIDENCE_PREFIXES = ("", "burden_", "measures_")
"""The evidence blocks of a step row: the step's own, its burden's and its measures'."""
_STEP_EVIDENCE = {prefix + suffix for prefix in _EVIDENCE_PREFIXES for _, suffix in _EVIDENCE}


@dataclass(frozen=True)
class Cell:
    """A place in the tables: a sheet, a row (0-based, None for the whole sheet), a column."""

    sheet: str
    row: int | None = None
    column: str | None = None


@dataclass(frozen=True)
class CellProblem:
    """Something wrong with one cell, found before the loader sees the document."""

    cell: Cell
    message: str
    value: Any = None
    severity: Severity = Severity.error


@dataclass
class Built:
    """A document built from tables, where each of its values came from, and the cells
    that could not be read."""

    document: dict[str, Any]
    cells: dict[KeyPath, Cell] = field(default_factory=dict)
    problems: list[CellProblem] = field(default_factory=list)

    def cell_of(self, path: KeyPath) -> Cell | None:
        """The cell behind a key path, or behind its nearest parent that has one."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.cells:
                return self.cells[path[:end]]
        return None


# --- document -> tables ---------------------------------------------------------------


@dataclass
class Split:
    """Tables made from a document, and what they could not hold (key paths)."""

    tables: Tables
    left_out: list[KeyPath] = field(default_factory=list)


def journey_to_tables(
    journey: Mapping[str, Any], catalog: Mapping[str, Any] | None = None
) -> Split:
    """The journey (a plain dict) as the journey sheets; with ``catalog`` (a mapping with
    ``agencies``, ``programs``, ``data_items``) also the catalog sheets."""
    split = Split({})
    journey = journey if isinstance(journey, Mapping) else {}
    head: Row = {}
    for key, value in journey.items():
        if key in ("stages", "personas", "steps", "accepted_findings"):
            continue
        if key == "volume" and isinstance(value, Mapping):
            for column, inner in _VOLUME.items():
                if inner in value:
                    head[column] = value[inner]
            _evidence_cells(
                split,
                head,
                ("volume", "evidence"),
                value.get("evidence"),
                schema.JOURNEY,
                "volume_",
            )
            _left_out_keys(split, ("volume",), value, {*_VOLUME.values(), "evidence"})
        elif key in schema.JOURNEY.names and key != "volume":
            head[key] = _cell_value(split, (key,), value, schema.JOURNEY.column(key))
        else:
            split.left_out.append((key,))
    split.tables["Journey"] = [head]
    split.tables["Stages"] = _plain_rows(split, journey.get("stages"), ("stages",), schema.STAGES)
    split.tables["Personas"] = [
        _persona_row(split, p, ("personas", i))
        for i, p in enumerate(_as_list(split, journey, "personas"))
    ]
    steps, transitions, by_channel, blueprint = [], [], [], []
    for i, step in enumerate(_as_list(split, journey, "steps")):
        row, moves, channel_rows, actions = _step_rows(split, step, ("steps", i))
        steps.append(row)
        transitions += moves
        by_channel += channel_rows
        blueprint += actions
    split.tables["Steps"] = steps
    split.tables["Transitions"] = transitions
    split.tables["BurdenByChannel"] = by_channel
    split.tables["Blueprint"] = blueprint
    split.tables["AcceptedFindings"] = [
        _accepted_row(split, a, ("accepted_findings", i))
        for i, a in enumerate(_as_list(split, journey, "accepted_findings"))
    ]
    if catalog is not None:
        split.tables.update(catalog_to_tables(catalog, split))
    return split


def catalog_to_tables(catalog: Mapping[str, Any], split: Split | None = None) -> Tables:
    """The catalog sheets (Agencies, Programs, DataItems, Touchpoints, Sharing) of a mapping
    of collections."""
    split = split or Split({})
    tables: Tables = {}
    for sheet_name, key in schema.CATALOG_KEYS.items():
        items = catalog.get(key) or []
        sheet = schema.BY_NAME[sheet_name]
        if sheet is schema.SHARING:
            tables[sheet_name] = _sharing_rows(split, items, (key,))
        else:
            tables[sheet_name] = _plain_rows(split, items, (key,), sheet)
    return tables


def _sharing_rows(split: Split, items: Any, path: KeyPath) -> list[Row]:
    """Sharing records as rows, each record's ``authority`` in its three columns."""
    if items is None:
        return []
    if not isinstance(items, list):
        split.left_out.append(path)
        return []
    sheet = schema.SHARING
    inner = {key: column for column, key in schema.SHARING_AUTHORITY.items()}
    rows = []
    for index, item in enumerate(items):
        at = (*path, index)
        if not isinstance(item, Mapping):
            split.left_out.append(at)
            rows.append({})
            continue
        row: Row = {}
        for key, value in item.items():
            if key == "authority" and isinstance(value, Mapping):
                for name, part in value.items():
                    if name in inner:
                        row[inner[name]] = _cell_value(
                            split, (*at, key, name), part, sheet.column(inner[name])
                        )
                    else:
                        split.left_out.append((*at, key, name))
            elif key == "authority":
                if value is not None:
                    split.left_out.append((*at, key))
            elif key in sheet.names and key not in schema.SHARING_AUTHORITY:
                row[key] = _cell_value(split, (*at, key), value, sheet.column(key))
            else:
                split.left_out.append((*at, key))
        rows.append(row)
    return rows


def _as_list(split: Split, mapping: Mapping[str, Any], key: str) -> list[Any]:
    value = mapping.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        split.left_out.append((key,))
        return []
    return value


def _plain_rows(split: Split, items: Any, path: KeyPath, sheet: Sheet) -> list[Row]:
    if items is None:
        return []
    if not isinstance(items, list):
        split.left_out.append(path)
        return []
    rows = []
    for index, item in enumerate(items):
        at = (*path, index)
        if not isinstance(item, Mapping):
            split.left_out.append(at)
            rows.append({})
            continue
        row = {}
        for key, value in item.items():
            if key in sheet.names:
                row[key] = _cell_value(split, (*at, key), value, sheet.column(key))
            else:
                split.left_out.append((*at, key))
        rows.append(row)
    return rows


def _cell_value(split: Split, path: KeyPath, value: Any, column: Column) -> Any:
    """A document value as a table value; values a cell cannot hold are left out."""
    if column.is_list:
        if value is None:
            return None
        if isinstance(value, list) and all(_is_scalar(v) for v in value):
            return [v if isinstance(v, str) else _scalar_text(v) for v in value]
        split.left_out.append(path)
        return None
    if _is_scalar(value):
        return value
    split.left_out.append(path)
    return None


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _scalar_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _left_out_keys(
    split: Split, path: KeyPath, mapping: Mapping[str, Any], known: set[str]
) -> None:
    split.left_out.extend((*path, key) for key in mapping if key not in known)


def _evidence_cells(
    split: Split, row: Row, path: KeyPath, value: Any, sheet: Sheet, prefix: str
) -> None:
    """An ``evidence`` block as its three cells (``<prefix>evidence``, ...)."""
    if value is None:
        return
    if not isinstance(value, Mapping):
        split.left_out.append(path)
        return
    for inner, suffix in _EVIDENCE:
        if inner in value:
            name = prefix + suffix
            row[name] = _cell_value(split, (*path, inner), value[inner], sheet.column(name))
    _left_out_keys(split, path, value, {inner for inner, _ in _EVIDENCE})


def _action_rows(
    split: Split, step_id: Any, row_name: str, actions: Any, path: KeyPath
) -> list[Row]:
    """A blueprint row's actions as rows of the Blueprint sheet."""
    if actions is None:
        return []
    if not isinstance(actions, list):
        split.left_out.append(path)
        return []
    rows = []
    sheet = schema.BLUEPRINT
    for j, action in enumerate(actions):
        if not isinstance(action, Mapping):
            split.left_out.append((*path, j))
            continue
        row: Row = {"step": step_id, "row": row_name}
        for key, value in action.items():
            if key in ("text", "agency", "system"):
                row[key] = _cell_value(split, (*path, j, key), value, sheet.column(key))
            else:
                split.left_out.append((*path, j, key))
        rows.append(row)
    return rows


def _persona_row(split: Split, persona: Any, path: KeyPath) -> Row:
    if not isinstance(persona, Mapping):
        split.left_out.append(path)
        return {}
    row: Row = {}
    sheet = schema.PERSONAS
    for key, value in persona.items():
        if key == "can_use":
            if value is None:
                continue
            if not isinstance(value, Mapping):
                split.left_out.append((*path, key))
                continue
            for inner in ("channels", "languages"):
                if inner in value:
                    row[f"can_use_{inner}"] = _cell_value(
                        split, (*path, key, inner), value[inner], sheet.column(f"can_use_{inner}")
                    )
            _left_out_keys(split, (*path, key), value, {"channels", "languages"})
        elif key in sheet.names:
            row[key] = _cell_value(split, (*path, key), value, sheet.column(key))
        else:
            split.left_out.append((*path, key))
    return row


def _step_rows(
    split: Split, step: Any, path: KeyPath
) -> tuple[Row, list[Row], list[Row], list[Row]]:
    if not isinstance(step, Mapping):
        split.left_out.append(path)
        return {}, [], [], []
    row: Row = {}
    moves: list[Row] = []
    by_channel: list[Row] = []
    actions: list[Row] = []
    sheet = schema.STEPS
    step_id = step.get("id")
    for key, value in step.items():
        at = (*path, key)
        if key in ("burden", "measures"):
            if value is None:
                continue
            keys = _BURDEN_KEYS if key == "burden" else _MEASURE_KEYS
            if not isinstance(value, Mapping):
                split.left_out.append(at)
                continue
            for inner in keys:
                if inner in value:
                    row[inner] = _cell_value(split, (*at, inner), value[inner], sheet.column(inner))
            _evidence_cells(split, row, (*at, "evidence"), value.get("evidence"), sheet, f"{key}_")
            _left_out_keys(split, at, value, {*keys, "evidence"})
        elif key == "evidence":
            _evidence_cells(split, row, at, value, sheet, "")
        elif key in BLUEPRINT_ROWS:
            actions += _action_rows(split, step_id, key, value, at)
        elif key == "next":
            if value is None:
                continue
            if not isinstance(value, list):
                split.left_out.append(at)
                continue
            moves += [_move_row(split, step_id, move, (*at, j)) for j, move in enumerate(value)]
        elif key == "burden_by_channel":
            if value is None:
                continue
            if not isinstance(value, Mapping):
                split.left_out.append(at)
                continue
            for channel, burden in value.items():
                channel_row = {"step": step_id, "channel": channel}
                if isinstance(burden, Mapping):
                    for inner in _BURDEN_KEYS:
                        if inner in burden:
                            channel_row[inner] = _cell_value(
                                split,
                                (*at, channel, inner),
                                burden[inner],
                                schema.BURDEN_BY_CHANNEL.column(inner),
                            )
                    _evidence_cells(
                        split,
                        channel_row,
                        (*at, channel, "evidence"),
                        burden.get("evidence"),
                        schema.BURDEN_BY_CHANNEL,
                        "",
                    )
                    _left_out_keys(split, (*at, channel), burden, {*_BURDEN_KEYS, "evidence"})
                elif burden is not None:
                    split.left_out.append((*at, channel))
                by_channel.append(channel_row)
        elif (
            key in sheet.names
            and key not in _BURDEN_KEYS
            and key not in _MEASURE_KEYS
            and key not in _STEP_EVIDENCE
        ):
            row[key] = _cell_value(split, at, value, sheet.column(key))
        else:
            split.left_out.append(at)
    return row, moves, by_channel, actions


def _move_row(split: Split, step_id: Any, move: Any, path: KeyPath) -> Row:
    row: Row = {"from": step_id}
    if not isinstance(move, Mapping):
        split.left_out.append(path)
        return row
    sheet = schema.TRANSITIONS
    for key, value in move.items():
        if key == "handoff":
            if value is None:
                continue
            if not isinstance(value, Mapping):
                split.left_out.append((*path, key))
                continue
            for inner, column in (("type", "handoff"), ("shares", "shares"), ("note", "note")):
                if inner in value:
                    row[column] = _cell_value(
                        split, (*path, key, inner), value[inner], sheet.column(column)
                    )
            _left_out_keys(split, (*path, key), value, {"type", "shares", "note"})
        elif key in ("to", "condition", "share"):
            row[key] = _cell_value(split, (*path, key), value, sheet.column(key))
        elif key == "evidence":
            _evidence_cells(split, row, (*path, key), value, sheet, "")
        else:
            split.left_out.append((*path, key))
    return row


def _accepted_row(split: Split, accepted: Any, path: KeyPath) -> Row:
    if not isinstance(accepted, Mapping):
        split.left_out.append(path)
        return {}
    row: Row = {}
    sheet = schema.ACCEPTED_FINDINGS
    for key, value in accepted.items():
        if key == "transition":
            if value is None:
                continue
            if not isinstance(value, Mapping):
                split.left_out.append((*path, key))
                continue
            for inner in ("from", "to"):
                if inner in value:
                    row[inner] = _cell_value(
                        split, (*path, key, inner), value[inner], sheet.column(inner)
                    )
            _left_out_keys(split, (*path, key), value, {"from", "to"})
        elif key in ("rule", "step", "data_item", "reason"):
            row[key] = _cell_value(split, (*path, key), value, sheet.column(key))
        else:
            split.left_out.append((*path, key))
    return row


# --- tables -> document ---------------------------------------------------------------


class _Reader:
    """Reads cells by their column's kind, remembering where each value came from."""

    def __init__(self) -> None:
        self.built = Built({})

    def value(
        self, sheet: Sheet, row_index: int, row: Row, name: str, path: KeyPath | None = None
    ) -> Any:
        """The cell's value for the document, or None when empty or unreadable; with a
        ``path``, the cell is remembered as that value's origin."""
        column = sheet.column(name)
        cell = Cell(sheet.name, row_index, name)
        if path is not None:  # even when empty: "missing required field" points here
            self.built.cells[path] = cell
        raw = row.get(name)
        try:
            return _read(column, raw)
        except CellError as error:
            self.built.problems.append(CellProblem(cell, str(error), raw))
            return None

    def put(
        self,
        target: dict[str, Any],
        key: str,
        sheet: Sheet,
        row_index: int,
        row: Row,
        name: str,
        path: KeyPath,
    ) -> None:
        value = self.value(sheet, row_index, row, name, path)
        if value is not None:
            target[key] = value

    def anchor(self, path: KeyPath, cell: Cell) -> None:
        self.built.cells.setdefault(path, cell)

    def evidence(
        self,
        target: dict[str, Any],
        sheet: Sheet,
        row_index: int,
        row: Row,
        prefix: str,
        path: KeyPath,
    ) -> None:
        """The ``evidence`` block at ``path`` from its three cells, into ``target``."""
        evidence: dict[str, Any] = {}
        for inner, suffix in _EVIDENCE:
            self.put(evidence, inner, sheet, row_index, row, prefix + suffix, (*path, inner))
        if evidence:
            target["evidence"] = evidence
            self.anchor(path, Cell(sheet.name, row_index, f"{prefix}evidence"))


def _read(column: Column, raw: Any) -> Any:
    if _is_missing(raw):
        return None
    if column.is_list:
        if isinstance(raw, (list, tuple)):  # the app's list cells; NONE may be picked
            items = [str(v).strip() for v in raw if not _is_missing(v) and str(v).strip()]
            if NONE in items:
                items = []
            elif not items:
                return None
        else:
            separator = LINE_SEPARATOR if column.kind is Kind.lines else WORD_SEPARATOR
            items = split_items(read_text(raw), separator)
        if items == [] and not column.unknown_allowed:
            return None  # an empty list and none at all mean the same here
        return items
    if column.kind is Kind.number:
        return read_number(raw)
    if column.kind is Kind.whole:
        return read_number(raw, whole=True)
    if column.kind is Kind.flag:
        return read_bool(raw)
    if column.kind is Kind.listing:
        return read_listing(raw)
    return read_text(raw)


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:  # NaN: an empty cell in a data frame
        return True
    return isinstance(value, str) and not value.strip()


def _is_blank(row: Row) -> bool:
    return all(_is_missing(v) or (isinstance(v, (list, tuple)) and not v) for v in row.values())


def tables_to_journey(tables: Mapping[str, list[Row]]) -> Built:
    """A one-journey document (with catalog collections when the tables have catalog
    sheets) built from the tables, with the cell of every value."""
    reader = _Reader()
    document = reader.built.document
    head = (tables.get("Journey") or [{}])[0]
    reader.anchor((), Cell("Journey", 0, "id"))
    for column in schema.JOURNEY.columns:
        if column.name in _VOLUME or column.name.startswith("volume_evidence"):
            continue
        reader.put(document, column.name, schema.JOURNEY, 0, head, column.name, (column.name,))
    volume: dict[str, Any] = {}
    for name, inner in _VOLUME.items():
        reader.put(volume, inner, schema.JOURNEY, 0, head, name, ("volume", inner))
    reader.evidence(volume, schema.JOURNEY, 0, head, "volume_", ("volume", "evidence"))
    if volume:
        document["volume"] = volume
        reader.anchor(("volume",), Cell("Journey", 0, "volume_per_year"))
    _read_plain(reader, document, "personas", tables, schema.PERSONAS, _persona_from)
    _read_plain(reader, document, "stages", tables, schema.STAGES)
    steps, where = _read_steps(reader, tables)
    document["steps"] = steps
    reader.anchor(("steps",), Cell("Steps"))
    _read_transitions(reader, tables, steps, where)
    _read_burden_by_channel(reader, tables, steps, where)
    _read_blueprint(reader, tables, steps, where)
    _read_plain(
        reader, document, "accepted_findings", tables, schema.ACCEPTED_FINDINGS, _accepted_from
    )
    document.update(_catalog_document(reader, tables))
    return reader.built


def tables_to_catalog(tables: Mapping[str, list[Row]]) -> Built:
    """A collections document (agencies, programs, data items, touchpoints, sharing)
    built from catalog tables."""
    reader = _Reader()
    reader.built.document.update(_catalog_document(reader, tables))
    return reader.built


def _catalog_document(reader: _Reader, tables: Mapping[str, list[Row]]) -> dict[str, Any]:
    document: dict[str, Any] = {}
    for sheet_name, key in schema.CATALOG_KEYS.items():
        if sheet_name in tables:
            sheet = schema.BY_NAME[sheet_name]
            build = _sharing_from if sheet is schema.SHARING else None
            _read_plain(reader, document, key, tables, sheet, build)
    return document


def _sharing_from(
    reader: _Reader, sheet: Sheet, index: int, row: Row, path: KeyPath
) -> dict[str, Any]:
    """A sharing record from its row: the three ``authority_`` columns nest again."""
    record: dict[str, Any] = {}
    _put_flat(reader, record, ("data_item", "from", "to", "basis"), sheet, index, row, path)
    _put_nested(reader, record, "authority", schema.SHARING_AUTHORITY, sheet, index, row, path)
    _put_flat(reader, record, ("sources", "notes"), sheet, index, row, path)
    return record


def _put_flat(
    reader: _Reader,
    item: dict[str, Any],
    names: tuple[str, ...],
    sheet: Sheet,
    index: int,
    row: Row,
    path: KeyPath,
) -> None:
    """Columns read back as keys of the same name."""
    for name in names:
        reader.put(item, name, sheet, index, row, name, (*path, name))


def _put_nested(
    reader: _Reader,
    item: dict[str, Any],
    key: str,
    columns: Mapping[str, str],
    sheet: Sheet,
    index: int,
    row: Row,
    path: KeyPath,
) -> None:
    """Columns that a row flattens out of one mapping (``columns``: column -> inner key)
    put back under ``key``, which a problem then places at the first of them; nothing
    when they are all empty."""
    nested: dict[str, Any] = {}
    for column, inner in columns.items():
        reader.put(nested, inner, sheet, index, row, column, (*path, key, inner))
    if nested:
        item[key] = nested
        reader.anchor((*path, key), Cell(sheet.name, index, next(iter(columns))))


def _read_plain(
    reader: _Reader,
    document: dict[str, Any],
    key: str,
    tables: Mapping[str, list[Row]],
    sheet: Sheet,
    build=None,
) -> None:
    rows = tables.get(sheet.name) or []
    items = []
    for index, row in enumerate(rows):
        if _is_blank(row):
            continue
        path = (key, len(items))
        reader.anchor(path, Cell(sheet.name, index, sheet.columns[0].name))
        if build is not None:
            items.append(build(reader, sheet, index, row, path))
            continue
        item: dict[str, Any] = {}
        for column in sheet.columns:
            reader.put(item, column.name, sheet, index, row, column.name, (*path, column.name))
        items.append(item)
    if items:
        document[key] = items
        reader.anchor((key,), Cell(sheet.name))


def _persona_from(
    reader: _Reader, sheet: Sheet, index: int, row: Row, path: KeyPath
) -> dict[str, Any]:
    persona: dict[str, Any] = {}
    _put_flat(reader, persona, ("id", "name", "description"), sheet, index, row, path)
    can_use = {f"can_use_{inner}": inner for inner in ("channels", "languages")}
    _put_nested(reader, persona, "can_use", can_use, sheet, index, row, path)
    _put_flat(reader, persona, ("needs",), sheet, index, row, path)
    return persona


def _accepted_from(
    reader: _Reader, sheet: Sheet, index: int, row: Row, path: KeyPath
) -> dict[str, Any]:
    accepted: dict[str, Any] = {}
    _put_flat(reader, accepted, ("rule", "step"), sheet, index, row, path)
    transition = {"from": "from", "to": "to"}
    _put_nested(reader, accepted, "transition", transition, sheet, index, row, path)
    _put_flat(reader, accepted, ("data_item", "reason"), sheet, index, row, path)
    return accepted


def _read_steps(
    reader: _Reader, tables: Mapping[str, list[Row]]
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The steps, and the position of each step id (the first, if an id repeats)."""
    sheet = schema.STEPS
    steps: list[dict[str, Any]] = []
    where: dict[str, int] = {}
    for index, row in enumerate(tables.get("Steps") or []):
        if _is_blank(row):
            continue
        path = ("steps", len(steps))
        reader.anchor(path, Cell(sheet.name, index, "id"))
        step: dict[str, Any] = {}
        for column in sheet.columns:
            name = column.name
            if name in _BURDEN_KEYS or name in _MEASURE_KEYS or name in _STEP_EVIDENCE:
                continue
            if name in ("end", "fork", "moment_that_matters"):  # empty or FALSE: the default
                if reader.value(sheet, index, row, name, (*path, name)):
                    step[name] = True
                continue
            reader.put(step, name, sheet, index, row, name, (*path, name))
        for group, keys in (("burden", _BURDEN_KEYS), ("measures", _MEASURE_KEYS)):
            values: dict[str, Any] = {}
            for key in keys:
                reader.put(values, key, sheet, index, row, key, (*path, group, key))
            reader.evidence(values, sheet, index, row, f"{group}_", (*path, group, "evidence"))
            if values:
                step[group] = values
                reader.anchor((*path, group), Cell(sheet.name, index, keys[0]))
        reader.evidence(step, sheet, index, row, "", (*path, "evidence"))
        if isinstance(step.get("id"), str):
            where.setdefault(step["id"], len(steps))
        steps.append(step)
    return steps, where


def _unknown_step(
    reader: _Reader, sheet: Sheet, index: int, column: str, value: Any, where: Mapping[str, int]
) -> None:
    reader.built.problems.append(
        CellProblem(
            Cell(sheet.name, index, column),
            f"unknown step {value!r}{did_you_mean(str(value), where)}; this row is left out",
            value,
        )
    )


def _read_transitions(
    reader: _Reader,
    tables: Mapping[str, list[Row]],
    steps: list[dict[str, Any]],
    where: Mapping[str, int],
) -> None:
    sheet = schema.TRANSITIONS
    for index, row in enumerate(tables.get("Transitions") or []):
        if _is_blank(row):
            continue
        source = reader.value(sheet, index, row, "from")
        if source is None:
            reader.built.problems.append(
                CellProblem(
                    Cell(sheet.name, index, "from"), "a transition needs the step it leaves from"
                )
            )
            continue
        if source not in where:
            _unknown_step(reader, sheet, index, "from", source, where)
            continue
        moves = steps[where[source]].setdefault("next", [])
        path = ("steps", where[source], "next", len(moves))
        reader.anchor(path, Cell(sheet.name, index, "from"))
        reader.anchor(path[:3], Cell(sheet.name, index, "from"))
        move: dict[str, Any] = {}
        for name in ("to", "condition", "share"):
            reader.put(move, name, sheet, index, row, name, (*path, name))
        handoff: dict[str, Any] = {}
        for name, inner in (("handoff", "type"), ("shares", "shares"), ("note", "note")):
            reader.put(handoff, inner, sheet, index, row, name, (*path, "handoff", inner))
        if handoff:
            move["handoff"] = handoff
            reader.anchor((*path, "handoff"), Cell(sheet.name, index, "handoff"))
        reader.evidence(move, sheet, index, row, "", (*path, "evidence"))
        moves.append(move)


def _read_burden_by_channel(
    reader: _Reader,
    tables: Mapping[str, list[Row]],
    steps: list[dict[str, Any]],
    where: Mapping[str, int],
) -> None:
    sheet = schema.BURDEN_BY_CHANNEL
    for index, row in enumerate(tables.get("BurdenByChannel") or []):
        if _is_blank(row):
            continue
        step_id = reader.value(sheet, index, row, "step")
        channel = reader.value(sheet, index, row, "channel")
        if step_id is None or channel is None:
            missing = "step" if step_id is None else "channel"
            reader.built.problems.append(
                CellProblem(
                    Cell(sheet.name, index, missing), f"a channel burden needs its {missing}"
                )
            )
            continue
        if step_id not in where:
            _unknown_step(reader, sheet, index, "step", step_id, where)
            continue
        by_channel = steps[where[step_id]].setdefault("burden_by_channel", {})
        path = ("steps", where[step_id], "burden_by_channel", channel)
        if channel in by_channel:
            reader.built.problems.append(
                CellProblem(
                    Cell(sheet.name, index, "channel"),
                    f"step {step_id!r} already has a burden for {channel!r} on an earlier row",
                    channel,
                )
            )
            continue
        reader.anchor(path, Cell(sheet.name, index, "channel"))
        reader.anchor(path[:3], Cell(sheet.name, index, "step"))
        burden: dict[str, Any] = {}
        for key in _BURDEN_KEYS:
            reader.put(burden, key, sheet, index, row, key, (*path, key))
        reader.evidence(burden, sheet, index, row, "", (*path, "evidence"))
        by_channel[channel] = burden


def _read_blueprint(
    reader: _Reader,
    tables: Mapping[str, list[Row]],
    steps: list[dict[str, Any]],
    where: Mapping[str, int],
) -> None:
    """The Blueprint sheet's rows as the ``frontstage``, ``backstage`` and ``support``
    actions of their steps, in row order."""
    sheet = schema.BLUEPRINT
    for index, row in enumerate(tables.get("Blueprint") or []):
        if _is_blank(row):
            continue
        step_id = reader.value(sheet, index, row, "step")
        row_name = reader.value(sheet, index, row, "row")
        if step_id is None or row_name is None:
            missing = "step" if step_id is None else "row"
            reader.built.problems.append(
                CellProblem(
                    Cell(sheet.name, index, missing), f"a blueprint action needs its {missing}"
                )
            )
            continue
        if step_id not in where:
            _unknown_step(reader, sheet, index, "step", step_id, where)
            continue
        if row_name not in BLUEPRINT_ROWS:
            reader.built.problems.append(
                CellProblem(
                    Cell(sheet.name, index, "row"),
                    f"{row_name!r} is not one of: {', '.join(BLUEPRINT_ROWS)}; this row is left "
                    "out",
                    row_name,
                )
            )
            continue
        actions = steps[where[step_id]].setdefault(row_name, [])
        path = ("steps", where[step_id], row_name, len(actions))
        reader.anchor(path, Cell(sheet.name, index, "text"))
        reader.anchor(path[:3], Cell(sheet.name, index, "row"))
        action: dict[str, Any] = {}
        for name in ("text", "agency", "system"):
            reader.put(action, name, sheet, index, row, name, (*path, name))
        actions.append(action)
