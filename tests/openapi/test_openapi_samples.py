"""Success-path samples: one realistic call per operation, checked against the contract.

Generated inputs mostly end in 400/404, so the 200 response schemas are exercised here, with
ids taken from the seeded `default` profile. Each sample must answer 2xx and pass the same
four checks as the schemathesis run. A sample whose data does not exist yet (e.g. no product
seeded) is skipped. Add a sample when you add a route.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import quote

import pytest
import schemathesis
from tests.openapi.openapi_support import load_spec, raw_uri_app
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.support import admin_token, make_app

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
SPEC = load_spec()
SCHEMA = schemathesis.openapi.from_dict(SPEC, config=SchemathesisConfig.from_dict({}))
SC = "searchCriteria"


class Data:
    """The module's app plus look-ups of seeded ids through the REST API itself."""

    def __init__(self) -> None:
        self.app = make_app(profile="default")
        self.wsgi = raw_uri_app(self.app)
        self.backend = self.app.extensions["fake_magento"]
        self.client = self.app.test_client()
        self.credentials = dict(self.backend.db.get_meta("credentials"))
        self.token = admin_token(self.client, self.backend)
        self.clean: tuple[Any, ...] | None = None  # the change token right after the last reset

    def reset(self) -> None:
        """The seeded state (and a fresh admin token), unless nothing was written since the last reset:
        the database's change token (storage/db.py: every commit, rollback or restore moves it) has not
        moved after a sample that only read, and a reset would restore the very rows already there."""
        if self.clean is not None and self.backend.db.change_token() == self.clean:
            return
        self.backend.reset()
        self.token = admin_token(self.client, self.backend)
        self.clean = self.backend.db.change_token()

    def call(self, method: str, path: str, body: Any = None, token: str | None = None) -> Any:
        headers = {"Authorization": f"Bearer {token or self.token}"}
        resp = self.client.open("/rest/default" + path, method=method, headers=headers,
                                data=None if body is None else json.dumps(body),
                                content_type="application/json")
        return resp.status_code, resp.get_json(silent=True)

    def get(self, path: str) -> Any:
        status, data = self.call("GET", path)
        return data if status == 200 else None

    def sku(self) -> str:
        data = self.get(f"/V1/products?{SC}[pageSize]=1")
        if not data or not data.get("items"):
            pytest.skip("no product seeded (or no products route yet)")
        return str(data["items"][0]["sku"])

    def leaf_category(self) -> int:
        data = self.get(f"/V1/categories/list?{SC}[filterGroups][0][filters][0][field]=level"
                        f"&{SC}[filterGroups][0][filters][0][value]=2"
                        f"&{SC}[filterGroups][0][filters][0][conditionType]=gteq")
        leaves = [c for c in (data or {}).get("items", []) if c.get("children") == ""]
        if not leaves:
            pytest.skip("no leaf category seeded")
        return int(leaves[-1]["id"])

    def customer_token(self) -> str:
        status, token = self.call("POST", "/V1/integration/customer/token",
                                  {"username": self.credentials["customer_email"],
                                   "password": self.credentials["customer_password"]})
        if status != 200:
            pytest.skip("no customer token")
        return str(token)

    def bulk_uuid(self) -> str:
        resp = self.client.post("/rest/default/async/bulk/V1/inventory/stocks",
                                headers={"Authorization": f"Bearer {self.token}"},
                                json=[{"stock": {"name": "Bulk sample stock"}}])
        if resp.status_code != 202:
            pytest.skip(f"async bulk scheduling answered {resp.status_code}")
        return str(resp.get_json()["bulk_uuid"])


# A sample: (method, spec path) -> function(Data) -> dict of Case kwargs
# (path_parameters, query, body) and optionally "token".
Sample = Callable[[Data], dict[str, Any]]
SAMPLES: dict[tuple[str, str], Sample] = {
    # store
    ("GET", "/V1/store/websites"): lambda d: {},
    ("GET", "/V1/store/storeGroups"): lambda d: {},
    ("GET", "/V1/store/storeViews"): lambda d: {},
    ("GET", "/V1/store/storeConfigs"): lambda d: {"query": {"storeCodes[]": "default"}},
    # tokens
    ("POST", "/V1/integration/admin/token"): lambda d: {"body": {
        "username": d.credentials["admin_username"], "password": d.credentials["admin_password"]}},
    ("POST", "/V1/integration/customer/token"): lambda d: {"body": {
        "username": d.credentials["customer_email"], "password": d.credentials["customer_password"]}},
    # categories
    ("GET", "/V1/categories"): lambda d: {"query": {"rootCategoryId": 2, "depth": 2}},
    ("GET", "/V1/categories/list"): lambda d: {"query": {f"{SC}[pageSize]": 5, f"{SC}[currentPage]": 1}},
    ("GET", "/V1/categories/{categoryId}"): lambda d: {"path_parameters": {"categoryId": d.leaf_category()}},
    ("POST", "/V1/categories"): lambda d: {"body": {"category": {
        "name": "Contract sample", "parent_id": 2, "is_active": True, "include_in_menu": True}}},
    ("PUT", "/V1/categories/{id}"): lambda d: {"path_parameters": {"id": d.leaf_category()},
                                              "body": {"category": {"name": "Renamed by sample"}}},
    ("DELETE", "/V1/categories/{categoryId}"): lambda d: {"path_parameters": {"categoryId": d.leaf_category()}},
    ("PUT", "/V1/categories/{categoryId}/move"): lambda d: {"path_parameters": {"categoryId": d.leaf_category()},
                                                           "body": {"parentId": 2}},
    ("GET", "/V1/categories/{categoryId}/products"): lambda d: {"path_parameters": {"categoryId": d.leaf_category()}},
    ("POST", "/V1/categories/{categoryId}/products"): lambda d: {
        "path_parameters": {"categoryId": d.leaf_category()},
        "body": {"productLink": {"sku": d.sku(), "position": 1, "category_id": str(d.leaf_category())}}},
    ("PUT", "/V1/categories/{categoryId}/products"): lambda d: {
        "path_parameters": {"categoryId": d.leaf_category()},
        "body": {"productLink": {"sku": d.sku(), "position": 2, "category_id": str(d.leaf_category())}}},
    ("DELETE", "/V1/categories/{categoryId}/products/{sku}"): lambda d: d.linked_product(),
    # customers
    ("GET", "/V1/customers/search"): lambda d: {"query": {f"{SC}[pageSize]": 3}},
    ("GET", "/V1/customers/{customerId}"): lambda d: {"path_parameters": {"customerId": 1}},
    ("GET", "/V1/customers/me"): lambda d: {"token": d.customer_token()},
    ("POST", "/V1/customers/isEmailAvailable"): lambda d: {"body": {"customerEmail": "nobody@example.com"}},
    # MSI
    ("GET", "/V1/inventory/sources"): lambda d: {"query": {f"{SC}[pageSize]": 5}},
    ("GET", "/V1/inventory/sources/{sourceCode}"): lambda d: {"path_parameters": {"sourceCode": "default"}},
    ("POST", "/V1/inventory/sources"): lambda d: {"body": {"source": {
        "source_code": "contract_sample", "name": "Contract sample", "enabled": True,
        "country_id": "US", "postcode": "12345"}}},
    ("PUT", "/V1/inventory/sources/{sourceCode}"): lambda d: {
        "path_parameters": {"sourceCode": "default"},
        "body": {"source": {"source_code": "default", "name": "Default Source", "enabled": True,
                            "country_id": "US", "postcode": "00000"}}},
    ("GET", "/V1/inventory/stocks"): lambda d: {"query": {SC: ""}},
    ("GET", "/V1/inventory/stocks/{stockId}"): lambda d: {"path_parameters": {"stockId": 1}},
    ("POST", "/V1/inventory/stocks"): lambda d: {"body": {"stock": {"name": "Contract sample stock"}}},
    ("PUT", "/V1/inventory/stocks/{stockId}"): lambda d: {"path_parameters": {"stockId": 2},
                                                         "body": {"stock": {"stock_id": 2, "name": "EU Stock"}}},
    ("DELETE", "/V1/inventory/stocks/{stockId}"): lambda d: {"path_parameters": {"stockId": d.unassigned_stock()}},
    ("GET", "/V1/inventory/stock-resolver/{type}/{code}"): lambda d: {
        "path_parameters": {"type": "website", "code": "base"}},
    ("GET", "/V1/inventory/stock-source-links"): lambda d: {"query": {SC: ""}},
    ("POST", "/V1/inventory/stock-source-links"): lambda d: {"body": {"links": [
        {"stock_id": 2, "source_code": "us_east", "priority": 2}]}},
    ("POST", "/V1/inventory/stock-source-links-delete"): lambda d: {"body": {"links": [
        {"stock_id": 2, "source_code": "eu_warehouse"}]}},
    ("GET", "/V1/inventory/source-items"): lambda d: {"query": {f"{SC}[pageSize]": 5}},
    ("POST", "/V1/inventory/source-items"): lambda d: {"body": {"sourceItems": [
        {"sku": d.sku(), "source_code": "default", "quantity": 7, "status": 1}]}},
    ("POST", "/V1/inventory/source-items-delete"): lambda d: {"body": {"sourceItems": [
        {"sku": d.sku(), "source_code": "default"}]}},
    ("GET", "/V1/inventory/get-product-salable-quantity/{sku}/{stockId}"): lambda d: {
        "path_parameters": {"sku": d.sku(), "stockId": 1}},
    ("GET", "/V1/inventory/is-product-salable/{sku}/{stockId}"): lambda d: {
        "path_parameters": {"sku": d.sku(), "stockId": 1}},
    # legacy CatalogInventory
    ("GET", "/V1/stockItems/{productSku}"): lambda d: {"path_parameters": {"productSku": d.sku()}},
    ("GET", "/V1/stockStatuses/{productSku}"): lambda d: {"path_parameters": {"productSku": d.sku()}},
    ("GET", "/V1/stockItems/lowStock"): lambda d: {"query": {"scopeId": 0, "qty": 100, "pageSize": 10}},
    ("PUT", "/V1/products/{productSku}/stockItems/{itemId}"): lambda d: d.stock_item_update(),
    # bulk
    ("GET", "/V1/bulk"): lambda d: {"query": {SC: ""}},
    ("GET", "/V1/bulk/{bulkUuid}/status"): lambda d: {"path_parameters": {"bulkUuid": d.bulk_uuid()}},
    ("GET", "/V1/bulk/{bulkUuid}/detailed-status"): lambda d: {"path_parameters": {"bulkUuid": d.bulk_uuid()}},
    ("GET", "/V1/bulk/{bulkUuid}/operation-status/{status}"): lambda d: {
        "path_parameters": {"bulkUuid": d.bulk_uuid(), "status": 4}},
}


def _unassigned_stock(d: Data) -> int:
    status, stock_id = d.call("POST", "/V1/inventory/stocks", {"stock": {"name": "To delete"}})
    assert status == 200, stock_id
    return int(stock_id)


def _stock_item_update(d: Data) -> dict[str, Any]:
    sku = d.sku()
    item = d.get(f"/V1/stockItems/{sku}")
    if not item:
        pytest.skip(f"no stock item for {sku}")
    return {"path_parameters": {"productSku": sku, "itemId": item["item_id"]},
            "body": {"stockItem": {"qty": 11, "is_in_stock": True}}}


def _linked_product(d: Data) -> dict[str, Any]:
    category_id, sku = d.leaf_category(), d.sku()
    status, body = d.call("POST", f"/V1/categories/{category_id}/products",
                          {"productLink": {"sku": sku, "position": 1, "category_id": str(category_id)}})
    assert status == 200, body
    return {"path_parameters": {"categoryId": category_id, "sku": sku}}


Data.linked_product = _linked_product  # type: ignore[attr-defined]
Data.unassigned_stock = _unassigned_stock  # type: ignore[attr-defined]
Data.stock_item_update = _stock_item_update  # type: ignore[attr-defined]


def _group_tier(d: Data) -> dict[str, Any]:
    sku = d.sku()
    status, _ = d.call("POST", f"/V1/products/{quote(sku, safe='')}/group-prices/1/tiers/5/price/3")
    assert status == 200
    return {"path_parameters": {"sku": sku, "customerGroupId": "1", "qty": 5}}


Data.group_tier = _group_tier  # type: ignore[attr-defined]


_TIER = {"price": 10, "price_type": "fixed", "website_id": 0, "customer_group": "General", "quantity": 3}
_SPECIAL = {"price": 9.5, "store_id": 0, "price_from": "2026-01-01 00:00:00", "price_to": "2026-02-01 00:00:00"}
SAMPLES.update({
    # products
    ("GET", "/V1/products"): lambda d: {"query": {f"{SC}[pageSize]": 3, f"{SC}[currentPage]": 1}},
    ("GET", "/V1/products/types"): lambda d: {},
    ("GET", "/V1/products/{sku}"): lambda d: {"path_parameters": {"sku": d.sku()}},
    ("POST", "/V1/products"): lambda d: {"body": {"product": {
        "sku": "Contract sample", "name": "Contract sample", "price": 5, "type_id": "simple",
        "attribute_set_id": 4, "custom_attributes": [{"attribute_code": "color", "value": "49"}]}}},
    ("PUT", "/V1/products/{sku}"): lambda d: {"path_parameters": {"sku": d.sku()},
                                              "body": {"product": {"name": "Renamed", "price": 7}}},
    ("DELETE", "/V1/products/{sku}"): lambda d: {"path_parameters": {"sku": d.sku()}},
    ("GET", "/V1/products/attributes/{attributeCode}"): lambda d: {"path_parameters": {"attributeCode": "color"}},
    ("GET", "/V1/products/attributes/{attributeCode}/options"): lambda d: {
        "path_parameters": {"attributeCode": "color"}},
    # prices
    ("POST", "/V1/products/base-prices"): lambda d: {"body": {"prices": [
        {"price": 12, "store_id": 0, "sku": d.sku()}, {"price": -1, "store_id": 0, "sku": "missing"}]}},
    ("POST", "/V1/products/base-prices-information"): lambda d: {"body": {"skus": [d.sku()]}},
    ("POST", "/V1/products/special-price"): lambda d: {"body": {"prices": [{**_SPECIAL, "sku": d.sku()}]}},
    ("POST", "/V1/products/special-price-information"): lambda d: {"body": {"skus": [d.sku()]}},
    ("POST", "/V1/products/special-price-delete"): lambda d: {"body": {"prices": [{**_SPECIAL, "sku": d.sku()}]}},
    ("POST", "/V1/products/tier-prices"): lambda d: {"body": {"prices": [{**_TIER, "sku": d.sku()}]}},
    ("PUT", "/V1/products/tier-prices"): lambda d: {"body": {"prices": [{**_TIER, "sku": d.sku()}]}},
    ("POST", "/V1/products/tier-prices-information"): lambda d: {"body": {"skus": [d.sku()]}},
    ("POST", "/V1/products/tier-prices-delete"): lambda d: {"body": {"prices": [{**_TIER, "sku": d.sku()}]}},
    ("GET", "/V1/products/{sku}/group-prices/{customerGroupId}/tiers"): lambda d: {
        "path_parameters": {"sku": d.sku(), "customerGroupId": "all"}},
    ("POST", "/V1/products/{sku}/group-prices/{customerGroupId}/tiers/{qty}/price/{price}"): lambda d: {
        "path_parameters": {"sku": d.sku(), "customerGroupId": "1", "qty": 5, "price": 3}},
    ("DELETE", "/V1/products/{sku}/group-prices/{customerGroupId}/tiers/{qty}"): lambda d: d.group_tier(),
    # attribute sets, attributes, options
    ("GET", "/V1/products/attribute-sets/sets/list"): lambda d: {"query": {f"{SC}[pageSize]": 5}},
    ("GET", "/V1/products/attribute-sets/{attributeSetId}"): lambda d: {"path_parameters": {"attributeSetId": 4}},
    ("GET", "/V1/products/attribute-sets/{attributeSetId}/attributes"): lambda d: {
        "path_parameters": {"attributeSetId": 4}},
    ("GET", "/V1/products/attribute-sets/groups/list"): lambda d: {"query": {
        f"{SC}[filter_groups][0][filters][0][field]": "attribute_set_id", f"{SC}[filter_groups][0][filters][0][value]": 4}},
    ("POST", "/V1/products/attribute-sets/attributes"): lambda d: {"body": {
        "attributeSetId": 4, "attributeGroupId": 7, "attributeCode": "color", "sortOrder": 10}},
    ("DELETE", "/V1/products/attribute-sets/{attributeSetId}/attributes/{attributeCode}"): lambda d: {
        "path_parameters": {"attributeSetId": "9", "attributeCode": "manufacturer"}},
    ("GET", "/V1/products/attributes"): lambda d: {"query": {f"{SC}[pageSize]": 5}},
    ("POST", "/V1/products/attributes/{attributeCode}/options"): lambda d: {
        "path_parameters": {"attributeCode": "color"}, "body": {"option": {"label": "Contract teal"}}},
    ("DELETE", "/V1/products/attributes/{attributeCode}/options/{optionId}"): lambda d: {
        "path_parameters": {"attributeCode": "color", "optionId": "49"}},
    # orders
    ("GET", "/V1/orders"): lambda d: {"query": {f"{SC}[pageSize]": 3}},
    ("GET", "/V1/orders/{id}"): lambda d: {"path_parameters": {"id": 1}},
    ("GET", "/V1/orders/items"): lambda d: {"query": {f"{SC}[pageSize]": 3}},
    ("GET", "/V1/orders/items/{id}"): lambda d: {"path_parameters": {"id": 1}},
    ("GET", "/V1/orders/{id}/statuses"): lambda d: {"path_parameters": {"id": 1}},
    ("GET", "/V1/orders/{id}/comments"): lambda d: {"path_parameters": {"id": 1}},
    ("POST", "/V1/orders/{id}/comments"): lambda d: {"path_parameters": {"id": 1}, "body": {"statusHistory": {
        "comment": "Contract sample", "is_customer_notified": 0, "is_visible_on_front": 0, "status": "pending"}}},
    ("POST", "/V1/orders/{id}/cancel"): lambda d: {"path_parameters": {"id": 1}},
    ("POST", "/V1/orders/{id}/hold"): lambda d: {"path_parameters": {"id": 1}},
    ("POST", "/V1/orders/{id}/unhold"): lambda d: {"path_parameters": {"id": d.held_order()}},
    ("POST", "/V1/orders/{id}/emails"): lambda d: {"path_parameters": {"id": 1}},
    ("POST", "/V1/order/{orderId}/invoice"): lambda d: {"path_parameters": {"orderId": 1},
                                                       "body": {"capture": True, "notify": False}},
    ("POST", "/V1/order/{orderId}/ship"): lambda d: {"path_parameters": {"orderId": 1}, "body": {
        "tracks": [{"track_number": "1Z999", "title": "UPS", "carrier_code": "ups"}]}},
    ("GET", "/V1/invoices"): lambda d: {"query": {f"{SC}[pageSize]": 3}},
    ("GET", "/V1/invoices/{id}"): lambda d: {"path_parameters": {"id": d.document("invoice")}},
    ("GET", "/V1/shipments"): lambda d: {"query": {f"{SC}[pageSize]": 3}},
    ("GET", "/V1/shipment/{id}"): lambda d: {"path_parameters": {"id": d.document("ship")}},
    ("POST", "/V1/order/{orderId}/refund"): lambda d: {"path_parameters": {"orderId": d.invoiced_order()},
                                                      "body": {"arguments": {"shipping_amount": 0}}},
    ("GET", "/V1/creditmemos"): lambda d: {"query": {f"{SC}[pageSize]": 3}},
    # customer checkout (customer token)
    ("POST", "/V1/carts/mine"): lambda d: {"token": d.customer_token()},
    ("GET", "/V1/carts/mine"): lambda d: {"token": d.mine_cart()},
    ("GET", "/V1/carts/mine/items"): lambda d: {"token": d.mine_cart()},
    ("POST", "/V1/carts/mine/items"): lambda d: {"token": d.mine_cart(False), "body": {
        "cartItem": {"sku": d.sku(), "qty": 1, "quote_id": "1"}}},
    ("POST", "/V1/carts/mine/estimate-shipping-methods"): lambda d: {"token": d.mine_cart(),
                                                                     "body": {"address": _ADDRESS}},
    ("POST", "/V1/carts/mine/shipping-information"): lambda d: {"token": d.mine_cart(), "body": {
        "addressInformation": {"shipping_address": _ADDRESS, "billing_address": _ADDRESS,
                               "shipping_carrier_code": "flatrate", "shipping_method_code": "flatrate"}}},
    ("GET", "/V1/carts/mine/payment-methods"): lambda d: {"token": d.mine_cart()},
    ("GET", "/V1/carts/mine/totals"): lambda d: {"token": d.mine_cart()},
    ("POST", "/V1/carts/mine/payment-information"): lambda d: {"token": d.mine_cart(shipping=True),
                                                               "body": {"paymentMethod": {"method": "checkmo"}}},
    # guest checkout
    ("POST", "/V1/guest-carts"): lambda d: {},
    ("GET", "/V1/guest-carts/{cartId}"): lambda d: {"path_parameters": {"cartId": d.guest_cart()}},
    ("GET", "/V1/guest-carts/{cartId}/items"): lambda d: {"path_parameters": {"cartId": d.guest_cart()}},
    ("POST", "/V1/guest-carts/{cartId}/items"): lambda d: {"path_parameters": {"cartId": d.guest_cart(False)},
                                                          "body": {"cartItem": {"sku": d.sku(), "qty": 1,
                                                                                "quote_id": "x"}}},
    ("POST", "/V1/guest-carts/{cartId}/estimate-shipping-methods"): lambda d: {
        "path_parameters": {"cartId": d.guest_cart()}, "body": {"address": _ADDRESS}},
    ("POST", "/V1/guest-carts/{cartId}/shipping-information"): lambda d: {
        "path_parameters": {"cartId": d.guest_cart()}, "body": {"addressInformation": {
            "shipping_address": _ADDRESS, "billing_address": _ADDRESS, "shipping_carrier_code": "flatrate",
            "shipping_method_code": "flatrate"}}},
    ("GET", "/V1/guest-carts/{cartId}/payment-methods"): lambda d: {"path_parameters": {"cartId": d.guest_cart()}},
    ("GET", "/V1/guest-carts/{cartId}/totals"): lambda d: {"path_parameters": {"cartId": d.guest_cart()}},
    ("POST", "/V1/guest-carts/{cartId}/payment-information"): lambda d: {
        "path_parameters": {"cartId": d.guest_cart(shipping=True)},
        "body": {"email": "guest@example.com", "paymentMethod": {"method": "checkmo"}, "billingAddress": _ADDRESS}},
    ("GET", "/V1/invoices/{id}/comments"): lambda d: {"path_parameters": {"id": d.document("invoice")}},
    ("POST", "/V1/invoices/comments"): lambda d: {"body": {"entity": {
        "comment": "sample", "is_customer_notified": 0, "is_visible_on_front": 0, "parent_id": d.document("invoice")}}},
    ("GET", "/V1/shipment/{id}/comments"): lambda d: {"path_parameters": {"id": d.document("ship")}},
    ("POST", "/V1/shipment/{id}/comments"): lambda d: {"path_parameters": {"id": d.document("ship")}, "body": {
        "entity": {"comment": "sample", "is_customer_notified": 0, "is_visible_on_front": 0, "parent_id": 0}}},
    ("GET", "/V1/creditmemo/{id}/comments"): lambda d: {"path_parameters": {"id": d.creditmemo()}},
    ("POST", "/V1/creditmemo/{id}/comments"): lambda d: {"path_parameters": {"id": d.creditmemo()}, "body": {
        "entity": {"comment": "sample", "is_customer_notified": 0, "is_visible_on_front": 0, "parent_id": 0}}},
    ("POST", "/V1/invoice/{invoiceId}/refund"): lambda d: {"path_parameters": {"invoiceId": d.document("invoice")},
                                                          "body": {"arguments": {"shipping_amount": 0}}},
    ("POST", "/V1/shipment/track"): lambda d: {"body": {"entity": {
        "order_id": 1, "parent_id": d.document("ship"), "weight": 0, "qty": 1, "description": "sample",
        "track_number": "XYZ", "title": "Your shipment", "carrier_code": "tablerate"}}},
    ("DELETE", "/V1/shipment/track/{id}"): lambda d: {"path_parameters": {"id": 1}},
    ("GET", "/V1/creditmemo/{id}"): lambda d: {"path_parameters": {"id": d.creditmemo()}},
    ("POST", "/V1/invoices/{id}/emails"): lambda d: {"path_parameters": {"id": d.document("invoice")}},
    ("POST", "/V1/shipment/{id}/emails"): lambda d: {"path_parameters": {"id": d.document("ship")}},
    ("GET", "/V1/shipment/{id}/label"): lambda d: {"path_parameters": {"id": d.document("ship")}},
    ("POST", "/V1/creditmemo/{id}/emails"): lambda d: {"path_parameters": {"id": d.creditmemo()}},
    ("POST", "/V1/orders"): lambda d: {"body": {"entity": {"entity_id": 1, "state": "canceled",
                                                           "status": "canceled"}}},
    ("PUT", "/V1/orders/create"): lambda d: {"body": {"entity": {
        "customer_email": "new@example.com", "base_grand_total": 10, "grand_total": 10, "is_virtual": 0,
        "items": [{"sku": "sku-1", "price": 10, "qty_ordered": 1}], "billing_address": {
            **_ADDRESS, "address_type": "billing"}, "payment": {"method": "checkmo"}}}},
    ("PUT", "/V1/orders/{parent_id}"): lambda d: {"path_parameters": {"parent_id": 1}, "body": {"entity": {
        **_ADDRESS, "address_type": "billing", "parent_id": 1, "entity_id": 1}}},
    ("POST", "/V1/invoices"): lambda d: {"body": {"entity": {
        "order_id": d.invoiced_order(), "total_qty": 1, "items": [{"order_item_id": 1, "qty": 1, "sku": "s"}]}}},
    ("POST", "/V1/shipment"): lambda d: {"body": {"entity": {
        "order_id": 1, "items": [{"order_item_id": 1, "qty": 1}],
        "tracks": [{"order_id": 1, "carrier_code": "ups", "title": "UPS", "track_number": "1Z"}]}}},
    ("GET", "/V1/inventory/get-sources-assigned-to-stock-ordered-by-priority/{stockId}"): lambda d: {
        "path_parameters": {"stockId": 1}},
    ("POST", "/V1/creditmemo"): lambda d: {"body": {"entity": {
        "order_id": d.invoiced_order(), "items": [{"order_item_id": 1, "qty": 1}]}}},
    ("POST", "/V1/creditmemo/refund"): lambda d: {"body": {"creditmemo": {
        "order_id": d.invoiced_order(), "items": [], "base_shipping_amount": 0, "adjustment_positive": 1},
        "offline_requested": True}},
})


_ADDRESS = {"region": "Texas", "region_id": 57, "region_code": "TX", "country_id": "US", "street": ["1 Main St"],
            "postcode": "78701", "city": "Austin", "firstname": "Gus", "lastname": "Guest", "telephone": "555-0100",
            "email": "guest@example.com"}


def _guest_cart(self: Data, with_item: bool = True, shipping: bool = False) -> str:
    status, cart_id = self.call("POST", "/V1/guest-carts", None)
    assert status == 200, cart_id
    if with_item:
        for product in self.get(f"/V1/products?{SC}[pageSize]=30")["items"]:
            stock = product["extension_attributes"].get("stock_item", {})
            if product["type_id"] == "simple" and stock.get("qty", 0) >= 5:
                status, body = self.call("POST", f"/V1/guest-carts/{cart_id}/items",
                                         {"cartItem": {"sku": product["sku"], "qty": 1, "quote_id": cart_id}})
                assert status == 200, body
                break
    if shipping:
        status, body = self.call("POST", f"/V1/guest-carts/{cart_id}/shipping-information", {"addressInformation": {
            "shipping_address": _ADDRESS, "billing_address": _ADDRESS, "shipping_carrier_code": "flatrate",
            "shipping_method_code": "flatrate"}})
        assert status == 200, body
    return str(cart_id)


Data.guest_cart = _guest_cart  # type: ignore[attr-defined]


def _mine_cart(self: Data, with_item: bool = True, shipping: bool = False) -> str:
    """Give the seeded customer an active cart; returns the customer token."""
    token = self.customer_token()
    status, quote_id = self.call("POST", "/V1/carts/mine", None, token=token)
    assert status == 200, quote_id
    if with_item:
        for product in self.get(f"/V1/products?{SC}[pageSize]=30")["items"]:
            if product["type_id"] == "simple" and product["extension_attributes"].get("stock_item", {}).get(
                    "qty", 0) >= 5:
                status, body = self.call("POST", "/V1/carts/mine/items", {"cartItem": {
                    "sku": product["sku"], "qty": 1, "quote_id": quote_id}}, token=token)
                assert status == 200, body
                break
    if shipping:
        status, body = self.call("POST", "/V1/carts/mine/shipping-information", {"addressInformation": {
            "shipping_address": _ADDRESS, "billing_address": _ADDRESS, "shipping_carrier_code": "flatrate",
            "shipping_method_code": "flatrate"}}, token=token)
        assert status == 200, body
    return token


Data.mine_cart = _mine_cart  # type: ignore[attr-defined]


def _invoiced_order(self: Data) -> int:
    self.document("invoice")
    return 1


def _creditmemo(self: Data) -> int:
    self.document("invoice")
    status, body = self.call("POST", "/V1/order/1/refund", {})
    assert status == 200, body
    return int(body)


Data.invoiced_order = _invoiced_order  # type: ignore[attr-defined]
Data.creditmemo = _creditmemo  # type: ignore[attr-defined]


def _document(self: Data, kind: str) -> int:
    status, body = self.call("POST", f"/V1/order/1/{kind}", {})
    assert status == 200, body
    return int(body)


Data.document = _document  # type: ignore[attr-defined]


def _held_order(self: Data) -> int:
    for order in self.get(f"/V1/orders?{SC}[pageSize]=50")["items"]:
        if order["state"] in ("new", "processing"):
            status, body = self.call("POST", f"/V1/orders/{order['entity_id']}/hold", None)
            assert status == 200, body
            return int(order["entity_id"])
    pytest.skip("no order that can be held")


Data.held_order = _held_order  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def data() -> Iterator[Data]:
    d = Data()
    yield d
    d.backend.close()


SPEC_OPERATIONS = sorted((m.upper(), p) for p, item in SPEC["paths"].items() for m in item)


@pytest.mark.parametrize(("method", "path"), SPEC_OPERATIONS, ids=[f"{m} {p}" for m, p in SPEC_OPERATIONS])
def test_sample_call_conforms(method: str, path: str, data: Data) -> None:
    sample = SAMPLES.get((method, path))
    if sample is None:
        pytest.skip("no success sample for this operation yet: add one to SAMPLES")
    data.reset()
    kwargs = dict(sample(data))
    token = kwargs.pop("token", None) or data.token
    operation = SCHEMA[path][method]
    if "body" in kwargs:
        kwargs["media_type"] = "application/json"
    case = operation.Case(**kwargs)
    response = case.call_and_validate(app=data.wsgi, headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
    expected = NO_SUCCESS_PATH.get((method, path))
    if expected:
        assert (response.status_code, json.loads(response.text).get("message")) == expected, response.text
    else:
        assert 200 <= response.status_code < 300, response.text


def test_samples_name_spec_operations() -> None:
    assert set(SAMPLES) - set(SPEC_OPERATIONS) == set()


# product types (configurable MH01 and its children, product links; seeded by seed/catalog.py)
_OPTION = {"attribute_id": "77", "label": "Color", "position": 0, "values": [{"value_index": 49}]}
SAMPLES.update({
    ("GET", "/V1/configurable-products/{sku}/children"): lambda d: {"path_parameters": {"sku": "MH01"}},
    ("POST", "/V1/configurable-products/{sku}/child"): lambda d: {
        "path_parameters": {"sku": "MH01"}, "body": {"childSku": d.unlink_child()}},
    ("DELETE", "/V1/configurable-products/{sku}/children/{childSku}"): lambda d: {
        "path_parameters": {"sku": "MH01", "childSku": "MH01-S-Black"}},
    ("GET", "/V1/configurable-products/{sku}/options/all"): lambda d: {"path_parameters": {"sku": "MH01"}},
    ("GET", "/V1/configurable-products/{sku}/options/{id}"): lambda d: {
        "path_parameters": {"sku": "MH01", "id": d.configurable_option()}},
    ("POST", "/V1/configurable-products/{sku}/options"): lambda d: {
        "path_parameters": {"sku": "MH01"}, "body": {"option": _OPTION}},
    ("PUT", "/V1/configurable-products/{sku}/options/{id}"): lambda d: {
        "path_parameters": {"sku": "MH01", "id": d.configurable_option()}, "body": {"option": {"label": "Shade"}}},
    ("DELETE", "/V1/configurable-products/{sku}/options/{id}"): lambda d: {
        "path_parameters": {"sku": "MH01", "id": d.configurable_option()}},
    ("GET", "/V1/products/links/types"): lambda d: {},
    ("GET", "/V1/products/{sku}/links/{type}"): lambda d: {"path_parameters": {"sku": "MH01", "type": "related"}},
    ("POST", "/V1/products/{sku}/links"): lambda d: {"path_parameters": {"sku": "MH01"}, "body": {"items": [
        {"sku": "MH01", "link_type": "upsell", "linked_product_sku": d.sku(), "position": 2}]}},
    ("PUT", "/V1/products/{sku}/links"): lambda d: {"path_parameters": {"sku": "MH01"}, "body": {"entity": {
        "sku": "MH01", "link_type": "related", "linked_product_sku": d.sku(), "position": 3}}},
    ("DELETE", "/V1/products/{sku}/links/{type}/{linkedProductSku}"): lambda d: {
        "path_parameters": {"sku": "MH01", "type": "related", "linkedProductSku": "MH09 L Blue"}},
})


def _unlink_child(self: Data) -> str:
    status, body = self.call("DELETE", "/V1/configurable-products/MH01/children/MH01-M-Blue")
    if status != 200:
        pytest.skip("no seeded configurable")
    return "MH01-M-Blue"


def _configurable_option(self: Data) -> int:
    options = self.get("/V1/configurable-products/MH01/options/all")
    if not options:
        pytest.skip("no seeded configurable")
    return int(options[0]["id"])


Data.unlink_child = _unlink_child  # type: ignore[attr-defined]
Data.configurable_option = _configurable_option  # type: ignore[attr-defined]


# bundle 24-WG080 (seeded by seed/catalog.py)
SAMPLES.update({
    ("GET", "/V1/bundle-products/options/types"): lambda d: {},
    ("GET", "/V1/bundle-products/{sku}/options/all"): lambda d: {"path_parameters": {"sku": "24-WG080"}},
    ("GET", "/V1/bundle-products/{sku}/options/{optionId}"): lambda d: {
        "path_parameters": {"sku": "24-WG080", "optionId": d.bundle_option()}},
    ("DELETE", "/V1/bundle-products/{sku}/options/{optionId}"): lambda d: {
        "path_parameters": {"sku": "24-WG080", "optionId": d.bundle_option()}},
    ("POST", "/V1/bundle-products/options/add"): lambda d: {"body": {"option": {
        "sku": "24-WG080", "title": "Extra", "type": "select", "required": False, "position": 3,
        "product_links": [{"sku": d.sku(), "qty": 1}]}}},
    ("PUT", "/V1/bundle-products/options/{optionId}"): lambda d: {
        "path_parameters": {"optionId": d.bundle_option()}, "body": {"option": {"sku": "24-WG080", "title": "Renamed"}}},
    ("GET", "/V1/bundle-products/{productSku}/children"): lambda d: {"path_parameters": {"productSku": "24-WG080"}},
    ("POST", "/V1/bundle-products/{sku}/links/{optionId}"): lambda d: {
        "path_parameters": {"sku": "24-WG080", "optionId": d.bundle_option()},
        "body": {"linkedProduct": {"sku": d.sku(), "qty": 1, "is_default": False}}},
    ("PUT", "/V1/bundle-products/{sku}/links/{id}"): lambda d: {
        "path_parameters": {"sku": "24-WG080", "id": d.bundle_link()[0]},
        "body": {"linkedProduct": {"sku": d.bundle_link()[1], "qty": 2}}},
    ("DELETE", "/V1/bundle-products/{sku}/options/{optionId}/children/{childSku}"): lambda d: {
        "path_parameters": {"sku": "24-WG080", "optionId": d.bundle_option(), "childSku": d.bundle_link()[1]}},
})


def _bundle_option(self: Data) -> int:
    options = self.get("/V1/bundle-products/24-WG080/options/all")
    if not options:
        pytest.skip("no seeded bundle")
    return int(options[0]["option_id"])


def _bundle_link(self: Data) -> tuple[str, str]:
    options = self.get("/V1/bundle-products/24-WG080/options/all")
    if not options:
        pytest.skip("no seeded bundle")
    link = options[0]["product_links"][0]
    return link["id"], link["sku"]


Data.bundle_option = _bundle_option  # type: ignore[attr-defined]
Data.bundle_link = _bundle_link  # type: ignore[attr-defined]


# downloadable DL-YOGA-GUIDE (seeded by seed/catalog.py)
_DL_LINK = {"title": "Contract link", "sort_order": 2, "is_shareable": 0, "price": 1, "number_of_downloads": 0,
            "link_type": "url", "link_url": "https://downloads.example.com/contract.pdf"}
_DL_SAMPLE = {"title": "Contract sample", "sort_order": 2, "sample_type": "url",
              "sample_url": "https://downloads.example.com/contract-sample.pdf"}
SAMPLES.update({
    ("GET", "/V1/products/{sku}/downloadable-links"): lambda d: {"path_parameters": {"sku": "DL-YOGA-GUIDE"}},
    ("GET", "/V1/products/{sku}/downloadable-links/samples"): lambda d: {
        "path_parameters": {"sku": "DL-YOGA-GUIDE"}},
    ("POST", "/V1/products/{sku}/downloadable-links"): lambda d: {
        "path_parameters": {"sku": "DL-YOGA-GUIDE"}, "body": {"link": _DL_LINK}},
    ("PUT", "/V1/products/{sku}/downloadable-links/{id}"): lambda d: {
        "path_parameters": {"sku": "DL-YOGA-GUIDE", "id": d.downloadable_id("")}, "body": {"link": _DL_LINK}},
    ("DELETE", "/V1/products/downloadable-links/{id}"): lambda d: {"path_parameters": {"id": d.downloadable_id("")}},
    ("POST", "/V1/products/{sku}/downloadable-links/samples"): lambda d: {
        "path_parameters": {"sku": "DL-YOGA-GUIDE"}, "body": {"sample": _DL_SAMPLE}},
    ("PUT", "/V1/products/{sku}/downloadable-links/samples/{id}"): lambda d: {
        "path_parameters": {"sku": "DL-YOGA-GUIDE", "id": d.downloadable_id("/samples")},
        "body": {"sample": _DL_SAMPLE}},
    ("DELETE", "/V1/products/downloadable-links/samples/{id}"): lambda d: {
        "path_parameters": {"id": d.downloadable_id("/samples")}},
})


def _downloadable_id(self: Data, suffix: str) -> int:
    items = self.get(f"/V1/products/DL-YOGA-GUIDE/downloadable-links{suffix}")
    if not items:
        pytest.skip("no seeded downloadable product")
    return int(items[0]["id"])


Data.downloadable_id = _downloadable_id  # type: ignore[attr-defined]

_CUSTOMER_SAMPLE = {"firstname": "Contract", "lastname": "Sample"}
SAMPLES.update({
    ("POST", "/V1/customers"): lambda d: {"body": {
        "customer": {**_CUSTOMER_SAMPLE, "email": "contract.sample@example.com"}, "password": "Contract-Sample1"}},
    ("PUT", "/V1/customers/{customerId}"): lambda d: {"path_parameters": {"customerId": 1}, "body": {
        "customer": {**_CUSTOMER_SAMPLE, "email": d.credentials["customer_email"]}}},
    ("PUT", "/V1/customers/me"): lambda d: {"token": d.customer_token(), "body": {
        "customer": {**_CUSTOMER_SAMPLE, "email": d.credentials["customer_email"]}}},
    ("DELETE", "/V1/customers/{customerId}"): lambda d: {"path_parameters": {"customerId": 1}},
    ("GET", "/V1/customers/addresses/{addressId}"): lambda d: {"path_parameters": {"addressId": 1}},
    ("DELETE", "/V1/addresses/{addressId}"): lambda d: {"path_parameters": {"addressId": 1}},
    ("GET", "/V1/customers/{customerId}/billingAddress"): lambda d: {"path_parameters": {"customerId": 1}},
    ("GET", "/V1/customers/{customerId}/shippingAddress"): lambda d: {"path_parameters": {"customerId": 1}},
    ("GET", "/V1/customerGroups/{id}"): lambda d: {"path_parameters": {"id": 1}},
    ("GET", "/V1/customerGroups/default"): lambda d: {},
    ("GET", "/V1/customerGroups/search"): lambda d: {"query": {f"{SC}[pageSize]": 5}},
    ("POST", "/V1/customerGroups"): lambda d: {"body": {"group": {"code": "Contract sample", "tax_class_id": 3}}},
    ("PUT", "/V1/customerGroups/{id}"): lambda d: {"path_parameters": {"id": 2},
                                                  "body": {"group": {"code": "Wholesale B2B", "tax_class_id": 3}}},
    ("DELETE", "/V1/customerGroups/{id}"): lambda d: {"path_parameters": {"id": 3}},
})


# -- checkout: admin carts, item updates, coupons, cart price rules (owner: checkout) ----------
def _salable_sku(self: Data) -> str:
    for product in self.get(f"/V1/products?{SC}[pageSize]=30")["items"]:
        if product["type_id"] == "simple" and product["extension_attributes"].get("stock_item", {}).get("qty", 0) >= 5:
            return str(product["sku"])
    raise AssertionError("no simple product in stock")


def _admin_cart(self: Data, shipping: bool = False) -> int:
    status, cart_id = self.call("POST", "/V1/carts", None)
    assert status == 200, cart_id
    status, body = self.call("POST", f"/V1/carts/{cart_id}/items",
                             {"cartItem": {"sku": _salable_sku(self), "qty": 1, "quote_id": cart_id}})
    assert status == 200, body
    if shipping:
        status, body = self.call("POST", f"/V1/carts/{cart_id}/shipping-information", {"addressInformation": {
            "shipping_address": _ADDRESS, "billing_address": _ADDRESS, "shipping_carrier_code": "flatrate",
            "shipping_method_code": "flatrate"}})
        assert status == 200, body
    return int(cart_id)


def _coupon_rule(self: Data) -> tuple[int, int, str]:
    """A 10% rule with a coupon: (rule id, coupon id, code)."""
    status, rule = self.call("POST", "/V1/salesRules", {"rule": _RULE})
    assert status == 200, rule
    code = f"SAMPLE{rule['rule_id']}"
    status, coupon = self.call("POST", "/V1/coupons", {"coupon": {"rule_id": rule["rule_id"], "code": code,
                                                                  "times_used": 0, "is_primary": True}})
    assert status == 200, coupon
    return int(rule["rule_id"]), int(coupon["coupon_id"]), code


def _guest_item(self: Data) -> tuple[str, int]:
    cart_id = self.guest_cart()
    status, items = self.call("GET", f"/V1/guest-carts/{cart_id}/items", None)
    assert status == 200, items
    return cart_id, int(items[0]["item_id"])


def _mine_item(self: Data) -> tuple[str, int]:
    token = self.mine_cart()
    status, items = self.call("GET", "/V1/carts/mine/items", None, token=token)
    assert status == 200, items
    return token, int(items[0]["item_id"])


def _guest_coupon_cart(self: Data) -> tuple[str, str]:
    cart_id = self.guest_cart()
    code = _coupon_rule(self)[2]
    status, body = self.call("PUT", f"/V1/guest-carts/{cart_id}/coupons/{code}", None)
    assert status == 200, body
    return cart_id, code


_RULE = {"name": "Sample 10%", "website_ids": [1], "customer_group_ids": [0, 1, 2, 3], "is_active": True,
         "simple_action": "by_percent", "discount_amount": 10, "coupon_type": "SPECIFIC_COUPON",
         "uses_per_customer": 0, "stop_rules_processing": False, "is_advanced": True, "sort_order": 0,
         "discount_step": 0, "apply_to_shipping": False, "times_used": 0, "is_rss": True,
         "use_auto_generation": False, "uses_per_coupon": 0}
_SHIP = {"addressInformation": {"shipping_address": _ADDRESS, "billing_address": _ADDRESS,
                                "shipping_carrier_code": "flatrate", "shipping_method_code": "flatrate"}}

SAMPLES.update({
    ("POST", "/V1/carts"): lambda d: {},
    ("POST", "/V1/customers/{customerId}/carts"): lambda d: {"path_parameters": {"customerId": 1}},
    ("GET", "/V1/carts/{cartId}"): lambda d: {"path_parameters": {"cartId": _admin_cart(d)}},
    ("GET", "/V1/carts/{cartId}/items"): lambda d: {"path_parameters": {"cartId": _admin_cart(d)}},
    ("POST", "/V1/carts/{quoteId}/items"): lambda d: (lambda c: {"path_parameters": {"quoteId": c}, "body": {
        "cartItem": {"sku": _salable_sku(d), "qty": 1, "quote_id": str(c)}}})(_admin_cart(d)),
    ("PUT", "/V1/carts/{cartId}/items/{itemId}"): lambda d: (lambda c: {
        "path_parameters": {"cartId": c, "itemId": d.call("GET", f"/V1/carts/{c}/items", None)[1][0]["item_id"]},
        "body": {"cartItem": {"qty": 2, "quote_id": str(c)}}})(_admin_cart(d)),
    ("DELETE", "/V1/carts/{cartId}/items/{itemId}"): lambda d: (lambda c: {
        "path_parameters": {"cartId": c, "itemId": d.call("GET", f"/V1/carts/{c}/items", None)[1][0]["item_id"]}})(
        _admin_cart(d)),
    ("POST", "/V1/carts/{cartId}/estimate-shipping-methods"): lambda d: {
        "path_parameters": {"cartId": _admin_cart(d)}, "body": {"address": _ADDRESS}},
    ("POST", "/V1/carts/{cartId}/shipping-information"): lambda d: {
        "path_parameters": {"cartId": _admin_cart(d)}, "body": _SHIP},
    ("GET", "/V1/carts/{cartId}/payment-methods"): lambda d: {"path_parameters": {"cartId": _admin_cart(d)}},
    ("GET", "/V1/carts/{cartId}/totals"): lambda d: {"path_parameters": {"cartId": _admin_cart(d, True)}},
    ("GET", "/V1/carts/{cartId}/coupons"): lambda d: (lambda c: (d.call(
        "PUT", f"/V1/carts/{c}/coupons/{_coupon_rule(d)[2]}", None), {"path_parameters": {"cartId": c}})[1])(
        _admin_cart(d)),
    ("PUT", "/V1/carts/{cartId}/coupons/{couponCode}"): lambda d: {
        "path_parameters": {"cartId": _admin_cart(d), "couponCode": _coupon_rule(d)[2]}},
    ("DELETE", "/V1/carts/{cartId}/coupons"): lambda d: {"path_parameters": {"cartId": _admin_cart(d)}},
    ("PUT", "/V1/carts/{cartId}/order"): lambda d: {"path_parameters": {"cartId": _admin_cart(d, True)},
                                                   "body": {"paymentMethod": {"method": "checkmo"}}},
    ("PUT", "/V1/guest-carts/{cartId}/items/{itemId}"): lambda d: (lambda ci: {
        "path_parameters": {"cartId": ci[0], "itemId": ci[1]},
        "body": {"cartItem": {"qty": 2, "quote_id": ci[0]}}})(_guest_item(d)),
    ("DELETE", "/V1/guest-carts/{cartId}/items/{itemId}"): lambda d: (lambda ci: {
        "path_parameters": {"cartId": ci[0], "itemId": ci[1]}})(_guest_item(d)),
    ("GET", "/V1/guest-carts/{cartId}/coupons"): lambda d: {"path_parameters": {"cartId": _guest_coupon_cart(d)[0]}},
    ("PUT", "/V1/guest-carts/{cartId}/coupons/{couponCode}"): lambda d: {
        "path_parameters": {"cartId": d.guest_cart(), "couponCode": _coupon_rule(d)[2]}},
    ("DELETE", "/V1/guest-carts/{cartId}/coupons"): lambda d: {"path_parameters": {"cartId": _guest_coupon_cart(d)[0]}},
    ("PUT", "/V1/guest-carts/{cartId}/order"): lambda d: {"path_parameters": {"cartId": d.guest_cart(shipping=True)},
                                                         "body": {"paymentMethod": {"method": "checkmo"}}},
    ("GET", "/V1/guest-carts/{cartId}/payment-information"): lambda d: {
        "path_parameters": {"cartId": d.guest_cart(shipping=True)}},
    ("PUT", "/V1/carts/mine/items/{itemId}"): lambda d: (lambda ti: {
        "token": ti[0], "path_parameters": {"itemId": ti[1]}, "body": {"cartItem": {"qty": 2, "quote_id": "0"}}})(
        _mine_item(d)),
    ("DELETE", "/V1/carts/mine/items/{itemId}"): lambda d: (lambda ti: {
        "token": ti[0], "path_parameters": {"itemId": ti[1]}})(_mine_item(d)),
    ("GET", "/V1/carts/mine/coupons"): lambda d: (lambda t: (d.call(
        "PUT", f"/V1/carts/mine/coupons/{_coupon_rule(d)[2]}", None, token=t), {"token": t})[1])(d.mine_cart()),
    ("PUT", "/V1/carts/mine/coupons/{couponCode}"): lambda d: {"token": d.mine_cart(),
                                                              "path_parameters": {"couponCode": _coupon_rule(d)[2]}},
    ("DELETE", "/V1/carts/mine/coupons"): lambda d: {"token": d.mine_cart()},
    ("PUT", "/V1/carts/mine/order"): lambda d: {"token": d.mine_cart(shipping=True),
                                               "body": {"paymentMethod": {"method": "checkmo"}}},
    ("GET", "/V1/carts/mine/payment-information"): lambda d: {"token": d.mine_cart(shipping=True)},
    ("POST", "/V1/salesRules"): lambda d: {"body": {"rule": _RULE}},
    ("GET", "/V1/salesRules/search"): lambda d: {"query": {f"{SC}[pageSize]": 3}},
    ("GET", "/V1/salesRules/{ruleId}"): lambda d: {"path_parameters": {"ruleId": _coupon_rule(d)[0]}},
    ("PUT", "/V1/salesRules/{ruleId}"): lambda d: {"path_parameters": {"ruleId": _coupon_rule(d)[0]},
                                                  "body": {"rule": {"name": "Renamed sample"}}},
    ("DELETE", "/V1/salesRules/{ruleId}"): lambda d: {"path_parameters": {"ruleId": _coupon_rule(d)[0]}},
    ("POST", "/V1/coupons"): lambda d: (lambda r: {"body": {"coupon": {
        "rule_id": r[0], "code": f"EXTRA{r[0]}", "times_used": 0, "is_primary": False}}})(_coupon_rule(d)),
    ("GET", "/V1/coupons/search"): lambda d: {"query": {f"{SC}[pageSize]": 3}},
    ("GET", "/V1/coupons/{couponId}"): lambda d: {"path_parameters": {"couponId": _coupon_rule(d)[1]}},
    ("PUT", "/V1/coupons/{couponId}"): lambda d: (lambda r: {"path_parameters": {"couponId": r[1]}, "body": {
        "coupon": {"rule_id": r[0], "code": f"CHANGED{r[0]}", "times_used": 0, "is_primary": True}}})(_coupon_rule(d)),
    ("DELETE", "/V1/coupons/{couponId}"): lambda d: {"path_parameters": {"couponId": _coupon_rule(d)[1]}},
    ("POST", "/V1/coupons/generate"): lambda d: (lambda st: {"body": {"couponSpec": {
        "rule_id": st[1]["rule_id"], "format": "alphanum", "quantity": 2, "length": 10}}})(
        d.call("POST", "/V1/salesRules", {"rule": {**_RULE, "coupon_type": "AUTO", "use_auto_generation": True}})),
})


# -- customers: AccountManagement, attribute metadata, default group, token revocation ---------
def _with_confirmation(d: Data) -> str:
    """The seeded first customer, given a confirmation key (as an admin save would)."""
    customers = d.backend.customers
    customers.write_doc({**customers.get(1), "confirmation": "SAMPLE-KEY"})
    return str(customers.get(1)["email"])


def _reset_token(d: Data) -> str:
    email = d.credentials["customer_email"]
    d.backend.customer_accounts.initiate_password_reset(email, "email_reset", 1)
    return str(d.backend.customer_accounts.reset_token(1))


SAMPLES.update({
    ("GET", "/V1/customers/me/billingAddress"): lambda d: {"token": d.customer_token()},
    ("GET", "/V1/customers/me/shippingAddress"): lambda d: {"token": d.customer_token()},
    ("PUT", "/V1/customers/me/password"): lambda d: {"token": d.customer_token(), "body": {
        "currentPassword": d.credentials["customer_password"], "newPassword": "Sample-Pass12"}},
    ("PUT", "/V1/customers/password"): lambda d: {"body": {
        "email": d.credentials["customer_email"], "template": "email_reset", "websiteId": 1}},
    ("POST", "/V1/customers/resetPassword"): lambda d: {"body": {
        "resetToken": _reset_token(d), "email": d.credentials["customer_email"], "newPassword": "Sample-Pass12"}},
    ("GET", "/V1/customers/{customerId}/password/resetLinkToken/{resetPasswordLinkToken}"): lambda d: {
        "path_parameters": {"resetPasswordLinkToken": _reset_token(d), "customerId": 1}},
    ("GET", "/V1/customers/{customerId}/confirm"): lambda d: {"path_parameters": {"customerId": 1}},
    ("POST", "/V1/customers/confirm"): lambda d: {"body": {"email": _with_confirmation(d), "websiteId": 1}},
    ("PUT", "/V1/customers/me/activate"): lambda d: (lambda _e: {"token": d.customer_token(), "body": {
        "confirmationKey": "SAMPLE-KEY"}})(_with_confirmation(d)),
    ("PUT", "/V1/customers/{email}/activate"): lambda d: {"path_parameters": {"email": _with_confirmation(d)},
                                                          "body": {"confirmationKey": "SAMPLE-KEY"}},
    ("PUT", "/V1/customers/validate"): lambda d: {"body": {"customer": {
        "email": "valid@example.com", "firstname": "Val", "lastname": "Id", "website_id": 1, "store_id": 1,
        "group_id": 1}}},
    ("GET", "/V1/customers/{customerId}/permissions/readonly"): lambda d: {"path_parameters": {"customerId": 1}},
    ("GET", "/V1/customerGroups/default/{storeId}"): lambda d: {"path_parameters": {"storeId": 1}},
    ("PUT", "/V1/customerGroups/default/{id}"): lambda d: {"path_parameters": {"id": 2}},
    ("GET", "/V1/attributeMetadata/customer"): lambda d: {},
    ("GET", "/V1/attributeMetadata/customer/custom"): lambda d: {},
    ("GET", "/V1/attributeMetadata/customer/form/{formCode}"): lambda d: {
        "path_parameters": {"formCode": "adminhtml_customer"}},
    ("GET", "/V1/attributeMetadata/customer/attribute/{attributeCode}"): lambda d: {
        "path_parameters": {"attributeCode": "store_id"}},
    ("GET", "/V1/attributeMetadata/customerAddress"): lambda d: {},
    ("GET", "/V1/attributeMetadata/customerAddress/custom"): lambda d: {},
    ("GET", "/V1/attributeMetadata/customerAddress/form/{formCode}"): lambda d: {
        "path_parameters": {"formCode": "customer_address_edit"}},
    ("GET", "/V1/attributeMetadata/customerAddress/attribute/{attributeCode}"): lambda d: {
        "path_parameters": {"attributeCode": "country_id"}},
    ("POST", "/V1/integration/customer/revoke-customer-token"): lambda d: {"token": d.customer_token()},
})


# Operations Magento never answers 2xx for on this install (offline payment methods only): the
# sample checks Magento's refusal instead. (method, path) -> (status, message).
NO_SUCCESS_PATH: dict[tuple[str, str], tuple[int, str]] = {
    # Payment/Model/Method/AbstractMethod::capture and ::void for checkmo & co.
    ("POST", "/V1/invoices/{id}/capture"): (400, "The capture action is not available."),
    ("POST", "/V1/invoices/{id}/void"): (400, "The void action is not available."),
    # Sales/Model/Service/CreditmemoService::cancel always throws
    ("PUT", "/V1/creditmemo/{id}"): (400, "You can not cancel Credit Memo"),
    # Sales/Model/Order/Invoice/Validation/CanRefund: an offline method cannot refund per invoice
    ("POST", "/V1/invoice/{invoiceId}/refund"): (400, "Creditmemo Document Validation Error(s):\n"
                                                      "We can't create creditmemo for the invoice."),
}
SAMPLES.update({
    ("POST", "/V1/invoices/{id}/capture"): lambda d: {"path_parameters": {"id": d.document("invoice")}},
    ("POST", "/V1/invoices/{id}/void"): lambda d: {"path_parameters": {"id": d.document("invoice")}},
    ("PUT", "/V1/creditmemo/{id}"): lambda d: {"path_parameters": {"id": d.creditmemo()}},
})


# -- checkout: billing address, shipping methods, selected payment, totals routes, assignment,
# cart search and save, coupon mass deletion (owner: checkout, backend/checkout/management.py) --
def _customer_id(self: Data) -> int:
    email = self.credentials["customer_email"]
    row = self.backend.db.one("SELECT entity_id FROM customer_entity WHERE email=?", (email,))
    return int(row["entity_id"])


def _mine_address_id(self: Data) -> int:
    return int(self.backend.customers.get(_customer_id(self))["addresses"][0]["id"])


_INFO = {"addressInformation": {"address": _ADDRESS, "shipping_carrier_code": "flatrate",
                                "shipping_method_code": "flatrate"}}
_PAY = {"method": {"method": "checkmo"}}
_COLLECT = {"paymentMethod": {"method": "checkmo"}, "shippingCarrierCode": "flatrate", "shippingMethodCode": "flatrate"}

SAMPLES.update({
    ("GET", "/V1/carts/mine/billing-address"): lambda d: {"token": d.mine_cart()},
    ("POST", "/V1/carts/mine/billing-address"): lambda d: {"token": d.mine_cart(), "body": {"address": _ADDRESS}},
    ("GET", "/V1/carts/{cartId}/billing-address"): lambda d: {"path_parameters": {"cartId": _admin_cart(d, True)}},
    ("POST", "/V1/carts/{cartId}/billing-address"): lambda d: {"path_parameters": {"cartId": _admin_cart(d)},
                                                              "body": {"address": _ADDRESS, "useForShipping": True}},
    ("GET", "/V1/guest-carts/{cartId}/billing-address"): lambda d: {"path_parameters": {"cartId": d.guest_cart()}},
    ("POST", "/V1/guest-carts/{cartId}/billing-address"): lambda d: {
        "path_parameters": {"cartId": d.guest_cart()}, "body": {"address": _ADDRESS}},
    ("GET", "/V1/carts/mine/shipping-methods"): lambda d: {"token": d.mine_cart(shipping=True)},
    ("GET", "/V1/carts/{cartId}/shipping-methods"): lambda d: {"path_parameters": {"cartId": _admin_cart(d, True)}},
    ("GET", "/V1/guest-carts/{cartId}/shipping-methods"): lambda d: {
        "path_parameters": {"cartId": d.guest_cart(shipping=True)}},
    ("POST", "/V1/carts/mine/estimate-shipping-methods-by-address-id"): lambda d: {
        "token": d.mine_cart(), "body": {"addressId": _mine_address_id(d)}},
    ("POST", "/V1/carts/{cartId}/estimate-shipping-methods-by-address-id"): lambda d: (lambda t: {
        "path_parameters": {"cartId": d.call("GET", "/V1/carts/mine", None, token=t)[1]["id"]},
        "body": {"addressId": _mine_address_id(d)}})(d.mine_cart()),
    ("GET", "/V1/carts/mine/selected-payment-method"): lambda d: (lambda t: (
        d.call("PUT", "/V1/carts/mine/selected-payment-method", _PAY, token=t), {"token": t})[1])(
        d.mine_cart(shipping=True)),
    ("PUT", "/V1/carts/mine/selected-payment-method"): lambda d: {"token": d.mine_cart(shipping=True), "body": _PAY},
    ("GET", "/V1/carts/{cartId}/selected-payment-method"): lambda d: {
        "path_parameters": {"cartId": _admin_cart(d)}},
    ("PUT", "/V1/carts/{cartId}/selected-payment-method"): lambda d: {
        "path_parameters": {"cartId": _admin_cart(d, True)}, "body": _PAY},
    ("GET", "/V1/guest-carts/{cartId}/selected-payment-method"): lambda d: (lambda c: (
        d.call("PUT", f"/V1/guest-carts/{c}/selected-payment-method", _PAY), {"path_parameters": {"cartId": c}})[1])(
        d.guest_cart(shipping=True)),
    ("PUT", "/V1/guest-carts/{cartId}/selected-payment-method"): lambda d: {
        "path_parameters": {"cartId": d.guest_cart(shipping=True)}, "body": _PAY},
    ("POST", "/V1/carts/mine/set-payment-information"): lambda d: {
        "token": d.mine_cart(shipping=True), "body": {"paymentMethod": {"method": "checkmo"}, "billingAddress": _ADDRESS}},
    ("POST", "/V1/guest-carts/{cartId}/set-payment-information"): lambda d: {
        "path_parameters": {"cartId": d.guest_cart(shipping=True)},
        "body": {"email": "guest@example.com", "paymentMethod": {"method": "checkmo"}}},
    ("PUT", "/V1/carts/mine/collect-totals"): lambda d: {"token": d.mine_cart(shipping=True), "body": _COLLECT},
    ("PUT", "/V1/guest-carts/{cartId}/collect-totals"): lambda d: {
        "path_parameters": {"cartId": d.guest_cart(shipping=True)}, "body": _COLLECT},
    ("POST", "/V1/carts/mine/totals-information"): lambda d: {"token": d.mine_cart(), "body": _INFO},
    ("POST", "/V1/carts/{cartId}/totals-information"): lambda d: {"path_parameters": {"cartId": _admin_cart(d)},
                                                                 "body": _INFO},
    ("POST", "/V1/guest-carts/{cartId}/totals-information"): lambda d: {
        "path_parameters": {"cartId": d.guest_cart()}, "body": _INFO},
    ("PUT", "/V1/carts/{cartId}"): lambda d: {"path_parameters": {"cartId": _admin_cart(d)},
                                             "body": {"customerId": _customer_id(d), "storeId": 1}},
    ("PUT", "/V1/guest-carts/{cartId}"): lambda d: (lambda t: {
        "token": t, "path_parameters": {"cartId": d.guest_cart()},
        "body": {"customerId": _customer_id(d), "storeId": 1}})(d.customer_token()),
    ("PUT", "/V1/carts/mine"): lambda d: {"token": d.mine_cart(), "body": {"quote": {
        "customer": {"id": _customer_id(d)}, "customer_note": "Leave at the door"}}},
    ("GET", "/V1/carts/search"): lambda d: {"query": {f"{SC}[pageSize]": 3}},
    ("POST", "/V1/coupons/deleteByCodes"): lambda d: {"body": {"codes": [_coupon_rule(d)[2], "NOPE"]}},
    ("POST", "/V1/coupons/deleteByIds"): lambda d: {"body": {"ids": [_coupon_rule(d)[1]],
                                                             "ignoreInvalidCoupons": False}},
})
