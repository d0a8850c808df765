"""Queries on the small hand-written workspace, checked by eye against its YAML."""

from __future__ import annotations

import pytest

from ple.errors import NotFoundError
from ple.io import load_workspace
from ple.query import NetworkxBackend, open_backend


@pytest.fixture
def backend(small) -> NetworkxBackend:
    return open_backend(load_workspace(small).workspace)


def test_handoffs_filtered_by_agency_and_type(backend):
    rows = backend.handoffs(journey="retirement")
    assert [(r.from_step, r.to_step, r.type) for r in rows] == [
        ("apply-retirement", "enroll-part-b", "referral"),
        ("apply-retirement", "get-l564", "cold"),
        ("get-l564", "enroll-part-b", None),
    ]
    assert [r.journey for r in backend.handoffs(from_agency="ssa", to_agency="cms")] == [
        "retirement",
        "retirement-future",
    ]
    assert [r.to_step for r in backend.handoffs(type="cold")] == ["get-l564"]
    assert [r.from_step for r in backend.handoffs(type="undocumented")] == ["get-l564"]
    assert backend.handoffs(from_agency="cms") == []


def test_same_agency_transitions_are_not_handoffs(backend):
    assert all(r.from_agency != r.to_agency for r in backend.handoffs())


def test_agencies_and_programs_of_a_journey(backend):
    assert [(a.id, a.steps, a.hisp) for a in backend.journey_agencies("retirement")] == [
        ("cms", 1, True),
        ("employer", 1, None),
        ("ssa", 2, True),
    ]
    assert [(p.id, p.assistance_listing) for p in backend.journey_programs("retirement")] == [
        ("medicare-part-b", "93.774"),
        ("ssa-retirement", "96.002"),
    ]


def test_journeys_touching_an_agency_or_program(backend):
    assert backend.journeys_touching(agency="employer") == ["retirement"]
    assert backend.journeys_touching(program="medicare-part-b") == [
        "retirement",
        "retirement-future",
    ]
    assert backend.journeys_touching(agency="hhs") == []


def test_path_between_steps(backend):
    assert backend.path("retirement", "check-estimate", "enroll-part-b") == [
        "check-estimate",
        "apply-retirement",
        "enroll-part-b",
    ]
    assert backend.path("retirement", "enroll-part-b", "check-estimate") is None


def test_shared_across_journeys(backend):
    shared = backend.shared_across_journeys("agency")
    assert [(r.id, r.journeys) for r in shared] == [
        ("cms", ("retirement", "retirement-future")),
        ("ssa", ("retirement", "retirement-future")),
    ]
    assert [r.id for r in backend.shared_across_journeys("data_item")] == ["ssn"]


def test_unknown_ids_raise_not_found(backend):
    with pytest.raises(NotFoundError, match="no journey 'nope'"):
        backend.journey_agencies("nope")
    with pytest.raises(NotFoundError, match="no step"):
        backend.path("retirement", "check-estimate", "nope")
    with pytest.raises(NotFoundError, match="no agency"):
        backend.journeys_touching(agency="nope")
