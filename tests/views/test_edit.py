"""The Edit page's views: tables as typed data frames and back, row moves, problem rows."""

from __future__ import annotations

import math

import pandas as pd

from ple.errors import Problem, Severity
from ple.sheets import schema
from ple.sheets.convert import Cell, CellProblem
from ple.views.edit import ORDER, from_frame, moved, problem_rows, to_frame, where

ROWS = [
    {
        "id": "a",
        "name": "A",
        "agency": "ssa",
        "channels": ["online"],
        "minutes": 20,
        "visits": None,
        "end": False,
        "accommodations": None,
    },
    {
        "id": "b",
        "name": "B",
        "agency": "cms",
        "channels": None,
        "minutes": None,
        "end": True,
        "accommodations": [],
    },
]


def test_a_table_becomes_a_frame_with_one_type_per_column_and_comes_back():
    frame = to_frame(ROWS, schema.STEPS)
    assert frame[ORDER].tolist() == [1.0, 2.0]
    assert frame["minutes"].dtype == "float64" and math.isnan(frame["minutes"][1])
    assert frame["end"].dtype == "bool"
    back = from_frame(frame, schema.STEPS)
    assert [(r["id"], r["minutes"], r["channels"], r["end"]) for r in back] == [
        ("a", 20.0, ["online"], False),
        ("b", None, None, True),
    ]


def test_hisp_is_a_choice_of_three():
    frame = to_frame(
        [{"id": "x", "name": "X", "hisp": True}, {"id": "y", "name": "Y"}], schema.AGENCIES
    )
    assert frame["hisp"][0] == "yes" and pd.isna(frame["hisp"][1])
    assert [r["hisp"] for r in from_frame(frame, schema.AGENCIES)] == [True, None]


def test_a_new_number_in_the_order_column_moves_the_row():
    frame = to_frame(ROWS, schema.STEPS)
    assert not moved(frame)
    frame.loc[1, ORDER] = 0.5
    assert moved(frame)
    assert [r["id"] for r in from_frame(frame, schema.STEPS)] == ["b", "a"]
    added = pd.concat(
        [to_frame(ROWS, schema.STEPS), pd.DataFrame([{ORDER: math.nan, "id": "c", "name": "C"}])],
        ignore_index=True,
    )
    assert not moved(added)  # a new row has no number yet: it stays at the end
    assert [r["id"] for r in from_frame(added, schema.STEPS)] == ["a", "b", "c"]


def test_a_cell_is_named_as_people_find_it():
    tables = {"Steps": ROWS, "Transitions": [{"from": "a", "to": "b"}]}
    assert where(Cell("Steps", 1, "agency"), tables) == "Steps, row 2 (b), agency"
    assert where(Cell("Transitions", 0, "to"), tables) == "Transitions, row 1 (a → b), to"
    assert where(Cell("Journey", 0, "volume_per_year")) == "Journey details, People a year"


class _Review:
    def __init__(self, cell_problems, own, caused=()):
        from ple.edit.check import Checked, Located

        self.cell_problems = cell_problems
        self.checked = Checked(
            result=None, own=[Located(p, c) for p, c in own], caused=list(caused)
        )


def test_an_unreadable_cell_is_one_problem_not_two():
    cell = Cell("Journey", 0, "volume_per_year")
    review = _Review(
        [CellProblem(cell, "expected a number, got 'about 3 million'")],
        [
            (Problem("j.yaml", "missing required field 'per_year'"), cell),
            (
                Problem(
                    "j.yaml",
                    "a step marked end: true also lists next steps",
                    severity=Severity.warning,
                ),
                Cell("Steps", 0, "end"),
            ),
        ],
    )
    assert [(r.where, r.message) for r in problem_rows(review, {"Steps": ROWS})] == [
        ("Journey details, People a year", "expected a number, got 'about 3 million'"),
        ("Steps, row 1 (a), end", "a step marked end: true also lists next steps"),
    ]
