"""Which journeys a total counts: today's, the portfolio as proposed, or every journey.

A workspace can hold today's journeys and proposed future states of some of them. Adding
both up would count one life experience twice (SSA would "appear" in the retirement life
experience twice, its cold handoffs once today and once as proposed). So every total
across journeys, on every page of the app and from every command, counts one of three
scopes, chosen the same way everywhere (the sidebar's "Journeys counted", ``--scope``)
and named next to the total (:meth:`Counted.sentence`):

- ``current`` (the default): today's journeys, ``state: current``;
- ``proposed``: the portfolio as it would be, each current journey replaced by the
  future-state journeys that name it as ``baseline`` (several, when several are proposed),
  plus future states without a baseline;
- ``all``: every journey, today's and proposed alike (for taking stock of the files).

A journey named outright (``--journey``, a journey chosen on a page) is counted whatever
the scope: the scope chooses among journeys only when none is named.

Whatever the scope, a future-state journey belongs to its baseline's life experience, so
"life experiences" never counts a proposal as a life experience of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ple.model import Journey, JourneyState, Workspace


class Scope(StrEnum):
    """Which journeys a total counts (see the module docstring)."""

    current = "current"
    proposed = "proposed"
    all = "all"


SCOPE_WORDS = {
    Scope.current: "today's journeys (current state)",
    Scope.proposed: "the portfolio as proposed (future states in place of their baselines)",
    Scope.all: "every journey, current and future",
}
SCOPE_LABELS = {
    Scope.current: "Today's journeys",
    Scope.proposed: "As proposed",
    Scope.all: "Every journey",
}
"""Short names for a choice on a page."""
SCOPE_HELP = (
    "current: today's journeys; proposed: future states in place of their "
    "baselines; all: every journey. A future state always counts as its "
    "baseline's life experience."
)


def life_experience(journey: Journey) -> str:
    """The id of the life experience a journey maps: its baseline's id for a future state
    that names one, else its own."""
    if journey.state is JourneyState.future and journey.baseline:
        return journey.baseline
    return journey.id


def select(
    journeys: Iterable[tuple[str, str, str | None]], scope: Scope | str = Scope.current
) -> list[str]:
    """The ids ``scope`` counts among (id, state, baseline) triples, sorted: the rule
    itself, shared by the workspace and both query backends."""
    scope = Scope(scope)
    rows = sorted((i, JourneyState(s).value, b) for i, s, b in journeys)
    if scope is Scope.all:
        return [i for i, _, _ in rows]
    if scope is Scope.current:
        return [i for i, s, _ in rows if s == JourneyState.current]
    ids = {i for i, _, _ in rows}
    replaced = {b for _, s, b in rows if s == JourneyState.future and b in ids}
    return [i for i, s, _ in rows if s == JourneyState.future or i not in replaced]


def journeys_in_scope(workspace: Workspace, scope: Scope | str = Scope.current) -> list[Journey]:
    """The journeys ``scope`` counts, sorted by id."""
    ids = select(((j.id, j.state, j.baseline) for j in workspace.journeys.values()), scope)
    return [workspace.journeys[i] for i in ids]


@dataclass(frozen=True)
class Counted:
    """Which journeys a total counts, and which it leaves out: what a page or command
    says next to the total."""

    scope: Scope
    journeys: tuple[str, ...]
    left_out: tuple[str, ...]
    named: bool = False
    """The journeys were named outright; the scope did not choose them."""

    @classmethod
    def of(
        cls,
        every: Iterable[str],
        in_scope: Iterable[str],
        scope: Scope | str,
        named: Sequence[str] = (),
    ) -> Counted:
        """From every journey's id and those in scope; ``named`` ones win over the scope."""
        every = sorted(every)
        counted = list(dict.fromkeys(named)) if named else sorted(in_scope)
        kept = set(counted)
        return cls(
            Scope(scope), tuple(counted), tuple(j for j in every if j not in kept), bool(named)
        )

    def sentence(self, names: Mapping[str, str] | None = None) -> str:
        """``Counting today's journeys (current state): 6 journeys. Left out: 3 journeys
        (...).``, journeys by name where ``names`` has them."""

        def listed(ids: Sequence[str]) -> str:
            return ", ".join((names or {}).get(i, i) for i in ids)

        if self.named:
            return f"Counting the {_journeys(len(self.journeys))} named: {listed(self.journeys)}."
        text = f"Counting {SCOPE_WORDS[self.scope]}: {_journeys(len(self.journeys))}."
        if self.left_out:
            text += f" Left out: {_journeys(len(self.left_out))} ({listed(self.left_out)})."
        return text

    def to_dict(self) -> dict[str, Any]:
        return {
            "scope": self.scope.value,
            "journeys": list(self.journeys),
            "left_out": list(self.left_out),
            "named": self.named,
        }


def counted(
    workspace: Workspace, scope: Scope | str = Scope.current, named: Sequence[str] = ()
) -> Counted:
    """The journeys of ``workspace`` a total counts: those ``named``, else ``scope``'s."""
    return Counted.of(
        workspace.journeys, [j.id for j in journeys_in_scope(workspace, scope)], scope, named
    )


def _journeys(count: int) -> str:
    return f"{count} journey" + ("" if count == 1 else "s")
