"""Portfolio: every journey at a glance, and which agencies take part in which."""

import streamlit as st

from ple.ui import state
from ple.ui.text import small_print
from ple.views.portfolio import agency_matrix, portfolio_rows

loaded = state.current()
st.title("Portfolio of life experiences")
small_print(f"Workspace `{loaded.path}`: {len(loaded.workspace.journeys)} journeys, "
           f"{sum(len(j.steps) for j in loaded.workspace.journeys.values())} steps")

rows = portfolio_rows(loaded.workspace, loaded.report)
if not rows:
    st.info("No valid journeys to show.")
    st.stop()
first, second, third, fourth = st.columns(4)
first.metric("Journeys", len(rows))
second.metric("Steps", sum(r["steps"] for r in rows))
third.metric("Cold handoffs", sum(r["cold handoffs"] for r in rows))
fourth.metric("Open warnings", sum(r["warnings"] for r in rows))
st.dataframe(rows, hide_index=True, width="stretch",
             column_config={"id": None,
                            "people a year": st.column_config.NumberColumn(format="localized")})

st.header("Agencies across life experiences")
small_print("Steps each agency runs in each journey; None means it takes no part.")
st.dataframe(agency_matrix(loaded.workspace), hide_index=True, width="stretch")

st.header("Programs shared across journeys")
shared = [r.to_dict() for r in loaded.backend.shared_across_journeys("program")]
if shared:
    st.dataframe(shared, hide_index=True, width="stretch", column_order=["name", "journeys"])
else:
    st.write("No program is used by more than one journey.")
