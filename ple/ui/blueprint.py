"""The Journey page's blueprint mode: the service blueprint drawn in the page, and a step
picker in its place of the map's click (the blueprint is read, not edited, here)."""

from __future__ import annotations

import streamlit as st

from ple.diagram.swimlane import MapTooLarge
from ple.model import Journey
from ple.ui.text import small_print
from ple.views.blueprint import blueprint_html, blueprint_layout


@st.cache_data(max_entries=32, show_spinner=False)
def _html(_loaded, fingerprint: str, journey_id: str) -> tuple[str, list[str]]:
    """The blueprint's HTML and its steps in column order, once per workspace version."""
    layout = blueprint_layout(_loaded.workspace, journey_id)
    return blueprint_html(layout), list(layout.order)


def blueprint_mode(loaded, journey: Journey, selected: str | None) -> dict[str, str] | None:
    """Draw the blueprint; returns the step chosen for the details panel."""
    try:
        html, order = _html(loaded, loaded.fingerprint, journey.id)
    except MapTooLarge as too_large:
        st.warning(
            f"This journey is not drawn as a blueprint: {too_large}. The tables on "
            "this page list its steps.",
            icon=":material/info:",
        )
        return {"kind": "step", "id": selected} if selected else None
    small_print(
        "Every step is shown (the filters apply to the map and the tables). Scroll "
        "sideways for the later stages; choose a step below for all its details."
    )
    st.html(html)
    names = {s.id: s.name for s in journey.steps}
    chosen = st.selectbox(
        "Step",
        order,
        index=order.index(selected) if selected in order else None,
        placeholder="Choose a step for its details",
        format_func=names.get,
        key=f"journey_blueprint_step_{journey.id}",
    )
    return {"kind": "step", "id": chosen} if chosen else None
