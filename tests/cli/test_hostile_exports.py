"""Every export finishes in seconds: each journey shape that once hung an export, crashed
it or passed a limit of the format, run through ``ple export`` in a child process.

Like :mod:`tests.cli.test_hostile_inputs`, each test builds its journey (nothing large
is committed) and holds the command to :meth:`tests.measured.Ran.held_up`: exit 0 or 1
with a message, no traceback, at most 10 seconds and 1 GB. A map past its limits is
refused at once, naming the limit; a map within them is drawn.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_hostile_inputs import chain, workspace
from tests.measured import run_ple

PICTURES = ["svg", "png", "pdf"]


def export(folder: Path, journey: str, fmt: str, out: Path, **env: str):
    """``ple export`` of one journey, measured."""
    return run_ple(
        "export",
        folder,
        "--journey",
        journey,
        "--format",
        fmt,
        "-o",
        out / f"{journey}.{fmt}",
        env=env or None,
    )


def dense(steps: int) -> str:
    """Every step leads to every later one, the agencies taking turns: 150 steps make
    11,175 moves."""
    agencies = ["ssa", "cms"]
    lines = []
    for i in range(steps):
        later = ", ".join(f"{{to: s{j}}}" for j in range(i + 1, steps))
        tail = f", next: [{later}]" if later else ", end: true"
        lines.append(f"  - {{id: s{i}, name: Step {i}, agency: {agencies[i % 2]}{tail}}}\n")
    return "id: dense\nname: Dense\nentry: [s0]\nsteps:\n" + "".join(lines)


def fan(branches: int) -> str:
    """One step with ``branches`` next steps, each an end."""
    targets = ", ".join(f"{{to: s{i}}}" for i in range(1, branches + 1))
    ends = "".join(
        f"  - {{id: s{i}, name: Step {i}, agency: {'cms' if i % 2 else 'ssa'}, end: true}}\n"
        for i in range(1, branches + 1)
    )
    return (
        f"id: fan\nname: Fan\nentry: [s0]\nsteps:\n"
        f"  - {{id: s0, name: Start, agency: ssa, next: [{targets}]}}\n{ends}"
    )


# --- maps too large to draw: refused at once, naming the limit ---------------------------


@pytest.fixture(scope="module")
def dense_ws(tmp_path_factory) -> Path:
    return workspace(tmp_path_factory.mktemp("dense"), dense(150))


@pytest.mark.parametrize("fmt", PICTURES)
def test_a_densely_connected_journey_is_refused_as_a_picture(dense_ws, tmp_path, fmt):
    """150 steps each leading to every later one: 11,175 arrows once ran for minutes."""
    ran = export(dense_ws, "dense", fmt, tmp_path)
    ran.held_up()
    assert ran.returncode == 1
    assert (
        f"journey 'dense' as {fmt}: the journey has 11,175 moves, over the limit of 600 "
        "moves per printed map (set PLE_MAX_PRINTED_MOVES to raise it)"
    ) in ran.stderr
    assert not list(tmp_path.iterdir())


def test_the_brief_of_a_journey_too_large_to_draw_says_so(dense_ws, tmp_path):
    ran = export(dense_ws, "dense", "md", tmp_path)
    ran.held_up()
    assert ran.returncode == 0
    brief = (tmp_path / "dense.md").read_text(encoding="utf-8")
    assert "*No swimlane map: the journey has 11,175 moves, over the limit of 600" in brief
    assert [p.name for p in tmp_path.iterdir()] == ["dense.md"]


def test_ten_thousand_branches_are_refused_at_validation(tmp_path):
    ran = export(workspace(tmp_path, fan(10_000)), "fan", "svg", tmp_path)
    ran.held_up()
    assert ran.returncode == 1
    assert "the step has 10,000 next steps, over the limit of 1,000 branches" in ran.stderr


def test_a_step_with_a_thousand_branches_is_refused_as_a_picture(tmp_path):
    ran = export(workspace(tmp_path, fan(1_000)), "fan", "png", tmp_path)
    ran.held_up()
    assert ran.returncode == 1
    assert (
        "the journey has 1,001 steps, over the limit of 300 steps per printed map "
        "(set PLE_MAX_PRINTED_STEPS to raise it)" in ran.stderr
    )


@pytest.mark.parametrize("fmt", ["svg", "png"])
def test_a_step_with_two_hundred_branches_is_drawn(tmp_path, fmt):
    """Within the limits, a wide step is drawn: its 200 arrows once took a quadratic
    search for tracks and places for their words."""
    ran = export(workspace(tmp_path, fan(200)), "fan", fmt, tmp_path)
    ran.held_up()
    assert ran.returncode == 0
    assert (tmp_path / f"fan.{fmt}").stat().st_size > 10_000


@pytest.fixture(scope="module")
def long_chain_ws(tmp_path_factory) -> Path:
    return workspace(tmp_path_factory.mktemp("chain"), chain(2_000))


def test_a_2000_step_chain_is_refused_as_a_png(long_chain_ws, tmp_path):
    """It once failed in FreeType ("invalid ppem"), drawn at 3 dots per inch."""
    ran = export(long_chain_ws, "chain", "png", tmp_path)
    ran.held_up()
    assert ran.returncode == 1
    assert "the journey has 2,000 steps, over the limit of 300 steps per printed map" in ran.stderr


def test_a_png_too_long_to_read_is_refused_with_its_resolution(long_chain_ws, tmp_path):
    """With the step limit raised, the PNG's resolution is the limit: never FreeType's."""
    ran = export(
        long_chain_ws,
        "chain",
        "png",
        tmp_path,
        PLE_MAX_PRINTED_STEPS="2000",
        PLE_MAX_PRINTED_MOVES="2000",
    )
    ran.held_up()
    assert ran.returncode == 1
    assert "invalid ppem" not in ran.stderr
    assert "inches; a PNG of at most 12,000 pixels a side would draw it at 3." in ran.stderr
    assert "under the limit of 30 dots per inch" in ran.stderr and "export svg or pdf" in ran.stderr


def test_a_2000_step_chain_is_drawn_in_the_html_page(long_chain_ws, tmp_path):
    ran = export(long_chain_ws, "chain", "html", tmp_path)
    ran.held_up()
    assert ran.returncode == 0


# --- text: long, or in letters the map's font lacks ------------------------------------------


def test_a_name_of_100000_characters_is_refused_at_validation(tmp_path):
    text = f"id: j\nname: J\nsteps:\n  - {{id: s, name: {'x' * 100_000}, agency: ssa, end: true}}\n"
    ran = export(workspace(tmp_path, text), "j", "svg", tmp_path)
    ran.held_up()
    assert ran.returncode == 1 and "over the limit of 500 characters per name" in ran.stderr


@pytest.fixture(scope="module")
def long_text_ws(tmp_path_factory) -> Path:
    """Every text at its limit, each one word: a name of 500 characters, a trigger and
    a pain point of 10,000 (one word of 3,000 characters once hung the SVG)."""
    word = "w" * 10_000
    text = (
        f"id: long\nname: {'n' * 500}\ntrigger: {word}\noutcome: {'o' * 3_000}\n"
        "stages: [{id: one, name: " + "s" * 500 + "}]\nsteps:\n"
        f"  - {{id: s, name: {'x' * 500}, agency: ssa, stage: one, "
        f"pain_points: [{word}, {' '.join(['word'] * 2_000)}], end: true}}\n"
    )
    return workspace(tmp_path_factory.mktemp("long"), text)


@pytest.mark.parametrize("fmt", ["svg", "png"])
def test_text_at_its_limits_is_wrapped_in_seconds(long_text_ws, tmp_path, fmt):
    ran = export(long_text_ws, "long", fmt, tmp_path)
    ran.held_up()
    assert ran.returncode == 0


@pytest.fixture(scope="module")
def letters_ws(tmp_path_factory) -> Path:
    """Names of mathematical bold letters, Chinese and Arabic, with a right-to-left
    override, zero-width space and joiner and a byte order mark."""
    name = (
        '"\\u202e\\U0001D400\\U0001D401\\u200b\\u200d\\ufeff \\u4e2d\\u6587 \\u0627\\u0644\\u0639"'
    )
    text = (
        f"id: letters\nname: {name}\nsteps:\n"
        f"  - {{id: s, name: {name}, agency: ssa, pain_points: [{name}], end: true}}\n"
    )
    return workspace(tmp_path_factory.mktemp("letters"), text)


@pytest.mark.parametrize("fmt", PICTURES)
def test_any_letter_and_invisible_characters_export(letters_ws, tmp_path, fmt):
    """Mathematical bold once stopped every picture (a missing glyph) and a byte order
    mark the PDF (IndexError)."""
    ran = export(letters_ws, "letters", fmt, tmp_path)
    ran.held_up()
    assert ran.returncode == 0


# --- what a format cannot store; files that cannot be written ---------------------------


def test_a_control_character_is_refused_by_the_workbook_with_its_cell(tmp_path):
    text = 'id: ctl\nname: "Bell\\a name"\nsteps:\n  - {id: s, name: S, agency: ssa, end: true}\n'
    folder = workspace(tmp_path, text)
    ran = export(folder, "ctl", "xlsx", tmp_path)
    ran.held_up()
    assert ran.returncode == 1
    assert (
        "journey 'ctl' as xlsx: sheet Journey, cell B3 (name): the text holds the "
        "control character U+0007, which an xlsx file cannot store" in ran.stderr
    )
    assert not (tmp_path / "ctl.xlsx").exists()
    kept = export(folder, "ctl", "yaml", tmp_path)
    kept.held_up()
    assert kept.returncode == 0


def test_export_all_writes_the_others_and_names_the_refused(dense_ws, tmp_path):
    (dense_ws / "small.yaml").write_text(
        "id: small\nname: Small\nsteps:\n  - {id: s, name: S, agency: ssa, end: true}\n"
    )
    ran = run_ple("export", dense_ws, "--all", "--format", "pdf", "-o", tmp_path / "out")
    (dense_ws / "small.yaml").unlink()
    ran.held_up()
    assert ran.returncode == 1 and "journey 'dense' as pdf" in ran.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["small.pdf"]


def test_an_output_name_too_long_for_the_file_system_is_a_message(dense_ws, tmp_path):
    ran = run_ple(
        "export",
        dense_ws,
        "--journey",
        "dense",
        "--format",
        "mermaid",
        "-o",
        tmp_path / ("m" * 300 + ".mmd"),
    )
    ran.held_up()
    assert ran.returncode == 1
    assert "error: cannot write" in ran.stderr and "File name too long" in ran.stderr
