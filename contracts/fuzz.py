"""``magento-contracts fuzz``: schemathesis against any target, with the contract and its credentials.

Schemathesis generates requests from ``openapi/magento-admin-rest.json`` and checks the answers
(server errors, status codes, content types, response schemas). On a real store it sends only GET
requests unless ``--writes`` is given: generated writes create and delete arbitrary data there.
The Bearer token is an admin token (admin credentials) or the given token; OAuth 1.0a cannot be
signed by schemathesis's command line.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from contracts.schema import CONTRACT
from contracts.target import InProcessEmulator, TargetError, remote_target, resolve

CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"


def schemathesis_command(url: str, token: str, max_examples: int, writes: bool, extra: list[str]) -> list[str]:
    command = [_executable(), "run", str(CONTRACT), "--url", url.rstrip("/") + "/rest/default",
               "--header", f"Authorization: Bearer {token}", "--max-examples", str(max_examples),
               "--checks", CHECKS, "--seed", "20248"]
    if not writes:
        command += ["--include-method", "GET"]
    return command + extra


def _executable() -> str:
    found = shutil.which("schemathesis", path=str(Path(sys.executable).parent)) or shutil.which("schemathesis")
    if found is None:
        raise TargetError("schemathesis is not installed (pip install 'fake-magento[test]')")
    return found


def run_schemathesis(url: str | None, credentials: str | None, max_examples: int, writes: bool,
                     extra: list[str]) -> int:
    creds = resolve(url, credentials)
    emulator = InProcessEmulator() if creds is None else None
    try:
        target = emulator.target() if emulator is not None else remote_target(creds)  # type: ignore[arg-type]
        token = target.credentials.token or target.admin_token()
        if not target.is_emulator and writes:
            print("schemathesis will send generated writes to a real store", file=sys.stderr)
        return subprocess.run(schemathesis_command(target.url, token, max_examples, writes or target.is_emulator,
                                                   extra), check=False).returncode
    finally:
        if emulator is not None:
            emulator.stop()
