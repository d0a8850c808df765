"""The path questions of the gap rules, answered in one pass over bit sets, give the
same answers as the plain fixpoints they replaced, on any journey, in any file order;
and a 10,000-step chain listed from its end no longer takes minutes."""

from __future__ import annotations

import random
import time
from collections import deque

from hypothesis import given, settings
from hypothesis import strategies as st

from ple.gaps.flow import asked_on_some_path_before, held_on_every_path
from ple.model import Journey


def journey_of(
    moves: list[list[int]],
    requests: list[list[int]],
    agencies: list[int],
    shares: dict[tuple[int, int], list[int]],
    entry: list[int],
) -> Journey:
    steps = []
    for number, targets in enumerate(moves):
        steps.append(
            {
                "id": f"s{number}",
                "name": f"Step {number}",
                "agency": f"a{agencies[number]}",
                "requests": [f"d{i}" for i in requests[number]],
                "next": [
                    {
                        "to": f"s{t}",
                        **(
                            {
                                "handoff": {
                                    "type": "automatic" if (number + t) % 3 == 0 else "warm",
                                    "shares": [f"d{i}" for i in shares[(number, t)]],
                                }
                            }
                            if (number, t) in shares
                            else {}
                        ),
                    }
                    for t in dict.fromkeys(targets)
                ],
            }
        )
    return Journey.model_validate(
        {"id": "j", "name": "J", "steps": steps, "entry": [f"s{e}" for e in entry]}
    )


def naive_asked_before(journey: Journey) -> dict[str, set[str]]:
    """The fixpoint the gap view used before: sets grow until nothing changes."""
    steps = {s.id: s for s in journey.steps}
    before: dict[str, set[str]] = {s: set() for s in steps}
    queue = deque(steps)
    queued = set(queue)
    while queue:
        step = steps[queue.popleft()]
        queued.discard(step.id)
        carried = before[step.id] | set(step.requests)
        for move in step.next:
            if not carried <= before[move.to]:
                before[move.to] |= carried
                if move.to not in queued:
                    queued.add(move.to)
                    queue.append(move.to)
    return before


def naive_held(journey: Journey) -> dict[str, frozenset]:
    """The fixpoint the unshared-data rule used before: narrow until nothing changes."""
    steps = {s.id: s for s in journey.steps}
    entries = set(journey.entry_steps)
    holding: dict[str, frozenset | None] = {
        s: (frozenset() if s in entries else None) for s in steps
    }
    changed = True
    while changed:
        changed = False
        for step in journey.steps:
            before = holding[step.id]
            if before is None:
                continue
            after = before | {(step.agency, item) for item in step.requests}
            for move in step.next:
                carried = after
                if move.handoff and move.handoff.shares:
                    receiver = steps[move.to].agency
                    carried = carried | {(receiver, i) for i in move.handoff.shares}
                current = holding[move.to]
                narrowed = (
                    frozenset()
                    if move.to in entries
                    else (carried if current is None else current & carried)
                )
                if narrowed != current:
                    holding[move.to] = narrowed
                    changed = True
    return {s: pairs or frozenset() for s, pairs in holding.items()}


@st.composite
def journeys(draw: st.DrawFn) -> Journey:
    size = draw(st.integers(1, 9))
    index = st.integers(0, size - 1)
    moves = draw(st.lists(st.lists(index, max_size=3), min_size=size, max_size=size))
    requests = draw(
        st.lists(st.lists(st.integers(0, 4), max_size=3, unique=True), min_size=size, max_size=size)
    )
    agencies = draw(st.lists(st.integers(0, 2), min_size=size, max_size=size))
    shared = draw(
        st.dictionaries(
            st.tuples(index, index), st.lists(st.integers(0, 4), max_size=2, unique=True)
        )
    )
    shares = {move: items for move, items in shared.items() if move[1] in moves[move[0]]}
    entry = draw(st.lists(index, max_size=2, unique=True))
    order = draw(st.permutations(range(size)))  # the file order of the steps
    journey = journey_of(moves, requests, agencies, shares, entry)
    steps = [journey.steps[i] for i in order]
    return journey.model_copy(
        update={"steps": steps, "entry": journey.entry or [journey.steps[0].id]}
    )


@settings(max_examples=300, deadline=None)
@given(journeys())
def test_asked_before_matches_the_fixpoint(journey: Journey):
    items, before = asked_on_some_path_before(journey)
    assert {s: items.names(mask) for s, mask in before.items()} == naive_asked_before(journey)


@settings(max_examples=300, deadline=None)
@given(journeys())
def test_held_on_every_path_matches_the_fixpoint(journey: Journey):
    pairs, held, _ = held_on_every_path(journey)
    assert {s: pairs.names(mask) for s, mask in held.items()} == naive_held(journey)


def test_a_10000_step_chain_listed_from_its_end_takes_a_moment():
    """Each round of the old fixpoints moved the answer one step: minutes here."""
    size = 10_000
    chooser = random.Random(3)
    moves = [[i + 1] for i in range(size - 1)] + [[0]]
    requests = [[chooser.randrange(size)] for _ in range(size)]
    journey = journey_of(moves, requests, [i % 3 for i in range(size)], {}, [0])
    journey = journey.model_copy(update={"steps": journey.steps[::-1]})
    started = time.process_time()
    asked_on_some_path_before(journey)
    held_on_every_path(journey)
    assert time.process_time() - started < 5


def naive_ways_back(journey: Journey, arrival: str, home: str) -> set[str]:
    """The walk the ping-pong rule made for every handoff before."""
    steps = {s.id: s for s in journey.steps}
    seen, queue, found = {arrival}, deque([arrival]), set()
    while queue:
        for move in steps[queue.popleft()].next:
            following = steps[move.to]
            automatic = move.handoff is not None and move.handoff.type.value == "automatic"
            if following.agency == home:
                if not automatic:
                    found.add(following.id)
            elif following.agency == steps[arrival].agency and following.id not in seen:
                seen.add(following.id)
                queue.append(following.id)
    return found


@settings(max_examples=300, deadline=None)
@given(journeys())
def test_ways_back_match_a_walk_per_handoff(journey: Journey):
    from ple.gaps.rules.ping_pong import _WaysBack
    from ple.gaps.view import LISTED, JourneyView
    from ple.model import Agency, Workspace

    agencies = {s.agency: Agency(id=s.agency, name=s.agency) for s in journey.steps}
    view = JourneyView.of(Workspace(agencies=agencies, journeys={journey.id: journey}), journey)
    ways_back = _WaysBack(view)
    for handoff in view.handoffs:
        home = handoff.source.agency
        expected = naive_ways_back(journey, handoff.target.id, home)
        first, count = ways_back.to(handoff.target, home)
        assert count == len(expected)
        assert {s.id for s in first} <= expected and len(first) == min(count, LISTED)
