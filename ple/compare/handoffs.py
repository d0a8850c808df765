"""How the moves between agencies change: a cold handoff made warm, a referral made
automatic, a handoff that disappears with the steps around it, or a new one.

Transitions are compared through the step matching, so a handoff between two renamed
steps is still the same handoff. A transition counts as a handoff in a version when its
two steps belong to different agencies there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ple.compare.match import StepMatch
from ple.model import Journey, Step, Transition

UNDOCUMENTED = "undocumented"
GONE = "\0"
"""Prefix of a removed step's id in transition keys: ids are slugs, so never clash."""
RANK = {"automatic": 0, "warm": 1, "referral": 2, "cold": 3}
"""Best first, as the format defines the types; ``undocumented`` has no rank (unknown)."""


@dataclass(frozen=True)
class HandoffChange:
    """One handoff, today and as proposed."""

    status: str
    """``type changed``, ``shares changed``, ``added``, ``removed`` or ``unchanged``."""
    from_step: str
    """The source step: its proposed id, or today's when it was removed."""
    to_step: str
    from_agency: str
    to_agency: str
    before: str | None
    """Today's type (``undocumented`` without one); None when it is not a handoff today."""
    after: str | None
    """The proposed type; None when it is not a handoff in the proposed journey."""
    shares_before: tuple[str, ...] = ()
    shares_after: tuple[str, ...] = ()

    @property
    def better(self) -> bool | None:
        """True when the type moved towards ``automatic``, False when away from it, None
        when it did not change or one side is undocumented or missing."""
        if self.before in RANK and self.after in RANK and self.before != self.after:
            return RANK[self.after] < RANK[self.before]
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "from_step": self.from_step,
            "to_step": self.to_step,
            "from_agency": self.from_agency,
            "to_agency": self.to_agency,
            "before": self.before,
            "after": self.after,
            "better": self.better,
            "shares_before": list(self.shares_before),
            "shares_after": list(self.shares_after),
        }


@dataclass(frozen=True)
class _Side:
    source: Step
    target: Step
    transition: Transition

    @property
    def crosses(self) -> bool:
        return self.source.agency != self.target.agency

    @property
    def kind(self) -> str | None:
        if not self.crosses:
            return None
        return self.transition.handoff.type.value if self.transition.handoff else UNDOCUMENTED

    @property
    def shares(self) -> tuple[str, ...]:
        handoff = self.transition.handoff
        return tuple(handoff.shares) if handoff and self.crosses else ()


def handoff_changes(current: Journey, future: Journey, match: StepMatch) -> list[HandoffChange]:
    """Every handoff of either version: proposed order first, then those gone."""
    future_of = match.future_of()

    def sides(journey: Journey, key) -> dict[tuple[str, str], _Side]:
        steps = {s.id: s for s in journey.steps}
        found = {}
        for step in journey.steps:
            for move in step.next:
                if move.to in steps:
                    found.setdefault(
                        (key(step.id), key(move.to)), _Side(step, steps[move.to], move)
                    )
        return found

    before = sides(current, lambda s: future_of.get(s, GONE + s))
    after = sides(future, lambda s: s)
    rows = []
    for key, new in after.items():
        old = before.get(key)
        if not new.crosses and (old is None or not old.crosses):
            continue
        rows.append(_change(key, old, new))
    for key, old in before.items():
        if key not in after and old.crosses:
            rows.append(_change(key, old, None))
    return rows


def _change(key: tuple[str, str], old: _Side | None, new: _Side | None) -> HandoffChange:
    shown = new or old
    assert shown is not None
    was = old.kind if old else None
    now = new.kind if new else None
    shares_before = old.shares if old else ()
    shares_after = new.shares if new else ()
    if was is None:
        status = "added"
    elif now is None:
        status = "removed"
    elif was != now:
        status = "type changed"
    elif set(shares_before) != set(shares_after):
        status = "shares changed"
    else:
        status = "unchanged"
    from_step, to_step = (step.removeprefix(GONE) for step in key)
    return HandoffChange(
        status,
        from_step,
        to_step,
        shown.source.agency,
        shown.target.agency,
        was,
        now,
        shares_before,
        shares_after,
    )
