"""Inventory: legacy stock items (CatalogInventory) and Multi-Source Inventory source items.

With MSI, the default source's quantity and the legacy stock item are the same number; an order
places a reservation, so the salable quantity drops at once while the source quantity drops only
when the order ships (InventorySales, InventoryShipping).
"""
from __future__ import annotations

from typing import Any

import pytest

from contracts.builders import create_product, guest_order, ok, search
from contracts.target import Target


@pytest.fixture(scope="module")
def msi(target: Target) -> bool:
    answer = target.client().get("/V1/inventory/sources", query=search(("source_code", "default", "eq")))
    if answer.status == 404:
        pytest.skip("Multi-Source Inventory is not installed on the target")
    return True


def stock_item(target: Target, sku: str) -> dict[str, Any]:
    return dict(ok(target.client().get("/V1/stockItems/{productSku}", productSku=sku)))


def test_legacy_stock_item_read_and_update(target: Target) -> None:
    product = create_product(target, "stock-legacy", qty=25)
    sku = product["sku"]
    item = stock_item(target, sku)
    assert item["qty"] == 25 and item["is_in_stock"] is True and item["product_id"] == product["id"]
    updated = ok(target.client().put("/V1/products/{productSku}/stockItems/{itemId}", {"stockItem": {
        "qty": 7, "is_in_stock": True}}, productSku=sku, itemId=item["item_id"]))
    assert int(updated) == item["item_id"]
    assert stock_item(target, sku)["qty"] == 7
    status = ok(target.client().get("/V1/stockStatuses/{productSku}", productSku=sku))
    assert status["product_id"] == product["id"] and status["qty"] == 7 and status["stock_status"] == 1


def test_out_of_stock_at_zero(target: Target) -> None:
    product = create_product(target, "stock-zero", qty=3)
    sku = product["sku"]
    item = stock_item(target, sku)
    ok(target.client().put("/V1/products/{productSku}/stockItems/{itemId}", {"stockItem": {
        "qty": 0, "is_in_stock": False}}, productSku=sku, itemId=item["item_id"]))
    after = stock_item(target, sku)
    assert after["qty"] == 0 and after["is_in_stock"] is False


def test_default_source_and_stock(target: Target, msi: bool) -> None:
    client = target.client()
    sources = ok(client.get("/V1/inventory/sources", query=search(("source_code", "default", "eq"))))
    (source,) = sources["items"]
    assert source["source_code"] == "default" and source["enabled"] is True
    stocks = ok(client.get("/V1/inventory/stocks", query=search(("stock_id", 1, "eq"))))
    assert [s["stock_id"] for s in stocks["items"]] == [1]


def test_stock_resolver_maps_the_base_website_to_the_default_stock(target: Target, msi: bool) -> None:
    stock = ok(target.client().get("/V1/inventory/stock-resolver/{type}/{code}", type="website", code="base"))
    assert stock["stock_id"] == 1 and stock["name"] == "Default Stock"
    channels = stock["extension_attributes"]["sales_channels"]
    assert {"type": "website", "code": "base"} in channels


def test_source_items_follow_the_legacy_stock(target: Target, msi: bool) -> None:
    product = create_product(target, "stock-msi", qty=12)
    sku = product["sku"]
    client = target.client()
    found = ok(client.get("/V1/inventory/source-items", query=search(("sku", sku, "eq"))))
    assert [(s["source_code"], s["quantity"], s["status"]) for s in found["items"]] == [("default", 12, 1)]
    assert ok(client.post("/V1/inventory/source-items", {"sourceItems": [
        {"sku": sku, "source_code": "default", "quantity": 30, "status": 1}]})) == []
    assert stock_item(target, sku)["qty"] == 30
    again = ok(client.get("/V1/inventory/source-items", query=search(("sku", sku, "eq"))))
    assert again["items"][0]["quantity"] == 30 and again["total_count"] == 1


def test_an_order_reserves_salable_quantity(target: Target, msi: bool) -> None:
    product = create_product(target, "stock-reserve", qty=10)
    sku = product["sku"]
    client = target.client()
    salable = client.get("/V1/inventory/get-product-salable-quantity/{sku}/{stockId}", sku=sku, stockId=1)
    assert ok(salable) == 10
    assert ok(client.get("/V1/inventory/is-product-salable/{sku}/{stockId}", sku=sku, stockId=1)) is True
    order_id = guest_order(target, [(sku, 3)], what="reserve")
    assert ok(client.get("/V1/inventory/get-product-salable-quantity/{sku}/{stockId}", sku=sku, stockId=1)) == 7
    assert stock_item(target, sku)["qty"] == 10  # the source keeps its quantity until the order ships
    ok(client.post("/V1/order/{orderId}/ship", {}, orderId=order_id))
    assert stock_item(target, sku)["qty"] == 7
    assert ok(client.get("/V1/inventory/get-product-salable-quantity/{sku}/{stockId}", sku=sku, stockId=1)) == 7
