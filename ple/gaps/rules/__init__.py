"""The built-in gap rules, one module each. Importing this package registers them.

To add a rule: write ``ple/gaps/rules/<rule_id>.py`` with one ``@rule`` function,
add its import below, its id to ``GAP_RULES`` in ``ple/model/vocabulary.py`` (the words
``accepted_findings`` may name), and its cases to ``tests/gaps/test_rules.py``.
"""

from ple.gaps.rules import (  # noqa: F401 - imported to register
    assumed_moment,
    burden_hotspot,
    cold_handoff,
    dead_end,
    language_access,
    low_score,
    persona_blocked,
    ping_pong,
    repeated_request,
    single_channel,
    undocumented_handoff,
    unmeasured_touchpoint,
    unreachable_step,
    unshared_data,
)
