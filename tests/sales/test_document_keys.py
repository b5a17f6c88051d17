"""Invoices, shipments and credit memos read back key by key as the real 2.4.7-p3 sandbox sends them.

Evidence: the sandbox run of test_read_keys.py (A x2 at 8.00, B x1 at 5.00; 1 of A invoiced with the
shipping, then the rest; all shipped, 1 of A shipped with a track first; 1 of A refunded with
shipping_amount 0, adjustment_positive 1 and adjustment_negative 0, then the rest with
adjustment_negative 1), each document read with GET /V1/invoices/{id}, /V1/shipment/{id},
/V1/creditmemo/{id}; and the notify=true run (email_sent 1 on all three documents).
"""
from __future__ import annotations

from typing import Any

import pytest

from tests.sales.shop import guest_order as place
from tests.sales.shop import ok as _ok
from tests.sales.test_bundle_fulfilment import place as place_bundle

INVOICE = ["base_currency_code", "base_discount_amount", "base_discount_tax_compensation_amount", "base_grand_total",
           "base_subtotal", "base_subtotal_incl_tax", "base_tax_amount", "base_to_global_rate", "base_to_order_rate",
           "billing_address_id", "can_void_flag", "comments", "created_at", "discount_amount",
           "discount_tax_compensation_amount", "entity_id", "global_currency_code", "grand_total", "increment_id",
           "items", "order_currency_code", "order_id", "shipping_address_id", "state", "store_currency_code",
           "store_id", "store_to_base_rate", "store_to_order_rate", "subtotal", "subtotal_incl_tax", "tax_amount",
           "total_qty", "updated_at"]
# the first invoice also carries the shipping (Invoice/Total/Shipping, Tax)
INVOICE_SHIPPING = ["base_shipping_amount", "base_shipping_discount_tax_compensation_amnt", "base_shipping_incl_tax",
                    "base_shipping_tax_amount", "shipping_amount", "shipping_discount_tax_compensation_amount",
                    "shipping_incl_tax", "shipping_tax_amount"]
INVOICE_ITEM = ["base_discount_tax_compensation_amount", "base_price", "base_price_incl_tax", "base_row_total",
                "base_row_total_incl_tax", "base_tax_amount", "discount_tax_compensation_amount", "entity_id", "name",
                "order_item_id", "parent_id", "price", "price_incl_tax", "product_id", "qty", "row_total",
                "row_total_incl_tax", "sku", "tax_amount"]
CREDITMEMO = ["adjustment", "base_adjustment", "base_currency_code", "base_discount_amount",
              "base_discount_tax_compensation_amount", "base_grand_total", "base_shipping_amount",
              "base_shipping_incl_tax", "base_shipping_tax_amount", "base_subtotal", "base_subtotal_incl_tax",
              "base_tax_amount", "base_to_global_rate", "base_to_order_rate", "billing_address_id", "comments",
              "created_at", "discount_amount", "discount_tax_compensation_amount", "entity_id", "global_currency_code",
              "grand_total", "increment_id", "items", "order_currency_code", "order_id", "shipping_address_id",
              "shipping_amount", "shipping_incl_tax", "shipping_tax_amount", "state", "store_currency_code", "store_id",
              "store_to_base_rate", "store_to_order_rate", "subtotal", "subtotal_incl_tax", "tax_amount", "updated_at"]
CREDITMEMO_ITEM = ["base_cost", "base_discount_tax_compensation_amount", "base_price", "base_price_incl_tax",
                   "base_row_total", "base_row_total_incl_tax", "base_tax_amount", "base_weee_tax_row_disposition",
                   "discount_tax_compensation_amount", "entity_id", "name", "order_item_id", "parent_id", "price",
                   "price_incl_tax", "product_id", "qty", "row_total", "row_total_incl_tax", "sku", "tax_amount",
                   "weee_tax_applied", "weee_tax_applied_row_amount", "weee_tax_row_disposition"]
# a dummy row (the selections of a fixed-price bundle): the converter's fields only
CREDITMEMO_DUMMY_ITEM = ["base_cost", "base_price", "entity_id", "name", "order_item_id", "parent_id", "price",
                         "product_id", "qty", "sku"]
SHIPMENT = ["billing_address_id", "comments", "created_at", "entity_id", "extension_attributes", "increment_id",
            "items", "order_id", "packages", "shipping_address_id", "store_id", "total_qty", "tracks", "updated_at"]
SHIPMENT_ITEM = ["entity_id", "name", "order_item_id", "parent_id", "price", "product_id", "qty", "sku", "weight"]


@pytest.fixture
def documents(simples) -> dict[str, Any]:
    """The sandbox run's documents, read back (and the order id and its rows)."""
    client = simples
    order_id = place(client, [("RK-A", 2), ("RK-B", 1)])
    a, b = _ok(client.get(f"/orders/{order_id}"))["items"]
    out: dict[str, Any] = {"order_id": order_id, "a": a, "b": b, "client": client}
    first = _ok(client.post(f"/order/{order_id}/invoice", {"items": [{"order_item_id": a["item_id"], "qty": 1}]}))
    rest = _ok(client.post(f"/order/{order_id}/invoice", {}))
    out["invoices"] = [_ok(client.get(f"/invoices/{i}")) for i in (first, rest)]
    shipment = _ok(client.post(f"/order/{order_id}/ship", {
        "items": [{"order_item_id": a["item_id"], "qty": 1}],
        "tracks": [{"track_number": "T1", "title": "UPS", "carrier_code": "ups"}]}))
    out["shipment"] = _ok(client.get(f"/shipment/{shipment}"))
    partly = _ok(client.post(f"/order/{order_id}/refund", {
        "items": [{"order_item_id": a["item_id"], "qty": 1}],
        "arguments": {"shipping_amount": 0, "adjustment_positive": 1, "adjustment_negative": 0}}))
    rest_memo = _ok(client.post(f"/order/{order_id}/refund", {"arguments": {"adjustment_negative": 1}}))
    out["creditmemos"] = [_ok(client.get(f"/creditmemo/{i}")) for i in (partly, rest_memo)]
    return out


def test_an_invoice_carries_the_sandbox_keys_with_the_shipping_on_the_first(documents):
    first, rest = documents["invoices"]
    assert sorted(first) == sorted(INVOICE + INVOICE_SHIPPING)
    assert sorted(rest) == sorted(INVOICE)
    assert (first["subtotal_incl_tax"], first["shipping_incl_tax"], first["store_to_base_rate"]) == (8, 15, 0)
    assert rest["subtotal_incl_tax"] == 13


def test_an_invoice_lists_only_the_rows_it_invoices_with_the_sandbox_keys(documents):
    """Invoice::register deletes a row without quantity: the first invoice lists A only."""
    first, rest = documents["invoices"]
    assert [i["order_item_id"] for i in first["items"]] == [documents["a"]["item_id"]]
    assert [i["order_item_id"] for i in rest["items"]] == [documents["a"]["item_id"], documents["b"]["item_id"]]
    for item in first["items"] + rest["items"]:
        assert sorted(item) == INVOICE_ITEM  # no discount without an order-item discount, no base_cost without cost


def test_a_credit_memo_carries_the_sandbox_keys_and_only_the_adjustments_sent(documents):
    partly, rest = documents["creditmemos"]
    assert sorted(partly) == sorted(CREDITMEMO + ["adjustment_positive", "base_adjustment_positive",
                                                  "adjustment_negative", "base_adjustment_negative"])
    assert sorted(rest) == sorted(CREDITMEMO + ["adjustment_negative", "base_adjustment_negative"])
    assert (partly["adjustment"], partly["adjustment_negative"], rest["adjustment"]) == (1, 0, -1)
    assert (partly["shipping_incl_tax"], rest["shipping_incl_tax"], rest["shipping_tax_amount"]) == (0, 15, 0)


def test_a_credit_memo_lists_only_the_rows_it_refunds_with_the_sandbox_keys(documents):
    partly, rest = documents["creditmemos"]
    assert [i["order_item_id"] for i in partly["items"]] == [documents["a"]["item_id"]]
    assert len(rest["items"]) == 2
    for item in partly["items"] + rest["items"]:
        assert sorted(item) == CREDITMEMO_ITEM
        assert (item["base_cost"], item["weee_tax_applied"]) == (None, "[]")


def test_a_shipment_carries_its_address_and_source(documents):
    shipment = documents["shipment"]
    assert sorted(shipment) == SHIPMENT and [sorted(i) for i in shipment["items"]] == [SHIPMENT_ITEM]
    assert shipment["extension_attributes"] == {"source_code": "default"}
    order = _ok(documents["client"].get(f"/orders/{documents['order_id']}"))
    address = order["extension_attributes"]["shipping_assignments"][0]["shipping"]["address"]
    assert shipment["shipping_address_id"] == address["entity_id"]
    assert all(memo["shipping_address_id"] == address["entity_id"] for memo in documents["creditmemos"])


def test_notified_documents_say_the_email_was_sent(simples):
    order_id = place(simples, [("RK-A", 2)])
    flags = {"notify": True, "appendComment": True, "comment": {"comment": "hi", "is_visible_on_front": 0}}
    invoice = _ok(simples.post(f"/order/{order_id}/invoice", {
        "items": [{"order_item_id": _ok(simples.get(f"/orders/{order_id}"))["items"][0]["item_id"], "qty": 1}],
        **flags}))
    shipment = _ok(simples.post(f"/order/{order_id}/ship", flags))
    memo = _ok(simples.post(f"/order/{order_id}/refund", flags))
    for path in (f"/invoices/{invoice}", f"/shipment/{shipment}", f"/creditmemo/{memo}"):
        document = _ok(simples.get(path))
        assert document["email_sent"] == 1 and document["comments"][0]["is_customer_notified"] == 1, path


def test_a_fixed_price_bundle_memo_lists_its_selections_as_bare_rows(bundles):
    order_id, bundle, a, b = place_bundle(bundles, "BF-FIX", 1)
    _ok(bundles.post(f"/order/{order_id}/invoice", {}))
    memo = _ok(bundles.get(f"/creditmemo/{_ok(bundles.post(f'/order/{order_id}/refund', {}))}"))
    assert [i["order_item_id"] for i in memo["items"]] == [bundle["item_id"], a["item_id"], b["item_id"]]
    assert sorted(memo["items"][0]) == CREDITMEMO_ITEM
    assert [sorted(i) for i in memo["items"][1:]] == [CREDITMEMO_DUMMY_ITEM] * 2


def test_a_partly_refunded_dynamic_bundle_memo_lists_the_bundle_row_and_the_selection(bundles):
    """Sandbox: refunding 1 of A in a dynamic bundle (2 ordered, 1 invoiced) lists the bundle row
    (qty 1: its qty_invoiced) and A (qty 1); B, at 0, is not saved."""
    order_id, bundle, a, _ = place_bundle(bundles, "BF-DYN", 2)
    _ok(bundles.post(f"/order/{order_id}/invoice", {"items": [{"order_item_id": bundle["item_id"], "qty": 1}]}))
    memo_id = _ok(bundles.post(f"/order/{order_id}/refund", {"items": [{"order_item_id": a["item_id"], "qty": 1}],
                                                             "arguments": {"shipping_amount": 0}}))
    memo = _ok(bundles.get(f"/creditmemo/{memo_id}"))
    assert [(i["order_item_id"], i["qty"]) for i in memo["items"]] == [(bundle["item_id"], 1), (a["item_id"], 1)]
