"""The canvas shipped in the package is the one its source and lockfile build.

``ple/diagram/canvas/static`` is committed so that installing ple needs no Node.js; this
test builds the source again (``npm ci`` in ``frontend/`` first, as ``.ci/run`` does) and
compares every file byte for byte, so an edit to the source that was not rebuilt, or a
bundle edited by hand, fails. Without Node.js and the frontend's packages it is skipped,
unless ``PLE_REQUIRE_CANVAS_BUILD=1`` (CI) makes that a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from ple.diagram.canvas import STATIC

FRONTEND = STATIC.parent / "frontend"


def _can_build() -> bool:
    return shutil.which("node") is not None and (FRONTEND / "node_modules" / "esbuild").exists()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    if not _can_build():
        if os.environ.get("PLE_REQUIRE_CANVAS_BUILD") == "1":
            pytest.fail(
                "Node.js or the canvas's packages are missing: "
                "npm ci --prefix ple/diagram/canvas/frontend"
            )
        pytest.skip("needs Node.js and npm ci --prefix ple/diagram/canvas/frontend")
    out = tmp_path_factory.mktemp("canvas")
    subprocess.run(
        ["node", "build.mjs"],
        cwd=FRONTEND,
        check=True,
        timeout=300,
        env={**os.environ, "PLE_CANVAS_OUT": f"{out}/"},
    )
    return out


def test_the_shipped_bundle_is_what_the_source_builds(built: Path) -> None:
    shipped = sorted(p.name for p in STATIC.iterdir() if p.is_file())
    assert sorted(p.name for p in built.iterdir()) == shipped
    for name in shipped:
        assert (built / name).read_bytes() == (STATIC / name).read_bytes(), (
            f"{name} differs from a fresh build: cd {FRONTEND.relative_to(Path.cwd())} "
            "&& npm ci && npm run build"
        )


def test_the_source_type_checks() -> None:
    if not _can_build():
        pytest.skip("needs Node.js and the canvas's packages")
    done = subprocess.run(
        ["node", "node_modules/typescript/bin/tsc", "--noEmit"],
        cwd=FRONTEND,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_licences_of_what_is_bundled_ship_with_it() -> None:
    notices = (STATIC / "THIRD-PARTY-NOTICES.txt").read_text(encoding="utf-8")
    for package in ("@xyflow/react", "react", "react-dom", "zustand"):
        assert f"\n{package} " in notices or notices.startswith(f"{package} ")
