"""A shared catalog and journey for the gap tests, and helpers to edit and analyze them.

``BASE`` is a four-step journey that no rule finds anything in; each rule's tests
change one field of it (with :func:`edit`) and check what that one change triggers.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

from ple.gaps import GapReport, analyze
from ple.io import load_workspace
from ple.model import Workspace

CATALOG = """
agencies:
  - {id: ssa, name: Social Security Administration, acronym: SSA, hisp: true}
  - {id: cms, name: Centers for Medicare & Medicaid Services, acronym: CMS, hisp: true}
  - {id: irs, name: Internal Revenue Service, acronym: IRS, hisp: false}
  - {id: county, name: County Social Services}
data_items:
  - {id: ssn, name: Social Security number, kind: fact}
  - {id: birth-proof, name: Proof of age, kind: document}
  - {id: bank, name: Bank account details, kind: fact}
"""
"""SSA and CMS are High-Impact Service Providers, IRS is not, and the county is unknown."""

BASE = """
id: retire
name: Approaching retirement
steps:
  - id: plan
    name: Plan retirement
    agency: ssa
    channels: [online, phone]
    languages: [en, es]
    requests: [ssn]
    burden: {minutes: 20}
    measures: {satisfaction: 4.2, ease: 4.0}
    next:
      - to: apply
  - id: apply
    name: Apply for benefits
    agency: ssa
    channels: [online, phone, in_person]
    languages: [en, es]
    requests: [birth-proof]
    burden: {minutes: 30, wait_days: 10, cost_usd: 0, visits: 0}
    measures: {satisfaction: 3.8, ease: 3.5}
    next:
      - to: enroll
        handoff: {type: warm, shares: [ssn]}
  - id: enroll
    name: Enroll in Medicare
    agency: cms
    channels: [online, mail]
    languages: [en, es, zh]
    requests: [bank]
    burden: {minutes: 25, wait_days: 12}
    measures: {satisfaction: 3.9, trust: 4.1}
    next:
      - to: deduct
        handoff: {type: automatic}
  - id: deduct
    name: Deduct premiums from benefits
    agency: ssa
    channels: [automatic]
    languages: [en, es]
    burden: {wait_days: 8}
    end: true
"""
"""SSA plans and takes the application, hands the customer warmly to CMS, and CMS
tells SSA automatically to deduct the premiums."""


def edit(text: str, old: str, new: str) -> str:
    """``text`` with its one occurrence of ``old`` replaced; fails if ``old`` is not there
    exactly once, so a test can never silently analyze the unchanged journey."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def edits(text: str, *changes: tuple[str, str]) -> str:
    for old, new in changes:
        text = edit(text, old, new)
    return text


Writer = Callable[[str, str], Path]


def workspace(write: Writer, journey: str = BASE, settings: str = "") -> Workspace:
    """Load the catalog (with optional ``settings:`` YAML) and one journey file."""
    write("catalog.yaml", textwrap.dedent(CATALOG) + textwrap.dedent(settings))
    loaded = load_workspace(write("journey.yaml", journey), use_cache=False)
    assert loaded.ok, [str(problem) for problem in loaded.problems]
    assert loaded.workspace is not None
    return loaded.workspace


def run(
    write: Writer, journey: str = BASE, rule: str | None = None, settings: str = "", **options
) -> GapReport:
    """Analyze one journey with one rule (all enabled rules when ``rule`` is None)."""
    return analyze(
        workspace(write, journey, settings), rules=None if rule is None else [rule], **options
    )
