"""A Neo4j server killed in the middle of a sync (SIGKILL, as a crash or a power cut would
stop it), then started again on the same files: Neo4j's recovery keeps every journey that
was committed and drops the one in flight; nothing half-written is read as a journey; the
next sync converges.

This test starts a server of its own (the session's server must live on), so it also needs
Java and Maven; with NEO4J_URI set it still runs here, on its own server.
"""

from __future__ import annotations

import dataclasses

import pytest

from ple.graph.schema import NodeKind, catalog_key
from ple.store import StoreError, connect, cypher, load, sync, write
from ple.store import connection as store_connection
from ple.store.records import journey_fingerprint
from tests.store import neo4j_server
from tests.store.conftest import neo4j_unavailable
from tests.store.test_sync_load import COUNT_ALL, COUNT_RELATIONSHIPS, expected_counts

pytestmark = pytest.mark.neo4j

STEPS_BY_JOURNEY = "MATCH (s:Step) RETURN s.journey AS journey, collect(s.name) AS names"


def test_a_server_killed_mid_sync_recovers_and_the_next_sync_converges(
    tmp_path, data_workspace, monkeypatch
):
    folder, password = tmp_path / "neo4j", "crash-test-password"
    renamed = {
        jid: j.model_copy(
            update={"steps": [s.model_copy(update={"name": f"{s.name} (new)"}) for s in j.steps]}
        )
        for jid, j in data_workspace.journeys.items()
    }
    changed = dataclasses.replace(data_workspace, journeys=renamed)
    order = [j.id for j in write._baselines_first(changed.journeys.values())]
    killed_in = order[4]
    original = write._run

    journey_key = catalog_key(NodeKind.journey, killed_in)
    # The driver retries a transaction that lost its server; one second of that is enough.
    monkeypatch.setattr(store_connection, "WRITE_RETRY", 1.0)

    try:
        with neo4j_server.neo4j_server(folder, password=password) as server:
            connection = connect(server.config())
            sync(data_workspace, connection)

            def kill_mid_journey(run, plan):
                """The fifth journey's unit: its first statements run, then the server is
                killed, and the next statement finds it gone."""
                rows = (plan[1].params or {}).get("rows") or [{}]
                if rows[0].get("key") != journey_key:
                    return original(run, plan)
                for number, statement in enumerate(plan):
                    if number == 4:
                        server.kill()
                    run.run(statement.text, statement.params)
                raise AssertionError("the server was killed; the unit cannot have ended")

            monkeypatch.setattr(write, "_run", kill_mid_journey)
            with pytest.raises(StoreError, match="cannot reach"):
                sync(changed, connection)
            monkeypatch.setattr(write, "_run", original)
            connection.close()
    except neo4j_server.ServerUnavailable as error:
        neo4j_unavailable(str(error))

    with neo4j_server.neo4j_server(folder, password=password) as server:  # recovers the files
        connection = connect(server.config())
        try:
            with pytest.raises(StoreError, match="has not finished"):
                load(connection)
            stored = {
                row["id"]: row["fingerprint"]
                for row in connection.read(cypher.JOURNEY_FINGERPRINTS)
            }
            names = {row["journey"]: set(row["names"]) for row in connection.read(STEPS_BY_JOURNEY)}
            assert sorted(stored) == sorted(order)
            for position, journey_id in enumerate(order):
                version = changed if position < order.index(killed_in) else data_workspace
                journey = version.journeys[journey_id]
                assert stored[journey_id] == journey_fingerprint(journey), journey_id
                assert names[journey_id] == {s.name for s in journey.steps}, journey_id

            report = sync(changed, connection)
            assert report.journeys_written == order[order.index(killed_in) :]
            assert load(connection) == changed
            nodes, relationships = expected_counts(changed)
            assert connection.read(COUNT_ALL)[0]["n"] == nodes
            assert connection.read(COUNT_RELATIONSHIPS)[0]["n"] == relationships
        finally:
            connection.close()
