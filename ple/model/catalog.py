"""The catalog: agencies, programs and the data items customers are asked for.

Catalog entries are shared by every journey in a workspace, so an agency is
described once and each step only names it by id.
"""

from __future__ import annotations

from pydantic import Field, StrictBool

from ple.model.base import FormatModel
from ple.model.vocabulary import (
    COLOUR_PATTERN,
    LISTING_PATTERN,
    OMB_CONTROL_PATTERN,
    Acronym,
    AgencyLevel,
    Channel,
    DataItemKind,
    Name,
    Slug,
    TouchpointKind,
)


class Agency(FormatModel):
    """An organization a customer deals with: a federal bureau, a state office, a bank."""

    id: Slug
    name: Name
    acronym: Acronym | None = None
    hisp: StrictBool | None = Field(
        default=None,
        description="Designated High-Impact Service Provider; null when not known.",
    )
    parent: Slug | None = Field(default=None, description="Id of the parent department.")
    level: AgencyLevel = AgencyLevel.federal
    url: str | None = None
    notes: str | None = None
    colour: str | None = Field(
        default=None,
        pattern=COLOUR_PATTERN,
        description="The agency's colour in every diagram, as #RRGGBB; chosen by id when absent.",
    )


class Program(FormatModel):
    """A program an agency runs, such as retirement benefits or disaster loans."""

    id: Slug
    name: Name
    short_name: Name | None = Field(
        default=None,
        description="The name people use, where it differs from the official one (the "
        "Federal Program Inventory's title), e.g. 'Post-9/11 GI Bill'; shown where space "
        "is short.",
    )
    agency: Slug
    assistance_listing: str | None = Field(
        default=None,
        pattern=LISTING_PATTERN,
        description="Assistance Listing number (formerly CFDA), e.g. 96.002.",
    )
    url: str | None = None
    notes: str | None = None
    categories: list[str] = Field(
        default_factory=list,
        description="Federal Program Inventory categories, e.g. 'Income Security and Social "
        "Services - Disability'.",
    )
    beneficiary_types: list[str] = Field(
        default_factory=list,
        description="Federal Program Inventory beneficiary types, e.g. 'Individual/Family'.",
    )


class DataItem(FormatModel):
    """Something a customer must provide: a fact, a document or proof of identity."""

    id: Slug
    name: Name
    kind: DataItemKind | None = None
    notes: str | None = None


class Touchpoint(FormatModel):
    """Where a customer meets a service: a form, a letter, a portal, a call centre, an
    office. Defined once in the catalog, so the same form in several journeys is one
    touchpoint; steps name the touchpoints they use."""

    id: Slug
    name: Name
    kind: TouchpointKind
    channel: Channel | None = Field(default=None, description="How the customer uses it.")
    agency: Slug = Field(description="The agency that owns it.")
    omb_control_number: str | None = Field(
        default=None,
        pattern=OMB_CONTROL_PATTERN,
        description="For a form: its OMB control number under the Paperwork Reduction Act, "
        "e.g. 0960-0618. Only from a public source named in sources.",
    )
    form_number: str | None = Field(default=None, description="For a form: e.g. SSA-1.")
    url: str | None = None
    sources: list[str] = Field(
        default_factory=list, description="Where its form and control numbers come from."
    )
    notes: str | None = None
