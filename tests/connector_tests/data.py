"""Test data made through the REST API the way a real store makes it, so the same tests run on the
emulator and on a real Magento: uniquely prefixed simple products with stock (POST /V1/products, then
PUT /V1/products/{sku}/stockItems/{itemId}), and guest orders through tests/connector_tests/checkout.py."""
from __future__ import annotations

import itertools
import os
import time
from typing import Any

from connector.client import MagentoClient
from tests.connector_tests.checkout import place_order

_COUNTER = itertools.count(1)


def unique(prefix: str = "cxf") -> str:
    """A SKU no other run or helper uses: process id, time, counter."""
    return f"{prefix}-{os.getpid()}-{int(time.time() * 1000) % 10**9}-{next(_COUNTER)}"


def make_product(client: MagentoClient, sku: str, *, price: float = 10.0, qty: float = 100,
                 name: str | None = None) -> dict[str, Any]:
    """A simple product in every website, in stock (its quantity set through the legacy stock item)."""
    websites = [w["id"] for w in client.stores.websites() if w["id"] != 0]
    product = {"sku": sku, "name": name or f"Connector test {sku}", "attribute_set_id": 4, "price": price,
               "status": 1, "visibility": 4, "type_id": "simple", "weight": 1,
               "extension_attributes": {"website_ids": websites}}
    client.products.create(product, store="all")
    item = client.stock_items.get(sku)
    client.stock_items.update(sku, item.item_id, qty, is_in_stock=True)
    return client.products.get_raw(sku)


def order(client: MagentoClient, lines: dict[str, float], email: str = "fulfilment@example.com") -> int:
    """A guest order for ``{sku: qty}``: flat rate, check/money order (status pending)."""
    return place_order(client.config.url, list(lines.items()), email=email)


def order_with_options(client: MagentoClient, cart_items: list[dict[str, Any]],
                       email: str = "fulfilment@example.com") -> int:
    """A guest order whose cart items carry ``product_option`` (configurable or bundle choices)."""
    from connector.requestor import path
    from tests.connector_tests.checkout import US_ADDRESS

    r = client.requestor
    cart = str(r.post("guest-carts", api="V1"))
    for item in cart_items:
        r.post(path("guest-carts/{}/items", cart), {"cartItem": {**item, "quote_id": cart}}, api="V1")
    address = {**US_ADDRESS, "email": email}
    r.post(path("guest-carts/{}/shipping-information", cart), {"addressInformation": {
        "shipping_address": address, "billing_address": address,
        "shipping_carrier_code": "flatrate", "shipping_method_code": "flatrate"}}, api="V1")
    return int(r.post(path("guest-carts/{}/payment-information", cart), {
        "email": email, "paymentMethod": {"method": "checkmo"}, "billingAddress": address}, api="V1"))
