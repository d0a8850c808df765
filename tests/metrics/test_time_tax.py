"""The time tax on small journeys whose hours can be worked out by hand."""

from __future__ import annotations

import textwrap

import pytest
import yaml

from ple.metrics.time_tax import Span, time_tax, time_tax_saved
from ple.model import Journey


def journey(text: str) -> Journey:
    return Journey.model_validate(yaml.safe_load(textwrap.dedent(text)))


# apply (60 min) -> 40% interview (120 min) -> decide (30 min, end)
#               \-> 60% decide
WITH_SHARES = """
id: retire
name: Retire
volume: {per_year: 1000, source: A cited table}
steps:
  - id: apply
    name: Apply
    agency: ssa
    burden: {minutes: 60, wait_days: 30}
    next:
      - {to: interview, share: 0.4}
      - {to: decide, share: 0.6}
  - id: interview
    name: Interview
    agency: ssa
    burden: {minutes: 120}
    next: [{to: decide}]
  - id: decide
    name: Decide
    agency: ssa
    burden: {minutes: 30}
    end: true
"""


def test_shares_weight_the_steps_behind_them_and_give_one_figure():
    tax = time_tax(journey(WITH_SHARES))
    # 1 h + 0.4 x 2 h + 0.5 h per person; waiting days are not the person's time.
    assert tax.hours_per_person == Span(2.3, 2.3)
    assert tax.hours_per_person.exact
    assert tax.hours_per_year.low == pytest.approx(2300)
    assert tax.reach["decide"] == Span(1.0, 1.0)
    assert tax.branches_without_share == ()


def test_a_branch_without_share_makes_a_range_not_a_guess():
    text = WITH_SHARES.replace("{to: interview, share: 0.4}", "{to: interview}")
    tax = time_tax(journey(text))
    # Low: nobody goes to the interview, so only the 0.6 reach the decision:
    # 1 h + 0.6 x 0.5 h. High: everyone the 0.6 share leaves (0.4) is interviewed.
    assert tax.hours_per_person.low == pytest.approx(1.3)
    assert tax.hours_per_person.high == pytest.approx(2.3)
    assert tax.branches_without_share == (("apply", "interview"),)


def test_two_branches_without_shares_may_each_be_taken_by_everyone():
    text = WITH_SHARES.replace("{to: interview, share: 0.4}", "{to: interview}").replace(
        "{to: decide, share: 0.6}", "{to: decide}"
    )
    tax = time_tax(journey(text))
    assert tax.hours_per_person == Span(1.0, 3.5)
    assert tax.hours_per_year == Span(1000.0, 3500.0)


def test_a_step_without_minutes_is_listed_and_adds_nothing():
    text = WITH_SHARES.replace("burden: {minutes: 120}", "burden: {wait_days: 3}")
    tax = time_tax(journey(text))
    assert tax.hours_per_person.low == pytest.approx(1.5)
    assert tax.steps_without_minutes == ("interview",)


def test_a_loop_is_walked_once_and_reported():
    text = WITH_SHARES.replace(
        "    next: [{to: decide}]",
        "    next: [{to: decide}]\n  - id: spare\n    name: Spare\n"
        "    agency: ssa\n    next: [{to: spare}]",
    ).replace(
        "    burden: {minutes: 30}\n    end: true",
        "    burden: {minutes: 30}\n    next: [{to: apply, share: 0.1}]",
    )
    tax = time_tax(journey(text))
    assert tax.loops_cut == (("decide", "apply"),)
    assert tax.hours_per_person == Span(2.3, 2.3)
    assert "spare" not in tax.reach  # nobody reaches it


def test_no_volume_means_no_time_tax():
    assert (
        time_tax(
            journey(WITH_SHARES.replace("volume: {per_year: 1000, source: A cited table}\n", ""))
        )
        is None
    )


def test_saving_compares_like_scenario_with_like():
    current = time_tax(
        journey(WITH_SHARES.replace("{to: interview, share: 0.4}", "{to: interview}"))
    )
    future = time_tax(
        journey(WITH_SHARES.replace("burden: {minutes: 120}", "burden: {minutes: 0}"))
    )
    saved = time_tax_saved(current, future)
    # Current: 1,300 h (nobody interviewed) to 2,300 h; the future, with its shares
    # known, 1,500 h. If nobody was interviewed today, the future costs 200 h more.
    assert saved.hours_per_year.low == pytest.approx(-200)
    assert saved.hours_per_year.high == pytest.approx(800)


def test_the_figures_in_docs_metrics_are_the_bundled_time_tax():
    from ple.io import load_workspace
    from tests.conftest import DATA, ROOT

    workspace = load_workspace(DATA).workspace
    text = (ROOT / "docs" / "metrics.md").read_text(encoding="utf-8")
    table = text[text.index("| journey | people a year |") :].split("\n\n")[0].splitlines()[2:]
    current = {j.id for j in workspace.journeys.values() if j.state.value == "current"}
    documented = set()
    for row in table:
        name, people, per_person, per_year, central = (c.strip() for c in row.strip("|").split("|"))
        tax = time_tax(workspace.journeys[name.replace(" ", "-")])
        documented.add(tax.journey)
        assert (people, per_person, per_year, central) == (
            f"{tax.people_per_year:,}",
            tax.hours_per_person.text(2),
            tax.hours_per_year.text(),
            tax.hours_per_year.central_text(),
        )
    assert documented == current


# --- forks and the central estimate ------------------------------------------------------

# apply (60 min) -> medicaid (30 min, end)
#               \-> wic (20 min, end), "if eligible"
#               \-> birth (90 min, end)
FORK = """
id: child
name: Having a child
volume: {per_year: 1000, source: A cited table}
steps:
  - id: apply
    name: Apply
    agency: ssa
    burden: {minutes: 60}
    fork: true
    next:
      - {to: medicaid, share: 0.4}
      - {to: wic, condition: Eligible for WIC}
      - {to: birth}
  - id: medicaid
    name: Medicaid
    agency: ssa
    burden: {minutes: 30}
    end: true
  - id: wic
    name: WIC
    agency: ssa
    burden: {minutes: 20}
    end: true
  - id: birth
    name: Give birth
    agency: ssa
    burden: {minutes: 90}
    end: true
"""


def test_at_a_fork_people_go_on_to_every_branch():
    tax = time_tax(journey(FORK))
    # Everyone gives birth, 40% also do Medicaid, an unknown part also WIC: the low end
    # keeps everyone who in life goes on (1 + 1.5 + 0.4 x 0.5 hours).
    assert tax.hours_per_person.low == pytest.approx(2.7)
    assert tax.hours_per_person.high == pytest.approx(2.7 + 20 / 60)
    assert tax.reach["birth"] == Span(1, 1)
    assert tax.fork_branches_without_share == (("apply", "wic"),)
    assert tax.branches_without_share == ()


def test_without_the_fork_the_same_steps_are_a_choice_and_the_low_end_drops_people():
    tax = time_tax(journey(FORK.replace("    fork: true\n", "")))
    # As a choice, the 60% the share leaves go to WIC or to the birth, between none and
    # all of them: the low end counts nobody giving birth.
    assert tax.hours_per_person.low == pytest.approx(1.2)


def test_a_central_estimate_beside_every_range_says_what_it_assumes():
    fork = time_tax(journey(FORK))
    assert fork.hours_per_person.central == pytest.approx(2.7 + 0.5 * 20 / 60)
    assert fork.hours_per_year.central == pytest.approx(1000 * (2.7 + 10 / 60))
    assert fork.assumes == (
        "at a fork, half the people take each branch that has a condition but no share",
    )
    choice = time_tax(journey(FORK.replace("    fork: true\n", "")))
    # The 60% left split evenly: 30% to WIC, 30% to the birth.
    assert choice.hours_per_person.central == pytest.approx(1.2 + 0.3 * 20 / 60 + 0.3 * 1.5)
    assert choice.assumes == (
        "at a choice, the people the shares leave split evenly among the branches without a share",
    )
    exact = time_tax(journey(WITH_SHARES))
    assert exact.hours_per_person.central == pytest.approx(2.3) and exact.assumes == ()


def test_a_step_two_branches_of_a_fork_lead_to_is_done_once():
    text = FORK.replace(
        "    burden: {minutes: 30}\n    end: true",
        "    burden: {minutes: 30}\n    next: [{to: birth}]",
    )
    tax = time_tax(journey(text))
    assert tax.reach["birth"] == Span(1, 1)


def test_the_saving_has_a_central_estimate_too():
    current = time_tax(journey(FORK))
    future = time_tax(journey(FORK.replace("burden: {minutes: 90}", "burden: {minutes: 30}")))
    saved = time_tax_saved(current, future)
    # Everyone gives birth: one hour less each, in every scenario.
    assert saved.hours_per_year.low == pytest.approx(1000)
    assert saved.hours_per_year.high == pytest.approx(1000)
    assert saved.hours_per_year.central == pytest.approx(1000)
    assert saved.to_dict()["hours_per_year"]["central"] == pytest.approx(1000)


def test_a_saving_spans_the_central_scenario_too():
    """Two maps of different shape need not save most in the high scenario: the saving's
    range runs from the least to the most any of the three scenarios saves."""
    current = time_tax(journey(FORK.replace("    fork: true\n", "")))
    future = time_tax(journey(FORK))
    saved = time_tax_saved(current, future)
    scenarios = [
        current.hours_per_year.low - future.hours_per_year.low,
        current.hours_per_year.high - future.hours_per_year.high,
        current.hours_per_year.central - future.hours_per_year.central,
    ]
    assert saved.hours_per_year.low == pytest.approx(min(scenarios))
    assert saved.hours_per_year.high == pytest.approx(max(scenarios))
    assert saved.assumes == (*current.assumes, *future.assumes)
