"""A cache of validated file content, keyed by the file's bytes.

Loading a large workspace is mostly parsing and validating; an unchanged file
gives the same result every time, so its validated objects are kept on disk
under the hash of its bytes (and of the code that validated them). Editing one
journey re-reads one file, not the workspace.

The cache lives in the user's own cache folder (``$PLE_CACHE_DIR``, else
``$XDG_CACHE_HOME/ple``, else ``~/.cache/ple``) and holds pickles written by this
program only; set ``PLE_NO_CACHE=1`` to switch it off. A damaged or unreadable
entry is ignored and rewritten, and a cache that cannot be written is skipped:
the cache can make loading faster, never make it fail.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.metadata
import os
import pickle
import sys
import tempfile
from functools import cache
from pathlib import Path

import ple
from ple import limits
from ple.errors import Problem
from ple.io.documents import FileContent


def cache_dir() -> Path | None:
    """Where entries live, or None when the cache is switched off."""
    if os.environ.get("PLE_NO_CACHE", "").strip().lower() not in ("", "0", "false", "no"):
        return None
    if os.environ.get("PLE_CACHE_DIR"):
        return Path(os.environ["PLE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "ple"


PRODUCER = "ple.io.loader"
"""The module that makes the cached values (it reads, parses and validates each file)."""
LIBRARIES = ("pydantic", "pydantic-core", "PyYAML", "yaml-rs")
"""The distributions whose code shapes a cached value: the validator and both parsers."""


@cache
def code_fingerprint() -> str:
    """A hash of everything that shapes a cached value, so upgrades never read stale
    entries (a parser that once cut a file short at a NUL byte must not have its short
    reading served again after the fix): Python, the libraries that parse and validate,
    the source of every module of the package that :data:`PRODUCER` imports, and the
    limits in force (a file refused under one limit may be read under another)."""
    return fingerprint_of(Path(ple.__file__).parent)


def fingerprint_of(package: Path) -> str:
    """:func:`code_fingerprint` of the package at ``package``."""
    digest = hashlib.sha256(f"{ple.__version__}|{sys.version}|{limits.fingerprint()}".encode())
    for library in LIBRARIES:
        try:
            digest.update(f"|{library} {importlib.metadata.version(library)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"|{library} missing".encode())
    for source in shaping_sources(package):
        digest.update(b"\0" + source.relative_to(package).as_posix().encode() + b"\0")
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def shaping_sources(package: Path) -> list[Path]:
    """The files of :data:`PRODUCER` and of every package module it imports, directly or
    through other modules, at the top or inside a function, with the ``__init__.py`` of
    each package an import runs: everything whose change can change a cached value. Read
    from the source, not from ``sys.modules``, so a module imported only when some file
    needs it counts too."""
    root = package.parent
    found: set[Path] = set()
    waiting = [PRODUCER]
    while waiting:
        for source in _module_files(root, waiting.pop()):
            if source in found:
                continue
            found.add(source)
            waiting += _imports(source, package.name)
    return sorted(found)


def _module_files(root: Path, module: str) -> list[Path]:
    """The file of ``module`` and the ``__init__.py`` of every package on its way."""
    parts = module.split(".")
    files = [root.joinpath(*parts[:n], "__init__.py") for n in range(1, len(parts) + 1)]
    files.append(root.joinpath(*parts).with_suffix(".py"))
    return [f for f in files if f.is_file()]


def _imports(source: Path, package: str) -> list[str]:
    """Modules of ``package`` that ``source`` imports; ``from a import b`` counts ``a.b``
    too, which is a module when ``b`` is one."""
    names: list[str] = []
    for node in ast.walk(ast.parse(source.read_bytes())):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names += [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
    return [n for n in names if n == package or n.startswith(package + ".")]


def content_key(data: bytes, suffix: str) -> str:
    """The cache key of a file: its bytes, how it is parsed, and the code's fingerprint."""
    digest = hashlib.sha256(data)
    digest.update(f"|{suffix.lower()}|{code_fingerprint()}".encode())
    return digest.hexdigest()


def _entry_path(root: Path, key: str) -> Path:
    return root / key[:2] / f"{key}.pickle"


def get(key: str) -> FileContent | None:
    """The cached content for ``key``, or None (also for a damaged entry)."""
    root = cache_dir()
    if root is None:
        return None
    try:
        data = _entry_path(root, key).read_bytes()
    except OSError:
        return None
    try:
        content = pickle.loads(data)
    except Exception:
        return None
    return content if isinstance(content, FileContent) else None


def put(key: str, content: FileContent) -> None:
    """Store ``content`` atomically; silently skip when the cache cannot be written."""
    root = cache_dir()
    if root is None:
        return
    target = _entry_path(root, key)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(content, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, target)
    except OSError:
        return


def workspace_key(file_keys: list[str]) -> str:
    """One key for a whole workspace: its files' names and content keys, in order."""
    return hashlib.sha256("\n".join(file_keys).encode()).hexdigest()


def _workspace_path(root: Path, key: str) -> Path:
    return root / "workspaces" / f"{key}.pickle"


def workspace_problems(key: str) -> list[Problem] | None:
    """The problems the checks across files found in a workspace with exactly these
    files (warnings, placed on lines), or None when it was not loaded without errors."""
    root = cache_dir()
    if root is None:
        return None
    try:
        problems = pickle.loads(_workspace_path(root, key).read_bytes())
    except Exception:  # missing, unreadable or damaged: check again
        return None
    if isinstance(problems, list) and all(isinstance(p, Problem) for p in problems):
        return problems
    return None


def keep_workspace_problems(key: str, problems: list[Problem]) -> None:
    """Remember what the checks across files found in this exact workspace, which
    loaded without errors (an empty list for a clean one)."""
    root = cache_dir()
    if root is None:
        return
    target = _workspace_path(root, key)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(problems, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, target)
    except OSError:
        return
