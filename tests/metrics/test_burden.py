"""Burden metrics on small journeys whose totals can be checked by hand."""

from __future__ import annotations

import pytest

from ple.errors import NotFoundError
from ple.io import load_workspace
from ple.metrics import journey_metrics, portfolio_metrics
from tests.conftest import CATALOG

# apply (SSA, 30 min, wait 10) -> review (SSA, wait 20) -> decide (CMS, end)
#                              \-> fast-track (CMS, wait 1, personas: [veteran]) -> decide
# decide may loop back to review ("send missing documents").
JOURNEY = """
id: retire
name: Retire
personas:
  - {id: veteran, name: Veteran}
  - {id: civilian, name: Civilian}
steps:
  - id: apply
    name: Apply
    agency: ssa
    burden: {minutes: 30, wait_days: 10, cost_usd: 0}
    requests: [ssn]
    next:
      - to: review
      - to: fast-track
        handoff: {type: warm}
  - id: review
    name: Review
    agency: ssa
    burden: {wait_days: 20}
    requests: [ssn]
    next:
      - to: decide
  - id: fast-track
    name: Fast track
    agency: cms
    personas: [veteran]
    burden: {minutes: 10, wait_days: 1}
    next:
      - to: decide
  - id: decide
    name: Decide
    agency: cms
    next:
      - to: review
        condition: Documents missing
"""


@pytest.fixture
def workspace(write):
    write("catalog.yaml", CATALOG)
    result = load_workspace(write("retire.yaml", JOURNEY))
    assert result.ok, result.problems
    return result.workspace


def test_totals_count_known_values_and_say_what_is_unknown(workspace):
    metrics = journey_metrics(workspace, "retire")
    assert (metrics.steps, metrics.minutes, metrics.wait_days) == (4, 40, 31)
    assert metrics.unknown == {"minutes": 2, "wait_days": 1, "cost_usd": 3, "visits": 4}


def test_handoffs_by_type_and_repeated_requests(workspace):
    metrics = journey_metrics(workspace, "retire")
    assert metrics.handoffs == {"undocumented": 2, "warm": 1}
    assert (metrics.data_items_requested, metrics.data_items_requested_more_than_once) == (1, 1)
    assert metrics.agencies == 2


def test_critical_path_follows_the_longest_wait_and_cuts_loops(workspace):
    metrics = journey_metrics(workspace, "retire")
    assert metrics.critical_path == ["apply", "review", "decide"]
    assert metrics.critical_path_wait_days == 30


def test_persona_sees_only_the_steps_that_apply_to_them(workspace):
    civilian = journey_metrics(workspace, "retire", "civilian")
    veteran = journey_metrics(workspace, "retire", "veteran")
    assert (civilian.steps, veteran.steps) == (3, 4)
    assert civilian.handoffs == {"undocumented": 2}  # review -> decide and back


def test_agency_shares_of_the_minutes(workspace):
    rows = journey_metrics(workspace, "retire").agency_burden
    assert {row.agency: row.share_of_minutes for row in rows} == {"ssa": 0.75, "cms": 0.25}
    assert {row.agency: row.unknown_minutes for row in rows} == {"ssa": 1, "cms": 1}


def test_portfolio_has_a_row_per_journey_and_persona(workspace):
    rows = portfolio_metrics(workspace)
    assert [(r.journey, r.persona) for r in rows] == [
        ("retire", None),
        ("retire", "veteran"),
        ("retire", "civilian"),
    ]


def test_unknown_journey_or_persona_is_named(workspace):
    with pytest.raises(NotFoundError, match="did you mean 'retire'"):
        journey_metrics(workspace, "retir")
    with pytest.raises(NotFoundError, match="no persona 'vet'"):
        journey_metrics(workspace, "retire", "vet")
