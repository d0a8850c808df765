"""The named limits: settings are read from the environment, a bad one stops the
command line with a usage error, and the limits in force are part of the cache key."""

from __future__ import annotations

import pytest

from ple import limits
from tests.measured import run_ple


@pytest.mark.parametrize(
    "text, value",
    [("", 7), ("50000", 50_000), ("50_000", 50_000), ("50,000", 50_000), (" 12 ", 12)],
)
def test_a_setting_is_a_whole_number(monkeypatch, text, value):
    monkeypatch.setattr(limits, "SETTING_PROBLEMS", [])
    monkeypatch.setenv("PLE_TEST_LIMIT", text)
    assert limits._setting("PLE_TEST_LIMIT", 7) == value
    assert limits.SETTING_PROBLEMS == []


@pytest.mark.parametrize("text", ["lots", "0", "-5", "1.5"])
def test_a_bad_setting_keeps_the_default_and_is_reported(monkeypatch, text):
    monkeypatch.setattr(limits, "SETTING_PROBLEMS", [])
    monkeypatch.setenv("PLE_TEST_LIMIT", text)
    assert limits._setting("PLE_TEST_LIMIT", 7) == 7
    [problem] = limits.SETTING_PROBLEMS
    assert problem == f"PLE_TEST_LIMIT must be a whole number above zero, got {text!r}"


def test_the_command_line_refuses_to_run_with_a_bad_setting(small):
    ran = run_ple("validate", small, env={"PLE_MAX_STEPS": "lots"})
    assert ran.returncode == 2
    assert "PLE_MAX_STEPS must be a whole number above zero, got 'lots'" in ran.stderr


def test_a_limit_beyond_says_how_to_raise_it():
    assert limits.STEPS.beyond(25_000, "steps") == (
        f"25,000 steps, over the limit of {limits.STEPS.value:,} steps per journey "
        "(set PLE_MAX_STEPS to raise it)"
    )
    assert "set" not in limits.BRANCHES.beyond(2_000, "next steps")


def test_the_limits_are_part_of_the_cache_key(monkeypatch):
    from ple.io import cache

    cache.code_fingerprint.cache_clear()
    before = cache.content_key(b"id: j\n", ".yaml")
    monkeypatch.setattr(limits, "STEPS", limits.Limit(5, "steps per journey"))
    cache.code_fingerprint.cache_clear()
    try:
        assert cache.content_key(b"id: j\n", ".yaml") != before
    finally:
        cache.code_fingerprint.cache_clear()


def test_counts_stay_within_what_a_graph_database_holds():
    """Neo4j and FalkorDB store 64-bit integers and would clamp a bigger one silently in
    the synced copy; the limits on counts keep every count far below that."""
    assert max(limits.VISITS, limits.PEOPLE_PER_YEAR) < 2**63 - 1
