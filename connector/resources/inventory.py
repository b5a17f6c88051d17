"""Stock: legacy stock items (CatalogInventory) and MSI source items."""
from __future__ import annotations

from typing import Any

from connector.models import SourceItem, StockItem
from connector.requestor import path
from connector.resources.base import Resource, entity_id


class StockItems(Resource[StockItem]):
    model = StockItem

    def get(self, sku: str) -> StockItem:
        return self.load(self.requestor.get(path("stockItems/{}", sku)))

    def update(self, sku: str, item_id: int, qty: float, *, is_in_stock: bool | None = None,
               api: str | None = None) -> Any:
        """``PUT /V1/products/{sku}/stockItems/{itemId}``: sets the quantity (absolute, so a retry
        cannot double it); the answer is the stock item's id (or, async, the bulk receipt)."""
        item: dict[str, Any] = {"qty": qty}
        if is_in_stock is not None:
            item["is_in_stock"] = is_in_stock
        answer = self.requestor.put(path("products/{}/stockItems/{}", sku, item_id), {"stockItem": item},
                                    api=api, idempotent=True)
        return entity_id(answer) if isinstance(answer, (int, str)) else answer

    def update_many(self, updates: list[tuple[str, int, dict[str, Any]]]) -> dict[str, Any]:
        """``PUT /async/bulk/V1/products/byProductSku/stockItems/byItemId``: one bulk, one operation per
        ``(sku, item_id, stock_item)``; the answer is the bulk receipt (202). Each ``:param`` of the sync
        route becomes ``by<Param>`` (WebapiAsync/Model/BulkServiceConfig: ``by`` + ucfirst), and its value
        comes from each item."""
        body = [{"productSku": sku, "itemId": item_id, "stockItem": item} for sku, item_id, item in updates]
        answer: dict[str, Any] = self.requestor.put("products/byProductSku/stockItems/byItemId", body,
                                                    api="async/bulk/V1")
        return answer

    def low_stock(self, scope_id: int = 0, qty: float = 1, page_size: int = 100) -> dict[str, Any]:
        body: dict[str, Any] = self.requestor.request(
            "GET", "stockItems/lowStock", params=[("scopeId", scope_id), ("qty", qty), ("pageSize", page_size)])
        return body


class SourceItems(Resource[SourceItem]):
    list_path = "inventory/source-items"
    key = ("sku", "source_code")
    model = SourceItem

    def save(self, items: list[dict[str, Any]], *, api: str | None = None) -> Any:
        """``POST /V1/inventory/source-items`` (SourceItemsSaveInterface): absolute quantities per
        source, ``[{"sku", "source_code", "quantity", "status"}]``; ``[]`` or the bulk receipt."""
        return self.requestor.post("inventory/source-items", {"sourceItems": items}, api=api, idempotent=True)

    def save_many(self, batches: list[list[dict[str, Any]]]) -> dict[str, Any]:
        """``POST /async/bulk/V1/inventory/source-items``: one operation per batch of source items; the
        answer is the bulk receipt (202)."""
        answer: dict[str, Any] = self.requestor.post("inventory/source-items", [{"sourceItems": b} for b in batches],
                                                     api="async/bulk/V1")
        return answer

    def delete(self, items: list[dict[str, Any]]) -> Any:
        return self.requestor.post("inventory/source-items-delete", {"sourceItems": items}, idempotent=True)
