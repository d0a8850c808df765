"""Equity: one journey through the eyes of people with constraints, and what it costs."""

import streamlit as st

from ple.ui import state
from ple.ui.canvas import journey_canvas, map_data
from ple.ui.text import small_print
from ple.ui.widgets import journey_picker
from ple.views.canvas import journey_canvas_data
from ple.views.equity import (
    BLOCKED,
    LOST,
    UNVERIFIED,
    VERDICTS,
    blocked_rows,
    burden_rows,
    central_note,
    compact_central,
    compact_hours,
    default_personas,
    equity_view,
    persona_choices,
    step_marks,
    unverified_rows,
    walk_rows,
)
from ple.views.markdown import markdown_text

loaded = state.current()
workspace = loaded.workspace
st.title("Equity")
small_print(
    "Who cannot finish a journey, where they are stopped, and what it costs them. "
    "A step that does not record its channels, languages or accommodations leaves "
    "the answer *unverified*: it is never counted as passed or blocked."
)
if not workspace.journeys:
    st.info("No valid journeys to show.")
    st.stop()

journey_id = journey_picker(workspace, key="equity_journey")
choices = persona_choices(workspace, journey_id)
personas = st.multiselect(
    "Walk as",
    list(choices),
    default=default_personas(workspace, journey_id),
    key=f"equity_personas_{journey_id}",
    format_func=lambda p: choices[p],
)
if not personas:
    st.info("Choose at least one persona to walk the journey as.")
    st.stop()
view = equity_view(workspace, journey_id, personas)

st.header("Who can finish")
st.dataframe(walk_rows(workspace, view.results), hide_index=True, width="stretch")

st.header("Time tax")
if view.time_tax is None:
    st.info("This journey has no `volume`, so its hours a year for the public are unknown.")
else:
    tax = view.time_tax
    a, b, c = st.columns(3)
    a.metric(
        "Hours a year, all people",
        compact_hours(tax.hours_per_year),
        delta=compact_central(tax.hours_per_year),
        delta_color="off",
        delta_arrow="off",
        help=f"{tax.hours_per_year.text()} hours a year",
    )
    b.metric("People a year", f"{tax.people_per_year:,}")
    c.metric("Hands-on hours per person", tax.hours_per_person.text(2))
    notes = [
        markdown_text(
            f"{tax.hours_per_year.text()} hours a year. Source of the yearly count: {tax.source}."
        )
    ]
    if not tax.hours_per_year.exact:
        unshared = len(tax.branches_without_share) + len(tax.fork_branches_without_share)
        notes.append(
            f"A range: {unshared} branch(es) have no `share`, so each is counted "
            "from nobody to everyone who may take it. "
            + central_note(tax.hours_per_year, tax.assumes)
        )
    if tax.steps_without_minutes:
        notes.append(f"At least: {len(tax.steps_without_minutes)} step(s) do not record minutes.")
    small_print(" ".join(notes))

st.header("One person's walk")
persona = st.selectbox(
    "Persona",
    [r.persona for r in view.results],
    key=f"equity_persona_{journey_id}",
    format_func=lambda p: choices[p],
)
result = view.result(persona)
verdict = VERDICTS[result.verdict]
message = f"{markdown_text(result.persona_name)}: {verdict}."
if result.verdict == "blocked":
    st.error(
        message + f" Stopped at {len(result.blocked)} step(s); "
        f"{len(result.lost)} step(s) behind are lost to them.",
        icon=":material/block:",
    )
elif result.verdict == "unverified":
    st.warning(
        message + f" It depends on {len(result.unverified)} step(s) whose data does not say.",
        icon=":material/help:",
    )
else:
    st.success(
        message
        + (
            f" Though stopped at {len(result.blocked)} step(s), another way leads on."
            if result.blocked
            else ""
        ),
        icon=":material/check:",
    )
if result.unless and result.verdict in ("completes", "unverified"):
    st.warning(
        "Not sure for people in these groups: a branch only they take leads through steps "
        "this person cannot surely take. "
        + "; ".join(markdown_text(group) for group in result.unless),
        icon=":material/call_split:",
    )

marks = step_marks(result)
journey_canvas(
    map_data(lambda: journey_canvas_data(workspace, journey_id, marks=marks)),
    key=f"equity_canvas_{journey_id}_{persona}",
)
small_print(
    f"On the map: **{BLOCKED}** a step this person cannot take; **{LOST}** a step "
    f"they never reach; **{UNVERIFIED}** a step whose data does not say. Hover a step "
    "for the reasons; the tables below list them as text."
)

if result.blocked:
    st.subheader("Blocked steps")
    st.dataframe(blocked_rows(workspace, result), hide_index=True, width="stretch")
if result.unverified:
    st.subheader("Unverified steps")
    st.dataframe(unverified_rows(workspace, result), hide_index=True, width="stretch")

st.subheader("Burden: this person beside everyone")
small_print(
    "Each step in the cheapest channel open to the person; everyone takes the "
    "cheapest channel of all. A person who is stopped early shows less: not a "
    "lighter journey, a shorter one."
)
st.dataframe(burden_rows(result), hide_index=True, width="stretch")

st.subheader("Sludge: the three costs (M-22-10)")
small_print("Learning, compliance and psychological costs, kept apart; see docs/metrics.md.")
st.dataframe(view.sludge_rows(persona), hide_index=True, width="stretch")
