"""Build a placed order from catalogue products, as checkout would (simple and virtual lines).

Totals follow the offline carriers' defaults: flat rate 5.00 per item (carriers/flatrate,
type I), no tax, no discount. Used by seeding and tests until REST checkout exists.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fake_magento.backend import Backend

FLAT_RATE_PER_ITEM = 5.0


def order_from_lines(backend: Backend, *, store_id: int, lines: list[tuple[str, float]], email: str,
                     address: dict[str, Any], customer: dict[str, Any] | None = None) -> dict[str, Any]:
    scope = backend.stores.scope_for_store_id(store_id)
    store = backend.stores.store(store_id)
    items, subtotal, qty_total, weight = [], 0.0, 0.0, 0.0
    for sku, qty in lines:
        product = backend.catalog.get_product(sku, scope)
        price = float(product.get("price", 0))
        row_total = round(price * qty, 2)
        virtual = product["type_id"] == "virtual"
        items.append({"sku": product["sku"], "name": product.get("name"), "product_id": product["id"],
                      "product_type": product["type_id"], "qty_ordered": float(qty), "price": price,
                      "base_price": price, "original_price": price, "base_original_price": price,
                      "price_incl_tax": price, "base_price_incl_tax": price, "row_total": row_total,
                      "base_row_total": row_total, "row_total_incl_tax": row_total,
                      "base_row_total_incl_tax": row_total, "discount_amount": 0, "discount_percent": 0,
                      "tax_amount": 0, "tax_percent": 0, "weight": float(product.get("weight", 0)),
                      "row_weight": float(product.get("weight", 0)) * qty, "is_virtual": int(virtual),
                      "is_qty_decimal": 0, "free_shipping": 0, "no_discount": 0})
        subtotal += row_total
        weight += float(product.get("weight", 0)) * qty
        if not virtual:
            qty_total += qty
    is_virtual = qty_total == 0
    shipping = 0.0 if is_virtual else FLAT_RATE_PER_ITEM * qty_total
    grand = round(subtotal + shipping, 2)
    currency = store["base_currency_code"]
    order: dict[str, Any] = {
        "store_id": store_id, "store_name": f"{store['name']}", "customer_email": email,
        "customer_is_guest": 0 if customer else 1, "customer_group_id": customer["group_id"] if customer else 0,
        "base_currency_code": currency, "order_currency_code": currency, "store_currency_code": currency,
        "global_currency_code": currency, "base_to_global_rate": 1, "base_to_order_rate": 1,
        "store_to_base_rate": 0, "store_to_order_rate": 0,
        "subtotal": subtotal, "base_subtotal": subtotal, "subtotal_incl_tax": subtotal,
        "base_subtotal_incl_tax": subtotal, "shipping_amount": shipping, "base_shipping_amount": shipping,
        "shipping_incl_tax": shipping, "base_shipping_incl_tax": shipping, "discount_amount": 0,
        "base_discount_amount": 0, "tax_amount": 0, "base_tax_amount": 0, "grand_total": grand,
        "base_grand_total": grand, "total_qty_ordered": sum(q for _, q in lines), "weight": weight,
        "is_virtual": int(is_virtual), "items": items,
        "billing_address": {**address, "email": email},
        "payment": {"method": "checkmo", "additional_information": ["Check / Money order"]},
    }
    if customer:
        order.update({"customer_id": customer["id"], "customer_firstname": customer["firstname"],
                      "customer_lastname": customer["lastname"]})
    else:
        order.update({"customer_firstname": address.get("firstname"), "customer_lastname": address.get("lastname")})
    if not is_virtual:
        order["shipping_description"] = "Flat Rate - Fixed"
        order["shipping"] = {"address": {**address, "email": email}, "method": "flatrate_flatrate"}
    return order


def order_address(customer_address: dict[str, Any]) -> dict[str, Any]:
    """A customer address as an order address (sales-data-order-address-interface keys)."""
    region = customer_address.get("region") or {}
    return {"city": customer_address.get("city"), "country_id": customer_address.get("country_id"),
            "firstname": customer_address.get("firstname"), "lastname": customer_address.get("lastname"),
            "postcode": customer_address.get("postcode"), "region": region.get("region"),
            "region_code": region.get("region_code"), "region_id": region.get("region_id"),
            "street": customer_address.get("street", []), "telephone": customer_address.get("telephone")}
