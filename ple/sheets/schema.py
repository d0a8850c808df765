"""The sheets of a journey workbook and their columns: one definition for the app's
editable tables, the xlsx workbook and the CSV files.

Column names are the format's field names (``wait_days``, ``lead_agency``), so a
column means exactly what docs/format.md says about the field. Nested fields are
flattened: a step's ``burden`` becomes ``minutes``, ``wait_days``, ``cost_usd`` and
``visits``; its A-11 ``measures`` one column per driver; a persona's ``can_use``
becomes ``can_use_channels`` and ``can_use_languages``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ple.model.journey import BLUEPRINT_ROWS
from ple.model.sharing import AuthorityKind, SharingBasis, sharing_key
from ple.model.vocabulary import (
    MEASURE_KEYS,
    AgencyLevel,
    Channel,
    DataItemKind,
    EvidenceLevel,
    HandoffType,
    JourneyState,
    TouchpointKind,
)


class Kind(StrEnum):
    """What a column holds, which decides how a cell is read and written."""

    text = "text"
    number = "number"
    whole = "whole"
    """A whole number (visits, sentiment, people a year)."""
    flag = "flag"
    """TRUE or FALSE; empty means the default (or unknown, for ``hisp``)."""
    words = "words"
    """A list of ids or words, ``;``-joined."""
    lines = "lines"
    """A list of sentences, one per line."""
    listing = "listing"
    """An Assistance Listing number such as 96.010: text (the workbook formats its cells
    as text), but a number a spreadsheet made of it is read back as the listing it was."""


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind = Kind.text
    required: bool = False
    choices: tuple[str, ...] = ()
    """The closed vocabulary a value (or each list item) must come from."""
    refers_to: str | None = None
    """The sheet whose ids the value (or each list item) names."""
    unknown_allowed: bool = False
    """A list where empty (not recorded) and :data:`~ple.sheets.cells.NONE` differ."""
    help: str = ""

    @property
    def is_list(self) -> bool:
        return self.kind in (Kind.words, Kind.lines)


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]
    about: str

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def _words(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(member.value for member in enum)


CHANNELS = _words(Channel)
HANDOFF_TYPES = _words(HandoffType)
MEASURES = tuple(
    Column(key, Kind.number, help=f"A-11 driver '{key}', 1 (worst) to 5 (best)")
    for key in MEASURE_KEYS
)
BURDEN = (
    Column("minutes", Kind.number, help="Hands-on time, in minutes"),
    Column("wait_days", Kind.number, help="Calendar days waiting"),
    Column("cost_usd", Kind.number, help="Out-of-pocket cost, in US dollars"),
    Column("visits", Kind.whole, help="Trips to an office"),
)

EVIDENCE_LEVELS = _words(EvidenceLevel)


def evidence_columns(prefix: str, what: str) -> tuple[Column, ...]:
    """The three columns of an ``evidence`` block: its level, sources and notes."""
    return (
        Column(
            f"{prefix}evidence",
            choices=EVIDENCE_LEVELS,
            help=f"What {what} rests on: observed, reported or assumed; empty = unknown",
        ),
        Column(
            f"{prefix}evidence_sources",
            Kind.lines,
            help=f"Where to check {what}, one source per line",
        ),
        Column(f"{prefix}evidence_notes"),
    )


JOURNEY = Sheet(
    "Journey",
    (
        Column("id", required=True, help="Lowercase letters, digits and hyphens"),
        Column("name", required=True),
        Column("state", choices=_words(JourneyState), help="current (today) or future (proposed)"),
        Column(
            "baseline",
            refers_to="journeys",
            help="For a future state: the id of the current-state journey it improves",
        ),
        Column("trigger", help="What starts the life experience"),
        Column("outcome", help="What success looks like for the person"),
        Column("lead_agency", refers_to="Agencies"),
        Column("description"),
        Column("sources", Kind.lines, help="Web pages and reports behind the map, one per line"),
        Column(
            "entry",
            Kind.words,
            refers_to="Steps",
            help="Steps where people start; empty means the first step",
        ),
        Column("volume_per_year", Kind.whole, help="People who go through this a year"),
        Column("volume_source", help="Where the yearly figure comes from (required with it)"),
        Column("volume_year", help="The year the figure counts, e.g. 2023 or FY2024"),
        Column("volume_notes"),
        *evidence_columns("volume_", "the yearly figure"),
        Column("notes"),
    ),
    "One row per field of the journey: its id, name, trigger, outcome and sources.",
)

STAGES = Sheet(
    "Stages",
    (
        Column("id", required=True),
        Column("name", required=True),
        Column("description"),
    ),
    "The phases of the journey, in order (plan, apply, receive).",
)

PERSONAS = Sheet(
    "Personas",
    (
        Column("id", required=True),
        Column("name", required=True),
        Column("description"),
        Column(
            "can_use_channels",
            Kind.words,
            choices=CHANNELS,
            unknown_allowed=True,
            help="Channels this person can use; empty means any",
        ),
        Column(
            "can_use_languages",
            Kind.words,
            unknown_allowed=True,
            help="Languages this person can use (en, es, ...); empty means any",
        ),
        Column("needs", Kind.words, help="Accommodations needed at every step (large_print, ...)"),
    ),
    "Kinds of people taking the journey, with what they can use and need.",
)

STEPS = Sheet(
    "Steps",
    (
        Column("id", required=True, help="Unique in this journey"),
        Column("name", required=True),
        Column("stage", refers_to="Stages"),
        Column("agency", required=True, refers_to="Agencies"),
        Column("program", refers_to="Programs"),
        Column(
            "channels",
            Kind.words,
            choices=CHANNELS,
            unknown_allowed=True,
            help="online, phone, in_person, mail, email, chat, automatic; empty = not recorded",
        ),
        Column(
            "languages",
            Kind.words,
            unknown_allowed=True,
            help="Language tags such as en, es; empty = not recorded",
        ),
        *BURDEN,
        Column(
            "requests",
            Kind.words,
            refers_to="DataItems",
            help="Data items the customer must provide here",
        ),
        Column("sentiment", Kind.whole, help="-2 (very negative) to 2 (very positive)"),
        Column("pain_points", Kind.lines, help="One pain point per line"),
        Column(
            "accommodations",
            Kind.words,
            unknown_allowed=True,
            help="What the step supports: screen_reader, large_print, interpreter, ...",
        ),
        Column("forms", Kind.words, help="Form numbers, e.g. SSA-1"),
        Column(
            "personas",
            Kind.words,
            refers_to="Personas",
            unknown_allowed=True,
            help="Who takes this step; empty means everyone",
        ),
        Column("fork", Kind.flag, help="TRUE when the next steps all happen, not one of them"),
        Column("end", Kind.flag, help="TRUE for a deliberate end of the journey"),
        Column("description"),
        Column("notes"),
        *MEASURES,
        Column(
            "touchpoints",
            Kind.words,
            refers_to="Touchpoints",
            help="Forms, letters, portals, call centres and offices the step uses",
        ),
        Column("moment_that_matters", Kind.flag, help="TRUE for a moment that matters"),
        Column("moment_reason", help="Why it matters, in a sentence"),
        Column(
            "detail",
            refers_to="journeys",
            help="The id of a journey that tells this step in more detail",
        ),
        *evidence_columns("", "the step as mapped"),
        *evidence_columns("burden_", "the burden figures"),
        *evidence_columns("measures_", "the A-11 scores"),
    ),
    "One row per step, in journey order. Moves between steps are on the Transitions sheet.",
)

TRANSITIONS = Sheet(
    "Transitions",
    (
        Column("from", required=True, refers_to="Steps"),
        Column("to", required=True, refers_to="Steps"),
        Column("condition", help="When people take this branch"),
        Column("share", Kind.number, help="Fraction of people who take it, 0 to 1"),
        Column(
            "handoff",
            choices=HANDOFF_TYPES,
            help="For a move to another agency: automatic, warm, referral or cold",
        ),
        Column(
            "shares",
            Kind.words,
            refers_to="DataItems",
            help="Data items passed along with the handoff",
        ),
        Column("note", help="About the handoff"),
        *evidence_columns("", "the share"),
    ),
    "One row per move from one step to the next, in order for each step.",
)

BURDEN_BY_CHANNEL = Sheet(
    "BurdenByChannel",
    (
        Column("step", required=True, refers_to="Steps"),
        Column("channel", required=True, choices=CHANNELS),
        *BURDEN,
        *evidence_columns("", "this burden"),
    ),
    "A step's burden when taken through one channel (overrides the step's own burden).",
)

BLUEPRINT = Sheet(
    "Blueprint",
    (
        Column("step", required=True, refers_to="Steps"),
        Column(
            "row",
            required=True,
            choices=BLUEPRINT_ROWS,
            help="frontstage (what the customer meets), backstage (out of sight) or support",
        ),
        Column("text", required=True, help="What is done"),
        Column("agency", refers_to="Agencies", help="Who does it; empty = the step's agency"),
        Column("system", help="The system or data exchange"),
    ),
    "The service blueprint under each step: one row per action, in order for each step.",
)

ACCEPTED_FINDINGS = Sheet(
    "AcceptedFindings",
    (
        Column("rule", required=True, help="Gap rule id, e.g. cold-handoff"),
        Column("step", refers_to="Steps"),
        Column("from", refers_to="Steps", help="With 'to': the transition the finding is about"),
        Column("to", refers_to="Steps"),
        Column("data_item", refers_to="DataItems"),
        Column("reason", required=True),
    ),
    "Gap findings the team looked at and decided to live with, and why.",
)

AGENCIES = Sheet(
    "Agencies",
    (
        Column("id", required=True),
        Column("name", required=True),
        Column("acronym"),
        Column("hisp", Kind.flag, help="Designated High-Impact Service Provider; empty = unknown"),
        Column("parent", refers_to="Agencies", help="Id of the parent department"),
        Column("level", choices=_words(AgencyLevel), help="Empty means federal"),
        Column("url"),
        Column("notes"),
        Column("colour", help="Its colour in every diagram, as #RRGGBB; empty = chosen by id"),
    ),
    "Organizations customers deal with.",
)

PROGRAMS = Sheet(
    "Programs",
    (
        Column("id", required=True),
        Column("name", required=True),
        Column("short_name", help="The name people use, when it differs from the official one"),
        Column("agency", required=True, refers_to="Agencies"),
        Column(
            "assistance_listing",
            Kind.listing,
            help="Assistance Listing number such as 96.002 (as text)",
        ),
        Column("url"),
        Column("notes"),
        Column("categories", Kind.words),
        Column("beneficiary_types", Kind.words),
    ),
    "Programs agencies run.",
)

DATA_ITEMS = Sheet(
    "DataItems",
    (
        Column("id", required=True),
        Column("name", required=True),
        Column("kind", choices=_words(DataItemKind)),
        Column("notes"),
    ),
    "What customers are asked to provide.",
)

TOUCHPOINTS = Sheet(
    "Touchpoints",
    (
        Column("id", required=True),
        Column("name", required=True),
        Column("kind", required=True, choices=_words(TouchpointKind)),
        Column("channel", choices=CHANNELS),
        Column("agency", required=True, refers_to="Agencies", help="The agency that owns it"),
        Column("form_number", help="For a form: e.g. SSA-1"),
        Column("omb_control_number", help="For a form: e.g. 0960-0618, from a public source"),
        Column("url"),
        Column("sources", Kind.lines, help="Where its numbers come from, one per line"),
        Column("notes"),
    ),
    "Forms, letters, portals, call centres and offices where customers meet a service.",
)

SHARING = Sheet(
    "Sharing",
    (
        Column("data_item", required=True, refers_to="DataItems", help="What would be shared"),
        Column("from", required=True, refers_to="Agencies", help="The agency that holds it"),
        Column("to", required=True, refers_to="Agencies", help="The agency that would receive it"),
        Column(
            "basis",
            required=True,
            choices=_words(SharingBasis),
            help="Whether the law lets 'from' share it with 'to' today",
        ),
        Column(
            "authority_kind",
            choices=_words(AuthorityKind),
            help="What allows or bars it; required for permitted and prohibited",
        ),
        Column(
            "authority_citation",
            help="How to find the authority: 42 U.S.C. 405(r), a matching agreement's number",
        ),
        Column("authority_title", help="What the authority is called, in words"),
        Column("sources", Kind.lines, help="Where the basis can be checked, one per line"),
        Column("notes", help="Limits and conditions, in words"),
    ),
    "The legal basis for sharing a data item from one agency with another: one row per "
    "data item and ordered pair of agencies.",
)
SHARING_AUTHORITY = {
    "authority_kind": "kind",
    "authority_citation": "citation",
    "authority_title": "title",
}
"""Sharing sheet column -> the key of the record's ``authority`` it holds."""

JOURNEY_SHEETS = (
    JOURNEY,
    STEPS,
    TRANSITIONS,
    STAGES,
    PERSONAS,
    BURDEN_BY_CHANNEL,
    ACCEPTED_FINDINGS,
    BLUEPRINT,
)
CATALOG_SHEETS = (AGENCIES, PROGRAMS, DATA_ITEMS, TOUCHPOINTS, SHARING)
"""The catalog sheets, in the order of the workbook and of the app's catalog tabs."""
SHEETS = (*JOURNEY_SHEETS, *CATALOG_SHEETS)
BY_NAME = {sheet.name: sheet for sheet in SHEETS}

CATALOG_KEYS = {
    "Agencies": "agencies",
    "Programs": "programs",
    "DataItems": "data_items",
    "Touchpoints": "touchpoints",
    "Sharing": "sharing",
}
"""Catalog sheet -> the workspace collection it holds."""


def row_key(sheet: Sheet, row: Mapping[str, Any]) -> Any:
    """What names a catalog row's entry: its id, or for a sharing record its data item
    and ordered pair of agencies, 'ssn from ssa to opm' (a record has no id of its own)."""
    if sheet is SHARING:
        return sharing_key(str(row.get("data_item")), str(row.get("from")), str(row.get("to")))
    return row.get("id")
