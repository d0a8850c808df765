"""How much of a figure rests on observed, reported, assumed or unknown evidence.

A total such as 641.5 active minutes adds figures of different standing: some watched in
research, some published by an agency, some a designer's guess, some that nobody
qualified. The total is read with its mix beside it ("641.5 active minutes: 40% observed,
35% reported, 25% assumed"), so a reader knows how far to trust it.

Each part of a total counts with its size, so a 300-minute guess weighs more than a
5-minute observation. When the parts add up to zero (every figure is 0), they count
one each, so a mix is still given. A figure nobody recorded is not a part at all: it
is counted as unknown *value* beside the total; *unknown evidence* is a recorded figure
whose level nobody gave. Unknown evidence is never folded into ``assumed``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from ple.model import Evidence, EvidenceLevel

UNKNOWN = "unknown"
LEVELS: tuple[str, ...] = (*(level.value for level in EvidenceLevel), UNKNOWN)
"""Every level a share is reported for, surest first, unknown last."""


@dataclass(frozen=True)
class EvidenceShares:
    """A total split by the evidence its parts rest on."""

    amounts: dict[str, float]
    """Per level, how much of the total rests on it (or how many parts, by count)."""
    shares: dict[str, float]
    """Per level, the fraction of the total; they add up to 1 (all 0 when no parts)."""
    percent: dict[str, int]
    """Per level, whole percents that add up to exactly 100 (largest remainders)."""
    basis: str
    """``amount`` (parts weighed by size), ``count`` (every part was 0: one each) or
    ``none`` (nothing recorded)."""

    def text(self) -> str:
        """``40% observed, 35% reported, 25% assumed``; levels at 0% are left out."""
        if self.basis == "none":
            return "no figures recorded"
        return ", ".join(
            f"{self.percent[level]}% {level}" for level in LEVELS if self.percent[level]
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def level_of(evidence: Evidence | None) -> str:
    """The level's word, or ``unknown`` when nobody gave one."""
    return evidence.level.value if evidence is not None else UNKNOWN


def evidence_shares(parts: Iterable[tuple[Evidence | str | None, float]]) -> EvidenceShares:
    """Split a total into its evidence levels; ``parts`` are (evidence, amount) pairs, one
    per figure that went into the total."""
    listed = [(part if isinstance(part, str) else level_of(part), amount) for part, amount in parts]
    basis = "amount" if any(amount for _, amount in listed) else "count" if listed else "none"
    amounts = dict.fromkeys(LEVELS, 0.0)
    for level, amount in listed:
        amounts[level] += abs(amount) if basis == "amount" else 1.0
    total = sum(amounts.values())
    shares = {level: (value / total if total else 0.0) for level, value in amounts.items()}
    return EvidenceShares(amounts, shares, _whole_percents(shares), basis)


def _whole_percents(shares: dict[str, float]) -> dict[str, int]:
    """Whole percents that add up to 100: floors, then one more to the largest remainders
    (ties to the surer level), so "33% / 33% / 33%" never shows."""
    if not any(shares.values()):
        return dict.fromkeys(shares, 0)
    exact = {level: share * 100 for level, share in shares.items()}
    whole = {level: int(value) for level, value in exact.items()}
    left = 100 - sum(whole.values())
    order = sorted(exact, key=lambda level: (-(exact[level] - whole[level]), LEVELS.index(level)))
    for level in order[:left]:
        whole[level] += 1
    return whole
