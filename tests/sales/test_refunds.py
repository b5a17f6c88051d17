"""Credit memos: totals, states, stock return and Magento's messages (semantics §5)."""
from __future__ import annotations

import pytest


def invoiced_order(client, ship=False):
    orders = client.get("/orders?searchCriteria").get_json()["items"]
    order = next(o for o in orders if o["status"] == "pending" and not o["is_virtual"]
                 and o["items"][0]["qty_ordered"] >= 2)
    client.post(f"/order/{order['entity_id']}/invoice", {})
    if ship:
        client.post(f"/order/{order['entity_id']}/ship", {})
    return client.get(f"/orders/{order['entity_id']}").get_json()


def test_full_refund_of_an_unshipped_order_closes_it(client):
    order = invoiced_order(client)
    memo_id = client.post(f"/order/{order['entity_id']}/refund", {}).get_json()
    assert isinstance(memo_id, str)
    closed = client.get(f"/orders/{order['entity_id']}").get_json()
    assert (closed["state"], closed["status"]) == ("closed", "closed")
    assert closed["total_refunded"] == order["grand_total"]
    memo = client.get(f"/creditmemo/{memo_id}").get_json()
    assert memo["shipping_amount"] == order["shipping_amount"] and memo["grand_total"] == order["grand_total"]
    again = client.post(f"/order/{order['entity_id']}/refund", {})
    assert again.get_json() == {"message": "Creditmemo Document Validation Error(s):\n"
                                           "A creditmemo can not be created when an order has a status of closed"}


def test_partial_refund_of_a_complete_order_stays_complete(client):
    order = invoiced_order(client, ship=True)
    assert order["state"] == "complete"
    item = order["items"][0]
    client.post(f"/order/{order['entity_id']}/refund", {"items": [{"order_item_id": item["item_id"], "qty": 1}],
                                                       "arguments": {"shipping_amount": 0}})
    after = client.get(f"/orders/{order['entity_id']}").get_json()
    assert after["state"] == "complete" and after["total_refunded"] == item["price"]
    assert after["items"][0]["qty_refunded"] == 1


def test_refund_limits(client):
    order = invoiced_order(client)
    item = order["items"][0]
    too_many = client.post(f"/order/{order['entity_id']}/refund", {"items": [{"order_item_id": item["item_id"],
                                                                              "qty": 99}]})
    # Creditmemo/Item::processQty throws while the factory collects totals, before validation
    assert (too_many.status_code, too_many.get_json()) == (400, {
        "message": 'We found an invalid quantity to refund item "%1".', "parameters": [item["name"]]})
    shipping = client.post(f"/order/{order['entity_id']}/refund", {"arguments": {"shipping_amount": 999}})
    assert shipping.get_json() == {"message": "Maximum shipping amount allowed to refund is: %1",
                                   "parameters": [f"${order['shipping_amount']:,.2f}"]}
    money = client.post(f"/order/{order['entity_id']}/refund", {"arguments": {"adjustment_positive": 10000}})
    assert money.get_json()["message"].endswith(f"The most money available to refund is {order['grand_total']:g}.")
    negative = client.post(f"/order/{order['entity_id']}/refund", {
        "items": [{"order_item_id": item["item_id"], "qty": 1}], "arguments": {"shipping_amount": 0,
                                                                               "adjustment_negative": 100000}})
    # sales/zerograndtotal_creditmemo/allow_zero_grandtotal = 1 (Sales/etc/config.xml) lets
    # Creditmemo::isValidGrandTotal pass: the credit memo is created with a negative total
    memo = client.get(f"/creditmemo/{negative.get_json()}").get_json()
    assert memo["grand_total"] == pytest.approx(item["price"] - 100000)


def test_refund_without_invoice(client):
    orders = client.get("/orders?searchCriteria").get_json()["items"]
    order = next(o for o in orders if o["status"] == "pending")
    resp = client.post(f"/order/{order['entity_id']}/refund", {})
    # CanRefund passes when nothing was paid (allow_zero_grandtotal); the remaining shipping then
    # exceeds what was paid (TotalsValidator)
    assert resp.get_json()["message"] == ("Creditmemo Document Validation Error(s):\n"
                                          "The most money available to refund is 0.")


def test_lists_and_missing(client):
    order = invoiced_order(client)
    client.post(f"/order/{order['entity_id']}/refund", {})
    body = client.get("/creditmemos?searchCriteria[filter_groups][0][filters][0][field]=order_id"
                      f"&searchCriteria[filter_groups][0][filters][0][value]={order['entity_id']}").get_json()
    assert body["total_count"] == 1
    assert client.get("/creditmemo/99999").status_code == 404


def test_stock_moves_with_placement_shipment_and_return_to_stock(client):
    from urllib.parse import quote

    orders = client.get("/orders?searchCriteria").get_json()["items"]
    order = next(o for o in orders if o["status"] == "pending" and not o["is_virtual"]
                 and o["items"][0]["product_type"] == "simple")
    item = order["items"][0]
    sku = quote(item["sku"], safe="")

    def salable():
        return client.get(f"/inventory/get-product-salable-quantity/{sku}/1").get_json()

    def legacy():
        return client.get(f"/stockItems/{sku}").get_json()["qty"]

    before_salable, before_qty = salable(), legacy()
    client.post(f"/order/{order['entity_id']}/invoice", {})
    client.post(f"/order/{order['entity_id']}/ship", {})
    # shipping turns the placement's reservation into a source deduction: salable stays, qty drops
    assert salable() == before_salable and legacy() == before_qty - item["qty_ordered"]
    client.post(f"/order/{order['entity_id']}/refund", {
        "items": [{"order_item_id": item["item_id"], "qty": 1}],
        "arguments": {"shipping_amount": 0, "extension_attributes": {"return_to_stock_items": [item["item_id"]]}}})
    assert salable() == before_salable + 1 and legacy() == before_qty - item["qty_ordered"] + 1


def test_refund_an_invoice(client):
    orders = client.get("/orders?searchCriteria").get_json()["items"]
    order = next(o for o in orders if o["status"] == "pending" and not o["is_virtual"]
                 and o["items"][0]["qty_ordered"] >= 2)
    item = order["items"][0]
    invoice_id = client.post(f"/order/{order['entity_id']}/invoice",
                             {"items": [{"order_item_id": item["item_id"], "qty": 1}]}).get_json()
    # an offline method cannot refund per invoice (Invoice/Validation/CanRefund; 2.4.7-p3 sandbox)
    offline = client.post(f"/invoice/{invoice_id}/refund", {"arguments": {"shipping_amount": 0}})
    assert (offline.status_code, offline.get_json()) == (400, {
        "message": "Creditmemo Document Validation Error(s):\nWe can't create creditmemo for the invoice."})
    # the zero-total "free" method can: the per-invoice sums below are those of such an order
    with client.backend.db.write():
        doc, items = client.backend.sales.load(order["entity_id"])
        doc["payment"]["method"] = "free"
        client.backend.sales.save(doc, items)
    memo_id = client.post(f"/invoice/{invoice_id}/refund", {"arguments": {"shipping_amount": 0}}).get_json()
    memo = client.get(f"/creditmemo/{memo_id}").get_json()
    assert memo["invoice_id"] == int(invoice_id) and memo["items"][0]["qty"] == 1
    again = client.post(f"/invoice/{invoice_id}/refund", {})
    assert again.get_json() == {"message": "Creditmemo Document Validation Error(s):\n"
                                           "We can't create creditmemo for the invoice."}
    over = client.post(f"/order/{order['entity_id']}/invoice", {})
    second = over.get_json()
    too_many = client.post(f"/invoice/{second}/refund", {"items": [{"order_item_id": item["item_id"], "qty": 99}]})
    assert "The quantity to refund must not be greater than the unrefunded quantity." in too_many.get_json()["message"]
    assert client.post("/invoice/99999/refund", {}).status_code == 404
