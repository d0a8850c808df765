"""What a person sees when the database cannot be used: one clear sentence, quickly,
never a password, and nothing written.

The unreachable cases need no server (a closed local port); the FalkorDB cases start
small servers of their own: one with a password, one that is plain Redis.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from ple.store import (
    ConfigError,
    StoreConfig,
    StoreError,
    connect,
    connected,
    load,
    resolve,
    sync,
)
from tests.store.conftest import unavailable
from tests.store.falkordb_server import (
    FalkorDBServer,
    ServerUnavailable,
    falkordb_server,
    free_port,
)

SECRET = "s3cr3t-Pass'word"


@pytest.fixture(scope="module")
def guarded_server(tmp_path_factory) -> Iterator[FalkorDBServer]:
    """A FalkorDB server that wants a password."""
    try:
        with falkordb_server(tmp_path_factory.mktemp("guarded"), password=SECRET) as server:
            yield server
    except ServerUnavailable as error:
        unavailable(str(error))


@pytest.fixture(scope="module")
def plain_redis(tmp_path_factory) -> Iterator[FalkorDBServer]:
    try:
        with falkordb_server(tmp_path_factory.mktemp("redis"), module=False) as server:
            yield server
    except ServerUnavailable as error:
        unavailable(str(error))


def closed_port() -> int:
    return free_port()  # nothing listens there


def refused(config: StoreConfig, match: str, within: float = 15.0) -> StoreError:
    started = time.monotonic()
    with pytest.raises(StoreError, match=match) as raised:
        connect(config)
    assert time.monotonic() - started < within, "the error took too long"
    message = str(raised.value)
    assert "\n" not in message and "Traceback" not in message
    if config.password:
        assert config.password not in message
    return raised.value


def test_an_unreachable_neo4j_is_reported_at_once():
    config = StoreConfig(
        "neo4j", f"bolt://127.0.0.1:{closed_port()}", "neo4j", username="neo4j", password=SECRET
    )
    error = refused(
        config,
        r"cannot reach Neo4j at bolt://127\.0\.0\.1:\d+, database 'neo4j' "
        r"\(Connection refused\); is the server running",
    )
    assert str(error).endswith("is NEO4J_URI right?")


def test_an_unreachable_falkordb_is_reported_at_once():
    config = StoreConfig("falkordb", f"redis://127.0.0.1:{closed_port()}", "ple")
    refused(
        config,
        r"cannot reach FalkorDB at redis://127\.0\.0\.1:\d+, graph 'ple' "
        r"\(Error 111 connecting to 127\.0\.0\.1:\d+\. Connection refused\)",
    )


@pytest.mark.falkordb
def test_a_wrong_falkordb_password_is_one_sentence_without_the_password(guarded_server):
    wrong = StoreConfig("falkordb", guarded_server.url, "ple", password=SECRET + "x")
    refused(
        wrong,
        "refused the connection: a password was given and invalid username-password "
        "pair or user is disabled",
    )
    missing = StoreConfig("falkordb", guarded_server.url, "ple")
    refused(missing, "refused the connection: no password was given")
    right = StoreConfig("falkordb", guarded_server.url, "ple", password=SECRET)
    connect(right).close()


@pytest.mark.falkordb
def test_a_password_in_falkordb_url_is_never_shown(guarded_server):
    config = resolve(
        "falkordb", env={"FALKORDB_URL": f"redis://:{SECRET}x@127.0.0.1:{guarded_server.port}"}
    )
    error = refused(config, "refused the connection: a password was given")
    assert SECRET not in str(error) and SECRET not in repr(config)
    assert SECRET not in config.describe()


@pytest.mark.falkordb
def test_plain_redis_is_named_as_such(plain_redis):
    refused(StoreConfig("falkordb", plain_redis.url, "ple"), "is Redis without the FalkorDB module")


@pytest.mark.falkordb
def test_an_empty_graph_says_how_to_fill_it(falkordb_server_info):
    message = (
        r"graph 'never-written' holds no ple workspace yet; write one with "
        r"`ple sync PATH --backend falkordb`"
    )
    config = StoreConfig("falkordb", falkordb_server_info.url, "never-written")
    with connected(config) as connection, pytest.raises(StoreError, match=message):
        load(connection)


@pytest.mark.falkordb
def test_falkordb_refuses_nul_with_a_clear_sentence(falkordb, small_workspace):
    agencies = {
        k: a.model_copy(update={"notes": "a\x00b"}) for k, a in small_workspace.agencies.items()
    }
    broken = type(small_workspace)(
        agencies=agencies,
        programs=small_workspace.programs,
        data_items=small_workspace.data_items,
        journeys=small_workspace.journeys,
    )
    with pytest.raises(StoreError, match=r"cannot store text containing the NUL character"):
        sync(broken, falkordb)


def test_a_bad_address_is_a_configuration_error():
    with pytest.raises(ConfigError, match="is not a Neo4j address"):
        resolve("neo4j", uri="http://localhost:7474", env={})
    with pytest.raises(ConfigError, match="is not a FalkorDB address"):
        resolve("falkordb", uri="bolt://localhost:7687", env={})


@pytest.mark.parametrize(
    "variable, address",
    [
        ("NEO4J_URI", "bolt://neo4j:hunter2@127.0.0.1:1"),
        ("NEO4J_URI", "neo4j://neo4j:hunter2@127.0.0.1:1"),
        ("FALKORDB_URL", "redis://default:hunter2@127.0.0.1:1"),
        ("FALKORDB_URL", "redis://hunter2@127.0.0.1:1"),  # a token in the user's place
    ],
)
def test_an_address_with_user_info_is_never_repeated(monkeypatch, variable, address):
    """The Neo4j driver quotes the URI it was given, password and all; so may the app."""
    from click.testing import CliRunner
    from streamlit.testing.v1 import AppTest

    from ple.cli.main import cli
    from tests.conftest import ROOT

    backend = "neo4j" if variable == "NEO4J_URI" else "falkordb"
    monkeypatch.setenv(variable, address)
    for command in (["info"], ["query", "handoffs"], ["gaps"]):
        result = CliRunner().invoke(cli, [*command, "--backend", backend])
        assert result.exit_code == 1, result.output
        assert "hunter2" not in result.output and "127.0.0.1:1" in result.output
    monkeypatch.setenv("PLE_BACKEND", backend)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    shown = " ".join(e.value for e in [*at.error, *at.caption, *at.markdown])
    assert "cannot be read" in shown and "hunter2" not in shown
