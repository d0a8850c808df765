"""Each kind of bad input gives one exact, located message and never a traceback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from ple import limits
from ple.io import load_workspace
from tests.conftest import CATALOG


def messages(folder: Path) -> list[str]:
    """Every problem as the CLI prints it, with the folder prefix removed."""
    result = load_workspace(folder)
    return [str(p).replace(f"{folder}/", "") for p in result.problems]


JOURNEY = """
id: retire
name: Retire
steps:
  - id: apply
    name: Apply
    agency: ssa
    next:
      - to: enroll
  - id: enroll
    name: Enroll
    agency: cms
    end: true
"""


def test_valid_workspace_has_no_problems(write):
    write("catalog.yaml", CATALOG)
    folder = write("retire.yaml", JOURNEY)
    result = load_workspace(folder)
    assert result.ok and result.problems == []
    assert list(result.workspace.journeys) == ["retire"]


def test_unknown_key_suggests_the_field(write):
    write("catalog.yaml", CATALOG)
    folder = write("retire.yaml", JOURNEY.replace("    end: true", "    ennd: true"))
    assert messages(folder) == [
        "retire.yaml:12:5: steps[1].ennd: unknown field 'ennd' (did you mean 'end'?)",
    ]


def test_unknown_top_level_collection_suggests_the_name(write):
    folder = write("catalog.yaml", CATALOG.replace("data_items:", "data_itms:"))
    assert messages(folder) == [
        "catalog.yaml:6:1: data_itms: unknown top-level key 'data_itms' "
        "(did you mean 'data_items'?)",
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "agency: cms",
            "agency: cmss",
            "retire.yaml:11:5: steps[1].agency: unknown agency 'cmss' (did you mean 'cms'?)",
        ),
        (
            "- to: enroll",
            "- to: enrol",
            "retire.yaml:8:9: steps[0].next[0].to: unknown step 'enrol' (did you mean 'enroll'?)",
        ),
        (
            "    agency: ssa\n",
            "    agency: ssa\n    program: ssa-retirment\n",
            "retire.yaml:7:5: steps[0].program: unknown program 'ssa-retirment' "
            "(did you mean 'ssa-retirement'?)",
        ),
        (
            "    agency: ssa\n",
            "    agency: ssa\n    requests: [ssm]\n",
            "retire.yaml:7:16: steps[0].requests[0]: unknown data item 'ssm' (did you mean 'ssn'?)",
        ),
        (
            "    agency: ssa\n",
            "    agency: ssa\n    stage: plan\n",
            "retire.yaml:7:5: steps[0].stage: unknown stage 'plan'",
        ),
        (
            "    agency: ssa\n",
            "    agency: ssa\n    personas: [retiree]\n",
            "retire.yaml:7:16: steps[0].personas[0]: unknown persona 'retiree'",
        ),
        (
            "name: Retire\n",
            "name: Retire\nstate: future\nbaseline: retir\n",
            "retire.yaml:4:1: baseline: unknown journey 'retir' (did you mean 'retire'?)",
        ),
        (
            "name: Retire\n",
            "name: Retire\nentry: [aply]\n",
            "retire.yaml:3:9: entry[0]: unknown step 'aply' (did you mean 'apply'?)",
        ),
        # Before, a misspelled rule validated and the finding it was to accept stayed open.
        (
            "steps:\n",
            "accepted_findings:\n  - {rule: repeated-requests, reason: Law}\nsteps:\n",
            "retire.yaml:4:6: accepted_findings[0].rule: unknown gap rule 'repeated-requests' "
            "(did you mean 'repeated-request'?)",
        ),
    ],
)
def test_unresolved_reference_names_the_place_and_suggests(write, old, new, expected):
    write("catalog.yaml", CATALOG)
    folder = write("retire.yaml", JOURNEY.replace(old, new, 1))
    assert messages(folder) == [expected]


def test_duplicate_id_across_files_names_both_places(write):
    write("catalog.yaml", CATALOG)
    folder = write("more.yaml", "agencies:\n  - {id: ssa, name: Again}\n")
    assert messages(folder) == [
        "more.yaml:2:6: agencies[0].id: duplicate agency id 'ssa'; the first definition is "
        "used (see catalog.yaml:2:6)",
    ]


def test_duplicate_step_id_names_both_places(write):
    write("catalog.yaml", CATALOG)
    folder = write("retire.yaml", JOURNEY.replace("id: enroll", "id: apply"))
    assert (
        "retire.yaml:9:5: steps[1].id: duplicate step id 'apply' in this journey "
        "(see retire.yaml:4:5)"
    ) in messages(folder)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    agency: ssa\n",
            "    agency: ssa\n    sentiment: 5\n",
            "retire.yaml:7:5: steps[0].sentiment: Input should be less than or equal to 2, got 5",
        ),
        (
            "    agency: ssa\n",
            "    agency: ssa\n    channels: [fax]\n",
            "retire.yaml:7:16: steps[0].channels[0]: 'fax' is not one of: online, phone, "
            "in_person, mail, email, chat, automatic",
        ),
        (
            "    agency: ssa\n",
            "    agency: ssa\n    burden: {minutes: -5}\n",
            "retire.yaml:7:14: steps[0].burden.minutes: Input should be greater than or equal "
            "to 0, got -5",
        ),
        (
            "      - to: enroll\n",
            "      - to: enroll\n        share: 1.5\n",
            "retire.yaml:9:9: steps[0].next[0].share: Input should be less than or equal to 1, "
            "got 1.5",
        ),
        (
            "id: retire",
            "id: Retire_Journey",
            "retire.yaml:1:1: id: 'Retire_Journey' is not a valid id: use lowercase letters, "
            "digits and hyphens",
        ),
        ("    name: Enroll\n", "", "retire.yaml:9:5: steps[1].name: missing required field 'name'"),
        (
            "    end: true",
            "    end: yes",
            "retire.yaml:12:5: steps[1].end: Input should be a valid boolean, got 'yes'",
        ),
        (
            "      - to: enroll\n",
            "      - to: enroll\n        share: 0.25.5\n",
            "retire.yaml:9:9: steps[0].next[0].share: Input should be a valid number, unable to "
            "parse string as a number, got '0.25.5'",
        ),
    ],
)
def test_bad_values_name_field_and_value(write, old, new, expected):
    write("catalog.yaml", CATALOG)
    folder = write("retire.yaml", JOURNEY.replace(old, new, 1))
    assert messages(folder) == [expected]


def test_every_problem_of_a_file_is_reported_in_one_pass(write):
    write("catalog.yaml", CATALOG)
    bad = JOURNEY.replace("    agency: ssa\n", "    agency: ssa\n    channels: [fax]\n", 1)
    folder = write("retire.yaml", bad.replace("agency: cms", "agency: cmss"))
    assert len(messages(folder)) == 2  # the bad channel and, despite it, the bad agency


def test_python_tags_are_refused(write):
    folder = write("evil.yaml", "agencies:\n  - !!python/object/apply:os.system ['echo hi']\n")
    assert messages(folder) == [
        "evil.yaml:2:5: YAML tags are not allowed: tag:yaml.org,2002:python/object/apply:os.system"
    ]


def test_billion_laughs_fails_fast(write):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for name, previous in zip("bcdefghi", "abcdefgh", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    folder = write("bomb.yaml", "\n".join(lines) + "\n")
    started = time.perf_counter()
    found = messages(folder)
    assert time.perf_counter() - started < 1.0
    assert len(found) == 1 and found[0].startswith("bomb.yaml")
    assert "alias" in found[0]


def test_file_over_the_size_cap_is_refused(write, monkeypatch):
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 2**20)
    folder = write("big.yaml", "agencies: []\n" + "#" * (3 * 2**19))
    assert messages(folder) == [
        "big.yaml: not read: the file is 1.5 MiB, over the limit of "
        "1 MiB per file (set PLE_MAX_FILE_MB to raise it, or split "
        "the file)"
    ]


def test_undecodable_bytes_name_the_file_and_place(write):
    folder = write("latin1.yaml", "agencies:\n  - {id: ssa, name: Se\xf1or}\n".encode("latin-1"))
    assert messages(folder) == ["latin1.yaml:2:23: not UTF-8 text: byte 0xf1 cannot be decoded"]


def test_syntax_error_is_located(write):
    folder = write("broken.yaml", "agencies:\n  - {id: ssa, name: [unclosed\n")
    found = messages(folder)
    assert len(found) == 1
    assert found[0].startswith("broken.yaml:3:") and "not valid YAML" in found[0]


def test_duplicate_keys_are_refused(write):
    folder = write("dup.yaml", "agencies: []\nagencies: []\n")
    assert messages(folder) == ["dup.yaml:2:1: duplicate key 'agencies'"]


def test_several_documents_are_refused(write):
    folder = write("two.yaml", "agencies: []\n---\nprograms: []\n")
    assert messages(folder) == ["two.yaml:3:1: a file must hold one YAML document; found several"]


def test_json_files_are_read_and_their_errors_located(write):
    folder = write("catalog.json", '{"agencies": [{"id": "ssa", "name": "SSA", "hsip": true}]}')
    assert messages(folder) == [
        "catalog.json:1:44: agencies[0].hsip: unknown field 'hsip' (did you mean 'hisp'?)"
    ]


def test_top_level_list_is_explained(write):
    folder = write("list.yaml", "- id: ssa\n")
    assert messages(folder) == [
        "list.yaml: the top level must be a mapping with agencies, programs, data_items or "
        "journeys, or one journey with id and steps; found a list"
    ]


def test_empty_file_is_a_warning_not_an_error(write):
    write("catalog.yaml", CATALOG)
    folder = write("empty.yaml", "")
    result = load_workspace(folder)
    assert result.ok
    assert [str(p).replace(f"{folder}/", "") for p in result.problems] == [
        "empty.yaml: warning: file is empty"
    ]


def test_missing_folder_and_empty_folder(tmp_path):
    assert [p.message for p in load_workspace(tmp_path / "nope").problems] == [
        "no such file or folder"
    ]
    assert [p.message for p in load_workspace(tmp_path).problems] == [
        "no .yaml, .yml, .json files found"
    ]


def test_dates_and_yes_stay_strings(write):
    folder = write("catalog.yaml", "agencies:\n  - {id: ssa, name: 2024-05-01, acronym: yes}\n")
    agency = load_workspace(folder).workspace.agencies["ssa"]
    assert (agency.name, agency.acronym) == ("2024-05-01", "yes")


def test_agency_parent_loops_are_reported(write):
    folder = write(
        "catalog.yaml",
        """
        agencies:
          - {id: a, name: A, parent: b}
          - {id: b, name: B, parent: a}
          - {id: c, name: C, parent: c}
        """,
    )
    assert messages(folder) == [
        "catalog.yaml:2:22: agencies[0].parent: agency parents form a loop: a -> b -> a",
        "catalog.yaml:3:22: agencies[1].parent: agency parents form a loop: b -> a -> b",
        "catalog.yaml:4:22: agencies[2].parent: agency parents form a loop: c -> c",
    ]


def test_infinite_burden_is_refused(write):
    write("catalog.yaml", CATALOG)
    folder = write(
        "retire.yaml",
        JOURNEY.replace("    agency: ssa\n", "    agency: ssa\n    burden: {minutes: .inf}\n", 1),
    )
    assert messages(folder) == [
        "retire.yaml:7:14: steps[0].burden.minutes: Input should be a finite number, got inf"
    ]


def test_handoff_within_one_agency_is_a_warning(write):
    write("catalog.yaml", CATALOG)
    folder = write(
        "retire.yaml",
        JOURNEY.replace("agency: cms", "agency: ssa").replace(
            "      - to: enroll\n", "      - to: enroll\n        handoff: {type: warm}\n"
        ),
    )
    result = load_workspace(folder)
    assert result.ok
    assert [str(p).replace(f"{folder}/", "") for p in result.problems] == [
        "retire.yaml:9:9: steps[0].next[0].handoff: warning: a handoff on a move within one "
        "agency (ssa) is not a handoff between agencies and is ignored"
    ]


def test_the_usable_part_leaves_out_what_has_errors_and_what_depends_on_it(write):
    write("catalog.yaml", CATALOG + "  - {id: broken, name: Broken, kind: fakt}\n")
    write("retire.yaml", JOURNEY)
    folder = write(
        "other.yaml",
        JOURNEY.replace("id: retire", "id: other").replace("agency: cms", "agency: nowhere"),
    )
    result = load_workspace(folder)
    assert not result.ok and result.workspace is None
    assert list(result.usable.journeys) == ["retire"]
    assert "broken" not in result.usable.data_items
    assert "ssn" in result.usable.data_items


def test_a_valid_workspace_is_its_own_usable_part(write):
    write("catalog.yaml", CATALOG)
    result = load_workspace(write("retire.yaml", JOURNEY))
    assert result.usable is result.workspace


def test_a_count_past_64_bits_is_refused_where_it_is_written(write):
    """A graph database holds 64-bit integers and would clamp a bigger one silently in its
    copy; the files refuse it instead (the named limits on counts are far below 2**63), at
    the line and column of the number."""
    write("catalog.yaml", "agencies:\n  - {id: ssa, name: SSA}\n")
    folder = write(
        "j.yaml",
        """
        id: j
        name: J
        volume: {per_year: 9223372036854775808, source: a count}
        steps:
          - {id: a, name: A, agency: ssa, end: true, burden: {visits: 9223372036854775807}}
    """,
    )
    result = load_workspace(folder, use_cache=False)
    found = {(p.line, p.field): p.message for p in result.errors}
    assert set(found) == {(3, "volume.per_year"), (5, "steps[0].burden.visits")}, found
    assert "9223372036854775808" in found[(3, "volume.per_year")]


TWO_WAYS = JOURNEY.replace(
    "    next:\n      - to: enroll\n",
    "    next:\n      - {to: enroll, share: 0.8}\n      - {to: apply, share: 0.5}\n",
)


def test_the_shares_of_a_choice_may_not_add_up_to_more_than_everyone(write):
    write("catalog.yaml", CATALOG)
    folder = write("retire.yaml", TWO_WAYS)
    assert messages(folder) == [
        "retire.yaml:7:5: steps[0].next: the shares of this step's branches add up to 1.3, "
        "more than 1"
    ]


def test_the_shares_of_a_fork_are_not_added_up(write):
    """At a fork every branch happens: 80% also enrol, half also apply again."""
    write("catalog.yaml", CATALOG)
    folder = write(
        "retire.yaml",
        TWO_WAYS.replace(
            "    agency: ssa\n    next:", "    agency: ssa\n    fork: true\n    next:"
        ),
    )
    result = load_workspace(folder)
    assert result.ok and result.problems == []
    assert result.workspace.journeys["retire"].steps[0].fork is True


def test_a_fork_with_one_way_on_is_a_warning(write):
    write("catalog.yaml", CATALOG)
    folder = write(
        "retire.yaml",
        JOURNEY.replace("    agency: ssa\n    next:", "    agency: ssa\n    fork: true\n    next:"),
    )
    result = load_workspace(folder)
    assert result.ok
    assert [str(p).replace(f"{folder}/", "") for p in result.problems] == [
        "retire.yaml:7:5: steps[0].fork: warning: a fork needs two next steps or more; with 1 "
        "it is a plain step"
    ]


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        (
            "{disabled_rules: [cold-handof]}",
            "catalog.yaml:8:36: settings.gaps.disabled_rules[0]: unknown gap rule 'cold-handof' "
            "(did you mean 'cold-handoff'?)",
        ),
        (
            "{severity: {dead-ends: error}}",
            "catalog.yaml:8:30: settings.gaps.severity.dead-ends: unknown gap rule 'dead-ends' "
            "(did you mean 'dead-end'?)",
        ),
        (
            "{severity: {dead-end: critical}}",
            "catalog.yaml:8:30: settings.gaps.severity.dead-end: Input should be 'error', "
            "'warning' or 'info', got 'critical'",
        ),
    ],
)
def test_settings_naming_a_rule_that_does_not_exist_are_refused(write, settings, expected):
    """Before, a misspelt rule in the settings was a warning at analysis: the rule stayed
    on (or at its old severity) and validate passed."""
    write("catalog.yaml", CATALOG + f"settings: {{gaps: {settings}}}\n")
    folder = write("retire.yaml", JOURNEY)
    assert messages(folder) == [expected]
