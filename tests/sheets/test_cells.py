"""Lists, numbers and yes/no inside one spreadsheet cell, and back."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ple.sheets.cells import (
    LINE_SEPARATOR,
    NONE,
    CellError,
    join_items,
    read_bool,
    read_number,
    read_text,
    split_items,
)


def test_words_are_joined_with_semicolons_and_split_back():
    assert join_items(["online", "phone"]) == "online; phone"
    assert split_items("online; phone;in_person ;") == ["online", "phone", "in_person"]


def test_an_empty_cell_is_unknown_and_none_is_a_known_empty_list():
    assert join_items(None) is None
    assert join_items([]) == NONE
    assert split_items("  ") is None
    assert split_items(NONE) == []


def test_an_item_holding_the_separator_is_quoted_as_in_csv():
    text = join_items(["Bring ID; a bill", 'say "hi"', "(none)"])
    assert text == '"Bring ID; a bill"; say "hi"; "(none)"'
    assert split_items(text) == ["Bring ID; a bill", 'say "hi"', "(none)"]


def test_sentences_take_one_line_each():
    text = join_items(["Long wait; no callback", "Forms lost"], LINE_SEPARATOR)
    assert text == "Long wait; no callback\nForms lost"
    assert split_items(text, LINE_SEPARATOR) == ["Long wait; no callback", "Forms lost"]


def test_an_unclosed_quote_is_an_error_not_a_guess():
    with pytest.raises(CellError, match="never closed"):
        split_items('"open; b')


items = st.lists(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1)
    .map(str.strip)
    .filter(bool),
    max_size=5,
)


@given(items, st.sampled_from([";", LINE_SEPARATOR]))
def test_any_list_survives_a_cell(values, separator):
    assert split_items(join_items(values, separator), separator) == values


def test_numbers_come_from_numbers_or_text():
    assert read_number(20) == 20
    assert read_number("2,500") == 2500
    assert read_number(" 1.5 ") == 1.5
    assert read_number("") is None
    assert read_number(3.0, whole=True) == 3
    with pytest.raises(CellError, match="whole number"):
        read_number(2.5, whole=True)
    with pytest.raises(CellError, match="expected a number"):
        read_number("twenty")
    with pytest.raises(CellError):
        read_number(True)


def test_text_cells_refuse_numbers_that_lost_digits():
    assert read_text(1040) == "1040"
    assert read_text(1040.0) == "1040"
    assert read_text("  SSA-1 ") == "SSA-1"
    assert read_text(datetime.datetime(2023, 10, 1)) == "2023-10-01"
    with pytest.raises(CellError, match="format the cell as text"):
        read_text(96.01)


def test_yes_no_cells():
    assert read_bool("TRUE") is True
    assert read_bool("no") is False
    assert read_bool(1) is True
    assert read_bool("") is None
    with pytest.raises(CellError, match="TRUE or FALSE"):
        read_bool("maybe")
