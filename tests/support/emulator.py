"""The emulator over a real socket, and the connector pointed at it or at a real Magento when
MAGENTO_URL (+ credentials, see ConnectorConfig.from_env) is set."""
from __future__ import annotations

import os
from typing import Any

import pytest
import requests

from connector.config import ConnectorConfig
from fake_magento import Config, ThreadedServer
from tests.support import seeded_copy

# Parametrise a fixture over both targets: the emulator always, the sandbox when configured.
TARGETS = ["emulator", pytest.param("sandbox", marks=pytest.mark.sandbox)]


def start_emulator(profile: str = "default", seed: int = 42, **config: Any) -> ThreadedServer:
    """A ThreadedServer on its own copy of the seeded database (a file copy, not a re-seed)."""
    return ThreadedServer(Config(db_path=seeded_copy(profile, seed), profile=profile, seed=seed, **config)).start()


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


def sandbox_configured() -> bool:
    return bool(os.environ.get("MAGENTO_URL"))
