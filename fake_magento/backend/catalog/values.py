"""Store-scoped product attribute values (the catalog_product_entity_<type> tables, one table here).

Writes follow Catalog/Model/ResourceModel/AbstractResource::_saveAttributeValue: a store-view
attribute at the current view, a website attribute at every view of the current view's website,
a global attribute (or any save through ``all``) at store 0. ``_insertAttribute`` also seeds
store 0 for required attributes and those required in the admin store (status, visibility:
Catalog/Setup/Patch/Data/InstallDefaultCategories) when the product has no admin value yet, so a
product created through a store view has admin values for those only.
Reads fall back view -> store 0.
"""
from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from fake_magento.backend.catalog.attributes import (
    REQUIRED_IN_ADMIN_STORE,
    SCOPE_GLOBAL,
    SCOPE_WEBSITE,
    TOP_LEVEL,
)
from fake_magento.backend.scope import ADMIN_STORE_ID, StoreScope
from fake_magento.errors import MagentoError

if TYPE_CHECKING:
    from fake_magento.backend.catalog import CatalogService

_DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d")


def is_empty(value: Any) -> bool:
    """AbstractAttribute::isValueEmpty for the backend types products use ('' counts as empty)."""
    return value is None or value == "" or (isinstance(value, list) and not value)


def format_date(code: str, value: Any, now: str) -> str:
    """Eav Attribute/Backend/Datetime::beforeSave (formatDate): stored as Y-m-d H:i:s.

    An unparsable date fails there; ProductRepository::saveProduct turns the attribute exception
    into InputException::invalidFieldValue. Blanks are PHP's ``new \\DateTime(" ")``: now (measured on
    2.4.7-p3: news_from_date " " reads back the time of the save).
    """
    text = str(value).strip()
    if not text:
        return now
    if re.fullmatch(r"[0-9]+", text):
        return datetime.fromtimestamp(int(text), tz=UTC).strftime("%Y-%m-%d %H:%M:%S")
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).strftime("%Y-%m-%d %H:%M:%S")
        except ValueError:
            continue
    raise MagentoError('Invalid value of "%value" provided for the %fieldName field.',
                       {"fieldName": code, "value": value if isinstance(value, str) else str(value)})


class ProductValues:
    def __init__(self, catalog: CatalogService) -> None:
        self.catalog = catalog
        self.db = catalog.db

    def read(self, product_id: int, scope: StoreScope, *, collection: bool = False) -> dict[str, str | None]:
        """The product's values in ``scope``: the view's value where it has one, else store 0's.

        A view's row is not read for an attribute whose values are store 0's only: by the product's
        own load (``collection=False``) a global attribute's (module-eav ReadHandler::execute keeps
        a global attribute's value only from store 0); in a product collection (getList) every
        decimal attribute's while the price is global, and no other
        (Catalog/Model/ResourceModel/Collection/AbstractCollection::_getLoadAttributesSelect joins the
        whole decimal table at store 0 when it loads a global ``price``). Such rows exist when an
        attribute's scope changed after values were saved per view (catalog/price/scope switched
        back to global, say)."""
        rows = self.db.query("SELECT attribute_code, store_id, value FROM catalog_product_value"
                             " WHERE entity_id=? AND store_id IN (?, 0)", (product_id, scope.store_id))
        values: dict[str, str | None] = {}
        for r in sorted(rows, key=lambda r: r["store_id"] == ADMIN_STORE_ID):  # the view wins over admin
            code = r["attribute_code"]
            if r["store_id"] != ADMIN_STORE_ID and self.store_zero_only(code, collection=collection):
                continue
            values.setdefault(code, r["value"])
        return values

    def store_zero_only(self, code: str, *, collection: bool = False) -> bool:
        """Whether reading ``code`` takes store 0's value even in a store view (``read``)."""
        meta = self.catalog.attributes().get(code)
        if meta is None:
            return False
        if collection:
            return meta["backend_type"] == "decimal" and self.catalog.config.price_scope == 0
        return self.catalog.effective_scope(code) == SCOPE_GLOBAL

    def stored(self, code: str, value: Any) -> str | None:
        """The text a value is stored as (decimal(20,6) for decimals, comma lists for multiselects)."""
        meta = self.catalog.attributes()[code]
        if value == "" and meta["backend_type"] == "decimal":
            # MySQL (SQL_MODE='') stores '' in a DECIMAL column as 0: measured on 2.4.7-p3, a custom
            # attribute cost or special_price sent as "" reads back "0.000000" where it is written.
            return f"{0:.6f}"
        if is_empty(value):
            return None
        if isinstance(value, list):
            value = ",".join(str(v) for v in value)
        if meta["backend_type"] == "decimal":
            return f"{float(value):.6f}"  # typed as a double already (custom_attribute_value or the edge)
        if meta["backend_type"] == "datetime":
            return format_date(code, value, self.catalog.clock.stamp())
        if meta["backend_type"] == "int" and code in TOP_LEVEL:
            return str(int(float(value)))
        if isinstance(value, bool):
            return "1" if value else "0"
        return str(value)

    def target_stores(self, code: str, scope: StoreScope) -> list[int]:
        effective = self.catalog.effective_scope(code)
        if scope.is_admin or effective == SCOPE_GLOBAL:
            return [ADMIN_STORE_ID]
        if effective == SCOPE_WEBSITE:
            return self.catalog.stores.store_ids_of_website(scope.website_id)
        return [scope.store_id]

    def write(self, conn: Any, product_id: int, code: str, value: str | None, scope: StoreScope) -> None:
        targets = self.target_stores(code, scope)
        for store_id in targets:
            if value is None:
                conn.execute("DELETE FROM catalog_product_value WHERE entity_id=? AND attribute_code=?"
                             " AND store_id=?", (product_id, code, store_id))
            else:
                conn.execute("INSERT OR REPLACE INTO catalog_product_value VALUES (?,?,?,?)",
                             (product_id, store_id, code, value))
        meta = self.catalog.attributes()[code]
        if value is not None and ADMIN_STORE_ID not in targets and (
                meta["is_required"] or code in REQUIRED_IN_ADMIN_STORE):
            conn.execute("INSERT OR IGNORE INTO catalog_product_value VALUES (?,?,?,?)",
                         (product_id, ADMIN_STORE_ID, code, value))
