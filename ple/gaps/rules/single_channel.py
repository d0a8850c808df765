"""single-channel: a step offered through only one channel, which shuts some people out."""

from __future__ import annotations

from collections.abc import Iterator

from ple.gaps.finding import FindingSeverity, Gap
from ple.gaps.registry import rule
from ple.gaps.view import JourneyView
from ple.model import Channel

_EXCLUDES = {
    Channel.online: "people without internet access or digital skills",
    Channel.in_person: "people who cannot travel, work during office hours or have no "
    "office nearby",
    Channel.phone: "people who are deaf or hard of hearing and people who cannot wait on hold",
    Channel.mail: "people who need an answer quickly or have no stable address",
    Channel.email: "people without internet access",
    Channel.chat: "people without internet access or digital skills",
}


@rule(id="single-channel", title="Only one channel", severity="warning")
def single_channel(view: JourneyView) -> Iterator[Gap]:
    """A step offered through one channel only; unknown channels are flagged as unverified.

    Why it matters:
        A single channel excludes whoever cannot use it: online-only excludes people
        without internet, in-person-only excludes people who cannot travel. A step
        whose channels are not recorded cannot be checked at all.

    How to fix:
        Offer a second channel (phone or mail beside online, online or phone beside
        in person), or record the channels the step really has.

    Basis:
        A-11 Section 280 and M-23-22 (digital-first, but not digital-only); EO 14058's
        call for accessible services; the equity lens of life-experience design.
    """
    for step in view.journey.steps:
        channels = step.channels
        if channels is None:
            yield Gap(
                message=f"The channels of {view.step_label(step)} are not recorded, so "
                "who it excludes cannot be checked.",
                suggestion="Record the step's channels.",
                step=step.id,
                agencies=(step.agency,),
                unverified=True,
                severity=FindingSeverity.info,
            )
        elif not channels:
            yield Gap(
                message=f"{view.step_label(step)} is offered through no channel at all.",
                suggestion="Record the channels the step is offered through.",
                step=step.id,
                agencies=(step.agency,),
            )
        elif len(set(channels)) == 1 and channels[0] is not Channel.automatic:
            only = channels[0]
            yield Gap(
                message=f"{view.step_label(step)} is offered {only.value.replace('_', ' ')} "
                f"only, which excludes {_EXCLUDES[only]}.",
                suggestion="Offer a second channel for the same step.",
                step=step.id,
                agencies=(step.agency,),
            )
