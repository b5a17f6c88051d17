"""The order lifecycle, on orders placed through the REST checkout (so it runs on any Magento).

new/pending -> invoice (processing) -> ship with tracking (complete) -> refund (closed); cancel,
hold and unhold; Sales/Model/Order/StateResolver, InvoiceOrder, ShipOrder, RefundOrder,
RefundInvoice, OrderManagement. Exact validation messages were measured on 2.4.7-p3.
"""
from __future__ import annotations

from typing import Any

import pytest

from contracts.builders import (
    create_customer,
    create_product,
    customer_order,
    customer_token,
    guest_order,
    ok,
    search,
)
from contracts.client import MagentoClient
from contracts.target import Target

INVOICE_REFUSED = ("Invoice Document Validation Error(s):\nThe invoice can't be created without products. "
                   "Add products and try again.\nThe order does not allow an invoice to be created.")
REFUND_REFUSED = "Creditmemo Document Validation Error(s):\nThe most money available to refund is 0."
INVOICE_NOT_REFUNDABLE = "Creditmemo Document Validation Error(s):\nWe can't create creditmemo for the invoice."


@pytest.fixture(scope="module")
def skus(target: Target) -> dict[str, str]:
    return {key: create_product(target, f"o-{key}", price=price, qty=1000)["sku"]
            for key, price in (("a", 10), ("b", 15))}


def order(client: MagentoClient, order_id: int) -> dict[str, Any]:
    return dict(ok(client.get("/V1/orders/{id}", id=order_id)))


def item_ids(found: dict[str, Any]) -> dict[str, int]:
    return {item["sku"]: item["item_id"] for item in found["items"]}


def test_guest_order_is_new_and_pending(target: Target, skus: dict[str, str]) -> None:
    order_id = guest_order(target, [(skus["a"], 2), (skus["b"], 1)])
    found = order(target.client(), order_id)
    assert found["entity_id"] == order_id
    assert (found["state"], found["status"]) == ("new", "pending")
    assert found["customer_is_guest"] == 1 and found["customer_group_id"] == 0
    assert found["customer_email"].startswith(target.prefix) and "customer_id" not in found
    assert found["increment_id"].isdigit()
    assert sorted((i["sku"], i["qty_ordered"], i["price"]) for i in found["items"]) == [
        (skus["a"], 2, 10), (skus["b"], 1, 15)]
    assert found["subtotal"] == 35 and found["total_qty_ordered"] == 3
    assert found["grand_total"] == found["subtotal"] + found["shipping_amount"] - abs(found["discount_amount"]) \
        + found["tax_amount"]
    assert found["base_grand_total"] == found["grand_total"] and found["total_due"] == found["grand_total"]
    assert found["payment"]["method"] == "checkmo"
    assert found["billing_address"]["email"] == found["customer_email"]
    (assignment,) = found["extension_attributes"]["shipping_assignments"]
    assert assignment["shipping"]["method"] == "flatrate_flatrate"
    assert assignment["shipping"]["address"]["address_type"] == "shipping"
    (comment,) = found["status_histories"]
    assert target.prefix in comment["comment"] and comment["parent_id"] == order_id


def test_invoice_ship_with_tracking_and_refund(target: Target, skus: dict[str, str]) -> None:
    client = target.client()
    order_id = guest_order(target, [(skus["a"], 2)])
    placed = order(client, order_id)

    invoice_id = int(ok(client.post("/V1/order/{orderId}/invoice", {"capture": True}, orderId=order_id)))
    invoice = ok(client.get("/V1/invoices/{id}", id=invoice_id))
    assert invoice["order_id"] == order_id and invoice["state"] == 2
    assert invoice["grand_total"] == placed["grand_total"] and invoice["total_qty"] == 2
    invoiced = order(client, order_id)
    assert (invoiced["state"], invoiced["status"]) == ("processing", "processing")
    assert invoiced["total_paid"] == invoiced["total_invoiced"] == placed["grand_total"]
    assert invoiced["items"][0]["qty_invoiced"] == 2

    again = client.post("/V1/order/{orderId}/invoice", {"capture": True}, orderId=order_id)
    assert again.status == 400 and again.body == {"message": INVOICE_REFUSED}

    track = {"track_number": f"{target.prefix}-TRK1", "title": "Kit Carrier", "carrier_code": "custom"}
    shipment_id = int(ok(client.post("/V1/order/{orderId}/ship", {"tracks": [track]}, orderId=order_id)))
    shipment = ok(client.get("/V1/shipment/{id}", id=shipment_id))
    assert shipment["order_id"] == order_id and shipment["total_qty"] == 2
    assert [(t["track_number"], t["carrier_code"], t["title"]) for t in shipment["tracks"]] == [
        (track["track_number"], "custom", "Kit Carrier")]
    shipped = order(client, order_id)
    assert (shipped["state"], shipped["status"]) == ("complete", "complete")
    assert shipped["items"][0]["qty_shipped"] == 2

    added = ok(client.post("/V1/shipment/track", {"entity": {
        "order_id": order_id, "parent_id": shipment_id, "track_number": f"{target.prefix}-TRK2",
        "title": "Kit Carrier", "carrier_code": "custom", "weight": 1, "qty": 1}}))
    assert added["parent_id"] == shipment_id and isinstance(added["entity_id"], int)
    tracks = ok(client.get("/V1/shipment/{id}", id=shipment_id))["tracks"]
    assert sorted(t["track_number"] for t in tracks) == [f"{target.prefix}-TRK1", f"{target.prefix}-TRK2"]

    memo_id = int(ok(client.post("/V1/order/{orderId}/refund", {}, orderId=order_id)))
    memo = ok(client.get("/V1/creditmemo/{id}", id=memo_id))
    assert memo["order_id"] == order_id
    assert memo["grand_total"] == placed["grand_total"] and memo["state"] == 2
    refunded = order(client, order_id)
    assert (refunded["state"], refunded["status"]) == ("closed", "closed")
    assert refunded["total_refunded"] == placed["grand_total"]
    assert refunded["items"][0]["qty_refunded"] == 2


def test_partial_invoice_and_partial_refund(target: Target, skus: dict[str, str]) -> None:
    client = target.client()
    order_id = guest_order(target, [(skus["a"], 2), (skus["b"], 1)])
    items = item_ids(order(client, order_id))
    invoice_id = int(ok(client.post("/V1/order/{orderId}/invoice", {
        "capture": True, "items": [{"order_item_id": items[skus["a"]], "qty": 1}]}, orderId=order_id)))
    partly = order(client, order_id)
    assert (partly["state"], partly["status"]) == ("processing", "processing")
    assert {i["sku"]: i["qty_invoiced"] for i in partly["items"]} == {skus["a"]: 1, skus["b"]: 0}
    invoice = ok(client.get("/V1/invoices/{id}", id=invoice_id))
    assert invoice["subtotal"] == 10 and invoice["total_qty"] == 1

    memo_id = int(ok(client.post("/V1/order/{orderId}/refund", {
        "items": [{"order_item_id": items[skus["a"]], "qty": 1}], "arguments": {"shipping_amount": 0}},
        orderId=order_id)))
    memo = ok(client.get("/V1/creditmemo/{id}", id=memo_id))
    assert memo["order_id"] == order_id and memo["subtotal"] == 10 and memo["shipping_amount"] == 0
    assert memo["grand_total"] == 10
    after = order(client, order_id)
    assert (after["state"], after["status"]) == ("processing", "processing")
    assert {i["sku"]: i["qty_refunded"] for i in after["items"]} == {skus["a"]: 1, skus["b"]: 0}
    memos = ok(client.get("/V1/creditmemos", query=search(("order_id", order_id, "eq"))))
    assert [m["entity_id"] for m in memos["items"]] == [memo_id]


def test_an_offline_invoice_cannot_be_refunded_per_invoice(target: Target, skus: dict[str, str]) -> None:
    """Check / money order cannot refund (Invoice/Validation/CanRefund: the method's canRefund), so
    RefundInvoice refuses; RefundOrder (offline) is the way."""
    client = target.client()
    order_id = guest_order(target, [(skus["a"], 1)])
    invoice_id = int(ok(client.post("/V1/order/{orderId}/invoice", {"capture": True}, orderId=order_id)))
    answer = client.post("/V1/invoice/{invoiceId}/refund", {}, invoiceId=invoice_id)
    assert answer.status == 400 and answer.body == {"message": INVOICE_NOT_REFUNDABLE}


def test_refund_with_nothing_invoiced_is_refused(target: Target, skus: dict[str, str]) -> None:
    order_id = guest_order(target, [(skus["a"], 1)])
    answer = target.client().post("/V1/order/{orderId}/refund", {}, orderId=order_id)
    assert answer.status == 400 and answer.body == {"message": REFUND_REFUSED}


def test_hold_unhold_and_cancel(target: Target, skus: dict[str, str]) -> None:
    client = target.client()
    order_id = guest_order(target, [(skus["b"], 1)])
    assert ok(client.post("/V1/orders/{id}/hold", id=order_id)) is True
    held = order(client, order_id)
    assert (held["state"], held["status"]) == ("holded", "holded")
    assert ok(client.post("/V1/orders/{id}/unhold", id=order_id)) is True
    assert (order(client, order_id)["state"]) == "new"
    assert ok(client.post("/V1/orders/{id}/cancel", id=order_id)) is True
    canceled = order(client, order_id)
    assert (canceled["state"], canceled["status"]) == ("canceled", "canceled")
    assert canceled["items"][0]["qty_canceled"] == 1
    assert ok(client.post("/V1/orders/{id}/cancel", id=order_id)) is False


def test_customer_cart_order(target: Target, skus: dict[str, str]) -> None:
    customer = create_customer(target, "buyer")
    token = customer_token(target, customer["email"])
    order_id = customer_order(target, token, customer["email"], [(skus["a"], 1)])
    client = target.client()
    found = order(client, order_id)
    assert found["customer_id"] == customer["id"] and found["customer_is_guest"] == 0
    assert found["customer_email"] == customer["email"] and found["customer_group_id"] == 1
    assert (found["state"], found["status"]) == ("new", "pending")
    listed = ok(client.get("/V1/orders", query=search(("customer_email", customer["email"], "eq"))))
    assert [o["entity_id"] for o in listed["items"]] == [order_id] and listed["total_count"] == 1


def test_order_lists_and_comments(target: Target, skus: dict[str, str]) -> None:
    client = target.client()
    ids = [guest_order(target, [(skus["a"], 1)], what="listed") for _ in range(2)]
    found = ok(client.get("/V1/orders", query=search(("entity_id", ",".join(map(str, ids)), "in"),
                                                     sort=[("entity_id", "DESC")])))
    assert [o["entity_id"] for o in found["items"]] == sorted(ids, reverse=True)
    items = ok(client.get("/V1/orders/items", query=search(("order_id", ids[0], "eq"))))
    assert [i["sku"] for i in items["items"]] == [skus["a"]]
    comments = ok(client.get("/V1/orders/{id}/comments", id=ids[0]))
    assert comments["total_count"] == 1 and target.prefix in comments["items"][0]["comment"]
    status = ok(client.get("/V1/orders/{id}/statuses", id=ids[0]))
    assert status == "pending"
