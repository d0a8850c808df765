"""A small connection interface, and its two implementations: Neo4j and FalkorDB.

Everything above this module (sync, load, queries) sends statements from
``ple.store.cypher`` through :class:`Connection` and reads rows back as dicts. This
module is the only one that imports a database client, and the only one that sees the
clients' exceptions: every failure leaves it as a :class:`StoreError` with one sentence
for a person.

- :class:`Neo4jConnection` uses the official ``neo4j`` driver: ``execute_query`` with
  ``database_`` always passed for single statements, and one managed write transaction
  (``session.execute_write``) for a unit of work such as one journey. Connection timeouts
  and the retry budget are short, so an unreachable server is reported in seconds, not
  after the driver's default minute of retries.
- :class:`FalkorDBConnection` uses the ``falkordb`` client over FalkorDB's own protocol.
  FalkorDB has no multi-statement transactions: each statement is atomic on its own, and
  a unit of work runs statement by statement (``atomic`` is False). The sync writes a
  journey's fingerprint last, so an interrupted journey is written again next time.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Protocol, TypeVar

from ple.store import cypher
from ple.store.config import StoreConfig, StoreError, safe_uri

T = TypeVar("T")
Row = dict[str, Any]

CONNECT_TIMEOUT = 5.0
"""Seconds to open a connection before the server counts as unreachable."""
INTERACTIVE_RETRY = 5.0
"""Neo4j: seconds the driver may spend retrying a query (its default is 30, and a dead
server blocked about a minute in experiments); enough for a leader switch, no more."""
WRITE_RETRY = 15.0
"""Neo4j: seconds the driver may spend retrying one journey's write transaction."""
SYSTEM_DATABASE = "system"
"""Neo4j's administration database: it runs only administration commands."""
SOCKET_TIMEOUT = 300.0
"""FalkorDB: seconds to wait for one statement's reply (a large batch takes about a second)."""


class Runner(Protocol):
    """Runs one statement inside a unit of work."""

    def run(self, statement: str, params: Mapping[str, Any] | None = None) -> list[Row]: ...


class Connection(Protocol):
    """What sync, load and the queries need from a graph database."""

    config: StoreConfig
    atomic: bool
    """Whether :meth:`unit` is one transaction (Neo4j) or statement by statement."""

    def read(self, statement: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Run a read-only statement; rows as dicts of the RETURN names."""
        ...

    def write(self, statement: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Run one statement that writes, in a transaction of its own."""
        ...

    def unit(self, work: Callable[[Runner], T]) -> T:
        """Run ``work`` as one unit: one transaction where the database has them."""
        ...

    def prepare(
        self, statement: str, params: Mapping[str, Any] | None
    ) -> tuple[str, Mapping[str, Any] | None]:
        """The statement and parameters in the form this connection sends them, made
        ahead of time (by another thread while the previous unit is written)."""
        ...

    def ensure_schema(self) -> None:
        """Create the uniqueness constraints and indexes that are missing."""
        ...

    def schema(self) -> list[str]:
        """The constraints and indexes on ple's labels, one line each."""
        ...

    def close(self) -> None: ...


def connect(config: StoreConfig) -> Connection:
    """Open and check a connection: reachable, credentials accepted, database usable.

    Raises StoreError, with nothing written, when any of these fails.
    """
    connection: Connection
    if config.backend == "neo4j":
        connection = Neo4jConnection(config)
    else:
        connection = FalkorDBConnection(config)
    try:
        connection.verify()  # type: ignore[attr-defined]
    except BaseException:
        connection.close()
        raise
    return connection


@contextmanager
def connected(config: StoreConfig) -> Iterator[Connection]:
    """``connect``, closed at the end of the block."""
    connection = connect(config)
    try:
        yield connection
    finally:
        connection.close()


def _sentence(text: object) -> str:
    """The gist of a client's message: the reason it gives when there is one (the Neo4j
    driver writes ``(reason [Errno 111] Connection refused)`` on a later line), else
    its first line; without a trailing full stop."""
    message = str(text).strip()
    reasons = re.findall(r"\(reason (.+?)\)\s*$", message, flags=re.MULTILINE)
    if reasons:
        return re.sub(r"^\[Errno -?\d+\]\s*", "", reasons[-1]).rstrip(".")
    line = message.splitlines()[0] if message else "no details"
    return line.rstrip(".:")


# --- Neo4j -----------------------------------------------------------------------------


class Neo4jConnection:
    """The official driver, with short timeouts and the database always named."""

    atomic = True

    def __init__(self, config: StoreConfig, **driver_options: Any) -> None:
        import neo4j

        from ple import __version__

        self.config = config
        self._neo4j = neo4j
        auth = (config.username or "", config.password) if config.password is not None else None
        options: dict[str, Any] = {
            "connection_timeout": CONNECT_TIMEOUT,
            "connection_acquisition_timeout": CONNECT_TIMEOUT * 2,
            "max_transaction_retry_time": INTERACTIVE_RETRY,
            "user_agent": f"ple/{__version__}",
            # The server's notes on a query ("label Workspace does not exist", on a new
            # database) would reach stderr through the driver's logger: ask for none.
            "notifications_min_severity": "OFF",
            **driver_options,
        }
        with self._errors():
            self._driver = neo4j.GraphDatabase.driver(config.uri, auth=auth, **options)

    def verify(self) -> None:
        if self.config.database.lower() == SYSTEM_DATABASE:
            raise StoreError(
                f"{self.config.describe()} is Neo4j's administration database, "
                "which cannot hold a workspace; name a user database in "
                "NEO4J_DATABASE or --database (Community Edition has one: neo4j)"
            )
        with self._errors():
            self._driver.verify_connectivity()
            # Names the database: an unknown one fails here, before anything is written.
            self.read(cypher.PING)

    def _database_names(self) -> list[str]:
        """The server's user databases, for a message; empty when the user may not list
        them."""
        try:
            records, _, _ = self._driver.execute_query(
                cypher.NEO4J_LIST_DATABASES,
                database_=SYSTEM_DATABASE,
                routing_=self._neo4j.RoutingControl.READ,
            )
        except self._neo4j.exceptions.Neo4jError:
            return []
        return sorted({r["name"] for r in records} - {SYSTEM_DATABASE})

    def read(self, statement: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        return self._execute(statement, params, self._neo4j.RoutingControl.READ)

    def write(self, statement: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        return self._execute(statement, params, self._neo4j.RoutingControl.WRITE)

    def _execute(self, statement: str, params: Mapping[str, Any] | None, routing: Any) -> list[Row]:
        with self._errors():
            records, _, keys = self._driver.execute_query(
                statement, dict(params or {}), routing_=routing, database_=self.config.database
            )
        return [dict(zip(keys, record.values(), strict=True)) for record in records]

    def prepare(
        self, statement: str, params: Mapping[str, Any] | None
    ) -> tuple[str, Mapping[str, Any] | None]:
        return statement, params  # the driver packs parameters itself

    def unit(self, work: Callable[[Runner], T]) -> T:
        def transaction(tx: Any) -> T:
            return work(_Neo4jTransaction(tx))

        # The bookmark manager execute_query uses: on a cluster (Aura), a query after a sync
        # reads what the sync wrote.
        with (
            self._errors(),
            self._driver.session(
                database=self.config.database,
                max_transaction_retry_time=WRITE_RETRY,
                bookmark_manager=self._driver.execute_query_bookmark_manager,
            ) as session,
        ):
            return session.execute_write(transaction)

    def ensure_schema(self) -> None:
        # Each statement in a transaction of its own, before any data: Neo4j refuses schema
        # changes and writes in one transaction.
        for index in cypher.SCHEMA:
            self.write(cypher.neo4j_schema_statement(index))

    def schema(self) -> list[str]:
        lines = []
        for statement in (cypher.NEO4J_LIST_CONSTRAINTS, cypher.NEO4J_LIST_INDEXES):
            for row in self.read(statement):
                if str(row["name"]).startswith("ple_"):
                    lines.append(
                        f"{row['name']}: {row['type']} on "
                        f"{','.join(row['labelsOrTypes'] or [])}"
                        f"({','.join(row['properties'] or [])})"
                    )
        return sorted(set(lines))

    def close(self) -> None:
        driver = getattr(self, "_driver", None)
        if driver is not None:
            driver.close()

    @contextmanager
    def _errors(self) -> Iterator[None]:
        exceptions = self._neo4j.exceptions
        where = self.config.describe()
        try:
            yield
        except StoreError:
            raise
        except exceptions.AuthError as error:
            given = "the" if self.config.password is not None else "no password given; the"
            raise StoreError(
                f"{where} refused the user name or password ({given} user is "
                f"{self.config.username!r}; set NEO4J_USERNAME and NEO4J_PASSWORD)"
            ) from error
        except (
            exceptions.ServiceUnavailable,
            exceptions.SessionExpired,
            exceptions.ConnectionAcquisitionTimeoutError,
            OSError,
        ) as error:
            raise StoreError(
                f"cannot reach {where} ({_sentence(error)}); is the server running, "
                "and is NEO4J_URI right?"
            ) from error
        except exceptions.Neo4jError as error:
            code = error.code or ""
            if code.endswith("DatabaseNotFound"):
                names = self._database_names()
                known = f"it has {', '.join(names)}; " if names else ""
                raise StoreError(
                    f"Neo4j at {safe_uri(self.config.uri)} has no database "
                    f"{self.config.database!r} ({known}set NEO4J_DATABASE or --database to "
                    "an existing one)"
                ) from error
            if code.startswith("Neo.ClientError.Security"):
                raise StoreError(
                    f"{where} does not allow this user to do that ({_sentence(error.message)})"
                ) from error
            raise StoreError(
                f"{where} refused a statement: {_sentence(error.message or error)}"
            ) from error
        except exceptions.DriverError as error:
            raise StoreError(f"cannot use {where}: {_sentence(error)}") from error
        except ValueError as error:  # the driver's answer to a malformed address
            raise StoreError(
                f"cannot use the Neo4j address {safe_uri(self.config.uri)!r}: {_sentence(error)}"
            ) from error


class _Neo4jTransaction:
    def __init__(self, tx: Any) -> None:
        self._tx = tx

    def run(self, statement: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        result = self._tx.run(statement, dict(params or {}))
        keys = result.keys()
        return [dict(zip(keys, record.values(), strict=True)) for record in result]


# --- FalkorDB --------------------------------------------------------------------------


class FalkorDBConnection:
    """The ``falkordb`` client on FalkorDB's native protocol; a graph holds a workspace."""

    atomic = False

    def __init__(self, config: StoreConfig) -> None:
        self.config = config
        try:
            import falkordb
            import redis
            from redis.backoff import ExponentialBackoff
            from redis.retry import Retry
        except ImportError as error:
            raise StoreError(
                "the falkordb backend needs the FalkorDB client: pip install 'ple[falkordb]'"
            ) from error
        self._redis = redis
        options: dict[str, Any] = {
            "socket_connect_timeout": CONNECT_TIMEOUT,
            "socket_timeout": SOCKET_TIMEOUT,
            # A dropped connection is retried twice, quickly; a server that is down is
            # reported at once.
            "retry": Retry(ExponentialBackoff(cap=1.0, base=0.1), 2),
        }
        if config.username:
            options["username"] = config.username
        if config.password is not None:
            options["password"] = config.password
        with self._errors():
            self._db = falkordb.FalkorDB.from_url(config.uri, **options)
            self._graph = self._db.select_graph(config.database)

    def verify(self) -> None:
        with self._errors():
            self._db.connection.ping()
            try:
                self._db.connection.execute_command("GRAPH.LIST")
            except self._redis.exceptions.ResponseError as error:
                if "unknown command" in str(error).lower():
                    raise StoreError(
                        f"the server at {safe_uri(self.config.uri)} is Redis without the "
                        "FalkorDB module (start it with --loadmodule falkordb.so)"
                    ) from error
                raise

    def read(self, statement: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        with self._errors(params, statement):
            try:
                result = self._graph.ro_query(cypher_params(params) + statement)
            except self._redis.exceptions.ResponseError as error:
                if "empty key" in str(error):
                    return []  # the graph does not exist yet: nothing matches
                raise
        return _rows(result)

    def write(self, statement: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        with self._errors(params, statement):
            result = self._graph.query(cypher_params(params) + statement)
        return _rows(result)

    run = write
    """A unit of work runs each statement on its own (see ``atomic``)."""

    def prepare(
        self, statement: str, params: Mapping[str, Any] | None
    ) -> tuple[str, Mapping[str, Any] | None]:
        """The parameters written into the query text: the costly part of sending a
        batch, done ahead by the sync's preparing thread."""
        return cypher_params(params) + statement, None

    def unit(self, work: Callable[[Runner], T]) -> T:
        return work(self)

    def ensure_schema(self) -> None:
        indexed = {
            (row["label"], prop)
            for row in self.write(cypher.FALKORDB_LIST_INDEXES)
            for prop in row["properties"]
        }
        for index in cypher.SCHEMA:
            if (index.label, index.property) not in indexed:
                self.write(cypher.falkordb_index_statement(index))
        constrained = {
            (row["label"], tuple(row["properties"]))
            for row in self.write(cypher.FALKORDB_LIST_CONSTRAINTS)
            if row["status"] != "FAILED"
        }
        with self._errors():
            for index in cypher.SCHEMA:
                if index.unique and (index.label, (index.property,)) not in constrained:
                    self._db.connection.execute_command(
                        *cypher.falkordb_constraint_command(self.config.database, index)
                    )

    def wait_for_constraints(self, timeout: float = 10.0) -> None:
        """Block until every unique constraint is OPERATIONAL (they build in the background)."""
        deadline = time.monotonic() + timeout
        while True:
            pending = [
                row
                for row in self.read(cypher.FALKORDB_LIST_CONSTRAINTS)
                if row["status"] != "OPERATIONAL"
            ]
            if not pending or time.monotonic() > deadline:
                return
            time.sleep(0.05)

    def schema(self) -> list[str]:
        lines = [
            f"index on {row['label']}({prop})"
            for row in self.read(cypher.FALKORDB_LIST_INDEXES)
            for prop in row["properties"]
        ]
        lines += [
            f"{row['type'].lower()} constraint on {row['label']}"
            f"({','.join(row['properties'])}): {row['status'].lower()}"
            for row in self.read(cypher.FALKORDB_LIST_CONSTRAINTS)
        ]
        return sorted(lines)

    def delete_graph(self) -> None:
        """Drop the whole graph (tests and benchmarks start from nothing)."""
        with self._errors():
            try:
                self._graph.delete()
            except self._redis.exceptions.ResponseError as error:
                if "empty key" not in str(error):
                    raise

    def close(self) -> None:
        db = getattr(self, "_db", None)
        if db is not None:
            db.connection.close()

    @contextmanager
    def _errors(
        self, params: Mapping[str, Any] | None = None, statement: str = ""
    ) -> Iterator[None]:
        exceptions = self._redis.exceptions
        where = self.config.describe()
        try:
            yield
        except StoreError:
            raise
        except exceptions.AuthenticationError as error:
            given = "a" if self.config.password or "@" in self.config.uri else "no"
            raise StoreError(
                f"{where} refused the connection: {given} password was given and "
                f"{_sentence(error)} (set FALKORDB_URL or FALKORDB_PASSWORD)"
            ) from error
        except (exceptions.ConnectionError, exceptions.TimeoutError, OSError) as error:
            raise StoreError(
                f"cannot reach {where} ({_sentence(error)}); is the server "
                "running, and is FALKORDB_URL right?"
            ) from error
        except exceptions.ResponseError as error:
            if "\x00" in statement or (params is not None and _holds_nul(params)):
                raise StoreError(
                    f"{where} cannot store text containing the NUL character "
                    "(\\u0000); remove it from the workspace files"
                ) from error
            raise StoreError(f"{where} refused a statement: {_sentence(error)}") from error
        except exceptions.RedisError as error:
            raise StoreError(f"cannot use {where}: {_sentence(error)}") from error
        except ValueError as error:  # a malformed address
            raise StoreError(
                f"cannot use the FalkorDB address {safe_uri(self.config.uri)!r}: {_sentence(error)}"
            ) from error


_KEY = re.compile(r'"([A-Za-z_][A-Za-z0-9_]*)":')
_UNICODE_ESCAPE = re.compile(r"(\\+)u00([01][0-9a-fA-F])")


def cypher_params(params: Mapping[str, Any] | None) -> str:
    """FalkorDB's parameter header (``CYPHER name=value ...`` in front of the query),
    written fast.

    FalkorDB takes parameters as Cypher literals; its client writes them with a Python
    function call per value, which took half the time of a batched sync. JSON is Cypher's
    literal syntax except for map keys, which Cypher writes bare or in backticks, never in
    double quotes: so ``json.dumps`` (in C) writes the values and every quoted key followed
    by a colon is rewritten with backticks. That pattern only ever matches a key, because
    inside a JSON string every double quote is escaped. FalkorDB reads the escapes for
    newline, tab, carriage return, backspace, form feed, quote and backslash, but not the
    six-character unicode escapes JSON uses for the other control characters: those are
    written as the characters themselves, as FalkorDB's own client does.
    """
    if not params:
        return ""
    parts = []
    for name, value in params.items():
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        for key in set(_KEY.findall(text)):  # a few names, replaced in C
            text = text.replace(f'"{key}":', f"`{key}`:")
        if "\\u00" in text:
            text = _UNICODE_ESCAPE.sub(_unescape_control, text)
        parts.append(f"`{name}`={text}")
    return "CYPHER " + " ".join(parts) + " "


def _unescape_control(match: re.Match[str]) -> str:
    slashes = match.group(1)
    if len(slashes) % 2 == 0:  # an escaped backslash followed by the letters u00XX
        return match.group(0)
    return slashes[:-1] + chr(int(match.group(2), 16))


def _rows(result: Any) -> list[Row]:
    if not result.header:
        return []
    names = [column[1] for column in result.header]
    return [dict(zip(names, row, strict=True)) for row in result.result_set]


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, Mapping):
        return any(_holds_nul(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(_holds_nul(v) for v in value)
    return False
