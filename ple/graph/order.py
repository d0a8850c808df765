"""Step order in a journey: how far from the start each step is, loops cut.

Diagrams place steps in columns and the critical path follows waits; both need
a journey's steps as an acyclic order, though journeys loop (send missing
documents, decide again). A loop is cut where a depth-first walk from the entry
steps first closes it.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping

from ple.model import Journey

START = ("start",)
"""A node before every entry step, so several entries share one walk."""


def successors(journey: Journey, included: set[str] | None = None) -> dict[Hashable, list[str]]:
    """Step id -> ids of the steps it leads to (within ``included``), plus START."""
    keep = included if included is not None else {s.id for s in journey.steps}
    following: dict[Hashable, list[str]] = {
        step.id: [t.to for t in step.next if t.to in keep]
        for step in journey.steps
        if step.id in keep
    }
    following[START] = [e for e in journey.entry_steps if e in keep]
    return following


def loop_closing_moves(following: dict[Hashable, list[str]]) -> set[tuple[Hashable, str]]:
    """Moves that lead back to a step still on the depth-first walk's stack."""
    closing: set[tuple[Hashable, str]] = set()
    on_stack: set[Hashable] = {START}
    done: set[Hashable] = set()
    stack = [(START, iter(following[START]))]
    while stack:
        node, moves = stack[-1]
        for target in moves:
            if target in on_stack:
                closing.add((node, target))
            elif target not in done:
                on_stack.add(target)
                stack.append((target, iter(following[target])))
                break
        else:
            stack.pop()
            on_stack.discard(node)
            done.add(node)
    return closing


def step_depths(journey: Journey) -> dict[str, int]:
    """Each step's column: the longest number of moves from an entry, loops cut.

    Steps no entry reaches get columns after their predecessors too, starting at 0.
    """
    following = successors(journey)
    return depths([s.id for s in journey.steps], following, following[START])


def depths(
    steps: list[str], following: Mapping[Hashable, list[str]], entries: list[str]
) -> dict[str, int]:
    """The longest number of moves from an entry to each of ``steps`` along
    ``following`` (moves to steps outside ``steps`` are ignored), loops cut where a
    walk from the entries first closes them; steps no entry reaches start walks of
    their own, in the order given."""
    kept = set(steps)
    walk: dict[Hashable, list[str]] = {
        step: [t for t in following.get(step, []) if t in kept] for step in steps
    }
    walk[START] = [*(e for e in entries if e in kept), *steps]
    closing = loop_closing_moves(walk)
    depth = dict.fromkeys(steps, 0)
    for node in _topological(walk, closing):
        for target in walk[node]:
            if (node, target) not in closing and node != START:
                depth[target] = max(depth[target], depth[node] + 1)
    return depth


def _topological(
    following: dict[Hashable, list[str]], closing: set[tuple[Hashable, str]]
) -> list[Hashable]:
    indegree: dict[Hashable, int] = dict.fromkeys(following, 0)
    for node, targets in following.items():
        for target in targets:
            if (node, target) not in closing:
                indegree[target] += 1
    ready = [node for node, count in indegree.items() if count == 0]
    order = []
    while ready:
        node = ready.pop()
        order.append(node)
        for target in following[node]:
            if (node, target) not in closing:
                indegree[target] -= 1
                if indegree[target] == 0:
                    ready.append(target)
    return order
