"""The product list's custom filters (Catalog/etc/di.xml ProductFilterProcessor): category and website.

Both are applied to the collection directly, so they are AND-ed wherever they sit in the criteria.

category_id (Catalog/Model/Api/SearchCriteria/CollectionProcessor/FilterProcessor/ProductCategoryFilter,
ResourceModel/Product/Collection::addCategoriesFilter): the filter's condition type (``eq`` when none is
sent) decides. ``in``/``nin`` explode a string value on commas; any other type keeps the value whole,
and ``category_id IN ('3,4')`` reads it as MySQL reads a string compared with a number: 3. Then ``eq``
becomes ``in`` and ``neq`` ``nin`` on the product id; any other type compares the product id with the
sub-select, which MySQL refuses when it returns more than one row (a masked 500). Measured on the
2.4.7-p3 sandbox (categories 3 and 4, products in 3, in 4, in both): ``3,4`` with no type -> only
category 3's products, ``4,3`` -> only 4's, ``in`` -> both, ``eq`` -> 3's, ``neq 3,4`` -> not in 3,
``nin`` -> in neither, `` 4``/``4abc`` -> 4's, ``abc`` -> none, ``in 3,abc`` -> 3's; ``gt``, ``gteq``,
``from``, ``like``, ``finset`` on a two-product category -> 500; ``moreq``, ``EQ``, ``In``, ``null`` ->
none; ``notnull`` -> all.

website_id (ProductWebsiteFilter, Collection::addWebsiteFilter, StoreManager::getWebsite): the condition
type is ignored. A value with a comma is exploded and each part cast to int; otherwise the value names
one website: empty -> the current store's website, numeric -> by id, else by code; unknown -> 404.
Measured on the sandbox: ``99`` -> 404 "The website with id 99 that was requested wasn't found. Verify
the website and try again.", ``abc`` and ``1abc`` -> the same with "code abc", `` 1`` and ``1.0`` -> "id  1",
"id 1.0"; ``eu`` -> the eu website's products; ``0`` -> none.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from fake_magento.errors import InternalError, NoSuchEntityError
from fake_magento.search import Filter, mysql_number

if TYPE_CHECKING:
    from fake_magento.backend.catalog import CatalogService
    from fake_magento.backend.scope import StoreScope

Where = tuple[str, list[Any]]
_IN_CATEGORY = "SELECT product_id FROM catalog_category_product WHERE category_id IN ({})"
# prepareSqlCondition with a sub-select: these compare e.entity_id with it as a scalar.
_SCALAR = {"gt": ">", "gteq": ">=", "lt": "<", "lteq": "<=", "from": ">=", "to": "<=", "seq": "=", "sneq": "!=",
           "like": "LIKE", "nlike": "NOT LIKE", "regexp": "REGEXP"}
_SCALAR_FUNCTIONS = {"finset", "nfinset", "ntoa"}
_PHP_NUMERIC = re.compile(r"^[ \t\n\r\v\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?[ \t\n\r\v\f]*$")


def _category_values(flt: Filter) -> list[Any]:
    value = flt.value
    if isinstance(value, list):
        return [mysql_number(v) for v in value]
    if flt.condition_type in ("in", "nin") and isinstance(value, str):
        return [mysql_number(v) for v in value.split(",")]
    return [None if value is None else mysql_number(value)]


def category_filter(catalog: CatalogService, flt: Filter) -> Where:
    values = _category_values(flt)
    ctype = {"eq": "in", "neq": "nin"}.get(flt.condition_type, flt.condition_type)
    marks = ",".join("?" for _ in values)
    sub = _IN_CATEGORY.format(marks)
    if ctype in ("in", "nin"):
        return f"p.entity_id {'NOT ' if ctype == 'nin' else ''}IN ({sub})", values
    if ctype == "null":
        return "0", []
    if ctype == "notnull":
        return "1", []
    if ctype == "is":
        raise InternalError("SQLSTATE[42000]: Syntax error near IS")
    if ctype not in _SCALAR and ctype not in _SCALAR_FUNCTIONS:
        # An unknown key: the sub-select object is cast to its SQL text, compared with the id: never equal.
        return "0", []
    rows = catalog.db.query(sub, values)
    if len(rows) > 1:
        raise InternalError("SQLSTATE[21000]: Cardinality violation: 1242 Subquery returns more than 1 row")
    if not rows:
        return "0", []   # a comparison with NULL
    product_id = rows[0][0]
    if ctype in _SCALAR_FUNCTIONS:
        function = {"finset": "find_in_set(?, p.entity_id)", "nfinset": "NOT find_in_set(?, p.entity_id)",
                    "ntoa": "inet_ntoa(p.entity_id) LIKE ?"}[ctype]
        return function, [str(product_id)]
    return f"p.entity_id {_SCALAR[ctype]} ?", [product_id]


def website_filter(catalog: CatalogService, scope: StoreScope, flt: Filter) -> Where:
    value = flt.value
    if isinstance(value, str) and "," in value:
        ids = [int(mysql_number(v)) for v in value.split(",")]
    else:
        ids = [_website_id(catalog, scope, value)]
    marks = ",".join("?" for _ in ids)
    return f"p.entity_id IN (SELECT product_id FROM catalog_product_website WHERE website_id IN ({marks}))", ids


def _website_id(catalog: CatalogService, scope: StoreScope, value: Any) -> int:
    """StoreManager::getWebsite: '' or null -> the current store's; numeric -> by id; else by code."""
    text = "" if value is None else str(value)
    websites = catalog.stores.websites()
    if text == "":
        return scope.website_id
    if _PHP_NUMERIC.match(text):
        found = [w for w in websites if str(w["website_id"]) == text]
        kind = "id"
    else:
        found = [w for w in websites if w["code"] == text]
        kind = "code"
    if not found:
        # WebsiteRepository::getById / get: the message comes rendered, without parameters.
        raise NoSuchEntityError(f"The website with {kind} {text} that was requested wasn't found. "
                                "Verify the website and try again.")
    return int(found[0]["website_id"])
