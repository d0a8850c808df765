"""Tables fit the terminal: long cells wrap within their column, a table too wide for
its ids becomes one block per row, and the machine formats do not change.

Before, ``ple gaps`` printed rows 700 characters and more wide, whatever the terminal."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from click.testing import CliRunner
from rich.cells import cell_len

from ple.cli.main import cli
from ple.cli.render import table
from tests.conftest import DATA

MESSAGE = " ".join(f"word{n}" for n in range(120))
ROWS = [
    {
        "severity": "warning",
        "rule": "cold-handoff",
        "step": "apply-retirement",
        "message": MESSAGE,
        "accepted": False,
    },
    {"severity": "info", "rule": "dead-end", "step": None, "message": "Short.", "accepted": True},
]
COLUMNS = ["severity", "rule", "step", "message", "accepted"]


def column_text(text: str, name: str) -> list[str]:
    """Each row's cell of column ``name``, read back from a fitted table by position (a
    row starts on a line whose first column is filled)."""
    header, _, *lines = text.splitlines()
    start = header.index(name)
    following = re.compile(r" \S").search(header, start + len(name))
    end = following.start() + 1 if following else None
    cells: list[list[str]] = []
    for line in lines:
        if line[:1] != " ":
            cells.append([])
        cells[-1].append(line[start:end].strip())
    return [" ".join(part for part in cell if part) for cell in cells]


@pytest.mark.parametrize("width", [80, 120])
def test_a_long_message_wraps_within_its_column(width):
    text = table(ROWS, COLUMNS, width=width)
    assert max(cell_len(line) for line in text.splitlines()) <= width
    assert column_text(text, "message") == [MESSAGE, "Short."]
    assert column_text(text, "step")[0] == "apply-retirement"  # ids stay whole


def test_without_a_width_each_row_stays_on_one_line():
    lines = table(ROWS, COLUMNS).splitlines()
    assert len(lines) == 4 and MESSAGE in lines[2]


def test_a_table_too_wide_for_its_ids_becomes_one_block_per_row():
    wide = [{f"column_{n}": f"value-number-{n}" for n in range(12)}]
    text = table(wide, list(wide[0]), width=60)
    assert text.splitlines()[:2] == ["column_0   value-number-0", "column_1   value-number-1"]
    assert max(cell_len(line) for line in text.splitlines()) <= 60


def test_user_text_is_shown_as_written_and_wide_letters_count_double():
    rows = [{"name": "[bold]Apply[/bold] :smile: " + "漢字 " * 30, "id": "x"}]
    text = table(rows, ["name", "id"], width=40)
    assert "[bold]Apply[/bold] :smile:" in text
    assert max(cell_len(line) for line in text.splitlines()) <= 40


def gaps(*options: str, columns: str | None = None):
    env = {"COLUMNS": columns} if columns else {}
    return CliRunner(env=env).invoke(cli, ["gaps", str(DATA), "--fail-on", "never", *options])


@pytest.mark.parametrize("width", ["80", "120"])
def test_ple_gaps_fits_the_terminal_and_keeps_every_word(width):
    result = gaps(columns=width)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= int(width)
    findings = json.loads(gaps("--format", "json").stdout)["findings"]
    words = result.stdout.split()
    for finding in findings:  # every word of every message, in order
        at = 0
        for word in finding["message"].split():
            at = words.index(word, at) + 1


@pytest.mark.parametrize("fmt", ["csv", "json", "md"])
def test_the_machine_formats_do_not_depend_on_the_terminal(fmt):
    plain, narrow = gaps("--format", fmt), gaps("--format", fmt, columns="80")
    assert plain.stdout == narrow.stdout
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(plain.stdout)))
        assert len(rows) == len(json.loads(gaps("--format", "json").stdout)["findings"])
        assert max(len(r["message"]) for r in rows) > 400  # not wrapped, not cut
