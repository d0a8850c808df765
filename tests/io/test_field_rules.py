"""Every constrained field of the format, given a value that breaks its rule, is told that
rule: its own pattern in words, its words, its bounds, its length.

The fields are found in the JSON Schema the format publishes (``ple schema``), so a field
added later is covered without touching this test; a new pattern fails here until it has
its words in :data:`ple.io.documents.PATTERN_RULES` and a phrase below.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from ple.io.documents import read_document
from ple.io.schema import workspace_file_schema

SCHEMA = workspace_file_schema()
DEFS = SCHEMA["$defs"]

PATTERN_PHRASES = {
    r"^[a-z0-9][a-z0-9-]*$": "not a valid id: use lowercase letters, digits and hyphens",
    r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$": "not a language tag",
    r"^#[0-9A-Fa-f]{6}$": "not a colour written as #RRGGBB",
    r"^[a-z][a-z0-9_]*$": "lowercase words joined by underscores",
    r"^\d{2}\.\d{3}[A-Z]?$": "not an Assistance Listing number",
    r"^\d{4}-\d{4}$": "not an OMB control number",
}
"""What the message of each pattern must say; each phrase belongs to one pattern only."""

Path = tuple[str | int, ...]


def constraints(
    node: dict[str, Any], path: Path, seen: frozenset[str]
) -> Iterator[tuple[Path, str, Any]]:
    """(path in a workspace file, constraint, its value) for every constraint below node."""
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        if name in seen:
            return
        yield from constraints(DEFS[name], path, seen | {name})
        return
    for option in node.get("anyOf", []):
        if option.get("type") != "null":
            yield from constraints(option, path, seen)
    for key in (
        "pattern",
        "enum",
        "maxLength",
        "minLength",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "minItems",
    ):
        if key in node:
            yield path, key, node[key]
    if "items" in node:
        yield from constraints(node["items"], (*path, 0), seen)
    for name, child in node.get("properties", {}).items():
        yield from constraints(child, (*path, name), seen)
    extra = node.get("additionalProperties")
    if isinstance(extra, dict):
        names = node.get("propertyNames", {})
        if "$ref" in names:
            names = DEFS[names["$ref"].rsplit("/", 1)[-1]]
        yield from constraints(extra, (*path, (names.get("enum") or ["x"])[0]), seen)


CASES = sorted(
    {
        (path, kind, repr(value)): (path, kind, value)
        for path, kind, value in constraints({"$ref": "#/$defs/CollectionsFile"}, (), frozenset())
    }.values(),
    key=lambda case: (str(case[0]), case[1]),
)


def breaking(kind: str, rule: Any) -> Any:
    """A value that breaks this one rule."""
    if kind == "maxLength":
        return "a" * (rule + 1)
    if kind in ("minimum", "maximum"):
        return rule - 1 if kind == "minimum" else rule + 1
    return {
        "pattern": "Not Valid!",
        "enum": "not-a-word",
        "minLength": "",
        "minItems": [],
        "exclusiveMinimum": rule,
        "exclusiveMaximum": rule,
    }[kind]


def expected(kind: str, rule: Any) -> list[str]:
    """Phrases the message must hold: the rule, in words."""
    if kind == "pattern":
        return [PATTERN_PHRASES[rule]]
    if kind == "enum":
        return ["is not one of: " + ", ".join(rule)]
    if kind == "maxLength":
        return [f"{rule:,}"]
    if kind == "minLength":
        return [f"at least {rule} character"]
    if kind == "minItems":
        return [f"at least {rule} item"]
    words = {
        "minimum": "greater than or equal to",
        "maximum": "less than or equal to",
        "exclusiveMinimum": "greater than",
        "exclusiveMaximum": "less than",
    }[kind]
    return [f"{words} {rule}"]


def document_with(path: Path, value: Any) -> Any:
    """A workspace file holding ``value`` at ``path`` and nothing else."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    inner = document_with(rest, value)
    return [inner] if isinstance(head, int) else {head: inner}


@pytest.mark.parametrize(
    ("path", "kind", "rule"), CASES, ids=[f"{'.'.join(map(str, p))}-{k}" for p, k, _ in CASES]
)
def test_a_broken_rule_is_told_its_own_rule(path, kind, rule):
    value = breaking(kind, rule)
    problems = read_document(document_with(path, value), "f.yaml").problems
    at = [p for p in problems if p.path == path]
    assert at, f"no problem at {path}: {[(p.path, p.message) for p in problems]}"
    messages = " | ".join(p.message for p in at)
    for phrase in expected(kind, rule):
        assert phrase in messages


def test_the_schema_is_walked_deep():
    kinds = {kind for _, kind, _ in CASES}
    assert {"pattern", "enum", "maxLength", "minLength", "minimum", "maximum"} <= kinds
    assert any(path[-1] == "assistance_listing" for path, _, _ in CASES)
    assert any("burden_by_channel" in path for path, _, _ in CASES)


def test_every_pattern_has_its_own_words():
    from ple.io.documents import PATTERN_RULES

    patterns = {rule for _, kind, rule in CASES if kind == "pattern"}
    assert patterns <= set(PATTERN_RULES) and patterns <= set(PATTERN_PHRASES)
    assert len(set(PATTERN_RULES.values())) == len(PATTERN_RULES)
