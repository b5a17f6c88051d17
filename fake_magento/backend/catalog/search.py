"""Product getList (ProductRepository::getList) on the shared searchCriteria engine.

Every EAV attribute is a field whose value is read in the current store scope with the view ->
admin fallback; unknown fields answer the EAV "attribute name is invalid" error. The product
custom filters (Catalog/etc/di.xml ProductFilterProcessor) are AND-ed wherever they sit.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_magento.backend.scope import ADMIN_STORE_ID, StoreScope
from fake_magento.search import EntitySearch, Field, Filter, mysql_number

if TYPE_CHECKING:
    from fake_magento.backend.catalog import CatalogService

_VALUE_SQL = ("(SELECT v.value FROM catalog_product_value v WHERE v.entity_id = p.entity_id AND"
              " v.attribute_code = '{code}' AND v.store_id IN ({stores})"
              " ORDER BY v.store_id = 0 LIMIT 1)")
_KINDS = {"decimal": "float", "int": "int", "datetime": "date"}


def product_entity(catalog: CatalogService, scope: StoreScope) -> EntitySearch:
    stores = ",".join(str(s) for s in dict.fromkeys((scope.store_id, ADMIN_STORE_ID)))
    fields = {"entity_id": Field("p.entity_id", "int"), "id": Field("p.entity_id", "int"),
              "sku": Field("p.sku"), "type_id": Field("p.type_id"),
              "attribute_set_id": Field("p.attribute_set_id", "int"),
              "created_at": Field("p.created_at", "date"), "updated_at": Field("p.updated_at", "date"),
              # Product/Collection::addAttributeToSort: "position" without the category limitation
              # filter (getList's category_id filter uses addCategoriesFilter) sorts by entity_id.
              "position": Field("p.entity_id", "int")}
    for code, meta in catalog.attributes().items():
        if code not in fields:
            kind = _KINDS.get(meta["backend_type"], "text")
            sql = _VALUE_SQL.format(code=code, stores=stores)
            if kind in ("float", "int"):
                sql = f"CAST({sql} AS REAL)"  # values are stored as text, as in Magento's EAV tables
            fields[code] = Field(sql, kind)  # type: ignore[arg-type]
    return EntitySearch(table="catalog_product_entity p", id_column="p.entity_id", fields=fields,
                        unknown_field="eav")


def product_custom_filters(catalog: CatalogService) -> dict[str, Any]:
    stores = catalog.backend.stores

    def ids(flt: Filter) -> list[str]:
        raw = flt.value if isinstance(flt.value, list) else str(flt.value or "").split(",")
        return [str(v) for v in raw]

    def category(flt: Filter) -> tuple[str, list[Any]]:
        # ProductCategoryFilter: the condition defaults to "in"; eq behaves as in.
        values = ids(flt)
        negate = "NOT " if flt.condition_type.lower() == "nin" else ""
        marks = ",".join("?" for _ in values)
        return (f"p.entity_id {negate}IN (SELECT product_id FROM catalog_category_product"
                f" WHERE category_id IN ({marks}))", [mysql_number(v) for v in values])

    def store(flt: Filter) -> tuple[str, list[Any]]:
        # ProductStoreFilter -> addStoreFilter: a store code or id; the store's website assignment.
        value = str(flt.value)
        scope = stores.scope_for_code(value) if not value.isdigit() else None
        if scope is None and value.isdigit():
            scope = stores.scope_for_store_id(int(value)) if int(value) in [
                s["store_id"] for s in stores.stores()] else None
        if scope is None or scope.is_admin:
            return "1", []
        return ("p.entity_id IN (SELECT product_id FROM catalog_product_website WHERE website_id = ?)",
                [scope.website_id])

    def website(flt: Filter) -> tuple[str, list[Any]]:
        values = [mysql_number(v) for v in ids(flt)]
        marks = ",".join("?" for _ in values)
        return (f"p.entity_id IN (SELECT product_id FROM catalog_product_website WHERE website_id IN ({marks}))",
                values)

    return {"category_id": category, "store_id": store, "store": store, "website_id": website}
