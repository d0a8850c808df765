"""Can this person take this step? Passes, blocked (and why), or unverified (and what is unknown).

A step is taken through one of its channels. The person can take it through a channel
when the channel is one they can use, the step speaks one of their languages, and
every need of theirs that matters on that channel is met by the step's
accommodations. The step passes when at least one channel works for them.

Two readings keep the answers true to life:

- ``automatic`` is always usable and asks nothing of the person (no language, no
  accommodation): the data flows without them.
- A need can matter on some channels only (``NEED_CHANNELS``). A screen reader reads
  screens, so a step with a phone line passes for a screen-reader user whatever its
  website supports; sign language replaces speech, so a deaf person can still apply
  online. A need the table does not know matters on every channel.

Where the data is silent (no ``channels``, ``languages`` or ``accommodations``) and the
person's constraint asks about it, the step is *unverified*: it is neither passed nor
blocked, and the question the data leaves open is named.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ple.model import Channel, Persona, Step

_SCREENS = frozenset({Channel.online, Channel.email, Channel.chat})
_SPOKEN = frozenset({Channel.phone, Channel.in_person})
_PRINT = frozenset({Channel.mail, Channel.in_person})

NEED_CHANNELS: dict[str, frozenset[Channel]] = {
    "screen_reader": _SCREENS,  # reads what is on a screen
    "sign_language": _SPOKEN,  # replaces speech: calls (video relay) and visits
    "interpreter": _SPOKEN,
    "tty": frozenset({Channel.phone}),
    "large_print": _PRINT,  # replaces printed letters and forms
    "braille": _PRINT,
}
"""Needs that matter only on some channels; any other need matters on every channel."""

CHANNEL_WORDS = {
    Channel.online: "online",
    Channel.phone: "by phone",
    Channel.in_person: "in person",
    Channel.mail: "by mail",
    Channel.email: "by email",
    Channel.chat: "by chat",
    Channel.automatic: "automatically",
}


class Access(StrEnum):
    """The verdict on one step for one person."""

    passes = "passes"
    blocked = "blocked"
    unverified = "unverified"


@dataclass(frozen=True)
class StepAccess:
    """How one person fares at one step (steps that say the same things share one)."""

    access: Access
    channels: tuple[Channel | None, ...]
    """Channels the person can take it through (for ``unverified``, the ones that may
    work); ``None`` stands for the step's unknown channels."""
    reasons: tuple[str, ...] = ()
    """Why it is blocked, as statements about the step's data."""
    unknowns: tuple[str, ...] = ()
    """What the data does not say that the person's constraints ask about."""


def step_access(step: Step, persona: Persona) -> StepAccess:
    """The verdict on ``step`` for ``persona``."""
    candidates: tuple[Channel | None, ...] = (
        tuple(step.channels) if step.channels is not None else (None,)
    )
    if not candidates:
        return StepAccess(Access.blocked, (), ("offers no channel at all",))
    passing: list[Channel | None] = []
    open_: list[Channel | None] = []
    unusable: list[Channel] = []
    language_fails = False
    unmet: dict[str, list[Channel | None]] = {}
    unknowns: dict[str, None] = {}
    for channel in candidates:
        blocked, questions = _check(step, persona, channel)
        if "channel" in blocked:
            unusable += [c for c in [channel] if c is not None]
        if "language" in blocked:
            language_fails = True
        for need in blocked.get("need", ()):
            unmet.setdefault(need, []).append(channel)
        if blocked:
            continue
        if questions:
            open_.append(channel)
            unknowns.update(dict.fromkeys(questions))
        else:
            passing.append(channel)
    if passing:
        return StepAccess(Access.passes, tuple(passing))
    if open_:
        return StepAccess(Access.unverified, tuple(open_), unknowns=tuple(unknowns))
    return StepAccess(Access.blocked, (), _reasons(step, persona, unusable, language_fails, unmet))


def _check(
    step: Step, persona: Persona, channel: Channel | None
) -> tuple[dict[str, list[str]], list[str]]:
    """What fails and what is unknown when the person takes ``step`` through ``channel``."""
    blocked: dict[str, list[str]] = {}
    questions: list[str] = []
    if channel is Channel.automatic:
        return blocked, questions
    can_use = persona.can_use
    if can_use is not None and can_use.channels is not None:
        if channel is None:
            questions.append("does not say which channels it offers")
        elif channel not in can_use.channels:
            blocked["channel"] = [channel]
    if can_use is not None and can_use.languages is not None:
        if step.languages is None:
            questions.append("does not say which languages it is offered in")
        elif not any(_same_language(a, b) for a in step.languages for b in can_use.languages):
            blocked["language"] = []
    for need in persona.needs:
        where = NEED_CHANNELS.get(need)
        if where is not None and channel is not None and channel not in where:
            continue  # this need does not matter on this channel
        if step.accommodations is not None and need in step.accommodations:
            continue
        if step.accommodations is None:
            questions.append(f"does not say whether it offers {_word(need)}")
        elif where is not None and channel is None:
            questions.append("does not say which channels it offers")
        else:
            blocked.setdefault("need", []).append(need)
    return blocked, questions


def _same_language(offered: str, spoken: str) -> bool:
    """``es`` and ``es-MX`` match: one tag is the other narrowed by more subtags."""
    a, b = offered.lower(), spoken.lower()
    return a == b or a.startswith(b + "-") or b.startswith(a + "-")


def _reasons(
    step: Step,
    persona: Persona,
    unusable: list[Channel],
    language_fails: bool,
    unmet: dict[str, list[Channel | None]],
) -> tuple[str, ...]:
    reasons = []
    offered = step.channels or []
    if unusable and len(unusable) == len(offered):
        reasons.append(f"offered only {_channels(offered)}, which this person cannot use")
    elif unusable:
        reasons.append(f"this person cannot do it {_channels(unusable)}")
    if language_fails:
        spoken = ", ".join(persona.can_use.languages or []) if persona.can_use else ""
        reasons.append(
            f"offered only in {', '.join(step.languages or [])}; this person uses {spoken}"
        )
    for need, channels in unmet.items():
        if need in NEED_CHANNELS:
            reasons.append(
                f"does not list {_word(need)} among its accommodations "
                f"(needed for {_channels(channels)})"
            )
        else:
            reasons.append(f"does not list {_word(need)} among its accommodations")
    return tuple(reasons)


def _channels(channels: list[Channel] | list[Channel | None]) -> str:
    words = [CHANNEL_WORDS[c] for c in channels if c is not None]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]


def _word(need: str) -> str:
    return need.replace("_", " ")
