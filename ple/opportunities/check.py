"""The check of opportunities that needs the gap rules: is each finding they name real?

The loader checks every id an opportunity names, its rules among them; whether a finding
reference matches a finding of today's journey can only be told by running the rules, so
it is checked here, with problems placed on their file and line like the loader's. A
reference that matches no finding is a warning: an opportunity that is done has often
fixed its finding already, and the map may have changed since it was written.
"""

from __future__ import annotations

from ple.errors import Problem, Severity
from ple.gaps import GapReport
from ple.io.loader import place_on_lines
from ple.model import Workspace
from ple.opportunities.worth import matches

SHOWN = 5
"""How many of the rule's findings a "no such finding" warning lists."""


def opportunity_problems(workspace: Workspace, report: GapReport) -> list[Problem]:
    """Problems of the findings the opportunities name, placed on lines. ``report`` must
    cover the journeys the opportunities improve."""
    problems = []
    for opportunity in workspace.opportunities.values():
        origin = workspace.origins.get(("opportunities", opportunity.id))
        if origin is None:
            continue
        if not opportunity.change.written:
            problems.append(
                Problem(
                    origin.file,
                    f"opportunity {opportunity.id!r} has no change yet: what it is worth "
                    "cannot be measured until its change is written (a future-state "
                    "journey, or edits on today's)",
                    path=origin.path,
                    severity=Severity.warning,
                    code="no-change-yet",
                )
            )
        today = [f for f in report.findings if f.journey == opportunity.journey]
        for index, ref in enumerate(opportunity.findings):
            at = (*origin.path, "findings", index)
            if any(matches(ref, f) for f in today):
                continue
            same_rule = [f for f in today if f.rule == ref.rule]
            anchors = [_anchors(f) for f in same_rule]
            listed = "; ".join(anchors[:SHOWN]) + (" ..." if len(anchors) > SHOWN else "")
            problems.append(
                Problem(
                    origin.file,
                    f"journey {opportunity.journey!r} has no {ref.rule} finding like this "
                    f"({_anchors(ref)}); "
                    + (
                        f"its {ref.rule} findings are at: {listed}"
                        if anchors
                        else f"it has no {ref.rule} finding"
                    ),
                    path=at,
                    severity=Severity.warning,
                    code="no-such-finding",
                )
            )
    return place_on_lines(problems)


def _anchors(found: object) -> str:
    """A finding's or reference's anchors as one reads them: step a, from a to b, item c."""
    parts = []
    step = getattr(found, "step", None)
    transition = getattr(found, "transition", None)
    item = getattr(found, "data_item", None)
    if step:
        parts.append(f"step {step}")
    if transition:
        pair = (transition.from_, transition.to) if hasattr(transition, "from_") else transition
        parts.append(f"from {pair[0]} to {pair[1]}")
    if item:
        parts.append(f"data item {item}")
    return ", ".join(parts) or "the whole journey"
