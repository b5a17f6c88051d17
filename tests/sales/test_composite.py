"""Configurable and bundle rows: Magento's dummy-item rules (Order/Item::isDummy, InvoiceService,
ShipmentFactory, CreditmemoFactory, registerCancellation)."""
from __future__ import annotations

import pytest

ADDRESS = {"firstname": "Ada", "lastname": "Lovelace", "street": ["1 Main St"], "city": "Austin",
           "postcode": "78701", "country_id": "US", "region": "Texas", "region_id": 57, "region_code": "TX",
           "telephone": "(555) 000-0000"}


def _configurable_line(backend, qty=2):
    scope = backend.stores.scope_for_store_id(1)
    product = backend.catalog.get_product("MH01", scope)
    ext = product["extension_attributes"]
    for child_id in ext["configurable_product_links"]:
        child = backend.catalog.product_data(int(child_id), scope)
        if backend.inventory.is_salable(child["sku"], qty + 1, 1):
            values = {a["attribute_code"]: a["value"] for a in child["custom_attributes"]}
            picked = [{"option_id": str(o["attribute_id"]),
                       "option_value": int(values[o["label"].lower()])} for o in ext["configurable_product_options"]]
            return {"sku": "MH01", "qty": qty, "options": {"configurable_item_options": picked}}, child["sku"]
    pytest.skip("no salable configurable child")


def _bundle_line(backend, shipment_type=None):
    scope = backend.stores.scope_for_store_id(1)
    product = backend.catalog.get_product("24-WG080", scope)
    chosen = []
    for option in product["extension_attributes"]["bundle_product_options"]:
        link = next(lk for lk in option["product_links"] if backend.inventory.is_salable(lk["sku"], 4, 1))
        chosen.append({"option_id": option["option_id"], "option_qty": link["qty"],
                       "option_selections": [int(link["id"])]})
    return {"sku": "24-WG080", "qty": 1, "options": {"bundle_options": chosen}}


def place(client, lines):
    order_id = client.backend.checkout.quick_order(store_id=1, email="ada@example.com", lines=lines,
                                                   address=ADDRESS)
    return client.get(f"/orders/{order_id}").get_json()


def rows(order):
    parent = next(i for i in order["items"] if not i.get("parent_item_id"))
    children = [i for i in order["items"] if i.get("parent_item_id") == parent["item_id"]]
    return parent, children


def test_configurable_rows_nest_the_parent_and_carry_the_option(client):
    line, child_sku = _configurable_line(client.backend)
    order = place(client, [line])
    parent, (child,) = rows(order)
    assert (parent["product_type"], parent["sku"], child["sku"]) == ("configurable", child_sku, child_sku)
    assert child["parent_item"]["item_id"] == parent["item_id"] and "parent_item" not in parent
    assert parent["product_option"]["extension_attributes"]["configurable_item_options"]
    assert all(i["item_id"] for i in order["extension_attributes"]["shipping_assignments"][0]["items"])
    assert "_options" not in parent and "_options" not in child  # Magento's product_options stay internal
    assert client.get(f"/orders/items/{child['item_id']}").get_json()["parent_item"]["item_id"] == parent["item_id"]


def test_configurable_invoice_ship_refund_and_cancel_use_the_parent(client):
    line, _ = _configurable_line(client.backend, qty=3)
    order = place(client, [line])
    oid = order["entity_id"]
    parent, (child,) = rows(order)
    # the child is a dummy: naming it invoices nothing
    resp = client.post(f"/order/{oid}/invoice", {"items": [{"order_item_id": child["item_id"], "qty": 1}]})
    assert resp.get_json()["message"].startswith("Invoice Document Validation Error(s):\nThe invoice can't be "
                                                 "created without products.")
    client.post(f"/order/{oid}/invoice", {"items": [{"order_item_id": parent["item_id"], "qty": 1}]})
    after, (child_after,) = rows(client.get(f"/orders/{oid}").get_json())
    # InvoiceService::prepareItemsQty gives the child its parent's quantity
    assert (after["qty_invoiced"], child_after["qty_invoiced"]) == (1, 1)
    invoice = client.get("/invoices?searchCriteria[filter_groups][0][filters][0][field]=order_id"
                         f"&searchCriteria[filter_groups][0][filters][0][value]={oid}").get_json()["items"][0]
    assert invoice["subtotal"] == parent["price"] and invoice["total_qty"] == 2  # the child's qty counts too
    client.post(f"/order/{oid}/ship", {"items": [{"order_item_id": parent["item_id"], "qty": 1}]})
    shipped, (child_shipped,) = rows(client.get(f"/orders/{oid}").get_json())
    # ShipmentFactory::prepareItems leaves a child shipped with its parent out of the shipment
    assert (shipped["qty_shipped"], child_shipped["qty_shipped"]) == (1, 0)
    bad = client.post(f"/order/{oid}/refund", {"items": [{"order_item_id": child["item_id"], "qty": 1}]})
    assert "The creditmemo contains incorrect product items." in bad.get_json()["message"]
    client.post(f"/order/{oid}/refund", {"items": [{"order_item_id": parent["item_id"], "qty": 1}],
                                         "arguments": {"shipping_amount": 0}})
    refunded, (child_refunded,) = rows(client.get(f"/orders/{oid}").get_json())
    assert (refunded["qty_refunded"], child_refunded["qty_refunded"]) == (1, 1)
    assert client.post(f"/orders/{oid}/cancel").get_json() is True
    canceled = client.get(f"/orders/{oid}").get_json()
    final, (child_final,) = rows(canceled)
    # Order/Item::cancel: min(to_invoice, to_ship) on the parent; the dummy child keeps 0 (recorded)
    assert (final["qty_canceled"], child_final["qty_canceled"]) == (2, 0)
    assert canceled["state"] == "canceled"  # nothing invoiced is left to refund


def test_dynamic_bundle_children_carry_invoice_and_refund(client):
    order = place(client, [_bundle_line(client.backend)])
    oid = order["entity_id"]
    parent, children = rows(order)
    assert parent["product_type"] == "bundle" and parent["product_option"]["extension_attributes"]["bundle_options"]
    first = children[0]
    client.post(f"/order/{oid}/invoice", {"items": [{"order_item_id": first["item_id"], "qty": first["qty_ordered"]}]})
    after = client.get(f"/orders/{oid}").get_json()
    bundle, kids = rows(after)
    assert kids[0]["qty_invoiced"] == first["qty_ordered"] and kids[1]["qty_invoiced"] == 0
    # the dummy parent of a dynamic bundle is invoiced with its ordered qty (InvoiceService::prepareInvoice)
    assert bundle["qty_invoiced"] == bundle["qty_ordered"]
    assert after["total_paid"] == pytest.approx(first["row_total"] + after["shipping_amount"])
    # a bundle shipped together: the shipment lists its parent row only, but each selection is
    # shipped with it (Shipment/OrderRegistrar; 2.4.7-p3 sandbox, see test_bundle_fulfilment.py)
    shipment = client.get(f"/shipment/{client.post(f'/order/{oid}/ship', {}).get_json()}").get_json()
    assert [i["order_item_id"] for i in shipment["items"]] == [bundle["item_id"]]
    bundle, kids = rows(client.get(f"/orders/{oid}").get_json())
    assert bundle["qty_shipped"] == bundle["qty_ordered"] and all(k["qty_shipped"] == k["qty_ordered"] for k in kids)
    bad = client.post(f"/order/{oid}/refund", {"items": [{"order_item_id": bundle["item_id"], "qty": 1}]})
    assert "The creditmemo contains incorrect product items." in bad.get_json()["message"]


def test_order_item_fields_of_a_dynamic_bundle_child_have_a_price(client):
    order = place(client, [_bundle_line(client.backend)])
    _, children = rows(order)
    assert all(c["price"] > 0 and c["parent_item"]["product_type"] == "bundle" for c in children)


def test_cancel_of_a_partly_invoiced_bundle_is_complete_with_nothing_shipped(client):
    """Order::registerCancellation: an invoiced bundle child shipped together with its parent has
    getQtyToShip() 0 (Item::isDummy(true)), so isProcessingAvailable() is false and the order goes
    to complete; the child's getQtyToCancel() = min(to invoice, to ship) = 0 keeps it uncanceled.
    The state handler leaves complete alone (it only promotes processing)."""
    order = place(client, [_bundle_line(client.backend)])
    parent, children = rows(order)
    first, second = children
    resp = client.post(f"/order/{order['entity_id']}/invoice",
                       {"items": [{"order_item_id": first["item_id"], "qty": first["qty_ordered"]}]})
    assert resp.status_code == 200, resp.get_data(as_text=True)
    assert client.post(f"/orders/{order['entity_id']}/cancel").get_json() is True
    after = client.get(f"/orders/{order['entity_id']}").get_json()
    assert (after["state"], after["status"]) == ("complete", "complete")
    by_id = {i["item_id"]: i for i in after["items"]}
    assert by_id[second["item_id"]]["qty_canceled"] == 0 and by_id[second["item_id"]]["qty_invoiced"] == 0
    assert by_id[parent["item_id"]]["qty_shipped"] == 0
    assert after["total_canceled"] == pytest.approx(after["grand_total"] - after["total_paid"])
    # complete is a state cancel refuses (Order::canCancel)
    assert client.post(f"/orders/{order['entity_id']}/cancel").get_json() is False
