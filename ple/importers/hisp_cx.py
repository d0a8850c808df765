"""A-11 Section 280 quarterly CX data (HISP-CX-Data) as step ``measures``.

A small mapping file says which HISP service measures which step::

    - journey: approaching-retirement
      step: apply-federal-annuity
      service_provider: Retirement Services       # attributes_service_provider_name
      service: Applying for Federal civilian retirement  # exact, else substring
      channel: paper                              # optional

For each entry the rows of the latest (year, quarter) that match are combined: each
driver (q1..q7 -> satisfaction .. employee) is the respondent-weighted mean of
``attributes_qN_point_scale`` over the rows that report it (blank means not asked; a value
outside 1-5 is a warning and left out), rounded to two decimals. The period, channel and
respondents go into the step's ``notes`` (one sentence starting "A-11 import:"), and the
measures are marked as ``reported`` evidence (agency data), sourced to HISP-CX-Data.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ple.errors import Problem, Severity
from ple.model import MEASURE_KEYS

REQUIRED_MAPPING_KEYS = ("journey", "step", "service_provider", "service")
SOURCE = "https://github.com/GSA/HISP-CX-Data"
"""Where the quarterly data is published: the ``sources`` of the measures' evidence."""
NOTE_PATTERN = re.compile(r"\s*A-11 import: [^\n]*?\(ple import hisp-cx\)\.")


@dataclass(frozen=True)
class MapEntry:
    journey: str
    step: str
    service_provider: str
    service: str
    channel: str | None = None
    index: int = 0


@dataclass
class CxRow:
    line: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        return (self.values.get(f"attributes_{column}") or "").strip()


@dataclass(frozen=True)
class Attached:
    """The measures computed for one mapping entry."""

    entry: MapEntry
    measures: dict[str, float]
    period: str
    channels: tuple[str, ...]
    respondents: int | None
    rows: int

    @property
    def note(self) -> str:
        who = f", {self.respondents:,} respondents" if self.respondents is not None else ""
        return (
            f'A-11 import: {self.entry.service_provider}, "{self.entry.service}", '
            f"{self.period}, channel {'/'.join(self.channels) or 'unknown'}{who} "
            "(ple import hisp-cx)."
        )


@dataclass
class CxImport:
    attached: list[Attached] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0
    files_written: list[str] = field(default_factory=list)


def read_mapping(path: str | Path) -> tuple[list[MapEntry], list[Problem]]:
    """The mapping entries; a bad entry is an error naming its index and field."""
    source = str(path)
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if isinstance(data, dict) and "services" in data:
        data = data["services"]
    if not isinstance(data, list):
        return [], [
            Problem(
                source,
                "a mapping file is a list of entries (journey, step, "
                "service_provider, service, channel)",
                code="invalid-mapping",
            )
        ]
    entries, problems = [], []
    for index, item in enumerate(data):
        if not isinstance(item, dict):
            problems.append(Problem(source, "an entry must be a mapping", path=(index,)))
            continue
        missing = [k for k in REQUIRED_MAPPING_KEYS if not str(item.get(k) or "").strip()]
        if missing:
            problems.append(
                Problem(
                    source,
                    f"missing {', '.join(missing)}",
                    path=(index, missing[0]),
                    code="invalid-mapping",
                )
            )
            continue
        channel = item.get("channel")
        entries.append(
            MapEntry(
                *(str(item[k]).strip() for k in REQUIRED_MAPPING_KEYS),
                channel=str(channel).strip() if channel else None,
                index=index,
            )
        )
    return entries, problems


def read_cx(path: str | Path) -> list[CxRow]:
    """Every row of the quarterly CX CSV with its line number."""
    text = Path(path).read_text(encoding="utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if "attributes_service_provider_name" not in (reader.fieldnames or []):
        raise ValueError(
            f"{path}: not an A-11 CX quarterly CSV (no attributes_service_provider_name column)"
        )
    return [CxRow(reader.line_num, row) for row in reader]


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def _matches(row: CxRow, entry: MapEntry) -> bool:
    if row.get("service_provider_name").casefold() != entry.service_provider.casefold():
        return False
    service = row.get("service_name").casefold()
    if entry.service.casefold() not in service:
        return False
    return entry.channel is None or row.get("channel").casefold() == entry.channel.casefold()


def compute(
    rows: list[CxRow], entry: MapEntry, source: str
) -> tuple[Attached | None, list[Problem]]:
    """The measures for one entry from the latest quarter it has, or None."""
    problems: list[Problem] = []
    matched = [r for r in rows if _matches(r, entry)]
    exact = [r for r in matched if r.get("service_name").casefold() == entry.service.casefold()]
    matched = exact or matched
    dated = []
    for row in matched:
        year, quarter = _number(row.get("collection_year")), _number(row.get("collection_quarter"))
        if year is None or quarter is None:
            problems.append(
                Problem(
                    source,
                    "no collection year or quarter; row left out",
                    path=("attributes_collection_year",),
                    line=row.line,
                    severity=Severity.warning,
                    code="import-row",
                )
            )
            continue
        dated.append(((int(year), int(quarter)), row))
    if not dated:
        return None, problems
    latest = max(key for key, _ in dated)
    chosen = [row for key, row in dated if key == latest]
    measures: dict[str, float] = {}
    for number, driver in enumerate(MEASURE_KEYS[:7], start=1):
        total = weight = 0.0
        for row in chosen:
            value = _number(row.get(f"q{number}_point_scale"))
            if value is None:
                continue
            if not 1 <= value <= 5:
                problems.append(
                    Problem(
                        source,
                        f"{driver} mean {value} is outside 1-5; left out",
                        path=(f"attributes_q{number}_point_scale",),
                        line=row.line,
                        value=value,
                        severity=Severity.warning,
                        code="import-row",
                    )
                )
                continue
            respondents = _number(row.get("volume_of_respondents"))
            w = respondents if respondents and respondents > 0 else 1.0
            total, weight = total + value * w, weight + w
        if weight:
            measures[driver] = round(total / weight, 2)
    counts = [_number(r.get("volume_of_respondents")) for r in chosen]
    respondents = int(sum(c for c in counts if c)) if any(counts) else None
    channels = tuple(sorted({r.get("channel") for r in chosen if r.get("channel")}))
    period = f"FY{latest[0]} Q{latest[1]}"
    if not measures:
        problems.append(
            Problem(
                source,
                f"{entry.service!r} has no driver scores in {period}",
                severity=Severity.warning,
                code="no-scores",
            )
        )
        return None, problems
    return Attached(entry, measures, period, channels, respondents, len(chosen)), problems


def _yaml():  # ruamel is imported lazily: only this importer needs it
    from ruamel.yaml import YAML

    handler = YAML()  # round trip: comments, order and quoting are kept
    handler.preserve_quotes = True
    handler.width = 4096
    handler.indent(mapping=2, sequence=4, offset=2)
    return handler


def apply_measures(
    workspace_path: str | Path,
    mapping_path: str | Path,
    csv_path: str | Path,
    out_dir: str | Path | None = None,
) -> CxImport:
    """Attach measures to the mapped steps, editing a copy in ``out_dir`` (or the workspace
    files in place when ``out_dir`` is None). Files are rewritten with ruamel.yaml's round
    trip, which keeps comments and key order, and each is written atomically."""
    from ple.io import load_workspace
    from ple.io.atomic import write_atomically

    result = CxImport()
    entries, problems = read_mapping(mapping_path)
    result.problems.extend(problems)
    rows = read_cx(csv_path)
    result.rows = len(rows)
    loaded = load_workspace(workspace_path)
    workspace = loaded.workspace or loaded.usable
    if workspace is None:
        result.problems.extend(loaded.problems)
        return result
    root = Path(workspace_path).resolve()
    target_root = root
    if out_dir is not None:
        target_root = Path(out_dir).resolve()
        if root.is_dir():
            shutil.copytree(
                root, target_root, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".*")
            )
        else:
            target_root.mkdir(parents=True, exist_ok=True)
            shutil.copy2(root, target_root / root.name)
    mapping_file = str(mapping_path)
    edits: dict[Path, list[tuple[tuple[Any, ...], Attached]]] = {}
    for entry in entries:
        journey = workspace.journeys.get(entry.journey)
        if journey is None or journey.step(entry.step) is None:
            what = "journey" if journey is None else "step"
            result.problems.append(
                Problem(
                    mapping_file,
                    f"unknown {what} {getattr(entry, what)!r}; entry skipped",
                    path=(entry.index, what),
                    severity=Severity.warning,
                    code="unmatched",
                )
            )
            continue
        attached, problems = compute(rows, entry, str(csv_path))
        result.problems.extend(problems)
        if attached is None:
            result.problems.append(
                Problem(
                    mapping_file,
                    f"no CX rows match {entry.service_provider!r} / "
                    f"{entry.service!r}{' / ' + entry.channel if entry.channel else ''}; "
                    "entry skipped",
                    path=(entry.index, "service"),
                    severity=Severity.warning,
                    code="unmatched",
                )
            )
            continue
        origin = workspace.origins[("journeys", entry.journey)]
        source = Path(origin.file).resolve()
        relative = source.relative_to(root) if root.is_dir() else Path(source.name)
        target = target_root / relative if (out_dir is not None or root.is_dir()) else source
        edits.setdefault(target, []).append((origin.path, attached))
        result.attached.append(attached)
    handler = _yaml()
    for target, changes in edits.items():
        document = handler.load(target.read_text(encoding="utf-8"))
        for path, attached in changes:
            node = document
            for key in path:
                node = node[key]
            step = next(s for s in node["steps"] if s.get("id") == attached.entry.step)
            _set_measures(step, attached)
        buffer = io.StringIO()
        handler.dump(document, buffer)
        write_atomically(target, buffer.getvalue().encode("utf-8"))
        result.files_written.append(str(target))
    return result


def _flow_map(values: dict[str, float]) -> Any:
    from ruamel.yaml.comments import CommentedMap

    mapping = CommentedMap(values)
    mapping.fa.set_flow_style()  # {satisfaction: 3.35, ...} like the hand-written files
    return mapping


def _set_measures(step: Any, attached: Attached) -> None:
    measures = _flow_map(
        {**attached.measures, "evidence": _flow_map({"level": "reported", "sources": [SOURCE]})}
    )
    if "measures" in step:
        step["measures"] = measures
    else:
        keys = list(step.keys())
        anchor = next(
            (
                k
                for k in (
                    "requests",
                    "burden",
                    "accommodations",
                    "languages",
                    "channels",
                    "forms",
                    "description",
                    "program",
                    "agency",
                )
                if k in keys
            ),
            keys[-1],
        )
        step.insert(keys.index(anchor) + 1, "measures", measures)
    notes = step.get("notes")
    text = NOTE_PATTERN.sub("", str(notes)).rstrip() if notes else ""
    step["notes"] = _keep_style(notes, f"{text} {attached.note}".strip())


def _keep_style(old: Any, text: str, width: int = 88) -> Any:
    """``text`` in the style of ``old``: a folded (``>-``) note stays folded, its existing
    line breaks kept and the added words wrapped at about ``width`` characters."""
    from ruamel.yaml.scalarstring import FoldedScalarString

    if not isinstance(old, FoldedScalarString):
        return text
    kept = [p for p in getattr(old, "fold_pos", []) if p < len(text) and text[p] == " "]
    new = FoldedScalarString(text)
    folds = list(kept)
    start = (folds[-1] + 1) if folds else 0
    while len(text) - start > width:
        space = text.rfind(" ", start, start + width)
        if space <= start:
            break
        folds.append(space)
        start = space + 1
    new.fold_pos = folds
    return new
