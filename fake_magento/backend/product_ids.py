"""SKU -> product entity id (Catalog ResourceModel\\Product::getIdBySku), for the areas the catalog
itself calls (categories, inventory): they look a SKU up without holding the catalog."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fake_magento.storage import Database


class ProductIds:
    def __init__(self, db: Database) -> None:
        self.db = db

    def find_id(self, sku: Any) -> int | None:
        row = self.db.one("SELECT entity_id FROM catalog_product_entity WHERE sku=?", (sku,))
        return int(row[0]) if row else None
