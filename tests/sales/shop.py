"""Products and orders made the way the sandbox runs made them: over REST, as any client would
(POST /V1/products, then the guest checkout with flat rate and check / money order)."""
from __future__ import annotations

from typing import Any

from tests.support import RestClient

ADDRESS = {"firstname": "Kit", "lastname": "Runner", "street": ["1 Contract Way"], "city": "Austin",
           "region": "Texas", "region_id": 57, "region_code": "TX", "postcode": "78701", "country_id": "US",
           "telephone": "5125550100", "email": "kit@example.com"}


def ok(resp: Any) -> Any:
    assert resp.status_code == 200, resp.get_data(as_text=True)
    return resp.get_json()


def create_simple(admin: RestClient, sku: str, price: float) -> str:
    ok(admin.post("/products", {"product": {
        "sku": sku, "name": sku, "type_id": "simple", "attribute_set_id": 4, "status": 1, "visibility": 4,
        "price": price, "weight": 1, "extension_attributes": {"stock_item": {"is_in_stock": True, "qty": 100}}}}))
    return sku


def create_bundle(admin: RestClient, sku: str, selections: list[tuple[str, int]], *, fixed_price: float | None,
                  separately: bool) -> str:
    """One required select option per selection (qty fixed: can_change_quantity 0)."""
    attributes = {"price_type": "1" if fixed_price is not None else "0", "price_view": "0",
                  "shipment_type": "1" if separately else "0", "sku_type": "0", "weight_type": "0"}
    product: dict[str, Any] = {
        "sku": sku, "name": sku, "type_id": "bundle", "attribute_set_id": 4, "status": 1, "visibility": 4,
        "weight": 1, "custom_attributes": [{"attribute_code": k, "value": v} for k, v in attributes.items()],
        "extension_attributes": {"stock_item": {"is_in_stock": True}, "bundle_product_options": [
            {"title": f"opt{n}", "type": "select", "required": True, "position": n, "sku": sku,
             "product_links": [{"sku": child, "qty": qty, "is_default": True, "price": 0, "price_type": 0,
                                "can_change_quantity": 0, "position": 1}]}
            for n, (child, qty) in enumerate(selections, 1)]}}
    if fixed_price is not None:
        product["price"] = fixed_price
    ok(admin.post("/products", {"product": product}))
    return sku


def bundle_line(client: RestClient, sku: str, qty: int) -> dict[str, Any]:
    """A cart item for ``qty`` bundles with every option's default selection."""
    product = ok(client.get(f"/products/{sku}"))
    options = [{"option_id": o["option_id"], "option_qty": o["product_links"][0]["qty"],
                "option_selections": [int(o["product_links"][0]["id"])]}
               for o in product["extension_attributes"]["bundle_product_options"]]
    return {"sku": sku, "qty": qty, "product_option": {"extension_attributes": {"bundle_options": options}}}


def guest_order(client: RestClient, lines: list[tuple[str, int] | dict[str, Any]]) -> int:
    guest = client.with_token(None)
    cart = ok(guest.post("/guest-carts"))
    for line in lines:
        item = dict(line) if isinstance(line, dict) else {"sku": line[0], "qty": line[1]}
        ok(guest.post(f"/guest-carts/{cart}/items", {"cartItem": {**item, "quote_id": cart}}))
    ok(guest.post(f"/guest-carts/{cart}/shipping-information", {"addressInformation": {
        "shipping_address": ADDRESS, "billing_address": ADDRESS, "shipping_carrier_code": "flatrate",
        "shipping_method_code": "flatrate"}}))
    return int(ok(guest.post(f"/guest-carts/{cart}/payment-information", {
        "email": ADDRESS["email"], "paymentMethod": {"method": "checkmo"}, "billingAddress": ADDRESS})))
