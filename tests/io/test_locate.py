"""Finding a problem's line by indentation gives the line the whole-file parse with
marks gives, for any YAML the fast parser accepts; and it reads a few lines, not the
file."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ple.errors import KeyPath
from ple.io import locate as locate_module
from ple.io.locate import positions_of
from ple.io.parse import ParseFailure, Positions, parse_fast, parse_located

keys = st.sampled_from(
    ["id", "name", "steps", "next", "to", "notes", "a b", "x:y", "-k", "handoff", "shares"]
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30),
    st.sampled_from(
        [
            "- not an item",
            "key: not a key",
            "line one\nline two\n  - three",
            "'quoted'",
            '"double"',
            "# not a comment",
            "[a, b]",
            "{a: 1}",
            "",
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=25,
)


def paths_in(value: object, prefix: KeyPath = ()) -> list[KeyPath]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, inner in value.items():
            found += paths_in(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += paths_in(inner, (*prefix, index))
    return found


def place(found: Positions, path: KeyPath) -> tuple[int, int] | None:
    for end in range(len(path), -1, -1):
        if path[:end] in found:
            return found[path[:end]]
    return None


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    value=st.dictionaries(keys, values, min_size=1, max_size=4),
    flow=st.sampled_from([False, None]),
    indent=st.sampled_from([2, 4]),
    width=st.sampled_from([20, 80]),
    comment=st.booleans(),
    data=st.data(),
)
def test_the_line_found_is_the_marked_line(value, flow, indent, width, comment, data):
    text = yaml.safe_dump(
        value,
        default_flow_style=flow,
        indent=indent,
        width=width,
        allow_unicode=True,
        sort_keys=False,
    )
    if comment:
        text = "# a comment\n\n" + text.replace("\n", "\n# between\n", 2)
    try:
        parsed = parse_fast(text, ".yaml")
        marked = parse_located(text, ".yaml")[1]
    except ParseFailure:
        assume(False)
    paths = paths_in(parsed)
    assume(paths)
    wanted = data.draw(st.lists(st.sampled_from(paths), min_size=1, max_size=4))
    wanted += [(*wanted[0], "missing")]
    for given_value in ({}, {"value": parsed, "parsed": True}):
        found = positions_of(text, ".yaml", wanted, **given_value)
        for path in wanted:
            assert place(found, path) == place(marked, path), (path, text)


def journey_file(steps: int) -> str:
    lines = ["id: j", "name: J", "steps:"]
    for number in range(steps):
        lines += [
            f"  - id: s{number}",
            f"    name: Step {number}",
            "    agency: ssa",
            "    next:",
            f"      - to: s{number + 1}",
            "        handoff:",
            "          type: warm",
        ]
    return "\n".join(lines) + "\n"


def test_only_the_lines_of_the_problem_are_parsed_with_marks(monkeypatch):
    text = journey_file(2_000)
    parsed: list[int] = []
    real = locate_module.parse_located

    def spy(part: str, suffix: str):
        parsed.append(len(part))
        return real(part, suffix)

    monkeypatch.setattr(locate_module, "parse_located", spy)
    found = positions_of(text, ".yaml", [("steps", 1_500, "next", 0, "handoff")])
    assert found[("steps", 1_500, "next", 0, "handoff")] == (3 + 7 * 1_500 + 6, 9)
    assert sum(parsed) < 200  # one step's lines, of a 240,000-character file


def test_flow_style_falls_back_to_the_whole_file():
    text = '{"steps": [{"id": "a"}, {"id": "b", "next": [{"to": "a"}]}]}\n'
    assert positions_of(text, ".yaml", [("steps", 1, "next", 0, "to")]) == {
        **parse_located(text, ".yaml")[1]
    }
