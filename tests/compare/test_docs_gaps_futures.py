"""docs/gaps.md's table of findings on the bundled future states is the analysis's own."""

from __future__ import annotations

from ple.gaps import analyze
from ple.io import load_workspace
from tests.conftest import DATA, ROOT

BEGIN = "<!-- future-state findings: generated; see tests/compare/test_docs_gaps_futures.py -->"
END = "<!-- end of future-state findings -->"
COLUMNS = {
    "approaching-retirement-future": "retirement, proposed",
    "recovering-from-a-disaster-future": "disaster, proposed",
    "losing-a-loved-one-future": "loved one, proposed",
}


def cell(open_count: int, accepted: int) -> str:
    return f"{open_count}" + (f" (+{accepted})" if accepted else "")


def future_state_table() -> str:
    """Open findings per rule and future state, accepted ones in brackets."""
    report = analyze(load_workspace(DATA).workspace, journeys=list(COLUMNS))
    rules = sorted({f.rule for f in report.findings})
    lines = [
        "| rule | " + " | ".join(COLUMNS.values()) + " | total |",
        "|---|" + "---|" * (len(COLUMNS) + 1),
    ]

    def count(rule: str | None, journey: str | None, accepted: bool) -> int:
        return sum(
            1
            for f in report.findings
            if (rule is None or f.rule == rule)
            and (journey is None or f.journey == journey)
            and f.accepted == accepted
        )

    for rule in [*rules, None]:
        name = f"`{rule}`" if rule else "**total**"
        cells = [cell(count(rule, j, False), count(rule, j, True)) for j in COLUMNS]
        cells.append(cell(count(rule, None, False), count(rule, None, True)))
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def test_the_future_state_table_in_docs_is_generated():
    text = (ROOT / "docs" / "gaps.md").read_text(encoding="utf-8")
    documented = text[text.index(BEGIN) + len(BEGIN) : text.index(END)].strip("\n")
    assert documented == future_state_table(), (
        "docs/gaps.md is stale: replace the future-state table with\n" + future_state_table()
    )
