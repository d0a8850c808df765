"""The legal basis for sharing a data item from one agency with another.

A customer asked again for a fact an agency already holds is the commonest complaint
of a life experience, but whether the holder *may* pass it on is a legal question: a
statute may allow it, a computer matching agreement under the Privacy Act may be
needed, the form may carry the customer's consent, or a statute may bar it (tax return
information under 26 U.S.C. 6103 outside its listed exceptions). The catalog records
what is known, pair by pair and with sources; what it does not record is *unknown*,
which is never read as yes or as no.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from pydantic import Field

from ple.model.base import FormatModel
from ple.model.vocabulary import Slug


class SharingBasis(StrEnum):
    """Whether one agency may share a data item with another, most open first.

    ``permitted``: an authority allows it today; ``agreement-needed``: the law allows
    it but no agreement (such as a computer matching agreement) is in place yet;
    ``prohibited``: a statute bars it; ``unknown``: not recorded, or recorded as not
    known. Only the first three are facts; unknown is the absence of one.
    """

    permitted = "permitted"
    agreement_needed = "agreement-needed"
    prohibited = "prohibited"
    unknown = "unknown"


class AuthorityKind(StrEnum):
    """What kind of instrument allows or bars a sharing."""

    statute = "statute"
    regulation = "regulation"
    matching_agreement = "matching-agreement"
    """A computer matching agreement under the Privacy Act (5 U.S.C. 552a(o))."""
    consent = "consent"
    """The customer's written consent, given on the form that collects the item."""


class Authority(FormatModel):
    """The instrument a sharing rests on, cited so that a reader can look it up."""

    kind: AuthorityKind
    citation: str = Field(
        min_length=1,
        description="How to find it: '42 U.S.C. 405(r)', 'SSA-CMS CMA 2306', 'Form 4506-C'.",
    )
    title: str | None = Field(default=None, description="What it is called, in words.")


class Sharing(FormatModel):
    """What the law says about one agency sharing one data item with another.

    One record per data item and ordered pair of agencies: ``from`` holds the item,
    ``to`` would otherwise ask the customer for it. A record with ``permitted`` or
    ``prohibited`` names its authority; every record should name its sources.
    """

    data_item: Slug
    from_: Slug = Field(alias="from", description="The agency that holds the item.")
    to: Slug = Field(description="The agency that would receive it.")
    basis: SharingBasis
    authority: Authority | None = Field(
        default=None,
        description="What allows it (permitted), bars it (prohibited) or would allow an "
        "agreement (agreement-needed).",
    )
    sources: list[str] = Field(
        default_factory=list,
        description="Where the basis can be checked: the statute, the "
        "agreement's notice in the Federal Register, the form.",
    )
    notes: str | None = None

    @property
    def id(self) -> str:
        """The record's key in the workspace: one record per item and ordered pair."""
        return sharing_key(self.data_item, self.from_, self.to)


def sharing_key(data_item: str, from_agency: str, to_agency: str) -> str:
    """How a record is keyed: 'ssn from ssa to opm'."""
    return f"{data_item} from {from_agency} to {to_agency}"


@dataclass(frozen=True)
class SharingAnswer:
    """The answer to "may ``from_agency`` share ``data_item`` with ``to_agency``?".

    ``recorded`` is False when the catalog says nothing about the pair; the basis is
    then ``unknown``, never a yes or a no.
    """

    data_item: str
    from_agency: str
    to_agency: str
    basis: SharingBasis
    authority: Authority | None = None
    sources: tuple[str, ...] = ()
    notes: str | None = None
    recorded: bool = False

    @property
    def needs_change_in_law(self) -> bool:
        """Only a statute can lift a statutory bar: no agreement or design will do."""
        return self.basis is SharingBasis.prohibited

    def to_dict(self) -> dict[str, object]:
        return {
            "data_item": self.data_item,
            "from": self.from_agency,
            "to": self.to_agency,
            "basis": self.basis.value,
            "authority": (self.authority.model_dump(mode="json") if self.authority else None),
            "sources": list(self.sources),
            "notes": self.notes,
            "recorded": self.recorded,
        }


def sharing_basis(
    records: Mapping[str, Sharing], data_item: str, from_agency: str, to_agency: str
) -> SharingAnswer:
    """What the catalog records about sharing ``data_item`` from one agency with another.

    ``records`` is :attr:`ple.model.Workspace.sharing`. A pair with no record, or a
    record whose basis is ``unknown``, answers ``unknown``: the catalog does not say.
    """
    record = records.get(sharing_key(data_item, from_agency, to_agency))
    if record is None:
        return SharingAnswer(data_item, from_agency, to_agency, SharingBasis.unknown)
    return SharingAnswer(
        data_item,
        from_agency,
        to_agency,
        record.basis,
        record.authority,
        tuple(record.sources),
        record.notes,
        recorded=True,
    )
