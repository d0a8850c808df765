"""Saving rewrites only what changed: the same content gives the same bytes, one edited
cell changes one line, and comments, quoting and odd formatting elsewhere stay."""

from __future__ import annotations

import copy
import difflib
from pathlib import Path

import pytest

from ple.edit import yamltext
from ple.io.parse import parse_fast
from ple.model import Journey
from ple.sheets.closure import plain
from tests.conftest import ROOT

JOURNEY_FILES = sorted((ROOT / "data" / "ples").glob("*.yaml")) + sorted(
    (ROOT / "data-benefit-finder" / "ples").glob("*.yaml")
)
"""The bundled journeys, and the imported ones, which another tool wrapped at 100
characters (ruamel would unwrap those lines if the patch step did not keep them)."""


def save(text: str, journey: dict, suffix: str = ".yaml") -> str:
    return yamltext.render(
        text, suffix, lambda document: yamltext.merge_journey(document, (), journey)
    )


def canonical(text: str, suffix: str = ".yaml") -> dict:
    """The journey as the editor holds it: validated, then dumped without defaults."""
    value = parse_fast(text, suffix)
    return plain(
        Journey.model_validate({k: v for k, v in value.items() if k not in yamltext.SIDE_KEYS})
    )


def changed_lines(old: str, new: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


@pytest.mark.parametrize("file", JOURNEY_FILES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_an_unchanged_save_gives_the_same_bytes(file: Path):
    text = file.read_text(encoding="utf-8")
    assert save(text, canonical(text)) == text


@pytest.mark.parametrize("file", JOURNEY_FILES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_one_edited_cell_changes_one_line(file: Path):
    text = file.read_text(encoding="utf-8")
    journey = canonical(text)
    step = journey["steps"][len(journey["steps"]) // 2]
    old_name = step["name"]
    step["name"] = "Renamed in a workshop"
    lines = changed_lines(text, save(text, journey))
    assert len(lines) == 2, lines
    assert lines[0].startswith("-") and old_name in lines[0].replace("''", "'")
    assert lines[1].endswith("Renamed in a workshop") or "Renamed in a workshop" in lines[1]


def test_a_number_keeps_its_spelling_when_the_table_says_the_same():
    text = (
        "id: j\nname: J\nsteps:\n  - id: a\n    name: A\n    agency: x\n"
        "    burden: {minutes: 20, cost_usd: 0.50}\n    end: true\n"
    )
    journey = canonical(text)
    journey["steps"][0]["burden"]["minutes"] = 20.0
    assert save(text, journey) == text


COMMENTED = """\
# Retirement, as mapped in the March workshop.
id: retire   # do not rename: other teams link to it
name: Retire
state: current
steps:
  # The customer starts online.
  - id: check
    name: "Check the estimate"
    agency: ssa
    channels: [online]   # phone was dropped in 2023
    next:
      - to: apply

  - id: apply
    name: Apply
    agency: ssa
    notes: >-
      A long note that another editor folded over
      two lines.
    end: true
"""


def test_comments_quotes_and_folded_text_stay_where_they_were():
    journey = canonical(COMMENTED)
    journey["steps"][1]["name"] = "Apply online"
    journey["steps"][0]["languages"] = ["en", "es"]
    result = save(COMMENTED, journey)
    assert changed_lines(COMMENTED, result) == [
        "+    languages: [en, es]",
        "-    name: Apply",
        "+    name: Apply online",
    ]
    assert "# phone was dropped in 2023" in result and '"Check the estimate"' in result


def test_inserting_a_step_adds_lines_and_moves_nothing():
    journey = canonical(COMMENTED)
    journey["steps"].insert(
        1,
        {
            "id": "wait",
            "name": "Wait for the letter",
            "agency": "ssa",
            "burden": {"wait_days": 10},
            "next": [{"to": "apply"}],
        },
    )
    journey["steps"][0]["next"] = [{"to": "wait"}]
    result = save(COMMENTED, journey)
    lines = changed_lines(COMMENTED, result)
    assert all(line.startswith("+") for line in lines), lines  # nothing else moved
    assert len(lines) == 7  # the step's six lines, its blank line; "to: apply" is reused
    assert "    next:\n      - to: wait\n\n  - id: wait\n" in result
    assert canonical(result) == journey


def test_deleting_and_reordering_steps_keeps_each_steps_own_lines():
    journey = canonical(COMMENTED)
    journey["steps"].reverse()
    result = save(COMMENTED, journey)
    assert canonical(result) == journey
    assert "    notes: >-\n      A long note that another editor folded over\n" in result
    journey["steps"] = journey["steps"][:1]
    journey["steps"][0].pop("end")
    result = save(COMMENTED, journey)
    assert "id: check" not in result and "# The customer starts online." in result


def test_clearing_a_value_removes_its_line_and_defaults_written_out_stay():
    journey = canonical(COMMENTED)
    del journey["steps"][0]["channels"]
    assert "state" not in journey  # the default, as the editor holds it
    result = save(COMMENTED, journey)
    assert changed_lines(COMMENTED, result) == [
        "-    channels: [online]   # phone was dropped in 2023"
    ]


def test_a_json_file_keeps_its_layout():
    text = (
        '{\n  "id": "j",\n  "name": "J",\n  "steps": [\n    {\n      "id": "a",\n'
        '      "name": "A",\n      "agency": "x",\n      "end": true\n    }\n  ]\n}\n'
    )
    journey = canonical(text, ".json")
    assert save(text, journey, ".json") == text
    journey["steps"][0]["name"] = "Á"
    assert changed_lines(text, save(text, journey, ".json")) == [
        '-      "name": "A",',
        '+      "name": "Á",',
    ]


def test_windows_line_endings_and_a_byte_order_mark_are_kept():
    text = "\ufeff" + COMMENTED.replace("\n", "\r\n")
    journey = canonical(COMMENTED)
    assert save(text, journey) == text
    journey["name"] = "Retire well"
    result = save(text, journey)
    assert result.startswith("\ufeff") and result.count("\r\n") == text.count("\r\n")
    assert "name: Retire well\r\n" in result


def test_a_collection_file_keeps_other_entries_untouched():
    text = (
        "agencies:\n  - id: ssa   # Social Security\n    name: SSA\n"
        "  - {id: irs, name: IRS}\nprograms: []\n"
    )

    def edit(document):
        yamltext.merge_collection(
            document,
            "agencies",
            [
                {"id": "ssa", "name": "SSA"},
                {"id": "irs", "name": "Internal Revenue Service"},
                {"id": "cms", "name": "CMS"},
            ],
        )

    result = yamltext.render(text, ".yaml", edit)
    assert changed_lines(text, result) == [  # a new entry is written like most others
        "-  - {id: irs, name: IRS}",
        "+  - {id: irs, name: Internal Revenue Service}",
        "+  - id: cms",
        "+    name: CMS",
    ]
    assert "# Social Security" in result


def test_the_patch_keeps_regions_the_writer_would_reformat():
    original = "a: 1\nlong: one\n  two\nb: 2\n"
    before = "a: 1\nlong: one two\nb: 2\n"
    assert (
        yamltext.minimal_patch(original, before, "a: 9\nlong: one two\nb: 2\n")
        == "a: 9\nlong: one\n  two\nb: 2\n"
    )
    assert (
        yamltext.minimal_patch(original, before, "a: 1\nlong: one three\nb: 2\n")
        == "a: 1\nlong: one three\nb: 2\n"
    )
    assert (
        yamltext.minimal_patch(original, before, "a: 1\nlong: one two\nb: 2\nc: 3\n")
        == original + "c: 3\n"
    )


def test_a_fresh_file_is_written_in_the_house_style():
    journey = {
        "id": "j",
        "name": "J",
        "steps": [
            {
                "id": "a",
                "name": "A",
                "agency": "x",
                "channels": ["online", "phone"],
                "burden": {"minutes": 5},
                "pain_points": ["Two\nlines"],
                "next": [{"to": "b", "handoff": {"type": "warm", "shares": ["ssn"]}}],
            },
            {"id": "b", "name": "B", "agency": "y", "end": True},
        ],
    }
    text = save(None, copy.deepcopy(journey))
    assert text.startswith("id: j\nname: J\nsteps:\n  - id: a\n")
    assert "    channels: [online, phone]\n    burden: {minutes: 5}\n" in text
    assert "      - to: b\n        handoff: {type: warm, shares: [ssn]}\n" in text
    assert canonical(text) == canonical(save(None, journey))


def test_a_field_added_to_a_step_goes_before_where_the_step_leads():
    """A moment that matters set in the app is written among the step's facts, not under
    its ``next:`` list (the model lists the blueprint fields after ``next``)."""
    text = (
        "id: j\nname: J\nsteps:\n"
        "  - id: a\n    name: A\n    agency: x\n    next: [{to: b}]\n"
        "  - id: b\n    name: B\n    agency: x\n    end: true\n"
    )
    journey = canonical(text)
    journey["steps"][0] |= {"moment_that_matters": True, "touchpoints": ["form-1"]}
    journey["steps"][1]["notes"] = "Last step"
    saved = save(text, journey)
    assert saved == (
        "id: j\nname: J\nsteps:\n"
        "  - id: a\n    name: A\n    agency: x\n    touchpoints: [form-1]\n"
        "    moment_that_matters: true\n    next: [{to: b}]\n"
        "  - id: b\n    name: B\n    agency: x\n    notes: Last step\n    end: true\n"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("steps:\n  - id: a\n", (4, 2)),
        ("steps:\n- id: a\n", (2, 0)),
        ("a:\n  steps:\n    - id: a\n", (4, 2)),
        ("# steps:\n- x\nid: a\n", (4, 2)),
    ],
)
def test_the_indentation_is_read_from_the_first_list(text, expected):
    assert yamltext.guess_indent(text) == expected


def test_a_comment_ending_the_file_stays_at_its_end_after_a_flow_item_list():
    """ruamel keeps what follows a block list ending in a one-line mapping with the list,
    not with its key; an entry appended after it must still go above the closing comment."""
    text = (
        "opportunities:\n  - id: one\n    findings:\n      - {rule: cold-handoff, step: a}\n"
        "\n# the end\n"
    )
    one = {"id": "one", "findings": [{"rule": "cold-handoff", "step": "a"}]}
    two = {"id": "two", "findings": [{"rule": "cold-handoff", "step": "b"}]}

    def append(document):
        yamltext.merge_collection(document, "opportunities", [one, two])
        return document

    saved = yamltext.render(text, ".yaml", append)
    assert saved.endswith("        step: b\n\n# the end\n"), saved
    assert saved.startswith(text[: text.index("\n\n# the end")] + "\n  - id: two\n")
