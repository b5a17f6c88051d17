"""Bundles through ship, invoice and refund, booked as the real 2.4.7-p3 sandbox books them.

Evidence: on the sandbox (http://127.0.0.1:8082) two simples, A at 8.00 and B at 5.00, and three
bundles over them were made over REST (selections A x2 and B x1, can_change_quantity 0): dynamic
price shipped together, fixed price 30.00 shipped together, dynamic price shipped separately. Each
order came through the guest checkout (flat rate, check / money order) and was invoiced, shipped
and refunded over REST; the quantities, documents and messages below are what it answered.
Source: Sales/Model/Order/ShipmentDocumentFactory::getQuantitiesFromOrderItems,
ShipmentFactory::prepareItems / setItemsToShipment, Shipment/OrderRegistrar, Order::canShip,
Bundle/Model/Sales/Order/Shipment/BundleShipmentTypeValidator, InvoiceService::prepareInvoice,
CreditmemoFactory::getQtyToRefund.
"""
from __future__ import annotations

from typing import Any

import pytest

from tests.support import RestClient
from tests.sales.shop import bundle_line, guest_order
from tests.sales.shop import ok as _ok

TOGETHER = 'Cannot create shipment as bundle product "{}" has shipment type "Together". ' \
           "Bundle product itself should be shipped instead."
SEPARATELY = 'Cannot create shipment as bundle product "{}" has shipment type "Separately". ' \
             "Bundle product options should be shipped instead."
NOT_ALLOWED = ("Shipment Document Validation Error(s):\nThe order does not allow a shipment to be created.\n"
               "You can't create a shipment without products.")


def place(client: RestClient, sku: str, qty: int) -> tuple[int, dict[str, Any], dict[str, Any], dict[str, Any]]:
    """A guest checkout of ``qty`` bundles; the order id and its bundle, A and B rows."""
    order_id = guest_order(client, [bundle_line(client, sku, qty)])
    return (order_id, *rows(client, order_id))  # type: ignore[return-value]


def rows(client: RestClient, order_id: int) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    items = _ok(client.get(f"/orders/{order_id}"))["items"]
    bundle = next(i for i in items if i["product_type"] == "bundle")
    a = next(i for i in items if i["sku"] == "BF-A")
    b = next(i for i in items if i["sku"] == "BF-B")
    return bundle, a, b


def booked(client: RestClient, order_id: int, field: str) -> tuple[float, float, float]:
    """``field`` (qty_shipped, qty_invoiced, qty_refunded) of the bundle row, A and B."""
    return tuple(row[field] for row in rows(client, order_id))  # type: ignore[return-value]


def state(client: RestClient, order_id: int) -> tuple[str, str]:
    order = _ok(client.get(f"/orders/{order_id}"))
    return order["state"], order["status"]


def source_qty(client: RestClient, sku: str) -> float:
    items = _ok(client.get("/inventory/source-items?searchCriteria[filter_groups][0][filters][0][field]=sku"
                           f"&searchCriteria[filter_groups][0][filters][0][value]={sku}"))["items"]
    return float(next(i["quantity"] for i in items if i["source_code"] == "default"))


# -- shipments ---------------------------------------------------------------------------------
def test_shipping_a_bundle_together_ships_its_selections_too(bundles):
    """Sandbox: bundle 1 shipped, the selection of qty 2 reads qty_shipped 2; the shipment lists the
    bundle row only and counts 1 (OrderRegistrar registers the deleted child rows as well)."""
    order_id, bundle, _, _ = place(bundles, "BF-DYN", 1)
    shipment = _ok(bundles.get(f"/shipment/{_ok(bundles.post(f'/order/{order_id}/ship', {}))}"))
    assert booked(bundles, order_id, "qty_shipped") == (1, 2, 1)
    assert [(i["order_item_id"], i["qty"]) for i in shipment["items"]] == [(bundle["item_id"], 1)]
    assert shipment["total_qty"] == 1
    assert state(bundles, order_id) == ("processing", "processing")


def test_shipping_part_of_a_bundle_ships_that_share_of_each_selection(bundles):
    """Sandbox: 2 bundles, 1 shipped -> selections 2 and 1; shipping the rest (no items: each row's
    qty_ordered is asked, capped at what is left) -> 2, 4, 2; then nothing is left to ship."""
    order_id, bundle, _, _ = place(bundles, "BF-DYN", 2)
    _ok(bundles.post(f"/order/{order_id}/ship", {"items": [{"order_item_id": bundle["item_id"], "qty": 1}]}))
    assert booked(bundles, order_id, "qty_shipped") == (1, 2, 1)
    _ok(bundles.post(f"/order/{order_id}/ship", {}))
    assert booked(bundles, order_id, "qty_shipped") == (2, 4, 2)
    again = bundles.post(f"/order/{order_id}/ship", {})
    assert (again.status_code, again.get_json()["message"]) == (400, NOT_ALLOWED)


def test_a_selection_of_a_bundle_shipped_together_cannot_be_named(bundles):
    order_id, _, a, _ = place(bundles, "BF-DYN", 2)
    resp = bundles.post(f"/order/{order_id}/ship", {"items": [{"order_item_id": a["item_id"], "qty": 1}]})
    assert resp.status_code == 400
    assert resp.get_json()["message"] == ("Shipment Document Validation Error(s):\nYou can't create a shipment"
                                          " without products.\n" + TOGETHER.format(a["parent_item"]["sku"]))
    assert booked(bundles, order_id, "qty_shipped") == (0, 0, 0)


def test_a_bundle_shipped_separately_lists_its_selections_and_counts_them(bundles):
    """Sandbox: the shipment lists the bundle row (qty 1) and both selections; total_qty 3 leaves the
    bundle row out (it is the dummy row when shipped separately)."""
    order_id, bundle, a, b = place(bundles, "BF-SEP", 1)
    shipment = _ok(bundles.get(f"/shipment/{_ok(bundles.post(f'/order/{order_id}/ship', {}))}"))
    assert [(i["order_item_id"], i["qty"]) for i in shipment["items"]] == [
        (bundle["item_id"], 1), (a["item_id"], 2), (b["item_id"], 1)]
    assert shipment["total_qty"] == 3
    assert booked(bundles, order_id, "qty_shipped") == (1, 2, 1)
    again = bundles.post(f"/order/{order_id}/ship", {})
    assert (again.status_code, again.get_json()["message"]) == (400, NOT_ALLOWED)


def test_a_bundle_shipped_separately_cannot_be_named_without_a_selection(bundles):
    order_id, bundle, _, b = place(bundles, "BF-SEP", 1)
    alone = bundles.post(f"/order/{order_id}/ship", {"items": [{"order_item_id": bundle["item_id"], "qty": 1}]})
    assert alone.get_json()["message"] == ("Shipment Document Validation Error(s):\nYou can't create a shipment"
                                           " without products.\n" + SEPARATELY.format(bundle["sku"]))
    with_b = bundles.post(f"/order/{order_id}/ship", {"items": [{"order_item_id": bundle["item_id"], "qty": 1},
                                                              {"order_item_id": b["item_id"], "qty": 1}]})
    assert with_b.get_json()["message"] == "Shipment Document Validation Error(s):\n" + SEPARATELY.format(
        bundle["sku"])
    assert booked(bundles, order_id, "qty_shipped") == (0, 0, 0)


def test_one_selection_of_a_bundle_shipped_separately_ships_the_bundle_row_once(bundles):
    """Sandbox: naming selection A alone ships A 2 and the bundle row 1 (prepareItems gives the
    dummy bundle row qty 1); B stays unshipped."""
    order_id, _, a, _ = place(bundles, "BF-SEP", 1)
    shipment_id = _ok(bundles.post(f"/order/{order_id}/ship", {"items": [{"order_item_id": a["item_id"], "qty": 2}]}))
    shipment = _ok(bundles.get(f"/shipment/{shipment_id}"))
    assert booked(bundles, order_id, "qty_shipped") == (1, 2, 0)
    assert shipment["total_qty"] == 2


@pytest.mark.parametrize("sku", ["BF-DYN", "BF-SEP"])
def test_a_bundle_shipment_deducts_each_selection_once(bundles, sku):
    """Sandbox: A 90 -> 88 and B 96 -> 95 for one bundle, shipped together or separately."""
    before = source_qty(bundles, "BF-A"), source_qty(bundles, "BF-B")
    order_id, *_ = place(bundles, sku, 1)
    _ok(bundles.post(f"/order/{order_id}/ship", {}))
    assert (source_qty(bundles, "BF-A"), source_qty(bundles, "BF-B")) == (before[0] - 2, before[1] - 1)


# -- invoices and credit memos -------------------------------------------------------------------
def test_a_dynamic_bundle_invoiced_and_refunded_books_every_row(bundles):
    """Sandbox: invoice and refund without items book the bundle row 1 and the selections 2 and 1;
    the order is closed and cannot be shipped."""
    order_id, *_ = place(bundles, "BF-DYN", 1)
    _ok(bundles.post(f"/order/{order_id}/invoice", {}))
    assert booked(bundles, order_id, "qty_invoiced") == (1, 2, 1)
    _ok(bundles.post(f"/order/{order_id}/refund", {}))
    assert booked(bundles, order_id, "qty_refunded") == (1, 2, 1)
    assert state(bundles, order_id) == ("closed", "closed")
    after = bundles.post(f"/order/{order_id}/ship", {})
    assert (after.status_code, after.get_json()["message"]) == (400, NOT_ALLOWED)


def test_a_fixed_price_bundle_invoiced_shipped_and_refunded_books_every_row(bundles):
    order_id, *_ = place(bundles, "BF-FIX", 1)
    _ok(bundles.post(f"/order/{order_id}/invoice", {}))
    assert booked(bundles, order_id, "qty_invoiced") == (1, 2, 1)
    _ok(bundles.post(f"/order/{order_id}/ship", {}))
    assert booked(bundles, order_id, "qty_shipped") == (1, 2, 1)
    assert state(bundles, order_id) == ("complete", "complete")
    _ok(bundles.post(f"/order/{order_id}/refund", {}))
    assert booked(bundles, order_id, "qty_refunded") == (1, 2, 1)
    assert state(bundles, order_id) == ("closed", "closed")


def test_a_partly_refunded_dynamic_bundle_still_ships_what_is_left(bundles):
    """Sandbox: 2 bundles, the bundle row invoiced 1 (selections 2 and 1); refunding 1 of A also books
    the bundle row (its qty_invoiced, 1); shipping then asks qty_ordered of the bundle row: it ships
    1 (2 less the refunded 1), A min(2 x 2, 4 - 1) = 3 and B 2."""
    order_id, bundle, a, _ = place(bundles, "BF-DYN", 2)
    _ok(bundles.post(f"/order/{order_id}/invoice", {"items": [{"order_item_id": bundle["item_id"], "qty": 1}]}))
    assert booked(bundles, order_id, "qty_invoiced") == (1, 2, 1)
    _ok(bundles.post(f"/order/{order_id}/refund", {"items": [{"order_item_id": a["item_id"], "qty": 1}],
                                                 "arguments": {"shipping_amount": 0}}))
    assert booked(bundles, order_id, "qty_refunded") == (1, 1, 0)
    _ok(bundles.post(f"/order/{order_id}/ship", {}))
    assert booked(bundles, order_id, "qty_shipped") == (1, 3, 2)
    assert state(bundles, order_id) == ("processing", "processing")


def test_a_fixed_price_bundle_invoiced_and_refunded_in_part_books_its_selections(bundles):
    order_id, bundle, _, _ = place(bundles, "BF-FIX", 2)
    _ok(bundles.post(f"/order/{order_id}/invoice", {"items": [{"order_item_id": bundle["item_id"], "qty": 1}]}))
    assert booked(bundles, order_id, "qty_invoiced") == (1, 2, 1)
    _ok(bundles.post(f"/order/{order_id}/refund", {"items": [{"order_item_id": bundle["item_id"], "qty": 1}],
                                                 "arguments": {"shipping_amount": 0}}))
    assert booked(bundles, order_id, "qty_refunded") == (1, 2, 1)
    assert state(bundles, order_id) == ("processing", "processing")
