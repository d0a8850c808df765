"""Journey: the canvas of one journey (its swimlane map), its burden and its steps as text."""

import streamlit as st

from ple.diagram.legend import agency_legend, handoff_legend
from ple.diagram.sketch import lanes_in_order
from ple.export import all_exporters, export_refusal
from ple.export.bundle import download_name, journey_download
from ple.metrics import journey_metrics
from ple.model import Channel
from ple.ui import state
from ple.ui.blueprint import blueprint_mode
from ple.ui.canvas import journey_canvas, map_data
from ple.ui.text import small_print
from ple.ui.widgets import (
    chosen_step,
    detailed_notice,
    journey_picker,
    remember_step,
    step_panel,
)
from ple.views.canvas import journey_canvas_data
from ple.views.journey import (
    StepFilter,
    filter_steps,
    finding_counts,
    sentiment_points,
    step_rows,
)
from ple.views.markdown import markdown_text

loaded = state.current()
workspace = loaded.workspace
if not workspace.journeys:
    st.info("No valid journeys to show.")
    st.stop()

journey_id = journey_picker(workspace, key="journey_select")
journey = workspace.journeys[journey_id]
st.title(markdown_text(journey.name))
if journey.trigger or journey.outcome:
    small_print(markdown_text(" → ".join(t for t in (journey.trigger, journey.outcome) if t)))
detailed_notice(workspace, journey_id)
view = st.radio(
    "View",
    ["Map", "Service blueprint"],
    key="journey_view",
    horizontal=True,
    help="The map: who does what, and the handoffs. The service blueprint: under "
    "each step what staff and systems do in front and behind the line of "
    "visibility, the touchpoints, moments that matter and evidence.",
)

with st.expander("Filters", expanded=False):
    a, b, c, d = st.columns(4)
    stage = a.selectbox(
        "Stage",
        [None, *[s.id for s in journey.stages]],
        key="journey_stage",
        format_func=lambda s: (
            "All stages" if s is None else next(x.name for x in journey.stages if x.id == s)
        ),
    )
    agency = b.selectbox(
        "Agency",
        [None, *lanes_in_order(s.agency for s in journey.steps)],
        key="journey_agency",
        format_func=lambda x: "All agencies" if x is None else workspace.agency_label(x),
    )
    persona = c.selectbox(
        "Persona",
        [None, *[p.id for p in journey.personas]],
        key="journey_persona",
        format_func=lambda p: (
            "Everyone" if p is None else next(x.name for x in journey.personas if x.id == p)
        ),
    )
    channel = d.selectbox(
        "Channel",
        [None, *Channel],
        key="journey_channel",
        format_func=lambda ch: "Any channel" if ch is None else ch.value.replace("_", " "),
    )

filtered = filter_steps(journey, StepFilter(stage, agency, persona, channel))
counts = finding_counts(loaded.report.findings, journey_id)
visible = tuple(step.id for step in filtered.steps)
if filtered.unknown_channel:
    st.warning(
        markdown_text(
            f"{len(filtered.unknown_channel)} step(s) hidden because their channels are not "
            "recorded: " + ", ".join(s.name for s in filtered.unknown_channel)
        )
    )


@st.cache_data(max_entries=64, show_spinner=False)
def canvas(
    fingerprint: str, journey_id: str, dimmed: tuple[str, ...], selected: str | None
) -> dict:
    return journey_canvas_data(
        workspace,
        journey_id,
        findings=counts,
        dimmed=set(dimmed),
        selected={"kind": "step", "id": selected} if selected else None,
    )


selected_step = chosen_step(journey)
dimmed = tuple(s.id for s in journey.steps if s.id not in set(visible))
if not visible:
    st.info("No step matches the filters; all steps are shown faded.")
if view == "Map":
    selection = journey_canvas(
        map_data(lambda: canvas(loaded.fingerprint, journey_id, dimmed, selected_step)),
        key=f"journey_canvas_{journey_id}",
    ).selection
else:
    selection = blueprint_mode(loaded, journey, selected_step)
remember_step(selection)
with st.container(border=True):
    step_panel(workspace, journey, selection, counts)

legend_agencies, legend_handoffs = st.columns(2)
with legend_agencies:
    st.markdown("**Agencies (lanes)**")
    st.markdown(
        "  \n".join(agency_legend(workspace, journey, text=markdown_text)), unsafe_allow_html=True
    )
with legend_handoffs:
    st.markdown("**Handoffs (line and label)**")
    st.markdown("  \n".join(handoff_legend()), unsafe_allow_html=True)
    small_print("⚠ n on a step: n open gap findings (see the Gaps page).")

metrics = journey_metrics(workspace, journey_id, persona)
m1, m2, m3, m4, m5 = st.columns(5)
m1.metric("Steps", metrics.steps)
m2.metric("Agencies", metrics.agencies)
m3.metric(
    "Active minutes",
    f"{metrics.minutes:g}",
    help=f"{metrics.unknown['minutes']} step(s) do not record minutes",
)
m4.metric(
    "Days waiting",
    f"{metrics.wait_days:g}",
    help=f"{metrics.unknown['wait_days']} step(s) do not record waits",
)
m5.metric("Cold handoffs", metrics.handoffs.get("cold", 0))

points = sentiment_points(filtered.steps)
if points:
    st.header("Sentiment across the journey")
    st.line_chart(
        points,
        x="order",
        y="sentiment",
        height=220,
        x_label="step (in journey order)",
        y_label="sentiment (-2 to 2)",
    )

st.header("Steps, in order")
st.dataframe(
    step_rows(workspace, journey, filtered.steps, counts), hide_index=True, width="stretch"
)

st.header("Export this journey")
small_print(
    "Files for workshops: print the swimlane map (PDF, PNG, SVG), open the HTML on any "
    "laptop, keep editing in diagrams.net, or hand the CSV tables and the brief around."
)
formats = [e for e in all_exporters().values() if e.available()]


@st.cache_data(max_entries=64, show_spinner=False)
def refusals(fingerprint: str, journey_id: str) -> dict[str, str]:
    """Formats this journey cannot be exported in (a map past its limits), and why."""
    found = {e.name: export_refusal(workspace, journey_id, e.name, loaded.report) for e in formats}
    return {name: reason for name, reason in found.items() if reason}


refused = refusals(loaded.fingerprint, journey_id)
for row_start in range(0, len(formats), 5):
    for column, chosen in zip(st.columns(5), formats[row_start : row_start + 5], strict=False):
        column.download_button(
            chosen.name.upper(),
            key=f"journey_export_{chosen.name}",
            help=refused.get(chosen.name, chosen.description),
            data=lambda fmt=chosen.name: (
                journey_download(workspace, journey_id, fmt, loaded.report).data
            ),
            file_name=download_name(journey_id, chosen.name),
            mime="application/zip" if chosen.several_files else chosen.media_type,
            on_click="ignore",
            width="stretch",
            disabled=chosen.name in refused,
        )
for name, reason in refused.items():
    st.warning(f"{name.upper()}: {markdown_text(reason)}", icon=":material/block:")
