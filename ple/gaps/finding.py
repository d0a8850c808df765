"""What a gap rule reports: a finding anchored to journey, step or transition ids."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ple.model import SharingAnswer


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
    sharing: tuple[SharingAnswer, ...] = ()
    """For a data item asked again: what the catalog says about each holder sharing it."""


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
    sharing: tuple[SharingAnswer, ...] = ()
    """For a data item asked again: the legal basis for each holder sharing it with the
    agency that asks (``unknown`` where the catalog records none)."""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "journey": self.journey,
            "step": self.step,
            "transition": (
                {"from": self.transition[0], "to": self.transition[1]} if self.transition else None
            ),
            "agencies": list(self.agencies),
            "data_item": self.data_item,
            "message": self.message,
            "suggestion": self.suggestion,
            "unverified": self.unverified,
            "accepted": self.accepted,
            "accepted_reason": self.accepted_reason,
            "sharing": [answer.to_dict() for answer in self.sharing],
        }

    @property
    def needs_change_in_law(self) -> bool:
        """True when, for some agency that asks again, every agency holding the item is
        barred by statute from sharing it: no agreement can spare that ask, only a new
        law. A holder that is barred beside one whose basis is unknown is not enough."""
        barred: dict[tuple[str, str], bool] = {}
        for answer in self.sharing:
            key = (answer.data_item, answer.to_agency)
            barred[key] = barred.get(key, True) and answer.needs_change_in_law
        return any(barred.values())
