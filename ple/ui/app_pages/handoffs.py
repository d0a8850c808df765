"""Handoffs: which moves between agencies match a question, in a table and a diagram."""

import streamlit as st

from ple.ui import state
from ple.ui.canvas import journey_canvas, map_data
from ple.ui.text import small_print
from ple.ui.widgets import chosen_scope
from ple.views.canvas import journey_canvas_data
from ple.views.handoffs import matching_handoffs
from ple.views.markdown import markdown_text

loaded = state.current()
workspace = loaded.workspace
st.title("Handoffs between agencies")
if not workspace.journeys:
    st.info("No valid journeys to show.")
    st.stop()

if st.button("Show all cold handoffs", key="handoffs_all_cold"):
    st.session_state.update(
        handoffs_from=None, handoffs_to=None, handoffs_journey=None, handoffs_type="cold"
    )

agencies = [None, *sorted(workspace.agencies, key=workspace.agency_label)]
a, b, c, d = st.columns(4)
from_agency = a.selectbox(
    "From agency",
    agencies,
    key="handoffs_from",
    format_func=lambda x: "Any" if x is None else workspace.agency_label(x),
)
to_agency = b.selectbox(
    "To agency",
    agencies,
    key="handoffs_to",
    format_func=lambda x: "Any" if x is None else workspace.agency_label(x),
)
journey_id = c.selectbox(
    "Journey",
    [None, *sorted(workspace.journeys)],
    key="handoffs_journey",
    format_func=lambda j: "All journeys counted" if j is None else workspace.journeys[j].name,
)
kind = d.selectbox(
    "Type",
    [None, "automatic", "warm", "referral", "cold", "undocumented"],
    key="handoffs_type",
    format_func=lambda t: "Any type" if t is None else t,
)

view = matching_handoffs(
    loaded.backend,
    chosen_scope(),
    journey=journey_id,
    from_agency=from_agency,
    to_agency=to_agency,
    type=kind,
)
rows = view.rows
st.write(f"**{len(rows)}** matching handoff(s).")
small_print(markdown_text(view.note(workspace)))
st.dataframe(view.table(), hide_index=True, width="stretch")

shown = journey_id or (rows[0].journey if rows else None)
if shown:
    st.header(markdown_text(f"On the map: {workspace.journeys[shown].name}"))
    highlight = tuple((r.from_step, r.to_step) for r in rows if r.journey == shown)
    small_print(
        "Matching handoffs are drawn with thick lines; the table above lists them "
        "as text." + ("" if journey_id else " Choose a journey to see another one.")
    )

    @st.cache_data(max_entries=64, show_spinner=False)
    def canvas(fingerprint: str, journey_id: str, highlight: tuple) -> dict:
        return journey_canvas_data(workspace, journey_id, highlight=set(highlight))

    journey_canvas(
        map_data(lambda: canvas(loaded.fingerprint, shown, highlight)),
        key=f"handoffs_canvas_{shown}",
    )
