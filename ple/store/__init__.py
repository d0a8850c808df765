"""The graph database backend: a workspace on Neo4j (or FalkorDB), queried in Cypher.

The embedded networkx backend stays the default; a shared portfolio lives on a server::

    from ple.store import connected, resolve, sync, load, CypherBackend

    config = resolve("neo4j")                # NEO4J_URI, NEO4J_USERNAME, ... from the env
    with connected(config) as connection:
        sync(workspace, connection)          # the database now equals the files
        same = load(connection)              # == workspace
        CypherBackend(connection).handoffs(from_agency="ssa")

Modules: ``cypher`` holds every statement; ``connection`` the two database clients;
``config`` the settings; ``records`` the mapping between the model and node properties;
``write`` (sync), ``read`` (load) and ``backend`` (the QueryBackend in Cypher) use them.
``docs/neo4j.md`` is the guide.
"""

from ple.store.backend import CypherBackend
from ple.store.config import (
    BACKENDS,
    Backend,
    ConfigError,
    StoreConfig,
    StoreError,
    resolve,
)
from ple.store.connection import Connection, connect, connected
from ple.store.read import content_version, load
from ple.store.write import SyncReport, clear, sync

__all__ = [
    "BACKENDS",
    "Backend",
    "ConfigError",
    "Connection",
    "CypherBackend",
    "StoreConfig",
    "StoreError",
    "SyncReport",
    "clear",
    "connect",
    "connected",
    "content_version",
    "load",
    "resolve",
    "sync",
]
