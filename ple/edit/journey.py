"""Editing one journey as tables: open, check, save, save as new, resume a draft.

A :class:`JourneyEdit` holds the journey as the tables of :mod:`ple.sheets` (Journey,
Stages, Steps, Transitions, Personas, BurdenByChannel, AcceptedFindings) plus what is
needed to write it back safely: its file and key path, the file's text and SHA-256
when editing began. The app keeps one in its session; nothing here knows about
Streamlit.

Saving follows one path (:func:`save`):

1. the tables are turned into a document; cells that cannot be read stop the save;
2. if the file changed on disk since editing began, nothing is written (a conflict:
   the caller offers a reload or a save under a new id);
3. the new file text is made from the old one (only edited lines change) and the whole
   workspace is validated with it in place; a save that would add an error is refused,
   unless it is kept as a draft (:mod:`ple.edit.store`), outside the workspace;
4. the journey read back from the new text must equal the journey the tables describe;
5. the old file goes into the history, the new one is written atomically.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from ple import limits
from ple.edit import store, yamltext
from ple.edit.check import Checked, FileChange, check, exact_text
from ple.edit.commit import Outcome, Review, Saved, commit
from ple.edit.places import (
    FoundJourney,
    Place,
    find_journeys,
    journey_file_name,
    journey_folder,
)
from ple.errors import KeyPath, NotFoundError, PleError, Severity, shown
from ple.io import LoadResult
from ple.io.documents import read_document
from ple.io.files import read_bytes
from ple.model import Journey
from ple.model.vocabulary import SLUG_PATTERN
from ple.sheets import schema
from ple.sheets.convert import (
    Built,
    Cell,
    Tables,
    journey_to_tables,
    tables_to_journey,
)
from ple.signin import Person, may_write

JOURNEY_TABLES = tuple(sheet.name for sheet in schema.JOURNEY_SHEETS)


class NotTabular(PleError):
    """The journey holds something the tables cannot show; editing it here would lose it."""

    def __init__(self, journey_id: str, paths: list[KeyPath]) -> None:
        from ple.errors import format_key_path

        self.paths = paths
        shown = ", ".join(format_key_path(p) for p in paths[:8])
        more = f" and {len(paths) - 8} more" if len(paths) > 8 else ""
        super().__init__(
            f"journey {journey_id!r} has parts the tables cannot show: {shown}"
            f"{more}. Fix them in the file first (unknown fields are usually "
            "typos), then edit it here."
        )


@dataclass
class JourneyEdit:
    """A journey being edited, and where and how it will be written."""

    root: Path
    place: Place
    tables: Tables
    base_text: str | None
    """The file's text when editing began; None for a file that does not exist yet."""
    base: str | None
    """The SHA-256 of that text (None: no file)."""
    original_id: str | None = None
    """The id the file has for this journey; None for a new journey."""
    saved_document: dict[str, Any] | None = None
    """What the file holds, as the tables describe it; None until the journey is saved."""

    def __post_init__(self) -> None:
        if self.saved_document is None and self.base_text is not None:
            self.saved_document = build(self).document

    @property
    def journey_id(self) -> str:
        return str((self.tables.get("Journey") or [{}])[0].get("id") or "")

    @property
    def is_new(self) -> bool:
        return self.original_id is None

    @property
    def unsaved(self) -> bool:
        """Whether the tables say something the file does not (yet)."""
        return self.saved_document is None or build(self).document != self.saved_document


def _tables_of(found: FoundJourney | dict[str, Any], journey_id: str) -> Tables:
    document = found.document if isinstance(found, FoundJourney) else found
    split = journey_to_tables(document)
    if split.left_out:
        raise NotTabular(journey_id, split.left_out)
    return split.tables


def open_journey(root: Path, journey_id: str, place: Place | None = None) -> JourneyEdit:
    """The journey as written in its file, valid or not. ``place``, when known (the loaded
    workspace's origins say it), spares reading every file to find it. Raises
    NotFoundError or :class:`NotTabular`."""
    found = []
    if place is not None:
        from ple.edit.places import journeys_in, read_plain

        found = [
            j
            for j in journeys_in(place.file, read_plain(place.file))
            if j.id == journey_id and j.place == place
        ]
    if not found:
        found = [j for j in find_journeys(root) if j.id == journey_id]
    if not found:
        raise NotFoundError(f"no journey {journey_id!r} in {root}")
    first = found[0]
    data = read_bytes(first.place.file)
    return JourneyEdit(
        root,
        first.place,
        _tables_of(first, journey_id),
        data.decode("utf-8"),
        store.digest(data),
        journey_id,
    )


def resume(root: Path, draft: store.Draft, journey_id: str | None = None) -> JourneyEdit:
    """Continue a draft: the draft's text stands in for the file's, and the conflict
    check still compares against the file as it was when the draft began."""
    from ple.edit.places import journeys_in
    from ple.io.parse import ParseFailure, parse_fast

    try:
        value = parse_fast(draft.text, draft.target.suffix)
    except ParseFailure as failure:
        raise PleError(f"the draft {draft.file} cannot be read: {failure.message}") from None
    journeys = list(journeys_in(draft.target, value))
    chosen = next((j for j in journeys if journey_id in (None, j.id)), None)
    if chosen is None:
        raise NotFoundError(
            f"the draft {draft.file} holds no journey" + (f" {journey_id!r}" if journey_id else "")
        )
    base_text = None
    if draft.base is not None:
        data = store.read_bytes(draft.target)
        base_text = data.decode("utf-8") if data is not None else None
        if store.digest(data) != draft.base:
            base_text = draft.text  # the file moved on: the save will report the conflict
    original = _original_id(draft.target, chosen.place.path, base_text)
    return JourneyEdit(
        root,
        chosen.place,
        _tables_of(chosen, chosen.id),
        base_text,
        draft.base,
        original,
        saved_document={},
    )  # a draft is unsaved work


def _original_id(file: Path, path: KeyPath, text: str | None) -> str | None:
    from ple.edit.places import journeys_in
    from ple.io.parse import ParseFailure, parse_fast

    if text is None:
        return None
    try:
        value = parse_fast(text, file.suffix)
    except ParseFailure:
        return None
    return next((j.id for j in journeys_in(file, value) if j.place.path == path), None)


# --- creating -------------------------------------------------------------------------


class Start(StrEnum):
    """How a new journey begins."""

    blank = "blank"
    copy = "copy"
    """A copy of another journey, as a template."""
    future = "future"
    """A future-state copy of a current journey: ``state: future``, ``baseline`` set."""


def _check_new_id(root: Path, journey_id: str) -> None:
    if not re.match(SLUG_PATTERN, journey_id or ""):
        raise PleError(
            f"{shown(journey_id)} is not a valid id: use lowercase letters, digits "
            "and hyphens, starting with a letter or digit"
        )
    if len(journey_id) > limits.ID_LENGTH.value:
        raise PleError(f"the id is {limits.ID_LENGTH.beyond(len(journey_id), 'characters')}")
    if any(j.id == journey_id for j in find_journeys(root)):
        raise PleError(f"a journey with the id {journey_id!r} already exists")


def id_for_new_journey(root: Path, name: str) -> str:
    """A journey id derived from ``name``, not taken by any journey in the workspace."""
    from ple.edit.actions import new_id

    return new_id({j.id for j in find_journeys(root)}, name)


def new_journey(
    root: Path,
    journey_id: str,
    name: str,
    *,
    start: Start = Start.blank,
    source: str | None = None,
    agency: str | None = None,
    file: Path | None = None,
) -> JourneyEdit:
    """A journey that exists only in the editor until it is saved to ``file`` (by
    default ``<id>.yaml`` beside the other journey files).

    Raises PleError for an invalid or taken id, an existing file, a one-file workspace
    or a missing source journey.
    """
    if not root.is_dir():
        raise PleError("this workspace is a single file; open its folder to add journeys")
    _check_new_id(root, journey_id)
    journeys = find_journeys(root)
    target = file or journey_folder(root, journeys) / journey_file_name(journey_id)
    if target.exists():
        raise PleError(f"{target} already exists; choose another id or file")
    if start is Start.blank:  # no step yet: the lead agency's lane waits for the first
        tables: Tables = {sheet: [] for sheet in JOURNEY_TABLES}
        tables["Journey"] = [
            {"id": journey_id, "name": name, "state": "current", "lead_agency": agency}
        ]
    else:
        origin = next((j for j in journeys if j.id == source), None)
        if origin is None:
            raise PleError(f"no journey {source!r} to start from")
        tables = _tables_of(origin, origin.id)
        head = dict(tables["Journey"][0])
        head.update(id=journey_id, name=name)
        if start is Start.future:
            if head.get("state") == "future":
                raise PleError(
                    f"{source!r} is already a future-state journey; start from the "
                    "current-state journey it improves"
                )
            head.update(state="future", baseline=origin.id)
            tables["AcceptedFindings"] = []  # decisions about today's service, not the plan
        tables["Journey"] = [head]
    return JourneyEdit(root, Place(target), tables, None, None, None)


# --- renaming -------------------------------------------------------------------------

REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "Steps": (
        ("Transitions", "from"),
        ("Transitions", "to"),
        ("BurdenByChannel", "step"),
        ("AcceptedFindings", "step"),
        ("AcceptedFindings", "from"),
        ("AcceptedFindings", "to"),
        ("Journey", "entry"),
    ),
    "Stages": (("Steps", "stage"),),
    "Personas": (("Steps", "personas"),),
}
"""Where the ids of each table are named in the others."""


def follow_renames(before: Tables, after: Tables) -> tuple[Tables, list[str]] | None:
    """When one row of Steps, Stages or Personas got a new id and nothing else moved, the
    same tables with every reference to the old id changed too, and what was renamed;
    None when there is nothing to follow. (A new id that another row already has is a
    mistake, not a rename: the check reports it.)"""
    renamed: list[str] = []
    tables = after
    for sheet, places in REFERENCES.items():
        old_rows, new_rows = before.get(sheet) or [], after.get(sheet) or []
        if len(old_rows) != len(new_rows):
            continue
        changed = [
            (a.get("id"), b.get("id"))
            for a, b in zip(old_rows, new_rows, strict=True)
            if a.get("id") != b.get("id")
        ]
        if len(changed) != 1:
            continue
        old, new = changed[0]
        old_ids = {r.get("id") for r in old_rows}
        if not old or not new or new in old_ids or old in {r.get("id") for r in new_rows}:
            continue
        if tables is after:
            tables = {name: [dict(row) for row in rows] for name, rows in after.items()}
        count = 0
        for target, column in places:
            for row in tables.get(target) or []:
                value = row.get(column)
                if value == old:
                    row[column] = new
                    count += 1
                elif isinstance(value, list) and old in value:
                    row[column] = [new if v == old else v for v in value]
                    count += 1
        if count:
            renamed.append(f"{sheet[:-1].lower()} {old!r} is now {new!r} in {count} other place(s)")
    return (tables, renamed) if renamed else None


# --- checking and saving --------------------------------------------------------------


def build(edit: JourneyEdit) -> Built:
    """The journey document the tables describe (catalog sheets are not part of it)."""
    return tables_to_journey({k: v for k, v in edit.tables.items() if k in JOURNEY_TABLES})


def journey_change(edit: JourneyEdit, built: Built) -> FileChange:
    """The change that writes the edited journey into its file."""
    document = built.document
    path = edit.place.path

    def apply(root: Any, json_file: bool) -> Any:
        if path and not _has(root, path):
            raise PleError(
                f"{edit.place.file} no longer holds this journey at {'.'.join(map(str, path))}"
            )
        return yamltext.merge_journey(root, path, document, json_file=json_file)

    return FileChange(edit.place.file, apply, edit.base_text)


def _has(root: Any, path: KeyPath) -> bool:
    node = root
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return False
    return True


def _locator(edit: JourneyEdit, built: Built):
    prefix = edit.place.path
    target = edit.place.file.resolve()

    def locate(file: Path, path: KeyPath) -> Cell | None:
        if file != target or path[: len(prefix)] != prefix:
            return None
        return built.cell_of(path[len(prefix) :])

    return locate


def review(edit: JourneyEdit, before: LoadResult | None) -> Review:
    """Validate the edit against the whole workspace, without writing anything."""
    built = build(edit)
    checked = check(
        edit.root, [journey_change(edit, built)], before=before, locate=_locator(edit, built)
    )
    return Review(built, checked)


def save(
    edit: JourneyEdit, before: LoadResult | None, *, by: Person, as_draft: bool = False
) -> Saved:
    """Write the edit as ``by`` if they may edit, it is valid and nobody changed the file
    meanwhile; with ``as_draft``, keep an invalid edit as a draft instead of refusing it.
    After a save, ``edit`` describes the new file, so editing can go on."""
    built = build(edit)
    saved = commit(
        edit.root,
        [journey_change(edit, built)],
        {edit.place.file: edit.base},
        built,
        before,
        _locator(edit, built),
        by=by,
        as_draft=as_draft,
        verify=lambda checked: _mismatch(built, checked, edit.journey_id),
    )
    if saved.outcome in (Outcome.saved, Outcome.unchanged):
        text = saved.texts[edit.place.file] or b""
        edit.base_text = text.decode("utf-8")
        edit.base = store.digest(text)
        edit.original_id = edit.journey_id
        edit.saved_document = built.document
    return saved


def _mismatch(built: Built, checked: Checked, journey_id: str) -> str | None:
    """Why the saved text would not say what the tables say, or None when it does."""
    content = read_document(built.document, "tables")
    wanted = next((e.item for e in content.entries if isinstance(e.item, Journey)), None)
    workspace = checked.result.workspace or checked.result.usable
    got = workspace.journeys.get(journey_id) if workspace else None
    if wanted is None or got is None or wanted == got:
        return None
    return (
        "the file would not hold what the tables show (please report this); "
        "download the YAML to keep your work."
    )


def save_as_new(
    edit: JourneyEdit,
    before: LoadResult | None,
    journey_id: str,
    name: str | None = None,
    *,
    by: Person,
) -> tuple[JourneyEdit, Saved]:
    """Save the edited journey under a new id, in a new file beside the others (the way
    out of a conflict that keeps both versions). Raises PleError for a bad or taken id."""
    _check_new_id(edit.root, journey_id)
    target = journey_folder(edit.root, find_journeys(edit.root)) / journey_file_name(journey_id)
    if target.exists():
        raise PleError(f"{target} already exists; choose another id")
    tables = {k: [dict(r) for r in v] for k, v in edit.tables.items()}
    head = tables["Journey"][0]
    head["id"] = journey_id
    if name:
        head["name"] = name
    fresh = replace(
        edit,
        place=Place(target),
        tables=tables,
        base_text=None,
        base=None,
        original_id=None,
        saved_document=None,
    )
    return fresh, save(fresh, before, by=by)


def download_text(edit: JourneyEdit, catalog: dict[str, list[Any]] | None = None) -> str:
    """The journey as one YAML file to share: the journey, and with ``catalog`` the
    agencies, programs and data items it names, so the file is a workspace by itself."""
    journey = {k: v for k, v in build(edit).document.items() if k not in yamltext.SIDE_KEYS}
    return yamltext.standalone(journey, catalog or {})


def delete(edit: JourneyEdit, *, by: Person) -> store.Written:
    """Remove the journey as ``by``: its file when it is a one-journey file, else its entry
    in the file's ``journeys`` list. The old file goes into the history."""
    refusal = may_write(by)
    if refusal:
        return store.Written(not_allowed=refusal)
    if edit.base_text is None:
        return store.Written()
    if not edit.place.path:
        return store.write_files(
            edit.root, {edit.place.file: None}, {edit.place.file: edit.base}, by=by
        )
    path = edit.place.path

    def apply(root: Any, json_file: bool) -> None:
        del root[path[0]][path[1]]

    text = exact_text(FileChange(edit.place.file, apply, edit.base_text))
    return store.write_files(
        edit.root, {edit.place.file: text}, {edit.place.file: edit.base}, by=by
    )


def problem_cells(review_: Review) -> list[tuple[Cell | None, str, Severity]]:
    """Every problem of a review as (cell, message, severity), for display."""
    rows: list[tuple[Cell | None, str, Severity]] = [
        (p.cell, p.message, p.severity) for p in review_.cell_problems
    ]
    rows += [
        (p.cell, p.problem.message if p.cell else str(p.problem), p.problem.severity)
        for p in review_.checked.own
    ]
    rows += [(None, str(p), p.severity) for p in review_.checked.caused]
    return rows
