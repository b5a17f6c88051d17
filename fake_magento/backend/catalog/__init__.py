"""Products: the repository (Catalog/Model/ProductRepository) over EAV values keyed by store.

Store scope follows ProductRepository::save and the EAV resource model (values.py): a save
through ``all`` writes admin values (store 0); a save through a store view writes overrides only
for the attributes sent, ``null`` (or ``""``) removes the override (a null is not validated there, so
``{"name": null}`` reverts a view's name to the admin one). Validation is validation.py,
getList is search.py, type-specific parts are types.py and its modules, prices prices.py.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from fake_magento.backend.catalog.attributes import (
    OPTIONS,
    SCOPE_GLOBAL,
    SCOPE_STORE,
    SCOPE_WEBSITE,
    STANDARD,
    TABLE_SOURCE,
    TOP_LEVEL,
    TYPES,
    USER_DEFINED,
)
from fake_magento.backend.catalog.eav import require_attribute_code
from fake_magento.backend.catalog.product_input import product_input
from fake_magento.backend.catalog.read_cache import ProductReadCache
from fake_magento.backend.catalog.search import product_custom_filters, product_entity
from fake_magento.backend.catalog.validation import validate_product
from fake_magento.backend.catalog.values import ProductValues, is_empty
from fake_magento.backend.scope import StoreScope
from fake_magento.errors import MagentoError, NoSuchEntityError
from fake_magento.search import SearchCriteria, mysql_number, run_search, search_result
from fake_magento.types import php_truthy

if TYPE_CHECKING:
    from fake_magento.backend.categories.links import CategoryLinks
    from fake_magento.backend.clock import Clock
    from fake_magento.backend.inventory import InventoryService
    from fake_magento.backend.stores import StoreRepository
    from fake_magento.config import Config
    from fake_magento.storage import Database

NOT_FOUND = "The product that was requested doesn't exist. Verify the product and try again."
DEFAULT_ATTRIBUTE_SET = 4


def product_not_found() -> NoSuchEntityError:
    return NoSuchEntityError(NOT_FOUND)


def slug(text: str) -> str:
    """Catalog's URL key formatting: ASCII, lower case, dashes."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


class CatalogService:
    def __init__(self, db: Database, clock: Clock, config: Config, *, stores: StoreRepository,
                 category_links: CategoryLinks, inventory: InventoryService) -> None:
        """``category_links`` and ``inventory`` keep a product's category links and stock item (its
        extension attributes) and hear of every save and delete."""
        self.db = db
        self.clock = clock
        self.config = config
        self.stores = stores
        self.category_links = category_links
        self.inventory = inventory
        self._attributes: dict[str, dict[str, Any]] | None = None
        self.read_cache = ProductReadCache(db)
        from fake_magento.backend.catalog.attribute_sets import AttributeSetStructure
        from fake_magento.backend.catalog.eav import ProductEav
        from fake_magento.backend.catalog.options import CustomOptions
        from fake_magento.backend.catalog.prices import PriceStorage
        from fake_magento.backend.catalog.tier_price_management import TierPriceManagement
        from fake_magento.backend.catalog.types import TypeParts

        self.values = ProductValues(self)
        self.prices = PriceStorage(self)
        self.tier_price_management = TierPriceManagement(self)
        self.custom_options = CustomOptions(self)
        self.attribute_sets = AttributeSetStructure(self)
        self.eav = ProductEav(self)
        self.types = TypeParts(self)

    @staticmethod
    def not_found() -> NoSuchEntityError:
        return product_not_found()

    def touch(self, conn: Any, product_id: int) -> None:
        conn.execute("UPDATE catalog_product_entity SET updated_at=? WHERE entity_id=?",
                     (self.clock.stamp(), product_id))

    def invalidate(self) -> None:
        self._attributes = None

    # -- attributes --------------------------------------------------------------------------
    def attributes(self) -> dict[str, dict[str, Any]]:
        if self._attributes is None:
            rows = self.db.query("SELECT * FROM catalog_eav_attribute ORDER BY attribute_id")
            self._attributes = {r["attribute_code"]: dict(r) for r in rows}
        return self._attributes

    def effective_scope(self, code: str) -> int:
        meta = self.attributes()[code]
        if meta["frontend_input"] == "price":
            return SCOPE_WEBSITE if self.config.price_scope == 1 else SCOPE_GLOBAL
        return int(meta["scope"])

    def seed_attributes(self) -> None:
        with self.db.write() as conn:
            for attribute_id, (code, label, frontend, backend_type, scope, required) in enumerate(STANDARD, 60):
                options = [{"label": label_, "value": value} for value, label_ in OPTIONS.get(code, [])]
                conn.execute("INSERT INTO catalog_eav_attribute(attribute_id, attribute_code, frontend_label,"
                             " frontend_input, backend_type, scope, is_required, is_user_defined, options)"
                             " VALUES (?,?,?,?,?,?,?,?,?)",
                             (attribute_id, code, label, frontend, backend_type, scope, required,
                              int(code in USER_DEFINED), json.dumps(options)))
            conn.executemany("INSERT INTO catalog_attribute_set VALUES (?,?,?,?)",
                             [(DEFAULT_ATTRIBUTE_SET, "Default", 4, 1), (9, "Top", 4, 2)])
        self.invalidate()

    def attribute_data(self, code: str) -> dict[str, Any]:
        meta = self.attributes().get(code)
        if meta is None:
            # Eav/Model/AttributeRepository::get
            raise NoSuchEntityError('The attribute with a "%1" attributeCode doesn\'t exist. Verify the '
                                    "attribute and try again.", [code])
        scope = {SCOPE_STORE: "store", SCOPE_GLOBAL: "global", SCOPE_WEBSITE: "website"}[meta["scope"]]
        # key order and types as Adobe's attribute-set sample (plan-product.md): entity_type_id and
        # is_unique are strings, validation_rules an empty list
        out: dict[str, Any] = {
            "scope": scope, "attribute_id": meta["attribute_id"], "attribute_code": code,
            "frontend_input": meta["frontend_input"], "entity_type_id": "4",
            "is_required": bool(meta["is_required"]), "options": self.attribute_options(code),
            "is_user_defined": bool(meta["is_user_defined"]), "default_frontend_label": meta["frontend_label"],
            "frontend_labels": [], "backend_type": meta["backend_type"]}
        if self._table_source(meta):
            out.update({"source_model": TABLE_SOURCE, "default_value": ""})
        out.update({"is_unique": "1" if code == "sku" else "0", "validation_rules": []})
        return out

    @staticmethod
    def _table_source(meta: dict[str, Any]) -> bool:
        return bool(meta["is_user_defined"]) and meta["frontend_input"] in ("select", "multiselect")

    def attribute_options(self, code: str) -> list[dict[str, Any]]:
        require_attribute_code(code)
        meta = self.attributes().get(code)
        if meta is None:
            raise NoSuchEntityError('The attribute with a "%1" attributeCode doesn\'t exist. Verify the '
                                    "attribute and try again.", [code])
        options = json.loads(meta["options"])
        # Eav's Table source (getAllOptions with $withEmpty) puts an empty " " option first; the
        # system sources (visibility, tax class, bundle's shipment type...) list their values only
        return ([{"label": " ", "value": ""}] + options) if self._table_source(meta) else options

    @staticmethod
    def product_types() -> list[dict[str, Any]]:
        return [{"name": code, "label": label} for code, label in TYPES]

    # -- reads -------------------------------------------------------------------------------
    def find_id(self, sku: str) -> int | None:
        row = self.db.one("SELECT entity_id FROM catalog_product_entity WHERE sku=?", (sku,))
        return int(row[0]) if row else None

    def get_product(self, sku: str, scope: StoreScope) -> dict[str, Any]:
        row = self.db.one("SELECT * FROM catalog_product_entity WHERE sku=?", (sku,))
        if row is None:
            raise product_not_found()
        return self._product_from_row(row, scope)

    def read_product(self, sku: str, scope: StoreScope) -> dict[str, Any]:
        """``get_product`` for GET /V1/products/{sku}: the same answer, kept until the database changes
        (read_cache.py). The dict is shared between requests: callers must not change it."""
        return self.read_cache.get((sku, scope), lambda: self.get_product(sku, scope))

    def read_product_as(self, sku: str, scope: StoreScope, encode: Callable[[dict[str, Any]], Any]) -> Any:
        """``encode(read_product(...))``, kept with the answer (the route's JSON text)."""
        return self.read_cache.get_derived((sku, scope), lambda: self.get_product(sku, scope), encode)

    def _values(self, product_id: int, scope: StoreScope) -> dict[str, str | None]:
        return self.values.read(product_id, scope)

    def _target_stores(self, code: str, scope: StoreScope) -> list[int]:
        return self.values.target_stores(code, scope)

    def product_data(self, product_id: int, scope: StoreScope, *, collection: bool = False) -> dict[str, Any]:
        """ProductInterface by id; ``collection``: as getList's product collection loads it (values.read)."""
        row = self.db.one("SELECT * FROM catalog_product_entity WHERE entity_id=?", (product_id,))
        if row is None:
            raise product_not_found()
        return self._product_from_row(row, scope, collection=collection)

    def _product_from_row(self, row: Any, scope: StoreScope, *, collection: bool = False) -> dict[str, Any]:
        """ProductInterface from the entity row (the SKU lookup's row is the one read)."""
        product_id = int(row["entity_id"])
        values = self.values.read(product_id, scope, collection=collection)
        out: dict[str, Any] = {"id": product_id, "sku": row["sku"]}
        for key in ("name", "attribute_set_id", "price", "status", "visibility", "type_id", "created_at",
                    "updated_at", "weight"):
            if key == "attribute_set_id":
                out[key] = row["attribute_set_id"]
            elif key in ("type_id", "created_at", "updated_at"):
                out[key] = row[key]
            elif values.get(key) is not None:
                kind = TOP_LEVEL[key]
                value = values[key]
                out[key] = value if kind == "str" else (int(float(value)) if kind == "int" else float(value))
        websites = [r[0] for r in self.db.query(
            "SELECT website_id FROM catalog_product_website WHERE product_id=? ORDER BY website_id", (product_id,))]
        extension: dict[str, Any] = {"website_ids": websites}
        links = self.category_links.links_for_product(product_id)
        if links:
            extension["category_links"] = links
        stock = self.inventory.stock_item_for_product(product_id)
        if stock is not None:
            extension["stock_item"] = stock
        extension.update(self.types.extension(product_id, row["type_id"]))
        out["extension_attributes"] = extension
        out.update({"product_links": self.types.links.links(product_id, row["sku"]), "options": [],
                    "media_gallery_entries": [], "tier_prices": self.prices.product_tier_prices(product_id)})
        custom = []
        for code in self.attributes():
            if code in TOP_LEVEL or code == "sku" or values.get(code) is None:
                continue
            custom.append({"attribute_code": code, "value": values[code]})
        if links:
            custom.append({"attribute_code": "category_ids", "value": [link["category_id"] for link in links]})
        if custom:
            out["custom_attributes"] = custom
        self.types.adjust_output(out, row["type_id"])
        return out

    # -- search ------------------------------------------------------------------------------
    def get_list(self, criteria: SearchCriteria, scope: StoreScope) -> dict[str, Any]:
        ids, total = run_search(self.db, product_entity(self, scope), criteria,
                                custom_filters=product_custom_filters(self, scope), config=self.config)
        return search_result([self.product_data(i, scope, collection=True) for i in ids], criteria, total)

    # -- writes ------------------------------------------------------------------------------
    def _normalise(self, product: Any) -> dict[str, Any]:
        return product_input(self, product)

    def save_product(self, product: Any, scope: StoreScope, *, sku: str | None = None) -> dict[str, Any]:
        """ProductRepository::save: an upsert by SKU; the path SKU overrides the body's."""
        # One transaction from the SKU lookup to the last row: saves of one new SKU at once make one
        # product (the later ones update it), as they would one after the other; the lookup outside
        # the transaction let each insert it, and all but one failed on the UNIQUE sku (a masked 500).
        with self.db.write():
            return self._save_product(product, scope, sku)

    def _save_product(self, product: Any, scope: StoreScope, sku: str | None) -> dict[str, Any]:
        data = self._normalise(product)
        if sku is not None:
            data["sku"] = sku
        sku_value = data.get("sku")
        existing = self.find_id(sku_value) if sku_value else None
        is_new = existing is None
        sent: dict[str, Any] = {k: data[k] for k in TOP_LEVEL if k in data}
        for code, value in data["custom_attributes"].items():
            # Product::getCustomAttributesCodes leaves out ProductInterface::ATTRIBUTES: a name, price,
            # status, visibility or weight sent as a custom attribute is checked, then ignored
            # (measured on 2.4.7-p3: 200, the product unchanged)
            if code in self.attributes() and code not in ("sku", "category_ids", *TOP_LEVEL):
                sent[code] = value
        current: dict[str, Any] = {}
        if is_new:
            type_id = data.get("type_id") or "simple"
            attribute_set_id = data.get("attribute_set_id") or DEFAULT_ATTRIBUTE_SET
            # new-product defaults (attribute default values, Bundle/Setup defaults)
            for code, value in (("status", 1), ("visibility", 4), ("options_container", "container2"),
                                ("tax_class_id", "2"), ("msrp_display_actual_price_type", "0"),
                                ("required_options", "0"), ("has_options", "0"),
                                *self.types.new_defaults(type_id).items()):
                if code not in sent:
                    sent[code] = value
            if sent.get("name") and is_empty(sent.get("url_key")):
                # ProductUrlKeyAutogeneratorObserver: the URL key from the name
                sent["url_key"] = slug(str(sent["name"]))
        else:
            assert existing is not None
            row = self.db.one("SELECT type_id, attribute_set_id FROM catalog_product_entity WHERE entity_id=?",
                              (existing,))
            type_id = data.get("type_id") or row["type_id"]
            attribute_set_id = data.get("attribute_set_id") or row["attribute_set_id"]
            current = dict(self.values.read(existing, scope))
        merged = {**current, **sent}
        if php_truthy(merged.get("special_price")) and is_empty(merged.get("special_from_date")):
            # Observer/SetSpecialPriceStartDate (PHP truthiness: a special price sent as "" is 0.0, no date):
            # today (store time) at midnight
            sent["special_from_date"] = merged["special_from_date"] = self.clock.stamp()[:10] + " 00:00:00"
        checked = merged
        if not scope.is_admin:
            # Measured on 2.4.7-p3: through a store view (the default path included) a null is no value to
            # validate: {"name": null} answers 200 and the view falls back to the admin name, where "" and
            # a null through `all` answer 400 'The "Product Name" attribute value is empty...'.
            checked = {**current, **{code: value for code, value in sent.items() if value is not None}}
        validate_product(self, sku_value, attribute_set_id, type_id, checked)
        stored = {code: self.values.stored(code, value) for code, value in sent.items()}
        extension = data["extension_attributes"]
        type_parts = self.types.prepare(data, extension, type_id)
        now = self.clock.stamp()
        with self.db.write() as conn:
            if is_new:
                product_id = self.db.next_id("product")
                conn.execute("INSERT INTO catalog_product_entity(entity_id, sku, type_id, attribute_set_id,"
                             " created_at, updated_at) VALUES (?,?,?,?,?,?)",
                             (product_id, sku_value, type_id, attribute_set_id, now, now))
            else:
                product_id = existing
                assert product_id is not None
                conn.execute("UPDATE catalog_product_entity SET updated_at=?, type_id=?, attribute_set_id=?"
                             " WHERE entity_id=?", (now, type_id, attribute_set_id, product_id))
            for code, value in stored.items():
                self.values.write(conn, product_id, code, value, scope)
            if stored.get("url_key"):
                self._check_url_key(conn, product_id, stored["url_key"], scope)
            self._save_websites(conn, product_id, extension.get("website_ids"), scope, is_new)
            self.types.save(conn, product_id, type_id, type_parts)
            if data.get("tier_prices") is not None:
                self.prices.replace_product_tier_prices(conn, product_id, data["tier_prices"], scope)
            if "category_links" in extension:
                if extension["category_links"] is not None:
                    self.category_links.set_product_links(product_id, extension["category_links"],
                                                              sku=sku_value)
            elif "category_ids" in data["custom_attributes"]:
                ids = data["custom_attributes"]["category_ids"]
                ids = ids if isinstance(ids, list) else str(ids).split(",")
                self.category_links.set_product_links(
                    product_id, [{"category_id": str(i), "position": 0} for i in ids if str(i)], sku=sku_value)
            self.category_links.on_product_saved(product_id, str(sku_value))
            self.inventory.on_product_saved(product_id, str(sku_value), type_id,
                                                    extension.get("stock_item"), is_new)
        return self.product_data(product_id, scope)

    def _check_url_key(self, conn: Any, product_id: int, url_key: str, scope: StoreScope) -> None:
        # CatalogUrlRewrite/Model/Product/Validator: a URL key is unique per store view.
        clash = conn.execute("SELECT 1 FROM catalog_product_value WHERE attribute_code='url_key' AND value=?"
                             " AND store_id IN (?, 0) AND entity_id != ? LIMIT 1",
                             (url_key, scope.store_id, product_id)).fetchone()
        if clash:
            raise MagentoError("URL key for specified store already exists.")

    def _save_websites(self, conn: Any, product_id: int, website_ids: Any, scope: StoreScope,
                       is_new: bool) -> None:
        """ProductRepository::assignProductToWebsites: all websites from ``all``, else the view's."""
        if website_ids is not None:
            wanted = [int(mysql_number(w)) for w in (website_ids if isinstance(website_ids, list) else [website_ids])]
        elif is_new:
            wanted = self.stores.website_ids() if scope.is_admin else [scope.website_id]
        else:
            return
        conn.execute("DELETE FROM catalog_product_website WHERE product_id=?", (product_id,))
        conn.executemany("INSERT OR IGNORE INTO catalog_product_website VALUES (?,?)",
                         [(product_id, w) for w in wanted])

    def delete_product(self, sku: str) -> bool:
        product_id = self.find_id(sku)
        if product_id is None:
            raise product_not_found()
        with self.db.write() as conn:
            self.category_links.on_product_deleted(product_id)
            self.inventory.on_product_deleted(product_id, sku)
            conn.execute("DELETE FROM catalog_product_entity WHERE entity_id=?", (product_id,))
        return True
