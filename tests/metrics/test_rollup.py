"""Drill-down roll-up: a detail journey's burden counted in its parent step's place, or
kept apart, on a hand-built two-level chain (life -> card -> check) with unknown figures.

    life:  plan (10 min, observed) -> apply (detail: card; own 60 min assumed, 5 days,
           $15) -> done (no minutes)
    card:  fill (20 min, reported, 10 days) -> send (detail: check; own 5 min)
    check: verify (30 min, observed, 3 days) -> look (no minutes, 2 days)
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from ple.cli.main import cli
from ple.io import load_workspace
from ple.metrics import journey_metrics, metrics_report, time_tax
from ple.portfolio import portfolio_report
from ple.portfolio.burden import portfolio_burden
from tests.conftest import CATALOG

LIFE = """
id: life
name: Life
volume: {per_year: 1000, source: an agency table}
steps:
  - id: plan
    name: Plan
    agency: ssa
    burden: {minutes: 10, evidence: {level: observed}}
    next: [{to: apply}]
  - id: apply
    name: Apply
    agency: ssa
    detail: card
    burden: {minutes: 60, wait_days: 5, cost_usd: 15, evidence: {level: assumed}}
    next: [{to: done}]
  - id: done
    name: Done
    agency: cms
    end: true
"""

CARD = """
id: card
name: Card
steps:
  - id: fill
    name: Fill
    agency: ssa
    burden: {minutes: 20, wait_days: 10, evidence: {level: reported}}
    next: [{to: send}]
  - id: send
    name: Send
    agency: ssa
    detail: check
    burden: {minutes: 5}
    end: true
"""

CHECK = """
id: check
name: Check
steps:
  - id: verify
    name: Verify
    agency: cms
    burden: {minutes: 30, wait_days: 3, evidence: {level: observed}}
    next: [{to: look}]
  - id: look
    name: Look
    agency: cms
    burden: {wait_days: 2}
    end: true
"""


@pytest.fixture
def folder(write):
    write("catalog.yaml", CATALOG)
    write("card.yaml", CARD)
    write("check.yaml", CHECK)
    return write("life.yaml", LIFE)


@pytest.fixture
def workspace(folder):
    result = load_workspace(folder)
    assert result.ok, [str(p) for p in result.problems]
    return result.workspace


def test_kept_apart_each_journey_counts_its_own_steps(workspace):
    life = journey_metrics(workspace, "life")
    assert (life.minutes, life.wait_days, life.cost_usd) == (70, 5, 15)
    assert life.unknown["minutes"] == 1
    assert not life.roll_up
    assert [(d.step, d.detail, d.rolled_up) for d in life.detailed] == [("apply", "card", False)]


def test_rolled_up_the_detail_replaces_the_steps_own_figures_down_the_chain(workspace):
    life = journey_metrics(workspace, "life", roll_up=True)
    # apply's own 60 minutes give way to card's 20 + check's 30 (send's 5 gives way too)
    assert life.minutes == 10 + 20 + 30
    # unknown is not zero: done's minutes and check's look stay unknown in the parent
    assert life.unknown["minutes"] == 2
    assert life.wait_days == 10 + 3 + 2
    # neither card nor check records a cost: apply's own $15 stands, and says so
    assert life.cost_usd == 15
    apply = life.detailed[0]
    assert apply.rolled_up and apply.figures == ("minutes", "wait_days")
    assert apply.kept == ("cost_usd", "visits")
    assert [(d.step, d.detail) for d in apply.within] == [("send", "check")]
    assert apply.text() == (
        "apply <- card (minutes; wait_days; own cost_usd, visits; "
        "card: send <- check (minutes; wait_days; own cost_usd, visits))"
    )


def test_rolled_up_evidence_travels_with_the_figures(workspace):
    minutes = journey_metrics(workspace, "life", roll_up=True).evidence["minutes"]
    assert minutes.percent == {"observed": 67, "reported": 33, "assumed": 0, "unknown": 0}
    kept = journey_metrics(workspace, "life").evidence["minutes"]
    assert kept.percent["assumed"] == 86  # 60 of 70 assumed when kept apart


def test_rolled_up_critical_path_waits_through_the_detail(workspace):
    life = journey_metrics(workspace, "life", roll_up=True)
    assert life.critical_path_wait_days == 10 + 3 + 2
    assert life.evidence["critical_path_wait_days"].amounts["reported"] == 10


def test_agency_burden_gives_the_detail_minutes_to_the_agencies_that_run_them(workspace):
    rows = {r.agency: r for r in journey_metrics(workspace, "life", roll_up=True).agency_burden}
    assert rows["ssa"].minutes == 10 + 20 and rows["cms"].minutes == 30
    assert rows["cms"].unknown_minutes == 2


def test_time_tax_rolls_up_hours_per_person(workspace):
    life = workspace.journeys["life"]
    assert time_tax(life).hours_per_year.low == pytest.approx(1000 * 70 / 60)
    rolled = time_tax(life, workspace, roll_up=True)
    assert rolled.hours_per_year.low == pytest.approx(1000.0)
    assert rolled.steps_without_minutes == ("card/check/look", "done")
    assert rolled.evidence.percent["observed"] == 67


def test_metrics_report_compliance_follows_the_roll_up(workspace):
    row = metrics_report(workspace, "life", roll_up=True)[0]
    minutes = next(f for f in row.sludge.compliance if f.key == "minutes")
    assert minutes.value == 60
    assert "60 active minutes: 67% observed, 33% reported" in row.evidence_lines()


def test_a_missing_detail_journey_keeps_the_steps_figures_and_says_why(workspace):
    alone = type(workspace)(
        agencies=workspace.agencies, journeys={"life": workspace.journeys["life"]}
    )
    life = journey_metrics(alone, "life", roll_up=True)
    assert life.minutes == 70
    assert not life.detailed[0].rolled_up
    assert "no such journey" in life.detailed[0].reason


def test_portfolio_totals_count_every_step_once_either_way(workspace):
    for roll_up in (False, True):
        burden = portfolio_burden(workspace, "all", roll_up=roll_up)
        assert burden.totals["minutes"] == 10 + 20 + 30
        assert burden.unknown["minutes"] == 2
        assert burden.totals["cost_usd"] == 15
        assert sorted(burden.counted_in_detail) == [
            ("card", "send", "check"),
            ("life", "apply", "card"),
        ]
    rolled = portfolio_burden(workspace, "all", roll_up=True)
    # the rows themselves overlap: summing them would count card and check twice or more
    assert sum(r.minutes for r in rolled.rows) == 60 + 50 + 30
    assert "rolled up: apply <- card" in rolled.sentence()
    assert "totals count every step once" in rolled.sentence()


def test_portfolio_report_carries_the_burden(workspace):
    report = portfolio_report(workspace, "all", roll_up=True)
    assert report.to_dict()["burden"]["roll_up"] is True


def test_cli_says_which_it_did(folder):
    kept = CliRunner().invoke(cli, ["metrics", str(folder), "--journey", "life"])
    assert kept.exit_code == 0, kept.output
    assert "kept apart: apply -> card" in " ".join(kept.output.split())
    rolled = CliRunner().invoke(
        cli, ["metrics", str(folder), "--journey", "life", "--roll-up", "--format", "json"]
    )
    assert rolled.exit_code == 0, rolled.output
    assert '"roll_up": true' in rolled.output
    portfolio = CliRunner().invoke(
        cli, ["portfolio", str(folder), "--scope", "all", "--roll-up", "--format", "md"]
    )
    assert portfolio.exit_code == 0, portfolio.output
    text = " ".join(portfolio.output.split())
    assert "rolled up: apply &lt;- card" in text and "Burden totals" in text


def chain(workspace, length: int, loop: bool = False):
    """A workspace of ``length`` journeys, each one step that the next one details (the
    last details the first when ``loop``): built by hand, past the loader's checks."""
    verify = workspace.journeys["check"].steps[0]
    journeys = {}
    for n in range(length):
        detail = f"j{n + 1}" if n + 1 < length else ("j0" if loop else None)
        step = verify.model_copy(update={"detail": detail, "next": []})
        journeys[f"j{n}"] = workspace.journeys["check"].model_copy(
            update={"id": f"j{n}", "steps": [step]}
        )
    return type(workspace)(agencies=workspace.agencies, journeys=journeys)


def test_a_long_chain_rolls_up_without_recursion(workspace):
    long = chain(workspace, 1500)  # deeper than Python recursion goes
    top = journey_metrics(long, "j0", roll_up=True)
    assert top.minutes == 30  # each step's 30 minutes are replaced by the next journey's
    assert time_tax(long.journeys["j0"], long, roll_up=True) is None  # no volume
    assert portfolio_burden(long, "all", roll_up=True).totals["minutes"] == 30


def test_a_loop_of_detail_journeys_keeps_the_closing_steps_figures(workspace):
    looped = chain(workspace, 3, loop=True)
    top = journey_metrics(looped, "j0", roll_up=True)
    assert top.minutes == 30
    closing = top.detailed[0].within[0].within[0]
    assert (closing.step, closing.detail, closing.rolled_up) == ("verify", "j0", False)
    assert "loop" in closing.reason
