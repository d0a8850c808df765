"""FalkorDB's parameter header (``cypher_params``), checked against a real server: any
value the model can hold, sent as a parameter, comes back from the server equal.

``cypher_params`` writes parameters as Cypher literals with ``json.dumps`` and a rewrite
of map keys, and writes some control characters raw; a mistake there would corrupt text
on its way into the database, or make the server refuse a workspace, so it is held to the
server itself on generated values rather than to expected strings."""

from __future__ import annotations

import math
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ple.store.connection import cypher_params
from tests.store.strategies import HOSTILE

pytestmark = pytest.mark.falkordb

INT64 = 2**63
texts = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00")),
    st.sampled_from(HOSTILE),
    st.text(st.sampled_from("\"\\'`{}:$\n\r\t\x01\x1f\x7f\u2028 ab"), max_size=12),
)
"""Any text a workspace file can hold (UTF-8, so no lone surrogates; the NUL character
is refused by the loader), with the characters that matter to a literal made common."""
keys = st.one_of(
    st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,8}", fullmatch=True),
    st.sampled_from(["key", "props", "MATCH", "null", "true", "u00", "_"]),
)
"""Map keys as the store writes them: property names."""
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-INT64, INT64 - 1),
    # FalkorDB replies with 15 significant digits, so a double within that of the largest
    # one comes back as infinity: the reply's limit, not the writer's.
    st.floats(-1e300, 1e300, allow_nan=False),
    texts,
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=12,
)


def same(sent: Any, back: Any) -> bool:
    """Equal, floats to the 15 significant digits FalkorDB's replies carry."""
    if isinstance(sent, bool) or sent is None or isinstance(sent, str):
        return type(back) is type(sent) and back == sent
    if isinstance(sent, int):
        return type(back) is int and back == sent
    if isinstance(sent, float):
        return isinstance(back, float) and math.isclose(back, sent, rel_tol=1e-14, abs_tol=1e-300)
    if isinstance(sent, list):
        return (
            isinstance(back, list)
            and len(back) == len(sent)
            and all(same(a, b) for a, b in zip(sent, back, strict=True))
        )
    return (
        isinstance(back, dict)
        and back.keys() == sent.keys()
        and all(same(sent[k], back[k]) for k in sent)
    )


@settings(
    max_examples=int(os.environ.get("PLE_EXAMPLES", "60")) * 3,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(params=st.dictionaries(keys, values, min_size=1, max_size=3))
def test_every_value_comes_back_from_the_server_as_sent(falkordb, params):
    names = list(params)
    statement = "RETURN " + ", ".join(f"${name} AS `{name}`" for name in names)
    [row] = falkordb.write(statement, params)  # a read finds no graph yet
    for name in names:
        assert same(params[name], row[name]), (name, params[name], row[name], cypher_params(params))


@settings(
    max_examples=int(os.environ.get("PLE_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=texts, number=st.integers(0, INT64 - 1))
def test_a_value_stored_as_a_property_is_read_back_as_written(falkordb, text, number):
    """What the sync does with every property: SET from a parameter, then MATCH by it."""
    falkordb.write(
        "CREATE (:ParamsTest {text: $text, number: $number})", {"text": text, "number": number}
    )
    found = falkordb.read(
        "MATCH (n:ParamsTest {text: $text}) RETURN n.text AS text, n.number AS number",
        {"text": text},
    )
    falkordb.write("MATCH (n:ParamsTest) DELETE n")
    assert found == [{"text": text, "number": number}]
