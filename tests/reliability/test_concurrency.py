"""Several clients at once over a real socket for a bounded time (RELIABILITY_SECONDS, default 6;
RELIABILITY_WORKERS, default 6): no unplanned answer (no 5xx, no dropped connection, no refusal of a
read, a product save or a stock update), and afterwards every invariant of invariants.py holds, no
acknowledged write is lost and no document exists that was not acknowledged.

Run longer: ``RELIABILITY_SECONDS=120 .venv/bin/python -m pytest -q -p no:xdist tests/reliability -s``
(the figures are printed with -s).
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from urllib.parse import quote

import pytest

from fake_magento import ThreadedServer
from tests.reliability import workload
from tests.reliability.invariants import SalesState, salable_violations, sales_violations, stock_violations
from tests.reliability.shop_api import ShopApi, admin_token
from tests.support.emulator import emulator_credentials, start_emulator

pytestmark = pytest.mark.socket

SECONDS = float(os.environ.get("RELIABILITY_SECONDS", "6"))
WORKERS = int(os.environ.get("RELIABILITY_WORKERS", "6"))


@pytest.fixture(scope="module")
def server() -> Iterator[ThreadedServer]:
    started = start_emulator()
    yield started
    started.stop()


@pytest.fixture(scope="module")
def api(server: ThreadedServer) -> ShopApi:
    creds = emulator_credentials(server)
    return ShopApi(server.url, admin_token(server.url, creds["admin_username"], creds["admin_password"]))


@pytest.fixture(scope="module")
def shop(api: ShopApi) -> workload.Shop:
    return workload.make_shop(api, WORKERS, "rel", SECONDS)


@pytest.fixture(scope="module")
def outcome(api: ShopApi, shop: workload.Shop) -> workload.Outcome:
    result = workload.run(api, shop, workers=WORKERS, seconds=SECONDS)
    print(f"\nreliability: {WORKERS} workers, {result.seconds:.1f} s, {result.requests} requests "
          f"({result.requests / result.seconds:.0f}/s), {len(result.orders)} orders, "
          + ", ".join(f"{k} {len(v)}" for k, v in result.documents.items()))
    print("statuses:", dict(sorted(result.statuses.items())))
    print("refusals:", dict(result.refusals.most_common()))
    return result


def test_no_unplanned_answer(outcome: workload.Outcome) -> None:
    assert outcome.unplanned == [] and outcome.errors == []
    # the run did what it is for: every kind of write succeeded at least once
    done = {op for (op, status) in outcome.statuses if status == 200}
    assert done >= {"order", "invoice", "ship", "refund", "product", "stock", "search"}


def test_sales_invariants(api: ShopApi, outcome: workload.Outcome) -> None:
    state = SalesState.read(api)
    assert sales_violations(state) == []


def test_every_acknowledged_document_is_there_and_no_other(api: ShopApi, outcome: workload.Outcome) -> None:
    mine = set(outcome.orders)
    state = SalesState.read(api, mine)
    assert {o["entity_id"] for o in state.orders} == mine
    for kind, group in (("invoice", state.invoices), ("ship", state.shipments), ("refund", state.creditmemos)):
        stored = {int(d["entity_id"]) for docs in group.values() for d in docs}
        assert stored == outcome.documents[kind], kind


def test_stock_legacy_and_msi_agree(api: ShopApi, shop: workload.Shop, outcome: workload.Outcome) -> None:
    assert stock_violations(api, [*shop.hot, *shop.shared, *shop.stock]) == []


def test_no_oversell_and_salable_follows_orders(api: ShopApi, shop: workload.Shop,
                                                 outcome: workload.Outcome) -> None:
    state = SalesState.read(api, outcome.orders)
    assert salable_violations(api, shop.hot, state) == []


def test_last_acknowledged_stock_quantity_is_kept(api: ShopApi, shop: workload.Shop,
                                                  outcome: workload.Outcome) -> None:
    kept = {sku: float(api.stock_item(sku)["qty"]) for sku in outcome.quantities}
    assert kept == outcome.quantities


def test_no_lost_product_update(api: ShopApi, shop: workload.Shop, outcome: workload.Outcome) -> None:
    """Each worker wrote only its own field: every field holds its writer's last acknowledged value."""
    assert outcome.fields, "no product save was acknowledged"
    for sku in shop.shared:
        answer = api.call("GET", f"products/{quote(sku, safe='')}", store="all")
        assert answer.ok
        for (field_sku, name), value in outcome.fields.items():
            if field_sku == sku:
                assert workload.product_field(answer.body, name) == value, (sku, name)
