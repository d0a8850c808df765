"""``ple app``: it opens where the README says, Ctrl+C stops it, and it refuses, before
anything starts, a server set to ask for sign-in that it cannot do. (The app running with
sign-in is tested in a browser: tests/e2e/test_sign_in.py.)
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request

import pytest
from click.testing import CliRunner
from streamlit import config as streamlit_config

from ple.access import EDITORS_VARIABLE, HOSTS_VARIABLE, ROOTS_VARIABLE, SIGN_IN_VARIABLE
from ple.cli.main import cli
from tests.conftest import ROOT, SMALL


def readme_address() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"The app opens in your browser at \*\*(http://[^*]+)\*\*", readme)
    assert found, "README.md does not say which address the app opens"
    assert "Ctrl+C" in readme, "README.md does not say how to stop the app"
    return found[1]


def test_the_readme_names_the_address_both_ways_of_starting_the_app_use():
    defaults = {p.name: p.default for p in cli.commands["app"].params}
    assert readme_address() == f"http://{defaults['address']}:{defaults['port']}"
    # `make run` is `streamlit run app.py`: Streamlit's default port, this repository's
    # .streamlit/config.toml for the address.
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    port = streamlit_config._config_options_template["server.port"].default_val
    assert readme_address() == f"http://{config['server']['address']}:{port}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("localhost", 0))
        return probe.getsockname()[1]


def test_ple_app_prints_its_address_answers_there_and_stops_on_ctrl_c(tmp_path):
    port = free_port()
    env = {**os.environ, "PLE_CACHE_DIR": str(tmp_path / "cache")}
    server = subprocess.Popen(
        [sys.executable, "-m", "ple", "app", str(SMALL), "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        url = readme_address().replace("8501", str(port))
        printed = ""
        deadline = time.monotonic() + 60
        while f"URL: {url}" not in printed:
            assert time.monotonic() < deadline and server.poll() is None, printed
            printed += server.stdout.readline()
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=10) as answer:
            assert answer.read().strip() == b"ok"
        server.send_signal(signal.SIGINT)  # what Ctrl+C in its terminal sends
        assert server.wait(timeout=20) == 0
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)
        server.stdout.close()


@pytest.fixture(autouse=True)
def own_settings(monkeypatch, tmp_path):
    """``ple app`` writes its settings into the environment for the app; give it one that
    is put back afterwards, and a home and working folder without secrets."""
    for name in (
        ROOTS_VARIABLE,
        HOSTS_VARIABLE,
        SIGN_IN_VARIABLE,
        EDITORS_VARIABLE,
        "PLE_BACKEND",
        "PLE_WORKSPACE",
    ):
        monkeypatch.setenv(name, "")  # remembers the value to restore ...
        monkeypatch.delenv(name)  # ... then leaves it unset for the test
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)


def run(*args: str):
    return CliRunner().invoke(cli, ["app", *args])


def test_sign_in_without_auth_secrets_is_refused_with_the_reason(tmp_path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[server]\nhosts = ["cx.agency.gov"]\n')
    result = run(str(tmp_path), "--root", str(tmp_path), "--sign-in", "--secrets", str(secrets))
    assert result.exit_code == 2
    assert "sign-in is switched on, but it is not set up" in result.stderr
    assert "the secrets have no [auth] table" in result.stderr


def test_no_secrets_file_at_all_is_refused_too(tmp_path):
    result = run(str(tmp_path), "--root", str(tmp_path), "--sign-in")
    assert result.exit_code == 2 and "no [auth] table" in result.stderr
    assert ".streamlit/secrets.toml" in result.stderr  # where it looked


def test_sign_in_switched_on_in_the_secrets_is_checked_the_same_way(tmp_path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f"""
[server]
roots = ["{tmp_path}"]
sign_in = true

[auth]
redirect_uri = "https://cx.agency.gov/oauth2callback"
client_id = "ple"
client_secret = "s3cret"
server_metadata_url = "https://login.agency.gov/.well-known/openid-configuration"
""")
    result = run("--secrets", str(secrets))
    assert result.exit_code == 2 and "[auth] has no cookie_secret" in result.stderr


def test_sign_in_is_for_server_mode(tmp_path):
    result = run(str(tmp_path), "--sign-in")
    assert result.exit_code == 2 and "give --root" in result.stderr


def test_editors_go_with_sign_in(tmp_path):
    result = run(str(tmp_path), "--root", str(tmp_path), "--editor", "ana@agency.gov")
    assert result.exit_code == 2 and "--editor goes with --sign-in" in result.stderr


def test_a_secrets_file_that_is_not_toml_is_named_with_its_line(tmp_path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[auth]\nredirect_uri = "https://x/oauth2callback\n')
    result = run(str(tmp_path), "--root", str(tmp_path), "--sign-in", "--secrets", str(secrets))
    assert result.exit_code == 2
    assert f"the secrets cannot be read: {secrets}" in result.stderr
    assert "line 2" in result.stderr
