"""The ``yaml`` export: one file with the journey and its catalog, read back by the loader
on its own."""

from __future__ import annotations

import pytest

from ple.export import export_journey
from ple.io import load_workspace
from tests.export.helpers import JOURNEYS


@pytest.mark.parametrize(("workspace", "journey_id"), JOURNEYS)
def test_the_file_is_a_workspace_by_itself(workspace, journey_id, request, tmp_path):
    ws = request.getfixturevalue(workspace)
    journey = ws.journeys[journey_id]
    target = tmp_path / f"{journey_id}.yaml"
    target.write_bytes(export_journey(ws, journey_id, "yaml")[0].data)
    result = load_workspace(target, use_cache=False)
    if journey.baseline is None:
        assert result.ok, [str(p) for p in result.problems]
    else:  # a future state names its baseline, which lives in the workspace it goes into
        assert [p.message.split(" (did you mean")[0] for p in result.errors] == [
            f"unknown journey {journey.baseline!r}"
        ]
    loaded = result.workspace or result.usable
    assert loaded.journeys.get(journey_id, journey) == journey
    for agency in loaded.agencies.values():
        assert agency == ws.agencies[agency.id]


def test_the_file_starts_with_the_journey_and_says_what_it_is(small_ws):
    text = export_journey(small_ws, "retirement", "yaml")[0].data.decode("utf-8")
    assert text.startswith(
        "# A journey and the catalog entries it names: a workspace by itself.\nid: retirement\n"
    )
    assert text.index("steps:") < text.index("agencies:") < text.index("data_items:")
