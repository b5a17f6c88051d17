"""A store view's row of a global attribute: written while the attribute was not global (a price saved
per website, then catalog/price/scope set back to global). Magento reads it three ways:

* the product's own load (GET /V1/products/{sku}, module-eav ReadHandler::execute): store 0's value;
* getList's collection (Catalog AbstractCollection::_getLoadAttributesSelect): the view's value, except
  that a global price makes every decimal attribute read store 0's;
* filters and sorts (AbstractCollection::_joinAttributeToSelect): store 0's value.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.support import RestClient, admin_token, make_app, search_query

SKU = "EDGE-VIEW-OVERRIDES"   # admin price 20, a de price row of 18.5 (seed/edge.py)


@pytest.fixture(params=[0, 1], ids=["price-global", "price-website"])
def shop(request: pytest.FixtureRequest) -> Iterator[tuple[Any, RestClient, int]]:
    app = make_app(profile="edge", price_scope=request.param)
    backend = app.extensions["fake_magento"]
    client = app.test_client()
    yield backend, RestClient(client, admin_token(client, backend)), request.param
    backend.close()


def listed(rest: RestClient, store: str, field: str, value: Any, sku: str = SKU) -> list[dict[str, Any]]:
    query = search_query([[(field, value, "eq")], [("sku", sku, "eq")]])
    return rest.get(f"/rest/{store}/V1/products?{query}").get_json()["items"]


def set_store_row(backend: Any, code: str, store: str, value: str, sku: str = SKU) -> None:
    store_id = backend.stores.scope_for_code(store).store_id
    with backend.db.write() as conn:
        product_id = conn.execute("SELECT entity_id FROM catalog_product_entity WHERE sku=?", (sku,)).fetchone()[0]
        conn.execute("INSERT OR REPLACE INTO catalog_product_value(entity_id, store_id, attribute_code, value)"
                     " VALUES (?,?,?,?)", (product_id, store_id, code, value))


def custom(product: dict[str, Any], code: str) -> Any:
    return next((a["value"] for a in product.get("custom_attributes", []) if a["attribute_code"] == code), None)


def test_the_price_a_view_reads(shop: tuple[Any, RestClient, int]) -> None:
    _, rest, price_scope = shop
    view_price = 18.5 if price_scope == 1 else 20
    product = rest.get(f"/rest/de/V1/products/{SKU}").get_json()
    assert (product["name"], product["price"]) == ("Reisebecher", view_price)  # the name is the view's either way
    [item] = listed(rest, "de", "sku", SKU, sku=SKU)
    assert (item["name"], item["price"]) == ("Reisebecher", view_price)
    assert [i["sku"] for i in listed(rest, "de", "price", view_price)] == [SKU]
    assert listed(rest, "de", "price", 38.5 - view_price) == []   # the other of 18.5 and 20
    assert rest.get(f"/rest/all/V1/products/{SKU}").get_json()["price"] == 20


def test_a_view_row_of_a_global_decimal_attribute(shop: tuple[Any, RestClient, int]) -> None:
    backend, rest, price_scope = shop
    set_store_row(backend, "weight", "de", "7.000000")   # weight is global
    admin_weight = rest.get(f"/rest/all/V1/products/{SKU}").get_json().get("weight")
    assert admin_weight != 7
    assert rest.get(f"/rest/de/V1/products/{SKU}").get_json().get("weight") == admin_weight
    [item] = listed(rest, "de", "sku", SKU)
    # in the collection the view's row wins, unless the (global) price took the decimal table to store 0
    assert item.get("weight") == (admin_weight if price_scope == 0 else 7)
    assert listed(rest, "de", "weight", 7) == []


def test_a_view_row_of_a_global_select_attribute(shop: tuple[Any, RestClient, int]) -> None:
    backend, rest, _ = shop
    set_store_row(backend, "manufacturer", "de", "99999")
    assert custom(rest.get(f"/rest/de/V1/products/{SKU}").get_json(), "manufacturer") != "99999"
    [item] = listed(rest, "de", "sku", SKU)
    assert custom(item, "manufacturer") == "99999"
    assert listed(rest, "de", "manufacturer", "99999") == []
