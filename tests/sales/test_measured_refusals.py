"""Refusals and effects measured on the 2.4.7-p3 sandbox (orders placed by the REST guest checkout,
uniquely prefixed products), replayed on the emulator."""
from __future__ import annotations

from typing import Any

from tests.support import RestClient
from tests.sales.shop import create_simple, guest_order, ok


def order_of(admin: RestClient, lines: list[tuple[str, int]]) -> tuple[int, dict[str, int]]:
    order_id = guest_order(admin, lines)
    items = {i["sku"]: i["item_id"] for i in ok(admin.get(f"/orders/{order_id}"))["items"]}
    return order_id, items


def refund(admin: RestClient, order_id: int, items: dict[int, float], **arguments: Any) -> Any:
    body: dict[str, Any] = {"items": [{"order_item_id": i, "qty": q} for i, q in items.items()]}
    if arguments:
        body["arguments"] = arguments
    return admin.post(f"/order/{order_id}/refund", body)


def test_refund_with_nothing_invoiced(admin: RestClient) -> None:
    """Sandbox 2.4.7-p3 (tests/connector_tests/test_fulfilment.py::test_refund_with_nothing_invoiced[sandbox]):
    a never-invoiced row gets the credit memo validation errors, not Item::processQty's message."""
    create_simple(admin, "MR1-A", 12.5)
    order_id, items = order_of(admin, [("MR1-A", 2)])
    resp = refund(admin, order_id, {items["MR1-A"]: 1})
    assert resp.status_code == 400
    assert resp.get_json() == {"message": "Creditmemo Document Validation Error(s):\nThe most money available to "
                                          "refund is 0.\nThe quantity to refund must not be greater than the "
                                          "unrefunded quantity."}
    assert ok(admin.get(f"/orders/{order_id}")).get("total_refunded") is None


def test_refund_of_a_row_not_invoiced_beside_an_invoiced_one(admin: RestClient) -> None:
    """Sandbox 2.4.7-p3: A invoiced 1 of 2, B never invoiced; refunding B alone, or A and B, answers
    the creation validator's message only (B's row is not counted against the invoiced quantity)."""
    create_simple(admin, "MR2-A", 12.5)
    create_simple(admin, "MR2-B", 7)
    order_id, items = order_of(admin, [("MR2-A", 2), ("MR2-B", 3)])
    ok(admin.post(f"/order/{order_id}/invoice", {"items": [{"order_item_id": items["MR2-A"], "qty": 1}]}))
    expected = {"message": "Creditmemo Document Validation Error(s):\nThe quantity to refund must not be greater "
                           "than the unrefunded quantity."}
    assert refund(admin, order_id, {items["MR2-B"]: 1}).get_json() == expected
    assert refund(admin, order_id, {items["MR2-A"]: 1, items["MR2-B"]: 1}).get_json() == expected
    # over the invoiced quantity of an invoiced row: still Item::processQty (test_over_refund_is_magentos_refusal)
    over = refund(admin, order_id, {items["MR2-A"]: 2}).get_json()
    assert over == {"message": 'We found an invalid quantity to refund item "%1".', "parameters": ["MR2-A"]}


def test_a_comment_cannot_change_the_status(admin: RestClient) -> None:
    """Sandbox 2.4.7-p3 (test_fulfilment.py::test_comment_with_another_status_is_refused[sandbox]);
    Sales/Model/Service/OrderService::addComment: any status but the order's own is refused, with
    the message's line break and indentation as the PHP source spells it."""
    create_simple(admin, "MR3-A", 12.5)
    order_id, _ = order_of(admin, [("MR3-A", 1)])
    ok(admin.post(f"/order/{order_id}/invoice", {}))
    resp = admin.post(f"/orders/{order_id}/comments", {"statusHistory": {"comment": "Suspected", "status": "fraud"}})
    assert resp.status_code == 400
    assert resp.get_json() == {"message": 'Unable to add comment: The status "%1" is not part of the order\n'
                                          '                 status history.', "parameters": ["fraud"]}
    after = ok(admin.get(f"/orders/{order_id}"))
    assert after["status"] == "processing"
    assert "Suspected" not in [h.get("comment") for h in after["status_histories"]]
    # the order's own status, or none, is taken
    for history in ({"comment": "Same", "status": "processing"}, {"comment": "None"}):
        assert ok(admin.post(f"/orders/{order_id}/comments", {"statusHistory": history})) is True
    comments = ok(admin.get(f"/orders/{order_id}/comments"))["items"]
    assert {c["comment"]: c["status"] for c in comments if c["comment"] in ("Same", "None")} == {
        "Same": "processing", "None": "processing"}


def test_an_offline_invoice_cannot_be_refunded_per_invoice(admin: RestClient) -> None:
    """Sandbox 2.4.7-p3 (test_fulfilment.py::test_refund_one_invoice_paid_offline[sandbox]);
    Invoice/Validation/CanRefund::isPaymentAllowRefund: check / money order cannot refund."""
    create_simple(admin, "MR4-A", 12.5)
    order_id, _ = order_of(admin, [("MR4-A", 2)])
    invoice_id = ok(admin.post(f"/order/{order_id}/invoice", {}))
    resp = admin.post(f"/invoice/{invoice_id}/refund", {})
    assert (resp.status_code, resp.get_json()) == (400, {
        "message": "Creditmemo Document Validation Error(s):\nWe can't create creditmemo for the invoice."})
    assert ok(admin.get(f"/creditmemos?searchCriteria[filter_groups][0][filters][0][field]=order_id"
                        f"&searchCriteria[filter_groups][0][filters][0][value]={order_id}"))["total_count"] == 0


def test_return_to_stock_of_items_outside_the_credit_memo(admin: RestClient) -> None:
    """Sandbox 2.4.7-p3, SalesInventory ReturnValidator (after the other validators, first id only):
    an order item of this order without a row in the memo (never invoiced) or of another order names
    its SKU; an id that is no order item has its own message. Same on the invoice path, after the
    method's refusal."""
    create_simple(admin, "MR5-A", 12.5)
    create_simple(admin, "MR5-B", 7)
    order_id, items = order_of(admin, [("MR5-A", 2), ("MR5-B", 3)])
    other_id, other = order_of(admin, [("MR5-A", 1)])
    invoice_id = ok(admin.post(f"/order/{order_id}/invoice", {"items": [
        {"order_item_id": items["MR5-A"], "qty": 2}]}))
    head = "Creditmemo Document Validation Error(s):\n"
    not_part = 'The "{}" product is not part of the current creditmemo.'
    missing = "The return to stock argument contains product item that is not part of the original order."

    def sent(path: str, back: list[int]) -> Any:
        return admin.post(path, {"arguments": {"shipping_amount": 0, "extension_attributes": {
            "return_to_stock_items": back}}}).get_json()

    order_path, invoice_path = f"/order/{order_id}/refund", f"/invoice/{invoice_id}/refund"
    assert sent(order_path, [items["MR5-B"]]) == {"message": head + not_part.format("MR5-B")}
    assert sent(order_path, [other["MR5-A"]]) == {"message": head + not_part.format("MR5-A")}
    assert sent(order_path, [999999999]) == {"message": head + missing}
    # the first refused id decides
    assert sent(order_path, [items["MR5-A"], 999999999, items["MR5-B"]]) == {"message": head + missing}
    offline = head + "We can't create creditmemo for the invoice."
    assert sent(invoice_path, [items["MR5-A"]]) == {"message": offline}
    assert sent(invoice_path, [items["MR5-B"]]) == {"message": offline + "\n" + not_part.format("MR5-B")}
    assert sent(invoice_path, [999999999]) == {"message": offline + "\n" + missing}
    assert ok(admin.get(f"/orders/{order_id}")).get("total_refunded") is None
    assert ok(admin.get(f"/orders/{other_id}"))["status"] == "pending"


def stock_of(admin: RestClient, sku: str) -> tuple[float, float, float]:
    """(legacy stock item qty, default source quantity, salable quantity on stock 1)."""
    sources = ok(admin.get("/inventory/source-items?searchCriteria[filter_groups][0][filters][0][field]=sku"
                           f"&searchCriteria[filter_groups][0][filters][0][value]={sku}"))["items"]
    return (ok(admin.get(f"/stockItems/{sku}"))["qty"], next(s["quantity"] for s in sources if s["source_code"] == "default"),
            ok(admin.get(f"/inventory/get-product-salable-quantity/{sku}/1")))


def test_refund_of_unshipped_goods_and_the_stock(admin: RestClient) -> None:
    """Measured on the 2.4.7-p3 sandbox (100 in stock, 2 ordered and invoiced, 1 refunded before any
    shipment; InventorySales DeductSourceItemQuantityOnRefundPlugin):
    without return to stock the source and the legacy qty lose it (100 -> 99), salable stays 98, and
    the shipment of the other one takes them to 98; with return to stock the source keeps it, salable
    98 -> 99, and the shipment takes the source to 99."""
    create_simple(admin, "MR6-A", 12.5)
    order_id, items = order_of(admin, [("MR6-A", 2)])
    ok(admin.post(f"/order/{order_id}/invoice", {}))
    assert stock_of(admin, "MR6-A") == (100, 100, 98)
    ok(refund(admin, order_id, {items["MR6-A"]: 1}, shipping_amount=0))
    assert stock_of(admin, "MR6-A") == (99, 99, 98)
    ok(admin.post(f"/order/{order_id}/ship", {}))
    assert stock_of(admin, "MR6-A") == (98, 98, 98)
    assert ok(admin.get(f"/orders/{order_id}"))["state"] == "complete"

    create_simple(admin, "MR7-A", 12.5)
    order_id, items = order_of(admin, [("MR7-A", 2)])
    ok(admin.post(f"/order/{order_id}/invoice", {}))
    ok(refund(admin, order_id, {items["MR7-A"]: 1}, shipping_amount=0,
              extension_attributes={"return_to_stock_items": [items["MR7-A"]]}))
    assert stock_of(admin, "MR7-A") == (100, 100, 99)
    ok(admin.post(f"/order/{order_id}/ship", {}))
    assert stock_of(admin, "MR7-A") == (99, 99, 99)


def test_refund_of_shipped_goods_keeps_the_source(admin: RestClient) -> None:
    """test_fulfilment.py::test_refund_of_shipped_goods_without_return_to_stock_keeps_stock[sandbox]:
    what shipments took is not deducted again."""
    create_simple(admin, "MR8-A", 12.5)
    order_id, items = order_of(admin, [("MR8-A", 2)])
    ok(admin.post(f"/order/{order_id}/invoice", {}))
    ok(admin.post(f"/order/{order_id}/ship", {}))
    assert stock_of(admin, "MR8-A") == (98, 98, 98)
    ok(refund(admin, order_id, {items["MR8-A"]: 1}, shipping_amount=0))
    assert stock_of(admin, "MR8-A") == (98, 98, 98)
