"""Fuzzing the exporters: journeys in the shapes that once stopped an export (the seeds
``corpus/export-*.yaml``), their text replaced by generated hostile text and their moves
rewired, go through every registered format. Each export writes its files (pictures
that their readers recognise) or is refused with a message; nothing else, never an
exception of another kind.

The number of examples per format is small so the suite stays quick
(``PLE_FUZZ_EXPORT_EXAMPLES`` raises it); a failing example is shrunk by hypothesis and
printed, ready to become a seed.
"""

from __future__ import annotations

import copy
import io
import os
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ple.export import ExportRefused, all_exporters, export_journey
from ple.io import load_workspace
from tests.conftest import CATALOG

CORPUS = Path(__file__).parent / "corpus"
SEEDS = {
    p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
    for p in sorted(CORPUS.glob("export-*.yaml"))
}
HANDOFF_TYPES = ["automatic", "warm", "referral", "cold"]

AWKWARD = [
    "\u202e",
    "\u202d",
    "\u2066",
    "\u2069",
    "\u200e",
    "\u200b",
    "\u200c",
    "\u200d",
    "\ufeff",
    "\u00ad",
    "\u2060",
    "\U0001d400",
    "\U0001d41a",
    "\U0001d7ce",
    "\u4e2d",
    "\u0627",
    "\u0644",
    "\u05d0",
    "\u0301",
    "\U0001f600",
    "\ue000",
    "\u0378",
    "\t",
    "\n",
    "\x07",
    "\x1b",
    "\x7f",
    "\x85",
    "\u2028",
    "\u00a0",
    "$",
    "<",
    "&",
    '"',
    "|",
    "#",
    ">",
    "%",
    ";",
    " ",
]
"""Characters that have stopped a renderer or broken a format: bidirectional and
zero-width ones, letters DejaVu Sans lacks, a combining accent, control characters,
line separators and markup."""

TEXT = st.text(
    alphabet=st.sampled_from(AWKWARD) | st.characters(exclude_categories=["Cs"]),
    min_size=1,
    max_size=60,
) | st.text(alphabet="xyz ", min_size=200, max_size=3_000)


@st.composite
def journeys(draw: st.DrawFn) -> dict[str, Any]:
    """A seed journey with some of its text replaced and some of its moves rewired."""
    journey = copy.deepcopy(SEEDS[draw(st.sampled_from(sorted(SEEDS)))])
    for field in ("name", "trigger", "outcome"):
        if draw(st.booleans()):
            journey[field] = draw(TEXT)
    ids = [step["id"] for step in journey["steps"]]
    for step in journey["steps"]:
        if draw(st.integers(0, 2)) == 0:
            step["name"] = draw(TEXT)
        if draw(st.integers(0, 3)) == 0:
            step["pain_points"] = draw(st.lists(TEXT, max_size=3))
        if draw(st.integers(0, 3)) == 0:
            targets = draw(st.lists(st.sampled_from(ids), max_size=5, unique=True))
            step["next"] = [
                {
                    "to": target,
                    **(
                        {"handoff": {"type": draw(st.sampled_from(HANDOFF_TYPES))}}
                        if draw(st.booleans())
                        else {}
                    ),
                }
                for target in targets
                if target != step["id"]
            ]
            if step["next"]:
                step.pop("end", None)
            else:
                step.pop("next")
                step["end"] = True
    return journey


EXAMPLES = int(os.environ.get("PLE_FUZZ_EXPORT_EXAMPLES", "5"))
"""Examples per format: about half a second each for a picture."""

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)


def readable(fmt: str, data: bytes) -> None:
    """The file is what its format says, to a reader that knows the format."""
    if fmt == "svg":
        assert ET.fromstring(data).tag == "{http://www.w3.org/2000/svg}svg"
    elif fmt == "png":
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
    elif fmt == "pdf":
        assert data.startswith(b"%PDF-") and b"%%EOF" in data[-64:]
    elif fmt == "xlsx":
        assert "xl/workbook.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist()


@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.parametrize("fmt", sorted(all_exporters()))
@FUZZ
@given(journey=journeys())
def test_every_format_writes_or_refuses_with_a_message(fmt: str, journey: dict) -> None:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "catalog.yaml").write_text(CATALOG, encoding="utf-8")
        (Path(folder) / "journey.yaml").write_text(
            yaml.safe_dump(journey, allow_unicode=True), encoding="utf-8"
        )
        loaded = load_workspace(folder, use_cache=False)
    assume(loaded.ok)
    try:
        artifacts = export_journey(loaded.workspace, journey["id"], fmt)
    except ExportRefused as refused:
        assert str(refused).startswith(f"journey {journey['id']!r} as {fmt}: ")
        return
    assert artifacts and all(artifact.data for artifact in artifacts)
    readable(fmt, artifacts[0].data)
