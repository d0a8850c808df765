"""``ple import hisp-cx``: A-11 quarterly survey means as step measures."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from ple.cli.main import cli
from ple.gaps.analyze import analyze
from ple.importers.hisp_cx import apply_measures, read_cx
from ple.io import load_workspace
from tests.conftest import DATA, ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "cx-sample.csv"
MAP = ROOT / "docs" / "examples" / "hisp-cx-map.yaml"
DATASETS = Path(__file__).resolve().parents[2].parent / "shared" / "datasets"
FULL = DATASETS / "hisp-cx-data" / "cx-quarterly-reporting.csv"


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def write_map(path: Path, entries: list[dict]) -> Path:
    path.write_text(yaml.safe_dump(entries), encoding="utf-8")
    return path


def test_fixture_rows_are_read():
    with FIXTURE.open(encoding="utf-8", newline="") as stream:
        assert len(read_cx(FIXTURE)) == sum(1 for _ in csv.DictReader(stream)) == 20


def test_latest_quarter_means_reproduce_the_hand_entered_measures(tmp_path):
    """The bundled register-fema step carries FEMA's FY2023 Q1 means; the importer must
    compute the same numbers from the rows, and keep comments elsewhere in the file."""
    mapping = write_map(
        tmp_path / "map.yaml",
        [
            {
                "journey": "recovering-from-a-disaster",
                "step": "register-fema",
                "service_provider": "Federal Emergency Management Agency",
                "service": "disaster assistance",
            }
        ],
    )
    result = apply_measures(DATA, mapping, FIXTURE, tmp_path / "out")
    assert [a.period for a in result.attached] == ["FY2023 Q1"]
    out = load_workspace(tmp_path / "out", use_cache=False)
    assert out.ok
    before = load_workspace(DATA).workspace.journeys["recovering-from-a-disaster"]
    after = out.workspace.journeys["recovering-from-a-disaster"]
    assert after.step("register-fema").measures == before.step("register-fema").measures
    assert "530 respondents" in after.step("register-fema").notes
    assert "channel computer" in after.step("register-fema").notes
    original = (DATA / "ples" / "recovering-from-a-disaster.yaml").read_text(encoding="utf-8")
    written = (tmp_path / "out" / "ples" / "recovering-from-a-disaster.yaml").read_text(
        encoding="utf-8"
    )
    comments = [line for line in original.splitlines() if line.lstrip().startswith("#")]
    assert all(line in written.splitlines() for line in comments)


def test_bundled_mapping_reproduces_all_five_measured_steps(tmp_path):
    result = apply_measures(DATA, MAP, FULL if FULL.exists() else FIXTURE, tmp_path / "out")
    before = load_workspace(DATA).workspace
    after = load_workspace(tmp_path / "out", use_cache=False).workspace
    for attached in result.attached:
        journey, step = attached.entry.journey, attached.entry.step
        assert (
            after.journeys[journey].step(step).measures
            == before.journeys[journey].step(step).measures
        )
    if FULL.exists():
        assert len(result.attached) == 5


def test_imported_scores_feed_low_score_and_unmeasured_touchpoint(tmp_path):
    workspace = load_workspace(DATA).workspace
    unmeasured = analyze(workspace, rules=["unmeasured-touchpoint"]).findings
    assert unmeasured
    target = unmeasured[0]
    mapping = write_map(
        tmp_path / "map.yaml",
        [
            {
                "journey": target.journey,
                "step": target.step,
                "service_provider": "Federal Emergency Management Agency",
                "service": "Applying for disaster assistance",
                "channel": "mixed",
            },  # FY2022 Q3
            {
                "journey": target.journey,
                "step": "no-such-step",
                "service_provider": "x",
                "service": "y",
            },
            {
                "journey": target.journey,
                "step": target.step,
                "service_provider": "Nobody",
                "service": "Nothing",
            },
        ],
    )
    result = run(
        "import",
        "hisp-cx",
        str(FIXTURE),
        "--map",
        str(mapping),
        "--workspace",
        str(DATA),
        "-o",
        str(tmp_path / "out"),
    )
    assert result.exit_code == 0, result.output
    assert "unknown step 'no-such-step'" in result.stderr
    assert "no CX rows match 'Nobody'" in result.stderr
    after = load_workspace(tmp_path / "out", use_cache=False).workspace
    measures = after.journeys[target.journey].step(target.step).measures
    assert measures.satisfaction == 2.95 and measures.effectiveness == 2.74
    low = analyze(after, journeys=[target.journey], rules=["low-score"]).findings
    assert any(f.step == target.step for f in low)
    still = analyze(after, rules=["unmeasured-touchpoint"]).findings
    assert (target.journey, target.step) not in {(f.journey, f.step) for f in still}


def test_cli_exit_codes(tmp_path):
    mapping = write_map(
        tmp_path / "map.yaml",
        [
            {
                "journey": "recovering-from-a-disaster",
                "step": "register-fema",
                "service_provider": "Nobody",
                "service": "Nothing",
            }
        ],
    )
    base = ["import", "hisp-cx", str(FIXTURE), "--workspace", str(DATA)]
    assert run(*base, "--map", str(mapping)).exit_code == 2  # neither -o nor --in-place
    assert run(*base, "--map", str(mapping), "-o", str(tmp_path / "o")).exit_code == 1
    assert (
        run(*base, "--map", str(tmp_path / "none.yaml"), "-o", str(tmp_path / "o")).exit_code == 1
    )


def test_in_place_edits_only_the_mapped_step(tmp_path):
    target = tmp_path / "ws"
    shutil.copytree(DATA, target)
    result = run(
        "import",
        "hisp-cx",
        str(FIXTURE),
        "--map",
        str(MAP),
        "--workspace",
        str(target),
        "--in-place",
    )
    assert result.exit_code == 0, result.output
    assert load_workspace(target, use_cache=False).ok
    unchanged = (DATA / "ples" / "losing-a-loved-one.yaml").read_bytes()
    assert (target / "ples" / "losing-a-loved-one.yaml").read_bytes() == unchanged


@pytest.mark.skipif(not FULL.exists(), reason="../shared/datasets is not present")
def test_full_set_row_count():
    assert len(read_cx(FULL)) == 481
