"""categories area: the category tree and product assignments.

Mirrors ``Catalog/Model/CategoryRepository``, ``CategoryManagement``, ``CategoryLinkRepository``,
``CategoryLinkManagement`` and ``Category/Tree``. Static tree columns (path, level, position,
children_count) live in ``catalog_category_entity``; every EAV attribute is store-scoped, read
with the view -> admin (store 0) fallback.
"""
from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from fake_magento.backend.scope import ADMIN_STORE_ID, StoreScope
from fake_magento.errors import MagentoError, NoSuchEntityError
from fake_magento.types import custom_attribute, custom_attribute_value, php_truthy

if TYPE_CHECKING:
    from fake_magento.backend.clock import Clock
    from fake_magento.backend.product_ids import ProductIds
    from fake_magento.backend.stores import StoreRepository
    from fake_magento.config import Config
    from fake_magento.storage import Database

TREE_ROOT_ID = 1  # Catalog/Model/Category::TREE_ROOT_ID

# Category attributes in attribute-id order (how custom_attributes come out of a stock install);
# path and children_count are static columns that Magento still lists as custom attributes.
CUSTOM_ATTRIBUTES = [
    "description", "image", "meta_title", "meta_keywords", "meta_description", "display_mode",
    "landing_page", "is_anchor", "path", "custom_design", "custom_design_from", "custom_design_to",
    "page_layout", "custom_layout_update", "children_count", "default_sort_by",
    "custom_use_parent_settings", "custom_apply_to_products", "filter_price_range", "url_key", "url_path",
    "custom_layout_update_file",
]
# Attributes of CategoryInterface itself (top-level keys), stored as EAV values.
INTERFACE_ATTRIBUTES = ["name", "is_active", "available_sort_by", "include_in_menu"]
# Required attributes are also written at store 0 when a new category is saved through a view
# (Catalog/Model/ResourceModel/AbstractResource::_insertAttribute).
REQUIRED_ATTRIBUTES = ["name", "is_active", "include_in_menu"]
STATIC_CUSTOM = {"path", "children_count"}


def category_not_found(category_id: Any) -> NoSuchEntityError:
    # NoSuchEntityException::singleField('id', $categoryId)
    return NoSuchEntityError("No such entity with %fieldName = %fieldValue",
                             {"fieldName": "id", "fieldValue": category_id})


def stored_flag(value: Any) -> bool | None:
    """A stored flag value ("0"/"1") read as PHP's (bool) cast; None when unset."""
    return None if value is None else php_truthy(value)


# Eav backend types of the category attributes that are not varchar/text (Catalog/Setup/CategorySetup):
# a custom attribute value is converted by it (ServiceInputProcessor::convertCustomAttributeValue;
# 2.4.7-p3 sandbox: include_in_menu or is_anchor "abc" or true -> 400 '... Attribute "is_anchor" has
# invalid value. The "abc" value's type is invalid. The "int" type was expected. ...')
BACKEND_TYPES = {"is_active": "int", "include_in_menu": "int", "is_anchor": "int", "landing_page": "int",
                 "custom_use_parent_settings": "int", "custom_apply_to_products": "int",
                 "filter_price_range": "decimal", "custom_design_from": "datetime", "custom_design_to": "datetime"}


def url_key_from(name: str) -> str:
    """Fw/Filter/TranslitUrl: transliterate, '&' -> 'and', non-alphanumerics -> '-', lower case."""
    text = name.replace("&", " and ").lower()
    text = re.sub(r"[^a-z0-9]+", "-", text)
    return text.strip("-")



def category_head(row: Any, values: dict[str, Any], *, tree: bool) -> dict[str, Any]:
    """id, parent_id, name, is_active, position, level. Null getters are left out of a
    CategoryInterface (``@return bool|null``), but a tree node writes ``"is_active": null``:
    CategoryTreeInterface::getIsActive is ``@return bool`` and DataObjectProcessor keeps nulls of
    non-nullable getters (the root category has no is_active value)."""
    out: dict[str, Any] = {"id": row["entity_id"], "parent_id": row["parent_id"]}
    if values.get("name") is not None:
        out["name"] = values["name"]
    active = stored_flag(values.get("is_active"))
    if active is not None or tree:
        out["is_active"] = active
    out["position"] = row["position"]
    out["level"] = row["level"]
    return out

class CategoryService:
    def __init__(self, db: Database, clock: Clock, config: Config, *, stores: StoreRepository,
                 products: ProductIds) -> None:
        self.db = db
        self.clock = clock
        self.config = config
        self.stores = stores
        self.products = products

    # -- reads -------------------------------------------------------------------------------
    def row(self, category_id: int) -> Any:
        return self.db.one("SELECT * FROM catalog_category_entity WHERE entity_id=?", (category_id,))

    def exists(self, category_id: int) -> bool:
        return self.row(category_id) is not None

    def values(self, ids: list[int], store_ids: tuple[int, ...]) -> dict[int, dict[str, Any]]:
        """Attribute values per category, the first store in ``store_ids`` that has one winning."""
        if not ids:
            return {}
        out: dict[int, dict[str, Any]] = {i: {} for i in ids}
        marks = ",".join("?" * len(ids))
        smarks = ",".join("?" * len(store_ids))
        rows = self.db.query(
            f"SELECT entity_id, store_id, attribute_code, value FROM catalog_category_value"
            f" WHERE entity_id IN ({marks}) AND store_id IN ({smarks})", (*ids, *store_ids))
        rank = {s: i for i, s in enumerate(store_ids)}
        best: dict[tuple[int, str], int] = {}
        for r in rows:
            key = (r["entity_id"], r["attribute_code"])
            if key in best and best[key] <= rank[r["store_id"]]:
                continue
            best[key] = rank[r["store_id"]]
            out[r["entity_id"]][r["attribute_code"]] = json.loads(r["value"]) if r["value"] is not None else None
        return out

    def children_ids(self, category_id: int) -> list[int]:
        return [r[0] for r in self.db.query(
            "SELECT entity_id FROM catalog_category_entity WHERE parent_id=? ORDER BY position, entity_id",
            (category_id,))]

    def _data(self, row: Any, values: dict[str, Any]) -> dict[str, Any]:
        """CategoryInterface as the web API writes it; null values are left out."""
        cid = row["entity_id"]
        out = category_head(row, values, tree=False)
        out["children"] = ",".join(str(i) for i in self.children_ids(cid))
        out["created_at"] = row["created_at"]
        out["updated_at"] = row["updated_at"]
        out["path"] = row["path"]
        sort_by = values.get("available_sort_by")
        out["available_sort_by"] = list(sort_by) if isinstance(sort_by, list) else (
            [s for s in str(sort_by).split(",") if s] if sort_by else [])
        menu = stored_flag(values.get("include_in_menu"))
        if menu is not None:
            out["include_in_menu"] = menu
        custom = []
        for code in CUSTOM_ATTRIBUTES:
            if code == "path":
                value: Any = row["path"]
            elif code == "children_count":
                value = str(row["children_count"])
            else:
                value = values.get(code)
            if value is None:
                continue
            custom.append({"attribute_code": code, "value": value if isinstance(value, list) else str(value)})
        out["custom_attributes"] = custom
        return out

    def get(self, category_id: int, scope: StoreScope) -> dict[str, Any]:
        row = self.row(category_id)
        if row is None:
            raise category_not_found(category_id)
        values = self.values([row["entity_id"]], scope.fallback_store_ids())[row["entity_id"]]
        return self._data(row, values)

    def category_data(self, ids: list[int], scope: StoreScope) -> list[dict[str, Any]]:
        """Several categories in the given order (list results)."""
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = {r["entity_id"]: r for r in self.db.query(
            f"SELECT * FROM catalog_category_entity WHERE entity_id IN ({marks})", ids)}
        values = self.values(ids, scope.fallback_store_ids())
        return [self._data(rows[i], values[i]) for i in ids if i in rows]

    def get_list(self, criteria: Any, scope: StoreScope) -> dict[str, Any]:
        """CategoryListInterface::getList: EAV collection in the current store."""
        from fake_magento.backend.categories.search import category_list

        return category_list(self, criteria, scope)

    # -- writes ------------------------------------------------------------------------------
    def _write_values(self, conn: Any, cid: int, store_id: int, values: dict[str, Any]) -> None:
        for code, value in values.items():
            if value is None:
                conn.execute("DELETE FROM catalog_category_value WHERE entity_id=? AND store_id=? AND attribute_code=?",
                             (cid, store_id, code))
                continue
            conn.execute(
                "INSERT INTO catalog_category_value(entity_id, store_id, attribute_code, value) VALUES (?,?,?,?)"
                " ON CONFLICT(entity_id, store_id, attribute_code) DO UPDATE SET value=excluded.value",
                (cid, store_id, code, json.dumps(value)))

    @staticmethod
    def _posted_values(data: dict[str, Any]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for code in INTERFACE_ATTRIBUTES:
            if code in data:
                value = data[code]
                if code in ("is_active", "include_in_menu") and value is not None:
                    value = "1" if value else "0"  # a bool (converted at the edge) stored as the int column
                elif code == "available_sort_by" and value is not None:
                    value = [str(v) for v in value] if isinstance(value, list) else [
                        s for s in str(value).split(",") if s]
                elif code == "name" and value is not None:
                    value = str(value)
                values[code] = value
        for attr in data.get("custom_attributes") or []:
            code, value = custom_attribute(attr)
            value = custom_attribute_value(code, value, BACKEND_TYPES.get(code))
            if code in STATIC_CUSTOM or code not in CUSTOM_ATTRIBUTES and code not in INTERFACE_ATTRIBUTES:
                continue
            if isinstance(value, list):
                value = ",".join(str(v) for v in value)
            values[code] = None if value is None else str(value)
        return values

    def save(self, data: dict[str, Any], scope: StoreScope, category_id: int | None = None) -> dict[str, Any]:
        """CategoryRepository::save: create (no id) or update; values go to the request's store."""
        store_id = scope.store_id
        cid = category_id if category_id is not None else data.get("id")
        values = self._posted_values(data)
        now = self.clock.stamp()
        with self.db.write() as conn:
            if cid not in (None, "", 0, "0"):
                row = self.row(cid)
                if row is None:
                    raise category_not_found(cid)
                cid = row["entity_id"]
                current = self.values([cid], scope.fallback_store_ids())[cid]
                merged = {**current, **values}
                if not merged.get("name"):
                    self._required("Name")
                if "position" in data and data["position"] is not None:
                    conn.execute("UPDATE catalog_category_entity SET position=? WHERE entity_id=?",
                                 (int(data["position"]), cid))
                conn.execute("UPDATE catalog_category_entity SET updated_at=? WHERE entity_id=?", (now, cid))
                self._write_values(conn, cid, store_id, values)
                self._refresh_url_path(conn, cid, store_id, values)
                return self.get(cid, scope)
            parent_id = data.get("parent_id") or self._store_root(scope)
            parent = self.row(parent_id)
            if parent is None:
                raise category_not_found(parent_id)
            if not values.get("name"):
                self._required("Name")
            cid = self._next_category_id(conn)
            level = parent["level"] + 1
            position = data.get("position")
            if position is None:
                top = conn.execute(
                    "SELECT MAX(position) FROM catalog_category_entity WHERE path LIKE ? AND level=?",
                    (parent["path"] + "/%", level)).fetchone()[0]
                position = (top or 0) + 1
            path = f"{parent['path']}/{cid}"
            conn.execute(
                "INSERT INTO catalog_category_entity(entity_id, parent_id, path, position, level, children_count,"
                " created_at, updated_at) VALUES (?,?,?,?,?,0,?,?)",
                (cid, parent["entity_id"], path, int(position), level, now, now))
            ancestors = [int(p) for p in parent["path"].split("/")]
            marks = ",".join("?" * len(ancestors))
            conn.execute(f"UPDATE catalog_category_entity SET children_count = children_count + 1"
                         f" WHERE entity_id IN ({marks})", ancestors)
            if level >= 2 and not values.get("url_key"):
                # CatalogUrlRewrite/Observer/CategoryUrlPathAutogeneratorObserver
                values["url_key"] = url_key_from(values["name"])
            self._write_values(conn, cid, store_id, values)
            if store_id != ADMIN_STORE_ID:
                admin_values = {k: values[k] for k in REQUIRED_ATTRIBUTES if values.get(k) is not None}
                self._write_values(conn, cid, ADMIN_STORE_ID, admin_values)
            self._refresh_url_path(conn, cid, store_id, values)
        return self.get(cid, scope)

    def _refresh_url_path(self, conn: Any, cid: int, store_id: int, values: dict[str, Any]) -> None:
        if not values.get("url_key"):
            return
        row = conn.execute("SELECT parent_id, level FROM catalog_category_entity WHERE entity_id=?", (cid,)).fetchone()
        if row["level"] < 2:
            return
        parent_path = None
        if row["level"] > 2:
            parent_values = self.values([row["parent_id"]], (store_id, ADMIN_STORE_ID))[row["parent_id"]]
            parent_path = parent_values.get("url_path") or parent_values.get("url_key")
        url_path = f"{parent_path}/{values['url_key']}" if parent_path else values["url_key"]
        self._write_values(conn, cid, store_id, {"url_path": url_path})

    @staticmethod
    def _required(label: str) -> None:
        # CategoryRepository::save wraps the attribute backend's validation error.
        raise MagentoError("Could not save category: %1",
                           [f'The "{label}" attribute value is empty. Set the attribute and try again.'])

    def _next_category_id(self, conn: Any) -> int:
        top = conn.execute("SELECT MAX(entity_id) FROM catalog_category_entity").fetchone()[0] or 0
        seq = self.db.next_id("category")
        while seq <= top:
            seq = self.db.next_id("category")
        return seq

    def _store_root(self, scope: StoreScope) -> int:
        group = next((g for g in self.stores.groups() if g["group_id"] == scope.group_id), None)
        return group["root_category_id"] if group and group["root_category_id"] else TREE_ROOT_ID

    def create_raw(self, conn: Any, cid: int, parent_id: int, path: str, level: int, position: int,
                   values_by_store: dict[int, dict[str, Any]]) -> None:
        """Seeding helper for the fixed ids (1 and 2); children_count kept by the caller."""
        now = self.clock.stamp()
        conn.execute(
            "INSERT INTO catalog_category_entity(entity_id, parent_id, path, position, level, children_count,"
            " created_at, updated_at) VALUES (?,?,?,?,?,0,?,?)", (cid, parent_id, path, position, level, now, now))
        for store_id, values in values_by_store.items():
            self._write_values(conn, cid, store_id, values)

    def delete(self, category_id: int) -> bool:
        """CategoryRepository::deleteByIdentifier; Category::beforeDelete forbids store roots."""
        row = self.row(category_id)
        if row is None:
            raise category_not_found(category_id)
        cid = row["entity_id"]
        roots = {g["root_category_id"] for g in self.stores.groups()}
        if cid == TREE_ROOT_ID or cid in roots:
            # "Can't delete root category." is wrapped by CategoryRepository::delete;
            # CategoryRepositoryTest::testDeleteSystemOrRoot expects parameters ["<id>"].
            raise MagentoError("Cannot delete category with id %1", [str(cid)])
        with self.db.write() as conn:
            ancestors = [int(p) for p in row["path"].split("/")[:-1]]
            if ancestors:
                marks = ",".join("?" * len(ancestors))
                conn.execute(f"UPDATE catalog_category_entity SET children_count = children_count - ?"
                             f" WHERE entity_id IN ({marks})", (row["children_count"] + 1, *ancestors))
            conn.execute("DELETE FROM catalog_category_entity WHERE entity_id=? OR path LIKE ?",
                         (cid, row["path"] + "/%"))
        return True
