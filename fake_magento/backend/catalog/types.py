"""Type-specific product parts, read into and saved from the product (ProductRepository::save runs
each type's save handler after the entity is written; the read side adds them as extension
attributes and ``product_links``)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_magento.backend.catalog.bundle import DEFAULTS as BUNDLE_DEFAULTS
from fake_magento.backend.catalog.bundle import BundleParts
from fake_magento.backend.catalog.configurable import ConfigurableParts
from fake_magento.backend.catalog.downloadable import DownloadableParts
from fake_magento.backend.catalog.links import ProductLinks, parse_link

if TYPE_CHECKING:
    from fake_magento.backend.catalog import CatalogService


class TypeParts:
    def __init__(self, catalog: CatalogService) -> None:
        self.catalog = catalog
        self.configurable = ConfigurableParts(catalog)
        self.links = ProductLinks(catalog)
        self._extra: list[Any] = []
        self.bundle = BundleParts(catalog)
        self.register(self.bundle)
        self.downloadable = DownloadableParts(catalog)
        self.register(self.downloadable)

    def register(self, part: Any) -> None:
        self._extra.append(part)

    @staticmethod
    def new_defaults(type_id: str) -> dict[str, str]:
        """Attribute defaults a new product of the type gets (Bundle/Setup, Downloadable/Setup)."""
        return dict(BUNDLE_DEFAULTS) if type_id == "bundle" else {}

    def extension(self, product_id: int, type_id: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if type_id == "configurable":
            out.update(self.configurable.extension(product_id))
        for part in self._extra:
            out.update(part.extension(product_id, type_id))
        return out

    @staticmethod
    def adjust_output(out: dict[str, Any], type_id: str) -> None:
        price = out.get("price")
        if type_id == "configurable":
            # ConfigurableProduct/Model/Product/Type/Configurable/Price::getPrice: 0 without a chosen child
            price = 0
        elif type_id == "bundle" and not any(a["attribute_code"] == "price_type" and str(a["value"]) == "1"
                                             for a in out.get("custom_attributes", [])):
            # Bundle/Model/Product/Price::getPrice: 0 for a dynamic price (price_type 0)
            price = 0
        if price is not None and "price" not in out:
            items = list(out.items())
            out.clear()
            for key, value in items:
                out[key] = value
                if key == "attribute_set_id":
                    out["price"] = price
        elif price is not None:
            out["price"] = price

    def prepare(self, data: dict[str, Any], extension: dict[str, Any], type_id: str) -> dict[str, Any]:
        """Parse and validate everything before the write transaction starts."""
        parts: dict[str, Any] = {}
        if type_id == "configurable":
            parts["configurable"] = self.configurable.validate_save(extension)
        raw_links = data.get("product_links")
        if raw_links is not None:
            links = [parse_link(i) for i in (raw_links if isinstance(raw_links, list) else [raw_links])]
            parts["links"] = self.links.resolve(links)
        for part in self._extra:
            parts[part.name] = part.prepare(data, extension, type_id)
        return parts

    def save(self, conn: Any, product_id: int, type_id: str, parts: dict[str, Any]) -> None:
        if "configurable" in parts:
            self.configurable.save(conn, product_id, *parts["configurable"])
        if "links" in parts:
            self.links.replace(conn, product_id, parts["links"])
        for part in self._extra:
            part.save(conn, product_id, type_id, parts.get(part.name))
