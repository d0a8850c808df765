"""The holdout check of issue 19: a journey file written by someone else, as JSON, with
its own catalog, blueprint rows, touchpoints and evidence on every kind of figure, loads,
renders in every picture format and reports evidence shares that add up to 100%."""

from __future__ import annotations

import json

import pytest

from ple.export import export_journey
from ple.io import load_workspace
from ple.metrics import metrics_report
from ple.metrics.evidence import EvidenceShares

OBSERVED = {"level": "observed", "sources": ["Usability sessions, 12 claimants, 2025"]}
REPORTED = {"level": "reported", "sources": ["State UI agency annual report"]}
ASSUMED = {"level": "assumed"}

JOURNEY = {
    "id": "losing-a-job",
    "name": "Losing a job",
    "volume": {
        "per_year": 250000,
        "source": "State UI agency annual report",
        "year": "2024",
        "evidence": REPORTED,
    },
    "agencies": [
        {"id": "state-ui", "name": "State unemployment insurance agency", "level": "state"},
        {"id": "dol", "name": "Department of Labor", "acronym": "DOL"},
        {"id": "employer", "name": "Former employer", "level": "private"},
    ],
    "touchpoints": [
        {
            "id": "ui-portal",
            "name": "UI claim portal",
            "kind": "portal",
            "channel": "online",
            "agency": "state-ui",
        },
        {
            "id": "ui-call",
            "name": "UI claims line",
            "kind": "call_centre",
            "channel": "phone",
            "agency": "state-ui",
        },
        {
            "id": "separation-notice",
            "name": "Separation notice",
            "kind": "letter",
            "agency": "employer",
        },
    ],
    "stages": [{"id": "file", "name": "File"}, {"id": "keep", "name": "Keep benefits"}],
    "steps": [
        {
            "id": "file-claim",
            "name": "File an unemployment claim",
            "stage": "file",
            "agency": "state-ui",
            "channels": ["online", "phone"],
            "touchpoints": ["ui-portal", "ui-call", "separation-notice"],
            "frontstage": [{"text": "Online claim form, or a claims agent by phone"}],
            "backstage": [
                {"text": "Wage records checked", "system": "State wage record file"},
                {"text": "Employer asked to confirm the separation", "agency": "employer"},
            ],
            "support": [
                {
                    "text": "Identity verified",
                    "agency": "dol",
                    "system": "Federal identity verification service",
                }
            ],
            "moment_that_matters": True,
            "moment_reason": "No income until the claim is filed and approved.",
            "evidence": OBSERVED,
            "burden": {"minutes": 55, "wait_days": 21, "evidence": OBSERVED},
            "burden_by_channel": {"phone": {"minutes": 90, "evidence": ASSUMED}},
            "measures": {"ease": 2.8, "evidence": REPORTED},
            "next": [
                {"to": "weekly-certification", "share": 0.8, "evidence": REPORTED},
                {"to": "appeal", "share": 0.2, "evidence": ASSUMED},
            ],
        },
        {
            "id": "weekly-certification",
            "name": "Certify every week",
            "stage": "keep",
            "agency": "state-ui",
            "burden": {"minutes": 10, "evidence": REPORTED},
            "end": True,
        },
        {
            "id": "appeal",
            "name": "Appeal a denial",
            "stage": "keep",
            "agency": "state-ui",
            "burden": {"minutes": 120, "wait_days": 45},
            "moment_that_matters": True,
            "moment_reason": "A denial stops every payment.",
            "end": True,
        },
    ],
}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("holdout")
    (folder / "losing-a-job.json").write_text(json.dumps(JOURNEY, indent=1), encoding="utf-8")
    result = load_workspace(folder)
    assert result.ok and not result.problems, [str(p) for p in result.problems]
    return result.workspace


def every_share(value) -> list[dict]:
    """Every evidence mix anywhere in a JSON report."""
    found = []
    if isinstance(value, dict):
        if set(value) == {"amounts", "shares", "percent", "basis"}:
            found.append(value)
        for inner in value.values():
            found += every_share(inner)
    elif isinstance(value, list):
        for inner in value:
            found += every_share(inner)
    return found


def test_it_loads_and_renders_in_every_picture_format(workspace):
    for fmt in ("svg", "pdf", "blueprint-svg", "blueprint-pdf", "blueprint-png", "xlsx"):
        [artifact] = export_journey(workspace, "losing-a-job", fmt)
        assert artifact.data, fmt
    svg = export_journey(workspace, "losing-a-job", "blueprint-svg")[0].data.decode("utf-8")
    for words in ("Wage records checked", "Former employer:", "★ 2", "UI claims line"):
        assert words in svg.replace("\n", " "), words


def test_it_renders_in_the_apps_blueprint_mode(workspace):
    from ple.views.blueprint import blueprint_html, blueprint_layout

    html = blueprint_html(blueprint_layout(workspace, "losing-a-job"))
    for words in (
        "Wage records checked",
        "Former employer:",
        "★ 2",
        "UI claims line",
        "Evidence: observed",
    ):
        assert words in html, words


def test_every_evidence_mix_adds_up_to_100_percent(workspace):
    rows = metrics_report(workspace, "losing-a-job")
    mixes = [m for row in rows for m in every_share(row.to_dict())]
    assert len(mixes) > 10
    for mix in mixes:
        if mix["basis"] != "none":
            assert sum(mix["percent"].values()) == 100, mix
            assert sum(mix["shares"].values()) == pytest.approx(1)
    minutes = rows[0].burden.evidence["minutes"]
    assert isinstance(minutes, EvidenceShares)
    # 55 observed, 10 reported, 120 with nothing said (unknown, never assumed) of 185
    assert minutes.percent == {"observed": 30, "reported": 5, "assumed": 0, "unknown": 65}
    assert rows[0].time_tax.volume_evidence == "reported"
