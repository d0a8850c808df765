"""A hand-built workspace: today's journey, one change written twice (as edits and as a
future journey), and a loader that fails loudly."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from ple.io import load_workspace
from ple.model import Workspace

CATALOG = """
agencies:
  - {id: ssa, name: Social Security Administration, acronym: SSA}
  - {id: cms, name: Centers for Medicare & Medicaid Services, acronym: CMS}
data_items:
  - {id: ssn, name: Social Security number, kind: fact}
  - {id: address, name: Home address, kind: fact}
"""

# Today: apply (SSA, online) -(cold)-> enroll (CMS, in person only, asks again for ssn
# and address) -> card (CMS). Someone who cannot travel is stopped at enroll.
TODAY = """
id: today
name: Retire today
volume: {per_year: 1000, source: A cited table}
steps:
  - id: apply
    name: Apply
    agency: ssa
    channels: [online, phone]
    burden: {minutes: 30}
    requests: [ssn, address]
    next:
      - to: enroll
        handoff: {type: cold}
  - id: enroll
    name: Enroll in Medicare
    agency: cms
    channels: [in_person]
    burden: {minutes: 60}
    requests: [ssn, address]
    next:
      - to: card
  - id: card
    name: Receive the card
    agency: cms
    channels: [mail]
    end: true
"""

# The same change as a hand-drawn future state: a warm handoff that passes the SSN,
# enroll offered by phone too, no longer asking for the address, 20 minutes.
FUTURE = (
    TODAY.replace(
        "id: today\nname: Retire today",
        "id: today-future\nname: Retire, proposed\nstate: future\nbaseline: today",
    )
    .replace("        handoff: {type: cold}", "        handoff: {type: warm, shares: [ssn]}")
    .replace(
        """    channels: [in_person]
    burden: {minutes: 60}
    requests: [ssn, address]""",
        """    channels: [in_person, phone]
    burden: {minutes: 20}
    requests: [ssn]""",
    )
)

AS_EDITS = """
  - id: enroll-by-phone
    title: Enroll by phone, handed over warm
    how_might_we: How might we let people enroll without a trip and without saying it all again?
    journey: today
    findings:
      - {rule: cold-handoff, transition: {from: apply, to: enroll}}
      - {rule: repeated-request, data_item: address}
    owner: {agency: cms, unit: Office of Enrollment, role: product lead}
    status: exploring
    change:
      handoffs:
        - {from: apply, to: enroll, type: warm, add_shares: [ssn]}
      steps:
        - {step: enroll, minutes: 20, add_channels: [phone], stop_requesting: [address]}
"""

AS_FUTURE = """
  - id: enroll-by-phone-drawn
    title: Enroll by phone, drawn as a future state
    how_might_we: How might we let people enroll without a trip and without saying it all again?
    journey: today
    findings:
      - {rule: cold-handoff, transition: {from: apply, to: enroll}}
      - {rule: repeated-request, data_item: address}
    owner: {agency: cms}
    change: {future: today-future}
"""


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def workspace_folder(tmp_path: Path, opportunities: str, *, extra: str = "") -> Path:
    folder = tmp_path / "ws"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "catalog.yaml").write_text(dedent(CATALOG), encoding="utf-8")
    (folder / "today.yaml").write_text(dedent(TODAY), encoding="utf-8")
    (folder / "today-future.yaml").write_text(dedent(FUTURE), encoding="utf-8")
    (folder / "opportunities.yaml").write_text(
        "opportunities:" + opportunities + extra, encoding="utf-8"
    )
    return folder


def loaded(folder: Path) -> Workspace:
    result = load_workspace(folder)
    assert result.ok, [str(p) for p in result.problems]
    return result.workspace


@pytest.fixture
def both(tmp_path: Path) -> Workspace:
    """Today's journey, its future state, and the change as edits and as that future."""
    return loaded(workspace_folder(tmp_path, AS_EDITS + AS_FUTURE))
