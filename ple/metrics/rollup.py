"""Drill-down: counting a detail journey's burden in the place of the step it details.

A step with ``detail: <journey>`` is told in more detail by another journey (a service
inside the life experience, a transaction inside the service). The two are the same work
told at two grains, so a total may count it either way, never both:

- **kept apart** (the default): each journey's figures are its own steps' figures, as
  written; the detail journey has its own row.
- **rolled up**: the detail journey's figures *replace* the step's own, figure by figure,
  in the step's place, and so on down a chain of detail journeys. A figure the detail
  journey records on none of its steps leaves the step's own figure standing (the detail
  says nothing about it, so the step's figure is still the best known). The detail's
  unknown figures stay unknown in the parent's total (unknown is not zero), and the
  evidence of each of the detail's figures travels with it.

What was done is always said, as :class:`DetailedStep` records on the metrics and a
line such as ``rolled up: apply <- ssn-card (minutes, wait_days)``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ple.model import Workspace

ROLL_UP_HELP = (
    "--roll-up counts a detail journey's burden in the place of the step it "
    "details (replacing the step's own figures); --keep-apart (the default) "
    "counts each journey's own steps only."
)


@dataclass(frozen=True)
class DetailedStep:
    """A step told in more detail by another journey, and what a total did with it."""

    step: str
    detail: str
    rolled_up: bool
    """True when the detail journey's figures were counted in the step's place."""
    figures: tuple[str, ...] = ()
    """The figures the detail journey replaced (rolled up only)."""
    kept: tuple[str, ...] = ()
    """Figures the detail journey records nowhere, so the step's own stood."""
    within: tuple[DetailedStep, ...] = ()
    """The detail journey's own detailed steps (a chain of detail journeys)."""
    reason: str = ""
    """Why a detail could not be rolled up (missing journey, a loop), else empty."""

    def text(self) -> str:
        """``apply <- ssn-card (minutes, wait_days; ssn-card: verify <- check (minutes))``."""
        if not self.rolled_up:
            return f"{self.step} -> {self.detail}" + (f" ({self.reason})" if self.reason else "")
        said = list(self.figures)
        if self.kept:
            said.append("own " + ", ".join(self.kept))
        inner = "; ".join(d.text() for d in self.within if d.rolled_up)
        if inner:
            said.append(f"{self.detail}: {inner}")
        return f"{self.step} <- {self.detail} ({'; '.join(said)})"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def detail_sentence(roll_up: bool, detailed: tuple[DetailedStep, ...] | list[DetailedStep]) -> str:
    """What a total did with detail journeys, for the shells: empty when no step has one."""
    if not detailed:
        return ""
    if roll_up:
        rolled = [d for d in detailed if d.rolled_up]
        left = [d for d in detailed if not d.rolled_up]
        parts = ["rolled up: " + ("; ".join(d.text() for d in rolled) if rolled else "none")]
        if left:
            parts.append("not rolled up: " + "; ".join(d.text() for d in left))
        return ". ".join(parts)
    return (
        "kept apart: "
        + "; ".join(d.text() for d in detailed)
        + " (each journey counts its own steps; --roll-up counts the detail in its place)"
    )


def detail_order(
    workspace: Workspace, journey_id: str, known: Collection[str] = ()
) -> tuple[list[str], set[tuple[str, str]]]:
    """The journeys below ``journey_id`` in its chain of detail journeys, each after every
    journey it is detailed by in turn (so rolling them up in this order needs no
    recursion, however long the chain), and the (journey, detail) pairs that close a loop
    (the loader refuses loops; a workspace built by hand may hold one). Journeys in
    ``known`` (rolled up already) are neither walked nor listed."""

    def details(jid: str) -> Iterator[str]:
        return iter(
            dict.fromkeys(
                s.detail
                for s in workspace.journeys[jid].steps
                if s.detail is not None and s.detail in workspace.journeys
            )
        )

    order: list[str] = []
    loops: set[tuple[str, str]] = set()
    open_, done = {journey_id}, set(known)
    stack = [(journey_id, details(journey_id))]
    while stack:
        jid, below = stack[-1]
        detail = next(below, None)
        if detail is None:
            stack.pop()
            open_.discard(jid)
            done.add(jid)
            if jid != journey_id:
                order.append(jid)
        elif detail in open_:
            loops.add((jid, detail))
        elif detail not in done:
            open_.add(detail)
            stack.append((detail, details(detail)))
    return order, loops
