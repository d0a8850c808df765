"""The whole comparison on the hand-built pair in conftest.py, checked by hand."""

from __future__ import annotations

import pytest

from ple.compare import compare_journeys


@pytest.fixture
def comparison(pair):
    return compare_journeys(pair, "today", "proposed")


def by_status(comparison):
    return {(c.status, c.current, c.future) for c in comparison.steps}


def test_steps_are_matched_by_id_then_by_name(comparison):
    assert by_status(comparison) == {
        ("changed", "apply", "apply"),
        ("changed", "review", "checking"),
        ("unchanged", "enroll", "enroll"),
        ("unchanged", "pay-tax", "pay-tax"),
        ("added", None, "check-status"),
        ("removed", "visit-office", None),
    }
    assert comparison.step_counts() == {"added": 1, "removed": 1, "changed": 2, "unchanged": 2}
    how = {c.future: c.matched_by for c in comparison.steps if c.future}
    assert how == {
        "apply": "id",
        "checking": "name",
        "enroll": "id",
        "pay-tax": "id",
        "check-status": None,
    }


def test_a_changed_step_says_what_changed_per_field(comparison):
    apply = next(c for c in comparison.steps if c.future == "apply")
    changes = {c.field: (c.before, c.after, c.text) for c in apply.changes}
    assert changes == {
        "channels": (["online"], ["online", "phone"], "channels online → online, phone"),
        "burden.minutes": (30, 20, "minutes 30 → 20"),
        "burden.wait_days": (10, 5, "days waiting 10 → 5"),
        "requests": (["ssn", "birth-certificate"], ["ssn"], "no longer asks for Birth certificate"),
    }
    renamed = next(c for c in comparison.steps if c.future == "checking")
    assert [c.text for c in renamed.changes] == ["renamed from 'Review'"]


def test_handoff_type_changes_new_gone_and_shares(comparison):
    rows = {(h.from_step, h.to_step): h for h in comparison.handoffs}
    assert set(rows) == {
        ("apply", "enroll"),
        ("checking", "pay-tax"),
        ("enroll", "pay-tax"),
        ("check-status", "pay-tax"),
        ("visit-office", "pay-tax"),
    }
    made_automatic = rows[("apply", "enroll")]
    assert (made_automatic.status, made_automatic.before, made_automatic.after) == (
        "type changed",
        "cold",
        "automatic",
    )
    assert made_automatic.better is True
    assert made_automatic.shares_after == ("ssn",)
    assert rows[("checking", "pay-tax")].status == "shares changed"
    assert rows[("enroll", "pay-tax")].status == "unchanged"
    assert (rows[("check-status", "pay-tax")].status, rows[("check-status", "pay-tax")].after) == (
        "added",
        "warm",
    )
    gone = rows[("visit-office", "pay-tax")]
    assert (gone.status, gone.before, gone.after) == ("removed", "undocumented", None)
    assert gone.better is None


def test_data_items_no_longer_and_newly_requested(comparison):
    items = {d.item: (d.status, d.steps_before, d.steps_after) for d in comparison.data_items}
    assert items == {
        "birth-certificate": ("no longer requested", 1, 0),
        "address": ("newly requested", 0, 1),
        "ssn": ("unchanged", 3, 3),
    }
    assert [d.item for d in comparison.data_items][:2] == ["birth-certificate", "address"]


def test_burden_deltas_keep_unknowns_unknown(comparison):
    figures = {m.metric: (m.before, m.after, m.delta, m.bound, m.text) for m in comparison.metrics}
    # minutes: review/checking leave them out in both versions and cancel; visit-office
    # (90) is gone, check-status (5) is new: 195 -> 100, exactly.
    assert figures["minutes"] == (195, 100, -95, "exact", "95 fewer")
    # waits: today knows apply, review, visit-office; check-status does not say, so the
    # proposed journey may wait longer than its known 25 days.
    assert figures["wait_days"] == (30, 25, -5, "at least", "at most 5 fewer")
    # cost: visit-office did not say, check-status costs 0: today may have cost more.
    assert figures["cost_usd"] == (10, 10, 0, "at most", "no more")
    # visits: nobody says, and visit-office and check-status do not cancel.
    assert figures["visits"][2:4] == (None, "unknown")
    assert figures["visits"][4] == "unknown"
    minutes = comparison.metric("minutes")
    assert (minutes.unknown_before, minutes.unknown_after, minutes.unknown_in_both) == (1, 1, 1)


def test_count_deltas(comparison):
    figures = {m.metric: (m.before, m.after, m.text) for m in comparison.metrics}
    assert figures["steps"] == (5, 5, "no change")
    assert figures["handoffs.cold"] == (1, 0, "1 fewer")
    assert figures["handoffs.automatic"] == (0, 1, "1 more")
    assert figures["handoffs.warm"] == (1, 2, "1 more")
    assert figures["handoffs.undocumented"] == (1, 0, "1 fewer")
    assert figures["handoffs.referral"] == (1, 1, "no change")
    assert figures["data_items_requested"] == (2, 2, "no change")
    assert figures["critical_path_wait_days"][2] == "unknown"  # waits are missing


def test_findings_resolved_introduced_and_remaining(comparison):
    resolved = {(f.rule, f.step) for f in comparison.findings.resolved}
    introduced = {(f.rule, f.step) for f in comparison.findings.introduced}
    assert ("cold-handoff", "apply") in resolved
    assert ("undocumented-handoff", "visit-office") in resolved
    assert not any(rule == "cold-handoff" for rule, _ in introduced)
    # a finding on the renamed step is the same finding, not resolved and introduced
    remaining = {(old.step, new.step) for old, new in comparison.findings.remaining}
    assert ("review", "checking") in remaining
    assert all(step != "review" for _, step in resolved)


def test_time_tax_saved(comparison):
    """Two ways in without shares: between nobody and everybody takes each step. At most
    (30 + 15 + 60 + 90) minutes today against (20 + 15 + 60 + 5), for 1,000 people."""
    assert comparison.time_tax_before.hours_per_year.high == pytest.approx(3250)
    assert comparison.time_tax_after.hours_per_year.high == pytest.approx(1000 * 100 / 60)
    saved = comparison.time_tax_saved.hours_per_year
    assert (saved.low, saved.high) == (0, pytest.approx(3250 - 1000 * 100 / 60))


def test_comparison_is_json_ready_and_links_the_baseline(comparison):
    import json

    data = json.loads(json.dumps(comparison.to_dict()))
    assert data["linked"] is True
    assert data["step_counts"]["added"] == 1
    assert {m["metric"] for m in data["metrics"]} >= {"minutes", "handoffs.cold"}
    assert data["time_tax"]["hours_per_year_saved"] is not None


def test_comparing_the_other_way_round_mirrors_it(pair):
    backwards = compare_journeys(pair, "proposed", "today")
    assert backwards.linked is False
    assert backwards.step_counts() == {"added": 1, "removed": 1, "changed": 2, "unchanged": 2}
    assert backwards.metric("minutes").delta == 95
    cold = next(h for h in backwards.handoffs if h.before == "automatic")
    assert (cold.after, cold.better) == ("cold", False)
