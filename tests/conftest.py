"""Shared fixtures. Every test gets its own cache folder, so no test reads another's
cache or the developer's own."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "tests" / "fixtures" / "small"
DATA = ROOT / "data"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PLE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("PLE_NO_CACHE", raising=False)
    # Tables fit $COLUMNS when it is set; the developer's terminal must not change a test.
    monkeypatch.delenv("COLUMNS", raising=False)


@pytest.fixture
def small() -> Path:
    """A hand-written workspace: one retirement journey and its future state."""
    return SMALL


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write dedented text to a file under a fresh workspace folder; returns the folder."""

    def _write(name: str, text: str | bytes) -> Path:
        target = tmp_path / "ws" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return tmp_path / "ws"

    return _write


CATALOG = """
agencies:
  - {id: ssa, name: Social Security Administration, acronym: SSA}
  - {id: cms, name: Centers for Medicare & Medicaid Services, acronym: CMS}
programs:
  - {id: ssa-retirement, name: Retirement benefits, agency: ssa}
data_items:
  - {id: ssn, name: Social Security number, kind: fact}
"""
