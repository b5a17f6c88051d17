"""Customer (carts/mine) and admin cart routes."""
from __future__ import annotations

import pytest

from tests.support.checkout import ADDRESS, price_of, salable_simple, ship


def test_full_customer_checkout(shop, customer):
    sku = salable_simple(shop)
    cart_id = customer.post("/carts/mine").get_json()
    assert isinstance(cart_id, int)
    assert customer.post("/carts/mine").get_json() == cart_id  # the active cart is reused
    item = customer.post("/carts/mine/items", {"cartItem": {"sku": sku, "qty": 1, "quote_id": str(cart_id)}})
    assert item.status_code == 200 and item.get_json()["quote_id"] == str(cart_id)
    cart = customer.get("/carts/mine").get_json()
    assert (cart["id"], cart["customer_is_guest"], cart["customer"]["id"]) == (cart_id, False, 1)
    assert customer.post("/carts/mine/estimate-shipping-methods", {"address": ADDRESS}).get_json()[0]["amount"] == 5
    assert ship(customer, "/carts/mine").status_code == 200
    totals = customer.get("/carts/mine/totals").get_json()
    assert totals["grand_total"] == pytest.approx(price_of(shop, sku) + 5)
    assert customer.get("/carts/mine/payment-methods").get_json() == [{"code": "checkmo",
                                                                        "title": "Check / Money order"}]
    order_id = customer.post("/carts/mine/payment-information", {"paymentMethod": {"method": "checkmo"},
                                                                 "billingAddress": ADDRESS}).get_json()
    order = shop.get(f"/orders/{order_id}").get_json()
    me = shop.backend.customers.get(1)
    assert (order["customer_id"], order["customer_is_guest"], order["customer_email"], order["customer_group_id"]) == (
        1, 0, me["email"], me["group_id"])
    assert order["quote_id"] == cart_id
    # no active cart any more
    gone = customer.get("/carts/mine/items")
    assert (gone.status_code, gone.get_json()) == (404, {"message": "Current customer does not have an active cart."})
    assert customer.get("/carts/mine").get_json() == {"message": "No such entity with %fieldName = %fieldValue",
                                                      "parameters": {"fieldName": "customerId", "fieldValue": 1}}
    assert customer.post("/carts/mine").get_json() != cart_id


def test_mine_routes_need_a_customer(shop, guest):
    resp = guest.post("/carts/mine")
    assert (resp.status_code, resp.get_json()) == (401, {"message": "The consumer isn't authorized to access %resources.",
                                                         "parameters": {"resources": "self"}})
    assert shop.get("/carts/mine").status_code == 401  # an admin is not a customer


def test_admin_cart_routes(shop, guest):
    sku = salable_simple(shop)
    cart_id = shop.post("/carts/").get_json()
    assert isinstance(cart_id, int)
    assert shop.post(f"/carts/{cart_id}/items", {"cartItem": {"sku": sku, "qty": 2, "quote_id": cart_id}}).status_code == 200
    assert [i["qty"] for i in shop.get(f"/carts/{cart_id}/items").get_json()] == [2]
    for_customer = shop.post("/customers/1/carts").get_json()
    assert shop.get(f"/carts/{for_customer}").get_json()["customer"]["id"] == 1
    assert guest.get(f"/carts/{cart_id}").status_code == 401
    ship(shop, f"/carts/{cart_id}")
    order_id = shop.put(f"/carts/{cart_id}/order", {"paymentMethod": {"method": "checkmo"}}).get_json()
    assert shop.get(f"/orders/{order_id}").get_json()["customer_is_guest"] == 1
    missing = shop.get("/carts/99999")
    assert (missing.status_code, missing.get_json()) == (404, {
        "message": "No such entity with %fieldName = %fieldValue",
        "parameters": {"fieldName": "cartId", "fieldValue": 99999}})
