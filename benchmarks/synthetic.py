"""Generate a synthetic workspace of J journeys x S steps for benchmarks and tests.

The shape imitates real journey maps: steps move forward in stages, about one in
five branches on a condition, agencies change every few steps (so handoffs of
every type appear, some undocumented), and the same data items are requested
again downstream, often with a pain point saying so. Output is deterministic for a
given seed.

Usage: python benchmarks/synthetic.py OUT_DIR [--journeys 100] [--steps 1000] [--seed 1]
                                     [--warnings]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import yaml

CHANNELS = ["online", "phone", "in_person", "mail", "email", "chat"]
LANGUAGES = ["en", "es", "zh", "vi", "ko", "tl", "ar", "fr"]
KINDS = ["fact", "document", "identity"]
HANDOFF_TYPES = ["automatic", "warm", "referral", "cold"]
STAGE_NAMES = ["learn", "prepare", "apply", "wait", "receive", "maintain"]
REPEAT_PAIN_SHARE = 0.6
"""Share of repeated requests that someone wrote down as a pain point; tuned so that
100 journeys x 1,000 steps come to about 33 MB, the size the benchmark goals name."""
WITHIN_AGENCY_HANDOFF_SHARE = 0.02
"""In the warning-carrying variant, the share of moves within one agency that carry a
``handoff`` anyway, which the loader warns about ("a handoff on a move within one
agency ... is ignored"): about 15 warnings in each 1,000-step journey. Real workspaces
carry warnings, and a warning must not take a file off the fast path."""


def catalog(agencies: int = 40, programs: int = 200, data_items: int = 60) -> dict:
    """A catalog of made-up agencies, programs and data items."""
    return {
        "agencies": [
            {"id": f"agency-{a}", "name": f"Agency {a}", "acronym": f"AG{a}", "hisp": a % 3 == 0}
            for a in range(agencies)
        ],
        "programs": [
            {"id": f"program-{p}", "name": f"Program {p}", "agency": f"agency-{p % agencies}"}
            for p in range(programs)
        ],
        "data_items": [
            {"id": f"item-{d}", "name": f"Data item {d}", "kind": KINDS[d % 3]}
            for d in range(data_items)
        ],
    }


def journey(index: int, steps: int, rng: random.Random, cat: dict, warnings: bool = False) -> dict:
    """One journey of ``steps`` steps with branching, handoffs and repeated requests;
    with ``warnings``, some moves within one agency carry a handoff the loader warns
    about."""
    n_agencies, n_programs = len(cat["agencies"]), len(cat["programs"])
    n_items = len(cat["data_items"])
    agency = rng.randrange(n_agencies)
    step_list = []
    first_asked: dict[str, str] = {}  # data item -> the step that first asked for it
    # Pain points draw from their own stream so that adding them left every other
    # value of the workspace as it was.
    extra = random.Random(f"pain-points-{index}")
    # The warnings draw from a stream of their own too: the clean variant stays
    # byte for byte what it was, and the two variants differ only in the warnings.
    warn = random.Random(f"warnings-{index}")
    per_stage = max(1, steps // len(STAGE_NAMES))
    for s in range(steps):
        if rng.random() < 0.25:
            agency = rng.randrange(n_agencies)
        program = rng.choice([p for p in range(agency, n_programs, n_agencies)] or [0])
        step: dict = {
            "id": f"s{s}",
            "name": f"Step {s} of journey {index}",
            "stage": STAGE_NAMES[min(s // per_stage, len(STAGE_NAMES) - 1)],
            "agency": f"agency-{agency}",
            "program": f"program-{program}",
            "channels": rng.sample(CHANNELS, rng.randint(1, 3)),
            "languages": rng.sample(LANGUAGES, rng.randint(1, 2)),
            "burden": {"minutes": rng.randint(5, 90), "wait_days": rng.randint(0, 30)},
            "requests": [f"item-{i}" for i in rng.sample(range(n_items), rng.randint(0, 3))],
            "sentiment": rng.randint(-2, 2),
        }
        repeated = [item for item in step["requests"] if item in first_asked]
        if repeated and extra.random() < REPEAT_PAIN_SHARE:
            item = repeated[0]
            step["pain_points"] = [f"Asked again for {item}, first given at {first_asked[item]}"]
        for item in step["requests"]:
            first_asked.setdefault(item, step["id"])
        step_list.append(step)
    for s, step in enumerate(step_list):
        if s == steps - 1:
            step["end"] = True
            continue
        targets = [s + 1]
        if rng.random() < 0.2 and s + 2 < steps:
            targets.append(rng.randint(s + 2, min(steps - 1, s + 20)))
        transitions = []
        for t in targets:
            transition: dict = {"to": f"s{t}"}
            if len(targets) > 1:
                transition["condition"] = f"Branch to step {t}"
            if step_list[t]["agency"] != step["agency"] and rng.random() < 0.8:
                transition["handoff"] = {
                    "type": rng.choice(HANDOFF_TYPES),
                    "shares": step["requests"][:1],
                }
            elif (
                warnings
                and step_list[t]["agency"] == step["agency"]
                and warn.random() < WITHIN_AGENCY_HANDOFF_SHARE
            ):
                transition["handoff"] = {"type": "warm"}
            transitions.append(transition)
        step["next"] = transitions
    return {
        "id": f"journey-{index}",
        "name": f"Synthetic journey {index}",
        "state": "current",
        "lead_agency": step_list[0]["agency"],
        "sources": ["synthetic"],
        "stages": [{"id": s, "name": s.title()} for s in STAGE_NAMES],
        "steps": step_list,
    }


def write_workspace(
    out: Path, journeys: int, steps: int, seed: int = 1, warnings: bool = False
) -> list[Path]:
    """Write ``catalog.yaml`` and one file per journey under ``out``; return the files.
    ``warnings`` writes the variant whose journeys carry warnings."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    cat = catalog()
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    written = [out / "catalog.yaml"]
    written[0].write_text(yaml.dump(cat, Dumper=dumper, sort_keys=False), encoding="utf-8")
    for j in range(journeys):
        path = out / "journeys" / f"journey-{j}.yaml"
        path.parent.mkdir(exist_ok=True)
        text = yaml.dump(
            journey(j, steps, rng, cat, warnings), Dumper=dumper, sort_keys=False, width=200
        )
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--journeys", type=int, default=100)
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--warnings", action="store_true", help="the variant whose journeys carry warnings"
    )
    args = parser.parse_args()
    files = write_workspace(args.out, args.journeys, args.steps, args.seed, args.warnings)
    size = sum(f.stat().st_size for f in files)
    print(f"wrote {len(files)} files, {size / 1e6:.1f} MB to {args.out}")


if __name__ == "__main__":
    main()
