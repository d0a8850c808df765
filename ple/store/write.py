"""Write a workspace to a graph database, so that the database equals the files.

``sync`` is idempotent and incremental:

1. the schema first (uniqueness of every node's ``key``, lookup indexes), each statement
   on its own;
2. the Workspace node is marked "sync started" (readers refuse a half-written database)
   with this sync's token; every unit below first checks that the token is still there, so
   of two syncs racing, the one that started later wins whole and the other stops;
3. the catalog (agencies, programs, data items, part_of, run_by) in one unit, unless its
   fingerprint equals the one the last finished sync wrote;
4. journeys that are no longer in the files are deleted, each in one unit;
5. every journey whose fingerprint differs from the one in the database is written in
   one unit: its nodes merged on ``key`` with all their properties replaced, its nodes
   that the files no longer have deleted, the relationships leaving its nodes replaced,
   and its fingerprint set last. An unchanged journey is not touched (``full=True``
   writes every journey anyway);
6. catalog items that are no longer in the files are deleted (unless the catalog is
   unchanged);
7. the Workspace node gets the settings, the order of every collection, the catalog's
   fingerprint and the content fingerprint: the sync is complete.

A unit is one transaction on Neo4j, so a failure never leaves half a journey there (a
journey of more than ``UNIT_ROWS`` rows, some 3,500 steps, is written in several units,
its fingerprint in the last: Neo4j holds a transaction in memory). On
FalkorDB a unit runs statement by statement; a journey interrupted half-way has no
fingerprint, so the next sync writes it again, and ``load`` refuses the database until then.
There the token is checked before a unit's statements rather than under a lock, so a sync
started while another writes a journey stops the other only after that journey.
All writes are ``UNWIND $rows`` batches; values travel only as parameters.

Each unit is a *plan*, a list of statements with what they must report; the next journey's
plan (its rows, and FalkorDB's encoded parameters) is built in a second thread while the
current one is written, so the client's work overlaps the server's.
"""

from __future__ import annotations

import secrets
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ple.graph.schema import EdgeKind, NodeKind, catalog_key
from ple.model import Journey, Workspace
from ple.store import cypher
from ple.store.config import StoreError
from ple.store.connection import Connection, Runner
from ple.store.read import workspace_state
from ple.store.records import (
    STORE_FORMAT,
    Row,
    Rows,
    catalog_fingerprint,
    catalog_rows,
    journey_fingerprint,
    journey_rows,
    workspace_properties,
)

BATCH_ROWS = 5000
"""Rows per UNWIND statement: large enough that round trips stop mattering, small enough
for a modest Neo4j heap (Neo4j's guidance is 1k-50k entries per transaction)."""

UNIT_ROWS = 20_000
"""Rows one unit (one Neo4j transaction) writes at most. Neo4j holds a transaction's
changes in memory, about a kilobyte per entity, and refuses one that outgrows 70% of its
heap (``dbms.memory.transaction.total.max``): a 100,000-step journey in one transaction
failed on a 1 GB heap. A journey of up to about 3,500 steps is one unit; a larger one is
written in several, its fingerprint in the last, so until then it counts as incompletely
written, as on FalkorDB."""

SWITCH_INTERVAL = 0.0002
"""Seconds between GIL hand-overs while a sync prepares one journey and writes another."""

NODE_ORDER = (NodeKind.journey, NodeKind.stage, NodeKind.persona, NodeKind.step)
"""A journey's node kinds in the order they are written (relationships come after)."""

Progress = Callable[[str, int], None]
"""Called after each journey with its id and its number of steps, written or not."""


@dataclass
class SyncReport:
    """What a sync did."""

    target: str
    journeys_written: list[str] = field(default_factory=list)
    journeys_unchanged: list[str] = field(default_factory=list)
    journeys_removed: list[str] = field(default_factory=list)
    nodes_written: int = 0
    relationships_written: int = 0
    seconds: float = 0.0

    @property
    def entities_written(self) -> int:
        return self.nodes_written + self.relationships_written

    def summary(self) -> str:
        return (
            f"synced to {self.target}: {len(self.journeys_written)} journey(s) written, "
            f"{len(self.journeys_unchanged)} unchanged, {len(self.journeys_removed)} "
            f"removed; {self.nodes_written:,} nodes and {self.relationships_written:,} "
            f"relationships written in {self.seconds:.1f} s"
        )


def sync(
    workspace: Workspace,
    connection: Connection,
    *,
    full: bool = False,
    schema: bool = True,
    batch_rows: int = BATCH_ROWS,
    unit_rows: int = UNIT_ROWS,
    progress: Progress | None = None,
) -> SyncReport:
    """Make the database behind ``connection`` hold exactly ``workspace``.

    ``workspace`` must be valid (as ``ple.io.load_workspace`` returns it). ``schema=False``
    skips creating constraints and indexes (for a server that already has them, or
    cannot take Neo4j's schema statements). Raises StoreError.
    """
    from ple import __version__

    started = time.perf_counter()
    report = SyncReport(target=connection.config.describe())
    fingerprints = {jid: journey_fingerprint(j) for jid, j in workspace.journeys.items()}
    catalog = catalog_rows(workspace)
    state = workspace_state(connection)
    if state is not None and int(state.get("format", 0)) > STORE_FORMAT:
        raise StoreError(
            f"{report.target} holds a workspace written by a newer ple (store "
            f"format {state['format']}, this ple writes {STORE_FORMAT}); upgrade "
            "ple before syncing to it"
        )
    if schema:
        connection.ensure_schema()
    token = secrets.token_hex(8)
    marked = connection.write(
        cypher.MARK_SYNC_STARTED, {"key": cypher.WORKSPACE_KEY, "started": _now(), "token": token}
    )
    catalog_unchanged = not full and marked[0]["catalog"] == catalog_fingerprint(catalog)
    # Read after the mark: from now on no unit of an earlier sync can commit, so this is
    # what the database holds, and everything else in it is deleted below.
    stored = {row["id"]: row["fingerprint"] for row in connection.read(cypher.JOURNEY_FINGERPRINTS)}
    claim = _claim(connection, token, report.target)

    def write_unit(plan: Plan) -> None:
        for unit in _units(plan, unit_rows):
            connection.unit(lambda run, unit=unit: _run(run, [claim, *unit]))

    if not catalog_unchanged:
        write_unit(_catalog_plan(catalog, batch_rows))
        report.nodes_written += catalog.node_count
        report.relationships_written += catalog.relationship_count

    for journey_id in sorted(set(stored) - set(workspace.journeys)):
        write_unit(_removal_plan(journey_id))
        report.journeys_removed.append(journey_id)

    ordered = _baselines_first(workspace.journeys.values())
    changed = [j for j in ordered if full or stored.get(j.id) != fingerprints[j.id]]
    changed_ids = {j.id for j in changed}
    # closing: an error stops the preparing thread and restores the GIL switch interval
    with closing(_prepared(connection, changed, fingerprints, stored, batch_rows)) as prepared:
        for journey in ordered:
            if journey.id in changed_ids:
                ready = next(prepared)  # the same journey: plans come in `changed` order
                write_unit(ready.plan)
                report.journeys_written.append(journey.id)
                report.nodes_written += ready.nodes
                report.relationships_written += ready.relationships
            else:
                report.journeys_unchanged.append(journey.id)
            if progress is not None:
                progress(journey.id, len(journey.steps))

    if not catalog_unchanged:
        write_unit(_stale_catalog_plan(catalog))
    props = workspace_properties(workspace, catalog, fingerprints, _now(), __version__)
    write_unit([Statement(cypher.WRITE_WORKSPACE, {"key": cypher.WORKSPACE_KEY, "props": props})])
    report.seconds = time.perf_counter() - started
    return report


def clear(connection: Connection, batch_rows: int = BATCH_ROWS) -> int:
    """Delete every node (and relationship) with one of ple's labels; other data stays.
    Returns how many nodes were deleted."""
    deleted = 0
    for statement in cypher.CLEAR.values():
        while True:
            rows = connection.write(statement, {"limit": batch_rows})
            count = rows[0]["deleted"] if rows else 0
            deleted += count
            if count < batch_rows:
                break
    return deleted


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class Statement:
    """One statement of a unit, with what it must report."""

    text: str
    params: dict[str, Any] | None = None
    expect: int | None = None
    """Rows it must report written (``RETURN count(...) AS written``): a relationship
    whose end node is missing is never ignored."""
    refusal: str | None = None
    """The error when fewer rows were written, if not the one about a missing node."""
    rows: int = 0
    """How many rows it writes (its ``$rows``), counted before FalkorDB's encoding."""


Plan = list[Statement]


def _batches(rows: list[Row], size: int) -> Iterable[list[Row]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _nodes(kind: NodeKind, rows: list[Row], size: int) -> Plan:
    return [
        Statement(cypher.UPSERT_NODES[kind], {"rows": batch}, rows=len(batch))
        for batch in _batches(rows, size)
    ]


def _relationships(kind: EdgeKind, rows: list[Row], size: int) -> Plan:
    return [
        Statement(
            cypher.UPSERT_RELATIONSHIPS[kind], {"rows": batch}, expect=len(batch), rows=len(batch)
        )
        for batch in _batches(rows, size)
    ]


def _units(plan: Plan, limit: int) -> list[Plan]:
    """``plan`` cut, in order, into units of at most ``limit`` rows (a statement larger
    than that is a unit of its own). Most plans are one unit."""
    units: list[Plan] = [[]]
    rows = 0
    for statement in plan:
        if units[-1] and rows + statement.rows > limit:
            units.append([])
            rows = 0
        units[-1].append(statement)
        rows += statement.rows
    return units


def _catalog_plan(catalog: Rows, size: int) -> Plan:
    plan: Plan = []
    for kind in cypher.CATALOG_KINDS:
        plan += _nodes(kind, catalog.nodes.get(kind, []), size)
    for kind in cypher.CATALOG_EDGES:
        plan.append(Statement(cypher.DELETE_CATALOG_RELATIONSHIPS[kind]))
        plan += _relationships(kind, catalog.relationships.get(kind, []), size)
    return plan


def _removal_plan(journey_id: str) -> Plan:
    return [
        *(
            Statement(cypher.DELETE_SCOPED[kind], {"journey": journey_id})
            for kind in cypher.SCOPED_KINDS
        ),
        Statement(cypher.DELETE_JOURNEY, {"key": catalog_key(NodeKind.journey, journey_id)}),
    ]


def _journey_plan(journey: Journey, rows: Rows, fingerprint: str, size: int, new: bool) -> Plan:
    """``new``: the database had no node of this journey when the sync began, so there is
    nothing old to delete."""
    jid, key = journey.id, catalog_key(NodeKind.journey, journey.id)
    plan: Plan = []
    # The journey node's properties are replaced first, which drops its old fingerprint:
    # until the last statement below, the journey counts as incompletely written.
    for kind in NODE_ORDER:
        plan += _nodes(kind, rows.nodes.get(kind, []), size)
    if not new:
        # With no keys, Neo4j's planner scans every node of the kind instead of seeking the
        # journey index (NOT n.key IN [] tells it nothing), so "all of them" is said plainly.
        plan += [
            Statement(cypher.DELETE_STALE_SCOPED[kind], {"journey": jid, "keys": rows.keys(kind)})
            if rows.keys(kind)
            else Statement(cypher.DELETE_SCOPED[kind], {"journey": jid})
            for kind in cypher.SCOPED_KINDS
        ]
        plan.append(Statement(cypher.DELETE_JOURNEY_OUTGOING, {"key": key}))
        plan += [
            Statement(statement, {"journey": jid})
            for statement in cypher.DELETE_SCOPED_OUTGOING.values()
        ]
    for edge_kind, edge_rows in rows.relationships.items():
        plan += _relationships(edge_kind, edge_rows, size)
    plan.append(
        Statement(
            cypher.SET_JOURNEY_FINGERPRINT, {"key": key, "fingerprint": fingerprint}, expect=1
        )
    )
    return plan


def _claim(connection: Connection, token: str, target: str) -> Statement:
    """The first statement of each unit of the sync holding ``token`` (see CLAIM_SYNC)."""
    claim = Statement(
        cypher.CLAIM_SYNC,
        {"key": cypher.WORKSPACE_KEY, "token": token},
        expect=1,
        refusal=(
            f"another sync to {target} started after this one, and the "
            "database will hold its files; this sync stopped without writing "
            "more (run it again to make the database hold these files)"
        ),
    )
    return _prepare(connection, [claim])[0]


def _run(run: Runner, plan: Plan) -> None:
    for statement in plan:
        result = run.run(statement.text, statement.params)
        if statement.expect is not None:
            written = result[0]["written"] if result else 0
            if written != statement.expect and statement.refusal is not None:
                raise StoreError(statement.refusal)
            if written != statement.expect:
                raise StoreError(
                    f"only {written} of {statement.expect} rows could be written by "
                    f"{statement.text.split(' MERGE ')[-1][:60]!r}... (a node it joins is "
                    "missing); where the database has transactions nothing of this unit "
                    "was kept; run the sync again"
                )


def _prepare(connection: Connection, plan: Plan) -> Plan:
    """Each statement in the connection's own form, made ahead (off the writing thread)."""
    for statement in plan:
        statement.text, statement.params = connection.prepare(statement.text, statement.params)
    return plan


@dataclass
class _Prepared:
    journey: Journey
    nodes: int
    relationships: int
    plan: Plan


def _prepared(
    connection: Connection,
    journeys: list[Journey],
    fingerprints: dict[str, str],
    stored: dict[str, Any],
    size: int,
) -> Iterator[_Prepared]:
    """Each journey's plan, the next one built in a thread while the current one is written:
    building rows and encoding parameters overlaps the server's work instead of adding
    to it (a socket wait releases the GIL)."""

    def build(journey: Journey) -> _Prepared:
        rows = journey_rows(journey)
        _check_unique_keys(journey, rows)
        plan = _journey_plan(
            journey, rows, fingerprints[journey.id], size, new=journey.id not in stored
        )
        return _Prepared(
            journey, rows.node_count, rows.relationship_count, _prepare(connection, plan)
        )

    if not journeys:
        return
    # While the builder thread computes, a writing thread whose reply has arrived waits for
    # the GIL up to the switch interval (5 ms by default) at every step; on a batched sync
    # that added about a second per 100 journeys. A short interval while both run fixes it.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, SWITCH_INTERVAL))
    try:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="ple-sync") as pool:
            upcoming = pool.submit(build, journeys[0])
            for following in [*journeys[1:], None]:
                ready = upcoming.result()
                if following is not None:
                    upcoming = pool.submit(build, following)
                yield ready
    finally:
        sys.setswitchinterval(interval)


def _stale_catalog_plan(catalog: Rows) -> Plan:
    return [
        Statement(cypher.DELETE_STALE_CATALOG[kind], {"keys": catalog.keys(kind)})
        for kind in cypher.CATALOG_KINDS
    ]


def _baselines_first(journeys: Iterable[Journey]) -> list[Journey]:
    """File order, except that a journey's baseline comes before it (the BASELINE
    relationship needs both journey nodes)."""
    by_id = {j.id: j for j in journeys}
    ordered: list[Journey] = []
    placed: set[str] = set()

    def place(journey: Journey, seen: frozenset[str]) -> None:
        if journey.id in placed or journey.id in seen:
            return
        base = by_id.get(journey.baseline) if journey.baseline else None
        if base is not None:
            place(base, seen | {journey.id})
        placed.add(journey.id)
        ordered.append(journey)

    for journey in by_id.values():
        place(journey, frozenset())
    return ordered


def _check_unique_keys(journey: Journey, rows: Rows) -> None:
    for kind, node_rows in rows.nodes.items():
        keys = [row["key"] for row in node_rows]
        if len(set(keys)) != len(keys):
            raise StoreError(
                f"journey {journey.id!r} has two {kind.value}s with one id; "
                "run `ple validate` and fix the files before syncing"
            )
