"""Placing orders through Magento's REST checkout, as a storefront does (guest carts, or a
customer's ``carts/mine`` with a customer token): test data for the emulator and a real sandbox."""
from __future__ import annotations

from typing import Any

import requests

US_ADDRESS = {"region": "Texas", "region_id": 57, "region_code": "TX", "country_id": "US", "street": ["1 Main St"],
              "postcode": "78701", "city": "Austin", "firstname": "Gus", "lastname": "Guest",
              "telephone": "555-0100"}
DE_ADDRESS = {"region": "Berlin", "region_id": 82, "region_code": "BER", "country_id": "DE",
              "street": ["Unter den Linden 1"], "postcode": "10117", "city": "Berlin", "firstname": "Gus",
              "lastname": "Guest", "telephone": "030-555-0100"}


def _call(method: str, url: str, body: Any = None, token: str | None = None) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    answer = requests.request(method, url, json=body, headers=headers, timeout=120)
    assert answer.status_code == 200, f"{method} {url} -> {answer.status_code} {answer.text}"
    return answer.json()


def customer_token(base: str, email: str, password: str, store: str = "default") -> str:
    return str(_call("POST", f"{base}/rest/{store}/V1/integration/customer/token",
                     {"username": email, "password": password}))


def place_order(base: str, lines: list[tuple[str, float]], *, email: str, store: str = "default",
                token: str | None = None, address: dict[str, Any] | None = None) -> int:
    """An order of ``lines`` (sku, qty) in ``store``: a guest order with ``email``, or, with a
    customer ``token``, the customer's own; flat-rate shipping, check/money order."""
    root = f"{base}/rest/{store}/V1"
    address = {**(address or US_ADDRESS), "email": email}
    if token:
        cart, cart_id = f"{root}/carts/mine", _call("POST", f"{root}/carts/mine", token=token)
    else:
        cart_id = _call("POST", f"{root}/guest-carts")
        cart = f"{root}/guest-carts/{cart_id}"
    for sku, qty in lines:
        _call("POST", f"{cart}/items", {"cartItem": {"sku": sku, "qty": qty, "quote_id": cart_id}}, token)
    _call("POST", f"{cart}/shipping-information", {"addressInformation": {
        "shipping_address": address, "billing_address": address,
        "shipping_carrier_code": "flatrate", "shipping_method_code": "flatrate"}}, token)
    payment: dict[str, Any] = {"paymentMethod": {"method": "checkmo"}, "billingAddress": address}
    if not token:
        payment["email"] = email
    return int(_call("POST", f"{cart}/payment-information", payment, token))
