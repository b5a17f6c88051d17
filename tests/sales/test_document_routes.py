"""Invoice capture/void, emails, labels, credit memo cancel/refund and the partial order save."""
from __future__ import annotations

NOT_FOUND = {"message": "The entity that was requested doesn't exist. Verify the entity and try again."}


def pending(client, physical=True):
    orders = client.get("/orders?searchCriteria").get_json()["items"]
    return next(o for o in orders if o["status"] == "pending" and bool(o["is_virtual"]) != physical
                and all(i["qty_ordered"] >= 2 for i in o["items"][:1]) and o["items"][0]["product_type"] == "simple")


def test_capture_and_void_of_an_offline_invoice(client):
    oid = pending(client)["entity_id"]
    invoice_id = client.post(f"/order/{oid}/invoice", {"capture": False}).get_json()
    # checkmo cannot capture or void (Payment/Model/Method/AbstractMethod); InvoiceCaptureTest/InvoiceVoidTest
    capture = client.post(f"/invoices/{invoice_id}/capture")
    assert (capture.status_code, capture.get_json()) == (400, {"message": "The capture action is not available."})
    void = client.post(f"/invoices/{invoice_id}/void")
    assert (void.status_code, void.get_json()) == (400, {"message": "The void action is not available."})
    assert client.post("/invoices/999999/capture").get_json() == NOT_FOUND
    assert client.get(f"/invoices/{invoice_id}").get_json()["state"] == 2  # still paid


def test_emails_and_label(client):
    oid = pending(client)["entity_id"]
    invoice_id = client.post(f"/order/{oid}/invoice", {}).get_json()
    shipment_id = client.post(f"/order/{oid}/ship", {}).get_json()
    memo_id = client.post(f"/order/{oid}/refund", {"items": [], "arguments": {"shipping_amount": 0,
                                                                              "adjustment_positive": 1}}).get_json()
    assert client.post(f"/invoices/{invoice_id}/emails").get_json() is True
    assert client.post(f"/shipment/{shipment_id}/emails").get_json() is True
    assert client.post(f"/creditmemo/{memo_id}/emails").get_json() is True
    assert client.get(f"/shipment/{shipment_id}/label").get_json() == ""  # offline carriers print no label
    for path in ("/invoices/999999/emails", "/shipment/999999/emails", "/creditmemo/999999/emails"):
        assert (client.post(path).status_code, client.post(path).get_json()) == (404, NOT_FOUND)


def test_credit_memo_cannot_be_canceled(client):
    oid = pending(client)["entity_id"]
    client.post(f"/order/{oid}/invoice", {})
    memo_id = client.post(f"/order/{oid}/refund", {}).get_json()
    resp = client.put(f"/creditmemo/{memo_id}", {})
    assert (resp.status_code, resp.get_json()) == (400, {"message": "You can not cancel Credit Memo"})


def test_creditmemo_refund_closes_the_order(client):
    """CreditMemoCreateRefundTest: every invoiced qty refunded offline -> closed."""
    order = pending(client)
    oid = order["entity_id"]
    client.post(f"/order/{oid}/invoice", {})
    items = [{"order_item_id": i["item_id"], "qty": i["qty_ordered"], "entity_id": None} for i in order["items"]]
    memo = client.post("/creditmemo/refund", {"creditmemo": {
        "order_id": oid, "items": items, "base_shipping_amount": order["shipping_amount"], "adjustment": None},
        "offline_requested": True}).get_json()
    assert memo["order_id"] == oid and memo["grand_total"] == order["grand_total"]
    assert client.get(f"/orders/{oid}").get_json()["state"] == "closed"


def test_partial_order_save_answers_the_partial_order(client):
    """recordings test_sale_order_cancel_export.yaml: POST /V1/orders with entity_id, state, status."""
    order = pending(client)
    client.backend.clock.advance(60)
    body = client.post("/orders", {"entity": {"entity_id": str(order["entity_id"]), "state": "canceled",
                                              "status": "canceled"}}).get_json()
    assert (body["state"], body["status"], body["grand_total"], body["base_grand_total"]) == (
        "canceled", "canceled", None, None)
    assert body["customer_email"] is None and body["total_due"] == 0 and body["status_histories"] == []
    assert [i["item_id"] for i in body["items"]] == [i["item_id"] for i in order["items"]]
    saved = client.get(f"/orders/{order['entity_id']}").get_json()
    assert (saved["state"], saved["status"]) == ("canceled", "canceled")
    assert saved["updated_at"] > order["updated_at"] and saved["grand_total"] == order["grand_total"]


def test_invoice_comment_notified_only_with_append_comment_and_notify(client):
    oid = pending(client)["entity_id"]
    invoice_id = client.post(f"/order/{oid}/invoice", {
        "capture": False, "notify": True, "appendComment": True,
        "comment": {"comment": "Invoice Created", "isVisibleOnFront": 0}}).get_json()
    (comment,) = client.get(f"/invoices/{invoice_id}/comments").get_json()["items"]
    assert (comment["comment"], comment["is_customer_notified"]) == ("Invoice Created", 1)


def test_recorded_invoice_body_with_camel_case_and_string_ids(client):
    """test_export_invoice.yaml: camelCase keys, orderItemId as a string, qty a float -> "id" string."""
    order = pending(client)
    item = order["items"][0]
    resp = client.post(f"/order/{order['entity_id']}/invoice", {
        "capture": False, "items": [{"orderItemId": str(item["item_id"]), "qty": 1.0}],
        "comment": {"comment": "Invoice Created", "isVisibleOnFront": 0}, "appendComment": False})
    assert resp.status_code == 200 and isinstance(resp.get_json(), str)
    after = client.get(f"/orders/{order['entity_id']}").get_json()
    assert after["items"][0]["qty_invoiced"] == 1


def test_refund_keeps_a_custom_status_of_the_state(client):
    """RefundOrderTest::testOrderStatusPartialRefund: a status of the resulting state is kept."""
    order = pending(client)
    oid, item = order["entity_id"], order["items"][0]
    client.post(f"/order/{oid}/invoice", {})
    # a comment cannot change the status on 2.4.7 (OrderService::addComment): the repository save can
    client.post("/orders", {"entity": {"entity_id": oid, "status": "fraud"}})
    assert client.get(f"/orders/{oid}/statuses").get_json() == "fraud"
    client.post(f"/order/{oid}/refund", {"items": [{"order_item_id": item["item_id"], "qty": 1}],
                                         "arguments": {"shipping_amount": 0}})
    after = client.get(f"/orders/{oid}").get_json()
    assert (after["state"], after["status"]) == ("processing", "fraud")


def test_invoice_after_ship_resets_to_the_default_status(client):
    """InvoiceOrder always sets the state's default status."""
    order = pending(client)
    oid = order["entity_id"]
    client.post(f"/order/{oid}/ship", {})
    # a comment cannot change the status on 2.4.7 (OrderService::addComment): the repository save can
    client.post("/orders", {"entity": {"entity_id": oid, "status": "fraud"}})
    client.post(f"/order/{oid}/invoice", {})
    after = client.get(f"/orders/{oid}").get_json()
    assert (after["state"], after["status"]) == ("complete", "complete")


def test_creditmemo_repository_save_stores_the_entity_only(client):
    """CreditmemoCreateTest: POST /V1/creditmemo saves what is sent; the order is not refunded."""
    order = pending(client)
    oid, item = order["entity_id"], order["items"][0]
    memo = client.post("/creditmemo", {"entity": {"order_id": oid, "items": [
        {"order_item_id": item["item_id"], "qty": 1}]}}).get_json()
    assert memo["order_id"] == oid and memo["items"][0]["qty"] == 1 and isinstance(memo["entity_id"], int)
    assert client.get(f"/creditmemo/{memo['entity_id']}").get_json()["increment_id"] == memo["increment_id"]
    after = client.get(f"/orders/{oid}").get_json()
    assert after["items"][0]["qty_refunded"] == 0 and after["state"] == "new"
    missing = client.post("/creditmemo", {"entity": {"order_id": 999999, "items": []}})
    assert (missing.status_code, missing.get_json()) == (400, {"message": "The credit memo couldn't be saved."})
