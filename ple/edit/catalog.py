"""Editing the catalog (agencies, programs, data items, touchpoints and sharing records)
as one table each.

Catalog entries may be spread over several files (a ``catalog.yaml``, an imported
program inventory, the agencies a one-journey file carries). Each row remembers its
file in the ``file`` column, so a changed entry is written back where it was, a new
row goes to the file that already holds most entries of its kind (or the one the
``file`` column names), and a deleted row is removed from its file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ple.edit import store, yamltext
from ple.edit.check import FileChange, check
from ple.edit.commit import Outcome, Review, Saved, commit
from ple.edit.places import find_catalog
from ple.errors import KeyPath, PleError, format_key_path
from ple.io import LoadResult
from ple.io.parse import ParseFailure, parse_fast
from ple.sheets import schema
from ple.sheets.convert import (
    Built,
    Cell,
    Split,
    Tables,
    catalog_to_tables,
    tables_to_catalog,
)
from ple.signin import Person

FILE_COLUMN = "file"
"""The extra column that says which file a row is written in (relative to the workspace)."""
DEFAULT_FILE = "catalog.yaml"


@dataclass
class CatalogEdit:
    root: Path
    tables: Tables
    """One table per catalog sheet (:data:`ple.sheets.schema.CATALOG_KEYS`), each row with
    a ``file`` column."""
    bases: dict[Path, str | None] = field(default_factory=dict)
    base_texts: dict[Path, str] = field(default_factory=dict)

    @property
    def folder(self) -> Path:
        return store.folder_of(self.root)

    @property
    def files(self) -> list[str]:
        """Files that hold catalog entries now, relative to the workspace."""
        return sorted({self._name(p) for p in self.bases})

    def _name(self, path: Path) -> str:
        try:
            return path.relative_to(self.folder).as_posix()
        except ValueError:
            return path.name

    def default_file(self, kind: str) -> str:
        """Where a new entry of ``kind`` goes: the file holding most entries of that kind
        (``catalog.yaml`` in a workspace without any)."""
        sheet = next(s for s, k in schema.CATALOG_KEYS.items() if k == kind)
        counts: dict[str, int] = {}
        for row in self.tables.get(sheet) or []:
            if row.get(FILE_COLUMN):
                counts[row[FILE_COLUMN]] = counts.get(row[FILE_COLUMN], 0) + 1
        if counts:
            return max(sorted(counts), key=lambda f: counts[f])
        if self.root.is_file():
            return self.root.name
        return self.files[0] if self.files else DEFAULT_FILE


def catalog_drafts(root: Path) -> list[store.Draft]:
    """Drafts kept for files that hold catalog entries (now, or in the draft)."""
    from ple.edit.places import CATALOG

    held = {found.file.resolve() for found in find_catalog(root)}
    drafts = []
    for draft in store.list_drafts(root):
        try:
            value = parse_fast(draft.text, draft.target.suffix)
        except ParseFailure:
            value = None
        has_catalog = isinstance(value, dict) and any(
            isinstance(value.get(k), list) for k in CATALOG
        )
        if draft.target.resolve() in held or has_catalog:
            drafts.append(draft)
    return drafts


def open_catalog(root: Path, drafts: list[store.Draft] = ()) -> CatalogEdit:
    """Every catalog entry as written (valid or not); with ``drafts``, as those drafts
    have them (the conflict check still compares with the files as they were when each
    draft began). Raises PleError when an entry holds something the tables cannot show."""
    from ple.edit.places import CATALOG, CatalogFile

    edit = CatalogEdit(root, {name: [] for name in schema.CATALOG_KEYS})
    instead = {draft.target.resolve(): draft for draft in drafts}
    found_files = {found.file.resolve(): found for found in find_catalog(root)}
    for target, draft in instead.items():
        value = parse_fast(draft.text, draft.target.suffix)
        collections = {
            k: value[k]
            for k in CATALOG
            if isinstance(value, dict) and isinstance(value.get(k), list)
        }
        found_files[target] = CatalogFile(draft.target, collections)
    for target in sorted(found_files):
        found = found_files[target]
        draft = instead.get(target)
        data = store.read_bytes(found.file)
        if draft is None:
            edit.bases[found.file] = store.digest(data)
            edit.base_texts[found.file] = (data or b"").decode("utf-8")
        else:
            edit.bases[found.file] = draft.base
            same = data is not None and store.digest(data) == draft.base
            edit.base_texts[found.file] = data.decode("utf-8") if same else draft.text
        split = Split({})
        tables = catalog_to_tables(found.collections, split)
        if split.left_out:
            shown = ", ".join(format_key_path(p) for p in split.left_out[:6])
            raise PleError(
                f"{found.file} has catalog entries the tables cannot show ({shown}); "
                "fix them in the file first"
            )
        name = edit._name(found.file)
        for sheet, rows in tables.items():
            edit.tables[sheet] += [{**row, FILE_COLUMN: name} for row in rows]
    return edit


@dataclass
class CatalogPlan:
    """The file changes a catalog edit makes, and how to find a problem's row again."""

    built: Built
    changes: list[FileChange]
    back: dict[tuple[Path, KeyPath], KeyPath]
    """(file, path of an entry in that file) -> its path in the built document."""

    def locate(self, file: Path, path: KeyPath) -> Cell | None:
        for end in range(len(path), 1, -1):
            found = self.back.get((file, path[:end]))
            if found is not None:
                return self.built.cell_of((*found, *path[end:]))
        return None


def plan_changes(edit: CatalogEdit) -> CatalogPlan:
    built = tables_to_catalog(edit.tables)
    per_file: dict[Path, dict[str, list[Any]]] = {}
    back: dict[tuple[Path, KeyPath], KeyPath] = {}
    for sheet, kind in schema.CATALOG_KEYS.items():
        rows = edit.tables.get(sheet) or []
        for k, item in enumerate(built.document.get(kind, [])):
            cell = built.cells.get((kind, k))
            row = rows[cell.row] if cell is not None and cell.row is not None else {}
            name = row.get(FILE_COLUMN) or edit.default_file(kind)
            path = (edit.folder / name).resolve()
            items = per_file.setdefault(path, {}).setdefault(kind, [])
            back[(path, (kind, len(items)))] = (kind, k)
            items.append(item)
    held = {p.resolve(): p for p in edit.bases}
    targets = {**{p: p for p in held}, **{p: p for p in per_file}}
    changes = []
    for resolved in sorted(targets):
        original = held.get(resolved)
        collections = per_file.get(resolved, {})
        text = edit.base_texts.get(original) if original is not None else None
        changes.append(FileChange(original or resolved, _applier(collections), text))
    return CatalogPlan(built, changes, back)


def _applier(collections: dict[str, list[Any]]) -> Callable[[Any, bool], None]:
    def apply(root: Any, json_file: bool) -> None:
        for kind in schema.CATALOG_KEYS.values():
            if kind in collections or kind in root:
                yamltext.merge_collection(
                    root, kind, collections.get(kind, []), json_file=json_file
                )

    return apply


def review(edit: CatalogEdit, before: LoadResult | None) -> Review:
    plan = plan_changes(edit)
    return Review(plan.built, check(edit.root, plan.changes, before=before, locate=plan.locate))


def save(
    edit: CatalogEdit, before: LoadResult | None, *, by: Person, as_draft: bool = False
) -> Saved:
    """Write every file whose entries changed, as ``by``; after a save the edit describes
    the new files."""
    plan = plan_changes(edit)
    bases = {c.path: edit.bases.get(c.path) for c in plan.changes}
    saved = commit(
        edit.root, plan.changes, bases, plan.built, before, plan.locate, by=by, as_draft=as_draft
    )
    if saved.outcome in (Outcome.saved, Outcome.unchanged):
        for path, data in saved.texts.items():
            if data is not None:
                edit.bases[path] = store.digest(data)
                edit.base_texts[path] = data.decode("utf-8")
    return saved


def add_entry(
    root: Path,
    kind: str,
    name: str,
    before: LoadResult | None,
    *,
    by: Person,
    acronym: str | None = None,
    agency: str | None = None,
) -> tuple[Saved, str]:
    """Add one agency, program (of ``agency``) or data item named ``name`` to the catalog
    and save it at once; its id is derived from the name. The catalog is shared, so an
    entry made while editing a journey is there for every journey; like any save, it is
    refused when the catalog would have an error. Returns the save and the new id (from the
    acronym of an agency that has one)."""
    from ple.edit.actions import new_id

    edit = open_catalog(root)
    sheet = next(s for s, k in schema.CATALOG_KEYS.items() if k == kind)
    rows = edit.tables.setdefault(sheet, [])
    short = acronym.strip() if kind == "agencies" and acronym and acronym.strip() else name
    entry_id = new_id({str(r.get("id")) for r in rows}, short)  # SSA -> ssa, as people say
    row: dict[str, Any] = {
        "id": entry_id,
        "name": " ".join(name.split()),
        FILE_COLUMN: edit.default_file(kind),
    }
    if kind == "agencies" and acronym and acronym.strip():
        row["acronym"] = acronym.strip()
    if kind == "programs":
        row["agency"] = agency
    if kind == "data_items":
        row["kind"] = "fact"
    rows.append(row)
    return save(edit, before, by=by), entry_id
