"""Opportunities: what teams mean to do about findings, ranked by what each is worth."""

import streamlit as st

from ple.export.opportunities import ranking_page
from ple.model import OpportunityStatus
from ple.opportunities import NO_CHANGE, opportunity_report
from ple.ui import state
from ple.ui.navigation import JOURNEY
from ple.ui.text import small_print
from ple.views.markdown import markdown_text
from ple.views.opportunities import COLUMNS, ORDER_SENTENCE, anchors, ranking_rows

loaded = state.current()
workspace = loaded.workspace
st.title("Opportunities")
small_print(
    "What to do about the gap findings, who owns it, and what each change is worth: "
    "today's journey compared with the change applied. See `ple opportunities` and "
    "docs/opportunities.md."
)
if not workspace.opportunities:
    st.info(
        "The workspace has no opportunities yet. Write them under `opportunities:` in "
        "any workspace file (docs/format.md#opportunity), or start one from a finding on "
        "the Gaps page."
    )
    st.stop()

agencies = sorted(workspace.agencies, key=workspace.agency_label)
a, b, c = st.columns(3)
owner = a.selectbox(
    "Owner",
    [None, *agencies],
    key="opportunities_owner",
    format_func=lambda x: "Any owner" if x is None else workspace.agency_label(x),
)
statuses = b.multiselect(
    "Status",
    [s.value for s in OpportunityStatus],
    key="opportunities_status",
    placeholder="Any status",
)
agency = c.selectbox(
    "Touches agency",
    [None, *agencies],
    key="opportunities_agency",
    format_func=lambda x: "Any agency" if x is None else workspace.agency_label(x),
)


@st.cache_resource(max_entries=32, show_spinner="Computing what each opportunity is worth...")
def report(fingerprint: str, owner: str | None, statuses: tuple[str, ...], agency: str | None):
    return opportunity_report(workspace, owner=owner, status=statuses, agency=agency)


found = report(loaded.fingerprint, owner, tuple(statuses), agency)
if found.problems:
    panel = st.error if found.errors else st.warning
    panel(
        f"{len(found.problems)} problem(s) in the opportunities (their findings, their change):",
        icon=":material/error:" if found.errors else ":material/warning:",
    )
    st.dataframe(
        [p.to_dict() for p in found.problems],
        hide_index=True,
        column_order=["file", "line", "field", "message", "severity"],
    )

ranked = found.ranked
st.write(f"**{len(ranked)}** opportunit{'y' if len(ranked) == 1 else 'ies'}.")
st.dataframe(
    ranking_rows(workspace, ranked),
    hide_index=True,
    width="stretch",
    column_order=COLUMNS,
    key="opportunities_table",
    column_config={"title": st.column_config.TextColumn(width="large")},
)
small_print(markdown_text(ORDER_SENTENCE))
st.download_button(
    "Download the ranking (accessible HTML)",
    key="opportunities_download",
    data=lambda: ranking_page(workspace, ranked).encode("utf-8"),
    file_name="opportunities.html",
    mime="text/html",
    on_click="ignore",
    help="A text page for people who do not run the tool: the ranking as a table, then each "
    "opportunity with its worth, findings and sources. No script, nothing loaded.",
)
if not ranked:
    st.stop()

wanted = st.query_params.get("opportunity")
ids = [r.opportunity.id for r in ranked]
if wanted in ids:
    st.session_state["opportunities_chosen"] = wanted
chosen = st.selectbox(
    "Opportunity",
    ids,
    key="opportunities_chosen",
    format_func=lambda i: f"{ids.index(i) + 1}. {workspace.opportunities[i].title}",
)
if st.query_params.get("opportunity") != chosen:
    st.query_params["opportunity"] = chosen
row = ranked[ids.index(chosen)]
opportunity, worth = row.opportunity, row.worth
summary = row.summary(workspace)

st.header(markdown_text(f"{row.rank}. {opportunity.title}"))
st.text(opportunity.how_might_we)  # user text shown as written, never as markup
st.markdown(
    "\n".join(
        f"- **{label}**: {markdown_text(value)}"
        for label, value in (
            ("Journey", workspace.journeys[opportunity.journey].name),
            ("Owner", summary["owner"]),
            ("Status", opportunity.status.value),
            (
                "Change",
                NO_CHANGE
                if not opportunity.change.written
                else f"the future state {opportunity.change.future}"
                if opportunity.change.future
                else f"{len(opportunity.change.steps)} step edit(s), "
                f"{len(opportunity.change.handoffs)} handoff edit(s) on today's journey",
            ),
            (
                "Hours a year saved",
                summary["hours_a_year_saved"]
                + (
                    f" ({worth.people_per_year:,} people a year; {worth.volume_source})"
                    if worth.people_per_year is not None
                    else ""
                ),
            ),
            ("What the hours rest on", worth.evidence_text or "no volume: no hours"),
            *(
                [("The central estimate assumes", "; ".join(worth.hours_assume))]
                if worth.hours_assume
                else []
            ),
            ("Personas unblocked", summary["personas_unblocked"]),
            ("Cold handoffs closed", str(worth.cold_handoffs_closed)),
            ("Repeated requests removed", str(worth.repeated_requests_removed)),
            (
                "Findings resolved",
                f"{worth.findings_resolved} (introduced: {worth.findings_introduced})",
            ),
        )
    )
)

for answer in worth.barred:
    authority = answer.authority.citation if answer.authority else "a statute"
    st.warning(
        markdown_text(
            f"Needs a change in law: {workspace.agency_label(answer.from_agency)} may not share "
            f"{workspace.data_items[answer.data_item].name} with "
            f"{workspace.agency_label(answer.to_agency)} ({authority})."
        ),
        icon=":material/gavel:",
    )

st.subheader("Findings it addresses")
if worth.addressed:
    st.dataframe(
        [
            {"finding": anchors(a), "what the change does": a.outcome, "today": a.message or ""}
            for a in worth.addressed
        ],
        hide_index=True,
        width="stretch",
        column_config={"today": st.column_config.TextColumn(width="large")},
    )
else:
    st.write("It names no finding.")
for step_id in opportunity.steps:
    step = workspace.journeys[opportunity.journey].step(step_id)
    st.page_link(
        JOURNEY,
        label=markdown_text(f"Open '{step.name}' on the journey's map"),
        icon=":material/arrow_forward:",
        query_params={"journey": opportunity.journey, "step": step_id},
    )
if opportunity.sources:
    st.subheader("Sources")
    st.markdown("\n".join(f"- {markdown_text(s)}" for s in opportunity.sources))
