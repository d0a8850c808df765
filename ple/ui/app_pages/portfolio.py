"""Portfolio: every life experience at once: the journeys, the agency network, who takes
part where, where people are left alone between agencies, what they are asked everywhere."""

import dataclasses

import streamlit as st

from ple.diagram.legend import handoff_legend
from ple.diagram.network import network_html
from ple.diagram.style import agency_colours
from ple.export.network import network_download
from ple.portfolio import portfolio_report
from ple.portfolio.network import TYPES
from ple.ui import state
from ple.ui.text import small_print
from ple.ui.widgets import chosen_scope
from ple.views.markdown import markdown_text
from ple.views.portfolio import (
    agency_matrix,
    network_rows,
    pair_rows,
    portfolio_rows,
    reach_rows,
    scope_sentence,
    tell_us_once_rows,
)

loaded = state.current()
workspace = loaded.workspace
st.title("Portfolio of life experiences")
small_print(
    markdown_text(
        f"Workspace {loaded.path}: {len(workspace.journeys)} journeys, "
        f"{sum(len(j.steps) for j in workspace.journeys.values())} steps "
        "in its files"
    )
)

roll_up = st.toggle(
    "Roll detail journeys up into their steps",
    key="portfolio_roll_up",
    help="On: a step with a detail journey counts that journey's burden in "
    "its place. Off: each journey counts its own steps. The totals "
    "count every step once either way.",
)
rows = portfolio_rows(workspace, loaded.report, roll_up)
if not rows:
    st.info("No valid journeys to show.")
    st.stop()
scope = chosen_scope()
report = portfolio_report(workspace, scope, roll_up=roll_up)
counted = set(report.journeys)
shown = [r for r in rows if r["id"] in counted]
small_print(
    markdown_text(
        " ".join(filter(None, (scope_sentence(workspace, report), report.burden.sentence())))
    )
)
first, second, third, fourth = st.columns(4)
first.metric("Life experiences", len(report.life_experiences))
second.metric("Steps", sum(r["steps"] for r in shown))
third.metric("Cold handoffs", sum(r["cold handoffs"] for r in shown))
fourth.metric("Open warnings", sum(r["warnings"] for r in shown))
st.dataframe(
    shown,
    hide_index=True,
    width="stretch",
    column_config={"id": None, "people a year": st.column_config.NumberColumn(format="localized")},
)

st.header("Agency network")
small_print(
    "Agencies stand under the life experience where they run the most steps; each "
    "arrow is one type of handoff from one agency to another, as thick as it is "
    "frequent, its type and count written on it. The table below lists the same "
    "handoffs as text."
)
types = st.multiselect(
    "Handoff types shown", list(TYPES), default=list(TYPES), key="portfolio_types"
)
network = dataclasses.replace(
    report.network, edges=[e for e in report.network.edges if e.type in types]
)


@st.cache_data(max_entries=32, show_spinner=False)
def diagram(fingerprint: str, scope: str, types: tuple[str, ...]) -> str:
    return network_html(network, colours=agency_colours(loaded.workspace))


if network.nodes:
    st.iframe(
        diagram(loaded.fingerprint, scope, tuple(types)),
        height=660,
        alt=f"Agency network: {len(network.nodes)} agencies and "
        f"{sum(e.handoffs for e in network.edges)} handoffs between them. The "
        "table below lists every handoff as text.",
    )
    st.markdown(
        "**Handoffs (line and label)**  \n" + "  \n".join(handoff_legend()), unsafe_allow_html=True
    )
st.dataframe(network_rows(workspace, network), hide_index=True, width="stretch")
one, two, _ = st.columns(3)
for column, fmt, label in (
    (one, "html", "Network as HTML"),
    (two, "graphml", "Network as GraphML"),
):
    column.download_button(
        label,
        key=f"portfolio_network_{fmt}",
        help="The diagram above, self-contained"
        if fmt == "html"
        else "For Gephi, yEd or igraph: one edge per agency pair and type, weighted",
        data=lambda fmt=fmt: network_download(network, fmt, agency_colours(loaded.workspace)).data,
        file_name=f"agency-network-{scope}.{fmt}",
        mime="text/html" if fmt == "html" else "application/graphml+xml",
        on_click="ignore",
        width="stretch",
    )

st.header("Agencies in the most life experiences")
small_print("Steps each agency runs in each journey counted; None means it takes no part.")
st.dataframe(agency_matrix(workspace, scope), hide_index=True, width="stretch")

st.header("Programs in the most life experiences")
st.dataframe(reach_rows(workspace, report.programs, "program"), hide_index=True, width="stretch")

st.header("Agency pairs with the most cold or undocumented handoffs")
small_print(
    "Where people are most often left to find the next agency alone (cold), or where "
    "the map does not say how they are handed over (undocumented)."
)
pairs = pair_rows(workspace, report.pairs)
if pairs:
    st.dataframe(pairs, hide_index=True, width="stretch")
else:
    st.write("No cold or undocumented handoff.")

st.header('"Tell us once" candidates')
small_print(
    "Data people are asked for in two or more life experiences, by the most life "
    "experiences and then the most agencies asking: where one government-wide "
    "answer would spare the most repeats."
)
items = tell_us_once_rows(workspace, report.tell_us_once)
if items:
    st.dataframe(items, hide_index=True, width="stretch")
else:
    st.write("No data item is asked for in more than one life experience.")
