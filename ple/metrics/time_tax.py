"""The time tax: how many hours a year a life experience takes from the public.

Hours a year = people a year (``volume.per_year``) x the hours an average person spends.
The average person does a step only as often as people reach it: a branch with a
``share`` carries that fraction of the people at its step. A branch without one is not
guessed at; it makes the figure a range, low when nobody takes it and high when
everyone who may take it does. So leadership gets one honest figure, or an honest range,
and beside a range a central estimate that says what it assumes (:attr:`TimeTax.assumes`).

What counts:

- **Hands-on minutes only** (``burden.minutes``). Waiting days are calendar time, not the
  person's time, and are left out.
- A step with one way on and no ``share`` passes everyone on; with several ways on, the
  ways without a ``share`` split whatever the shares leave (between none and all of it;
  the central estimate splits it evenly).
- At a fork (``fork: true``) the ways on are not alternatives: each is taken by everyone
  at the step, or by its ``share``, or, with a ``condition`` but no share, by between none
  and all of them (half in the central estimate). A step two branches lead to again is
  done once per person: its reach is at most everyone.
- Several entry steps are several ways in, treated like branches without a share.
- A loop is walked once (it is cut where a walk from the entries first closes it), so a
  journey with loops gets a floor: people who go round again spend more.
- A step without minutes adds nothing and is listed, so the figure is read as "at least".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ple.graph.order import START, loop_closing_moves, successors
from ple.metrics.evidence import EvidenceShares, evidence_shares, level_of
from ple.metrics.rollup import detail_order
from ple.model import Journey, Step, Workspace


@dataclass(frozen=True)
class Span:
    """A figure known only between two bounds; ``low == high`` when it is exact.

    ``central`` is an estimate between the bounds, made on stated assumptions (see
    :attr:`TimeTax.assumes`); None when none was made. Equality compares the bounds.
    """

    low: float
    high: float
    central: float | None = field(default=None, compare=False)

    @property
    def exact(self) -> bool:
        return self.low == self.high

    def scaled(self, factor: float) -> Span:
        central = None if self.central is None else self.central * factor
        return Span(self.low * factor, self.high * factor, central)

    def central_text(self, digits: int = 0) -> str:
        """The central estimate with thousands separators, or an empty string."""
        return "" if self.central is None else f"{self.central:,.{digits}f}"

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
    fork_branches_without_share: tuple[tuple[str, str], ...]
    """(step, next step) branches of a fork with a condition but no ``share``: the range."""
    assumes: tuple[str, ...]
    """What the central estimate assumes, one clause each; empty when the figure is exact."""
    loops_cut: tuple[tuple[str, str], ...]
    """Moves back into the journey that were walked once only: the figure is a floor."""
    evidence: EvidenceShares | None = None
    """How much of the hours rests on observed, reported, assumed and unknown minutes
    (each step weighed by the hours it adds, halfway between the low and high scenario)."""
    volume_evidence: str = "unknown"
    """The evidence level of the people-a-year figure the hours are multiplied by."""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["hours_per_person"]["central"] = self.hours_per_person.central
        data["hours_per_year"]["central"] = self.hours_per_year.central
        return data


@dataclass(frozen=True)
class TimeTaxSaving:
    """Hours a year a future state gives back, scenario by scenario."""

    current: TimeTax
    future: TimeTax
    hours_per_year: Span
    """Saved hours: the central scenarios' difference, between the least and the most the
    three like-for-like scenarios save (no unshared branch taken, the central split, all
    of them; two maps of different shape need not save most in the high one)."""

    @property
    def assumes(self) -> tuple[str, ...]:
        """What the central estimate assumes, today and as proposed alike."""
        return tuple(dict.fromkeys((*self.current.assumes, *self.future.assumes)))

    def to_dict(self) -> dict[str, Any]:
        return {
            "current": self.current.journey,
            "future": self.future.journey,
            "hours_per_year": {
                **asdict(self.hours_per_year),
                "central": self.hours_per_year.central,
            },
            "assumes": list(self.assumes),
        }


def assumption(assumes: tuple[str, ...] | list[str]) -> str:
    """The clauses of a central estimate as one phrase: ``assumes that ...``."""
    if not assumes:
        return ""
    return "assumes that " + "; and that ".join(assumes)


def time_tax(
    journey: Journey, workspace: Workspace | None = None, *, roll_up: bool = False
) -> TimeTax | None:
    """The journey's time tax, or None when it says nothing about how many people take it.

    With ``roll_up`` (and the ``workspace`` holding the detail journeys), a step with a
    ``detail`` journey counts that journey's hours per person in its place, walked by the
    same rules (see :mod:`ple.metrics.rollup`); its steps without minutes are listed as
    ``detail/step``."""
    if journey.volume is None:
        return None
    below: dict[str, _PerPerson] = {}
    loops: set[tuple[str, str]] = set()
    if roll_up and workspace is not None:  # bottom-up: no recursion down a long chain
        order, loops = detail_order(workspace, journey.id)
        for detail in order:
            below[detail] = _per_person(workspace.journeys[detail], below, loops)
    hours = _per_person(journey, below, loops)
    people = journey.volume.per_year
    return TimeTax(
        journey=journey.id,
        people_per_year=people,
        source=journey.volume.source,
        hours_per_person=hours.span,
        hours_per_year=hours.span.scaled(people),
        reach=hours.reach,
        steps_without_minutes=tuple(hours.missing),
        branches_without_share=tuple(hours.flows.choice_branches),
        fork_branches_without_share=tuple(hours.flows.fork_branches),
        loops_cut=tuple(sorted((str(a), b) for a, b in hours.closing)),
        assumes=() if hours.span.exact else hours.flows.assumes(),
        evidence=evidence_shares(hours.parts),
        volume_evidence=level_of(journey.volume.evidence),
    )


@dataclass
class _PerPerson:
    span: Span
    missing: list[str]
    parts: list[tuple[Any, float]]
    flows: _Flows
    closing: set
    reach: dict[str, Span]


def _per_person(
    journey: Journey, below: dict[str, _PerPerson], loops: set[tuple[str, str]]
) -> _PerPerson:
    """Hours an average person spends on the journey; the detail journeys in ``below``
    (their own hours, rolled up) count in the place of the steps they detail, unless the
    detail closes a loop or records no minutes."""
    following = successors(journey)
    closing = loop_closing_moves(following)
    flows = _Flows.of(journey, following)
    reach = _reach(following, closing, flows)
    low = central = high = 0.0
    missing: list[str] = []
    parts: list[tuple[Any, float]] = []
    for step in journey.steps:
        share = reach.get(step.id)
        if share is None or share.high == 0:
            continue
        inner = below.get(step.detail) if step.detail is not None else None
        if inner is not None and ((journey.id, step.detail) in loops or not inner.parts):
            inner = None
        if inner is not None:
            minutes = inner.span.scaled(60)
            missing += [f"{step.detail}/{m}" for m in inner.missing]
            weight = (share.low + share.high) / 2
            parts += [(level, weight * hours) for level, hours in inner.parts]
        elif step.burden is None or step.burden.minutes is None:
            missing.append(step.id)
            continue
        else:
            value = step.burden.minutes
            minutes = Span(value, value, value)
            parts.append(
                (step.burden_evidence("minutes"), (share.low + share.high) / 2 * value / 60)
            )
        low += share.low * minutes.low / 60
        central += (share.central or 0.0) * (minutes.central or 0.0) / 60
        high += share.high * minutes.high / 60
    return _PerPerson(Span(low, high, central), missing, parts, flows, closing, reach)


def time_tax_saved(current: TimeTax, future: TimeTax) -> TimeTaxSaving:
    """Hours a year saved, comparing like with like.

    The low scenario (no branch without a share taken) of the future is set against the
    low scenario of the current journey, and the high against the high: the same people
    taking the same unknown branches. The two differences bound the saving.
    """
    low = current.hours_per_year.low - future.hours_per_year.low
    high = current.hours_per_year.high - future.hours_per_year.high
    central = (current.hours_per_year.central or 0.0) - (future.hours_per_year.central or 0.0)
    scenarios = (low, high, central)
    return TimeTaxSaving(
        current=current, future=future, hours_per_year=Span(min(scenarios), max(scenarios), central)
    )


@dataclass
class _Flows:
    """The fraction of the people at each step who take each move, low, central and high,
    and what the central figures assume."""

    shares: dict[tuple[Any, str], Span]
    choice_branches: list[tuple[str, str]]
    fork_branches: list[tuple[str, str]]
    choices: int = 0
    """Choices with a branch without a share (the central estimate splits them evenly)."""
    entries: int = 1

    @classmethod
    def of(cls, journey: Journey, following: dict) -> _Flows:
        flows = cls({}, [], [])
        entries = following[START]
        flows.entries = len(entries)
        for entry in entries:
            flows.shares[(START, entry)] = (
                Span(1, 1, 1) if len(entries) == 1 else Span(0, 1, 1 / len(entries))
            )
        for step in journey.steps:
            if step.fork:
                flows._fork(step)
            else:
                flows._choice(step)
        return flows

    def _fork(self, step: Step) -> None:
        for move in step.next:
            if move.share is not None:
                self.shares[(step.id, move.to)] = Span(move.share, move.share, move.share)
            elif move.condition is None:
                self.shares[(step.id, move.to)] = Span(1, 1, 1)
            else:
                self.shares[(step.id, move.to)] = Span(0, 1, 0.5)
                self.fork_branches.append((step.id, move.to))

    def _choice(self, step: Step) -> None:
        known = sum(t.share for t in step.next if t.share is not None)
        unshared = [t for t in step.next if t.share is None]
        rest = max(0.0, 1 - known)
        for move in step.next:
            if move.share is not None:
                self.shares[(step.id, move.to)] = Span(move.share, move.share, move.share)
            elif len(step.next) == 1:
                self.shares[(step.id, move.to)] = Span(1, 1, 1)
            else:
                self.shares[(step.id, move.to)] = Span(0, rest, rest / len(unshared))
                self.choice_branches.append((step.id, move.to))
        if unshared and len(step.next) > 1:
            self.choices += 1

    def assumes(self) -> tuple[str, ...]:
        """The clauses the central estimate rests on."""
        clauses = []
        if self.choices:
            clauses.append(
                "at a choice, the people the shares leave split evenly among the "
                "branches without a share"
            )
        if self.fork_branches:
            clauses.append(
                "at a fork, half the people take each branch that has a condition but no share"
            )
        if self.entries > 1:
            clauses.append("people start evenly at each entry step")
        return tuple(clauses)


def _reach(following: dict, closing: set, flows: _Flows) -> dict[str, Span]:
    """Fraction of people reaching each step, low, central and high, over the loop-cut
    walk; at most everyone, since a step is done once per person."""
    incoming: dict[str, dict[Any, None]] = {}  # a dict keeps order and drops repeated moves
    for node, targets in following.items():
        for target in targets:
            if (node, target) not in closing:
                incoming.setdefault(target, {})[node] = None
    reach: dict[Any, Span] = {START: Span(1, 1, 1)}
    for node in _order(following, closing):
        if node == START:
            continue
        sources = [s for s in incoming.get(node, {}) if s in reach]
        if not sources:
            continue
        flows_in = [(reach[s], flows.shares[(s, node)]) for s in sources]
        reach[node] = Span(
            min(1.0, sum(r.low * f.low for r, f in flows_in)),
            min(1.0, sum(r.high * f.high for r, f in flows_in)),
            min(1.0, sum((r.central or 0) * (f.central or 0) for r, f in flows_in)),
        )
    reach.pop(START)
    return reach


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
