"""``ple app``: it opens where the README says, and Ctrl+C stops it."""

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

from streamlit import config as streamlit_config

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
        [sys.executable, "-m", "ple", "app", str(SMALL), "--port", str(port)], cwd=tmp_path,
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True)
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
