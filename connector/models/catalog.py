"""Products: ``catalog-data-product-interface``."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from connector.models.base import CustomAttributesMixin, MagentoModel, ModelSchema, load, magento_schema
from connector.models.inventory import StockItem


@dataclass(frozen=True, kw_only=True, slots=True, repr=False)
class Product(CustomAttributesMixin, MagentoModel):
    """A product (``GET /V1/products/{sku}``); ``product.attribute("url_key")`` reads a custom attribute."""

    id: int
    sku: str
    name: str | None = None
    attribute_set_id: int | None = None
    price: float | None = None
    status: int | None = None
    visibility: int | None = None
    type_id: str | None = None
    created_at: str | None = None
    updated_at: str | None = None
    weight: float | None = None
    # Links, custom options, gallery and tier prices are kept as Magento sends them.
    product_links: list[dict[str, Any]] = field(default_factory=list)  
    options: list[dict[str, Any]] = field(default_factory=list)  
    media_gallery_entries: list[dict[str, Any]] = field(default_factory=list)  
    tier_prices: list[dict[str, Any]] = field(default_factory=list)  
    custom_attributes: dict[str, Any] = field(default_factory=dict)

    @property
    def stock_item(self) -> StockItem | None:
        """``extension_attributes.stock_item``, loaded (absent on a list without stock, or a bundle)."""
        stock = self.extension_attributes.get("stock_item")
        return load(StockItem, stock) if isinstance(stock, dict) else None


@magento_schema("catalog-data-product-interface", Product)
class CatalogDataProductInterfaceSchema(ModelSchema):
    """``catalog-data-product-interface`` -> :class:`Product`."""
