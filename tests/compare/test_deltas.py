"""How a change is said, for each way it can be trusted."""

from __future__ import annotations

import pytest

from ple.compare import MetricDelta


@pytest.mark.parametrize(
    ("delta", "bound", "text"),
    [
        (-114, "exact", "114 fewer"),
        (20, "exact", "20 more"),
        (0, "exact", "no change"),
        (-114, "at most", "at least 114 fewer"),  # today may be higher still
        (-114, "at least", "at most 114 fewer"),  # the proposal may be higher still
        (20, "at least", "at least 20 more"),
        (20, "at most", "at most 20 more"),
        (0, "at most", "no more"),
        (0, "at least", "no fewer"),
        (1.5, "exact", "1.5 more"),
        (None, "unknown", "unknown"),
    ],
)
def test_text(delta, bound, text):
    assert MetricDelta("minutes", "Minutes", 0, 0, delta, bound).text == text
