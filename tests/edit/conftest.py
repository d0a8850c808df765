"""A writable copy of the small test workspace for each editing test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import SMALL


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """tests/fixtures/small copied: catalog.yaml, journeys/retirement.yaml (current) and
    journeys/future.yaml (its future state)."""
    target = tmp_path / "ws"
    shutil.copytree(SMALL, target)
    return target
