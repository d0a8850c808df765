"""Suggestions for near-miss names, so a typo's message carries its own fix."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(value: object, candidates: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest candidate, or an empty string."""
    if not isinstance(value, str):
        return ""
    matches = difflib.get_close_matches(value, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean {matches[0]!r}?)" if matches else ""
