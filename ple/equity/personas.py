"""The four built-in personas, and how a name given by a user becomes a persona.

The built-ins let a designer walk any journey as someone without home internet, with
limited English, who cannot travel or who uses a screen reader, without editing the
journey. They are ordinary :class:`~ple.model.Persona` values, so a journey's own
personas and the built-ins are walked by the same code.
"""

from __future__ import annotations

from collections.abc import Sequence

from ple.errors import NotFoundError
from ple.io.suggest import did_you_mean
from ple.model import CanUse, Channel, Journey, Persona

BUILT_IN_PERSONAS: tuple[Persona, ...] = (
    Persona(
        id="no-internet",
        name="No home internet",
        description="Cannot use online services, email or chat; uses phone, mail or visits.",
        can_use=CanUse(channels=[Channel.phone, Channel.in_person, Channel.mail]),
    ),
    Persona(
        id="limited-english-es",
        name="Limited English (Spanish only)",
        description="Reads and speaks Spanish only.",
        can_use=CanUse(languages=["es"]),
    ),
    Persona(
        id="cannot-travel",
        name="Cannot travel",
        description="Cannot make in-person visits (disability, distance, no transport, "
        "caregiving).",
        can_use=CanUse(channels=[c for c in Channel if c is not Channel.in_person]),
    ),
    Persona(
        id="screen-reader",
        name="Screen reader user",
        description="Blind or low-vision; uses a screen reader on screens.",
        needs=["screen_reader"],
    ),
)
"""Usable on every journey; a journey's own persona with the same id takes precedence."""

BUILT_IN_IDS: tuple[str, ...] = tuple(p.id for p in BUILT_IN_PERSONAS)


def is_constrained(persona: Persona) -> bool:
    """Whether the persona says anything the walk can check (channels, languages, needs)."""
    can_use = persona.can_use
    limited = can_use is not None and (
        can_use.channels is not None or can_use.languages is not None
    )
    return limited or bool(persona.needs)


def personas_to_walk(journey: Journey, names: Sequence[str] | None = None) -> list[Persona]:
    """The personas to walk ``journey`` as.

    With no names: the four built-ins, then the journey's own personas that have
    constraints. With names: those personas, the journey's own first, then built-ins.
    An unknown name raises :class:`NotFoundError` naming what exists.
    """
    own = {p.id: p for p in journey.personas}
    if not names:
        return [*BUILT_IN_PERSONAS, *(p for p in journey.personas if is_constrained(p))]
    built_in = {p.id: p for p in BUILT_IN_PERSONAS}
    chosen = []
    for name in dict.fromkeys(names):
        persona = own.get(name) or built_in.get(name)
        if persona is None:
            known = [*built_in, *own]
            raise NotFoundError(
                f"no persona {name!r} built in or in journey {journey.id!r}"
                f"{did_you_mean(name, known)}"
            )
        chosen.append(persona)
    return chosen


def is_built_in(journey: Journey, persona: Persona) -> bool:
    """A built-in persona walked on ``journey`` (not shadowed by one of the journey's own)."""
    return persona.id in BUILT_IN_IDS and persona.id not in {p.id for p in journey.personas}
