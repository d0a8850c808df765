"""Which journeys a portfolio view counts, and which life experience each belongs to.

A workspace can hold today's journeys and proposed future states of some of them. Adding
both up would count one life experience twice (SSA would "appear" in the retirement life
experience twice, its cold handoffs once today and once as proposed). So a portfolio view
looks at one of three scopes:

- ``current`` (the default): today's journeys, ``state: current``;
- ``proposed``: the portfolio as it would be, each current journey replaced by the
  future-state journeys that name it as ``baseline`` (several, when several are proposed),
  plus future states without a baseline;
- ``all``: every journey, today's and proposed alike (for taking stock of the files).

Whatever the scope, a future-state journey belongs to its baseline's life experience, so
"life experiences" never counts a proposal as a life experience of its own.
"""

from __future__ import annotations

from enum import StrEnum

from ple.model import Journey, JourneyState, Workspace


class Scope(StrEnum):
    """Which journeys a portfolio view counts (see the module docstring)."""

    current = "current"
    proposed = "proposed"
    all = "all"


SCOPE_WORDS = {
    Scope.current: "today's journeys (current state)",
    Scope.proposed: "the portfolio as proposed (future states in place of their baselines)",
    Scope.all: "every journey, current and future",
}


def life_experience(journey: Journey) -> str:
    """The id of the life experience a journey maps: its baseline's id for a future state
    that names one, else its own."""
    if journey.state is JourneyState.future and journey.baseline:
        return journey.baseline
    return journey.id


def journeys_in_scope(workspace: Workspace, scope: Scope | str = Scope.current) -> list[Journey]:
    """The journeys ``scope`` counts, sorted by id."""
    scope = Scope(scope)
    journeys = sorted(workspace.journeys.values(), key=lambda j: j.id)
    if scope is Scope.all:
        return journeys
    if scope is Scope.current:
        return [j for j in journeys if j.state is JourneyState.current]
    replaced = {j.baseline for j in journeys
                if j.state is JourneyState.future and j.baseline in workspace.journeys}
    return [j for j in journeys
            if j.state is JourneyState.future or j.id not in replaced]
