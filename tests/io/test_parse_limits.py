"""Text that a parser could crash on, or silently cut short, is refused before parsing.

yaml_rs follows block nesting (``- - - ...``) until its stack overflows, which kills the
whole process (the app server for every user) at about 10,000 levels: 40 KB of text.
A NUL byte made it stop reading, so a three-step journey loaded as two. Each case is
refused with a message and a place, by both parsers.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from ple.io import load_workspace
from ple.io.parse import MAX_DEPTH, ParseFailure, check_text, decode, parse_fast, parse_located
from tests.conftest import ROOT

DEEP = {
    "a compact block sequence, 20,000 levels on one line": "- " * 20_000 + "x\n",
    "complex keys, 20,000 levels": "? - " * 20_000 + "x\n",
    "one level per line": "".join(" " * i + "- \n" for i in range(400)),
    "one mapping level per line": "".join(" " * i + "k:\n" for i in range(400)) + " " * 400 + "1\n",
    "block nesting under flow nesting": (
        "".join(" " * i + "- \n" for i in range(120)) + " " * 120 + "[" * 250 + "]" * 250 + "\n"
    ),
    "flow nesting past libyaml's own limit": "[" * 2_000 + "]" * 2_000,
    "anchored levels, one per line": "".join(" " * i + "- &a\n" for i in range(300)) + "x\n",
}


def both_parsers(text: str, suffix: str = ".yaml"):
    return [lambda: parse_fast(text, suffix), lambda: parse_located(text, suffix)]


@pytest.mark.parametrize("text", DEEP.values(), ids=DEEP.keys())
def test_nesting_past_the_limit_is_refused_by_both_parsers(text):
    for parse in both_parsers(text):
        with pytest.raises(ParseFailure, match=f"nesting deeper than {MAX_DEPTH} levels") as e:
            parse()
        assert e.value.code == "too-deep"
        assert e.value.line is not None


def test_nesting_up_to_the_limit_is_read():
    text = "".join(" " * i + "- \n" for i in range(MAX_DEPTH)) + " " * MAX_DEPTH + "x\n"
    value = parse_fast(text, ".yaml")
    for _ in range(MAX_DEPTH - 1):
        value = value[0]
    assert value == ["x"]


def test_deep_json_is_refused_before_python_recurses_over_it():
    text = '{"a": ' * 900 + "1" + "}" * 900
    for parse in both_parsers(text, ".json"):
        with pytest.raises(ParseFailure, match="nesting deeper than"):
            parse()


def test_ordinary_indentation_does_not_take_the_slow_check(monkeypatch):
    import ple.io.parse as parse

    def refuse(_text: str) -> None:
        raise AssertionError("the event parser ran on an ordinary file")

    monkeypatch.setattr(parse, "_refuse_deep_yaml", refuse)
    text = "journeys:\n" + "".join(f"  - id: j{i}\n    steps:\n      - id: s\n" for i in range(50))
    check_text(text, ".yaml")


CRASH = """
import sys
from ple.io.parse import ParseFailure, parse_fast
try:
    parse_fast("- " * 20000 + "x\\n", ".yaml")
except ParseFailure as failure:
    print(failure.message)
"""


def test_the_input_that_killed_the_process_now_fails_politely():
    """In a child process: were the guard missing, the child would die of a signal."""
    child = subprocess.run(
        [sys.executable, "-c", CRASH],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert child.returncode == 0, (child.returncode, child.stderr[-2000:])
    assert child.stdout.strip() == f"nesting deeper than {MAX_DEPTH} levels"


def test_ple_validate_reports_the_crash_file_and_exits_1(tmp_path):
    (tmp_path / "deep.yaml").write_text("- " * 20_000 + "x\n", encoding="utf-8")
    child = subprocess.run(
        [sys.executable, "-m", "ple", "validate", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert child.returncode == 1, (child.returncode, child.stderr[-2000:])
    assert "deep.yaml:1:513" in child.stdout + child.stderr
    assert "nesting deeper than 256 levels" in child.stdout + child.stderr


# --- bytes and characters that would cut a file short --------------------------------

THREE_STEPS = (
    "id: j\nname: J\nsteps:\n  - {id: a, name: A}\n  - {id: b, name: B}\n{}  - {id: c, name: C}\n"
)


def test_a_nul_byte_is_refused_with_its_place_not_read_as_the_end(write):
    folder = write("j.yaml", THREE_STEPS.replace("{}", "\x00").encode())
    result = load_workspace(folder)
    assert not result.ok
    [problem] = result.errors
    assert (problem.line, problem.column, problem.code) == (6, 1, "not-text")
    assert "NUL" in problem.message


def test_a_nul_in_a_first_line_comment_does_not_empty_the_file(write):
    folder = write("j.yaml", b"# notes \x00\n" + THREE_STEPS.replace("{}", "").encode())
    [problem] = load_workspace(folder).errors
    assert (problem.line, problem.column) == (1, 9)


@pytest.mark.parametrize("character", ["\x01", "\x1b", "\x7f", "\x9b", "\ufffe"])
def test_other_control_characters_are_refused_too(character):
    for parse in both_parsers(f"name: a{character}b\n"):
        with pytest.raises(ParseFailure, match="not allowed") as e:
            parse()
        assert (e.value.line, e.value.column) == (1, 8)


def test_tabs_and_windows_line_ends_are_still_text():
    assert parse_fast("a: b\tc\r\nd: e\r\n", ".yaml") == {"a": "b\tc", "d": "e"}


def test_utf16_without_a_byte_order_mark_is_named(write):
    folder = write("j.yaml", THREE_STEPS.replace("{}", "").encode("utf-16-be"))
    [problem] = load_workspace(folder).errors
    assert "UTF-16" in problem.message and problem.line == 1


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_named(encoding):
    with pytest.raises(ParseFailure, match=encoding.upper()) as e:
        decode("a: 1\n".encode(encoding))
    assert e.value.code == "not-utf8"


def test_a_byte_order_mark_of_utf8_is_fine():
    assert decode(b"\xef\xbb\xbfa: 1\n") == "a: 1\n"


def test_json_keeps_its_own_rules_for_control_characters():
    assert parse_fast('{"a": "b\\u0000c"}', ".json") == {"a": "b\x00c"}
    with pytest.raises(ParseFailure, match="NUL"):
        parse_fast('{"a": 1}\x00', ".json")
