"""searchCriteria: parse (both spellings) -> dataclasses -> SQL, shared by every list route.

Usage in a list view::

    ORDERS = EntitySearch(table="sales_order", id_column="entity_id", unknown_field="flat",
                          fields={"increment_id": Field("increment_id"), "grand_total": Field("grand_total", "float")})
    criteria = parse_search_criteria(req.query)          # 400 when searchCriteria is missing
    ids, total = run_search(db, ORDERS, criteria, where=("store_id = ?", [1]),
                            custom_filters={"category_id": fn}, config=backend.config)
    return search_result([load(i) for i in ids], criteria, total)

``Field`` maps a Magento field to an SQL expression with a type (int, float, text, date);
expressions may carry their own parameters (store-scoped EAV values with fallback).
``unknown_field="eav"`` answers Magento's 400 for unknown attributes and ignores unknown
sort fields; ``"flat"`` answers the masked 500 that a MySQL "unknown column" gives.
"""
from fake_magento.search.criteria import Filter, FilterGroup, SearchCriteria, SortOrder, parse_search_criteria
from fake_magento.search.result import search_result
from fake_magento.search.sql import EntitySearch, Field, condition_sql, mysql_number, run_search

__all__ = ["EntitySearch", "Field", "Filter", "FilterGroup", "SearchCriteria", "SortOrder", "condition_sql",
           "mysql_number", "parse_search_criteria", "run_search", "search_result"]
