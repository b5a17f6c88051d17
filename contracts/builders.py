"""Data the scenarios create through the REST API, as any client of a real store would.

Everything is named with the run's prefix and registered in the target's ledger, so the session
removes it afterwards. Orders are placed through the REST checkout (guest cart or customer cart,
flat rate, check / money order), which every Magento install has; they cannot be deleted, so they
are marked: the prefix is in the customer e-mail and in an order comment.
"""
from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Any

from contracts.client import Exchange, MagentoClient
from contracts.target import Target

PASSWORD = "Contract-Kit-Passw0rd"
ADDRESS: dict[str, Any] = {
    "firstname": "Kit", "lastname": "Runner", "street": ["1 Contract Way"], "city": "Austin",
    "region": "Texas", "region_id": 57, "region_code": "TX", "postcode": "78701", "country_id": "US",
    "telephone": "5125550100",
}


def customer_address() -> dict[str, Any]:
    """A customer address: the region is an object there (CustomerAddress RegionInterface)."""
    address = {k: v for k, v in ADDRESS.items() if k not in ("region", "region_code")}
    address["region"] = {"region_code": "TX", "region": "Texas", "region_id": 57}
    return dict(address, default_billing=True, default_shipping=True)


SHIPPING = {"shipping_carrier_code": "flatrate", "shipping_method_code": "flatrate"}
PAYMENT = {"method": "checkmo"}


def ok(answer: Exchange, status: int = 200) -> Any:
    """The body of a successful answer; a scenario step that should not fail says so plainly."""
    assert answer.status == status, f"expected {status}: {answer!r}"
    return answer.body


def product_payload(sku: str, type_id: str = "simple", price: float | None = 10, qty: float | None = 100,
                    **extra: Any) -> dict[str, Any]:
    product: dict[str, Any] = {"sku": sku, "name": f"{sku} name", "type_id": type_id, "attribute_set_id": 4,
                               "status": 1, "visibility": 4}
    if price is not None:
        product["price"] = price
    if type_id in ("simple", "configurable", "bundle"):
        product["weight"] = 1
    stock: dict[str, Any] = {"is_in_stock": True}
    if qty is not None:
        stock["qty"] = qty
    ext = dict(extra.pop("extension_attributes", {}))
    ext.setdefault("stock_item", stock)
    product["extension_attributes"] = ext
    product.update(extra)
    return product


def delete_product(client: MagentoClient, sku: str) -> Any:
    return lambda: client.delete("/V1/products/{sku}", sku=sku)


def create_product(target: Target, what: str, type_id: str = "simple", price: float | None = 10,
                   qty: float | None = 100, **extra: Any) -> dict[str, Any]:
    client = target.client()
    sku = target.unique(what)
    body = ok(client.post("/V1/products", {"product": product_payload(sku, type_id, price, qty, **extra)}))
    target.ledger.add("product", sku, delete_product(client, sku))
    return dict(body)


def create_customer(target: Target, what: str, website_id: int = 1, store_id: int = 1,
                    with_address: bool = True) -> dict[str, Any]:
    client = target.client()
    email = f"{target.unique(what)}@example.com"
    customer: dict[str, Any] = {"email": email, "firstname": "Kit", "lastname": "Customer",
                                "website_id": website_id, "store_id": store_id, "group_id": 1}
    if with_address:
        customer["addresses"] = [customer_address()]
    body = ok(client.post("/V1/customers", {"customer": customer, "password": PASSWORD}))
    customer_id = body["id"]
    target.ledger.add("customer", email, lambda: client.delete("/V1/customers/{id}", id=customer_id))
    return dict(body)


def customer_token(target: Target, email: str, store: str | None = None) -> str:
    token = ok(target.anonymous().post("/V1/integration/customer/token",
                                       {"username": email, "password": PASSWORD}, store=store))
    assert isinstance(token, str)
    return token


def mark_order(target: Target, order_id: int, email: str) -> None:
    """Orders cannot be deleted through REST: leave a comment that names the run."""
    ok(target.client().post("/V1/orders/{id}/comments", {"statusHistory": {
        "comment": f"magento-contracts run {target.prefix}: test order, safe to ignore",
        "is_customer_notified": 0, "is_visible_on_front": 0}}, id=order_id))
    target.ledger.keep("order", f"{order_id} ({email})")


def guest_order(target: Target, items: Sequence[tuple[str, float]], what: str = "guest",
                store: str | None = None, mark: bool = True, email: str | None = None) -> int:
    """Guest checkout: cart, items, shipping information, payment information (places the order)."""
    client = target.anonymous()
    email = email or f"{target.unique(what)}@example.com"
    cart_id = ok(client.post("/V1/guest-carts", store=store))
    for sku, qty in items:
        ok(client.post("/V1/guest-carts/{cartId}/items", {"cartItem": {"sku": sku, "qty": qty, "quote_id": cart_id}},
                       cartId=cart_id, store=store))
    address = dict(ADDRESS, email=email)
    ok(client.post("/V1/guest-carts/{cartId}/shipping-information", {"addressInformation": {
        "shipping_address": address, "billing_address": address, **SHIPPING}}, cartId=cart_id, store=store))
    order_id = int(ok(client.post("/V1/guest-carts/{cartId}/payment-information", {
        "email": email, "paymentMethod": PAYMENT, "billingAddress": address}, cartId=cart_id, store=store)))
    if mark:
        mark_order(target, order_id, email)
    return order_id


def customer_order(target: Target, token: str, email: str, items: Sequence[tuple[str, float]],
                   mark: bool = True) -> int:
    """Customer checkout on /V1/carts/mine with the customer's own token."""
    client = target.anonymous().with_token(token, "customer-token")
    ok(client.post("/V1/carts/mine"))
    for sku, qty in items:
        ok(client.post("/V1/carts/mine/items", {"cartItem": {"sku": sku, "qty": qty}}))
    ok(client.post("/V1/carts/mine/shipping-information", {"addressInformation": {
        "shipping_address": dict(ADDRESS, email=email), "billing_address": dict(ADDRESS, email=email), **SHIPPING}}))
    order_id = int(ok(client.post("/V1/carts/mine/payment-information", {
        "paymentMethod": PAYMENT, "billingAddress": dict(ADDRESS, email=email)})))
    if mark:
        mark_order(target, order_id, email)
    return order_id


def text_file(name: str, text: str) -> dict[str, str]:
    return {"file_data": base64.b64encode(text.encode()).decode(), "name": name}


def search(*filters: tuple[str, Any, str | None], groups: Sequence[Sequence[tuple[str, Any, str | None]]] = (),
           sort: Sequence[tuple[str, str]] = (), page_size: int | None = None,
           current_page: int | None = None) -> list[tuple[str, str]]:
    """searchCriteria query pairs. ``filters`` are ANDed (one group each); ``groups`` are ORed inside."""
    all_groups = [[f] for f in filters] + [list(g) for g in groups]
    pairs: list[tuple[str, str]] = []
    for g, group in enumerate(all_groups):
        for f, (field, value, condition) in enumerate(group):
            base = f"searchCriteria[filter_groups][{g}][filters][{f}]"
            pairs += [(f"{base}[field]", field), (f"{base}[value]", str(value))]
            if condition:
                pairs.append((f"{base}[condition_type]", condition))
    for i, (field, direction) in enumerate(sort):
        pairs += [(f"searchCriteria[sortOrders][{i}][field]", field),
                  (f"searchCriteria[sortOrders][{i}][direction]", direction)]
    if page_size is not None:
        pairs.append(("searchCriteria[pageSize]", str(page_size)))
    if current_page is not None:
        pairs.append(("searchCriteria[currentPage]", str(current_page)))
    return pairs or [("searchCriteria", "")]
