"""Time the editing library on synthetic workspaces: what the Edit page does per edit and
per save, and the spreadsheet round trip of one journey.

Usage: python benchmarks/edit.py [--sizes 20x500,100x1000] [--repeats 3] [--json]

For each size (journeys x steps), in a fresh temporary workspace with a warm cache:

- open: one journey as tables (its file known from the loaded workspace, as on the page);
- review: the check that runs after each edit (the whole workspace loaded with the edited
  file's content in place), after one cell changed;
- save: the minimal-diff YAML text, the full check of that text, the history copy, the
  atomic write and the line recording who saved, for a one-cell change;
- xlsx: the journey exported as a workbook and read back.

Medians of the repeats. A script that reports, not a test that fails; figures go to
docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import synthetic  # noqa: E402

from ple.edit import journey as edit_journey  # noqa: E402
from ple.edit.places import Place  # noqa: E402
from ple.export import export_journey  # noqa: E402
from ple.importers.xlsx import read_workbook_bytes  # noqa: E402
from ple.io import load_workspace  # noqa: E402
from ple.signin import local_person  # noqa: E402


def timed(action, *args) -> tuple[float, object]:
    start = time.perf_counter()
    result = action(*args)
    return time.perf_counter() - start, result


def round_trip(workspace, journey_id: str) -> object:
    data = export_journey(workspace, journey_id, "xlsx")[0].data
    return read_workbook_bytes(data, "book.xlsx")


def measure(journeys: int, steps: int, repeats: int) -> dict:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "ws"
        synthetic.write_workspace(root, journeys, steps)
        load_workspace(root)  # fills the cache
        before = load_workspace(root)
        journey_id = sorted(before.workspace.journeys)[0]
        origin = before.workspace.origins[("journeys", journey_id)]
        place = Place(Path(origin.file), origin.path)
        figures: dict[str, list[float]] = {"open": [], "review": [], "save": [], "xlsx": []}
        for repeat in range(repeats):
            seconds, edit = timed(edit_journey.open_journey, root, journey_id, place)
            figures["open"].append(seconds)
            edit.tables["Steps"][0]["name"] = f"Renamed {repeat}"
            figures["review"].append(timed(edit_journey.review, edit, before)[0])
            start = time.perf_counter()
            saved = edit_journey.save(edit, before, by=local_person())
            seconds = time.perf_counter() - start
            assert saved.outcome.value == "saved", saved.message
            figures["save"].append(seconds)
            before = load_workspace(root)
            figures["xlsx"].append(timed(round_trip, before.workspace, journey_id)[0])
        size = (root / "journeys" / f"{journey_id}.yaml").stat().st_size
    return {
        "journeys": journeys,
        "steps": steps,
        "file_kb": round(size / 1024),
        **{k: round(statistics.median(v), 3) for k, v in figures.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20x500,100x1000")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = [measure(*map(int, size.split("x")), args.repeats) for size in args.sizes.split(",")]
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print("journeys x steps   file    open  review    save  xlsx round trip")
    for row in rows:
        print(
            f"{row['journeys']:>8} x {row['steps']:<5} {row['file_kb']:>4} KB "
            f"{row['open']:>6.2f}s {row['review']:>6.2f}s {row['save']:>6.2f}s "
            f"{row['xlsx']:>6.2f}s"
        )


if __name__ == "__main__":
    main()
