"""Who is using the app, and whether they may save: sign-in and the two roles.

Local use (``make run``, ``ple app``) has no sign-in: the person at the computer may do
anything the files allow, and their saves are recorded under their account name.

A CX office that runs the app for a team (server mode, docs/deployment.md) switches
sign-in on. Visitors then sign in with the office's OpenID Connect provider (Streamlit's
``st.login``, configured in the ``[auth]`` table of its secrets) and get one of two roles
from the ``[server]`` table:

* **editor**: browses every page and saves. Their e-mail address is in ``editors``
  (``"ana.lopez@agency.gov"``, or a whole domain written ``"@cx.agency.gov"``), or one of
  the groups the provider lists in their ``groups`` claim is in ``editor_groups``.
* **viewer**: browses every page and may try changes, but every write is refused. That is
  anyone else who signed in, or, when a ``viewers`` list is given, only the people on it;
  others are turned away at the door.

An e-mail address the provider marks as not verified (``email_verified: false``) counts
for nothing, so nobody becomes an editor by typing an address into their profile.

The file store (:mod:`ple.edit.store`) asks :func:`may_write` before every write, whatever
page or command asked for it. Nothing here imports Streamlit: the app passes in the claims
of ``st.user`` and the secrets.
"""

from __future__ import annotations

import getpass
import importlib.util
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

AUTH_KEYS = ("redirect_uri", "cookie_secret")
"""What the ``[auth]`` table needs for any provider (Streamlit's own names)."""
PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")
"""What each provider needs, in ``[auth]`` itself or in a table ``[auth.NAME]``."""
MIN_COOKIE_SECRET = 32
"""Characters of ``cookie_secret`` at least: it signs the cookie that says who someone is."""
DEFAULT_PROVIDER = "default"
"""Streamlit's name for the provider whose keys sit in ``[auth]`` itself."""


class Role(StrEnum):
    viewer = "viewer"
    editor = "editor"


@dataclass(frozen=True)
class Person:
    """Someone using the app or a command: the name their saves are recorded under, and
    what they may do (``role`` None: nothing, not even look)."""

    name: str
    email: str | None = None
    role: Role | None = Role.editor
    signed_in: bool = False
    """Named by a sign-in provider (else by the computer's account, or nobody)."""

    @property
    def may_view(self) -> bool:
        return self.role is not None

    @property
    def may_edit(self) -> bool:
        return self.role is Role.editor

    def __str__(self) -> str:
        if self.email and self.email.lower() != self.name.lower():
            return f"{self.name} <{self.email}>"
        return self.name


NOT_SIGNED_IN = Person("nobody (not signed in)", role=None)


def local_person() -> Person:
    """The person running this program on their own computer: an editor, named by their
    account (what ``git`` or a file's owner would say)."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):  # no account name (a container without a passwd entry)
        name = "local user"
    return Person(name)


def may_write(person: Person) -> str | None:
    """Why ``person`` may not change the workspace, as a sentence for them; None: they may."""
    if person.may_edit:
        return None
    if not person.signed_in:
        return "Only editors can save, and you are not signed in. Nothing was saved."
    return (
        f"Only editors can save; you are signed in as {person}, a viewer. Nothing was "
        "saved. Download your version to send it to an editor, or ask the app's "
        "operator to make you an editor."
    )


# --- roles ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Roles:
    """How the operator hands out roles (the ``[server]`` table)."""

    editors: tuple[str, ...] = ()
    """E-mail addresses, or ``@domain`` for every address at that domain."""
    viewers: tuple[str, ...] | None = None
    """The same; None lets everyone who signs in view."""
    editor_groups: tuple[str, ...] = ()
    groups_claim: str = "groups"

    @classmethod
    def from_table(cls, server: Mapping[str, Any], editors: Iterable[str] | None = None) -> Roles:
        """Read ``editors``, ``viewers``, ``editor_groups`` and ``groups_claim``;
        ``editors`` given here (from ``ple app --editor``) replace the table's."""
        viewers = server.get("viewers")
        return cls(
            editors=_addresses(server.get("editors") or () if editors is None else editors),
            viewers=None if viewers is None else _addresses(viewers),
            editor_groups=tuple(str(g) for g in _listed(server.get("editor_groups"))),
            groups_claim=str(server.get("groups_claim") or "groups"),
        )


def _listed(value: Any) -> list[Any]:
    """A TOML value that should be a list; one string counts as a list of one."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _addresses(entries: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(str(e).strip().lower() for e in _listed(entries) if str(e).strip()))


def _listed_address(email: str | None, entries: Iterable[str]) -> bool:
    if not email:
        return False
    domain = "@" + email.rsplit("@", 1)[-1]
    return any(entry == email or (entry.startswith("@") and entry == domain) for entry in entries)


def person_from_claims(claims: Mapping[str, Any], roles: Roles) -> Person:
    """The person an identity token describes (``st.user``), with the role they get."""
    email = str(claims.get("email") or "").strip().lower() or None
    trusted = email if claims.get("email_verified") is not False else None
    groups = {str(g) for g in _listed(claims.get(roles.groups_claim))}
    name = str(
        claims.get("name")
        or claims.get("preferred_username")
        or email
        or claims.get("sub")
        or "someone"
    )
    role: Role | None
    if _listed_address(trusted, roles.editors) or groups & set(roles.editor_groups):
        role = Role.editor
    elif roles.viewers is None or _listed_address(trusted, roles.viewers):
        role = Role.viewer
    else:
        role = None
    return Person(name, email, role, signed_in=True)


# --- the [auth] secrets -----------------------------------------------------------------


def providers(secrets: Mapping[str, Any]) -> list[str]:
    """The sign-in providers the ``[auth]`` table configures (``default`` for keys in
    ``[auth]`` itself), in the order written."""
    auth = secrets.get("auth") or {}
    found = [DEFAULT_PROVIDER] if any(k in auth for k in PROVIDER_KEYS) else []
    return found + [
        name
        for name, value in auth.items()
        if isinstance(value, Mapping) and name != "client_kwargs"
    ]


def auth_problems(secrets: Mapping[str, Any] | None) -> list[str]:
    """What keeps sign-in from working with these secrets, one sentence each (none: it
    can work). Checked when the app starts, so that a server meant to ask for sign-in
    never runs without it."""
    if importlib.util.find_spec("authlib") is None:
        return ["the Authlib package is missing (pip install 'streamlit[auth]')"]
    auth = (secrets or {}).get("auth")
    if not isinstance(auth, Mapping):
        return ["the secrets have no [auth] table"]
    problems = [f"[auth] has no {key}" for key in AUTH_KEYS if not auth.get(key)]
    redirect = str(auth.get("redirect_uri") or "")
    if redirect and not (
        redirect.startswith(("https://", "http://"))
        and redirect.rstrip("/").endswith("/oauth2callback")
    ):
        problems.append(
            f"[auth] redirect_uri must be the app's address followed by "
            f"/oauth2callback, not {redirect}"
        )
    secret = str(auth.get("cookie_secret") or "")
    if secret and len(secret) < MIN_COOKIE_SECRET:
        problems.append(
            f"[auth] cookie_secret must be at least {MIN_COOKIE_SECRET} "
            "random characters (python3 -c 'import secrets; "
            "print(secrets.token_hex(32))')"
        )
    named = providers(secrets or {})
    if not named:
        problems.append(
            "[auth] names no provider: give client_id, client_secret and server_metadata_url"
        )
    for name in named:
        table = auth if name == DEFAULT_PROVIDER else auth[name]
        where = "[auth]" if name == DEFAULT_PROVIDER else f"[auth.{name}]"
        problems += [f"{where} has no {key}" for key in PROVIDER_KEYS if not table.get(key)]
        if "_" in name:
            problems.append(f"{where}: a provider's name cannot contain '_'")
    return problems
