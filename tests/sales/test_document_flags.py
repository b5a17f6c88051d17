"""notify and appendComment are read as filter_var booleans (TypeProcessor::setType with
FILTER_VALIDATE_BOOLEAN, through the one ServiceInputProcessor).

Evidence: the 2.4.7-p3 sandbox, 2026-12-03, guest order 187 (checkmo, flatrate):
  POST /V1/order/187/invoice {"capture":false,"notify":"yes","appendComment":"yes","comment":{...}}
      -> invoice 76, its comment is_customer_notified 1
  POST /V1/order/187/ship {"notify":"on","appendComment":"off","comment":{...}}
      -> shipment 53, its comment is_customer_notified 0
(InvoiceOrder/ShipOrder pass appendComment && notify to the document factory.)
"""
from __future__ import annotations

from tests.sales.test_document_routes import pending


def test_yes_and_yes_notify_the_invoice_comment(client):
    oid = pending(client)["entity_id"]
    invoice_id = client.post(f"/order/{oid}/invoice", {
        "capture": False, "notify": "yes", "appendComment": "yes",
        "comment": {"comment": "INP yes", "is_visible_on_front": 0}}).get_json()
    (comment,) = client.get(f"/invoices/{invoice_id}/comments").get_json()["items"]
    assert (comment["comment"], comment["is_customer_notified"]) == ("INP yes", 1)


def test_off_is_false_for_the_shipment_comment(client):
    oid = pending(client)["entity_id"]
    client.post(f"/order/{oid}/invoice", {"capture": False})
    shipment_id = client.post(f"/order/{oid}/ship", {
        "notify": "on", "appendComment": "off",
        "comment": {"comment": "INP off", "is_visible_on_front": 0}}).get_json()
    (comment,) = client.get(f"/shipment/{shipment_id}/comments").get_json()["items"]
    assert (comment["comment"], comment["is_customer_notified"]) == ("INP off", 0)
