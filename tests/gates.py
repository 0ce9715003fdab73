"""
Skip gates: each kind of outside help a test may need has its own name and switch.

On a laptop without Chromium, Java, PostgreSQL, Redis, the live servers or the reference
article, the tests that need one are skipped with the reason. CI sets the matching
`REQUIRE_*` variable, which turns that skip into a failure, so a missing part there can never
pass unnoticed.
"""

import os

import pytest

SWITCHES = {
    "browser": "REQUIRE_BROWSER",
    "java": "REQUIRE_JAVA",
    "postgres": "REQUIRE_POSTGRES",
    "redis": "REQUIRE_REDIS",
    "services": "REQUIRE_SERVICES",
    "reference": "REQUIRE_REFERENCE",
}


def required(gate):
    """Whether this run must have `gate` (its REQUIRE_* variable is 1)."""
    return os.environ.get(SWITCHES[gate]) == "1"


def unavailable(gate, reason):
    """Skip the current test for `reason`, or fail it when the run requires `gate`."""
    if required(gate):
        pytest.fail(f"{SWITCHES[gate]}=1, but this test {reason}", pytrace=False)
    pytest.skip(reason)
