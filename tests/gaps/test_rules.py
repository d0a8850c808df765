"""Each gap rule: a journey that triggers it, a near-identical one that does not, and
messages that name the right steps and agencies.

Most journeys here are the shared ``BASE`` journey (which no rule finds anything in)
with one field changed; see ``tests/gaps/helpers.py``.
"""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from ple.gaps import Finding, all_rules, rule
from ple.gaps.registry import RULE_ID
from ple.model.vocabulary import GAP_RULES
from tests.gaps.helpers import BASE, edit, edits, run


def one(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, [f.message for f in findings]
    return findings[0]


def anchors(finding: Finding) -> dict:
    """What a finding points at, for comparing in one assert."""
    return {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "step": finding.step,
        "transition": finding.transition,
        "agencies": finding.agencies,
        "data_item": finding.data_item,
        "unverified": finding.unverified,
    }


def at(
    rule: str,
    severity: str = "warning",
    *,
    step: str | None = None,
    transition: tuple[str, str] | None = None,
    agencies: tuple[str, ...] = (),
    data_item: str | None = None,
    unverified: bool = False,
) -> dict:
    return {
        "rule": rule,
        "severity": severity,
        "step": step,
        "transition": transition,
        "agencies": agencies,
        "data_item": data_item,
        "unverified": unverified,
    }


# --- Every rule ---------------------------------------------------------------------------

CMS_ASKS_SSN = edit(BASE, "requests: [bank]", "requests: [ssn, bank]")
"""CMS asks for the SSN the customer gave SSA; the handoff shares it."""

ASSUMED_MOMENT = edit(
    BASE,
    "    burden: {minutes: 30, wait_days: 10, cost_usd: 0, visits: 0}\n",
    "    burden: {minutes: 30, wait_days: 10, cost_usd: 0, visits: 0, "
    "evidence: {level: assumed}}\n    moment_that_matters: true\n"
    "    moment_reason: Income stops with the last paycheck.\n",
)
"""The application is a moment that matters, and its burden is a designer's estimate."""

PAIRS = {
    # rule: (journey that triggers it, near-identical journey that does not)
    "assumed-moment": (
        ASSUMED_MOMENT,
        edit(ASSUMED_MOMENT, "evidence: {level: assumed}", "evidence: {level: reported}"),
    ),
    "cold-handoff": (edit(BASE, "type: warm", "type: cold"), BASE),
    "undocumented-handoff": (
        edit(BASE, "handoff: {type: warm, shares: [ssn]}", "handoff:"),
        edit(BASE, "handoff: {type: warm, shares: [ssn]}", "handoff: {type: warm}"),
    ),
    "repeated-request": (CMS_ASKS_SSN, BASE),
    "unshared-data": (edit(CMS_ASKS_SSN, "shares: [ssn]", "shares: []"), CMS_ASKS_SSN),
    "dead-end": (edit(BASE, "end: true", "end: false"), BASE),
    "unreachable-step": (
        edit(BASE, "steps:\n", "entry: [apply]\nsteps:\n"),
        edit(BASE, "steps:\n", "entry: [plan]\nsteps:\n"),
    ),
    "single-channel": (
        edit(BASE, "channels: [online, mail]", "channels: [online]"),
        edit(BASE, "channels: [online, mail]", "channels: [online, phone]"),
    ),
    "language-access": (
        edit(BASE, "languages: [en, es, zh]", "languages: [en]"),
        edit(BASE, "languages: [en, es, zh]", "languages: [es]"),
    ),
    "burden-hotspot": (
        edit(BASE, "visits: 0", "visits: 2"),
        edit(BASE, "visits: 0", "visits: 1"),
    ),
    "ping-pong": (
        edit(BASE, "type: automatic", "type: warm"),
        BASE,
    ),
    "unmeasured-touchpoint": (
        edit(BASE, "    measures: {satisfaction: 3.9, trust: 4.1}\n", ""),
        edits(
            BASE,
            ("    measures: {satisfaction: 3.9, trust: 4.1}\n", ""),
            ("agency: cms", "agency: irs"),
        ),
    ),
    "low-score": (
        edit(BASE, "ease: 3.5", "ease: 2.9"),
        edit(BASE, "ease: 3.5", "ease: 3.0"),
    ),
    "persona-blocked": (
        BASE + "personas:\n  - {id: offline, name: Offline, can_use: {channels: [phone]}}\n",
        BASE + "personas:\n  - {id: offline, name: Offline, can_use: {channels: [phone, mail]}}\n",
    ),
}


def test_every_rule_has_a_triggering_and_a_near_identical_journey_here():
    assert set(PAIRS) == set(all_rules())


def test_there_are_fourteen_rules():
    assert len(all_rules()) == 14


@pytest.mark.parametrize("rule_id", sorted(PAIRS))
def test_the_base_journey_triggers_no_rule(write, rule_id):
    assert run(write, BASE, rule_id).findings == []


@pytest.mark.parametrize("rule_id", sorted(PAIRS))
def test_the_trigger_journey_fires_the_rule_and_its_near_twin_does_not(write, rule_id):
    triggering, near_twin = PAIRS[rule_id]
    fired = run(write, triggering, rule_id).findings
    assert fired
    assert {finding.rule for finding in fired} == {rule_id}
    assert all(finding.journey == "retire" for finding in fired)
    assert run(write, near_twin, rule_id).findings == []


@pytest.mark.parametrize("rule_id", sorted(PAIRS))
def test_every_rule_explains_why_how_and_on_what_basis(rule_id):
    explained = all_rules()[rule_id]
    for section in ("Why it matters", "How to fix", "Basis"):
        assert explained.section(section), f"{rule_id} has no {section!r} section"
    assert explained.title
    summary = explained.explanation.splitlines()[0]
    assert summary and not summary.endswith(":")


def test_rule_sections_are_read_up_to_the_next_section():
    dead_end = all_rules()["dead-end"]
    assert dead_end.section("How to fix") == (
        "Add the step that really follows (an appeal, a referral, a decision letter), or "
        "mark the step `end: true` if the journey deliberately stops there."
    )
    assert dead_end.section("No such section") == ""


@pytest.mark.parametrize("rule_id", sorted(PAIRS))
def test_rule_ids_are_slugs_that_match_their_module_file(rule_id):
    registered = all_rules()[rule_id]
    assert registered.id == rule_id
    assert RULE_ID.match(rule_id)
    module = inspect.getmodule(registered.check)
    assert module is not None and module.__file__ is not None
    assert Path(module.__file__).stem == rule_id.replace("-", "_")


def test_each_rule_module_registers_exactly_one_rule():
    modules = [inspect.getmodule(registered.check) for registered in all_rules().values()]
    assert len({module.__name__ for module in modules if module}) == len(all_rules())
    files = Path(inspect.getfile(modules[0])).parent.glob("*.py")
    assert {f.stem for f in files} - {"__init__"} == {
        rule_id.replace("-", "_") for rule_id in all_rules()
    }


def test_registering_a_rule_id_twice_or_a_malformed_id_is_refused():
    def check(view):
        return []

    with pytest.raises(ValueError, match="registered twice"):
        rule(id="dead-end", title="Again", severity="error")(check)
    with pytest.raises(ValueError, match="lowercase words joined by hyphens"):
        rule(id="Dead_End", title="Bad", severity="error")(check)
    assert all_rules()["dead-end"].title == "Dead end"
    assert "Dead_End" not in all_rules()


def test_the_format_lists_every_rule_and_only_rules_it_lists_register():
    assert set(GAP_RULES) == set(all_rules())
    with pytest.raises(ValueError, match="is not in GAP_RULES"):
        rule(id="brand-new-rule", title="New", severity="info")(lambda view: [])
    assert "brand-new-rule" not in all_rules()


# --- cold-handoff -------------------------------------------------------------------------


def test_a_cold_handoff_names_both_steps_and_both_agencies(write):
    finding = one(run(write, edit(BASE, "type: warm", "type: cold"), "cold-handoff").findings)
    assert anchors(finding) == at(
        "cold-handoff", step="apply", transition=("apply", "enroll"), agencies=("ssa", "cms")
    )
    assert finding.message == (
        "After 'Apply for benefits' (SSA) the customer must find the next agency alone: "
        "'Enroll in Medicare' (CMS) is a cold handoff from SSA to CMS."
    )
    assert finding.suggestion == (
        "Have SSA connect the customer to CMS with context (warm), or send the data "
        "directly (automatic)."
    )


def test_a_referral_handoff_is_also_cold_and_its_note_is_quoted(write):
    journey = edit(
        BASE,
        "type: warm, shares: [ssn]",
        "type: referral, shares: [ssn], note: SSA gives the Medicare phone number",
    )
    finding = one(run(write, journey, "cold-handoff").findings)
    assert finding.message == (
        "After 'Apply for benefits' (SSA) the customer is told where to go but must start "
        "again there: 'Enroll in Medicare' (CMS) is a referral handoff from SSA to CMS "
        "(SSA gives the Medicare phone number)."
    )


def test_a_cold_handoff_to_an_agency_without_acronym_uses_its_name(write):
    journey = edits(BASE, ("type: warm", "type: cold"), ("agency: cms", "agency: county"))
    finding = one(run(write, journey, "cold-handoff").findings)
    assert finding.agencies == ("ssa", "county")
    assert finding.message.endswith(
        "'Enroll in Medicare' (County Social Services) is a cold handoff from SSA to "
        "County Social Services."
    )


@pytest.mark.parametrize("kind", ["warm", "automatic"])
def test_warm_and_automatic_handoffs_are_not_cold(write, kind):
    assert run(write, edit(BASE, "type: warm", f"type: {kind}"), "cold-handoff").findings == []


def test_a_cold_move_within_one_agency_is_no_handoff(write):
    journey = edits(BASE, ("type: warm", "type: cold"), ("agency: cms", "agency: ssa"))
    assert run(write, journey, "cold-handoff").findings == []


# --- undocumented-handoff -----------------------------------------------------------------

NO_HANDOFF = edit(BASE, "        handoff: {type: warm, shares: [ssn]}\n", "")


def test_a_move_between_agencies_without_handoff_is_undocumented_and_unverified(write):
    finding = one(run(write, NO_HANDOFF, "undocumented-handoff").findings)
    assert anchors(finding) == at(
        "undocumented-handoff",
        step="apply",
        transition=("apply", "enroll"),
        agencies=("ssa", "cms"),
        unverified=True,
    )
    assert finding.message == (
        "The move from 'Apply for benefits' (SSA) to 'Enroll in Medicare' (CMS) changes "
        "agency, but how the customer is handed over is not described."
    )


def test_a_move_within_one_agency_needs_no_handoff(write):
    journey = edit(NO_HANDOFF, "agency: cms", "agency: ssa")
    assert run(write, journey, "undocumented-handoff").findings == []


# --- repeated-request ---------------------------------------------------------------------


def test_an_item_requested_by_two_agencies_is_reported_once_for_the_item(write):
    finding = one(run(write, CMS_ASKS_SSN, "repeated-request").findings)
    assert anchors(finding) == at("repeated-request", agencies=("ssa", "cms"), data_item="ssn")
    assert finding.message == (
        "Social Security number is requested at 2 steps by 2 agencies, at least twice on "
        "one path: "
        "'Plan retirement' (SSA), 'Enroll in Medicare' (CMS). Whether SSA may share it with "
        "CMS is not recorded."
    )
    assert finding.suggestion == (
        "Collect Social Security number once and share it along the handoffs, or reuse "
        "the copy an agency already holds."
    )


def test_an_item_requested_twice_by_one_agency_is_repeated_too(write):
    journey = edit(BASE, "requests: [birth-proof]", "requests: [birth-proof, ssn]")
    finding = one(run(write, journey, "repeated-request").findings)
    assert anchors(finding) == at("repeated-request", agencies=("ssa",), data_item="ssn")
    assert finding.message == (
        "Social Security number is requested at 2 steps by 1 agency, at least twice on one "
        "path: "
        "'Plan retirement' (SSA), 'Apply for benefits' (SSA)."
    )


def test_an_item_listed_twice_at_one_step_is_not_a_repeated_request(write):
    journey = edit(BASE, "requests: [ssn]", "requests: [ssn, ssn]")
    assert run(write, journey, "repeated-request").findings == []


# --- unshared-data ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "handoff", ["{type: warm, shares: []}", "{type: warm}", "{type: warm, shares: [birth-proof]}"]
)
def test_a_handoff_that_does_not_share_an_item_asked_again_is_reported(write, handoff):
    journey = edit(CMS_ASKS_SSN, "{type: warm, shares: [ssn]}", handoff)
    finding = one(run(write, journey, "unshared-data").findings)
    assert anchors(finding) == at(
        "unshared-data",
        step="apply",
        transition=("apply", "enroll"),
        agencies=("ssa", "cms"),
        data_item="ssn",
    )
    assert finding.message == (
        "'Enroll in Medicare' (CMS) asks the customer for Social Security number, which SSA "
        "already holds from earlier steps; the handoff does not pass it along. Whether SSA "
        "may share it with CMS is not recorded."
    )
    assert finding.suggestion == (
        "Share Social Security number on the handoff from SSA so CMS need not ask."
    )


def test_an_undocumented_handoff_is_an_unverified_finding(write):
    journey = edit(CMS_ASKS_SSN, "        handoff: {type: warm, shares: [ssn]}\n", "")
    finding = one(run(write, journey, "unshared-data").findings)
    assert (finding.data_item, finding.unverified, finding.severity.value) == ("ssn", True, "info")
    assert finding.message.endswith(
        "the handoff is not described, so whether it passes it along is unknown. Whether SSA "
        "may share it with CMS is not recorded."
    )


def test_several_unshared_items_are_named_together_without_a_single_data_item(write):
    journey = edits(
        BASE,
        ("requests: [bank]", "requests: [ssn, birth-proof, bank]"),
        ("shares: [ssn]", "shares: []"),
    )
    finding = one(run(write, journey, "unshared-data").findings)
    assert finding.data_item is None
    assert finding.message == (
        "'Enroll in Medicare' (CMS) asks the customer for Social Security number, Proof of "
        "age, which SSA already holds from earlier steps; the handoff does not pass them along."
        " Whether SSA may share Social Security number and Proof of age with CMS is not "
        "recorded."
    )


def test_an_item_asked_only_at_a_later_step_of_the_receiving_agency_is_not_blamed_here(write):
    journey = edits(
        BASE,
        ("shares: [ssn]", "shares: []"),
        (
            "        handoff: {type: automatic}\n",
            "        handoff: {type: automatic}\n"
            "      - to: premium\n"
            "  - id: premium\n"
            "    name: Choose how to pay premiums\n"
            "    agency: cms\n"
            "    requests: [ssn]\n"
            "    end: true\n",
        ),
    )
    assert run(write, journey, "unshared-data").findings == []


BOUNCE = """
id: retire
name: Approaching retirement
steps:
  - id: ask-cms
    name: Ask Medicare
    agency: cms
    requests: [ssn]
    next:
      - to: ask-ssa
        handoff: {type: warm}
  - id: ask-ssa
    name: Ask Social Security
    agency: ssa
    requests: [ssn]
    next:
      - to: back-cms
        handoff: {type: warm}
  - id: back-cms
    name: Back to Medicare
    agency: cms
    requests: [ssn]
    end: true
"""


def test_an_item_the_receiving_agency_already_holds_is_left_to_repeated_request(write):
    # CMS -> SSA is unshared; SSA -> CMS is not, because CMS was given the SSN itself.
    finding = one(run(write, BOUNCE, "unshared-data").findings)
    assert finding.transition == ("ask-cms", "ask-ssa")


def test_an_item_shared_on_a_handoff_is_held_by_the_agency_it_was_shared_with(write):
    journey = edit(
        BASE,
        "        handoff: {type: automatic}\n",
        "        handoff: {type: automatic}\n"
        "      - to: tax\n"
        "        handoff: {type: referral}\n"
        "  - id: tax\n"
        "    name: File taxes\n"
        "    agency: irs\n"
        "    requests: [ssn]\n"
        "    end: true\n",
    )
    finding = one(run(write, journey, "unshared-data").findings)
    assert finding.transition == ("enroll", "tax")
    assert finding.message == (
        "'File taxes' (IRS) asks the customer for Social Security number, which CMS already "
        "holds from earlier steps; the handoff does not pass it along. Whether CMS may share "
        "it with IRS is not recorded."
    )


BRANCHES = """
id: retire
name: Approaching retirement
steps:
  - id: start
    name: Choose how to apply
    agency: ssa
    next:
      - to: online
      - to: office
  - id: online
    name: Apply online
    agency: ssa
    requests: [ssn]
    next: [{to: decide}]
  - id: office
    name: Apply at an office
    agency: ssa
    requests: [birth-proof]
    next: [{to: decide}]
  - id: decide
    name: Get a decision
    agency: ssa
    next:
      - to: enroll
        handoff: {type: warm}
  - id: enroll
    name: Enroll in Medicare
    agency: cms
    requests: [ssn]
    end: true
"""
"""Only the online branch asks for the SSN; both branches meet before the handoff."""


def test_an_item_given_on_only_one_branch_is_not_already_given(write):
    assert run(write, BRANCHES, "unshared-data").findings == []


def test_an_item_given_on_every_branch_is_already_given(write):
    journey = edit(BRANCHES, "requests: [birth-proof]", "requests: [birth-proof, ssn]")
    finding = one(run(write, journey, "unshared-data").findings)
    assert anchors(finding) == at(
        "unshared-data",
        step="decide",
        transition=("decide", "enroll"),
        agencies=("ssa", "cms"),
        data_item="ssn",
    )
    assert finding.message.startswith(
        "'Enroll in Medicare' (CMS) asks the customer for Social Security number, which SSA "
    )


def test_an_item_is_not_already_given_to_customers_who_start_later(write):
    journey = edits(
        CMS_ASKS_SSN,
        ("shares: [ssn]", "shares: []"),
        ("steps:\n", "entry: [plan, apply]\nsteps:\n"),
    )
    assert run(write, journey, "unshared-data").findings == []


def test_a_loop_back_to_a_branch_does_not_lose_what_every_path_gave(write):
    journey = edits(
        BRANCHES,
        ("requests: [birth-proof]", "requests: [birth-proof, ssn]"),
        ("      - to: enroll\n", "      - to: office\n      - to: enroll\n"),
    )
    assert one(run(write, journey, "unshared-data").findings).transition == ("decide", "enroll")


# --- dead-end -----------------------------------------------------------------------------


def test_a_last_step_not_marked_as_an_end_is_a_dead_end(write):
    finding = one(run(write, edit(BASE, "    end: true\n", ""), "dead-end").findings)
    assert anchors(finding) == at("dead-end", "error", step="deduct", agencies=("ssa",))
    assert finding.message == (
        "The journey stops at 'Deduct premiums from benefits' (SSA): it has no next step "
        "and is not marked as an end."
    )


# --- unreachable-step ---------------------------------------------------------------------


def test_a_step_before_the_only_entry_is_unreachable(write):
    journey = edit(BASE, "steps:\n", "entry: [apply]\nsteps:\n")
    finding = one(run(write, journey, "unreachable-step").findings)
    assert anchors(finding) == at("unreachable-step", step="plan", agencies=("ssa",))
    assert finding.message == (
        "No path from the start of the journey reaches 'Plan retirement' (SSA)."
    )


def test_every_step_after_a_missing_connection_is_unreachable(write):
    journey = edit(BASE, "    next:\n      - to: apply\n", "")
    findings = run(write, journey, "unreachable-step").findings
    assert [(f.step, f.agencies) for f in findings] == [
        ("apply", ("ssa",)),
        ("enroll", ("cms",)),
        ("deduct", ("ssa",)),
    ]


def test_a_second_entry_makes_its_step_reachable(write):
    journey = edits(
        BASE,
        ("steps:\n", "entry: [plan, apply]\nsteps:\n"),
        ("    next:\n      - to: apply\n", "    end: true\n"),
    )
    assert run(write, journey, "unreachable-step").findings == []


# --- single-channel -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("channels", "excludes"),
    [
        ("online", "online only, which excludes people without internet access or digital skills"),
        (
            "in_person",
            "in person only, which excludes people who cannot travel, work during "
            "office hours or have no office nearby",
        ),
        (
            "mail, mail",
            "mail only, which excludes people who need an answer quickly or have no stable address",
        ),
    ],
)
def test_a_step_with_one_channel_names_who_it_excludes(write, channels, excludes):
    journey = edit(BASE, "channels: [online, mail]", f"channels: [{channels}]")
    finding = one(run(write, journey, "single-channel").findings)
    assert anchors(finding) == at("single-channel", step="enroll", agencies=("cms",))
    assert finding.message == f"'Enroll in Medicare' (CMS) is offered {excludes}."


def test_a_step_with_no_channel_at_all_is_reported(write):
    journey = edit(BASE, "channels: [online, mail]", "channels: []")
    finding = one(run(write, journey, "single-channel").findings)
    assert anchors(finding) == at("single-channel", step="enroll", agencies=("cms",))
    assert finding.message == "'Enroll in Medicare' (CMS) is offered through no channel at all."


def test_unknown_channels_are_an_unverified_info_finding_not_a_pass(write):
    journey = edit(BASE, "    channels: [online, mail]\n", "")
    finding = one(run(write, journey, "single-channel").findings)
    assert anchors(finding) == at(
        "single-channel", "info", step="enroll", agencies=("cms",), unverified=True
    )
    assert finding.message == (
        "The channels of 'Enroll in Medicare' (CMS) are not recorded, so who it excludes "
        "cannot be checked."
    )


@pytest.mark.parametrize("channels", ["automatic", "automatic, automatic", "online, automatic"])
def test_a_step_done_automatically_is_not_single_channel(write, channels):
    journey = edit(BASE, "channels: [online, mail]", f"channels: [{channels}]")
    assert run(write, journey, "single-channel").findings == []


# --- language-access ----------------------------------------------------------------------


@pytest.mark.parametrize("languages", ["en", "en, en-US"])
def test_an_english_only_step_at_a_hisp_is_reported(write, languages):
    journey = edit(BASE, "languages: [en, es, zh]", f"languages: [{languages}]")
    finding = one(run(write, journey, "language-access").findings)
    assert anchors(finding) == at("language-access", step="enroll", agencies=("cms",))
    assert finding.message == (
        "'Enroll in Medicare' (CMS) is offered in English only, at a High-Impact Service Provider."
    )


def test_unknown_languages_at_a_hisp_are_an_unverified_info_finding(write):
    journey = edit(BASE, "    languages: [en, es, zh]\n", "")
    finding = one(run(write, journey, "language-access").findings)
    assert anchors(finding) == at(
        "language-access", "info", step="enroll", agencies=("cms",), unverified=True
    )
    assert finding.message == (
        "The languages of 'Enroll in Medicare' (CMS), a High-Impact Service Provider step, "
        "are not recorded."
    )


def test_no_language_at_all_at_a_hisp_is_reported(write):
    journey = edit(BASE, "languages: [en, es, zh]", "languages: []")
    finding = one(run(write, journey, "language-access").findings)
    assert anchors(finding) == at("language-access", step="enroll", agencies=("cms",))
    assert finding.message == (
        "'Enroll in Medicare' (CMS), a High-Impact Service Provider step, is offered in no "
        "language at all."
    )


@pytest.mark.parametrize("languages", ["    languages: [en]\n", ""])
def test_an_automatic_step_at_a_hisp_has_no_language_to_offer(write, languages):
    journey = edit(
        BASE,
        "    languages: [en, es]\n    burden: {wait_days: 8}\n",
        f"{languages}    burden: {{wait_days: 8}}\n",
    )
    assert run(write, journey, "language-access").findings == []


@pytest.mark.parametrize("agency", ["irs", "county"])
@pytest.mark.parametrize("languages", ["    languages: [en]\n", ""])
def test_a_step_at_an_agency_not_known_to_be_a_hisp_is_not_checked(write, agency, languages):
    journey = edits(
        BASE, ("    languages: [en, es, zh]\n", languages), ("agency: cms", f"agency: {agency}")
    )
    assert run(write, journey, "language-access").findings == []


def test_an_item_asked_on_alternative_branches_only_is_not_repeated(write):
    # BRANCHES asks for the SSN on the online branch and, after the handoff, at CMS;
    # asking on the office branch too would repeat it on no single path.
    journey = edits(
        BRANCHES,
        ("requests: [birth-proof]", "requests: [ssn]"),
        ("    agency: cms\n    requests: [ssn]\n", "    agency: cms\n"),
    )
    assert run(write, journey, "repeated-request").findings == []
    assert len(run(write, BRANCHES, "repeated-request").findings) == 1


# --- burden-hotspot -----------------------------------------------------------------------


def test_steps_where_the_customer_spends_nothing_do_not_lower_the_median(write):
    # Minutes 20, 30, 25 and three zero-minute steps: the median stays 25, so 70 is not 3x.
    journey = edits(
        BASE,
        ("minutes: 30", "minutes: 70"),
        ("    burden: {wait_days: 8}\n", "    burden: {minutes: 0, wait_days: 8}\n"),
    )
    assert run(write, journey, "burden-hotspot").findings == []


HOTSPOT = "'Apply for benefits' (SSA) is a burden hotspot: "


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        ("minutes: 30", "minutes: 120", "120 minutes of the customer's time (limit 120)"),
        ("wait_days: 10", "wait_days: 30", "30 days of waiting (limit 30)"),
        ("cost_usd: 0", "cost_usd: 100", "$100.00 out of pocket (limit 100)"),
        ("visits: 0", "visits: 2", "2 office visits (limit 2)"),
    ],
)
def test_a_figure_at_its_absolute_limit_is_a_hotspot(write, old, new, reason):
    finding = one(run(write, edit(BASE, old, new), "burden-hotspot").findings)
    assert anchors(finding) == at("burden-hotspot", step="apply", agencies=("ssa",))
    assert finding.message == f"{HOTSPOT}{reason}."


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("wait_days: 10", "wait_days: 29"),
        ("cost_usd: 0", "cost_usd: 99.99"),
        ("visits: 0", "visits: 1"),
        ("minutes: 30", "minutes: 74"),
    ],
)
def test_a_figure_just_under_its_limit_and_the_factor_is_no_hotspot(write, old, new):
    assert run(write, edit(BASE, old, new), "burden-hotspot").findings == []


def test_a_figure_three_times_the_journeys_median_is_a_hotspot_below_the_limit(write):
    # minutes are 20, 75 and 25: the median is 25 and 75 is three times that
    finding = one(run(write, edit(BASE, "minutes: 30", "minutes: 75"), "burden-hotspot").findings)
    assert finding.step == "apply"
    assert finding.message == (
        f"{HOTSPOT}75 minutes of the customer's time (3.0 times the journey's median of "
        "25 minutes)."
    )


def test_every_hotspot_figure_of_a_step_is_named(write):
    journey = edits(BASE, ("minutes: 30", "minutes: 150"), ("visits: 0", "visits: 3"))
    finding = one(run(write, journey, "burden-hotspot").findings)
    assert finding.message == (
        f"{HOTSPOT}150 minutes of the customer's time (limit 120); 3 office visits (limit 2)."
    )


def test_settings_lower_the_absolute_limit(write):
    settings = "settings: {gaps: {burden_hotspot: {minutes: 30}}}\n"
    finding = one(run(write, BASE, "burden-hotspot", settings=settings).findings)
    assert finding.message == f"{HOTSPOT}30 minutes of the customer's time (limit 30)."


def test_settings_raise_the_absolute_limit(write):
    settings = "settings: {gaps: {burden_hotspot: {visits: 5, factor: 10}}}\n"
    journey = edit(BASE, "visits: 0", "visits: 4")
    assert run(write, journey, "burden-hotspot", settings=settings).findings == []


def test_settings_change_the_factor_over_the_median(write):
    settings = "settings: {gaps: {burden_hotspot: {factor: 1.1}}}\n"
    findings = run(write, BASE, "burden-hotspot", settings=settings).findings
    assert [(f.step, f.message) for f in findings] == [
        (
            "apply",
            f"{HOTSPOT}30 minutes of the customer's time (1.2 times the journey's "
            "median of 25 minutes).",
        ),
        (
            "enroll",
            "'Enroll in Medicare' (CMS) is a burden hotspot: 12 days of waiting "
            "(1.2 times the journey's median of 10 days of waiting).",
        ),
    ]


# --- ping-pong ----------------------------------------------------------------------------

BACK_TO_SSA = edit(BASE, "type: automatic", "type: warm")
"""SSA sends the customer to CMS, and CMS sends them back to SSA by hand."""


def test_being_sent_to_another_agency_and_back_is_ping_pong(write):
    finding = one(run(write, BACK_TO_SSA, "ping-pong").findings)
    assert anchors(finding) == at(
        "ping-pong", step="apply", transition=("apply", "enroll"), agencies=("ssa", "cms")
    )
    assert finding.message == (
        "SSA sends the customer to CMS at 'Enroll in Medicare' (CMS), and CMS sends them back "
        "to SSA at 'Deduct premiums from benefits' (SSA)."
    )
    assert finding.suggestion == "Let SSA get what it needs from CMS directly."


@pytest.mark.parametrize("back", ["handoff: {type: cold}", "handoff: {type: referral}", "handoff:"])
def test_any_manual_way_back_counts_as_ping_pong(write, back):
    journey = edit(BASE, "handoff: {type: automatic}", back)
    assert one(run(write, journey, "ping-pong").findings).transition == ("apply", "enroll")


def test_one_bounce_with_two_ways_back_is_one_finding(write):
    journey = edit(
        BACK_TO_SSA,
        "      - to: deduct\n        handoff: {type: warm}\n",
        "      - to: deduct\n        handoff: {type: warm}\n"
        "      - to: plan\n        handoff: {type: referral}\n",
    )
    findings = run(write, journey, "ping-pong").findings
    finding = one([f for f in findings if f.transition == ("apply", "enroll")])
    assert finding.message.endswith(
        "sends them back to SSA at 'Deduct premiums from benefits' (SSA) or "
        "'Plan retirement' (SSA)."
    )


def test_an_automatic_way_there_does_not_count(write):
    journey = edit(BACK_TO_SSA, "type: warm, shares: [ssn]", "type: automatic, shares: [ssn]")
    assert run(write, journey, "ping-pong").findings == []


def test_going_on_to_a_third_agency_is_not_ping_pong(write):
    journey = edit(
        BACK_TO_SSA,
        "    agency: ssa\n    channels: [automatic]",
        "    agency: irs\n    channels: [automatic]",
    )
    assert run(write, journey, "ping-pong").findings == []


def test_ping_pong_follows_the_other_agencys_own_steps(write):
    journey = edits(
        BACK_TO_SSA,
        (
            "      - to: deduct\n        handoff: {type: warm}\n",
            "      - to: premium\n"
            "  - id: premium\n"
            "    name: Choose how to pay premiums\n"
            "    agency: cms\n"
            "    next:\n"
            "      - to: deduct\n"
            "        handoff: {type: warm}\n",
        ),
    )
    finding = one(run(write, journey, "ping-pong").findings)
    assert finding.message.endswith(
        "CMS sends them back to SSA at 'Deduct premiums from benefits' (SSA)."
    )


# --- unmeasured-touchpoint ----------------------------------------------------------------

UNMEASURED = edit(BASE, "    measures: {satisfaction: 3.9, trust: 4.1}\n", "")


def test_a_hisp_step_without_measures_is_an_unmeasured_touchpoint(write):
    finding = one(run(write, UNMEASURED, "unmeasured-touchpoint").findings)
    assert anchors(finding) == at("unmeasured-touchpoint", "info", step="enroll", agencies=("cms",))
    assert finding.message == (
        "'Enroll in Medicare' (CMS) is a High-Impact Service Provider touchpoint with no A-11 "
        "survey scores."
    )


@pytest.mark.parametrize("agency", ["irs", "county"])
def test_a_step_at_an_agency_not_known_to_be_a_hisp_needs_no_measures(write, agency):
    journey = edit(UNMEASURED, "agency: cms", f"agency: {agency}")
    assert run(write, journey, "unmeasured-touchpoint").findings == []


@pytest.mark.parametrize("channels", ["    channels: [automatic, mail]\n", ""])
def test_a_step_not_known_to_be_automatic_only_is_a_touchpoint(write, channels):
    journey = edit(BASE, "    channels: [automatic]\n", channels)
    finding = one(run(write, journey, "unmeasured-touchpoint").findings)
    assert (finding.step, finding.agencies) == ("deduct", ("ssa",))


# --- low-score ----------------------------------------------------------------------------


def test_a_driver_scored_below_three_is_low(write):
    finding = one(run(write, edit(BASE, "ease: 3.5", "ease: 2.9"), "low-score").findings)
    assert anchors(finding) == at("low-score", step="apply", agencies=("ssa",))
    assert finding.message == "'Apply for benefits' (SSA) scores below 3 on: ease 2.9."
    assert finding.suggestion == "Investigate why customers rate ease low at this step."


@pytest.mark.parametrize(
    ("threshold", "expected"),
    [
        ("3.5", []),
        ("3.6", [("apply", "'Apply for benefits' (SSA) scores below 3.6 on: ease 3.5.")]),
        (
            "4",
            [
                (
                    "apply",
                    "'Apply for benefits' (SSA) scores below 4 on: satisfaction 3.8, ease 3.5.",
                ),
                ("enroll", "'Enroll in Medicare' (CMS) scores below 4 on: satisfaction 3.9."),
            ],
        ),
    ],
)
def test_the_low_score_threshold_comes_from_the_settings(write, threshold, expected):
    settings = f"settings: {{gaps: {{low_score: {threshold}}}}}\n"
    findings = run(write, BASE, "low-score", settings=settings).findings
    assert [(f.step, f.message) for f in findings] == expected


def with_persona(journey: str, persona: str) -> str:
    return journey + f"personas:\n  - {persona}\n"


def test_a_persona_that_can_use_a_channel_of_every_step_is_not_reported(write):
    journey = with_persona(
        BASE, "{id: offline, name: Offline, can_use: {channels: [phone, in_person, mail]}}"
    )
    assert run(write, journey, "persona-blocked").findings == []


def test_a_persona_stopped_before_every_end_is_reported(write):
    journey = with_persona(
        BASE, "{id: offline, name: Offline, can_use: {channels: [phone, in_person]}}"
    )
    finding = one(run(write, journey, "persona-blocked").findings)
    assert anchors(finding) == at("persona-blocked", step="enroll", agencies=("cms",))
    assert finding.message == (
        "'Offline' (offline) cannot complete the journey. Blocked at 'Enroll in Medicare' "
        "(CMS): offered only online or by mail, which this person cannot use. 1 step(s) "
        "behind are lost to them."
    )


def test_a_persona_whose_way_hangs_on_unknown_accommodations_is_unverified(write):
    journey = with_persona(BASE, "{id: easy, name: Easy read, needs: [easy_read]}")
    finding = one(run(write, journey, "persona-blocked").findings)
    assert anchors(finding) == at(
        "persona-blocked", "info", step="plan", agencies=("ssa", "cms"), unverified=True
    )
    assert finding.message == (
        "Whether 'Easy read' (easy) can complete the journey is unverified. Each of 'Plan "
        "retirement' (SSA), 'Apply for benefits' (SSA), 'Enroll in Medicare' (CMS) does not "
        "say whether it offers easy read."
    )


def test_a_persona_whose_need_is_listed_everywhere_is_not_reported(write):
    listed = "    accommodations: [easy_read]\n"
    journey = BASE.replace(
        "    languages: [en, es]\n", "    languages: [en, es]\n" + listed
    ).replace("    languages: [en, es, zh]\n", "    languages: [en, es, zh]\n" + listed)
    journey = with_persona(journey, "{id: easy, name: Easy read, needs: [easy_read]}")
    assert run(write, journey, "persona-blocked").findings == []


# --- forks: next steps that all happen -----------------------------------------------------

PARALLEL = """
id: retire
name: Approaching retirement
steps:
  - id: start
    name: Turn 65
    agency: ssa
    next:
      - to: medicare
        handoff: {type: referral}
      - to: pension
  - id: medicare
    name: Enroll in Medicare
    agency: cms
    requests: [ssn]
    end: true
  - id: pension
    name: Claim the pension
    agency: ssa
    requests: [ssn]
    end: true
"""
"""Two ways on from one step, each asking for the SSN: a choice, unless the step forks."""


def test_an_item_asked_on_two_branches_of_a_choice_is_asked_of_different_people(write):
    assert run(write, PARALLEL, "repeated-request").findings == []


def test_an_item_asked_on_two_branches_of_a_fork_is_asked_twice_of_one_person(write):
    journey = edit(
        PARALLEL, "    agency: ssa\n    next:", "    agency: ssa\n    fork: true\n    next:"
    )
    finding = one(run(write, journey, "repeated-request").findings)
    assert finding.data_item == "ssn"
    assert finding.message == (
        "Social Security number is requested at 2 steps by 2 agencies, at least twice of "
        "one person, on branches of a fork that all happen: 'Enroll in Medicare' (CMS), "
        "'Claim the pension' (SSA). Whether CMS may share it with SSA is not recorded."
    )


DEATH = """
id: death
name: Losing a loved one
steps:
  - id: register
    name: Register the death
    agency: county
    requests: [ssn]
    next:
      - to: notify
        handoff: {type: automatic, shares: [ssn]}
      - to: certificates
  - id: notify
    name: SSA records the death
    agency: ssa
    end: true
  - id: certificates
    name: Order certificates
    agency: county
    next:
      - to: survivors
        handoff: {type: cold}
  - id: survivors
    name: Apply for survivor benefits
    agency: ssa
    requests: [ssn]
    end: true
"""
"""The county registers the death and tells SSA on one branch; the family orders
certificates and then applies at SSA on the other."""


def test_at_a_choice_what_one_branch_gives_is_not_held_on_the_other(write):
    finding = one(run(write, DEATH, "unshared-data").findings)
    assert finding.transition == ("certificates", "survivors")


def test_at_a_fork_what_the_first_step_of_a_branch_is_given_is_held_on_the_others(write):
    journey = edit(
        DEATH, "    requests: [ssn]\n    next:", "    requests: [ssn]\n    fork: true\n    next:"
    )
    assert run(write, journey, "unshared-data").findings == []


# --- assumed-moment -------------------------------------------------------------------


def test_an_assumed_moment_names_the_step_and_its_reason(write):
    finding = one(run(write, ASSUMED_MOMENT, "assumed-moment").findings)
    assert anchors(finding) == at("assumed-moment", step="apply", agencies=("ssa",))
    assert finding.message == (
        "'Apply for benefits' (SSA) is a moment that matters, but every figure of its "
        "burden is assumed. It matters because: Income stops with the last paycheck."
    )


def test_unknown_evidence_is_not_assumed(write):
    unknown = edit(ASSUMED_MOMENT, ", evidence: {level: assumed}", "")
    assert run(write, unknown, "assumed-moment").findings == []


def test_one_observed_channel_figure_is_enough(write):
    observed = edit(
        ASSUMED_MOMENT,
        "    moment_that_matters: true\n",
        "    burden_by_channel:\n      phone: {minutes: 40, evidence: "
        "{level: observed}}\n    moment_that_matters: true\n",
    )
    assert run(write, observed, "assumed-moment").findings == []


def test_the_step_evidence_is_the_default_of_its_burden(write):
    by_step = edits(
        ASSUMED_MOMENT,
        (", evidence: {level: assumed}", ""),
        (
            "    moment_that_matters: true\n",
            "    evidence: {level: assumed}\n    moment_that_matters: true\n",
        ),
    )
    assert one(run(write, by_step, "assumed-moment").findings).step == "apply"
