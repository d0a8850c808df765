"""Which opportunities need a change in law: those whose findings ask for a data item
again between two agencies that a statute bars from sharing it.

Design and agreements can close most "tell us once" gaps; a statutory bar (tax return
information under 26 U.S.C. 6103 outside its exceptions) only a change in law can. The
catalog's ``sharing`` records say which case applies (:func:`ple.model.sharing_basis`); a
pair it does not record is unknown and never labels an opportunity.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ple.gaps import Finding
from ple.model import Workspace
from ple.model.sharing import SharingAnswer, sharing_basis


def flows(workspace: Workspace, finding: Finding) -> Iterator[tuple[str, str, str]]:
    """(data item, holding agency, asking agency) for every sharing the finding is about:
    for ``unshared-data``, what the next agency asks for that the handoff does not pass;
    for ``repeated-request``, the item between each agency that asks and every one that
    asks after it. Other rules are not about sharing data."""
    if finding.rule == "unshared-data" and finding.transition and len(finding.agencies) == 2:
        holder, asker = finding.agencies
        journey = workspace.journeys[finding.journey]
        source, target = journey.step(finding.transition[0]), journey.step(finding.transition[1])
        if source is None or target is None:
            return
        move = next((m for m in source.next if m.to == target.id), None)
        shared = set(move.handoff.shares) if move and move.handoff else set()
        items = ([finding.data_item] if finding.data_item
                 else [i for i in dict.fromkeys(target.requests) if i not in shared])
        for item in items:
            yield item, holder, asker
    elif finding.rule == "repeated-request" and finding.data_item:
        agencies = list(dict.fromkeys(finding.agencies))
        for index, holder in enumerate(agencies):
            for asker in agencies[index + 1:]:
                yield finding.data_item, holder, asker


def barred(workspace: Workspace, findings: Iterable[Finding]) -> tuple[SharingAnswer, ...]:
    """The sharings the findings are about that the catalog records as prohibited."""
    found: dict[tuple[str, str, str], SharingAnswer] = {}
    for finding in findings:
        for item, holder, asker in flows(workspace, finding):
            answer = sharing_basis(workspace.sharing, item, holder, asker)
            if answer.needs_change_in_law:
                found.setdefault((item, holder, asker), answer)
    return tuple(found.values())
