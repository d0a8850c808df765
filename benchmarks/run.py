"""Time loading a large synthetic workspace against merely parsing it with PyYAML.

Usage: python benchmarks/run.py [--journeys 100] [--steps 1000] [--repeats 3]
                                [--variant clean|warnings|both] [--out DIR] [--json]
                                [--no-cli] [--no-growth]

The runner writes a workspace of J journeys x S steps (and one of J x S/2 for the
growth check), in two variants: ``clean``, and ``warnings``, whose journeys carry
warnings as real workspaces do (a handoff on a move within one agency). For each
variant it measures, each in a fresh subprocess:

(a) the baseline: parsing every file with ``yaml.load(..., Loader=yaml.CSafeLoader)``;
(b) a cold load: ``load_workspace`` + validation + ``build_graph`` with an empty cache;
(c) a warm load: the same with the cache that (b) filled;
(d) the ``ple validate`` command, cold and warm, timed as whole processes;
(e) (a), (b) and (c) at half the steps, to check that the cost grows linearly.

Why subprocesses: a second load in the same interpreter would find modules
imported, the cycle collector frozen (the first load freezes what it creates) and
memory already grown, so it would measure a situation no user is in. A fresh
process per measurement also makes its peak RSS (``ru_maxrss`` from ``wait4``)
belong to that measurement alone.

Why ratios: the machines this runs on are shared and their speed varies from
minute to minute, so absolute seconds say little. Every round measures the
baseline and the loads one after another, and the goals are stated as ratios
to the baseline of the same run; medians of the rounds damp the rest.

Goals (from the issues): cold <= 0.5x the parse, warm <= 0.1x, 2x the steps
costs <= 2.2x the time, for the library and for the ``ple validate`` process, on
any valid workspace: with warnings as well as without. The growth check runs on the
clean variant (on the warnings variant too when it is the only one asked for).
This is a script that reports, not a test that fails.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

# Only the standard library is imported here: the same file runs as the worker
# process, and the worker must time the imports of yaml and ple itself.

COLD_GOAL = 0.5
"""Cold load time / parse time, at most."""
WARM_GOAL = 0.1
"""Warm load time / parse time, at most."""
GROWTH_GOAL = 2.2
"""Time at 2x the steps / time at 1x, at most."""

YAML_SUFFIXES = (".yaml", ".yml")


# --- the worker: runs inside the measured subprocess ---------------------------------


def _max_rss_bytes() -> int:
    """Peak resident memory of this process so far (ru_maxrss is KB on Linux, bytes on macOS)."""
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def _yaml_files(root: Path) -> list[Path]:
    """The workspace's YAML files in a stable order, found without importing ple."""
    return sorted(p for p in root.rglob("*") if p.suffix.lower() in YAML_SUFFIXES)


def worker_parse(root: Path) -> dict[str, Any]:
    """Parse every file with PyYAML's C loader and drop each value once parsed.

    Dropping the values keeps this the cheapest honest parse: holding all of them
    makes Python's cycle collector rescan them and roughly doubles the time, which
    would flatter the loader. Files are read as bytes, which PyYAML's C reader
    decodes itself.
    """
    started = time.perf_counter()
    import yaml

    imported = time.perf_counter()
    rss_imported = _max_rss_bytes()
    nodes = 0
    for file in _yaml_files(root):
        value = yaml.load(file.read_bytes(), Loader=yaml.CSafeLoader)
        nodes += len(value) if isinstance(value, dict) else 1
    done = time.perf_counter()
    return {
        "import_s": imported - started,
        "seconds": done - imported,
        "rss_after_import": rss_imported,
        "peak_rss": _max_rss_bytes(),
        "top_level_keys": nodes,
    }


def worker_load(root: Path) -> dict[str, Any]:
    """Load, validate and build the graph, timing each phase; the cache comes from the env."""
    started = time.perf_counter()
    from ple.graph import build_graph
    from ple.io import load_workspace

    imported = time.perf_counter()
    rss_imported = _max_rss_bytes()
    result = load_workspace(root)
    loaded = time.perf_counter()
    if not result.ok or result.workspace is None:
        for problem in result.problems[:10]:
            print(problem, file=sys.stderr)
        raise SystemExit(f"{root}: the workspace is not valid; nothing to time")
    graph = build_graph(result.workspace)
    done = time.perf_counter()
    return {
        "import_s": imported - started,
        "load_s": loaded - imported,
        "graph_s": done - loaded,
        "seconds": done - imported,
        "rss_after_import": rss_imported,
        "peak_rss": _max_rss_bytes(),
        "steps": sum(len(j.steps) for j in result.workspace.journeys.values()),
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
    }


WORKERS: dict[str, Callable[[Path], dict[str, Any]]] = {
    "parse": worker_parse,
    "load": worker_load,
}


# --- the runner: starts processes and reports ----------------------------------------


@dataclass
class Sample:
    """One measured process: wall clock from the parent, peak RSS from wait4, and
    whatever the worker reported about itself (empty for the CLI)."""

    wall_s: float
    peak_rss: int
    user_s: float = 0.0
    """CPU time in Python and C code. When wall time grows but this does not, the
    process was waiting for a core or for the kernel, not doing more work."""
    sys_s: float = 0.0
    """CPU time in the kernel, mostly page faults while the heap grows; on virtual
    machines whose memory the host hands out lazily it grows faster than the heap."""
    inner: dict[str, Any] = field(default_factory=dict)

    @property
    def seconds(self) -> float:
        """The in-process time when the worker reported one, else the whole process's."""
        return float(self.inner.get("seconds", self.wall_s))


def spawn(command: list[str], env: dict[str, str]) -> tuple[Sample, str]:
    """Run ``command`` to completion and return its sample and stdout.

    ``os.wait4`` gives the resource usage of exactly this child, so peak memory is
    per measurement (``RUSAGE_CHILDREN`` would be the maximum over every child so far).
    """
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, env=env)
        assert process.stdout is not None
        output = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        process.stdout.close()
        if process.returncode != 0:
            errors.seek(0)
            message = errors.read().decode(errors="replace")[-3000:]
            raise RuntimeError(f"{' '.join(command)} exited {process.returncode}:\n{message}")
    peak = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024
    return Sample(wall, peak, usage.ru_utime, usage.ru_stime), output.decode()


def run_worker(kind: str, root: Path, env: dict[str, str]) -> Sample:
    """Measure one worker process of ``kind`` on the workspace at ``root``."""
    sample, output = spawn([sys.executable, __file__, "--worker", kind, str(root)], env)
    sample.inner = json.loads(output.strip().splitlines()[-1])
    return sample


def cli_command() -> list[str]:
    """The installed ``ple`` script next to this interpreter, else ``python -m ple``."""
    script = Path(sys.executable).with_name("ple")
    return [str(script)] if script.exists() else [sys.executable, "-m", "ple"]


def cache_entries(cache: Path) -> int:
    """How many entries the cache holds, to check that a warm run found it full."""
    return sum(1 for _ in cache.rglob("*.pickle")) if cache.exists() else 0


@dataclass
class Workspace:
    """A generated workspace and its size."""

    journeys: int
    steps: int
    path: Path
    files: int
    bytes: int

    @property
    def total_steps(self) -> int:
        return self.journeys * self.steps


VARIANTS = ("clean", "warnings")
"""The synthetic workspace as generated, and with journeys that carry warnings."""


def generate(journeys: int, steps: int, out: Path, warnings: bool = False) -> Workspace:
    """Write the synthetic workspace (deterministic, seed 1) and measure its size."""
    here = str(Path(__file__).parent)
    if here not in sys.path:
        sys.path.insert(0, here)
    from synthetic import write_workspace

    if out.exists():
        shutil.rmtree(out)
    files = write_workspace(out, journeys, steps, seed=1, warnings=warnings)
    size = sum(f.stat().st_size for f in files)
    return Workspace(journeys, steps, out, len(files), size)


@dataclass
class Runner:
    """Runs the rounds; each round measures everything once, so slow minutes of a
    shared machine hit the baseline and the loads alike."""

    scratch: Path
    env: dict[str, str]
    use_cli: bool
    samples: dict[str, list[Sample]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    _caches: int = 0

    def record(self, name: str, sample: Sample) -> None:
        self.samples.setdefault(name, []).append(sample)

    def fresh_cache(self) -> Path:
        self._caches += 1
        return self.scratch / f"cache-{self._caches}"

    def with_cache(self, cache: Path) -> dict[str, str]:
        env = dict(self.env)
        env["PLE_CACHE_DIR"] = str(cache)
        env.pop("PLE_NO_CACHE", None)
        return env

    def warm_check(self, name: str, cache: Path, before: int) -> None:
        after = cache_entries(cache)
        if before == 0 or after != before:
            self.warnings.append(
                f"{name}: the cache went from {before} to {after} entries during the warm "
                "run, so it was not fully warm (was ple's model code edited during the run?)"
            )

    def load_round(self, workspaces: dict[str, Workspace]) -> None:
        """Cold loads of every workspace into fresh caches, then warm loads from them.

        The full and half-size runs of a kind follow each other, so the pair whose
        ratio is the growth check sees the same minute of a shared machine.
        """
        caches = {prefix: self.fresh_cache() for prefix in workspaces}
        filled = {}
        for prefix, ws in workspaces.items():
            env = self.with_cache(caches[prefix])
            self.record(f"{prefix}cold", self.check_steps(run_worker("load", ws.path, env), ws))
            filled[prefix] = cache_entries(caches[prefix])
        for prefix, ws in workspaces.items():
            env = self.with_cache(caches[prefix])
            self.record(f"{prefix}warm", self.check_steps(run_worker("load", ws.path, env), ws))
            self.warm_check(f"{prefix}warm", caches[prefix], filled[prefix])
        for cache in caches.values():
            shutil.rmtree(cache, ignore_errors=True)

    def check_steps(self, sample: Sample, ws: Workspace) -> Sample:
        if sample.inner.get("steps") != ws.total_steps:
            raise RuntimeError(
                f"loaded {sample.inner.get('steps')} steps, expected {ws.total_steps}"
            )
        return sample

    def cli_pair(self, ws: Workspace) -> None:
        """``ple validate`` cold then warm, each a whole process."""
        cache = self.fresh_cache()
        command = [*cli_command(), "validate", str(ws.path)]
        self.record("cli_cold", spawn(command, self.with_cache(cache))[0])
        filled = cache_entries(cache)
        self.record("cli_warm", spawn(command, self.with_cache(cache))[0])
        self.warm_check("cli_warm", cache, filled)
        shutil.rmtree(cache, ignore_errors=True)

    def warm_up(self) -> None:
        """Run every kind of process once on a tiny workspace, untimed, so the first
        timed process does not pay for reading modules from disk, and a CLI that
        cannot run is found before the rounds start."""
        ws = generate(2, 10, self.scratch / "warm-up")
        cache = self.fresh_cache()
        run_worker("parse", ws.path, self.env)
        run_worker("load", ws.path, self.with_cache(cache))
        if self.use_cli:
            try:
                spawn([*cli_command(), "validate", str(ws.path)], self.with_cache(cache))
            except (OSError, RuntimeError) as error:
                self.use_cli = False
                self.warnings.append(
                    f"`ple validate` could not run, so it was not timed: "
                    f"{str(error).strip().splitlines()[-1]}"
                )
        shutil.rmtree(cache, ignore_errors=True)


def summarize(samples: list[Sample], key: Callable[[Sample], float]) -> dict[str, float]:
    values = [key(s) for s in samples]
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def build_report(
    runner: Runner,
    full: Workspace,
    half: Workspace | None,
    repeats: int,
    load_before: tuple[float, ...],
) -> dict[str, Any]:
    """Medians, ratios to the baseline and goal verdicts, as plain data."""
    s = runner.samples
    report: dict[str, Any] = {
        "machine": {
            "python": platform.python_version(),
            "implementation": platform.python_implementation(),
            "system": f"{platform.system()} {platform.machine()}",
            "cpus": os.cpu_count(),
            "load_average_before": load_before,
            "load_average_after": os.getloadavg(),
        },
        "repeats": repeats,
        "workspace": {k: v for k, v in asdict(full).items() if k != "path"},
        "half_workspace": (
            {k: v for k, v in asdict(half).items() if k != "path"} if half else None
        ),
        "measurements": {},
        "goals": [],
        "warnings": runner.warnings,
    }
    for name, items in s.items():
        entry: dict[str, Any] = {
            "seconds": summarize(items, lambda x: x.seconds),
            "process_s": summarize(items, lambda x: x.wall_s),
            "process_user_s": summarize(items, lambda x: x.user_s),
            "process_sys_s": summarize(items, lambda x: x.sys_s),
            "peak_rss": summarize(items, lambda x: float(x.peak_rss)),
            "samples": [
                {
                    "wall_s": x.wall_s,
                    "user_s": x.user_s,
                    "sys_s": x.sys_s,
                    "peak_rss": x.peak_rss,
                    **x.inner,
                }
                for x in items
            ],
        }
        for phase in ("import_s", "load_s", "graph_s", "rss_after_import"):
            if all(phase in x.inner for x in items):
                entry[phase] = summarize(items, lambda x, p=phase: float(x.inner[p]))
        steps = half.total_steps if name.startswith("half_") and half else full.total_steps
        entry["peak_rss_per_step"] = entry["peak_rss"]["median"] / steps
        report["measurements"][name] = entry

    def stat(name: str, what: str = "seconds", which: str = "median") -> float:
        return report["measurements"][name][what][which]

    def goal(label: str, num: str, den: str, what: str, limit: float, note: str) -> None:
        """Judge the ratio of medians; the ratio of the fastest runs rides along, since
        the fastest runs are the ones other work on the machine disturbed least."""
        value = stat(num, what) / stat(den, what)
        best = stat(num, what, "min") / stat(den, what, "min")
        report["goals"].append(
            {
                "goal": label,
                "value": value,
                "fastest_runs_value": best,
                "limit": limit,
                "met": value <= limit,
                "note": note,
            }
        )

    in_process = "in-process, imports excluded"
    goal("cold load / parse", "cold", "parse", "seconds", COLD_GOAL, in_process)
    goal("warm load / parse", "warm", "parse", "seconds", WARM_GOAL, in_process)
    if "cli_cold" in s:
        whole = "whole processes, interpreter start and imports included"
        goal("`ple validate` cold / parse", "cli_cold", "parse", "process_s", COLD_GOAL, whole)
        goal("`ple validate` warm / parse", "cli_warm", "parse", "process_s", WARM_GOAL, whole)
    if half:
        sizes = f"{full.journeys} x {full.steps} vs {half.journeys} x {half.steps}, in-process"
        goal("cold growth, 2x steps", "cold", "half_cold", "seconds", GROWTH_GOAL, sizes)
        goal("warm growth, 2x steps", "warm", "half_warm", "seconds", GROWTH_GOAL, sizes)
        report["parse_growth"] = stat("parse") / stat("half_parse")
        report["cpu_growth"] = {
            kind: {
                part: stat(kind, f"process_{part}_s") / stat(f"half_{kind}", f"process_{part}_s")
                for part in ("user", "sys")
            }
            for kind in ("cold", "warm")
        }
        extra_steps = full.total_steps - half.total_steps
        report["marginal_rss_per_step"] = {
            kind: (stat(kind, "peak_rss") - stat(f"half_{kind}", "peak_rss")) / extra_steps
            for kind in ("cold", "warm")
        }
    return report


# --- printing --------------------------------------------------------------------------


def _mb(n: float) -> str:
    return f"{n / 1e6:,.0f} MB"


def _kb(n: float) -> str:
    return f"{n / 1e3:,.1f} KB"


def render(report: dict[str, Any]) -> str:
    """The report as a plain-text table."""
    m, ws, mach = report["measurements"], report["workspace"], report["machine"]
    lines = [
        f"ple load benchmark: {ws['journeys']} journeys x {ws['steps']:,} steps = "
        f"{ws['journeys'] * ws['steps']:,} steps, {ws['files']} files, {ws['bytes'] / 1e6:.1f} MB",
        f"{mach['implementation']} {mach['python']}, {mach['system']}, {mach['cpus']} CPUs; "
        f"median of {report['repeats']} fresh processes each; load average "
        f"{mach['load_average_before'][0]:.2f} before, {mach['load_average_after'][0]:.2f} after",
        "",
        f"{'measurement':<40}{'median':>8}{'min-max':>15}{'x parse':>9}"
        f"{'peak RSS':>10}{'per step':>10}",
    ]
    # (label, measurement, which time, the baseline it is divided by)
    rows = [
        ("(a) parse, yaml.CSafeLoader", "parse", "seconds", "parse"),
        ("(b) cold load+validate+graph", "cold", "seconds", "parse"),
        ("(c) warm load+validate+graph", "warm", "seconds", "parse"),
        ("(a) parse, whole process", "parse", "process_s", "parse"),
        ("(d) `ple validate` cold, whole process", "cli_cold", "process_s", "parse"),
        ("(d) `ple validate` warm, whole process", "cli_warm", "process_s", "parse"),
    ]
    if report["half_workspace"]:
        half = f"{report['half_workspace']['journeys']} x {report['half_workspace']['steps']}"
        rows += [
            (f"(e) parse at {half}", "half_parse", "seconds", "half_parse"),
            (f"(e) cold at {half}", "half_cold", "seconds", "half_parse"),
            (f"(e) warm at {half}", "half_warm", "seconds", "half_parse"),
        ]
    for label, name, what, base in rows:
        if name not in m:
            continue
        t = m[name][what]
        ratio = t["median"] / m[base][what]["median"]
        lines.append(
            f"{label:<40}{t['median']:>7.2f}s{t['min']:>8.2f}-{t['max']:<6.2f}{ratio:>9.2f}"
            f"{_mb(m[name]['peak_rss']['median']):>10}{_kb(m[name]['peak_rss_per_step']):>10}"
        )
    lines.append("")
    for name in ("cold", "warm", "half_cold", "half_warm"):
        if name not in m:
            continue
        e = m[name]
        lines.append(
            f"{name.replace('_', ' ') + ' phases:':<18}import {e['import_s']['median']:.2f}s, "
            f"load+validate {e['load_s']['median']:.2f}s, graph {e['graph_s']['median']:.2f}s; "
            f"RSS after imports {_mb(e['rss_after_import']['median'])}"
        )
    if "marginal_rss_per_step" in report:
        marginal = report["marginal_rss_per_step"]
        lines.append(
            f"memory per added step (full minus half peak): cold {_kb(marginal['cold'])}, "
            f"warm {_kb(marginal['warm'])}; parse growth for reference "
            f"{report['parse_growth']:.2f}x"
        )
    if "cpu_growth" in report:
        cpu = report["cpu_growth"]
        lines.append(
            "CPU time growth, whole process (full / half): "
            + "; ".join(
                f"{kind} user {cpu[kind]['user']:.2f}x, kernel {cpu[kind]['sys']:.2f}x"
                for kind in ("cold", "warm")
            )
        )
    lines += [
        "",
        f"{'goal (ratio of medians)':<40}{'value':>8}{'limit':>8}  {'verdict':<18}fastest runs",
    ]
    for g in report["goals"]:
        verdict = "met" if g["met"] else f"MISSED by {g['value'] / g['limit'] - 1:.0%}"
        lines.append(
            f"{g['goal']:<40}{g['value']:>8.2f}{g['limit']:>8.2f}  {verdict:<18}"
            f"{g['fastest_runs_value']:.2f}"
        )
    for warning in report["warnings"]:
        lines.append(f"warning: {warning}")
    return "\n".join(lines)


# --- main --------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--journeys", type=int, default=100)
    parser.add_argument("--steps", type=int, default=1000, help="steps per journey")
    parser.add_argument(
        "--repeats", type=int, default=3, help="rounds; every measurement runs once per round"
    )
    parser.add_argument(
        "--out", type=Path, help="write the workspaces here (kept) instead of a temporary folder"
    )
    parser.add_argument(
        "--variant",
        choices=[*VARIANTS, "both"],
        default="both",
        help="which synthetic workspace: clean, with warnings, or both",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    parser.add_argument("--no-cli", action="store_true", help="skip timing `ple validate`")
    parser.add_argument(
        "--no-growth",
        action="store_true",
        help="skip the half-size workspace (the linear growth check)",
    )
    parser.add_argument("--worker", nargs=2, metavar=("KIND", "WORKSPACE"), help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.worker:
        kind, root = args.worker
        print(json.dumps(WORKERS[kind](Path(root))))
        return
    if args.repeats < 1 or args.journeys < 1 or args.steps < 2:
        raise SystemExit("need --repeats >= 1, --journeys >= 1 and --steps >= 2")
    variants = VARIANTS if args.variant == "both" else (args.variant,)
    load_before = os.getloadavg()
    scratch = Path(tempfile.mkdtemp(prefix="ple-bench-"))
    reports: dict[str, dict[str, Any]] = {}
    try:
        out = args.out or scratch
        env = dict(os.environ)
        plans = []
        for variant in variants:
            size = f"{args.journeys}x{args.steps}"
            progress(f"generating {variant} {size} ...")
            full = generate(
                args.journeys, args.steps, out / f"{variant}-{size}", warnings=variant == "warnings"
            )
            half = None
            if not args.no_growth and (variant == "clean" or len(variants) == 1):
                steps = args.steps // 2
                progress(f"generating {variant} {args.journeys}x{steps} ...")
                half = generate(
                    args.journeys,
                    steps,
                    out / f"{variant}-{args.journeys}x{steps}",
                    warnings=variant == "warnings",
                )
            runner = Runner(scratch / variant, env, use_cli=not args.no_cli)
            runner.scratch.mkdir(parents=True, exist_ok=True)
            plans.append((variant, full, half, runner))
        progress("warming up ...")
        for _, _, _, runner in plans:
            runner.warm_up()
        # Each round measures every variant, so the variants see the same minutes of a
        # shared machine; each variant's ratios use its own parse of the same round.
        for round_ in range(1, args.repeats + 1):
            for variant, full, half, runner in plans:
                progress(f"round {round_}/{args.repeats}, {variant} ...")
                runner.record("parse", run_worker("parse", full.path, env))
                if half:
                    runner.record("half_parse", run_worker("parse", half.path, env))
                runner.load_round({"": full, "half_": half} if half else {"": full})
                if runner.use_cli:
                    runner.cli_pair(full)
        for variant, full, half, runner in plans:
            reports[variant] = build_report(runner, full, half, args.repeats, load_before)
            reports[variant]["variant"] = variant
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if len(reports) == 1:
        [report] = reports.values()
        print(json.dumps(report, indent=2) if args.json else render(report))
        return
    if args.json:
        print(json.dumps({"variants": reports}, indent=2))
        return
    print(
        "\n\n".join(
            [
                *(f"== {name} ==\n{render(r)}" for name, r in reports.items()),
                render_variants(reports),
            ]
        )
    )


def render_variants(reports: dict[str, dict[str, Any]]) -> str:
    """The goals of every variant side by side: ratio of medians (of fastest runs)."""
    goals = [g["goal"] for g in next(iter(reports.values()))["goals"]]
    lines = [
        f"{'goal (ratio of medians; fastest runs)':<40}"
        + "".join(f"{name:>18}" for name in reports)
        + f"{'limit':>8}"
    ]
    for goal in goals:
        cells = []
        limit = 0.0
        for report in reports.values():
            found = next((g for g in report["goals"] if g["goal"] == goal), None)
            if found is None:
                cells.append(f"{'-':>18}")
                continue
            limit = found["limit"]
            mark = "" if found["met"] else " !"
            cells.append(
                f"{found['value']:.2f} ({found['fastest_runs_value']:.2f}){mark}".rjust(18)
            )
        lines.append(f"{goal:<40}{''.join(cells)}{limit:>8.2f}")
    lines.append("(! = goal missed)")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
