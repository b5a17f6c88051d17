"""Guest checkout through REST: cart, items, shipping, totals, checkmo, placement, errors."""
from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest

from tests.sales.shop import create_simple, guest_order, ok

from tests.support.checkout import ADDRESS, new_guest_cart, price_of, salable_simple, ship


def salable_qty(shop, sku):
    return shop.get(f"/inventory/get-product-salable-quantity/{quote(sku, safe='')}/1").get_json()


def test_full_guest_checkout(shop, guest):
    sku = salable_simple(shop)
    price = price_of(shop, sku)
    before = salable_qty(shop, sku)
    cart_id = guest.post("/guest-carts").get_json()
    assert isinstance(cart_id, str) and len(cart_id) == 32
    item = guest.post(f"/guest-carts/{cart_id}/items", {"cartItem": {"sku": sku, "qty": 2, "quote_id": cart_id}})
    assert item.status_code == 200
    assert {k: item.get_json()[k] for k in ("sku", "qty", "price", "product_type")} == {
        "sku": sku, "qty": 2, "price": price, "product_type": "simple"}
    methods = guest.post(f"/guest-carts/{cart_id}/estimate-shipping-methods", {"address": ADDRESS}).get_json()
    assert methods[0]["carrier_code"] == "flatrate" and methods[0]["amount"] == 10  # 5.00 per item
    info = ship(guest, f"/guest-carts/{cart_id}")
    assert info.status_code == 200
    assert info.get_json()["payment_methods"] == [{"code": "checkmo", "title": "Check / Money order"}]
    totals = guest.get(f"/guest-carts/{cart_id}/totals").get_json()
    assert totals["subtotal"] == pytest.approx(2 * price)
    assert totals["shipping_amount"] == 10 and totals["tax_amount"] == 0 and totals["discount_amount"] == 0
    assert totals["grand_total"] == pytest.approx(2 * price + 10)
    assert [s["code"] for s in totals["total_segments"]] == ["subtotal", "shipping", "tax", "grand_total"]
    assert totals["total_segments"][1]["title"] == "Shipping & Handling (Flat Rate - Fixed)"
    order_id = guest.post(f"/guest-carts/{cart_id}/payment-information", {
        "email": "gus@example.com", "paymentMethod": {"method": "checkmo"}, "billingAddress": ADDRESS}).get_json()
    # a JSON number on 2.4.7-p3 (sandbox: guest and mine payment-information, PUT .../order)
    assert isinstance(order_id, int) and not isinstance(order_id, bool)
    order = shop.get(f"/orders/{order_id}").get_json()
    assert (order["state"], order["status"], order["customer_is_guest"], order["customer_group_id"]) == (
        "new", "pending", 1, 0)
    assert "customer_id" not in order
    assert (order["customer_email"], order["customer_firstname"], order["customer_lastname"]) == (
        "gus@example.com", "Gus", "Guest")
    assert order["grand_total"] == totals["grand_total"] and order["shipping_amount"] == 10
    assert order["shipping_description"] == "Flat Rate - Fixed"
    assert order["payment"]["method"] == "checkmo"
    assert order["payment"]["additional_information"] == ["Check / Money order"]
    assert order["billing_address"]["address_type"] == "billing" and order["billing_address"]["region_code"] == "TX"
    shipping = order["extension_attributes"]["shipping_assignments"][0]["shipping"]
    assert shipping["method"] == "flatrate_flatrate" and shipping["address"]["city"] == "Austin"
    assert [(i["sku"], i["qty_ordered"]) for i in order["items"]] == [(sku, 2)]
    # the placement reserved the stock
    assert salable_qty(shop, sku) == before - 2
    # the quote is inactive: still readable (QuoteRepository::get) but every operation is 404
    cart = guest.get(f"/guest-carts/{cart_id}").get_json()
    assert cart["is_active"] is False and cart["reserved_order_id"] == order["increment_id"]
    gone = guest.get(f"/guest-carts/{cart_id}/items")
    assert (gone.status_code, gone.get_json()) == (404, {
        "message": "No such entity with %fieldName = %fieldValue",
        "parameters": {"fieldName": "cartId", "fieldValue": str(cart["id"])}})
    again = guest.post(f"/guest-carts/{cart_id}/payment-information", {
        "email": "gus@example.com", "paymentMethod": {"method": "checkmo"}})
    assert again.status_code == 404


def test_cart_shape(guest):
    cart_id = guest.post("/guest-carts").get_json()
    cart = guest.get(f"/guest-carts/{cart_id}").get_json()
    assert cart["is_active"] is True and cart["customer_is_guest"] is True and cart["items"] == []
    assert cart["customer"] == {"email": None, "firstname": None, "lastname": None}
    assert cart["billing_address"]["street"] == [""] and cart["billing_address"]["country_id"] is None
    assert cart["currency"]["base_currency_code"] == "USD" and cart["store_id"] == 1


def test_store_code_moves_the_cart(shop, guest):
    cart_id = guest.post("/guest-carts").get_json()
    german = guest.with_prefix("/rest/de/V1")
    assert german.get(f"/guest-carts/{cart_id}").get_json()["store_id"] == 2
    made_in_de = german.post("/guest-carts").get_json()
    assert guest.get(f"/guest-carts/{made_in_de}").get_json()["store_id"] == 2


def test_unknown_cart(guest):
    resp = guest.get("/guest-carts/nope")
    assert (resp.status_code, resp.get_json()) == (404, {
        "message": "No such entity with %fieldName = %fieldValue",
        "parameters": {"fieldName": "cartId", "fieldValue": None}})


def test_item_errors(shop, guest):
    cart_id = guest.post("/guest-carts").get_json()
    missing = guest.post(f"/guest-carts/{cart_id}/items", {"cartItem": {"sku": "no-such", "qty": 1}})
    assert (missing.status_code, missing.get_json()) == (404, {
        "message": "The product that was requested doesn't exist. Verify the product and try again."})
    sku = salable_simple(shop)
    too_many = guest.post(f"/guest-carts/{cart_id}/items", {"cartItem": {"sku": sku, "qty": 100000}})
    assert (too_many.status_code, too_many.get_json()) == (400, {"message": "The requested qty is not available"})
    zero = guest.post(f"/guest-carts/{cart_id}/items", {"cartItem": {"sku": sku, "qty": 0}})
    assert zero.get_json() == {"message": 'Invalid value of "%value" provided for the %fieldName field.',
                               "parameters": {"fieldName": "qty", "value": 0}}
    unknown_item = guest.put(f"/guest-carts/{cart_id}/items/999", {"cartItem": {"qty": 1}})
    quote_id = guest.get(f"/guest-carts/{cart_id}").get_json()["id"]
    assert (unknown_item.status_code, unknown_item.get_json()) == (404, {
        "message": "The %1 Cart doesn't contain the %2 item.", "parameters": [str(quote_id), "999"]})
    assert guest.delete(f"/guest-carts/{cart_id}/items/999").status_code == 404


def test_update_merge_and_delete_items(shop, guest):
    sku = salable_simple(shop, 20)
    cart_id = new_guest_cart(guest, (sku, 1), (sku, 2))
    items = guest.get(f"/guest-carts/{cart_id}/items").get_json()
    assert [(i["sku"], i["qty"], i["quote_id"]) for i in items] == [(sku, 3, cart_id)]  # same product: one line
    item_id = items[0]["item_id"]
    updated = guest.put(f"/guest-carts/{cart_id}/items/{item_id}", {"cartItem": {"qty": 5, "quote_id": cart_id}})
    assert updated.get_json()["qty"] == 5
    assert guest.delete(f"/guest-carts/{cart_id}/items/{item_id}").get_json() is True
    assert guest.get(f"/guest-carts/{cart_id}/items").get_json() == []


def test_checkout_errors(shop, guest):
    sku = salable_simple(shop)
    empty = guest.post("/guest-carts").get_json()
    assert ship(guest, f"/guest-carts/{empty}").get_json() == {
        "message": "The shipping method can't be set for an empty cart. Add an item to cart and try again."}
    cart_id = new_guest_cart(guest, (sku, 1))
    no_address = guest.post(f"/guest-carts/{cart_id}/payment-information", {
        "email": "a@example.com", "paymentMethod": {"method": "checkmo"}, "billingAddress": ADDRESS})
    assert (no_address.status_code, no_address.get_json()) == (400, {
        "message": "The shipping address is missing. Set the address and try again."})
    missing = guest.post(f"/guest-carts/{cart_id}/shipping-information", {"addressInformation": {
        "shipping_address": {"firstname": "x"}, "shipping_carrier_code": "flatrate", "shipping_method_code": "flatrate"}})
    assert missing.get_json() == {"message": "The shipping address is missing. Set the address and try again."}
    bad_carrier = ship(guest, f"/guest-carts/{cart_id}", "ups", "ground")
    assert (bad_carrier.status_code, bad_carrier.get_json()) == (404, {
        "message": "Carrier with such method not found: %1, %2", "parameters": ["ups", "ground"]})
    ship(guest, f"/guest-carts/{cart_id}")
    bad_payment = guest.post(f"/guest-carts/{cart_id}/payment-information", {
        "email": "a@example.com", "paymentMethod": {"method": "banktransfer"}})
    assert (bad_payment.status_code, bad_payment.get_json()) == (400, {
        "message": "The requested Payment Method is not available."})
    no_email = guest.post(f"/guest-carts/{cart_id}/payment-information", {"paymentMethod": {"method": "checkmo"}})
    assert no_email.get_json() == {"message": '"%fieldName" is required. Enter and try again.',
                                   "parameters": {"fieldName": "email"}}
    bad_billing = guest.post(f"/guest-carts/{cart_id}/payment-information", {
        "email": "a@example.com", "paymentMethod": {"method": "checkmo"},
        "billingAddress": {**ADDRESS, "firstname": "", "telephone": None}})
    assert bad_billing.status_code == 400
    assert bad_billing.headers["errorRedirectAction"] == "#shipping"
    assert bad_billing.get_json() == {"message": 'Please check the billing address information. "firstname" is '
                                                 'required. Enter and try again. "telephone" is required. Enter and '
                                                 'try again.'}


def test_place_order_route(shop, guest):
    cart_id = new_guest_cart(guest, (salable_simple(shop), 1))
    ship(guest, f"/guest-carts/{cart_id}")
    order_id = guest.put(f"/guest-carts/{cart_id}/order", {"paymentMethod": {"method": "checkmo"}}).get_json()
    assert shop.get(f"/orders/{order_id}").get_json()["payment"]["method"] == "checkmo"


def test_configurable_and_bundle_lines(shop, guest):
    backend = shop.backend
    scope = backend.stores.scope_for_store_id(1)
    configurable = backend.catalog.get_product("MH01", scope)
    child = next(backend.catalog.product_data(i, scope) for i in
                 configurable["extension_attributes"]["configurable_product_links"]
                 if backend.inventory.is_salable(backend.catalog.product_data(i, scope)["sku"], 2, 1))
    values = {a["attribute_code"]: a["value"] for a in child["custom_attributes"]}
    codes = {"Color": "color", "Size": "size"}
    options = [{"option_id": o["attribute_id"], "option_value": int(values[codes[o["label"]]])}
               for o in configurable["extension_attributes"]["configurable_product_options"]]
    cart_id = guest.post("/guest-carts").get_json()
    line = guest.post(f"/guest-carts/{cart_id}/items", {"cartItem": {
        "sku": "MH01", "qty": 1, "quote_id": cart_id,
        "product_option": {"extension_attributes": {"configurable_item_options": options}}}}).get_json()
    assert (line["sku"], line["product_type"], line["price"]) == (child["sku"], "configurable", child["price"])
    assert line["product_option"]["extension_attributes"]["configurable_item_options"] == [
        {"option_id": str(o["option_id"]), "option_value": o["option_value"]} for o in options]
    no_options = guest.post(f"/guest-carts/{cart_id}/items", {"cartItem": {"sku": "MH01", "qty": 1}})
    assert no_options.get_json() == {"message": "You need to choose options for your item."}

    bundle = backend.catalog.get_product("24-WG080", scope)
    picks = []
    for option in bundle["extension_attributes"]["bundle_product_options"]:
        link = next(lk for lk in reversed(option["product_links"]) if backend.inventory.is_salable(lk["sku"], 4, 1))
        picks.append({"option_id": option["option_id"], "option_qty": 1, "option_selections": [int(link["id"])]})
    added = guest.post(f"/guest-carts/{cart_id}/items", {"cartItem": {
        "sku": "24-WG080", "qty": 1, "quote_id": cart_id,
        "product_option": {"extension_attributes": {"bundle_options": picks}}}})
    assert added.status_code == 200, added.get_json()
    assert added.get_json()["product_type"] == "bundle" and added.get_json()["sku"].startswith("24-WG080-")
    none = guest.post(f"/guest-carts/{cart_id}/items", {"cartItem": {"sku": "24-WG080", "qty": 1}})
    assert none.get_json() == {"message": "Please specify product option(s)."}

    ship(guest, f"/guest-carts/{cart_id}")
    totals = guest.get(f"/guest-carts/{cart_id}/totals").get_json()
    order_id = guest.post(f"/guest-carts/{cart_id}/payment-information", {
        "email": "gus@example.com", "paymentMethod": {"method": "checkmo"}}).get_json()
    order = shop.get(f"/orders/{order_id}").get_json()
    assert order["subtotal"] == totals["subtotal"] and order["total_item_count"] == 2
    parent, kid = order["items"][0], order["items"][1]
    assert (parent["product_type"], parent["sku"], kid["product_type"], kid["parent_item_id"]) == (
        "configurable", child["sku"], "simple", parent["item_id"])
    assert (kid["price"], kid["base_price"], kid["row_total"]) == (parent["price"], 0, 0)
    bundle_rows = [i for i in order["items"] if i["product_type"] == "bundle"]
    assert bundle_rows[0]["product_option"]["extension_attributes"]["bundle_options"][0]["option_selections"]
    children = [i for i in order["items"] if i.get("parent_item_id") == bundle_rows[0]["item_id"]]
    assert len(children) == len(picks)


def test_quick_order_uses_the_checkout_path(shop):
    sku = salable_simple(shop)
    before = salable_qty(shop, sku)
    order_id = shop.backend.checkout.quick_order(store_id=1, email="q@example.com",
                                                 lines=[{"sku": sku, "qty": 3}], address=ADDRESS)
    order = shop.get(f"/orders/{order_id}").get_json()
    assert order["total_qty_ordered"] == 3 and order["shipping_amount"] == 15 and order["customer_is_guest"] == 1
    assert salable_qty(shop, sku) == before - 3
    by_customer = shop.backend.checkout.quick_order(store_id=1, email="ignored@example.com", customer_id=1,
                                                    lines=[{"sku": sku, "qty": 1}])
    placed = shop.get(f"/orders/{by_customer}").get_json()
    assert (placed["customer_id"], placed["customer_is_guest"]) == (1, 0)


def test_order_store_name_is_website_group_and_view(admin: Any) -> None:
    """2.4.7-p3 sandbox (GET /V1/orders/{id} after a REST guest checkout on the default view):
    store_name = "Main Website\\nMain Website Store\\nDefault Store View"
    (Sales/Model/ResourceModel/Order::_beforeSave)."""
    create_simple(admin, "SN-A", 5)
    order_id = guest_order(admin, [("SN-A", 1)])
    assert ok(admin.get(f"/orders/{order_id}"))["store_name"] == "Main Website\nMain Website Store\nDefault Store View"
