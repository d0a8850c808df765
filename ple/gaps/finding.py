"""What a gap rule reports: a finding anchored to journey, step or transition ids."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class FindingSeverity(StrEnum):
    """How much a finding matters, worst first."""

    error = "error"
    warning = "warning"
    info = "info"

    @property
    def rank(self) -> int:
        """0 for info, 2 for error: compare with ``>=`` for "at least this bad"."""
        return {"info": 0, "warning": 1, "error": 2}[self.value]


@dataclass(frozen=True)
class Gap:
    """What a rule function yields; the engine adds the rule, severity and journey."""

    message: str
    suggestion: str
    step: str | None = None
    transition: tuple[str, str] | None = None
    agencies: tuple[str, ...] = ()
    data_item: str | None = None
    unverified: bool = False
    """True when the data does not say: the rule could not check, so a person should."""
    severity: FindingSeverity | None = None
    """Overrides the rule's default, e.g. info for an unverified case."""


@dataclass(frozen=True)
class Finding:
    """One gap in one journey, with enough words for a workshop and ids for tools."""

    rule: str
    severity: FindingSeverity
    journey: str
    message: str
    suggestion: str
    step: str | None = None
    transition: tuple[str, str] | None = None
    agencies: tuple[str, ...] = ()
    data_item: str | None = None
    unverified: bool = False
    accepted: bool = False
    accepted_reason: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "journey": self.journey,
            "step": self.step,
            "transition": (
                {"from": self.transition[0], "to": self.transition[1]}
                if self.transition else None
            ),
            "agencies": list(self.agencies),
            "data_item": self.data_item,
            "message": self.message,
            "suggestion": self.suggestion,
            "unverified": self.unverified,
            "accepted": self.accepted,
            "accepted_reason": self.accepted_reason,
        }
