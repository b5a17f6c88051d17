"""Connector fixtures: the emulator over a real socket (one server per module), and the same
connector pointed at a real Magento when MAGENTO_URL (+ credentials, see ConnectorConfig.from_env)
is set; the sandbox variants skip otherwise."""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from connector.config import ConnectorConfig
from fake_magento import Config, ThreadedServer
from tests.conftest import _SCRATCH, _template


def start_emulator(profile: str = "default", seed: int = 42, **config: Any) -> ThreadedServer:
    """A ThreadedServer on its own copy of the seeded database (a file copy, not a re-seed)."""
    source = _template(profile, seed)
    path = os.path.join(tempfile.mkdtemp(dir=_SCRATCH), "state.db")
    shutil.copyfile(source, path)
    shutil.copyfile(source + ".seed", path + ".seed")
    return ThreadedServer(Config(db_path=path, profile=profile, seed=seed, **config)).start()


def emulator_credentials(server: ThreadedServer) -> dict[str, Any]:
    return dict(server.backend.db.get_meta("credentials"))


def emulator_config(server: ThreadedServer, mode: str = "oauth", **overrides: Any) -> ConnectorConfig:
    """A connector configuration for the emulator: ``oauth`` (the Connector integration), ``admin``
    (admin credentials) or ``token`` (an admin token fetched now)."""
    creds = emulator_credentials(server)
    data: dict[str, Any] = {"url": server.url}
    if mode == "oauth":
        data.update(consumerKey=creds["consumer_key"], consumerSecret=creds["consumer_secret"],
                    accessToken=creds["access_token"], accessTokenSecret=creds["access_token_secret"])
    elif mode == "admin":
        data.update(username=creds["admin_username"], password=creds["admin_password"])
    elif mode == "token":
        answer = requests.post(f"{server.url}/rest/V1/integration/admin/token", timeout=10,
                               json={"username": creds["admin_username"], "password": creds["admin_password"]})
        data["token"] = answer.json()
    else:
        raise ValueError(mode)
    data.update(overrides)
    return ConnectorConfig.from_dict(data)


def control(server: ThreadedServer, route: str, body: Any = None, method: str = "POST") -> Any:
    """Call the emulator's control plane (``/_fake/<route>``)."""
    answer = requests.request(method, f"{server.url}/_fake/{route}", json=body, timeout=10)
    answer.raise_for_status()
    return answer.json()


@pytest.fixture(scope="module")
def emulator() -> Iterator[ThreadedServer]:
    """One emulator per test module (default profile, seed 42), over a real socket."""
    server = start_emulator()
    yield server
    server.stop()


def sandbox_configured() -> bool:
    return bool(os.environ.get("MAGENTO_URL"))


@pytest.fixture(scope="session")
def sandbox_config() -> ConnectorConfig:
    """The real Magento named by MAGENTO_URL and MAGENTO_CONSUMER_KEY... (or MAGENTO_TOKEN, or
    MAGENTO_USERNAME + MAGENTO_PASSWORD); skips when none is given."""
    if not sandbox_configured():
        pytest.skip("no MAGENTO_URL: the sandbox variant runs only against a configured Magento")
    return ConnectorConfig.from_env()


# Parametrise a fixture over both targets: the emulator always, the sandbox when configured.
TARGETS = ["emulator", pytest.param("sandbox", marks=pytest.mark.sandbox)]
