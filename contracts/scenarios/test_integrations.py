"""The connector's three integrations, run through ``connector`` against the target.

- customer profile by email (a support tool): the account, its orders and its e-mail's guest orders,
  newest first, with tracking, lines and admin deep links;
- incremental pull (an ERP, PIM or CRM): what changed since a watermark, nothing lost or twice;
- fulfilment writes (a warehouse): invoice, ship with tracking, add a track, refund, comment, hold,
  cancel, stock per legacy item and per source.

The connector talks to the target through a session whose responses the kit validates and records
like its own; the kit's own client sets up the data and reads the results back.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from connector.client import MagentoClient
from connector.config import ConnectorConfig
from connector.operations.fulfilment import Fulfilment, SourceStock, Tracking
from connector.operations.profile import customer_profile
from connector.operations.pull import pull
from contracts.builders import (
    create_customer,
    create_product,
    customer_order,
    customer_token,
    guest_order,
    ok,
)
from contracts.target import Target


@pytest.fixture(scope="module")
def connector(target: Target, observed_session: requests.Session) -> Iterator[MagentoClient]:
    creds = target.credentials
    if creds.has_oauth:
        config = ConnectorConfig(url=target.url, consumer_key=creds.consumer_key,
                                 consumer_secret=creds.consumer_secret, access_token=creds.access_token,
                                 access_token_secret=creds.access_token_secret)
    elif creds.token:
        config = ConnectorConfig(url=target.url, token=creds.token)
    else:
        config = ConnectorConfig(url=target.url, username=creds.username, password=creds.password)
    client = MagentoClient(config, session=observed_session)
    yield client
    client.close()


@pytest.fixture(scope="module")
def skus(target: Target) -> dict[str, str]:
    return {key: create_product(target, f"i-{key}", price=price, qty=500)["sku"]
            for key, price in (("a", 12), ("b", 7))}


def order(target: Target, order_id: int) -> dict[str, Any]:
    return dict(ok(target.client().get("/V1/orders/{id}", id=order_id)))


def test_customer_profile_by_email(target: Target, connector: Any, skus: dict[str, str]) -> None:
    customer = create_customer(target, "profile")
    email = customer["email"]
    token = customer_token(target, email)
    first = customer_order(target, token, email, [(skus["a"], 1), (skus["b"], 2)])
    second = customer_order(target, token, email, [(skus["b"], 1)])
    guest = guest_order(target, [(skus["a"], 3)], email=email)
    client = target.client()
    ok(client.post("/V1/order/{orderId}/invoice", {"capture": True}, orderId=first))
    ok(client.post("/V1/order/{orderId}/ship", {"tracks": [
        {"track_number": f"{target.prefix}-PROFILE", "title": "Kit Carrier", "carrier_code": "custom"}]}, orderId=first))

    profile = customer_profile(connector, email)
    assert profile.customer_id == customer["id"] and profile.email == email
    assert profile.admin_url.endswith(f"/customer/index/edit/id/{customer['id']}/")
    assert profile.total_orders == 3
    assert [o.order_id for o in profile.orders] == [guest, second, first]
    by_id = {o.order_id: o for o in profile.orders}
    assert by_id[first].fulfilled is True and by_id[second].fulfilled is False
    assert [t.track_number for t in by_id[first].tracks] == [f"{target.prefix}-PROFILE"]
    assert by_id[first].admin_url.endswith(f"/sales/order/view/order_id/{first}/")
    assert sorted((line.sku, line.qty, line.unit_price) for line in by_id[first].lines) == sorted(
        [(skus["a"], 1, 12), (skus["b"], 2, 7)])
    totals = sum(order(target, i)["base_grand_total"] for i in (first, second, guest))
    assert profile.lifetime_sales == {"USD": totals}


def test_customer_profile_limits_the_orders_shown(target: Target, connector: Any, skus: dict[str, str]) -> None:
    customer = create_customer(target, "profile-limit")
    token = customer_token(target, customer["email"])
    ids = [customer_order(target, token, customer["email"], [(skus["b"], 1)]) for _ in range(2)]
    profile = customer_profile(connector, customer["email"], limit=1)
    assert profile.total_orders == 2 and [o.order_id for o in profile.orders] == [max(ids)]


def _pulled(out: Path, prefix: str) -> list[tuple[int, str]]:
    lines = [json.loads(line) for line in out.read_text().splitlines()] if out.exists() else []
    return [(r["entity_id"], r["state"]) for r in lines if str(r.get("customer_email", "")).startswith(prefix)]


@pytest.mark.unrecorded("a pull reads every order changed since the watermark, other clients' too")
def test_incremental_pull_loses_nothing_and_repeats_nothing(target: Target, connector: Any, skus: dict[str, str],
                                                            tmp_path: Path) -> None:
    first = guest_order(target, [(skus["a"], 1)], what="pull")
    since = order(target, first)["updated_at"]
    out, state = tmp_path / "orders.jsonl", tmp_path / "state.json"
    prefix = f"{target.prefix}-pull"

    pull(connector, "orders", out, state, since=since, page_size=2)
    assert _pulled(out, prefix) == [(first, "new")]

    second = guest_order(target, [(skus["b"], 1)], what="pull")
    pull(connector, "orders", out, state, page_size=2)
    assert _pulled(out, prefix) == [(first, "new"), (second, "new")]

    assert ok(target.client().post("/V1/orders/{id}/hold", id=first)) is True
    pull(connector, "orders", out, state, page_size=2)
    assert _pulled(out, prefix) == [(first, "new"), (second, "new"), (first, "holded")]

    pull(connector, "orders", out, state, page_size=2)
    assert len(_pulled(out, prefix)) == 3
    saved = json.loads(state.read_text())
    assert saved["complete"] is True and saved["watermark"] >= since


def test_fulfilment_writes(target: Target, connector: Any, skus: dict[str, str]) -> None:
    writer = Fulfilment(connector)
    order_id = guest_order(target, [(skus["a"], 2), (skus["b"], 1)], what="fulfil")

    invoiced = writer.invoice(order_id, {skus["a"]: 2, skus["b"]: 1})
    assert invoiced.document_id > 0 and sorted(invoiced.applied.values()) == [1, 2]
    assert order(target, order_id)["state"] == "processing"

    shipped = writer.ship(order_id, {skus["a"]: 1}, tracks=[Tracking(f"{target.prefix}-FUL1", "custom", "Kit")])
    assert list(shipped.applied.values()) == [1]
    track_id = writer.add_track(shipped.document_id, Tracking(f"{target.prefix}-FUL2", "custom", "Kit"))
    shipment = ok(target.client().get("/V1/shipment/{id}", id=shipped.document_id))
    assert sorted(t["track_number"] for t in shipment["tracks"]) == [f"{target.prefix}-FUL1", f"{target.prefix}-FUL2"]
    assert track_id in [t["entity_id"] for t in shipment["tracks"]]

    refunded = writer.refund(order_id, {skus["b"]: 1})
    memo = ok(target.client().get("/V1/creditmemo/{id}", id=refunded.document_id))
    assert memo["order_id"] == order_id and memo["subtotal"] == 7
    after = order(target, order_id)
    assert {i["sku"]: (i["qty_shipped"], i["qty_refunded"]) for i in after["items"]} == {
        skus["a"]: (1, 0), skus["b"]: (0, 1)}

    assert writer.comment(order_id, f"{target.prefix} packed") is True
    comments = ok(target.client().get("/V1/orders/{id}/comments", id=order_id))["items"]
    assert f"{target.prefix} packed" in [c["comment"] for c in comments]


def test_fulfilment_hold_and_cancel(target: Target, connector: Any, skus: dict[str, str]) -> None:
    writer = Fulfilment(connector)
    order_id = guest_order(target, [(skus["b"], 1)], what="fulfil-cancel")
    assert writer.hold(order_id) is True and order(target, order_id)["state"] == "holded"
    assert writer.unhold(order_id) is True
    assert writer.cancel(order_id) is True and order(target, order_id)["state"] == "canceled"
    assert writer.cancel(order_id) is False


def test_fulfilment_stock_updates(target: Target, connector: Any) -> None:
    writer = Fulfilment(connector)
    sku = create_product(target, "i-stock", qty=5)["sku"]
    item_id = writer.set_stock(sku, 42)
    item = ok(target.client().get("/V1/stockItems/{productSku}", productSku=sku))
    assert item["item_id"] == item_id and item["qty"] == 42
    writer.set_source_stock([SourceStock(sku, "default", 17)])
    assert ok(target.client().get("/V1/stockItems/{productSku}", productSku=sku))["qty"] == 17
