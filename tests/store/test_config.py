"""Settings in the names Neo4j users know: environment, then Streamlit secrets, then a
local server; --uri and --database win; a password never shows."""

from __future__ import annotations

import pytest

from ple.store import ConfigError, resolve
from ple.store.config import safe_uri

AURA = {
    "NEO4J_URI": "neo4j+s://abcd1234.databases.neo4j.io",
    "NEO4J_USERNAME": "neo4j",
    "NEO4J_PASSWORD": "secret-from-aura",
    "NEO4J_DATABASE": "neo4j",
}


def test_neo4j_settings_come_from_the_environment():
    config = resolve("neo4j", env=AURA)
    assert (config.uri, config.username, config.password, config.database) == (
        AURA["NEO4J_URI"],
        "neo4j",
        "secret-from-aura",
        "neo4j",
    )
    assert "secret" not in repr(config) and "secret" not in config.describe()
    assert config.describe() == ("Neo4j at neo4j+s://abcd1234.databases.neo4j.io, database 'neo4j'")


def test_defaults_are_a_local_server():
    neo4j = resolve("neo4j", env={})
    assert (neo4j.uri, neo4j.username, neo4j.password, neo4j.database) == (
        "neo4j://localhost:7687",
        "neo4j",
        None,
        "neo4j",
    )
    falkordb = resolve("falkordb", env={})
    assert (falkordb.uri, falkordb.database) == ("redis://localhost:6379", "ple")


def test_the_command_line_wins_then_the_environment_then_secrets():
    secrets = {
        "NEO4J_URI": "bolt://from-secrets:7687",
        "NEO4J_PASSWORD": "from-secrets",
        "NEO4J_DATABASE": "secretdb",
    }
    assert resolve("neo4j", env={}, secrets=secrets).uri == "bolt://from-secrets:7687"
    assert resolve("neo4j", env={}, secrets=secrets).password == "from-secrets"
    assert resolve("neo4j", env=AURA, secrets=secrets).uri == AURA["NEO4J_URI"]
    config = resolve("neo4j", uri="bolt://cli:7687", database="other", env=AURA, secrets=secrets)
    assert (config.uri, config.database, config.password) == (
        "bolt://cli:7687",
        "other",
        "secret-from-aura",
    )


def test_falkordb_settings():
    config = resolve(
        "falkordb",
        env={
            "FALKORDB_URL": "falkor://db:6379",
            "FALKORDB_GRAPH": "portfolio",
            "FALKORDB_PASSWORD": "pw",
        },
    )
    assert (config.uri, config.database, config.password) == ("falkor://db:6379", "portfolio", "pw")


@pytest.mark.parametrize(
    "uri", ["bolt://neo4j:hunter2@localhost:7687", "neo4j+s://user:hunter2@x.databases.neo4j.io"]
)
def test_a_password_on_the_command_line_is_refused(uri):
    with pytest.raises(ConfigError, match="must not contain a password") as raised:
        resolve("neo4j", uri=uri, env={})
    assert "hunter2" not in str(raised.value)


def test_addresses_lose_their_password_in_messages():
    assert safe_uri("redis://:pw@host:6379") == "redis://host:6379"
    assert safe_uri("redis://user:pw@host:6379/0") == "redis://host:6379/0"
    assert safe_uri("bolt://user:p@ss@host:7687") == "bolt://host:7687"
    assert safe_uri("bolt://localhost:7687") == "bolt://localhost:7687"


def test_an_unknown_backend_is_refused():
    with pytest.raises(ConfigError, match="unknown graph database backend 'mysql'"):
        resolve("mysql", env={})
