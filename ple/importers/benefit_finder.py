"""Import the USAGov Benefit Finder content into a workspace.

The Benefit Finder ("BEARS", GitHub ``GSA-TTS/usagov-benefits-eligibility``) publishes,
as Markdown files with YAML front matter and English labels in ``locales/en/``:

- ``content/life-events/<id>.md``: a life event and the eligibility criteria it asks about;
- ``content/benefits/<id>.md``: a federal benefit, its agency (``source.name``), the life
  events it belongs to and the criteria (``eligibility``) that decide who qualifies;
- ``content/criteria.csv``: every criteria key with its label key and type (rows without a
  type are group headers).

What becomes what (see docs/real-data.md):

- each distinct agency, after :data:`AGENCY_SPELLINGS` normalizes its spellings, is one
  agency; ids are those of the hand-mapped ``data/catalog.yaml`` where it has the agency;
- each benefit is a program of its agency;
- each criteria key (a criteria row with a type) is a data item named by its English label;
- each life event with a page is a journey: an entry step (the customer's life event, at
  the Benefit Finder itself), then one application step per benefit of that life event,
  grouped into stages by benefit type and *chained* in order (entry -> first application ->
  next application ... -> last, ``end: true``), the way the Benefit Finder lists benefits to
  work through. Each application requests the criteria its eligibility asks about. Moves
  between agencies carry no ``handoff``: the source does not say how agencies connect, and
  the gap rules report them as undocumented handoffs.

Real-data quirks (placeholder text, label keys without labels, misspelled life event ids,
missing fields, unknown agencies or criteria) become warnings naming the source file; the
importer never raises on bad content.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ple.errors import Problem, Severity
from ple.io.suggest import did_you_mean
from ple.model import Agency, DataItem, Journey, Program

UPSTREAM = "https://github.com/GSA-TTS/usagov-benefits-eligibility"
DEFAULT_COMMIT = "1b2bc29"
"""The commit of the copy in the project's shared data sets (2024-01-30)."""

FINDER_AGENCY = "usagov"
"""Agency of each journey's entry step: the Benefit Finder itself (USAGov, at GSA)."""

AGENCY_SPELLINGS: dict[str, str] = {
    # normalized spelling (see normalize_agency) -> agency id
    "social security administration": "ssa",
    "ssa": "ssa",
    "centers for medicare and medicaid": "cms",
    "centers for medicare and medicaid services": "cms",
    "cms": "cms",
    "department of defense": "dod",
    "dod": "dod",
    "department of veteran affairs": "va",
    "department of veterans affairs": "va",
    "veterans affairs": "va",
    "va": "va",
    "department of interior indian affairs": "doi",
    "department of interior": "doi",
    "bureau of indian affairs": "doi",
    "doi": "doi",
    "department of justice": "doj",
    "doj": "doj",
    "department of labor": "dol",
    "dol": "dol",
    "department of education": "ed",
    "ed": "ed",
    "fema": "fema",
    "federal emergency management agency": "fema",
    "department of health and human services": "hhs",
    "hhs": "hhs",
    "internal revenue service": "irs",
    "irs": "irs",
    "national library service": "nls",
    "national library service for the blind and print disabled": "nls",
    "nls": "nls",
}
"""Every spelling of an agency found in the Benefit Finder content (benefit ``source.name``
labels, agency page titles and the agency prefixes of file names), normalized, mapped to one
agency id. The ids are those of the bundled ``data/catalog.yaml`` where it has the agency
(ssa, cms, dod, va, dol, ed, fema, hhs, irs); doi, doj and nls are new."""

AGENCIES: dict[str, dict[str, Any]] = {
    "ssa": {
        "name": "Social Security Administration",
        "acronym": "SSA",
        "hisp": True,
        "url": "https://www.ssa.gov/",
    },
    "hhs": {
        "name": "Department of Health and Human Services",
        "acronym": "HHS",
        "url": "https://www.hhs.gov/",
    },
    "cms": {
        "name": "Centers for Medicare & Medicaid Services",
        "acronym": "CMS",
        "hisp": True,
        "parent": "hhs",
        "url": "https://www.cms.gov/",
    },
    "dod": {"name": "Department of Defense", "acronym": "DoD", "url": "https://www.defense.gov/"},
    "va": {"name": "Department of Veterans Affairs", "acronym": "VA", "url": "https://www.va.gov/"},
    "doi": {
        "name": "Department of the Interior (Indian Affairs)",
        "acronym": "DOI",
        "url": "https://www.bia.gov/",
    },
    "doj": {"name": "Department of Justice", "acronym": "DOJ", "url": "https://www.justice.gov/"},
    "dol": {"name": "Department of Labor", "acronym": "DOL", "url": "https://www.dol.gov/"},
    "ed": {"name": "Department of Education", "acronym": "ED", "url": "https://www.ed.gov/"},
    "fema": {
        "name": "Federal Emergency Management Agency",
        "acronym": "FEMA",
        "hisp": True,
        "url": "https://www.fema.gov/",
    },
    "irs": {
        "name": "Internal Revenue Service",
        "acronym": "IRS",
        "hisp": True,
        "url": "https://www.irs.gov/",
    },
    "nls": {
        "name": "National Library Service for the Blind and Print Disabled",
        "acronym": "NLS",
        "url": "https://www.loc.gov/nls/",
    },
    FINDER_AGENCY: {
        "name": "USAGov Benefit Finder (General Services Administration)",
        "acronym": "USAGov",
        "url": "https://www.usa.gov/benefit-finder",
        "notes": "The Benefit Finder itself: where the customer starts.",
    },
}
"""Names of the mapped agencies, the same as ``data/catalog.yaml`` for the ids it shares."""

STAGE_ORDER = [
    "burial-and-funeral-assistance",
    "financial-assistance",
    "healthcare",
    "life-insurance",
    "housing",
    "educational-assistance",
    "training-and-jobs",
]
"""Benefit types (``tags``, labelled in ``locales/en/types``) in the order stages are walked:
the most urgent help first. Benefits with no known type go to a last stage, ``other``."""

PLACEHOLDER = re.compile(r"need text|lorem ipsum|\bTBD\b|\bTODO\b|placeholder", re.IGNORECASE)
LABEL_KEY = re.compile(r"^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$")
FRONT_MATTER = re.compile(r"\A\s*---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(\r?\n|\Z)", re.DOTALL)


@dataclass
class ImportResult:
    """What an import produced: catalog objects, journeys and the warnings on the source."""

    agencies: list[Agency] = field(default_factory=list)
    programs: list[Program] = field(default_factory=list)
    data_items: list[DataItem] = field(default_factory=list)
    journeys: list[Journey] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    criteria_rows: int = 0
    """Rows of criteria.csv with a type (group header rows excluded)."""
    agency_spellings: dict[str, set[str]] = field(default_factory=dict)
    """Agency id -> the spellings found for it in the source."""

    def summary(self) -> dict[str, int]:
        return {
            "life_events": len(self.journeys),
            "benefits": len(self.programs),
            "agencies": len({p.agency for p in self.programs}),
            "criteria": self.criteria_rows,
            "steps": sum(len(j.steps) for j in self.journeys),
            "warnings": len(self.problems),
        }


def slug(text: str) -> str:
    """A lowercase id from a Benefit Finder key: ``deceased_paid_into_SS`` becomes
    ``deceased-paid-into-ss``."""
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", text.lower())).strip("-")


def normalize_agency(name: str) -> str:
    """Case, punctuation, ``U.S.``, ``the`` and ``&`` do not make a different agency."""
    text = name.lower().replace("&", " and ")
    text = re.sub(r"\bu\.?\s?s\.?(?=\s|$)", " ", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    words = [w for w in text.split() if w != "the"]
    return " ".join(words)


class _Reader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def warn(
        self,
        path: Path | str,
        message: str,
        key_path: tuple = (),
        value: Any = None,
        code: str = "benefit-finder",
    ) -> None:
        file = path if isinstance(path, str) else self.rel(path)
        self.problems.append(
            Problem(
                file=file,
                message=message,
                path=key_path,
                value=value,
                severity=Severity.warning,
                code=code,
            )
        )

    def front_matter(self, path: Path) -> dict[str, Any] | None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            self.warn(path, f"cannot read the file: {error}; skipped", code="unreadable")
            return None
        match = FRONT_MATTER.match(text)
        if match is None:
            self.warn(
                path, "no YAML front matter between '---' lines; skipped", code="no-front-matter"
            )
            return None
        try:
            data = yaml.safe_load(match.group(1))
        except yaml.YAMLError as error:
            self.warn(path, f"front matter is not valid YAML: {error}; skipped", code="bad-yaml")
            return None
        if not isinstance(data, dict):
            self.warn(path, "front matter is not a mapping; skipped", code="bad-yaml")
            return None
        return data

    def labels(self, path: Path) -> dict[str, str]:
        if not path.is_file():
            return {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as error:
            self.warn(path, f"labels not readable as JSON: {error}; ignored", code="bad-json")
            return {}
        if not isinstance(data, dict):
            self.warn(path, "labels are not a JSON object; ignored", code="bad-json")
            return {}
        return {str(k): "" if v is None else str(v) for k, v in data.items()}


class _Labels:
    """Resolve label keys of one source file, warning about keys without labels."""

    def __init__(self, reader: _Reader, file: Path, *tables: dict[str, str]) -> None:
        self.reader, self.file, self.tables = reader, file, tables

    def text(self, value: Any, key_path: tuple, *, required: bool = False) -> str | None:
        """The English text of ``value`` (a label key or plain text), or None."""
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.reader.warn(self.file, "missing", key_path, code="missing-field")
            return None
        if isinstance(value, bool):
            return "yes" if value else "no"
        text = str(value).strip()
        if LABEL_KEY.match(text) and not text.startswith("http"):
            # placeholders in label files are reported once, by _scan_placeholders
            for table in self.tables:
                if text in table:
                    resolved = table[text].strip()
                    if not resolved:
                        if required:
                            self.reader.warn(
                                self.file,
                                f"label key {text!r} has an empty label",
                                key_path,
                                text,
                                code="empty-label",
                            )
                        return None
                    return resolved
            self.reader.warn(
                self.file,
                f"label key {text!r} has no label in locales/en",
                key_path,
                text,
                code="missing-label",
            )
            return None
        if PLACEHOLDER.search(text):
            self.reader.warn(
                self.file, f"placeholder text {text!r}", key_path, text, code="placeholder"
            )
        return text


def _scan_placeholders(reader: _Reader, file: Path, labels: dict[str, str]) -> None:
    """Placeholder text anywhere in a file's labels, used by the importer or not."""
    for key, text in labels.items():
        if PLACEHOLDER.search(text):
            reader.warn(
                file,
                f"placeholder text {text!r} for label {key!r}",
                (key,),
                text,
                code="placeholder",
            )


def read_benefit_finder(root: str | Path, *, commit: str = DEFAULT_COMMIT) -> ImportResult:
    """Read the Benefit Finder content below ``root`` (the folder holding ``content/`` and
    ``locales/``) into catalog objects and journeys, with warnings for the quirks found."""
    root = Path(root)
    reader = _Reader(root)
    result = ImportResult()
    content, locales = root / "content", root / "locales" / "en"
    if not (content / "benefits").is_dir():
        reader.warn(
            root,
            "no content/benefits folder: is this the Benefit Finder repository?",
            code="not-found",
        )
        result.problems = reader.problems
        return result
    common = reader.labels(locales / "en.json")
    criteria_labels = reader.labels(locales / "criteria.json")

    # Criteria: criteria.csv rows with a type; the others are group headers.
    criteria: dict[str, DataItem] = {}
    criteria_file = content / "criteria.csv"
    criteria_group: dict[str, str] = {}
    if criteria_file.is_file():
        with criteria_file.open(encoding="utf-8", newline="") as stream:
            rows = list(csv.reader(stream))
        group = None
        for number, row in enumerate(rows[1:], start=2):
            row = [cell.strip() for cell in row] + [""] * 4
            key, label_key, kind = row[0], row[1], row[2]
            if not key:
                continue
            if not kind:
                group = key
                continue
            item_id = slug(key)
            labels = _Labels(reader, criteria_file, criteria_labels, common)
            name = labels.text(label_key, (f"line {number}", "label"), required=True)
            if item_id in criteria:
                reader.warn(
                    criteria_file,
                    f"criteria key {key!r} repeats (as id {item_id!r}); the first row is kept",
                    (f"line {number}",),
                    key,
                    code="duplicate",
                )
                continue
            if not name:
                name = key.replace("_", " ")
            criteria[item_id] = DataItem(
                id=item_id,
                name=_item_name(name) or key,
                kind="fact",
                notes=f"Benefit Finder criteria key {key} ({kind}"
                + (f", group {group})" if group else ")"),
            )
            criteria_group[item_id] = group or ""
        result.criteria_rows = len(criteria)
    else:
        reader.warn(
            criteria_file, "missing; data items come from the benefits only", code="not-found"
        )

    # Known life event ids: those with a page and those with labels.
    life_event_files = sorted((content / "life-events").glob("*.md"))
    known_events = {p.stem for p in life_event_files}
    known_events |= {p.stem for p in (locales / "life-events").glob("*.json")}
    type_titles: dict[str, str] = {}
    for path in sorted((locales / "types").glob("*.json")):
        type_titles[path.stem] = reader.labels(path).get(f"{path.stem}.title", path.stem)

    # Benefits.
    programs: dict[str, Program] = {}
    benefit_events: dict[str, list[str]] = {}
    benefit_requests: dict[str, list[str]] = {}
    benefit_type: dict[str, str] = {}
    benefit_summary: dict[str, str | None] = {}
    benefit_eligibility: dict[str, list[str]] = {}
    spellings: dict[str, set[str]] = {}
    for path in sorted((content / "benefits").glob("*.md")):
        data = reader.front_matter(path)
        if data is None:
            continue
        program_id = slug(path.stem)
        if program_id != path.stem:
            reader.warn(
                path,
                f"file name {path.stem!r} is not a lowercase slug; read as {program_id!r}",
                value=path.stem,
                code="file-name",
            )
        if program_id in programs:
            reader.warn(
                path,
                f"benefit {program_id!r} appears twice; the first is kept",
                value=path.stem,
                code="duplicate",
            )
            continue
        own = reader.labels(locales / "benefits" / f"{path.stem}.json")
        if not own:
            reader.warn(
                path, f"no labels in locales/en/benefits/{path.stem}.json", code="missing-label"
            )
        _scan_placeholders(reader, locales / "benefits" / f"{path.stem}.json", own)
        labels = _Labels(reader, path, own, common)
        title = labels.text(data.get("title"), ("title",), required=True) or path.stem
        summary = labels.text(data.get("summary"), ("summary",))
        source = data.get("source") if isinstance(data.get("source"), dict) else {}
        if not source:
            reader.warn(path, "missing", ("source",), code="missing-field")
        agency_name = labels.text(source.get("name"), ("source", "name"), required=True)
        link = labels.text(source.get("link"), ("source", "link"))
        labels.text(source.get("isEnglish"), ("source", "isEnglish"))  # only checked
        agency = _agency_of(reader, path, agency_name, spellings)
        programs[program_id] = Program(
            id=program_id,
            name=title,
            agency=agency,
            url=link if link and link.startswith("http") else None,
            notes=summary,
        )
        benefit_summary[program_id] = summary

        events = data.get("lifeEvents") or []
        if not isinstance(events, list):
            events = [events]
        if not events:
            reader.warn(
                path,
                "no life events: the benefit is in no journey",
                ("lifeEvents",),
                code="missing-field",
            )
        resolved_events = []
        for index, event in enumerate(events):
            event = str(event).strip()
            if event not in known_events:
                hint = did_you_mean(event, known_events)
                fixed = slug(event)
                if fixed in known_events:
                    reader.warn(
                        path,
                        f"unknown life event id {event!r}; read as {fixed!r}",
                        ("lifeEvents", index),
                        event,
                        code="misspelled-id",
                    )
                    event = fixed
                else:
                    reader.warn(
                        path,
                        f"unknown life event id {event!r}{hint}",
                        ("lifeEvents", index),
                        event,
                        code="misspelled-id",
                    )
                    continue
            resolved_events.append(event)
        benefit_events[program_id] = list(dict.fromkeys(resolved_events))

        tags = [slug(str(t)) for t in data.get("tags") or []]
        benefit_type[program_id] = next((t for t in tags if t in STAGE_ORDER), "other")

        requests: list[str] = []
        eligibility_notes: list[str] = []
        eligibility = data.get("eligibility") or []
        if not isinstance(eligibility, list) or not eligibility:
            reader.warn(
                path,
                "no eligibility criteria: the application requests nothing",
                ("eligibility",),
                code="missing-field",
            )
            eligibility = []
        for index, entry in enumerate(eligibility):
            if not isinstance(entry, dict) or not entry.get("criteriaKey"):
                reader.warn(
                    path,
                    "eligibility entry without criteriaKey; skipped",
                    ("eligibility", index),
                    entry,
                    code="missing-field",
                )
                continue
            key = str(entry["criteriaKey"]).strip()
            item_id = slug(key)
            if item_id not in criteria:
                reader.warn(
                    path,
                    f"criteria key {key!r} is not in criteria.csv; added as a data item",
                    ("eligibility", index, "criteriaKey"),
                    key,
                    code="unknown-criteria",
                )
                criteria[item_id] = DataItem(
                    id=item_id,
                    name=key.replace("_", " "),
                    kind="fact",
                    notes=f"Benefit Finder criteria key {key}",
                )
            requests.append(item_id)
            label = labels.text(entry.get("label"), ("eligibility", index, "label"))
            values = entry.get("acceptableValues") or []
            if not isinstance(values, list):
                values = [values]
            shown = [
                labels.text(v, ("eligibility", index, "acceptableValues", i))
                for i, v in enumerate(values)
            ]
            eligibility_notes.append(
                f"{label or criteria[item_id].name}: {', '.join(s for s in shown if s) or '?'}"
            )
        benefit_requests[program_id] = list(dict.fromkeys(requests))
        benefit_eligibility[program_id] = eligibility_notes

    # Agencies that the benefits use, in a stable order.
    used = sorted({p.agency for p in programs.values()})
    result.agencies = [_agency(agency_id, spellings) for agency_id in [*used, FINDER_AGENCY]]
    result.agency_spellings = spellings
    result.programs = list(programs.values())

    # Journeys: one per life event with a page.
    event_labels_dir = locales / "life-events"
    for path in life_event_files:
        data = reader.front_matter(path)
        if data is None:
            continue
        event = path.stem
        own = reader.labels(event_labels_dir / f"{event}.json")
        _scan_placeholders(reader, event_labels_dir / f"{event}.json", own)
        labels = _Labels(reader, path, own, common)
        members = [b for b, events in benefit_events.items() if event in events]
        if not members:
            reader.warn(
                path, "no benefit names this life event; no journey written", code="empty-journey"
            )
            continue
        journey = _journey(
            reader,
            path,
            event,
            data,
            labels,
            members,
            programs,
            benefit_requests,
            benefit_type,
            benefit_eligibility,
            type_titles,
            commit,
        )
        if journey is not None:
            result.journeys.append(journey)

    result.data_items = list(criteria.values())
    result.problems = reader.problems
    return result


def _item_name(label: str) -> str:
    """A criteria label as a data item name: "The service status of the deceased is:" reads
    as "The service status of the deceased"."""
    text = label.strip().rstrip(":").strip()
    return re.sub(r"\s+(is|was|are|were)$", "", text)


def _agency_of(
    reader: _Reader, path: Path, name: str | None, spellings: dict[str, set[str]]
) -> str:
    prefix = path.stem.split("-", 1)[0].lower()
    if name:
        agency = AGENCY_SPELLINGS.get(normalize_agency(name))
        if agency is not None:
            spellings.setdefault(agency, set()).add(name)
            return agency
        fallback = AGENCY_SPELLINGS.get(prefix)
        reader.warn(
            path,
            f"agency {name!r} is not in the agency mapping"
            + (f"; read as {fallback!r} from the file name" if fallback else ""),
            ("source", "name"),
            name,
            code="unknown-agency",
        )
        if fallback:
            spellings.setdefault(fallback, set()).add(name)
            return fallback
        agency = slug(name) or "unknown-agency"
        spellings.setdefault(agency, set()).add(name)
        return agency
    fallback = AGENCY_SPELLINGS.get(prefix, "unknown-agency")
    reader.warn(
        path,
        f"no agency name; read as {fallback!r} from the file name",
        ("source", "name"),
        code="unknown-agency",
    )
    return fallback


def _agency(agency_id: str, spellings: dict[str, set[str]]) -> Agency:
    known = dict(AGENCIES.get(agency_id, {}))
    found = sorted(spellings.get(agency_id, ()))
    if not known:
        known = {"name": found[0] if found else agency_id}
    if found:
        note = "Benefit Finder spells it: " + "; ".join(found) + "."
        known["notes"] = f"{known['notes']} {note}" if known.get("notes") else note
    return Agency(id=agency_id, level="federal", **known)


def _journey(
    reader: _Reader,
    path: Path,
    event: str,
    data: dict[str, Any],
    labels: _Labels,
    members: list[str],
    programs: dict[str, Program],
    requests: dict[str, list[str]],
    types: dict[str, str],
    eligibility: dict[str, list[str]],
    type_titles: dict[str, str],
    commit: str,
) -> Journey | None:
    title = labels.text(data.get("title"), ("title",), required=True) or event.replace("-", " ")
    summary = labels.text(data.get("summary"), ("summary",))
    trigger = labels.text(
        data.get("eligibilityCriteriaDescription"), ("eligibilityCriteriaDescription",)
    )
    for index, group in enumerate(data.get("eligibilityCriteria") or []):
        if isinstance(group, dict):
            labels.text(group.get("label"), ("eligibilityCriteria", index, "label"), required=True)

    order = {t: i for i, t in enumerate([*STAGE_ORDER, "other"])}
    ordered = sorted(members, key=lambda b: (order[types[b]], programs[b].agency, b))
    stage_ids = list(dict.fromkeys(types[b] for b in ordered))
    entry_id = "find-benefits"
    while entry_id in programs:
        entry_id += "-start"
    steps: list[dict[str, Any]] = [
        {
            "id": entry_id,
            "name": f"{title}: look for federal benefits",
            "stage": "start",
            "agency": FINDER_AGENCY,
            "description": summary,
            "channels": ["online"],
            "next": [{"to": ordered[0]}],
            "notes": "The customer's life event, as the USAGov Benefit Finder presents it.",
        }
    ]
    for index, benefit in enumerate(ordered):
        program = programs[benefit]
        step: dict[str, Any] = {
            "id": benefit,
            "name": f"Apply: {program.name}",
            "stage": types[benefit],
            "agency": program.agency,
            "program": benefit,
            "description": program.notes,
            "requests": requests.get(benefit, []),
        }
        if eligibility.get(benefit):
            step["notes"] = "Eligibility (Benefit Finder): " + "; ".join(eligibility[benefit])
        if index + 1 < len(ordered):
            step["next"] = [{"to": ordered[index + 1]}]
        else:
            step["end"] = True
        steps.append(step)
    stages = [{"id": "start", "name": "Start: the life event"}]
    stages += [
        {"id": s, "name": type_titles.get(s, "Other benefits" if s == "other" else s)}
        for s in stage_ids
    ]
    agencies = Counter(programs[b].agency for b in ordered)
    document = {
        "id": event,
        "name": title,
        "state": "current",
        "trigger": trigger,
        "outcome": "The customer has applied for each federal benefit the Benefit Finder lists "
        "for this life event",
        "lead_agency": agencies.most_common(1)[0][0],
        "description": summary,
        "sources": [
            f"{UPSTREAM}/blob/{commit}/content/life-events/{event}.md",
            f"{UPSTREAM}/tree/{commit}/content/benefits",
        ],
        "entry": [entry_id],
        "stages": stages,
        "steps": steps,
        "notes": "Imported by `ple import benefit-finder` from the USAGov Benefit Finder "
        f"(commit {commit}). Applications are chained in the order of the stages "
        "(benefit types), a list to work through; moves between agencies are "
        "undocumented handoffs because the source does not say how agencies connect.",
    }
    try:
        return Journey.model_validate(document)
    except ValidationError as error:
        reader.warn(path, f"journey not valid, skipped: {error}", code="invalid-journey")
        return None


def workspace_documents(
    result: ImportResult, commit: str = DEFAULT_COMMIT
) -> dict[str, dict[str, Any]]:
    """The files of the workspace: ``catalog.yaml`` and ``ples/<life-event>.yaml``."""

    def dump(model: Any) -> dict[str, Any]:
        return model.model_dump(
            mode="json", exclude_none=True, exclude_defaults=True, by_alias=True
        )

    documents = {
        "catalog.yaml": {
            "agencies": [dump(a) for a in result.agencies],
            "programs": [dump(p) for p in result.programs],
            "data_items": [dump(d) for d in result.data_items],
        }
    }
    for journey in result.journeys:
        document = dump(journey)
        document = {
            "id": document.pop("id"),
            "name": document.pop("name"),
            "state": journey.state.value,
            **document,
        }
        documents[f"ples/{journey.id}.yaml"] = document
    return documents


def write_workspace(
    result: ImportResult, out_dir: str | Path, commit: str = DEFAULT_COMMIT
) -> list[Path]:
    """Write the workspace files atomically into ``out_dir``; returns the paths written."""
    from ple.io.atomic import write_atomically

    out = Path(out_dir)
    header = (
        f"# Generated by `ple import benefit-finder` from {UPSTREAM}\n"
        f"# at commit {commit}. Do not edit: regenerate with `make import-data`.\n"
    )
    written = []
    for name, document in workspace_documents(result, commit).items():
        text = header + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
        path = out / name
        write_atomically(path, text.encode("utf-8"))
        written.append(path)
    return written
