"""A long journey's printed map folded into bands: every step once, every move between
bands as two named ends, no line from one band into another, and the short maps untouched."""

from __future__ import annotations

import pytest

from ple.diagram.bands import ENTRY, EXIT, FoldedLayout, column_ranges, cut_candidates
from ple.diagram.grid import grid
from ple.diagram.sketch import JourneySketch, sketch_journey
from ple.diagram.swimlane import SwimlaneLayout
from ple.export.formats.swimlane import BOX_WIDTHS, print_layout
from ple.io import load_workspace
from tests.conftest import DATA, ROOT

BENEFIT_FINDER = load_workspace(ROOT / "data-benefit-finder").workspace
LONG = ["disability", "death-of-a-loved-one"]


def sketch_of(journey_id: str) -> JourneySketch:
    return sketch_journey(BENEFIT_FINDER, BENEFIT_FINDER.journeys[journey_id])


@pytest.fixture(scope="module", params=LONG)
def folded(request: pytest.FixtureRequest) -> tuple[JourneySketch, FoldedLayout]:
    sketch = sketch_of(request.param)
    layout = print_layout(sketch)
    assert isinstance(layout, FoldedLayout)
    return sketch, layout


def test_the_long_benefit_finder_maps_fold_into_bands_of_normal_boxes(folded) -> None:
    _, layout = folded
    assert 2 <= len(layout.bands) <= 3
    assert layout.box_w >= BOX_WIDTHS[0]
    for band in layout.bands:
        assert all(box.w >= BOX_WIDTHS[0] for box in band.boxes.values())


def test_every_step_is_a_box_in_exactly_one_band(folded) -> None:
    sketch, layout = folded
    seen = [step_id for band in layout.bands for step_id in band.boxes]
    steps = [step_id for step_id in seen if step_id not in layout.connectors]
    assert sorted(steps) == sorted(step.id for step in sketch.steps)


def test_every_band_repeats_every_lane_with_its_title(folded) -> None:
    sketch, layout = folded
    for band in layout.bands:
        assert [lane.agency for lane in band.lanes] == [lane.agency for lane in sketch.lanes]
        assert all(lane.label_lines for lane in band.lanes)


def test_bands_are_cut_between_columns_and_keep_the_stage_order(folded) -> None:
    sketch, layout = folded
    names = [name for band in layout.bands for name in (s.lines for s in band.stages)]
    assert names
    stage_ids = [stage.id for band in layout.bands for stage in band.stages]
    assert [s for i, s in enumerate(stage_ids) if i == 0 or stage_ids[i - 1] != s] == [
        stage.id for stage in grid(sketch).stages
    ]


def band_of(layout: FoldedLayout, step_id: str) -> int:
    return next(i for i, band in enumerate(layout.bands) if step_id in band.boxes)


def test_each_move_between_bands_has_two_named_ends(folded) -> None:
    sketch, layout = folded
    names = {step.id: step.name for step in sketch.steps}
    crossing = [
        (step.id, move.to)
        for step in sketch.steps
        for move in step.next
        if band_of(layout, step.id) != band_of(layout, move.to)
    ]
    assert crossing, "a folded Benefit Finder map has moves between its bands"
    for source, target in crossing:
        ends = {c.side: c for c in layout.connectors.values() if c.move == (source, target)}
        assert set(ends) == {EXIT, ENTRY}
        exit_, entry = ends[EXIT], ends[ENTRY]
        out_band = layout.bands[exit_.band]
        in_band = layout.bands[entry.band]
        assert exit_.band == band_of(layout, source) and entry.band == band_of(layout, target)
        exit_words = " ".join(out_band.boxes[exit_.id].lines)
        entry_words = " ".join(in_band.boxes[entry.id].lines)
        assert f"band {entry.band + 1}" in exit_words and names[target][:12] in exit_words
        assert f"band {exit_.band + 1}" in entry_words and names[source][:12] in entry_words
        # The arrows: the step into its exit box, the entry box into the step.
        assert any(
            r.source.step.id == source and r.target.step.id == exit_.id for r in out_band.routes
        )
        assert any(
            r.source.step.id == entry.id and r.target.step.id == target for r in in_band.routes
        )
        # Exits at the band's right edge, entries at its left.
        assert out_band.boxes[exit_.id].column == out_band.columns - 1
        assert in_band.boxes[entry.id].column == 0


def test_no_line_runs_from_one_band_into_another(folded) -> None:
    _, layout = folded
    bottoms = [band.sentiment_bottom for band in layout.bands]
    tops = [band.lanes_top for band in layout.bands]
    assert all(bottom < top for bottom, top in zip(bottoms, tops[1:], strict=False))
    for band in layout.bands:
        for route in band.routes:
            assert route.source.step.id in band.boxes and route.target.step.id in band.boxes
            for _, y in route.points:
                assert band.lanes_top <= y <= band.lanes_bottom


def test_pain_points_are_numbered_once_for_the_page(folded) -> None:
    sketch, layout = folded
    numbers = [n for band in layout.bands for box in band.boxes.values() for n in box.notes]
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(layout.pain_points) == sum(len(step.pain_points) for step in sketch.steps)


@pytest.mark.parametrize("journey_id", sorted(load_workspace(DATA).workspace.journeys))
def test_the_bundled_maps_keep_their_one_band(journey_id: str) -> None:
    workspace = load_workspace(DATA).workspace
    layout = print_layout(sketch_journey(workspace, workspace.journeys[journey_id]))
    assert isinstance(layout, SwimlaneLayout)


def test_cuts_prefer_stage_boundaries_and_cut_a_stage_only_when_it_is_too_wide() -> None:
    cells = grid(sketch_of("disability"))
    candidates = cut_candidates(cells, 2)
    boundaries = {stage.first for stage in cells.stages}
    assert set(candidates[0]) <= boundaries
    assert column_ranges(cells.columns, (3, 7)) == [(0, 2), (3, 6), (7, cells.columns - 1)]


def chain(steps: int, stages: int, back: bool) -> JourneySketch:
    """A chain of ``steps`` steps over three agencies in ``stages`` stages (none when 0),
    the last step leading back to the first when ``back``."""
    from ple.diagram.sketch import Lane, Move, StepSketch

    agencies = ["ssa", "va", "irs"]
    per_stage = -(-steps // stages) if stages else steps
    sketched = []
    for i in range(steps):
        following = [Move(f"s{i + 1}", "cold")] if i + 1 < steps else []
        if back and i + 1 == steps:
            following.append(Move("s0", "warm"))
        sketched.append(
            StepSketch(
                f"s{i}",
                f"Step {i} of the chain",
                agencies[i % 3],
                stage=f"stage{i // per_stage}" if stages else "",
                next=tuple(following),
            )
        )
    return JourneySketch(
        "chain",
        "A long chain",
        tuple(sketched),
        tuple(
            Lane(a, a.upper(), a.upper(), c)
            for a, c in zip(agencies, ["#0072B2", "#009E73", "#D55E00"], strict=True)
        ),
        tuple((f"stage{k}", f"Stage {k}") for k in range(stages)),
        entry=("s0",),
    )


@pytest.mark.parametrize("stages", [0, 6])
def test_a_long_chain_folds_and_a_move_back_says_it_goes_back(stages: int) -> None:
    layout = print_layout(chain(36, stages, back=True))
    assert isinstance(layout, FoldedLayout)
    back = [c for c in layout.connectors.values() if c.move == ("s35", "s0")]
    assert {c.side for c in back} == {EXIT, ENTRY}
    exit_ = next(c for c in back if c.side == EXIT)
    words = " ".join(layout.bands[exit_.band].boxes[exit_.id].lines)
    assert words.startswith("Goes back to band 1") and "(warm handoff)" in words
    if not stages:
        assert all(not band.stages for band in layout.bands)


def test_a_chain_that_fits_a2_keeps_its_one_band() -> None:
    assert isinstance(print_layout(chain(8, 2, back=False)), SwimlaneLayout)
