"""Text as the map sets it: measured in DejaVu Sans, wrapped to a width, linear in length."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ple.diagram import text
from ple.diagram.text import (
    ADVANCES,
    TABLE_END,
    advance_table,
    families,
    flat,
    font_files,
    text_width,
    wrap,
)

ROOT = Path(__file__).resolve().parents[2]


def test_words_wrap_within_the_width():
    lines = wrap("Apply for Social Security retirement benefits and Medicare", 1.2, 8.5)
    assert len(lines) > 1
    assert all(text_width(line, 8.5) <= 1.2 * 72 + 1e-9 for line in lines)
    assert " ".join(lines) == "Apply for Social Security retirement benefits and Medicare"


def test_a_word_longer_than_a_line_is_cut_where_the_line_is_full():
    word = "Supercalifragilisticexpialidocious" * 3
    lines = wrap(word, 0.8, 8.5)
    assert "".join(lines) == word
    assert all(text_width(line, 8.5) <= 0.8 * 72 + 1e-9 for line in lines)
    assert all(text_width(line + word[0], 8.5) > 0.8 * 72 for line in lines[:-1])


def test_control_characters_and_newlines_become_spaces():
    assert flat("a\nb\x00\x0bc   d") == "a b c d"


def test_wrapping_one_huge_word_is_linear():
    """100,000 characters of one word: a quadratic cut would take minutes."""
    started = time.perf_counter()
    lines = wrap("x" * 100_000, 1.2, 8.5)
    assert "".join(lines) == "x" * 100_000
    assert time.perf_counter() - started < 5


def test_the_shipped_advance_table_is_the_font_matplotlib_draws_with():
    """If matplotlib ships another DejaVu Sans, this fails: run ``python -m ple.diagram.text``."""
    shipped = json.loads(ADVANCES.read_text(encoding="utf-8"))
    assert shipped == advance_table()


def test_a_character_past_the_table_is_measured_in_the_font():
    assert ord("\ufb01") > TABLE_END  # the "fi" ligature, which DejaVu Sans draws
    assert text_width("\ufb01", 10) > 0


def test_laying_out_a_map_does_not_import_matplotlib():
    """Half a second of a cold layout was matplotlib's import, only to read advances."""
    script = (
        "import sys; from pathlib import Path; from ple.io import load_workspace; "
        "from ple.views.canvas import journey_canvas_data; "
        "w = load_workspace(Path('data'), use_cache=False).workspace; "
        "[journey_canvas_data(w, j) for j in w.journeys]; "
        "print('matplotlib' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"


def test_invisible_formatting_characters_are_left_out_but_the_joiners_kept():
    assert flat("A\u202eB\u200bC\ufeffD\u2066E\u00adF") == "ABCDEF"
    assert flat("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645") == (
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
    )  # Persian keeps its ZWNJ
    assert flat("\U0001f468\u200d\U0001f469") == "\U0001f468\u200d\U0001f469"


def test_the_invisible_characters_are_unicodes_formatting_characters():
    """The hand-written class matches Python's own Unicode data: every formatting
    character (category Cf) but the two joiners, and nothing else (the class follows
    Unicode 15, which gave some unassigned code points of earlier versions this job)."""
    import unicodedata

    from ple.diagram.text import _INVISIBLE

    category = {chr(c): unicodedata.category(chr(c)) for c in range(0x110000)}
    formatting = {char for char, kind in category.items() if kind == "Cf"}
    left_out = {char for char in category if _INVISIBLE.fullmatch(char)}
    assert formatting - left_out == {"\u200c", "\u200d"}
    assert all(category[char] == "Cn" for char in left_out - formatting)


@pytest.mark.parametrize(
    "letter",
    [
        "\U0001d400",  # MATHEMATICAL BOLD CAPITAL A: STIX
        "\u4e2d",
        "\u0915",
        "\uac00",
        "\u0e01",  # CJK, Devanagari, Hangul, Thai: Last Resort
        "\U0001f600",
        "\ue000",
        "\u0378",  # an emoji, private use, unassigned
    ],
    ids=["math bold", "CJK", "Devanagari", "Hangul", "Thai", "emoji", "private use", "unassigned"],
)
def test_any_letter_has_a_width_in_regular_and_bold(letter):
    for bold in (False, True):
        assert text_width(flat(f"a{letter}b"), 8.5, bold) > text_width("ab", 8.5, bold)


def test_the_fallback_fonts_ship_with_matplotlib():
    """Every machine draws the same glyphs, offline: no font of the system is used."""
    import matplotlib

    assert families()[:2] == ["DejaVu Sans", "STIXGeneral"]
    for bold in (False, True):
        assert all(
            Path(f).is_relative_to(Path(matplotlib.get_data_path())) for f in font_files(bold)
        )


@pytest.fixture
def only_dejavu(monkeypatch):
    """The chain cut to DejaVu Sans, as on a matplotlib without STIX or Last Resort."""
    cut = {bold: text.fonts(bold)[:1] for bold in (False, True)}
    text._has_glyph.cache_clear()
    text._advance.cache_clear()
    monkeypatch.setattr(text, "fonts", lambda bold: cut[bold])
    yield
    text._has_glyph.cache_clear()
    text._advance.cache_clear()


@pytest.mark.usefixtures("only_dejavu")
def test_a_character_no_font_has_becomes_the_replacement_character():
    assert flat("A\U0001d400B \u4e2d") == "A\ufffdB \ufffd"
    assert text_width(flat("\u4e2d"), 8.5) == text_width("\ufffd", 8.5)


def test_text_the_map_only_quotes_is_cut_with_an_ellipsis():
    from ple.diagram.text import wrap_some

    text = " ".join(["word"] * 500)
    lines = wrap_some(text, 2.0, 8.5, 3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(text_width(line, 8.5) <= 2.0 * 72 for line in lines)
    assert wrap_some("short", 2.0, 8.5, 3) == ["short"]
