"""Suggestions for near-miss names, so a typo's message carries its own fix."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

CLOSEST = 2_000
"""Most candidates compared with one value. Comparing costs a few microseconds per
candidate, and a workspace may name thousands of programs: from a larger set only the
candidates of about the same length (that start with the same letter, when there are
many) are compared, so one message never costs more than a few milliseconds."""


def did_you_mean(value: object, candidates: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest candidate, or an empty string."""
    if not isinstance(value, str):
        return ""
    pool = list(candidates)
    if len(pool) > CLOSEST:
        pool = _likely(value, pool)
    matches = difflib.get_close_matches(value, pool, n=1, cutoff=0.6)
    return f" (did you mean {matches[0]!r}?)" if matches else ""


def _likely(value: str, pool: list[str]) -> list[str]:
    """The candidates that can reach the cutoff at all (a ratio of 0.6 needs the shorter
    text to be at least 3/7 of the longer), the same first letter first when there are
    still too many, and of those the ones closest in length."""
    size = len(value)
    pool = [c for c in pool if 3 * max(size, len(c)) <= 7 * min(size, len(c))]
    if len(pool) > CLOSEST:
        same = [c for c in pool if c[:1] == value[:1]]
        pool = same if same else pool
    return sorted(pool, key=lambda c: (abs(len(c) - size), c))[:CLOSEST]
