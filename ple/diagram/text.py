"""Measuring and wrapping text as the journey map sets it: DejaVu Sans, in points.

The layout wraps every name before anything is drawn, so the print map (matplotlib) and
the app's canvas (a browser, given the same font) show the same lines in the same
boxes. Widths come from the font's own advance widths, read once per character, so
wrapping is linear in the length of the text, however long a word is.

Any text can be drawn. A letter DejaVu Sans lacks comes from the next font of
:data:`FONTS` that has it; invisible formatting characters (bidirectional overrides,
zero-width spaces, the byte order mark) are left out, since they draw nothing and
matplotlib's PDF writer fails on some of them; and a character no font has becomes
U+FFFD, visibly, rather than a missing glyph that stops the renderer.

The advances of DejaVu Sans's characters up to U+2BFF (every script the bundled journeys
and most federal forms use, arrows and symbols included) are shipped as a table,
``dejavu-advances.json``, so laying out a map of such text never imports matplotlib (half
a second, the larger part of a cold layout). Other characters are measured in the fonts
themselves. ``python -m ple.diagram.text`` writes the table again; a test checks it against
the font matplotlib ships.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from functools import cache, lru_cache
from itertools import accumulate
from pathlib import Path
from typing import Any

FONTS = ("DejaVu Sans", "STIXGeneral", "Last Resort High-Efficiency")
"""The fallback chain, each font shipped with matplotlib, so every machine measures (and
the print map draws) the same glyphs, offline: DejaVu Sans for the letters of most
European scripts, Arabic and Hebrew; STIX for mathematical letters (𝐀) and symbols; and
Last Resort (matplotlib 3.10 and later), which has a glyph for every code point, the box
of its Unicode block, so a letter of a script no other font covers shows as that box."""
FONT = FONTS[0]
"""The map's own font; the canvas loads the same font file."""

LINE = 1.22
"""Line height as a multiple of the font size."""

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
"""Control characters (XML allows none of the first ones)."""

_INVISIBLE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b\u200e\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f]"
)
"""Unicode's formatting characters (category Cf) but the two joiners (U+200C, U+200D),
which shape Persian words and emoji: they draw nothing, and the byte order mark makes
matplotlib's PDF writer fail (an IndexError in matplotlib 3.11)."""

REPLACEMENT = "\ufffd"
"""Drawn for a character that no font of :data:`FONTS` has."""

_LOCK = threading.RLock()
"""matplotlib's cached font objects are not safe to share between threads."""


class _NoBoldIsFine(logging.Filter):
    """Last Resort has one weight, and matplotlib warns on stderr, once per text size,
    that it found no bold of it to fall back on; its regular glyphs are the right ones."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (
            record.getMessage().startswith("findfont: Failed to find font weight")
            and FONTS[-1] in record.getMessage()
        )


logging.getLogger("matplotlib.font_manager").addFilter(_NoBoldIsFine())


def flat(text: str) -> str:
    """User text on one line, as the map draws it: newlines, runs of spaces and control
    characters become one space, invisible formatting characters are left out, and a
    character no font has becomes U+FFFD."""
    text = " ".join(_INVISIBLE.sub("", _CONTROL.sub(" ", text)).split())
    if text.isascii():
        return text
    return "".join(char if _has_glyph(char) else REPLACEMENT for char in text)


def font_file(bold: bool = False) -> str:
    """The path of the DejaVu Sans file matplotlib ships (regular or bold)."""
    return font_files(bold)[0]


@lru_cache(maxsize=2)
def font_files(bold: bool = False) -> tuple[str, ...]:
    """The files of the fonts of :data:`FONTS` this matplotlib has, in order (regular or
    bold; a font without bold gives its regular file)."""
    from matplotlib.font_manager import FontProperties, findfont

    files: list[str] = []
    for family in FONTS:
        try:
            found = findfont(
                FontProperties(family=[family], weight="bold" if bold else "normal"),
                fallback_to_default=False,
            )
        except ValueError:  # not in this matplotlib
            continue
        if found not in files:
            files.append(found)
    return tuple(files)


def families() -> list[str]:
    """The fonts of :data:`FONTS` this matplotlib has: the family list the map is drawn
    with (naming a missing one would make matplotlib log a warning for every text)."""
    return list(_families())


@lru_cache(maxsize=1)
def _families() -> tuple[str, ...]:
    from matplotlib.font_manager import FontProperties, findfont

    found = []
    for family in FONTS:
        try:
            findfont(FontProperties(family=[family]), fallback_to_default=False)
        except ValueError:
            continue
        found.append(family)
    return tuple(found)


@lru_cache(maxsize=2)
def fonts(bold: bool) -> tuple[Any, ...]:
    """The chain's fonts, loaded and set to 100 pt."""
    from matplotlib import ft2font

    loaded = []
    for path in font_files(bold):
        one = ft2font.FT2Font(path)
        one.set_size(100, 72)
        loaded.append(one)
    return tuple(loaded)


def font(bold: bool) -> Any:
    """DejaVu Sans, loaded (regular or bold)."""
    return fonts(bold)[0]


ADVANCES = Path(__file__).resolve().parent / "dejavu-advances.json"
TABLE_END = 0x2BFF
"""The last code point the shipped table covers."""


def advance_table() -> dict[str, dict[str, int]]:
    """Advance widths in font units of every character of DejaVu Sans (regular and bold)
    up to :data:`TABLE_END`, read from the font file with fontTools."""
    from fontTools.ttLib import TTFont

    table: dict[str, dict[str, int]] = {}
    for weight, bold in (("regular", False), ("bold", True)):
        loaded = TTFont(font_file(bold), lazy=True)
        metrics = loaded["hmtx"]
        table[weight] = {
            str(code): metrics[glyph][0]
            for code, glyph in sorted(loaded.getBestCmap().items())
            if code <= TABLE_END
        }
        table[weight]["units_per_em"] = loaded["head"].unitsPerEm
    return table


@cache
def _shipped(bold: bool) -> dict[int, float]:
    """The shipped table for one weight, as points at 100 pt: DejaVu Sans, the chain's
    first font, has each of these characters, so it is the one matplotlib draws them in."""
    weight = json.loads(ADVANCES.read_text(encoding="utf-8"))["bold" if bold else "regular"]
    units = weight.pop("units_per_em")
    return {int(code): width * 100 / units for code, width in weight.items()}


@lru_cache(maxsize=8192)
def _has_glyph(char: str) -> bool:
    """Some font of the chain has ``char`` (in regular and in bold)."""
    code = ord(char)
    if code in _shipped(False) and code in _shipped(True):
        return True
    with _LOCK:
        return all(any(f.get_char_index(ord(char)) for f in fonts(bold)) for bold in (False, True))


@lru_cache(maxsize=8192)
def _advance(char: str, bold: bool) -> float:
    """Advance width of one character at 100 pt, in points, in the first font of the
    chain that has it (as matplotlib's fallback picks it)."""
    shipped = _shipped(bold).get(ord(char))
    if shipped is not None:
        return shipped
    from matplotlib import ft2font

    flags = getattr(ft2font, "LoadFlags", None)
    no_hinting = flags.NO_HINTING if flags else ft2font.LOAD_NO_HINTING
    with _LOCK:
        chain = fonts(bold)
        code = ord(char)
        chosen = next((f for f in chain if f.get_char_index(code)), None)
        if chosen is None:
            chosen, code = chain[0], ord(REPLACEMENT)
        return chosen.load_char(code, flags=no_hinting).linearHoriAdvance / 65536


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


ELLIPSIS = "…"


def wrap_some(text: str, width: float, size: float, most: int, bold: bool = False) -> list[str]:
    """:func:`wrap`, cut to ``most`` lines, the last ending in "…" when text was left out:
    for words the map only quotes (a pain point, the trigger), which the tables and the
    brief give whole."""
    lines = wrap(text, width, size, bold)
    if len(lines) <= most:
        return lines
    last, limit = lines[most - 1], width * 72
    while last and text_width(last.rstrip() + ELLIPSIS, size, bold) > limit:
        last = last[:-1]
    return [*lines[: most - 1], last.rstrip() + ELLIPSIS]


if __name__ == "__main__":
    ADVANCES.write_text(json.dumps(advance_table(), separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {ADVANCES.name}")
