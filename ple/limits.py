"""Named limits on what ``ple`` reads, so that no input can hang it, crash it or eat
the machine.

Every limit is far above what a real journey map needs (the largest bundled journey
has 34 steps; a 1,000-step journey is about 0.4 MB) and is checked before the work it
protects: a file's size before it is read, a journey's steps before they are
validated, a workbook's size before its sheets are parsed. Crossing one is a problem
with a place and a message that names the limit, never a traceback.

Limits that a large but honest workspace could reach have a setting, an environment
variable read when ``ple`` starts (``PLE_MAX_STEPS=50000 ple validate data/``). The
others protect the program itself (nesting a parser can follow, digits a number may
have, id lengths that file names can hold) and are fixed. The values are part of the
cache key, so a file read under one limit is never served from the cache under another.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Limit:
    """One limit: its value, what it counts, and the setting that raises it (if any)."""

    value: int
    what: str
    """The thing counted, in words: ``steps per journey``."""
    setting: str | None = None
    """The environment variable that sets it, for limits worth raising."""

    def beyond(self, count: int, noun: str) -> str:
        """A sentence for a count over the limit: ``25,000 steps, over the limit of 20,000
        steps per journey (set PLE_MAX_STEPS to raise it)``."""
        text = f"{count:,} {noun}, over the limit of {self.value:,} {self.what}"
        return text + (f" (set {self.setting} to raise it)" if self.setting else "")


SETTING_PROBLEMS: list[str] = []
"""Settings that could not be read (not a whole number above zero); their default holds.
The CLI refuses to run with one, since a limit silently left at its default is a
surprise."""


def _setting(name: str, default: int) -> int:
    text = os.environ.get(name, "").strip().replace("_", "").replace(",", "")
    if not text:
        return default
    if not text.isdigit() or int(text) == 0:
        SETTING_PROBLEMS.append(
            f"{name} must be a whole number above zero, got {os.environ[name]!r}"
        )
        return default
    return int(text)


# --- files -------------------------------------------------------------------------------

FILE_MIB = Limit(_setting("PLE_MAX_FILE_MB", 64), "MiB per file", "PLE_MAX_FILE_MB")
"""Largest workspace file read, in MiB. A 1,000-step journey is about 0.4 MB."""

MAX_FILE_BYTES = FILE_MIB.value * 1024 * 1024

DEPTH = Limit(256, "levels of nesting")
"""Deepest nesting of lists and mappings (journey files need fewer than 20). One
YAML parser follows block nesting until its stack overflows and the process dies."""

INTEGER_DIGITS = Limit(20, "digits in a whole number")
"""Longest whole number: 20 digits is more than any count of people or visits needs,
and keeps every total a finite number. Python refuses to print a number of more than
4,300 digits, and one of 5,000 digits crashed the reader before this limit."""

# --- journeys ------------------------------------------------------------------------------

STEPS = Limit(_setting("PLE_MAX_STEPS", 20_000), "steps per journey", "PLE_MAX_STEPS")
"""Most steps one journey may have. The analysis is linear in the steps; the limit
keeps a journey something a person can read (and a diagram can draw)."""

BRANCHES = Limit(1_000, "branches per step")
"""Most moves (``next``) out of one step. Real triage steps branch a few dozen ways."""

ID_LENGTH = Limit(100, "characters per id")
"""Longest id. Ids become file names (``<id>.yaml``, ``<id>-png.zip``), which most file
systems cap at 255 bytes; the longest id in the bundled catalogs has 85 characters."""

NAME_LENGTH = Limit(500, "characters per name")
"""Longest ``name`` or ``acronym``: what diagrams and tables show. The longest program
name in the Federal Program Inventory has about 200 characters."""

TEXT_LENGTH = Limit(
    _setting("PLE_MAX_TEXT_LENGTH", 10_000), "characters per text field", "PLE_MAX_TEXT_LENGTH"
)
"""Longest value of any other text field (descriptions, notes, pain points, sources):
about 1,500 words."""

# --- maps ---------------------------------------------------------------------------------

MAP_STEPS = Limit(_setting("PLE_MAX_MAP_STEPS", 10_000), "steps per map", "PLE_MAX_MAP_STEPS")
"""Most steps the journey canvas (the app, the HTML export) draws; a larger journey is
shown in its tables. Laying out 10,000 steps takes about a second on the server."""

MAP_MOVES = Limit(_setting("PLE_MAX_MAP_MOVES", 20_000), "moves per map", "PLE_MAX_MAP_MOVES")
"""Most moves (arrows) the canvas draws: a journey within the step limit may still have
millions of moves (20,000 steps of 1,000 branches each)."""

PRINTED_STEPS = Limit(
    _setting("PLE_MAX_PRINTED_STEPS", 300), "steps per printed map", "PLE_MAX_PRINTED_STEPS"
)
"""Most steps the print map (SVG, PNG, PDF, the brief's picture) draws. Drawing is the
slow part of an export (matplotlib sets each word and box on its own: about 3 seconds
for 300 steps and 600 handoffs as a PDF), and a map of 300 steps is about 450 inches
long, its text too small to read on any page; the largest bundled journey has 34."""

PRINTED_MOVES = Limit(
    _setting("PLE_MAX_PRINTED_MOVES", 600), "moves per printed map", "PLE_MAX_PRINTED_MOVES"
)
"""Most moves (arrows, each with its word when it is a handoff) the print map draws:
twice the steps, where real journeys have about 1.2 moves a step."""

PNG_DPI = 30
"""Least resolution of a PNG map, in dots per inch. A PNG is drawn at 150 dpi, less for
a map whose longest side would pass 12,000 pixels; under 30 dpi its 8.5 pt text is
under 4 pixels high (under 1, FreeType refuses to draw it), and the SVG or the PDF is
the picture to use."""

# --- burden figures: a total of 20,000 steps at the limit is still a finite number ------

MINUTES = 10_000_000
"""Most hands-on minutes one step may take (about 19 years)."""
WAIT_DAYS = 36_500
"""Longest wait at one step: 100 years."""
COST_USD = 1_000_000_000
"""Highest out-of-pocket cost of one step: a billion dollars."""
VISITS = 100_000
"""Most office visits one step may need."""
PEOPLE_PER_YEAR = 1_000_000_000_000
"""Largest ``volume.per_year``: a trillion, far more than everyone alive (a volume may
count transactions rather than people)."""

# --- workbooks -----------------------------------------------------------------------------

SHEET_ROWS = Limit(_setting("PLE_MAX_SHEET_ROWS", 100_000), "rows per sheet", "PLE_MAX_SHEET_ROWS")
"""Most rows that hold something on one sheet (blank rows are not counted); a
1,000-step journey has about 2,000 rows in all."""

SHEET_COLUMNS = Limit(200, "columns per sheet")
"""Rightmost column that may hold something; the widest sheet has 27 columns."""

WORKBOOK_MIB = Limit(
    _setting("PLE_MAX_WORKBOOK_MB", 64), "MiB of unpacked workbook", "PLE_MAX_WORKBOOK_MB"
)
"""Most bytes an .xlsx file may unpack to (its sheets, shared text and styles), in MiB;
a workbook of a 1,000-step journey unpacks to about 2 MB. Checked against the sizes
the zip file declares before anything is unpacked, so a zip bomb is refused unread."""


def fingerprint() -> str:
    """The values of every limit, for the cache key."""
    return repr(
        [
            FILE_MIB.value,
            DEPTH.value,
            INTEGER_DIGITS.value,
            STEPS.value,
            BRANCHES.value,
            ID_LENGTH.value,
            NAME_LENGTH.value,
            TEXT_LENGTH.value,
            MINUTES,
            WAIT_DAYS,
            COST_USD,
            VISITS,
            PEOPLE_PER_YEAR,
        ]
    )
