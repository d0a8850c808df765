"""The OMB Federal Program Inventory (fpi.omb.gov) as catalog programs.

One :class:`~ple.model.Program` per row whose ``program_number`` is an Assistance
Listing number; tax expenditures and other non-listing rows are skipped and counted.

Ids and agencies are derived, never looked up on the network:

* program id: ``al-`` plus the listing number with the dot as a hyphen, lowercased
  (``10.001`` -> ``al-10-001``, ``10.551A`` -> ``al-10-551a``);
* agency: the row's ``sub_agency`` when given (else its ``agency``), matched by name
  against the agencies of a given catalog (case, ``&``/``and``, punctuation and a leading
  "The"/"U.S." ignored). A name the catalog lacks becomes a new federal agency whose id is
  the slug of its name; a sub-agency gets ``parent`` = its department, and when the same
  sub-agency name occurs under two departments its id is prefixed with the department's.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ple.errors import Problem, Severity
from ple.model import Agency, Program

LISTING = re.compile(r"^\d{2}\.\d{3}[A-Z]?$")
REQUIRED_COLUMNS = ("program_number", "title", "agency")


@dataclass
class ProgramImport:
    """What the inventory yields: programs, agencies the catalog lacks, and problems."""

    programs: list[Program] = field(default_factory=list)
    agencies: list[Agency] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0
    skipped_not_listing: int = 0
    skipped_invalid: int = 0

    def to_document(self) -> dict[str, Any]:
        """The workspace YAML document: ``agencies`` (new ones only) then ``programs``."""
        document: dict[str, Any] = {}
        if self.agencies:
            document["agencies"] = [_dump(a) for a in self.agencies]
        document["programs"] = [_dump(p) for p in self.programs]
        return document


def _dump(model: Agency | Program) -> dict[str, Any]:
    data = model.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    data.setdefault("id", model.id)
    if isinstance(model, Agency):
        data["level"] = "federal"
    return data


def listing_id(number: str) -> str:
    """The program id derived from an Assistance Listing number: ``al-10-001``."""
    return "al-" + number.strip().lower().replace(".", "-")


def slugify(text: str) -> str:
    """Lowercase words joined by hyphens: ``Department of Agriculture`` ->
    ``department-of-agriculture``."""
    text = text.lower().replace("&", " and ").replace("'", "").replace("\u2019", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


BLANK_NAMES = {"", "n/a", "na", "none", "-"}
ACRONYM = re.compile(r"^(?P<name>.*?)\s*\((?P<acronym>[A-Z][A-Za-z&.]{1,11})\)$")


def split_acronym(name: str) -> tuple[str, str | None]:
    """``Internal Revenue Service (IRS)`` -> (``Internal Revenue Service``, ``IRS``)."""
    match = ACRONYM.match(name.strip())
    if match and match["name"]:
        return match["name"], match["acronym"]
    return name.strip(), None


def name_key(name: str) -> str:
    """A name normalized for matching: case, ``&``, punctuation, a trailing acronym in
    parentheses and a leading "The"/"U.S." ignored."""
    key = slugify(split_acronym(name)[0])
    for prefix in ("the-", "u-s-", "us-", "united-states-"):
        if key.startswith(prefix):
            key = key[len(prefix) :]
    return key


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(";") if part.strip()]


def read_programs(path: str | Path, catalog_agencies: Iterable[Agency] = ()) -> ProgramImport:
    """Read the inventory CSV at ``path``; never raises on bad rows (they become warnings).

    Raises :class:`OSError` when the file cannot be read and :class:`ValueError` when it
    lacks the required columns.
    """
    path = Path(path)
    source = str(path)
    result = ProgramImport()
    by_name: dict[str, str] = {}
    for agency in catalog_agencies:
        by_name.setdefault(name_key(agency.name), agency.id)
    known_ids = {agency.id for agency in catalog_agencies} if catalog_agencies else set()
    with path.open(encoding="utf-8-sig", newline="") as stream:
        reader = csv.DictReader(stream)
        missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{source}: not a program inventory CSV (missing {missing})")
        rows = [(reader.line_num, row) for row in reader]
    result.rows = len(rows)
    resolver = _AgencyResolver(by_name, known_ids, rows)
    seen: dict[str, int] = {}
    for line, row in rows:
        number = (row.get("program_number") or "").strip()
        kind = (row.get("program_type") or "").strip()
        if not LISTING.match(number):
            result.skipped_not_listing += 1
            if kind != "tax_expenditure":
                result.problems.append(
                    _warn(
                        source,
                        line,
                        "program_number",
                        f"{number or '(blank)'!r} is not an Assistance Listing number "
                        f"(program_type {kind or '(blank)'!r}); skipped",
                        number,
                    )
                )
            continue
        if number in seen:
            result.skipped_invalid += 1
            result.problems.append(
                _warn(
                    source,
                    line,
                    "program_number",
                    f"listing {number} already read on line {seen[number]}; skipped",
                    number,
                )
            )
            continue
        title = (row.get("title") or "").strip()
        department = (row.get("agency") or "").strip()
        if not title or not department:
            result.skipped_invalid += 1
            column = "title" if not title else "agency"
            result.problems.append(_warn(source, line, column, f"{column} is blank; skipped", ""))
            continue
        agency_id = resolver.resolve(department, (row.get("sub_agency") or "").strip())
        notes = (row.get("popular_name") or "").strip()
        try:
            program = Program(
                id=listing_id(number),
                name=title,
                agency=agency_id,
                assistance_listing=number,
                url=(row.get("sam_url") or "").strip() or None,
                notes=f"Also known as: {notes}" if notes else None,
                categories=_split(row.get("categories")),
                beneficiary_types=_split(row.get("beneficiary_types")),
            )
        except ValidationError as error:
            result.skipped_invalid += 1
            first = error.errors()[0]
            result.problems.append(
                _warn(
                    source,
                    line,
                    ".".join(map(str, first["loc"])),
                    f"{first['msg']}; skipped",
                    number,
                )
            )
            continue
        seen[number] = line
        result.programs.append(program)
    if result.skipped_not_listing:
        tax = sum(
            1 for _, row in rows if (row.get("program_type") or "").strip() == "tax_expenditure"
        )
        result.problems.append(
            Problem(
                source,
                f"skipped {result.skipped_not_listing} row(s) without an Assistance Listing "
                f"number ({tax} tax expenditure(s))",
                severity=Severity.warning,
                code="skipped-rows",
            )
        )
    result.agencies = resolver.new_agencies()
    return result


def _warn(file: str, line: int, column: str, message: str, value: object) -> Problem:
    return Problem(
        file,
        message,
        path=(column,),
        line=line,
        value=value,
        severity=Severity.warning,
        code="import-row",
    )


class _AgencyResolver:
    """Maps inventory agency and sub-agency names to catalog ids, creating the missing."""

    def __init__(
        self,
        by_name: Mapping[str, str],
        known_ids: set[str],
        rows: list[tuple[int, dict[str, str]]],
    ) -> None:
        self.by_name = dict(by_name)
        self.known_ids = known_ids
        self.created: dict[str, Agency] = {}
        parents: dict[str, set[str]] = {}
        for _, row in rows:
            sub = (row.get("sub_agency") or "").strip()
            if sub.lower() not in BLANK_NAMES:
                parents.setdefault(name_key(sub), set()).add(name_key(row.get("agency") or ""))
        self.ambiguous = {key for key, owners in parents.items() if len(owners) > 1}

    def _ensure(self, name: str, parent: str | None) -> str:
        key = name_key(name)
        if parent is None and key in self.by_name:
            return self.by_name[key]
        if parent is not None and key not in self.ambiguous and key in self.by_name:
            return self.by_name[key]
        name, acronym = split_acronym(name)
        slug = slugify(name) or "agency"
        if parent is not None and key in self.ambiguous:
            slug = f"{parent}-{slug}"
        if slug in self.known_ids and slug not in self.created:
            return slug  # the catalog already uses this id for this name
        if slug not in self.created:
            self.created[slug] = Agency(id=slug, name=name, acronym=acronym, parent=parent)
        if parent is None or key not in self.ambiguous:
            self.by_name[key] = slug
        return slug

    def resolve(self, department: str, sub_agency: str) -> str:
        parent = self._ensure(department, None)
        if sub_agency.lower() in BLANK_NAMES or name_key(sub_agency) == name_key(department):
            return parent
        return self._ensure(sub_agency, parent)

    def new_agencies(self) -> list[Agency]:
        return sorted(self.created.values(), key=lambda agency: agency.id)


def dump_yaml(document: dict[str, Any]) -> bytes:
    """The document as YAML text, keys in model order."""
    header = (
        "# Programs imported from the OMB Federal Program Inventory (fpi.omb.gov) by\n"
        "# `ple import programs`; see docs/real-data.md. Regenerate rather than edit.\n"
    )
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml is ~5x faster
    body = yaml.dump(document, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
    return (header + body).encode("utf-8")
