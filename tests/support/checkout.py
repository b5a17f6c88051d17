"""Checkout test helpers: an address, a salable product of the default profile, carts, shipping."""
from __future__ import annotations

from typing import Any

ADDRESS = {"region": "Texas", "region_id": 57, "region_code": "TX", "country_id": "US", "street": ["1 Main St"],
           "postcode": "78701", "city": "Austin", "firstname": "Gus", "lastname": "Guest", "telephone": "555-0100",
           "email": "gus@example.com"}


def salable_simple(shop: Any, minimum: float = 10, exclude: tuple[str, ...] = ()) -> str:
    """A simple product of website 1 with at least ``minimum`` salable units."""
    backend = shop.backend
    for row in backend.db.query("SELECT sku FROM catalog_product_entity WHERE type_id='simple' ORDER BY entity_id"):
        sku = row["sku"]
        if sku in exclude:
            continue
        product = backend.catalog.get_product(sku, backend.stores.scope_for_store_id(1))
        if product.get("status") == 1 and 1 in product["extension_attributes"]["website_ids"] \
                and backend.inventory.is_salable(sku, minimum, 1) and float(product.get("price") or 0) > 0:
            return sku
    raise AssertionError("no salable simple product")


def price_of(shop: Any, sku: str) -> float:
    return float(shop.backend.catalog.get_product(sku, shop.backend.stores.scope_for_store_id(1))["price"])


def new_guest_cart(guest: Any, *lines: tuple[str, float]) -> str:
    cart_id = guest.post("/guest-carts").get_json()
    for sku, qty in lines:
        resp = guest.post(f"/guest-carts/{cart_id}/items", {"cartItem": {"sku": sku, "qty": qty, "quote_id": cart_id}})
        assert resp.status_code == 200, resp.get_json()
    return cart_id


def ship(client: Any, base: str, carrier: str = "flatrate", method: str = "flatrate",
         address: dict[str, Any] | None = None) -> Any:
    address = address or ADDRESS
    return client.post(f"{base}/shipping-information", {"addressInformation": {
        "shipping_address": address, "billing_address": address, "shipping_carrier_code": carrier,
        "shipping_method_code": method}})
