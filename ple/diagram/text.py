"""Measuring and wrapping text as the journey map sets it: DejaVu Sans, in points.

The layout wraps every name before anything is drawn, so the print map (matplotlib) and
the app's canvas (a browser, given the same font) show the same lines in the same
boxes. Widths come from the font's own advance widths, read once per character, so
wrapping is linear in the length of the text, however long a word is.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from itertools import accumulate
from typing import Any

FONT = "DejaVu Sans"
"""Bundled with matplotlib, so every machine measures (and the print map draws) the same
glyphs; the canvas loads the same font file."""

LINE = 1.22
"""Line height as a multiple of the font size."""

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML does not allow."""

_LOCK = threading.RLock()
"""matplotlib's cached font objects are not safe to share between threads."""


def flat(text: str) -> str:
    """User text on one line: newlines, runs of spaces and control characters become one
    space."""
    return " ".join(_CONTROL.sub(" ", text).split())


def font_file(bold: bool = False) -> str:
    """The path of the DejaVu Sans file matplotlib ships (regular or bold)."""
    from matplotlib.font_manager import FontProperties, findfont

    return findfont(FontProperties(family=FONT, weight="bold" if bold else "normal"))


@lru_cache(maxsize=2)
def font(bold: bool) -> Any:
    from matplotlib import ft2font

    loaded = ft2font.FT2Font(font_file(bold))
    loaded.set_size(100, 72)
    return loaded


@lru_cache(maxsize=8192)
def _advance(char: str, bold: bool) -> float:
    """Advance width of one character at 100 pt, in points."""
    from matplotlib import ft2font

    flags = getattr(ft2font, "LoadFlags", None)
    no_hinting = flags.NO_HINTING if flags else ft2font.LOAD_NO_HINTING
    with _LOCK:
        return font(bold).load_char(ord(char), flags=no_hinting).linearHoriAdvance / 65536


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of ``text`` in points: the sum of its advances, never narrower than
    matplotlib draws it (kerning only tightens)."""
    return sum(_advance(char, bold) for char in text) * size / 100


def line_height(size: float) -> float:
    """Line height in inches."""
    return size * LINE / 72


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Greedy word wrap to ``width`` inches by measured width; a word too long for a line
    is cut where the line is full. Linear in the length of ``text``."""
    limit = width * 72 * 100 / size  # in points at 100 pt, the unit of the advances
    space = _advance(" ", bold)
    lines: list[str] = []
    current, current_width = "", 0.0
    for word in flat(text).split(" "):
        advances = [_advance(char, bold) for char in word]
        word_width = sum(advances)
        joined = current_width + space + word_width if current else word_width
        if joined <= limit:
            current, current_width = (f"{current} {word}" if current else word), joined
            continue
        if current:
            lines.append(current)
        if word_width > limit and len(word) > 1:
            start = 0
            ends = list(accumulate(advances))
            used = 0.0
            for index in range(1, len(word)):
                if ends[index] - used > limit:
                    lines.append(word[start:index])
                    start, used = index, ends[index - 1]
            word, word_width = word[start:], ends[-1] - used
        current, current_width = word, word_width
    if current or not lines:
        lines.append(current)
    return lines
