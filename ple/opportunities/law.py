"""Which opportunities need a change in law: those addressing a finding that asks again for
a data item every agency holding it is barred by statute from sharing.

Design and agreements can close most "tell us once" gaps; a statutory bar (tax return
information under 26 U.S.C. 6103 outside its exceptions) only a change in law can. The
gap rules already read the catalog's ``sharing`` records into each finding
(:attr:`ple.gaps.Finding.needs_change_in_law`); an opportunity takes its label from the
findings it addresses, so the Gaps page and the ranking never disagree. A pair the catalog
does not record is unknown and labels nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from ple.gaps import Finding
from ple.model.sharing import SharingAnswer


def barred(findings: Iterable[Finding]) -> tuple[SharingAnswer, ...]:
    """The statutory bars behind those of ``findings`` that need a change in law."""
    found: dict[tuple[str, str, str], SharingAnswer] = {}
    for finding in findings:
        if not finding.needs_change_in_law:
            continue
        for answer in finding.sharing:
            if answer.needs_change_in_law:
                found.setdefault((answer.data_item, answer.from_agency, answer.to_agency), answer)
    return tuple(found.values())
