"""The equity walk: a journey through one person's eyes.

From the journey's entry steps the person moves on through every step they can take; a
step they cannot take stops them there, and everything only behind it is lost to them.
To finish, they must get from an entry to an end: at a choice one way on that they can
finish is enough, at a fork (``fork: true``, next steps that all happen) they must be
able to finish every way on that everyone takes. Unknown is not no: a step whose data
does not say what the person's constraint asks about is *unverified*. The walk is done
twice, once letting unverified steps pass (what the person may reach) and once stopping
at them (what they surely reach), so ``completes`` is yes, no, or "unverified"
(``None``) when the answer hangs on unverified steps. The same walk without constraints
is the yardstick for ``lost``, ``completes`` and the burden. Each step is visited once,
so loops cannot hang it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ple.collector import collector_paused
from ple.equity.access import Access, StepAccess, step_access
from ple.equity.burden import BurdenTotals, cheapest, sum_burden
from ple.equity.personas import BUILT_IN_IDS, is_built_in, personas_to_walk
from ple.errors import NotFoundError
from ple.io.suggest import did_you_mean
from ple.model import Journey, Persona, Step, Workspace


@dataclass(frozen=True)
class BlockedStep:
    """A step the person reaches and cannot take."""

    step: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class UnverifiedStep:
    """A step the person reaches whose data does not say whether they can take it."""

    step: str
    unknowns: tuple[str, ...]


@dataclass(frozen=True)
class EquityResult:
    """One journey walked as one persona."""

    journey: str
    persona: str
    persona_name: str
    built_in: bool
    completes: bool | None
    """True: reaches an end the unconstrained walk reaches, through steps that pass;
    False: cannot, even if every unverified step passes; None: it hangs on unverified steps."""
    unconstrained_completes: bool
    blocked: tuple[BlockedStep, ...]
    lost: tuple[str, ...]
    """Steps the unconstrained walk reaches that this person never reaches."""
    unverified: tuple[UnverifiedStep, ...]
    walked: tuple[str, ...]
    """Steps the person reaches and may take (passing or unverified), in journey order."""
    burden: BurdenTotals
    unconstrained_burden: BurdenTotals
    unless: tuple[str, ...] = ()
    """Who the verdict does not hold for: at a fork the person reaches, a branch for some
    people only (a ``condition`` or a ``share``) that this person could not surely finish.
    ``completes`` is said of a person outside those groups; whether this person is in one,
    the data does not say."""

    @property
    def verdict(self) -> str:
        """``completes``, ``blocked``, ``unverified``, or ``no end`` when nobody can finish."""
        if not self.unconstrained_completes:
            return "no end"
        return {True: "completes", False: "blocked", None: "unverified"}[self.completes]

    def summary(self) -> dict[str, Any]:
        """The result as short table cells, the person's figures beside everyone's."""

        def minutes(totals: BurdenTotals) -> str:
            unknown = totals.unknown["minutes"]
            return f"{totals.minutes:,.0f}" + (f" (+{unknown} unknown)" if unknown else "")

        return {
            "journey": self.journey,
            "persona": self.persona,
            "completes": self.verdict,
            "unless": list(self.unless),
            "blocked": [f"{b.step}: {'; '.join(b.reasons)}" for b in self.blocked],
            "lost": len(self.lost),
            "unverified": len(self.unverified),
            "minutes": minutes(self.burden),
            "everyone_minutes": minutes(self.unconstrained_burden),
            "wait_days": f"{self.burden.wait_days:,.0f}",
            "everyone_wait_days": f"{self.unconstrained_burden.wait_days:,.0f}",
            "visits": f"{self.burden.visits:,.0f}",
            "everyone_visits": f"{self.unconstrained_burden.visits:,.0f}",
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "journey": self.journey,
            "persona": self.persona,
            "persona_name": self.persona_name,
            "built_in": self.built_in,
            "completes": self.completes,
            "unconstrained_completes": self.unconstrained_completes,
            "unless": list(self.unless),
            "blocked": [{"step": b.step, "reasons": list(b.reasons)} for b in self.blocked],
            "lost": list(self.lost),
            "unverified": [{"step": u.step, "unknowns": list(u.unknowns)} for u in self.unverified],
            "walked": list(self.walked),
            "burden": self.burden.to_dict(),
            "unconstrained_burden": self.unconstrained_burden.to_dict(),
        }


@dataclass(frozen=True)
class Unconstrained:
    """The walk without constraints over a set of steps: the yardstick, computed once."""

    reached: frozenset[str]
    completes: bool
    burden: BurdenTotals


def unconstrained(journey: Journey, steps: dict[str, Step]) -> Unconstrained:
    """Everyone's walk over ``steps``, each step in its cheapest channel of all."""
    entries = [e for e in journey.entry_steps if e in steps]
    reached = _reach(steps, entries, lambda step: True)
    order = [s.id for s in journey.steps if s.id in reached]
    burden = sum_burden({s: cheapest(steps[s], steps[s].channels or [None]) for s in order})
    return Unconstrained(frozenset(reached), _finishes(steps, entries, lambda step: True), burden)


def walk(journey: Journey, persona: Persona, everyone: Unconstrained | None = None) -> EquityResult:
    """Walk ``journey`` as ``persona``; ``everyone`` may be passed in when already known
    (it is the same for every persona that walks every step)."""
    applies = _applies_to(journey, persona)
    steps = {s.id: s for s in journey.steps if applies(s)}
    entries = [e for e in journey.entry_steps if e in steps]
    access = _access_of(steps, persona)
    if everyone is None or not is_built_in(journey, persona):
        everyone = unconstrained(journey, steps)

    def may_pass(step: str) -> bool:
        return access[step].access is not Access.blocked

    def surely_passes(step: str) -> bool:
        return access[step].access is Access.passes

    may = _reach(steps, entries, may_pass)
    completes = (
        True
        if _finishes(steps, entries, surely_passes)
        else None
        if _finishes(steps, entries, may_pass)
        else False
    )
    order = [s.id for s in journey.steps if s.id in steps]
    walked = [s for s in order if s in may and access[s].access is not Access.blocked]
    unless = _unless(steps, order, may, surely_passes) if completes is not False else ()
    return EquityResult(
        journey=journey.id,
        persona=persona.id,
        persona_name=persona.name,
        built_in=is_built_in(journey, persona),
        completes=completes,
        unconstrained_completes=everyone.completes,
        blocked=tuple(
            BlockedStep(s, access[s].reasons)
            for s in order
            if s in may and access[s].access is Access.blocked
        ),
        lost=tuple(s for s in order if s in everyone.reached and s not in may),
        unverified=tuple(
            UnverifiedStep(s, access[s].unknowns)
            for s in walked
            if access[s].access is Access.unverified
        ),
        walked=tuple(walked),
        burden=sum_burden({s: cheapest(steps[s], access[s].channels) for s in walked}),
        unconstrained_burden=everyone.burden,
        unless=unless,
    )


def walk_journeys(
    workspace: Workspace,
    journey_ids: Sequence[str] | None = None,
    personas: Sequence[str] | None = None,
) -> list[EquityResult]:
    """Walk each journey (or the ones named; none when the list is empty) as each persona
    (default: see :func:`~ple.equity.personas.personas_to_walk`). Unknown ids raise
    NotFoundError."""
    ids = list(journey_ids) if journey_ids is not None else sorted(workspace.journeys)
    for journey_id in ids:
        if journey_id not in workspace.journeys:
            raise NotFoundError(
                f"no journey {journey_id!r} in the workspace"
                f"{did_you_mean(journey_id, workspace.journeys)}"
            )
    journeys = [workspace.journeys[i] for i in ids]
    if personas and journeys:  # a journey's own persona: walked where the journey has it
        for name in personas:
            if not any(_has(j, name) for j in journeys):
                personas_to_walk(journeys[0], [name])  # raises, naming what exists
    results = []
    with collector_paused():
        for journey in journeys:
            names = [n for n in personas if _has(journey, n)] if personas else None
            if names == []:
                continue
            everyone = unconstrained(journey, {s.id: s for s in journey.steps})
            results += [walk(journey, p, everyone) for p in personas_to_walk(journey, names)]
    return results


def _has(journey: Journey, name: str) -> bool:
    return name in BUILT_IN_IDS or any(p.id == name for p in journey.personas)


def _applies_to(journey: Journey, persona: Persona) -> Callable[[Step], bool]:
    """A journey's own persona walks only the steps meant for it; a built-in walks all."""
    if is_built_in(journey, persona):
        return lambda step: True
    return lambda step: step.personas is None or persona.id in step.personas


def _access_of(steps: dict[str, Step], persona: Persona) -> dict[str, StepAccess]:
    """Each step's verdict; steps that say the same things share one verdict."""
    verdicts: dict[tuple, StepAccess] = {}
    access = {}
    for step in steps.values():
        key = (
            tuple(step.channels) if step.channels is not None else None,
            tuple(step.languages) if step.languages is not None else None,
            tuple(step.accommodations) if step.accommodations is not None else None,
        )
        verdict = verdicts.get(key)
        if verdict is None:
            verdict = verdicts[key] = step_access(step, persona)
        access[step.id] = verdict
    return access


def _finishes(steps: dict[str, Step], entries: list[str], passes: Callable[[str], bool]) -> bool:
    """Whether a walk from some entry, through steps that pass, finishes: a step is
    finished when it passes and is an end, or when one of its ways on is finished (a
    choice), or every way on that everyone takes is (a fork: a branch with a condition
    or a share is for some people only, so it does not hold up the others; a fork whose
    branches are all such is finished by one of them, like a choice). Ways on to steps
    outside ``steps`` (meant for other personas) do not count. Worked backwards from the
    ends, each move looked at once, so loops are fine: going round never finishes."""
    needed = {s: _everyones_ways(step, steps) for s, step in steps.items()}
    before: dict[str, list[str]] = {s: [] for s in steps}
    for step_id, step in steps.items():
        for target in dict.fromkeys(t.to for t in step.next if t.to in steps):
            before[target].append(step_id)
    finished = {s for s, step in steps.items() if step.end and passes(s)}
    queue = deque(finished)
    while queue:
        done = queue.popleft()
        for step_id in before[done]:
            if step_id in finished or not passes(step_id):
                continue
            waiting = needed[step_id]
            if waiting is not None:
                waiting.discard(done)
            if not waiting:
                finished.add(step_id)
                queue.append(step_id)
    return any(entry in finished for entry in entries)


def _unless(
    steps: dict[str, Step], order: list[str], reached: set[str], passes: Callable[[str], bool]
) -> tuple[str, ...]:
    """The groups of people the walk's verdict leaves out: each branch of a fork the person
    reaches that is for some people only (a condition, a share), and from which this
    person would not surely get to an end. In journey order, each group once."""
    groups: dict[str, None] = {}
    for step_id in order:
        step = steps[step_id]
        if not step.fork or step_id not in reached or not passes(step_id):
            continue
        for move in step.next:
            if move.to not in steps or (move.condition is None and move.share is None):
                continue
            if not _finishes(steps, [move.to], passes):
                groups[_group(move.condition, move.share, steps[move.to])] = None
    return tuple(groups)


def _group(condition: str | None, share: float | None, branch: Step) -> str:
    """The people a branch is for, in words: its condition, else its share."""
    if condition:
        return condition
    return f"the {share:.0%} who go on to '{branch.name}'"


def _everyones_ways(step: Step, steps: dict[str, Step]) -> set[str] | None:
    """The ways on a person must all finish: at a fork, those everyone takes (no condition,
    no share); None when finishing one way on is enough (a choice, or a fork of branches
    that are each for some people only)."""
    if not step.fork:
        return None
    ways = {t.to for t in step.next if t.to in steps and t.condition is None and t.share is None}
    return ways or None


def _reach(steps: dict[str, Step], entries: list[str], passes: Callable[[str], bool]) -> set[str]:
    """Steps reached from ``entries``; a step that does not pass is reached, not left."""
    seen = set(entries)
    queue = deque(entries)
    while queue:
        step = queue.popleft()
        if not passes(step):
            continue
        for move in steps[step].next:
            if move.to in steps and move.to not in seen:
                seen.add(move.to)
                queue.append(move.to)
    return seen
