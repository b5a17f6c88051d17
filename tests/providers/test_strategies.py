"""Every strategy's output is accepted by the emulator, and generated searchCriteria parse."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fake_magento import strategies as ms
from fake_magento.backend.directory import directory
from fake_magento.http.query import parse_query
from fake_magento.packs import apply_pack, validate
from fake_magento.search import parse_search_criteria
from fake_magento.search.criteria import Filter, FilterGroup, SearchCriteria, SortOrder
from tests.support import RestClient, admin_token, make_app

FEW = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                      HealthCheck.too_slow])
CHILDREN = [("STRAT-CHILD-1", "49"), ("STRAT-CHILD-2", "50"), ("STRAT-CHILD-3", "52")]


@pytest.fixture(scope="module")
def shop() -> Iterator[Any]:
    app = make_app("minimal")
    flask_client = app.test_client()
    admin = RestClient(flask_client, admin_token(flask_client, app.extensions["fake_magento"]))
    admin.children = {}
    for sku, colour in CHILDREN:
        answer = admin.post("/products", {"product": {
            "sku": sku, "name": sku, "type_id": "simple", "attribute_set_id": 4, "price": 5, "visibility": 1,
            "custom_attributes": [{"attribute_code": "color", "value": colour}],
            "extension_attributes": {"stock_item": {"qty": 10, "is_in_stock": True}}}})
        assert answer.status_code == 200, answer.get_json()
        admin.children[sku] = (answer.get_json()["id"], int(colour))
    admin.color_id = admin.get("/products/attributes/color").get_json()["attribute_id"]
    yield admin
    app.extensions["fake_magento"].close()


def _accepted(shop: Any, body: dict[str, Any]) -> dict[str, Any]:
    answer = shop.post("/rest/all/V1/products", body)
    assert answer.status_code == 200, (body, answer.get_json())
    sku = body["product"]["sku"]
    read = shop.get(f"/rest/all/V1/products/{quote(sku, safe='')}").get_json()
    assert read["sku"] == sku and read["type_id"] == body["product"]["type_id"]
    assert shop.delete(f"/rest/all/V1/products/{quote(sku, safe='')}").status_code == 200
    return read


@FEW
@given(body=st.one_of(ms.simple_products(), ms.virtual_products(), ms.downloadable_products()))
def test_standalone_products_are_accepted(shop: Any, body: dict[str, Any]):
    read = _accepted(shop, body)
    if "price" in body["product"]:
        assert read["price"] == body["product"]["price"]


@FEW
@given(data=st.data())
def test_composite_products_are_accepted(shop: Any, data: Any):
    skus = [sku for sku, _ in CHILDREN]
    body = data.draw(st.one_of(ms.bundle_products(skus), ms.grouped_products(skus),
                               ms.configurable_products(shop.color_id, list(shop.children.values()))))
    read = _accepted(shop, body)
    ext = read["extension_attributes"]
    if read["type_id"] == "bundle":
        assert len(ext["bundle_product_options"]) == len(body["product"]["extension_attributes"]
                                                         ["bundle_product_options"])
    elif read["type_id"] == "configurable":
        assert sorted(ext["configurable_product_links"]) == \
            sorted(body["product"]["extension_attributes"]["configurable_product_links"])
    else:
        assert [link["linked_product_sku"] for link in read["product_links"]] == \
            [link["linked_product_sku"] for link in body["product"]["product_links"]]


def test_products_refuses_an_unknown_type():
    with pytest.raises(ValueError, match="type_id 'foo' is not one of"):
        ms.products("foo")


@FEW
@given(body=ms.customers())
def test_customers_are_accepted_with_their_regions(shop: Any, body: dict[str, Any]):
    answer = shop.post("/customers", body)
    assert answer.status_code == 200, (body, answer.get_json())
    saved = answer.get_json()
    for sent, read in zip(body["customer"]["addresses"], saved["addresses"], strict=True):
        expected = sent.get("region") or {"region_code": None, "region": None, "region_id": 0}
        assert read["region"] == {k: expected[k] for k in ("region_code", "region", "region_id")}
    assert shop.delete(f"/customers/{saved['id']}").status_code == 200


@settings(max_examples=30, deadline=None)
@given(address=ms.addresses())
def test_addresses_pair_a_country_with_one_of_its_regions(address: dict[str, Any]):
    if "region_id" in address:
        assert directory().get(address["region_id"]).country_id == address["country_id"]
    else:
        assert not directory().has_regions(address["country_id"])


@settings(max_examples=4, deadline=None)
@given(pack=ms.order_packs(max_orders=3))
def test_order_packs_validate_and_load(pack: dict[str, Any]):
    app = make_app("minimal")
    try:
        mapping = apply_pack(app, validate(pack))
        backend = app.extensions["fake_magento"]
        for order in pack["orders"]:
            state = backend.sales.get(mapping["orders"][order["ref"]]["id"])["state"]
            assert state == order["state"] or (order["state"] in ("processing", "complete") and state == "complete")
    finally:
        app.extensions["fake_magento"].close()


def _expected(criteria: dict[str, Any]) -> SearchCriteria:
    return SearchCriteria(
        filter_groups=tuple(FilterGroup(tuple(Filter(f["field"], f["value"], f["condition_type"]) for f in g["filters"]))
                            for g in criteria["filter_groups"]),
        sort_orders=tuple(SortOrder(s["field"], s["direction"]) for s in criteria["sort_orders"])
        if "sort_orders" in criteria else None,
        page_size=criteria["page_size"], current_page=criteria.get("current_page"))


@settings(max_examples=60, deadline=None)
@given(entity=st.sampled_from(sorted(ms.SEARCH_FIELDS)), data=st.data())
def test_search_queries_parse_to_the_criteria_drawn(entity: str, data: Any):
    criteria = data.draw(ms.search_criteria(entity))
    parsed = parse_search_criteria(parse_query(ms.to_query(criteria)))
    assert parsed == _expected(criteria)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entity=st.sampled_from(sorted(ms.SEARCH_FIELDS)), data=st.data())
def test_search_queries_are_answered(shop: Any, entity: str, data: Any):
    query = data.draw(ms.search_queries(entity))
    route = {"products": "/products", "orders": "/orders", "customers": "/customers/search"}[entity]
    answer = shop.get(f"{route}?{query}")
    assert answer.status_code == 200, (query, answer.get_json())
    assert isinstance(answer.get_json()["total_count"], int)
