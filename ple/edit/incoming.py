"""Bring a journey from outside into a workspace: an uploaded YAML or JSON file, an
Excel workbook or CSV sheets.

Reading (:func:`read_incoming`) checks each object on its own and locates problems in
the incoming file (line for YAML, sheet/row/column for spreadsheets). Placing
(:func:`plan`) decides what changes in the workspace and checks the result as a whole,
with the workspace's catalog:

* a new journey becomes its own file beside the other journey files (``ples/ID.yaml``);
* a journey whose id the workspace already has is refused, unless ``replace`` is
  given: then it is written over the existing one, in its file, changing only what
  differs (the old file goes into the history);
* catalog entries the workspace lacks are added to the file that holds most entries of
  their kind; entries it has are kept as they are, and a difference is reported, unless
  ``replace`` is given (then the incoming entry wins).

Nothing is written when anything is wrong; :func:`commit_plan` writes a good plan.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ple.edit import catalog as catalog_edit
from ple.edit.check import FileChange, check
from ple.edit.commit import Outcome, Saved, commit
from ple.edit.journey import JourneyEdit, build, journey_change, open_journey
from ple.edit.places import Place, find_journeys, journey_file_name, journey_folder
from ple.errors import KeyPath, Problem, Severity, format_key_path
from ple.importers.xlsx import SheetImport, read_csv_bytes, read_path, read_workbook_bytes
from ple.io import load_workspace
from ple.io.documents import read_document
from ple.io.files import read_bytes, reading_problem
from ple.io.parse import ParseFailure, decode, parse_fast, parse_located
from ple.sheets import schema
from ple.sheets.convert import Built, catalog_to_tables, journey_to_tables, tables_to_catalog
from ple.signin import Person, may_write

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
CATALOG = ("agencies", "programs", "data_items", "touchpoints", "sharing")
SKIPPED = ("settings",)
"""What an uploaded file may carry that is not imported (the workspace keeps its own)."""


@dataclass
class Incoming:
    """Journeys and catalog entries read from one upload, and what is wrong with them."""

    name: str
    journeys: list[dict[str, Any]] = field(default_factory=list)
    catalog: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    sheets: SheetImport | None = None
    """Set for a workbook or CSV sheets: where each value came from."""
    journey_paths: list[KeyPath] = field(default_factory=list)
    """Where each journey sits in the incoming document."""
    positions: dict[KeyPath, tuple[int, int]] | None = None
    """Lines and columns of a YAML or JSON upload, once they were needed."""
    text: str = ""

    @property
    def ok(self) -> bool:
        return not any(p.severity is Severity.error for p in self.problems)

    def relocate(self, path: KeyPath, problem: Problem) -> Problem:
        """``problem`` placed at ``path`` of the incoming file: its sheet, row and column
        for a workbook, its line for YAML and JSON."""
        sheets = self.sheets
        if sheets is not None and sheets.built is not None and sheets.layout is not None:
            cell = sheets.built.cell_of(path)
            if cell is not None:
                return sheets.layout.problem(
                    cell, problem.message, problem.value, problem.severity, problem.code
                )
            return problem
        if self.positions is None:
            try:
                self.positions = parse_located(self.text, Path(self.name).suffix)[1]
            except ParseFailure:
                self.positions = {}
        placed = replace(problem, file=self.name, path=path, line=None, column=None)
        return _placed(placed, self.positions)


def read_incoming(name: str, data: bytes) -> Incoming:
    """One uploaded file: ``.yaml``/``.yml``/``.json`` (a journey file or a collections
    file) or ``.xlsx``. For CSV sheets use :func:`read_incoming_csv`."""
    suffix = Path(name).suffix.lower()
    if len(data) > MAX_UPLOAD_BYTES:
        return Incoming(
            name, problems=[Problem(name, f"the file is over {MAX_UPLOAD_BYTES // 2**20} MiB")]
        )
    if suffix == ".xlsx":
        return _from_sheets(read_workbook_bytes(data, name))
    if suffix in (".yaml", ".yml", ".json"):
        return _from_document_file(name, data, suffix)
    return Incoming(
        name,
        problems=[
            Problem(
                name,
                "expected a .yaml, .yml, .json or .xlsx file (or CSV sheets)",
                code="unknown-type",
            )
        ],
    )


def read_incoming_csv(files: dict[str, bytes], name: str = "CSV sheets") -> Incoming:
    return _from_sheets(read_csv_bytes(files, name))


def read_incoming_path(path: Path) -> Incoming:
    """A file or folder given on the command line."""
    if path.is_dir() or path.suffix.lower() in (".csv", ".xlsx"):
        return _from_sheets(read_path(path))
    try:
        data = read_bytes(path)
    except OSError as error:
        return Incoming(str(path), problems=[reading_problem(path, error)])
    return read_incoming(str(path), data)


def _from_sheets(sheets: SheetImport) -> Incoming:
    incoming = Incoming(sheets.name, problems=list(sheets.problems), sheets=sheets)
    if sheets.document:  # placed even with errors, so one pass reports everything
        incoming.journeys = [sheets.journey]
        incoming.journey_paths = [()]
        incoming.catalog = {k: list(v) for k, v in sheets.catalog.items()}
    return incoming


def _from_document_file(name: str, data: bytes, suffix: str) -> Incoming:
    incoming = Incoming(name)
    try:
        incoming.text = decode(data)
        value = parse_fast(incoming.text, suffix)
    except ParseFailure as failure:
        incoming.problems.append(
            Problem(
                name, failure.message, line=failure.line, column=failure.column, code=failure.code
            )
        )
        return incoming
    content = read_document(value, name)
    incoming.problems += [incoming.relocate(p.path, p) for p in content.problems]
    if not isinstance(value, dict):
        return incoming
    if "id" in value and "steps" in value:
        incoming.journeys = [{k: v for k, v in value.items() if k not in (*CATALOG, *SKIPPED)}]
        incoming.journey_paths = [()]
    else:
        listed = value.get("journeys") or []
        chosen = [
            (i, j)
            for i, j in enumerate(listed if isinstance(listed, list) else [])
            if isinstance(j, dict)
        ]
        incoming.journeys = [j for _, j in chosen]
        incoming.journey_paths = [("journeys", i) for i, _ in chosen]
    incoming.catalog = {
        k: [i for i in value[k] if isinstance(i, dict)]
        for k in CATALOG
        if isinstance(value.get(k), list)
    }
    if "settings" in value:
        incoming.problems.append(
            Problem(
                name,
                "the file's settings are not imported; the workspace keeps its own",
                path=("settings",),
                severity=Severity.warning,
                code="settings-skipped",
            )
        )
    if not incoming.journeys and not any(incoming.catalog.values()):
        incoming.problems.append(
            Problem(name, "the file holds no journey and no catalog entry", code="empty")
        )
    return incoming


def _placed(problem: Problem, positions: dict[KeyPath, tuple[int, int]]) -> Problem:
    for end in range(len(problem.path), -1, -1):
        if problem.path[:end] in positions:
            return problem.located(*positions[problem.path[:end]])
    return problem


# --- placing into a workspace ---------------------------------------------------------


@dataclass
class Plan:
    """What placing the incoming content would change, and whether it may."""

    root: Path
    incoming: Incoming
    changes: list[FileChange] = field(default_factory=list)
    bases: dict[Path, str | None] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    origin: Callable[[Path, KeyPath], KeyPath | None] = lambda file, path: None
    """(workspace file, key path) -> the same place in the incoming file, if it came from
    there."""

    @property
    def ok(self) -> bool:
        return not any(p.severity is Severity.error for p in self.problems)


def plan(root: Path, incoming: Incoming, *, replace: bool = False) -> Plan:
    """The changes that bring ``incoming`` into the workspace folder ``root``, checked
    against the whole workspace (a folder that does not exist yet counts as empty)."""
    result = Plan(root, incoming, problems=list(incoming.problems))
    if not incoming.journeys and not any(incoming.catalog.values()):
        return result
    existing = {j.id: j for j in find_journeys(root)} if root.exists() else {}
    folder = journey_folder(root, list(existing.values())) if root.exists() else root / "ples"
    journeys: list[tuple[JourneyEdit, KeyPath]] = []
    for index, journey in enumerate(incoming.journeys):
        edit = _journey_edit(result, root, existing, folder, journey, replace)
        if edit is not None:
            if (
                edit.is_new
                and incoming.journey_paths[index] == ()
                and Path(incoming.name).suffix.lower() in (".yaml", ".yml")
            ):
                edit.base_text = incoming.text  # keep the sender's comments and layout
            journeys.append((edit, incoming.journey_paths[index]))
    catalog = _catalog_plan(result, root, incoming, replace)
    changes: dict[Path, FileChange] = {}
    if catalog is not None:
        for change in catalog.plan.changes:
            changes[change.path] = change
            result.bases[change.path] = catalog.edit.bases.get(change.path)
    for edit, _ in journeys:
        change = journey_change(edit, build(edit))
        if edit.is_new and edit.base_text is not None:
            change = _without_side_collections(change)
        if change.path in changes:
            change = _chained(changes[change.path], change)
        changes[change.path] = change
        result.bases[change.path] = edit.base
    result.changes = list(changes.values())
    result.origin = _origin(journeys, catalog)
    if not any(p.code == "journey-exists" for p in result.problems):
        _check(result)  # also when reading found errors: report everything in one pass
    return result


def _journey_edit(
    result: Plan,
    root: Path,
    existing: dict[str, Any],
    folder: Path,
    journey: dict[str, Any],
    replace: bool,
) -> JourneyEdit | None:
    journey_id = str(journey.get("id"))
    split = journey_to_tables(journey)
    if split.left_out:
        result.problems.append(
            Problem(
                result.incoming.name,
                f"parts of journey {journey_id!r} cannot be placed: "
                + ", ".join(format_key_path(p) for p in split.left_out[:6]),
            )
        )
        return None
    if journey_id in existing:
        if not replace:
            result.problems.append(
                Problem(
                    result.incoming.name,
                    f"the workspace already has a journey {journey_id!r} "
                    f"(in {existing[journey_id].place.file}); replace it, or change the id",
                    code="journey-exists",
                    value=journey_id,
                )
            )
            return None
        edit = open_journey(root, journey_id)
        edit.tables = split.tables
        result.notes.append(f"journey {journey_id!r} replaces the one in {edit.place.file}")
        return edit
    target = _free_name(folder, journey_id)
    result.notes.append(f"journey {journey_id!r} is added as {target}")
    return JourneyEdit(root, Place(target), split.tables, None, None, None)


def _free_name(folder: Path, journey_id: str) -> Path:
    name = journey_file_name(journey_id)
    target = folder / name
    number = 2
    while target.exists():
        target = folder / f"{name.removesuffix('.yaml')}-{number}.yaml"
        number += 1
    return target


def _without_side_collections(change: FileChange) -> FileChange:
    """An uploaded one-journey file as a new workspace file: its catalog entries go to
    the catalog (or are already there), so the copy holds the journey alone."""
    inner = change.apply

    def apply(root: Any, json_file: bool) -> Any:
        for key in (*CATALOG, *SKIPPED):
            if key in root:
                del root[key]
        return inner(root, json_file) if inner is not None else root

    return FileChange(change.path, apply, change.base_text)


def _chained(first: FileChange, second: FileChange) -> FileChange:
    def apply(root: Any, json_file: bool) -> Any:
        for change in (first, second):
            if change.apply is not None:
                root = change.apply(root, json_file) or root
        return root

    return FileChange(first.path, apply, first.base_text)


@dataclass
class _Catalog:
    edit: catalog_edit.CatalogEdit
    plan: catalog_edit.CatalogPlan
    incoming_of: dict[tuple[str, int], tuple[str, int]]
    """(sheet, row of the catalog edit) -> (collection, index in the incoming file)."""


def _catalog_plan(result: Plan, root: Path, incoming: Incoming, replace: bool) -> _Catalog | None:
    edit = (
        catalog_edit.open_catalog(root)
        if root.exists()
        else catalog_edit.CatalogEdit(root, {name: [] for name in schema.CATALOG_KEYS})
    )
    incoming_of: dict[tuple[str, int], tuple[str, int]] = {}
    added: dict[str, int] = {}
    updated: list[str] = []
    for sheet, kind in schema.CATALOG_KEYS.items():
        rows = edit.tables[sheet]
        table = schema.BY_NAME[sheet]
        where = {schema.row_key(table, row): i for i, row in enumerate(rows)}
        what = _WHAT.get(kind, kind[:-1].replace("_", " "))
        for index, item in enumerate(incoming.catalog.get(kind, [])):
            row = catalog_to_tables({kind: [item]})[sheet][0]
            item_id = schema.row_key(table, row)
            if item_id not in where:
                rows.append(dict(row))
                where[item_id] = len(rows) - 1
                incoming_of[(sheet, len(rows) - 1)] = (kind, index)
                added[kind] = added.get(kind, 0) + 1
                continue
            current = rows[where[item_id]]
            if _same_entry(sheet, current, row):
                continue
            if not replace:
                result.problems.append(
                    result.incoming.relocate(
                        (kind, index),
                        Problem(
                            incoming.name,
                            f"the workspace's {what} {item_id!r} differs from this "
                            "one; the workspace's is kept (replace to take this one)",
                            path=(kind, index),
                            severity=Severity.warning,
                            code="catalog-differs",
                            value=item_id,
                        ),
                    )
                )
                continue
            rows[where[item_id]] = {
                **row,
                catalog_edit.FILE_COLUMN: current.get(catalog_edit.FILE_COLUMN),
            }
            incoming_of[(sheet, where[item_id])] = (kind, index)
            updated.append(f"{what} {item_id!r}")
    if added:
        result.notes.append(
            "catalog entries added: "
            + ", ".join(f"{count} {kind.replace('_', ' ')}" for kind, count in added.items())
        )
    if updated:
        result.notes.append("catalog entries updated: " + ", ".join(updated))
    if not incoming_of:
        return None
    return _Catalog(edit, catalog_edit.plan_changes(edit), incoming_of)


_WHAT = {"agencies": "agency", "sharing": "sharing record"}
"""What one entry of a collection is called, where dropping the s will not do."""


def _same_entry(sheet: str, current: dict[str, Any], incoming: dict[str, Any]) -> bool:
    """Whether two catalog rows describe the same entry (as validated models)."""
    found = [
        read_document(tables_to_catalog({sheet: [row]}).document, sheet).entries
        for row in (current, incoming)
    ]
    return bool(found[0]) and bool(found[1]) and found[0][0].item == found[1][0].item


def _origin(
    journeys: list[tuple[JourneyEdit, KeyPath]], catalog: _Catalog | None
) -> Callable[[Path, KeyPath], KeyPath | None]:
    def origin(file: Path, path: KeyPath) -> KeyPath | None:
        for edit, at in journeys:
            prefix = edit.place.path
            if file == edit.place.file.resolve() and path[: len(prefix)] == prefix:
                return (*at, *path[len(prefix) :])
        if catalog is not None:
            cell = catalog.plan.locate(file, path)
            if cell is not None and cell.row is not None:
                found = catalog.incoming_of.get((cell.sheet, cell.row))
                if found is not None:
                    return (*found, *path[2:])
        return None

    return origin


def _check(result: Plan) -> None:
    """Validate the workspace as it would be after the plan, and report problems at
    their place in the incoming file where they come from it."""
    if not result.changes:
        result.notes.append("nothing to change: the workspace already holds all of it")
        return
    created = not result.root.exists()
    if created:
        result.root.mkdir(parents=True)
    try:
        before = None if created else load_workspace(result.root)
        checked = check(result.root, result.changes, before=before, locate=lambda f, p: None)
    finally:
        if created:
            result.root.rmdir()
    seen = {_same_place(p) for p in result.problems}
    for located in checked.own:
        problem = located.problem
        at = result.origin(Path(problem.file).resolve(), problem.path)
        problem = result.incoming.relocate(at, problem) if at is not None else problem
        if _same_place(problem) not in seen:  # reading the file found it already
            seen.add(_same_place(problem))
            result.problems.append(problem)
    if result.ok:  # otherwise other files' new errors follow from these (a journey left out)
        result.problems += checked.caused


def _same_place(problem: Problem) -> tuple[Any, ...]:
    return problem.file, problem.line, problem.column, problem.message


def commit_plan(result: Plan, *, by: Person) -> Saved:
    """Write a checked plan as ``by`` (refused when it has errors, or when they may not
    edit); creates the folder if needed."""
    refusal = may_write(by)
    if refusal:
        return Saved(Outcome.not_allowed, refusal)
    if not result.ok:
        return Saved(Outcome.invalid, "Nothing was written: fix the problems first.")
    if not result.changes:
        return Saved(Outcome.unchanged, "Nothing to change.")
    created = not result.root.exists()
    result.root.mkdir(parents=True, exist_ok=True)
    saved = commit(
        result.root,
        result.changes,
        result.bases,
        Built({}),
        None if created else load_workspace(result.root),
        lambda f, p: None,
        by=by,
    )
    if saved.outcome is not Outcome.saved and created:
        with contextlib.suppress(OSError):
            result.root.rmdir()
    return saved


def import_path(
    source: Path, root: Path, *, by: Person, replace: bool = False
) -> tuple[Plan, Saved | None]:
    """Read ``source`` (a workbook, CSV sheets, or a YAML/JSON file) and place it into the
    workspace folder ``root`` as ``by``; nothing is written when the plan has errors."""
    placed = plan(root, read_incoming_path(source), replace=replace)
    if not placed.ok:
        return placed, None
    return placed, commit_plan(placed, by=by)


def problem_text(problem: Problem) -> str:
    """A problem as one line: sheet, row and column for spreadsheets, else the usual
    ``file:line:column: field: message``."""
    from ple.sheets.grid import describe

    if (
        problem.file.lower().endswith((".xlsx", ".csv"))
        and problem.path
        and isinstance(problem.path[0], str)
        and problem.path[0][:1].isupper()
    ):
        return describe(problem)
    return str(problem)
