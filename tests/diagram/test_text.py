"""Text as the map sets it: measured in DejaVu Sans, wrapped to a width, linear in length."""

from __future__ import annotations

import time

from ple.diagram.text import flat, text_width, wrap


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
