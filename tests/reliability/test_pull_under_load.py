"""An incremental order pull run again and again while the shop is busy (the mixed workload of
workload.py: checkouts, invoices, shipments, refunds, cancels) and while the emulator's fault rules
hit the pull's own requests (every kind, by seeded probability, matched on the integration's
calls only). After the writes stop, one more run: every order is in the output, the last line of
each is its current version, and no version is written twice in a row.
"""
from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from connector.client import MagentoClient
from connector.errors import MagentoError
from connector.operations.pull import pull
from connector.transport import RetryPolicy
from fake_magento import ThreadedServer
from tests.connector_tests.pull_support import current, lines
from tests.reliability import workload
from tests.reliability.shop_api import ShopApi, admin_token
from tests.support.emulator import control, emulator_config, start_emulator

pytestmark = pytest.mark.socket

KINDS = {"masked_500": {}, "maintenance": {}, "rate_limit": {"retry_after": 1}, "drop": {}, "truncate": {},
         "malformed_json": {}, "token_expired": {}, "latency": {"delay_ms": [5, 40]}}


@pytest.fixture(scope="module")
def server() -> Iterator[ThreadedServer]:
    started = start_emulator()
    yield started
    started.stop()


def test_pulls_while_the_shop_is_busy_and_faults_fire_lose_and_repeat_nothing(
        server: ThreadedServer, tmp_path: Path) -> None:
    creds = server.backend.db.get_meta("credentials")
    api = ShopApi(server.url, admin_token(server.url, creds["admin_username"], creds["admin_password"]))
    shop = workload.make_shop(api, 4, "pull", seconds=3)
    rules = [{"path": "/V1/orders", "method": "GET", "auth": "integration", "kind": kind, "probability": 0.03,
              "seed": i, **extra} for i, (kind, extra) in enumerate(sorted(KINDS.items()))]
    # and one that surely fires: the pull's second request is cut short
    control(server, "faults", [{"path": "/V1/orders", "method": "GET", "auth": "integration", "kind": "truncate",
                                "nth": 2}, *rules])
    out, state = tmp_path / "orders.jsonl", tmp_path / "orders.state.json"
    sleeps: list[float] = []
    busy = threading.Thread(target=workload.run, args=(api, shop), kwargs={"workers": 4, "seconds": 3})
    runs = failures = 0
    with MagentoClient(emulator_config(server), retry=RetryPolicy(
            max_retries=3, backoff_factor=0.01, jitter=lambda d: d, sleep=sleeps.append)) as magento:
        busy.start()
        while busy.is_alive() or runs == 0:
            runs += 1
            try:
                pull(magento, "orders", out, state, page_size=25, page_retries=1)
            except MagentoError:
                failures += 1
        busy.join()
        fired = sum(rule["fired"] for rule in control(server, "faults", method="GET")["faults"])
        control(server, "faults", method="DELETE")
        pull(magento, "orders", out, state, page_size=25)
        expected = current(magento, "orders")
    written = lines(out)
    last = {r["entity_id"]: r for r in written}
    assert sorted(last) == sorted(expected)
    assert {k: v for k, v in last.items()} == expected
    previous: dict[int, str] = {}
    for record in written:
        version = repr(sorted(record.items()))
        assert previous.get(record["entity_id"]) != version, record["entity_id"]
        previous[record["entity_id"]] = version
    assert fired > 0
    print(f"\npull under load: {runs} runs ({failures} failed), {len(written)} lines, {len(last)} orders, "
          f"{fired} faults fired")
