"""Widgets several pages share, so they look and behave the same everywhere."""

from __future__ import annotations

import streamlit as st

from ple.model import Journey, Workspace
from ple.scope import SCOPE_HELP, SCOPE_LABELS, Scope
from ple.ui.text import small_print
from ple.views.blueprint import blueprint_lines, detail_of, detailed_steps
from ple.views.canvas import selection_details
from ple.views.markdown import markdown_text

SCOPE_KEY = "scope"


def scope_picker() -> Scope:
    """Which journeys every total counts: one choice in the sidebar, kept across pages
    and in the page's address (``?scope=proposed``), today's journeys unless changed.
    Pages read it with :func:`chosen_scope`."""
    linked = st.query_params.get(SCOPE_KEY)
    if linked in {s.value for s in Scope} and SCOPE_KEY not in st.session_state:
        st.session_state[SCOPE_KEY] = Scope(linked)
    chosen = st.sidebar.radio(
        "Journeys counted",
        list(Scope),
        key=SCOPE_KEY,
        format_func=SCOPE_LABELS.get,
        help="Which journeys the totals on every page add up. " + SCOPE_HELP,
    )
    if chosen is not Scope.current and st.query_params.get(SCOPE_KEY) != chosen.value:
        st.query_params[SCOPE_KEY] = chosen.value
    elif chosen is Scope.current and SCOPE_KEY in st.query_params:
        del st.query_params[SCOPE_KEY]
    return Scope(chosen)


def keep_scope() -> None:
    """Keep the scope chosen on another page while a page that does not show the picker
    runs: Streamlit forgets a widget's value after a run that does not draw it."""
    if SCOPE_KEY in st.session_state:
        st.session_state[SCOPE_KEY] = st.session_state[SCOPE_KEY]


def chosen_scope() -> Scope:
    """The scope chosen in the sidebar (:func:`scope_picker`)."""
    return Scope(st.session_state.get(SCOPE_KEY, Scope.current))


def journey_picker(workspace: Workspace, key: str) -> str:
    """A journey select box that opens on the journey in the page's address
    (``?journey=...``), else the one chosen on any other page, and remembers this choice
    for them and in the address, so a link or a reload shows the same journey."""
    ids = sorted(workspace.journeys)
    linked = st.query_params.get("journey")
    if linked in ids and linked != st.session_state.get("journey_id"):
        st.session_state["journey_id"] = linked
        st.session_state.pop(key, None)
    chosen = st.session_state.get("journey_id")
    journey_id = st.selectbox(
        "Journey",
        ids,
        index=ids.index(chosen) if chosen in ids else 0,
        format_func=lambda j: workspace.journeys[j].name,
        key=key,
    )
    if journey_id != st.session_state.get("journey_id") and "step" in st.query_params:
        del st.query_params["step"]
    st.session_state["journey_id"] = journey_id
    if st.query_params.get("journey") != journey_id:
        st.query_params["journey"] = journey_id
    return journey_id


def chosen_step(journey: Journey) -> str | None:
    """The step named in the page's address (``?step=...``), when the journey has it: a
    link (a finding on the Gaps page, a bookmark) opens the journey with it selected."""
    wanted = st.query_params.get("step")
    return wanted if wanted in {s.id for s in journey.steps} else None


def remember_step(selection: dict[str, str] | None) -> None:
    """Keep the selected step in the address, so a reload or a shared link shows it."""
    step = selection.get("id") if selection and selection.get("kind") == "step" else None
    if step and st.query_params.get("step") != step:
        st.query_params["step"] = step
    elif selection is not None and not step and "step" in st.query_params:
        del st.query_params["step"]


def step_panel(
    workspace: Workspace, journey: Journey, selection: dict[str, str] | None, counts: dict[str, int]
) -> None:
    """The selected step's or move's details, as text (names are never read as markup)."""
    lines = selection_details(workspace, journey, selection, counts)
    if not lines:
        small_print(
            "Select a step or an arrow on the map (click it, or Tab to it and press "
            "Enter) to see its details here."
        )
        return
    step = next(
        (
            s
            for s in journey.steps
            if selection and selection.get("kind") == "step" and s.id == selection.get("id")
        ),
        None,
    )
    if step is not None:
        lines += blueprint_lines(workspace, step)
    st.subheader(markdown_text(lines[0]))
    st.markdown("\n".join(f"- {markdown_text(line)}" for line in lines[1:]))
    detail = detail_of(workspace, journey, step.id) if step is not None else None
    if detail is not None:
        st.button(
            markdown_text(f"Open the detailed journey: {detail.name}"),
            key=f"open_detail_{journey.id}_{step.id}",
            icon=":material/zoom_in:",
            on_click=open_journey,
            args=(detail.id, None),
            help="The journey that tells this step in more detail",
        )


def open_journey(journey_id: str, step_id: str | None) -> None:
    """Show another journey (and select one of its steps): a callback, so the journey
    select box opens on it (:func:`journey_picker` follows the address)."""
    st.query_params["journey"] = journey_id
    if step_id:
        st.query_params["step"] = step_id
    elif "step" in st.query_params:
        del st.query_params["step"]


def detailed_notice(workspace: Workspace, journey_id: str) -> None:
    """On a journey that tells another journey's step in more detail: which step, and a
    way back to it."""
    for index, link in enumerate(detailed_steps(workspace, journey_id)):
        left, right = st.columns([3, 1], vertical_alignment="center")
        left.info(
            markdown_text(
                f"This journey tells the step “{link.step_name}” of "
                f"“{link.journey_name}” in more detail."
            ),
            icon=":material/subdirectory_arrow_right:",
        )
        right.button(
            markdown_text(f"Back to {link.journey_name}"),
            key=f"detail_back_{journey_id}_{index}",
            icon=":material/arrow_upward:",
            on_click=open_journey,
            args=(link.journey_id, link.step_id),
            help="Open the journey this one details, with its step selected",
        )
