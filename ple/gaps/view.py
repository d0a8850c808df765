"""One journey seen the way the gap rules need it, computed once per analysis.

Rules ask the same questions (which step follows which, who runs a step, can the
customer reach it) many times; the view answers them from dicts built once, so
each rule stays a few lines and the whole analysis stays linear in the steps.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import islice

from ple.gaps.flow import Bits, asked_on_some_path_before
from ple.model import GapSettings, Journey, Step, Transition, Workspace

LISTED = 8
"""How many steps a finding's sentence names before it says how many more there are."""


def some_of(labels: Iterable[str], total: int, joiner: str = ", ", most: int = LISTED) -> str:
    """The first ``most`` labels joined, and how many more: a finding about 5,000 steps
    stays a sentence. ``labels`` may be lazy; only the first ``most`` are made."""
    shown = list(islice(labels, most))
    text = joiner.join(shown)
    if total > len(shown):
        text += f"{joiner.rstrip()} and {total - len(shown):,} more"
    return text


@dataclass(frozen=True)
class Handoff:
    """A move between steps of two agencies."""

    source: Step
    transition: Transition
    target: Step


@dataclass
class JourneyView:
    """Lookups over one journey; build it with :meth:`of`."""

    workspace: Workspace
    journey: Journey
    settings: GapSettings
    steps: dict[str, Step] = field(default_factory=dict)
    incoming: dict[str, list[tuple[Step, Transition]]] = field(default_factory=dict)

    @classmethod
    def of(cls, workspace: Workspace, journey: Journey) -> JourneyView:
        view = cls(workspace, journey, workspace.settings.gaps)
        view.steps = {step.id: step for step in journey.steps}
        view.incoming = {step.id: [] for step in journey.steps}
        for step in journey.steps:
            for transition in step.next:
                view.incoming[transition.to].append((step, transition))
        return view

    @cached_property
    def reachable(self) -> set[str]:
        """Ids of the steps a customer can reach from the journey's entry steps."""
        seen = set(self.journey.entry_steps)
        queue = deque(seen)
        while queue:
            for transition in self.steps[queue.popleft()].next:
                if transition.to not in seen:
                    seen.add(transition.to)
                    queue.append(transition.to)
        return seen

    @cached_property
    def _asked_before(self) -> tuple[Bits, dict[str, int]]:
        return asked_on_some_path_before(self.journey)

    def asked_before(self, step_id: str, item: str) -> bool:
        """Whether ``item`` is requested at some step on some path before this step (in
        a loop, the step itself comes before itself)."""
        items, before = self._asked_before
        return items.has(before[step_id], item)

    @cached_property
    def asked_on_branches_of_a_fork(self) -> set[str]:
        """Items requested at two different steps that lie behind two different branches
        of one fork: both branches happen, so one person is asked twice (two alternative
        branches of a choice ask different people)."""
        twice: set[str] = set()
        for step in self.journey.steps:
            if not step.fork:
                continue
            regions = [self._behind(target) for target in dict.fromkeys(t.to for t in step.next)]
            # Steps two branches both lead to are done once: only what lies behind one
            # branch alone is done alongside the other branches.
            own = [
                region - set().union(*(other for other in regions if other is not region))
                for region in regions
            ]
            asked = [{item for s in region for item in self.steps[s].requests} for region in own]
            for index, first in enumerate(asked):
                for second in asked[index + 1 :]:
                    twice |= first & second
        return twice

    def _behind(self, start: str) -> set[str]:
        """The steps from ``start`` on: every step a walk from it reaches."""
        seen, queue = {start}, deque([start])
        while queue:
            for transition in self.steps[queue.popleft()].next:
                if transition.to not in seen:
                    seen.add(transition.to)
                    queue.append(transition.to)
        return seen

    @cached_property
    def handoffs(self) -> list[Handoff]:
        """Every transition between steps of different agencies, in file order."""
        return [Handoff(s, t, target) for s, t, target in self.journey.handoff_transitions()]

    def agency(self, agency_id: str) -> str:
        """How people name the agency: its acronym, else its name."""
        return self.workspace.agency_label(agency_id)

    def step_label(self, step: Step) -> str:
        """A step as a sentence names it: 'Apply for benefits' (SSA)."""
        return f"'{step.name}' ({self.agency(step.agency)})"

    def is_hisp(self, agency_id: str) -> bool | None:
        """Whether the agency is a designated High-Impact Service Provider (None: unknown)."""
        return self.workspace.agencies[agency_id].hisp

    def item(self, item_id: str) -> str:
        return self.workspace.data_items[item_id].name
