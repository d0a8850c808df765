"""The fast and the located parser read YAML the same way: YAML 1.2's core schema."""

from __future__ import annotations

import math

import pytest

from ple.io.parse import ParseFailure, parse_fast, parse_located

SCALARS = [
    ("yes", "yes"),
    ("on", "on"),
    ("No", "No"),
    ("true", True),
    ("False", False),
    ("~", None),
    ("null", None),
    ("", None),
    ("010", 10),
    ("0o17", 15),
    ("0x1f", 31),
    ("1_000", 1000),
    ("-3", -3),
    ("+4", 4),
    ("1.5", 1.5),
    ("1e3", 1000.0),
    (".5", 0.5),
    ("2024-05-01", "2024-05-01"),
    ("12:30", "12:30"),
    ("'007'", "007"),
    ('"true"', "true"),
    ("-.inf", -math.inf),
    ("96.002", 96.002),
    ("'96.002'", "96.002"),
]


@pytest.mark.parametrize(("text", "expected"), SCALARS)
def test_both_parsers_resolve_scalars_alike(text, expected):
    document = f"k: {text}\n"
    fast = parse_fast(document, ".yaml")["k"]
    located = parse_located(document, ".yaml")[0]["k"]
    assert fast == located == expected
    assert type(fast) is type(located)


def test_located_parser_records_key_and_item_positions():
    value, positions = parse_located("steps:\n  - id: a\n    name: A\n", ".yaml")
    assert value == {"steps": [{"id": "a", "name": "A"}]}
    assert positions[("steps",)] == (1, 1)
    assert positions[("steps", 0)] == (2, 5)
    assert positions[("steps", 0, "name")] == (3, 5)


@pytest.mark.parametrize(
    "document",
    ["k: !custom 5\n", "k: !!python/name:os.system\n", "k: !!binary aGk=\n"],
)
def test_tags_are_refused_by_both(document):
    for parse in (parse_fast, lambda t, s: parse_located(t, s)[0]):
        with pytest.raises(ParseFailure, match="tags are not allowed"):
            parse(document, ".yaml")


def test_text_with_exclamation_marks_is_not_mistaken_for_a_tag():
    assert parse_fast("k: Apply now! It is quick !\n", ".yaml") == {"k": "Apply now! It is quick !"}


def test_recursive_alias_fails_instead_of_hanging():
    with pytest.raises(ParseFailure):
        parse_located("a: &a [*a]\n", ".yaml")
