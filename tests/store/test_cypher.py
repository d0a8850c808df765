"""The Cypher module's own rules, checked on its text (no server needed)."""

from __future__ import annotations

import re

import pytest

from ple.graph.schema import EdgeKind, NodeKind
from ple.store import cypher
from ple.store.records import MEASURE_PROPERTIES, catalog_rows, journey_rows

STATEMENTS = cypher.all_statements()
PORTABLE = {name: text for name, text in STATEMENTS.items() if ":" not in name}

LABEL_USE = re.compile(r"\(\w*:(\w+)")
TYPE_USE = re.compile(r"\[\w*:([\w|]+)")
PROPERTY_USE = re.compile(r"\b(?:[a-z]|row|props)\.([a-z_]+)\b|\{([a-z_]+):")

STORE_ONLY = {
    "key",
    "fingerprint",
    "sync_started",
    "sync_token",
    "sync_claimed_by",
    "content",
    "catalog_fingerprint",
    "limit",
}
"""Properties (and one map key) the statements use beyond the graph's attributes."""


def test_every_statement_of_the_module_is_in_the_inventory():
    """The parser test and the FalkorDB tests see every statement only through
    all_statements(); a statement left out of it would go unchecked."""
    listed = set(STATEMENTS.values())
    for name, value in vars(cypher).items():
        if name.isupper() and not name.startswith("_") and isinstance(value, str) and " " in value:
            assert value in listed, name
        if name.isupper() and isinstance(value, dict):
            for statement in value.values():
                if isinstance(statement, str) and " " in statement:
                    assert statement in listed, name


def test_labels_and_types_come_from_the_allow_lists():
    labels = {*cypher.LABELS.values(), cypher.WORKSPACE_LABEL}
    types = set(cypher.RELATIONSHIP_TYPES.values())
    for name, text in STATEMENTS.items():
        assert set(LABEL_USE.findall(text)) <= labels, name
        used = {t for group in TYPE_USE.findall(text) for t in group.split("|")}
        assert used <= types, name


def test_the_allow_lists_are_the_schema_in_its_cases():
    assert cypher.LABELS[NodeKind.data_item] == "DataItem"
    assert cypher.RELATIONSHIP_TYPES[EdgeKind.has_stage] == "HAS_STAGE"
    assert set(cypher.LABELS) == set(NodeKind)
    assert set(cypher.ENDPOINTS) == set(EdgeKind)


@pytest.mark.parametrize(
    "name", ["Step) DETACH DELETE n //", "Person", "step", "", "NEXT`]->() //", "Step:Agency"]
)
def test_a_name_outside_the_allow_lists_is_refused(name):
    with pytest.raises(ValueError):
        cypher._checked(name)


def test_no_statement_holds_a_value():
    """Values travel only as parameters: no string literal, and no number but the
    constants of the statements themselves (``RETURN 1``, ``>= 2`` of 'shared', the
    ``*0..`` of a path search)."""
    for name, text in STATEMENTS.items():
        assert "'" not in text and '"' not in text, name
        numbers = re.findall(r"(?<![\w$])\d+(?![\w])", text)
        assert numbers in ([], ["1"], ["2"], ["0"]), (name, numbers)


def test_statements_name_only_known_properties(data_workspace):
    known = set(STORE_ONLY) | set(MEASURE_PROPERTIES)
    for part in [
        catalog_rows(data_workspace),
        *(journey_rows(j) for j in data_workspace.journeys.values()),
    ]:
        for group in (*part.nodes.values(), *part.relationships.values()):
            for row in group:
                known |= set(row["props"])
    known |= {"props", "source", "target", "order", "rows"}  # row fields
    for name, text in PORTABLE.items():
        used = {a or b for a, b in PROPERTY_USE.findall(text)}
        assert used <= known, (name, used - known)


def test_dialect_statements_cover_every_schema_entry():
    assert all(f"neo4j:{index.name}" in STATEMENTS for index in cypher.SCHEMA)
    assert all(f"falkordb:{index.label}.{index.property}" in STATEMENTS for index in cypher.SCHEMA)
    names = {index.name for index in cypher.SCHEMA}
    assert len(names) == len(cypher.SCHEMA)
    assert "ple_data_item_key" in names
