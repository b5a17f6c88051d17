"""Placing an order answers the new order's id as a JSON number (2.4.7-p3 sandbox, PHP 8.2: guest
and customer carts, PUT .../order and POST .../payment-information, and the admin's
PUT /V1/carts/{id}/order all answered e.g. ``116``; 2.3 on PHP 7 answered a digit string)."""
from __future__ import annotations

from typing import Any

from tests.support.checkout import ADDRESS, new_guest_cart, salable_simple, ship


def placed(resp: Any) -> int:
    assert resp.status_code == 200, resp.get_data(as_text=True)
    assert resp.get_data(as_text=True).strip().isdigit()  # a bare number, not a quoted string
    order_id = resp.get_json()
    assert type(order_id) is int
    return order_id


def test_every_way_of_placing_answers_an_integer(shop: Any, guest: Any, customer: Any) -> None:
    sku = salable_simple(shop)
    payment = {"paymentMethod": {"method": "checkmo"}}
    ids = []
    cart = new_guest_cart(guest, (sku, 1))
    ship(guest, f"/guest-carts/{cart}")
    ids.append(placed(guest.put(f"/guest-carts/{cart}/order", payment)))
    cart = new_guest_cart(guest, (sku, 1))
    ship(guest, f"/guest-carts/{cart}")
    ids.append(placed(guest.post(f"/guest-carts/{cart}/payment-information",
                                 {**payment, "email": "num@example.com", "billingAddress": ADDRESS})))
    for path, body in (("/carts/mine/order", None), ("/carts/mine/payment-information", {"billingAddress": ADDRESS})):
        cart_id = customer.post("/carts/mine").get_json()
        assert customer.post("/carts/mine/items", {"cartItem": {"sku": sku, "qty": 1}}).status_code == 200
        ship(customer, "/carts/mine")
        call = customer.put if path.endswith("/order") else customer.post
        ids.append(placed(call(path, {**payment, **(body or {})})))
    cart_id = customer.post("/carts/mine").get_json()
    assert customer.post("/carts/mine/items", {"cartItem": {"sku": sku, "qty": 1}}).status_code == 200
    ship(customer, "/carts/mine")
    ids.append(placed(shop.put(f"/carts/{cart_id}/order", payment)))
    for order_id in ids:
        assert shop.get(f"/orders/{order_id}").get_json()["entity_id"] == order_id
    assert len(set(ids)) == 5
