"""Golden files: the text exports of tests/fixtures/small's ``retirement`` journey,
compared byte for byte with tests/export/golden/, and the exports' determinism.

When a change to an export is intended, rewrite the golden files and review the diff:

    PLE_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/export/test_golden.py
    git diff tests/export/golden/
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ple.export import EXPORTERS, all_exporters, artifact_name, export_journey
from ple.model import Workspace
from tests.conftest import ROOT
from tests.export.helpers import TEXT_FORMATS

GOLDEN = Path(__file__).resolve().parent / "golden"
GOLDEN_FORMATS = ["mermaid", "drawio", "graphml", "json", "csv", "md"]
UPDATE = os.environ.get("PLE_UPDATE_GOLDEN") == "1"


@pytest.fixture
def without_png(monkeypatch: pytest.MonkeyPatch) -> None:
    """The brief links the swimlane PNG only when a ``png`` exporter is available; the
    golden brief is the one without it, so it does not depend on what is installed
    (test_brief.py covers the linked picture)."""
    all_exporters()
    monkeypatch.delitem(EXPORTERS, "png", raising=False)


@pytest.mark.usefixtures("without_png")
@pytest.mark.parametrize("fmt", GOLDEN_FORMATS)
def test_matches_the_golden_file(fmt: str, small_ws: Workspace) -> None:
    artifacts = export_journey(small_ws, "retirement", fmt)
    assert artifacts
    for artifact in artifacts:
        golden = GOLDEN / artifact_name(artifact, "retirement")
        if UPDATE:
            golden.write_bytes(artifact.data)
        assert golden.exists(), f"no golden file {golden.name}: run with PLE_UPDATE_GOLDEN=1"
        assert artifact.data == golden.read_bytes(), (
            f"{golden.name} differs from the export; if the change is intended, "
            "rewrite it with PLE_UPDATE_GOLDEN=1 and review the diff"
        )


def test_every_golden_file_is_an_export(small_ws: Workspace) -> None:
    """No stale golden file is left behind when an export stops writing one."""
    names = {
        artifact_name(a, "retirement")
        for fmt in GOLDEN_FORMATS
        for a in export_journey(small_ws, "retirement", fmt)
        if a.filename is None
    }
    extensions = {all_exporters()[fmt].extension for fmt in GOLDEN_FORMATS}
    assert {p.name for p in GOLDEN.iterdir() if p.suffix in extensions} == names


@pytest.mark.usefixtures("without_png")
@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_the_same_export_twice_is_the_same(fmt: str, small_ws, bundled_ws) -> None:
    for workspace in (small_ws, bundled_ws):
        for journey_id in workspace.journeys:
            first = export_journey(workspace, journey_id, fmt)
            assert export_journey(workspace, journey_id, fmt) == first, (journey_id, fmt)


DIGESTS = """
import hashlib
from ple.export import EXPORTERS, all_exporters, artifact_name, export_journey
from tests.export.helpers import TEXT_FORMATS, load_bundled, load_small
all_exporters()
EXPORTERS.pop("png", None)  # the brief's picture has its own tests; it is slow
for workspace in (load_small(), load_bundled()):
    for journey_id in workspace.journeys:
        for fmt in TEXT_FORMATS:
            for artifact in export_journey(workspace, journey_id, fmt):
                name = artifact_name(artifact, journey_id)
                print(name, hashlib.sha256(artifact.data).hexdigest())
"""


def test_the_export_does_not_depend_on_the_hash_seed() -> None:
    """Python salts string hashes per process, so anything that follows a set's order
    (networkx subgraph views do, for small subgraphs) differs between runs. Two
    processes with different seeds must write the same bytes."""
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", DIGESTS],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)},
        )
        for seed in ("1", "2")
    ]
    outputs = []
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
        outputs.append(out.splitlines())
    assert len(outputs[0]) > 50
    assert outputs[0] == outputs[1], sorted(set(outputs[0]) ^ set(outputs[1]))
