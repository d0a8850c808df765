"""The time tax: how many hours a year a life experience takes from the public.

Hours a year = people a year (``volume.per_year``) x the hours an average person spends.
The average person does a step only as often as people reach it: a branch with a
``share`` carries that fraction of the people at its step. A branch without one is not
guessed at; it makes the figure a range, low when nobody takes it and high when
everyone who may take it does. So leadership gets one honest figure, or an honest range.

What counts:

- **Hands-on minutes only** (``burden.minutes``). Waiting days are calendar time, not the
  person's time, and are left out.
- A step with one way on and no ``share`` passes everyone on; with several ways on, the
  ways without a ``share`` split whatever the shares leave (between none and all of it).
- Several entry steps are several ways in, treated like branches without a share.
- A loop is walked once (it is cut where a walk from the entries first closes it), so a
  journey with loops gets a floor: people who go round again spend more.
- A step without minutes adds nothing and is listed, so the figure is read as "at least".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from ple.graph.order import START, loop_closing_moves, successors
from ple.metrics.evidence import EvidenceShares, evidence_shares, level_of
from ple.model import Journey


@dataclass(frozen=True)
class Span:
    """A figure known only between two bounds; ``low == high`` when it is exact."""

    low: float
    high: float

    @property
    def exact(self) -> bool:
        return self.low == self.high

    def scaled(self, factor: float) -> Span:
        return Span(self.low * factor, self.high * factor)

    def text(self, digits: int = 0) -> str:
        """``1,250`` when exact, else ``1,000 to 3,500``, with thousands separators."""
        low, high = f"{self.low:,.{digits}f}", f"{self.high:,.{digits}f}"
        return low if low == high else f"{low} to {high}"


@dataclass(frozen=True)
class TimeTax:
    """The public's hours a year on one journey, and what the figure rests on."""

    journey: str
    people_per_year: int
    source: str
    hours_per_person: Span
    hours_per_year: Span
    reach: dict[str, Span]
    """Per step, the fraction of people who do it (loops walked once)."""
    steps_without_minutes: tuple[str, ...]
    """Reached steps whose minutes are not recorded: the figure is at least this much."""
    branches_without_share: tuple[tuple[str, str], ...]
    """(step, next step) moves without a ``share`` where people have a choice: the range."""
    loops_cut: tuple[tuple[str, str], ...]
    """Moves back into the journey that were walked once only: the figure is a floor."""
    evidence: EvidenceShares | None = None
    """How much of the hours rests on observed, reported, assumed and unknown minutes
    (each step weighed by the hours it adds, halfway between the low and high scenario)."""
    volume_evidence: str = "unknown"
    """The evidence level of the people-a-year figure the hours are multiplied by."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class TimeTaxSaving:
    """Hours a year a future state gives back, scenario by scenario."""

    current: TimeTax
    future: TimeTax
    hours_per_year: Span
    """Saved hours: low and high over the two scenarios (no unshared branch taken / all)."""

    def to_dict(self) -> dict[str, Any]:
        return {"current": self.current.journey, "future": self.future.journey,
                "hours_per_year": asdict(self.hours_per_year)}


def time_tax(journey: Journey) -> TimeTax | None:
    """The journey's time tax, or None when it says nothing about how many people take it."""
    if journey.volume is None:
        return None
    following = successors(journey)
    closing = loop_closing_moves(following)
    reach, branches = _reach(journey, following, closing)
    minutes = {s.id: (s.burden.minutes if s.burden else None) for s in journey.steps}
    low = high = 0.0
    missing = []
    parts = []
    for step in journey.steps:
        share = reach.get(step.id)
        if share is None or share.high == 0:
            continue
        if minutes[step.id] is None:
            missing.append(step.id)
            continue
        low += share.low * minutes[step.id] / 60
        high += share.high * minutes[step.id] / 60
        parts.append((step.burden_evidence("minutes"),
                      (share.low + share.high) / 2 * minutes[step.id] / 60))
    per_person = Span(low, high)
    people = journey.volume.per_year
    return TimeTax(
        journey=journey.id,
        people_per_year=people,
        source=journey.volume.source,
        hours_per_person=per_person,
        hours_per_year=per_person.scaled(people),
        reach=reach,
        steps_without_minutes=tuple(missing),
        branches_without_share=tuple(branches),
        loops_cut=tuple(sorted((str(a), b) for a, b in closing)),
        evidence=evidence_shares(parts),
        volume_evidence=level_of(journey.volume.evidence),
    )


def time_tax_saved(current: TimeTax, future: TimeTax) -> TimeTaxSaving:
    """Hours a year saved, comparing like with like.

    The low scenario (no branch without a share taken) of the future is set against the
    low scenario of the current journey, and the high against the high: the same people
    taking the same unknown branches. The two differences bound the saving.
    """
    low = current.hours_per_year.low - future.hours_per_year.low
    high = current.hours_per_year.high - future.hours_per_year.high
    return TimeTaxSaving(current=current, future=future,
                         hours_per_year=Span(min(low, high), max(low, high)))


def _reach(
    journey: Journey, following: dict, closing: set
) -> tuple[dict[str, Span], list[tuple[str, str]]]:
    """Fraction of people reaching each step, as a low/high span, over the loop-cut walk."""
    shares: dict[tuple[Any, str], Span] = {}
    branches: list[tuple[str, str]] = []
    entries = following[START]
    for entry in entries:
        shares[(START, entry)] = Span(1, 1) if len(entries) == 1 else Span(0, 1)
    for step in journey.steps:
        known = sum(t.share for t in step.next if t.share is not None)
        for move in step.next:
            if move.share is not None:
                shares[(step.id, move.to)] = Span(move.share, move.share)
            elif len(step.next) == 1:
                shares[(step.id, move.to)] = Span(1, 1)
            else:
                shares[(step.id, move.to)] = Span(0, max(0.0, 1 - known))
                branches.append((step.id, move.to))
    incoming: dict[str, dict[Any, None]] = {}  # a dict keeps order and drops repeated moves
    for node, targets in following.items():
        for target in targets:
            if (node, target) not in closing:
                incoming.setdefault(target, {})[node] = None
    reach: dict[Any, Span] = {START: Span(1, 1)}
    for node in _order(following, closing):
        if node == START:
            continue
        sources = incoming.get(node, {})
        if not sources:
            continue
        low = sum(reach[s].low * shares[(s, node)].low for s in sources if s in reach)
        high = sum(reach[s].high * shares[(s, node)].high for s in sources if s in reach)
        reach[node] = Span(min(low, 1.0), min(high, 1.0))
    reach.pop(START)
    return reach, branches


def _order(following: dict, closing: set) -> list[Any]:
    """Nodes reachable from START in an order where every source comes before its target."""
    seen: set[Any] = {START}
    stack = [START]
    while stack:
        for target in following[stack.pop()]:
            if target not in seen:
                seen.add(target)
                stack.append(target)
    indegree = dict.fromkeys(seen, 0)
    for node in seen:
        for target in following[node]:
            if (node, target) not in closing:
                indegree[target] += 1
    ready = [START]
    order = []
    while ready:
        node = ready.pop()
        order.append(node)
        for target in following[node]:
            if (node, target) in closing:
                continue
            indegree[target] -= 1
            if indegree[target] == 0:
                ready.append(target)
    return order
