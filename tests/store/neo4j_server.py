"""Start a real Neo4j Community server for tests and benchmarks, from Maven Central's jars.

``tests/store/neo4j-launcher`` holds a pom.xml (Neo4j 5.26, the long-term-support line, on
Java 17) and a short Java main that starts the database with its Bolt server on a free
loopback port, authentication on, and prints ``bolt://127.0.0.1:PORT`` when it is ready.
Maven compiles it and writes its classpath once (``target/``; the jars stay in the user's
Maven repository, ``~/.m2``); every start after that is a plain ``java -cp ...``, with no
Maven in the way.

The server stops when its standard input ends, which happens when this process closes it
or dies in any way (the kernel closes a dead process's pipes), and when this process is
gone; so a killed test run never leaves a Java process behind.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from ple.store import StoreConfig

LAUNCHER = Path(__file__).resolve().parent / "neo4j-launcher"
SOURCES = (
    LAUNCHER / "pom.xml",
    LAUNCHER / "src" / "main" / "java" / "ple" / "neo4j" / "Launcher.java",
)
TARGET = LAUNCHER / "target"
CLASSES = TARGET / "classes"
CLASSPATH = TARGET / "classpath.txt"
MAIN_CLASS = "ple.neo4j.Launcher"
USERNAME = "neo4j"
DATABASE = "neo4j"

STARTUP_SECONDS = 180.0
"""Neo4j starts in 5-10 s on an idle 2-core machine; a busy one can take several times that."""
BUILD_SECONDS = 600.0

TEST_JVM_OPTIONS = ("-Xms256m", "-Xmx1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
"""For the test suite: a small heap, and only the quick JIT compiler, which halves the
processor time Neo4j needs to start; its small queries do not need the optimising one."""
BENCHMARK_JVM_OPTIONS = ("-Xms2g", "-Xmx2g")
"""For the benchmark: Java's default compilers, a heap large enough for 100k steps."""


class ServerUnavailable(RuntimeError):
    """Java or Maven is missing, the jars cannot be resolved, or Neo4j did not start."""


@dataclass(frozen=True)
class Neo4jServer:
    uri: str
    password: str
    folder: Path
    process: subprocess.Popen = field(repr=False, compare=False)

    @property
    def pid(self) -> int:
        return self.process.pid

    def kill(self) -> None:
        """SIGKILL, as a crash or a power cut would stop it: no shutdown at all."""
        self.process.kill()
        self.process.wait(timeout=30)

    @property
    def log(self) -> str:
        path = self.folder / "launcher.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    def config(self, database: str = DATABASE, password: str | None = None) -> StoreConfig:
        return StoreConfig(
            "neo4j",
            self.uri,
            database,
            username=USERNAME,
            password=self.password if password is None else password,
        )

    def environment(self) -> dict[str, str]:
        """The variables ``ple`` reads to reach this server."""
        return {
            "NEO4J_URI": self.uri,
            "NEO4J_USERNAME": USERNAME,
            "NEO4J_PASSWORD": self.password,
            "NEO4J_DATABASE": DATABASE,
        }


def java() -> str:
    """``$JAVA_HOME/bin/java``, else ``java`` on PATH."""
    home = os.environ.get("JAVA_HOME")
    candidate = Path(home) / "bin" / "java" if home else None
    if candidate is not None and candidate.is_file():
        return str(candidate)
    found = shutil.which("java")
    if found is None:
        raise ServerUnavailable(
            "no Java (Neo4j 5.26 needs Java 17 or newer; apt-get install openjdk-17-jre-headless)"
        )
    return found


def _built() -> bool:
    if not CLASSPATH.is_file() or not (CLASSES / "ple" / "neo4j" / "Launcher.class").is_file():
        return False
    stamp = CLASSPATH.stat().st_mtime
    if any(source.stat().st_mtime > stamp for source in SOURCES):
        return False
    jars = CLASSPATH.read_text(encoding="utf-8").strip().split(os.pathsep)
    return all(Path(jar).is_file() for jar in jars)  # a cleaned ~/.m2 means building again


def build() -> str:
    """The launcher's classpath, compiling it (and resolving the jars) with Maven first
    when ``target/`` is missing or older than the sources."""
    if not _built():
        maven = shutil.which("mvn")
        if maven is None:
            raise ServerUnavailable("no Maven to build the Neo4j launcher (apt-get install maven)")
        command = [
            maven,
            "-q",
            "-B",
            "--no-transfer-progress",
            "-Dstyle.color=never",
            "-f",
            str(LAUNCHER / "pom.xml"),
            "compile",
            "dependency:build-classpath",
        ]
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=BUILD_SECONDS, check=False
        )
        if done.returncode == 0 and CLASSPATH.is_file():
            CLASSPATH.touch()  # Maven leaves an unchanged classpath file as it was
        if done.returncode != 0 or not _built():
            raise ServerUnavailable(
                f"`{' '.join(command[1:])}` failed (exit "
                f"{done.returncode}):\n{(done.stdout + done.stderr)[-3000:]}"
            )
    return os.pathsep.join([str(CLASSES), CLASSPATH.read_text(encoding="utf-8").strip()])


@contextmanager
def neo4j_server(
    folder: Path, *, password: str | None = None, jvm_options: tuple[str, ...] = TEST_JVM_OPTIONS
) -> Iterator[Neo4jServer]:
    """A running Neo4j on the data in ``folder`` (created when empty, recovered when a
    server was killed on it); stopped at the end of the block."""
    classpath = build()
    folder.mkdir(parents=True, exist_ok=True)
    password = password or secrets.token_urlsafe(16)
    with (folder / "launcher.log").open("ab") as log:
        process = subprocess.Popen(
            [java(), *jvm_options, "-cp", classpath, MAIN_CLASS, str(folder), str(os.getpid())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log,
            env={**os.environ, "PLE_NEO4J_PASSWORD": password},
        )
    try:
        uri = _ready_line(process, folder)
        yield Neo4jServer(uri, password, folder, process)
    finally:
        stop(process)


def stop(process: subprocess.Popen) -> None:
    """End of standard input: the launcher halts at once."""
    if process.stdin is not None and not process.stdin.closed:
        with suppress(OSError):
            process.stdin.close()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=15)
    if process.stdout is not None:
        process.stdout.close()


def _ready_line(process: subprocess.Popen, folder: Path) -> str:
    """The launcher's one line on stdout, or ServerUnavailable with its log."""
    line: list[str] = []
    reader = threading.Thread(
        target=lambda: line.append(process.stdout.readline().decode()), daemon=True
    )
    reader.start()
    reader.join(STARTUP_SECONDS)
    uri = line[0].strip() if line else ""
    if uri.startswith("bolt://"):
        return uri
    stop(process)
    log = (folder / "launcher.log").read_text(encoding="utf-8", errors="replace")
    reason = (
        f"exited with code {process.returncode}"
        if line
        else f"did not start within {STARTUP_SECONDS:.0f} s"
    )
    raise ServerUnavailable(f"Neo4j {reason}:\n{log[-3000:]}")
