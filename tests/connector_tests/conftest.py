"""Connector fixtures: the emulator over a real socket (one server per module), a connector client
on it, and the same connector pointed at a real Magento when MAGENTO_URL (+ credentials, see
ConnectorConfig.from_env) is set; the sandbox variants skip otherwise. Helpers:
tests/support/emulator.py."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from connector.client import MagentoClient
from connector.config import ConnectorConfig
from connector.operations.pull import ENTITIES
from fake_magento import ThreadedServer
from tests.support.emulator import control, emulator_config, sandbox_configured, start_emulator


@pytest.fixture(scope="module")
def emulator() -> Iterator[ThreadedServer]:
    """One emulator per test module (default profile, seed 42), over a real socket."""
    server = start_emulator()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def client(emulator: ThreadedServer) -> Iterator[MagentoClient]:
    """A connector on the module's emulator, signing as the seeded Connector integration."""
    with MagentoClient(emulator_config(emulator)) as magento:
        yield magento


@pytest.fixture
def pull_isolation(emulator: ThreadedServer, client: MagentoClient) -> Iterator[None]:
    """A pull test on the seeded state and clock, with the resources' own search afterwards (a test
    may wrap ``client.<resource>.search``); the pull modules use it for every test."""
    control(emulator, "reset")
    try:
        yield
    finally:
        for entity in ENTITIES:
            getattr(client, ENTITIES[entity].resource).__dict__.pop("search", None)
        control(emulator, "reset")


@pytest.fixture(scope="session")
def sandbox_config() -> ConnectorConfig:
    """The real Magento named by MAGENTO_URL and MAGENTO_CONSUMER_KEY... (or MAGENTO_TOKEN, or
    MAGENTO_USERNAME + MAGENTO_PASSWORD); skips when none is given."""
    if not sandbox_configured():
        pytest.skip("no MAGENTO_URL: the sandbox variant runs only against a configured Magento")
    return ConnectorConfig.from_env()
