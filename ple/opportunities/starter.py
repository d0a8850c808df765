"""From a finding to an opportunity: the ones that address it, or the YAML to start one.

The Gaps page shows, for each finding, the opportunities whose finding references match
it; when there are none, an opportunity to paste into the workspace's opportunities file,
already naming the finding, its journey and the agency that runs its step.
"""

from __future__ import annotations

import yaml

from ple import limits
from ple.gaps import Finding
from ple.gaps.registry import all_rules
from ple.model import Opportunity, Workspace
from ple.opportunities.worth import matches


def addressing(workspace: Workspace, finding: Finding) -> list[Opportunity]:
    """The opportunities on the finding's journey that name it, by id."""
    return sorted(
        (
            o
            for o in workspace.opportunities.values()
            if o.journey == finding.journey and any(matches(r, finding) for r in o.findings)
        ),
        key=lambda o: o.id,
    )


def finding_reference(finding: Finding) -> dict[str, object]:
    """``finding`` named as an opportunity's ``findings`` name one: its rule and anchors."""
    ref: dict[str, object] = {"rule": finding.rule}
    if finding.step:
        ref["step"] = finding.step
    if finding.transition:
        ref["transition"] = {"from": finding.transition[0], "to": finding.transition[1]}
    if finding.data_item:
        ref["data_item"] = finding.data_item
    return ref


def owner_of(workspace: Workspace, finding: Finding) -> str:
    """The agency that runs the finding's step (or the first of its move), else the first
    agency the finding names, else the journey's lead agency: who would likely own a fix."""
    journey = workspace.journeys[finding.journey]
    anchor = finding.step or (finding.transition[0] if finding.transition else None)
    step = journey.step(anchor) if anchor else None
    if step:
        return step.agency
    return finding.agencies[0] if finding.agencies else journey.lead_agency or ""


def starter_title(workspace: Workspace, finding: Finding) -> str:
    """A first title naming what the finding is and where: ``Only one channel: First
    prenatal visit``, ``Cold handoff: Apply for benefits to Enroll``. The designer rewrites
    it as the fix takes shape; until then it says which finding the opportunity is about."""
    rule = all_rules().get(finding.rule)
    what = rule.title if rule else finding.rule.replace("-", " ").capitalize()
    journey = workspace.journeys.get(finding.journey)

    def name(step_id: str) -> str:
        step = journey.step(step_id) if journey else None
        return step.name if step else step_id

    if finding.step:
        where = name(finding.step)
    elif finding.transition:
        where = f"{name(finding.transition[0])} to {name(finding.transition[1])}"
    elif finding.data_item:
        item = workspace.data_items.get(finding.data_item)
        where = item.name if item else finding.data_item
    else:
        where = ""
    title = f"{what}: {where}" if where else what
    most = limits.NAME_LENGTH.value
    return title if len(title) <= most else title[: most - 1].rstrip() + "…"


def starter_yaml(workspace: Workspace, finding: Finding) -> str:
    """An opportunity, as YAML for an ``opportunities:`` list, that addresses ``finding``.

    Its id is free in the workspace. Its change is left for the designer to write, in
    comments that show the two kinds: pasted as it is, the opportunity is valid and has no
    change yet (``ple opportunities`` warns ``no-change-yet``), rather than a made-up figure
    passing for one.
    """
    ref = finding_reference(finding)
    journey = workspace.journeys[finding.journey]
    anchor = finding.step or (finding.transition[0] if finding.transition else None)
    owner = owner_of(workspace, finding)
    entry: dict[str, object] = {
        "id": _free_id(workspace, f"{finding.rule}-{anchor or finding.data_item or 'fix'}"),
        "title": starter_title(workspace, finding),
        "how_might_we": "How might we ...?",
        "journey": finding.journey,
        "findings": [ref],
        "owner": {"agency": owner},
        "status": "idea",
    }
    text = yaml.safe_dump([entry], sort_keys=False, allow_unicode=True, width=88)
    target = yaml.safe_dump(anchor or journey.steps[0].id).splitlines()[0]
    return (
        text
        + "\n".join(
            [
                "  # change: (docs/format.md#change), either a future-state journey whose",
                f"  # baseline is {journey.id}:",
                "  #   future: ...",
                "  # or edits on today's journey:",
                "  #   steps:",
                f"  #     - step: {target}",
                "  #       minutes: ...",
                "  #       add_channels: [...]",
                "  #       stop_requesting: [...]",
            ]
        )
        + "\n"
    )


def _free_id(workspace: Workspace, wanted: str) -> str:
    base = wanted[:60].rstrip("-")
    candidate, number = base, 2
    while candidate in workspace.opportunities:
        candidate, number = f"{base}-{number}", number + 1
    return candidate
