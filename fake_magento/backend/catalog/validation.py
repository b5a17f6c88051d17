"""Product validation as ProductRepository::save runs it (ResourceModel/Product::validate).

The attribute set is checked first and fails as ``Invalid product data: %1``. Then
AbstractEntity::validate walks the attributes in id order calling each backend's ``validate``;
ProductRepository does not collect messages, so walkAttributes re-throws the first failure as an
Eav Attribute\\Exception whose phrase is the already-rendered message (no parameters).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_magento.backend.catalog.attributes import NON_NEGATIVE
from fake_magento.backend.catalog.values import is_empty
from fake_magento.errors import MagentoError, WebapiError

if TYPE_CHECKING:
    from fake_magento.backend.catalog import CatalogService

SKU_MAX_LENGTH = 64  # Catalog/Model/Product/Attribute/Backend/Sku::SKU_MAX_LENGTH
PRODUCT_ENTITY_TYPE_ID = 4


def _rendered(message: str) -> MagentoError:
    return WebapiError(message)


def _number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def price_applies(type_id: str, values: dict[str, Any]) -> bool:
    """Whether ``price`` is validated as required for the type.

    Grouped products are outside the attribute's apply_to (GroupedProduct/Setup/Patch/Data/
    InitializeGroupedProductLinks); ConfigurableProduct/Model/Plugin/PriceBackend skips
    configurables; Bundle/Model/Plugin/PriceBackend skips dynamic-price bundles (price_type 0).
    """
    if type_id in ("grouped", "configurable"):
        return False
    if type_id == "bundle":
        return str(values.get("price_type", "0")) == "1"
    return True


def validate_product(catalog: CatalogService, sku: Any, attribute_set_id: Any, type_id: str,
                     values: dict[str, Any]) -> None:
    """``values``: the product's attribute values as the save sees them (stored merged with sent)."""
    row = catalog.db.one("SELECT entity_type_id FROM catalog_attribute_set WHERE attribute_set_id=?",
                         (attribute_set_id,))
    if row is None or row[0] != PRODUCT_ENTITY_TYPE_ID:
        raise MagentoError("Invalid product data: %1", ["Invalid attribute set entity type"])
    for code, meta in catalog.attributes().items():  # attribute id order
        if code == "sku":
            # Product/Attribute/Backend/Sku::validate names the attribute by its code
            if sku is None or str(sku) == "":
                raise _rendered('The "sku" attribute value is empty. Set the attribute and try again.')
            if len(str(sku)) > SKU_MAX_LENGTH:
                raise _rendered(f"SKU length should be {SKU_MAX_LENGTH} characters maximum.")
            continue
        value = values.get(code)
        if code == "price" and not price_applies(type_id, values):
            continue
        if meta["is_required"] and is_empty(value):
            raise _rendered(f'The "{meta["frontend_label"]}" attribute value is empty. Set the attribute and try again.')
        if code in NON_NEGATIVE and not is_empty(value):
            number = _number(value)
            if number is not None and number < 0:
                raise _rendered("Please enter a number 0 or greater in this field.")
