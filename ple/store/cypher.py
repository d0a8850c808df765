"""Every Cypher statement ``ple`` sends to a graph database, and nothing else.

The rules this module keeps (``docs/neo4j.md`` explains them for people):

- **One dialect.** The statements are written in the part of Cypher that Neo4j 5 and
  FalkorDB 4.16 both execute: ``UNWIND $rows`` + ``MERGE`` on keys, ``SET n = map``,
  ``OPTIONAL MATCH``, list comprehensions, ``collect(DISTINCT ...)``. Nothing from the
  list of what FalkorDB lacks (``EXISTS {}``, ``COUNT {}``, ``CALL (x) {}``, quantified
  path patterns, ``SHORTEST``, ``elementId()``, ``datetime()``, APOC).
- **Only known labels and relationship types.** They come from the allow-lists below
  (the node and edge kinds of ``ple.graph.schema``), are checked against a strict pattern,
  and are put into the statement text when this module is imported. Nothing a user typed
  ever becomes part of a statement.
- **Values only as parameters** (``$rows``, ``$key``...), never formatted into the text.
- **Dialect differences in one place**: the schema statements (constraints and indexes),
  how to list them, and where ``shortestPath`` may stand differ between the two
  databases; they are the ``Dialect`` section at the end of this file. Everything above
  it is sent unchanged to both.

``all_statements()`` lists every statement this module can produce; the test suite
parses each one with Neo4j's own Cypher parser and runs them on a real FalkorDB server.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ple.graph.schema import EdgeKind, NodeKind

# --- allow-lists ---------------------------------------------------------------------

LABELS: dict[NodeKind, str] = {
    NodeKind.journey: "Journey",
    NodeKind.stage: "Stage",
    NodeKind.step: "Step",
    NodeKind.persona: "Persona",
    NodeKind.agency: "Agency",
    NodeKind.program: "Program",
    NodeKind.data_item: "DataItem",
}
"""Node kind -> label: the kind in PascalCase (docs/graph-model.md)."""

WORKSPACE_LABEL = "Workspace"
"""The one store-only label: a single node holding the settings, the order of the
collections and the state of the last sync."""

WORKSPACE_KEY = "workspace"
"""The ``key`` of that single node."""

RELATIONSHIP_TYPES: dict[EdgeKind, str] = {kind: kind.value.upper() for kind in EdgeKind}
"""Edge kind -> relationship type: the kind in UPPER_CASE."""

ENDPOINTS: dict[EdgeKind, tuple[NodeKind, NodeKind]] = {
    EdgeKind.has_stage: (NodeKind.journey, NodeKind.stage),
    EdgeKind.has_persona: (NodeKind.journey, NodeKind.persona),
    EdgeKind.starts_at: (NodeKind.journey, NodeKind.step),
    EdgeKind.led_by: (NodeKind.journey, NodeKind.agency),
    EdgeKind.baseline: (NodeKind.journey, NodeKind.journey),
    EdgeKind.next: (NodeKind.step, NodeKind.step),
    EdgeKind.at_agency: (NodeKind.step, NodeKind.agency),
    EdgeKind.in_program: (NodeKind.step, NodeKind.program),
    EdgeKind.requests: (NodeKind.step, NodeKind.data_item),
    EdgeKind.for_persona: (NodeKind.step, NodeKind.persona),
    EdgeKind.run_by: (NodeKind.program, NodeKind.agency),
    EdgeKind.part_of: (NodeKind.agency, NodeKind.agency),
}
"""The label at each end of each relationship type (the schema's "from -> to")."""

CATALOG_KINDS = (NodeKind.agency, NodeKind.program, NodeKind.data_item)
SCOPED_KINDS = (NodeKind.stage, NodeKind.persona, NodeKind.step)
"""Node kinds that belong to one journey and carry its id as their ``journey`` property."""
CATALOG_EDGES = (EdgeKind.part_of, EdgeKind.run_by)

_NAME = re.compile(r"^[A-Z][A-Za-z]*(_[A-Z]+)*$")


def _checked(name: str) -> str:
    """A label or relationship type from the allow-lists, refused unless it is a plain
    identifier (so it can never close a pattern or start a clause)."""
    if (
        name != WORKSPACE_LABEL
        and name not in LABELS.values()
        and name not in RELATIONSHIP_TYPES.values()
    ):
        raise ValueError(f"{name!r} is not an allowed label or relationship type")
    if not _NAME.fullmatch(name):
        raise ValueError(f"{name!r} is not a plain identifier")
    return name


def label(kind: NodeKind) -> str:
    return _checked(LABELS[kind])


def rel_type(kind: EdgeKind) -> str:
    return _checked(RELATIONSHIP_TYPES[kind])


PING = "RETURN 1 AS ok"
"""The first statement on a new connection: checks the credentials and the database."""

# --- sync: writing a workspace ---------------------------------------------------------
#
# Rows are maps built by ple.store.records: nodes {key, props}, relationships
# {source, target, props} (plus {order} for NEXT). ``SET x = row.props`` replaces every
# property, so a property removed from the files disappears from the database too.

UPSERT_NODES: dict[NodeKind, str] = {
    kind: "UNWIND $rows AS row "
    f"MERGE (n:{label(kind)} {{key: row.key}}) "
    "SET n = row.props "
    "RETURN count(n) AS written"
    for kind in NodeKind
}


def _upsert_relationships(kind: EdgeKind) -> str:
    source, target = ENDPOINTS[kind]
    # A step may list two transitions to the same step (under different conditions), so
    # NEXT relationships are told apart by their position, as the networkx key does.
    merge_key = " {order: row.order}" if kind is EdgeKind.next else ""
    return (
        "UNWIND $rows AS row "
        f"MATCH (a:{label(source)} {{key: row.source}}) "
        f"MATCH (b:{label(target)} {{key: row.target}}) "
        f"MERGE (a)-[r:{rel_type(kind)}{merge_key}]->(b) "
        "SET r = row.props "
        "RETURN count(r) AS written"
    )


UPSERT_RELATIONSHIPS: dict[EdgeKind, str] = {kind: _upsert_relationships(kind) for kind in EdgeKind}

DELETE_STALE_SCOPED: dict[NodeKind, str] = {
    kind: f"MATCH (n:{label(kind)} {{journey: $journey}}) WHERE NOT n.key IN $keys DETACH DELETE n"
    for kind in SCOPED_KINDS
}
"""Stages, personas or steps of a journey that its files no longer have."""


def _leaving(kind: NodeKind) -> str:
    """``A|B|C``: the relationship types of the schema that leave a node of ``kind``."""
    return "|".join(rel_type(edge) for edge, (source, _) in ENDPOINTS.items() if source is kind)


DELETE_SCOPED_OUTGOING: dict[NodeKind, str] = {
    kind: f"MATCH (n:{label(kind)} {{journey: $journey}})-[r:{_leaving(kind)}]->() DELETE r"
    for kind in SCOPED_KINDS
    if _leaving(kind)
}
"""The schema's relationships leaving a journey's steps; they are written again after it.
(Only ple's types: a relationship someone added from a step to their own data stays.)"""

DELETE_JOURNEY_OUTGOING = (
    f"MATCH (j:{label(NodeKind.journey)} {{key: $key}})-[r:{_leaving(NodeKind.journey)}]->() "
    "DELETE r"
)

DELETE_SCOPED: dict[NodeKind, str] = {
    kind: f"MATCH (n:{label(kind)} {{journey: $journey}}) DETACH DELETE n" for kind in SCOPED_KINDS
}
"""All stages, personas or steps of a journey that was removed from the files."""

DELETE_JOURNEY = f"MATCH (j:{label(NodeKind.journey)} {{key: $key}}) DETACH DELETE j"

DELETE_STALE_CATALOG: dict[NodeKind, str] = {
    kind: f"MATCH (n:{label(kind)}) WHERE NOT n.key IN $keys DETACH DELETE n"
    for kind in CATALOG_KINDS
}

DELETE_CATALOG_RELATIONSHIPS: dict[EdgeKind, str] = {
    kind: f"MATCH (:{label(ENDPOINTS[kind][0])})-[r:{rel_type(kind)}]->() DELETE r"
    for kind in CATALOG_EDGES
}

CLEAR: dict[str, str] = {
    name: f"MATCH (n:{_checked(name)}) WITH n LIMIT $limit DETACH DELETE n "
    "RETURN count(n) AS deleted"
    for name in (*LABELS.values(), WORKSPACE_LABEL)
}
"""Every node with one of ple's labels, a batch at a time (other data is left alone)."""

JOURNEY_FINGERPRINTS = (
    f"MATCH (j:{label(NodeKind.journey)}) RETURN j.id AS id, j.fingerprint AS fingerprint"
)
"""What the database holds of each journey; an unchanged journey is not written again."""

SET_JOURNEY_FINGERPRINT = (
    f"MATCH (j:{label(NodeKind.journey)} {{key: $key}}) SET j.fingerprint = $fingerprint "
    "RETURN count(j) AS written"
)
"""The last write of a journey: a journey without a fingerprint is incompletely written."""

MARK_SYNC_STARTED = (
    f"MERGE (w:{_checked(WORKSPACE_LABEL)} {{key: $key}}) "
    "SET w.sync_token = $token "
    "WITH w, w.catalog_fingerprint AS catalog "
    "SET w.content = null, w.catalog_fingerprint = null, w.sync_started = $started "
    "RETURN catalog"
)
"""Before the first write: readers see that the database is being written, and the sync's
token says which sync owns the database now (the one that started last). It returns the
fingerprint of the catalog the last finished sync wrote (read under the node's lock, so
the latest), and clears it: a sync interrupted after changing the catalog leaves none."""

CLAIM_SYNC = (
    f"MATCH (w:{_checked(WORKSPACE_LABEL)} {{key: $key}}) "
    "SET w.sync_claimed_by = $token "
    "WITH w WHERE w.sync_token = $token "
    "RETURN count(w) AS written"
)
"""The first statement of every unit of a sync: it goes on only while no later sync has
started. The SET write-locks the Workspace node until the unit commits (Neo4j takes the
lock even when the value does not change), so a later sync's MARK_SYNC_STARTED waits for
the unit in flight, and the token is read after the lock is taken: two syncs racing never
interleave their units."""

WRITE_WORKSPACE = f"MATCH (w:{_checked(WORKSPACE_LABEL)} {{key: $key}}) SET w = $props"
"""After the last write (in a unit after CLAIM_SYNC): settings, collection order, and the
content fingerprint; the token and the sync's start are dropped."""

# --- load: reading a workspace back ----------------------------------------------------

READ_WORKSPACE = (
    f"MATCH (w:{_checked(WORKSPACE_LABEL)} {{key: $key}}) RETURN properties(w) AS props"
)

READ_CATALOG: dict[NodeKind, str] = {
    kind: f"MATCH (n:{label(kind)}) RETURN properties(n) AS props" for kind in CATALOG_KINDS
}

READ_PARENTS = (
    f"MATCH (a:{label(NodeKind.agency)})-[:{rel_type(EdgeKind.part_of)}]->"
    f"(p:{label(NodeKind.agency)}) RETURN a.id AS id, p.id AS parent"
)

READ_JOURNEYS = (
    f"MATCH (j:{label(NodeKind.journey)}) "
    f"OPTIONAL MATCH (j)-[:{rel_type(EdgeKind.baseline)}]->(b:{label(NodeKind.journey)}) "
    "RETURN properties(j) AS props, b.id AS baseline"
)

READ_SCOPED: dict[NodeKind, str] = {
    kind: f"MATCH (n:{label(kind)} {{journey: $journey}}) RETURN properties(n) AS props"
    for kind in SCOPED_KINDS
}

READ_TRANSITIONS = (
    f"MATCH (a:{label(NodeKind.step)} {{journey: $journey}})"
    f"-[r:{rel_type(EdgeKind.next)}]->(b:{label(NodeKind.step)}) "
    "RETURN a.id AS source, b.id AS target, properties(r) AS props"
)

# --- queries: the QueryBackend interface, answered on the server -----------------------

COUNT_BY_KEY: dict[NodeKind, str] = {
    kind: f"MATCH (n:{label(kind)} {{key: $key}}) RETURN count(n) AS found" for kind in NodeKind
}
"""Whether a journey, step, agency or program exists (unknown ids are errors)."""

CATALOG_IDS: dict[NodeKind, str] = {
    kind: f"MATCH (n:{label(kind)}) RETURN n.id AS id"
    for kind in (NodeKind.journey, *CATALOG_KINDS)
}
"""Ids of one kind, to suggest a close one when an id is unknown."""

SCOPED_IDS: dict[NodeKind, str] = {
    kind: f"MATCH (n:{label(kind)} {{journey: $journey}}) RETURN n.id AS id"
    for kind in SCOPED_KINDS
}

JOURNEY_IDS = CATALOG_IDS[NodeKind.journey]

JOURNEY_STATES = (
    f"MATCH (j:{label(NodeKind.journey)}) "
    f"OPTIONAL MATCH (j)-[:{rel_type(EdgeKind.baseline)}]->(b:{label(NodeKind.journey)}) "
    "RETURN j.id AS id, j.state AS state, b.id AS baseline"
)
"""Every journey's state and baseline, from which a scope chooses (ple.scope.select)."""

_HANDOFF_FILTERS = (
    "WHERE r.cross_agency = true "
    "AND ($journeys IS NULL OR r.journey IN $journeys) "
    "AND ($from_agency IS NULL OR a.agency = $from_agency) "
    "AND ($to_agency IS NULL OR b.agency = $to_agency) "
    "AND ($type IS NULL OR coalesce(r.handoff, $undocumented) = $type) "
    "RETURN r.journey AS journey, a.id AS from_step, b.id AS to_step, "
    "a.agency AS from_agency, b.agency AS to_agency, r.handoff AS type, "
    "r.shares AS shares, r.condition AS condition, r.order AS order"
)

HANDOFFS = (
    f"MATCH (a:{label(NodeKind.step)})-[r:{rel_type(EdgeKind.next)}]->"
    f"(b:{label(NodeKind.step)}) " + _HANDOFF_FILTERS
)
"""Cross-agency transitions of every journey, filtered by agency and type."""

HANDOFFS_IN_JOURNEY = (
    f"MATCH (a:{label(NodeKind.step)} {{journey: $journey}})-[r:{rel_type(EdgeKind.next)}]->"
    f"(b:{label(NodeKind.step)}) " + _HANDOFF_FILTERS
)
"""The same within one journey, starting from the journey's steps (indexed)."""

JOURNEY_AGENCIES = (
    f"MATCH (s:{label(NodeKind.step)} {{journey: $journey}})"
    f"-[:{rel_type(EdgeKind.at_agency)}]->(n:{label(NodeKind.agency)}) "
    "RETURN n.id AS id, n.name AS name, n.acronym AS acronym, n.hisp AS hisp, "
    "n.level AS level, count(s) AS steps"
)

JOURNEY_PROGRAMS = (
    f"MATCH (s:{label(NodeKind.step)} {{journey: $journey}})"
    f"-[:{rel_type(EdgeKind.in_program)}]->(n:{label(NodeKind.program)}) "
    "RETURN n.id AS id, n.name AS name, n.agency AS agency, "
    "n.assistance_listing AS assistance_listing, count(s) AS steps"
)

SHARED_EDGES: dict[str, EdgeKind] = {
    "agency": EdgeKind.at_agency,
    "program": EdgeKind.in_program,
    "data_item": EdgeKind.requests,
}
"""``shared_across_journeys`` kind -> the edge from a step to such a thing."""

JOURNEYS_TOUCHING: dict[EdgeKind, str] = {
    edge: f"MATCH (s:{label(NodeKind.step)})-[:{rel_type(edge)}]->"
    f"(:{label(ENDPOINTS[edge][1])} {{key: $key}}) "
    "WHERE $journeys IS NULL OR s.journey IN $journeys "
    "RETURN DISTINCT s.journey AS journey"
    for edge in (EdgeKind.at_agency, EdgeKind.in_program)
}

SHARED_ACROSS_JOURNEYS: dict[EdgeKind, str] = {
    edge: f"MATCH (s:{label(NodeKind.step)})-[:{rel_type(edge)}]->(n:{label(ENDPOINTS[edge][1])}) "
    "WHERE $journeys IS NULL OR s.journey IN $journeys "
    "WITH n, collect(DISTINCT s.journey) AS journeys "
    "WHERE size(journeys) >= 2 "
    "RETURN n.id AS id, n.name AS name, journeys"
    for edge in SHARED_EDGES.values()
}

# --- Dialect: the only statements that differ between Neo4j and FalkorDB --------------


@dataclass(frozen=True)
class Index:
    """A schema entry both databases get: unique ``key`` on every label, plus lookups."""

    label: str
    property: str
    unique: bool

    @property
    def name(self) -> str:
        """The Neo4j constraint or index name, e.g. ``ple_step_key``."""
        snake = re.sub(r"(?<!^)(?=[A-Z])", "_", self.label).lower()
        return f"ple_{snake}_{self.property}"


SCHEMA: tuple[Index, ...] = (
    *(Index(label(kind), "key", unique=True) for kind in NodeKind),
    Index(_checked(WORKSPACE_LABEL), "key", unique=True),
    *(Index(label(kind), "journey", unique=False) for kind in SCOPED_KINDS),
    *(Index(label(kind), "id", unique=False) for kind in (NodeKind.journey, *CATALOG_KINDS)),
)
"""Uniqueness of every node's ``key`` (the networkx node key), an index on ``journey`` for
the nodes of one journey, and on ``id`` for journeys and catalog items, which people look
up by id in their own queries."""


def neo4j_schema_statement(index: Index) -> str:
    """Neo4j 5: a named constraint or index, created only when missing."""
    if index.unique:
        return (
            f"CREATE CONSTRAINT {index.name} IF NOT EXISTS "
            f"FOR (n:{index.label}) REQUIRE n.{index.property} IS UNIQUE"
        )
    return f"CREATE INDEX {index.name} IF NOT EXISTS FOR (n:{index.label}) ON (n.{index.property})"


_PATH_STEP_START = (
    f"MATCH (u:{label(NodeKind.step)} {{key: $current}})-[r:{rel_type(EdgeKind.next)}]->"
    f"(v:{label(NodeKind.step)}) "
    f"MATCH (t:{label(NodeKind.step)} {{key: $target}}) "
)
_PATH_STEP_RETURN = "RETURN r.order AS order, v.key AS key, v.id AS id, "

PATH_STEP: dict[str, str] = {
    "neo4j": _PATH_STEP_START
    + f"OPTIONAL MATCH p = shortestPath((v)-[:{rel_type(EdgeKind.next)}*0..]->(t)) "
    + _PATH_STEP_RETURN
    + "length(p) AS distance",
    "falkordb": _PATH_STEP_START
    + _PATH_STEP_RETURN
    + f"length(shortestPath((v)-[:{rel_type(EdgeKind.next)}*0..]->(t))) AS distance",
}
"""One move of a shortest path: every transition leaving step ``$current``, with the
fewest moves from where it leads to step ``$target`` (0 when it is the target, null when
the target cannot be reached from there). The caller walks from the first step, each time
taking the transition that leads closest, the earlier-listed one among equals: the rule of
the networkx backend, computed by the server's own shortest-path search.

Not ``allShortestPaths``, which lists every shortest path and, on a journey that branches
and joins again and again, never finishes. The one dialect difference outside the schema:
FalkorDB runs ``shortestPath`` only as an expression (in WITH or RETURN), Neo4j 5 in a
MATCH. ``*0..`` lets both give 0 rather than an error when the two ends are one step.
"""

NEO4J_LIST_CONSTRAINTS = "SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties, type"
NEO4J_LIST_INDEXES = "SHOW INDEXES YIELD name, labelsOrTypes, properties, type"
NEO4J_LIST_DATABASES = "SHOW DATABASES YIELD name"
"""Run on the system database, to name the existing ones when a database is unknown."""


def falkordb_index_statement(index: Index) -> str:
    """FalkorDB: only the unnamed form exists, and it fails when the index exists (so the
    caller lists the indexes first). Uniqueness is a separate command, see
    :func:`falkordb_constraint_command`."""
    return f"CREATE INDEX FOR (n:{index.label}) ON (n.{index.property})"


FALKORDB_LIST_INDEXES = "CALL db.indexes() YIELD label, properties"
FALKORDB_LIST_CONSTRAINTS = "CALL db.constraints() YIELD type, label, properties, status"


def falkordb_constraint_command(graph: str, index: Index) -> tuple[str, ...]:
    """FalkorDB's unique constraint is a server command, not Cypher; it needs the index
    first, then becomes OPERATIONAL in the background."""
    return (
        "GRAPH.CONSTRAINT",
        "CREATE",
        graph,
        "UNIQUE",
        "NODE",
        index.label,
        "PROPERTIES",
        "1",
        index.property,
    )


# --- the inventory ---------------------------------------------------------------------


def _named(prefix: str, statements: dict) -> dict[str, str]:
    return {f"{prefix}[{getattr(k, 'value', k)}]": v for k, v in statements.items()}


def all_statements() -> dict[str, str]:
    """Every statement either database is sent, by name: the portable ones and the Neo4j
    dialect (``neo4j:`` names). FalkorDB's own schema statements are ``falkordb:``."""
    portable: dict[str, str] = {
        **_named("UPSERT_NODES", UPSERT_NODES),
        **_named("UPSERT_RELATIONSHIPS", UPSERT_RELATIONSHIPS),
        **_named("DELETE_STALE_SCOPED", DELETE_STALE_SCOPED),
        **_named("DELETE_SCOPED_OUTGOING", DELETE_SCOPED_OUTGOING),
        **_named("DELETE_SCOPED", DELETE_SCOPED),
        **_named("DELETE_STALE_CATALOG", DELETE_STALE_CATALOG),
        **_named("DELETE_CATALOG_RELATIONSHIPS", DELETE_CATALOG_RELATIONSHIPS),
        **_named("CLEAR", CLEAR),
        **_named("READ_CATALOG", READ_CATALOG),
        **_named("READ_SCOPED", READ_SCOPED),
        **_named("COUNT_BY_KEY", COUNT_BY_KEY),
        **_named("CATALOG_IDS", CATALOG_IDS),
        **_named("SCOPED_IDS", SCOPED_IDS),
        **_named("JOURNEYS_TOUCHING", JOURNEYS_TOUCHING),
        **_named("SHARED_ACROSS_JOURNEYS", SHARED_ACROSS_JOURNEYS),
    }
    for name in (
        "PING",
        "DELETE_JOURNEY_OUTGOING",
        "DELETE_JOURNEY",
        "JOURNEY_FINGERPRINTS",
        "SET_JOURNEY_FINGERPRINT",
        "MARK_SYNC_STARTED",
        "CLAIM_SYNC",
        "WRITE_WORKSPACE",
        "READ_WORKSPACE",
        "READ_PARENTS",
        "READ_JOURNEYS",
        "READ_TRANSITIONS",
        "HANDOFFS",
        "HANDOFFS_IN_JOURNEY",
        "JOURNEY_AGENCIES",
        "JOURNEY_PROGRAMS",
        "JOURNEY_STATES",
    ):
        portable[name] = globals()[name]
    neo4j = {f"neo4j:{index.name}": neo4j_schema_statement(index) for index in SCHEMA}
    neo4j["neo4j:PATH_STEP"] = PATH_STEP["neo4j"]
    neo4j["neo4j:NEO4J_LIST_CONSTRAINTS"] = NEO4J_LIST_CONSTRAINTS
    neo4j["neo4j:NEO4J_LIST_INDEXES"] = NEO4J_LIST_INDEXES
    neo4j["neo4j:NEO4J_LIST_DATABASES"] = NEO4J_LIST_DATABASES
    falkordb = {
        f"falkordb:{index.label}.{index.property}": falkordb_index_statement(index)
        for index in SCHEMA
    }
    falkordb["falkordb:PATH_STEP"] = PATH_STEP["falkordb"]
    falkordb["falkordb:FALKORDB_LIST_INDEXES"] = FALKORDB_LIST_INDEXES
    falkordb["falkordb:FALKORDB_LIST_CONSTRAINTS"] = FALKORDB_LIST_CONSTRAINTS
    return {**portable, **neo4j, **falkordb}
