"""The opportunity ranking as an accessible page, and the opportunities in a journey's record.

The page is the ranking for people who do not run the tool: one table of the ranking in
order (every figure in words and numbers, nothing in colour or position alone), the sort
key in a sentence, then one section per opportunity, in rank order, with its question,
owner, change, worth, the findings it addresses and what the change does to each, and
its sources (headed with the opportunity's rank, so that every region of the page has a
name of its own). It is built from the same plain sections as a journey's text page
(:mod:`ple.export.sections`), so it is self-contained, runs nothing and loads nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ple.export.journey_record import register_part
from ple.export.registry import ExportContext
from ple.export.sections import Link, Section, Table, accessible_page
from ple.model import JourneyState, Workspace
from ple.opportunities import NO_CHANGE, RankedOpportunity, rank_opportunities, worth_of
from ple.views.opportunities import COLUMNS, ORDER_SENTENCE, anchors, ranking_rows

HEADINGS = {
    "rank": "Rank",
    "id": "Id",
    "title": "Opportunity",
    "journey": "Journey",
    "owner": "Owner",
    "status": "Status",
    "label": "Label",
    "change": "Change",
    "hours_a_year_saved": "Hours a year saved",
    "hours_rest_on": "What the hours rest on",
    "personas_unblocked": "Personas unblocked",
    "cold_handoffs_closed": "Cold handoffs closed",
    "repeated_requests_removed": "Repeated requests removed",
    "findings_resolved": "Findings resolved",
    "addressed_resolved": "Addressed findings resolved",
}
"""The ranking's columns in words; the title heads each row, so it comes first."""

TABLE_ORDER = ["title", *(c for c in COLUMNS if c != "title")]


def ranking_page(
    workspace: Workspace,
    ranked: Sequence[RankedOpportunity],
    title: str = "Opportunities, ranked by what each is worth",
) -> str:
    """The whole page, as HTML text."""
    rows = ranking_rows(workspace, ranked)
    table = Table(
        caption=f"The ranking: {len(rows)} opportunit{'y' if len(rows) == 1 else 'ies'}, "
        "best first",
        columns=tuple(HEADINGS[c] for c in TABLE_ORDER),
        rows=tuple(tuple(_cell(row[c]) for c in TABLE_ORDER) for row in rows),
    )
    sections = [
        Section(
            "The ranking",
            paragraphs=(ORDER_SENTENCE,),
            table=table if rows else None,
            items=() if rows else ("No opportunities.",),
            anchor="ranking",
        ),
        *(_opportunity(workspace, row) for row in ranked),
    ]
    return accessible_page(
        title,
        sections,
        intro=(
            "What each opportunity's change gives back, computed by comparing today's journey "
            "with the change applied: the public's hours a year, the personas who can finish "
            "where they could not, the cold handoffs closed, the findings resolved and the "
            "repeated requests removed.",
        ),
        footer="Written by ple from the workspace's "
        "opportunities; the figures are those of this version of the maps.",
    )


def _cell(value: object) -> str:
    if value == "":
        return "none"
    return str(value)


def _opportunity(workspace: Workspace, row: RankedOpportunity) -> Section:
    opportunity, worth = row.opportunity, row.worth
    summary = row.summary(workspace)
    change = (
        NO_CHANGE
        if not opportunity.change.written
        else f"the future state '{workspace.journeys[opportunity.change.future].name}'"
        if opportunity.change.future
        else f"{len(opportunity.change.steps)} step edit(s) and "
        f"{len(opportunity.change.handoffs)} handoff edit(s) on today's journey"
    )
    hours = summary["hours_a_year_saved"]
    if worth.people_per_year is not None:
        hours += f" ({worth.people_per_year:,} people a year: {worth.volume_source})"
    facts = [
        ("Journey", workspace.journeys[opportunity.journey].name),
        ("Owner", summary["owner"]),
        ("Status", opportunity.status.value),
        ("Change", change),
        ("Hours a year saved", hours),
        ("What the hours rest on", worth.evidence_text or "no volume: no hours"),
        ("Personas unblocked", summary["personas_unblocked"]),
        ("Cold handoffs closed", str(worth.cold_handoffs_closed)),
        ("Repeated requests removed", str(worth.repeated_requests_removed)),
        (
            "Findings resolved",
            f"{worth.findings_resolved} (introduced: {worth.findings_introduced})",
        ),
    ]
    if worth.hours_assume:
        facts.append(("The central estimate assumes", "; ".join(worth.hours_assume)))
    for answer in worth.barred:
        authority = answer.authority.citation if answer.authority else "a statute"
        facts.append(
            (
                "Needs a change in law",
                f"{workspace.agency_label(answer.from_agency)} may not share "
                f"{workspace.data_items[answer.data_item].name} with "
                f"{workspace.agency_label(answer.to_agency)} ({authority})",
            )
        )
    subsections = []
    if worth.addressed:
        subsections.append(
            Section(
                f"Findings it addresses (opportunity {row.rank})",
                anchor=f"{opportunity.id}-findings",
                table=Table(
                    caption=f"What the change does to each finding '{opportunity.title}' addresses",
                    columns=("Finding", "What the change does", "Today"),
                    rows=tuple(
                        (anchors(a), a.outcome, a.message or "not found") for a in worth.addressed
                    ),
                ),
            )
        )
    if opportunity.sources:
        subsections.append(
            Section(
                f"Sources (opportunity {row.rank})",
                anchor=f"{opportunity.id}-sources",
                items=tuple(Link(s, s) for s in opportunity.sources),
            )
        )
    return Section(
        f"{row.rank}. {opportunity.title}",
        anchor=opportunity.id,
        paragraphs=(opportunity.how_might_we,),
        facts=tuple(facts),
        subsections=tuple(subsections),
    )


def journey_opportunities(context: ExportContext) -> list[dict[str, Any]]:
    """The journey record's ``opportunities``: for today's journey, those that improve it;
    for a future state, those whose change it is; each with its worth."""
    journey = context.journey
    workspace = context.workspace
    if journey.state is JourneyState.future:
        chosen = [o for o in workspace.opportunities.values() if o.change.future == journey.id]
    else:
        chosen = [o for o in workspace.opportunities.values() if o.journey == journey.id]
    return [
        {**o.model_dump(mode="json", by_alias=True), "worth": worth_of(workspace, o).to_dict()}
        for o in chosen
    ]


def ranking_download(workspace: Workspace, **filters: Any) -> bytes:
    """The page of the ranking with ``filters`` (those of :func:`rank_opportunities`)."""
    return ranking_page(workspace, rank_opportunities(workspace, **filters)).encode("utf-8")


register_part("opportunities", journey_opportunities)
