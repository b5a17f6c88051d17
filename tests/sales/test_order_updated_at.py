"""Which order operations move the order's updated_at, the field incremental pulls filter on.

Evidence: 2.4.7-p3 sandbox, each operation on a fresh guest order (checkmo, flatrate), GET the
order, wait 2 s, operate, GET again. A comment (no status, or the order's own status) and an address
PUT /V1/orders/{parent_id} left updated_at as it was; hold, unhold, cancel, invoice, ship and refund
moved it.
"""
from __future__ import annotations

from typing import Any

import pytest


def pending_id(client) -> int:
    orders = client.get("/orders?searchCriteria[pageSize]=100").get_json()["items"]
    return next(o["entity_id"] for o in orders if o["status"] == "pending")


def stamp_after(client, order_id: int, method: str, path: str, body: Any = None) -> tuple[str, str]:
    before = client.get(f"/orders/{order_id}").get_json()["updated_at"]
    client.backend.clock.advance(60)
    resp = getattr(client, method)(path, body) if body is not None else getattr(client, method)(path)
    assert resp.status_code == 200, resp.get_json()
    return before, client.get(f"/orders/{order_id}").get_json()["updated_at"]


@pytest.mark.parametrize("history", [{"comment": "called the customer", "is_customer_notified": 0},
                                     {"comment": "same status", "status": "pending"}])
def test_a_comment_leaves_updated_at(client, history):
    order_id = pending_id(client)
    before, after = stamp_after(client, order_id, "post", f"/orders/{order_id}/comments",
                                {"statusHistory": history})
    assert after == before
    comments = client.get(f"/orders/{order_id}/comments").get_json()["items"]
    assert comments[-1]["comment"] == history["comment"]


def test_an_address_update_leaves_updated_at(client):
    order_id = pending_id(client)
    address = client.get(f"/orders/{order_id}").get_json()["billing_address"]
    before, after = stamp_after(client, order_id, "put", f"/orders/{order_id}",
                                {"entity": {**address, "firstname": "Renamed"}})
    assert after == before
    assert client.get(f"/orders/{order_id}").get_json()["billing_address"]["firstname"] == "Renamed"


def test_hold_unhold_and_cancel_move_updated_at(client):
    order_id = pending_id(client)
    for action in ("hold", "unhold", "cancel"):
        before, after = stamp_after(client, order_id, "post", f"/orders/{order_id}/{action}")
        assert after > before, action


def test_invoice_ship_and_refund_move_updated_at_and_a_later_comment_does_not(client):
    order_id = pending_id(client)
    for action, body in (("invoice", {"capture": False}), ("ship", {"items": []}), ("refund", {"items": []})):
        before, after = stamp_after(client, order_id, "post", f"/order/{order_id}/{action}", body)
        assert after > before, action
        before, after = stamp_after(client, order_id, "post", f"/orders/{order_id}/comments",
                                    {"statusHistory": {"comment": f"after {action}"}})
        assert after == before, action
    assert client.get(f"/orders/{order_id}").get_json()["state"] == "closed"
