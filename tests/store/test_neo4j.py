"""What only a real Neo4j server can show: constraints and indexes created once and used
by the queries' plans, transactions that roll back a failed journey alone, two syncs
racing, and the errors for a wrong password or an unknown database.

They run on the session's own Neo4j (tests/store/neo4j_server.py) or on the one NEO4J_URI
names. The semantic tests of the other files run on Neo4j too (the ``store`` fixture);
a server killed in the middle of a sync is in test_neo4j_crash.py.
"""

from __future__ import annotations

import dataclasses
import os
import re

import pytest
from hypothesis import HealthCheck, given, settings

from ple.graph.schema import NodeKind
from ple.store import StoreError, clear, connect, connected, cypher, load, sync, write
from ple.store.records import journey_rows
from tests.store.conftest import crashing_at
from tests.store.strategies import workspaces

pytestmark = pytest.mark.neo4j


SCHEMA_ROWS = (
    "SHOW INDEXES YIELD id, name, state, type, owningConstraint "
    "WHERE name STARTS WITH 'ple_' RETURN id, name, state, type, owningConstraint"
)
SEEKS = (
    "NodeIndexSeek",
    "NodeUniqueIndexSeek",
    "MultiNodeIndexSeek",
    "AssertingMultiNodeIndexSeek",
)
SCANS = ("NodeByLabelScan", "AllNodesScan")


def test_constraints_and_indexes_are_created_once_and_online(neo4j, small_workspace):
    sync(small_workspace, neo4j)
    listed = "\n".join(neo4j.schema())
    for index in cypher.SCHEMA:
        assert index.name in listed, index.name
    first = sorted(tuple(row.values()) for row in neo4j.read(SCHEMA_ROWS))
    assert len(first) == len(cypher.SCHEMA)  # one index per entry, constraints own theirs
    assert {row[2] for row in first} == {"ONLINE"}
    assert sum(row[4] is not None for row in first) == sum(i.unique for i in cypher.SCHEMA)
    sync(small_workspace, neo4j, full=True)  # IF NOT EXISTS: the same indexes, same ids
    assert sorted(tuple(row.values()) for row in neo4j.read(SCHEMA_ROWS)) == first


def operators(plan: dict) -> list[str]:
    """Every operator of an EXPLAIN plan, without the ``@neo4j`` suffix."""
    return [
        plan["operatorType"].split("@")[0],
        *(name for child in plan.get("children", ()) for name in operators(child)),
    ]


def dummy(name: str) -> object:
    """A parameter as sync sends it (plans depend on it: an empty list plans differently)."""
    row = {"key": "x", "source": "x", "target": "y", "order": 0, "props": {}}
    return {"rows": [row], "keys": ["x"], "props": {}, "limit": 1, "journeys": ["x"]}.get(name, "x")


def test_the_queries_by_key_or_journey_use_the_indexes(neo4j, neo4j_config, data_workspace):
    """Every statement that looks nodes up by key or by journey seeks an index (the
    uniqueness constraints' own, or the journey index); none scans a label.

    Plans are made afresh, on statistics of the synced data: Neo4j caches a plan per
    statement and samples its indexes now and then, and the tests before this one filled
    and emptied the database many times; a plan made on stale samples (all personas in one
    journey, say) may scan, until Neo4j resamples and plans again, as it does by itself."""
    import neo4j as driver

    sync(data_workspace, neo4j)
    neo4j.write("CALL db.prepareForReplanning()")  # resample the indexes, drop the plans
    lookups = {
        name: text
        for name, text in cypher.all_statements().items()
        if not name.startswith("falkordb:")
        and not name.startswith("CLEAR")
        and re.search(r"\{(key|journey): (\$|row\.)", text)
    }
    assert len(lookups) > 40, sorted(lookups)
    with driver.GraphDatabase.driver(
        neo4j_config.uri, auth=(neo4j_config.username, neo4j_config.password)
    ) as client:
        for name, text in lookups.items():
            params = {p: dummy(p) for p in re.findall(r"\$(\w+)", text)}
            with client.session(database=neo4j_config.database) as session:
                plan = session.run(f"EXPLAIN {text}", params).consume().plan
            used = operators(plan)
            assert any(op.startswith(SEEKS) for op in used), (name, used)
            assert not any(op.startswith(SCANS) for op in used), (name, used)


def test_a_failed_journey_is_rolled_back_whole(neo4j, small_workspace, monkeypatch):
    sync(small_workspace, neo4j)
    journey = small_workspace.journeys["retirement"]
    renamed = journey.model_copy(
        update={"steps": [s.model_copy(update={"name": f"{s.name} (new)"}) for s in journey.steps]}
    )
    changed = dataclasses.replace(
        small_workspace, journeys={**small_workspace.journeys, "retirement": renamed}
    )

    monkeypatch.setattr(write, "_run", crashing_at("[r:AT_AGENCY]"))
    with pytest.raises(StoreError):
        sync(changed, neo4j)
    monkeypatch.undo()
    names = {
        row["name"]
        for row in neo4j.read(
            "MATCH (s:Step {journey: $j}) RETURN s.name AS name", {"j": "retirement"}
        )
    }
    assert names == {s.name for s in journey.steps}  # nothing of the failed write stayed
    assert sync(changed, neo4j).journeys_written == ["retirement"]
    assert load(neo4j) == changed


def test_an_unknown_database_is_named_with_the_existing_ones(neo4j):
    """Community Edition has one user database, ``neo4j``; the message names it."""
    config = dataclasses.replace(neo4j.config, database="ple-no-such-database")
    with pytest.raises(
        StoreError,
        match=r"has no database 'ple-no-such-database' \(it has "
        r"[^;]*\bneo4j\b[^;]*; set NEO4J_DATABASE",
    ):
        connect(config)


def test_the_system_database_is_refused_before_anything_is_sent(neo4j):
    config = dataclasses.replace(neo4j.config, database="system")
    with pytest.raises(
        StoreError, match="is Neo4j's administration database, which cannot hold a workspace"
    ):
        connect(config)


def test_a_wrong_password_is_one_sentence_without_it(neo4j):
    config = dataclasses.replace(neo4j.config, password="wrong-Passw0rd")
    with pytest.raises(StoreError, match="refused the user name or password") as raised:
        connect(config)
    assert "wrong-Passw0rd" not in str(raised.value)
    assert "\n" not in str(raised.value)
    missing = dataclasses.replace(neo4j.config, password=None)
    with pytest.raises(
        StoreError,
        match=r"refused the user name or password \(no password "
        "given; the user is",
    ):
        connect(missing)


def test_a_journey_the_server_refuses_rolls_back_alone(neo4j, data_workspace, monkeypatch):
    """Neo4j itself refuses the fourth journey's steps (a list property mixing text and
    numbers, which it cannot store) after that journey's first statements ran: the three
    journeys before it stay written, that journey stays as it was, the sync stops; the
    next sync writes the rest."""
    sync(data_workspace, neo4j)
    renamed = {
        jid: j.model_copy(
            update={"steps": [s.model_copy(update={"name": f"{s.name} (new)"}) for s in j.steps]}
        )
        for jid, j in data_workspace.journeys.items()
    }
    changed = dataclasses.replace(data_workspace, journeys=renamed)
    order = [j.id for j in write._baselines_first(changed.journeys.values())]
    broken = order[3]

    def refused_by_the_server(journey):
        rows = journey_rows(journey)
        if journey.id == broken:
            rows.nodes[NodeKind.step][-1]["props"]["pain_points"] = ["text", 1]
        return rows

    monkeypatch.setattr(write, "journey_rows", refused_by_the_server)
    with pytest.raises(StoreError, match="refused a statement"):
        sync(changed, neo4j)
    monkeypatch.undo()

    def names(journey_id: str) -> set[str]:
        return {
            row["name"]
            for row in neo4j.read(
                "MATCH (s:Step {journey: $j}) RETURN s.name AS name", {"j": journey_id}
            )
        }

    for journey_id in order[:3]:
        assert names(journey_id) == {s.name for s in renamed[journey_id].steps}
    for journey_id in order[3:]:
        assert names(journey_id) == {s.name for s in data_workspace.journeys[journey_id].steps}
    report = sync(changed, neo4j)
    assert report.journeys_written == order[3:]
    assert load(neo4j) == changed


def race(config, workspaces: dict) -> dict[str, object]:
    """Each workspace synced by a thread of its own, with its own driver, all released at
    once; each one's report or error."""
    import threading

    barrier = threading.Barrier(len(workspaces))
    outcome: dict[str, object] = {}

    def run(name: str) -> None:
        with connected(config) as connection:
            barrier.wait()
            try:
                outcome[name] = sync(workspaces[name], connection)
            except StoreError as error:
                outcome[name] = error

    threads = [threading.Thread(target=run, args=(name,)) for name in workspaces]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    return outcome


def test_two_syncs_racing_never_mix(neo4j_config, neo4j, data_workspace, synthetic_workspace):
    """Two syncs of different workspaces started at once on one database, each with its
    own driver: whichever started later holds the database whole, the other finished
    first or stopped; never a mix of the two."""
    from tests.store.test_sync_load import COUNT_ALL, COUNT_RELATIONSHIPS, expected_counts

    workspaces = {"data": data_workspace, "synthetic": synthetic_workspace}
    for _ in range(3):
        clear(neo4j)
        outcome = race(neo4j_config, workspaces)
        errors = [e for e in outcome.values() if isinstance(e, StoreError)]
        assert len(outcome) == 2 and len(errors) <= 1, outcome
        for error in errors:
            assert "another sync" in str(error) and "started after this one" in str(error)
        loaded = load(neo4j)
        winner = next(name for name, w in workspaces.items() if loaded == w)
        nodes, relationships = expected_counts(workspaces[winner])
        assert neo4j.read(COUNT_ALL)[0]["n"] == nodes
        assert neo4j.read(COUNT_RELATIONSHIPS)[0]["n"] == relationships


@settings(
    max_examples=int(os.environ.get("PLE_EXAMPLES", "60")) // 4,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(workspace=workspaces(exact=True))
def test_generated_workspaces_round_trip_exactly(neo4j, workspace):
    """Every corner of the model, with floats of every precision: Neo4j returns them
    bit for bit."""
    write.clear(neo4j)
    sync(workspace, neo4j)
    assert load(neo4j) == workspace
