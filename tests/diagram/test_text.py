"""Text as the map sets it: measured in DejaVu Sans, wrapped to a width, linear in length."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from ple.diagram.text import ADVANCES, TABLE_END, advance_table, flat, text_width, wrap

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
    script = ("import sys; from pathlib import Path; from ple.io import load_workspace; "
              "from ple.views.canvas import journey_canvas_data; "
              "w = load_workspace(Path('data'), use_cache=False).workspace; "
              "[journey_canvas_data(w, j) for j in w.journeys]; "
              "print('matplotlib' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip() == "False"
