"""The panel beside the canvas on the Edit page: every field of the selected step or move,
and the keyboard path for what the canvas does with a mouse (add a step, move it to
another lane or stage, connect it, delete it).

Widgets only: each change is handed to ``change`` as an :mod:`ple.edit.actions` call, which
the page runs with undo and a rerun. Nothing here knows what makes a journey valid.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from ple.edit import actions
from ple.sheets.convert import Row, Tables
from ple.sheets.schema import CHANNELS
from ple.ui.editing import COMMON_ACCOMMODATIONS, COMMON_LANGUAGES
from ple.ui.text import small_print
from ple.views.canvas import EDITABLE_HANDOFF_TYPES
from ple.views.edit import Choices
from ple.views.markdown import markdown_text

Change = Callable[[Callable[[Tables], actions.Done]], None]
"""Runs an action on the journey's tables (with undo, a status line and a rerun)."""
Select = Callable[[dict[str, str] | None], None]
"""Selects a step or a move, as a click on the map would."""
NEW = "__new__"
NO_HANDOFF = "not described"


def _options(values: list[str], current: Any) -> list[str]:
    """The offered values, plus those the row has already (so they still show)."""
    found = list(values)
    for value in current if isinstance(current, list) else [current]:
        if value not in (None, "") and value not in found:
            found.append(value)
    return found


def _label(labels: dict[str, str]) -> Callable[[str], str]:
    return lambda value: labels.get(value, value) or "—"


def step_panel(
    tables: Tables,
    step_id: str,
    choices: Choices,
    change: Change,
    select: Select,
    key: str,
    more: Callable[[Row], None] | None = None,
) -> None:
    """Every field of one step, as a form; then ``more`` sections for the row (the
    blueprint's), then connect, move and delete."""
    row = next((r for r in tables.get("Steps", []) if r.get("id") == step_id), None)
    if row is None:
        small_print("The selected step no longer exists.")
        return
    st.subheader(markdown_text(str(row.get("name") or step_id)))
    _close(select, key)
    stages = {
        r["id"]: str(r.get("name") or r["id"]) for r in tables.get("Stages", []) if r.get("id")
    }
    with st.form(f"{key}_form", border=False):
        values: dict[str, Any] = {}
        values["name"] = st.text_input("Name", value=str(row.get("name") or ""))
        values["agency"] = st.selectbox(
            "Agency (lane)",
            _options(list(choices.agencies), row.get("agency")),
            index=_index(_options(list(choices.agencies), row.get("agency")), row.get("agency")),
            format_func=_label(choices.agencies),
        )
        stage_ids = ["", *stages]
        values["stage"] = st.selectbox(
            "Stage",
            stage_ids,
            index=_index(stage_ids, row.get("stage") or ""),
            format_func=lambda s: stages.get(s, "No stage"),
        )
        values["program"] = st.selectbox(
            "Program",
            ["", *_options(list(choices.programs), row.get("program"))],
            index=_index(
                ["", *_options(list(choices.programs), row.get("program"))],
                row.get("program") or "",
            ),
            format_func=lambda p: choices.programs.get(p, p) or "None",
        )
        values["channels"] = st.multiselect(
            "Channels",
            _options(list(CHANNELS), row.get("channels")),
            default=row.get("channels") or [],
            help="Leave empty when not known: unknown is reported as unverified, not as none",
        )
        values["languages"] = st.multiselect(
            "Languages",
            _options(COMMON_LANGUAGES, row.get("languages")),
            default=row.get("languages") or [],
            accept_new_options=True,
        )
        left, right = st.columns(2)
        values["minutes"] = left.number_input(
            "Minutes", min_value=0.0, value=_number(row, "minutes")
        )
        values["wait_days"] = right.number_input(
            "Days waiting", min_value=0.0, value=_number(row, "wait_days")
        )
        values["cost_usd"] = left.number_input(
            "Cost (USD)", min_value=0.0, value=_number(row, "cost_usd")
        )
        visits = right.number_input("Visits", min_value=0, step=1, value=_whole(row, "visits"))
        values["visits"] = visits
        values["requests"] = st.multiselect(
            "Asks for (data items)",
            _options(list(choices.data_items), row.get("requests")),
            default=row.get("requests") or [],
            format_func=_label(choices.data_items),
        )
        values["pain_points"] = [
            line
            for line in st.text_area(
                "Pain points, one per line", value="\n".join(row.get("pain_points") or [])
            ).splitlines()
            if line.strip()
        ]
        values["accommodations"] = st.multiselect(
            "Accommodations",
            _options(COMMON_ACCOMMODATIONS, row.get("accommodations")),
            default=row.get("accommodations") or [],
            accept_new_options=True,
        )
        values["personas"] = st.multiselect(
            "Personas (empty: everyone)",
            _options(choices.personas, row.get("personas")),
            default=row.get("personas") or [],
        )
        values["sentiment"] = st.select_slider(
            "Sentiment",
            options=[None, -2, -1, 0, 1, 2],
            value=row.get("sentiment"),
            format_func=lambda v: "not recorded" if v is None else f"{v:+d}" if v else "0",
        )
        values["end"] = st.checkbox("A deliberate end of the journey", value=bool(row.get("end")))
        values["description"] = st.text_area("Description", value=str(row.get("description") or ""))
        if st.form_submit_button("Apply changes", type="primary"):
            change(lambda t: actions.set_fields(t, "Steps", {"id": step_id}, _cleaned(values)))
    if more is not None:
        more(row)
    _connect_form(tables, row, choices, change, key)
    _moves_list(tables, step_id, select, key)
    if st.button("Delete this step", key=f"{key}_delete", icon=":material/delete:"):
        change(lambda t: actions.delete(t, [step_id]))


def _moves_list(tables: Tables, step_id: str, select: Select, key: str) -> None:
    """The step's moves, each a button that selects it (to edit or delete it): the
    keyboard path for clicking an arrow on the map."""
    names = {str(r.get("id")): str(r.get("name") or r.get("id")) for r in tables.get("Steps", [])}
    moves = [r for r in tables.get("Transitions", []) if r.get("from") == step_id and r.get("to")]
    if not moves:
        return
    st.markdown("**Moves from this step**")
    for index, move in enumerate(moves):
        target = str(move["to"])
        kind = f" ({move['handoff']})" if move.get("handoff") else ""
        if st.button(
            markdown_text(f"→ {names.get(target, target)}{kind}"),
            key=f"{key}_move_{index}",
            help="Select this move to change or delete it",
        ):
            select({"kind": "route", "from": step_id, "to": target})


def _connect_form(tables: Tables, row: Row, choices: Choices, change: Change, key: str) -> None:
    """Connect to another step: the keyboard path for dragging from a step's handle."""
    others = {
        str(r["id"]): str(r.get("name") or r["id"])
        for r in tables.get("Steps", [])
        if r.get("id") and r.get("id") != row.get("id")
    }
    if not others:
        return
    with st.form(f"{key}_connect", border=True):
        target = st.selectbox("Connect to…", list(others), format_func=_label(others))
        handoff = st.selectbox(
            "Handoff type (when the agencies differ)", [NO_HANDOFF, *EDITABLE_HANDOFF_TYPES]
        )
        if st.form_submit_button("Connect"):
            kind = None if handoff == NO_HANDOFF else handoff
            target_row = next(r for r in tables["Steps"] if r.get("id") == target)
            same = target_row.get("agency") == row.get("agency")
            change(lambda t: actions.connect(t, str(row["id"]), target, None if same else kind))


def move_panel(
    tables: Tables,
    source: str,
    target: str,
    choices: Choices,
    change: Change,
    select: Select,
    key: str,
) -> None:
    """Every field of one move (a transition): condition, share, handoff, shares, note."""
    row = next(
        (
            r
            for r in tables.get("Transitions", [])
            if r.get("from") == source and r.get("to") == target
        ),
        None,
    )
    if row is None:
        small_print("The selected move no longer exists.")
        return
    names = {str(r.get("id")): str(r.get("name") or r.get("id")) for r in tables.get("Steps", [])}
    st.subheader(markdown_text(f"{names.get(source, source)} → {names.get(target, target)}"))
    _close(select, key)
    with st.form(f"{key}_form", border=False):
        values: dict[str, Any] = {}
        kinds = [NO_HANDOFF, *EDITABLE_HANDOFF_TYPES]
        handoff = st.selectbox(
            "Handoff type",
            kinds,
            index=_index(kinds, row.get("handoff") or NO_HANDOFF),
            help="Only for a move to another agency",
        )
        values["handoff"] = None if handoff == NO_HANDOFF else handoff
        values["condition"] = st.text_input(
            "When (condition)", value=str(row.get("condition") or "")
        )
        share = st.number_input(
            "Share of people who take it (0 to 1; 0: not recorded)",
            min_value=0.0,
            max_value=1.0,
            step=0.05,
            value=float(row.get("share") or 0.0),
        )
        values["share"] = share or None
        values["shares"] = st.multiselect(
            "Data passed along",
            _options(list(choices.data_items), row.get("shares")),
            default=row.get("shares") or [],
            format_func=_label(choices.data_items),
        )
        values["note"] = st.text_area("Note about the handoff", value=str(row.get("note") or ""))
        if st.form_submit_button("Apply changes", type="primary"):
            change(
                lambda t: actions.set_fields(
                    t, "Transitions", {"from": source, "to": target}, _cleaned(values)
                )
            )
    if st.button("Delete this move", key=f"{key}_delete", icon=":material/delete:"):
        change(lambda t: actions.delete(t, moves=[{"from": source, "to": target}]))


def add_panel(tables: Tables, lanes: list[str], choices: Choices, change: Change, key: str) -> None:
    """With nothing selected: add a step, a stage; the keyboard path for double-clicking a
    cell of the canvas."""
    stages = {
        r["id"]: str(r.get("name") or r["id"]) for r in tables.get("Stages", []) if r.get("id")
    }
    st.subheader("Add a step")
    small_print(
        "Or double-click an empty cell of the map: the step goes into that lane and "
        "stage. Select a step to edit it; Tab moves through the steps in journey "
        "order and Enter selects one."
    )
    with st.form(f"{key}_add", clear_on_submit=True):
        name = st.text_input("Name of the step")
        agencies = _options(lanes, None) + [a for a in choices.agencies if a not in lanes]
        agency = st.selectbox("Agency (lane)", agencies, format_func=_label(choices.agencies))
        stage = st.selectbox(
            "Stage", ["", *stages], format_func=lambda s: stages.get(s, "No stage")
        )
        if st.form_submit_button("Add the step", type="primary") and name.strip():
            change(lambda t: actions.add_step(t, name, agency, stage or None))
    with st.form(f"{key}_stage", clear_on_submit=True):
        stage_name = st.text_input("Name of a new stage (it goes last)")
        if st.form_submit_button("Add the stage") and stage_name.strip():
            change(lambda t: actions.add_stage(t, stage_name))


def _close(select: Select, key: str) -> None:
    if st.button(
        "Close (back to adding steps)",
        key=f"{key}_close",
        icon=":material/close:",
        help="Nothing selected: the panel offers to add steps and stages",
    ):
        select(None)


def _index(options: list[Any], value: Any) -> int:
    return options.index(value) if value in options else 0


def _number(row: Row, column: str) -> float | None:
    value = row.get(column)
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _whole(row: Row, column: str) -> int | None:
    value = row.get(column)
    return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _cleaned(values: dict[str, Any]) -> dict[str, Any]:
    """Form values as table cells: text trimmed, empty text and lists as nothing."""
    cleaned = {}
    for column, value in values.items():
        if isinstance(value, str):
            value = value.strip() or None
        if value == [] or value is False:
            value = None
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # 25, not 25.0, in the file
        cleaned[column] = value
    return cleaned
