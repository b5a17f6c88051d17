"""Products for this area's tests: through the catalog when it exists, else a minimal stand-in."""
from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def make_product(backend: Any) -> Any:
    """make_product(sku, type_id="simple", qty=None) -> product id."""
    catalog = backend.catalog
    stand_in: dict[str, int] = {}

    if not hasattr(catalog, "save_product"):
        catalog.find_id = lambda sku: stand_in.get(str(sku))  # type: ignore[attr-defined]

    def make(sku: str, type_id: str = "simple", qty: float | None = None) -> int:
        stock = {"qty": qty, "is_in_stock": qty is not None and qty > 0} if qty is not None else None
        if hasattr(catalog, "save_product"):
            scope = backend.stores.scope_for_code("all")
            product: dict[str, Any] = {"sku": sku, "name": sku, "type_id": type_id, "price": 10,
                                       "attribute_set_id": 4, "status": 1, "visibility": 4}
            if stock is not None:
                product["extension_attributes"] = {"stock_item": stock}
            catalog.save_product(product, scope)
            return int(catalog.find_id(sku))
        product_id = len(stand_in) + 1000
        stand_in[sku] = product_id
        backend.inventory.on_product_saved(product_id, sku, type_id, stock, True)
        return product_id

    return make
