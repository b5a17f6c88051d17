"""Invoices and shipments: bookkeeping, the state resolver and Magento's document errors."""
from __future__ import annotations

import pytest


def new_order(client, *, physical=True):
    orders = client.get("/orders?searchCriteria").get_json()["items"]
    return next(o for o in orders if o["status"] == "pending" and bool(o["is_virtual"]) != physical
                and all(i["qty_ordered"] >= 2 for i in o["items"][:1]))


def test_full_invoice_then_full_shipment_completes_the_order(client):
    order = new_order(client)
    oid = order["entity_id"]
    invoice_id = client.post(f"/order/{oid}/invoice", {"capture": True}).get_json()
    assert isinstance(invoice_id, str) and invoice_id.isdigit()  # a JSON string, as recorded
    invoiced = client.get(f"/orders/{oid}").get_json()
    assert (invoiced["state"], invoiced["status"]) == ("processing", "processing")
    assert invoiced["total_paid"] == invoiced["grand_total"] and invoiced["total_due"] == 0
    assert all(i["qty_invoiced"] == i["qty_ordered"] for i in invoiced["items"])
    invoice = client.get(f"/invoices/{invoice_id}").get_json()
    assert invoice["state"] == 2 and invoice["grand_total"] == order["grand_total"]
    assert invoice["total_qty"] == sum(i["qty_ordered"] for i in order["items"])
    shipment_id = client.post(f"/order/{oid}/ship", {
        "tracks": [{"track_number": "1Z999", "title": "UPS", "carrier_code": "ups"}]}).get_json()
    done = client.get(f"/orders/{oid}").get_json()
    assert (done["state"], done["status"]) == ("complete", "complete")
    shipment = client.get(f"/shipment/{shipment_id}").get_json()
    assert shipment["tracks"][0]["track_number"] == "1Z999"
    assert client.post(f"/orders/{oid}/cancel").get_json() is False  # complete orders cannot be canceled


def test_partial_invoice_keeps_processing_and_over_invoicing_fails(client):
    order = new_order(client)
    oid, item = order["entity_id"], order["items"][0]
    client.post(f"/order/{oid}/invoice", {"items": [{"orderItemId": str(item["item_id"]), "qty": 1.0}]})
    partial = client.get(f"/orders/{oid}").get_json()
    assert partial["state"] == "processing" and 0 < partial["total_paid"] < partial["grand_total"]
    assert partial["total_due"] == pytest.approx(partial["grand_total"] - partial["total_paid"])
    over = client.post(f"/order/{oid}/invoice", {"items": [{"order_item_id": item["item_id"], "qty": 99}]})
    assert (over.status_code, over.get_json()) == (400, {
        "message": 'We found an invalid quantity to invoice item "%1".', "parameters": [item["name"]]})


def test_invoice_unknown_item_and_invoiced_order(client):
    order = new_order(client)
    oid = order["entity_id"]
    resp = client.post(f"/order/{oid}/invoice", {"items": [{"order_item_id": -1, "qty": 1}]})
    assert resp.get_json() == {"message": "Invoice Document Validation Error(s):\nThe invoice can't be created "
                                          "without products. Add products and try again."}
    client.post(f"/order/{oid}/invoice", {})
    again = client.post(f"/order/{oid}/invoice", {})
    assert again.get_json() == {"message": "Invoice Document Validation Error(s):\nThe invoice can't be created "
                                           "without products. Add products and try again.\n"
                                           "The order does not allow an invoice to be created."}


def test_documents_on_held_and_canceled_orders(client):
    order = new_order(client)
    oid = order["entity_id"]
    client.post(f"/orders/{oid}/hold")
    held = client.post(f"/order/{oid}/ship", {})
    assert held.get_json() == {"message": "Shipment Document Validation Error(s):\n"
                                          "A shipment cannot be created when an order has a status of holded"}
    client.post(f"/orders/{oid}/unhold")
    client.post(f"/orders/{oid}/cancel")
    canceled = client.post(f"/order/{oid}/invoice", {})
    assert canceled.get_json()["message"].endswith("An invoice cannot be created when an order has a status of canceled")


def test_shipping_caps_quantities_and_needs_track_numbers(client):
    order = new_order(client)
    oid, item = order["entity_id"], order["items"][0]
    missing = client.post(f"/order/{oid}/ship", {"tracks": [{"title": "UPS", "carrier_code": "ups"}]})
    assert missing.get_json() == {"message": "Shipment Document Validation Error(s):\nPlease enter a tracking number."}
    client.post(f"/order/{oid}/ship", {"items": [{"order_item_id": item["item_id"], "qty": 99}]})
    shipped = client.get(f"/orders/{oid}").get_json()
    assert shipped["items"][0]["qty_shipped"] == item["qty_ordered"]  # capped, not refused
    assert shipped["state"] == "processing"  # shipped before invoicing: still processing


def test_document_lists(client):
    order = new_order(client)
    client.post(f"/order/{order['entity_id']}/invoice", {})
    client.post(f"/order/{order['entity_id']}/ship", {})
    query = ("?searchCriteria[filter_groups][0][filters][0][field]=order_id"
             f"&searchCriteria[filter_groups][0][filters][0][value]={order['entity_id']}")
    assert client.get("/invoices" + query).get_json()["total_count"] == 1
    assert client.get("/shipments" + query).get_json()["total_count"] == 1
    assert client.get("/invoices/99999").status_code == 404


def test_cancel_after_shipping_only_cancels_what_is_not_shipped(client):
    order = new_order(client)
    oid = order["entity_id"]
    client.post(f"/order/{oid}/ship", {})
    assert client.post(f"/orders/{oid}/cancel").get_json() is True
    after = client.get(f"/orders/{oid}").get_json()
    assert all(i["qty_canceled"] == 0 for i in after["items"])  # min(to_invoice, to_ship) is 0


def test_cancel_of_a_partly_invoiced_order_keeps_it_processing(client):
    order = new_order(client)
    oid, item = order["entity_id"], order["items"][0]
    client.post(f"/order/{oid}/invoice", {"items": [{"order_item_id": item["item_id"], "qty": 1}]})
    assert client.post(f"/orders/{oid}/cancel").get_json() is True
    after = client.get(f"/orders/{oid}").get_json()
    assert after["state"] == "processing"
    assert after["items"][0]["qty_canceled"] == item["qty_ordered"] - 1
    assert after["total_canceled"] == pytest.approx(after["grand_total"] - after["total_invoiced"])


def test_add_and_remove_tracks(client):
    order = new_order(client)
    oid = order["entity_id"]
    shipment_id = int(client.post(f"/order/{oid}/ship", {}).get_json())
    # the recorded request: ids as strings, the saved track answered with int ids
    track = client.post("/shipment/track", {"entity": {
        "order_id": str(oid), "parent_id": str(shipment_id), "weight": 0, "qty": 1, "description": "WH/OUT/00082",
        "track_number": "XYZ", "title": "Your shipment", "carrier_code": "tablerate"}}).get_json()
    assert track["order_id"] == oid and track["parent_id"] == shipment_id and isinstance(track["entity_id"], int)
    assert track["track_number"] == "XYZ" and track["qty"] == 1
    assert [t["track_number"] for t in client.get(f"/shipment/{shipment_id}").get_json()["tracks"]] == ["XYZ"]
    assert client.delete(f"/shipment/track/{track['entity_id']}").get_json() is True
    assert client.get(f"/shipment/{shipment_id}").get_json()["tracks"] == []
    # deleting an unknown track also answers true (TrackRepository::deleteById)
    assert client.delete("/shipment/track/999999").get_json() is True


def test_track_for_a_shipment_of_another_order(client):
    order = new_order(client)
    shipment_id = int(client.post(f"/order/{order['entity_id']}/ship", {}).get_json())
    resp = client.post("/shipment/track", {"entity": {"order_id": 999999, "parent_id": shipment_id,
                                                      "track_number": "X", "title": "T", "carrier_code": "ups"}})
    assert (resp.status_code, resp.get_json()) == (400, {"message": "Could not save the shipment tracking."})
    assert resp.headers["errorRedirectAction"] == "#shipping"


def test_document_comments(client):
    order = new_order(client)
    oid = order["entity_id"]
    invoice_id = int(client.post(f"/order/{oid}/invoice", {"comment": {"comment": "Paid by check"}}).get_json())
    assert client.get(f"/invoices/{invoice_id}/comments").get_json()["items"][0]["comment"] == "Paid by check"
    added = client.post("/invoices/comments", {"entity": {"comment": "Second", "is_customer_notified": 0,
                                                          "is_visible_on_front": 1, "parent_id": invoice_id}})
    assert added.get_json()["parent_id"] == invoice_id and added.get_json()["is_visible_on_front"] == 1
    assert client.get(f"/invoices/{invoice_id}/comments").get_json()["total_count"] == 2
    shipment_id = int(client.post(f"/order/{oid}/ship", {}).get_json())
    client.post(f"/shipment/{shipment_id}/comments", {"entity": {"comment": "Left at the door",
                                                                 "is_customer_notified": 1,
                                                                 "is_visible_on_front": 1}})
    assert client.get(f"/shipment/{shipment_id}/comments").get_json()["items"][0]["comment"] == "Left at the door"
    missing = client.post("/invoices/comments", {"entity": {"comment": "x", "is_customer_notified": 0,
                                                            "is_visible_on_front": 0, "parent_id": 999999}})
    assert (missing.status_code, missing.get_json()) == (400, {"message": "Could not save the invoice comment."})


@pytest.mark.parametrize("action", ["invoice", "ship", "refund"])
def test_an_item_without_order_item_id_requests_nothing(client, action):
    """Invoice/Shipment/CreditmemoDocumentFactory key quantities by getOrderItemId(): a missing id
    matches no order item, so the answer is the same 400 as for an unknown item id."""
    order = new_order(client)
    oid = order["entity_id"]
    if action == "refund":
        client.post(f"/order/{oid}/invoice", {})
    unknown = client.post(f"/order/{oid}/{action}", {"items": [{"order_item_id": -1, "qty": 1}]})
    missing = client.post(f"/order/{oid}/{action}", {"items": [{"qty": 1}]})
    assert unknown.status_code == missing.status_code == 400
    assert missing.get_json() == unknown.get_json()
    assert missing.get_json()["message"] == {
        "invoice": "Invoice Document Validation Error(s):\nThe invoice can't be created without products. "
                   "Add products and try again.",
        "ship": "Shipment Document Validation Error(s):\nYou can't create a shipment without products.",
        "refund": "Creditmemo Document Validation Error(s):\nThe creditmemo contains product item that is not "
                  "part of the original order."}[action]
    after = client.get(f"/orders/{oid}").get_json()
    assert sum(i["qty_shipped"] + i["qty_refunded"] for i in after["items"]) == 0
