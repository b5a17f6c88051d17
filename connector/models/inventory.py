"""Stock: the legacy ``catalog-inventory-data-stock-item-interface`` and MSI's source item."""
from __future__ import annotations

from dataclasses import dataclass

from connector.models.base import MagentoModel, ModelSchema, magento_schema


@dataclass(frozen=True, kw_only=True, slots=True, repr=False)
class StockItem(MagentoModel):
    """A legacy stock item (``GET /V1/stockItems/{sku}``, a product's ``extension_attributes.stock_item``)."""

    item_id: int
    product_id: int | None = None
    stock_id: int | None = None
    qty: float | None = None
    is_in_stock: bool | None = None
    is_qty_decimal: bool | None = None
    show_default_notification_message: bool | None = None
    use_config_min_qty: bool | None = None
    min_qty: float | None = None
    use_config_min_sale_qty: int | None = None
    min_sale_qty: float | None = None
    use_config_max_sale_qty: bool | None = None
    max_sale_qty: float | None = None
    use_config_backorders: bool | None = None
    backorders: int | None = None
    use_config_notify_stock_qty: bool | None = None
    notify_stock_qty: float | None = None
    use_config_qty_increments: bool | None = None
    qty_increments: float | None = None
    use_config_enable_qty_inc: bool | None = None
    enable_qty_increments: bool | None = None
    use_config_manage_stock: bool | None = None
    manage_stock: bool | None = None
    low_stock_date: str | None = None
    is_decimal_divided: bool | None = None
    stock_status_changed_auto: int | None = None


@magento_schema("catalog-inventory-data-stock-item-interface", StockItem)
class CatalogInventoryDataStockItemInterfaceSchema(ModelSchema):
    """``catalog-inventory-data-stock-item-interface`` -> :class:`StockItem`."""


@dataclass(frozen=True, kw_only=True, slots=True, repr=False)
class SourceItem(MagentoModel):
    """A Multi-Source Inventory source item (``GET /V1/inventory/source-items``)."""

    sku: str
    source_code: str
    quantity: float | None = None
    status: int | None = None


@magento_schema("inventory-api-data-source-item-interface", SourceItem)
class InventoryApiDataSourceItemInterfaceSchema(ModelSchema):
    """``inventory-api-data-source-item-interface`` -> :class:`SourceItem`."""
