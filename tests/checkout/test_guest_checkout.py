"""Guest checkout through REST: cart, items, shipping, totals, checkmo, place order."""
from __future__ import annotations

import pytest

ADDRESS = {"region": "Texas", "region_id": 57, "region_code": "TX", "country_id": "US", "street": ["1 Main St"],
           "postcode": "78701", "city": "Austin", "firstname": "Gus", "lastname": "Guest", "telephone": "555-0100",
           "email": "gus@example.com"}


@pytest.fixture
def guest(shop):
    return shop.with_token(None)


def sku_in_stock(shop) -> str:
    for product in shop.get("/products?searchCriteria[pageSize]=30").get_json()["items"]:
        stock = product["extension_attributes"].get("stock_item", {})
        if product["type_id"] == "simple" and stock.get("qty", 0) >= 5 and stock.get("is_in_stock"):
            return product["sku"]
    raise AssertionError("no simple product in stock")


def test_full_guest_checkout(shop, guest):
    sku = sku_in_stock(shop)
    cart_id = guest.post("/guest-carts").get_json()
    assert isinstance(cart_id, str) and len(cart_id) == 32
    item = guest.post(f"/guest-carts/{cart_id}/items", {"cartItem": {"sku": sku, "qty": 2, "quote_id": cart_id}})
    assert item.status_code == 200 and item.get_json()["qty"] == 2
    methods = guest.post(f"/guest-carts/{cart_id}/estimate-shipping-methods", {"address": ADDRESS}).get_json()
    assert methods[0]["carrier_code"] == "flatrate" and methods[0]["amount"] == 10  # 5.00 per item
    info = guest.post(f"/guest-carts/{cart_id}/shipping-information", {"addressInformation": {
        "shipping_address": ADDRESS, "billing_address": ADDRESS, "shipping_carrier_code": "flatrate",
        "shipping_method_code": "flatrate"}}).get_json()
    assert info["payment_methods"] == [{"code": "checkmo", "title": "Check / Money order"}]
    totals = guest.get(f"/guest-carts/{cart_id}/totals").get_json()
    assert totals["grand_total"] == pytest.approx(totals["subtotal"] + 10)
    order_id = guest.post(f"/guest-carts/{cart_id}/payment-information", {
        "email": "gus@example.com", "paymentMethod": {"method": "checkmo"}, "billingAddress": ADDRESS}).get_json()
    assert isinstance(order_id, str)
    order = shop.get(f"/orders/{order_id}").get_json()
    assert (order["state"], order["status"], order["customer_is_guest"]) == ("new", "pending", 1)
    assert order["grand_total"] == totals["grand_total"] and order["customer_email"] == "gus@example.com"
    assert order["extension_attributes"]["shipping_assignments"][0]["shipping"]["address"]["city"] == "Austin"
    # the quote is no longer active
    gone = guest.get(f"/guest-carts/{cart_id}")
    assert (gone.status_code, gone.get_json()) == (404, {
        "message": "No such entity with %fieldName = %fieldValue",
        "parameters": {"fieldName": "cartId", "fieldValue": cart_id}})


def test_errors(shop, guest):
    cart_id = guest.post("/guest-carts").get_json()
    missing = guest.post(f"/guest-carts/{cart_id}/items", {"cartItem": {"sku": "no-such", "qty": 1}})
    assert missing.status_code == 404
    too_many = guest.post(f"/guest-carts/{cart_id}/items", {"cartItem": {"sku": sku_in_stock(shop), "qty": 100000}})
    assert (too_many.status_code, too_many.get_json()) == (400, {"message": "The requested qty is not available"})
    guest.post(f"/guest-carts/{cart_id}/items", {"cartItem": {"sku": sku_in_stock(shop), "qty": 1}})
    no_method = guest.post(f"/guest-carts/{cart_id}/payment-information", {
        "email": "a@b.c", "paymentMethod": {"method": "checkmo"}, "billingAddress": ADDRESS})
    assert no_method.get_json() == {"message": "The shipping method is missing. Select the shipping method and try again."}
    bad_carrier = guest.post(f"/guest-carts/{cart_id}/shipping-information", {"addressInformation": {
        "shipping_address": ADDRESS, "shipping_carrier_code": "ups", "shipping_method_code": "ground"}})
    assert (bad_carrier.status_code, bad_carrier.get_json()) == (404, {
        "message": "Carrier with such method not found: %1, %2", "parameters": ["ups", "ground"]})
    bad_payment = guest.post(f"/guest-carts/{cart_id}/payment-information", {
        "email": "a@b.c", "paymentMethod": {"method": "banktransfer"}})
    assert bad_payment.get_json() == {"message": "The requested Payment Method is not available."}
    assert guest.get("/guest-carts/nope").status_code == 404


def test_placement_reserves_stock(shop, guest):
    from urllib.parse import quote

    sku = sku_in_stock(shop)
    before = shop.get(f"/inventory/get-product-salable-quantity/{quote(sku, safe='')}/1").get_json()
    order_id = shop.backend.checkout.quick_order(store_id=1, email="q@example.com", lines=[{"sku": sku, "qty": 3}],
                                                 address=ADDRESS)
    assert shop.get(f"/orders/{order_id}").get_json()["total_qty_ordered"] == 3
    assert shop.get(f"/inventory/get-product-salable-quantity/{quote(sku, safe='')}/1").get_json() == before - 3


def test_customer_checkout_with_a_customer_token(shop, guest):
    creds = shop.backend.db.get_meta("credentials")
    token = guest.post("/integration/customer/token", {"username": creds["customer_email"],
                                                       "password": creds["customer_password"]}).get_json()
    me = guest.with_token(token)
    assert me.get("/carts/mine").status_code == 404  # no active cart yet
    quote_id = me.post("/carts/mine").get_json()
    assert isinstance(quote_id, int) and me.post("/carts/mine").get_json() == quote_id  # reused
    me.post("/carts/mine/items", {"cartItem": {"sku": sku_in_stock(shop), "qty": 1, "quote_id": quote_id}})
    cart = me.get("/carts/mine").get_json()
    assert cart["customer"]["email"] == creds["customer_email"] and cart["customer_is_guest"] is False
    me.post("/carts/mine/shipping-information", {"addressInformation": {
        "shipping_address": ADDRESS, "billing_address": ADDRESS, "shipping_carrier_code": "flatrate",
        "shipping_method_code": "flatrate"}})
    order_id = me.post("/carts/mine/payment-information", {"paymentMethod": {"method": "checkmo"}}).get_json()
    order = shop.get(f"/orders/{order_id}").get_json()
    assert order["customer_email"] == creds["customer_email"] and order["customer_is_guest"] == 0
    assert order["customer_id"] == cart["customer"]["id"]
    # an admin token cannot use the customer's cart
    assert shop.get("/carts/mine").status_code == 401
