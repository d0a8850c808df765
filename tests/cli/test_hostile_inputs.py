"""Every input shape finishes in seconds: each shape that once crashed a command, hung
it or ate the machine, run through the real command line.

Each test builds its input (nothing large is committed), runs ``ple`` in a child
process and holds it to one bargain (:meth:`tests.measured.Ran.held_up`): exit 0 or 1
with a message, no traceback, at most 10 seconds and 1 GB. The shapes come from an
adversarial run of 215 inputs against ``ple`` (issue 16).
"""

from __future__ import annotations

import io
import os
import textwrap
import zipfile
from pathlib import Path

import pytest

from tests.conftest import CATALOG
from tests.measured import run_ple

STEP = "  - {{id: s{0}, name: Step {0}, agency: ssa{1}}}\n"


def workspace(tmp_path: Path, journey: str, catalog: str = CATALOG) -> Path:
    """A workspace folder with the shared catalog and one journey file."""
    folder = tmp_path / "ws"
    folder.mkdir(exist_ok=True)
    (folder / "catalog.yaml").write_text(textwrap.dedent(catalog).lstrip(), encoding="utf-8")
    (folder / "journey.yaml").write_text(journey, encoding="utf-8")
    return folder


def chain(
    steps: int, *, loop: bool = False, reversed_order: bool = False, minutes: float = 5
) -> str:
    """One journey of ``steps`` steps, each leading to the next (the last back to the
    first with ``loop``), alternating two agencies, each asking for the same item."""
    lines = []
    for number in range(steps):
        agency = "ssa" if number % 2 else "cms"
        following = (number + 1) if number + 1 < steps else (0 if loop else None)
        tail = f", next: [{{to: s{following}}}]" if following is not None else ", end: true"
        lines.append(
            f"  - {{id: s{number}, name: Step {number}, agency: {agency}, "
            f"requests: [ssn], burden: {{minutes: {minutes}}}{tail}}}\n"
        )
    if reversed_order:
        lines.reverse()
    return "id: chain\nname: A long chain\nentry: [s0]\nsteps:\n" + "".join(lines)


# --- files that must not be opened, and files the parsers choked on -------------------


@pytest.mark.parametrize(
    "text",
    [
        "- " * 10_000 + "x\n",
        "".join(" " * i + "k:\n" for i in range(600)) + " " * 600 + "1\n",
        "[" * 10_000 + "]" * 10_000 + "\n",
    ],
    ids=["block nesting 10,000 deep", "mapping nesting 600 deep", "flow nesting 10,000 deep"],
)
def test_deep_yaml_is_refused(tmp_path, text):
    folder = workspace(tmp_path, text)
    ran = run_ple("validate", folder)
    ran.held_up()
    assert ran.returncode == 1 and "nesting deeper than 256 levels" in ran.stderr


def test_deep_json_is_refused(tmp_path):
    folder = workspace(tmp_path, "agencies: []\n")
    (folder / "deep.json").write_text('{"a": ' * 10_000 + "1" + "}" * 10_000)
    ran = run_ple("validate", folder)
    ran.held_up()
    assert "deep.json" in ran.stderr and "nesting deeper than" in ran.stderr


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_a_number_of_5000_digits_is_refused_with_its_place(tmp_path, suffix):
    digits = "9" * 5_000
    folder = workspace(tmp_path, "agencies: []\n")
    if suffix == ".json":
        text = '{"agencies": [{"id": "x", "name": "X", "hisp": ' + digits + "}]}"
    else:
        text = f"agencies:\n  - id: x\n    name: X\n    hisp: {digits}\n"
    (folder / f"big{suffix}").write_text(text)
    ran = run_ple("validate", folder)
    ran.held_up()
    assert ran.returncode == 1
    assert "has 5,000 digits, over the limit of 20 digits" in ran.stderr
    assert f"big{suffix}:" + ("1:" if suffix == ".json" else "4:") in ran.stderr


def test_five_bytes_that_broke_the_parser_are_a_message(tmp_path):
    folder = workspace(tmp_path, "? : :")
    ran = run_ple("validate", folder)
    ran.held_up()
    assert ran.returncode == 1 and "journey.yaml:1:3: not valid YAML" in ran.stderr


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_link_to_a_device_is_not_read(tmp_path, device):
    folder = workspace(tmp_path, "agencies: []\n")
    (folder / "endless.yaml").symlink_to(device)
    ran = run_ple("validate", folder)
    ran.held_up()
    assert ran.returncode == 1 and "endless.yaml: not read" in ran.stderr


def test_a_device_given_as_the_workspace_is_not_read():
    ran = run_ple("validate", "/dev/zero")
    ran.held_up()
    assert ran.returncode == 1 and "not read: a device" in ran.stderr


def test_a_symlink_loop_is_named(tmp_path):
    folder = workspace(tmp_path, "agencies: []\n")
    (folder / "a.yaml").symlink_to(folder / "b.yaml")
    (folder / "b.yaml").symlink_to(folder / "a.yaml")
    ran = run_ple("validate", folder)
    ran.held_up()
    assert "a.yaml: not read: a symbolic link that leads round in a loop" in ran.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_called_yaml_does_not_hang(tmp_path):
    folder = workspace(tmp_path, "agencies: []\n")
    os.mkfifo(folder / "x.yaml")
    ran = run_ple("validate", folder)
    ran.held_up()
    assert "x.yaml: not read: a named pipe (FIFO), not a regular file" in ran.stderr


def test_a_link_out_of_the_workspace_is_refused(tmp_path):
    folder = workspace(tmp_path, "agencies: []\n")
    secret = tmp_path / "elsewhere.yaml"
    secret.write_text("agencies: [{id: x, name: X}]\n")
    (folder / "shared.yaml").symlink_to(secret)
    ran = run_ple("validate", folder)
    ran.held_up()
    assert ran.returncode == 1 and "shared.yaml: not read: a link to" in ran.stderr
    assert "outside the workspace" in ran.stderr


def test_a_file_over_the_size_limit_is_not_read(tmp_path):
    folder = workspace(tmp_path, "agencies: []\n")
    with (folder / "huge.yaml").open("wb") as handle:  # sparse: costs no disk
        handle.truncate(65 * 2**20)
    ran = run_ple("validate", folder)
    ran.held_up()
    assert "huge.yaml: not read: the file is 65.0 MiB, over the limit of 64 MiB" in ran.stderr
    assert "PLE_MAX_FILE_MB" in ran.stderr


# --- journeys past a limit -------------------------------------------------------------


def test_a_journey_over_the_step_limit_is_refused_before_validation(tmp_path):
    steps = "".join(STEP.format(i, "") for i in range(20_001))
    folder = workspace(tmp_path, f"id: huge\nname: Huge\nsteps:\n{steps}")
    ran = run_ple("validate", folder)
    ran.held_up()
    assert (
        "journey.yaml:3:1: steps: the journey has 20,001 steps, over the limit of "
        "20,000 steps per journey (set PLE_MAX_STEPS to raise it)" in ran.stderr
    )


def test_the_step_limit_can_be_raised(tmp_path):
    steps = "".join(STEP.format(i, "") for i in range(30))
    folder = workspace(tmp_path, f"id: j\nname: J\nsteps:\n{steps}")
    assert "over the limit" in run_ple("validate", folder, env={"PLE_MAX_STEPS": "20"}).stderr
    run_ple("validate", folder, env={"PLE_MAX_STEPS": "30"}).held_up()


def test_a_step_with_too_many_branches_is_refused(tmp_path):
    targets = ", ".join(f"{{to: s{i}}}" for i in range(1, 1_002))
    steps = "".join(STEP.format(i, ", end: true") for i in range(1, 1_002))
    text = (
        f"id: wide\nname: Wide\nsteps:\n  - {{id: s0, name: Start, agency: ssa, "
        f"next: [{targets}]}}\n{steps}"
    )
    ran = run_ple("validate", workspace(tmp_path, text))
    ran.held_up()
    assert (
        "steps[0].next: the step has 1,001 next steps, over the limit of 1,000 "
        "branches per step" in ran.stderr
    )


def test_long_text_is_refused_with_its_length_not_echoed(tmp_path):
    text = (
        "id: j\nname: J\nsteps:\n"
        f"  - {{id: s, name: {'x' * 100_000}, agency: ssa, notes: {'y' * 20_000}, "
        "end: true}\n"
    )
    ran = run_ple("validate", workspace(tmp_path, text))
    ran.held_up()
    assert "steps[0].name: 'xxxx" in ran.stderr
    assert (
        "(100,000 characters) is 100,000 characters long, over the limit of 500 "
        "characters per name" in ran.stderr
    )
    assert (
        "over the limit of 10,000 characters per text field (set PLE_MAX_TEXT_LENGTH" in ran.stderr
    )
    assert len(ran.stderr) < 2_000


LONG_ID = "a" * 300


def test_a_300_character_id_is_refused_at_validation(tmp_path):
    folder = workspace(
        tmp_path,
        f"id: {LONG_ID}\nname: J\nsteps:\n  - {{id: s, name: S, agency: ssa, end: true}}\n",
    )
    ran = run_ple("validate", folder)
    ran.held_up()
    assert "over the limit of 100 characters per id" in ran.stderr
    exported = run_ple("export", folder, "--all", "--format", "md", "-o", tmp_path / "out")
    exported.held_up()
    assert exported.returncode == 1 and "File name too long" not in exported.stderr


def test_a_300_character_id_cannot_be_imported(tmp_path, exported_workbook):
    book = edited(
        exported_workbook,
        lambda xml: xml.replace("<t>retirement</t>", f"<t>{LONG_ID}</t>"),
        part="xl/worksheets/sheet1.xml",
    )
    ran = import_into(tmp_path, book)
    ran.held_up()
    assert ran.returncode == 1 and "File name too long" not in ran.stderr
    assert "characters per id" in ran.stderr
    assert not list((tmp_path / "ws").rglob(f"{LONG_ID[:50]}*"))


@pytest.mark.parametrize(
    "parent",
    ["x{i}", "a{previous}", "a{following}"],
    ids=["20,000 unknown parents", "a chain of 20,000 parents", "a loop of 20,000 parents"],
)
def test_many_problems_across_a_large_catalog_take_seconds(tmp_path, parent):
    """Each unknown id was compared with every agency for a suggestion, each agency
    walked its whole chain of parents, and each round of leaving out what an error
    touched went one parent further: minutes to hours."""
    size = 20_000
    lines = ["agencies:", "  - {id: a0, nam: first}" if "previous" in parent else ""]
    for i in range(1 if "previous" in parent else 0, size):
        wanted = parent.format(i=i, previous=i - 1, following=(i + 1) % size)
        lines.append(f"  - {{id: a{i}, name: A{i}, parent: {wanted}}}")
    folder = tmp_path / "ws"
    folder.mkdir()
    (folder / "catalog.yaml").write_text("\n".join(lines) + "\n")
    ran = run_ple("validate", folder)
    ran.held_up()
    assert ran.returncode == 1


# --- analysis on long journeys -----------------------------------------------------------


@pytest.mark.parametrize("command", ["gaps", "metrics", "equity"])
@pytest.mark.parametrize("shape", ["chain", "loop", "listed from its end"])
def test_analysis_of_a_10000_step_journey_takes_seconds(tmp_path, command, shape):
    text = chain(10_000, loop=shape != "chain", reversed_order=shape == "listed from its end")
    ran = run_ple(command, workspace(tmp_path, text))
    ran.held_up()


def test_burden_too_large_for_a_number_is_refused_at_validation(tmp_path):
    folder = workspace(tmp_path, chain(2, minutes=1.7e308))
    for args in (
        ["metrics", folder],
        ["export", folder, "--journey", "chain", "--format", "md", "-o", tmp_path / "chain.md"],
    ):
        ran = run_ple(*args)
        ran.held_up()
        assert ran.returncode == 1
        assert "burden.minutes: Input should be less than or equal to 10000000" in ran.stderr


# --- workbooks -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def exported_workbook(tmp_path_factory) -> bytes:
    """A real workbook of a small journey, written by ``ple export --format xlsx``."""
    from tests.conftest import SMALL

    target = tmp_path_factory.mktemp("xlsx") / "journey.xlsx"
    run_ple("export", SMALL, "--journey", "retirement", "--format", "xlsx", "-o", target).held_up()
    return target.read_bytes()


def edited(workbook: bytes, change, part: str = "xl/worksheets/sheet2.xml") -> bytes:
    """The workbook with one sheet's XML (the Steps sheet's unless ``part`` says
    otherwise) passed through ``change``."""
    source = zipfile.ZipFile(io.BytesIO(workbook))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            content = source.read(name)
            if name == part:
                content = change(content.decode()).encode()
            target.writestr(name, content)
    return buffer.getvalue()


def import_into(tmp_path: Path, workbook: bytes, env: dict[str, str] | None = None):
    from tests.conftest import SMALL

    folder = tmp_path / "ws"
    if not folder.exists():
        import shutil

        shutil.copytree(SMALL, folder)
    book = tmp_path / "book.xlsx"
    book.write_bytes(workbook)
    return run_ple("import", "xlsx", book, "-o", folder, "--replace", env=env)


def claims_a_huge_sheet(xml: str) -> str:
    import re

    return re.sub(r'<dimension ref="[^"]*" ?/>', '<dimension ref="A1:XFD1048576"/>', xml)


def many_empty_rows(xml: str) -> str:
    rows = "".join(
        f'<row r="{i}" customFormat="1" s="0"><c r="A{i}" s="0"/></row>'
        for i in range(100, 600_000)
    )
    return claims_a_huge_sheet(xml).replace("</sheetData>", rows + "</sheetData>")


def empty_last_row(xml: str) -> str:
    return xml.replace("</sheetData>", '<row r="1048576" customFormat="1"/></sheetData>')


@pytest.mark.parametrize(
    "change",
    [claims_a_huge_sheet, many_empty_rows, empty_last_row],
    ids=["a dimension of 1,048,576 x 16,384", "600,000 empty rows", "LibreOffice's empty last row"],
)
def test_blank_space_in_a_workbook_costs_nothing(tmp_path, exported_workbook, change):
    ran = import_into(tmp_path, edited(exported_workbook, change))
    ran.held_up()
    assert ran.returncode == 0, ran.stderr


def test_a_value_far_right_is_refused_at_its_cell(tmp_path, exported_workbook):
    far = '<row r="9"><c r="XFD9" t="inlineStr"><is><t>x</t></is></c></row>'
    ran = import_into(
        tmp_path,
        edited(exported_workbook, lambda xml: xml.replace("</sheetData>", far + "</sheetData>")),
    )
    ran.held_up()
    assert ran.returncode == 1
    assert "sheet Steps, row 9: a value in column XFD, past the limit of 200 columns" in ran.stderr


def test_rows_past_the_limit_are_refused(tmp_path, exported_workbook):
    ran = import_into(tmp_path, exported_workbook, env={"PLE_MAX_SHEET_ROWS": "5"})
    ran.held_up()
    assert ran.returncode == 1
    assert "has more than 5 rows that hold something, the limit of rows per sheet" in ran.stderr


def test_a_zip_bomb_is_refused_unopened(tmp_path, exported_workbook):
    bomb = edited(
        exported_workbook,
        lambda xml: xml.replace("</sheetData>", "</sheetData>" + " " * (70 * 2**20)),
    )
    assert len(bomb) < 2 * 2**20
    ran = import_into(tmp_path, bomb)
    ran.held_up()
    assert "the workbook unpacks to" in ran.stderr and "PLE_MAX_WORKBOOK_MB" in ran.stderr
