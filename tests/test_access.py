"""Which workspace the app may open, and which host names it answers to."""

from __future__ import annotations

import os

import pytest

from ple.access import (
    Access,
    Refused,
    default_workspace,
    from_settings,
    host_allowed,
    host_name,
    workspace_folder,
)


def test_without_roots_the_app_is_local_and_opens_any_folder(tmp_path):
    access = from_settings({}, None)
    assert not access.server_mode
    assert from_settings({}, None).hosts == ("localhost", "127.0.0.1", "::1")

    assert workspace_folder(access, str(tmp_path)) == tmp_path


def test_roots_come_from_the_environment_before_the_secrets(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    env = {"PLE_ROOTS": f"{one}{os.pathsep}{two}", "PLE_ALLOWED_HOSTS": "cx.agency.gov, Team"}
    access = from_settings(env, {"server": {"roots": ["/elsewhere"], "hosts": ["x"]}})
    assert access.roots == (one.resolve(), two.resolve())
    assert access.hosts[-2:] == ("cx.agency.gov", "team")
    from_secrets = from_settings({}, {"server": {"roots": [str(one)], "hosts": ["x.gov"]}})
    assert from_secrets.roots == (one.resolve(),) and "x.gov" in from_secrets.hosts


@pytest.fixture
def served(tmp_path):
    root = tmp_path / "served"
    (root / "team-a").mkdir(parents=True)
    (tmp_path / "private").mkdir()
    return Access(roots=(root.resolve(),)), root, tmp_path


def test_a_folder_inside_a_root_opens_relative_or_absolute(served):

    access, root, _ = served
    assert workspace_folder(access, str(root / "team-a")) == (root / "team-a").resolve()
    assert workspace_folder(access, "team-a") == (root / "team-a").resolve()


@pytest.mark.parametrize(
    "typed",
    ["{base}/private", "/", "../private", "team-a/../../private", "{base}/served-but-not-really"],
)
def test_a_folder_outside_every_root_is_refused(served, typed):

    access, _, base = served
    refused = workspace_folder(access, typed.format(base=base))
    assert isinstance(refused, Refused) and "outside the folders this app serves" in refused.message


def test_a_symlink_inside_a_root_that_leads_out_is_refused(served):

    access, root, base = served
    (root / "shortcut").symlink_to(base / "private")
    assert isinstance(workspace_folder(access, str(root / "shortcut")), Refused)


def test_the_first_workspace_is_the_wanted_one_only_inside_a_root(served):
    access, root, base = served
    assert default_workspace(access, str(root / "team-a")) == str((root / "team-a").resolve())
    assert default_workspace(access, str(base / "private")) == str(root.resolve())


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("localhost:8501", "localhost"),
        ("LOCALHOST", "localhost"),
        ("[::1]:8501", "::1"),
        ("127.0.0.1:80", "127.0.0.1"),
        ("cx.agency.gov", "cx.agency.gov"),
        ("::1", "::1"),
    ],
)
def test_host_names_are_read_from_the_header(header, name):
    assert host_name(header) == name


def test_only_allowed_host_names_may_run_the_app():
    access = Access(hosts=("localhost", "127.0.0.1", "::1", "cx.agency.gov"))
    assert host_allowed(access, {"Host": "localhost:8501"})
    assert host_allowed(access, {"host": "cx.agency.gov"})
    assert not host_allowed(access, {"Host": "rebind.attacker.example:8501"})
    assert not host_allowed(access, {"Host": "localhost.attacker.example"})
    assert not host_allowed(access, {"Origin": "http://localhost:8501"})  # no Host at all
    assert host_allowed(access, {})  # no request: a test harness runs the script
