"""What reaches each step of a journey along its moves: the data items asked for on
some path before it, and the (agency, item) pairs held on every path to it.

Both questions follow every path, and a journey may loop, so the first versions were
fixpoints that walked the steps again while anything changed, with a Python set per
step. On a 10,000-step chain listed from its end both took minutes (each round moved
the answer one step), and sets of every item at every step took gigabytes. Here:

- sets are bit sets (Python integers, one bit per item or pair the journey names), so
  a step's set costs a bit per item and a union or intersection is one C operation;
- "on some path" is answered in one pass over the strongly connected components in
  topological order: inside a loop every step reaches every other;
- "on every path" narrows from "everything" in a work list ordered by a depth-first
  walk from the entries, so each step is looked at again only when a step before it
  changed (two passes for a loop, one for a chain, in any file order).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass

from ple.model import Journey, Step


@dataclass(frozen=True)
class Bits:
    """Names as bit positions, so that a set of them is one integer."""

    index: dict[Hashable, int]

    @classmethod
    def of(cls, names: Iterable[Hashable]) -> Bits:
        return cls({name: number for number, name in enumerate(dict.fromkeys(names))})

    def mask(self, names: Iterable[Hashable]) -> int:
        value = 0
        for name in names:
            value |= 1 << self.index[name]
        return value

    def has(self, mask: int, name: Hashable) -> bool:
        number = self.index.get(name)
        return number is not None and bool(mask >> number & 1)

    def names(self, mask: int) -> set[Hashable]:
        return {name for name, number in self.index.items() if mask >> number & 1}


def components(nodes: Iterable[str], following: Callable[[str], Iterable[str]]) -> list[list[str]]:
    """The strongly connected components of a graph, each listed before every component
    that leads to it (so the reverse of a topological order): Tarjan's algorithm, with a
    stack of its own instead of recursion. Plain Python, because the graphs are often
    tiny (one agency's steps in one journey), where a networkx graph costs more to build
    than to walk."""
    number: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    for root in nodes:
        if root in number:
            continue
        number[root] = low[root] = len(number)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(following(root)))]
        while work:
            node, onward = work[-1]
            for child in onward:
                if child not in number:
                    number[child] = low[child] = len(number)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(following(child))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], number[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == number[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    found.append(component)
    return found


def asked_on_some_path_before(journey: Journey) -> tuple[Bits, dict[str, int]]:
    """For each step, the items requested at some step on some path before it (an item
    in the step's own set that it requests too is asked twice on one path)."""
    items = Bits.of(item for step in journey.steps for item in step.requests)
    asks = {step.id: items.mask(step.requests) for step in journey.steps}
    moves = {step.id: [move.to for move in step.next] for step in journey.steps}
    before: dict[str, int] = {}
    arriving: dict[str, int] = dict.fromkeys(moves, 0)
    for members in reversed(components(moves, moves.__getitem__)):  # sources first
        own = 0
        for member in members:
            own |= asks[member]
        looped = len(members) > 1 or members[0] in moves[members[0]]
        value = 0
        for member in members:
            value |= arriving[member]
        if looped:
            value |= own
        leaving = value | own
        inside = set(members)
        for member in members:
            before[member] = value
            for target in moves[member]:
                if target not in inside:
                    arriving[target] |= leaving
    return items, before


Pair = tuple[str, str]
"""(agency, data item): the agency holds the item."""


def held_on_every_path(journey: Journey) -> tuple[Bits, dict[str, int], dict[str, int]]:
    """For each step, the (agency, item) pairs held on *every* path to it, and what each
    step adds itself (its agency holds what it requests).

    An agency holds an item once the customer gave it to that agency, or another agency
    shared it on a handoff. At a fork (next steps that all happen) every branch also
    carries what the first steps of the branches everyone takes are given. Entries hold
    nothing; a step no entry reaches holds nothing.
    """
    by_id = {step.id: step for step in journey.steps}
    pairs = Bits.of(
        [
            *((s.agency, item) for s in journey.steps for item in s.requests),
            *(
                (by_id[t.to].agency, item)
                for s in journey.steps
                for t in s.next
                if t.handoff
                for item in t.handoff.shares
            ),
        ]
    )
    gives = {s.id: pairs.mask((s.agency, item) for item in s.requests) for s in journey.steps}
    alongside = {s.id: _given_alongside(s, by_id, pairs) for s in journey.steps if s.fork}
    arriving: dict[str, list[tuple[str, int]]] = {s.id: [] for s in journey.steps}
    for step in journey.steps:
        for move in step.next:
            shared = (
                pairs.mask((by_id[move.to].agency, i) for i in move.handoff.shares)
                if move.handoff
                else 0
            )
            arriving[move.to].append((step.id, shared | alongside.get(step.id, 0)))
    entries = [e for e in dict.fromkeys(journey.entry_steps) if e in by_id]
    rank = _walk_order(by_id, entries)
    held: dict[str, int | None] = dict.fromkeys(by_id)
    for entry in entries:
        held[entry] = 0
    pending = [(rank[s], s) for s in rank if s not in entries]  # in walk order already
    queued = {s for _, s in pending}
    while pending:
        _, step_id = heapq.heappop(pending)
        queued.discard(step_id)
        value = None
        for source, shared in arriving[step_id]:
            known = held[source]
            if known is None:
                continue  # not reached yet: it narrows nothing
            carried = known | gives[source] | shared
            value = carried if value is None else value & carried
        if value is None or value == held[step_id]:
            continue
        held[step_id] = value
        for successor in dict.fromkeys(move.to for move in by_id[step_id].next):
            if successor not in queued and successor not in entries:
                queued.add(successor)
                heapq.heappush(pending, (rank[successor], successor))
    return pairs, {s: value or 0 for s, value in held.items()}, gives


def _given_alongside(fork: Step, by_id: dict[str, Step], pairs: Bits) -> int:
    """What the first steps of a fork's branches that everyone takes (no condition, no
    share) are given, by the customer and on the handoff into them: those steps happen
    to the same person at the same point, so every branch carries it (the death
    registered with the state goes to SSA *and* the family orders certificates, so SSA
    holds the number when the family later applies there)."""
    given = 0
    for move in fork.next:
        if move.condition is not None or move.share is not None:
            continue
        target = by_id[move.to]
        given |= pairs.mask((target.agency, item) for item in target.requests)
        if move.handoff:
            given |= pairs.mask((target.agency, item) for item in move.handoff.shares)
    return given


def _walk_order(by_id: dict, entries: list[str]) -> dict[str, int]:
    """Steps the entries reach, numbered in reverse postorder of a depth-first walk:
    each step comes before the steps after it, except along a move that closes a loop."""
    finished: list[str] = []
    seen: set[str] = set()
    for entry in entries:
        if entry in seen:
            continue
        seen.add(entry)
        stack = [(entry, iter([m.to for m in by_id[entry].next]))]
        while stack:
            node, moves = stack[-1]
            for target in moves:
                if target not in seen:
                    seen.add(target)
                    stack.append((target, iter([m.to for m in by_id[target].next])))
                    break
            else:
                stack.pop()
                finished.append(node)
    return {step: number for number, step in enumerate(reversed(finished))}
