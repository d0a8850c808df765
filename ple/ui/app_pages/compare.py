"""Compare: a proposed journey against today's, in one diagram, figures and findings."""

import altair as alt
import streamlit as st

from ple.compare import baseline_pairs, compare_journeys
from ple.diagram.compare import EDGE_MARKS, MARKS
from ple.diagram.legend import handoff_legend
from ple.export.comparison import READING, comparison_download
from ple.model import JourneyState
from ple.ui import state
from ple.ui.canvas import journey_canvas, map_data
from ple.ui.text import small_print
from ple.views.canvas import comparison_canvas_data
from ple.views.compare import (
    chart_rows,
    data_item_rows,
    finding_rows,
    handoff_rows,
    metric_rows,
    step_rows,
    summary_lines,
)
from ple.views.equity import compact_central, compact_hours, saving_help
from ple.views.markdown import markdown_text

loaded = state.current()
workspace = loaded.workspace
st.title("Compare current and future state")
small_print(
    "What a proposed journey changes against today's: steps, handoffs, what people "
    "are asked for, burden, gap findings and the public's hours a year."
)
ids = sorted(workspace.journeys)
if len(ids) < 2:
    st.info(
        "Comparing needs two journeys: map a future state with `state: future` and "
        "`baseline:` naming today's journey."
    )
    st.stop()


def name(journey_id: str) -> str:
    journey = workspace.journeys[journey_id]
    return journey.name + (
        " (proposed)"
        if journey.state is JourneyState.future and "proposed" not in journey.name.lower()
        else ""
    )


pairs = baseline_pairs(workspace)
if st.session_state.get("compare_future") not in ids:
    st.session_state["compare_future"] = pairs[0][1] if pairs else ids[1]
if st.session_state.get("compare_current") not in ids:
    future_now = workspace.journeys[st.session_state["compare_future"]]
    st.session_state["compare_current"] = future_now.baseline or next(
        j for j in ids if j != future_now.id
    )


def follow_baseline() -> None:
    """Choosing a proposal brings its baseline along, the comparison people mean."""
    baseline = workspace.journeys[st.session_state["compare_future"]].baseline
    if baseline:
        st.session_state["compare_current"] = baseline


left, right = st.columns(2)
future_id = left.selectbox(
    "Proposed journey (future state)",
    ids,
    key="compare_future",
    format_func=name,
    on_change=follow_baseline,
)
current_id = right.selectbox("Compared with (today)", ids, key="compare_current", format_func=name)
if current_id == future_id:
    st.warning("Choose two different journeys.")
    st.stop()

comparison = compare_journeys(workspace, current_id, future_id, loaded.report)
if not comparison.linked:
    st.info(
        markdown_text(
            f"{comparison.future_name} does not name {comparison.current_name} "
            "as its baseline; the two are compared as given."
        )
    )

minutes = comparison.metric("minutes")
cold = comparison.metric("handoffs.cold")
repeated = comparison.metric("data_items_requested_more_than_once")
opened = comparison.findings.open_counts()
m1, m2, m3, m4, m5 = st.columns([1, 1, 1, 1, 1.5])  # room for a range of hours
m1.metric(
    "Customer minutes",
    f"{minutes.after:g}",
    delta=None if minutes.delta is None else f"{minutes.delta:+g} min",
    delta_color="inverse",
    help=f"Today {minutes.before:g}; the change: {minutes.text}. "
    f"{minutes.unknown_before} step(s) today and {minutes.unknown_after} proposed "
    "do not record minutes.",
)
m2.metric(
    "Cold handoffs",
    f"{cold.after:g}",
    delta=f"{cold.delta:+g}",
    delta_color="inverse",
    help=f"Today {cold.before:g}.",
)
m3.metric(
    "Items asked for twice or more",
    f"{repeated.after:g}",
    delta=f"{repeated.delta:+g}",
    delta_color="inverse",
    help=f"Today {repeated.before:g}.",
)
m4.metric(
    "Open warnings",
    opened["after"]["warning"],
    delta=opened["after"]["warning"] - opened["before"]["warning"],
    delta_color="inverse",
    help=f"Today {opened['before']['warning']}.",
)
saved = comparison.time_tax_saved
m5.metric(
    "Hours a year saved",
    compact_hours(saved.hours_per_year) if saved else "unknown",
    delta=compact_central(saved.hours_per_year) if saved else None,
    delta_color="off",
    delta_arrow="off",
    help=saving_help(saved) if saved else "A journey without `volume` has no time tax.",
)

st.header("In short")
st.markdown("\n".join(f"- {markdown_text(line)}" for line in summary_lines(workspace, comparison)))

st.header("Both journeys on one map")
small_print(
    "The proposed journey, with the steps and moves it drops drawn where they were. "
    "Hover a step for what changed; the tables below list every change as text."
)


@st.cache_data(max_entries=32, show_spinner=False)
def canvas(fingerprint: str, current: str, future: str) -> dict:
    return comparison_canvas_data(workspace, comparison)


journey_canvas(
    map_data(lambda: canvas(loaded.fingerprint, current_id, future_id)),
    key=f"compare_canvas_{current_id}_{future_id}",
)
marks, lines = st.columns(2)
with marks:
    st.markdown("**Steps (words on the box)**")
    st.markdown("  \n".join(f"**{m.badge}**: {m.meaning}" for m in MARKS.values()))
with lines:
    st.markdown("**Moves (word on the line and pattern)**")
    st.markdown(
        "  \n".join(
            [
                *(
                    f"**{markdown_text(label)}**: {meaning}"
                    for label, meaning in EDGE_MARKS.items()
                ),
                *handoff_legend(),
            ]
        ),
        unsafe_allow_html=True,
    )

st.header("Burden figures")
points = chart_rows(comparison)
if points:
    order = ["today", "proposed"]
    bars = (
        alt.Chart(alt.Data(values=points))
        .mark_bar(stroke="#000000", strokeWidth=1)
        .encode(
            x=alt.X("value:Q", title=None, axis=None, scale=alt.Scale(zero=True)),
            y=alt.Y("version:N", title=None, sort=order, axis=alt.Axis(labelFontSize=13)),
            color=alt.Color(
                "version:N",
                legend=None,
                sort=order,
                scale=alt.Scale(domain=order, range=["#BBBBBB", "#0072B2"]),
            ),
        )
    )
    labels = bars.mark_text(align="left", dx=5, fontSize=13).encode(
        text="label:N", color=alt.value("#000000")
    )
    chart = (
        alt.layer(bars, labels)
        .properties(height=52, width=420)
        .facet(
            row=alt.Row(
                "figure:N",
                title=None,
                sort=list(dict.fromkeys(p["figure"] for p in points)),
                header=alt.Header(
                    labelAngle=0, labelAlign="left", labelFontSize=14, labelColor="#1a1a1a"
                ),
            )
        )
        .resolve_scale(x="independent")
        .configure_view(stroke=None)
    )
    st.altair_chart(chart, width="content")
    small_print(
        "Each figure today and as proposed, on its own scale; figures whose change "
        "cannot be told are left out of the picture and marked *unknown* below."
    )
st.dataframe(metric_rows(comparison), hide_index=True, width="stretch")
small_print(markdown_text(READING))

st.header("Steps that changed")
st.dataframe(
    step_rows(workspace, comparison),
    hide_index=True,
    width="stretch",
    column_config={"what changed": st.column_config.TextColumn(width="large")},
)

st.header("Handoffs that changed")
rows = handoff_rows(workspace, comparison)
if rows:
    st.dataframe(rows, hide_index=True, width="stretch")
else:
    st.write("No handoff changed.")

st.header("What people are asked for")
rows = data_item_rows(workspace, comparison)
if rows:
    st.dataframe(rows, hide_index=True, width="stretch")
else:
    st.write("The same items are asked for at the same number of steps.")

st.header("Gap findings")
diff = comparison.findings
st.write(
    f"**{len(diff.resolved)}** resolved, **{len(diff.introduced)}** introduced, "
    f"**{len(diff.remaining)}** in both."
)
rows = finding_rows(comparison)
if rows:
    st.dataframe(
        rows,
        hide_index=True,
        width="stretch",
        column_config={"finding": st.column_config.TextColumn(width="large")},
    )

st.header("Download the comparison")
small_print(
    "A brief for leadership: the Markdown one to paste into a document, the HTML one "
    "with the diagram, for any laptop, offline."
)
one, two, _ = st.columns(3)
for column, fmt, label in ((one, "md", "Markdown brief"), (two, "html", "HTML brief")):
    column.download_button(
        label,
        key=f"compare_download_{fmt}",
        data=lambda fmt=fmt: comparison_download(workspace, comparison, fmt).data,
        file_name=f"{current_id}-vs-{future_id}.{fmt}",
        mime="text/markdown" if fmt == "md" else "text/html",
        on_click="ignore",
        width="stretch",
    )
