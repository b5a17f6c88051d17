"""The server killed with SIGKILL in the middle of writes and started again on the same database,
RELIABILITY_KILLS times (default 2): the database is intact, no document is half-written (the order's
quantities and totals are the sums of its documents, invoices and shipments have their rows), and
every write acknowledged with a 200 before a kill is there after it. A write whose answer the kill
took may or may not be there (each worker had at most one in flight), but wholly or not at all.

SQLite in WAL mode with synchronous=NORMAL loses no committed transaction when the process dies
(the WAL is in the operating system's cache); only a power cut could take the last ones.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field
from urllib.parse import quote

import pytest

from tests.reliability import workload
from tests.reliability.invariants import SalesState, sales_violations, stock_violations
from tests.reliability.process import ServerProcess
from tests.reliability.shop_api import ShopApi, admin_token
from tests.support import SCRATCH, seeded_template

pytestmark = pytest.mark.socket

KILLS = int(os.environ.get("RELIABILITY_KILLS", "2"))
WORKERS = 6


@dataclass
class Crashes:
    api: ShopApi
    server: ServerProcess
    shop: workload.Shop
    cycles: list[workload.Outcome] = field(default_factory=list)
    # what the shared products' fields and the stock SKUs' quantities were before any cycle
    initial: dict[tuple[str, str], object] = field(default_factory=dict)
    initial_qty: dict[str, float] = field(default_factory=dict)

    def acknowledged(self, kind: str) -> set[int]:
        return set().union(*(c.documents[kind] for c in self.cycles))

    @property
    def orders(self) -> set[int]:
        return set().union(*(c.orders for c in self.cycles))

    @property
    def in_flight(self) -> int:
        """Requests the kills left without an answer."""
        return sum(len(c.errors) for c in self.cycles)


def _login(server: ServerProcess, creds: dict[str, str]) -> ShopApi:
    return ShopApi(server.url, admin_token(server.url, creds["admin_username"], creds["admin_password"]))


def _credentials(path: str) -> dict[str, str]:
    with closing(sqlite3.connect(path)) as conn:
        return dict(json.loads(conn.execute("SELECT value FROM meta WHERE key='credentials'").fetchone()[0]))


def _cycle(crashes: Crashes, seed: int) -> None:
    """Workers write until the kill; the kill comes 0.5-1.0 s in, while they are busy."""
    outcome: list[workload.Outcome] = []
    runner = threading.Thread(target=lambda: outcome.append(workload.run(
        crashes.api, crashes.shop, workers=WORKERS, seconds=60, seed=seed, stop_on_error=True)))
    runner.start()
    time.sleep(random.Random(seed).uniform(0.5, 1.0))
    crashes.server.kill()
    runner.join(timeout=60)
    assert outcome, "the workers did not stop after the kill"
    crashes.cycles.append(outcome[0])


@pytest.fixture(scope="module")
def crashes() -> Iterator[Crashes]:
    source = seeded_template("minimal", 42)
    path = os.path.join(tempfile.mkdtemp(dir=SCRATCH), "crash.db")
    shutil.copyfile(source, path)
    shutil.copyfile(source + ".seed", path + ".seed")
    creds = _credentials(path)
    server = ServerProcess(path).start()
    try:
        api = _login(server, creds)
        state = Crashes(api, server, workload.make_shop(api, WORKERS, "crash"))
        for sku in state.shop.shared:
            product = api.call("GET", f"products/{quote(sku, safe='')}", store="all").body
            state.initial.update({(sku, name): workload.product_field(product, name) for _, name, _ in workload.FIELDS})
        state.initial_qty = {sku: float(api.stock_item(sku)["qty"]) for sku in state.shop.stock}
        for cycle in range(KILLS):
            if cycle:
                server.start()
            _cycle(state, seed=cycle + 1)
        server.start()
        state.api = _login(server, creds)
        print(f"\ncrash: {KILLS} kills, {sum(c.requests for c in state.cycles)} answered requests, "
              f"{state.in_flight} cut off by the kills, {len(state.orders)} orders, "
              + ", ".join(f"{k} {len(state.acknowledged(k))}" for k in ("invoice", "ship", "refund")))
        yield state
    finally:
        server.stop()


def test_no_unplanned_answer_before_the_kills(crashes: Crashes) -> None:
    assert [c.unplanned for c in crashes.cycles] == [[]] * KILLS
    # every cycle was cut off in the middle of its writes
    assert all(c.errors and c.requests for c in crashes.cycles)


def test_database_intact(crashes: Crashes) -> None:
    with closing(sqlite3.connect(f"file:{crashes.server.db_path}?mode=ro", uri=True)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_every_acknowledged_write_survived(crashes: Crashes) -> None:
    state = SalesState.read(crashes.api, crashes.orders)
    assert {o["entity_id"] for o in state.orders} == crashes.orders
    for kind, group in (("invoice", state.invoices), ("ship", state.shipments), ("refund", state.creditmemos)):
        stored = {int(d["entity_id"]) for docs in group.values() for d in docs}
        assert crashes.acknowledged(kind) <= stored, kind
        # at most the writes cut off by a kill were applied without an answer
        assert len(stored - crashes.acknowledged(kind)) <= crashes.in_flight, kind


def test_no_half_written_document(crashes: Crashes) -> None:
    state = SalesState.read(crashes.api)
    assert sales_violations(state) == []


def test_product_and_stock_writes_are_the_last_acknowledged_or_the_one_cut_off(crashes: Crashes) -> None:
    acked: dict[tuple[str, str], object] = {}
    sent: dict[tuple[str, str], object] = {}
    quantities: dict[str, float] = {}
    quantities_sent: dict[str, float] = {}
    for cycle in crashes.cycles:
        acked.update(cycle.fields)
        sent.update(cycle.fields_sent)
        quantities.update(cycle.quantities)
        quantities_sent.update(cycle.quantities_sent)
    assert acked and quantities
    for (sku, name), value in sent.items():
        answer = crashes.api.call("GET", f"products/{quote(sku, safe='')}", store="all")
        before = acked.get((sku, name), crashes.initial[(sku, name)])  # never acknowledged: as created
        assert workload.product_field(answer.body, name) in (before, value), (sku, name)
    for sku, qty in quantities_sent.items():
        before_qty = quantities.get(sku, crashes.initial_qty[sku])
        assert float(crashes.api.stock_item(sku)["qty"]) in (before_qty, qty), sku


def test_stock_legacy_and_msi_agree_after_the_kills(crashes: Crashes) -> None:
    shop = crashes.shop
    assert stock_violations(crashes.api, [*shop.hot, *shop.shared, *shop.stock]) == []
