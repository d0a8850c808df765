"""What the catalog's sharing records say about a finding's repeated ask.

The repeated-request and unshared-data rules find a customer asked for something an
agency already holds. Whether that agency may pass it on decides what can be done:
build on an authority that exists, make the agreement the law allows, or change the
law. Each finding names the case in words and carries the answers for tools; a pair
nobody recorded is said to be not recorded, never read as allowed or barred.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ple.gaps.view import LISTED, JourneyView, some_of
from ple.model import SharingAnswer, SharingBasis, sharing_basis

PREFERENCE = {
    SharingBasis.permitted: 0,
    SharingBasis.agreement_needed: 1,
    SharingBasis.unknown: 2,
    SharingBasis.prohibited: 3,
}
"""Which sender's answer a sentence gives when several agencies hold the item: the most
open way to spare the customer. Unknown comes before prohibited, since a holder nobody
checked may still be a way; a bar is only the answer when every holder is barred."""


def answers_for(
    view: JourneyView, item: str, senders: Iterable[str], receiver: str
) -> list[SharingAnswer]:
    """The recorded basis (or unknown) for each holder sharing ``item`` with ``receiver``."""
    return [
        sharing_basis(view.workspace.sharing, item, sender, receiver)
        for sender in dict.fromkeys(senders)
        if sender != receiver
    ]


def best(answers: Sequence[SharingAnswer]) -> SharingAnswer:
    return min(answers, key=lambda answer: PREFERENCE[answer.basis])


def describe(view: JourneyView, asked: Sequence[tuple[str, Sequence[SharingAnswer]]]) -> str:
    """The legal basis of each repeated ask as a sentence to append to a finding.

    ``asked`` holds, for each data item asked again by a receiving agency, the answers
    for every agency that holds it; the item is named as "it" when the finding is about
    one item. Recorded cases get a clause each, e.g. "OPM asks again though SSA could
    share it under ..."; the receivers whose basis is unknown share one clause."""
    items = {answers[0].data_item for _, answers in asked if answers}
    clauses: list[str] = []
    unknown: list[Sequence[SharingAnswer]] = []
    for what, answers in asked:
        if not answers:
            continue
        if best(answers).basis is SharingBasis.unknown:
            unknown.append(answers)
        else:
            clauses.append(_recorded(view, best(answers), "it" if len(items) == 1 else what))
    if unknown:
        clauses.append(_not_recorded(view, unknown, len(items) == 1))
    if not clauses:
        return ""
    text = "; ".join(clauses)
    return f" {text[0].upper()}{text[1:]}."


def _recorded(view: JourneyView, chosen: SharingAnswer, what: str) -> str:
    to = view.agency(chosen.to_agency)
    sender = view.agency(chosen.from_agency)
    if chosen.basis is SharingBasis.permitted:
        return f"{to} asks again though {sender} could share {what} under {_cited(chosen)}"
    if chosen.basis is SharingBasis.agreement_needed:
        allowed = f" (the law allows one: {_cited(chosen)})" if chosen.authority else ""
        return f"{to} asks again for {what}: no agreement between {sender} and {to} yet{allowed}"
    return (
        f"{to} asks again for {what}: the law bars sharing from {sender} "
        f"({_cited(chosen)}); only a change in law would allow it"
    )


def _not_recorded(
    view: JourneyView, unknown: Sequence[Sequence[SharingAnswer]], one_item: bool
) -> str:
    """One clause for every ask whose basis the catalog does not record, naming the items
    when the finding is about several (some may have been answered already)."""
    pairs = {
        (a.from_agency, a.to_agency)
        for answers in unknown
        for a in answers
        if a.basis is SharingBasis.unknown
    }
    names = list(dict.fromkeys(view.item(answers[0].data_item) for answers in unknown))
    what = (
        "it"
        if one_item
        else (names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}")
    )
    if len(pairs) == 1:
        ((sender, receiver),) = pairs
        return (
            f"whether {view.agency(sender)} may share {what} with {view.agency(receiver)}"
            " is not recorded"
        )
    # Receivers in the order they ask (the answers' order), each once: linear in the answers.
    receivers = list(
        dict.fromkeys(
            view.agency(a.to_agency)
            for answers in unknown
            for a in answers
            if a.basis is SharingBasis.unknown
        )
    )
    holders = "the agencies that hold it" if one_item else "the agencies that hold them"
    return f"whether {holders} may share {what} with {_either(receivers)} is not recorded"


def _either(labels: Sequence[str]) -> str:
    """'A', 'A or B', 'A, B or C' (at most :data:`LISTED` named, then how many more)."""
    if len(labels) == 1:
        return labels[0]
    if len(labels) > LISTED:
        return some_of(labels, len(labels))
    return f"{', '.join(labels[:-1])} or {labels[-1]}"


def _cited(answer: SharingAnswer) -> str:
    authority = answer.authority
    if authority is None:
        return "an unnamed authority"
    kind = {
        "matching-agreement": "a computer matching agreement",
        "consent": "the customer's consent",
        "regulation": "regulation",
        "statute": "statute",
    }
    return f"{authority.citation} ({kind[authority.kind.value]})"
