"""A comparison as the Compare page, the CLI and the briefs show it: rows and sentences.

Everything here is plain text (no Markdown, no HTML); each renderer escapes it its own
way. Unchanged steps, handoffs and data items are left out of the rows: a comparison
is read for what changed. The JSON form of a :class:`~ple.compare.Comparison` keeps them.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ple.compare import Comparison
from ple.compare.handoffs import HandoffChange
from ple.metrics import Span
from ple.metrics.time_tax import assumption
from ple.model import Workspace

STEP_ORDER = {"added": 0, "changed": 1, "removed": 2, "unchanged": 3}


def number(value: float) -> str:
    """A figure for people: 314 not 314.0, thousands separated."""
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:g}"


EVIDENCE_COLUMN = "evidence (today / proposed)"


def metric_rows(comparison: Comparison) -> list[dict[str, Any]]:
    """One row per figure: today, proposed, the change in words, and the unknown counts;
    and, when either journey says what any figure rests on, each burden figure's evidence
    mix (a comparison of maps that record no evidence keeps its four columns)."""
    rows = [
        {
            "figure": m.label,
            "today": number(m.before),
            "proposed": number(m.after),
            "change": m.text,
            "not recorded (today / proposed)": (
                f"{m.unknown_before} / {m.unknown_after} steps"
                if m.unknown_before or m.unknown_after
                else ""
            ),
        }
        for m in comparison.metrics
    ]
    recorded = [
        m
        for m in comparison.metrics
        if m.evidence_before is not None and m.evidence_after is not None
    ]
    if any(
        e.amounts["unknown"] < sum(e.amounts.values())
        for m in recorded
        for e in (m.evidence_before, m.evidence_after)
    ):
        for row, m in zip(rows, comparison.metrics, strict=True):
            row[EVIDENCE_COLUMN] = (
                f"{m.evidence_before.text()} / {m.evidence_after.text()}"
                if m.evidence_before is not None and m.evidence_after is not None
                else ""
            )
    return rows


def step_rows(workspace: Workspace, comparison: Comparison) -> list[dict[str, Any]]:
    """Added, changed and removed steps, in that order, with what changed in words."""
    rows = []
    for change in sorted(
        (c for c in comparison.steps if c.status != "unchanged"), key=lambda c: STEP_ORDER[c.status]
    ):
        rows.append(
            {
                "change": change.status,
                "step": change.name,
                "agency": workspace.agency_label(change.agency),
                "what changed": "; ".join(f.text for f in change.changes),
            }
        )
    return rows


def _step_names(workspace: Workspace, comparison: Comparison) -> dict[str, str]:
    """Step id -> name: the proposed journey's, and today's for steps it dropped."""
    names = {s.id: s.name for s in workspace.journeys[comparison.current].steps}
    names.update({s.id: s.name for s in workspace.journeys[comparison.future].steps})
    return names


def _handoff_change(handoff: HandoffChange) -> str:
    if handoff.status == "added":
        return "new"
    if handoff.status == "removed":
        return "gone"
    if handoff.status == "shares changed":
        return "shares changed"
    return {True: "better", False: "worse"}.get(handoff.better, "type changed")


def handoff_rows(workspace: Workspace, comparison: Comparison) -> list[dict[str, Any]]:
    """Every handoff that changed: type, new, gone, or what it passes along."""
    items = workspace.data_items
    names = _step_names(workspace, comparison)
    rows = []
    for h in comparison.handoffs:
        if h.status == "unchanged":
            continue
        passed = [items[i].name for i in h.shares_after if i not in h.shares_before]
        dropped = [items[i].name for i in h.shares_before if i not in h.shares_after]
        shares = []
        if passed and h.before is not None:
            shares.append("now passes " + ", ".join(passed))
        elif passed:
            shares.append("passes " + ", ".join(passed))
        if dropped and h.after is not None:
            shares.append("no longer passes " + ", ".join(dropped))
        rows.append(
            {
                "change": _handoff_change(h),
                "from": f"{workspace.agency_label(h.from_agency)}: {names[h.from_step]}",
                "to": f"{workspace.agency_label(h.to_agency)}: {names[h.to_step]}",
                "today": h.before or "",
                "proposed": h.after or "",
                "data passed along": "; ".join(shares),
            }
        )
    return rows


def data_item_rows(workspace: Workspace, comparison: Comparison) -> list[dict[str, Any]]:
    """Items no longer asked for, newly asked for, or asked at a different number of steps."""
    return [
        {
            "data item": workspace.data_items[d.item].name,
            "change": d.status,
            "steps asking today": d.steps_before,
            "steps asking (proposed)": d.steps_after,
            "agencies asking (proposed)": ", ".join(
                workspace.agency_label(a) for a in d.agencies_after
            ),
        }
        for d in comparison.data_items
        if d.status != "unchanged"
    ]


def finding_rows(comparison: Comparison) -> list[dict[str, Any]]:
    """Findings resolved, then introduced, each as its rule and message."""
    rows = []
    for status, findings in (
        ("resolved", comparison.findings.resolved),
        ("introduced", comparison.findings.introduced),
    ):
        for f in findings:
            rows.append(
                {
                    "status": status,
                    "severity": f.severity.value,
                    "rule": f.rule,
                    "finding": f.message,
                    "accepted": "yes" if f.accepted else "",
                }
            )
    return rows


def time_tax_text(comparison: Comparison) -> str:
    """The hours a year the proposal gives back, or why that cannot be said."""
    before, after = comparison.time_tax_before, comparison.time_tax_after
    if before is None or after is None:
        missing = [
            name
            for name, tax in ((comparison.current_name, before), (comparison.future_name, after))
            if tax is None
        ]
        return (
            "Time tax: unknown, because "
            + " and ".join(f"'{m}'" for m in missing)
            + (" gives" if len(missing) == 1 else " give")
            + " no volume (people a year)."
        )
    saved = comparison.time_tax_saved
    assert saved is not None
    low, high = saved.hours_per_year.low, saved.hours_per_year.high
    if high <= 0 and low < 0:
        gist = f"the proposal costs the public {Span(-high, -low).text()} more hours a year"
    elif low >= 0:
        gist = f"the proposal saves the public {saved.hours_per_year.text()} hours a year"
    else:
        gist = (
            f"the proposal changes the public's hours a year by between "
            f"{round(-low):,} more and {round(high):,} fewer"
        )
    central = ""
    middle = saved.hours_per_year.central
    if not saved.hours_per_year.exact and middle is not None:
        amount = f"{middle:,.0f} saved" if middle >= 0 else f"{-middle:,.0f} more"
        central = f"; a central estimate is {amount}, which {assumption(saved.assumes)}"
    text = (
        f"Time tax: {gist} ({before.hours_per_year.text()} today, "
        f"{after.hours_per_year.text()} proposed, for "
        f"{after.people_per_year:,} people a year){central}."
    )
    if before.people_per_year != after.people_per_year:
        text += (
            f" The two journeys count different numbers of people "
            f"({before.people_per_year:,} and {after.people_per_year:,}), so part of "
            "the difference is volume, not burden."
        )
    unknown = len(before.steps_without_minutes) + len(after.steps_without_minutes)
    if unknown:
        text += (
            f" {len(before.steps_without_minutes)} step(s) today and "
            f"{len(after.steps_without_minutes)} proposed do not record minutes and "
            "count as nothing."
        )
    return text


def summary_lines(workspace: Workspace, comparison: Comparison) -> list[str]:
    """The comparison in a few sentences, for the top of a brief or a page."""
    counts = comparison.step_counts()
    lines = [
        f"Steps: {counts['added']} added, {counts['removed']} removed, "
        f"{counts['changed']} changed, {counts['unchanged']} unchanged."
    ]
    moves = Counter(
        f"{h.before} → {h.after}" for h in comparison.handoffs if h.status == "type changed"
    )
    other = Counter(h.status for h in comparison.handoffs)
    parts = [f"{n} {change}" for change, n in sorted(moves.items(), key=lambda x: -x[1])]
    if other["added"]:
        parts.append(f"{other['added']} new")
    if other["removed"]:
        parts.append(f"{other['removed']} gone")
    if other["shares changed"]:
        parts.append(f"{other['shares changed']} passing different data")
    lines.append("Handoffs: " + (", ".join(parts) if parts else "no change") + ".")
    items = workspace.data_items
    dropped = [
        items[d.item].name for d in comparison.data_items if d.status == "no longer requested"
    ]
    new = [items[d.item].name for d in comparison.data_items if d.status == "newly requested"]
    fewer = [
        f"{items[d.item].name} ({d.steps_before} → {d.steps_after} steps)"
        for d in comparison.data_items
        if d.status == "asked less"
    ]
    if dropped:
        lines.append("No longer asked for: " + ", ".join(dropped) + ".")
    if new:
        lines.append("Newly asked for: " + ", ".join(new) + ".")
    if fewer:
        lines.append("Asked at fewer steps: " + ", ".join(fewer) + ".")
    for name in ("minutes", "wait_days", "cost_usd", "visits"):
        m = comparison.metric(name)
        lines.append(
            f"{m.label}: {number(m.before)} → {number(m.after)} ({m.text}"
            + (
                f"; {m.unknown_before} step(s) today and {m.unknown_after} proposed "
                "do not record it"
                if m.unknown_before or m.unknown_after
                else ""
            )
            + ")."
        )
    lines.append(time_tax_text(comparison))
    diff = comparison.findings
    opened = diff.open_counts()
    lines.append(
        f"Gap findings: {len(diff.resolved)} resolved, {len(diff.introduced)} introduced, "
        f"{len(diff.remaining)} still there. Open warnings {opened['before']['warning']} → "
        f"{opened['after']['warning']}, open errors {opened['before']['error']} → "
        f"{opened['after']['error']}."
    )
    if not comparison.linked:
        lines.append(
            f"Note: '{comparison.future_name}' does not name '{comparison.current_name}'"
            " as its baseline; the two are compared as given."
        )
    return lines


def chart_rows(comparison: Comparison) -> list[dict[str, Any]]:
    """Today and proposed values of the figures worth a picture, for a small chart.

    Figures whose change cannot be told are left out (the table says why)."""
    wanted = [
        "minutes",
        "visits",
        "agencies",
        "handoffs.cold",
        "handoffs.referral",
        "handoffs.warm",
        "handoffs.automatic",
        "data_items_requested_more_than_once",
    ]
    rows = []
    for name in wanted:
        m = comparison.metric(name)
        if m.delta is None or (m.before == 0 and m.after == 0):
            continue
        rows.append(
            {"figure": m.label, "version": "today", "value": m.before, "label": number(m.before)}
        )
        rows.append(
            {"figure": m.label, "version": "proposed", "value": m.after, "label": number(m.after)}
        )
    return rows
