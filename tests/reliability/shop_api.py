"""A small Magento REST client for the reliability tests: raw requests over a real socket, one
``requests.Session`` per thread, every answer kept as (status, body) so a test can count and judge
them (the connector raises on errors; here an unexpected status is data, not an exception)."""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import requests

US_ADDRESS = {"region": "Texas", "region_id": 57, "region_code": "TX", "country_id": "US",
              "street": ["1 Main St"], "postcode": "78701", "city": "Austin", "firstname": "Rel",
              "lastname": "Iability", "telephone": "555-0100", "email": "reliability@example.com"}


@dataclass(frozen=True)
class Answer:
    method: str
    path: str
    status: int
    body: Any

    @property
    def ok(self) -> bool:
        return self.status == 200

    @property
    def message(self) -> str:
        return str(self.body.get("message")) if isinstance(self.body, dict) else str(self.body)[:200]


def admin_token(base: str, username: str, password: str) -> str:
    answer = requests.post(f"{base}/rest/V1/integration/admin/token", timeout=30,
                           json={"username": username, "password": password})
    answer.raise_for_status()
    return str(answer.json())


def search(*filters: tuple[str, Any, str], page_size: int = 300, page: int = 1,
           sort: tuple[str, str] | None = None) -> list[tuple[str, Any]]:
    """searchCriteria query pairs: each filter in its own group (AND)."""
    pairs: list[tuple[str, Any]] = []
    for g, (field, value, condition) in enumerate(filters):
        base = f"searchCriteria[filter_groups][{g}][filters][0]"
        pairs += [(f"{base}[field]", field), (f"{base}[value]", value), (f"{base}[condition_type]", condition)]
    if sort:
        pairs += [("searchCriteria[sortOrders][0][field]", sort[0]),
                  ("searchCriteria[sortOrders][0][direction]", sort[1])]
    pairs += [("searchCriteria[pageSize]", page_size), ("searchCriteria[currentPage]", page)]
    return pairs


class ShopApi:
    """Admin calls with a bearer token; guest checkout without one."""

    def __init__(self, base: str, token: str, timeout: float = 60.0) -> None:
        self.base, self.token, self.timeout = base, token, timeout
        self._local = threading.local()

    @property
    def session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = requests.Session()
        return session

    def call(self, method: str, path: str, body: Any = None, params: Any = None, *, auth: bool = True,
             store: str = "V1") -> Answer:
        prefix = "/rest/V1" if store == "V1" else f"/rest/{store}/V1"
        headers = {"Authorization": f"Bearer {self.token}"} if auth else {}
        response = self.session.request(method, f"{self.base}{prefix}/{path}", json=body, params=params,
                                        headers=headers, timeout=self.timeout)
        try:
            data: Any = response.json()
        except ValueError:
            data = response.text
        return Answer(method, path, response.status_code, data)

    def get(self, path: str, params: Any = None) -> Answer:
        return self.call("GET", path, params=params)

    def all(self, path: str, *filters: tuple[str, Any, str]) -> list[dict[str, Any]]:
        """Every item of a list route, page by page (entity_id order)."""
        items: list[dict[str, Any]] = []
        page = 1
        while True:
            answer = self.get(path, search(*filters, page=page, sort=("entity_id", "ASC")))
            assert answer.ok, f"GET {path}: {answer.status} {answer.body}"
            items += answer.body["items"] or []
            if len(items) >= answer.body["total_count"] or not answer.body["items"]:
                return items
            page += 1

    # -- catalogue and stock ------------------------------------------------------------------------
    def create_product(self, sku: str, *, qty: float, price: float = 10.0) -> Answer:
        answer = self.call("POST", "products", {"product": {
            "sku": sku, "name": f"Reliability {sku}", "attribute_set_id": 4, "price": price, "status": 1,
            "visibility": 4, "type_id": "simple", "weight": 1,
            "extension_attributes": {"website_ids": [1, 2], "stock_item": {"qty": qty, "is_in_stock": True}}}},
            store="all")
        assert answer.ok, f"create {sku}: {answer.status} {answer.body}"
        return answer

    def stock_item(self, sku: str) -> dict[str, Any]:
        answer = self.get(f"stockItems/{quote(sku, safe='')}")
        assert answer.ok, answer
        return dict(answer.body)

    def source_items(self, sku: str) -> list[dict[str, Any]]:
        answer = self.get("inventory/source-items", search(("sku", sku, "eq")))
        assert answer.ok, answer
        return list(answer.body["items"])

    def salable_qty(self, sku: str, stock_id: int = 1) -> float:
        answer = self.get(f"inventory/get-product-salable-quantity/{quote(sku, safe='')}/{stock_id}")
        assert answer.ok, answer
        return float(answer.body)

    # -- checkout -----------------------------------------------------------------------------------
    def guest_order(self, lines: list[tuple[str, float]]) -> tuple[int | None, Answer]:
        """A guest order (flat rate, check/money order); (order id, last answer), id None if refused."""
        cart = self.call("POST", "guest-carts", auth=False, store="default")
        if not cart.ok:
            return None, cart
        root = f"guest-carts/{cart.body}"
        for sku, qty in lines:
            added = self.call("POST", f"{root}/items", {"cartItem": {"sku": sku, "qty": qty, "quote_id": cart.body}},
                              auth=False, store="default")
            if not added.ok:
                return None, added
        shipping = self.call("POST", f"{root}/shipping-information", {"addressInformation": {
            "shipping_address": US_ADDRESS, "billing_address": US_ADDRESS,
            "shipping_carrier_code": "flatrate", "shipping_method_code": "flatrate"}}, auth=False, store="default")
        if not shipping.ok:
            return None, shipping
        placed = self.call("POST", f"{root}/payment-information", {
            "email": US_ADDRESS["email"], "paymentMethod": {"method": "checkmo"}, "billingAddress": US_ADDRESS},
            auth=False, store="default")
        return (int(placed.body) if placed.ok else None), placed
