"""What the customer is asked for, today and as proposed: the "tell us once" ledger.

An item no step asks for any more is no longer requested; an item asked at fewer steps
is asked again less often. Counts are steps (each step asks once however it lists the
item) and the agencies behind them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ple.model import Journey


@dataclass(frozen=True)
class DataItemChange:
    """One data item: how many steps (and which agencies) ask for it, before and after."""

    item: str
    status: str
    """``no longer requested``, ``newly requested``, ``asked less``, ``asked more`` or
    ``unchanged`` (by number of steps that ask)."""
    steps_before: int
    steps_after: int
    agencies_before: tuple[str, ...]
    agencies_after: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "item": self.item,
            "status": self.status,
            "steps_before": self.steps_before,
            "steps_after": self.steps_after,
            "agencies_before": list(self.agencies_before),
            "agencies_after": list(self.agencies_after),
        }


def _askers(journey: Journey) -> dict[str, list[str]]:
    """Item -> the agency of every step that asks for it, in journey order."""
    asked: dict[str, list[str]] = {}
    for step in journey.steps:
        for item in dict.fromkeys(step.requests):
            asked.setdefault(item, []).append(step.agency)
    return asked


def data_item_changes(current: Journey, future: Journey) -> list[DataItemChange]:
    """Every item either version asks for: items dropped first, then new ones, then the
    rest by how many fewer steps ask (most first), then by id."""
    before, after = _askers(current), _askers(future)
    rows = []
    for item in sorted(set(before) | set(after)):
        old, new = before.get(item, []), after.get(item, [])
        if not new:
            status = "no longer requested"
        elif not old:
            status = "newly requested"
        elif len(new) < len(old):
            status = "asked less"
        elif len(new) > len(old):
            status = "asked more"
        else:
            status = "unchanged"
        rows.append(
            DataItemChange(
                item,
                status,
                len(old),
                len(new),
                tuple(dict.fromkeys(old)),
                tuple(dict.fromkeys(new)),
            )
        )
    order = {"no longer requested": 0, "newly requested": 1}
    return sorted(
        rows, key=lambda r: (order.get(r.status, 2), r.steps_after - r.steps_before, r.item)
    )
