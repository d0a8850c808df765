"""The opportunity ranking as rows and as a Markdown report, for the CLI, the app and docs.

Every surface shows the same columns in the same words, and the report states the sort
key once, so a reader can tell why one opportunity stands above another.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ple.model import Workspace
from ple.opportunities import NO_CHANGE, SORT_KEY, AddressedFinding, RankedOpportunity
from ple.views.markdown import markdown_link, markdown_table, markdown_text

COLUMNS = [
    "rank",
    "id",
    "title",
    "journey",
    "owner",
    "status",
    "label",
    "change",
    "hours_a_year_saved",
    "hours_rest_on",
    "personas_unblocked",
    "cold_handoffs_closed",
    "repeated_requests_removed",
    "findings_resolved",
    "addressed_resolved",
]
"""The ranking's columns, in every format."""

ORDER_SENTENCE = (
    "Ranked by "
    + ", then ".join(SORT_KEY[:-1])
    + ", each most first; equal worth in order of id. Hours a year are a "
    "range where branches of a journey have no share; unknown where the "
    "journey does not say how many people take it."
)
"""The sort key in words, said under every ranking."""


def ranking_rows(workspace: Workspace, ranked: Sequence[RankedOpportunity]) -> list[dict[str, Any]]:
    return [row.summary(workspace) for row in ranked]


def anchors(found: AddressedFinding) -> str:
    """A finding reference in words: ``cold-handoff from a to b``."""
    ref = found.ref
    parts = [ref.rule]
    if ref.step:
        parts.append(f"at {ref.step}")
    if ref.transition:
        parts.append(f"from {ref.transition.from_} to {ref.transition.to}")
    if ref.data_item:
        parts.append(f"for {ref.data_item}")
    return " ".join(parts)


def ranking_markdown(workspace: Workspace, ranked: Sequence[RankedOpportunity]) -> str:
    """The ranking table, the sort key, then each opportunity traced to the findings it
    addresses (and what its change does to them) and to its sources."""
    if not ranked:
        return "_No opportunities._\n"
    rows = ranking_rows(workspace, ranked)
    lines = [
        *markdown_table(COLUMNS, [[row[c] for c in COLUMNS] for row in rows]),
        "",
        markdown_text(ORDER_SENTENCE),
    ]
    for row in ranked:
        opportunity, worth = row.opportunity, row.worth
        change = (
            NO_CHANGE
            if not opportunity.change.written
            else f"the future state {opportunity.change.future}"
            if opportunity.change.future
            else f"{len(opportunity.change.steps)} step edit(s) and "
            f"{len(opportunity.change.handoffs)} handoff edit(s) on today's journey"
        )
        lines += [
            "",
            f"### {row.rank}. {markdown_text(opportunity.title)}",
            "",
            markdown_text(opportunity.how_might_we),
            "",
            f"- Id: `{opportunity.id}`; journey: `{opportunity.journey}`; status: "
            f"{opportunity.status.value}; change: {markdown_text(change)}",
            f"- Owner: {markdown_text(row.summary(workspace)['owner'])}",
        ]
        if worth.people_per_year is not None:
            lines.append(
                f"- People a year: {worth.people_per_year:,} "
                f"({markdown_text(worth.volume_source or '')})"
            )
            lines.append(f"- The hours rest on: {markdown_text(worth.evidence_text)}")
            if worth.hours_assume:
                lines.append(
                    "- The central estimate assumes: "
                    + markdown_text("; ".join(worth.hours_assume))
                )
        for answer in worth.barred:
            authority = answer.authority.citation if answer.authority else "a statute"
            lines.append(
                f"- Needs a change in law: {markdown_text(answer.from_agency)} may not "
                f"share {markdown_text(answer.data_item)} with "
                f"{markdown_text(answer.to_agency)} ({markdown_text(authority)})"
            )
        if worth.addressed:
            lines.append("- Findings it addresses:")
            lines += [f"  - {markdown_text(anchors(a))}: {a.outcome}" for a in worth.addressed]
        if opportunity.sources:
            lines.append(
                "- Sources: " + "; ".join(markdown_link(s, s) for s in opportunity.sources)
            )
    return "\n".join(lines) + "\n"
