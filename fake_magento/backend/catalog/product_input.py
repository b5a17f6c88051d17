"""A product as ServiceInputProcessor builds ProductInterface from the request (``_createFromArray``).

Keys are taken in the order sent: a key without an accessor is a LogicException (masked 500);
the typed properties come converted (http/service_input.py, or the seeder's own values);
``custom_attributes`` are converted by their attribute's backend type (Eav TypeLocator/SimpleType),
which the contract cannot express. The first failure answers.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from fake_magento.backend.catalog.attributes import EXTENSION_KEYS, PRODUCT_KEYS
from fake_magento.errors import InternalError, required_field
from fake_magento.types import custom_attribute, custom_attribute_value

if TYPE_CHECKING:
    from fake_magento.backend.catalog import CatalogService

def product_input(catalog: CatalogService, product: Any) -> dict[str, Any]:
    if not isinstance(product, dict):
        raise required_field("product")
    attributes = catalog.attributes()
    data: dict[str, Any] = {"custom_attributes": {}}
    for raw_key, value in product.items():
        key = re.sub(r"(?<!^)(?=[A-Z])", "_", str(raw_key)).lower()
        if key not in PRODUCT_KEYS:
            # NameFinder: no accessor on ProductInterface -> LogicException -> masked 500
            raise InternalError(f'Property "{raw_key}" does not have accessor method')
        if key == "custom_attributes":
            # the one conversion the contract cannot express: by the attribute's backend type
            entries = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
            value = {}
            for code, raw in map(custom_attribute, entries):
                meta = attributes.get(code)
                value[code] = custom_attribute_value(code, raw, meta["backend_type"] if meta else None)
        data[key] = value
    extension = data.get("extension_attributes") or {}
    if not isinstance(extension, dict):
        extension = {}
    for key in extension:
        if key not in EXTENSION_KEYS:
            raise InternalError(f'Property "{key}" does not have accessor method')
    if "stock_item" in extension and extension["stock_item"] is not None \
            and not isinstance(extension["stock_item"], dict):
        # ServiceInputProcessor::_createFromArray: a non-array becomes an empty data object
        extension = {**extension, "stock_item": {}}
    data["extension_attributes"] = extension
    if data.get("tier_prices") is not None:
        data["tier_prices"] = catalog.prices.parse_product_tier_prices(data["tier_prices"])
    return data
