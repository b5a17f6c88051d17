"""Product getList (ProductRepository::getList) on the shared searchCriteria engine.

Every EAV attribute is a field whose value is read in the current store scope with the view ->
admin fallback; unknown fields answer the EAV "attribute name is invalid" error. The product
custom filters (Catalog/etc/di.xml ProductFilterProcessor) are AND-ed wherever they sit.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_magento.backend.catalog.attributes import SCOPE_GLOBAL
from fake_magento.backend.catalog.filters import category_filter, website_filter
from fake_magento.backend.scope import ADMIN_STORE_ID, StoreScope
from fake_magento.errors import NoSuchEntityError
from fake_magento.search import EntitySearch, Field, Filter

if TYPE_CHECKING:
    from fake_magento.backend.catalog import CatalogService

_VALUE_SQL = ("(SELECT v.value FROM catalog_product_value v WHERE v.entity_id = p.entity_id AND"
              " v.attribute_code = '{code}' AND v.store_id IN ({stores})"
              " ORDER BY v.store_id = 0 LIMIT 1)")
_KINDS = {"decimal": "float", "int": "int", "datetime": "date"}


def product_entity(catalog: CatalogService, scope: StoreScope) -> EntitySearch:
    stores = ",".join(str(s) for s in dict.fromkeys((scope.store_id, ADMIN_STORE_ID)))
    # no "id": the API's name is not an attribute (filter 400 invalid name, sort ignored; sandbox)
    fields = {"entity_id": Field("p.entity_id", "int"),
              "sku": Field("p.sku"), "type_id": Field("p.type_id"),
              "attribute_set_id": Field("p.attribute_set_id", "int"),
              "created_at": Field("p.created_at", "date"), "updated_at": Field("p.updated_at", "date"),
              # Product/Collection::addAttributeToSort: "position" without the category limitation
              # filter (getList's category_id filter uses addCategoriesFilter) sorts by entity_id.
              "position": Field("p.entity_id", "int")}
    for code, meta in catalog.attributes().items():
        if code not in fields:
            kind = _KINDS.get(meta["backend_type"], "text")
            # Catalog AbstractCollection::_joinAttributeToSelect joins a view's values only for an
            # attribute that is not global: a global one filters and sorts on store 0's value.
            global_only = catalog.effective_scope(code) == SCOPE_GLOBAL
            sql = _VALUE_SQL.format(code=code, stores=ADMIN_STORE_ID if global_only else stores)
            if kind in ("float", "int"):
                sql = f"CAST({sql} AS REAL)"  # values are stored as text, as in Magento's EAV tables
            fields[code] = Field(sql, kind)  # type: ignore[arg-type]
    return EntitySearch(table="catalog_product_entity p", id_column="p.entity_id", fields=fields,
                        unknown_field="eav")


def product_custom_filters(catalog: CatalogService, scope: StoreScope) -> dict[str, Any]:
    stores = catalog.stores

    def store(flt: Filter) -> tuple[str, list[Any]]:
        # ProductStoreFilter -> addStoreFilter -> StoreManager::getStore: '' is the current store, a
        # numeric value an id, anything else a code (admin included); unknown -> 404 (measured on 2.4.7-p3:
        # 99, abc, ' 1', '1,2'). The filter is the store's website assignment.
        value = "" if flt.value is None else str(flt.value)
        if value == "":
            found = scope
        else:
            row = next((s for s in stores.stores() if str(s["store_id"]) == value or s["code"] == value), None)
            if row is None:
                raise NoSuchEntityError("The store that was requested wasn't found. Verify the store and try again.")
            found = stores.scope_for_store_id(row["store_id"])
        if found.is_admin:
            return "1", []
        return ("p.entity_id IN (SELECT product_id FROM catalog_product_website WHERE website_id = ?)",
                [found.website_id])

    return {"category_id": lambda flt: category_filter(catalog, flt), "store_id": store, "store": store,
            "website_id": lambda flt: website_filter(catalog, scope, flt)}
