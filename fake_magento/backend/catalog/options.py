"""Product custom options (Catalog ProductCustomOptionRepository, ProductCustomOptionTypeList).

The emulator keeps no custom options: a product's ``options`` are not stored (README, known
deviations), so every product lists none and no option id exists. The reads answer as Magento does
for such a product: ``[]``, or 404 ``No such entity with optionId = <id>``; an unknown SKU is the
product's 404 (the repository loads the product first).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_magento.errors import NoSuchEntityError

if TYPE_CHECKING:
    from fake_magento.backend.catalog import CatalogService

# Catalog/etc/product_options.xml: (code, label, group label), in the config's order (measured on 2.4.7-p3)
OPTION_TYPES = [("field", "Field", "Text"), ("area", "Area", "Text"), ("file", "File", "File"),
                ("drop_down", "Drop-down", "Select"), ("radio", "Radio Buttons", "Select"),
                ("checkbox", "Checkbox", "Select"), ("multiple", "Multiple Select", "Select"),
                ("date", "Date", "Date"), ("date_time", "Date & Time", "Date"), ("time", "Time", "Date")]


class CustomOptions:
    def __init__(self, catalog: CatalogService) -> None:
        self.catalog = catalog

    @staticmethod
    def types() -> list[dict[str, Any]]:
        """ProductCustomOptionTypeListInterface::getItems."""
        return [{"label": label, "code": code, "group": group} for code, label, group in OPTION_TYPES]

    def _require_product(self, sku: str) -> None:
        if self.catalog.find_id(sku) is None:
            raise self.catalog.not_found()

    def get_list(self, sku: str) -> list[dict[str, Any]]:
        """ProductCustomOptionRepository::getList: ``$product->getOptions() ?: []``."""
        self._require_product(sku)
        return []

    def get(self, sku: str, option_id: int) -> dict[str, Any]:
        """ProductCustomOptionRepository::get: NoSuchEntityException::singleField('optionId', $optionId)."""
        self._require_product(sku)
        raise NoSuchEntityError("No such entity with %fieldName = %fieldValue",
                                {"fieldName": "optionId", "fieldValue": option_id})
