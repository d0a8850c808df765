"""Every query of the QueryBackend interface, answered in Cypher on the server, equals the
networkx backend's answer on the bundled data and on a synthetic workspace, including
the errors for unknown ids and their suggestions."""

from __future__ import annotations

import random

import pytest

from ple.errors import NotFoundError
from ple.model import Workspace
from ple.query import NetworkxBackend, open_backend
from ple.scope import journeys_in_scope
from ple.store import CypherBackend, sync

HANDOFF_TYPES = [None, "automatic", "warm", "referral", "cold", "undocumented"]


def same(cypher_call, networkx_call):
    """Both answers, or both errors with the same message."""
    try:
        expected = networkx_call()
    except (NotFoundError, ValueError) as error:
        with pytest.raises(type(error)) as raised:
            cypher_call()
        assert str(raised.value) == str(error)
        return None
    assert cypher_call() == expected
    return expected


def backends(store, workspace: Workspace) -> tuple[CypherBackend, NetworkxBackend]:
    sync(workspace, store)
    return CypherBackend(store), open_backend(workspace)


@pytest.mark.parametrize("name", ["data", "synthetic"])
def test_every_query_matches_networkx(store, name, request):
    workspace: Workspace = request.getfixturevalue(f"{name}_workspace")
    cypher, networkx = backends(store, workspace)
    rng = random.Random(7)

    assert cypher.journeys() == networkx.journeys()

    agencies = [None, *sorted(workspace.agencies)]
    assert same(cypher.handoffs, networkx.handoffs)
    for kind in HANDOFF_TYPES:
        same(lambda k=kind: cypher.handoffs(type=k), lambda k=kind: networkx.handoffs(type=k))
    for journey in [*workspace.journeys, "no-such-journey"]:
        same(
            lambda j=journey: cypher.handoffs(journey=j),
            lambda j=journey: networkx.handoffs(journey=j),
        )
        same(
            lambda j=journey: cypher.journey_agencies(j),
            lambda j=journey: networkx.journey_agencies(j),
        )
        same(
            lambda j=journey: cypher.journey_programs(j),
            lambda j=journey: networkx.journey_programs(j),
        )
    for _ in range(40):
        filters = {
            "journey": rng.choice([None, *workspace.journeys]),
            "from_agency": rng.choice(agencies),
            "to_agency": rng.choice(agencies),
            "type": rng.choice(HANDOFF_TYPES),
        }
        same(lambda f=filters: cypher.handoffs(**f), lambda f=filters: networkx.handoffs(**f))
    same(lambda: cypher.handoffs(from_agency="nope"), lambda: networkx.handoffs(from_agency="nope"))

    for agency in [*workspace.agencies, "nope"]:
        same(
            lambda a=agency: cypher.journeys_touching(agency=a),
            lambda a=agency: networkx.journeys_touching(agency=a),
        )
    for program in [*list(workspace.programs)[:30], "nope"]:
        same(
            lambda p=program: cypher.journeys_touching(program=p),
            lambda p=program: networkx.journeys_touching(program=p),
        )
    some_agency, some_program = next(iter(workspace.agencies)), next(iter(workspace.programs))
    same(
        lambda: cypher.journeys_touching(agency=some_agency, program=some_program),
        lambda: networkx.journeys_touching(agency=some_agency, program=some_program),
    )
    same(lambda: cypher.journeys_touching(), lambda: networkx.journeys_touching())

    for kind in ("agency", "program", "data_item"):
        assert (
            same(
                lambda k=kind: cypher.shared_across_journeys(k),
                lambda k=kind: networkx.shared_across_journeys(k),
            )
            is not None
        )


@pytest.mark.parametrize("scope", ["current", "proposed", "all"])
def test_every_scope_counts_the_same_journeys_on_the_server(store, data_workspace, scope):
    """The server chooses a scope's journeys by the same rule (ple.scope) as networkx and
    the files: the bundled data's cold handoffs are 22 today, 14 as proposed, 25 in all."""
    cypher, networkx = backends(store, data_workspace)
    assert (
        cypher.journeys(scope)
        == networkx.journeys(scope)
        == [j.id for j in journeys_in_scope(data_workspace, scope)]
    )
    cold = same(
        lambda: cypher.handoffs(type="cold", scope=scope),
        lambda: networkx.handoffs(type="cold", scope=scope),
    )
    assert len(cold) == {"current": 22, "proposed": 14, "all": 25}[scope]
    for agency in ("ssa", "fema", "nope"):
        same(
            lambda a=agency: cypher.journeys_touching(agency=a, scope=scope),
            lambda a=agency: networkx.journeys_touching(agency=a, scope=scope),
        )
    for kind in ("agency", "program", "data_item"):
        same(
            lambda k=kind: cypher.shared_across_journeys(k, scope),
            lambda k=kind: networkx.shared_across_journeys(k, scope),
        )


@pytest.mark.parametrize("name", ["data", "synthetic"])
def test_paths_match_networkx(store, name, request):
    """From each entry step to a sample of steps (reachable or not, itself included),
    equally short paths resolved the same way; unknown steps give the same error."""
    workspace: Workspace = request.getfixturevalue(f"{name}_workspace")
    cypher, networkx = backends(store, workspace)
    rng = random.Random(3)
    found = 0
    for journey in workspace.journeys.values():
        ids = [s.id for s in journey.steps]
        pairs = [(journey.entry_steps[0], target) for target in rng.sample(ids, min(12, len(ids)))]
        pairs += [(rng.choice(ids), rng.choice(ids)) for _ in range(6)]
        pairs += [(ids[0], ids[0]), (ids[0], "no-such-step")]
        for source, target in pairs:
            path = same(
                lambda s=source, t=target, j=journey.id: cypher.path(j, s, t),
                lambda s=source, t=target, j=journey.id: networkx.path(j, s, t),
            )
            found += path is not None
    assert found > 20
    same(lambda: cypher.path("nope", "a", "b"), lambda: networkx.path("nope", "a", "b"))


def test_equally_short_paths_take_the_earlier_listed_transition(store, small_workspace):
    """Two routes of two moves from check-estimate to enroll-part-b: both backends take
    the one through the transition listed first."""
    journey = small_workspace.journeys["retirement"]
    first = journey.steps[0]
    # check-estimate -> [get-l564, apply-retirement] -> enroll-part-b: both two moves long.
    detour = first.model_copy(
        update={"next": [first.next[0].model_copy(update={"to": "get-l564"}), *first.next]}
    )
    for order in (detour.next, list(reversed(detour.next))):
        changed = journey.model_copy(
            update={"steps": [detour.model_copy(update={"next": order}), *journey.steps[1:]]}
        )
        workspace = Workspace(
            agencies=small_workspace.agencies,
            programs=small_workspace.programs,
            data_items=small_workspace.data_items,
            journeys={"retirement": changed},
        )
        cypher, networkx = backends(store, workspace)
        expected = networkx.path("retirement", first.id, "enroll-part-b")
        assert expected == [first.id, order[0].to, "enroll-part-b"]
        assert cypher.path("retirement", first.id, "enroll-part-b") == expected
