"""Where the graph database is, in the names Neo4j (and FalkorDB) users already know.

Neo4j: ``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE`` (the
names Neo4j Aura writes into its credentials file). FalkorDB: ``FALKORDB_URL``, and
``FALKORDB_GRAPH`` for the graph's name. They come from the environment, or, for the
app, from Streamlit secrets (``.streamlit/secrets.toml``) under the same names.

A password is never a command-line argument: ``--uri`` may not hold one, and a
``StoreConfig`` never shows it (``repr``, ``describe`` and every error message leave it
out).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

from ple.errors import PleError

Backend = Literal["neo4j", "falkordb"]
BACKENDS: tuple[Backend, ...] = ("neo4j", "falkordb")

NEO4J_DEFAULT_URI = "neo4j://localhost:7687"
NEO4J_DEFAULT_USERNAME = "neo4j"
NEO4J_DEFAULT_DATABASE = "neo4j"
FALKORDB_DEFAULT_URL = "redis://localhost:6379"
FALKORDB_DEFAULT_GRAPH = "ple"

NEO4J_SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")
FALKORDB_SCHEMES = ("redis", "rediss", "falkor", "falkors", "unix")

SETTING_NAMES = (
    "NEO4J_URI",
    "NEO4J_USERNAME",
    "NEO4J_PASSWORD",
    "NEO4J_DATABASE",
    "FALKORDB_URL",
    "FALKORDB_GRAPH",
    "FALKORDB_USERNAME",
    "FALKORDB_PASSWORD",
)


class StoreError(PleError):
    """The graph database cannot be used: unreachable, refused, or not holding a workspace.

    Its message is one sentence for a person, never holds a password, and the CLI prints
    it without a traceback (exit 1). Every address in it loses its user info (the Neo4j
    driver quotes the URI it was given, password and all, in its own messages).
    """

    def __init__(self, message: object = "") -> None:
        super().__init__(redact_addresses(str(message)))


class ConfigError(StoreError):
    """The settings themselves are wrong (a bad URI, a password on the command line)."""


@dataclass(frozen=True, repr=False)
class StoreConfig:
    """How to reach one database (Neo4j) or graph (FalkorDB) holding one workspace."""

    backend: Backend
    uri: str
    database: str
    """Neo4j: the database name; FalkorDB: the graph name."""
    username: str | None = None
    password: str | None = field(default=None, repr=False)

    def __repr__(self) -> str:  # never the password, not even one inside the URI
        return (
            f"StoreConfig(backend={self.backend!r}, uri={safe_uri(self.uri)!r}, "
            f"database={self.database!r}, username={self.username!r})"
        )

    def describe(self) -> str:
        """Where, for messages: ``Neo4j at bolt://localhost:7687, database neo4j``."""
        if self.backend == "neo4j":
            return f"Neo4j at {safe_uri(self.uri)}, database {self.database!r}"
        return f"FalkorDB at {safe_uri(self.uri)}, graph {self.database!r}"


_USER_INFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^\s/?#]*@")
"""``scheme://user:password@``: the user info of an address, up to its last ``@``."""


def redact_addresses(text: str) -> str:
    """``text`` with the user info taken out of every address in it
    (``bolt://neo4j:secret@host`` -> ``bolt://host``): a user name may be a token too."""
    return _USER_INFO.sub(r"\1", text)


def safe_uri(uri: str) -> str:
    """``uri`` without its user info (``redis://user:secret@host`` -> ``redis://host``)."""
    try:
        urlsplit(uri)
    except ValueError:
        return "(an unreadable address)"
    return redact_addresses(uri)


def _has_password(uri: str) -> bool:
    try:
        return urlsplit(uri).password is not None
    except ValueError:
        return False


def _scheme(uri: str) -> str:
    return uri.split("://", 1)[0].lower() if "://" in uri else ""


def resolve(
    backend: str,
    *,
    uri: str | None = None,
    database: str | None = None,
    env: Mapping[str, str] | None = None,
    secrets: Mapping[str, object] | None = None,
) -> StoreConfig:
    """The configuration for ``backend``: ``uri`` and ``database`` given on the command
    line win; then the environment; then ``secrets`` (Streamlit's); then the defaults
    (a local server).

    Raises ConfigError for a password in ``uri``, or an address of the wrong kind.
    """
    if backend not in BACKENDS:
        raise ConfigError(
            f"unknown graph database backend {backend!r}; use one of {', '.join(BACKENDS)}"
        )
    environ = os.environ if env is None else env

    def setting(name: str) -> str | None:
        value = environ.get(name)
        if not value and secrets is not None:
            secret = secrets.get(name)
            value = str(secret) if secret not in (None, "") else None
        return value or None

    if uri is not None and _has_password(uri):
        variable = "NEO4J_PASSWORD" if backend == "neo4j" else "FALKORDB_URL or FALKORDB_PASSWORD"
        raise ConfigError(
            f"--uri must not contain a password; put it in {variable} "
            "(environment or Streamlit secrets) instead"
        )
    if backend == "neo4j":
        address = uri or setting("NEO4J_URI") or NEO4J_DEFAULT_URI
        if _scheme(address) not in NEO4J_SCHEMES:
            raise ConfigError(
                f"{safe_uri(address)!r} is not a Neo4j address; it should start "
                "with neo4j://, neo4j+s://, bolt:// or bolt+s://"
            )
        return StoreConfig(
            backend="neo4j",
            uri=address,
            database=database or setting("NEO4J_DATABASE") or NEO4J_DEFAULT_DATABASE,
            username=setting("NEO4J_USERNAME") or NEO4J_DEFAULT_USERNAME,
            password=setting("NEO4J_PASSWORD"),
        )
    address = uri or setting("FALKORDB_URL") or FALKORDB_DEFAULT_URL
    if _scheme(address) not in FALKORDB_SCHEMES:
        raise ConfigError(
            f"{safe_uri(address)!r} is not a FalkorDB address; it should start "
            "with redis://, rediss://, falkor:// or falkors://"
        )
    return StoreConfig(
        backend="falkordb",
        uri=address,
        database=database or setting("FALKORDB_GRAPH") or FALKORDB_DEFAULT_GRAPH,
        username=setting("FALKORDB_USERNAME"),
        password=setting("FALKORDB_PASSWORD"),
    )
