"""A journey of a loaded workspace as plain documents, with the catalog entries it needs.

A workbook or a downloaded YAML file should stand on its own: every agency, program,
data item and touchpoint the journey names is carried with it (and each parent agency those
name), with the legal basis for sharing its data items between its agencies, and nothing
else, so a 2,500-program inventory does not ride along.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from ple.model import Journey, Workspace


def plain(model: BaseModel) -> dict[str, Any]:
    """A model as its shortest plain form: defaults and unknowns left out."""
    return model.model_dump(mode="json", by_alias=True, exclude_defaults=True)


def needed_catalog(workspace: Workspace, journey: Journey) -> dict[str, list[dict[str, Any]]]:
    """The catalog entries the journey names, in the workspace's order, and the sharing
    records of its data items between its agencies (so its findings' legal basis goes
    with it)."""
    agencies = {s.agency for s in journey.steps}
    agencies |= {a.agency for s in journey.steps for _, a in s.actions() if a.agency}
    touchpoints = {t for s in journey.steps for t in s.touchpoints}
    agencies |= {workspace.touchpoints[t].agency for t in touchpoints if t in workspace.touchpoints}
    if journey.lead_agency:
        agencies.add(journey.lead_agency)
    programs = {s.program for s in journey.steps if s.program}
    agencies |= {workspace.programs[p].agency for p in programs if p in workspace.programs}
    items = {i for s in journey.steps for i in s.requests}
    items |= {i for s in journey.steps for t in s.next if t.handoff for i in t.handoff.shares}
    items |= {a.data_item for a in journey.accepted_findings if a.data_item}
    pending = list(agencies)
    while pending:
        agency = workspace.agencies.get(pending.pop())
        if agency is not None and agency.parent and agency.parent not in agencies:
            agencies.add(agency.parent)
            pending.append(agency.parent)
    return {
        "agencies": [plain(a) for a in workspace.agencies.values() if a.id in agencies],
        "programs": [plain(p) for p in workspace.programs.values() if p.id in programs],
        "data_items": [plain(d) for d in workspace.data_items.values() if d.id in items],
        "touchpoints": [plain(t) for t in workspace.touchpoints.values() if t.id in touchpoints],
        "sharing": [
            plain(r)
            for r in workspace.sharing.values()
            if r.data_item in items and r.from_ in agencies and r.to in agencies
        ],
    }
