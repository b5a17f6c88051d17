"""Repository saves: PUT /V1/orders/:parent_id (order address), PUT /V1/orders/create, POST /V1/invoices/
and POST /V1/shipment/ (documents as sent), and the MSI sources of a stock by priority."""
from __future__ import annotations

import pytest

ADDRESS_FAILED = {"message": "The order address couldn't be saved."}
SHIPMENT_FAILED = {"message": "The shipment couldn't be saved."}


def _address(order, **changes):
    """OrderAddressUpdateTest's body for the order's billing address."""
    body = {"region": "CA", "postcode": "11111", "lastname": "lastname", "street": ["street"], "city": "city",
            "email": "email@email.com", "company": "company", "telephone": "t123456789", "country_id": "US",
            "firstname": "firstname", "address_type": "billing", "parent_id": order["entity_id"],
            "entity_id": order["billing_address_id"], "customer_address_id": None, "customer_id": None, "fax": None,
            "middlename": None, "prefix": None, "region_id": None, "suffix": None, "vat_id": None,
            "vat_is_valid": None, "vat_request_date": None, "vat_request_id": None, "vat_request_success": None}
    body.update(changes)
    return {k: v for k, v in body.items() if v != "-"}


def _new_order(**changes):
    """OrderCreateTest's order document (no entity_id)."""
    address = {"city": "City", "postcode": "12345", "lastname": "Last Name", "firstname": "First Name",
               "telephone": "+00(000)-123-45-57", "street": ["Street"], "country_id": "US", "region": "California",
               "region_id": 12, "email": "guest@example.com"}
    order = {"customer_email": "new@example.com", "base_grand_total": 100, "grand_total": 100,
             "shipping_description": "Flat Rate - Fixed", "is_virtual": 0, "base_subtotal": 100, "subtotal": 100,
             "base_shipping_amount": 5, "total_qty_ordered": 1, "customer_is_guest": 1, "customer_group_id": 0,
             "base_currency_code": "USD",
             "items": [{"sku": "sku#1", "price": 10, "base_price": 10, "qty_ordered": 1, "product_type": "simple",
                        "parent_item": {"weight": 1}}],
             "payment": {"method": "checkmo", "cc_last4": "4444", "account_status": "ok", "additional_information": []},
             "billing_address": {**address, "address_type": "billing"},
             "extension_attributes": {"shipping_assignments": [{"shipping": {
                 "address": {**address, "city": "City2", "address_type": "shipping"}, "method": "flatrate_flatrate"},
                 "items": [], "stock_id": None}]}}
    order.update(changes)
    return order


# -- PUT /V1/orders/:parent_id -----------------------------------------------------------------
def test_address_update_answers_the_address_and_changes_the_order(client):
    order = client.get("/orders/1").get_json()
    client.backend.clock.advance(60)
    resp = client.put("/orders/1", {"entity": _address(order)})
    assert resp.status_code == 200
    # OrderAddressRepositoryInterface::save returns the address entity: nullable nulls left out,
    # region_code from the stored address of the same region... here region_id was sent null
    assert resp.get_json() == {
        "address_type": "billing", "city": "city", "company": "company", "country_id": "US",
        "email": "email@email.com", "entity_id": order["billing_address_id"], "firstname": "firstname",
        "lastname": "lastname", "parent_id": 1, "postcode": "11111", "region": "CA", "region_code": "CA",
        "street": ["street"], "telephone": "t123456789"}
    saved = client.get("/orders/1").get_json()
    billing = saved["billing_address"]
    assert (billing["city"], billing["street"], billing["email"], billing["company"]) == (
        "city", ["street"], "email@email.com", "company")
    assert "region_id" not in billing  # a sent null is written as NULL
    # the order row is not written: sales_order_address has no updated_at and the order is not saved
    assert saved["updated_at"] == order["updated_at"]
    assert saved["extension_attributes"]["shipping_assignments"][0]["shipping"]["address"] == \
        order["extension_attributes"]["shipping_assignments"][0]["shipping"]["address"]


def test_shipping_address_update(client):
    order = client.get("/orders/1").get_json()
    shipping = order["extension_attributes"]["shipping_assignments"][0]["shipping"]["address"]
    body = {**shipping, "city": "Springfield", "street": ["1 Elm St", "Apt 2"]}
    resp = client.put(f"/orders/{order['entity_id']}", {"entity": body})
    assert resp.get_json()["street"] == ["1 Elm St", "Apt 2"]
    assert resp.get_json()["region_code"] == shipping["region_code"]
    saved = client.get("/orders/1").get_json()["extension_attributes"]["shipping_assignments"][0]
    assert (saved["shipping"]["address"]["city"], saved["shipping"]["address"]["street"]) == (
        "Springfield", ["1 Elm St", "Apt 2"])
    assert saved["items"]  # the assignment keeps its items


def test_address_errors_are_one_could_not_save(client):
    order = client.get("/orders/1").get_json()
    for body in (_address(order, email="not-an-email"), _address(order, email=""), _address(order, address_type="home"),
                 _address(order, telephone="-"), _address(order, city="-")):
        resp = client.put("/orders/1", {"entity": body})
        assert (resp.status_code, resp.get_json()) == (400, ADDRESS_FAILED)
        # CouldNotSaveException (Webapi/Controller/Rest::dispatch)
        assert resp.headers["errorRedirectAction"] == "#shipping"
    assert client.get("/orders/1").get_json()["billing_address"] == order["billing_address"]
    # a key sent as null "has data" for Order/Address/Validator, and the getter answers null
    resp = client.put("/orders/1", {"entity": _address(order, telephone=None)})
    assert resp.status_code == 200 and resp.get_json()["telephone"] is None


def test_the_path_names_the_order_and_a_missing_email_is_the_orders(client):
    """Measured on 2.4.7-p3 (order 174): ParamsOverrider writes the path's parent_id into the entity
    (a body's 999999 or none at all reads back 174); Order/Address::beforeSave gives an address sent
    without an email (or with null) the order's customer email; "" is refused."""
    order = client.get("/orders/1").get_json()
    for changes in ({"parent_id": 999999}, {"parent_id": "-"}, {"email": "-"}, {"email": None}):
        body = _address(order, city=f"city {sorted(changes.items())}", **changes)
        resp = client.put("/orders/1", {"entity": body})
        assert resp.status_code == 200, changes
        answer = resp.get_json()
        assert answer["parent_id"] == 1
        assert answer["email"] == ("email@email.com" if "email" not in changes else order["customer_email"])
        saved = client.get("/orders/1").get_json()["billing_address"]
        assert (saved["city"], saved["email"]) == (body["city"], answer["email"])
    resp = client.put("/orders/abc", {"entity": _address(order)})
    message = ('Error occurred during "parent_id" processing. The "abc" value\'s type is invalid. The "int" type '
               'was expected. Verify and try again.')
    assert (resp.status_code, resp.get_json()["message"]) == (400, message)


def test_a_query_parameter_is_what_the_path_override_writes(client):
    """PUT with a query string: the last parameter is the query's, so no parent_id reaches the entity;
    the UPDATE of a stored address keeps its order (2.4.7-p3: PUT /V1/orders/174?foo=bar answers
    without parent_id and the address stays on 174)."""
    order = client.get("/orders/1").get_json()
    body = _address(order, parent_id="-", city="Queried")
    resp = client.put("/orders/1?foo=bar", {"entity": body})
    assert resp.status_code == 200
    assert "parent_id" not in resp.get_json()
    assert client.get("/orders/1").get_json()["billing_address"]["city"] == "Queried"
    # without an email as well, no order names one: the validator's "Email has a wrong format"
    resp = client.put("/orders/1?foo=bar", {"entity": _address(order, parent_id="-", email="-")})
    assert (resp.status_code, resp.get_json()) == (400, ADDRESS_FAILED)


def test_unknown_address_id_writes_nothing(client):
    """The UPDATE of an unknown entity_id matches no row: the entity is answered as sent."""
    order = client.get("/orders/1").get_json()
    resp = client.put("/orders/1", {"entity": _address(order, entity_id=999999)})
    assert resp.status_code == 200 and resp.get_json()["entity_id"] == 999999
    assert client.get("/orders/1").get_json()["billing_address"] == order["billing_address"]


def test_address_without_id_is_added_but_not_the_order_billing_address(client):
    order = client.get("/orders/1").get_json()
    resp = client.put("/orders/1", {"entity": _address(order, entity_id="-", city="Added")})
    added = resp.get_json()
    assert resp.status_code == 200 and added["entity_id"] > order["billing_address_id"]
    # Order::getBillingAddress answers the first billing address: the order still shows the old one
    assert client.get("/orders/1").get_json()["billing_address"] == order["billing_address"]
    again = client.put("/orders/1", {"entity": {**_address(order, city="Edited"), "entity_id": added["entity_id"]}})
    assert again.get_json()["city"] == "Edited"


def test_order_routes_need_acl(anon):
    for method, path in (("put", "/orders/1"), ("put", "/orders/create")):
        resp = getattr(anon, method)(path, {"entity": {}})
        assert (resp.status_code, resp.get_json()) == (401, {
            "message": "The consumer isn't authorized to access %resources.",
            "parameters": {"resources": "Magento_Sales::create"}})
    assert anon.post("/invoices/", {"entity": {}}).get_json()["parameters"] == {
        "resources": "Magento_Sales::sales_invoice"}
    assert anon.post("/shipment/", {"entity": {}}).get_json()["parameters"] == {"resources": "Magento_Sales::shipment"}
    assert anon.get("/inventory/get-sources-assigned-to-stock-ordered-by-priority/1").get_json()["parameters"] == {
        "resources": "Magento_InventoryApi::source"}


def test_entity_is_required(client):
    for method, path in (("put", "/orders/1"), ("put", "/orders/create"), ("post", "/invoices/"),
                         ("post", "/shipment/")):
        resp = getattr(client, method)(path, {})
        assert resp.status_code == 400
        assert resp.get_json() == {"message": '"%fieldName" is required. Enter and try again.',
                                   "parameters": {"fieldName": "entity"}}


# -- PUT /V1/orders/create ---------------------------------------------------------------------
def test_order_create_writes_the_order_as_sent(client):
    last = client.get("/orders?searchCriteria[sortOrders][0][field]=entity_id&searchCriteria[pageSize]=1"
                      "&searchCriteria[sortOrders][0][direction]=DESC").get_json()["items"][0]
    resp = client.put("/orders/create", {"entity": _new_order()})
    assert resp.status_code == 200
    order = resp.get_json()
    assert order["entity_id"] == last["entity_id"] + 1
    assert order["increment_id"] == f"{int(last['increment_id']) + 1:09d}"  # the store's sequence
    assert (order["grand_total"], order["base_grand_total"], order["customer_email"]) == (100, 100, "new@example.com")
    # ResourceModel/Order::_beforeSave: website, group and store names; leaf items counted
    assert order["store_name"] == "Main Website\nMain Website Store\nDefault Store View"
    assert order["total_item_count"] == 1 and order["store_id"] == 1
    assert "state" not in order and "status" not in order  # nothing sets them on this path
    shipping = order["extension_attributes"]["shipping_assignments"][0]["shipping"]
    assert (shipping["method"], shipping["address"]["city"], order["billing_address"]["city"]) == (
        "flatrate_flatrate", "City2", "City")
    assert order["items"][0]["sku"] == "sku#1" and order["items"][0]["order_id"] == order["entity_id"]
    assert client.get(f"/orders/{order['entity_id']}").get_json() == order


def test_order_create_keeps_sent_increment_id_state_and_status(client):
    resp = client.put("/orders/create", {"entity": _new_order(increment_id="EXT-1", state="new", status="pending")})
    order = resp.get_json()
    assert (order["increment_id"], order["state"], order["status"]) == ("EXT-1", "new", "pending")
    # the created order goes through the lifecycle like any other
    assert client.post(f"/order/{order['entity_id']}/invoice", {}).status_code == 200
    assert client.get(f"/orders/{order['entity_id']}").get_json()["state"] == "processing"


def test_order_create_through_post_orders_and_store_scope(client):
    """POST /V1/orders is the same service; without store_id the request's store is used."""
    resp = client.post("/orders", {"entity": _new_order(is_virtual=1, extension_attributes=None)})
    assert resp.status_code == 200 and "shipping_assignments" not in resp.get_json()["extension_attributes"]
    unknown = client.put("/orders/create", {"entity": _new_order(store_id=999)})
    assert (unknown.status_code, unknown.get_json()) == (404, {
        "message": "The store that was requested wasn't found. Verify the store and try again."})
    wrong = client.put("/orders/create", {"entity": _new_order(grand_total="abc")})
    assert (wrong.status_code, wrong.get_json()) == (400, {
        "message": 'Error occurred during "grand_total" processing. The "abc" value\'s type is invalid. '
                   'The "float" type was expected. Verify and try again.'})


@pytest.mark.parametrize("where, value, field, shown, kind", [
    ("method", {}, 'extension_attributes" processing. Error occurred during "shipping_assignments" processing. '
                   'Error occurred during "shipping" processing. Error occurred during "method', "array", "string"),
    ("additional_information", "Check / Money order",
     'payment" processing. Error occurred during "additional_information', "string", "string[]")])
def test_order_create_types_the_shipping_method_and_payment_information(client, where, value, field, shown, kind):
    """ShippingInterface::getMethod is a string and OrderPaymentInterface::getAdditionalInformation a
    string[]: TypeProcessor refuses the wrong shape (naming it by gettype) and nothing is created. Each
    enclosing field wraps the message once (ServiceInputProcessor::_createFromArray; measured on the
    2.4.7-p3 sandbox with PUT /V1/products/{sku} and extension_attributes.stock_item.qty "abc")."""
    order = _new_order()
    if where == "method":
        order["extension_attributes"]["shipping_assignments"][0]["shipping"]["method"] = value
    else:
        order["payment"]["additional_information"] = value
    before = client.get("/orders?searchCriteria").get_json()["total_count"]
    resp = client.put("/orders/create", {"entity": order})
    assert (resp.status_code, resp.get_json()) == (400, {
        "message": f'Error occurred during "{field}" processing. The "{shown}" value\'s type is invalid. '
                   f'The "{kind}" type was expected. Verify and try again.'})
    assert client.get("/orders?searchCriteria").get_json()["total_count"] == before


def test_order_create_without_shipping_method_omits_it(client):
    """ShippingInterface::getMethod is ``string|null``: DataObjectProcessor leaves a null out."""
    order = _new_order()
    order["extension_attributes"]["shipping_assignments"][0]["shipping"]["method"] = None
    created = client.put("/orders/create", {"entity": order}).get_json()
    shipping = created["extension_attributes"]["shipping_assignments"][0]["shipping"]
    assert "method" not in shipping and shipping["address"]["city"] == "City2"


def test_order_create_without_payment_method_answers_null_and_no_additional_info(client):
    """OrderPaymentInterface::getMethod is non-nullable (written as null); OrderRepository's
    payment_additional_info comes from the payment's additional information: none here."""
    for payment in ({"additional_information": []}, {"cc_last4": "1111", "extension_attributes": {
            "vault_payment_token": {}}}):
        created = client.put("/orders/create", {"entity": _new_order(payment=payment)}).get_json()
        assert created["payment"]["method"] is None and created["payment"]["additional_information"] == []
        assert created["extension_attributes"]["payment_additional_info"] == []
        assert "vault_payment_token" not in created["payment"].get("extension_attributes", {})


@pytest.mark.parametrize("key, value", [("payment", []), ("payment", "checkmo"), ("billing_address", [])])
def test_order_create_with_a_non_object_payment_or_address_is_not_a_crash(client, key, value):
    resp = client.put("/orders/create", {"entity": _new_order(**{key: value})})
    assert resp.status_code == 200, resp.get_json()
    assert resp.get_json()["entity_id"] > 0


def test_order_create_with_item_without_sku_is_a_masked_500(client):
    resp = client.put("/orders/create", {"entity": _new_order(items=[{"price": 1, "qty_ordered": 1}])})
    assert resp.status_code == 500
    assert resp.get_json()["message"].startswith("Internal Error. Details are available in Magento log file.")


# -- POST /V1/invoices/ ------------------------------------------------------------------------
def test_invoice_save_writes_the_document_as_sent(client):
    order = client.get("/orders/1").get_json()
    item = order["items"][0]
    resp = client.post("/invoices/", {"entity": {
        "order_id": 1, "total_qty": "1", "grand_total": None,
        "items": [{"orderItemId": item["item_id"], "qty": 2, "sku": "sku-x", "baseCost": None}]}})
    assert resp.status_code == 200
    invoice = resp.get_json()
    # store_id is as sent: none reads back none (measured on 2.4.7-p3, order 184)
    assert invoice["order_id"] == 1 and invoice["total_qty"] == 1 and "store_id" not in invoice
    assert invoice["items"][0]["order_item_id"] == item["item_id"] and invoice["items"][0]["qty"] == 2
    assert invoice["items"][0]["parent_id"] == invoice["entity_id"] and invoice["items"][0]["sku"] == "sku-x"
    assert "grand_total" not in invoice and "state" not in invoice
    assert client.get(f"/invoices/{invoice['entity_id']}").get_json() == invoice
    # no register/pay: the order is untouched
    after = client.get("/orders/1").get_json()
    assert (after["total_invoiced"] if "total_invoiced" in after else None) == order.get("total_invoiced")
    assert after["items"][0]["qty_invoiced"] == item["qty_invoiced"]


def test_document_items_take_nothing_from_the_order_item(client):
    """Measured on 2.4.7-p3 (order 184, POST /V1/invoices/, /V1/creditmemo, /V1/shipment/ with items
    naming only order_item_id and qty): an invoice item answers sku null, a credit memo item base_cost
    and base_price null (their getters may not return null) and no sku, a shipment packages []; no
    store_id on any."""
    item_id = client.get("/orders/1").get_json()["items"][0]["item_id"]
    line = {"order_item_id": item_id, "qty": 1}
    invoice = client.post("/invoices/", {"entity": {"order_id": 1, "items": [line]}}).get_json()
    memo = client.post("/creditmemo", {"entity": {"order_id": 1, "items": [line]}}).get_json()
    shipment = client.post("/shipment/", {"entity": {"order_id": 1, "items": [line]}}).get_json()
    entity_of = {"entity_id", "parent_id"}
    assert {k: v for k, v in invoice["items"][0].items() if k not in entity_of} == {**line, "sku": None}
    assert {k: v for k, v in memo["items"][0].items() if k not in entity_of} == {
        **line, "base_cost": None, "base_price": None}
    assert {k: v for k, v in shipment["items"][0].items() if k not in entity_of} == line
    assert shipment["packages"] == []
    assert not any("store_id" in doc for doc in (invoice, memo, shipment))


def test_invoice_save_updates_an_existing_invoice(client):
    oid = client.get("/orders?searchCriteria[filter_groups][0][filters][0][field]=status"
                     "&searchCriteria[filter_groups][0][filters][0][value]=pending").get_json()["items"][0]["entity_id"]
    invoice_id = int(client.post(f"/order/{oid}/invoice", {}).get_json())
    before = client.get(f"/invoices/{invoice_id}").get_json()
    client.backend.clock.advance(60)
    resp = client.post("/invoices/", {"entity": {"entity_id": invoice_id, "order_id": oid, "transaction_id": "T-1",
                                                 "comments": [{"parent_id": invoice_id, "comment": "Paid by wire"}]}})
    invoice = resp.get_json()
    assert invoice["transaction_id"] == "T-1" and invoice["grand_total"] == before["grand_total"]
    assert invoice["updated_at"] > before["updated_at"] and invoice["items"] == before["items"]
    assert [c["comment"] for c in invoice["comments"]] == ["Paid by wire"]


def test_invoice_save_errors(client):
    # no try/catch in InvoiceRepository::save: the foreign key failure is the masked 500 ...
    resp = client.post("/invoices", {"entity": {"order_id": 999999, "items": []}})
    assert resp.status_code == 500
    # ... and the comment resource model's validation its own message
    # (Invoice/Relation does not set the comment's parent_id)
    resp = client.post("/invoices", {"entity": {"order_id": 1, "comments": [{"comment": "x"}]}})
    assert (resp.status_code, resp.get_json()) == (400, {
        "message": "Cannot save comment:\n%1",
        "parameters": ['"Parent Invoice Id" is required. Enter and try again.']})
    resp = client.post("/invoices", {"entity": {"order_id": 1, "comments": [{"comment": "", "parent_id": None}]}})
    assert resp.get_json()["parameters"] == ["Parent Invoice Id can not be empty\nComment can not be empty"]
    assert client.get("/invoices?searchCriteria[filter_groups][0][filters][0][field]=order_id"
                      "&searchCriteria[filter_groups][0][filters][0][value]=1").get_json()["total_count"] == \
        len([i for i in client.get("/invoices?searchCriteria").get_json()["items"] if i["order_id"] == 1])


def test_unknown_invoice_id_without_relations_is_answered_as_sent(client):
    resp = client.post("/invoices", {"entity": {"entity_id": 999999, "order_id": 1}})
    assert resp.status_code == 200
    assert resp.get_json() == {"total_qty": None, "order_id": 1, "entity_id": 999999, "items": [], "comments": []}
    assert client.get("/invoices/999999").status_code == 404


# -- POST /V1/shipment/ ------------------------------------------------------------------------
def test_shipment_save_as_sent_with_tracks_and_comments(client):
    """ShipmentCreateTest: items, one track and one comment; nothing is shipped on the order."""
    order = client.get("/orders/1").get_json()
    item = order["items"][0]
    resp = client.post("/shipment/", {"entity": {
        "order_id": 1, "entity_id": None, "total_qty": None,
        "items": [{"order_item_id": item["item_id"], "qty": item["qty_ordered"], "entity_id": None, "sku": "simple"}],
        "tracks": [{"carrier_code": "UPS", "order_id": 1, "title": "ground", "track_number": "12345678",
                    "parent_id": None, "qty": None, "weight": None, "description": None}],
        "comments": [{"comment": "Shipment-related comment.", "is_customer_notified": None,
                      "is_visible_on_front": None, "parent_id": None}]}})
    assert resp.status_code == 200
    shipment = resp.get_json()
    sid = shipment["entity_id"]
    assert [(t["track_number"], t["carrier_code"], t["parent_id"]) for t in shipment["tracks"]] == [
        ("12345678", "UPS", sid)]
    assert [(c["comment"], c["parent_id"]) for c in shipment["comments"]] == [("Shipment-related comment.", sid)]
    assert shipment["items"][0]["parent_id"] == sid and "total_qty" not in shipment
    assert client.get(f"/shipment/{sid}").get_json() == shipment
    assert client.get("/orders/1").get_json()["items"][0]["qty_shipped"] == item["qty_shipped"]


def test_shipment_save_adds_a_track_to_an_existing_shipment(client):
    oid = client.get("/orders?searchCriteria[filter_groups][0][filters][0][field]=status"
                     "&searchCriteria[filter_groups][0][filters][0][value]=pending").get_json()["items"][0]["entity_id"]
    sid = int(client.post(f"/order/{oid}/ship", {}).get_json())
    before = client.get(f"/shipment/{sid}").get_json()
    resp = client.post("/shipment/", {"entity": {"entity_id": sid, "order_id": oid, "tracks": [
        {"order_id": oid, "carrier_code": "dhl", "title": "DHL", "track_number": "JD0001"}]}})
    shipment = resp.get_json()
    assert [t["track_number"] for t in shipment["tracks"]] == [t["track_number"] for t in before["tracks"]] + ["JD0001"]
    assert shipment["items"] == before["items"]


def test_shipment_save_errors(client):
    order = client.get("/orders/1").get_json()
    line = [{"order_item_id": order["items"][0]["item_id"], "qty": 1}]
    for entity in ({"order_id": 1},  # "We cannot create an empty shipment."
                   {"order_id": 1, "items": []},
                   {"order_id": 999999, "items": line},  # the order's foreign key
                   {"order_id": 1, "items": line, "tracks": [{"order_id": 1, "carrier_code": "ups"}]},  # Track/Validator
                   {"order_id": 1, "items": line, "tracks": [{"order_id": 1, "carrier_code": "", "track_number": "1"}]},
                   {"order_id": 1, "items": line, "comments": [{"comment": ""}]},  # Comment/Validator
                   {"entity_id": 999999, "order_id": 1, "items": line}):  # relation rows of no shipment
        resp = client.post("/shipment/", {"entity": entity})
        assert (resp.status_code, resp.get_json()) == (400, SHIPMENT_FAILED), entity
        assert resp.headers["errorRedirectAction"] == "#shipping"
    assert client.get("/shipments?searchCriteria[filter_groups][0][filters][0][field]=order_id"
                      "&searchCriteria[filter_groups][0][filters][0][value]=1").get_json()["total_count"] == 0


# -- GET /V1/inventory/get-sources-assigned-to-stock-ordered-by-priority/:stockId --------------
def test_sources_assigned_to_stock_by_priority(client):
    for code in ("east", "west"):
        assert client.post("/inventory/sources", {"source": {
            "source_code": code, "name": code.title(), "enabled": True, "postcode": "12345",
            "country_id": "US"}}).status_code == 200
    stock_id = int(client.post("/inventory/stocks", {"stock": {"name": "Regional"}}).get_json())
    links = [{"source_code": "west", "stock_id": stock_id, "priority": 2},
             {"source_code": "east", "stock_id": stock_id, "priority": 1}]
    assert client.post("/inventory/stock-source-links", {"links": links}).status_code == 200
    resp = client.get(f"/inventory/get-sources-assigned-to-stock-ordered-by-priority/{stock_id}")
    assert [s["source_code"] for s in resp.get_json()] == ["east", "west"]
    assert resp.get_json()[0] == client.get("/inventory/sources/east").get_json()
    assert client.get("/inventory/get-sources-assigned-to-stock-ordered-by-priority/999").get_json() == []
    bad = client.get("/inventory/get-sources-assigned-to-stock-ordered-by-priority/abc")
    assert (bad.status_code, bad.get_json()) == (400, {
        "message": 'The "abc" value\'s type is invalid. The "int" type was expected. Verify and try again.'})
