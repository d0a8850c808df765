"""The Opportunities page and the Gaps page's way to them, driven through AppTest."""

from __future__ import annotations

import shutil

import yaml

from ple.io import load_workspace
from ple.opportunities import rank_opportunities
from ple.ui.navigation import GAPS, OPPORTUNITIES
from tests.app.test_pages import choose, rerun, start, table, texts
from tests.conftest import DATA
from tests.markdown import shown_as


def test_the_page_shows_the_libraries_ranking_of_the_bundled_portfolio(monkeypatch):
    at = start(monkeypatch, DATA, OPPORTUNITIES)
    workspace = load_workspace(DATA).workspace
    expected = [r.opportunity.id for r in rank_opportunities(workspace)]
    shown = table(at)
    assert list(shown["id"]) == expected and list(shown["rank"]) == list(range(1, 7))
    assert shown_as(texts(at.header)[0]).startswith("1. ")  # the first one, in full
    [download] = at.get("download_button")
    assert download.proto.label == "Download the ranking (accessible HTML)"


def test_filters_narrow_the_ranking(monkeypatch):
    at = start(monkeypatch, DATA, OPPORTUNITIES)
    choose(at, "opportunities_owner", "fns")
    assert list(table(at)["id"]) == ["wic-from-medicaid-data", "snap-from-the-ui-claim"]
    at.multiselect(key="opportunities_status").set_value(["exploring"])
    rerun(at)
    assert table(at).empty  # FNS owns no opportunity that is being explored
    assert "**0** opportunities." in texts(at.markdown)


def test_an_opportunity_opens_from_its_address_with_the_findings_it_addresses(monkeypatch):
    at = start(monkeypatch, DATA, OPPORTUNITIES)
    at.query_params["opportunity"] = "wic-from-medicaid-data"
    rerun(at)
    assert [shown_as(h) for h in texts(at.header)] == [
        "4. WIC certification from Medicaid enrollment data"
    ]
    addressed = table(at, 1)
    assert list(addressed["what the change does"]) == [
        "resolved",
        "resolved",
        "still open",
        "still open",
    ]


def test_a_gap_finding_links_to_the_opportunity_that_addresses_it(monkeypatch):
    at = start(monkeypatch, DATA, GAPS)
    choose(at, "gaps_journey", "having-a-child")
    choose(at, "gaps_rule", "cold-handoff")
    rows = table(at)
    row = next(i for i, step in enumerate(rows["step"]) if step == "apply-medicaid-pregnancy")
    at.session_state["gaps_table"] = {"selection": {"rows": [row], "columns": []}}
    rerun(at)
    links = [link for link in at.get("page_link") if "opportunity=" in link.proto.query_string]
    assert [link.proto.query_string for link in links] == ["opportunity=wic-from-medicaid-data"]


def test_a_finding_no_opportunity_addresses_offers_one_to_start(monkeypatch):
    at = start(monkeypatch, DATA, GAPS)
    choose(at, "gaps_journey", "having-a-child")
    choose(at, "gaps_rule", "single-channel")
    at.session_state["gaps_table"] = {"selection": {"rows": [0], "columns": []}}
    rerun(at)
    [snippet] = at.code
    [entry] = yaml.safe_load(snippet.value)
    assert entry["journey"] == "having-a-child"
    assert entry["findings"] == [{"rule": "single-channel", "step": table(at)["step"][0]}]
    assert "change" not in entry  # written by the designer: the two kinds are in comments
    assert f"#     - step: {table(at)['step'][0]}" in snippet.value


def test_an_opportunity_the_law_bars_is_labelled_on_the_page(monkeypatch, tmp_path):
    from tests.opportunities.test_law import with_sharing

    with_sharing(tmp_path, "prohibited")
    at = start(monkeypatch, tmp_path / "ws", OPPORTUNITIES)
    assert list(table(at)["label"]) == ["needs a change in law"]
    [warning] = at.warning
    assert warning.value.startswith(
        "Needs a change in law: SSA may not share Home address with CMS"
    )


def _pick_single_channel_finding(at):
    choose(at, "gaps_journey", "having-a-child")
    choose(at, "gaps_rule", "single-channel")
    at.session_state["gaps_table"] = {"selection": {"rows": [0], "columns": []}}
    return rerun(at)


def _start_buttons(at):
    return [b for b in at.button if b.label == "Start the opportunity"]


def _start_button(at):
    [button] = _start_buttons(at)
    return button


def _field(widgets, label):
    return next(w for w in widgets if w.label == label)


def test_starting_an_opportunity_from_the_gaps_page_writes_it_and_links_to_it(
    monkeypatch, tmp_path
):
    shutil.copytree(DATA, tmp_path / "ws")
    opportunities = tmp_path / "ws" / "opportunities.yaml"
    text_before = opportunities.read_text(encoding="utf-8")
    at = _pick_single_channel_finding(start(monkeypatch, tmp_path / "ws", GAPS))
    step = table(at)["step"][0]
    assert _field(at.text_input, "Title").value == "Only one channel: First prenatal visit"
    _field(at.text_area, "How might we ...?").set_value(
        "How might we let parents do this by phone too?"
    )
    _field(at.selectbox, "Owner agency").set_value("fns")
    _field(at.selectbox, "Status").set_value("exploring")
    _start_button(at).click()
    rerun(at)

    assert opportunities.read_text(encoding="utf-8").startswith(text_before)
    [entry] = yaml.safe_load(opportunities.read_text(encoding="utf-8")[len(text_before) :])
    assert entry == {
        "id": "only-one-channel-first-prenatal-visit",
        "title": "Only one channel: First prenatal visit",
        "how_might_we": "How might we let parents do this by phone too?",
        "journey": "having-a-child",
        "findings": [{"rule": "single-channel", "step": step}],
        "steps": [step],
        "owner": {"agency": "fns"},
        "status": "exploring",
    }
    assert [s.value for s in at.success] == [
        "Saved opportunities.yaml. The previous version is in the history."
    ]
    links = [link.proto.query_string for link in at.get("page_link")]
    assert (
        links.count("opportunity=only-one-channel-first-prenatal-visit") == 2
    )  # the message's, the finding's
    assert not _start_buttons(at)  # addressed now: no form to start another one


def test_a_refused_opportunity_shows_its_errors_and_writes_nothing(monkeypatch, tmp_path):
    shutil.copytree(DATA, tmp_path / "ws")
    opportunities = tmp_path / "ws" / "opportunities.yaml"
    text_before = opportunities.read_bytes()
    at = _pick_single_channel_finding(start(monkeypatch, tmp_path / "ws", GAPS))
    _start_button(at).click()  # no "how might we" typed
    rerun(at)
    assert opportunities.read_bytes() == text_before
    [panel] = at.error
    assert panel.value == "Nothing was saved: 1 problem(s) to fix first."
    [where] = [shown_as(m) for m in texts(at.markdown) if m.startswith("**Error**")]
    assert where.startswith("Error · opportunities.yaml:") and where.endswith(
        ", field opportunities[6].how_might_we"
    )
    assert texts(at.text)[-1] == "String should have at least 1 character, got '' (value: '')"


def test_a_viewer_sees_no_form_only_the_yaml_to_paste(monkeypatch):
    from ple.signin import Person, Role
    from ple.ui import state

    viewer = Person("Vera Viewer", "vera@cx.agency.gov", Role.viewer, signed_in=True)
    monkeypatch.setattr(state, "person", lambda: viewer)
    at = _pick_single_channel_finding(start(monkeypatch, DATA, GAPS))
    assert not _start_buttons(at)
    assert any("Editors of the workspace's files can start" in m for m in texts(at.markdown))
    assert len(at.code) == 1  # the YAML to paste is still there
