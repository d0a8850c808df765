"""One spreadsheet cell as text, and back: lists, numbers, yes/no, "none".

A spreadsheet has one value per cell, so lists are written inside a cell: words and ids
joined by ``;`` (``online; phone``), sentences one per line (a pain point may contain a
semicolon, rarely a line break). An item that contains its own separator, or starts
with a double quote, is written in double quotes with inner quotes doubled, as CSV
does (``"Bring ID; a bill"; SSN``); people typing into the sheet rarely need that.

An empty cell is *unknown*, never *none*: ``channels`` left empty means the channels
were not recorded. :data:`NONE` (``(none)``) says the list is known to be empty, e.g. a
step that offers no accommodation. It cannot be mistaken for a value: no id,
channel, language or accommodation word has brackets.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Sequence

NONE = "(none)"
"""A list known to be empty, as opposed to an empty cell (not recorded)."""

WORD_SEPARATOR = ";"
LINE_SEPARATOR = "\n"


class CellError(ValueError):
    """A cell's text cannot be read as the column's kind; the message says why."""


def join_items(items: Sequence[str] | None, separator: str = WORD_SEPARATOR) -> str | None:
    """A list as one cell: None stays None (unknown), [] becomes :data:`NONE`."""
    if items is None:
        return None
    if not items:
        return NONE
    glue = "; " if separator == WORD_SEPARATOR else separator
    return glue.join(_quoted(str(item), separator) for item in items)


def _quoted(item: str, separator: str) -> str:
    needs = (
        separator in item
        or "\n" in item
        or item.startswith('"')
        or item == NONE
        or item != item.strip()
    )
    return '"' + item.replace('"', '""') + '"' if needs else item


def split_items(text: str | None, separator: str = WORD_SEPARATOR) -> list[str] | None:
    """A cell as a list: empty is None (unknown), :data:`NONE` is []; empty items are dropped.

    Raises :class:`CellError` for an unclosed quote.
    """
    if text is None or not text.strip():
        return None
    if text.strip() == NONE:
        return []
    items: list[str] = []
    position, size = 0, len(text)
    while position <= size:
        while position < size and text[position] in " \t":
            position += 1
        if position < size and text[position] == '"':
            item, position = _read_quoted(text, position)
            rest = text.find(separator, position)
            trailing = text[position:] if rest < 0 else text[position:rest]
            if trailing.strip():
                raise CellError(f"text after a closing quote: {trailing.strip()!r}")
            items.append(item)
            position = size + 1 if rest < 0 else rest + 1
            continue
        end = text.find(separator, position)
        end = size if end < 0 else end
        item = text[position:end].strip()
        if item:
            items.append(item)
        position = end + 1
    return items


def _read_quoted(text: str, start: int) -> tuple[str, int]:
    """The quoted item starting at ``text[start] == '"'`` and the position after it."""
    parts, position = [], start + 1
    while True:
        end = text.find('"', position)
        if end < 0:
            raise CellError(f"a quote opened at {text[start : start + 20]!r} is never closed")
        parts.append(text[position:end])
        if text.startswith('""', end):
            parts.append('"')
            position = end + 2
            continue
        return "".join(parts), end + 1


def read_text(value: object) -> str | None:
    """A text cell: empty is None. A number typed into a text cell is kept as written
    when it is a whole number (a form number 1040); other numbers are refused, since
    ``96.010`` typed as a number has already lost its last zero."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()  # a spreadsheet turned "2023-10-01" into a date
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        raise CellError(
            f"expected text, got the number {value!r}; format the cell as text "
            "(or put an apostrophe in front) so it keeps every digit"
        )
    text = str(value).strip()
    return text or None


LISTING_AS_NUMBER = re.compile(r"^\d{2}\.\d{1,3}$")
"""A listing that lost its last zeros on the way: ``97.05`` for ``97.050``."""


def read_listing(value: object) -> str | None:
    """An Assistance Listing number cell. Listings have two digits, a point and three
    digits, so a number with two digits before the point and at most three after can only
    be the listing it came from: typed into a cell formatted as a number (93.575), or a CSV
    file a spreadsheet saved (``97.05`` for ``97.050``). Anything else is read as text and
    checked against the listing's rule, which says what it should look like."""
    if isinstance(value, float) and math.isfinite(value):
        written = f"{value:.3f}"
        if float(written) == value and LISTING_AS_NUMBER.match(written):
            return written
        raise CellError(
            f"expected an Assistance Listing number such as 96.002, got the "
            f"number {value!r}; format the cell as text so it keeps every digit"
        )
    text = read_text(value)
    if text is not None and LISTING_AS_NUMBER.match(text):
        whole, decimals = text.split(".")
        return f"{whole}.{decimals.ljust(3, '0')}"
    return text


def read_number(value: object, *, whole: bool = False) -> float | int | None:
    """A number cell; text that reads as a number is accepted (CSV cells are text)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise CellError(f"expected a number, got {'TRUE' if value else 'FALSE'}")
    if isinstance(value, (int, float)):
        number: float | int = value
    else:
        text = str(value).strip().replace(",", "")
        try:
            number = int(text) if text.lstrip("+-").isdigit() else float(text)
        except ValueError:
            raise CellError(f"expected a number, got {value!r}") from None
    if isinstance(number, float) and not math.isfinite(number):
        raise CellError(f"expected a finite number, got {value!r}")
    if whole:
        if isinstance(number, float) and not number.is_integer():
            raise CellError(f"expected a whole number, got {value!r}")
        return int(number)
    return number


TRUE_WORDS = {"true", "yes", "y", "1"}
FALSE_WORDS = {"false", "no", "n", "0"}


def read_bool(value: object) -> bool | None:
    """A yes/no cell: TRUE/FALSE (what spreadsheets write), yes/no, 1/0; empty is None."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = str(value).strip().lower()
    if not text:
        return None
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise CellError(f"expected TRUE or FALSE, got {value!r}")
