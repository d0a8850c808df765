"""Edit: change journeys and the catalog in tables, save them safely, upload and download.

Everything that decides anything is in :mod:`ple.edit` (opening, checking, saving,
conflicts, history, drafts, uploads); this page shows tables and buttons and calls it.
Edits live in the session until they are saved, one per journey, so switching between
journeys or pages loses nothing.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

import streamlit as st

from ple.edit import actions, store
from ple.edit import catalog as edit_catalog
from ple.edit import journey as edit_journey
from ple.edit.commit import Outcome, Saved
from ple.edit.journey import JourneyEdit, NotTabular, Start
from ple.edit.places import Place, find_journeys
from ple.errors import PleError, Severity
from ple.gaps import analyze
from ple.model import JourneyState
from ple.sheets import schema
from ple.sheets.closure import needed_catalog
from ple.ui import canvas_panel, editing, state
from ple.ui.blueprint_panel import blueprint_section
from ple.ui.canvas import journey_canvas, map_data, reported_selection
from ple.ui.edit_upload import upload_section
from ple.ui.text import small_print
from ple.views.canvas import edit_canvas_data
from ple.views.edit import Choices, catalog_choices, journey_choices, problem_rows
from ple.views.journey import finding_counts
from ple.views.markdown import markdown_text

MODES = ["Edit a journey", "New journey", "Catalog", "Upload", "History and drafts"]
CATALOG_SCOPE = "catalog"

loaded = state.current()
st.title("Edit journeys")
small_print(
    "Change journeys and the catalog in tables. Saving writes the YAML files, "
    "changing only the lines you changed; it refuses a file someone else changed "
    "since you opened it, and keeps every earlier version. Work that does not "
    "validate yet can be kept as a draft. See docs/editing.md."
)
if getattr(loaded, "store", None) is not None:
    st.info(
        "This workspace comes from a database, which is written by `ple sync` from "
        "files. Open the app on the files to edit them."
    )
    st.stop()
root = Path(loaded.path)
if not state.person().may_edit:
    st.info(
        markdown_text(
            f"You are signed in as {state.person()}, a viewer: you can try changes "
            "here and download them, but only editors can save. Ask the app's "
            "operator if you should be an editor."
        ),
        icon=":material/visibility:",
    )
sessions: dict[str, JourneyEdit] = st.session_state.setdefault("edit_sessions", {})
if st.session_state.get("edit_root") != str(root.resolve()):
    sessions.clear()  # another workspace: edits of the old one are not carried over
    st.session_state.pop("edit_catalog", None)
    st.session_state["edit_root"] = str(root.resolve())


def choose_later(key: str, value: object) -> None:
    """Select ``value`` in the widget ``key`` on the next run (a widget cannot be changed
    in the run that drew it)."""
    st.session_state.setdefault("edit_pending", {})[key] = value


def apply_pending() -> None:
    for key, value in st.session_state.pop("edit_pending", {}).items():
        if value is None:
            st.session_state.pop(key, None)
        else:
            st.session_state[key] = value


def flash(kind: str, text: str) -> None:
    """A message shown once, after the rerun an action triggers: plain text (it names
    files, ids and values), never read as Markdown."""
    st.session_state["edit_flash"] = (kind, text)


def discard_draft(target: Path) -> bool:
    """Remove the draft of ``target``; a refusal (a viewer) becomes the flash message."""
    try:
        store.discard_draft(root, target, by=state.person())
    except store.NotAllowed as refused:
        flash("error", markdown_text(str(refused)))  # names the person as their provider gave it
        return False
    return True


def show_flash() -> None:
    """The message of the last action, in a place that is always there: an element that
    came and went above the map would shift it, and Streamlit would draw the map anew
    (its zoom and scroll lost) after every edit."""
    slot = st.container()
    found = st.session_state.pop("edit_flash", None)
    if found:
        kind, text = found
        {"success": slot.success, "error": slot.error, "warning": slot.warning, "info": slot.info}[
            kind
        ](markdown_text(text))


def report_saved(saved: Saved, scope: str) -> None:
    """Turn a save's outcome into a message (and, for a conflict, the choices)."""
    if saved.outcome is Outcome.saved:
        flash("success", saved.message)
        editing.restart(scope)
    elif saved.outcome is Outcome.unchanged:
        flash("info", saved.message)
    elif saved.outcome is Outcome.draft:
        flash("warning", saved.message + " Drafts are listed under History and drafts.")
    elif saved.outcome is Outcome.conflict:
        st.session_state["edit_conflict"] = {"scope": scope, "message": saved.message}
    elif saved.outcome is Outcome.not_allowed:  # names the person as their provider gave it
        flash("error", markdown_text(saved.message))
    else:
        flash("error", saved.message)


def problems_panel(review, tables, unconnected: Sequence[tuple[str, str]] = ()) -> None:
    """The review's errors and warnings; and the steps the map marks as not joined to the
    journey (saving is allowed: a journey is often drawn before it is connected)."""
    rows = problem_rows(review, tables, store.folder_of(root))
    errors = [r for r in rows if r.severity is Severity.error]
    st.header("Problems")
    if errors:
        st.error(f"{len(errors)} error(s) to fix before saving.", icon=":material/error:")
    elif rows or unconnected:
        st.success("No errors: ready to save.", icon=":material/check_circle:")
    else:
        st.success("No problems: ready to save.", icon=":material/check_circle:")
    if unconnected:
        with st.container(border=True):
            st.markdown(f"**Not yet joined up** · {len(unconnected)} step(s), marked on the map")
            st.text("\n".join(f"{name}: {words}" for name, words in unconnected))
    for row in rows:
        mark = "Error" if row.severity is Severity.error else "Warning"
        with st.container(border=True):
            st.markdown(f"**{mark}** · {markdown_text(row.where)}" if row.where else f"**{mark}**")
            st.text(row.message)  # user text shown as written, never as markup


def agency_name(agency_id: str) -> str:
    """``SSA · Social Security Administration``: the label people know, and the name."""
    agency = loaded.workspace.agencies.get(agency_id)
    if agency is None:
        return agency_id
    return f"{agency.acronym} · {agency.name}" if agency.acronym else agency.name


def shown_path(path: Path) -> str:
    """A workspace file as people know it: relative to the workspace folder."""
    try:
        return path.resolve().relative_to(store.folder_of(root).resolve()).as_posix()
    except ValueError:
        return str(path)


def content_hash(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def cached_review(key: str, edit, review_function):
    """Reviews are kept per content, so reruns that change nothing cost nothing."""
    digest = content_hash(key, loaded.fingerprint, edit.tables)
    memo = st.session_state.setdefault("edit_reviews", {})
    if memo.get(key, (None,))[0] != digest:
        memo[key] = (digest, review_function(edit, loaded.result))
    return memo[key][1]


@st.cache_data(max_entries=16, show_spinner=False)
def journey_list(path: str, fingerprint: str) -> list[tuple[str, str, str]]:
    """(id, name, file) of every journey written in the workspace, valid or not. The
    loaded workspace knows the valid ones; files are read again only to find the others."""
    workspace = loaded.workspace
    listed = [
        (j.id, j.name, workspace.origins[("journeys", j.id)].file)
        for j in workspace.journeys.values()
    ]
    if not loaded.result.ok:
        known = {item[0] for item in listed}
        listed += [
            (j.id, j.name, str(j.place.file))
            for j in find_journeys(Path(path))
            if j.id not in known
        ]
    return listed


def place_of(journey_id: str) -> Place | None:
    origin = loaded.workspace.origins.get(("journeys", journey_id))
    return Place(Path(origin.file), origin.path) if origin is not None else None


def choices_for(tables) -> Choices:
    return journey_choices(loaded.workspace, tables)


# --- the journey details form ---------------------------------------------------------


def details_form(edit: JourneyEdit, scope: str) -> None:
    """The Journey sheet as form fields: one journey has one of each."""
    head = edit.tables.setdefault("Journey", [{}])[0]
    generation = editing.generation(scope)

    def key(name: str) -> str:
        return f"edit_{scope}_field_{name}_{generation}"

    workspace = loaded.workspace
    left, right = st.columns(2)
    head["id"] = (
        left.text_input(
            "Id",
            value=head.get("id") or "",
            key=key("id"),
            help="Lowercase letters, digits and hyphens",
        )
        or None
    )
    head["name"] = right.text_input("Name", value=head.get("name") or "", key=key("name")) or None
    states = [s.value for s in JourneyState]
    current_state = head.get("state") if head.get("state") in states else "current"
    head["state"] = left.selectbox(
        "State",
        states,
        index=states.index(current_state),
        key=key("state"),
        help="current: today's experience; future: a proposal",
    )
    currents = sorted(
        j.id
        for j in workspace.journeys.values()
        if j.state is JourneyState.current and j.id != head.get("id")
    )
    baseline_options = [None, *currents]
    if head.get("baseline") and head["baseline"] not in baseline_options:
        baseline_options.append(head["baseline"])
    head["baseline"] = right.selectbox(
        "Baseline (for a future state)",
        baseline_options,
        index=baseline_options.index(head.get("baseline")),
        key=key("baseline"),
        format_func=lambda j: (
            "None" if j is None else (workspace.journeys[j].name if j in workspace.journeys else j)
        ),
    )
    head["trigger"] = (
        left.text_input("Trigger", value=head.get("trigger") or "", key=key("trigger")) or None
    )
    head["outcome"] = (
        right.text_input("Outcome", value=head.get("outcome") or "", key=key("outcome")) or None
    )
    agencies = [None, *sorted(workspace.agencies, key=workspace.agency_label)]
    if head.get("lead_agency") and head["lead_agency"] not in agencies:
        agencies.append(head["lead_agency"])
    head["lead_agency"] = left.selectbox(
        "Lead agency",
        agencies,
        index=agencies.index(head.get("lead_agency")),
        key=key("lead_agency"),
        format_func=lambda a: "None" if a is None else agency_name(a),
    )
    steps = [r["id"] for r in edit.tables.get("Steps", []) if r.get("id")]
    entry = [s for s in (head.get("entry") or []) if s]
    head["entry"] = (
        right.multiselect(
            "Entry steps (empty: the first step)",
            list(dict.fromkeys([*steps, *entry])),
            default=entry,
            key=key("entry"),
        )
        or None
    )
    head["description"] = (
        st.text_area("Description", value=head.get("description") or "", key=key("description"))
        or None
    )
    sources = st.text_area(
        "Sources (one per line)", value="\n".join(head.get("sources") or []), key=key("sources")
    )
    head["sources"] = [line.strip() for line in sources.splitlines() if line.strip()] or None
    one, two, three = st.columns(3)
    per_year = head.get("volume_per_year")
    text = one.text_input(
        "People a year",
        value="" if per_year is None else str(per_year),
        key=key("volume_per_year"),
        help="How many people go through this a year; needs a source",
    )
    head["volume_per_year"] = text.strip().replace(",", "") or None
    head["volume_source"] = (
        two.text_input(
            "Source of that figure", value=head.get("volume_source") or "", key=key("volume_source")
        )
        or None
    )
    head["volume_year"] = (
        three.text_input(
            "Year it counts", value=head.get("volume_year") or "", key=key("volume_year")
        )
        or None
    )
    head["volume_notes"] = (
        st.text_input(
            "Notes on the figure", value=head.get("volume_notes") or "", key=key("volume_notes")
        )
        or None
    )
    head["notes"] = st.text_area("Notes", value=head.get("notes") or "", key=key("notes")) or None


# --- one journey ----------------------------------------------------------------------


def conflict_box(scope: str, edit: JourneyEdit | None) -> None:
    conflict = st.session_state.get("edit_conflict")
    if not conflict or conflict.get("scope") != scope:
        return
    with st.container(border=True):
        st.error(
            markdown_text(
                conflict["message"] + " Someone (a colleague, a text editor, "
                "git) changed the file after you opened it; saving would "
                "overwrite their work."
            ),
            icon=":material/sync_problem:",
        )
        left, right = st.columns(2)
        if left.button("Reload from disk (drops my changes)", key=f"edit_reload_{scope}"):
            st.session_state.pop("edit_conflict", None)
            if edit is not None:
                sessions.pop(scope, None)
            else:
                st.session_state.pop("edit_catalog", None)
            editing.restart(scope)
            flash("info", "Reloaded from disk; your changes were dropped.")
            st.rerun()
        if edit is not None:
            with right:
                new_id = st.text_input(
                    "Or save my version as a new journey with the id",
                    value=f"{edit.journey_id}-mine",
                    key=f"edit_new_id_{scope}",
                )
                if st.button("Save as a new journey", key=f"edit_save_new_{scope}"):
                    try:
                        fresh, saved = edit_journey.save_as_new(
                            edit, loaded.result, new_id, by=state.person()
                        )
                    except PleError as error:
                        st.error(markdown_text(error))
                    else:
                        st.session_state.pop("edit_conflict", None)
                        report_saved(saved, new_id)
                        if saved.outcome is Outcome.saved:
                            sessions[new_id] = fresh
                            choose_later("edit_journey", new_id)
                        st.rerun()
        else:
            right.write("Or keep your version as a draft (below) and merge by hand.")


def journey_section() -> None:
    listed = journey_list(str(root), loaded.fingerprint)
    ids = sorted(dict.fromkeys([*[j[0] for j in listed], *sessions]))
    if not ids:
        st.info("No journeys yet: create one under New journey, or upload one.")
        return
    names = {j[0]: j[1] for j in listed}
    broken = {j[0] for j in listed} - set(loaded.workspace.journeys)
    chosen = st.session_state.get("edit_journey")
    if chosen not in ids:
        st.session_state["edit_journey"] = ids[0]

    def label(journey_id: str) -> str:
        """The name as first seen in this session: a label that changes under the select
        box (a rename, a save) would make Streamlit start it afresh, on another journey."""
        shown = st.session_state.setdefault("edit_journey_labels", {})
        if journey_id not in shown:
            text = (
                names.get(journey_id)
                or sessions[journey_id].tables["Journey"][0].get("name")
                or journey_id
            )
            shown[journey_id] = f"{text} ({journey_id})"
        return shown[journey_id]

    journey_id = st.selectbox("Journey", ids, key="edit_journey", format_func=label)
    notices = st.container()  # always there, so that what comes and goes here moves nothing
    if journey_id in broken:
        notices.warning(
            "This journey has errors in its file; they are listed under Problems.",
            icon=":material/error:",
        )
    if journey_id not in sessions:
        try:
            sessions[journey_id] = edit_journey.open_journey(root, journey_id, place_of(journey_id))
        except (NotTabular, PleError) as error:
            st.error(markdown_text(error), icon=":material/error:")
            return
    edit = sessions[journey_id]
    scope = journey_id
    draft = store.draft_for(root, edit.place.file)
    if draft is not None and not st.session_state.get(f"edit_draft_seen_{scope}"):
        with notices, st.container(border=True):
            st.warning(
                f"A draft of this file was kept on {draft.saved:%Y-%m-%d %H:%M} UTC "
                f"with {draft.problems} error(s).",
                icon=":material/edit_note:",
            )
            left, right = st.columns(2)
            if left.button("Continue the draft", key=f"edit_resume_{scope}"):
                try:
                    sessions[journey_id] = edit_journey.resume(root, draft, edit.original_id)
                except PleError as error:
                    flash("error", str(error))
                else:
                    st.session_state[f"edit_draft_seen_{scope}"] = True
                    editing.restart(scope)
                    flash(
                        "info",
                        "The draft is open; it replaces the file once you save it without errors.",
                    )
                st.rerun()
            if right.button("Discard the draft", key=f"edit_discard_draft_{scope}"):
                if discard_draft(edit.place.file):
                    flash("info", "The draft was discarded.")
                st.rerun()
    with notices:
        conflict_box(scope, edit)

    top = st.container()
    canvas_area = st.container()
    st.header("Tables")
    small_print(
        "Every field of the journey in tables: for bulk edits, and as the list of "
        "steps a screen reader reads in order. They change with the map."
    )
    before_grids = copy.deepcopy(edit.tables)
    choices = choices_for(edit.tables)
    titles = [
        "Steps",
        "Transitions",
        "Stages",
        "Personas",
        "Journey details",
        "Burden by channel",
        "Accepted findings",
        "Blueprint",
    ]
    sheets = [
        schema.STEPS,
        schema.TRANSITIONS,
        schema.STAGES,
        schema.PERSONAS,
        None,
        schema.BURDEN_BY_CHANNEL,
        schema.ACCEPTED_FINDINGS,
        schema.BLUEPRINT,
    ]
    # Drawn only when asked for: the seven grids were half of the time an edit on the map
    # took to come back (docs/performance.md), and the map and its panel edit every field.
    shown = st.toggle(
        "Show the tables",
        key="edit_show_tables",
        help="Every field in grids, for bulk edits or a screen reader",
    )
    for tab, title, sheet in zip(st.tabs(titles) if shown else [], titles, sheets, strict=False):
        with tab:
            if sheet is None:
                details_form(edit, scope)
                continue
            rows = edit.tables.setdefault(sheet.name, [])
            small_print(sheet.about)
            edit.tables[sheet.name] = editing.grid(
                scope,
                sheet,
                rows,
                editing.journey_config(sheet, rows, choices),
                label=f"Editable table of the {title.lower()} of {edit.journey_id}",
            )
            choices = choices_for(edit.tables)  # new steps and stages are offered at once
    followed = edit_journey.follow_renames(before_grids, edit.tables)
    if followed is not None:  # a new id in one row: what names it follows, in new grids
        edit.tables, said = followed
        flash("info", "Renamed: " + "; ".join(said) + ".")
        editing.restart(scope)
        st.rerun()
    review = cached_review(scope, edit, edit_journey.review)
    with canvas_area:
        map_column, panel_column = st.columns([3, 1])
        with map_column:
            selected, unconnected, height = canvas_section(edit, scope, review)
        # As tall as the map and scrolled inside: the tables below stay where they are
        # whatever the panel shows, so a grid never moves under the pointer.
        with panel_column, st.container(height=height + PANEL_EXTRA, border=False):
            panel_section(edit, scope, selected, choices)
            problems_panel(review, edit.tables, unconnected)
    with top:  # drawn above the map, after the tables: the buttons see this run's edits
        errors = review.problem_count
        state_text = (
            "new, written when you save"
            if edit.base_text is None
            else "unsaved changes"
            if edit.unsaved
            else "no unsaved changes"
        )
        small_print(
            f"File {markdown_text(shown_path(edit.place.file))} · **{state_text}** · "
            f"{errors} error(s)"
        )
        undo = undo_of(scope)
        buttons = st.columns([1, 1.1, 0.8, 0.8, 1, 1.2, 0.9])
        if buttons[0].button(
            "Save",
            key=f"edit_save_{scope}",
            type="primary",
            width="stretch",
            help="Write the journey to its file (Ctrl+S on the map); refused while it has errors",
        ):
            report_saved(edit_journey.save(edit, loaded.result, by=state.person()), scope)
            st.rerun()
        if buttons[1].button(
            "Keep as draft",
            key=f"edit_draft_{scope}",
            width="stretch",
            disabled=review.ok,
            help="Keep work with errors aside, outside the workspace",
        ):
            report_saved(
                edit_journey.save(edit, loaded.result, by=state.person(), as_draft=True), scope
            )
            st.rerun()
        buttons[2].button(
            "Undo",
            key=f"edit_undo_{scope}",
            width="stretch",
            disabled=not undo.past,
            on_click=run_canvas_event,
            args=(scope, {"op": "undo"}),
            help="Ctrl+Z on the map",
        )
        buttons[3].button(
            "Redo",
            key=f"edit_redo_{scope}",
            width="stretch",
            disabled=not undo.future,
            on_click=run_canvas_event,
            args=(scope, {"op": "redo"}),
            help="Ctrl+Shift+Z on the map",
        )
        if buttons[4].button(
            "Discard changes",
            key=f"edit_discard_{scope}",
            width="stretch",
            help="Go back to the file as it is on disk",
        ):
            sessions.pop(journey_id, None)
            st.session_state.get("edit_undo", {}).pop(scope, None)
            editing.restart(scope)
            flash("info", "Changes discarded.")
            st.rerun()
        catalog = (
            needed_catalog(loaded.workspace, loaded.workspace.journeys[journey_id])
            if journey_id in loaded.workspace.journeys
            else None
        )
        buttons[5].download_button(
            "Download YAML",
            key=f"edit_download_{scope}",
            width="stretch",
            data=lambda: edit_journey.download_text(edit, catalog).encode("utf-8"),
            file_name=f"{edit.journey_id or journey_id}.yaml",
            mime="application/yaml",
            on_click="ignore",
            help="The journey as shown, with the agencies, programs and data items it names: "
            "a file that works on its own",
        )
        with buttons[6].popover("Delete…", width="stretch"):
            st.write(
                "Delete this journey? Its file goes into the history, where it can be restored."
            )
            if st.button("Delete the journey", key=f"edit_delete_{scope}", type="primary"):
                written = edit_journey.delete(edit, by=state.person())
                if written.ok:
                    sessions.pop(journey_id, None)
                    choose_later("edit_journey", None)
                    flash("success", f"Deleted {journey_id}; the file is in the history.")
                elif written.not_allowed:
                    flash("error", markdown_text(written.not_allowed))
                else:
                    flash("error", "The file changed on disk; nothing was deleted. Reload first.")
                st.rerun()
    final = choices_for(edit.tables)
    editing.settle(
        scope,
        {
            sheet.name: editing.journey_config(sheet, edit.tables[sheet.name], final)
            for sheet in schema.JOURNEY_SHEETS
            if sheet is not schema.JOURNEY
        },
    )


# --- the map: the canvas, its panel, undo ----------------------------------------------


# The panel beside the map may be this much taller: the map's caption runs under it. (A
# comment, not a string under the name: Streamlit's magic would show a string on the page.)
PANEL_EXTRA = 60


def undo_of(scope: str) -> actions.Undo:
    return st.session_state.setdefault("edit_undo", {}).setdefault(scope, actions.Undo())


def canvas_key(scope: str) -> str:
    return f"edit_canvas_{scope}"


def run_canvas_event(scope: str, event: dict) -> None:
    """One action from the map or the panel: undo, redo, save, or a change to the tables
    (remembered for undo). Runs as a callback, before the page is drawn again."""
    edit = sessions.get(scope)
    if edit is None:
        return
    op = event.get("op")
    undo = undo_of(scope)
    if op in ("undo", "redo"):
        tables = (undo.undo if op == "undo" else undo.redo)(edit.tables)
        if tables is None:
            flash("info", f"Nothing to {op}.")
            return
        edit.tables = tables
        flash("info", "Undone." if op == "undo" else "Redone.")
    elif op == "save":
        report_saved(edit_journey.save(edit, loaded.result, by=state.person()), scope)
        return
    else:
        before = copy.deepcopy(edit.tables)
        done = (
            event["apply"](edit.tables) if "apply" in event else actions.apply(edit.tables, event)
        )
        if not done.changed:
            flash("info", done.message)
            return
        undo.past.append(before)
        del undo.past[: -actions.MAX_UNDO]
        undo.future.clear()
        flash("success", done.message)
        if done.step is not None or op == "delete":
            st.session_state[f"edit_selected_{scope}"] = (
                {"kind": "step", "id": done.step} if done.step else None
            )
    editing.restart(scope)


def canvas_edited(scope: str) -> None:
    """The map sent an edit (a trigger value of the canvas component)."""
    value = st.session_state.get(canvas_key(scope)) or {}
    event = value.get("edit") if hasattr(value, "get") else getattr(value, "edit", None)
    if event:
        run_canvas_event(scope, dict(event))
        st.session_state[f"edit_applied_{scope}"] = event.get("seq")


def canvas_section(
    edit: JourneyEdit, scope: str, review
) -> tuple[dict | None, list[tuple[str, str]], int]:
    """The map of the journey being edited; returns what is selected on it, the steps it
    marks as having no way in or out (name, words), and its height in pixels."""
    findings = {}
    usable = review.checked.result.usable
    if usable is not None and edit.journey_id in usable.journeys:
        findings = finding_counts(
            analyze(usable, journeys=[edit.journey_id]).findings, edit.journey_id
        )
    chosen_key, reported_key = f"edit_selected_{scope}", f"edit_reported_{scope}"
    known, reported = reported_selection(canvas_key(scope))
    if known and reported != st.session_state.get(reported_key):  # a click on the map
        st.session_state[reported_key] = st.session_state[chosen_key] = reported
    lanes = st.session_state.setdefault("edit_lanes", {}).setdefault(scope, [])
    data = map_data(
        lambda: edit_canvas_data(
            loaded.workspace,
            edit.tables,
            findings=findings,
            extra_lanes=lanes,
            selected=st.session_state.get(chosen_key),
        )
    )
    if data is not None:
        data["applied"] = st.session_state.get(f"edit_applied_{scope}")  # the map shows it
    journey_canvas(data, key=canvas_key(scope), on_edit=lambda: canvas_edited(scope))
    small_print(
        "Double-click an empty cell to add a step there; drag a step to another lane "
        "or stage; drag from a step's right handle to another step to connect them; "
        "select and press Delete to remove; Ctrl+Z undoes. Everything is saved with "
        "**Save**, only the lines that changed."
    )
    if data is None:  # past the limits of a map: the tables and problems still work
        return st.session_state.get(chosen_key), [], 400
    unconnected = [(step["name"], step["problem"]) for step in data["steps"] if step["problem"]]
    return st.session_state.get(chosen_key), unconnected, int(data["height"])


def panel_section(edit: JourneyEdit, scope: str, selected: dict | None, choices: Choices) -> None:
    def change(action) -> None:
        run_canvas_event(scope, {"op": "panel", "apply": action})
        st.rerun()

    def select(selection: dict | None) -> None:
        st.session_state[f"edit_selected_{scope}"] = selection
        st.rerun()

    key = f"edit_panel_{scope}_{editing.generation(scope)}"
    if selected and selected.get("kind") == "step":
        canvas_panel.step_panel(
            edit.tables,
            selected["id"],
            choices,
            change,
            select,
            f"{key}_{selected['id']}",
            more=lambda row: blueprint_section(
                edit.tables, row, edit.journey_id, choices, change, f"{key}_{selected['id']}"
            ),
        )
    elif selected and selected.get("kind") == "route":
        canvas_panel.move_panel(
            edit.tables,
            selected["from"],
            selected["to"],
            choices,
            change,
            select,
            f"{key}_{selected['from']}_{selected['to']}",
        )
    else:
        lanes = st.session_state.setdefault("edit_lanes", {}).setdefault(scope, [])
        shown = list(
            dict.fromkeys(
                [
                    *(r.get("agency") for r in edit.tables.get("Steps", []) if r.get("agency")),
                    *lanes,
                ]
            )
        )
        canvas_panel.add_panel(edit.tables, shown, choices, change, key)
        lane_and_catalog_forms(scope, lanes, choices)


def lane_and_catalog_forms(scope: str, lanes: list[str], choices: Choices) -> None:
    """Show an agency's lane before it has steps; create an agency, program or data item
    in the catalog without leaving the map."""
    # Not a form: Enter in a select box inside a form can submit the form before the
    # option typed for is chosen, and the first agency of the list got a lane instead.
    with st.container(border=True):
        agency = st.selectbox(
            "Show a lane for",
            [a for a in choices.agencies if a not in lanes],
            index=None,
            placeholder="Choose an agency",
            format_func=lambda a: choices.agencies.get(a, a),
            key=f"edit_lane_{scope}_{len(lanes)}",
        )
        if st.button("Add the lane", key=f"edit_lane_add_{scope}", disabled=agency is None):
            lanes.append(agency)
            st.rerun()
    with (
        st.expander("New agency, program or data item"),
        st.form(f"edit_new_entry_{scope}", clear_on_submit=True),
    ):
        kind = st.selectbox("Kind", list(ENTRY_KINDS), format_func=ENTRY_KINDS.get)
        name = st.text_input("Name of the new entry")
        acronym = st.text_input("Acronym (agencies)")
        owner = st.selectbox(
            "Agency (programs)",
            list(choices.agencies),
            format_func=lambda a: choices.agencies.get(a, a),
        )
        if st.form_submit_button("Create it in the catalog") and name.strip():
            saved, entry_id = edit_catalog.add_entry(
                root, kind, name, loaded.result, by=state.person(), acronym=acronym, agency=owner
            )
            report_saved(saved, CATALOG_SCOPE)
            if saved.outcome is Outcome.saved and kind == "agencies":
                lanes.append(entry_id)
            st.rerun()


ENTRY_KINDS = {"agencies": "agency", "programs": "program", "data_items": "data item"}


# --- creating ---------------------------------------------------------------------------


def new_section() -> None:
    workspace = loaded.workspace
    st.header("Start a new journey")
    how = st.radio(
        "Start from",
        ["Blank", "A copy of a journey (as a template)", "A future state of a current journey"],
        key="edit_new_start",
    )
    start = {"Blank": Start.blank}.get(
        how, Start.copy if how.startswith("A copy") else Start.future
    )
    source = None
    if start is not Start.blank:
        listed = journey_list(str(root), loaded.fingerprint)
        candidates = [
            j[0]
            for j in listed
            if start is Start.copy
            or (
                j[0] in workspace.journeys
                and workspace.journeys[j[0]].state is JourneyState.current
            )
        ]
        if not candidates:
            st.info("No journey to start from.")
            return
        names = {j[0]: j[1] for j in listed}
        source = st.selectbox(
            "Journey to start from",
            candidates,
            key="edit_new_source",
            format_func=lambda j: f"{names.get(j, j)} ({j})",
        )
    left, right = st.columns(2)
    default_name = (
        f"{workspace.journeys[source].name} (future state)"
        if start is Start.future and source in workspace.journeys
        else ""
    )
    name = left.text_input(
        "Name of the journey",
        value=default_name,
        key="edit_new_name",
        help="What the life experience is called, e.g. Starting a business",
    )
    new_id = right.text_input(
        "Id (leave empty: made from the name)",
        key="edit_new_id",
        placeholder=edit_journey.id_for_new_journey(root, name)
        if name.strip()
        else "starting-a-business",
        help="Lowercase letters, digits and hyphens",
    ) or (edit_journey.id_for_new_journey(root, name) if name.strip() else "")
    agency = None
    if start is Start.blank:
        agencies = sorted(workspace.agencies, key=workspace.agency_label)
        agency = (
            st.selectbox(
                "Lead agency (the first step's agency)",
                agencies,
                key="edit_new_agency",
                format_func=agency_name,
            )
            if agencies
            else None
        )
    if st.button("Create", key="edit_new_create", type="primary"):
        try:
            edit = edit_journey.new_journey(
                root,
                new_id.strip(),
                name.strip() or new_id,
                start=start,
                source=source,
                agency=agency,
            )
        except PleError as error:
            st.error(markdown_text(error))
            return
        sessions[edit.journey_id] = edit
        if agency:  # its lane, ready for the first step
            st.session_state.setdefault("edit_lanes", {})[edit.journey_id] = [agency]
        choose_later("edit_journey", edit.journey_id)
        choose_later("edit_mode", MODES[0])
        flash(
            "info",
            f"Journey {edit.journey_id} is ready to edit; it is written to "
            f"{edit.place.file} when you save it.",
        )
        st.rerun()


# --- the catalog ----------------------------------------------------------------------


def catalog_section() -> None:
    drafts = edit_catalog.catalog_drafts(root)
    if drafts and not st.session_state.get("edit_catalog_drafts_open"):
        with st.container(border=True):
            kept = ", ".join(
                f"{shown_path(d.target)} ({d.saved:%Y-%m-%d %H:%M} UTC, {d.problems} error(s))"
                for d in drafts
            )
            st.warning(
                markdown_text(f"Drafts of the catalog were kept: {kept}."),
                icon=":material/edit_note:",
            )
            left, right = st.columns(2)
            if left.button("Continue the drafts", key="edit_catalog_resume"):
                try:
                    st.session_state["edit_catalog"] = edit_catalog.open_catalog(root, drafts)
                except (PleError, ValueError) as error:
                    flash("error", f"The drafts cannot be opened: {error}")
                else:
                    st.session_state["edit_catalog_drafts_open"] = True
                    editing.restart(CATALOG_SCOPE)
                st.rerun()
            if right.button("Discard the drafts", key="edit_catalog_discard_drafts"):
                if all([discard_draft(draft.target) for draft in drafts]):
                    flash("info", "The catalog drafts were discarded.")
                st.rerun()
    edit = st.session_state.get("edit_catalog")
    if edit is None:
        try:
            edit = edit_catalog.open_catalog(root)
        except PleError as error:
            st.error(markdown_text(error))
            return
        st.session_state["edit_catalog"] = edit
    conflict_box(CATALOG_SCOPE, None)
    top = st.container()
    tables_column, problems_column = st.columns([3, 1])
    with tables_column:
        tabs = st.tabs(["Agencies", "Programs", "Data items", "Touchpoints", "Sharing"])
        for tab, sheet in zip(tabs, schema.CATALOG_SHEETS, strict=True):
            with tab:
                rows = edit.tables.setdefault(sheet.name, [])
                edit.tables[sheet.name] = editing.grid(
                    CATALOG_SCOPE,
                    sheet,
                    rows,
                    editing.catalog_config(sheet, rows, catalog_choices_of(edit)),
                    extra=[edit_catalog.FILE_COLUMN],
                    height=420,
                    label=f"Editable table of the catalog's {sheet.name.lower()}",
                )
    review = cached_review(CATALOG_SCOPE, edit, edit_catalog.review)
    with problems_column:
        problems_panel(review, edit.tables)
    with top:
        where = markdown_text(", ".join(edit.files) or "no file yet")
        small_print(
            "Agencies, programs, data items, touchpoints and the legal basis for sharing "
            f"data items, shared by every journey (in "
            f"{where}). A change is written to the file the entry is in; removing an "
            "entry that journeys use is refused."
        )
        buttons = st.columns([1, 1, 1, 3])
        if buttons[0].button("Save", key="edit_catalog_save", type="primary", width="stretch"):
            report_saved(edit_catalog.save(edit, loaded.result, by=state.person()), CATALOG_SCOPE)
            st.rerun()
        if buttons[1].button(
            "Keep as draft", key="edit_catalog_draft", width="stretch", disabled=review.ok
        ):
            report_saved(
                edit_catalog.save(edit, loaded.result, by=state.person(), as_draft=True),
                CATALOG_SCOPE,
            )
            st.rerun()
        if buttons[2].button("Discard changes", key="edit_catalog_discard", width="stretch"):
            st.session_state.pop("edit_catalog", None)
            editing.restart(CATALOG_SCOPE)
            st.rerun()
    editing.settle(
        CATALOG_SCOPE,
        {
            sheet.name: editing.catalog_config(
                sheet, edit.tables[sheet.name], catalog_choices_of(edit)
            )
            for sheet in schema.CATALOG_SHEETS
        },
    )


def catalog_choices_of(edit) -> Choices:
    return catalog_choices(edit.tables, edit.files or [edit_catalog.DEFAULT_FILE])


# --- uploads --------------------------------------------------------------------------


def uploaded(saved: Saved) -> None:
    """After an upload was written (or refused): say so, and forget what was opened."""
    report_saved(saved, "upload")
    if saved.outcome is Outcome.saved:
        sessions.clear()
        st.session_state.pop("edit_catalog", None)


# --- history and drafts ---------------------------------------------------------------


def author_row(file: Path) -> dict[str, str]:
    """A file and who saved it as it is now (the save record of :mod:`ple.edit.store`)."""
    save = store.current_author(root, file)
    return {
        "file": shown_path(file),
        "saved by": save.who if save else "not recorded",
        "at (UTC)": f"{save.at:%Y-%m-%d %H:%M:%S}" if save else "",
    }


def history_section() -> None:
    st.header("Earlier versions")
    files = sorted(
        {
            *store.files_with_history(root),
            *[Path(j[2]) for j in journey_list(str(root), loaded.fingerprint)],
        }
    )
    with_history = [f for f in files if store.list_versions(root, f)]
    folder = store.folder_of(root)
    saved_files = [f for f in files if f.exists() and store.current_author(root, f)]
    if saved_files:
        with st.expander("Who saved each file last"):
            st.dataframe([author_row(f) for f in saved_files], hide_index=True, width="stretch")
    if not with_history:
        st.info("No earlier versions yet: each save keeps the version it replaces here.")
    else:
        file = st.selectbox(
            "File",
            with_history,
            key="edit_history_file",
            format_func=lambda p: str(p.relative_to(folder)) + ("" if p.exists() else " (deleted)"),
        )
        current = store.current_author(root, file) if file.exists() else None
        if current is not None:
            st.text(
                f"The current version was saved by {current.who} on "
                f"{current.at:%Y-%m-%d %H:%M:%S} UTC."
            )
        versions = store.list_versions(root, file)
        st.dataframe(
            [
                {
                    "replaced at (UTC)": f"{v.saved:%Y-%m-%d %H:%M:%S}",
                    "kind": "refused save" if v.refused else "earlier version",
                    "saved by": v.author.who if v.author else "not recorded",
                    "size": f"{v.size:,} bytes",
                    "sha256": v.sha256[:12],
                }
                for v in versions
            ],
            hide_index=True,
            width="stretch",
        )
        index = st.selectbox(
            "Version",
            range(len(versions)),
            key="edit_history_version",
            format_func=lambda i: (
                f"{versions[i].saved:%Y-%m-%d %H:%M:%S} UTC ({versions[i].size:,} bytes)"
            ),
        )
        chosen = versions[index]
        left, right = st.columns(2)
        if left.button(
            "Restore this version",
            key="edit_history_restore",
            type="primary",
            help="The current file goes into the history first",
        ):
            written = store.restore(root, chosen, file, by=state.person())
            if written.not_allowed:
                flash("error", markdown_text(written.not_allowed))
            elif written.ok:
                sessions.clear()
                st.session_state.pop("edit_catalog", None)
                flash(
                    "success",
                    f"Restored {file.name} as it was before "
                    f"{chosen.saved:%Y-%m-%d %H:%M:%S} UTC; the version it replaced is "
                    "in the history.",
                )
            else:
                flash("error", "The file changed while restoring; try again.")
            st.rerun()
        right.download_button(
            "Download this version",
            key="edit_history_download",
            data=chosen.file.read_bytes(),
            file_name=file.name,
            on_click="ignore",
        )
        with st.expander("Show this version"):
            st.code(chosen.file.read_text(encoding="utf-8", errors="replace"), language="yaml")
    st.header("Drafts")
    drafts = store.list_drafts(root)
    if not drafts:
        st.write("No drafts.")
        return
    for number, draft in enumerate(drafts):
        with st.container(border=True):
            kept_by = f" by {markdown_text(draft.by)}" if draft.by else ""
            st.write(
                f"**{markdown_text(draft.target.name)}** · kept {draft.saved:%Y-%m-%d %H:%M} "
                f"UTC{kept_by} · {draft.problems} error(s)"
            )
            if st.button("Discard", key=f"edit_drafts_discard_{number}"):
                discard_draft(draft.target)
                st.rerun()
    small_print("To continue a draft, open its journey under Edit a journey.")


# --- the page -------------------------------------------------------------------------

apply_pending()
show_flash()
mode = st.radio("What to do", MODES, key="edit_mode", horizontal=True, label_visibility="collapsed")
if mode == MODES[0]:
    journey_section()
elif mode == MODES[1]:
    new_section()
elif mode == MODES[2]:
    catalog_section()
elif mode == MODES[3]:
    upload_section(root, uploaded)
else:
    history_section()
