"""Names with terminal escape sequences reach the terminal as visible marks, never as
sequences: a clipboard write (OSC 52), a hyperlink (OSC 8), a window title, a screen
clear, an 8-bit CSI and a bidirectional override, in tables and in messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from ple.cli.main import cli

CLIPBOARD = "\x1b]52;c;ZXZpbA==\x07"
LINK = "\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\"
HOSTILE = f"Evil {CLIPBOARD} {LINK} \x1b[2J \x9b31m \u202eevil \x7f"
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\x7f")


@pytest.fixture
def folder(write) -> Path:
    write(
        "catalog.yaml",
        r"""
        agencies:
          - {id: ssa, name: "SSA \e]52;c;ZXZpbA==\a"}
    """,
    )
    return write(
        "j.yaml",
        r"""
        id: j
        name: "Evil \e]52;c;ZXZpbA==\a \e]8;;http://evil.example\e\\link\e]8;;\e\\ \
          \e[2J \x9b31m \u202Eevil \x7f"
        steps:
          - {id: a, name: "Step \e]0;title\a", agency: ssa, end: true, channels: [online]}
          - {id: b, name: "Orphan \e[2J", agency: ssa, end: true}
    """,
    )


def test_escapes_become_visible_marks():
    from ple.cli.render import plain_text

    assert plain_text(HOSTILE) == (
        "Evil ␛]52;c;ZXZpbA==␇ ␛]8;;http://evil.example␛\\link"
        "␛]8;;␛\\ ␛[2J <U+009B>31m <U+202E>evil \u2421"
    )
    assert plain_text("two\nlines\tand a tab") == "two\nlines\tand a tab"


@pytest.mark.parametrize(
    "command",
    [
        ["info", "PATH"],
        ["query", "agencies", "PATH", "--journey", "j"],
        ["gaps", "PATH", "--fail-on", "never"],
        ["gaps", "PATH", "--fail-on", "never", "--format", "md"],
    ],
)
def test_tables_show_escapes_as_marks(folder: Path, command: list[str]):
    args = [str(folder) if word == "PATH" else word for word in command]
    result = CliRunner().invoke(cli, args)
    assert not [c for c in RAW if c in result.output], repr(result.output)
    assert "52;c;ZXZpbA==␇" in result.output


def test_messages_show_escapes_as_marks(write):
    folder = write(
        "j.yaml",
        r"""
        id: j
        name: J
        steps:
          - {id: a, name: A, agency: "\e]52;c;ZXZpbA==\a", end: true}
    """,
    )
    result = CliRunner().invoke(cli, ["validate", str(folder)])
    assert result.exit_code == 1
    assert not [c for c in RAW if c in result.stderr], repr(result.stderr)


def test_csv_to_a_file_keeps_the_data_as_it_is(folder: Path):
    result = CliRunner().invoke(cli, ["info", str(folder), "--format", "csv"])
    assert CLIPBOARD in result.stdout  # data, not a terminal: a reader gets what was written
