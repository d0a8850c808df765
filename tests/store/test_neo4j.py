"""What only a real Neo4j can show: named constraints, transactions that roll back a
failed journey whole, and the errors for a wrong password or an unknown database.

These run when NEO4J_URI is set (see docs/neo4j.md: one command with Docker, Neo4j
Desktop or Aura); otherwise they are skipped with that reason. The semantic tests of
the other files also run on Neo4j then (the ``store`` fixture).
"""

from __future__ import annotations

import dataclasses
import os

import pytest
from hypothesis import HealthCheck, given, settings

from ple.store import StoreError, connect, cypher, load, sync, write
from tests.store.conftest import crashing_at
from tests.store.strategies import workspaces

pytestmark = pytest.mark.neo4j


def test_constraints_and_indexes_are_created_first_and_named(neo4j, small_workspace):
    sync(small_workspace, neo4j)
    listed = "\n".join(neo4j.schema())
    for index in cypher.SCHEMA:
        assert index.name in listed, index.name
    sync(small_workspace, neo4j)  # IF NOT EXISTS: a second sync is fine


def test_a_failed_journey_is_rolled_back_whole(neo4j, small_workspace, monkeypatch):
    sync(small_workspace, neo4j)
    journey = small_workspace.journeys["retirement"]
    renamed = journey.model_copy(update={"steps": [
        s.model_copy(update={"name": f"{s.name} (new)"}) for s in journey.steps]})
    changed = dataclasses.replace(small_workspace,
                                  journeys={**small_workspace.journeys, "retirement": renamed})

    monkeypatch.setattr(write, "_run", crashing_at("[r:AT_AGENCY]"))
    with pytest.raises(StoreError):
        sync(changed, neo4j)
    monkeypatch.undo()
    names = {row["name"] for row in neo4j.read(
        "MATCH (s:Step {journey: $j}) RETURN s.name AS name", {"j": "retirement"})}
    assert names == {s.name for s in journey.steps}  # nothing of the failed write stayed
    assert sync(changed, neo4j).journeys_written == ["retirement"]
    assert load(neo4j) == changed


def test_an_unknown_database_is_named(neo4j):
    config = dataclasses.replace(neo4j.config, database="ple-no-such-database")
    with pytest.raises(StoreError, match="has no database 'ple-no-such-database'"):
        connect(config)


def test_a_wrong_password_is_one_sentence_without_it(neo4j):
    config = dataclasses.replace(neo4j.config, password="wrong-Passw0rd")
    with pytest.raises(StoreError, match="refused the user name or password") as raised:
        connect(config)
    assert "wrong-Passw0rd" not in str(raised.value)


@settings(max_examples=int(os.environ.get("PLE_EXAMPLES", "60")) // 4, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(workspace=workspaces(exact=True))
def test_generated_workspaces_round_trip_exactly(neo4j, workspace):
    """Every corner of the model, with floats of every precision: Neo4j returns them
    bit for bit."""
    write.clear(neo4j)
    sync(workspace, neo4j)
    assert load(neo4j) == workspace
