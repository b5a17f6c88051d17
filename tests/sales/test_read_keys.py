"""What an order read back carries, key by key, at each stage (new, invoiced, shipped, refunded,
canceled), as the real 2.4.7-p3 sandbox answers GET /V1/orders/{id} and GET /V1/orders.

Evidence: orders placed on the sandbox through the guest checkout (A x2 at 8.00 and B x1 at 5.00,
flat rate, check / money order), then invoiced in part and in full, shipped, refunded in part and in
full (adjustments 1), or canceled, each stage read back over REST and compared key by key with the
emulator. Output is what OrderInterface's getters give (DataObjectProcessor), so a column such as
shipping_method or shipping_tax_invoiced is never sent.
"""
from __future__ import annotations

from typing import Any

import pytest

from tests.support import RestClient
from tests.sales.shop import guest_order
from tests.sales.shop import ok as _ok

# sales_order_item columns with a database default that checkout does not write (db_schema.xml)
ITEM_ZEROS = ("amount_refunded", "base_amount_refunded", "row_invoiced", "base_row_invoiced", "tax_invoiced",
              "base_tax_invoiced", "discount_invoiced", "base_discount_invoiced")
NEVER = {"shipping_method", "shipping_tax_invoiced", "base_shipping_tax_invoiced", "_creditmemo_count",
         "_extra_addresses", "_status_histories_seq"}
# TotalInterface (sales-data-total-interface)
TOTAL = [f"{base}shipping_{name}" for base in ("base_", "") for name in (
    "amount", "canceled", "discount_amount", "incl_tax", "invoiced", "refunded", "tax_amount", "tax_refunded")] + [
    "base_shipping_discount_tax_compensation_amnt", "shipping_discount_tax_compensation_amount"]


def place(client: RestClient, lines: list[tuple[str, int]]) -> int:
    return guest_order(client, list(lines))


def read(client: RestClient, order_id: int) -> dict[str, Any]:
    """GET /V1/orders/{id}, checked against the same order in GET /V1/orders."""
    order = _ok(client.get(f"/orders/{order_id}"))
    listed = _ok(client.get("/orders?searchCriteria[filter_groups][0][filters][0][field]=entity_id"
                            f"&searchCriteria[filter_groups][0][filters][0][value]={order_id}"))["items"]
    assert listed == [order]
    return dict(order)


def total(order: dict[str, Any]) -> dict[str, Any]:
    return dict(order["extension_attributes"]["shipping_assignments"][0]["shipping"]["total"])


def stages(client: RestClient) -> dict[str, dict[str, Any]]:
    """One order through every stage of the sandbox run, read back after each step."""
    order_id = place(client, [("RK-A", 2), ("RK-B", 1)])
    out = {"new": read(client, order_id)}
    a = out["new"]["items"][0]
    _ok(client.post(f"/order/{order_id}/invoice", {"items": [{"order_item_id": a["item_id"], "qty": 1}]}))
    out["partly-invoiced"] = read(client, order_id)
    _ok(client.post(f"/order/{order_id}/invoice", {}))
    out["invoiced"] = read(client, order_id)
    _ok(client.post(f"/order/{order_id}/ship", {}))
    out["shipped"] = read(client, order_id)
    _ok(client.post(f"/order/{order_id}/refund", {"items": [{"order_item_id": a["item_id"], "qty": 1}],
                                                  "arguments": {"shipping_amount": 0, "adjustment_positive": 1,
                                                                "adjustment_negative": 0}}))
    out["partly-refunded"] = read(client, order_id)
    _ok(client.post(f"/order/{order_id}/refund", {"arguments": {"adjustment_negative": 1}}))
    out["refunded"] = read(client, order_id)
    canceled = place(client, [("RK-A", 1)])
    assert _ok(client.post(f"/orders/{canceled}/cancel")) is True
    out["canceled"] = read(client, canceled)
    return out


@pytest.fixture
def orders(simples: RestClient) -> dict[str, dict[str, Any]]:
    return stages(simples)


def test_no_stage_sends_a_key_order_interface_has_no_getter_for(orders):
    for stage, order in orders.items():
        assert not NEVER & set(order), stage
        for item in order["items"]:
            assert "_options" not in item, stage


def test_the_shipping_total_is_the_order_s_shipping_fields_at_every_read(orders):
    """Order/ShippingBuilder::getTotal copies the order's shipping_* fields on each read."""
    for stage, order in orders.items():
        assert total(order) == {k: order[k] for k in TOTAL if k in order}, stage
    assert total(orders["new"]) == {"base_shipping_amount": 15, "base_shipping_discount_amount": 0,
                                    "base_shipping_discount_tax_compensation_amnt": 0, "base_shipping_incl_tax": 15,
                                    "base_shipping_tax_amount": 0, "shipping_amount": 15,
                                    "shipping_discount_amount": 0, "shipping_discount_tax_compensation_amount": 0,
                                    "shipping_incl_tax": 15, "shipping_tax_amount": 0}
    refunded = total(orders["refunded"])
    assert {k: refunded[k] for k in ("shipping_invoiced", "base_shipping_invoiced", "shipping_refunded",
                                     "base_shipping_refunded", "shipping_tax_refunded",
                                     "base_shipping_tax_refunded")} == {
        "shipping_invoiced": 15, "base_shipping_invoiced": 15, "shipping_refunded": 15,
        "base_shipping_refunded": 15, "shipping_tax_refunded": 0, "base_shipping_tax_refunded": 0}
    canceled = total(orders["canceled"])
    assert (canceled["shipping_canceled"], canceled["base_shipping_canceled"]) == (5, 5)


def test_invoicing_writes_the_invoiced_tax_compensation_and_cost(orders):
    assert "base_total_invoiced_cost" not in orders["new"]
    for stage in ("partly-invoiced", "invoiced"):
        order = orders[stage]
        assert (order["base_total_invoiced_cost"], order["discount_tax_compensation_invoiced"],
                order["base_discount_tax_compensation_invoiced"]) == (0, 0, 0)


def test_refunding_writes_the_refunded_shipping_tax_and_the_payment_s_shipping(orders):
    assert "shipping_tax_refunded" not in orders["shipped"]
    partly, refunded = orders["partly-refunded"], orders["refunded"]
    assert (partly["shipping_tax_refunded"], partly["discount_tax_compensation_refunded"]) == (0, 0)
    assert (partly["payment"]["shipping_refunded"], partly["payment"]["base_shipping_refunded"]) == (0, 0)
    assert (refunded["payment"]["shipping_refunded"], refunded["payment"]["base_shipping_refunded"]) == (15, 15)


def test_an_invoice_books_weee_on_every_priced_row_and_compensation_on_invoiced_rows(orders):
    """Sandbox: after invoicing 1 of A, both rows read weee_tax_applied "[]" (the Weee invoice
    collector runs over the invoice's rows, B at qty 0 too); only A has discount_tax_compensation_invoiced."""
    assert all("weee_tax_applied" not in item for item in orders["new"]["items"])
    a, b = orders["partly-invoiced"]["items"]
    assert (a["weee_tax_applied"], b["weee_tax_applied"]) == ("[]", "[]")
    assert a["discount_tax_compensation_invoiced"] == 0 and "discount_tax_compensation_invoiced" not in b
    assert all(item["discount_tax_compensation_invoiced"] == 0 for item in orders["invoiced"]["items"])


def test_a_refund_books_the_compensation_refunded_on_refunded_rows(orders):
    a, b = orders["partly-refunded"]["items"]
    assert a["discount_tax_compensation_refunded"] == 0 and "discount_tax_compensation_refunded" not in b
    assert all(item["discount_tax_compensation_refunded"] == 0 for item in orders["refunded"]["items"])


def test_a_comment_posted_over_rest_names_no_entity(simples):
    """Sandbox: POST /V1/orders/{id}/comments reads back without entity_name (GET /V1/orders/{id} and
    GET /V1/orders/{id}/comments)."""
    order_id = place(simples, [("RK-A", 1)])
    _ok(simples.post(f"/orders/{order_id}/comments", {"statusHistory": {
        "comment": "note", "is_customer_notified": 0, "is_visible_on_front": 0}}))
    (history,) = read(simples, order_id)["status_histories"]
    assert sorted(history) == ["comment", "created_at", "entity_id", "is_customer_notified", "is_visible_on_front",
                               "parent_id", "status"]
    assert _ok(simples.get(f"/orders/{order_id}/comments"))["items"] == [history]


def test_a_refund_records_whether_the_customer_was_notified(orders):
    """RefundOrder sets customer_note_notify from its notify flag (sandbox: 1 after the checkout, 0 after
    a refund without notify)."""
    assert orders["shipped"]["customer_note_notify"] == 1
    assert orders["partly-refunded"]["customer_note_notify"] == orders["refunded"]["customer_note_notify"] == 0


def test_an_offline_refund_adds_its_history_comment(orders):
    """Sandbox: "We refunded $9.00 offline." (status complete, the order's), then "We refunded $27.00
    offline." (status closed, the new state's default), newest first, entity_name creditmemo."""
    histories = orders["refunded"]["status_histories"]
    assert [(h["comment"], h["status"], h["entity_name"], h["is_customer_notified"], h["is_visible_on_front"])
            for h in histories] == [("We refunded $27.00 offline.", "closed", "creditmemo", 0, 0),
                                    ("We refunded $9.00 offline.", "complete", "creditmemo", 0, 0)]
    assert orders["shipped"]["status_histories"] == []


def test_a_notified_refund_comment_says_the_customer_was_notified(simples):
    """Sandbox: refund with notify -> the comment's is_customer_notified 1, status processing (1 of 2
    invoiced and refunded: the order stays processing)."""
    order_id = place(simples, [("RK-A", 2)])
    a = _ok(simples.get(f"/orders/{order_id}"))["items"][0]
    _ok(simples.post(f"/order/{order_id}/invoice", {"items": [{"order_item_id": a["item_id"], "qty": 1}]}))
    _ok(simples.post(f"/order/{order_id}/ship", {}))
    _ok(simples.post(f"/order/{order_id}/refund", {"notify": True}))
    order = read(simples, order_id)
    (history,) = order["status_histories"]
    assert (history["comment"], history["status"], history["is_customer_notified"]) == (
        "We refunded $18.00 offline.", "processing", 1)
    assert order["customer_note_notify"] == 1


def test_items_carry_the_database_zeros_from_placement(orders):
    for item in orders["new"]["items"]:
        assert {key: item[key] for key in ITEM_ZEROS} == dict.fromkeys(ITEM_ZEROS, 0)


def _bundle_rows(client: RestClient, sku: str) -> list[dict[str, Any]]:
    from tests.sales.shop import bundle_line

    return list(read(client, guest_order(client, [bundle_line(client, sku, 1)]))["items"])


def test_a_dynamic_bundle_row_has_no_tax_fields_and_its_selections_no_weight(bundles):
    """Sandbox: the dynamic bundle row has no tax_percent or tax compensation; its selections have
    them (0), their own prices, and row_weight 0 (the bundle row carries the weight)."""
    bundle, *selections = _bundle_rows(bundles, "BF-DYN")
    assert not {"tax_percent", "discount_tax_compensation_amount",
                "base_discount_tax_compensation_amount"} & set(bundle)
    assert (bundle["row_weight"], bundle["price_incl_tax"]) == (3, 21)
    for row in selections:
        assert (row["tax_percent"], row["discount_tax_compensation_amount"], row["row_weight"]) == (0, 0, 0)
        assert row["price_incl_tax"] == row["price"] == row["base_original_price"]


def test_a_fixed_price_bundle_s_selections_carry_no_prices_of_their_own(bundles):
    """Sandbox: a fixed-price bundle's selections are priced 0 with no base_original_price, no incl-tax
    unit price and no tax compensation; the bundle row carries everything."""
    bundle, *selections = _bundle_rows(bundles, "BF-FIX")
    assert (bundle["price"], bundle["tax_percent"], bundle["discount_tax_compensation_amount"]) == (30, 0, 0)
    for row in selections:
        assert not {"base_original_price", "price_incl_tax", "base_price_incl_tax",
                    "discount_tax_compensation_amount"} & set(row)
        assert (row["price"], row["original_price"], row["row_total_incl_tax"], row["row_weight"]) == (0, 0, 0, 0)
