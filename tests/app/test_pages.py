"""The Streamlit app's pages, driven through AppTest (no browser).

AppTest runs the real ``app.py`` with ``st.navigation``: each test points
``PLE_WORKSPACE`` at a workspace, switches to a page, moves widgets by key and
reads what the page rendered. The journey map is the canvas component, which AppTest
cannot draw; the data it is given is ``at.get("bidi_component")[0].proto.json``
(:func:`canvas`). The portfolio's agency network is an ``st.iframe`` whose nodes are the
``nodes = new vis.DataSet([...])`` JSON in ``at.get("iframe")[0].proto.srcdoc``.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from streamlit.testing.v1 import AppTest

from ple.cli.main import cli
from ple.model import Channel
from ple.ui.navigation import GAPS, HANDOFFS, JOURNEY, PORTFOLIO
from tests.conftest import ROOT

APP = ROOT / "app.py"
PAGES = [PORTFOLIO, JOURNEY, HANDOFFS, GAPS]
_NODES = re.compile(r"nodes = new vis\.DataSet\((\[.*?\])\);\n")
_EDGES = re.compile(r"edges = new vis\.DataSet\((\[.*?\])\);\n")


def start(monkeypatch: pytest.MonkeyPatch, workspace: Path, page: Path = PORTFOLIO) -> AppTest:
    """The app on ``workspace``, run once and switched to ``page``."""
    monkeypatch.setenv("PLE_WORKSPACE", str(workspace))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    if page != PORTFOLIO:
        go(at, page)
    return at


def go(at: AppTest, page: Path) -> AppTest:
    at.switch_page(str(page))
    return rerun(at)


def rerun(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def choose(at: AppTest, key: str, value: object) -> AppTest:
    at.selectbox(key=key).set_value(value)
    return rerun(at)


def srcdoc(at: AppTest) -> str:
    frames = at.get("iframe")
    assert len(frames) == 1
    return frames[0].proto.srcdoc


def nodes(html: str) -> list[dict]:
    found = _NODES.search(html)
    assert found, "no vis.DataSet of nodes in the diagram"
    return json.loads(found.group(1))


def edges(html: str) -> list[dict]:
    found = _EDGES.search(html)
    assert found, "no vis.DataSet of edges in the diagram"
    return json.loads(found.group(1))


def canvas(at: AppTest) -> dict:
    """The data the page gave its one journey canvas."""
    found = at.get("bidi_component")
    assert len(found) == 1, f"{len(found)} canvases on the page"
    assert found[0].proto.js_source_path  # served as a file the browser caches
    return json.loads(found[0].proto.json)


def shown_steps(at: AppTest) -> set[str]:
    """The steps the canvas shows in full (a filter fades the others)."""
    return {s["id"] for s in canvas(at)["steps"] if not s["dimmed"]}


def table(at: AppTest, index: int = 0) -> pd.DataFrame:
    return at.main.dataframe[index].value


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def all_elements(at: AppTest) -> Iterator:
    yield from at.sidebar
    yield from at.main


# --- workspaces -----------------------------------------------------------------------

CATALOG = """
agencies:
  - {id: ssa, name: Social Security Administration, acronym: SSA}
  - {id: cms, name: Centers for Medicare & Medicaid Services, acronym: CMS}
  - {id: irs, name: Internal Revenue Service, acronym: IRS}
programs:
  - {id: ssa-retirement, name: Retirement benefits, agency: ssa}
data_items:
  - {id: ssn, name: Social Security number, kind: fact}
"""

PERSONAS = """
id: benefits
name: Getting benefits
stages:
  - {id: learn, name: Learn}
  - {id: apply, name: Apply}
personas:
  - {id: worker, name: Still working}
  - {id: retiree, name: Already retired}
steps:
  - id: read
    name: Read about benefits
    stage: learn
    agency: ssa
    channels: [online]
    sentiment: 1
    next: [{to: apply-online}, {to: apply-office}]
  - id: apply-online
    name: Apply online
    stage: apply
    agency: ssa
    channels: [online]
    personas: [worker]
    sentiment: 0
    next: [{to: tax, handoff: {type: warm}}]
  - id: apply-office
    name: Apply at an office
    stage: apply
    agency: ssa
    channels: [in_person]
    personas: [retiree]
    sentiment: -1
    next: [{to: tax, handoff: {type: cold}}]
  - id: tax
    name: Set tax withholding
    stage: apply
    agency: irs
    channels: [mail]
    end: true
"""
"""Two personas on two branches; every step records its channels."""


# --- portfolio ------------------------------------------------------------------------


def test_portfolio_shows_metrics_journeys_and_agency_matrix(monkeypatch, small):
    at = start(monkeypatch, small)
    assert texts(at.title) == ["Portfolio of life experiences"]
    assert at.radio(key="scope").value == "current"  # today's journeys by default
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {
        "Life experiences": "1",
        "Steps": "4",
        "Cold handoffs": "1",
        "Open warnings": "5",
    }
    journeys = table(at, 0)
    assert journeys["journey"].tolist() == ["Approaching retirement (test)"]
    assert journeys["steps"].tolist() == [4]
    assert journeys["cold handoffs"].tolist() == [1]
    assert "Left out: 1 journey (Approaching retirement, proposed)." in " ".join(texts(at.markdown))
    handoffs = table(at, 1)  # the network as text
    assert set(zip(handoffs["from"], handoffs["to"], handoffs["handoff type"], strict=True)) == {
        ("SSA", "Employer", "cold"),
        ("SSA", "CMS", "referral"),
        ("Employer", "CMS", "undocumented"),
    }
    matrix = table(at, 2)
    assert matrix["agency"].tolist() == ["SSA", "CMS", "Employer"]
    assert matrix["retirement"].tolist() == [2, 1, 1]
    assert matrix["life experiences"].tolist() == [1, 1, 1]
    programs = table(at, 3)
    assert set(programs["program"]) == {"Retirement benefits", "Medicare Part B"}
    pairs = table(at, 4)
    assert pairs[["from", "to", "cold", "undocumented"]].values.tolist() == [
        ["SSA", "Employer", 1, 0],
        ["Employer", "CMS", 0, 1],
    ]
    assert "No data item is asked for in more than one life experience." in texts(at.markdown)
    assert not at.error


def test_portfolio_counts_every_journey_on_request(monkeypatch, small):
    at = start(monkeypatch, small)
    at.radio(key="scope").set_value("all")
    rerun(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {
        "Life experiences": "1",
        "Steps": "6",
        "Cold handoffs": "1",
        "Open warnings": "5",
    }  # two journeys, one life experience
    assert table(at, 0)["journey"].tolist() == [
        "Approaching retirement (test)",
        "Approaching retirement, proposed",
    ]
    at.radio(key="scope").set_value("proposed")
    rerun(at)
    assert table(at, 0)["journey"].tolist() == ["Approaching retirement, proposed"]
    assert {m.label: m.value for m in at.metric}["Cold handoffs"] == "0"


def test_portfolio_network_diagram_follows_the_type_filter(monkeypatch, small):
    at = start(monkeypatch, small)
    everything = {(e["from"], e["to"], e["label"]) for e in edges(srcdoc(at))}
    assert everything == {
        ("ssa", "employer", "cold ×1"),
        ("ssa", "cms", "referral ×1"),
        ("employer", "cms", "undocumented ×1"),
    }
    assert {n["id"] for n in nodes(srcdoc(at)) if ":" not in n["id"]} == {"ssa", "cms", "employer"}
    at.multiselect(key="portfolio_types").set_value(["cold"])
    rerun(at)
    assert {(e["from"], e["to"]) for e in edges(srcdoc(at))} == {("ssa", "employer")}
    assert len(table(at, 1)) == 1
    labels = {b.proto.label for b in at.get("download_button")}
    assert labels == {"Network as HTML", "Network as GraphML"}


def test_portfolio_rolls_detail_journeys_up_on_request(monkeypatch, write):
    from tests.conftest import CATALOG
    from tests.metrics.test_rollup import CARD, CHECK, LIFE

    write("catalog.yaml", CATALOG)
    write("card.yaml", CARD)
    write("check.yaml", CHECK)
    at = start(monkeypatch, write("life.yaml", LIFE))
    minutes = dict(zip(table(at, 0)["journey"], table(at, 0)["minutes"], strict=True))
    assert minutes["Life"] == 70  # kept apart: Life's own steps
    assert "kept apart: apply" in " ".join(texts(at.markdown))
    at.toggle(key="portfolio_roll_up").set_value(True)
    rerun(at)
    minutes = dict(zip(table(at, 0)["journey"], table(at, 0)["minutes"], strict=True))
    assert minutes == {"Card": 50, "Check": 30, "Life": 60}
    assert "rolled up: apply" in " ".join(texts(at.markdown))
    assert not at.error


def test_portfolio_of_bundled_data_counts_six_life_experiences(monkeypatch):
    at = start(monkeypatch, ROOT / "data")
    assert len(table(at, 0)) == 6  # today's journeys
    assert {m.label: m.value for m in at.metric}["Life experiences"] == "6"
    at.radio(key="scope").set_value("all")
    rerun(at)
    assert len(table(at, 0)) == 9  # and the three proposals
    assert {m.label: m.value for m in at.metric}["Life experiences"] == "6"


@pytest.mark.parametrize(("scope", "cold"), [("current", 22), ("proposed", 14), ("all", 25)])
def test_portfolio_and_handoffs_count_the_same_cold_handoffs(monkeypatch, scope, cold):
    """Before, the Portfolio page counted 22 cold handoffs in the bundled data and the
    Handoffs page 25: it added the proposals' in. One scope, chosen in the sidebar, for
    both; and the same figure as the command line's."""
    at = start(monkeypatch, ROOT / "data")
    at.radio(key="scope").set_value(scope)
    rerun(at)
    assert {m.label: m.value for m in at.metric}["Cold handoffs"] == str(cold)
    go(at, HANDOFFS)
    assert at.radio(key="scope").value == scope  # the choice follows to the next page
    choose(at, "handoffs_type", "cold")
    assert f"**{cold}** matching handoff(s)." in texts(at.markdown)
    result = CliRunner().invoke(
        cli,
        [
            "query",
            "handoffs",
            str(ROOT / "data"),
            "--type",
            "cold",
            "--scope",
            scope,
            "--format",
            "json",
        ],
    )
    assert len(json.loads(result.stdout)["handoffs"]) == cold


def test_the_scope_is_kept_in_the_address(monkeypatch, small):
    at = start(monkeypatch, small)
    at.radio(key="scope").set_value("proposed")
    rerun(at)
    assert at.query_params["scope"] == "proposed"
    linked = start_with(monkeypatch, small, {"scope": "all"})
    assert linked.radio(key="scope").value == "all"


def test_the_scope_is_offered_only_where_totals_count_it_and_kept_across_pages(monkeypatch, small):
    """The Journey page is about one journey: no scope choice there, yet the one made on
    the Portfolio page is still in force when the Gaps page is opened after it."""
    at = start(monkeypatch, small)
    at.radio(key="scope").set_value("all")
    rerun(at)
    go(at, JOURNEY)
    assert not [r for r in at.radio if r.key == "scope"]
    rerun(at)  # a second run on the page: Streamlit forgets the state of undrawn widgets
    assert at.session_state["scope"] == "all"
    go(at, GAPS)
    assert at.radio(key="scope").value == "all"


def test_the_app_script_run_bare_ends_without_an_error(small):
    """``python app.py`` (as a process spawned from a test run does, re-running its main
    script) has no page to show; it must still end quietly, not crash on the page's title."""
    import subprocess
    import sys

    run = subprocess.run(
        [sys.executable, str(APP)],
        env={**os.environ, "PLE_WORKSPACE": str(small)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "Traceback" not in run.stderr


def start_with(monkeypatch: pytest.MonkeyPatch, workspace: Path, query: dict[str, str]) -> AppTest:
    """The app opened from a link carrying ``query`` in its address."""
    monkeypatch.setenv("PLE_WORKSPACE", str(workspace))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params.update(query)
    return rerun(at)


def test_portfolio_without_journeys_says_so(monkeypatch, write):
    at = start(monkeypatch, write("catalog.yaml", CATALOG))
    assert "No valid journeys to show." in texts(at.info)
    assert not at.metric


# --- journey --------------------------------------------------------------------------


def test_journey_page_draws_the_first_journey(monkeypatch, small):
    at = start(monkeypatch, small, JOURNEY)
    assert texts(at.title) == ["Approaching retirement (test)"]
    assert shown_steps(at) == {"check-estimate", "apply-retirement", "get-l564", "enroll-part-b"}
    assert table(at)["step"].tolist() == [
        "Check benefit estimate",
        "Apply for retirement benefits",
        "Ask the employer to fill in CMS-L564",
        "Enroll in Medicare Part B",
    ]
    assert {m.label: m.value for m in at.metric}["Steps"] == "4"
    assert not at.warning


def test_choosing_another_journey_changes_title_and_diagram(monkeypatch, small):
    at = start(monkeypatch, small, JOURNEY)
    before = canvas(at)
    choose(at, "journey_select", "retirement-future")
    assert texts(at.title) == ["Approaching retirement, proposed"]
    after = canvas(at)
    assert after["revision"] != before["revision"]
    assert shown_steps(at) == {"apply-once", "enroll-part-b"}
    assert table(at)["step"].tolist() == [
        "Apply once for retirement and Medicare",
        "Medicare Part B starts",
    ]
    assert at.session_state["journey_id"] == "retirement-future"
    # the choice survives a trip to another page
    go(at, PORTFOLIO)
    go(at, JOURNEY)
    assert texts(at.title) == ["Approaching retirement, proposed"]


def test_switching_journeys_resets_filters_that_do_not_apply(monkeypatch, small):
    at = start(monkeypatch, small, JOURNEY)
    choose(at, "journey_stage", "plan")
    choose(at, "journey_select", "retirement-future")  # has no stages
    assert at.selectbox(key="journey_stage").value is None
    assert shown_steps(at) == {"apply-once", "enroll-part-b"}


@pytest.mark.parametrize(
    ("key", "value", "steps"),
    [
        ("journey_stage", "plan", {"check-estimate"}),
        ("journey_stage", "apply", {"apply-retirement", "get-l564", "enroll-part-b"}),
        ("journey_agency", "ssa", {"check-estimate", "apply-retirement"}),
        ("journey_agency", "employer", {"get-l564"}),
    ],
)
def test_filters_narrow_table_and_diagram(monkeypatch, small, key, value, steps):
    at = start(monkeypatch, small, JOURNEY)
    choose(at, key, value)
    assert shown_steps(at) == steps
    names = {
        "check-estimate": "Check benefit estimate",
        "apply-retirement": "Apply for retirement benefits",
        "get-l564": "Ask the employer to fill in CMS-L564",
        "enroll-part-b": "Enroll in Medicare Part B",
    }
    assert set(table(at)["step"]) == {names[s] for s in steps}
    assert table(at)["#"].tolist() == list(range(1, len(steps) + 1))


def test_a_filter_fades_steps_but_keeps_the_map_as_printed(monkeypatch, small):
    """Lanes and columns do not move under a filter: the map stays the printed one."""
    at = start(monkeypatch, small, JOURNEY)
    before = canvas(at)
    choose(at, "journey_agency", "employer")
    after = canvas(at)
    assert [lane["agency"] for lane in after["lanes"]] == ["ssa", "employer", "cms"]
    assert [(s["x"], s["y"]) for s in after["steps"]] == [(s["x"], s["y"]) for s in before["steps"]]
    assert [s["id"] for s in after["steps"] if s["dimmed"]] == [
        "check-estimate",
        "apply-retirement",
        "enroll-part-b",
    ]


def test_persona_filter_keeps_steps_for_everyone(monkeypatch, write):
    write("catalog.yaml", CATALOG)
    at = start(monkeypatch, write("benefits.yaml", PERSONAS), JOURNEY)
    assert at.selectbox(key="journey_persona").options == [
        "Everyone",
        "Still working",
        "Already retired",
    ]
    choose(at, "journey_persona", "worker")
    assert shown_steps(at) == {"read", "apply-online", "tax"}
    assert table(at)["step"].tolist() == [
        "Read about benefits",
        "Apply online",
        "Set tax withholding",
    ]
    choose(at, "journey_persona", "retiree")
    assert shown_steps(at) == {"read", "apply-office", "tax"}
    assert {m.label: m.value for m in at.metric}["Steps"] == "3"


def test_channel_filter_on_known_channels(monkeypatch, write):
    write("catalog.yaml", CATALOG)
    at = start(monkeypatch, write("benefits.yaml", PERSONAS), JOURNEY)
    choose(at, "journey_channel", Channel.online)
    assert shown_steps(at) == {"read", "apply-online"}
    assert not at.warning  # every step records its channels


def test_channel_filter_warns_about_steps_without_channels(monkeypatch, small):
    at = start(monkeypatch, small, JOURNEY)
    choose(at, "journey_channel", Channel.online)
    assert shown_steps(at) == {"check-estimate"}
    [warning] = texts(at.warning)
    assert warning.startswith("3 step(s) hidden because their channels are not recorded")
    for name in (
        "Apply for retirement benefits",
        "Ask the employer to fill in CMS-L564",
        "Enroll in Medicare Part B",
    ):
        assert name in warning


def test_filters_that_match_nothing_fade_every_step(monkeypatch, small):
    at = start(monkeypatch, small, JOURNEY)
    choose(at, "journey_stage", "plan")
    choose(at, "journey_agency", "cms")
    assert shown_steps(at) == set()
    assert "No step matches the filters; all steps are shown faded." in texts(at.info)
    assert table(at).empty


def test_steps_with_findings_are_marked_on_the_map(monkeypatch, small):
    at = start(monkeypatch, small, JOURNEY)
    badges = {s["id"]: s["badge"] for s in canvas(at)["steps"]}
    findings = dict(zip(table(at)["step"], table(at)["findings"], strict=True))
    assert findings["Apply for retirement benefits"] > 0
    assert badges["apply-retirement"] == f"⚠ {findings['Apply for retirement benefits']}"


def test_sentiment_curve_appears_when_steps_record_it(monkeypatch, small, write):
    at = start(monkeypatch, small, JOURNEY)
    assert "Sentiment across the journey" not in texts(at.header)
    write("catalog.yaml", CATALOG)
    at = start(monkeypatch, write("benefits.yaml", PERSONAS), JOURNEY)
    assert "Sentiment across the journey" in texts(at.header)


def test_journey_page_renders_every_bundled_journey(monkeypatch):
    at = start(monkeypatch, ROOT / "data", JOURNEY)
    titles = []
    for index in range(len(at.selectbox(key="journey_select").options)):
        at.selectbox(key="journey_select").select_index(index)
        rerun(at)
        titles.append(texts(at.title)[0])
        assert shown_steps(at)
        assert len(table(at)) == len(shown_steps(at))
        assert canvas(at)["journey"]["id"] == at.selectbox(key="journey_select").value
    assert len(set(titles)) == 9  # six life experiences, three of them also as proposed


# --- handoffs -------------------------------------------------------------------------


def test_handoffs_lists_every_cross_agency_move_of_todays_journeys(monkeypatch, small):
    at = start(monkeypatch, small, HANDOFFS)
    rows = table(at)
    assert len(rows) == 3
    assert "**3** matching handoff(s)." in texts(at.markdown)
    assert sorted(rows["type"]) == ["cold", "referral", "undocumented"]
    assert (
        "Counting today's journeys (current state): 1 journey. Left out: 1 journey "
        "(Approaching retirement, proposed)."
    ) in " ".join(texts(at.markdown))
    at.radio(key="scope").set_value("all")
    rerun(at)
    assert sorted(table(at)["type"]) == ["automatic", "cold", "referral", "undocumented"]


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("handoffs_from", "employer", [("get-l564", "enroll-part-b")]),
        ("handoffs_to", "employer", [("apply-retirement", "get-l564")]),
        ("handoffs_type", "referral", [("apply-retirement", "enroll-part-b")]),
        ("handoffs_type", "undocumented", [("get-l564", "enroll-part-b")]),
        ("handoffs_journey", "retirement-future", [("apply-once", "enroll-part-b")]),
    ],
)
def test_handoff_filters_change_the_table(monkeypatch, small, key, value, expected):
    at = start(monkeypatch, small, HANDOFFS)
    choose(at, key, value)
    rows = table(at)
    assert list(zip(rows["from_step"], rows["to_step"], strict=True)) == expected


def test_handoffs_that_match_nothing_draw_no_diagram(monkeypatch, small):
    at = start(monkeypatch, small, HANDOFFS)
    choose(at, "handoffs_from", "cms")
    assert table(at).empty
    assert "**0** matching handoff(s)." in texts(at.markdown)
    assert not at.get("bidi_component")


def test_show_all_cold_handoffs_button(monkeypatch, small):
    at = start(monkeypatch, small, HANDOFFS)
    choose(at, "handoffs_journey", "retirement-future")
    choose(at, "handoffs_from", "ssa")
    at.button(key="handoffs_all_cold").click()
    rerun(at)
    assert at.selectbox(key="handoffs_type").value == "cold"
    for key in ("handoffs_from", "handoffs_to", "handoffs_journey"):
        assert at.selectbox(key=key).value is None
    rows = table(at)
    assert rows["type"].tolist() == ["cold"]
    assert rows["from_step"].tolist() == ["apply-retirement"]


def test_matching_handoffs_are_drawn_thick(monkeypatch, small):
    at = start(monkeypatch, small, HANDOFFS)
    cold, referral = ("apply-retirement", "get-l564"), ("apply-retirement", "enroll-part-b")
    choose(at, "handoffs_type", "cold")
    assert texts(at.header) == ["On the map: Approaching retirement (test)"]
    when_cold = {(r["from"], r["to"]) for r in canvas(at)["routes"] if r["highlight"]}
    choose(at, "handoffs_type", "referral")
    when_referral = {(r["from"], r["to"]) for r in canvas(at)["routes"] if r["highlight"]}
    assert when_cold == {cold} and when_referral == {referral}


# --- gaps -----------------------------------------------------------------------------


def test_gaps_lists_every_open_finding_of_todays_journeys(monkeypatch, small):
    at = start(monkeypatch, small, GAPS)
    rows = table(at)
    assert len(rows) == 14 and set(rows["journey"]) == {"retirement"}
    assert "Counting today's journeys (current state): 1 journey." in " ".join(texts(at.markdown))
    assert f"**{len(rows)}** finding(s)." in texts(at.markdown)
    ranks = rows["severity"].map({"error": 2, "warning": 1, "info": 0}).tolist()
    assert ranks == sorted(ranks, reverse=True)  # worst first
    assert not at.header


@pytest.mark.parametrize(
    ("key", "value", "column", "allowed"),
    [
        ("gaps_rule", "single-channel", "rule", {"single-channel"}),
        ("gaps_severity", "warning", "severity", {"warning", "error"}),
        ("gaps_journey", "retirement-future", "journey", {"retirement-future"}),
    ],
)
def test_gap_filters_change_the_table(monkeypatch, small, key, value, column, allowed):
    at = start(monkeypatch, small, GAPS)
    everything = len(table(at))
    choose(at, key, value)
    rows = table(at)
    assert 0 < len(rows) < everything
    assert set(rows[column]) <= allowed
    assert f"**{len(rows)}** finding(s)." in texts(at.markdown)


def test_gap_filter_by_agency(monkeypatch, small):
    at = start(monkeypatch, small, GAPS)
    choose(at, "gaps_agency", "employer")
    rows = table(at)
    assert 0 < len(rows) < 20
    # every employer finding is about the step the employer runs or a move to or from it
    assert set(rows["step"].dropna()) <= {"get-l564", "apply-retirement"}
    choose(at, "gaps_journey", "retirement-future")  # the employer has no part in it
    assert table(at).empty


def test_accepted_findings_are_shown_on_request(monkeypatch):
    at = start(monkeypatch, ROOT / "data", GAPS)
    open_only = table(at)
    assert not open_only["accepted"].any()
    at.checkbox(key="gaps_accepted").check()
    rerun(at)
    everything = table(at)
    assert everything["accepted"].sum() > 0
    assert len(everything) == len(open_only) + everything["accepted"].sum()


def test_choosing_a_rule_explains_it(monkeypatch, small):
    at = start(monkeypatch, small, GAPS)
    choose(at, "gaps_rule", "cold-handoff")
    assert texts(at.header) == ["Rule `cold-handoff`"]
    [explanation] = texts(at.text)
    assert explanation.startswith("cold-handoff:")


def test_selecting_a_row_explains_its_rule(monkeypatch, small):
    at = start(monkeypatch, small, GAPS)
    rows = table(at)
    at.session_state["gaps_table"] = {"selection": {"rows": [12], "columns": []}}
    rerun(at)
    assert texts(at.header) == [f"Rule `{rows['rule'][12]}`"]
    shown = texts(at.text)
    assert shown[0] == rows["message"][12]  # the whole finding, as written
    assert shown[1] == f"Suggestion: {rows['suggestion'][12]}"
    assert shown[2].startswith(f"{rows['rule'][12]}:")


def test_a_finding_links_to_its_step_on_the_journey_map(monkeypatch, small):
    at = start(monkeypatch, small, GAPS)
    choose(at, "gaps_journey", "retirement-future")
    at.session_state["gaps_table"] = {"selection": {"rows": [0], "columns": []}}
    rerun(at)
    finding = table(at).iloc[0]
    [link] = at.get("page_link")
    assert link.proto.label == "Open this step on the journey's map"
    assert link.proto.page.endswith("journey.py") or "journey" in link.proto.page
    assert dict(part.split("=") for part in link.proto.query_string.split("&")) == {
        "journey": "retirement-future",
        "step": finding["step"],
    }


def test_the_journey_page_opens_on_the_linked_journey_and_step(monkeypatch, small):
    at = start(monkeypatch, small, JOURNEY)  # the journey selectbox has shown another one
    assert at.selectbox(key="journey_select").value == "retirement"
    at.query_params["journey"] = "retirement-future"
    at.query_params["step"] = "enroll-part-b"
    rerun(at)
    assert texts(at.title) == ["Approaching retirement, proposed"]
    assert at.selectbox(key="journey_select").value == "retirement-future"
    assert canvas(at)["selected"] == {"kind": "step", "id": "enroll-part-b"}


def test_selected_row_beyond_a_narrowed_table_does_not_crash(monkeypatch, small):
    at = start(monkeypatch, small, GAPS)
    at.session_state["gaps_table"] = {"selection": {"rows": [13], "columns": []}}
    rerun(at)
    choose(at, "gaps_rule", "cold-handoff")  # one finding: row 13 is gone


# --- invalid workspaces ---------------------------------------------------------------

VALID = """
id: retire
name: Retire (valid)
steps:
  - id: apply
    name: Apply
    agency: ssa
    next: [{to: enroll, handoff: {type: cold}}]
  - id: enroll
    name: Enroll
    agency: cms
    end: true
"""

BROKEN = """
id: broken
name: Broken journey
steps:
  - id: apply
    name: Apply
    agency: nosuch
    end: true
"""


@pytest.fixture
def invalid(write) -> Path:
    write("catalog.yaml", CATALOG)
    write("retire.yaml", VALID)
    write("syntax.yaml", "id: bad\nname: [unclosed\n")
    return write("broken.yaml", BROKEN)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_invalid_workspace_shows_errors_and_keeps_valid_journeys(monkeypatch, invalid, page):
    at = start(monkeypatch, invalid, page)
    [error] = texts(at.error)
    assert error.startswith("The workspace has 2 error(s).")
    problems = table(at, 0)
    assert {Path(f).name for f in problems["file"]} == {"broken.yaml", "syntax.yaml"}
    broken = problems[problems["file"].str.endswith("broken.yaml")].iloc[0]
    assert broken["message"] == "unknown agency 'nosuch'"
    assert (broken["line"], broken["field"]) == (6, "steps[0].agency")
    assert set(problems.columns) >= {"file", "line", "column", "field", "message"}
    # the valid journey is still there
    if page == PORTFOLIO:
        assert table(at, 1)["journey"].tolist() == ["Retire (valid)"]
    elif page == JOURNEY:
        assert at.selectbox(key="journey_select").options == ["Retire (valid)"]
        assert shown_steps(at) == {"apply", "enroll"}
    elif page == HANDOFFS:
        assert at.selectbox(key="handoffs_journey").options == [
            "All journeys counted",
            "Retire (valid)",
        ]
        assert table(at, 1)["journey"].tolist() == ["retire"]
    else:
        assert at.selectbox(key="gaps_journey").options == [
            "All journeys counted",
            "Retire (valid)",
        ]
        assert set(table(at, 1)["journey"]) == {"retire"}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_workspace_with_only_errors_says_there_is_nothing_to_show(monkeypatch, write, page):
    write("catalog.yaml", CATALOG)
    at = start(monkeypatch, write("broken.yaml", BROKEN), page)
    assert texts(at.error)[0].startswith("The workspace has 1 error(s).")
    if page == GAPS:
        assert "**0** finding(s)." in texts(at.markdown)
    else:
        assert "No valid journeys to show." in texts(at.info)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_missing_workspace_folder_shows_the_error(monkeypatch, tmp_path, page):
    at = start(monkeypatch, tmp_path / "no-such-folder", page)
    assert texts(at.error)[0].startswith("The workspace has 1 error(s).")
    problems = table(at, 0)
    assert problems["message"].tolist() == ["no such file or folder"]
    assert problems["file"].tolist() == [str(tmp_path / "no-such-folder")]


def test_the_sidebar_switches_the_workspace(monkeypatch, small):
    at = start(monkeypatch, small, JOURNEY)
    choose(at, "journey_select", "retirement-future")
    choose(at, "journey_select", "retirement")  # a name data/ does not have
    at.text_input(key="workspace_path").input(str(ROOT / "data"))
    rerun(at)
    assert len(at.selectbox(key="journey_select").options) == 9
    assert texts(at.title)[0] != "Approaching retirement (test)"
    assert shown_steps(at)
    go(at, PORTFOLIO)
    assert len(table(at, 0)) == 6  # today's journeys


# --- hostile text ---------------------------------------------------------------------

STEP_XSS = "<img src=x onerror=alert(1)>"
AGENCY_XSS = "<script>alert(1)</script>"
HOSTILE_CATALOG = f"""
agencies:
  - {{id: ssa, name: Social Security Administration, acronym: "{AGENCY_XSS}"}}
  - {{id: cms, name: Centers for Medicare & Medicaid Services, acronym: CMS}}
"""
HOSTILE = f"""
id: hostile
name: Hostile text
stages:
  - {{id: s, name: "{STEP_XSS}"}}
steps:
  - id: first
    name: "{STEP_XSS}"
    stage: s
    agency: ssa
    pain_points: ['<a href="javascript:alert(1)">click</a>']
    next: [{{to: second, condition: "{AGENCY_XSS}", handoff: {{type: cold}}}}]
  - id: second
    name: Second
    agency: cms
    end: true
"""
PAYLOADS = (STEP_XSS, AGENCY_XSS)


def unsafe_html(at: AppTest) -> list[str]:
    """The bodies of every markdown element that may contain raw HTML."""
    return [
        e.proto.body
        for e in all_elements(at)
        if getattr(e, "type", None) in ("markdown", "caption") and e.proto.allow_html
    ]


def assert_no_raw_payload(at: AppTest) -> None:
    for body in unsafe_html(at):
        for payload in PAYLOADS:
            assert payload not in body
    for frame in at.get("iframe"):
        html = frame.proto.srcdoc
        for payload in PAYLOADS:
            assert payload not in html
        assert "div.popup" not in html  # pyvis's innerHTML tooltip (any title with "href")
        for item in nodes(html) + edges(html):
            assert "href" not in item.get("title", "").lower()
    for component in at.get("bidi_component"):
        assert not component.proto.html_content  # the canvas sets names as text, never HTML


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_hostile_names_are_never_raw_html(monkeypatch, write, page):
    write("catalog.yaml", HOSTILE_CATALOG)
    at = start(monkeypatch, write("hostile.yaml", HOSTILE), page)
    assert_no_raw_payload(at)
    if page == JOURNEY:
        legend = unsafe_html(at)
        assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in body for body in legend)
        data = canvas(at)
        steps = {s["id"]: s for s in data["steps"]}
        # data for the canvas, which sets it as text (tests/e2e checks it in Chromium)
        assert STEP_XSS in " ".join(steps["first"]["lines"])
        assert steps["first"]["details"].startswith(STEP_XSS + "\n")
        assert "".join(data["lanes"][0]["label"]) == AGENCY_XSS
        choose(at, "journey_agency", "ssa")
        assert_no_raw_payload(at)
    if page == HANDOFFS:
        choose(at, "handoffs_type", "cold")
        assert_no_raw_payload(at)


def test_a_hostile_big_journey_is_drawn_step_by_step_and_escaped(monkeypatch, write):
    steps = "\n".join(
        f'  - {{id: s{i}, name: "{STEP_XSS} {i}", agency: {"ssa" if i % 2 else "cms"},'
        f" next: [{{to: s{i + 1}}}]}}"
        for i in range(501)
    )
    write("catalog.yaml", HOSTILE_CATALOG)
    at = start(
        monkeypatch,
        write(
            "big.yaml",
            f"id: big\nname: Big\nsteps:\n{steps}\n"
            "  - {id: s501, name: Last, agency: ssa, end: true}\n",
        ),
        JOURNEY,
    )
    assert len(canvas(at)["steps"]) == 502
    assert_no_raw_payload(at)


def test_journey_page_offers_a_download_for_every_available_format(monkeypatch, small):
    from ple.export import all_exporters

    at = start(monkeypatch, small, JOURNEY)
    labels = {button.proto.label for button in at.get("download_button")}
    assert labels == {e.name.upper() for e in all_exporters().values() if e.available()}
    assert not at.exception


def test_a_journey_past_the_limits_of_a_map_says_so_instead(monkeypatch, write):
    """Past PLE_MAX_MAP_STEPS the page says why there is no map and keeps its tables;
    past the printed map's limit the picture formats' buttons are off, saying why."""
    monkeypatch.setattr("ple.limits.MAP_STEPS", limits_of(30, "MAP_STEPS"))
    monkeypatch.setattr("ple.limits.PRINTED_STEPS", limits_of(20, "PRINTED_STEPS"))
    steps = "\n".join(
        f"  - {{id: s{i}, name: Step {i}, agency: ssa, next: [{{to: s{i + 1}}}]}}"
        for i in range(40)
    )
    write("catalog.yaml", CATALOG)
    at = start(
        monkeypatch,
        write(
            "long.yaml",
            f"id: long\nname: Long\nsteps:\n{steps}\n"
            "  - {id: s40, name: Last, agency: ssa, end: true}\n",
        ),
        JOURNEY,
    )
    assert not at.get("bidi_component")
    notice = " ".join(w.value for w in at.warning)
    assert (
        "not drawn as a map: the journey has 41 steps, over the limit of 30 steps per map"
        in notice.replace("\\", "")
    )
    assert len(at.dataframe[0].value) == 41
    buttons = {b.proto.label: b.proto for b in at.get("download_button")}
    assert {label for label, b in buttons.items() if b.disabled} == {
        "SVG",
        "PNG",
        "PDF",
        "BLUEPRINT-SVG",
        "BLUEPRINT-PNG",
        "BLUEPRINT-PDF",
    }
    assert "41 steps, over the limit of 20 steps per printed map" in buttons["PNG"].help


def limits_of(value: int, name: str):
    """A copy of the named limit of :mod:`ple.limits` with another value."""
    from dataclasses import replace

    from ple import limits

    return replace(getattr(limits, name), value=value)
