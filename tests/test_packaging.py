"""What ``pip install`` needs to know: every library the package imports is declared,
the round-trip YAML library is pinned below its next minor release (``ple/edit`` relies on
its internals), and the licence is an SPDX expression that installs without warnings."""

from __future__ import annotations

import ast
import importlib.metadata
import shutil
import subprocess
import sys
import tomllib

import pytest
from packaging.licenses import canonicalize_license_expression
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]


def requirements(*extras: str) -> dict[str, Requirement]:
    """The dependencies (and those of ``extras``) by canonical distribution name."""
    lines = [
        *PROJECT["dependencies"],
        *(line for extra in extras for line in PROJECT["optional-dependencies"][extra]),
    ]
    return {canonicalize_name(r.name): r for r in map(Requirement, lines)}


def imported_modules() -> dict[str, str]:
    """Top-level modules the package imports (at the top or inside a function), with the
    first file that imports each; the standard library and ``ple`` itself left out."""
    found: dict[str, str] = {}
    for source in sorted((ROOT / "ple").rglob("*.py")):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top != "ple" and top not in sys.stdlib_module_names:
                    found.setdefault(top, str(source.relative_to(ROOT)))
    return found


def test_every_imported_library_is_declared():
    extras = [e for e in PROJECT["optional-dependencies"] if e != "dev"]
    declared = requirements(*extras)
    distributions = importlib.metadata.packages_distributions()
    missing = {}
    for module, where in imported_modules().items():
        names = {canonicalize_name(d) for d in distributions.get(module, [module])}
        if not names & declared.keys():
            missing[module] = where
    assert not missing, f"imported but not declared in pyproject.toml: {missing}"


def test_ruamel_yaml_is_pinned_below_its_next_minor_release():
    pin = requirements()["ruamel-yaml"]
    installed = Version(importlib.metadata.version("ruamel.yaml"))
    upper = [s for s in pin.specifier if s.operator == "<"]
    assert upper, f"{pin} has no upper bound"
    assert installed in pin.specifier, f"the tests run {installed}, outside {pin}"
    following = Version(f"{installed.major}.{installed.minor + 1}")
    assert following not in pin.specifier, f"{pin} lets {following} in untested"


def test_the_licence_is_an_spdx_expression():
    licence = PROJECT["license"]
    assert isinstance(licence, str), "a table is deprecated; write the SPDX expression"
    assert canonicalize_license_expression(licence) == licence


@pytest.mark.skipif(
    Version(importlib.metadata.version("setuptools")) < Version("77"),
    reason="setuptools 77 or newer reads SPDX licence expressions",
)
def test_building_the_package_prints_no_deprecation_warning(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "ple", source / "ple", ignore=shutil.ignore_patterns("__pycache__", "node_modules")
    )
    script = (
        "import os, warnings\n"
        "os.mkdir('meta')\n"
        "from setuptools.warnings import SetuptoolsDeprecationWarning\n"
        "warnings.simplefilter('error', SetuptoolsDeprecationWarning)\n"
        "from setuptools import build_meta\n"
        "print(build_meta.prepare_metadata_for_build_wheel('meta'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=source, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "Deprecat" not in done.stdout + done.stderr
    metadata = (source / "meta" / done.stdout.split()[-1] / "METADATA").read_text()
    assert f"License-Expression: {PROJECT['license']}" in metadata
