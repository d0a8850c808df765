"""Who may open which workspace in the app, and from which address.

The app runs in one of two modes:

* **Local** (``make run``, ``ple app``): one person on their own machine. Any folder can
  be opened, as in any desktop program.
* **Server** (``ple app --root DIR``, or ``roots`` in the ``[server]`` table of
  Streamlit's secrets): a CX office runs the app for a team. The operator fixes the
  workspace roots at start, and the app opens folders inside them only; the file store
  (:mod:`ple.edit.store`) in turn writes inside the open workspace only.

In both modes the browser must have reached the app under an allowed host name
(``localhost`` and the loopback addresses, plus ``--allow-host`` names or ``hosts`` in the
secrets). A page on another domain that resolves to this machine (DNS rebinding) sends its
own name in the ``Host`` header and is turned away before the page script does anything.

A server can also ask visitors to sign in (``ple app --sign-in``, or ``sign_in = true`` in
``[server]``); who may then save is :mod:`ple.signin`'s business.

Settings come from the environment (set by ``ple app``) or from the secrets; the
environment wins. Nothing here imports Streamlit: the shell passes the header and the
secrets in.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ple.signin import NOT_SIGNED_IN, Person, Roles, local_person, person_from_claims

LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
ROOTS_VARIABLE = "PLE_ROOTS"
"""Workspace roots, separated by the system's path separator (``:`` on Linux)."""
HOSTS_VARIABLE = "PLE_ALLOWED_HOSTS"
"""Extra host names the app answers to, separated by commas."""
SIGN_IN_VARIABLE = "PLE_SIGN_IN"
"""``1``: visitors must sign in (``ple app --sign-in``)."""
EDITORS_VARIABLE = "PLE_EDITORS"
"""Who may save once signed in: e-mail addresses or ``@domain``, separated by commas."""


@dataclass(frozen=True)
class Access:
    roots: tuple[Path, ...] = ()
    """Resolved workspace roots; none means local mode (any folder)."""
    hosts: tuple[str, ...] = LOOPBACK_HOSTS
    sign_in: bool = False
    """Visitors sign in, and only editors may save (:mod:`ple.signin`)."""
    roles: Roles = field(default_factory=Roles)

    @property
    def server_mode(self) -> bool:
        return bool(self.roots)


def from_settings(
    environ: Mapping[str, str] | None = None, secrets: Mapping[str, Any] | None = None
) -> Access:
    """The access settings in force: the environment's, else the secrets' ``[server]``."""
    environ = os.environ if environ is None else environ
    server = (secrets or {}).get("server") or {}
    roots: list[str] = (
        [r for r in environ[ROOTS_VARIABLE].split(os.pathsep) if r]
        if environ.get(ROOTS_VARIABLE)
        else [str(r) for r in server.get("roots") or []]
    )
    hosts: list[str] = (
        [h.strip() for h in environ[HOSTS_VARIABLE].split(",") if h.strip()]
        if environ.get(HOSTS_VARIABLE)
        else [str(h) for h in server.get("hosts") or []]
    )
    sign_in = (
        environ[SIGN_IN_VARIABLE].strip().lower() in _YES
        if environ.get(SIGN_IN_VARIABLE)
        else server.get("sign_in") is True
    )
    editors = environ[EDITORS_VARIABLE].split(",") if environ.get(EDITORS_VARIABLE) else None
    return Access(
        tuple(Path(r).expanduser().resolve() for r in roots),
        tuple(dict.fromkeys([*LOOPBACK_HOSTS, *(h.lower() for h in hosts)])),
        sign_in,
        Roles.from_table(server, editors),
    )


_YES = ("1", "true", "yes", "on")


def secrets_files(explicit: Path | None = None) -> list[Path]:
    """Where Streamlit looks for secrets when the app starts from this folder: the file
    given to ``ple app --secrets``, else the user's own and this folder's
    ``.streamlit/secrets.toml`` (the latter wins)."""
    if explicit is not None:
        return [explicit]
    return [Path.home() / ".streamlit" / "secrets.toml", Path(".streamlit") / "secrets.toml"]


def read_secrets(files: Sequence[Path]) -> dict[str, Any]:
    """The secrets in ``files`` that exist, later ones winning table by table, as
    Streamlit merges them. A file that is not TOML raises ValueError naming the file,
    line and column."""
    merged: dict[str, Any] = {}
    for file in files:
        if not file.is_file():
            continue
        try:
            merged.update(tomllib.loads(file.read_text(encoding="utf-8")))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise ValueError(f"{file}: {error}") from None
    return merged


def person(access: Access, user: Mapping[str, Any] | None) -> Person:
    """Who is using the app: with sign-in, the person ``user`` (the claims of ``st.user``)
    describes, or nobody when no one signed in; without, the computer's own user."""
    if not access.sign_in:
        return local_person()
    if not user or not user.get("is_logged_in"):
        return NOT_SIGNED_IN
    return person_from_claims(user, access.roles)


def host_name(header: str) -> str:
    """The name part of a ``Host`` header: ``example.gov:8501`` -> ``example.gov``,
    ``[::1]:8501`` -> ``::1``."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def host_allowed(access: Access, headers: Mapping[str, str] | None) -> bool:
    """Whether a request with these headers may run the app. No headers at all is a run
    without a browser (a test harness), not a request, and is allowed; a request
    without a ``Host`` is not."""
    if not headers:
        return True
    found = {k.lower(): v for k, v in headers.items()}.get("host")
    return found is not None and host_name(found) in access.hosts


@dataclass(frozen=True)
class Refused:
    """Why a folder cannot be opened."""

    message: str


def workspace_folder(access: Access, typed: str) -> Path | Refused:
    """The folder (or file) ``typed`` names, if this app may open it."""
    if not typed.strip():
        return Refused("Type the path of a workspace folder.")
    path = Path(typed.strip()).expanduser()
    if not access.server_mode:
        return path
    if not path.is_absolute():
        path = access.roots[0] / path
    resolved = path.resolve()
    if not any(resolved == root or resolved.is_relative_to(root) for root in access.roots):
        return Refused(
            f"{typed.strip()} is outside the folders this app serves; "
            f"choose a folder inside {', '.join(str(r) for r in access.roots)}."
        )
    return resolved


def default_workspace(access: Access, wanted: str) -> str:
    """The workspace to open first: ``wanted`` where allowed, else the first root."""
    chosen = workspace_folder(access, wanted)
    if isinstance(chosen, Refused):
        return str(access.roots[0]) if access.roots else wanted
    return str(chosen) if access.server_mode else wanted
