"""The equity walk on small journeys: one change at a time, and what it does to one person."""

from __future__ import annotations

import textwrap

import pytest
import yaml

from ple.equity import BUILT_IN_IDS, Access, personas_to_walk, step_access, walk
from ple.errors import NotFoundError
from ple.model import Journey, Persona

# learn (online, phone) -> apply (online, phone) -> decide (mail, end)
#                                               \-> appeal (in person) -> decide
BASE = """
id: benefits
name: Apply for benefits
steps:
  - id: learn
    name: Learn what you can get
    agency: ssa
    channels: [online, phone]
    languages: [en, es]
    accommodations: [screen_reader]
    burden: {minutes: 15}
    next: [{to: apply}]
  - id: apply
    name: Apply
    agency: ssa
    channels: [online, phone]
    languages: [en, es]
    accommodations: [screen_reader, tty]
    burden: {minutes: 30, wait_days: 10}
    burden_by_channel:
      phone: {minutes: 45}
    next: [{to: decide}, {to: appeal}]
  - id: appeal
    name: Appeal in person
    agency: ssa
    channels: [in_person]
    languages: [en, es]
    accommodations: [interpreter]
    burden: {minutes: 120, visits: 1}
    next: [{to: decide}]
  - id: decide
    name: Decision letter
    agency: ssa
    channels: [mail]
    languages: [en, es]
    accommodations: [large_print]
    end: true
"""


def journey(text: str = BASE) -> Journey:
    return Journey.model_validate(yaml.safe_load(textwrap.dedent(text)))


def edit(old: str, new: str, text: str = BASE) -> Journey:
    assert old in text, old
    return journey(text.replace(old, new, 1))


def persona(name: str) -> Persona:
    return personas_to_walk(journey(), [name])[0]


def test_everyone_completes_the_base_journey():
    for name in BUILT_IN_IDS:
        result = walk(journey(), persona(name))
        assert (name, result.completes, result.unverified) == (name, True, ())
        blocked = ["appeal"] if name == "cannot-travel" else []
        assert [b.step for b in result.blocked] == blocked


ONLINE_ONLY = BASE.replace("[online, phone]", "[online]", 1)
"""The first step, learn, can be done online only."""


def test_an_online_only_step_blocks_no_internet_and_says_why():
    result = walk(journey(ONLINE_ONLY), persona("no-internet"))
    assert [(b.step, b.reasons) for b in result.blocked] == [
        ("learn", ("offered only online, which this person cannot use",))
    ]
    assert result.completes is False
    assert result.lost == ("apply", "appeal", "decide")
    assert result.walked == ()


def test_adding_phone_unblocks_it():
    result = walk(journey(), persona("no-internet"))
    assert result.blocked == ()
    assert result.completes is True


def test_a_step_in_english_only_blocks_a_spanish_speaker():
    result = walk(
        edit(
            "languages: [en, es]\n    accommodations: [screen_reader, tty]",
            "languages: [en]\n    accommodations: [screen_reader, tty]",
        ),
        persona("limited-english-es"),
    )
    assert [(b.step, b.reasons) for b in result.blocked] == [
        ("apply", ("offered only in en; this person uses es",))
    ]
    assert result.completes is False
    assert result.lost == ("appeal", "decide")


def test_regional_language_tags_match_the_language():
    result = walk(
        edit("languages: [en, es]", "languages: [en, es-MX]"), persona("limited-english-es")
    )
    assert result.blocked == ()


def test_an_unmet_need_blocks_on_the_channels_where_it_matters():
    # A screen reader reads screens: learn is online only and no longer supports one.
    result = walk(
        edit("accommodations: [screen_reader]\n", "accommodations: []\n", ONLINE_ONLY),
        persona("screen-reader"),
    )
    assert [(b.step, b.reasons) for b in result.blocked] == [
        ("learn", ("does not list screen reader among its accommodations (needed for online)",))
    ]


def test_a_need_that_does_not_matter_on_a_channel_does_not_block_it():
    # apply no longer supports a screen reader online, but has a phone line.
    result = walk(
        edit("accommodations: [screen_reader, tty]", "accommodations: [tty]"),
        persona("screen-reader"),
    )
    assert result.blocked == ()
    assert result.burden.channels["apply"] == "phone"


def test_an_undeclared_accommodation_is_unverified_not_blocked():
    result = walk(
        edit("    accommodations: [screen_reader]\n", "", ONLINE_ONLY), persona("screen-reader")
    )
    assert result.blocked == ()
    assert [(u.step, u.unknowns) for u in result.unverified] == [
        ("learn", ("does not say whether it offers screen reader",))
    ]
    assert result.completes is None  # it hangs on that step
    assert result.lost == ()


def test_unknown_channels_are_unverified_for_a_channel_constraint_only():
    text = BASE.replace("    channels: [online, phone]\n", "", 1)
    result = walk(journey(text), persona("no-internet"))
    assert [(u.step, u.unknowns) for u in result.unverified] == [
        ("learn", ("does not say which channels it offers",))
    ]
    assert walk(journey(text), persona("limited-english-es")).unverified == ()


def test_steps_only_behind_a_block_are_lost():
    result = walk(journey(), persona("cannot-travel"))
    assert [b.step for b in result.blocked] == ["appeal"]
    assert result.lost == ()  # decide is reached another way
    only_way = edit("next: [{to: decide}, {to: appeal}]", "next: [{to: appeal}]")
    result = walk(only_way, persona("cannot-travel"))
    assert result.lost == ("decide",)
    assert result.completes is False
    assert result.unconstrained_completes is True


def test_burden_in_the_cheapest_usable_channel():
    everyone = walk(journey(), persona("screen-reader")).unconstrained_burden
    assert everyone.channels["apply"] == "online"  # 30 minutes beats 45 by phone
    no_internet = walk(journey(), persona("no-internet"))
    assert no_internet.burden.channels["apply"] == "phone"
    # learn 15 + apply by phone 45 (its wait of 10 days kept from the general figures)
    # + appeal 120; online, apply takes 30.
    assert (no_internet.burden.minutes, no_internet.burden.wait_days) == (180.0, 10.0)
    assert (
        no_internet.unconstrained_burden.minutes,
        no_internet.unconstrained_burden.wait_days,
    ) == (165.0, 10.0)
    assert no_internet.burden.unknown["minutes"] == 1  # decide says nothing


def test_a_cycle_is_walked_once():
    looping = edit("    end: true\n", "    next: [{to: apply}, {to: learn}]\n")
    result = walk(looping, persona("cannot-travel"))
    assert result.walked == ("learn", "apply", "decide")
    assert [b.step for b in result.blocked] == ["appeal"]
    assert result.completes is False  # no end: true any more, for anyone
    assert result.unconstrained_completes is False


def test_automatic_steps_ask_nothing_of_the_person():
    auto = edit(
        "    channels: [mail]\n    languages: [en, es]\n    accommodations: [large_print]\n",
        "    channels: [automatic]\n",
    )
    for name in BUILT_IN_IDS:
        assert step_access(auto.step("decide"), persona(name)).access is Access.passes


def test_a_journey_persona_walks_only_its_steps_and_shadows_a_built_in():
    text = BASE + textwrap.dedent("""
        personas:
          - {id: no-internet, name: Our own, can_use: {channels: [online]}}
          - {id: veteran, name: Veteran, can_use: {channels: [online, phone]}}
    """)
    text = text.replace(
        "    channels: [in_person]\n", "    channels: [in_person]\n    personas: [no-internet]\n"
    )
    own = personas_to_walk(journey(text), ["no-internet", "veteran"])
    assert [p.name for p in own] == ["Our own", "Veteran"]
    veteran = walk(journey(text), own[1])
    assert "appeal" not in veteran.walked + veteran.lost  # not one of the veteran's steps
    assert [b.step for b in veteran.blocked] == ["decide"]
    assert walk(journey(text), own[0]).built_in is False


def test_an_unknown_persona_names_the_ones_that_exist():
    with pytest.raises(NotFoundError, match=r"no persona 'no-internt'.*did you mean 'no-internet'"):
        personas_to_walk(journey(), ["no-internt"])


def test_default_personas_are_the_built_ins_and_the_journeys_constrained_ones():
    text = BASE + textwrap.dedent("""
        personas:
          - {id: anyone, name: Anyone}
          - {id: deaf, name: Deaf, needs: [sign_language]}
    """)
    assert [p.id for p in personas_to_walk(journey(text))] == [*BUILT_IN_IDS, "deaf"]


# --- forks: next steps that all happen -------------------------------------------------


def test_at_a_choice_one_way_on_is_enough_at_a_fork_every_one_must_be_finished():
    # apply leads to decide (mail) and to an appeal in person; cannot-travel can take
    # only the first. As a choice that is enough; as a fork both happen, so it is not.
    choice = walk(journey(), persona("cannot-travel"))
    assert choice.completes is True and [b.step for b in choice.blocked] == ["appeal"]
    fork = walk(
        edit(
            "    next: [{to: decide}, {to: appeal}]",
            "    fork: true\n    next: [{to: decide}, {to: appeal}]",
        ),
        persona("cannot-travel"),
    )
    assert fork.completes is False and fork.unconstrained_completes is True
    assert [b.step for b in fork.blocked] == ["appeal"]
    assert fork.verdict == "blocked"


def test_a_fork_whose_branches_all_finish_completes():
    fork = walk(
        edit(
            "    next: [{to: decide}, {to: appeal}]",
            "    fork: true\n    next: [{to: decide}, {to: appeal}]",
        ),
        persona("no-internet"),
    )
    assert fork.completes is True


def test_a_fork_branch_for_some_people_does_not_hold_up_the_others():
    # The appeal is for those found ineligible: someone who cannot get to it is blocked
    # there and loses it, yet finishes the journey with the decision letter.
    result = walk(
        edit(
            "    next: [{to: decide}, {to: appeal}]",
            "    fork: true\n    next: [{to: decide}, {to: appeal, condition: Found ineligible}]",
        ),
        persona("cannot-travel"),
    )
    assert result.completes is True
    assert [b.step for b in result.blocked] == ["appeal"]
    # ... but only of people outside that group: for those found ineligible it is not sure.
    assert result.unless == ("Found ineligible",)
    assert result.summary()["unless"] == ["Found ineligible"]


def test_a_fork_branch_the_person_can_finish_leaves_no_group_out():
    result = walk(
        edit(
            "    next: [{to: decide}, {to: appeal}]",
            "    fork: true\n    next: [{to: decide}, {to: appeal, condition: Found ineligible}]",
        ),
        persona("no-internet"),  # the appeal is in person: open to them
    )
    assert (result.completes, result.unless) == (True, ())


def test_a_branch_taken_by_a_share_is_named_by_its_share():
    result = walk(
        edit(
            "    next: [{to: decide}, {to: appeal}]",
            "    fork: true\n    next: [{to: decide}, {to: appeal, share: 0.2}]",
        ),
        persona("cannot-travel"),
    )
    assert result.unless == ("the 20% who go on to 'Appeal in person'",)


def test_at_a_choice_a_conditional_branch_leaves_no_group_out():
    # A choice: the person may take the other way, whoever they are.
    result = walk(
        edit(
            "    next: [{to: decide}, {to: appeal}]",
            "    next: [{to: decide}, {to: appeal, condition: Found ineligible}]",
        ),
        persona("cannot-travel"),
    )
    assert (result.completes, result.unless) == (True, ())
