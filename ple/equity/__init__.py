"""The equity walk: who cannot finish a journey, where they are stopped, and what it costs them.

>>> from ple.equity import walk_journeys  # doctest: +SKIP
>>> for result in walk_journeys(workspace, ["losing-a-loved-one"], ["no-internet"]):
...     print(result.completes, [b.step for b in result.blocked])  # doctest: +SKIP
"""

from ple.equity.access import Access, StepAccess, step_access
from ple.equity.burden import BurdenTotals
from ple.equity.personas import BUILT_IN_IDS, BUILT_IN_PERSONAS, personas_to_walk
from ple.equity.walk import BlockedStep, EquityResult, UnverifiedStep, walk, walk_journeys

__all__ = [
    "BUILT_IN_IDS",
    "BUILT_IN_PERSONAS",
    "Access",
    "BlockedStep",
    "BurdenTotals",
    "EquityResult",
    "StepAccess",
    "UnverifiedStep",
    "personas_to_walk",
    "step_access",
    "walk",
    "walk_journeys",
]
