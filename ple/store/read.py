"""Read a workspace back from a graph database into the model, equal to what was synced.

``load(connection)`` returns the same :class:`~ple.model.Workspace` that ``sync`` wrote:
``load(sync(w)) == w``, and the collections come back in the order of the files. So the
gap analysis, the metrics, the exports and the app work on a database-held portfolio
exactly as on the files. Floats come back exact from Neo4j; FalkorDB's replies carry 15
significant digits (see docs/neo4j.md).

The database is read journey by journey (its node, stages, personas, steps and
transitions), and what is read is validated like files are: the models, then the
references between them. A database that was edited by hand into something invalid is
refused with the first problem found.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from pydantic import ValidationError

from ple.errors import Severity
from ple.graph.schema import NodeKind
from ple.io.references import find_reference_problems
from ple.model import Workspace
from ple.model.workspace import Origin
from ple.store import cypher
from ple.store.config import StoreError
from ple.store.connection import Connection
from ple.store.records import (
    STORE_FORMAT,
    agency_from,
    data_item_from,
    in_order,
    journey_from,
    opportunities_from,
    program_from,
    settings_from,
    sharing_from,
    touchpoints_from,
)


def workspace_state(connection: Connection) -> dict[str, Any] | None:
    """The Workspace node's properties, or None when the database holds no workspace."""
    rows = connection.read(cypher.READ_WORKSPACE, {"key": cypher.WORKSPACE_KEY})
    return dict(rows[0]["props"]) if rows else None


def content_version(connection: Connection) -> str:
    """A fingerprint of the database's content, for caches (one small query).

    Raises StoreError when there is no complete workspace, as :func:`load` would.
    """
    return _checked_state(connection)["content"]


def _checked_state(connection: Connection) -> dict[str, Any]:
    where = connection.config.describe()
    state = workspace_state(connection)
    command = f"ple sync PATH --backend {connection.config.backend}"
    if state is None:
        raise StoreError(f"{where} holds no ple workspace yet; write one with `{command}`")
    if int(state.get("format", 0)) > STORE_FORMAT:
        raise StoreError(
            f"{where} was written by a newer ple (store format "
            f"{state['format']}, this ple reads {STORE_FORMAT}); upgrade ple"
        )
    if state.get("content") is None:
        raise StoreError(
            f"the last sync to {where} has not finished (it is running, or was "
            f"interrupted); wait for it, or run `{command}` again"
        )
    return state


def load(connection: Connection) -> Workspace:
    """The workspace held by the database. Raises StoreError."""
    where = connection.config.describe()
    state = _checked_state(connection)
    try:
        return _read(connection, state, where)
    except ValidationError as error:
        first = error.errors()[0]
        place = ".".join(str(p) for p in first["loc"])
        raise StoreError(
            f"{where} holds data ple cannot read ({place}: {first['msg']}); "
            "was it edited outside ple? Sync the files again"
        ) from error


def _read(connection: Connection, state: dict[str, Any], where: str) -> Workspace:
    read = connection.read
    parents = {row["id"]: row["parent"] for row in read(cypher.READ_PARENTS)}
    catalogs: dict[NodeKind, dict[str, Any]] = {}
    for kind in cypher.CATALOG_KINDS:
        catalogs[kind] = {
            row["props"]["id"]: row["props"] for row in read(cypher.READ_CATALOG[kind])
        }
    agencies = {
        i: agency_from(catalogs[NodeKind.agency][i], parents.get(i))
        for i in in_order(catalogs[NodeKind.agency], state.get("agencies"))
    }
    programs = {
        i: program_from(catalogs[NodeKind.program][i])
        for i in in_order(catalogs[NodeKind.program], state.get("programs"))
    }
    data_items = {
        i: data_item_from(catalogs[NodeKind.data_item][i])
        for i in in_order(catalogs[NodeKind.data_item], state.get("data_items"))
    }

    journey_rows = {row["props"]["id"]: row for row in read(cypher.READ_JOURNEYS)}
    journeys = {}
    for journey_id in in_order(journey_rows, state.get("journeys")):
        row = journey_rows[journey_id]
        if row["props"].get("fingerprint") is None:
            raise StoreError(
                f"journey {journey_id!r} in {where} is incompletely written (a "
                "sync was interrupted); run `ple sync` again"
            )
        scoped = {
            kind: [r["props"] for r in read(cypher.READ_SCOPED[kind], {"journey": journey_id})]
            for kind in cypher.SCOPED_KINDS
        }
        transitions: defaultdict[str, list[tuple[str, dict]]] = defaultdict(list)
        for move in read(cypher.READ_TRANSITIONS, {"journey": journey_id}):
            transitions[move["source"]].append((move["target"], dict(move["props"])))
        journeys[journey_id] = journey_from(
            row["props"],
            row["baseline"],
            scoped[NodeKind.stage],
            scoped[NodeKind.persona],
            scoped[NodeKind.step],
            transitions,
        )

    # Every item's origin is the database, so problems (and anything else that reports
    # where an item came from) name it.
    opportunities = opportunities_from(state)
    origins = {
        (collection, item_id): Origin(where, (collection, item_id))
        for collection, items in (
            ("agencies", agencies),
            ("programs", programs),
            ("data_items", data_items),
            ("journeys", journeys),
            ("opportunities", opportunities),
        )
        for item_id in items
    }
    sharing = sharing_from(state)
    origins.update({("sharing", key): Origin(where, ("sharing", key)) for key in sharing})
    touchpoints = touchpoints_from(state)
    origins.update({("touchpoints", t): Origin(where, ("touchpoints", t)) for t in touchpoints})
    workspace = Workspace(
        agencies=agencies,
        programs=programs,
        data_items=data_items,
        journeys=journeys,
        settings=settings_from(state),
        sharing=sharing,
        touchpoints=touchpoints,
        opportunities=opportunities,
        origins=origins,
    )
    _check_references(workspace, where)
    return workspace


def _check_references(workspace: Workspace, where: str) -> None:
    """Refuse what the file loader would refuse: ids that name nothing, duplicates."""
    errors = [p for p in find_reference_problems(workspace) if p.severity is Severity.error]
    if errors:
        first = errors[0]
        raise StoreError(
            f"{where} holds an inconsistent workspace ({first.field}: "
            f"{first.message}); was it edited outside ple? Sync the files again"
        )
