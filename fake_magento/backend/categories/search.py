"""Category lists on the shared searchCriteria engine (CategoryList::getList: an EAV collection).

Static columns are plain fields; attribute values are read in the request's store with the
admin values (store 0) as fallback, like the EAV collection joins them.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_magento.search import EntitySearch, Field, SearchCriteria, run_search, search_result

if TYPE_CHECKING:
    from fake_magento.backend.categories import CategoryService
    from fake_magento.backend.scope import StoreScope

STATIC = {"entity_id": "int", "parent_id": "int", "path": "text", "position": "int", "level": "int",
          "children_count": "int", "attribute_set_id": "int", "created_at": "date", "updated_at": "date"}
ATTRIBUTES = {
    "name": "text", "is_active": "int", "include_in_menu": "int", "available_sort_by": "text", "description": "text",
    "image": "text", "meta_title": "text", "meta_keywords": "text", "meta_description": "text",
    "display_mode": "text", "landing_page": "int", "is_anchor": "int", "custom_design": "text",
    "custom_design_from": "date", "custom_design_to": "date", "page_layout": "text", "custom_layout_update": "text",
    "default_sort_by": "text", "custom_use_parent_settings": "int", "custom_apply_to_products": "int",
    "filter_price_range": "float", "url_key": "text", "url_path": "text", "custom_layout_update_file": "text",
}
_VALUE = ("(SELECT json_extract(v.value, '$') FROM catalog_category_value v WHERE v.entity_id = c.entity_id"
          " AND v.attribute_code = '{code}' AND v.store_id IN ({stores})"
          " ORDER BY CASE v.store_id WHEN 0 THEN 1 ELSE 0 END LIMIT 1)")


def category_entity(scope: StoreScope) -> EntitySearch:
    stores = ",".join(str(int(s)) for s in scope.fallback_store_ids())
    fields = {name: Field(f"c.{name}", kind) for name, kind in STATIC.items()}  # type: ignore[arg-type]
    fields["id"] = fields["entity_id"]
    for code, kind in ATTRIBUTES.items():
        fields[code] = Field(_VALUE.format(code=code, stores=stores), kind)  # type: ignore[arg-type]
    return EntitySearch(table="catalog_category_entity c", id_column="c.entity_id", fields=fields,
                        unknown_field="eav")


def category_list(service: CategoryService, criteria: SearchCriteria, scope: StoreScope) -> dict[str, Any]:
    ids, total = run_search(service.db, category_entity(scope), criteria, config=service.config)
    return search_result(service.category_data(ids, scope), criteria, total)
