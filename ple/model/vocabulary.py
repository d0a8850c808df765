"""The closed vocabularies of the workspace format.

They live in one place so the model, the JSON Schema, the docs and the gap rules
all agree on the words a journey may use. Values are the exact strings written in
YAML; renaming one breaks users' files, so extend, never rename.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import StringConstraints

from ple import limits

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
"""Ids are lowercase slugs so they survive URLs, file names and Cypher unchanged."""
COLOUR_PATTERN = r"^#[0-9A-Fa-f]{6}$"
"""A colour as ``#RRGGBB``."""
OMB_CONTROL_PATTERN = r"^\d{4}-\d{4}$"
"""An OMB control number under the Paperwork Reduction Act, e.g. ``0960-0618``."""

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=limits.ID_LENGTH.value)]
"""An id of an agency, program, data item, journey, stage, persona or step; at most
:data:`ple.limits.ID_LENGTH` characters, since ids become file names."""

Name = Annotated[str, StringConstraints(min_length=1, max_length=limits.NAME_LENGTH.value)]
"""What people read for an object (its ``name``): not empty, and short enough to draw."""

Acronym = Annotated[str, StringConstraints(max_length=limits.NAME_LENGTH.value)]
"""A short label shown instead of a name."""

LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
ACCOMMODATION_PATTERN = r"^[a-z][a-z0-9_]*$"
LISTING_PATTERN = r"^\d{2}\.\d{3}[A-Z]?$"
"""An Assistance Listing number (formerly CFDA): two digits, a point, three digits and
sometimes a letter, e.g. ``96.002``; text, since ``96.010`` as a number loses its zero."""

LanguageCode = Annotated[str, StringConstraints(pattern=LANGUAGE_PATTERN)]
"""A BCP 47 language tag such as ``en``, ``es`` or ``zh-Hant``."""

Accommodation = Annotated[str, StringConstraints(pattern=ACCOMMODATION_PATTERN)]
"""An accommodation word such as ``screen_reader`` or ``interpreter`` (open vocabulary)."""


class Channel(StrEnum):
    """How a customer takes a step."""

    online = "online"
    phone = "phone"
    in_person = "in_person"
    mail = "mail"
    email = "email"
    chat = "chat"
    automatic = "automatic"


class AgencyLevel(StrEnum):
    """Level of government (or private sector) an organization belongs to."""

    federal = "federal"
    state = "state"
    local = "local"
    tribal = "tribal"
    private = "private"


class DataItemKind(StrEnum):
    """What sort of thing a customer is asked to provide."""

    fact = "fact"
    document = "document"
    identity = "identity"


class JourneyState(StrEnum):
    """Whether a journey maps today's experience or a proposed one."""

    current = "current"
    future = "future"


class HandoffType(StrEnum):
    """How a customer moves from one agency to the next, best first.

    ``automatic``: data flows and the customer does nothing; ``warm``: the agency
    connects the customer, with context; ``referral``: the customer is told where to
    go; ``cold``: the customer must find the next agency alone.
    """

    automatic = "automatic"
    warm = "warm"
    referral = "referral"
    cold = "cold"


class EvidenceLevel(StrEnum):
    """How a figure or a step is known, surest first.

    ``observed``: seen in research with people or in analytics; ``reported``: agency data
    or a published figure; ``assumed``: a designer's estimate. A figure that names none
    is *unknown*, which is not the same as assumed.
    """

    observed = "observed"
    reported = "reported"
    assumed = "assumed"


class TouchpointKind(StrEnum):
    """What sort of thing a touchpoint is: where the customer meets the service."""

    form = "form"
    letter = "letter"
    portal = "portal"
    call_centre = "call_centre"
    office = "office"
    app = "app"
    card = "card"


MEASURE_KEYS: tuple[str, ...] = (
    "satisfaction",
    "trust",
    "effectiveness",
    "ease",
    "efficiency",
    "transparency",
    "employee",
)
"""The A-11 Section 280 post-transaction survey drivers, in OMB's question order."""


GAP_RULES: tuple[str, ...] = (
    "assumed-moment",
    "burden-hotspot",
    "cold-handoff",
    "dead-end",
    "language-access",
    "low-score",
    "persona-blocked",
    "ping-pong",
    "repeated-request",
    "single-channel",
    "undocumented-handoff",
    "unmeasured-touchpoint",
    "unreachable-step",
    "unshared-data",
)
"""The ids of the built-in gap rules (one module each under ``ple/gaps/rules``): the words
``accepted_findings[].rule`` may name. They are part of the format, so a misspelled rule
in an acceptance is a validation problem instead of an acceptance that silently never
matches; the gap registry refuses a rule whose id is not listed here."""
