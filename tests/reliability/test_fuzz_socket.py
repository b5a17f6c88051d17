"""Schemathesis against the emulator over a real socket (waitress, as `fake-magento serve` runs it),
with many examples per operation: no unplanned 500, and the responses conform to the contract.

Opt-in, for CI time: ``RELIABILITY_FUZZ_EXAMPLES=100 .venv/bin/python -m pytest -q -p no:xdist
tests/reliability/test_fuzz_socket.py`` (``RELIABILITY_FUZZ_PATHS=/V1/orders`` narrows it to a path
prefix). The quick in-process run with a few examples is tests/openapi/test_openapi_schemathesis.py;
both read the known failures from openapi/FINDINGS.md. A masked 500 that the emulator raises on
purpose (where Magento answers one too) is told apart from a crash by the report id: a crash is
logged with its id, a deliberate one is not.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.reliability.shop_api import admin_token
from tests.support.emulator import emulator_credentials, start_emulator

pytestmark = pytest.mark.socket

EXAMPLES = int(os.environ.get("RELIABILITY_FUZZ_EXAMPLES", "0"))
PATH_PREFIX = os.environ.get("RELIABILITY_FUZZ_PATHS", "")

if not EXAMPLES:
    def test_socket_fuzzing_is_opt_in() -> None:
        pytest.skip("set RELIABILITY_FUZZ_EXAMPLES=N to fuzz every operation with N examples over a socket")
else:
    import requests
    import schemathesis
    from hypothesis import HealthCheck, settings
    from schemathesis.checks import not_a_server_error
    from schemathesis.config import SchemathesisConfig
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    from fake_magento import ThreadedServer
    from tests.openapi.openapi_support import ROOT, CrashLog, load_spec

    def known_failures() -> dict[str, str]:
        """The "## Open" lines of openapi/FINDINGS.md naming a check, as the in-process run reads them."""
        text = (ROOT / "openapi" / "FINDINGS.md").read_text(encoding="utf-8")
        section = text.split("## Open", 1)[-1].split("\n## ", 1)[0]
        lines = (re.match(r"- (GET|POST|PUT|DELETE) (\S+) — (\w+) — ", line) for line in section.splitlines())
        return {f"{m.group(1)} {m.group(2)}": m.group(0) for m in lines if m}

    KNOWN_FAILURES = known_failures()
    CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
              response_schema_conformance]
    CONFIG = SchemathesisConfig.from_dict({
        "seed": 31337,
        "generation": {"max-examples": EXAMPLES, "deterministic": True, "database": "none"},
        "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
    })
    SCHEMA = schemathesis.openapi.from_dict(load_spec(), config=CONFIG)
    if PATH_PREFIX:
        SCHEMA = SCHEMA.include(path_regex="^" + re.escape(PATH_PREFIX))

    class Target:
        def __init__(self) -> None:
            self.server: ThreadedServer = start_emulator()
            self.base = f"{self.server.url}/rest"
            self.crashes = CrashLog()
            self.login()

        def login(self) -> None:
            creds = emulator_credentials(self.server)
            self.token = admin_token(self.server.url, creds["admin_username"], creds["admin_password"])

        def reset(self) -> None:
            requests.post(f"{self.server.url}/_fake/reset", timeout=30).raise_for_status()
            self.login()

        def headers(self) -> dict[str, str]:
            return {"Authorization": f"Bearer {self.token}"}

    @pytest.fixture(scope="module")
    def target() -> Iterator[Target]:
        t = Target()
        yield t
        t.server.stop()
        t.crashes.close()

    @SCHEMA.parametrize()
    @settings(deadline=None, derandomize=True, database=None, max_examples=EXAMPLES,
              suppress_health_check=list(HealthCheck))
    def test_contract_over_a_socket(case: Any, target: Target, request: pytest.FixtureRequest) -> None:
        key = f"{case.method.upper()} {case.operation.path}"
        if key in KNOWN_FAILURES:
            request.applymarker(pytest.mark.xfail(reason=KNOWN_FAILURES[key], strict=False))
        if case.method.upper() != "GET":
            target.reset()
        response = case.call(base_url=target.base, headers=target.headers(), timeout=60)
        checks = CHECKS
        if target.crashes.is_deliberate_500(response.status_code, response.text):
            checks = CHECKS[1:]
        case.validate_response(response, checks=checks, headers=target.headers())
