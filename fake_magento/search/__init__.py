"""searchCriteria: parse (both spellings) -> dataclasses -> SQL, shared by every list route.

Usage in a list route::

    ORDERS = EntitySearch(table="sales_order", id_column="entity_id", unknown_field="flat", fields={
        "entity_id": Field("entity_id", "int"),
        "increment_id": Field("increment_id", "text", nocase=True),
        "grand_total": Field("grand_total", "float"),
        "created_at": Field("created_at", "date"),
        "shipping_description": Field("json_extract(doc, '$.shipping_description')", "text"),
    })
    criteria = parse_search_criteria(req.query)          # 400 when searchCriteria is missing
    ids, total = run_search(db, ORDERS, criteria, where=("store_id = ?", [1]),
                            custom_filters={"category_id": fn}, config=backend.config)
    return search_result([load(i) for i in ids], criteria, total)

The API
-------
``parse_search_criteria(query, *, name="searchCriteria", required=True) -> SearchCriteria``
    ``query`` is the PHP-style nested dict of ``RestRequest.query``. Accepts ``searchCriteria``
    or ``search_criteria`` and every property in snake_case or camelCase (any case: PHP method
    names are case-insensitive). Raises Magento's errors: 400 ``"%fieldName" is required...``
    when missing; 400 with the nested ``Error occurred during "x" processing. ...`` message for
    type errors (``pageSize=abc``, an array where a string goes); the SortOrder messages; a
    masked 500 (``InternalError``) for an unknown key, in the order the properties were sent.
``SearchCriteria`` / ``FilterGroup`` / ``Filter`` / ``SortOrder``
    Frozen dataclasses. ``Filter.value`` is a string or None (backends may pass a list for
    ``in``); ``Filter.condition_type`` is kept as sent (Magento's map is case-sensitive).
``Field(sql, type="text", nocase=True, params=(), sortable=True)``
    One Magento field: an SQL expression (column, ``json_extract``, correlated subquery), its
    type (``int``, ``float``, ``text``, ``date``), whether it compares as a *_ci collation,
    and the expression's own parameters, repeated wherever the engine writes it, e.g.
    ``Field("COALESCE((SELECT value FROM v WHERE v.id = e.id AND store_id = ?), (SELECT ...
    store_id = 0))", "text", params=(3,))``.
``EntitySearch(table, id_column, fields, unknown_field="flat"|"eav", table_params=())``
    ``table`` may be ``"catalog_product_entity p"`` or a parenthesised subquery with an alias
    (its parameters in ``table_params``). ``unknown_field="eav"``: an unknown filter field is
    400 ``The "%1" attribute name is invalid...``, an unknown sort field is ignored, an unknown
    condition type is ``(f = '<field>') OR (f = '<value>')``. ``"flat"``: unknown filter and
    sort fields are MySQL "unknown column" errors (masked 500), unknown condition types are
    ``eq``, ``fulltext`` is ``LIKE '%v%'``, a group of one ``from`` and one ``to`` on one field
    is a range (FilterProcessor::checkFromTo).
``run_search(db, entity, criteria, *, where=None, custom_filters=None, config=None)``
    -> ``(ids of the page in order, total_count)``. ``db`` is the backend ``Database`` or a
    ``sqlite3.Connection`` (the MySQL functions the SQL needs are registered on demand).
    ``where=(sql, params)`` is AND-ed in. ``custom_filters={field: fn}``: ``fn(filter) ->
    (sql, params)``, always AND-ed even inside an OR group (Magento's product custom filters).
    ``config`` carries ``input_limits_enabled``, ``max_page_size``, ``default_page_size``.
    Order: the sort orders in order (no direction = DESC), then ``id_column`` ASC.
``search_result(items, criteria, total)``
    ``{"items", "search_criteria", "total_count"}``; the echo is snake_case, omits what was not
    sent, always has ``filter_groups``, shows ``condition_type`` ``eq`` when defaulted.
``fields.apply_fields(body, fields)``
    ``fields=`` partial responses (FieldsFilter), applied by the dispatcher to every response.
``mysql_number(value)`` / ``mysql_datetime(value, date_only=False)``
    What MySQL makes of a string compared with a number / a DATETIME (or DATE) column; a non-date
    is the zero date (search/temporal.py).

Known deviations from MySQL (documented, tested where they show)
---------------------------------------------------------------
* Case-insensitivity is SQLite's NOCASE: ASCII letters only; MySQL's utf8_general_ci also folds
  accents and non-ASCII case. Ordering of ``[\\]^_``` against letters follows NOCASE (lower
  case), not general_ci (upper case).
* PAD SPACE: trailing spaces of the *value* are ignored in comparisons; trailing spaces of
  *stored* text are not (no index-friendly way in SQLite).
* Text matching on numeric fields (``like``, ``finset``, ``regexp``) sees the number as the API
  writes it (``"10"``), not MySQL's DECIMAL text (``"10.0000"``).
* LIKE is case-insensitive (ASCII) even on ``nocase=False`` fields.
* REGEXP uses Python's ``re`` (MySQL 8 uses ICU); both are case-insensitive here.
* Row order without sort orders and ties are id ascending (MySQL leaves them unspecified).
"""
from fake_magento.search.criteria import Filter, FilterGroup, SearchCriteria, SortOrder, parse_search_criteria
from fake_magento.search.result import search_result
from fake_magento.search.sql import (
                                     EntitySearch,
                                     Field,
                                     condition_sql,
                                     mysql_datetime,
                                     mysql_number,
                                     run_search,
)

__all__ = ["EntitySearch", "Field", "Filter", "FilterGroup", "SearchCriteria", "SortOrder", "condition_sql",
           "mysql_datetime", "mysql_number", "parse_search_criteria", "run_search", "search_result"]
