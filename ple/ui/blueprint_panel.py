"""The side panel's blueprint section on the Edit page: what a step looks like in the
service blueprint (its frontstage, backstage and support actions, its touchpoints), whether
it is a moment that matters and why, what it rests on (its evidence), and which journey
tells it in more detail.

Widgets only, like :mod:`ple.ui.canvas_panel`: the change goes to ``change`` as one
:func:`ple.edit.actions.set_blueprint` call (one undo). The actions are edited in a grid in
a dialog as wide as the page, since the panel is too narrow for four columns of text.
Whatever is wrong with a change (a reason without the flag, an action without text, a
detail journey that loops back) is reported by the page's problems panel with its place,
like a bad cell in the tables.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from ple.edit import actions
from ple.model.journey import BLUEPRINT_ROWS
from ple.sheets.convert import Row, Tables
from ple.sheets.schema import EVIDENCE_LEVELS
from ple.ui.canvas_panel import Change, _cleaned, _index, _label, _options
from ple.ui.text import small_print
from ple.views.edit import Choices
from ple.views.markdown import markdown_text

UNKNOWN = ""
ACTION_COLUMNS = {
    "row": "Row",
    "text": "What is done",
    "agency": "Agency (empty: the step's)",
    "system": "System or data exchange",
}


def blueprint_section(
    tables: Tables, row: Row, journey_id: str | None, choices: Choices, change: Change, key: str
) -> None:
    """The blueprint fields of one step's Steps row and its Blueprint rows, as a form."""
    step_id = str(row["id"])
    with st.form(f"{key}_blueprint", border=True):
        st.markdown("**Service blueprint and evidence**")
        values: dict[str, Any] = {}
        touchpoints = _options(list(choices.touchpoints), row.get("touchpoints"))
        values["touchpoints"] = st.multiselect(
            "Touchpoints (from the catalog)",
            touchpoints,
            default=row.get("touchpoints") or [],
            format_func=_label(choices.touchpoints),
            help="The forms, letters, portals, call centres and offices the step uses; new "
            "ones are added to the catalog's files or a workbook (docs/editing.md)",
        )
        values["moment_that_matters"] = st.checkbox(
            "A moment that matters", value=bool(row.get("moment_that_matters"))
        )
        values["moment_reason"] = st.text_input(
            "Why it matters (a sentence)", value=str(row.get("moment_reason") or "")
        )
        levels = [UNKNOWN, *EVIDENCE_LEVELS]
        values["evidence"] = st.selectbox(
            "What the step rests on (evidence)",
            levels,
            index=_index(levels, row.get("evidence") or UNKNOWN),
            format_func=lambda level: level or "unknown (not recorded)",
            help="observed: research with people, analytics; reported: agency data or a "
            "published figure; assumed: a designer's estimate",
        )
        values["evidence_sources"] = [
            line.strip()
            for line in st.text_area(
                "Evidence sources, one per line", value="\n".join(row.get("evidence_sources") or [])
            ).splitlines()
            if line.strip()
        ]
        details = [
            UNKNOWN,
            *_options([j for j in choices.journeys if j != journey_id], row.get("detail")),
        ]
        values["detail"] = st.selectbox(
            "Told in more detail by the journey",
            details,
            index=_index(details, row.get("detail") or UNKNOWN),
            format_func=lambda j: choices.journeys.get(j, j) or "None",
        )
        if st.form_submit_button("Apply blueprint changes", type="primary"):
            fields = _cleaned(values)
            change(lambda t: actions.set_blueprint(t, step_id, fields, None))
    _actions_list(tables, step_id, choices)
    if st.button(
        "Edit the actions behind this step…",
        key=f"{key}_actions_open",
        icon=":material/table_rows:",
        help="Frontstage, backstage and support actions, in a wide table",
    ):
        _actions_dialog(tables, row, choices, change, key)


def _actions_list(tables: Tables, step_id: str, choices: Choices) -> None:
    """The step's actions as text, by row, so the panel shows them without a grid."""
    rows = [r for r in tables.get("Blueprint", []) if r.get("step") == step_id]
    if not rows:
        small_print("No frontstage, backstage or support actions yet.")
        return

    def line(action: Row) -> str:
        agency = action.get("agency")
        by = f" · {choices.agencies.get(agency, agency)}" if agency else ""
        return markdown_text(f"{action.get('row') or '?'}{by}: {action.get('text') or ''}")

    st.markdown("\n".join(f"- {line(r)}" for r in rows))


@st.dialog("Actions behind the step", width="large")
def _actions_dialog(tables: Tables, row: Row, choices: Choices, change: Change, key: str) -> None:
    """The step's Blueprint rows in a grid as wide as the page: one row per action."""
    step_id = str(row["id"])
    st.markdown(
        f"**{markdown_text(str(row.get('name') or step_id))}**: frontstage (what the "
        "customer meets), backstage (out of sight), support (systems, data exchanges, "
        "partners). An empty agency is the step's own; empty rows are left out."
    )
    # In a form: a cell edit does not run the dialog again (a rerun under the pointer can
    # swallow the next click); everything is applied at once.
    with st.form(f"{key}_actions_form", border=False):
        edited = st.data_editor(
            step_actions(tables, step_id),
            key=f"{key}_actions",
            num_rows="dynamic",
            hide_index=True,
            width="stretch",
            column_config={
                "row": st.column_config.SelectboxColumn(
                    ACTION_COLUMNS["row"], width="small", options=list(BLUEPRINT_ROWS)
                ),
                "text": st.column_config.TextColumn(ACTION_COLUMNS["text"], width="large"),
                "agency": st.column_config.SelectboxColumn(
                    ACTION_COLUMNS["agency"], options=list(choices.agencies)
                ),
                "system": st.column_config.TextColumn(ACTION_COLUMNS["system"]),
            },
        )
        if st.form_submit_button("Apply the actions", type="primary"):
            change(lambda t: actions.set_blueprint(t, step_id, {}, _records(edited)))


def step_actions(tables: Tables, step_id: str) -> pd.DataFrame:
    """The step's Blueprint rows, every column present (the grid needs them all, even
    with no rows yet)."""
    return pd.DataFrame(
        [
            {column: r.get(column) for column in actions.BLUEPRINT_COLUMNS}
            for r in tables.get("Blueprint", [])
            if r.get("step") == step_id
        ],
        columns=list(actions.BLUEPRINT_COLUMNS),
        dtype=object,
    )


def _records(rows: Any) -> list[dict[str, Any]]:
    """The grid's rows as dictionaries, whatever shape the editor hands back."""
    if hasattr(rows, "to_dict"):
        rows = rows.to_dict("records")
    return [
        {k: (None if v != v else v) for k, v in dict(r).items()}  # NaN: empty
        for r in rows
    ]
