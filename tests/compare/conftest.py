"""A hand-built pair of journeys with one of every kind of change, and a loader."""

from __future__ import annotations

import pytest

from ple.io import load_workspace
from ple.model import Workspace

CATALOG = """
agencies:
  - {id: ssa, name: Social Security Administration, acronym: SSA}
  - {id: cms, name: Centers for Medicare & Medicaid Services, acronym: CMS}
  - {id: irs, name: Internal Revenue Service, acronym: IRS}
programs:
  - {id: ssa-retirement, name: Retirement benefits, agency: ssa}
data_items:
  - {id: ssn, name: Social Security number, kind: fact}
  - {id: birth-certificate, name: Birth certificate, kind: document}
  - {id: address, name: Home address, kind: fact}
"""

# Today: apply -> review -(referral)-> pay-tax
#              \-(cold)-> enroll -(warm)-> pay-tax
#        visit-office -(undocumented)-> pay-tax   (a second way in)
TODAY = """
id: today
name: Retire today
volume: {per_year: 1000, source: A cited table}
entry: [apply, visit-office]
steps:
  - id: apply
    name: Apply
    agency: ssa
    channels: [online]
    burden: {minutes: 30, wait_days: 10}
    requests: [ssn, birth-certificate]
    next:
      - to: review
      - to: enroll
        handoff: {type: cold}
  - id: review
    name: Review
    agency: ssa
    burden: {wait_days: 20}
    requests: [ssn]
    next:
      - to: pay-tax
        handoff: {type: referral}
  - id: enroll
    name: Enroll
    agency: cms
    burden: {minutes: 15}
    requests: [ssn]
    next:
      - to: pay-tax
        handoff: {type: warm}
  - id: pay-tax
    name: Pay tax
    agency: irs
    burden: {minutes: 60, cost_usd: 10}
    end: true
  - id: visit-office
    name: Visit an office
    agency: ssa
    burden: {minutes: 90, wait_days: 0}
    next:
      - to: pay-tax
"""

# Proposed: apply changes (channels, minutes, wait, requests) and hands over
# automatically; review has a new id but the same name; visit-office is gone; a new
# status check asks for the address.
PROPOSED = """
id: proposed
name: Retire, proposed
state: future
baseline: today
volume: {per_year: 1000, source: A cited table}
entry: [apply, check-status]
steps:
  - id: apply
    name: Apply
    agency: ssa
    channels: [online, phone]
    burden: {minutes: 20, wait_days: 5}
    requests: [ssn]
    next:
      - to: checking
      - to: enroll
        handoff: {type: automatic, shares: [ssn]}
  - id: checking
    name: "  review "
    agency: ssa
    burden: {wait_days: 20}
    requests: [ssn]
    next:
      - to: pay-tax
        handoff: {type: referral, shares: [ssn]}
  - id: enroll
    name: Enroll
    agency: cms
    burden: {minutes: 15}
    requests: [ssn]
    next:
      - to: pay-tax
        handoff: {type: warm}
  - id: pay-tax
    name: Pay tax
    agency: irs
    burden: {minutes: 60, cost_usd: 10}
    end: true
  - id: check-status
    name: Check status online
    agency: ssa
    burden: {minutes: 5, cost_usd: 0}
    requests: [address]
    next:
      - to: pay-tax
        handoff: {type: warm}
"""


def load(write, *files: tuple[str, str]) -> Workspace:
    write("catalog.yaml", CATALOG)
    folder = None
    for name, text in files:
        folder = write(name, text)
    result = load_workspace(folder, use_cache=False)
    assert result.ok, [str(p) for p in result.problems]
    return result.workspace


@pytest.fixture
def pair(write) -> Workspace:
    """Journeys ``today`` and ``proposed`` (whose baseline is ``today``)."""
    return load(write, ("today.yaml", TODAY), ("proposed.yaml", PROPOSED))
