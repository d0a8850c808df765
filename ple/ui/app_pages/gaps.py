"""Gaps: findings with filters, the rule's explanation, and a jump to the step."""

from pathlib import Path

import streamlit as st

from ple.edit.opportunity import Typed, start_opportunity
from ple.gaps import Finding
from ple.gaps.catalogue import explain
from ple.model import JourneyState, OpportunityStatus
from ple.opportunities import addressing, owner_of, starter_title, starter_yaml
from ple.scope import counted
from ple.ui import state
from ple.ui.navigation import JOURNEY, OPPORTUNITIES
from ple.ui.text import small_print
from ple.ui.widgets import chosen_scope
from ple.views.findings import FindingFilter, filter_findings
from ple.views.markdown import markdown_text

loaded = state.current()
workspace = loaded.workspace
report = loaded.report
st.title("Gaps")
small_print("Where journeys fail people, found by rules; see `ple gaps --list-rules`.")

rules = sorted({f.rule for f in report.findings})
a, b, c, d = st.columns(4)
rule = a.selectbox(
    "Rule", [None, *rules], key="gaps_rule", format_func=lambda r: "All rules" if r is None else r
)
severity = b.selectbox("At least", ["info", "warning", "error"], key="gaps_severity")
journey_id = c.selectbox(
    "Journey",
    [None, *sorted(workspace.journeys)],
    key="gaps_journey",
    format_func=lambda j: "All journeys counted" if j is None else workspace.journeys[j].name,
)
agency = d.selectbox(
    "Agency",
    [None, *sorted(workspace.agencies, key=workspace.agency_label)],
    key="gaps_agency",
    format_func=lambda x: "All agencies" if x is None else workspace.agency_label(x),
)
show_accepted = st.checkbox("Show accepted findings", value=False, key="gaps_accepted")

chosen = counted(workspace, chosen_scope(), [journey_id] if journey_id else [])
wanted = FindingFilter(
    rule, severity, journey_id, agency, show_accepted, frozenset(chosen.journeys)
)
findings = filter_findings(report.findings, wanted)
if st.session_state.get("gaps_filter") != wanted:
    # New rows: a row picked in the old table would point at another finding, or none.
    st.session_state.pop("gaps_table", None)
    st.session_state["gaps_filter"] = wanted
st.write(f"**{len(findings)}** finding(s).")
names = {j.id: j.name for j in workspace.journeys.values()}
small_print(markdown_text(chosen.sentence(names)))
selection = st.dataframe(
    [{k: v for k, v in f.to_dict().items() if k != "sharing"} for f in findings],
    hide_index=True,
    width="stretch",
    key="gaps_table",
    on_select="rerun",
    selection_mode="single-row",
    column_order=["severity", "rule", "journey", "step", "message", "suggestion", "accepted"],
    column_config={
        "message": st.column_config.TextColumn(width="large"),
        "suggestion": st.column_config.TextColumn(width="medium"),
    },
)


def start_form(finding: Finding) -> None:
    """The form that starts an opportunity for ``finding``, for those who may save to the
    workspace's files; the new one is linked after the rerun the save triggers."""
    if getattr(loaded, "store", None) is not None or not state.person().may_edit:
        small_print("Editors of the workspace's files can start an opportunity here.")
        return
    if workspace.journeys[finding.journey].state is not JourneyState.current:
        small_print("Opportunities improve today's journeys; start one from its findings.")
        return
    with st.form("gaps_start_opportunity"):
        st.markdown("**Start an opportunity**")
        title = st.text_input("Title", value=starter_title(workspace, finding))
        question = st.text_area("How might we ...?", placeholder="How might we ...?")
        agencies = sorted(workspace.agencies, key=workspace.agency_label)
        suggested = owner_of(workspace, finding)
        a, b, c = st.columns(3)
        agency = a.selectbox(
            "Owner agency",
            agencies,
            index=agencies.index(suggested) if suggested in agencies else 0,
            format_func=workspace.agency_label,
        )
        unit = b.text_input("Unit (optional)")
        role = c.text_input("Role (optional)")
        status = st.selectbox("Status", [s.value for s in OpportunityStatus])
        if not st.form_submit_button("Start the opportunity"):
            return
    typed = Typed(title, question, agency or "", unit, role, OpportunityStatus(status))
    started = start_opportunity(
        Path(loaded.path), workspace, finding, typed, loaded.result, by=state.person()
    )
    if started.ok:
        st.session_state["gaps_started"] = (started.opportunity, started.message)
        st.rerun()
    st.error(markdown_text(started.message), icon=":material/error:")
    for problem in started.problems:
        where = f"{problem.location}" + (f", field {problem.field}" if problem.path else "")
        with st.container(border=True):
            st.markdown(f"**Error** · {markdown_text(where)}")
            st.text(f"{problem.message} (value: {problem.value!r})")


started = st.session_state.pop("gaps_started", None)
if started:
    st.success(markdown_text(started[1]), icon=":material/check_circle:")
    if started[0] in workspace.opportunities:
        st.page_link(
            OPPORTUNITIES,
            label=markdown_text(f"Open {workspace.opportunities[started[0]].title}"),
            icon=":material/lightbulb:",
            query_params={"opportunity": started[0]},
        )

picked = [row for row in (selection.selection.rows if selection else []) if row < len(findings)]
if picked:
    finding = findings[picked[0]]
    with st.container(border=True):  # st.text: user text shown as written, never as markup
        st.text(finding.message)
        st.text(f"Suggestion: {finding.suggestion}")
    st.header(f"Rule `{finding.rule}`")
    st.text(explain(finding.rule))
    if finding.journey in workspace.journeys:  # a link: the journey's map, the step selected
        st.page_link(
            JOURNEY,
            label="Open this step on the journey's map"
            if finding.step
            else "Open the journey's map",
            icon=":material/arrow_forward:",
            query_params={
                "journey": finding.journey,
                **({"step": finding.step} if finding.step else {}),
            },
        )
    st.subheader("Opportunities")
    opportunities = addressing(workspace, finding) if finding.journey in workspace.journeys else []
    for opportunity in opportunities:
        st.page_link(
            OPPORTUNITIES,
            label=markdown_text(f"{opportunity.title} ({opportunity.status.value})"),
            icon=":material/lightbulb:",
            query_params={"opportunity": opportunity.id},
        )
    if not opportunities and finding.journey in workspace.journeys:
        st.write("No opportunity addresses this finding yet.")
        start_form(finding)
        with st.expander("Or write it in a file by hand"):
            st.write(
                "Add this to the `opportunities:` list of a workspace file (for example "
                "`opportunities.yaml`), write its change, and check it with `ple validate`:"
            )
            st.code(starter_yaml(workspace, finding), language="yaml")
elif rule:
    st.header(f"Rule `{rule}`")
    st.text(explain(rule))
