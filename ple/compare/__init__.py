"""Compare a current-state journey with a proposed future state.

:func:`compare_journeys` gives the whole comparison of two journeys; :func:`compare`
first decides which journeys to compare when the user names two, one or none.
"""

from ple.compare.comparison import Comparison, compare, compare_journeys
from ple.compare.data_items import DataItemChange
from ple.compare.deltas import MetricDelta
from ple.compare.findings import FindingsDiff
from ple.compare.handoffs import HandoffChange
from ple.compare.match import StepMatch, match_steps
from ple.compare.pairs import PairError, baseline_pairs, pairs_to_compare
from ple.compare.steps import FieldChange, StepChange

__all__ = [
    "Comparison",
    "DataItemChange",
    "FieldChange",
    "FindingsDiff",
    "HandoffChange",
    "MetricDelta",
    "PairError",
    "StepChange",
    "StepMatch",
    "baseline_pairs",
    "compare",
    "compare_journeys",
    "match_steps",
    "pairs_to_compare",
]
