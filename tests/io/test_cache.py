"""The file cache: an unchanged file is not parsed again; damage is harmless."""

from __future__ import annotations

import importlib.metadata
import shutil
import subprocess
import sys
from pathlib import Path

import ple
from ple.io import cache, load_workspace
from ple.io import loader as loader_module
from tests.conftest import CATALOG, ROOT, SMALL


def count_parses(monkeypatch) -> list[str]:
    parsed: list[str] = []
    real = loader_module.parse_fast

    def spy(text: str, suffix: str):
        parsed.append(text)
        return real(text, suffix)

    monkeypatch.setattr(loader_module, "parse_fast", spy)
    return parsed


def test_unchanged_files_are_not_parsed_again(write, monkeypatch):
    write("catalog.yaml", CATALOG)
    folder = write("more.yaml", "agencies:\n  - {id: va, name: Veterans Affairs}\n")
    parsed = count_parses(monkeypatch)
    first = load_workspace(folder)
    assert len(parsed) == 2
    second = load_workspace(folder)
    assert len(parsed) == 2
    assert second.workspace == first.workspace

    (folder / "more.yaml").write_text("agencies:\n  - {id: va, name: VA}\n", encoding="utf-8")
    third = load_workspace(folder)
    assert len(parsed) == 3
    assert third.workspace.agencies["va"].name == "VA"


def test_files_with_errors_are_not_cached(write, monkeypatch):
    folder = write("catalog.yaml", "agencies:\n  - {id: ssa}\n")
    parsed = count_parses(monkeypatch)
    load_workspace(folder)
    load_workspace(folder)
    assert len(parsed) == 2


def test_damaged_cache_entries_are_ignored(write, monkeypatch, tmp_path):
    folder = write("catalog.yaml", CATALOG)
    load_workspace(folder)
    cache_root = Path(__import__("os").environ["PLE_CACHE_DIR"])
    for entry in cache_root.rglob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert load_workspace(folder).ok


def test_cache_can_be_switched_off(write, monkeypatch):
    folder = write("catalog.yaml", CATALOG)
    monkeypatch.setenv("PLE_NO_CACHE", "1")
    parsed = count_parses(monkeypatch)
    load_workspace(folder)
    load_workspace(folder)
    assert len(parsed) == 2


def test_unwritable_cache_does_not_fail_loading(write, monkeypatch, tmp_path):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    monkeypatch.setenv("PLE_CACHE_DIR", str(blocker))
    assert load_workspace(write("catalog.yaml", CATALOG)).ok


def count_reference_checks(monkeypatch) -> list[int]:
    from ple.io import references

    calls: list[int] = []
    real = references.find_reference_problems

    def spy(workspace):
        calls.append(1)
        return real(workspace)

    monkeypatch.setattr(references, "find_reference_problems", spy)
    return calls


def test_an_unchanged_clean_workspace_skips_the_reference_check(write, monkeypatch):
    folder = write("catalog.yaml", CATALOG)
    calls = count_reference_checks(monkeypatch)
    load_workspace(folder)
    load_workspace(folder)
    assert len(calls) == 1
    (folder / "catalog.yaml").write_text(CATALOG + "\n# edited\n", encoding="utf-8")
    load_workspace(folder)
    assert len(calls) == 2


def test_a_workspace_with_problems_is_checked_every_time(write, monkeypatch):
    folder = write("catalog.yaml", CATALOG.replace("agency: ssa", "agency: sssa"))
    calls = count_reference_checks(monkeypatch)
    assert not load_workspace(folder).ok
    first = len(calls)
    assert not load_workspace(folder).ok
    assert first >= 1 and len(calls) == 2 * first


WARNED = """
id: retire
name: Retirement
steps:
  - id: plan
    name: Plan
    agency: ssa
    next:
      - to: apply
        handoff: {type: warm}
  - id: apply
    name: Apply
    agency: ssa
    end: true
"""
"""A handoff on a move within one agency: a warning from the checks across files."""


def test_a_workspace_with_warnings_stays_on_the_fast_path(write, monkeypatch):
    write("catalog.yaml", CATALOG)
    folder = write("retire.yaml", WARNED)
    parsed = count_parses(monkeypatch)
    calls = count_reference_checks(monkeypatch)
    first = load_workspace(folder)
    [warning] = first.problems
    assert (warning.line, warning.column, warning.code) == (9, 9, "handoff-within-agency")
    second = load_workspace(folder)
    assert second.problems == first.problems  # the same warning, on the same line
    assert len(parsed) == 2 and len(calls) == 1  # nothing parsed or checked again


def test_warnings_are_found_without_parsing_the_file_with_marks(write, monkeypatch):
    from ple.io import loader, locate

    def refuse(*_args):
        raise AssertionError("the whole file was parsed with marks")

    write("catalog.yaml", CATALOG)
    folder = write("retire.yaml", WARNED)
    monkeypatch.setattr(loader, "parse_located", refuse)
    monkeypatch.setattr(locate, "_whole", refuse)
    [warning] = load_workspace(folder).problems
    assert warning.line == 9


# --- the key: everything that shapes a cached value -------------------------------------

PACKAGE = Path(ple.__file__).parent


def test_every_package_module_a_load_runs_shapes_the_key(tmp_path):
    """Found independently of the import reading: the package modules that are loaded
    after a child process has read a workspace with warnings and one with errors."""
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws" / "catalog.yaml").write_text(CATALOG + "\n  - {id: x, name: X, y: 1}\n")
    script = (
        "import sys\nfrom ple.io.loader import load_workspace\n"
        f"load_workspace({str(SMALL)!r}, use_cache=False)\n"
        f"load_workspace({str(tmp_path / 'ws')!r}, use_cache=False)\n"
        "print('\\n'.join(m.__file__ for n, m in sys.modules.items()\n"
        "                 if n == 'ple' or n.startswith('ple.')))\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout.split()
    assert {Path(f) for f in loaded} <= set(cache.shaping_sources(PACKAGE))


def test_a_change_to_any_module_that_shapes_a_value_changes_the_key(tmp_path):
    copy = tmp_path / "ple"
    shutil.copytree(
        PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "static", "frontend")
    )
    sources = [s.relative_to(PACKAGE) for s in cache.shaping_sources(PACKAGE)]
    assert {"errors.py", "io/parse.py", "io/documents.py", "model/journey.py"} <= {
        s.as_posix() for s in sources
    }
    before = cache.fingerprint_of(copy)
    assert before == cache.code_fingerprint()
    for source in sources:
        original = (copy / source).read_bytes()
        (copy / source).write_bytes(original + b"\n# changed\n")
        assert cache.fingerprint_of(copy) != before, f"{source} does not shape the key"
        (copy / source).write_bytes(original)
    assert cache.fingerprint_of(copy) == before


def test_a_parser_or_validator_upgrade_changes_the_key(monkeypatch):
    before = cache.fingerprint_of(PACKAGE)
    real = importlib.metadata.version
    for library in ("yaml-rs", "PyYAML", "pydantic", "pydantic-core"):
        monkeypatch.setattr(
            importlib.metadata,
            "version",
            lambda name, library=library: "99.0" if name == library else real(name),
        )
        assert cache.fingerprint_of(PACKAGE) != before, library
