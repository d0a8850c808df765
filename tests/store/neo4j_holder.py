"""Not collected by the suite (no ``test_`` prefix): the child test run that
test_neo4j_launcher.py starts and kills. It starts the session's Neo4j, writes the Java
process's id to the file ``PLE_NEO4J_HOLD`` names, and waits to be killed."""

from __future__ import annotations

import os
import time
from pathlib import Path


def test_hold_the_server_until_killed(neo4j_server_info):
    Path(os.environ["PLE_NEO4J_HOLD"]).write_text(str(neo4j_server_info.pid), encoding="utf-8")
    time.sleep(300)
