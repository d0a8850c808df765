"""The Portfolio page's logic: one row per journey, agencies across journeys."""

from __future__ import annotations

from collections import Counter

from ple.gaps import Finding, FindingSeverity, GapReport, analyze
from ple.io import load_workspace
from ple.metrics import journey_metrics
from ple.model import Workspace
from ple.views.portfolio import agency_matrix, portfolio_rows
from tests.conftest import DATA

HANDOFF_COLUMNS = [
    "automatic handoffs",
    "warm handoffs",
    "referral handoffs",
    "cold handoffs",
    "undocumented handoffs",
]


def finding(journey: str, severity: str, accepted: bool = False) -> Finding:
    return Finding("rule", FindingSeverity(severity), journey, "m", "s", accepted=accepted)


def test_one_row_per_journey_sorted_by_id(small):
    workspace = load_workspace(small).workspace
    rows = portfolio_rows(workspace, analyze(workspace))
    assert [r["id"] for r in rows] == ["retirement", "retirement-future"]
    current, future = rows
    assert current["journey"] == "Approaching retirement (test)"
    assert (current["state"], future["state"]) == ("current", "future")
    assert (current["steps"], current["agencies"]) == (4, 3)
    assert [current[c] for c in HANDOFF_COLUMNS] == [0, 0, 1, 1, 1]
    assert [future[c] for c in HANDOFF_COLUMNS] == [1, 0, 0, 0, 0]
    assert current["people a year"] is None


def test_finding_columns_count_open_findings_by_severity(small):
    workspace = load_workspace(small).workspace
    report = GapReport(
        findings=[
            finding("retirement", "error"),
            finding("retirement", "warning"),
            finding("retirement", "warning"),
            finding("retirement", "warning", accepted=True),
            finding("retirement", "error", accepted=True),
            finding("retirement-future", "info"),
        ]
    )
    current, future = portfolio_rows(workspace, report)
    assert (current["errors"], current["warnings"], current["info"]) == (1, 2, 0)
    assert (future["errors"], future["warnings"], future["info"]) == (0, 0, 1)


def test_rows_agree_with_metrics_and_the_report_on_bundled_data():
    workspace = load_workspace(DATA).workspace
    report = analyze(workspace)
    assert any(f.accepted for f in report.findings)  # so leaving them out is tested
    rows = portfolio_rows(workspace, report)
    assert len(rows) == len(workspace.journeys) == 9  # every journey, current and future
    open_findings = Counter(
        (f.journey, f.severity.value) for f in report.findings if not f.accepted
    )
    for row in rows:
        metrics = journey_metrics(workspace, row["id"])
        assert row["steps"] == metrics.steps == len(workspace.journeys[row["id"]].steps)
        assert row["minutes"] == metrics.minutes
        assert row["wait days"] == metrics.wait_days
        assert sum(row[c] for c in HANDOFF_COLUMNS) == sum(metrics.handoffs.values())
        for severity, column in (("error", "errors"), ("warning", "warnings"), ("info", "info")):
            assert row[column] == open_findings[(row["id"], severity)]
        volume = workspace.journeys[row["id"]].volume
        assert row["people a year"] == (volume.per_year if volume else None)


def test_empty_workspace_has_no_rows():
    assert portfolio_rows(Workspace(), GapReport()) == []
    assert agency_matrix(Workspace()) == []


def test_agency_matrix_counts_steps_per_agency_and_journey(small):
    workspace = load_workspace(small).workspace
    assert agency_matrix(workspace) == [  # today's journeys only
        {"agency": "SSA", "life experiences": 1, "retirement": 2},
        {"agency": "CMS", "life experiences": 1, "retirement": 1},
        {"agency": "Employer", "life experiences": 1, "retirement": 1},
    ]
    # a future state is a journey of its own but not a life experience of its own
    assert agency_matrix(workspace, "all") == [
        {"agency": "SSA", "life experiences": 1, "retirement": 2, "retirement-future": 1},
        {"agency": "CMS", "life experiences": 1, "retirement": 1, "retirement-future": 1},
        {"agency": "Employer", "life experiences": 1, "retirement": 1, "retirement-future": None},
    ]


def test_agency_matrix_of_bundled_data():
    workspace = load_workspace(DATA).workspace
    matrix = agency_matrix(workspace)
    today = [j for j in workspace.journeys.values() if j.state.value == "current"]
    journeys = sorted(j.id for j in today)
    taking_part = {s.agency for j in today for s in j.steps}
    assert len(matrix) == len(taking_part)  # agencies without steps are left out
    spread = [row["life experiences"] for row in matrix]
    assert spread == sorted(spread, reverse=True)  # the most widely involved first
    for row in matrix:
        assert list(row) == ["agency", "life experiences", *journeys]
        assert row["life experiences"] == sum(row[j] is not None for j in journeys)
        assert all(row[j] is None or row[j] > 0 for j in journeys)
    total = sum(row[j] or 0 for row in matrix for j in journeys)
    assert total == sum(len(j.steps) for j in today)


def test_report_sections_and_the_scope_sentence(small):
    from ple.portfolio import portfolio_report
    from ple.views.portfolio import report_sections, scope_sentence

    workspace = load_workspace(small).workspace
    report = portfolio_report(workspace)
    assert scope_sentence(workspace, report) == (
        "Counting today's journeys (current state): 1 journey, 1 life experience. "
        "Left out: 1 journey (Approaching retirement, proposed)."
    )
    sections = dict(report_sections(workspace, report))
    assert sections["Agency pairs with the most cold or undocumented handoffs"] == [
        {
            "from": "SSA",
            "to": "Employer",
            "cold": 1,
            "undocumented": 0,
            "life experiences": "Approaching retirement (test)",
        },
        {
            "from": "Employer",
            "to": "CMS",
            "cold": 0,
            "undocumented": 1,
            "life experiences": "Approaching retirement (test)",
        },
    ]
    network = sections["Agency network: handoffs between agencies, by type"]
    assert {(r["from"], r["to"], r["handoff type"]) for r in network} == {
        ("SSA", "Employer", "cold"),
        ("SSA", "CMS", "referral"),
        ("Employer", "CMS", "undocumented"),
    }
    everything = portfolio_report(workspace, "all")
    assert "Left out" not in scope_sentence(workspace, everything)


def test_each_journey_says_what_its_minutes_rest_on():
    workspace = load_workspace(DATA).workspace
    rows = {r["id"]: r for r in portfolio_rows(workspace, analyze(workspace))}
    for journey_id, row in rows.items():
        mix = journey_metrics(workspace, journey_id).evidence["minutes"]
        assert row["minutes rest on"] == mix.text()
    # A bundled journey with evidence, and one whose figures nobody qualified: unknown,
    # never counted as assumed.
    assert "reported" in rows["having-a-child"]["minutes rest on"]
    assert rows["losing-a-loved-one"]["minutes rest on"] == "100% unknown"
