"""The one place gap rules are registered.

A rule is a small function that takes a :class:`~ple.gaps.view.JourneyView` and
yields :class:`~ple.gaps.finding.Gap` objects. Its docstring is the user-facing
explanation: a summary line, then the sections *Why it matters*, *How to fix* and
*Basis* (the guidance it rests on). ``ple gaps --explain`` and ``docs/gaps.md``
are generated from it, and a test refuses a rule whose docstring lacks a section.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ple.gaps.finding import FindingSeverity, Gap
from ple.model.vocabulary import GAP_RULES

if TYPE_CHECKING:
    from ple.gaps.view import JourneyView

RuleCheck = Callable[["JourneyView"], Iterable[Gap]]

RULE_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
SECTIONS = ("Why it matters", "How to fix", "Basis")


@dataclass(frozen=True)
class Rule:
    """A registered gap rule."""

    id: str
    title: str
    severity: FindingSeverity
    check: RuleCheck

    @property
    def explanation(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")

    def section(self, name: str) -> str:
        """The text of one docstring section, e.g. ``section("How to fix")``."""
        match = re.search(
            rf"^{re.escape(name)}:\s*\n(.*?)(?=^\S[^\n]*:\s*$|\Z)",
            self.explanation,
            flags=re.MULTILINE | re.DOTALL,
        )
        return " ".join(match[1].split()) if match else ""


RULES: dict[str, Rule] = {}


def rule(id: str, title: str, severity: str) -> Callable[[RuleCheck], RuleCheck]:
    """Register a rule function under a stable id. Refuses malformed or reused ids, and
    ids the format does not list (:data:`~ple.model.vocabulary.GAP_RULES`, which
    ``ple validate`` checks accepted findings against)."""

    def register(check: RuleCheck) -> RuleCheck:
        if not RULE_ID.match(id):
            raise ValueError(f"rule id {id!r} must be lowercase words joined by hyphens")
        if id in RULES:
            raise ValueError(f"rule id {id!r} is registered twice")
        if id not in GAP_RULES:
            raise ValueError(f"rule id {id!r} is not in GAP_RULES (ple/model/vocabulary.py)")
        RULES[id] = Rule(id=id, title=title, severity=FindingSeverity(severity), check=check)
        return check

    return register


def all_rules() -> dict[str, Rule]:
    """Every built-in rule, by id, in registration order."""
    import ple.gaps.rules  # noqa: F401 - importing registers the built-in rules

    return RULES
